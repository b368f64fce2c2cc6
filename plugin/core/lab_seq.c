/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sequence and acknowledgement arithmetic.
 *
 * Each direction remembers the highest byte it has sent (`next`, relative) and the gaps
 * below it, so a segment that does not start at `next` can be told apart as a gap, a
 * retransmission, a late (out-of-order) segment or a TCP keep-alive probe. Each ACK is
 * compared with the peer's `next`; the segment that set it is kept so the text can write
 * the sum out ("Ack 535 = Seq 1 + Len 534"). */
#include "lab_seq.h"

#include <stdlib.h>

uint32_t lab_seq_relative(const lab_conn *conn, unsigned dir, uint32_t raw)
{
    return raw - conn->side[dir].base;
}

static void fix_bases(lab_conn *conn, unsigned dir, const lab_segment *seg)
{
    lab_side *me = &conn->side[dir];
    lab_side *peer = &conn->side[lab_peer(dir)];

    /* As Wireshark does: the ISN when the SYN is seen, else one below the first seq seen,
     * so that the first byte is numbered 1. */
    if (!me->base_known) {
        me->base = (seg->flags & LAB_TCP_SYN) ? seg->seq_raw : seg->seq_raw - 1u;
        me->base_known = true;
    }
    if (!peer->base_known && (seg->flags & LAB_TCP_ACK)) {
        peer->base = seg->ack_raw - 1u;
        peer->base_known = true;
    }
}

static void add_hole(lab_side *s, uint32_t start, uint32_t end)
{
    if (!s->holes) {
        s->holes = calloc(LAB_MAX_HOLES, sizeof(*s->holes));
        if (!s->holes) /* out of memory: the gap is not remembered, its filler looks out of order */
            return;
    }
    if (s->n_holes == LAB_MAX_HOLES) {
        /* forget the oldest gap */
        for (unsigned i = 1; i < LAB_MAX_HOLES; i++)
            s->holes[i - 1] = s->holes[i];
        s->n_holes--;
    }
    s->holes[s->n_holes].start = start;
    s->holes[s->n_holes].end = end;
    s->n_holes++;
}

/* Removes [start, end) from the remembered gaps; true if it filled any part of one. */
static bool fill_holes(lab_side *s, uint32_t start, uint32_t end)
{
    bool filled = false;
    unsigned i = 0;
    while (i < s->n_holes) {
        lab_hole *h = &s->holes[i];
        bool overlaps = lab_seq_diff(start, h->end) < 0 && lab_seq_diff(end, h->start) > 0;
        if (!overlaps) {
            i++;
            continue;
        }
        filled = true;
        bool keeps_head = lab_seq_diff(start, h->start) > 0;
        bool keeps_tail = lab_seq_diff(end, h->end) < 0;
        if (keeps_head && keeps_tail) {
            uint32_t tail_start = end, tail_end = h->end;
            h->end = start;
            add_hole(s, tail_start, tail_end);
            i++;
        } else if (keeps_head) {
            h->end = start;
            i++;
        } else if (keeps_tail) {
            h->start = end;
            i++;
        } else {
            s->holes[i] = s->holes[s->n_holes - 1];
            s->n_holes--;
        }
    }
    return filled;
}

static void check_seq(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    uint32_t span = lab_segment_span(seg);
    uint32_t rel = lab_seq_relative(conn, dir, seg->seq_raw);
    uint32_t end = rel + span;

    out->seq = rel;
    out->len = seg->len;

    if (!me->next_known) {
        out->seq_expected = rel;
        out->seq_check = (seg->flags & LAB_TCP_SYN) ? LAB_SEQ_IN_ORDER : LAB_SEQ_FIRST_SEEN;
        out->seq_ok_known = (seg->flags & LAB_TCP_SYN) != 0;
        out->seq_ok = out->seq_ok_known;
    } else {
        int32_t diff = lab_seq_diff(rel, me->next);
        bool plain = (seg->flags & (LAB_TCP_SYN | LAB_TCP_FIN | LAB_TCP_RST)) == 0;
        out->seq_expected = me->next;
        out->seq_ok_known = true;
        if (plain && seg->len <= 1 && diff == -1) {
            /* One byte below the next: a keep-alive probe asks "are you there?". */
            out->seq_check = LAB_SEQ_KEEPALIVE;
            out->seq_ok = true;
            return; /* its garbage byte (if any) is not new data */
        } else if (diff == 0) {
            out->seq_check = LAB_SEQ_IN_ORDER;
            out->seq_ok = true;
        } else if (diff > 0) {
            out->seq_check = LAB_SEQ_GAP;
            out->seq_ok = false;
            add_hole(me, me->next, rel);
        } else if (span == 0) {
            /* an empty segment numbered below data already sent: sent before that data */
            out->seq_check = LAB_SEQ_OUT_OF_ORDER;
            out->seq_ok = false;
        } else if (fill_holes(me, rel, end)) {
            /* Filling a gap: if the receiver already asked for these bytes with duplicate
             * ACKs, this is the retransmission of a copy lost before the capture point;
             * otherwise the segment simply arrived later than the ones after it. */
            const lab_side *peer = &conn->side[lab_peer(dir)];
            bool asked_for = peer->dup_acks > 0 && peer->last_ack == rel;
            out->seq_check = asked_for ? LAB_SEQ_RETRANSMISSION : LAB_SEQ_OUT_OF_ORDER;
            out->fills_gap = asked_for;
            out->seq_ok = false;
        } else {
            out->seq_check = LAB_SEQ_RETRANSMISSION;
            out->seq_ok = false;
        }
    }

    if (!me->next_known || lab_seq_diff(end, me->next) > 0) {
        me->next = end;
        me->next_known = true;
        me->last_seq = rel;
        me->last_len = seg->len;
        me->last_flags = seg->flags & (LAB_TCP_SYN | LAB_TCP_FIN);
        me->last_frame = seg->frame;
    }
}

static void check_ack(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    const lab_side *peer = &conn->side[lab_peer(dir)];

    if (!(seg->flags & LAB_TCP_ACK))
        return;
    uint32_t ack = seg->ack_raw - peer->base;
    out->ack = ack;

    if (peer->next_known) {
        int32_t diff = lab_seq_diff(ack, peer->next);
        bool pure = seg->len == 0 && (seg->flags & (LAB_TCP_SYN | LAB_TCP_FIN | LAB_TCP_RST)) == 0;
        out->has_ack = true;
        out->ack_expected = peer->next;
        out->basis_seq = peer->last_seq;
        out->basis_len = peer->last_len;
        out->basis_flags = peer->last_flags;
        if (diff == 0) {
            out->ack_check = LAB_ACK_OK;
        } else if (diff > 0) {
            out->ack_check = LAB_ACK_UNSEEN;
        } else if (pure && me->ack_seen && ack == me->last_ack && seg->window == me->last_window) {
            out->ack_check = LAB_ACK_DUPLICATE;
            out->dup_count = (uint16_t)(me->dup_acks < UINT16_MAX ? me->dup_acks + 1 : UINT16_MAX);
        } else if (me->ack_seen && lab_seq_diff(ack, me->highest_ack) < 0) {
            out->ack_check = LAB_ACK_OLD;
        } else {
            out->ack_check = LAB_ACK_PARTIAL;
        }
    }

    me->dup_acks = out->ack_check == LAB_ACK_DUPLICATE ? out->dup_count : 0;
    if (!me->ack_seen || lab_seq_diff(ack, me->highest_ack) > 0)
        me->highest_ack = ack;
    me->last_ack = ack;
    me->last_window = seg->window;
    me->ack_seen = true;
}

void lab_seq_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    fix_bases(conn, dir, seg);
    check_ack(conn, dir, seg, out);
    check_seq(conn, dir, seg, out);
}
