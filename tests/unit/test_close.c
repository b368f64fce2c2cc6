/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Close steps, close kinds, resets and the states they imply (docs/semantics.md). */
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>

static void expect_close(lab_annotation a, unsigned num, unsigned kind, unsigned total)
{
    CU_ASSERT_EQUAL(a.step_kind, LAB_STEP_CLOSE);
    CU_ASSERT_EQUAL(a.step_num, num);
    CU_ASSERT_EQUAL(a.close_kind, kind);
    CU_ASSERT_EQUAL(a.step_total, total);
}

static void four_way_client_first(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    uint32_t f1_frame = s.frame;
    lab_annotation a1 = scenario_send(&s, S2C, ACK, 1, 2, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    uint32_t f2_frame = s.frame;
    lab_annotation a2 = scenario_send(&s, C2S, ACK, 2, 2, 0);
    lab_annotation late = scenario_send(&s, C2S, ACK, 2, 2, 0);

    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    expect_close(a1, 2, LAB_CLOSE_FOUR_WAY, 4);
    expect_close(f2, 3, LAB_CLOSE_FOUR_WAY, 4);
    expect_close(a2, 4, LAB_CLOSE_FOUR_WAY, 4);
    CU_ASSERT_EQUAL(late.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(f1.closer, C2S);
    CU_ASSERT_EQUAL(a2.closer, C2S);
    CU_ASSERT_EQUAL(a1.ref_frame, f1_frame);
    CU_ASSERT_EQUAL(a2.ref_frame, f2_frame);

    CU_ASSERT_EQUAL(f1.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(f1.state_server, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(f1.state_receiver_after, LAB_ST_CLOSE_WAIT);
    CU_ASSERT_EQUAL(a1.state_server, LAB_ST_CLOSE_WAIT);
    CU_ASSERT_EQUAL(a1.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(a1.state_receiver_after, LAB_ST_FIN_WAIT_2);
    CU_ASSERT_EQUAL(f2.state_server, LAB_ST_LAST_ACK);
    CU_ASSERT_EQUAL(f2.state_client, LAB_ST_FIN_WAIT_2);
    CU_ASSERT_EQUAL(f2.state_receiver_after, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_client, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_server, LAB_ST_LAST_ACK);
    CU_ASSERT_EQUAL(a2.state_receiver_after, LAB_ST_CLOSED);

    CU_ASSERT_EQUAL(f1.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_EQUAL(a2.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_EQUAL(late.phase, LAB_PHASE_CLOSED);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&f1), 2);
    CU_ASSERT_EQUAL(a1.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(a1.basis_flags, FIN);
    scenario_end(&s);
}

static void four_way_server_first(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    lab_annotation a1 = scenario_send(&s, C2S, ACK, 1, 2, 0);
    lab_annotation f2 = scenario_send(&s, C2S, FIN | ACK, 1, 2, 0);
    lab_annotation a2 = scenario_send(&s, S2C, ACK, 2, 2, 0);
    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    expect_close(a1, 2, LAB_CLOSE_FOUR_WAY, 4);
    expect_close(f2, 3, LAB_CLOSE_FOUR_WAY, 4);
    expect_close(a2, 4, LAB_CLOSE_FOUR_WAY, 4);
    CU_ASSERT_EQUAL(f1.closer, S2C);
    CU_ASSERT_EQUAL(a2.state_server, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_client, LAB_ST_LAST_ACK);
    scenario_end(&s);
}

static void three_way_merged(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation a = scenario_send(&s, C2S, ACK, 2, 2, 0);
    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    expect_close(f2, 2, LAB_CLOSE_THREE_WAY, 3);
    expect_close(a, 3, LAB_CLOSE_THREE_WAY, 3);
    CU_ASSERT_EQUAL(f2.state_server, LAB_ST_LAST_ACK);
    CU_ASSERT_EQUAL(f2.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(f2.state_receiver_after, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a.state_client, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a.state_receiver_after, LAB_ST_CLOSED);
    scenario_end(&s);
}

static void simultaneous_close(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0); /* does not ack f1: crossed */
    lab_annotation a1 = scenario_send(&s, C2S, ACK, 2, 2, 0);
    lab_annotation a2 = scenario_send(&s, S2C, ACK, 2, 2, 0);
    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    expect_close(f2, 2, LAB_CLOSE_SIMULTANEOUS, 4);
    expect_close(a1, 3, LAB_CLOSE_SIMULTANEOUS, 4);
    expect_close(a2, 4, LAB_CLOSE_SIMULTANEOUS, 4);
    CU_ASSERT_EQUAL(f2.state_server, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(f2.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(f2.state_receiver_after, LAB_ST_CLOSING);
    CU_ASSERT_EQUAL(a1.state_client, LAB_ST_CLOSING);
    CU_ASSERT_EQUAL(a1.state_server, LAB_ST_CLOSING);
    CU_ASSERT_EQUAL(a1.state_receiver_after, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_server, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_receiver_after, LAB_ST_TIME_WAIT);
    scenario_end(&s);
}

static void half_close(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 20);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 21, 1, 0);
    lab_annotation a1 = scenario_send(&s, S2C, ACK, 1, 22, 0);
    lab_annotation d1 = scenario_send(&s, S2C, ACK | PSH, 1, 22, 1000);
    lab_annotation d2 = scenario_send(&s, S2C, ACK | PSH, 1001, 22, 1000);
    lab_annotation ca = scenario_send(&s, C2S, ACK, 22, 2001, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 2001, 22, 0);
    lab_annotation a2 = scenario_send(&s, C2S, ACK, 22, 2002, 0);

    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    expect_close(a1, 2, LAB_CLOSE_FOUR_WAY, 4);
    CU_ASSERT_EQUAL(d1.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(d1.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_EQUAL(d2.state_server, LAB_ST_CLOSE_WAIT);
    CU_ASSERT_EQUAL(ca.state_client, LAB_ST_FIN_WAIT_2);
    CU_ASSERT_EQUAL(ca.step_kind, LAB_STEP_NONE);
    expect_close(f2, 3, LAB_CLOSE_HALF_CLOSED, 4);
    expect_close(a2, 4, LAB_CLOSE_HALF_CLOSED, 4);
    scenario_end(&s);
}

static void fin_on_data_segment(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    lab_annotation f1 = scenario_send(&s, S2C, FIN | ACK | PSH, 1, 101, 500);
    lab_annotation a1 = scenario_send(&s, C2S, ACK, 101, 502, 0);
    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&f1), 502);
    CU_ASSERT_EQUAL(a1.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(a1.basis_len, 500);
    CU_ASSERT_EQUAL(a1.basis_flags, FIN);
    expect_close(a1, 2, LAB_CLOSE_FOUR_WAY, 4);
    scenario_end(&s);
}

static void fin_retransmission(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    uint32_t f1_frame = s.frame;
    lab_annotation f1r = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    uint32_t f1r_frame = s.frame;
    lab_annotation a1 = scenario_send(&s, C2S, ACK, 1, 2, 0);
    /* the ACK answers the copy of the FIN that got through: the latest one captured */
    CU_ASSERT_NOT_EQUAL(f1_frame, f1r_frame);
    CU_ASSERT_EQUAL(a1.ref_frame, f1r_frame);
    expect_close(f1, 1, LAB_CLOSE_NONE, 0);
    CU_ASSERT_EQUAL(f1r.step_num, 1);
    CU_ASSERT_TRUE(f1r.step_retransmitted);
    CU_ASSERT_EQUAL(f1r.seq_check, LAB_SEQ_RETRANSMISSION);
    expect_close(a1, 2, LAB_CLOSE_FOUR_WAY, 4);
    scenario_end(&s);
}

static void fin_behind_a_gap(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, ACK, 1, 1, 1000);
    scenario_send(&s, S2C, ACK, 2001, 1, 1000); /* 1001..2000 lost */
    scenario_send(&s, C2S, ACK, 1, 1001, 0);
    lab_annotation fin = scenario_send(&s, S2C, FIN | ACK, 3001, 1, 0);
    lab_annotation dup = scenario_send(&s, C2S, ACK, 1, 1001, 0);
    lab_annotation fill = scenario_send(&s, S2C, ACK, 1001, 1, 1000);
    /* the client cannot act on a FIN behind missing bytes: the retransmission releases it */
    CU_ASSERT_EQUAL(fin.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(dup.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(fill.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(fill.state_receiver_after, LAB_ST_CLOSE_WAIT);
    scenario_end(&s);
}

static void reset_during_data(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    lab_annotation r = scenario_send(&s, C2S, RST | ACK, 11, 1, 0);
    lab_annotation after = scenario_send(&s, S2C, ACK, 1, 11, 0);
    CU_ASSERT_EQUAL(r.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(r.reset_context, LAB_RST_DATA);
    CU_ASSERT_EQUAL(r.close_kind, LAB_CLOSE_ABORT);
    CU_ASSERT_EQUAL(r.phase, LAB_PHASE_RESET);
    CU_ASSERT_EQUAL(r.state_client, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(r.state_server, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(r.state_receiver_after, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(after.phase, LAB_PHASE_CLOSED);
    CU_ASSERT_EQUAL(after.step_kind, LAB_STEP_NONE);
    scenario_end(&s);
}

static void reset_after_fin(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    scenario_send(&s, C2S, ACK, 1, 2, 0);
    lab_annotation r = scenario_send(&s, C2S, RST | ACK, 1, 2, 0);
    CU_ASSERT_EQUAL(r.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(r.reset_context, LAB_RST_CLOSING);
    CU_ASSERT_EQUAL(r.state_client, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(r.state_server, LAB_ST_FIN_WAIT_2);
    scenario_end(&s);
}

static void reset_after_close(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    scenario_send(&s, C2S, FIN | ACK, 1, 2, 0);
    scenario_send(&s, S2C, ACK, 2, 2, 0);
    lab_annotation r = scenario_send(&s, C2S, RST, 2, 0, 0);
    CU_ASSERT_EQUAL(r.step_kind, LAB_STEP_RESET);
    CU_ASSERT_EQUAL(r.reset_context, LAB_RST_AFTER_CLOSE);
    CU_ASSERT_FALSE(r.has_ack);
    lab_annotation r2 = scenario_send(&s, C2S, RST, 2, 0, 0);
    CU_ASSERT_EQUAL(r2.reset_context, LAB_RST_AFTER_CLOSE);
    scenario_end(&s);
}

static void reset_midstream(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, S2C, ACK, 100, 50, 10);
    lab_annotation r = scenario_send(&s, C2S, RST | ACK, 50, 111, 0);
    CU_ASSERT_EQUAL(r.reset_context, LAB_RST_MIDSTREAM);
    CU_ASSERT_TRUE(r.states_known);
    CU_ASSERT_EQUAL(r.state_client, LAB_ST_CLOSED);
    scenario_end(&s);
}

static void reset_during_handshake(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation r = scenario_send(&s, C2S, RST, 1, 0, 0);
    CU_ASSERT_EQUAL(r.reset_context, LAB_RST_HANDSHAKE);
    scenario_end(&s);
}

void add_close_tests(CU_pSuite suite)
{
    CU_add_test(suite, "four-way close, client first", four_way_client_first);
    CU_add_test(suite, "four-way close, server first", four_way_server_first);
    CU_add_test(suite, "three-way (merged FIN+ACK) close", three_way_merged);
    CU_add_test(suite, "simultaneous close: FINs cross", simultaneous_close);
    CU_add_test(suite, "half-close: peer keeps sending after the FIN", half_close);
    CU_add_test(suite, "FIN carried on a data segment", fin_on_data_segment);
    CU_add_test(suite, "retransmitted FIN repeats its step", fin_retransmission);
    CU_add_test(suite, "FIN behind a gap is released by the retransmission", fin_behind_a_gap);
    CU_add_test(suite, "RST during data", reset_during_data);
    CU_add_test(suite, "RST after a FIN", reset_after_fin);
    CU_add_test(suite, "RST after the close", reset_after_close);
    CU_add_test(suite, "RST with no handshake captured", reset_midstream);
    CU_add_test(suite, "RST during the handshake", reset_during_handshake);
}
