/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What must never be said (issue 24): a SYN as a close step, an RST that does not count taken
 * as one, a reset after which the connection went on, idle time after the first FIN, a 101 or
 * a tunnel called persistent, keep-alive words where no HTTP was seen, counts that disagree
 * (docs/semantics.md, "Resets that do not count", "HTTP messages", "Connection verdicts"). */
#include "lab_text.h"
#include "lab_msg.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <string.h>

static lab_http_message message(bool is_request, uint16_t status)
{
    lab_http_message m;
    memset(&m, 0, sizeof(m));
    m.is_request = is_request;
    m.version_known = true;
    m.version_major = 1;
    m.version_minor = 1;
    m.status = status;
    m.keepalive_timeout = -1;
    return m;
}

static lab_http_annotation http(scenario *s, lab_http_message m)
{
    lab_http_annotation out;
    CU_ASSERT_EQUAL(lab_analyze_http(s->an, s->stream, &m, &out), 0);
    return out;
}

static lab_conn_summary summary(scenario *s)
{
    lab_conn_summary c;
    CU_ASSERT_TRUE(lab_analyzer_summary(s->an, s->stream, &c));
    return c;
}

static bool verdict_has(const lab_conn_summary *c, const char *words)
{
    char buf[LAB_TEXT_MAX];
    lab_text_verdict(c, buf, sizeof(buf));
    return strstr(buf, words) != NULL;
}

/* Case 1: SYN, a FIN without ACK on the SYN's number, then the SYN+ACK (Ack = ISN + 1). */
static void synack_is_never_a_close_step(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation fin = scenario_send(&s, C2S, FIN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation data = scenario_send(&s, S2C, ACK | PSH, 1, 1, 10);
    CU_ASSERT_EQUAL(syn.step_kind, LAB_STEP_HANDSHAKE);
    CU_ASSERT_EQUAL(fin.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(fin.note, LAB_NOTE_FIN_WITHOUT_ACK);
    CU_ASSERT_EQUAL(fin.state_receiver_after, fin.state_server);
    CU_ASSERT_EQUAL(synack.step_kind, LAB_STEP_HANDSHAKE);
    CU_ASSERT_EQUAL(synack.step_num, 2);
    CU_ASSERT_EQUAL(synack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(ack.step_kind, LAB_STEP_HANDSHAKE);
    CU_ASSERT_EQUAL(ack.step_num, 3);
    CU_ASSERT_EQUAL(ack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(data.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(data.state_server, LAB_ST_ESTABLISHED);
    CU_ASSERT_FALSE(summary(&s).closer != LAB_CLOSER_NONE);
    scenario_end(&s);
}

/* The SYN rule itself: even where a FIN with ACK sits on the ISN, a SYN+ACK is no close step. */
static void syn_rule_holds_for_any_fin(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, C2S, FIN | ACK, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    CU_ASSERT_NOT_EQUAL(synack.step_kind, LAB_STEP_CLOSE);
    scenario_end(&s);
}

/* Case 2: in SYN-SENT an RST counts only if its ACK acknowledges the SYN. */
static void rst_with_wrong_ack_in_syn_sent_does_not_count(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 0, 0); /* Ack = ISN, not ISN + 1 */
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation get = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    lab_annotation resp = scenario_send(&s, S2C, ACK | PSH, 1, 101, 200);
    CU_ASSERT_EQUAL(rst.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(rst.note, LAB_NOTE_RST_NOT_ACCEPTABLE);
    CU_ASSERT_EQUAL(rst.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(rst.state_receiver_after, LAB_ST_SYN_SENT);
    CU_ASSERT_FALSE(rst.ends_connection);
    CU_ASSERT_EQUAL(synack.step_num, 2);
    CU_ASSERT_EQUAL(synack.seq, 0); /* numbered from its ISN, not from the RST */
    CU_ASSERT_EQUAL(synack.note, LAB_NOTE_NONE);
    CU_ASSERT_EQUAL(ack.step_num, 3);
    CU_ASSERT_EQUAL(get.note, LAB_NOTE_NONE);
    CU_ASSERT_EQUAL(get.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(resp.note, LAB_NOTE_NONE);
    CU_ASSERT_EQUAL(resp.ack_check, LAB_ACK_OK);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_NOT_EQUAL(c.verdict, LAB_VERDICT_REFUSED);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_OPEN);
    /* the text names it, in both languages */
    char buf[LAB_TEXT_MAX];
    CU_ASSERT_PTR_NOT_NULL(strstr(lab_text_note(&rst, buf, sizeof(buf)), "SYN-SENT"));
    lab_msg_set_language(LAB_LANG_ZH_CN);
    CU_ASSERT_PTR_NOT_NULL(strstr(lab_text_note(&rst, buf, sizeof(buf)), "不算数"));
    lab_msg_set_language(LAB_LANG_EN);
    scenario_end(&s);
}

/* An ignored segment changes neither state, its sender's included: after the SYN arrived the
 * server is in SYN-RECEIVED, and an RST/ACK with Ack = ISN does not put it back in LISTEN;
 * the client that sends a FIN without ACK stays in SYN-SENT. */
static void ignored_segment_leaves_its_sender_where_it_was(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    CU_ASSERT_EQUAL(syn.state_receiver_after, LAB_ST_SYN_RECEIVED);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 0, 0);
    CU_ASSERT_EQUAL(rst.note, LAB_NOTE_RST_NOT_ACCEPTABLE);
    CU_ASSERT_EQUAL(rst.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(rst.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(rst.state_receiver_after, LAB_ST_SYN_SENT);
    lab_annotation fin = scenario_send(&s, C2S, FIN, 0, 0, 0);
    CU_ASSERT_EQUAL(fin.note, LAB_NOTE_FIN_WITHOUT_ACK);
    CU_ASSERT_EQUAL(fin.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(fin.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(fin.state_receiver_after, LAB_ST_SYN_RECEIVED);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    CU_ASSERT_EQUAL(synack.state_server, LAB_ST_SYN_RECEIVED);
    scenario_end(&s);
}

/* RST without ACK in SYN-SENT, and an RST whose Seq is below what the receiver acknowledged. */
static void rst_outside_the_window_does_not_count(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation bare = scenario_send(&s, S2C, RST, 0, 0, 0);
    CU_ASSERT_EQUAL(bare.note, LAB_NOTE_RST_NOT_ACCEPTABLE);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    scenario_send(&s, C2S, ACK, 1, 1, 0);
    scenario_send(&s, S2C, ACK | PSH, 1, 1, 100);
    scenario_send(&s, C2S, ACK, 1, 101, 0);
    lab_annotation old = scenario_send(&s, S2C, RST | ACK, 50, 1, 0); /* Seq 50 < RCV.NXT 101 */
    CU_ASSERT_EQUAL(old.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(old.note, LAB_NOTE_RST_NOT_ACCEPTABLE);
    CU_ASSERT_EQUAL(old.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(old.state_receiver_after, LAB_ST_ESTABLISHED);
    lab_annotation good = scenario_send(&s, S2C, RST | ACK, 101, 1, 0);
    CU_ASSERT_EQUAL(good.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(good.reset_context, LAB_RST_DATA);
    CU_ASSERT_EQUAL(good.state_receiver_after, LAB_ST_CLOSED);
    scenario_end(&s);
}

/* The acceptable refusal is still a refusal. */
static void acceptable_refusal_still_counts(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    CU_ASSERT_EQUAL(rst.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(rst.reset_context, LAB_RST_REFUSED);
    CU_ASSERT_EQUAL(summary(&s).verdict, LAB_VERDICT_REFUSED);
    scenario_end(&s);
}

/* Case 3: an accepted refusal, then the SYN+ACK, the client's ACK of it and a GET with its 200. */
static void connection_went_on_after_the_reset(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation get = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    http(&s, message(true, 0));
    lab_annotation resp = scenario_send(&s, S2C, ACK | PSH, 1, 101, 200);
    lab_http_annotation h = http(&s, message(false, 200));
    CU_ASSERT_EQUAL(rst.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(synack.note, LAB_NOTE_WENT_ON);
    CU_ASSERT_EQUAL(synack.step_kind, LAB_STEP_HANDSHAKE);
    CU_ASSERT_EQUAL(synack.step_num, 2);
    CU_ASSERT_EQUAL(synack.seq, 0);
    CU_ASSERT_TRUE(synack.states_known);
    CU_ASSERT_EQUAL(synack.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(synack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(ack.step_num, 3);
    CU_ASSERT_EQUAL(get.note, LAB_NOTE_NONE);
    CU_ASSERT_EQUAL(get.phase, LAB_PHASE_DATA);
    CU_ASSERT_EQUAL(get.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(resp.note, LAB_NOTE_NONE);
    CU_ASSERT_EQUAL(h.request_index, 1);
    scenario_send(&s, C2S, FIN | ACK, 101, 201, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_CLIENT_CLOSED);
    CU_ASSERT_TRUE(c.went_on);
    CU_ASSERT_FALSE(c.ended_by_rst);
    CU_ASSERT_TRUE(verdict_has(&c, "went on after the reset"));
    scenario_end(&s);
}

/* A segment from the RST's own sender after it, answered by an RST: no going on (the
 * segment-after-rst capture). */
static void late_segment_is_no_going_on(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, RST | ACK, 1, 1, 0);
    lab_annotation late = scenario_send(&s, C2S, ACK | PSH, 1, 1, 24);
    lab_annotation answer = scenario_send(&s, S2C, RST, 1, 0, 0);
    CU_ASSERT_EQUAL(late.note, LAB_NOTE_LATE);
    CU_ASSERT_EQUAL(answer.step_kind, LAB_STEP_RESET);
    CU_ASSERT_FALSE(summary(&s).went_on);
    scenario_end(&s);
}

/* Case 4: payload after the first FIN (the rest of a half-close, a close_notify) does not
 * reset the idle time; a FIN carrying data has idle 0. */
static void idle_ends_at_the_first_fin(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    s.time += 1.3;
    scenario_send(&s, C2S, FIN | ACK, 101, 1, 0);
    double idle_at_fin = summary(&s).idle;
    scenario_send(&s, S2C, ACK | PSH, 1, 102, 50);
    scenario_send(&s, S2C, FIN | ACK, 51, 102, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_DOUBLE_EQUAL(idle_at_fin, 1.301, 0.0005);
    CU_ASSERT_DOUBLE_EQUAL(c.idle, idle_at_fin, 1e-9);
    scenario_end(&s);

    scenario_start(&s);
    scenario_handshake(&s);
    s.time += 2.0;
    scenario_send(&s, C2S, FIN | ACK | PSH, 1, 1, 10);
    CU_ASSERT_DOUBLE_EQUAL(summary(&s).idle, 0.0, 1e-9);
    scenario_end(&s);
}

/* Case 5: 101 Switching Protocols and a 2xx to CONNECT. */
static void upgrade_and_tunnel_are_not_persistent(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    http(&s, message(true, 0));
    scenario_send(&s, S2C, ACK | PSH, 1, 101, 100);
    lab_http_message m = message(false, 101);
    m.upgrade = "websocket";
    lab_http_annotation up = http(&s, m);
    CU_ASSERT_FALSE(up.persistent);
    CU_ASSERT_TRUE(up.interim);
    CU_ASSERT_EQUAL(up.request_index, 0);
    CU_ASSERT_EQUAL(up.switched, LAB_SWITCH_UPGRADE);
    CU_ASSERT_STRING_EQUAL(up.detail, "websocket");
    char buf[LAB_TEXT_MAX];
    lab_text_http(&up, buf, sizeof(buf));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "websocket"));
    CU_ASSERT_PTR_NULL(strstr(buf, "persistent"));
    CU_ASSERT_PTR_NULL(strstr(buf, "request #"));
    s.time += 1.0;
    scenario_send(&s, S2C, FIN | ACK, 101, 101, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_SERVER_CLOSED);
    CU_ASSERT_FALSE(verdict_has(&c, "advertised"));
    scenario_end(&s);

    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    m = message(true, 0);
    m.is_connect = true;
    m.target = "example.com:443";
    http(&s, m);
    scenario_send(&s, S2C, ACK | PSH, 1, 101, 40);
    lab_http_annotation ok = http(&s, message(false, 200));
    CU_ASSERT_FALSE(ok.persistent);
    CU_ASSERT_EQUAL(ok.switched, LAB_SWITCH_TUNNEL);
    CU_ASSERT_EQUAL(ok.request_index, 1);
    CU_ASSERT_STRING_EQUAL(ok.detail, "example.com:443");
    lab_text_http(&ok, buf, sizeof(buf));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "tunnel to example.com:443"));
    CU_ASSERT_PTR_NULL(strstr(buf, "may be reused"));
    scenario_send(&s, C2S, ACK | PSH, 101, 41, 300); /* TLS inside the tunnel */
    scenario_send(&s, C2S, FIN | ACK, 401, 41, 0);
    c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_CLIENT_CLOSED);
    CU_ASSERT_FALSE(verdict_has(&c, "advertised"));
    CU_ASSERT_TRUE(verdict_has(&c, "tunnel"));
    scenario_end(&s);
}

/* Case 6: no HTTP seen: who closed and after how long, the payload is not HTTP (or TLS), and
 * nothing about keep-alive. */
static void no_http_no_keepalive_words(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    scenario_send(&s, S2C, ACK | PSH, 1, 101, 100);
    scenario_send(&s, S2C, FIN | ACK, 101, 101, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_SERVER_CLOSED);
    CU_ASSERT_TRUE(verdict_has(&c, "the server closed it after"));
    CU_ASSERT_TRUE(verdict_has(&c, "not HTTP"));
    CU_ASSERT_FALSE(verdict_has(&c, "advertised"));
    CU_ASSERT_FALSE(verdict_has(&c, "Keep-Alive"));
    c.tls_seen = true;
    CU_ASSERT_TRUE(verdict_has(&c, "SSLKEYLOGFILE"));
    scenario_end(&s);
}

/* Case 7: one request count; a response beyond the requests seen proves its request. */
static void one_request_count(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 1); /* a request Wireshark did not decode */
    scenario_send(&s, S2C, ACK | PSH, 1, 2, 100);
    lab_http_annotation r = http(&s, message(false, 200));
    CU_ASSERT_EQUAL(r.request_index, 1);
    CU_ASSERT_TRUE(r.request_unseen);
    CU_ASSERT_EQUAL(summary(&s).requests, 1);
    char buf[LAB_TEXT_MAX];
    lab_text_http(&r, buf, sizeof(buf));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "not in the capture"));
    scenario_end(&s);
}

void add_ignored_tests(CU_pSuite suite)
{
    CU_add_test(suite, "case 1: a SYN+ACK is never a close step; a FIN without ACK is dropped", synack_is_never_a_close_step);
    CU_add_test(suite, "case 1: a SYN is no close step even after a FIN+ACK on the ISN", syn_rule_holds_for_any_fin);
    CU_add_test(suite, "case 2: RST with Ack = ISN in SYN-SENT does not count", rst_with_wrong_ack_in_syn_sent_does_not_count);
    CU_add_test(suite, "case 2: an ignored segment leaves its sender's state as it was", ignored_segment_leaves_its_sender_where_it_was);
    CU_add_test(suite, "case 2: RST without ACK in SYN-SENT, RST below RCV.NXT", rst_outside_the_window_does_not_count);
    CU_add_test(suite, "an acceptable refusal is still a refusal", acceptable_refusal_still_counts);
    CU_add_test(suite, "case 3: the connection went on after the reset", connection_went_on_after_the_reset);
    CU_add_test(suite, "a late segment answered by RST is no going on", late_segment_is_no_going_on);
    CU_add_test(suite, "case 4: idle ends at the first FIN", idle_ends_at_the_first_fin);
    CU_add_test(suite, "case 5: 101 and CONNECT 2xx are never persistent", upgrade_and_tunnel_are_not_persistent);
    CU_add_test(suite, "case 6: no HTTP, no keep-alive words", no_http_no_keepalive_words);
    CU_add_test(suite, "case 7: one request count", one_request_count);
}
