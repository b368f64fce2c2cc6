/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What each packet proves, and nothing more (docs/semantics.md, "What a packet proves"):
 * captures that start late or hold one direction only, segments after an RST, a close
 * during a TCP Fast Open handshake, a FIN repeated because the answer never came, and
 * flags that contradict each other. Each test is one of the situations of issue #9. */
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>

#define STEP(a, kind, num) do { CU_ASSERT_EQUAL((a).step_kind, (kind)); CU_ASSERT_EQUAL((a).step_num, (num)); } while (0)

/* 1. The capture starts at the SYN+ACK: its ack proves the client's SYN. */
static void late_start_at_synack(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation req = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    lab_annotation resp = scenario_send(&s, S2C, ACK | PSH, 1, 101, 500);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 101, 501, 0);
    lab_annotation a1 = scenario_send(&s, S2C, ACK, 501, 102, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 501, 102, 0);
    lab_annotation a2 = scenario_send(&s, C2S, ACK, 102, 502, 0);

    STEP(synack, LAB_STEP_HANDSHAKE, 2);
    CU_ASSERT_EQUAL(synack.note, LAB_NOTE_SYN_PROVED);
    CU_ASSERT_EQUAL(synack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(synack.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(synack.state_receiver_after, LAB_ST_ESTABLISHED);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_EQUAL(ack.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(ack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(ack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(req.phase, LAB_PHASE_DATA);
    CU_ASSERT_EQUAL(resp.phase, LAB_PHASE_DATA);
    CU_ASSERT_EQUAL(req.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(resp.state_server, LAB_ST_ESTABLISHED);
    STEP(f1, LAB_STEP_CLOSE, 1);
    CU_ASSERT_EQUAL(f1.state_client, LAB_ST_FIN_WAIT_1);
    STEP(a1, LAB_STEP_CLOSE, 2);
    STEP(f2, LAB_STEP_CLOSE, 3);
    STEP(a2, LAB_STEP_CLOSE, 4);
    CU_ASSERT_EQUAL(a2.state_client, LAB_ST_TIME_WAIT);
    CU_ASSERT_EQUAL(a2.state_server, LAB_ST_LAST_ACK);
    scenario_end(&s);
}

/* 2. Only the client's direction was captured: its ACK of the server's ISN + 1 proves the
 * SYN+ACK arrived; what the client received afterwards is not in the file. */
static void one_sided_client_only(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation req = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    lab_annotation ack2 = scenario_send(&s, C2S, ACK, 101, 501, 0);
    lab_annotation fin = scenario_send(&s, C2S, FIN | ACK, 101, 501, 0);

    STEP(syn, LAB_STEP_HANDSHAKE, 1);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_EQUAL(ack.note, LAB_NOTE_SYNACK_PROVED);
    CU_ASSERT_TRUE(ack.states_known);
    CU_ASSERT_EQUAL(ack.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(ack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(ack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(req.phase, LAB_PHASE_DATA);
    CU_ASSERT_EQUAL(req.step_kind, LAB_STEP_NONE);
    /* never SYN-SENT: after step 3 the states are not known */
    CU_ASSERT_FALSE(req.states_known && req.state_client == LAB_ST_SYN_SENT);
    CU_ASSERT_FALSE(req.states_known);
    CU_ASSERT_EQUAL(req.note, LAB_NOTE_ONE_SIDED);
    CU_ASSERT_EQUAL(ack2.phase, LAB_PHASE_DATA);
    STEP(fin, LAB_STEP_CLOSE, 1);
    CU_ASSERT_FALSE(fin.states_known && fin.state_client == LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(fin.phase, LAB_PHASE_CLOSING);
    scenario_end(&s);
}

/* 3. Segments on the same ports after an RST: a late segment, no step of the connection. */
static void segment_after_own_rst(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation rst = scenario_send(&s, C2S, RST, 1, 0, 0);
    s.time += 16.0;
    lab_annotation late = scenario_send(&s, C2S, ACK | PSH, 1, 1, 50);
    lab_annotation answer = scenario_send(&s, S2C, RST, 1, 0, 0);

    STEP(rst, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(late.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(late.note, LAB_NOTE_LATE);
    CU_ASSERT_EQUAL(late.phase, LAB_PHASE_CLOSED);
    CU_ASSERT_FALSE(late.states_known);
    CU_ASSERT_EQUAL(late.close_kind, LAB_CLOSE_NONE);
    STEP(answer, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(answer.reset_context, LAB_RST_AFTER_CLOSE);
    scenario_end(&s);
}

/* 4. A FIN captured after the peer's RST: its sender had not received the RST; no close
 * step, no abort kind, and the phase stays closed. */
static void fin_after_peer_rst(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 1, 1, 0);
    lab_annotation fin = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation answer = scenario_send(&s, S2C, RST, 1, 0, 0);

    STEP(rst, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(rst.phase, LAB_PHASE_RESET);
    CU_ASSERT_EQUAL(fin.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(fin.close_kind, LAB_CLOSE_NONE);
    CU_ASSERT_EQUAL(fin.note, LAB_NOTE_IN_FLIGHT);
    CU_ASSERT_EQUAL(fin.phase, LAB_PHASE_CLOSED);
    CU_ASSERT_TRUE(fin.states_known);
    CU_ASSERT_EQUAL(fin.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(fin.state_server, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(fin.state_receiver_after, LAB_ST_CLOSED);
    STEP(answer, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(answer.state_client, LAB_ST_CLOSED); /* the first RST has arrived by then */
    CU_ASSERT_EQUAL(answer.state_receiver_after, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(answer.phase, LAB_PHASE_RESET);
    scenario_end(&s);
}

/* 5. Data already in flight when the peer sent its RST: its sender was still ESTABLISHED. */
static void data_in_flight_at_rst(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 1, 101, 0);
    lab_annotation d1 = scenario_send(&s, C2S, ACK | PSH, 101, 1, 100);
    lab_annotation d2 = scenario_send(&s, C2S, ACK | PSH, 201, 1, 100);
    lab_annotation answer = scenario_send(&s, S2C, RST, 1, 0, 0);

    CU_ASSERT_EQUAL(rst.state_server, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(rst.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(rst.state_receiver_after, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(d1.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(d1.note, LAB_NOTE_IN_FLIGHT);
    CU_ASSERT_EQUAL(d1.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(d1.state_server, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(d1.phase, LAB_PHASE_CLOSED);
    CU_ASSERT_EQUAL(d2.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(d2.seq_check, LAB_SEQ_IN_ORDER);
    STEP(answer, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(answer.reset_context, LAB_RST_AFTER_CLOSE);
    scenario_end(&s);
}

/* 6. TCP Fast Open: the server answers and closes before the client's ACK arrives. A close
 * in SYN-RECEIVED goes to FIN-WAIT-1 (RFC 9293); once a FIN is out the phase stays closing. */
static void fast_open_server_fin_before_ack(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 100);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 101, 0);
    lab_annotation resp = scenario_send(&s, S2C, ACK | PSH, 1, 101, 200);
    lab_annotation fin = scenario_send(&s, S2C, FIN | ACK, 201, 101, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 101, 1, 0);
    lab_annotation ack_fin = scenario_send(&s, C2S, ACK, 101, 202, 0);

    STEP(synack, LAB_STEP_HANDSHAKE, 2);
    CU_ASSERT_EQUAL(resp.state_server, LAB_ST_SYN_RECEIVED);
    STEP(fin, LAB_STEP_CLOSE, 1);
    CU_ASSERT_EQUAL(fin.state_server, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(fin.phase, LAB_PHASE_CLOSING);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_EQUAL(ack.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_EQUAL(ack.state_server, LAB_ST_FIN_WAIT_1);
    STEP(ack_fin, LAB_STEP_CLOSE, 2);
    CU_ASSERT_EQUAL(ack_fin.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_EQUAL(ack_fin.state_client, LAB_ST_CLOSE_WAIT);
    CU_ASSERT_EQUAL(ack_fin.state_receiver_after, LAB_ST_FIN_WAIT_2);
    scenario_end(&s);
}

/* 7. A retransmitted FIN whose ack does not cover the peer's FIN: its sender never got the
 * peer's FIN+ACK, so it is still FIN-WAIT-1. */
static void fin_retransmitted_before_fin_ack_arrived(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation fa = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation again = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation fa2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation last = scenario_send(&s, C2S, ACK, 2, 2, 0);

    STEP(fa, LAB_STEP_CLOSE, 2);
    CU_ASSERT_EQUAL(fa.close_kind, LAB_CLOSE_THREE_WAY);
    STEP(again, LAB_STEP_CLOSE, 1);
    CU_ASSERT_TRUE(again.step_retransmitted);
    CU_ASSERT_EQUAL(again.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(again.state_server, LAB_ST_LAST_ACK);
    CU_ASSERT_EQUAL(fa2.state_client, LAB_ST_FIN_WAIT_1);
    CU_ASSERT_EQUAL(fa2.state_receiver_after, LAB_ST_TIME_WAIT);
    STEP(last, LAB_STEP_CLOSE, 3);
    CU_ASSERT_EQUAL(last.state_client, LAB_ST_TIME_WAIT);
    scenario_end(&s);
}

/* 8. SYN+FIN (+PSH, URG) from a port scanner: contradictory flags, no step, no state. */
static void contradictory_flags_probe(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation probe = scenario_send(&s, C2S, SYN | FIN | PSH, 0, 0, 0);
    CU_ASSERT_EQUAL(probe.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(probe.note, LAB_NOTE_INVALID_FLAGS);
    CU_ASSERT_FALSE(probe.states_known);
    CU_ASSERT_EQUAL(probe.phase, LAB_PHASE_UNKNOWN);
    CU_ASSERT_FALSE(probe.ends_connection);
    /* a real connection on the same ports afterwards starts afresh */
    s.isn[C2S] = 777777;
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    STEP(syn, LAB_STEP_HANDSHAKE, 1);
    CU_ASSERT_EQUAL(syn.seq, 0);
    CU_ASSERT_EQUAL(syn.seq_check, LAB_SEQ_IN_ORDER);
    scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    /* and inside an established connection it changes nothing either */
    lab_annotation mid = scenario_send(&s, S2C, SYN | FIN | ACK, 1, 1, 0);
    CU_ASSERT_EQUAL(mid.step_kind, LAB_STEP_NONE);
    CU_ASSERT_EQUAL(mid.note, LAB_NOTE_INVALID_FLAGS);
    lab_annotation data = scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);
    CU_ASSERT_EQUAL(data.phase, LAB_PHASE_DATA);
    CU_ASSERT_EQUAL(data.state_server, LAB_ST_ESTABLISHED);
    lab_annotation fin = scenario_send(&s, C2S, FIN | ACK, 11, 1, 0);
    STEP(fin, LAB_STEP_CLOSE, 1);
    scenario_end(&s);
}

/* A new SYN after a reset is a new attempt (a new connection), said so. */
static void new_attempt_after_rst(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    s.isn[C2S] = 3000;
    lab_annotation again = scenario_send(&s, C2S, SYN, 0, 0, 0);
    STEP(again, LAB_STEP_HANDSHAKE, 1);
    CU_ASSERT_TRUE(again.new_generation);
    CU_ASSERT_EQUAL(again.note, LAB_NOTE_NEW_ATTEMPT);
    scenario_end(&s);
}

void add_proof_tests(CU_pSuite suite)
{
    CU_add_test(suite, "1 capture starting at the SYN+ACK", late_start_at_synack);
    CU_add_test(suite, "2 one-sided capture (client direction only)", one_sided_client_only);
    CU_add_test(suite, "3 segment after its sender's own RST", segment_after_own_rst);
    CU_add_test(suite, "4 FIN after the peer's RST", fin_after_peer_rst);
    CU_add_test(suite, "5 data in flight when the peer's RST was sent", data_in_flight_at_rst);
    CU_add_test(suite, "6 TCP Fast Open, server FIN before the client's ACK", fast_open_server_fin_before_ack);
    CU_add_test(suite, "7 FIN retransmitted before the peer's FIN+ACK arrived", fin_retransmitted_before_fin_ack_arrived);
    CU_add_test(suite, "8 SYN+FIN probe: contradictory flags", contradictory_flags_probe);
    CU_add_test(suite, "new attempt after a reset", new_attempt_after_rst);
}
