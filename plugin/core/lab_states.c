/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Endpoint states (RFC 9293 names) as the captured segments imply them.
 *
 * Each side's state follows from a few facts: did it send its SYN / FIN, has it received
 * the peer's SYN / FIN, has it received the ACK of its own SYN / FIN, and which FIN came
 * first. What a side *sent* is certain. What it *received* is known two ways: its own
 * segments acknowledge what it got (certain, used for the sender of a segment), and a
 * segment captured earlier is taken to have arrived (used for the receiver), unless its
 * sender retransmits it. When a side's FIN does not acknowledge the peer's FIN, it had
 * not received it: the FINs crossed (simultaneous close).
 *
 * An RST ends the connection for its sender at once and for its receiver only when it
 * arrives: a segment its receiver sends after it was captured shows that it had not
 * arrived yet (its sender keeps its state). A side that sent an RST has no connection any
 * more: a later segment from it is a late one, and its state is not known. A segment
 * other than an RST is never sent from CLOSED: a passive closer still sending had not
 * received the ACK of its FIN. When one direction was never captured (only the ACK proves
 * the SYN+ACK), what the other side received is not in the file: no states after step 3. */
#include "lab_states.h"

typedef struct side_view {
    bool got_syn, got_fin, syn_acked, fin_acked;
} side_view;

static bool acks(const lab_annotation *out, const lab_segment *seg, uint32_t seq_of_flag)
{
    return (seg->flags & LAB_TCP_ACK) && lab_seq_diff(out->ack, seq_of_flag + 1u) >= 0;
}

void lab_states_note_sender(lab_conn *conn, unsigned dir, const lab_segment *seg,
                            const lab_annotation *out)
{
    lab_side *me = &conn->side[dir];
    const lab_side *peer = &conn->side[lab_peer(dir)];

    if (peer->sent_syn && acks(out, seg, 0))
        me->evid_got_syn = true;
    if (peer->sent_fin && acks(out, seg, peer->fin_seq))
        me->evid_got_fin = true;
}

/* A side that has sent its FIN is in one of the closing states whatever else is known: a
 * FIN is only sent from SYN-RECEIVED, ESTABLISHED (→ FIN-WAIT-1) or CLOSE-WAIT (→ LAST-ACK),
 * RFC 9293 3.10.4. `gone`: its connection was reset. */
static lab_state state_of(const lab_side *s, side_view v, bool is_server, bool gone)
{
    if (gone)
        return LAB_ST_CLOSED;
    if (s->sent_fin) {
        if (s->fin_first) {
            if (!v.got_fin)
                return v.fin_acked ? LAB_ST_FIN_WAIT_2 : LAB_ST_FIN_WAIT_1;
            return v.fin_acked ? LAB_ST_TIME_WAIT : LAB_ST_CLOSING;
        }
        return v.fin_acked ? LAB_ST_CLOSED : LAB_ST_LAST_ACK;
    }
    if (!s->sent_syn && !v.got_syn)
        return is_server ? LAB_ST_LISTEN : LAB_ST_CLOSED;
    if (!v.got_syn)
        return LAB_ST_SYN_SENT;
    if (!s->sent_syn || !v.syn_acked)
        return LAB_ST_SYN_RECEIVED;
    return v.got_fin ? LAB_ST_CLOSE_WAIT : LAB_ST_ESTABLISHED;
}

static side_view sender_view(const lab_side *s)
{
    side_view v = { s->evid_got_syn, s->evid_got_fin, s->deliv_syn_acked, s->deliv_fin_acked };
    return v;
}

static side_view receiver_view(const lab_side *s)
{
    side_view v = { s->evid_got_syn || s->deliv_got_syn, s->evid_got_fin || s->deliv_got_fin,
                    s->deliv_syn_acked, s->deliv_fin_acked };
    return v;
}

/* The direction whose SYN+ACK is only proved, and of which nothing at all was captured. */
static bool one_sided(const lab_conn *conn)
{
    for (unsigned d = 0; d < 2; d++) {
        const lab_side *s = &conn->side[d];
        if (conn->synack_proved && s->syn_proved && s->sent_synack && !s->next_known)
            return true;
    }
    return false;
}

void lab_states_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    unsigned rdir = lab_peer(dir);
    lab_side *me = &conn->side[dir];
    lab_side *rx = &conn->side[rdir];
    bool rst = (seg->flags & LAB_TCP_RST) != 0;
    bool fin = (seg->flags & LAB_TCP_FIN) != 0;

    if (rst)
        me->reset = true;
    /* A sender repeats a SYN or FIN only when no answer came back: the earlier copy may
     * never have arrived, so the receiver is not assumed to have it (unless it said so). */
    if (out->step_retransmitted && (seg->flags & LAB_TCP_SYN))
        rx->deliv_got_syn = false;
    if (out->step_retransmitted && fin) {
        rx->deliv_got_fin = false;
        /* a FIN+ACK whose first copy may be lost: the ACK of the receiver's FIN it carried too */
        if (rx->fin_acked_on_fin)
            rx->deliv_fin_acked = false;
    }

    side_view sv = sender_view(me);
    /* A SYN is only (re)sent while it is unacknowledged: whatever was captured before, the
     * sender had not yet received the ACK of its SYN (simultaneous open: SYN-RECEIVED). */
    if (seg->flags & LAB_TCP_SYN)
        sv.syn_acked = false;
    /* Likewise a FIN; and a passive closer that still sends had not got the ACK of its FIN. */
    if (fin || (!rst && me->sent_fin && !me->fin_first))
        sv.fin_acked = false;
    lab_state sender = state_of(me, sv, dir == LAB_DIR_S2C, me->reset);
    lab_state receiver = state_of(rx, receiver_view(rx), rdir == LAB_DIR_S2C, rx->reset || rx->reset_got);

    /* The segment arrives. A FIN only counts once everything before it has arrived: behind
     * a gap the receiver holds it until the missing bytes come (then this segment is the
     * one that releases it). */
    if (seg->flags & LAB_TCP_SYN)
        rx->deliv_got_syn = true;
    if (me->sent_fin && me->n_holes == 0)
        rx->deliv_got_fin = true;
    if (rx->sent_syn && acks(out, seg, 0))
        rx->deliv_syn_acked = true;
    if (rx->sent_fin && acks(out, seg, rx->fin_seq)) {
        if (!rx->deliv_fin_acked)
            rx->fin_acked_on_fin = fin;
        rx->deliv_fin_acked = true;
    }
    if (rst)
        rx->reset_got = true;
    lab_state after = state_of(rx, receiver_view(rx), rdir == LAB_DIR_S2C, rx->reset || rx->reset_got);

    /* Mid-stream, the handshake is unknown: states mean something only once a FIN or an
     * RST pins them down. */
    out->states_known = !conn->midstream || conn->fin_seen || conn->rst_seen;
    if (!rst && me->reset) {
        out->states_known = false;  /* a late segment from a side that had reset */
    } else if (one_sided(conn) && out->note != LAB_NOTE_SYNACK_PROVED) {
        out->states_known = false;
        if (out->note == LAB_NOTE_NONE)
            out->note = LAB_NOTE_ONE_SIDED;
    }
    out->state_client = (uint8_t)(dir == LAB_DIR_C2S ? sender : receiver);
    out->state_server = (uint8_t)(dir == LAB_DIR_C2S ? receiver : sender);
    out->state_receiver_after = (uint8_t)after;
}
