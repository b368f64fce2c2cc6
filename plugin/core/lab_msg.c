/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Looking up the catalogue (lab_msg.h); the texts themselves are in lab_msg_<lang>.c. */
#include "lab_msg.h"

#include "lab_types.h"

#include <stddef.h>

/* The display-name blocks of lab_msg.h follow the core's enums one to one. */
_Static_assert(LAB_MSG_STATE_TIME_WAIT - LAB_MSG_STATE_CLOSED + 1 == LAB_ST_COUNT, "state names");
_Static_assert(LAB_MSG_PHASE_UNKNOWN - LAB_MSG_PHASE_HANDSHAKE + 1 == LAB_PHASE_COUNT, "phase names");
_Static_assert(LAB_MSG_KIND_HALF_CLOSED - LAB_MSG_KIND_NONE + 1 == LAB_CLOSE_COUNT, "close kinds");
_Static_assert(LAB_MSG_SEQCHK_FIRST_SEEN - LAB_MSG_SEQCHK_IN_ORDER + 1 == LAB_SEQ_COUNT, "seq checks");
_Static_assert(LAB_MSG_ACKCHK_OLD - LAB_MSG_ACKCHK_NONE + 1 == LAB_ACK_COUNT, "ack checks");
_Static_assert(LAB_MSG_CLOSER_BOTH - LAB_MSG_CLOSER_NONE + 1 == LAB_CLOSER_COUNT, "closers");
_Static_assert(LAB_MSG_VCLASS_SERVER_CLOSED - LAB_MSG_VCLASS_OPEN + 1 == LAB_VERDICT_COUNT, "verdicts");
_Static_assert(LAB_MSG_SWITCH_TUNNEL - LAB_MSG_SWITCH_NONE + 1 == LAB_SWITCH_COUNT, "switches");
_Static_assert(LAB_MSG_RST_MIDSTREAM - LAB_MSG_RST_REFUSED == LAB_RST_MIDSTREAM, "reset sentences");
_Static_assert(LAB_MSG_RSTCTX_MIDSTREAM - LAB_MSG_RSTCTX_REFUSED == LAB_RST_MIDSTREAM, "reset contexts");

_Static_assert(LAB_MSG_LINE_PARALLEL - LAB_MSG_LINE_CONN_SO_FAR == LAB_MSG_LINE_FINAL_PARALLEL - LAB_MSG_LINE_CONN_WHOLE,
               "lab.conn and lab.final lines in the same order");

/* THE list of languages: the code -o and the preferences file take (lower case, as
 * Wireshark's enum preferences are named), the name the Preferences dialog shows (in its own
 * language), and the table. A new language is one row here, one lab_lang value in lab_msg.h
 * and one table file (HACKING.md, "Add a language"). */
static const struct {
    const char *code;
    const char *name;
    const char *const *table;
} languages[LAB_LANG_COUNT] = {
    [LAB_LANG_EN] = { "en", "English", lab_msg_table_en },
    [LAB_LANG_ZH_CN] = { "zh_cn", "简体中文 (Simplified Chinese)", lab_msg_table_zh_cn },
};

static lab_lang current = LAB_LANG_EN;

void lab_msg_set_language(lab_lang lang)
{
    current = (unsigned)lang < LAB_LANG_COUNT ? lang : LAB_LANG_EN;
}

lab_lang lab_msg_language(void) { return current; }

const char *const *lab_msg_table(lab_lang lang)
{
    return languages[(unsigned)lang < LAB_LANG_COUNT ? lang : LAB_LANG_EN].table;
}

const char *lab_lang_code(lab_lang lang)
{
    return languages[(unsigned)lang < LAB_LANG_COUNT ? lang : LAB_LANG_EN].code;
}

const char *lab_lang_name(lab_lang lang)
{
    return languages[(unsigned)lang < LAB_LANG_COUNT ? lang : LAB_LANG_EN].name;
}

const char *lab_msg_in(lab_lang lang, lab_msg_id id)
{
    if ((unsigned)id >= LAB_MSG_COUNT || (unsigned)lang >= LAB_LANG_COUNT)
        return NULL;
    return lab_msg_table(lang)[id];
}

const char *lab_msg(lab_msg_id id)
{
    const char *text = lab_msg_in(current, id);
    if (!text)
        text = lab_msg_in(LAB_LANG_EN, id);
    return text ? text : "";
}

/* The i-th name of a block of count messages starting at first; "?" out of range. */
static const char *block(lab_msg_id first, unsigned count, unsigned i)
{
    return i < count ? lab_msg((lab_msg_id)(first + i)) : "?";
}

const char *lab_msg_role(unsigned dir) { return block(LAB_MSG_ROLE_CLIENT, 2, dir); }
const char *lab_msg_peer_role(unsigned dir) { return block(LAB_MSG_ROLE_CLIENT, 2, dir ^ 1u); }
const char *lab_msg_arrow(unsigned dir) { return block(LAB_MSG_ARROW_C2S, 2, dir); }
const char *lab_msg_state(unsigned state) { return block(LAB_MSG_STATE_CLOSED, LAB_ST_COUNT, state); }
const char *lab_msg_phase(unsigned phase) { return block(LAB_MSG_PHASE_HANDSHAKE, LAB_PHASE_COUNT, phase); }
const char *lab_msg_close_kind(unsigned kind) { return block(LAB_MSG_KIND_NONE, LAB_CLOSE_COUNT, kind); }
const char *lab_msg_seq_check(unsigned check) { return block(LAB_MSG_SEQCHK_IN_ORDER, LAB_SEQ_COUNT, check); }
const char *lab_msg_ack_check(unsigned check) { return block(LAB_MSG_ACKCHK_NONE, LAB_ACK_COUNT, check); }
const char *lab_msg_closer(unsigned closer) { return block(LAB_MSG_CLOSER_NONE, LAB_CLOSER_COUNT, closer); }
const char *lab_msg_verdict_class(unsigned verdict) { return block(LAB_MSG_VCLASS_OPEN, LAB_VERDICT_COUNT, verdict); }
const char *lab_msg_switch(unsigned sw) { return block(LAB_MSG_SWITCH_NONE, LAB_SWITCH_COUNT, sw); }
const char *lab_msg_reset_context(unsigned ctx) { return block(LAB_MSG_RSTCTX_REFUSED, LAB_RST_MIDSTREAM + 1, ctx); }
const char *lab_msg_bool(int value) { return lab_msg(value ? LAB_MSG_TRUE : LAB_MSG_FALSE); }
