/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The display language is a preference of the lab protocol: Edit → Preferences → Protocols →
 * Lab Handshake, or `-o lab.language:zh_cn` for tshark and wireshark. It only changes how
 * results are drawn: the stored per-frame results are numbers and flags, so a change takes
 * effect on the redissection Wireshark does after a protocol preference changed (the open
 * capture is redrawn at once), and filters give the same answer in every language. */
#include "lab_language.h"

#include <epan/prefs.h>

#include "core/lab_msg.h"

static gint language = LAB_LANG_EN;

/* The choices, made from the catalogue's language list (lab_msg.c): the names are what -o
 * and the preferences file take, lower case ("zh_cn"; Wireshark compares them ignoring case,
 * so "zh_CN" is still accepted), the descriptions what the Preferences dialog shows. */
static enum_val_t languages[LAB_LANG_COUNT + 1];

static void apply_language(void)
{
    lab_msg_set_language((lab_lang)language);
}

void lab_language_register(int proto)
{
    for (unsigned i = 0; i < LAB_LANG_COUNT; i++)
        languages[i] = (enum_val_t){ lab_lang_code((lab_lang)i), lab_lang_name((lab_lang)i), (gint)i };
    languages[LAB_LANG_COUNT] = (enum_val_t){ NULL, NULL, -1 };
    module_t *module = prefs_register_protocol(proto, apply_language);
    prefs_register_enum_preference(module, "language", "Language / 语言",
                                   "The language of everything Lab Handshake writes for people: the step "
                                   "sentences, the Info column labels, expert infos and statistics. "
                                   "Field names and the values filters compare with stay the same in every "
                                   "language. 实验讲解使用的语言。",
                                   &language, languages, FALSE);
    apply_language();
}
