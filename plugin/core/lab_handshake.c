/* The handshake steps.
 *
 *   1  SYN       every client SYN, retransmissions included
 *   2  SYN+ACK   every server SYN+ACK, retransmissions included
 *   3  ACK       the first segment (no SYN) acknowledging the SYN of a peer that sent a
 *                SYN+ACK: the client's ACK, or the first data segment if that ACK is missing
 *
 * In a simultaneous open both ends send a bare SYN and then a SYN+ACK: each counts as
 * step 1 and step 2, and the first plain ACK is step 3. */
#include "lab_handshake.h"

static void mark_step(lab_annotation *out, uint8_t num, bool retransmitted)
{
    out->step_kind = LAB_STEP_HANDSHAKE;
    out->step_num = num;
    out->step_total = 3;
    out->step_retransmitted = retransmitted;
}

void lab_handshake_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    const lab_side *peer = &conn->side[lab_peer(dir)];

    if (seg->flags & LAB_TCP_RST)
        return;

    if ((seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK)) == LAB_TCP_SYN) {
        bool again = me->sent_syn;
        if (!again && peer->sent_syn && !peer->sent_synack)
            conn->simultaneous_open = true;
        me->sent_syn = true;
        me->syn_frame = seg->frame; /* the latest copy: an answer answers the one that got through */
        conn->syn_seen = true;
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
        conn->synack_seen = true;
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
