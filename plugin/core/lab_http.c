/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTTP/1.x keep-alive rules, from the messages the HTTP dissector decoded.
 *
 * Persistence (RFC 9112, 9.3): a "close" connection option ends the connection after the
 * exchange; otherwise HTTP/1.1 is persistent by default and HTTP/1.0 only with
 * "Connection: keep-alive". A response is answered in order (no reordering in HTTP/1.x), so
 * the n-th response belongs to the n-th request; a request sent while earlier ones still
 * await their answer is pipelined. */
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
    if (final)
        http->responses++;
    /* the n-th final response answers the n-th request; an interim one the next unanswered */
    out->request_index = final ? http->responses : http->responses + 1;

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
    out->persistent = persistent;
    out->nonpersistent_reason = reason;
    if (!persistent) {
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
