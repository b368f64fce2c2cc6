/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packing an annotation for storage (lab_pack.c): what packs comes back bit for bit, what is
 * ordinary packs, and what does not fit is refused rather than changed. */
#include "lab_pack.h"
#include "scenario.h"
#include "suites.h"

#include <CUnit/CUnit.h>
#include <string.h>

/* Packs the annotation the scenario's last frame got; true if it packed, and then it must
 * come back whole. */
static bool packs(const scenario *s, const lab_annotation *a)
{
    lab_packed p;
    memset(&p, 0xa5, sizeof(p)); /* whatever was there before does not leak in */
    if (!lab_pack(a, s->frame, &p))
        return false;
    lab_annotation back;
    lab_unpack(&p, s->frame, &back);
    CU_ASSERT_EQUAL(memcmp(&back, a, sizeof(back)), 0);
    return true;
}

#define SEND_PACKS(s, ...) do { lab_annotation a_ = scenario_send((s), __VA_ARGS__); CU_ASSERT_TRUE(packs((s), &a_)); } while (0)

static void ordinary_connection_packs(void)
{
    scenario s;
    scenario_start(&s);
    SEND_PACKS(&s, C2S, SYN, 0, 0, 0);
    SEND_PACKS(&s, S2C, SYN | ACK, 0, 1, 0);
    SEND_PACKS(&s, C2S, ACK, 1, 1, 0);
    SEND_PACKS(&s, C2S, ACK | PSH, 1, 1, 534);
    SEND_PACKS(&s, S2C, ACK, 1, 535, 0);
    SEND_PACKS(&s, S2C, ACK | PSH, 1, 535, 1448);
    SEND_PACKS(&s, S2C, ACK | PSH, 1449, 535, 300);
    SEND_PACKS(&s, C2S, ACK, 535, 1749, 0);
    /* the four-way close: the ACK steps point back at the FIN they answer */
    SEND_PACKS(&s, S2C, FIN | ACK, 1749, 535, 0);
    lab_annotation ack2 = scenario_send(&s, C2S, ACK, 535, 1750, 0);
    CU_ASSERT_EQUAL(ack2.ref_frame, s.frame - 1);
    CU_ASSERT_TRUE(packs(&s, &ack2));
    SEND_PACKS(&s, C2S, FIN | ACK, 535, 1750, 0);
    SEND_PACKS(&s, S2C, ACK, 1750, 536, 0);
    scenario_end(&s);
}

static void refusals_and_resets_pack(void)
{
    scenario s;
    scenario_start(&s);
    SEND_PACKS(&s, C2S, SYN, 0, 0, 0);
    SEND_PACKS(&s, S2C, RST | ACK, 0, 1, 0);
    scenario_end(&s);
    scenario_start(&s);
    scenario_handshake(&s);
    SEND_PACKS(&s, C2S, RST | ACK, 1, 1, 0);
    SEND_PACKS(&s, S2C, ACK | PSH, 1, 1, 10); /* in flight when the RST was sent */
    scenario_end(&s);
}

/* Whatever does not fit is refused: the glue then keeps the annotation whole. */
static void unusual_segments_are_refused_not_changed(void)
{
    scenario s;
    scenario_start(&s);
    scenario_handshake(&s);
    lab_annotation big = scenario_send(&s, C2S, ACK | PSH, 1, 1, 70000); /* GRO-merged on capture */
    CU_ASSERT_FALSE(packs(&s, &big));
    lab_annotation again = scenario_send(&s, C2S, ACK | PSH, 1, 1, 100); /* a retransmission */
    CU_ASSERT_NOT_EQUAL(again.seq_expected, again.seq);
    CU_ASSERT_FALSE(packs(&s, &again));
    scenario_end(&s);

    lab_annotation a;
    memset(&a, 0, sizeof(a));
    a.stream = 7;
    a.generation = 1; /* a second connection on the same ports */
    CU_ASSERT_FALSE(packs(&s, &a));
    a.generation = 0;
    a.dup_count = 1;
    CU_ASSERT_FALSE(packs(&s, &a));
    a.dup_count = 0;
    a.state_client = 16; /* beyond the packed width: refused by the round trip, not cut */
    CU_ASSERT_FALSE(packs(&s, &a));
    a.state_client = LAB_ST_ESTABLISHED;
    a.ref_frame = s.frame + 1; /* a reference forward in time cannot be a distance back */
    CU_ASSERT_FALSE(packs(&s, &a));
    a.ref_frame = 0;
    a.ack = 10;
    a.ack_expected = 10 + 40000; /* more in flight than the delta holds */
    CU_ASSERT_FALSE(packs(&s, &a));
    a.ack_expected = 10;
    CU_ASSERT_FALSE(packs(&s, &a)); /* the basis segment must end where the ack expects */
    a.basis_seq = 10;
    CU_ASSERT_TRUE(packs(&s, &a));
}

void add_pack_tests(CU_pSuite suite)
{
    CU_add_test(suite, "an ordinary connection packs, segment by segment, and comes back whole", ordinary_connection_packs);
    CU_add_test(suite, "refusals and resets pack", refusals_and_resets_pack);
    CU_add_test(suite, "what does not fit is refused, never changed", unusual_segments_are_refused_not_changed);
}
