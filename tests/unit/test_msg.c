/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The message catalogue: every message in every language, the same numbers in each, and
 * Chinese sentences written in Chinese. */
#include "lab_msg.h"
#include "lab_short.h"
#include "lab_text.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages that may be empty in some language (a separator Chinese does not need). */
static int may_be_empty(lab_msg_id id)
{
    return id == LAB_MSG_NOTE_SEPARATOR;
}

static void every_message_in_every_language(void)
{
    for (unsigned lang = 0; lang < LAB_LANG_COUNT; lang++) {
        const char *const *table = lab_msg_table((lab_lang)lang);
        for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
            const char *text = table[id];
            if (!text || (!text[0] && !may_be_empty((lab_msg_id)id)))
                printf("\n    %s: message %u has no text", lab_lang_code((lab_lang)lang), id);
            CU_ASSERT_PTR_NOT_NULL_FATAL(text);
            CU_ASSERT_TRUE(text[0] || may_be_empty((lab_msg_id)id));
        }
    }
}

/* The printf conversions of a message, in order ("%u%s%.1f"). */
static void conversions(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (*p != '%')
            continue;
        const char *start = p++;
        if (*p == '%')
            continue;
        while (*p && !isalpha((unsigned char)*p))
            p++;
        while (*p == 'l' || *p == 'h' || *p == 'z')
            p++;
        for (const char *q = start; q <= p && *q && n + 1 < size; q++)
            out[n++] = *q;
        if (!*p)
            break;
    }
    out[n] = '\0';
}

static void same_conversions_in_every_language(void)
{
    char en[64], other[64];
    for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
        conversions(lab_msg_in(LAB_LANG_EN, (lab_msg_id)id), en, sizeof(en));
        for (unsigned lang = 1; lang < LAB_LANG_COUNT; lang++) {
            conversions(lab_msg_in((lab_lang)lang, (lab_msg_id)id), other, sizeof(other));
            if (strcmp(en, other) != 0)
                printf("\n    message %u: \"%s\" in English, \"%s\" in %s", id, en, other,
                       lab_lang_code((lab_lang)lang));
            CU_ASSERT_STRING_EQUAL(en, other);
        }
    }
}

static void no_markdown_on_screen(void)
{
    for (unsigned lang = 0; lang < LAB_LANG_COUNT; lang++)
        for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
            const char *text = lab_msg_in((lab_lang)lang, (lab_msg_id)id);
            CU_ASSERT_PTR_NULL(strchr(text, '`'));
            CU_ASSERT_PTR_NULL(strstr(text, "**"));
        }
}

/* English words a Chinese sentence keeps as they are: TCP flags, names of protocols and
 * mechanisms and file formats as abbreviations, RFC 9293 state names, HTTP header names and values and the
 * reason phrases of the status lines, as they appear on the wire. */
static const char *const kept_words[] = {
    "SYN", "ACK", "FIN", "RST", "PSH", "URG",
    "TCP", "HTTP", "HTTP/1.0", "HTTP/1.1", "ISN", "TFO", "RFC", "2MSL", "SVG",
    "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
    "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT",
    "Connection", "close", "keep-alive", "Keep-Alive", "timeout", "Range", "If-None-Match",
    "If-Modified-Since", "Not", "Modified", "Partial", "Content",
    "Switching", "Protocols", "Upgrade", "CONNECT", "TLS", "HTTP/2", "HTTP/1", "SSLKEYLOGFILE", "Wireshark",
};

static int kept(const char *word)
{
    for (size_t i = 0; i < sizeof(kept_words) / sizeof(kept_words[0]); i++)
        if (strcmp(word, kept_words[i]) == 0)
            return 1;
    return 0;
}

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '/' || c == '.' || c == '_';
}

/* The English words of a message that are not kept words; 0 if none. */
static int stray_english(const char *text, char *word, size_t size)
{
    const char *p = text;
    while (*p) {
        if (*p == '%') { /* a conversion: %u, %.1f, %s */
            p++;
            while (*p && !isalpha((unsigned char)*p))
                p++;
            if (*p)
                p++;
            continue;
        }
        if (!word_char(*p) || (*p & 0x80)) {
            p++;
            continue;
        }
        size_t n = 0;
        int letters = 0;
        while (word_char(*p)) {
            letters |= isalpha((unsigned char)*p);
            if (n + 1 < size)
                word[n++] = *p;
            p++;
        }
        while (n > 0 && (word[n - 1] == '.' || word[n - 1] == '-' || word[n - 1] == '/'))
            n--;
        word[n] = '\0';
        if (letters && !kept(word))
            return 1;
    }
    return 0;
}

static void chinese_is_chinese(void)
{
    char word[64];
    for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
        const char *text = lab_msg_in(LAB_LANG_ZH_CN, (lab_msg_id)id);
        /* the ladder's tshark option syntax, the plugin's name, and kB are kept as written */
        if (strstr(text, "lab,ladder") || strstr(text, "Lab Handshake") || strstr(text, "kB"))
            continue;
        int stray = stray_english(text, word, sizeof(word));
        if (stray)
            printf("\n    message %u has the English word \"%s\": %s", id, word, text);
        CU_ASSERT_FALSE(stray);
    }
}

/* The numbers written into a message itself (outside its conversions), as a set of up to
 * 32 small values; Chinese ordinals 第一次…第四次 count as 1…4. The state names' Chinese
 * glosses (终止等待1) and 2MSL carry no fact of the packet and are left out. */
static unsigned long long literal_numbers(const char *text)
{
    static const char *const glosses[] = { "终止等待1", "终止等待2", "2MSL" };
    static const char *const ordinals[] = { "第一次", "第二次", "第三次", "第四次" };
    unsigned long long set = 0;
    const char *p = text;
    while (*p) {
        int skipped = 0;
        for (size_t i = 0; i < 3 && !skipped; i++)
            if (strncmp(p, glosses[i], strlen(glosses[i])) == 0) {
                p += strlen(glosses[i]);
                skipped = 1;
            }
        for (size_t i = 0; i < 4 && !skipped; i++)
            if (strncmp(p, ordinals[i], strlen(ordinals[i])) == 0) {
                set |= 1ull << (i + 1);
                p += strlen(ordinals[i]);
                skipped = 1;
            }
        if (skipped)
            continue;
        if (*p == '%') {
            p++;
            while (*p && !isalpha((unsigned char)*p))
                p++;
            if (*p)
                p++;
            continue;
        }
        if (isdigit((unsigned char)*p) && (p == text || !isalpha((unsigned char)p[-1]))) {
            unsigned long v = strtoul(p, NULL, 10);
            while (isdigit((unsigned char)*p))
                p++;
            if (isalpha((unsigned char)*p)) /* part of a name such as 2MSL */
                continue;
            set |= 1ull << (v < 63 ? v : 63);
            continue;
        }
        p++;
    }
    return set;
}

static void same_literal_numbers(void)
{
    for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
        /* the Info label's step names: Chinese names the step by its ordinal (第一次握手),
         * English by the place that follows ("Handshake 1/3"), which both languages print */
        if (id >= LAB_MSG_SHORT_HEAD_HS_1 && id <= LAB_MSG_SHORT_HEAD_RESET)
            continue;
        unsigned long long en = literal_numbers(lab_msg_in(LAB_LANG_EN, (lab_msg_id)id));
        for (unsigned lang = 1; lang < LAB_LANG_COUNT; lang++) {
            unsigned long long other = literal_numbers(lab_msg_in((lab_lang)lang, (lab_msg_id)id));
            if (en != other)
                printf("\n    message %u: numbers %llx in English, %llx in %s", id, en, other,
                       lab_lang_code((lab_lang)lang));
            CU_ASSERT_EQUAL(en, other);
        }
    }
}

/* A UTF-8 string is well formed. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        p++;
        while (n-- > 0)
            if ((*p++ & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* The sentences in Chinese, on the seeds' examples. */
static void chinese_sentences(void)
{
    char buf[LAB_TEXT_MAX];
    scenario s;
    scenario_start(&s);
    lab_msg_set_language(LAB_LANG_ZH_CN);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack3 = scenario_send(&s, C2S, ACK, 1, 1, 0);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 534);
    lab_annotation ack = scenario_send(&s, S2C, ACK, 1, 535, 0);
    lab_annotation f1 = scenario_send(&s, S2C, FIN | ACK, 1, 535, 0);
    lab_annotation f2 = scenario_send(&s, C2S, ACK, 535, 2, 0);
    lab_annotation f3 = scenario_send(&s, C2S, FIN | ACK, 535, 2, 0);
    lab_annotation f4 = scenario_send(&s, S2C, ACK, 2, 536, 0);

    CU_ASSERT_STRING_EQUAL(lab_text_step(&syn, buf, sizeof(buf)),
        "第一次握手 1/3（SYN：客户端发出连接请求报文段，请求建立连接；它的初始序号 ISN 记为相对序号 0）");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&synack, buf, sizeof(buf)),
        "第二次握手 2/3（SYN+ACK：服务器同意建立连接，确认客户端的 SYN，并发出自己的初始序号 ISN）");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&ack3, buf, sizeof(buf)), "第三次握手 3/3（ACK：客户端确认服务器的 SYN；连接已建立）");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&ack, buf, sizeof(buf)), "确认号 535 = 客户端的序号 1 + 长度 534 ✓");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&synack, buf, sizeof(buf)), "确认号 1 = 客户端的序号 0 + SYN 1 ✓");
    CU_ASSERT_STRING_EQUAL(lab_text_seq(&syn, buf, sizeof(buf)),
        "序号 0（客户端的初始序号 ISN，相对值），长度 0；SYN 消耗 1 个序号 → 下一个序号 1");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&f1, buf, sizeof(buf)),
        "第一次挥手（FIN：服务器已没有数据要发送，发出连接释放报文段，开始关闭连接）");
    CU_ASSERT_STRING_EQUAL(lab_text_states(&f1, buf, sizeof(buf)),
        "客户端状态：ESTABLISHED（已建立连接）    服务器状态：FIN-WAIT-1（终止等待1）"
        "  （此报文段到达时，客户端由 ESTABLISHED（已建立连接） 变为 CLOSE-WAIT（关闭等待））");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&f2, buf, sizeof(buf)),
        "第二次挥手 2/4（ACK：客户端确认服务器的 FIN；在发出自己的 FIN 之前它仍可发送数据——四次挥手）");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&f3, buf, sizeof(buf)), "第三次挥手 3/4（FIN：客户端也关闭自己这一方——四次挥手）");
    CU_ASSERT_STRING_EQUAL(lab_text_step(&f4, buf, sizeof(buf)),
        "第四次挥手 4/4（ACK：服务器确认客户端的 FIN——四次挥手；先关闭的服务器处于 TIME-WAIT（时间等待），"
        "等待 2MSL 后才进入 CLOSED（关闭））");
    CU_ASSERT_STRING_EQUAL(lab_short_info(&f1, buf, sizeof(buf)), "第一次挥手 1 FIN（开始关闭连接）");
    CU_ASSERT_STRING_EQUAL(lab_short_info(&f4, buf, sizeof(buf)), "第四次挥手 4/4 ACK");
    CU_ASSERT_STRING_EQUAL(lab_short_info(&syn, buf, sizeof(buf)), "第一次握手 1/3 SYN");
    CU_ASSERT_STRING_EQUAL(lab_text_state_line(&f3, LAB_DIR_S2C, buf, sizeof(buf)),
        "服务器状态：FIN-WAIT-2（终止等待2） → TIME-WAIT（时间等待）（此报文段到达时）");

    /* the same packets in English say the same thing */
    lab_msg_set_language(LAB_LANG_EN);
    CU_ASSERT_STRING_EQUAL(lab_short_info(&f1, buf, sizeof(buf)), "Close 1 FIN (starts the close)");
    CU_ASSERT_STRING_EQUAL(lab_short_info(&f4, buf, sizeof(buf)), "Close 4/4 ACK");
    CU_ASSERT_STRING_EQUAL(lab_text_state_line(&f3, LAB_DIR_S2C, buf, sizeof(buf)),
        "Server state: FIN-WAIT-2 → TIME-WAIT when this segment arrives");

    /* cut anywhere, a Chinese line stays valid UTF-8 */
    lab_msg_set_language(LAB_LANG_ZH_CN);
    for (size_t size = 1; size < 200; size++) {
        char small[200];
        lab_text_step(&f4, small, size);
        CU_ASSERT_TRUE(strlen(small) < size);
        CU_ASSERT_TRUE(valid_utf8(small));
        lab_text_states(&f1, small, size);
        CU_ASSERT_TRUE(valid_utf8(small));
        /* the top line's text, cut to the room left on Wireshark's label */
        char step[LAB_TEXT_MAX];
        lab_text_format(small, size, lab_msg(LAB_MSG_TOP_STEP), lab_text_step(&f4, step, sizeof(step)));
        CU_ASSERT_TRUE(strlen(small) < size);
        CU_ASSERT_TRUE(valid_utf8(small));
    }
    char whole[LAB_TEXT_MAX], step[LAB_TEXT_MAX];
    CU_ASSERT_STRING_EQUAL(lab_text_format(whole, sizeof(whole), "%s/%u", lab_text_step(&f3, step, sizeof(step)), 7u),
                           "第三次挥手 3/4（FIN：客户端也关闭自己这一方——四次挥手）/7");
    CU_ASSERT_STRING_EQUAL(lab_text_format(whole, 4, "%s", "第三"), "第");
    CU_ASSERT_STRING_EQUAL(lab_text_format(whole, 3, "%s", "第三"), "");
    lab_msg_set_language(LAB_LANG_EN);
    scenario_end(&s);
}

/* The longest sentence fits LAB_TEXT_MAX in every language (nothing is cut on screen). */
static void longest_sentences_fit(void)
{
    size_t longest = 0;
    for (unsigned lang = 0; lang < LAB_LANG_COUNT; lang++)
        for (unsigned id = 0; id < LAB_MSG_COUNT; id++) {
            size_t n = strlen(lab_msg_in((lab_lang)lang, (lab_msg_id)id));
            longest = n > longest ? n : longest;
        }
    /* a sentence is at most three messages (with numbers and names): keep a wide margin */
    CU_ASSERT_TRUE(3 * longest + 120 < LAB_TEXT_MAX);
}

/* The language list (lab_msg.c): every language has a lower-case code of its own (the
 * preference's value names, as README.dissector asks), a name and a table; the ladder
 * diagrams' words follow the language like every other message. */
static void the_language_list(void)
{
    for (unsigned lang = 0; lang < LAB_LANG_COUNT; lang++) {
        const char *code = lab_lang_code((lab_lang)lang);
        CU_ASSERT_PTR_NOT_NULL_FATAL(code);
        CU_ASSERT_TRUE(code[0] != '\0');
        for (const char *p = code; *p; p++)
            CU_ASSERT_FALSE(isupper((unsigned char)*p));
        CU_ASSERT_TRUE(lab_lang_name((lab_lang)lang)[0] != '\0');
        CU_ASSERT_PTR_NOT_NULL(lab_msg_table((lab_lang)lang));
        for (unsigned other = 0; other < lang; other++)
            CU_ASSERT_STRING_NOT_EQUAL(code, lab_lang_code((lab_lang)other));
    }
    CU_ASSERT_STRING_EQUAL(lab_lang_code(LAB_LANG_ZH_CN), "zh_cn");
    lab_msg_set_language(LAB_LANG_ZH_CN);
    CU_ASSERT_STRING_EQUAL(lab_msg(LAB_MSG_LADDER_COL_CLIENT_STATE), "客户端状态");
    lab_msg_set_language(LAB_LANG_EN);
    CU_ASSERT_STRING_EQUAL(lab_msg(LAB_MSG_LADDER_COL_CLIENT_STATE), "client state");
}

void add_msg_tests(CU_pSuite suite)
{
    CU_add_test(suite, "the language list", the_language_list);
    CU_add_test(suite, "every message in every language", every_message_in_every_language);
    CU_add_test(suite, "same printf conversions in every language", same_conversions_in_every_language);
    CU_add_test(suite, "the same numbers written in every language", same_literal_numbers);
    CU_add_test(suite, "no Markdown quoting on screen", no_markdown_on_screen);
    CU_add_test(suite, "Chinese sentences keep only flags, state and header names in English", chinese_is_chinese);
    CU_add_test(suite, "Chinese sentences on the seeds' examples", chinese_sentences);
    CU_add_test(suite, "the longest sentences fit", longest_sentences_fit);
}
