/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sentences: the numbers in them must be the packet's own. */
#include "lab_text.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <string.h>

#define CONTAINS(hay, needle) CU_ASSERT_PTR_NOT_NULL(strstr((hay), (needle)))

static void handshake_and_ack_sums(void)
{
    char buf[LAB_TEXT_MAX];
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation get = scenario_send(&s, C2S, ACK | PSH, 1, 1, 534);
    lab_annotation ack = scenario_send(&s, S2C, ACK, 1, 535, 0);

    CONTAINS(lab_text_step(&syn, buf, sizeof(buf)), "Handshake 1/3 (SYN");
    CONTAINS(lab_text_step(&synack, buf, sizeof(buf)), "Handshake 2/3 (SYN+ACK");
    CONTAINS(lab_text_seq(&syn, buf, sizeof(buf)), "SYN consumes 1 → next Seq 1");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&synack, buf, sizeof(buf)), "Ack 1 = client Seq 0 + SYN 1 ✓");
    CONTAINS(lab_text_seq(&get, buf, sizeof(buf)), "Seq 1, Len 534 → next Seq 535");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&ack, buf, sizeof(buf)), "Ack 535 = client Seq 1 + Len 534 ✓");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&syn, buf, sizeof(buf)), "");
    CONTAINS(lab_text_states(&synack, buf, sizeof(buf)), "Client state: SYN-SENT    Server state: SYN-RECEIVED");
    scenario_end(&s);
}

static void close_labels(void)
{
    char buf[LAB_TEXT_MAX];
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation a = scenario_send(&s, C2S, ACK, 2, 2, 0);
    CONTAINS(lab_text_step(&f1, buf, sizeof(buf)), "Close 1 (FIN: the client");
    CONTAINS(lab_text_step(&f2, buf, sizeof(buf)), "Close 2/3 (FIN+ACK: the server acknowledges the client's FIN");
    CONTAINS(lab_text_step(&f2, buf, sizeof(buf)), "three-way close");
    CONTAINS(lab_text_step(&a, buf, sizeof(buf)), "Close 3/3 (ACK: the client");
    CONTAINS(lab_text_step(&a, buf, sizeof(buf)), "TIME-WAIT");
    CU_ASSERT_STRING_EQUAL(lab_text_ack(&f2, buf, sizeof(buf)), "Ack 2 = client Seq 1 + FIN 1 ✓");
    scenario_end(&s);
}

static void anomaly_wording(void)
{
    char buf[LAB_TEXT_MAX];
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 1000);
    lab_annotation gap = scenario_send(&s, S2C, ACK, 2001, 1, 1000);
    CONTAINS(lab_text_seq(&gap, buf, sizeof(buf)), "expected Seq 1001: bytes 1001–2000 are missing");
    lab_annotation ka = scenario_send(&s, S2C, ACK, 3000, 1, 0);
    CONTAINS(lab_text_seq(&ka, buf, sizeof(buf)), "TCP keep-alive probe");
    CONTAINS(lab_text_seq(&ka, buf, sizeof(buf)), "not HTTP keep-alive");
    lab_annotation refused_like = scenario_send(&s, C2S, RST | ACK, 1, 3001, 0);
    CONTAINS(lab_text_step(&refused_like, buf, sizeof(buf)), "Reset (RST from the client on an established connection");
    scenario_end(&s);
}

static void truncation_is_safe(void)
{
    char small[8];
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_text_step(&syn, small, sizeof(small));
    CU_ASSERT_EQUAL(strlen(small), sizeof(small) - 1);
    lab_text_seq(&syn, small, 1);
    CU_ASSERT_EQUAL(small[0], '\0');
    scenario_end(&s);
}

/* The notes of issue 9: the right roles, the flags named, plain text (no Markdown). */
static void note_wording(void)
{
    char buf[LAB_TEXT_MAX];
    scenario s;
    scenario_start(&s);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    CU_ASSERT_STRING_EQUAL(lab_text_note(&synack, buf, sizeof(buf)),
                           "The client's SYN was not captured, but this SYN+ACK acknowledges it, so it was sent");
    scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 1, 1, 0);
    CU_ASSERT_STRING_EQUAL(lab_text_note(&rst, buf, sizeof(buf)), "");
    lab_annotation data = scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    CONTAINS(lab_text_note(&data, buf, sizeof(buf)), "Sent by the client before the server's RST had reached it");
    CONTAINS(lab_text_states(&data, buf, sizeof(buf)), "Client state: ESTABLISHED    Server state: CLOSED");
    lab_annotation probe = scenario_send(&s, S2C, SYN | FIN, 0, 0, 0);
    CONTAINS(lab_text_note(&probe, buf, sizeof(buf)), "Contradictory flags: SYN and FIN together");
    CU_ASSERT_PTR_NULL(strchr(buf, '`'));
    CONTAINS(lab_text_states(&probe, buf, sizeof(buf)), "not shown (contradictory flags");
    scenario_end(&s);

    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    CU_ASSERT_STRING_EQUAL(lab_text_note(&ack, buf, sizeof(buf)),
                           "The server's SYN+ACK was not captured, but this ACK of its ISN + 1 proves that it arrived");
    lab_annotation one = scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    CONTAINS(lab_text_note(&one, buf, sizeof(buf)), "Nothing the server sent is in this capture");
    CONTAINS(lab_text_states(&one, buf, sizeof(buf)), "not known (the other direction was not captured)");
    lab_annotation rst2 = scenario_send(&s, C2S, RST, 11, 0, 0);
    (void)rst2;
    lab_annotation late = scenario_send(&s, C2S, ACK, 11, 1, 5);
    CONTAINS(lab_text_note(&late, buf, sizeof(buf)), "Late segment: the client had already aborted");
    CONTAINS(lab_text_states(&late, buf, sizeof(buf)), "not known (a late segment from a side that had reset");
    s.isn[C2S] = 9000;
    lab_annotation again = scenario_send(&s, C2S, SYN, 0, 0, 0);
    CONTAINS(lab_text_note(&again, buf, sizeof(buf)), "New connection attempt on the same addresses and ports");
    scenario_end(&s);
}

void add_text_tests(CU_pSuite suite)
{
    CU_add_test(suite, "notes: what a packet proves, late segments, probes", note_wording);
    CU_add_test(suite, "handshake labels and written-out sums", handshake_and_ack_sums);
    CU_add_test(suite, "close labels", close_labels);
    CU_add_test(suite, "gap, keep-alive and reset wording", anomaly_wording);
    CU_add_test(suite, "short buffers are truncated, not overrun", truncation_is_safe);
}
