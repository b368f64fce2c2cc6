/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTTP/1.x keep-alive rules, from the messages the HTTP dissector decoded.
 *
 * Persistence (RFC 9112, 9.3): a "close" connection option ends the connection after the
 * exchange; otherwise HTTP/1.1 is persistent by default and HTTP/1.0 only with
 * "Connection: keep-alive". A response is answered in order (no reordering in HTTP/1.x), so
 * the n-th response belongs to the n-th request; a request sent while earlier ones still
 * await their answer is pipelined.
 *
 * One count: the connection's number of requests is the number of requests seen, plus those
 * that a final response proves (its request was not captured, or not decoded as HTTP), so a
 * response's "to request #N" never exceeds it. A 1xx answers no request.
 *
 * After a 101 Switching Protocols the connection carries the Upgrade protocol, after a 2xx to
 * CONNECT it is a tunnel to the request's host:port (RFC 9110 9.3.6, 15.2.2): neither is
 * persistent HTTP/1 that may be reused, and no HTTP/1 keep-alive rule applies to them. */
#include "lab_http.h"

void lab_http_conn_init(lab_http_conn *http)
{
    http->advertised_timeout = -1;
}

bool lab_http_persistent(const lab_http_message *m, uint8_t *reason)
{
    if (m->connection & LAB_HTTP_CONN_CLOSE) {
        *reason = m->is_request ? LAB_NP_CLIENT_CLOSE : LAB_NP_SERVER_CLOSE;
        return false;
    }
    bool http10 = m->version_known && m->version_major == 1 && m->version_minor == 0;
    if (http10 && !(m->connection & LAB_HTTP_CONN_KEEPALIVE)) {
        *reason = LAB_NP_HTTP10;
        return false;
    }
    *reason = LAB_NP_NONE;
    return true;
}

/* Keeps a header value for the text: printable ASCII only, cut to fit. */
static void keep_detail(char *dst, const char *src)
{
    size_t n = 0;
    for (; src && src[n] && n + 1 < LAB_HTTP_DETAIL_MAX; n++) {
        unsigned char c = (unsigned char)src[n];
        dst[n] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    dst[n] = '\0';
}

static void on_request(lab_http_conn *http, const lab_http_message *m, lab_http_annotation *out)
{
    uint8_t reason;
    bool persistent = lab_http_persistent(m, &reason);

    out->reuse_after_close = http->declared_nonpersistent;
    if (http->requests > http->responses)
        out->notes |= LAB_HTTP_NOTE_PIPELINED;
    if (m->conditional)
        out->notes |= LAB_HTTP_NOTE_CONDITIONAL;
    if (m->has_range)
        out->notes |= LAB_HTTP_NOTE_RANGE;

    http->requests++;
    out->request_index = http->requests;
    if (m->is_connect) {
        http->connect_pending = true;
        keep_detail(http->connect_target, m->target);
    }
    out->persistent = persistent;
    out->nonpersistent_reason = reason;
    if (http->pending_count < LAB_MAX_PENDING) {
        uint16_t bit = (uint16_t)(1u << http->pending_count);
        if (persistent)
            http->pending_persistent |= bit;
        else
            http->pending_persistent &= (uint16_t)~bit;
        http->pending_count++;
    }
    if (!persistent) {
        http->declared_nonpersistent = true;
        http->nonpersistent_reason = reason;
    }
}

static void on_response(lab_http_conn *http, const lab_http_message *m, lab_http_annotation *out)
{
    uint8_t reason;
    bool persistent = lab_http_persistent(m, &reason);

    /* 1xx interim responses do not answer the request */
    bool final = m->status == 0 || m->status >= 200;
    bool request_persistent = true;
    if (final && http->pending_count > 0) {
        request_persistent = (http->pending_persistent & 1u) != 0;
        http->pending_persistent = (uint16_t)(http->pending_persistent >> 1);
        http->pending_count--;
    }
    out->interim = !final;
    if (final) {
        http->responses++;
        /* the n-th final response answers the n-th request; more responses than requests
         * seen: this one proves a request the capture does not show */
        if (http->responses > http->requests) {
            http->requests = http->responses;
            out->request_unseen = true;
        }
        out->request_index = http->responses;
    }

    if (m->status == 304)
        out->notes |= LAB_HTTP_NOTE_NOT_MODIFIED;
    if (m->status == 206)
        out->notes |= LAB_HTTP_NOTE_PARTIAL;

    if (m->keepalive_timeout >= 0)
        http->advertised_timeout = m->keepalive_timeout;

    if (persistent && !request_persistent) {
        persistent = false;
        reason = LAB_NP_CLIENT_CLOSE;
    }
    if (m->status == 101) {
        out->switched = LAB_SWITCH_UPGRADE;
        keep_detail(out->detail, m->upgrade);
    } else if (final && http->connect_pending && m->status >= 200 && m->status < 300) {
        out->switched = LAB_SWITCH_TUNNEL;
        keep_detail(out->detail, http->connect_target);
    }
    if (final)
        http->connect_pending = false;
    if (out->switched != LAB_SWITCH_NONE) {
        http->switched = out->switched;
        persistent = false;
        reason = LAB_NP_NONE;
    } else if (out->interim) {
        persistent = false; /* a 1xx says nothing about reuse: the final response will */
        reason = LAB_NP_NONE;
    }
    out->persistent = persistent;
    out->nonpersistent_reason = reason;
    if (!persistent && reason != LAB_NP_NONE) {
        http->declared_nonpersistent = true;
        http->nonpersistent_reason = reason;
    }
}

void lab_http_rule(lab_http_conn *http, const lab_http_message *m, lab_http_annotation *out)
{
    out->is_request = m->is_request;
    out->status = m->status;
    out->keepalive_timeout = m->keepalive_timeout;
    http->seen = true;
    if (m->is_request)
        on_request(http, m, out);
    else
        on_response(http, m, out);
}
