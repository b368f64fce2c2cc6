/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The input format shared by the libFuzzer target (fuzz_core.c) and the plain random driver
 * (random_core.c): a byte string read as a sequence of segment records, each one fed to
 * lab_analyze_segment on one analyzer (one input = one capture), and every annotation
 * rendered with every lab_text_* function into buffers of several sizes.
 *
 * Record layout (missing bytes read as 0, so every byte string is a valid input):
 *   ctl    bits 0-2 stream: 0-4 a small index, 5 the previous stream + 1, 6 a large
 *          value (4 more bytes), 7 one of a few extreme values; bit 3 swap direction;
 *          bits 4-5 port pair; bit 6 IPv6; bit 7 odd address length (0, 6 or 255)
 *   flags  bit 7 set: raw TCP flags (low 5 bits); clear: one of the usual combinations
 *   seqm   bits 0-2 how the seq is made, bits 3-5 how the ack is made, bits 6-7 window
 *   lenm   payload length: bit 7 clear: a small value (0-127 → mostly 0, 1, MSS-like);
 *          set: one of a few extreme values, or 4 raw bytes
 *   ext    bits 0-1 HTTP messages after this segment (bit 2 must be set too), bits 3-4 time
 *          step (normal, none, backwards, a jump), bit 5 ask for the stream's summary (the
 *          summary of the segment's own connection, lab_analyzer_summary_of, always is),
 *          bit 6 ask about another stream than this segment's, bit 7 HTTP on another stream
 *   then up to 4 bytes of deltas or raw values, depending on the modes, and 2 bytes per
 *   HTTP message (kind, version, Connection tokens, Range, conditional; status; timeout).
 * The driver keeps, per (stream, direction), an ISN and where the sender's next byte is,
 * so in-order conversations, retransmissions, gaps and keep-alives happen often; ports and
 * addresses come from small sets so directions, port reuse and equal ports happen.
 *
 * Checks (a failure aborts, so both drivers report it with a stack):
 *   - the annotation's enums are in range and stream/len/flags are copied; likewise the
 *     HTTP annotations and the connection summary (times not negative, not NaN);
 *   - the annotation keeps the segment's flags and length, from which the next sequence
 *     number is derived (lab_annotation_seq_next);
 *   - the same input on a fresh analyzer gives byte-identical annotations and summaries
 *     (no hidden state, no uninitialised reads that change results);
 *   - every text (lab_text_step/direction/states/seq/ack/verdict/http/http_notes and
 *     lab_text_nonpersistent, and the column texts lab_short_step/info/state) is
 *     NUL-terminated inside its buffer, the same in a buffer of
 *     LAB_TEXT_MAX (the plugin's) as in a bigger one, so never cut there; a small buffer
 *     (sizes 1-100 in turn, exactly allocated so ASan sees overflows) gets a prefix of it;
 *     size 0 writes nothing.
 *   - per-packet properties of the rulebook (docs/semantics.md), on every annotation:
 *     P1 a payload segment (no SYN) that acknowledges its peer's SYN+ACK (captured as
 *        handshake step 2 at relative Seq 0) is never in phase handshake unless it is step 3
 *        itself (TCP Fast Open aside: the SYN+ACK's own sender may send data before the ACK);
 *     P2 the sender of a FIN is never CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED or
 *        CLOSE-WAIT (when states are shown);
 *     P3 close kind abort and reset steps only on RSTs;
 *     P4 no handshake or close step after a reset step of the same connection (stream and
 *        generation);
 *     P5 a payload sender is never CLOSED, LISTEN or SYN-SENT unless the segment carries
 *        the SYN (when states are shown).
 *   - storage: an annotation that packs (lab_pack.h, how the plugin keeps it until the file
 *     is closed) unpacks to the same bytes.
 * Memory is bounded by the input: at most one connection per distinct stream index. */
#ifndef LAB_FUZZ_SEGMENTS_H
#define LAB_FUZZ_SEGMENTS_H

#include "lab_analyzer.h"
#include "lab_msg.h"
#include "lab_pack.h"
#include "lab_short.h"
#include "lab_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_MAX_RECORDS 4096 /* longer inputs are cut: memory and time stay bounded */
#define FZ_SLOTS 8          /* per-stream driver state for streams 0..6, the rest share 7 */

typedef struct fz_reader {
    const uint8_t *p;
    size_t n;
} fz_reader;

static uint8_t fz_u8(fz_reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

static uint32_t fz_u16(fz_reader *r)
{
    uint32_t v = fz_u8(r);
    return v | (uint32_t)fz_u8(r) << 8;
}

static uint32_t fz_u32(fz_reader *r)
{
    uint32_t v = fz_u16(r);
    return v | fz_u16(r) << 16;
}

/* A signed small delta: mostly 0 and ±1, sometimes up to ±127. */
static int32_t fz_delta(fz_reader *r)
{
    int8_t d = (int8_t)fz_u8(r);
    return (d >= -4 && d <= 4) ? 0 : (d % 3 == 0 ? (d > 0 ? 1 : -1) : d);
}

static const uint32_t fz_isns[8] = {
    0u, 1u, 1000u, 0x7fffffffu, 0x80000000u, 0xfffffff0u, 0xffffffffu, 0xdeadbeefu,
};
static const uint8_t fz_flag_sets[16] = {
    LAB_TCP_SYN, LAB_TCP_SYN | LAB_TCP_ACK, LAB_TCP_ACK, LAB_TCP_ACK | LAB_TCP_PSH,
    LAB_TCP_FIN | LAB_TCP_ACK, LAB_TCP_RST, LAB_TCP_RST | LAB_TCP_ACK, LAB_TCP_ACK,
    LAB_TCP_FIN | LAB_TCP_ACK | LAB_TCP_PSH, LAB_TCP_ACK, LAB_TCP_FIN, LAB_TCP_ACK | LAB_TCP_PSH,
    LAB_TCP_SYN | LAB_TCP_FIN, LAB_TCP_SYN | LAB_TCP_ACK | LAB_TCP_FIN, 0, LAB_TCP_ACK,
};
static const uint32_t fz_big_streams[8] = {
    0xffffffffu, 0xfffffffeu, 0x80000000u, 0x7fffffffu, 64u, 65u, 1u << 20, 0x10000u,
};
static const uint32_t fz_big_lens[8] = {
    0u, 1u, 65535u, 65536u, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu,
};
static const uint16_t fz_ports[4][2] = { /* client, server */
    { 40000, 80 }, { 40001, 80 }, { 80, 40000 }, { 443, 443 },
};

typedef struct fz_dir_state {
    uint32_t isn;
    uint32_t next; /* raw: where this sender's next byte is */
    int started;
} fz_dir_state;

typedef struct fz_driver {
    fz_dir_state d[FZ_SLOTS][2];
    uint32_t prev_stream;
    uint32_t frame;
    double time;
    uint32_t window[2];
    uint8_t ext;   /* the last record's ext byte */
} fz_driver;

/* Reads the next record into seg. */
static void fz_next_segment(fz_driver *dv, fz_reader *r, lab_segment *seg)
{
    memset(seg, 0, sizeof(*seg));
    uint8_t ctl = fz_u8(r);
    uint8_t fl = fz_u8(r);
    uint8_t seqm = fz_u8(r);
    uint8_t lenm = fz_u8(r);
    uint8_t ext = fz_u8(r);

    switch (ctl & 7) {
    case 5: seg->stream = dv->prev_stream + 1; break;
    case 6: seg->stream = fz_u32(r); break;
    case 7: seg->stream = fz_big_streams[(ctl >> 4) & 7]; break;
    default: seg->stream = ctl & 7; break;
    }
    dv->prev_stream = seg->stream;
    unsigned slot = seg->stream < FZ_SLOTS - 1 ? seg->stream : FZ_SLOTS - 1;
    unsigned from_server = (ctl >> 3) & 1;

    const uint16_t *ports = fz_ports[(ctl >> 4) & 3];
    seg->src_port = ports[from_server];
    seg->dst_port = ports[!from_server];
    uint8_t client_addr[LAB_ADDR_MAX], server_addr[LAB_ADDR_MAX];
    memset(client_addr, 0, sizeof(client_addr));
    memset(server_addr, 0, sizeof(server_addr));
    if (ctl & 0x40) {
        seg->addr_len = 16;
        client_addr[0] = server_addr[0] = 0xfd;
        client_addr[15] = 1;
        server_addr[15] = 2;
    } else {
        seg->addr_len = 4;
        client_addr[0] = server_addr[0] = 10;
        client_addr[3] = 1;
        server_addr[3] = (ctl & 0x20) ? 1 : 2; /* sometimes both ends on one host */
    }
    if (ctl & 0x80) {
        static const uint8_t odd_lens[4] = { 0, 6, 255, 16 };
        seg->addr_len = odd_lens[(seqm >> 6) & 3];
    }
    memcpy(seg->src_addr, from_server ? server_addr : client_addr, LAB_ADDR_MAX);
    memcpy(seg->dst_addr, from_server ? client_addr : server_addr, LAB_ADDR_MAX);

    seg->flags = (fl & 0x80) ? (fl & 0x1f) : fz_flag_sets[fl & 15];

    if (lenm & 0x80) {
        seg->len = (lenm & 0x40) ? fz_u32(r) : fz_big_lens[lenm & 7];
    } else {
        static const uint32_t small[8] = { 0, 0, 0, 1, 100, 536, 1448, 1460 };
        seg->len = (lenm & 0x40) ? (lenm & 0x3f) : small[lenm & 7];
    }

    fz_dir_state *me = &dv->d[slot][from_server];
    fz_dir_state *peer = &dv->d[slot][!from_server];
    if (!me->started) {
        me->isn = fz_isns[(seg->stream + from_server * 3 + (fl >> 5)) & 7];
        me->next = me->isn + 1;
        me->started = 1;
    }
    if (!peer->started) {
        peer->isn = fz_isns[(seg->stream + !from_server * 3 + (fl >> 5) + 1) & 7];
        peer->next = peer->isn + 1;
        peer->started = 1;
    }

    switch (seqm & 7) {
    case 0: case 1: case 2: seg->seq_raw = me->next; break;           /* in order */
    case 3: seg->seq_raw = me->next + (uint32_t)fz_delta(r); break;   /* near: keep-alive, overlap */
    case 4: seg->seq_raw = me->isn + (uint32_t)fz_delta(r); break;    /* near the ISN */
    case 5: seg->seq_raw = me->next + fz_u16(r); break;               /* a gap */
    case 6: seg->seq_raw = me->next - fz_u16(r); break;               /* a retransmission */
    default: seg->seq_raw = fz_u32(r); break;                         /* anything */
    }
    if ((seg->flags & LAB_TCP_SYN) && (seqm & 7) < 3)
        seg->seq_raw = me->isn;
    switch ((seqm >> 3) & 7) {
    case 0: case 1: seg->ack_raw = peer->next; break;
    case 2: seg->ack_raw = peer->next + (uint32_t)fz_delta(r); break;
    case 3: seg->ack_raw = peer->isn + 1u + (uint32_t)fz_delta(r); break;
    case 4: seg->ack_raw = peer->next - fz_u16(r); break;
    case 5: seg->ack_raw = peer->next + fz_u16(r); break;
    case 6: seg->ack_raw = 0; break;
    default: seg->ack_raw = fz_u32(r); break;
    }
    static const uint32_t windows[4] = { 0, 512, 65535, 29200 };
    seg->window = (seqm >> 6) == 3 ? dv->window[from_server] : windows[seqm >> 6];
    dv->window[from_server] = seg->window;

    uint32_t span = seg->len + ((seg->flags & LAB_TCP_SYN) ? 1u : 0u) + ((seg->flags & LAB_TCP_FIN) ? 1u : 0u);
    if ((int32_t)(seg->seq_raw + span - me->next) > 0)
        me->next = seg->seq_raw + span;
    if ((seg->flags & LAB_TCP_SYN) && !(seg->flags & LAB_TCP_ACK) && (lenm & 0x20)) {
        /* a new connection on the same ports with another ISN (port reuse) */
        me->isn = seg->seq_raw;
    }

    seg->frame = ++dv->frame;
    switch ((ext >> 3) & 3) {
    case 0: dv->time += 0.001 * (1 + (fl & 7)); break;
    case 1: break;                                      /* same time stamp */
    case 2: dv->time -= 0.5 * (1 + (fl & 7)); break;    /* backwards */
    default:                                            /* a jump, within what a pcapng can hold */
        dv->time = (fl & 1) ? 9.2e18 * ((lenm & 1) ? -1.0 : 1.0) : dv->time + 3600.0 * (1 + (fl & 7));
        break;
    }
    seg->time = dv->time;
    dv->ext = ext;
}

/* The HTTP messages a record asks for (what lab_fields_read_http could hand over). */
static unsigned fz_http_messages(fz_driver *dv, fz_reader *r, lab_http_message *m, unsigned max)
{
    unsigned n = (dv->ext & 4) ? (dv->ext & 3) + 1u : 0u;
    if (n > max)
        n = max;
    static const uint16_t statuses[8] = { 0, 100, 200, 206, 304, 404, 101, 65535 };
    static const int32_t timeouts[8] = { -1, -1, 0, 5, 60, 2147483647, 1, 15 };
    for (unsigned i = 0; i < n; i++) {
        uint8_t a = fz_u8(r), b = fz_u8(r);
        memset(&m[i], 0, sizeof(m[i]));
        m[i].is_request = a & 1;
        m[i].version_known = (a & 2) != 0;
        m[i].version_major = (a & 8) ? (uint8_t)(b >> 4) : 1;
        m[i].version_minor = (a >> 2) & 1;
        m[i].connection = (a >> 4) & 3;
        m[i].has_range = (a & 0x40) != 0;
        m[i].conditional = (a & 0x80) != 0;
        m[i].status = m[i].is_request ? 0 : statuses[b & 7];
        m[i].keepalive_timeout = timeouts[(b >> 3) & 7];
        /* CONNECT requests and Upgrade values, from bits already read (the format is unchanged) */
        m[i].is_connect = m[i].is_request && (b & 0x40) != 0;
        m[i].target = (b & 0x80) ? "example.com:443" : NULL;
        m[i].upgrade = (!m[i].is_request && (b & 0x40)) ? "websocket" : NULL;
    }
    return n;
}


static void fz_fail(const char *what, uint32_t stream, uint32_t frame, const char *detail)
{
    fprintf(stderr, "lab fuzz check failed: %s (stream %u frame %u) %s\n", what, stream, frame,
            detail ? detail : "");
    abort();
}

/* What the property checks remember per stream (the current connection of that stream). */
typedef struct fz_shadow {
    uint32_t stream;
    uint8_t used;
    uint8_t reset_seen;
    uint8_t synack_at_zero[2]; /* by sender direction */
    uint8_t ended, payload_before_end; /* P8: the idle time */
    double last_payload, end_time;
    uint32_t generation;
} fz_shadow;

#define FZ_SHADOW_SLOTS 8192 /* > FZ_MAX_RECORDS: every stream of an input has a slot */

static fz_shadow fz_shadows[FZ_SHADOW_SLOTS];
static uint32_t fz_shadow_used[FZ_MAX_RECORDS];
static size_t fz_shadow_n;

static fz_shadow *fz_shadow_of(uint32_t stream)
{
    uint32_t i = (stream * 2654435761u) % FZ_SHADOW_SLOTS;
    while (fz_shadows[i].used && fz_shadows[i].stream != stream)
        i = (i + 1) % FZ_SHADOW_SLOTS;
    if (!fz_shadows[i].used && fz_shadow_n < FZ_MAX_RECORDS)
        fz_shadow_used[fz_shadow_n++] = i;
    fz_shadows[i].used = 1;
    fz_shadows[i].stream = stream;
    return &fz_shadows[i];
}

/* Forgets the streams of the previous input (only the slots it used). */
static void fz_shadow_clear(void)
{
    for (size_t k = 0; k < fz_shadow_n; k++)
        memset(&fz_shadows[fz_shadow_used[k]], 0, sizeof(fz_shadow));
    fz_shadow_n = 0;
}

/* The rulebook's per-packet properties (P1-P5 above). */
static void fz_check_properties(const lab_segment *seg, const lab_annotation *a, fz_shadow *sh)
{
    uint32_t s = seg->stream, f = seg->frame;
    uint8_t fl = seg->flags;
    unsigned sender = a->dir == LAB_DIR_C2S ? a->state_client : a->state_server;
    bool syn = (fl & LAB_TCP_SYN) != 0, rst = (fl & LAB_TCP_RST) != 0, fin = (fl & LAB_TCP_FIN) != 0;

    if (a->first_of_stream) {
        sh->reset_seen = 0;
        sh->synack_at_zero[0] = sh->synack_at_zero[1] = 0;
        sh->ended = sh->payload_before_end = 0;
        sh->generation = a->generation;
    }
    if (a->note == LAB_NOTE_WENT_ON) /* the endpoints went on after the reset: it did not end it */
        sh->reset_seen = 0;
    /* P1 */
    if (a->payload && !syn && !rst && (fl & LAB_TCP_ACK) && !lab_flags_contradictory(fl)
        && sh->synack_at_zero[a->dir ^ 1u] && (int32_t)(a->ack - 1u) >= 0
        && !(a->step_kind == LAB_STEP_HANDSHAKE && a->step_num == 3) && a->phase == LAB_PHASE_HANDSHAKE)
        fz_fail("P1 payload in phase handshake after the peer's SYN+ACK was acknowledged", s, f, NULL);
    /* P2 */
    if (fin && a->states_known && a->note != LAB_NOTE_FIN_WITHOUT_ACK /* dropped: it changes nothing */
        && (sender == LAB_ST_CLOSED || sender == LAB_ST_LISTEN || sender == LAB_ST_SYN_SENT
            || sender == LAB_ST_SYN_RECEIVED || sender == LAB_ST_ESTABLISHED || sender == LAB_ST_CLOSE_WAIT))
        fz_fail("P2 FIN sender in a state that sends no FIN", s, f, NULL);
    /* P3 */
    if (!rst && (a->close_kind == LAB_CLOSE_ABORT || a->step_kind == LAB_STEP_RESET))
        fz_fail("P3 abort or reset step on a segment without RST", s, f, NULL);
    /* P4 */
    if (sh->reset_seen && (a->step_kind == LAB_STEP_HANDSHAKE || a->step_kind == LAB_STEP_CLOSE))
        fz_fail("P4 handshake or close step after a reset", s, f, NULL);
    /* P5 */
    if (a->payload && !syn && a->states_known
        && (sender == LAB_ST_CLOSED || sender == LAB_ST_LISTEN || sender == LAB_ST_SYN_SENT))
        fz_fail("P5 payload sender CLOSED, LISTEN or SYN-SENT", s, f, NULL);

    /* P6: a segment with SYN is never a close step */
    if (syn && a->step_kind == LAB_STEP_CLOSE)
        fz_fail("P6 close step on a segment with SYN", s, f, NULL);
    /* P7: an RST that does not count makes no step and changes no state */
    if (a->note == LAB_NOTE_RST_NOT_ACCEPTABLE) {
        unsigned receiver = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
        if (a->step_kind != LAB_STEP_NONE || a->state_receiver_after != receiver || a->ends_connection
            || a->close_kind != LAB_CLOSE_NONE)
            fz_fail("P7 an RST that does not count made a step or changed a state", s, f, NULL);
    }
    /* P8 (shadow): the idle time runs from the last payload before the first FIN/RST to it */
    if (a->payload && !sh->ended) {
        sh->payload_before_end = 1;
        sh->last_payload = seg->time;
    }
    if (a->ends_connection && !sh->ended) {
        sh->ended = 1;
        sh->end_time = seg->time;
    }
    if (a->note == LAB_NOTE_WENT_ON)
        sh->ended = 0; /* the RST did not end it after all */

    if (a->step_kind == LAB_STEP_RESET)
        sh->reset_seen = 1;
    if (a->step_kind == LAB_STEP_HANDSHAKE && a->step_num == 2 && a->seq == 0)
        sh->synack_at_zero[a->dir] = 1;

    /* storage */
    lab_packed packed;
    lab_annotation unpacked;
    if (lab_pack(a, f, &packed)) {
        lab_unpack(&packed, f, &unpacked);
        if (memcmp(&unpacked, a, sizeof(unpacked)) != 0)
            fz_fail("an annotation packed for storage does not unpack to itself", s, f, NULL);
    }
}

/* The annotation's own consistency. */
static void fz_check_annotation(const lab_segment *seg, const lab_annotation *a)
{
    uint32_t s = seg->stream, f = seg->frame;
    if (a->stream != seg->stream || a->flags != seg->flags)
        fz_fail("stream/flags not copied", s, f, NULL);
    if (a->dir > LAB_DIR_S2C || a->phase >= LAB_PHASE_COUNT || a->state_client >= LAB_ST_COUNT
        || a->state_server >= LAB_ST_COUNT || a->state_receiver_after >= LAB_ST_COUNT
        || a->seq_check >= LAB_SEQ_COUNT || a->ack_check >= LAB_ACK_COUNT || a->close_kind >= LAB_CLOSE_COUNT
        || a->step_kind > LAB_STEP_RESET || a->reset_context > LAB_RST_MIDSTREAM || a->closer > LAB_DIR_S2C
        || a->note >= LAB_NOTE_COUNT)
        fz_fail("enum out of range", s, f, NULL);
    if (a->step_kind == LAB_STEP_NONE ? a->step_num != 0 : (a->step_num < 1 || a->step_num > 4))
        fz_fail("step number out of range", s, f, NULL);
    uint32_t span = seg->len + ((seg->flags & LAB_TCP_SYN) ? 1u : 0u) + ((seg->flags & LAB_TCP_FIN) ? 1u : 0u);
    if (a->len != seg->len || a->flags != seg->flags || lab_annotation_seq_next(a) != a->seq + span)
        fz_fail("len/flags not copied: the next sequence number would be wrong", s, f, NULL);
}

static void fz_check_http(const lab_http_message *m, const lab_http_annotation *h, uint32_t s, uint32_t f)
{
    if (h->is_request != m->is_request || h->status != m->status || h->keepalive_timeout != m->keepalive_timeout)
        fz_fail("HTTP message facts not copied", s, f, NULL);
    if (h->nonpersistent_reason > LAB_NP_HTTP10 || (h->persistent && h->nonpersistent_reason != LAB_NP_NONE)
        || (!h->persistent && h->nonpersistent_reason == LAB_NP_NONE && !h->interim && !h->switched))
        fz_fail("HTTP persistence and its reason disagree", s, f, NULL);
    /* P9: after a 101 or a 2xx to CONNECT no HTTP/1 follows: never persistent */
    if ((h->switched || h->status == 101) && h->persistent)
        fz_fail("P9 a 101 or a CONNECT 2xx called persistent", s, f, NULL);
    if (h->interim && h->request_index != 0)
        fz_fail("a 1xx given a request number", s, f, NULL);
    if (h->notes & ~0x1fu)
        fz_fail("unknown HTTP note bits", s, f, NULL);
}

static void fz_check_summary(const lab_conn_summary *c, uint32_t s, uint32_t f)
{
    if (c->stream != s)
        fz_fail("summary of another stream", s, f, NULL);
    if (c->closer >= LAB_CLOSER_COUNT || c->verdict >= LAB_VERDICT_COUNT || c->close_kind >= LAB_CLOSE_COUNT
        || c->nonpersistent_reason > LAB_NP_HTTP10)
        fz_fail("summary enum out of range", s, f, NULL);
    if (!(c->idle >= 0.0) || !(c->lifetime >= 0.0))
        fz_fail("summary time negative or NaN", s, f, NULL);
}

static size_t fz_strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

/* A text function bound to the record it renders. */
typedef const char *(*fz_render)(const void *obj, unsigned which, char *buf, size_t size);

static const char *fz_render_annotation(const void *obj, unsigned which, char *buf, size_t size)
{
    const lab_annotation *a = obj;
    switch (which) {
    case 0: return lab_text_step(a, buf, size);
    case 1: return lab_text_direction(a, buf, size);
    case 2: return lab_text_states(a, buf, size);
    case 3: return lab_text_seq(a, buf, size);
    case 4: return lab_text_ack(a, buf, size);
    case 5: return lab_short_step(a, buf, size);
    case 6: return lab_short_info(a, buf, size);
    case 7: return lab_short_state(a, LAB_DIR_C2S, buf, size);
    case 8: return lab_short_state(a, LAB_DIR_S2C, buf, size);
    default: return lab_text_note(a, buf, size);
    }
}

static const char *fz_render_http(const void *obj, unsigned which, char *buf, size_t size)
{
    return which == 0 ? lab_text_http(obj, buf, size) : lab_text_http_notes(obj, buf, size);
}

static const char *fz_render_verdict(const void *obj, unsigned which, char *buf, size_t size)
{
    (void)which;
    return lab_text_verdict(obj, buf, size);
}

/* FNV-1a over everything a run produced, to compare two runs of one input. */
static void fz_hash(uint64_t *h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ b[i]) * 1099511628211ULL;
}

/* Renders with one text function into several buffer sizes and checks the results (in the
 * language currently set). */
static void fz_check_text_one(fz_render render, const void *obj, unsigned which, const char *name, uint32_t s,
                          uint32_t f, uint64_t *h)
{
    static const size_t sizes[] = { 1, 2, 3, 8, 33, 100 };
    /* Big enough that a cut at LAB_TEXT_MAX is seen. */
    char full[LAB_TEXT_MAX * 4];
    memset(full, 0x55, sizeof(full));
    if (render(obj, which, full, sizeof(full)) != full)
        fz_fail("text function did not return its buffer", s, f, name);
    size_t n = fz_strnlen(full, sizeof(full));
    if (n >= sizeof(full))
        fz_fail("text not NUL-terminated", s, f, name);
    if (n >= LAB_TEXT_MAX)
        fz_fail("text longer than LAB_TEXT_MAX - 1: cut in the plugin's tree", s, f, full);
    (void)h;

    /* The plugin's own buffer size: the same text. */
    char normal[LAB_TEXT_MAX];
    render(obj, which, normal, sizeof(normal));
    if (strcmp(normal, full) != 0)
        fz_fail("LAB_TEXT_MAX buffer differs from the full text", s, f, name);

    /* one small size per call, in turn (all of them cost too much per execution) */
    static unsigned turn;
    unsigned k = turn++ % (unsigned)(sizeof(sizes) / sizeof(sizes[0]));
    {
        size_t size = sizes[k];
        /* a heap buffer of exactly `size` bytes, so ASan sees any overflow; made once and
         * kept (the sizes never change), which keeps the fuzzer fast */
        static char *smalls[sizeof(sizes) / sizeof(sizes[0])];
        if (!smalls[k] && !(smalls[k] = malloc(size)))
            abort();
        char *small = smalls[k];
        memset(small, 0x55, size);
        render(obj, which, small, size);
        size_t m = fz_strnlen(small, size);
        if (m >= size)
            fz_fail("small buffer not NUL-terminated", s, f, name);
        /* a prefix of the full text (lab_text_http_notes may drop a trailing space it cut; a
         * cut never splits a UTF-8 character, so it may end up to 3 bytes early, before one) */
        int char_cut = m < n && ((unsigned char)full[m] & 0xC0) == 0xC0 && m + 4 >= size;
        if (strncmp(small, full, m) != 0
            || (m < n && m + 1 != size && !(m + 2 == size && full[m] == ' ') && !char_cut))
            fz_fail("small buffer is not a prefix of the full text", s, f, name);
    }
    /* size 0: writes nothing (a one-byte guard stays as it was) */
    char guard = 0x55;
    render(obj, which, &guard, 0);
    if (guard != 0x55)
        fz_fail("size 0 wrote into the buffer", s, f, name);
}

/* Whether a text is well-formed UTF-8 (Wireshark's string fields require it). */
static int fz_valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int more = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (more < 0)
            return 0;
        p++;
        while (more-- > 0)
            if ((*p++ & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* fz_check_text_one in every display language (lab_msg.h), then back to English. */
static void fz_check_text(fz_render render, const void *obj, unsigned which, const char *name, uint32_t s,
                          uint32_t f, uint64_t *h)
{
    for (unsigned lang = 0; lang < LAB_LANG_COUNT; lang++) {
        lab_msg_set_language((lab_lang)lang);
        fz_check_text_one(render, obj, which, name, s, f, h);
        char text[LAB_TEXT_MAX];
        for (size_t size = 1; size <= 64; size += 7) { /* cut anywhere: still valid UTF-8 */
            render(obj, which, text, size);
            if (!fz_valid_utf8(text))
                fz_fail("a cut text is not valid UTF-8", s, f, name);
        }
    }
    lab_msg_set_language(LAB_LANG_EN);
}

/* Runs one input through a fresh analyzer; returns the number of records and sets *hash
 * to a digest of every annotation, summary and text it produced. */
static size_t fz_run(const uint8_t *data, size_t size, uint64_t *hash, int texts)
{
    static const char *const names[10] = { "step", "direction", "states", "seq", "ack",
                                            "short step", "short info", "short client state",
                                            "short server state", "note" };
    fz_reader r = { data, size };
    fz_driver dv;
    memset(&dv, 0, sizeof(dv));
    *hash = 1469598103934665603ULL;
    lab_analyzer *an = lab_analyzer_new();
    if (!an)
        return 0;
    fz_shadow_clear();
    size_t count = 0;
    while (r.n > 0 && count < FZ_MAX_RECORDS) {
        lab_segment seg;
        lab_annotation a;
        fz_next_segment(&dv, &r, &seg);
        count++;
        if (lab_analyze_segment(an, &seg, &a) != 0) {
            /* out of memory: allowed by the API, only stream and flags are set */
            if (a.stream != seg.stream || a.flags != seg.flags)
                fz_fail("stream/flags not set on failure", seg.stream, seg.frame, NULL);
            continue;
        }
        fz_check_annotation(&seg, &a);
        if (texts)
            fz_check_properties(&seg, &a, fz_shadow_of(seg.stream));
        fz_hash(hash, &a, sizeof(a));
        if (texts)
            for (unsigned w = 0; w < 10; w++)
                fz_check_text(fz_render_annotation, &a, w, names[w], seg.stream, seg.frame, hash);

        lab_http_message msgs[4];
        unsigned n = fz_http_messages(&dv, &r, msgs, 4);
        for (unsigned i = 0; i < n; i++) {
            lab_http_annotation h;
            uint32_t stream = (dv.ext & 0x80) ? seg.stream + 1000u : seg.stream;
            int rc = lab_analyze_http(an, stream, &msgs[i], &h);
            if (rc != 0)
                continue; /* a stream never seen */
            fz_check_http(&msgs[i], &h, seg.stream, seg.frame);
            /* P10: no request number above the connection's count */
            lab_conn_summary hc;
            if (lab_analyzer_summary(an, stream, &hc) && h.request_index > hc.requests)
                fz_fail("P10 a request number above the connection's count", seg.stream, seg.frame, NULL);
            fz_hash(hash, &h, sizeof(h));
            if (texts) {
                fz_check_text(fz_render_http, &h, 0, "http", seg.stream, seg.frame, hash);
                fz_check_text(fz_render_http, &h, 1, "http_notes", seg.stream, seg.frame, hash);
            }
        }
        {
            /* the summary of the connection this segment belongs to (the plugin draws it on
             * every later click of the frame) */
            lab_conn_summary c;
            if (!lab_analyzer_summary_of(an, seg.stream, a.generation, &c))
                fz_fail("no summary of the connection just analysed", seg.stream, seg.frame, NULL);
            fz_check_summary(&c, seg.stream, seg.frame);
            fz_hash(hash, &c, sizeof(c));
            /* P11: no keep-alive words where no HTTP was seen (English, whatever is set) */
            if (texts && !c.http_seen) {
                char vt[LAB_TEXT_MAX];
                lab_lang was = lab_msg_language();
                lab_msg_set_language(LAB_LANG_EN);
                lab_text_verdict(&c, vt, sizeof(vt));
                lab_msg_set_language(was);
                if (strstr(vt, "eep-") || strstr(vt, "advertised"))
                    fz_fail("P11 keep-alive words where no HTTP was seen", seg.stream, seg.frame, vt);
            }
        }
        if (a.conn_snapshot || (dv.ext & 0x20)) {
            lab_conn_summary c;
            uint32_t stream = (dv.ext & 0x40) ? seg.stream ^ 1u : seg.stream;
            if (lab_analyzer_summary(an, stream, &c)) {
                fz_check_summary(&c, stream, seg.frame);
                fz_hash(hash, &c, sizeof(c));
                if (texts)
                    fz_check_text(fz_render_verdict, &c, 0, "verdict", stream, seg.frame, hash);
            } else if (a.conn_snapshot && stream == seg.stream) {
                fz_fail("no summary for the stream just analysed", seg.stream, seg.frame, NULL);
            }
        }
    }
    if (lab_analyzer_stream_count(an) > count)
        fz_fail("more streams than segments", 0, 0, NULL);
    lab_analyzer_free(an);
    return count;
}

/* One whole input: analyse with all the checks, then again on a fresh analyzer and compare
 * the digests of every annotation and summary (the texts are functions of those, checked
 * in the first run). */
static size_t fz_one_input(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) {
        once = 1;
        for (unsigned reason = 0; reason < 256; reason++)
            if (!lab_text_nonpersistent(reason))
                fz_fail("lab_text_nonpersistent returned NULL", 0, 0, NULL);
    }
    uint64_t h1, h2;
    size_t n = fz_run(data, size, &h1, 1);
    size_t m = fz_run(data, size, &h2, 0);
    if (n != m || h1 != h2)
        fz_fail("the same input gave other results on a fresh analyzer", 0, 0, NULL);
    return n;
}

#endif
