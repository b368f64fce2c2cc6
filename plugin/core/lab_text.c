/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every sentence must be true for the packet it is shown on: each one is built from the
 * facts in the annotation, never from what "usually" happens. The words are in the message
 * catalogue (lab_msg.h, one table per language); this file decides which messages a packet
 * gets and fills in its numbers, the same way in every language. */
#include "lab_text.h"

#include "lab_msg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

/* A line that does not fit is cut, and stays cut: the last byte of a buffer holding a cut
 * line is CUT_MARK (after its NUL, so never read as text), and add() appends nothing to it. */
#define CUT_MARK ((char)0xFF)

/* A cut line must still be valid UTF-8 (Wireshark's string fields require it): when
 * vsnprintf() had to truncate, drop the incomplete character at the end. */
static void cut_to_character(char *buf, size_t size, int wanted, size_t start)
{
    if (wanted < 0 || (size_t)wanted < size - start)
        return;
    size_t end = size - 1; /* buf[end] is the NUL vsnprintf wrote */
    size_t lead = end;
    while (lead > start && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == start)
        return;
    unsigned char c = (unsigned char)buf[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (end - (lead - 1) < need) {
        buf[lead - 1] = '\0';
        buf[size - 1] = CUT_MARK;
    }
}

/* Writes the text into buf, cut at a whole UTF-8 character (lab_text.h). Called put() here. */
const char *lab_text_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (size) {
        buf[size - 1] = '\0';
        cut_to_character(buf, size, vsnprintf(buf, size, fmt, ap), 0);
    }
    va_end(ap);
    return buf;
}
#define put lab_text_format

/* Appends to what buf already holds. */
static void add(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = 0;
    while (used < size && buf[used])
        used++;
    if (used + 1 >= size || buf[size - 1] == CUT_MARK)
        return;
    va_list ap;
    va_start(ap, fmt);
    cut_to_character(buf, size, vsnprintf(buf + used, size - used, fmt, ap), used);
    va_end(ap);
}

#define M(id) lab_msg(LAB_MSG_##id)

static const char *sender(const lab_annotation *a) { return lab_msg_role(a->dir); }
static const char *receiver(const lab_annotation *a) { return lab_msg_peer_role(a->dir); }

static const char *handshake_step(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->step_num) {
    case 1:
        put(buf, size, M(HS_1), sender(a));
        if (a->syn_data)
            add(buf, size, M(HS_1_SYN_DATA), a->len);
        if (a->simultaneous_open)
            add(buf, size, "%s", M(HS_1_SIMULTANEOUS));
        add(buf, size, "%s", M(PAREN_END));
        break;
    case 2:
        put(buf, size, M(HS_2), sender(a), receiver(a));
        if (a->simultaneous_open)
            add(buf, size, "%s", M(HS_2_SIMULTANEOUS));
        add(buf, size, "%s", M(PAREN_END));
        break;
    default:
        put(buf, size, M(HS_3), sender(a), receiver(a));
        if (a->len)
            add(buf, size, M(HS_3_DATA), a->len);
        add(buf, size, "%s", M(PAREN_END));
        break;
    }
    if (a->step_retransmitted)
        add(buf, size, "%s", M(HS_RETRANSMITTED));
    return buf;
}

static const char *kind_phrase(unsigned kind)
{
    switch (kind) {
    case LAB_CLOSE_FOUR_WAY: return M(PHRASE_FOUR_WAY);
    case LAB_CLOSE_THREE_WAY: return M(PHRASE_THREE_WAY);
    case LAB_CLOSE_SIMULTANEOUS: return M(PHRASE_SIMULTANEOUS);
    case LAB_CLOSE_HALF_CLOSED: return M(PHRASE_HALF_CLOSED);
    default: return M(PHRASE_CLOSE);
    }
}

/* "Close 3/4" / "第三次挥手 3/4": the step's name, for steps after the second. */
static void close_heading(const lab_annotation *a, char *buf, size_t size)
{
    if (a->step_num == 3)
        put(buf, size, M(CLOSE_HEAD_3), a->step_total);
    else if (a->step_num == 4)
        put(buf, size, M(CLOSE_HEAD_4), a->step_total);
    else
        put(buf, size, M(CLOSE_HEAD_N), a->step_num, a->step_total);
}

static const char *close_step(const lab_annotation *a, char *buf, size_t size)
{
    const char *me = sender(a), *peer = receiver(a);
    bool has_fin = (a->flags & LAB_TCP_FIN) != 0;
    const char *kind = kind_phrase(a->close_kind);

    if (a->step_num == 1) {
        put(buf, size, M(CLOSE_1), me);
        if (a->len)
            add(buf, size, M(CLOSE_1_DATA), a->len);
        add(buf, size, "%s", M(PAREN_END));
    } else if (a->step_num == 2 && a->close_kind == LAB_CLOSE_THREE_WAY) {
        put(buf, size, M(CLOSE_2_THREE_WAY), me, peer);
    } else if (a->step_num == 2 && a->close_kind == LAB_CLOSE_SIMULTANEOUS) {
        put(buf, size, M(CLOSE_2_SIMULTANEOUS), me, peer);
    } else if (a->step_num == 2) {
        put(buf, size, M(CLOSE_2_ACK), me, peer, kind);
    } else if (has_fin) {
        close_heading(a, buf, size);
        add(buf, size, M(CLOSE_LATER_FIN), me, kind);
    } else {
        close_heading(a, buf, size);
        add(buf, size, M(CLOSE_LATER_ACK), me, peer, kind);
        if (a->step_num == a->step_total && a->close_kind != LAB_CLOSE_SIMULTANEOUS)
            add(buf, size, M(CLOSE_TIME_WAIT), me);
        add(buf, size, "%s", M(PAREN_END));
    }
    if (a->step_retransmitted)
        add(buf, size, "%s", M(CLOSE_RETRANSMITTED));
    return buf;
}

static const char *reset_step(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->reset_context) {
    case LAB_RST_REFUSED: return put(buf, size, M(RST_REFUSED), sender(a));
    case LAB_RST_HANDSHAKE: return put(buf, size, M(RST_HANDSHAKE), sender(a));
    case LAB_RST_DATA: return put(buf, size, M(RST_DATA), sender(a));
    case LAB_RST_CLOSING: return put(buf, size, M(RST_CLOSING), sender(a));
    case LAB_RST_AFTER_CLOSE: return put(buf, size, M(RST_AFTER_CLOSE), sender(a));
    default: return put(buf, size, M(RST_MIDSTREAM), sender(a));
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
    case LAB_TCP_SYN | LAB_TCP_FIN: return M(FLAGS_SYN_FIN);
    case LAB_TCP_SYN | LAB_TCP_RST: return M(FLAGS_SYN_RST);
    case LAB_TCP_FIN | LAB_TCP_RST: return M(FLAGS_FIN_RST);
    default: return M(FLAGS_SYN_FIN_RST);
    }
}

const char *lab_text_note(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->note) {
    case LAB_NOTE_SYN_PROVED: return put(buf, size, M(SEGNOTE_SYN_PROVED), receiver(a));
    case LAB_NOTE_SYNACK_PROVED: return put(buf, size, M(SEGNOTE_SYNACK_PROVED), receiver(a));
    case LAB_NOTE_ONE_SIDED: return put(buf, size, M(SEGNOTE_ONE_SIDED), receiver(a), sender(a));
    case LAB_NOTE_INVALID_FLAGS: return put(buf, size, M(SEGNOTE_INVALID_FLAGS), contradictory_flags(a->flags));
    case LAB_NOTE_IN_FLIGHT: return put(buf, size, M(SEGNOTE_IN_FLIGHT), sender(a), receiver(a));
    case LAB_NOTE_LATE: return put(buf, size, M(SEGNOTE_LATE), sender(a));
    case LAB_NOTE_NEW_ATTEMPT: return put(buf, size, "%s", M(SEGNOTE_NEW_ATTEMPT));
    case LAB_NOTE_RST_NOT_ACCEPTABLE: {
        unsigned rx_state = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
        bool syn_sent = a->states_known && rx_state == LAB_ST_SYN_SENT;
        return put(buf, size, syn_sent ? M(SEGNOTE_RST_SYN_SENT) : M(SEGNOTE_RST_WINDOW), receiver(a));
    }
    case LAB_NOTE_WENT_ON: return put(buf, size, "%s", M(SEGNOTE_WENT_ON));
    case LAB_NOTE_FIN_WITHOUT_ACK: return put(buf, size, "%s", M(SEGNOTE_FIN_WITHOUT_ACK));
    default: return put(buf, size, "%s", "");
    }
}

/* Why the states are not shown on a segment (a->states_known is false). */
static const char *states_unknown(const lab_annotation *a, char *buf, size_t size)
{
    switch (a->note) {
    case LAB_NOTE_INVALID_FLAGS: return put(buf, size, "%s", M(STATES_NOT_SHOWN_INVALID));
    case LAB_NOTE_LATE: return put(buf, size, "%s", M(STATES_UNKNOWN_LATE));
    case LAB_NOTE_ONE_SIDED: return put(buf, size, "%s", M(STATES_UNKNOWN_ONE_SIDED));
    default: return put(buf, size, "%s", M(STATES_UNKNOWN));
    }
}

const char *lab_text_direction(const lab_annotation *a, char *buf, size_t size)
{
    put(buf, size, M(DIRECTION), lab_msg_arrow(a->dir));
    if (a->roles_guessed)
        add(buf, size, "%s", M(DIRECTION_GUESSED));
    return buf;
}

const char *lab_text_states(const lab_annotation *a, char *buf, size_t size)
{
    if (!a->states_known)
        return states_unknown(a, buf, size);
    unsigned receiver_now = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
    put(buf, size, M(STATES), lab_msg_state(a->state_client), lab_msg_state(a->state_server));
    if (a->state_receiver_after != receiver_now)
        add(buf, size, M(STATES_CHANGE), receiver(a), lab_msg_state(receiver_now),
            lab_msg_state(a->state_receiver_after));
    return buf;
}

const char *lab_text_state_line(const lab_annotation *a, unsigned side, char *buf, size_t size)
{
    unsigned state = side == LAB_DIR_C2S ? a->state_client : a->state_server;
    unsigned receiver_now = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
    const char *whose = side == LAB_DIR_C2S ? M(STATE_OF_CLIENT) : M(STATE_OF_SERVER);

    if (side != a->dir && a->state_receiver_after != receiver_now) {
        put(buf, size, M(STATE_LINE_CHANGE), whose, lab_msg_state(state), lab_msg_state(a->state_receiver_after));
    } else {
        put(buf, size, M(STATE_LINE), whose, lab_msg_state(state));
        if (side == a->dir)
            add(buf, size, "%s", M(STATE_AFTER_SENDING));
    }
    if (state == LAB_ST_LISTEN && !a->server_answered)
        add(buf, size, "%s", M(STATE_ASSUMED_LISTEN));
    return buf;
}

static void add_span(char *buf, size_t size, uint32_t seq, uint32_t len, uint8_t flags)
{
    add(buf, size, M(SPAN_SEQ), seq);
    if (flags & LAB_TCP_SYN)
        add(buf, size, "%s", M(SPAN_SYN));
    if (len || !(flags & (LAB_TCP_SYN | LAB_TCP_FIN)))
        add(buf, size, M(SPAN_LEN), len);
    if (flags & LAB_TCP_FIN)
        add(buf, size, "%s", M(SPAN_FIN));
}

const char *lab_text_seq(const lab_annotation *a, char *buf, size_t size)
{
    bool syn = (a->flags & LAB_TCP_SYN) != 0, fin = (a->flags & LAB_TCP_FIN) != 0;

    if (syn)
        put(buf, size, M(SEQ_SYN), a->seq, sender(a), a->len);
    else
        put(buf, size, M(SEQ_PLAIN), a->seq, a->len);
    if (fin)
        add(buf, size, "%s", M(SEQ_FIN));
    add(buf, size, M(SEQ_NEXT), lab_annotation_seq_next(a));

    switch (a->seq_check) {
    case LAB_SEQ_IN_ORDER:
        if (!syn)
            add(buf, size, M(SEQ_IN_ORDER), sender(a));
        break;
    case LAB_SEQ_GAP:
        add(buf, size, M(SEQ_GAP), a->seq_expected, a->seq_expected, a->seq - 1u);
        break;
    case LAB_SEQ_RETRANSMISSION:
        if (syn && (a->flags & LAB_TCP_ACK) && a->simultaneous_open)
            add(buf, size, M(SEQ_SIMULTANEOUS_SYNACK), receiver(a));
        else if (a->fills_gap)
            add(buf, size, M(SEQ_FILLS_GAP), receiver(a));
        else
            add(buf, size, M(SEQ_RETRANSMISSION), sender(a), a->seq_expected);
        break;
    case LAB_SEQ_OUT_OF_ORDER:
        if (lab_annotation_seq_next(a) == a->seq)
            add(buf, size, M(SEQ_OUT_OF_ORDER_EARLIER), a->seq_expected);
        else
            add(buf, size, "%s", M(SEQ_OUT_OF_ORDER_LATE));
        break;
    case LAB_SEQ_KEEPALIVE:
        add(buf, size, M(SEQ_KEEPALIVE), receiver(a));
        break;
    case LAB_SEQ_FIRST_SEEN:
        add(buf, size, M(SEQ_FIRST_SEEN), sender(a));
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
        put(buf, size, M(ACK_OK), a->ack, receiver(a));
        add_span(buf, size, a->basis_seq, a->basis_len, a->basis_flags);
        add(buf, size, "%s", M(CHECK_MARK));
        break;
    case LAB_ACK_PARTIAL:
        put(buf, size, M(ACK_PARTIAL), a->ack, a->ack_expected, receiver(a), receiver(a), a->ack);
        break;
    case LAB_ACK_DUPLICATE:
        put(buf, size, M(ACK_DUPLICATE), a->ack, (unsigned)a->dup_count, receiver(a), a->ack);
        break;
    case LAB_ACK_UNSEEN:
        put(buf, size, M(ACK_UNSEEN), a->ack, a->ack_expected, receiver(a));
        break;
    case LAB_ACK_OLD:
        put(buf, size, M(ACK_OLD), a->ack, sender(a));
        break;
    default:
        break;
    }
    return buf;
}

const char *lab_text_nonpersistent(unsigned reason)
{
    switch (reason) {
    case LAB_NP_SERVER_CLOSE: return M(NP_SERVER_CLOSE);
    case LAB_NP_CLIENT_CLOSE: return M(NP_CLIENT_CLOSE);
    case LAB_NP_HTTP10: return M(NP_HTTP10);
    default: return "";
    }
}

static void add_rst(char *buf, size_t size, const lab_conn_summary *c)
{
    add(buf, size, "%s", c->ended_by_rst ? M(VERDICT_BY_RST) : M(VERDICT_BY_FIN));
}

/* Where HTTP/1 keep-alive does not apply, the verdict says what the connection carried
 * instead; and whether it went on after an RST. */
static void add_what_it_carried(char *buf, size_t size, const lab_conn_summary *c)
{
    if (c->switched == LAB_SWITCH_TUNNEL)
        add(buf, size, "%s", M(VERDICT_TUNNEL));
    else if (c->switched == LAB_SWITCH_UPGRADE)
        add(buf, size, "%s", M(VERDICT_UPGRADED));
    else if (!c->http_seen && !c->nodata && c->http2_seen)
        add(buf, size, "%s", M(VERDICT_HTTP2));
    else if (!c->http_seen && !c->nodata && c->tls_seen)
        add(buf, size, "%s", M(VERDICT_TLS));
    else if (!c->http_seen && !c->nodata)
        add(buf, size, "%s", M(VERDICT_NOT_HTTP));
}

static void add_went_on(char *buf, size_t size, const lab_conn_summary *c)
{
    if (c->went_on)
        add(buf, size, "%s", M(VERDICT_WENT_ON));
}

static const char *verdict_body(const lab_conn_summary *c, char *buf, size_t size);

const char *lab_text_verdict(const lab_conn_summary *c, char *buf, size_t size)
{
    verdict_body(c, buf, size);
    if (c->verdict >= LAB_VERDICT_COUNT) /* the internal error stands alone */
        return buf;
    if (c->verdict != LAB_VERDICT_REFUSED && c->verdict != LAB_VERDICT_UNUSED)
        add_what_it_carried(buf, size, c);
    add_went_on(buf, size, c);
    return buf;
}

static const char *verdict_body(const lab_conn_summary *c, char *buf, size_t size)
{
    switch (c->verdict) {
    case LAB_VERDICT_REFUSED:
        return put(buf, size, "%s", M(VERDICT_REFUSED));
    case LAB_VERDICT_OPEN:
        put(buf, size, M(VERDICT_OPEN), c->idle);
        if (!c->handshake_seen)
            add(buf, size, "%s", M(VERDICT_OPEN_NO_HANDSHAKE));
        return buf;
    case LAB_VERDICT_UNUSED:
        put(buf, size, M(VERDICT_UNUSED), lab_msg_role(c->closer == LAB_CLOSER_SERVER ? LAB_DIR_S2C : LAB_DIR_C2S),
            c->idle);
        add_rst(buf, size, c);
        add(buf, size, "%s", M(VERDICT_UNUSED_WHY));
        return buf;
    case LAB_VERDICT_SIMULTANEOUS:
        return put(buf, size, M(VERDICT_SIMULTANEOUS), c->idle);
    case LAB_VERDICT_SHORT:
        put(buf, size, M(VERDICT_SHORT), lab_text_nonpersistent(c->nonpersistent_reason));
        if (c->requests == 1)
            add(buf, size, "%s", M(VERDICT_SHORT_ONE));
        else
            add(buf, size, M(VERDICT_SHORT_MANY), c->requests);
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_SERVER_TIMEOUT:
        put(buf, size, M(VERDICT_TIMEOUT), c->idle, c->advertised_timeout);
        if (c->timeout_mismatch)
            add(buf, size, c->idle > c->advertised_timeout ? M(VERDICT_TIMEOUT_LATER) : M(VERDICT_TIMEOUT_EARLIER),
                fabs(c->idle - c->advertised_timeout));
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_SERVER_IDLE:
        put(buf, size, M(VERDICT_SERVER_IDLE), c->idle);
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_SERVER_CLOSED:
        put(buf, size, M(VERDICT_SERVER_CLOSED), c->idle);
        add_rst(buf, size, c);
        return buf;
    case LAB_VERDICT_CLIENT_CLOSED:
        put(buf, size, M(VERDICT_CLIENT), c->idle);
        add_rst(buf, size, c);
        bool keepalive = c->http_seen && c->switched == LAB_SWITCH_NONE && c->nonpersistent_reason == LAB_NP_NONE;
        if (keepalive && c->advertised_timeout < 0)
            add(buf, size, "%s", M(VERDICT_CLIENT_NO_TIMEOUT));
        else if (keepalive && c->advertised_timeout >= 0)
            add(buf, size, M(VERDICT_CLIENT_BEFORE), c->advertised_timeout);
        return buf;
    default: /* not a verdict: say so, never a sentence that may be false */
        return put(buf, size, M(VERDICT_UNKNOWN), (unsigned)c->verdict);
    }
}

const char *lab_text_http(const lab_http_annotation *h, char *buf, size_t size)
{
    if (h->switched == LAB_SWITCH_UPGRADE)
        return put(buf, size, M(HTTP_SWITCHED), h->detail[0] ? h->detail : M(HTTP_ANOTHER_PROTOCOL));
    if (h->switched == LAB_SWITCH_TUNNEL)
        return put(buf, size, M(HTTP_TUNNEL), (unsigned)h->status, h->request_index, h->detail);
    if (!h->is_request && h->interim)
        return put(buf, size, M(HTTP_INTERIM), (unsigned)h->status);
    if (h->is_request)
        put(buf, size, M(HTTP_REQUEST), h->request_index);
    else
        put(buf, size, M(HTTP_RESPONSE), (unsigned)h->status, h->request_index);
    if (h->request_unseen)
        add(buf, size, "%s", M(HTTP_REQUEST_UNSEEN));
    if (h->persistent)
        add(buf, size, "%s", h->closing ? M(HTTP_PERSISTENT_CLOSING) : M(HTTP_PERSISTENT));
    else
        add(buf, size, M(HTTP_ENDS), lab_text_nonpersistent(h->nonpersistent_reason));
    if (h->keepalive_timeout >= 0)
        add(buf, size, M(HTTP_KEEPALIVE), h->keepalive_timeout, h->keepalive_timeout);
    return buf;
}

const char *lab_text_http_notes(const lab_http_annotation *h, char *buf, size_t size)
{
    static const struct { uint8_t bit; lab_msg_id id; } notes[] = {
        { LAB_HTTP_NOTE_NOT_MODIFIED, LAB_MSG_NOTE_NOT_MODIFIED },
        { LAB_HTTP_NOTE_PARTIAL, LAB_MSG_NOTE_PARTIAL },
        { LAB_HTTP_NOTE_CONDITIONAL, LAB_MSG_NOTE_CONDITIONAL },
        { LAB_HTTP_NOTE_RANGE, LAB_MSG_NOTE_RANGE },
        { LAB_HTTP_NOTE_PIPELINED, LAB_MSG_NOTE_PIPELINED },
    };
    bool first = true;
    put(buf, size, "%s", "");
    for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
        if (!(h->notes & notes[i].bit))
            continue;
        if (!first)
            add(buf, size, "%s", M(NOTE_SEPARATOR));
        add(buf, size, "%s", lab_msg(notes[i].id));
        first = false;
    }
    return buf;
}
