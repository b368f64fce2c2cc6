/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packing an annotation into 32 bytes (lab_pack.h says what fits). Every derived field is
 * recomputed on unpacking, and lab_pack() unpacks its own result and compares it with the
 * original, so a segment the rules below do not describe is refused, never altered. */
#include "lab_pack.h"

#include <string.h>

_Static_assert(sizeof(lab_packed) == 32, "lab_packed is meant to be 32 bytes");

/* The 16 one-bit facts, in a fixed order. */
static uint16_t bools_of(const lab_annotation *a)
{
    return (uint16_t)(a->roles_guessed << 0 | a->states_known << 1 | a->seq_ok_known << 2 | a->seq_ok << 3
                      | a->has_ack << 4 | a->step_retransmitted << 5 | a->syn_data << 6
                      | a->simultaneous_open << 7 | a->new_generation << 8 | a->first_of_stream << 9
                      | a->fills_gap << 10 | a->conn_snapshot << 11 | a->payload << 12
                      | a->ends_connection << 13 | a->server_answered << 14 | a->finishes_connection << 15);
}

static void set_bools(lab_annotation *a, unsigned b)
{
    a->roles_guessed = b >> 0 & 1;
    a->states_known = b >> 1 & 1;
    a->seq_ok_known = b >> 2 & 1;
    a->seq_ok = b >> 3 & 1;
    a->has_ack = b >> 4 & 1;
    a->step_retransmitted = b >> 5 & 1;
    a->syn_data = b >> 6 & 1;
    a->simultaneous_open = b >> 7 & 1;
    a->new_generation = b >> 8 & 1;
    a->first_of_stream = b >> 9 & 1;
    a->fills_gap = b >> 10 & 1;
    a->conn_snapshot = b >> 11 & 1;
    a->payload = b >> 12 & 1;
    a->ends_connection = b >> 13 & 1;
    a->server_answered = b >> 14 & 1;
    a->finishes_connection = b >> 15 & 1;
}

/* Where the basis segment starts: it ends at ack_expected, and its SYN and FIN each take one
 * sequence number after its payload. */
static uint32_t basis_start(uint32_t ack_expected, uint32_t basis_len, unsigned basis_flags)
{
    return ack_expected - basis_len - ((basis_flags & LAB_TCP_SYN) ? 1u : 0u) - ((basis_flags & LAB_TCP_FIN) ? 1u : 0u);
}

void lab_unpack(const lab_packed *p, uint32_t frame, lab_annotation *a)
{
    memset(a, 0, sizeof(*a));
    a->stream = p->stream;
    a->seq = p->seq;
    a->len = p->len;
    a->seq_expected = p->seq;
    a->ack = p->ack;
    a->ack_expected = p->ack + (uint32_t)(int32_t)p->ack_expected_delta;
    a->basis_flags = (uint8_t)((p->basis_syn_fin & 1u ? LAB_TCP_SYN : 0u) | (p->basis_syn_fin & 2u ? LAB_TCP_FIN : 0u));
    a->basis_len = p->basis_len;
    a->basis_seq = basis_start(a->ack_expected, a->basis_len, a->basis_flags);
    a->ref_frame = p->ref_back ? frame - p->ref_back : 0;
    a->flags = (uint8_t)p->flags;
    a->dir = (uint8_t)p->dir;
    a->phase = (uint8_t)p->phase;
    a->step_kind = (uint8_t)p->step_kind;
    a->step_num = (uint8_t)p->step_num;
    a->step_total = (uint8_t)p->step_total;
    a->close_kind = (uint8_t)p->close_kind;
    a->closer = (uint8_t)p->closer;
    a->state_client = (uint8_t)p->state_client;
    a->state_server = (uint8_t)p->state_server;
    a->state_receiver_after = (uint8_t)p->state_receiver_after;
    a->seq_check = (uint8_t)p->seq_check;
    a->ack_check = (uint8_t)p->ack_check;
    a->reset_context = (uint8_t)p->reset_context;
    a->note = (uint8_t)p->note;
    set_bools(a, p->bools);
}

bool lab_pack(const lab_annotation *a, uint32_t frame, lab_packed *p)
{
    int64_t delta = (int64_t)(int32_t)(a->ack_expected - a->ack);
    uint32_t back = a->ref_frame ? frame - a->ref_frame : 0;
    /* the cheap refusals first; the round trip below catches everything else */
    if (a->len > UINT16_MAX || a->basis_len > UINT16_MAX || delta < INT16_MIN || delta > INT16_MAX
        || (a->ref_frame && (a->ref_frame >= frame || back > UINT16_MAX)))
        return false;
    p->stream = a->stream;
    p->seq = a->seq;
    p->ack = a->ack;
    p->len = (uint16_t)a->len;
    p->basis_len = (uint16_t)a->basis_len;
    p->ack_expected_delta = (int16_t)delta;
    p->ref_back = (uint16_t)back;
    p->flags = a->flags;
    p->basis_syn_fin = ((a->basis_flags & LAB_TCP_SYN) ? 1u : 0u) | ((a->basis_flags & LAB_TCP_FIN) ? 2u : 0u);
    p->dir = a->dir;
    p->phase = a->phase;
    p->step_kind = a->step_kind;
    p->step_num = a->step_num;
    p->step_total = a->step_total;
    p->close_kind = a->close_kind;
    p->closer = a->closer;
    p->state_client = a->state_client;
    p->state_server = a->state_server;
    p->state_receiver_after = a->state_receiver_after;
    p->seq_check = a->seq_check;
    p->ack_check = a->ack_check;
    p->reset_context = a->reset_context;
    p->note = a->note;
    p->bools = bools_of(a);

    /* Byte for byte: a field added to lab_annotation and not packed here makes every frame
     * that uses it refuse to pack, so it is kept whole, never lost. (Callers zero their
     * annotation before filling it, as the analyzer's does, so padding compares equal.) */
    lab_annotation back_again;
    lab_unpack(p, frame, &back_again);
    return memcmp(&back_again, a, sizeof(*a)) == 0;
}
