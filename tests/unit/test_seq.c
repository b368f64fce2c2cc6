/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sequence and acknowledgement arithmetic (docs/semantics.md). */
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>

static void retransmission_of_data(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation d = scenario_send(&s, S2C, ACK, 1, 1, 100);
    lab_annotation r = scenario_send(&s, S2C, ACK, 1, 1, 100);
    CU_ASSERT_EQUAL(d.seq_check, LAB_SEQ_IN_ORDER);
    CU_ASSERT_TRUE(d.seq_ok);
    CU_ASSERT_EQUAL(r.seq_check, LAB_SEQ_RETRANSMISSION);
    CU_ASSERT_FALSE(r.seq_ok);
    CU_ASSERT_EQUAL(r.seq_expected, 101);
    scenario_end(&s);
}

static void lost_segment_then_out_of_order_fill(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 1000);
    /* 1001..2000 never captured here */
    lab_annotation gap = scenario_send(&s, S2C, ACK, 2001, 1, 1000);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1001, 0);
    lab_annotation dup1 = scenario_send(&s, C2S, ACK, 1, 1001, 0);
    lab_annotation dup2 = scenario_send(&s, C2S, ACK, 1, 1001, 0);
    lab_annotation fill = scenario_send(&s, S2C, ACK, 1001, 1, 1000);
    lab_annotation full = scenario_send(&s, C2S, ACK, 1, 3001, 0);
    lab_annotation again = scenario_send(&s, S2C, ACK, 1001, 1, 1000);

    CU_ASSERT_EQUAL(gap.seq_check, LAB_SEQ_GAP);
    CU_ASSERT_FALSE(gap.seq_ok);
    CU_ASSERT_EQUAL(gap.seq_expected, 1001);
    CU_ASSERT_EQUAL(ack.ack_check, LAB_ACK_PARTIAL);
    CU_ASSERT_EQUAL(ack.ack_expected, 3001);
    CU_ASSERT_EQUAL(dup1.ack_check, LAB_ACK_DUPLICATE);
    CU_ASSERT_EQUAL(dup1.dup_count, 1);
    CU_ASSERT_EQUAL(dup2.ack_check, LAB_ACK_DUPLICATE);
    CU_ASSERT_EQUAL(dup2.dup_count, 2);
    /* the receiver asked for these bytes: a retransmission of a copy lost before the capture */
    CU_ASSERT_EQUAL(fill.seq_check, LAB_SEQ_RETRANSMISSION);
    CU_ASSERT_TRUE(fill.fills_gap);
    CU_ASSERT_EQUAL(full.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(full.dup_count, 0);
    /* the gap is filled: sending those bytes again is a retransmission */
    CU_ASSERT_EQUAL(again.seq_check, LAB_SEQ_RETRANSMISSION);
    scenario_end(&s);
}

static void late_segment_is_out_of_order(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 1000);
    scenario_send(&s, S2C, ACK, 2001, 1, 1000);
    /* no duplicate ACK in between: the missing segment simply arrives late */
    lab_annotation late = scenario_send(&s, S2C, ACK, 1001, 1, 1000);
    CU_ASSERT_EQUAL(late.seq_check, LAB_SEQ_OUT_OF_ORDER);
    CU_ASSERT_FALSE(late.fills_gap);
    CU_ASSERT_FALSE(late.seq_ok);
    scenario_end(&s);
}

static void ack_of_unseen_data(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 100);
    lab_annotation a = scenario_send(&s, C2S, ACK, 1, 301, 0);
    CU_ASSERT_EQUAL(a.ack_check, LAB_ACK_UNSEEN);
    CU_ASSERT_EQUAL(a.ack_expected, 101);
    scenario_end(&s);
}

static void old_ack_reordered(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 100);
    scenario_send(&s, S2C, ACK, 101, 1, 100);
    scenario_send(&s, C2S, ACK, 1, 201, 0);
    lab_annotation old = scenario_send(&s, C2S, ACK | PSH, 1, 101, 5);
    CU_ASSERT_EQUAL(old.ack_check, LAB_ACK_OLD);
    scenario_end(&s);
}

static void window_update_is_not_a_duplicate(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 100);
    scenario_send(&s, S2C, ACK, 101, 1, 100);
    lab_annotation a = scenario_send(&s, C2S, ACK, 1, 101, 0);
    lab_annotation b = scenario_send(&s, C2S, ACK, 1, 201, 0);
    lab_annotation c = scenario_send(&s, C2S, ACK, 1, 201, 0);
    CU_ASSERT_EQUAL(a.ack_check, LAB_ACK_PARTIAL);
    CU_ASSERT_EQUAL(b.ack_check, LAB_ACK_OK);
    /* the same ack again with nothing outstanding: not a sign of loss */
    CU_ASSERT_EQUAL(c.ack_check, LAB_ACK_OK);
    scenario_end(&s);
}

static void tcp_keepalive_probes(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    scenario_send(&s, S2C, ACK, 1, 11, 0);
    lab_annotation probe0 = scenario_send(&s, C2S, ACK, 10, 1, 0);
    lab_annotation reply = scenario_send(&s, S2C, ACK, 1, 11, 0);
    lab_annotation probe1 = scenario_send(&s, C2S, ACK, 10, 1, 1);
    lab_annotation reply2 = scenario_send(&s, S2C, ACK, 1, 11, 0);
    lab_annotation data = scenario_send(&s, C2S, ACK | PSH, 11, 1, 5);

    CU_ASSERT_EQUAL(probe0.seq_check, LAB_SEQ_KEEPALIVE);
    CU_ASSERT_TRUE(probe0.seq_ok);
    CU_ASSERT_EQUAL(probe1.seq_check, LAB_SEQ_KEEPALIVE);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&probe1), 11);
    CU_ASSERT_EQUAL(reply.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(reply2.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(data.seq_check, LAB_SEQ_IN_ORDER);
    CU_ASSERT_EQUAL(probe0.phase, LAB_PHASE_DATA);
    scenario_end(&s);
}

static void wraparound(void)
{
    scenario s;
    scenario_start(&s);
    s.isn[C2S] = 0xFFFFFF00u;
    s.isn[S2C] = 0xFFFFFFFFu;
    scenario_handshake(&s);
    lab_annotation d1 = scenario_send(&s, C2S, ACK, 1, 1, 1000);
    lab_annotation d2 = scenario_send(&s, C2S, ACK, 1001, 1, 1000);
    lab_annotation a = scenario_send(&s, S2C, ACK, 1, 2001, 0);
    lab_annotation r = scenario_send(&s, S2C, ACK, 1, 2001, 0);
    CU_ASSERT_EQUAL(d1.seq, 1);
    CU_ASSERT_EQUAL(d2.seq, 1001);
    CU_ASSERT_EQUAL(d2.seq_check, LAB_SEQ_IN_ORDER);
    CU_ASSERT_EQUAL(a.ack, 2001);
    CU_ASSERT_EQUAL(a.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(r.ack_check, LAB_ACK_OK);
    /* a gap across the wrap is still a gap, not a huge retransmission */
    lab_annotation g = scenario_send(&s, C2S, ACK, 3001, 1, 10);
    CU_ASSERT_EQUAL(g.seq_check, LAB_SEQ_GAP);
    scenario_end(&s);
}

static void streams_are_independent(void)
{
    scenario s;
    scenario_start(&s);
    for (uint32_t i = 0; i < 5000; i++) {
        s.stream = i;
        s.port[C2S] = (uint16_t)(10000 + i);
        scenario_handshake(&s);
    }
    CU_ASSERT_EQUAL(lab_analyzer_stream_count(s.an), 5000);
    s.stream = 1234;
    s.port[C2S] = 10000 + 1234;
    lab_annotation d = scenario_send(&s, C2S, ACK, 1, 1, 10);
    CU_ASSERT_EQUAL(d.seq_check, LAB_SEQ_IN_ORDER);
    CU_ASSERT_EQUAL(d.phase, LAB_PHASE_DATA);
    scenario_end(&s);
}

void add_seq_tests(CU_pSuite suite)
{
    CU_add_test(suite, "retransmitted data", retransmission_of_data);
    CU_add_test(suite, "lost segment, duplicate ACKs, late fill", lost_segment_then_out_of_order_fill);
    CU_add_test(suite, "late segment without duplicate ACKs is out of order", late_segment_is_out_of_order);
    CU_add_test(suite, "ACK of data the capture did not see", ack_of_unseen_data);
    CU_add_test(suite, "old ACK captured late", old_ack_reordered);
    CU_add_test(suite, "repeated ACK with nothing outstanding", window_update_is_not_a_duplicate);
    CU_add_test(suite, "TCP keep-alive probes are not errors", tcp_keepalive_probes);
    CU_add_test(suite, "32-bit wraparound", wraparound);
    CU_add_test(suite, "many streams tracked independently", streams_are_independent);
}
