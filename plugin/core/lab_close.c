/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The close steps.
 *
 * Step 1 is the first FIN of the stream. What the peer does next decides the kind:
 *   - it acknowledges that FIN without a FIN of its own   → four-way:  FIN, ACK, FIN, ACK
 *   - it acknowledges that FIN with its own FIN (FIN+ACK)  → three-way: FIN, FIN+ACK, ACK
 *   - it sends its FIN without acknowledging the first one → simultaneous: FIN, FIN, ACK, ACK
 * A four-way close in which the peer still sends payload after acknowledging the first FIN
 * is a half-close; its later steps say so. Each later step is the first segment that
 * acknowledges a FIN not yet acknowledged, or the second FIN. A retransmitted FIN repeats
 * the step number of the FIN it repeats. Every RST is a reset step (kind abort).
 *
 * A segment carrying SYN is never a close step: it opens. An RST that its receiver would not
 * accept (lab_rst.c) is no step at all.
 *
 * After an RST the connection is over: nothing is a close step of it any more. A FIN that
 * is captured after it (sent before the RST reached its sender) is remembered only for
 * its sender's state, never numbered, and the close kind stays what it was. */
#include "lab_close.h"

static bool acks_fin_of(const lab_conn *conn, const lab_segment *seg, const lab_annotation *out,
                        unsigned fin_side)
{
    const lab_side *s = &conn->side[fin_side];
    return (seg->flags & LAB_TCP_ACK) && s->sent_fin && lab_seq_diff(out->ack, s->fin_seq + 1u) >= 0;
}

static lab_reset_context reset_context(const lab_conn *conn, unsigned dir)
{
    const lab_side *me = &conn->side[dir];
    const lab_side *peer = &conn->side[lab_peer(dir)];

    if (conn->close_done || conn->rst_seen)
        return LAB_RST_AFTER_CLOSE;
    if (conn->fin_seen)
        return LAB_RST_CLOSING;
    if (conn->midstream)
        return LAB_RST_MIDSTREAM;
    if (!conn->handshake_done)
        return (peer->sent_syn && !me->sent_syn) ? LAB_RST_REFUSED : LAB_RST_HANDSHAKE;
    return LAB_RST_DATA;
}

static void mark_reset(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *peer = &conn->side[lab_peer(dir)];

    out->step_kind = LAB_STEP_RESET;
    out->step_num = 1;
    out->close_kind = LAB_CLOSE_ABORT;
    out->reset_context = (uint8_t)reset_context(conn, dir);
    if (out->reset_context == LAB_RST_REFUSED)
        out->ref_frame = peer->syn_frame;
    out->closer = (uint8_t)dir;
    conn->side[dir].reset = true;
    if (!conn->rst_seen) {
        conn->rst_accepted = true;
        conn->rst_sender = (uint8_t)dir;
        conn->rst_sender_next = conn->side[dir].next;
        conn->rst_frame = seg->frame;
    }
    conn->rst_seen = true;
    if (!conn->close_done)
        conn->close_kind = LAB_CLOSE_ABORT;
}

void lab_close_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    unsigned peer_dir = lab_peer(dir);
    bool fin = (seg->flags & LAB_TCP_FIN) != 0;
    uint8_t step = 0;
    int acked_fin_side = -1; /* whose FIN this segment is the step acknowledging */

    if (seg->flags & LAB_TCP_RST) {
        mark_reset(conn, dir, seg, out);
        return;
    }
    /* A segment with SYN opens (a handshake step, or a new attempt): never a close step,
     * even when its ACK covers a FIN numbered like the SYN (a FIN that reused the ISN). */
    if (seg->flags & LAB_TCP_SYN)
        return;
    if (conn->rst_seen) {
        /* its sender had not received the RST when it sent it, or had sent one itself */
        out->note = me->reset ? LAB_NOTE_LATE : LAB_NOTE_IN_FLIGHT;
        if (fin && !me->sent_fin) {
            me->sent_fin = true;
            me->fin_seq = lab_annotation_seq_next(out) - 1u;
            me->fin_first = !me->evid_got_fin;
        }
        if (fin)
            me->fin_frame = seg->frame;
        return;
    }

    /* The side that did not close first keeps sending after acknowledging the first FIN. */
    if (conn->fin_seen && dir != conn->closer && seg->len > 0 && !me->sent_fin
        && (conn->ack_of_fin_given[conn->closer] || acks_fin_of(conn, seg, out, conn->closer))) {
        me->data_after_peer_fin_acked = true;
        if (conn->close_kind == LAB_CLOSE_FOUR_WAY || conn->close_kind == LAB_CLOSE_NONE)
            conn->close_kind = LAB_CLOSE_HALF_CLOSED;
    }

    if (fin && !conn->fin_seen) {
        conn->fin_seen = true;
        conn->closer = (uint8_t)dir;
        step = 1;
    } else if (conn->fin_seen) {
        bool ack_step = false;
        if (!conn->ack_of_fin_given[peer_dir] && acks_fin_of(conn, seg, out, peer_dir)) {
            conn->ack_of_fin_given[peer_dir] = true;
            ack_step = true;
            acked_fin_side = (int)peer_dir;
            if (peer_dir == conn->closer && !conn->step2_done) {
                conn->step2_done = true;
                step = 2;
                if (fin && !me->sent_fin)
                    conn->close_kind = LAB_CLOSE_THREE_WAY;
                else if (conn->close_kind != LAB_CLOSE_HALF_CLOSED)
                    conn->close_kind = LAB_CLOSE_FOUR_WAY;
            } else {
                step = (uint8_t)(conn->close_steps + 1);
            }
        }
        if (fin && !me->sent_fin && !ack_step) {
            if (!conn->step2_done) {
                conn->step2_done = true;
                conn->close_kind = LAB_CLOSE_SIMULTANEOUS;
                step = 2;
            } else {
                step = (uint8_t)(conn->close_steps + 1);
            }
        }
        if (fin && me->sent_fin && step == 0) {
            step = me->fin_step;
            out->step_retransmitted = true;
        }
    }

    if (fin && !me->sent_fin) {
        me->sent_fin = true;
        me->fin_seq = lab_annotation_seq_next(out) - 1u;
        me->fin_step = step;
        me->fin_first = !me->evid_got_fin;
    }
    if (fin) /* the latest copy: the ACK answers the one that got through */
        me->fin_frame = seg->frame;
    if (conn->ack_of_fin_given[0] && conn->ack_of_fin_given[1])
        conn->close_done = true;

    if (step == 0)
        return;
    if (step > conn->close_steps)
        conn->close_steps = step;
    out->step_kind = LAB_STEP_CLOSE;
    out->step_num = step;
    out->closer = conn->closer;
    if (step >= 2) {
        out->close_kind = conn->close_kind;
        out->step_total = conn->close_kind == LAB_CLOSE_THREE_WAY ? 3 : 4;
    }
    if (acked_fin_side >= 0)
        out->ref_frame = conn->side[acked_fin_side].fin_frame;
}
