/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Handshake steps, roles and states (docs/semantics.md, "Handshake steps"). */
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>

#define STEP(a, kind, num) do { CU_ASSERT_EQUAL((a).step_kind, (kind)); CU_ASSERT_EQUAL((a).step_num, (num)); } while (0)

static void normal_handshake(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation get = scenario_send(&s, C2S, ACK | PSH, 1, 1, 534);
    lab_annotation ack2 = scenario_send(&s, S2C, ACK, 1, 535, 0);

    STEP(syn, LAB_STEP_HANDSHAKE, 1);
    STEP(synack, LAB_STEP_HANDSHAKE, 2);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    STEP(get, LAB_STEP_NONE, 0);
    CU_ASSERT_EQUAL(syn.dir, C2S);
    CU_ASSERT_EQUAL(synack.dir, S2C);
    CU_ASSERT_FALSE(syn.roles_guessed);

    CU_ASSERT_EQUAL(syn.seq, 0);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&syn), 1);
    CU_ASSERT_FALSE(syn.has_ack);
    CU_ASSERT_TRUE(synack.has_ack);
    CU_ASSERT_EQUAL(synack.ack, 1);
    CU_ASSERT_EQUAL(synack.ack_expected, 1);
    CU_ASSERT_EQUAL(synack.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&get), 535);
    CU_ASSERT_EQUAL(ack2.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(ack2.basis_seq, 1);
    CU_ASSERT_EQUAL(ack2.basis_len, 534);

    CU_ASSERT_EQUAL(syn.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(syn.state_server, LAB_ST_LISTEN);
    CU_ASSERT_EQUAL(syn.state_receiver_after, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(synack.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(synack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(synack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(ack.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(ack.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(ack.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(get.state_server, LAB_ST_ESTABLISHED);

    CU_ASSERT_EQUAL(syn.phase, LAB_PHASE_HANDSHAKE);
    CU_ASSERT_EQUAL(ack.phase, LAB_PHASE_HANDSHAKE);
    CU_ASSERT_EQUAL(get.phase, LAB_PHASE_DATA);
    scenario_end(&s);
}

static void syn_retransmission(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn1 = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation syn2 = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);

    STEP(syn1, LAB_STEP_HANDSHAKE, 1);
    STEP(syn2, LAB_STEP_HANDSHAKE, 1);
    CU_ASSERT_FALSE(syn1.step_retransmitted);
    CU_ASSERT_TRUE(syn2.step_retransmitted);
    CU_ASSERT_EQUAL(syn2.seq_check, LAB_SEQ_RETRANSMISSION);
    CU_ASSERT_FALSE(syn2.new_generation);
    STEP(synack, LAB_STEP_HANDSHAKE, 2);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_EQUAL(syn2.state_client, LAB_ST_SYN_SENT);
    /* the first SYN got no answer: the server is not assumed to have it */
    CU_ASSERT_EQUAL(syn2.state_server, LAB_ST_LISTEN);
    CU_ASSERT_EQUAL(syn2.state_receiver_after, LAB_ST_SYN_RECEIVED);
    scenario_end(&s);
}

static void synack_retransmission(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation a = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation b = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    STEP(a, LAB_STEP_HANDSHAKE, 2);
    STEP(b, LAB_STEP_HANDSHAKE, 2);
    CU_ASSERT_TRUE(b.step_retransmitted);
    scenario_end(&s);
}

/* The RST answers the copy of the SYN that got through: the latest one captured. */
static void refused_after_syn_retransmission(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    scenario_send(&s, C2S, SYN, 0, 0, 0); /* frame 2: the retransmission */
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    CU_ASSERT_EQUAL(rst.reset_context, LAB_RST_REFUSED);
    CU_ASSERT_EQUAL(rst.ref_frame, 2);
    scenario_end(&s);
}

static void connection_refused(void)
{
    scenario s;
    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation rst = scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    STEP(rst, LAB_STEP_RESET, 1);
    CU_ASSERT_EQUAL(rst.reset_context, LAB_RST_REFUSED);
    CU_ASSERT_EQUAL(rst.close_kind, LAB_CLOSE_ABORT);
    CU_ASSERT_EQUAL(rst.phase, LAB_PHASE_RESET);
    CU_ASSERT_EQUAL(rst.ref_frame, 1);
    CU_ASSERT_EQUAL(rst.state_server, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(rst.state_client, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(rst.state_receiver_after, LAB_ST_CLOSED);
    CU_ASSERT_EQUAL(rst.ack_check, LAB_ACK_OK);
    scenario_end(&s);
}

static void simultaneous_open(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation a = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation b = scenario_send(&s, S2C, SYN, 0, 0, 0);
    lab_annotation c = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation d = scenario_send(&s, C2S, SYN | ACK, 0, 1, 0);
    lab_annotation e = scenario_send(&s, C2S, ACK | PSH, 1, 1, 10);

    STEP(a, LAB_STEP_HANDSHAKE, 1);
    STEP(b, LAB_STEP_HANDSHAKE, 1);
    STEP(c, LAB_STEP_HANDSHAKE, 2);
    STEP(d, LAB_STEP_HANDSHAKE, 2);
    STEP(e, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_FALSE(a.simultaneous_open);
    CU_ASSERT_TRUE(b.simultaneous_open);
    CU_ASSERT_TRUE(e.simultaneous_open);
    CU_ASSERT_FALSE(b.step_retransmitted);
    CU_ASSERT_FALSE(d.step_retransmitted);
    /* both SYN-SENT sides that receive a SYN become SYN-RECEIVED */
    CU_ASSERT_EQUAL(b.state_server, LAB_ST_SYN_SENT);
    CU_ASSERT_EQUAL(b.state_receiver_after, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(c.state_server, LAB_ST_SYN_RECEIVED);
    /* sending its SYN+ACK proves the client had not yet got the server's: SYN-RECEIVED */
    CU_ASSERT_EQUAL(d.state_client, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(d.state_server, LAB_ST_SYN_RECEIVED);
    CU_ASSERT_EQUAL(d.state_receiver_after, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(e.state_client, LAB_ST_ESTABLISHED);
    CU_ASSERT_EQUAL(e.phase, LAB_PHASE_HANDSHAKE);
    scenario_end(&s);
}

static void syn_with_data_fast_open(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 100);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 101, 0);
    STEP(syn, LAB_STEP_HANDSHAKE, 1);
    CU_ASSERT_TRUE(syn.syn_data);
    CU_ASSERT_EQUAL(lab_annotation_seq_next(&syn), 101);
    CU_ASSERT_EQUAL(synack.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(synack.basis_len, 100);
    CU_ASSERT_EQUAL(synack.basis_flags, SYN);
    /* a server that ignored the data acknowledges only the SYN */
    scenario t;
    scenario_start(&t);
    scenario_send(&t, C2S, SYN, 0, 0, 100);
    lab_annotation partial = scenario_send(&t, S2C, SYN | ACK, 0, 1, 0);
    CU_ASSERT_EQUAL(partial.ack_check, LAB_ACK_PARTIAL);
    scenario_end(&t);
    scenario_end(&s);
}

static void midstream_start(void)
{
    scenario s;
    scenario_start(&s);
    /* first packet seen: the server (port 80) sending data */
    lab_annotation a = scenario_send(&s, S2C, ACK, 100, 50, 1000);
    lab_annotation b = scenario_send(&s, C2S, ACK, 50, 1100, 0);
    lab_annotation c = scenario_send(&s, S2C, ACK, 1100, 50, 1000);
    lab_annotation d = scenario_send(&s, C2S, ACK, 50, 2100, 0);

    CU_ASSERT_TRUE(a.roles_guessed);
    CU_ASSERT_TRUE(a.first_of_stream);
    CU_ASSERT_FALSE(b.first_of_stream);
    CU_ASSERT_EQUAL(a.dir, S2C); /* port 80 < 40000: the server */
    CU_ASSERT_EQUAL(a.phase, LAB_PHASE_UNKNOWN);
    CU_ASSERT_EQUAL(d.phase, LAB_PHASE_UNKNOWN);
    CU_ASSERT_FALSE(a.states_known);
    CU_ASSERT_EQUAL(a.step_kind, LAB_STEP_NONE);
    /* relative numbers start at 1, as Wireshark shows them */
    CU_ASSERT_EQUAL(a.seq, 1);
    CU_ASSERT_EQUAL(a.ack, 1);
    CU_ASSERT_EQUAL(a.seq_check, LAB_SEQ_FIRST_SEEN);
    CU_ASSERT_FALSE(a.seq_ok_known);
    CU_ASSERT_FALSE(a.has_ack);
    /* no error flood afterwards */
    CU_ASSERT_EQUAL(b.seq_check, LAB_SEQ_FIRST_SEEN);
    CU_ASSERT_EQUAL(b.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(c.seq_check, LAB_SEQ_IN_ORDER);
    CU_ASSERT_EQUAL(c.ack_check, LAB_ACK_OK);
    CU_ASSERT_EQUAL(d.ack_check, LAB_ACK_OK);

    lab_annotation fin = scenario_send(&s, C2S, FIN | ACK, 50, 2100, 0);
    CU_ASSERT_EQUAL(fin.step_kind, LAB_STEP_CLOSE);
    CU_ASSERT_EQUAL(fin.phase, LAB_PHASE_CLOSING);
    CU_ASSERT_TRUE(fin.states_known);
    CU_ASSERT_EQUAL(fin.state_client, LAB_ST_FIN_WAIT_1);
    scenario_end(&s);
}

static void midstream_equal_ports(void)
{
    scenario s;
    scenario_start(&s);
    s.port[C2S] = s.port[S2C] = 5000;
    lab_annotation a = scenario_send(&s, S2C, ACK, 1, 1, 10);
    /* equal ports: the first sender is taken as the client */
    CU_ASSERT_EQUAL(a.dir, C2S);
    scenario_end(&s);
}

static void ipv6_handshake(void)
{
    scenario s;
    scenario_start(&s);
    s.ipv6 = true;
    s.port[C2S] = 80; /* a client on a lower port than the server: roles come from the SYN */
    s.port[S2C] = 8080;
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    CU_ASSERT_EQUAL(syn.dir, C2S);
    CU_ASSERT_EQUAL(synack.dir, S2C);
    STEP(ack, LAB_STEP_HANDSHAKE, 3);
    CU_ASSERT_FALSE(syn.roles_guessed);
    scenario_end(&s);
}

static void first_seen_is_synack(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    CU_ASSERT_EQUAL(synack.dir, S2C); /* its receiver is the client */
    CU_ASSERT_FALSE(synack.roles_guessed);
    STEP(synack, LAB_STEP_HANDSHAKE, 2);
    CU_ASSERT_EQUAL(ack.dir, C2S);
    scenario_end(&s);
}

static void port_reuse_new_syn(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    scenario_send(&s, C2S, FIN | ACK, 1, 2, 0);
    scenario_send(&s, S2C, ACK, 2, 2, 0);
    s.isn[C2S] = 900000;
    s.isn[S2C] = 700000;
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    CU_ASSERT_TRUE(syn.new_generation);
    CU_ASSERT_EQUAL(syn.step_kind, LAB_STEP_HANDSHAKE);
    CU_ASSERT_EQUAL(syn.step_num, 1);
    CU_ASSERT_FALSE(syn.step_retransmitted);
    CU_ASSERT_EQUAL(syn.seq, 0);
    CU_ASSERT_EQUAL(syn.phase, LAB_PHASE_HANDSHAKE);
    CU_ASSERT_EQUAL(syn.state_server, LAB_ST_LISTEN);
    CU_ASSERT_EQUAL(synack.ack_check, LAB_ACK_OK);
    scenario_end(&s);
}

void add_handshake_tests(CU_pSuite suite)
{
    CU_add_test(suite, "normal handshake, numbers and states", normal_handshake);
    CU_add_test(suite, "SYN retransmission stays step 1", syn_retransmission);
    CU_add_test(suite, "SYN+ACK retransmission stays step 2", synack_retransmission);
    CU_add_test(suite, "connection refused: SYN answered by RST+ACK", connection_refused);
    CU_add_test(suite, "refusal after a retransmitted SYN refers to the latest copy", refused_after_syn_retransmission);
    CU_add_test(suite, "simultaneous open", simultaneous_open);
    CU_add_test(suite, "SYN carrying data (TCP Fast Open)", syn_with_data_fast_open);
    CU_add_test(suite, "capture starting mid-stream", midstream_start);
    CU_add_test(suite, "mid-stream with equal ports", midstream_equal_ports);
    CU_add_test(suite, "IPv6 addresses, client on the lower port", ipv6_handshake);
    CU_add_test(suite, "first segment seen is the SYN+ACK", first_seen_is_synack);
    CU_add_test(suite, "port reuse: a new SYN after the close", port_reuse_new_syn);
}
