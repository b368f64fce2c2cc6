/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "scenario.h"

#include <CUnit/CUnit.h>
#include <string.h>

void scenario_start(scenario *s)
{
    memset(s, 0, sizeof(*s));
    s->an = lab_analyzer_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->an);
    s->isn[C2S] = 1000;
    s->isn[S2C] = 5000;
    s->port[C2S] = 40000;
    s->port[S2C] = 80;
}

void scenario_end(scenario *s)
{
    lab_analyzer_free(s->an);
    s->an = NULL;
}

static void fill_addr(uint8_t *out, unsigned who, bool ipv6)
{
    if (ipv6) {
        static const uint8_t prefix[] = { 0x20, 0x01, 0x0d, 0xb8 };
        memcpy(out, prefix, sizeof(prefix));
        out[15] = who == C2S ? 0x10 : 0x20;
    } else {
        out[0] = 192, out[1] = 0, out[2] = 2, out[3] = who == C2S ? 10 : 20;
    }
}

lab_annotation scenario_send(scenario *s, unsigned dir, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
    lab_segment seg;
    lab_annotation out;
    memset(&seg, 0, sizeof(seg));
    seg.frame = ++s->frame;
    s->time += 0.001;
    seg.time = s->time;
    seg.stream = s->stream;
    seg.addr_len = s->ipv6 ? 16 : 4;
    fill_addr(seg.src_addr, dir, s->ipv6);
    fill_addr(seg.dst_addr, dir ^ 1u, s->ipv6);
    seg.src_port = s->port[dir];
    seg.dst_port = s->port[dir ^ 1u];
    seg.seq_raw = s->isn[dir] + seq;
    seg.ack_raw = (flags & ACK) ? s->isn[dir ^ 1u] + ack : 0;
    seg.len = len;
    seg.window = 512;
    seg.flags = flags;
    CU_ASSERT_EQUAL(lab_analyze_segment(s->an, &seg, &out), 0);
    return out;
}

void scenario_handshake(scenario *s)
{
    scenario_send(s, C2S, SYN, 0, 0, 0);
    scenario_send(s, S2C, SYN | ACK, 0, 1, 0);
    scenario_send(s, C2S, ACK, 1, 1, 0);
}
