/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-frame results, kept by value in fixed-size chunks indexed by frame number.
 *
 * One record is kept per TCP frame for as long as the file is open, so its size is most of
 * the plugin's memory on a large capture (docs/benchmark.md): 32 bytes here, the annotation
 * packed (core/lab_pack.h), with no pointer and no allocation per frame. The few frames that
 * also carry a connection summary (close and reset steps) or HTTP annotations, or whose
 * annotation does not pack (a retransmission, a duplicate ACK, a reused port...), have an
 * index into a small table of "extras", which points into three more chunked tables holding
 * those by value; a close step with only a summary points at it directly, and a summary equal
 * to one of the last few kept is shared. Chunks never move, so what the store hands out stays
 * valid until the file is closed. */
#include "lab_frame_store.h"

#include <string.h>

#include <epan/wmem_scopes.h>

#include "core/lab_pack.h"

/* A frame's record is a lab_packed whose spare word says what else there is:
 * 0: no record for this frame; 1: record, nothing else; 2k + 2: extras[k]; 2k + 3: the
 * connection summary conns[k] and nothing else (most close steps: no extras entry needed). */
#define SPARE_NONE 0u
#define SPARE_ALONE 1u
#define SPARE_EXTRA(k) (2u * (k) + 2u)
#define SPARE_CONN(k) (2u * (k) + 3u)

typedef lab_packed stored_frame;

typedef struct stored_extra {
    uint32_t conn;      /* 0: none; k + 1: conns[k] */
    uint32_t http;      /* https[http .. http + n_http - 1] */
    uint32_t n_http;
    uint32_t full;      /* 0: the record's own annotation; k + 1: fulls[k] (it did not pack) */
} stored_extra;

/* The record must stay small: it is multiplied by the number of packets. */
_Static_assert(sizeof(stored_frame) <= 32, "the per-frame record grew beyond 32 bytes");

#define CHUNK_SHIFT 12u                 /* 4096 entries per chunk (256 KiB of frames) */
#define CHUNK_SIZE (1u << CHUNK_SHIFT)

/* A growable table of chunks, each allocated (zeroed) the first time it is written. */
typedef struct chunked {
    void **chunks;
    uint32_t n_chunks;
    uint32_t used;      /* for the appended tables: entries handed out so far */
    size_t elem_size;
} chunked;

static chunked frames = { NULL, 0, 0, sizeof(stored_frame) };
static chunked extras = { NULL, 0, 0, sizeof(stored_extra) };
static chunked conns = { NULL, 0, 0, sizeof(lab_conn_summary) };
static chunked https = { NULL, 0, 0, sizeof(lab_http_annotation) };
static chunked fulls = { NULL, 0, 0, sizeof(lab_annotation) };

/* What the frame being analysed was given by keep_conn/new_http (index + 1; 0 = nothing). */
static uint32_t pending_conn, pending_http, pending_n_http;

/* The last summaries kept (index + 1; 0 = none). The close steps of one connection mostly
 * carry the same summary, a few packets apart: those share one copy. */
#define RECENT_CONNS 8
static uint32_t recent_conns[RECENT_CONNS];
static unsigned recent_next;

static void chunked_reset(chunked *c)
{
    c->chunks = NULL; /* file-scoped: freed with the file */
    c->n_chunks = 0;
    c->used = 0;
}

static void *chunked_at(const chunked *c, uint32_t index)
{
    uint32_t k = index >> CHUNK_SHIFT;
    if (k >= c->n_chunks || !c->chunks[k])
        return NULL;
    return (char *)c->chunks[k] + (size_t)(index & (CHUNK_SIZE - 1u)) * c->elem_size;
}

/* The slot for `index`, creating its chunk if needed. */
static void *chunked_slot(chunked *c, uint32_t index)
{
    uint32_t k = index >> CHUNK_SHIFT;
    if (k >= c->n_chunks) {
        uint32_t n = c->n_chunks ? c->n_chunks : 16;
        while (n <= k)
            n *= 2;
        c->chunks = wmem_realloc(wmem_file_scope(), c->chunks, n * sizeof(*c->chunks));
        memset(c->chunks + c->n_chunks, 0, (n - c->n_chunks) * sizeof(*c->chunks));
        c->n_chunks = n;
    }
    if (!c->chunks[k])
        c->chunks[k] = wmem_alloc0(wmem_file_scope(), CHUNK_SIZE * c->elem_size);
    return (char *)c->chunks[k] + (size_t)(index & (CHUNK_SIZE - 1u)) * c->elem_size;
}

/* n consecutive new entries of an appended table, within one chunk; sets *index. */
static void *chunked_append(chunked *c, unsigned n, uint32_t *index)
{
    if (n == 0 || n > CHUNK_SIZE)
        return NULL;
    uint32_t first = c->used;
    if ((first & (CHUNK_SIZE - 1u)) + n > CHUNK_SIZE) /* would cross a chunk: start the next one */
        first = (first | (CHUNK_SIZE - 1u)) + 1u;
    if (first > UINT32_MAX - CHUNK_SIZE - 2u)
        return NULL;
    c->used = first + n;
    *index = first;
    return chunked_slot(c, first);
}

void lab_frame_store_reset(void)
{
    chunked_reset(&frames);
    chunked_reset(&extras);
    chunked_reset(&conns);
    chunked_reset(&https);
    chunked_reset(&fulls);
    pending_conn = pending_http = pending_n_http = 0;
    memset(recent_conns, 0, sizeof(recent_conns));
    recent_next = 0;
}

const lab_conn_summary *lab_frame_store_keep_conn(const lab_conn_summary *summary)
{
    for (unsigned i = 0; i < RECENT_CONNS; i++) {
        const lab_conn_summary *kept = recent_conns[i] ? chunked_at(&conns, recent_conns[i] - 1u) : NULL;
        if (kept && memcmp(kept, summary, sizeof(*kept)) == 0) {
            pending_conn = recent_conns[i];
            return kept;
        }
    }
    uint32_t index;
    lab_conn_summary *s = chunked_append(&conns, 1, &index);
    if (!s)
        return NULL;
    *s = *summary;
    pending_conn = index + 1u;
    recent_conns[recent_next] = pending_conn;
    recent_next = (recent_next + 1u) % RECENT_CONNS;
    return s;
}

lab_http_annotation *lab_frame_store_new_http(unsigned n)
{
    uint32_t index;
    lab_http_annotation *h = chunked_append(&https, n, &index);
    if (h) {
        pending_http = index + 1u;
        pending_n_http = n;
    }
    return h;
}

/* Whether entry `index` of a table could not be named in a spare word. */
static bool index_too_big(uint32_t index)
{
    return index > (UINT32_MAX - 3u) / 2u;
}

bool lab_frame_store_put(uint32_t frame, const lab_frame_result *r)
{
    lab_packed packed;
    uint32_t extra = SPARE_ALONE, full = 0;
    if (!lab_pack(&r->tcp, frame, &packed)) {
        uint32_t index;
        lab_annotation *a = chunked_append(&fulls, 1, &index);
        if (!a)
            return false;
        *a = r->tcp;
        full = index + 1u;
    }
    if (r->conn && !r->n_http && !full && !index_too_big(pending_conn - 1u)) {
        extra = SPARE_CONN(pending_conn - 1u);
    } else if (r->conn || r->n_http || full) {
        uint32_t index;
        stored_extra *e = chunked_append(&extras, 1, &index);
        if (!e || index_too_big(index))
            return false;
        e->conn = r->conn ? pending_conn : 0;
        e->http = pending_http ? pending_http - 1u : 0;
        e->n_http = r->n_http ? pending_n_http : 0;
        e->full = full;
        extra = SPARE_EXTRA(index);
    }
    pending_conn = pending_http = pending_n_http = 0;
    stored_frame *f = chunked_slot(&frames, frame);
    *f = packed;
    f->spare = extra;
    return true;
}

bool lab_frame_store_get(uint32_t frame, lab_frame_result *out)
{
    const stored_frame *f = chunked_at(&frames, frame);
    if (!f || f->spare == SPARE_NONE)
        return false;
    memset(out, 0, sizeof(*out));
    if (f->spare >= 3u && f->spare % 2u == 1u) { /* SPARE_CONN */
        lab_unpack(f, frame, &out->tcp);
        out->conn = chunked_at(&conns, (f->spare - 3u) / 2u);
        return true;
    }
    const stored_extra *e = f->spare >= 2u ? chunked_at(&extras, (f->spare - 2u) / 2u) : NULL;
    const lab_annotation *full = e && e->full ? chunked_at(&fulls, e->full - 1u) : NULL;
    if (full)
        out->tcp = *full;
    else
        lab_unpack(f, frame, &out->tcp);
    if (e) {
        out->conn = e->conn ? chunked_at(&conns, e->conn - 1u) : NULL;
        out->http = e->n_http ? chunked_at(&https, e->http) : NULL;
        out->n_http = out->http ? (unsigned char)e->n_http : 0;
    }
    return true;
}
