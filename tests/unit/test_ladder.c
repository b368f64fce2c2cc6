/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder diagrams' core: words, rows (folding, idle, states entered), text and SVG.
 * Connections are played through the real analysis core (scenario.c), so the annotations
 * are the ones the plugin would store. */
#include "lab_ladder.h"
#include "lab_ladder_text.h"
#include "runner.h"
#include "scenario.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <stdlib.h>
#include <string.h>

/* Memory running out: this program is linked with -Wl,--wrap=realloc (tests/CMakeLists.txt),
 * so every realloc of the core comes here and fails while realloc_fails is set. */
static int realloc_fails;
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n) { return realloc_fails ? NULL : __real_realloc(p, n); }

static lab_ladder_seg *add(lab_ladder *l, scenario *s, unsigned dir, uint8_t flags, uint32_t seq, uint32_t ack,
                           uint32_t len)
{
    lab_annotation a = scenario_send(s, dir, flags, seq, ack, len);
    return lab_ladder_add(l, s->frame, s->time, &a);
}

/* handshake, GET, a 10-segment response with ACKs, 6 s idle, server-first four-way close */
static void build_keepalive(lab_ladder *l, scenario *s)
{
    scenario_start(s);
    lab_ladder_init(l, 0, 0, "192.0.2.10:40000", "192.0.2.20:80");
    add(l, s, C2S, SYN, 0, 0, 0);
    add(l, s, S2C, SYN | ACK, 0, 1, 0);
    add(l, s, C2S, ACK, 1, 1, 0);
    lab_ladder_seg *get = add(l, s, C2S, PSH | ACK, 1, 1, 100);
    lab_ladder_add_http(get, true, 0, 1, "GET /index.html");
    uint32_t seq = 1;
    for (int i = 0; i < 5; i++) {
        add(l, s, S2C, ACK, seq, 101, 1000);
        seq += 1000;
        add(l, s, C2S, ACK, 101, seq, 0);
    }
    lab_ladder_seg *resp = add(l, s, S2C, PSH | ACK, seq, 101, 500);
    lab_ladder_add_http(resp, false, 200, 1, NULL);
    seq += 500;
    add(l, s, C2S, ACK, 101, seq, 0);
    s->time += 6.0;
    add(l, s, S2C, FIN | ACK, seq, 101, 0);
    add(l, s, C2S, ACK, 101, seq + 1, 0);
    add(l, s, C2S, FIN | ACK, 101, seq + 1, 0);
    add(l, s, S2C, ACK, seq + 1, 102, 0);
}

static void words(void)
{
    char buf[80];
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flags(LAB_TCP_SYN | LAB_TCP_ACK, buf, sizeof(buf)), "SYN, ACK");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flags(LAB_TCP_FIN | LAB_TCP_PSH | LAB_TCP_ACK, buf, sizeof(buf)),
                           "FIN, PSH, ACK");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flags(0, buf, sizeof(buf)), "-");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_HANDSHAKE, 2, 3, 0, 0, buf, sizeof(buf)), "Handshake 2/3");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_CLOSE, 3, 4, 0, 0, buf, sizeof(buf)), "Close 3/4");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_CLOSE, 1, 0, 0, 0, buf, sizeof(buf)), "Close 1");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_RESET, 1, 0, LAB_RST_REFUSED, 0, buf, sizeof(buf)),
                           "RST (refused)");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_HANDSHAKE, 1, 3, 0, 1, buf, sizeof(buf)),
                           "Handshake 1/3 (again)");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_NONE, 0, 0, 0, 0, buf, sizeof(buf)), "");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_amount(9999, buf, sizeof(buf)), "9999 bytes");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_amount(300123, buf, sizeof(buf)), "300.1 kB");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flagged(LAB_SEQ_RETRANSMISSION, LAB_ACK_OK, 0, 0, buf, sizeof(buf)),
                           "retransmission");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flagged(LAB_SEQ_RETRANSMISSION, LAB_ACK_OK, 0, 1, buf, sizeof(buf)), "");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flagged(LAB_SEQ_IN_ORDER, LAB_ACK_DUPLICATE, 3, 0, buf, sizeof(buf)),
                           "duplicate ACK 3");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flagged(LAB_SEQ_GAP, LAB_ACK_UNSEEN, 0, 0, buf, sizeof(buf)),
                           "after a gap (data not captured); ACKs data not captured");
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_flagged(LAB_SEQ_FIRST_SEEN, LAB_ACK_PARTIAL, 0, 0, buf, sizeof(buf)), "");
    /* a tiny buffer is cut, never overrun */
    char tiny[6];
    lab_ladder_text_step(LAB_STEP_HANDSHAKE, 2, 3, 0, 1, tiny, sizeof(tiny));
    CU_ASSERT_EQUAL(strlen(tiny), 5);
}

static void rows_fold_idle_states(void)
{
    lab_ladder l;
    scenario s;
    build_keepalive(&l, &s);
    CU_ASSERT_TRUE(lab_ladder_layout(&l));
    /* 3 handshake + GET + fold(10 plain) + response + ACK + idle + 4 close = 12 rows */
    CU_ASSERT_EQUAL_FATAL(l.n_rows, 12);
    CU_ASSERT_EQUAL(l.start_client, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(l.start_server, LAB_ST_LISTEN);
    CU_ASSERT_EQUAL(l.rows[0].state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(l.rows[0].state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(l.rows[1].state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(l.rows[1].state_server, LAB_LADDER_NO_STATE);
    CU_ASSERT_EQUAL(l.rows[2].state_server, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(l.rows[4].kind, LAB_ROW_FOLD);
    CU_ASSERT_EQUAL(l.rows[4].segs[S2C], 5);
    CU_ASSERT_EQUAL(l.rows[4].segs[C2S], 5);
    CU_ASSERT_EQUAL(l.rows[4].bytes[S2C], 5000);
    CU_ASSERT_EQUAL(l.rows[4].bytes[C2S], 0);
    CU_ASSERT_EQUAL(l.rows[7].kind, LAB_ROW_IDLE);
    CU_ASSERT_DOUBLE_EQUAL(l.rows[7].idle, 6.0, 0.01);
    CU_ASSERT_EQUAL(l.rows[8].state_server, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(l.rows[8].state_client, LAB_ST_CLOSE_WAIT);
    CU_ASSERT_EQUAL(l.rows[9].state_server, LAB_ST_FIN_WAIT_2);
    CU_ASSERT_EQUAL(l.rows[10].state_client, LAB_ST_LAST_ACK);
    CU_ASSERT_EQUAL(l.rows[10].state_server, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(l.rows[11].state_client, LAB_ST_CLOSED);
    char buf[200];
    CU_ASSERT_STRING_EQUAL(lab_ladder_fold_label(&l.rows[4], buf, sizeof(buf)),
                           "\u2026 10 segments, 5000 bytes server \u2192 client \u2026");
    lab_ladder_free(&l);
    scenario_end(&s);
}

static void text_lines(void)
{
    lab_ladder l;
    scenario s;
    build_keepalive(&l, &s);
    lab_ladder_layout(&l);
    lab_ladder_out o;
    lab_ladder_out_init(&o);
    lab_ladder_write_text(&l, &o);
    CU_ASSERT_FALSE(o.failed);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.data);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "TCP stream 0, connection 1: client 192.0.2.10:40000, server 192.0.2.20:80\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "  SYN-SENT      |----------------- SYN Seq=0 Len=0 ----------------->| "
                                          "SYN-RECEIVED  Handshake 1/3\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "|<----------- SYN, ACK Seq=0 Ack=1 Len=0 ------------|               "
                                          "Handshake 2/3\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "GET /index.html (request 1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "200 response (to request 1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "\u22ee idle 6.0 s"));
    CU_ASSERT_PTR_NULL(strstr(o.data, "still open"));
    CU_ASSERT_PTR_NULL(strstr(o.data, " \n")); /* no trailing blanks */
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);
    scenario_end(&s);
}

static void svg_escapes_and_counts(void)
{
    lab_ladder l;
    scenario s;
    scenario_start(&s);
    lab_ladder_init(&l, 3, 1, "[2001:db8::1]:40000", "[2001:db8::2]:80");
    add(&l, &s, C2S, SYN, 0, 0, 0);
    add(&l, &s, S2C, SYN | ACK, 0, 1, 0);
    add(&l, &s, C2S, ACK, 1, 1, 0);
    lab_ladder_seg *get = add(&l, &s, C2S, PSH | ACK, 1, 1, 60);
    lab_ladder_add_http(get, true, 0, 1, "GET /a?x=<script>&y=\"1\"");
    lab_ladder_layout(&l);
    lab_ladder_out o;
    lab_ladder_out_init(&o);
    lab_ladder_write_svg(&l, "a & b <c>", &o);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.data);
    CU_ASSERT_PTR_NULL(strstr(o.data, "<script>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "GET /a?x=&lt;script&gt;&amp;y=&quot;1&quot; (request 1)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "<title>Lab Handshake ladder: a &amp; b &lt;c&gt;</title>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "Noto Sans CJK SC"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "width=\"210mm\""));
    unsigned arrows = 0;
    for (const char *p = o.data; (p = strstr(p, "<g class=\"seg\"")); p++)
        arrows++;
    CU_ASSERT_EQUAL(arrows, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "still open at the end of the capture"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "</svg>\n"));
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);
    scenario_end(&s);
}

static void http_names_are_cut_and_cleaned(void)
{
    lab_ladder_seg seg = { 0 };
    /* 39 ASCII bytes, then "é" (2 bytes) x 10: cut at LAB_LADDER_HTTP_NAME_MAX on a character boundary */
    char name[128] = "GET /0123456789012345678901234567890123";
    for (int i = 0; i < 10; i++)
        strcat(name, "\xc3\xa9");
    CU_ASSERT_TRUE(lab_ladder_add_http(&seg, true, 0, 1, name));
    CU_ASSERT_TRUE(lab_ladder_add_http(&seg, true, 0, 2, "GET /\x01\x1b[31mred\xff"));
    const char *cut = seg.http[0].name;
    size_t len = strlen(cut);
    CU_ASSERT_TRUE(len <= LAB_LADDER_HTTP_NAME_MAX + 3);
    CU_ASSERT_STRING_EQUAL(cut + len - 3, "\u2026");
    CU_ASSERT_EQUAL(lab_ladder_width(cut), 39 + 4 + 1); /* 39 ASCII, 4 "é" fit in 48 bytes, "…" */
    CU_ASSERT_STRING_EQUAL(seg.http[1].name, "GET /[31mred");
    free(seg.http);
}

static void flagged_segments_are_not_folded(void)
{
    lab_ladder l;
    scenario s;
    scenario_start(&s);
    lab_ladder_init(&l, 0, 0, "192.0.2.10:40000", "192.0.2.20:80");
    add(&l, &s, C2S, SYN, 0, 0, 0);
    add(&l, &s, S2C, SYN | ACK, 0, 1, 0);
    add(&l, &s, C2S, ACK, 1, 1, 0);
    for (int i = 0; i < 8; i++) /* the same data segment again and again: retransmissions */
        add(&l, &s, C2S, PSH | ACK, 1, 1, 100);
    lab_ladder_layout(&l);
    CU_ASSERT_EQUAL(l.n_rows, 3 + 8);
    lab_ladder_out o;
    lab_ladder_out_init(&o);
    lab_ladder_write_text(&l, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "retransmission\n"));
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);
    scenario_end(&s);
}

static void empty_and_midstream(void)
{
    lab_ladder l;
    lab_ladder_init(&l, 0, 0, NULL, NULL);
    CU_ASSERT_TRUE(lab_ladder_layout(&l));
    lab_ladder_out o;
    lab_ladder_out_init(&o);
    lab_ladder_write_text(&l, &o);
    lab_ladder_write_svg(&l, NULL, &o);
    CU_ASSERT_FALSE(o.failed);
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);

    scenario s;
    scenario_start(&s);
    lab_ladder_init(&l, 0, 0, "192.0.2.10:40000", "192.0.2.20:80");
    add(&l, &s, S2C, ACK, 100, 200, 50);
    add(&l, &s, C2S, ACK, 200, 150, 0);
    lab_ladder_layout(&l);
    lab_ladder_out_init(&o);
    lab_ladder_write_text(&l, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "The handshake is not in the capture"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.data, "still open at the end of the capture"));
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);
    scenario_end(&s);
}

/* The first append fails for want of memory: the column heads' line takes back only what
 * was written (it once shortened an empty buffer: length underflow, a write through NULL). */
static void text_when_memory_runs_out(void)
{
    lab_ladder l;
    scenario s;
    build_keepalive(&l, &s);
    lab_ladder_layout(&l);
    lab_ladder_out o;
    lab_ladder_out_init(&o);
    realloc_fails = 1;
    lab_ladder_write_text(&l, &o);
    realloc_fails = 0;
    CU_ASSERT_TRUE(o.failed);
    CU_ASSERT_EQUAL(o.len, 0);
    CU_ASSERT_PTR_NULL(o.data);
    lab_ladder_out_free(&o);
    lab_ladder_free(&l);
    scenario_end(&s);
}

static void words_follow_the_language(void)
{
    char buf[40];
    lab_msg_set_language(LAB_LANG_ZH_CN);
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_HANDSHAKE, 1, 3, 0, 0, buf, sizeof(buf)), "握手 1/3");
    lab_msg_set_language(LAB_LANG_EN);
    CU_ASSERT_STRING_EQUAL(lab_ladder_text_step(LAB_STEP_HANDSHAKE, 1, 3, 0, 0, buf, sizeof(buf)), "Handshake 1/3");
}

/* One suite, "ladder" (ctest entry ladder_unit_ladder); the runner takes its names. */
int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite("ladder", NULL, NULL);
    CU_add_test(suite, "words", words);
    CU_add_test(suite, "rows: fold, idle, states entered", rows_fold_idle_states);
    CU_add_test(suite, "text lines", text_lines);
    CU_add_test(suite, "SVG escapes and one arrow per segment", svg_escapes_and_counts);
    CU_add_test(suite, "HTTP names cut and cleaned", http_names_are_cut_and_cleaned);
    CU_add_test(suite, "flagged segments are not folded", flagged_segments_are_not_folded);
    CU_add_test(suite, "empty ladder, no handshake", empty_and_midstream);
    CU_add_test(suite, "the words follow the language", words_follow_the_language);
    CU_add_test(suite, "text when memory runs out", text_when_memory_runs_out);
    return lab_run_tests(argc, argv);
}
