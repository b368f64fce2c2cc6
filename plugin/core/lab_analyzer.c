/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The analyzer: finds the connection of a segment, works out which side sent it, and runs
 * the rules on it in this order (lab_analyze_segment()), each reading what the ones before
 * it wrote:
 *   1. lab_rst_acceptable() (lab_rst.c): an RST its receiver would not accept, or a FIN
 *      without ACK, is noted and changes nothing; the rules below do not run.
 *   2. lab_rst_went_on() (lab_rst.c): the endpoints went on after an accepted RST.
 *   3. lab_seq_rule() (lab_seq.c): relative Seq/Ack arithmetic. A segment whose flags
 *      contradict each other (SYN with FIN or RST) stops here.
 *   4. lab_handshake_proofs() (lab_handshake.c): a SYN or SYN+ACK the capture missed but a
 *      later segment proves.
 *   5. lab_states_note_sender() (lab_states.c): the state the sender was in.
 *   6. lab_handshake_rule() (lab_handshake.c): handshake steps.
 *   7. lab_close_rule() (lab_close.c): close and reset steps.
 *   8. lab_states_rule() (lab_states.c): the states each endpoint enters.
 * then names the phase (phase_of()). HTTP messages go to lab_http.c through
 * lab_analyze_http(); lab_verdict.c sums a connection up. */
#include "lab_analyzer.h"

#include "lab_close.h"
#include "lab_conn.h"
#include "lab_handshake.h"
#include "lab_http.h"
#include "lab_rst.h"
#include "lab_seq.h"
#include "lab_states.h"
#include "lab_stream_table.h"
#include "lab_verdict.h"

#include <stdlib.h>
#include <string.h>

struct lab_analyzer {
    lab_stream_table *streams;   /* tcp.stream → lab_conn */
    lab_stream_table *endpoints; /* client host + server endpoint → open_count */
    lab_stream_table *replaced;  /* stream << 32 | generation → lab_conn_summary of a
                                    connection replaced by a new SYN on the same stream */
    double last_time;            /* latest packet time seen */
};

typedef struct open_count {
    uint32_t open;
} open_count;

static void release_conn(void *value, void *ctx)
{
    (void)ctx;
    lab_conn_release(value);
}

lab_analyzer *lab_analyzer_new(void)
{
    lab_analyzer *an = calloc(1, sizeof(*an));
    if (!an)
        return NULL;
    an->streams = lab_stream_table_new(sizeof(lab_conn));
    an->endpoints = lab_stream_table_new(sizeof(open_count));
    an->replaced = lab_stream_table_new(sizeof(lab_conn_summary));
    if (!an->streams || !an->endpoints || !an->replaced) {
        lab_analyzer_free(an);
        return NULL;
    }
    return an;
}

void lab_analyzer_free(lab_analyzer *an)
{
    if (!an)
        return;
    if (an->streams)
        lab_stream_table_each(an->streams, release_conn, NULL);
    lab_stream_table_free(an->streams);
    lab_stream_table_free(an->endpoints);
    lab_stream_table_free(an->replaced);
    free(an);
}

size_t lab_analyzer_stream_count(const lab_analyzer *an)
{
    return lab_stream_table_count(an->streams);
}

static void set_endpoint(lab_side *side, const uint8_t *addr, uint8_t addr_len, uint16_t port)
{
    memcpy(side->addr, addr, addr_len <= LAB_ADDR_MAX ? addr_len : LAB_ADDR_MAX);
    side->port = port;
}

/* Who is the client: the sender of a bare SYN, the receiver of a SYN+ACK; with neither,
 * a guess — the lower port is the server (equal ports: the first sender is the client). */
static void start_conn(lab_conn *conn, const lab_segment *seg, uint32_t generation)
{
    lab_conn_release(conn);
    memset(conn, 0, sizeof(*conn));
    conn->stream = seg->stream;
    conn->generation = generation;

    bool sender_is_client;
    uint8_t syn_ack = seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK);
    if (syn_ack == LAB_TCP_SYN) {
        sender_is_client = true;
    } else if (syn_ack == (LAB_TCP_SYN | LAB_TCP_ACK)) {
        sender_is_client = false;
    } else {
        sender_is_client = seg->src_port >= seg->dst_port;
        conn->midstream = true;
        conn->roles_guessed = true;
        conn->handshake_done = true;
        for (unsigned d = 0; d < 2; d++) {
            lab_side *s = &conn->side[d];
            s->sent_syn = s->evid_got_syn = s->deliv_got_syn = s->deliv_syn_acked = true;
        }
    }
    lab_side *client = &conn->side[LAB_DIR_C2S];
    lab_side *server = &conn->side[LAB_DIR_S2C];
    if (sender_is_client) {
        set_endpoint(client, seg->src_addr, seg->addr_len, seg->src_port);
        set_endpoint(server, seg->dst_addr, seg->addr_len, seg->dst_port);
    } else {
        set_endpoint(server, seg->src_addr, seg->addr_len, seg->src_port);
        set_endpoint(client, seg->dst_addr, seg->addr_len, seg->dst_port);
    }
}

static unsigned direction_of(const lab_conn *conn, const lab_segment *seg)
{
    const lab_side *client = &conn->side[LAB_DIR_C2S];
    size_t n = seg->addr_len <= LAB_ADDR_MAX ? seg->addr_len : LAB_ADDR_MAX;
    bool from_client = seg->src_port == client->port && memcmp(seg->src_addr, client->addr, n) == 0;
    return from_client ? LAB_DIR_C2S : LAB_DIR_S2C;
}

/* A bare SYN on a stream that is over, or with another ISN than the first: a new
 * connection on the same addresses and ports (port reuse). */
static bool starts_new_connection(const lab_conn *conn, unsigned dir, const lab_segment *seg)
{
    const lab_side *me = &conn->side[dir];
    if ((seg->flags & (LAB_TCP_SYN | LAB_TCP_ACK | LAB_TCP_RST)) != LAB_TCP_SYN)
        return false;
    if (conn->close_done || conn->rst_seen || conn->midstream || conn->only_invalid)
        return true;
    return me->sent_syn && me->base_known && seg->seq_raw != me->base;
}

static uint64_t replaced_key(uint32_t stream, uint32_t generation)
{
    return ((uint64_t)stream << 32) | generation;
}

/* FNV-1a over client address, server address and server port: connections that a browser
 * opens to the same server endpoint share it. (A 64-bit hash: a collision would only merge
 * two endpoints' "parallel" counts.) */
static uint64_t endpoint_key(const lab_conn *conn, uint8_t addr_len)
{
    uint64_t h = 1469598103934665603ULL;
    const lab_side *c = &conn->side[LAB_DIR_C2S], *srv = &conn->side[LAB_DIR_S2C];
    size_t n = addr_len <= LAB_ADDR_MAX ? addr_len : LAB_ADDR_MAX;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c->addr[i]) * 1099511628211ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ srv->addr[i]) * 1099511628211ULL;
    h = (h ^ (srv->port >> 8)) * 1099511628211ULL;
    h = (h ^ (srv->port & 0xff)) * 1099511628211ULL;
    return (h ^ n) * 1099511628211ULL;
}

/* Counts the connection as open to its server endpoint; remembers how many already were. */
static void count_open(lab_analyzer *an, lab_conn *conn, const lab_segment *seg)
{
    conn->life.endpoint_key = endpoint_key(conn, seg->addr_len);
    open_count *oc = lab_stream_table_get(an->endpoints, conn->life.endpoint_key, NULL);
    if (!oc)
        return;
    conn->life.parallel = (uint16_t)(oc->open < UINT16_MAX ? oc->open : UINT16_MAX);
    oc->open++;
    conn->life.counted_open = true;
}

static void count_closed(lab_analyzer *an, lab_conn *conn)
{
    if (!conn->life.counted_open)
        return;
    open_count *oc = lab_stream_table_find(an->endpoints, conn->life.endpoint_key);
    if (oc && oc->open > 0)
        oc->open--;
    conn->life.counted_open = false;
}

static void note_life(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out)
{
    lab_conn_life *life = &conn->life;
    life->last_time = seg->time;
    if (seg->app & LAB_APP_TLS)
        life->tls_seen = true;
    if (seg->app & LAB_APP_HTTP2)
        life->http2_seen = true;
    if (out->note == LAB_NOTE_INVALID_FLAGS || out->note == LAB_NOTE_RST_NOT_ACCEPTABLE
        || out->note == LAB_NOTE_FIN_WITHOUT_ACK)
        return; /* a probe, a segment its receiver drops: neither data nor an end of the connection */
    /* data on an RST is a diagnostic text (RFC 9293 3.5.3), never delivered as stream data */
    out->payload = seg->len > 0 && out->seq_check != LAB_SEQ_KEEPALIVE && !(seg->flags & LAB_TCP_RST);
    if (out->payload) {
        life->payload_seen = true;
        /* the idle time ends at the first FIN/RST: payload after it is part of the close */
        if (!life->ended) {
            life->payload_before_end = true;
            life->last_payload_time = seg->time;
        }
    }
    if ((seg->flags & (LAB_TCP_FIN | LAB_TCP_RST)) && !life->ended) {
        out->ends_connection = true;
        life->ended = true;
        life->end_time = seg->time;
        life->first_ender = (uint8_t)dir;
        life->ended_by_rst = (seg->flags & LAB_TCP_RST) != 0;
    }
    if (out->step_kind == LAB_STEP_RESET && out->reset_context == LAB_RST_REFUSED)
        life->refused = true;
    out->conn_snapshot = out->step_kind == LAB_STEP_CLOSE || out->step_kind == LAB_STEP_RESET;
}

/* A segment its receiver must drop — an RST it would not accept, a FIN without ACK: the
 * arithmetic is written out, but nothing of the connection changes — no step, no state
 * change, the sender's numbering not moved by it. The rules run on a throw-away copy of the
 * connection to say where the numbers stand. */
static void note_ignored(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out, lab_note note)
{
    lab_conn scratch = *conn;
    for (unsigned d = 0; d < 2; d++) {
        scratch.side[d].holes = NULL;
        scratch.side[d].n_holes = 0;
    }
    lab_seq_rule(&scratch, dir, seg, out);
    lab_conn_release(&scratch);

    /* the states as they stand, from a segment with no flags at all: nothing is delivered */
    scratch = *conn;
    for (unsigned d = 0; d < 2; d++) {
        scratch.side[d].holes = NULL;
        scratch.side[d].n_holes = conn->side[d].n_holes;
    }
    /* and the sender where the capture last left it: a segment its receiver drops is no
     * evidence of what the sender had received, so what reached it counts as for a receiver
     * (an RST/ACK with Ack = ISN does not take the server back from SYN-RECEIVED to LISTEN) */
    scratch.side[dir].evid_got_syn = scratch.side[dir].evid_got_syn || scratch.side[dir].deliv_got_syn;
    scratch.side[dir].evid_got_fin = scratch.side[dir].evid_got_fin || scratch.side[dir].deliv_got_fin;
    lab_segment none = *seg;
    none.flags = 0;
    none.len = 0;
    lab_annotation states = *out;
    states.flags = 0;
    states.step_retransmitted = false;
    lab_states_rule(&scratch, dir, &none, &states);
    out->states_known = states.states_known;
    out->state_client = states.state_client;
    out->state_server = states.state_server;
    out->state_receiver_after = dir == LAB_DIR_C2S ? states.state_server : states.state_client;
    out->note = (uint8_t)note;
}

/* The endpoints went on after an accepted RST: the connection did not end there. */
static void resume_after_reset(lab_analyzer *an, lab_conn *conn, unsigned dir, const lab_segment *seg)
{
    conn->rst_seen = false;
    conn->went_on = true;
    for (unsigned d = 0; d < 2; d++)
        conn->side[d].reset = conn->side[d].reset_got = false;
    if (conn->close_kind == LAB_CLOSE_ABORT)
        conn->close_kind = LAB_CLOSE_NONE;
    /* a refusal's sender that now answers with a SYN+ACK numbers from its ISN */
    lab_side *me = &conn->side[dir];
    if ((seg->flags & LAB_TCP_SYN) && !me->sent_syn) {
        me->base_known = me->next_known = false;
        me->n_holes = 0;
    }
    lab_conn_life *life = &conn->life;
    if (life->ended && life->ended_by_rst) {
        life->ended = false;
        life->ended_by_rst = false;
    }
    life->refused = false;
    if (!life->counted_open) {
        open_count *oc = lab_stream_table_find(an->endpoints, life->endpoint_key);
        if (oc) {
            oc->open++;
            life->counted_open = true;
        }
    }
}

/* Once a FIN has been sent the connection is closing, even if a late handshake step
 * follows (TCP Fast Open: the server may close before the client's ACK arrives). */
static lab_phase phase_of(const lab_conn *conn, const lab_annotation *out)
{
    if (out->step_kind == LAB_STEP_RESET)
        return LAB_PHASE_RESET;
    if (out->step_kind == LAB_STEP_HANDSHAKE)
        return conn->fin_seen ? LAB_PHASE_CLOSING : LAB_PHASE_HANDSHAKE;
    if (out->step_kind == LAB_STEP_CLOSE)
        return LAB_PHASE_CLOSING;
    if (conn->rst_seen || conn->close_done)
        return LAB_PHASE_CLOSED;
    if (conn->fin_seen)
        return LAB_PHASE_CLOSING;
    if (conn->midstream)
        return LAB_PHASE_UNKNOWN;
    if (!conn->handshake_done)
        return LAB_PHASE_HANDSHAKE;
    return LAB_PHASE_DATA;
}

int lab_analyze_segment(lab_analyzer *an, const lab_segment *seg, lab_annotation *out)
{
    memset(out, 0, sizeof(*out));
    out->stream = seg->stream;
    out->flags = seg->flags;
    out->phase = LAB_PHASE_UNKNOWN;

    int created = 0;
    lab_conn *conn = lab_stream_table_get(an->streams, seg->stream, &created);
    if (!conn)
        return -1;
    if (created)
        start_conn(conn, seg, 0);
    bool invalid = lab_flags_contradictory(seg->flags);
    unsigned dir = direction_of(conn, seg);
    bool was_reset = conn->rst_seen;
    if (!created && (starts_new_connection(conn, dir, seg) || (conn->only_invalid && !invalid))) {
        count_closed(an, conn);
        /* keep what the replaced connection came to, for its own packets */
        lab_conn_summary *old = lab_stream_table_get(an->replaced, replaced_key(conn->stream, conn->generation), NULL);
        if (old)
            lab_verdict_summarise(conn, an->last_time, old);
        start_conn(conn, seg, conn->generation + 1);
        dir = direction_of(conn, seg);
        out->new_generation = true;
        if (was_reset && (seg->flags & LAB_TCP_SYN))
            out->note = LAB_NOTE_NEW_ATTEMPT;
        created = 1;
    }
    if (created)
        conn->only_invalid = invalid;
    if (created) {
        conn->life.first_time = seg->time;
        lab_http_conn_init(&conn->http);
        count_open(an, conn, seg);
    }
    if (seg->time > an->last_time)
        an->last_time = seg->time;
    out->first_of_stream = created != 0;

    out->dir = (uint8_t)dir;
    out->generation = conn->generation;
    out->roles_guessed = conn->roles_guessed;
    out->server_answered = conn->side[LAB_DIR_S2C].next_known;
    bool fin_without_ack = !invalid && (seg->flags & (LAB_TCP_FIN | LAB_TCP_ACK)) == LAB_TCP_FIN;
    if (fin_without_ack || (!invalid && !lab_rst_acceptable(conn, dir, seg))) {
        note_ignored(conn, dir, seg, out, fin_without_ack ? LAB_NOTE_FIN_WITHOUT_ACK : LAB_NOTE_RST_NOT_ACCEPTABLE);
        out->phase = (uint8_t)phase_of(conn, out);
        note_life(conn, dir, seg, out);
        return 0;
    }
    bool went_on = !invalid && lab_rst_went_on(conn, dir, seg);
    if (went_on)
        resume_after_reset(an, conn, dir, seg);
    lab_seq_rule(conn, dir, seg, out);
    if (invalid) {
        /* SYN, FIN and RST contradict each other: no step, no state change; the numbers
         * above are still written out */
        out->note = LAB_NOTE_INVALID_FLAGS;
        out->phase = LAB_PHASE_UNKNOWN;
        note_life(conn, dir, seg, out);
        return 0;
    }
    lab_handshake_proofs(conn, dir, seg, out);
    lab_states_note_sender(conn, dir, seg, out);
    lab_handshake_rule(conn, dir, seg, out);
    lab_close_rule(conn, dir, seg, out);
    lab_states_rule(conn, dir, seg, out);
    if (went_on) /* the note that matters most on this segment */
        out->note = LAB_NOTE_WENT_ON;
    out->phase = (uint8_t)phase_of(conn, out);
    note_life(conn, dir, seg, out);
    if ((conn->close_done || conn->rst_seen) && conn->life.counted_open) {
        out->finishes_connection = true;
        count_closed(an, conn);
    }
    return 0;
}

int lab_analyze_http(lab_analyzer *an, uint32_t stream, const lab_http_message *m, lab_http_annotation *out)
{
    memset(out, 0, sizeof(*out));
    out->keepalive_timeout = -1;
    lab_conn *conn = lab_stream_table_find(an->streams, stream);
    if (!conn)
        return -1;
    lab_http_rule(&conn->http, m, out);
    /* HTTP is read after the segment that carries it: a FIN on that segment counts too */
    out->closing = conn->fin_seen || conn->rst_seen;
    return 0;
}

bool lab_analyzer_summary(const lab_analyzer *an, uint32_t stream, lab_conn_summary *out)
{
    memset(out, 0, sizeof(*out));
    const lab_conn *conn = lab_stream_table_find(an->streams, stream);
    if (!conn)
        return false;
    lab_verdict_summarise(conn, an->last_time, out);
    return true;
}

bool lab_analyzer_summary_of(const lab_analyzer *an, uint32_t stream, uint32_t generation, lab_conn_summary *out)
{
    const lab_conn *conn = lab_stream_table_find(an->streams, stream);
    if (!conn)
        return false;
    if (conn->generation == generation)
        return lab_analyzer_summary(an, stream, out);
    const lab_conn_summary *old = lab_stream_table_find(an->replaced, replaced_key(stream, generation));
    if (!old)
        return false;
    *out = *old;
    return true;
}
