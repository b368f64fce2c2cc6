/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Resets that do not count, and connections that go on after one.
 *
 * RFC 9293 3.10.7 says when a receiver accepts an RST:
 *   - in SYN-SENT (it sent its SYN and has not received the peer's), only if the RST has
 *     the ACK flag and acknowledges that SYN: ISN < Ack <= what it sent (3.10.7.3);
 *   - in LISTEN never (nothing it sent can be answered);
 *   - otherwise only if its Seq lies in the receive window, RCV.NXT <= Seq < RCV.NXT + RCV.WND
 *     (Seq = RCV.NXT when the window is 0).
 * The capture does not show RCV.NXT itself, only bounds on it: the receiver acknowledged at
 * least up to its highest Ack, and cannot have received more than the sender had sent. An
 * RST is called unacceptable only when it falls outside the window for every RCV.NXT those
 * bounds allow; the window is the receiver's last one, and is not used mid-stream, where its
 * scale may be unknown. Anything the packets do not decide counts as acceptable.
 *
 * An accepted RST ends the connection for its receiver. When the endpoints go on anyway
 * the connection did not end; the packets show it when
 *   - the RST's sender answers the peer's SYN with a SYN+ACK after a reset in the handshake, or
 *   - the RST's receiver acknowledges something the RST's sender sent after its RST
 *     (it received that, after the RST, and kept the connection). */
#include "lab_rst.h"

static bool in_syn_sent(const lab_side *s)
{
    return s->sent_syn && !s->sent_synack && !s->evid_got_syn && !s->deliv_got_syn && !s->syn_proved;
}

bool lab_rst_acceptable(const lab_conn *conn, unsigned dir, const lab_segment *seg)
{
    const lab_side *me = &conn->side[dir];
    const lab_side *rx = &conn->side[lab_peer(dir)];

    if (!(seg->flags & LAB_TCP_RST))
        return true;
    if (in_syn_sent(rx) && rx->base_known && rx->next_known) {
        if (!(seg->flags & LAB_TCP_ACK))
            return false;
        uint32_t ack = seg->ack_raw - rx->base;
        return lab_seq_diff(ack, 0) > 0 && lab_seq_diff(ack, rx->next) <= 0;
    }
    if (!me->base_known || conn->midstream)
        return true;
    uint32_t seq = seg->seq_raw - me->base;
    /* below what the receiver already acknowledged: below RCV.NXT whatever it is */
    if (rx->ack_seen && lab_seq_diff(seq, rx->highest_ack) < 0)
        return false;
    /* beyond the window even if everything sent had arrived */
    if (rx->ack_seen && me->next_known && lab_seq_diff(seq, me->next) > 0) {
        uint32_t wnd = rx->last_window;
        if (wnd == 0 || lab_seq_diff(seq, me->next + wnd) >= 0)
            return false;
    }
    return true;
}

bool lab_rst_went_on(const lab_conn *conn, unsigned dir, const lab_segment *seg)
{
    if (!conn->rst_seen || !conn->rst_accepted || (seg->flags & LAB_TCP_RST) || !(seg->flags & LAB_TCP_ACK))
        return false;
    const lab_side *sender = &conn->side[conn->rst_sender];
    if (dir == conn->rst_sender) {
        const lab_side *rx = &conn->side[lab_peer(dir)];
        bool synack = (seg->flags & LAB_TCP_SYN) != 0;
        return synack && !conn->handshake_done && rx->base_known && lab_seq_diff(seg->ack_raw - rx->base, 1) >= 0;
    }
    uint32_t ack = seg->ack_raw - sender->base;
    return sender->base_known && sender->next_known && lab_seq_diff(ack, conn->rst_sender_next) > 0
           && lab_seq_diff(ack, sender->next) <= 0;
}
