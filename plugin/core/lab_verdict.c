/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Why a connection ended the way it did.
 *
 *   refused         the SYN was answered by RST
 *   open            no FIN or RST yet
 *   unused          handshake, then a close with no payload at all (a browser's spare
 *                   connection opened in advance)
 *   simultaneous    both sides closed at once
 *   short           the server closed after an exchange that a message declared
 *                   non-persistent (Connection: close, or HTTP/1.0 without keep-alive)
 *   server timeout  the server closed an idle persistent connection; it had advertised
 *                   Keep-Alive: timeout=N (a mismatch of more than 0.5 s is flagged)
 *   server idle     likewise, with no timeout advertised
 *   client closed   the client closed first (FIN or RST)
 *   server closed   the server closed first where HTTP/1 keep-alive does not apply: no HTTP
 *                   was seen, or a 101 / a CONNECT 2xx had switched the connection to
 *                   another protocol or a tunnel (nothing there advertises an idle timeout)
 * The idle time runs from the last payload before the first FIN/RST to that FIN/RST. */
#include "lab_verdict.h"

#include <math.h>
#include <string.h>

static lab_closer closer_of(const lab_conn *conn)
{
    const lab_conn_life *life = &conn->life;
    if (!life->ended)
        return LAB_CLOSER_NONE;
    if (!life->ended_by_rst && conn->close_kind == LAB_CLOSE_SIMULTANEOUS)
        return LAB_CLOSER_BOTH;
    return life->first_ender == LAB_DIR_C2S ? LAB_CLOSER_CLIENT : LAB_CLOSER_SERVER;
}

void lab_verdict_summarise(const lab_conn *conn, double capture_last_time, lab_conn_summary *out)
{
    const lab_conn_life *life = &conn->life;
    const lab_http_conn *http = &conn->http;

    memset(out, 0, sizeof(*out));
    out->stream = conn->stream;
    out->requests = http->requests;
    out->responses = http->responses;
    out->advertised_timeout = http->advertised_timeout;
    out->parallel = life->parallel;
    out->closer = (uint8_t)closer_of(conn);
    out->ended_by_rst = life->ended_by_rst;
    out->handshake_seen = !conn->midstream && conn->handshake_done;
    out->nodata = out->handshake_seen && !life->payload_seen;
    out->nonpersistent_reason = http->declared_nonpersistent ? http->nonpersistent_reason : LAB_NP_NONE;
    out->close_kind = conn->close_kind;
    out->http_seen = http->seen;
    out->tls_seen = life->tls_seen;
    out->http2_seen = life->http2_seen;
    out->went_on = conn->went_on;
    out->switched = http->switched;
    bool keepalive_applies = http->seen && http->switched == LAB_SWITCH_NONE;

    double end = life->ended ? life->end_time : capture_last_time;
    double quiet_since = life->payload_before_end ? life->last_payload_time : life->first_time;
    out->idle = end > quiet_since ? end - quiet_since : 0.0;
    out->lifetime = end > life->first_time ? end - life->first_time : 0.0;
    out->timeout_mismatch = false;

    if (life->refused)
        out->verdict = LAB_VERDICT_REFUSED;
    else if (!life->ended)
        out->verdict = LAB_VERDICT_OPEN;
    else if (out->nodata)
        out->verdict = LAB_VERDICT_UNUSED;
    else if (out->closer == LAB_CLOSER_BOTH)
        out->verdict = LAB_VERDICT_SIMULTANEOUS;
    else if (out->closer == LAB_CLOSER_CLIENT)
        out->verdict = LAB_VERDICT_CLIENT_CLOSED;
    else if (!keepalive_applies)
        out->verdict = LAB_VERDICT_SERVER_CLOSED;
    else if (http->declared_nonpersistent)
        out->verdict = LAB_VERDICT_SHORT;
    else if (http->advertised_timeout >= 0) {
        out->verdict = LAB_VERDICT_SERVER_TIMEOUT;
        out->timeout_mismatch = fabs(out->idle - (double)http->advertised_timeout) > LAB_TIMEOUT_TOLERANCE;
    } else
        out->verdict = LAB_VERDICT_SERVER_IDLE;
}
