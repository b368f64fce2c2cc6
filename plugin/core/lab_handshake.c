/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The handshake steps.
 *
 *   1  SYN       every client SYN, retransmissions included
 *   2  SYN+ACK   every server SYN+ACK, retransmissions included
 *   3  ACK       the first segment (no SYN) acknowledging the SYN of a peer that sent a
 *                SYN+ACK: the client's ACK, or the first data segment if that ACK is missing
 *
 * In a simultaneous open both ends send a bare SYN and then a SYN+ACK: each counts as
 * step 1 and step 2, and the first plain ACK is step 3.
 *
 * What the capture missed is inferred only where a packet proves it:
 *   - a SYN+ACK acknowledges a SYN, so its receiver sent one (the capture started late);
 *   - a plain ACK of the peer's ISN + 1 from a side that sent a SYN proves the peer's
 *     SYN+ACK reached it (only one direction was captured): that ACK is step 3;
 *   - payload without SYN is only sent once the sender has sent its SYN and received the
 *     peer's (TCP Fast Open puts data on the SYN itself).
 * After an RST nothing is a handshake step of that connection: a new SYN starts a new one
 * (lab_analyzer.c), anything else is a late segment. */
#include "lab_handshake.h"

static void mark_step(lab_annotation *out, uint8_t num, bool retransmitted)
{
    out->step_kind = LAB_STEP_HANDSHAKE;
    out->step_num = num;
    out->step_total = 3;
    out->step_retransmitted = retransmitted;
}

void lab_handshake_proofs(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    lab_side *peer = &conn->side[lab_peer(dir)];
    uint8_t syn_ack = seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK);

    if (conn->midstream || (seg->flags & LAB_TCP_RST))
        return;
    if (syn_ack == (LAB_TCP_SYN | LAB_TCP_ACK) && !peer->sent_syn) {
        peer->sent_syn = true;
        peer->syn_proved = true;
        out->note = LAB_NOTE_SYN_PROVED;
        return;
    }
    if (syn_ack == LAB_TCP_ACK && me->sent_syn && !peer->sent_syn && lab_seq_diff(out->ack, 1) >= 0) {
        peer->sent_syn = true;
        peer->sent_synack = true;
        peer->syn_proved = true;
        conn->synack_proved = true;
        /* that SYN+ACK acknowledged this side's SYN and reached it */
        me->deliv_got_syn = true;
        me->deliv_syn_acked = true;
        out->note = LAB_NOTE_SYNACK_PROVED;
        return;
    }
    if (!(seg->flags & LAB_TCP_SYN) && seg->len > 0) {
        if (!me->sent_syn) {
            me->sent_syn = true;
            me->syn_proved = true;
        }
        if (!peer->sent_syn) {
            peer->sent_syn = true;
            peer->syn_proved = true;
        }
        me->evid_got_syn = true;
    }
}

void lab_handshake_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    const lab_side *peer = &conn->side[lab_peer(dir)];

    if ((seg->flags & LAB_TCP_RST) || conn->rst_seen)
        return;

    if ((seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK)) == LAB_TCP_SYN) {
        bool again = me->sent_syn;
        if (!again && peer->sent_syn && !peer->sent_synack)
            conn->simultaneous_open = true;
        me->sent_syn = true;
        me->syn_frame = seg->frame; /* the latest copy: an answer answers the one that got through */
        out->syn_data = seg->len > 0;
        out->simultaneous_open = conn->simultaneous_open;
        mark_step(out, 1, again);
        return;
    }

    if ((seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK)) == (LAB_TCP_SYN | LAB_TCP_ACK)) {
        bool again = me->sent_synack;
        me->sent_syn = true;
        me->sent_synack = true;
        me->syn_frame = seg->frame;
        out->syn_data = seg->len > 0;
        out->simultaneous_open = conn->simultaneous_open;
        mark_step(out, 2, again);
        return;
    }

    if (!conn->handshake_done && (seg->flags & LAB_TCP_ACK) && peer->sent_synack && me->sent_syn
        && lab_seq_diff(out->ack, 1) >= 0) {
        conn->handshake_done = true;
        out->simultaneous_open = conn->simultaneous_open;
        mark_step(out, 3, false);
    }
}
