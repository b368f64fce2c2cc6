/* Per-frame results, kept by value in fixed-size chunks indexed by frame number.
 *
 * One record is kept per TCP frame for as long as the file is open, so its size is most of
 * the plugin's memory on a large capture (docs/benchmark.md): 64 bytes here, with no pointer
 * and no allocation per frame. The few frames that also carry a connection summary (close
 * and reset steps) or HTTP annotations have an index into a small table of "extras", which
 * points into two more chunked tables holding those by value. Chunks never move, so what
 * the store hands out stays valid until the file is closed. */
#include "lab_frame_store.h"

#include <string.h>

#include <epan/wmem_scopes.h>

typedef struct stored_frame {
    lab_annotation tcp;
    uint32_t extra;     /* 0: no record for this frame; 1: record, no extras; k + 2: extras[k] */
} stored_frame;

typedef struct stored_extra {
    uint32_t conn;      /* 0: none; k + 1: conns[k] */
    uint32_t http;      /* https[http .. http + n_http - 1] */
    uint32_t n_http;
} stored_extra;

/* The record must stay small: it is multiplied by the number of packets. */
_Static_assert(sizeof(stored_frame) <= 64, "the per-frame record grew beyond 64 bytes");

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

/* What the frame being analysed was given by new_conn/new_http (index + 1; 0 = nothing). */
static uint32_t pending_conn, pending_http, pending_n_http;

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
    pending_conn = pending_http = pending_n_http = 0;
}

lab_conn_summary *lab_frame_store_new_conn(void)
{
    uint32_t index;
    lab_conn_summary *s = chunked_append(&conns, 1, &index);
    if (s)
        pending_conn = index + 1u;
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

bool lab_frame_store_put(uint32_t frame, const lab_frame_result *r)
{
    uint32_t extra = 1;
    if (r->conn || r->n_http) {
        uint32_t index;
        stored_extra *e = chunked_append(&extras, 1, &index);
        if (!e)
            return false;
        e->conn = r->conn ? pending_conn : 0;
        e->http = pending_http ? pending_http - 1u : 0;
        e->n_http = r->n_http ? pending_n_http : 0;
        extra = index + 2u;
    }
    pending_conn = pending_http = pending_n_http = 0;
    stored_frame *f = chunked_slot(&frames, frame);
    f->tcp = r->tcp;
    f->extra = extra;
    return true;
}

bool lab_frame_store_get(uint32_t frame, lab_frame_result *out)
{
    const stored_frame *f = chunked_at(&frames, frame);
    if (!f || f->extra == 0)
        return false;
    memset(out, 0, sizeof(*out));
    out->tcp = f->tcp;
    const stored_extra *e = f->extra >= 2 ? chunked_at(&extras, f->extra - 2u) : NULL;
    if (e) {
        out->conn = e->conn ? chunked_at(&conns, e->conn - 1u) : NULL;
        out->http = e->n_http ? chunked_at(&https, e->http) : NULL;
        out->n_http = out->http ? (unsigned char)e->n_http : 0;
    }
    return true;
}
