/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTTP keep-alive rules and per-connection verdicts (docs/semantics.md, "HTTP"). */
#include "lab_http.h"
#include "lab_text.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

static lab_http_message request(uint8_t minor, uint8_t connection)
{
    lab_http_message m;
    memset(&m, 0, sizeof(m));
    m.is_request = true;
    m.version_known = true;
    m.version_major = 1;
    m.version_minor = minor;
    m.connection = connection;
    m.keepalive_timeout = -1;
    return m;
}

static lab_http_message response(uint8_t minor, uint16_t status, uint8_t connection, int32_t timeout)
{
    lab_http_message m = request(minor, connection);
    m.is_request = false;
    m.status = status;
    m.keepalive_timeout = timeout;
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

static void persistence_rules(void)
{
    uint8_t reason;
    lab_http_message m = request(1, 0);
    CU_ASSERT_TRUE(lab_http_persistent(&m, &reason));
    m = request(1, LAB_HTTP_CONN_CLOSE);
    CU_ASSERT_FALSE(lab_http_persistent(&m, &reason));
    CU_ASSERT_EQUAL(reason, LAB_NP_CLIENT_CLOSE);
    m = request(0, 0);
    CU_ASSERT_FALSE(lab_http_persistent(&m, &reason));
    CU_ASSERT_EQUAL(reason, LAB_NP_HTTP10);
    m = request(0, LAB_HTTP_CONN_KEEPALIVE);
    CU_ASSERT_TRUE(lab_http_persistent(&m, &reason));
    m = response(1, 200, LAB_HTTP_CONN_CLOSE | LAB_HTTP_CONN_KEEPALIVE, -1);
    CU_ASSERT_FALSE(lab_http_persistent(&m, &reason));
    CU_ASSERT_EQUAL(reason, LAB_NP_SERVER_CLOSE);
}

/* Node.js: two requests, Keep-Alive: timeout=5, the server closes after 6 s idle. */
static void server_timeout_verdict(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 400);
    lab_http_annotation r1 = http(&s, request(1, LAB_HTTP_CONN_KEEPALIVE));
    scenario_send(&s, S2C, ACK | PSH, 1, 401, 700);
    lab_http_annotation a1 = http(&s, response(1, 200, LAB_HTTP_CONN_KEEPALIVE, 5));
    scenario_send(&s, C2S, ACK | PSH, 401, 701, 400);
    lab_http_annotation r2 = http(&s, request(1, 0));
    scenario_send(&s, S2C, ACK | PSH, 701, 801, 700);
    lab_http_annotation a2 = http(&s, response(1, 304, LAB_HTTP_CONN_KEEPALIVE, 5));
    scenario_send(&s, C2S, ACK, 801, 1401, 0);

    CU_ASSERT_EQUAL(r1.request_index, 1);
    CU_ASSERT_EQUAL(a1.request_index, 1);
    CU_ASSERT_EQUAL(r2.request_index, 2);
    CU_ASSERT_EQUAL(a2.request_index, 2);
    CU_ASSERT_TRUE(a1.persistent);
    CU_ASSERT_EQUAL(a1.keepalive_timeout, 5);
    CU_ASSERT_TRUE(a2.notes & LAB_HTTP_NOTE_NOT_MODIFIED);
    CU_ASSERT_FALSE(r2.notes & LAB_HTTP_NOTE_PIPELINED);

    s.time += 6.0; /* idle */
    lab_annotation fin = scenario_send(&s, S2C, FIN | ACK, 1401, 801, 0);
    CU_ASSERT_TRUE(fin.conn_snapshot);
    CU_ASSERT_TRUE(fin.ends_connection);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_SERVER_TIMEOUT);
    CU_ASSERT_EQUAL(c.closer, LAB_CLOSER_SERVER);
    CU_ASSERT_EQUAL(c.requests, 2);
    CU_ASSERT_EQUAL(c.advertised_timeout, 5);
    CU_ASSERT_DOUBLE_EQUAL(c.idle, 6.002, 0.0005);
    CU_ASSERT_TRUE(c.timeout_mismatch);
    CU_ASSERT_FALSE(c.nodata);
    char buf[LAB_TEXT_MAX];
    CU_ASSERT_STRING_EQUAL(lab_text_verdict(&c, buf, sizeof(buf)),
        "server closed after 6.0 s idle; it advertised Keep-Alive: timeout=5, so it closed 1.0 s later than it said (FIN)");
    scenario_end(&s);
}

/* Flask/Werkzeug: Connection: close, the server closes right after the response. */
static void short_connection_verdict(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 400);
    http(&s, request(1, LAB_HTTP_CONN_KEEPALIVE));
    scenario_send(&s, S2C, ACK | PSH, 1, 401, 700);
    lab_http_annotation a = http(&s, response(1, 200, LAB_HTTP_CONN_CLOSE, -1));
    CU_ASSERT_FALSE(a.persistent);
    CU_ASSERT_EQUAL(a.nonpersistent_reason, LAB_NP_SERVER_CLOSE);
    scenario_send(&s, S2C, FIN | ACK, 701, 401, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_SHORT);
    CU_ASSERT_EQUAL(c.requests, 1);
    char buf[LAB_TEXT_MAX];
    CU_ASSERT_PTR_NOT_NULL(strstr(lab_text_verdict(&c, buf, sizeof(buf)), "the server answered Connection: close (short connection, one request)"));

    /* a further request on it is flagged */
    lab_http_annotation again = http(&s, request(1, 0));
    CU_ASSERT_TRUE(again.reuse_after_close);
    scenario_end(&s);
}

/* A half-close: the client sends its FIN, the server still answers a pipelined request with
 * a keep-alive response. By its headers the response is persistent, but the connection will
 * not be reused: the sentence must say so, not "may be reused". */
static void persistent_response_after_a_fin(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 400);
    lab_http_annotation before = http(&s, request(1, LAB_HTTP_CONN_KEEPALIVE));
    CU_ASSERT_FALSE(before.closing);
    scenario_send(&s, C2S, FIN | ACK, 401, 1, 0);
    scenario_send(&s, S2C, ACK | PSH, 1, 402, 700);
    lab_http_annotation a = http(&s, response(1, 200, LAB_HTTP_CONN_KEEPALIVE, 5));
    CU_ASSERT_TRUE(a.persistent); /* RFC 9112: a property of the message */
    CU_ASSERT_TRUE(a.closing);
    char buf[LAB_TEXT_MAX];
    lab_text_http(&a, buf, sizeof(buf));
    CU_ASSERT_PTR_NULL(strstr(buf, "may be reused"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "the connection is already closing"));
    lab_text_http(&before, buf, sizeof(buf));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "may be reused"));
    scenario_end(&s);
}

/* IIS / nginx: no Keep-Alive header; the browser closes (RST) when it exits. */
static void client_closed_verdict(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 400);
    http(&s, request(1, LAB_HTTP_CONN_KEEPALIVE));
    scenario_send(&s, S2C, ACK | PSH, 1, 401, 700);
    http(&s, response(1, 200, 0, -1));
    s.time += 41.2;
    scenario_send(&s, C2S, RST | ACK, 401, 701, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_CLIENT_CLOSED);
    CU_ASSERT_EQUAL(c.closer, LAB_CLOSER_CLIENT);
    CU_ASSERT_TRUE(c.ended_by_rst);
    char buf[LAB_TEXT_MAX];
    CU_ASSERT_STRING_EQUAL(lab_text_verdict(&c, buf, sizeof(buf)),
        "the client closed it after 41.2 s idle (RST); the server had advertised no idle timeout (no Keep-Alive header)");
    scenario_end(&s);
}

/* Chromium's spare connection: handshake, nothing, then closed. Opened next to another one. */
static void unused_parallel_connection(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    s.stream = 1;
    s.port[C2S] = 40001;
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    CU_ASSERT_TRUE(syn.first_of_stream);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    scenario_send(&s, C2S, ACK, 1, 1, 0);
    s.time += 10;
    scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_conn_summary c = summary(&s);
    CU_ASSERT_EQUAL(c.verdict, LAB_VERDICT_UNUSED);
    CU_ASSERT_TRUE(c.nodata);
    CU_ASSERT_EQUAL(c.parallel, 1);
    s.stream = 0;
    lab_conn_summary first = summary(&s);
    CU_ASSERT_EQUAL(first.parallel, 0);
    CU_ASSERT_EQUAL(first.verdict, LAB_VERDICT_OPEN);
    scenario_end(&s);
}

static void refused_and_http10(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    CU_ASSERT_EQUAL(summary(&s).verdict, LAB_VERDICT_REFUSED);

    scenario t;
    scenario_start(&t);
    scenario_handshake(&t);
    scenario_send(&t, C2S, ACK | PSH, 1, 1, 100);
    lab_http_annotation r = http(&t, request(0, 0));
    CU_ASSERT_FALSE(r.persistent);
    CU_ASSERT_EQUAL(r.nonpersistent_reason, LAB_NP_HTTP10);
    scenario_send(&t, S2C, ACK | PSH, 1, 101, 100);
    lab_http_annotation a = http(&t, response(1, 200, 0, -1));
    /* the response is HTTP/1.1, but its request asked for a one-shot connection */
    CU_ASSERT_FALSE(a.persistent);
    scenario_end(&t);
    scenario_end(&s);
}

static void pipelining_and_range(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 200);
    lab_http_message ranged = request(1, 0);
    ranged.has_range = true;
    lab_http_annotation r1 = http(&s, ranged);
    lab_http_annotation r2 = http(&s, request(1, 0));
    CU_ASSERT_TRUE(r1.notes & LAB_HTTP_NOTE_RANGE);
    CU_ASSERT_FALSE(r1.notes & LAB_HTTP_NOTE_PIPELINED);
    CU_ASSERT_TRUE(r2.notes & LAB_HTTP_NOTE_PIPELINED);
    lab_http_annotation a1 = http(&s, response(1, 206, 0, -1));
    lab_http_annotation a2 = http(&s, response(1, 200, 0, -1));
    CU_ASSERT_EQUAL(a1.request_index, 1);
    CU_ASSERT_EQUAL(a2.request_index, 2);
    CU_ASSERT_TRUE(a1.notes & LAB_HTTP_NOTE_PARTIAL);
    /* an interim 100 Continue answers no request (issue 24: it had the number of the next) */
    http(&s, request(1, 0));
    lab_http_annotation cont = http(&s, response(1, 100, 0, -1));
    CU_ASSERT_EQUAL(cont.request_index, 0);
    CU_ASSERT_TRUE(cont.interim);
    CU_ASSERT_FALSE(cont.persistent);
    lab_http_annotation fin = http(&s, response(1, 200, 0, -1));
    CU_ASSERT_EQUAL(fin.request_index, 3);
    CU_ASSERT_EQUAL(summary(&s).responses, 3);
    scenario_end(&s);
}

/* Refused, then the same SYN again on the same stream: each attempt keeps its own summary. */
static void replaced_connection_keeps_its_summary(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    lab_annotation again = scenario_send(&s, C2S, SYN, 0, 0, 0);
    CU_ASSERT_TRUE(again.new_generation);
    CU_ASSERT_NOT_EQUAL(again.generation, syn.generation);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    scenario_send(&s, C2S, FIN | ACK, 11, 1, 0);

    lab_conn_summary first, second;
    CU_ASSERT_TRUE(lab_analyzer_summary_of(s.an, s.stream, syn.generation, &first));
    CU_ASSERT_TRUE(lab_analyzer_summary_of(s.an, s.stream, again.generation, &second));
    CU_ASSERT_EQUAL(first.verdict, LAB_VERDICT_REFUSED);
    CU_ASSERT_EQUAL(second.verdict, LAB_VERDICT_CLIENT_CLOSED);
    CU_ASSERT_EQUAL(summary(&s).verdict, LAB_VERDICT_CLIENT_CLOSED);
    scenario_end(&s);
}

/* A verdict value that is none of lab_verdict (a bug elsewhere) is reported as such, never
 * as a sentence about the connection (it once fell to the client-closed sentence). */
static void unknown_verdict_is_an_error(void)
{
    lab_conn_summary c;
    memset(&c, 0, sizeof(c));
    c.verdict = LAB_VERDICT_COUNT;
    char buf[LAB_TEXT_MAX], expected[96];
    snprintf(expected, sizeof(expected), "Internal error: %u is not a verdict value; no verdict can be given.",
             (unsigned)LAB_VERDICT_COUNT);
    CU_ASSERT_STRING_EQUAL(lab_text_verdict(&c, buf, sizeof(buf)), expected);
    CU_ASSERT_PTR_NULL(strstr(buf, "client"));
}

void add_http_tests(CU_pSuite suite)
{
    CU_add_test(suite, "an unknown verdict is an error", unknown_verdict_is_an_error);
    CU_add_test(suite, "RFC 9112 persistence", persistence_rules);
    CU_add_test(suite, "Node: server closes after its idle timeout", server_timeout_verdict);
    CU_add_test(suite, "Flask: Connection: close, short connection", short_connection_verdict);
    CU_add_test(suite, "a persistent response after a FIN is not called reusable", persistent_response_after_a_fin);
    CU_add_test(suite, "IIS/nginx: client closes (RST), no timeout advertised", client_closed_verdict);
    CU_add_test(suite, "unused spare connection, parallel count", unused_parallel_connection);
    CU_add_test(suite, "refused connection; HTTP/1.0", refused_and_http10);
    CU_add_test(suite, "pipelining, Range, 206, 100 Continue", pipelining_and_range);
    CU_add_test(suite, "a replaced connection keeps its own summary", replaced_connection_keeps_its_summary);
}
