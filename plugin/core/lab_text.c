/* Every sentence must be true for the packet it is shown on: each one is built from the
 * facts in the annotation, never from what "usually" happens. */
#include "lab_text.h"

#include "lab_names.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static const char *put(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (size)
        vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return buf;
}

/* Appends to what buf already holds. */
static void add(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = 0;
    while (used < size && buf[used])
        used++;
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

static const char *sender(const lab_annotation *a) { return lab_role_name(a->dir); }
static const char *receiver(const lab_annotation *a) { return lab_peer_role_name(a->dir); }

static const char *handshake_step(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->step_num) {
    case 1:
        put(buf, size, "Handshake 1/3 (SYN: the %s asks to connect; its ISN is relative Seq 0", sender(a));
        if (a->syn_data)
            add(buf, size, "; the SYN already carries %u bytes of data (TCP Fast Open)", a->len);
        if (a->simultaneous_open)
            add(buf, size, "; both sides sent a SYN: simultaneous open");
        add(buf, size, ")");
        break;
    case 2:
        put(buf, size, "Handshake 2/3 (SYN+ACK: the %s accepts, acknowledges the %s's SYN and sends its own ISN",
            sender(a), receiver(a));
        if (a->simultaneous_open)
            add(buf, size, "; simultaneous open");
        add(buf, size, ")");
        break;
    default:
        put(buf, size, "Handshake 3/3 (ACK: the %s acknowledges the %s's SYN; the connection is established",
            sender(a), receiver(a));
        if (a->len)
            add(buf, size, "; this ACK already carries %u bytes of data", a->len);
        add(buf, size, ")");
        break;
    }
    if (a->step_retransmitted)
        add(buf, size, " [retransmission: no answer had come back]");
    return buf;
}

static const char *kind_phrase(unsigned kind)
{
    switch (kind) {
    case LAB_CLOSE_FOUR_WAY: return "four-way close";
    case LAB_CLOSE_THREE_WAY: return "three-way close";
    case LAB_CLOSE_SIMULTANEOUS: return "simultaneous close";
    case LAB_CLOSE_HALF_CLOSED: return "half-close: data kept flowing after the first FIN was acknowledged";
    default: return "close";
    }
}

static const char *close_step(const lab_annotation *a, char *buf, size_t size)
{
    const char *me = sender(a), *peer = receiver(a);
    bool has_fin = (a->flags & LAB_TCP_FIN) != 0;
    const char *kind = kind_phrase(a->close_kind);

    if (a->step_num == 1) {
        put(buf, size, "Close 1 (FIN: the %s has no more data to send and starts the close", me);
        if (a->len)
            add(buf, size, "; the FIN rides on its last %u data bytes", a->len);
        add(buf, size, ")");
    } else if (a->step_num == 2 && a->close_kind == LAB_CLOSE_THREE_WAY) {
        put(buf, size, "Close 2/3 (FIN+ACK: the %s acknowledges the %s's FIN and closes in the same segment"
            " — three-way close)", me, peer);
    } else if (a->step_num == 2 && a->close_kind == LAB_CLOSE_SIMULTANEOUS) {
        put(buf, size, "Close 2/4 (FIN: the %s closes too before the %s's FIN reached it"
            " — the FINs cross: simultaneous close)", me, peer);
    } else if (a->step_num == 2) {
        put(buf, size, "Close 2/4 (ACK: the %s acknowledges the %s's FIN; it may still send data"
            " before its own FIN — %s)", me, peer, kind);
    } else if (has_fin) {
        put(buf, size, "Close %u/%u (FIN: the %s closes its side too — %s)",
            a->step_num, a->step_total, me, kind);
    } else {
        put(buf, size, "Close %u/%u (ACK: the %s acknowledges the %s's FIN — %s",
            a->step_num, a->step_total, me, peer, kind);
        if (a->step_num == a->step_total && a->close_kind != LAB_CLOSE_SIMULTANEOUS)
            add(buf, size, "; the %s, which closed first, waits in TIME-WAIT", me);
        add(buf, size, ")");
    }
    if (a->step_retransmitted)
        add(buf, size, " [retransmitted FIN]");
    return buf;
}

static const char *reset_step(const lab_annotation *a, char *buf, size_t size)
{
    const char *me = sender(a);
    switch (a->reset_context) {
    case LAB_RST_REFUSED:
        return put(buf, size, "Reset (RST from the %s answers the SYN: connection refused, nothing accepts"
                   " connections on that port)", me);
    case LAB_RST_HANDSHAKE:
        return put(buf, size, "Reset (RST from the %s during the handshake: the connection attempt is aborted)", me);
    case LAB_RST_DATA:
        return put(buf, size, "Reset (RST from the %s on an established connection: it is aborted"
                   " without a FIN close)", me);
    case LAB_RST_CLOSING:
        return put(buf, size, "Reset (RST from the %s after a FIN: the close is cut short)", me);
    case LAB_RST_AFTER_CLOSE:
        return put(buf, size, "Reset (RST from the %s after the connection was already closed or reset)", me);
    default:
        return put(buf, size, "Reset (RST from the %s: connection aborted; its handshake was not captured)", me);
    }
}

const char *lab_text_step(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->step_kind) {
    case LAB_STEP_HANDSHAKE:
        return handshake_step(a, buf, size);
    case LAB_STEP_CLOSE:
        return close_step(a, buf, size);
    case LAB_STEP_RESET:
        return reset_step(a, buf, size);
    default:
        return put(buf, size, "%s", "");
    }
}

/* The flags that contradict each other on a probe, as they are named in the header. */
static const char *contradictory_flags(uint8_t flags)
{
    switch (flags & (LAB_TCP_SYN | LAB_TCP_FIN | LAB_TCP_RST)) {
    case LAB_TCP_SYN | LAB_TCP_FIN: return "SYN and FIN";
    case LAB_TCP_SYN | LAB_TCP_RST: return "SYN and RST";
    case LAB_TCP_FIN | LAB_TCP_RST: return "FIN and RST";
    default: return "SYN, FIN and RST";
    }
}

static const char *note_syn_proved(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "The %s's SYN was not captured, but this SYN+ACK acknowledges it, so it was sent",
               receiver(a));
}

static const char *note_synack_proved(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "The %s's SYN+ACK was not captured, but this ACK of its ISN + 1 proves that it arrived",
               receiver(a));
}

static const char *note_one_sided(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "Nothing the %s sent is in this capture (one direction only), so what the %s"
               " received and the states after the handshake are not known", receiver(a), sender(a));
}

static const char *note_invalid_flags(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "Contradictory flags: %s together are never sent on a TCP connection (a port"
               " scanner's probe sends them); this segment is no step and changes no state",
               contradictory_flags(a->flags));
}

static const char *note_in_flight(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "Sent by the %s before the %s's RST had reached it: a late segment of the aborted"
               " connection, no step of it", sender(a), receiver(a));
}

static const char *note_late(const lab_annotation *a, char *buf, size_t size)
{
    return put(buf, size, "Late segment: the %s had already aborted this connection with an RST, so this is"
               " no step of it and the states are not known", sender(a));
}

static const char *note_new_attempt(char *buf, size_t size)
{
    return put(buf, size, "New connection attempt on the same addresses and ports: the previous connection"
               " was aborted by an RST");
}

const char *lab_text_note(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->note) {
    case LAB_NOTE_SYN_PROVED: return note_syn_proved(a, buf, size);
    case LAB_NOTE_SYNACK_PROVED: return note_synack_proved(a, buf, size);
    case LAB_NOTE_ONE_SIDED: return note_one_sided(a, buf, size);
    case LAB_NOTE_INVALID_FLAGS: return note_invalid_flags(a, buf, size);
    case LAB_NOTE_IN_FLIGHT: return note_in_flight(a, buf, size);
    case LAB_NOTE_LATE: return note_late(a, buf, size);
    case LAB_NOTE_NEW_ATTEMPT: return note_new_attempt(buf, size);
    default: return put(buf, size, "%s", "");
    }
}

/* Why the states are not shown on a segment (a->states_known is false). */
static const char *states_unknown(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->note) {
    case LAB_NOTE_INVALID_FLAGS:
        return put(buf, size, "Client state / server state: not shown (contradictory flags are no step of a connection)");
    case LAB_NOTE_LATE:
        return put(buf, size, "Client state / server state: not known (a late segment from a side that had reset"
                   " the connection)");
    case LAB_NOTE_ONE_SIDED:
        return put(buf, size, "Client state / server state: not known (the other direction was not captured)");
    default:
        return put(buf, size, "Client state / server state: not known (the handshake was not captured)");
    }
}

const char *lab_text_direction(const lab_annotation *a, char *buf, size_t size)
{
    put(buf, size, "Direction: %s", lab_dir_arrow(a->dir));
    if (a->roles_guessed)
        add(buf, size, " (guessed: the handshake was not captured, so the lower port is taken as the server)");
    return buf;
}

const char *lab_text_states(const lab_annotation *a, char *buf, size_t size)
{
    if (!a->states_known)
        return states_unknown(a, buf, size);
    unsigned receiver_now = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
    put(buf, size, "Client state: %s    Server state: %s", lab_state_name(a->state_client),
        lab_state_name(a->state_server));
    if (a->state_receiver_after != receiver_now)
        add(buf, size, "  (the %s goes %s → %s when this arrives)", receiver(a),
            lab_state_name(receiver_now), lab_state_name(a->state_receiver_after));
    return buf;
}

static void add_span(char *buf, size_t size, uint32_t seq, uint32_t len, uint8_t flags)
{
    add(buf, size, "Seq %u", seq);
    if (flags & LAB_TCP_SYN)
        add(buf, size, " + SYN 1");
    if (len || !(flags & (LAB_TCP_SYN | LAB_TCP_FIN)))
        add(buf, size, " + Len %u", len);
    if (flags & LAB_TCP_FIN)
        add(buf, size, " + FIN 1");
}

const char *lab_text_seq(const lab_annotation *a, char *buf, size_t size)
{
    bool syn = (a->flags & LAB_TCP_SYN) != 0, fin = (a->flags & LAB_TCP_FIN) != 0;

    if (syn)
        put(buf, size, "Seq %u (%s ISN, relative), Len %u; SYN consumes 1", a->seq, sender(a), a->len);
    else
        put(buf, size, "Seq %u, Len %u", a->seq, a->len);
    if (fin)
        add(buf, size, "; FIN consumes 1");
    add(buf, size, " → next Seq %u", lab_annotation_seq_next(a));

    switch (a->seq_check) {
    case LAB_SEQ_IN_ORDER:
        if (!syn)
            add(buf, size, "; starts where the %s's previous segment ended ✓", sender(a));
        break;
    case LAB_SEQ_GAP:
        add(buf, size, "; expected Seq %u: bytes %u–%u are missing before it (lost, or not captured)",
            a->seq_expected, a->seq_expected, a->seq - 1u);
        break;
    case LAB_SEQ_RETRANSMISSION:
        if (syn && (a->flags & LAB_TCP_ACK) && a->simultaneous_open)
            add(buf, size, "; repeats its own SYN, now with the ACK of the %s's SYN: that is how each side"
                " answers in a simultaneous open", receiver(a));
        else if (a->fills_gap)
            add(buf, size, "; retransmission: fills the gap the %s's duplicate ACKs asked for"
                " (the first copy was lost before the capture point)", receiver(a));
        else
            add(buf, size, "; retransmission: the %s already sent up to Seq %u", sender(a), a->seq_expected);
        break;
    case LAB_SEQ_OUT_OF_ORDER:
        if (lab_annotation_seq_next(a) == a->seq)
            add(buf, size, "; out of order: numbered below Seq %u already sent, so it was sent earlier",
                a->seq_expected);
        else
            add(buf, size, "; out of order: fills a gap left earlier (arrived late)");
        break;
    case LAB_SEQ_KEEPALIVE:
        add(buf, size, "; TCP keep-alive probe: Seq = next − 1 on purpose, to make the %s answer"
            " (not an error, and not HTTP keep-alive)", receiver(a));
        break;
    case LAB_SEQ_FIRST_SEEN:
        add(buf, size, "; first segment seen from the %s, nothing to compare with", sender(a));
        break;
    default:
        break;
    }
    return buf;
}

const char *lab_text_ack(const lab_annotation *a, char *buf, size_t size)
{
    put(buf, size, "%s", "");
    if (!a->has_ack)
        return buf;
    switch (a->ack_check) {
    case LAB_ACK_OK:
        put(buf, size, "Ack %u = %s ", a->ack, receiver(a));
        add_span(buf, size, a->basis_seq, a->basis_len, a->basis_flags);
        add(buf, size, " ✓");
        break;
    case LAB_ACK_PARTIAL:
        put(buf, size, "Ack %u < %u (the %s's next Seq): what the %s sent from Seq %u on had not all"
            " arrived when this was sent (normal while segments are in flight)",
            a->ack, a->ack_expected, receiver(a), receiver(a), a->ack);
        break;
    case LAB_ACK_DUPLICATE:
        put(buf, size, "Ack %u again: duplicate ACK #%u; the %s's bytes from %u on have not all arrived"
            " (a segment was lost or is late)", a->ack, a->dup_count, receiver(a), a->ack);
        break;
    case LAB_ACK_UNSEEN:
        put(buf, size, "Ack %u > %u (the %s's next Seq seen): acknowledges data this capture did not see",
            a->ack, a->ack_expected, receiver(a));
        break;
    case LAB_ACK_OLD:
        put(buf, size, "Ack %u is below an ack the %s already sent: sent earlier, captured late",
            a->ack, sender(a));
        break;
    default:
        break;
    }
    return buf;
}

const char *lab_text_nonpersistent(unsigned reason)
{
    switch (reason) {
    case LAB_NP_SERVER_CLOSE: return "the server answered `Connection: close`";
    case LAB_NP_CLIENT_CLOSE: return "the client asked for `Connection: close`";
    case LAB_NP_HTTP10: return "HTTP/1.0 without `Connection: keep-alive` is not persistent";
    default: return "";
    }
}

static void add_rst(char *buf, size_t size, const lab_conn_summary *c)
{
    add(buf, size, c->ended_by_rst ? " (RST)" : " (FIN)");
}

const char *lab_text_verdict(const lab_conn_summary *c, char *buf, size_t size)
{
    switch (c->verdict) {
    case LAB_VERDICT_REFUSED:
        return put(buf, size, "connection refused: the SYN was answered by RST");
    case LAB_VERDICT_OPEN:
        put(buf, size, "still open at the end of the capture, %.1f s after its last data", c->idle);
        if (!c->handshake_seen)
            add(buf, size, " (its handshake was not captured)");
        return buf;
    case LAB_VERDICT_UNUSED:
        put(buf, size, "never carried data: opened, then closed by the %s after %.1f s without a single byte",
            c->closer == LAB_CLOSER_SERVER ? "server" : "client", c->idle);
        add_rst(buf, size, c);
        add(buf, size, " — a browser opens such a spare connection in advance (preconnect)");
        return buf;
    case LAB_VERDICT_SIMULTANEOUS:
        return put(buf, size, "both sides closed at the same time (simultaneous close), %.1f s after the last data",
                   c->idle);
    case LAB_VERDICT_SHORT:
        put(buf, size, "server closed after the response: %s (short connection", lab_text_nonpersistent(c->nonpersistent_reason));
        add(buf, size, c->requests == 1 ? ", one request)" : ", %u requests)", c->requests);
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_SERVER_TIMEOUT:
        put(buf, size, "server closed after %.1f s idle; it advertised `Keep-Alive: timeout=%d`", c->idle,
            c->advertised_timeout);
        if (c->timeout_mismatch)
            add(buf, size, ", so it closed %.1f s %s than it said", fabs(c->idle - c->advertised_timeout),
                c->idle > c->advertised_timeout ? "later" : "earlier");
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_SERVER_IDLE:
        put(buf, size, "server closed after %.1f s idle; it had advertised no idle timeout", c->idle);
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_CLIENT_CLOSED:
    default:
        put(buf, size, "the client closed it after %.1f s idle", c->idle);
        add_rst(buf, size, c);
        if (c->http_seen && c->advertised_timeout < 0 && c->nonpersistent_reason == LAB_NP_NONE)
            add(buf, size, "; the server had advertised no idle timeout (no Keep-Alive header)");
        else if (c->http_seen && c->advertised_timeout >= 0 && c->nonpersistent_reason == LAB_NP_NONE)
            add(buf, size, ", before the server's advertised `Keep-Alive: timeout=%d`", c->advertised_timeout);
        return buf;
    }
}

const char *lab_text_http(const lab_http_annotation *h, char *buf, size_t size)
{
    if (h->is_request)
        put(buf, size, "HTTP request #%u on this connection", h->request_index);
    else
        put(buf, size, "HTTP response %u to request #%u", h->status, h->request_index);
    if (h->persistent)
        add(buf, size, "; the connection may be reused after it (persistent)");
    else
        add(buf, size, "; the connection ends after this exchange: %s", lab_text_nonpersistent(h->nonpersistent_reason));
    if (h->keepalive_timeout >= 0)
        add(buf, size, "; the server says it keeps an idle connection open %d s (Keep-Alive: timeout=%d)",
            h->keepalive_timeout, h->keepalive_timeout);
    return buf;
}

const char *lab_text_http_notes(const lab_http_annotation *h, char *buf, size_t size)
{
    put(buf, size, "%s", "");
    if (h->notes & LAB_HTTP_NOTE_NOT_MODIFIED)
        add(buf, size, "304 Not Modified: cache revalidation — the browser's copy is still valid, no body is sent. ");
    if (h->notes & LAB_HTTP_NOTE_PARTIAL)
        add(buf, size, "206 Partial Content: the answer to a Range request, only part of the file. ");
    if (h->notes & LAB_HTTP_NOTE_CONDITIONAL)
        add(buf, size, "Conditional request (If-None-Match / If-Modified-Since): send the file only if it changed. ");
    if (h->notes & LAB_HTTP_NOTE_RANGE)
        add(buf, size, "Range request: asks for part of the file. ");
    if (h->notes & LAB_HTTP_NOTE_PIPELINED)
        add(buf, size, "Pipelined: sent before the response to the previous request arrived. ");
    size_t n = 0;
    while (n < size && buf[n])
        n++;
    if (n > 0 && buf[n - 1] == ' ')
        buf[n - 1] = '\0';
    return buf;
}
