/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Field extraction: the only code that reads other dissectors' values.
 *
 * TCP. Every TCP segment's values come from the TCP dissector itself, by one of two routes
 * that give the same numbers:
 *  1. Its tap record. TCP queues a struct tcpheader (epan/dissectors/packet-tcp.h: raw seq
 *     and ack, flags, payload length, calculated window, ports, stream index) for the "tcp"
 *     tap before the postdissectors run, and fetch_tapped_data() hands it over during the same
 *     packet while tapping is active. A do-nothing TL_IS_DISSECTOR_HELPER listener keeps
 *     tapping active without asking tshark for a tree or a dissection it would not do anyway.
 *     This is the route of a single pass (tshark -r) and of Wireshark loading a file.
 *  2. Its fields in the tree. tshark -2 runs no taps on its first pass (epan_dissect_run, not
 *     _with_taps), so there the TCP fields are wanted and read from the tree, as before.
 * The TCP fields are wanted when a file is opened (lab_fields_file_start) and dropped from
 * the wanted list at the first segment the tap delivers: from then on they would be primed,
 * built and freed for every packet for nothing.
 *
 * HTTP. Whether a message is a request or a response, its version, status, Connection,
 * Keep-Alive timeout, Range and If-* headers exist only as the HTTP dissector's fields (its
 * "http" tap record has the method and status code, nothing else we need), so the HTTP
 * fields stay wanted and force a tree. docs/benchmark.md says what that costs and why the
 * other ways were not kept.
 *
 * A segment on which the TCP dissector itself threw (a SACK option of length 2, a header cut
 * by the snapshot length) is no segment here, on either route: TCP queues no tap record for
 * it, so a single pass has no facts, while -2 would read the fields TCP had added before it
 * threw. Its facts are not trustworthy either (Wireshark did not finish its header, made no
 * SEQ/ACK analysis and dissected no payload), so both routes skip it. The exception items
 * (_ws.malformed, _ws.short, _ws.unreassembled) stay wanted on every pass, which costs nothing
 * on a frame without one. */
#include "lab_fields.h"

#include <stdlib.h>
#include <string.h>

#include <epan/proto.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include "lab_compat.h"

/* Fields read from every TCP packet when the tap is not running (tshark -2, first pass). */
enum {
    F_TCP_STREAM,
    F_TCP_SRCPORT,
    F_TCP_DSTPORT,
    F_TCP_SEQ_RAW,
    F_TCP_ACK_RAW,
    F_TCP_LEN,
    F_TCP_FLAGS,
    F_TCP_WINDOW,
    F_HTTP,      /* one per HTTP message: its extent groups the header fields below */
    F_HTTP_REQUEST,
    F_HTTP_REQ_VERSION,
    F_HTTP_RESP_VERSION,
    F_HTTP_CODE,
    F_HTTP_CONNECTION,
    F_HTTP_REQ_LINE,
    F_HTTP_RESP_LINE,
    F_HTTP_METHOD,
    F_HTTP_URI,
    F_HTTP_UPGRADE,
    F_MALFORMED, /* the exception items: wanted with the HTTP fields, on every pass */
    F_SHORT,
    F_UNREASSEMBLED,
    F_COUNT
};
#define F_FIRST_HTTP F_HTTP

/* tcp.window_size is the window as the tap has it (th_win: scaled once the scale is known;
 * SYNs never scaled). Only compared between segments for duplicate ACKs. */
static const char *const field_names[F_COUNT] = {
    "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw",
    "tcp.len", "tcp.flags", "tcp.window_size",
    "http", "http.request", "http.request.version", "http.response.version", "http.response.code",
    "http.connection", "http.request.line", "http.response.line",
    "http.request.method", "http.request.uri", "http.upgrade",
    "_ws.malformed", "_ws.short", "_ws.unreassembled",
};

static int field_ids[F_COUNT];
static dissector_handle_t wanting_handle;
static int tcp_tap_id = -1;
static int proto_tcp_id = -1;
static int proto_icmp_id = -1;
static int proto_icmpv6_id = -1;
static int proto_http_id = -1;
static int proto_tls_id = -1;
static int proto_http2_id = -1;
static int proto_lab_id = -1;
/* Whether the TCP fields are on the wanted list (true from file start to the first tap record). */
static gboolean tcp_fields_wanted;
/* The listener is identified by this address. */
static int tcp_listener_tag;

/* Wants the fields from `first` on (F_TCP_STREAM: all; F_FIRST_HTTP: the HTTP ones). */
static void want_fields_from(int first)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (int i = first; i < F_COUNT; i++)
        if (field_ids[i] > 0)
            g_array_append_val(wanted, field_ids[i]);
    set_postdissector_wanted_hfids(wanting_handle, wanted); /* epan frees the previous array */
    tcp_fields_wanted = first <= F_TCP_STREAM;
}

void lab_fields_register_wanted(dissector_handle_t handle)
{
    wanting_handle = handle;
    for (int i = 0; i < F_COUNT; i++)
        field_ids[i] = proto_registrar_get_id_byname(field_names[i]);
    proto_tcp_id = proto_get_id_by_filter_name("tcp");
    proto_icmp_id = proto_get_id_by_filter_name("icmp");
    proto_icmpv6_id = proto_get_id_by_filter_name("icmpv6");
    proto_http_id = proto_get_id_by_filter_name("http");
    proto_tls_id = proto_get_id_by_filter_name("tls");
    proto_http2_id = proto_get_id_by_filter_name("http2");
    proto_lab_id = proto_get_id_by_filter_name("lab");
    tcp_tap_id = find_tap_id("tcp");
    if (tcp_tap_id >= 0) {
        GString *error = register_tap_listener("tcp", &tcp_listener_tag, NULL, TL_IS_DISSECTOR_HELPER,
                                               NULL, NULL, NULL, NULL);
        if (error) { /* cannot happen without a filter string; then route 2 serves every pass */
            g_string_free(error, TRUE);
            tcp_tap_id = -1;
        }
    }
    want_fields_from(F_TCP_STREAM);
}

void lab_fields_file_start(void)
{
    if (wanting_handle && !tcp_fields_wanted)
        want_fields_from(F_TCP_STREAM);
}

/* The first value of a field in this frame, or FALSE if absent. */
static gboolean first_uint(proto_tree *tree, int which, guint32 *value)
{
    if (field_ids[which] <= 0)
        return FALSE;
    GPtrArray *found = proto_get_finfo_ptr_array(tree, field_ids[which]);
    if (!found || found->len == 0)
        return FALSE;
    *value = lab_finfo_uint((field_info *)g_ptr_array_index(found, 0));
    return TRUE;
}

/* Which protocols ran on this frame, from its list of layers (no tree needed); *tcp_last:
 * TCP is the last layer before this plugin (nothing ran on its payload). */
static void scan_layers(const packet_info *pinfo, gboolean *tcp, gboolean *icmp, gboolean *http, guint8 *app,
                        gboolean *tcp_last)
{
    *tcp = *icmp = *http = *tcp_last = FALSE;
    *app = 0;
    for (wmem_list_frame_t *f = pinfo->layers ? wmem_list_head(pinfo->layers) : NULL; f; f = wmem_list_frame_next(f)) {
        int id = (int)GPOINTER_TO_UINT(wmem_list_frame_data(f));
        if (id == proto_lab_id)
            continue;
        *tcp_last = id == proto_tcp_id;
        if (id == proto_tcp_id)
            *tcp = TRUE;
        else if (id == proto_icmp_id || id == proto_icmpv6_id)
            *icmp = TRUE;
        else if (id == proto_http_id)
            *http = TRUE;
        else if (id == proto_tls_id)
            *app |= LAB_APP_TLS;
        else if (id == proto_http2_id)
            *app |= LAB_APP_HTTP2;
    }
}

/* Route 1: the outermost TCP layer's tap record (TCP queues it after dissecting its payload,
 * so an inner TCP's record comes first). NULL when tapping is not active. */
static const struct tcpheader *tapped_tcp_header(void)
{
    const struct tcpheader *last = NULL, *th;
    if (tcp_tap_id < 0)
        return NULL;
    for (int i = 0; (th = (const struct tcpheader *)fetch_tapped_data(tcp_tap_id, i)) != NULL; i++)
        last = th;
    return last;
}

static gboolean read_tapped(const struct tcpheader *th, lab_segment *seg)
{
    seg->stream = th->th_stream;
    seg->seq_raw = th->th_rawseq;
    seg->ack_raw = th->th_rawack;
    seg->src_port = th->th_sport;
    seg->dst_port = th->th_dport;
    seg->len = th->th_have_seglen ? th->th_seglen : 0;
    seg->flags = (guint8)(th->th_flags & 0x1f);
    seg->window = th->th_win;
    return TRUE;
}

/* Route 2: the TCP fields, when they are wanted (and so primed). */
static gboolean read_fields(proto_tree *tree, lab_segment *seg)
{
    guint32 v;
    if (!tree || !tcp_fields_wanted)
        return FALSE;
    if (!first_uint(tree, F_TCP_STREAM, &seg->stream) || !first_uint(tree, F_TCP_SEQ_RAW, &seg->seq_raw))
        return FALSE;
    if (first_uint(tree, F_TCP_SRCPORT, &v))
        seg->src_port = (guint16)v;
    if (first_uint(tree, F_TCP_DSTPORT, &v))
        seg->dst_port = (guint16)v;
    if (!first_uint(tree, F_TCP_ACK_RAW, &seg->ack_raw))
        seg->ack_raw = 0;
    if (first_uint(tree, F_TCP_LEN, &v))
        seg->len = v;
    if (first_uint(tree, F_TCP_FLAGS, &v))
        seg->flags = (guint8)(v & 0x1f);
    if (first_uint(tree, F_TCP_WINDOW, &v))
        seg->window = v;
    return TRUE;
}

/* Whether an exception item is in the tree (they are wanted, so present when one was added). */
static gboolean has_exception(proto_tree *tree)
{
    for (int i = F_MALFORMED; i <= F_UNREASSEMBLED && tree; i++) {
        GPtrArray *found = field_ids[i] > 0 ? proto_get_finfo_ptr_array(tree, field_ids[i]) : NULL;
        if (found && found->len > 0)
            return TRUE;
    }
    return FALSE;
}

static void copy_address_bytes(const address *addr, guint8 *out)
{
    if (addr->len > 0 && addr->len <= LAB_ADDR_MAX && addr->data)
        memcpy(out, addr->data, (size_t)addr->len);
}

gboolean lab_fields_read_segment(proto_tree *tree, packet_info *pinfo, lab_segment *seg, gboolean *http_ran)
{
    gboolean tcp, icmp, tcp_last;

    memset(seg, 0, sizeof(*seg));
    guint8 app;
    scan_layers(pinfo, &tcp, &icmp, http_ran, &app, &tcp_last);
    if (proto_http_id < 0) /* no HTTP dissector to ask (never in a normal build): look anyway */
        *http_ran = TRUE;
    if (!tcp || icmp) /* a TCP header quoted inside an ICMP error is not a segment of the stream */
        return FALSE;
    if (tcp_last && has_exception(tree)) /* TCP threw in its own header: no facts (top of file) */
        return FALSE;
    const struct tcpheader *th = tapped_tcp_header();
    if (th) {
        read_tapped(th, seg);
        if (tcp_fields_wanted) /* the tap runs in this pass: the fields are not needed any more */
            want_fields_from(F_FIRST_HTTP);
    } else if (!read_fields(tree, seg)) {
        return FALSE;
    }

    seg->app = app;
    seg->frame = pinfo->num;
    seg->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
    if (pinfo->net_src.len == pinfo->net_dst.len && pinfo->net_src.len <= LAB_ADDR_MAX) {
        seg->addr_len = (guint8)pinfo->net_src.len;
        copy_address_bytes(&pinfo->net_src, seg->src_addr);
        copy_address_bytes(&pinfo->net_dst, seg->dst_addr);
    }
    return TRUE;
}

/* ---- HTTP: values of the HTTP dissector's fields, grouped by message ---- */

static GPtrArray *all_of(proto_tree *tree, int which)
{
    return field_ids[which] > 0 ? proto_get_finfo_ptr_array(tree, field_ids[which]) : NULL;
}

/* Whether field fi lies inside the message whose "http" item is msg. */
static gboolean inside(const field_info *fi, const field_info *msg)
{
    return fi->ds_tvb == msg->ds_tvb && fi->start >= msg->start && fi->start < msg->start + msg->length;
}

/* "HTTP/1.1" → 1, 1 */
static void parse_version(const char *v, lab_http_message *m)
{
    if (v && g_ascii_strncasecmp(v, "HTTP/", 5) == 0 && g_ascii_isdigit(v[5]) && v[6] == '.' && g_ascii_isdigit(v[7])) {
        m->version_major = (guint8)(v[5] - '0');
        m->version_minor = (guint8)(v[7] - '0');
        m->version_known = TRUE;
    }
}

/* Connection: a comma-separated list of options; only "close" and "keep-alive" matter. */
static guint8 parse_connection(const char *value)
{
    guint8 tokens = 0;
    gchar **parts = g_strsplit(value ? value : "", ",", -1);
    for (gchar **p = parts; *p; p++) {
        gchar *t = g_strstrip(*p);
        if (g_ascii_strcasecmp(t, "close") == 0)
            tokens |= LAB_HTTP_CONN_CLOSE;
        else if (g_ascii_strcasecmp(t, "keep-alive") == 0)
            tokens |= LAB_HTTP_CONN_KEEPALIVE;
    }
    g_strfreev(parts);
    return tokens;
}

static gboolean header_is(const char *line, const char *name)
{
    size_t n = strlen(name);
    return line && g_ascii_strncasecmp(line, name, n) == 0 && line[n] == ':';
}

/* "Keep-Alive: timeout=5, max=100" → 5; -1 if there is no timeout parameter. */
static gint32 parse_keepalive_timeout(const char *line)
{
    const char *p = strchr(line, ':');
    while (p && *p) {
        p++;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (g_ascii_strncasecmp(p, "timeout=", 8) == 0) {
            char *end;
            long v = strtol(p + 8, &end, 10);
            return (end != p + 8 && v >= 0 && v <= G_MAXINT32) ? (gint32)v : -1;
        }
        p = strchr(p, ',');
    }
    return -1;
}

static void read_header_lines(GPtrArray *lines, const field_info *msg, lab_http_message *m)
{
    for (guint i = 0; lines && i < lines->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(lines, i);
        if (!inside(fi, msg))
            continue;
        const char *line = lab_finfo_string(fi);
        if (header_is(line, "Keep-Alive"))
            m->keepalive_timeout = parse_keepalive_timeout(line);
        else if (header_is(line, "Range"))
            m->has_range = TRUE;
        else if (header_is(line, "If-None-Match") || header_is(line, "If-Modified-Since"))
            m->conditional = TRUE;
    }
}

unsigned lab_fields_read_http(proto_tree *tree, lab_http_message *msgs, unsigned max)
{
    GPtrArray *http = tree ? all_of(tree, F_HTTP) : NULL;
    if (!http || http->len == 0)
        return 0;
    GPtrArray *requests = all_of(tree, F_HTTP_REQUEST);
    GPtrArray *req_versions = all_of(tree, F_HTTP_REQ_VERSION);
    GPtrArray *resp_versions = all_of(tree, F_HTTP_RESP_VERSION);
    GPtrArray *codes = all_of(tree, F_HTTP_CODE);
    GPtrArray *connections = all_of(tree, F_HTTP_CONNECTION);
    GPtrArray *methods = all_of(tree, F_HTTP_METHOD);
    GPtrArray *uris = all_of(tree, F_HTTP_URI);
    GPtrArray *upgrades = all_of(tree, F_HTTP_UPGRADE);

    unsigned n = 0;
    for (guint i = 0; i < http->len && n < max; i++) {
        const field_info *msg = (const field_info *)g_ptr_array_index(http, i);
        lab_http_message *m = &msgs[n];
        memset(m, 0, sizeof(*m));
        m->keepalive_timeout = -1;
        gboolean is_request = FALSE, is_response = FALSE;

        for (guint j = 0; requests && j < requests->len; j++)
            if (inside((field_info *)g_ptr_array_index(requests, j), msg))
                is_request = TRUE;
        for (guint j = 0; req_versions && j < req_versions->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(req_versions, j);
            if (inside(fi, msg))
                parse_version(lab_finfo_string(fi), m);
        }
        for (guint j = 0; resp_versions && j < resp_versions->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(resp_versions, j);
            if (inside(fi, msg)) {
                parse_version(lab_finfo_string(fi), m);
                is_response = TRUE;
            }
        }
        for (guint j = 0; codes && j < codes->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(codes, j);
            if (inside(fi, msg))
                m->status = (guint16)lab_finfo_uint(fi);
        }
        for (guint j = 0; methods && j < methods->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(methods, j);
            if (inside(fi, msg))
                m->is_connect = g_strcmp0(lab_finfo_string(fi), "CONNECT") == 0;
        }
        /* the strings stay valid while this frame's tree exists: the core copies them */
        for (guint j = 0; uris && j < uris->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(uris, j);
            if (inside(fi, msg))
                m->target = lab_finfo_string(fi);
        }
        for (guint j = 0; upgrades && j < upgrades->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(upgrades, j);
            if (inside(fi, msg))
                m->upgrade = lab_finfo_string(fi);
        }
        for (guint j = 0; connections && j < connections->len; j++) {
            field_info *fi = (field_info *)g_ptr_array_index(connections, j);
            if (inside(fi, msg))
                m->connection |= parse_connection(lab_finfo_string(fi));
        }
        if (!is_request && !is_response)
            continue; /* a continuation or body without a start line: not a message */
        m->is_request = is_request;
        read_header_lines(all_of(tree, is_request ? F_HTTP_REQ_LINE : F_HTTP_RESP_LINE), msg, m);
        n++;
    }
    return n;
}
