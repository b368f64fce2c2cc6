/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The short column texts: each one names the packet's own flags and place (lab_short.c). */
#include "lab_short.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <string.h>

#define STEP_IS(a, text) do { char b_[LAB_SHORT_MAX]; \
    CU_ASSERT_STRING_EQUAL(lab_short_step(&(a), b_, sizeof(b_)), (text)); } while (0)
#define INFO_IS(a, text) do { char b_[LAB_SHORT_MAX]; \
    CU_ASSERT_STRING_EQUAL(lab_short_info(&(a), b_, sizeof(b_)), (text)); } while (0)
#define STATE_IS(a, side, text) do { char b_[LAB_SHORT_MAX]; \
    CU_ASSERT_STRING_EQUAL(lab_short_state(&(a), (side), b_, sizeof(b_)), (text)); } while (0)

static void handshake_steps(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation synack = scenario_send(&s, S2C, SYN | ACK, 0, 1, 0);
    lab_annotation ack = scenario_send(&s, C2S, ACK, 1, 1, 0);
    lab_annotation data = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100);
    STEP_IS(syn, "SYN 1/3");
    STEP_IS(synack, "SYN+ACK 2/3");
    STEP_IS(ack, "ACK 3/3");
    STEP_IS(data, "");
    INFO_IS(syn, "Handshake 1/3 SYN");
    INFO_IS(synack, "Handshake 2/3 SYN+ACK");
    INFO_IS(ack, "Handshake 3/3 ACK");
    INFO_IS(data, "");
    /* the SYN's receiver: LISTEN is assumed, and it moves to SYN-RECEIVED */
    STATE_IS(syn, C2S, "SYN-SENT");
    STATE_IS(syn, S2C, "LISTEN → SYN-RECEIVED");
    STATE_IS(synack, C2S, "SYN-SENT → ESTABLISHED");
    STATE_IS(synack, S2C, "SYN-RECEIVED");
    STATE_IS(ack, S2C, "SYN-RECEIVED → ESTABLISHED");
    STATE_IS(data, C2S, "ESTABLISHED");
    STATE_IS(data, S2C, "ESTABLISHED");
    scenario_end(&s);
}

static void syn_retransmitted(void)
{
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    s.time += 1.0;
    lab_annotation again = scenario_send(&s, C2S, SYN, 0, 0, 0);
    STEP_IS(syn, "SYN 1/3");
    CU_ASSERT_TRUE(again.step_retransmitted);
    STEP_IS(again, "SYN 1/3 again");
    INFO_IS(again, "Handshake 1/3 SYN again");
    /* nothing from the server yet: whether it listens is an assumption */
    STATE_IS(again, S2C, "LISTEN → SYN-RECEIVED");
    scenario_end(&s);
}

static void four_way_close(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation a1 = scenario_send(&s, S2C, ACK, 1, 2, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation a2 = scenario_send(&s, C2S, ACK, 2, 2, 0);
    STEP_IS(f1, "FIN 1");
    STEP_IS(a1, "ACK 2/4");
    STEP_IS(f2, "FIN 3/4");
    STEP_IS(a2, "ACK 4/4");
    /* the first FIN: no total yet, and the label says why instead of looking cut off */
    INFO_IS(f1, "Close 1 FIN (starts the close)");
    INFO_IS(a1, "Close 2/4 ACK");
    INFO_IS(a2, "Close 4/4 ACK");
    STATE_IS(f1, C2S, "FIN-WAIT-1");
    STATE_IS(f1, S2C, "ESTABLISHED → CLOSE-WAIT");
    STATE_IS(a1, C2S, "FIN-WAIT-1 → FIN-WAIT-2");
    STATE_IS(a1, S2C, "CLOSE-WAIT");
    STATE_IS(f2, S2C, "LAST-ACK");
    STATE_IS(f2, C2S, "FIN-WAIT-2 → TIME-WAIT");
    STATE_IS(a2, C2S, "TIME-WAIT");
    STATE_IS(a2, S2C, "LAST-ACK → CLOSED");
    scenario_end(&s);
}

static void three_way_and_simultaneous_close(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    lab_annotation f2 = scenario_send(&s, S2C, FIN | ACK, 1, 2, 0);
    lab_annotation a = scenario_send(&s, C2S, ACK, 2, 2, 0);
    STEP_IS(f1, "FIN 1");
    STEP_IS(f2, "FIN+ACK 2/3");
    STEP_IS(a, "ACK 3/3");
    INFO_IS(a, "Close 3/3 ACK");
    scenario_end(&s);

    scenario_start(&s);
    scenario_handshake(&s);
    f1 = scenario_send(&s, C2S, FIN | ACK, 1, 1, 0);
    f2 = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0); /* crosses f1: it does not ack it */
    lab_annotation a1 = scenario_send(&s, C2S, ACK, 2, 2, 0);
    STEP_IS(f2, "FIN 2/4");
    STEP_IS(a1, "ACK 3/4");
    STATE_IS(f2, C2S, "FIN-WAIT-1 → CLOSING");
    scenario_end(&s);
}

static void fin_again_and_resets(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    lab_annotation again = scenario_send(&s, S2C, FIN | ACK, 1, 1, 0);
    STEP_IS(again, "FIN 1 again");
    INFO_IS(again, "Close 1 FIN (starts the close) again");
    scenario_end(&s);

    scenario_start(&s);
    scenario_send(&s, C2S, SYN, 0, 0, 0);
    lab_annotation refused = scenario_send(&s, S2C, RST | ACK, 0, 1, 0);
    STEP_IS(refused, "RST");
    INFO_IS(refused, "Reset RST");
    scenario_end(&s);
}

static void short_buffers(void)
{
    char tiny[4];
    scenario s;
    scenario_start(&s);
    lab_annotation syn = scenario_send(&s, C2S, SYN, 0, 0, 0);
    CU_ASSERT_STRING_EQUAL(lab_short_step(&syn, tiny, sizeof(tiny)), "SYN");
    CU_ASSERT_STRING_EQUAL(lab_short_info(&syn, tiny, sizeof(tiny)), "Han");
    CU_ASSERT_STRING_EQUAL(lab_short_state(&syn, S2C, tiny, sizeof(tiny)), "LIS");
    CU_ASSERT_PTR_EQUAL(lab_short_step(&syn, tiny, 0), tiny);
    scenario_end(&s);
}

void add_short_tests(CU_pSuite suite)
{
    CU_add_test(suite, "handshake: SYN 1/3, SYN+ACK 2/3, ACK 3/3 and the states", handshake_steps);
    CU_add_test(suite, "a retransmitted SYN says again", syn_retransmitted);
    CU_add_test(suite, "four-way close: FIN 1, ACK 2/4, FIN 3/4, ACK 4/4", four_way_close);
    CU_add_test(suite, "three-way and simultaneous close", three_way_and_simultaneous_close);
    CU_add_test(suite, "retransmitted FIN and RST", fin_again_and_resets);
    CU_add_test(suite, "short buffers are truncated, not overrun", short_buffers);
}
