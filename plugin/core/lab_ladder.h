/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ladder diagrams of one TCP connection: the textbook picture (two time lines, one slanted
 * arrow per segment, the state each side enters, the step) drawn from the stored per-frame
 * annotations, so it says exactly what the packet tree says.
 *
 * Plain C, no Wireshark headers. The glue (plugin/lab_ladder.c) adds one segment per frame
 * of the connection, in frame order, with the annotation the analysis stored for it and the
 * HTTP messages that end in it; lab_ladder_layout() decides the rows (one per segment,
 * long runs of plain data folded into one, idle time shown as a gap), and the two writers
 * render the rows as text (tshark) or as an SVG (for a lab report). */
#ifndef LAB_LADDER_H
#define LAB_LADDER_H

#include "lab_types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A run of at least this many plain data/ACK segments is folded into one row. */
#define LAB_LADDER_FOLD_MIN 6
/* A pause of at least this many seconds between two segments gets its own row. */
#define LAB_LADDER_IDLE_MIN 1.0
/* Longest HTTP name kept ("GET /very/long/path…"), in bytes. */
#define LAB_LADDER_HTTP_NAME_MAX 48

typedef struct lab_ladder_http {
    bool is_request;
    uint16_t status;            /* responses */
    uint32_t index;             /* request index (a response: of its request) */
    char name[LAB_LADDER_HTTP_NAME_MAX + 4]; /* "GET /index.html"; "" when unknown */
} lab_ladder_http;

typedef struct lab_ladder_seg {
    uint32_t frame;
    double time;                /* seconds since the first packet of the capture */
    lab_annotation a;
    lab_ladder_http *http;      /* the HTTP messages that end in this frame */
    unsigned n_http;
} lab_ladder_seg;

typedef enum lab_ladder_row_kind {
    LAB_ROW_SEGMENT = 0,        /* one segment: one arrow */
    LAB_ROW_FOLD,               /* a run of plain data/ACK segments */
    LAB_ROW_IDLE,               /* nothing on the wire for a while */
} lab_ladder_row_kind;

#define LAB_LADDER_NO_STATE (-1)

typedef struct lab_ladder_row {
    lab_ladder_row_kind kind;
    size_t first, last;         /* segment indexes (SEGMENT: first == last) */
    int state_client;           /* the state the side enters on this row, or LAB_LADDER_NO_STATE */
    int state_server;
    uint64_t bytes[2];          /* FOLD: payload carried, by lab_dir */
    unsigned segs[2];           /* FOLD: segments, by lab_dir */
    double idle;                /* IDLE: seconds */
} lab_ladder_row;

typedef struct lab_ladder {
    uint32_t stream;
    uint32_t generation;        /* connection of the stream, counted from 0 */
    char client[64];            /* "127.0.0.1:34732" */
    char server[64];
    lab_ladder_seg *segs;
    size_t n_segs, cap_segs;
    lab_ladder_row *rows;       /* after lab_ladder_layout() */
    size_t n_rows;
    int start_client;           /* states before the first row, or LAB_LADDER_NO_STATE */
    int start_server;
} lab_ladder;

/* A growing NUL-terminated string; the writers append to it. */
typedef struct lab_ladder_out {
    char *data;
    size_t len, cap;
    bool failed;                /* memory ran out: data holds what fitted */
} lab_ladder_out;

void lab_ladder_init(lab_ladder *l, uint32_t stream, uint32_t generation, const char *client, const char *server);
void lab_ladder_free(lab_ladder *l);

/* Appends a segment (annotation copied). Returns the segment or NULL when memory ran out. */
lab_ladder_seg *lab_ladder_add(lab_ladder *l, uint32_t frame, double time, const lab_annotation *a);
/* Adds an HTTP message to the segment: name may be NULL or "" (then only the index is shown);
 * it is cut to LAB_LADDER_HTTP_NAME_MAX bytes at a UTF-8 boundary, control characters dropped. */
bool lab_ladder_add_http(lab_ladder_seg *s, bool is_request, uint16_t status, uint32_t index, const char *name);

/* Decides the rows. Returns false when memory ran out. */
bool lab_ladder_layout(lab_ladder *l);

/* Whether the receiver of segment a had taken it in by the time of the next segment n of
 * the connection (NULL: a was the last): if not, its state on arrival is not written. */
bool lab_ladder_arrival_holds(const lab_annotation *a, const lab_annotation *n);

/* Texts of a row's arrow and its step column (both into buf, which is returned). */
const char *lab_ladder_arrow_label(const lab_ladder_seg *s, char *buf, size_t size);
const char *lab_ladder_step_label(const lab_ladder_seg *s, char *buf, size_t size);
const char *lab_ladder_fold_label(const lab_ladder_row *r, char *buf, size_t size);

/* Renderers (after lab_ladder_layout()). capture_name, when known, names the capture file in
 * the SVG's <title> and footer (NULL: the connection's heading is the title). */
void lab_ladder_write_text(const lab_ladder *l, lab_ladder_out *out);
void lab_ladder_write_svg(const lab_ladder *l, const char *capture_name, lab_ladder_out *out);

void lab_ladder_out_init(lab_ladder_out *o);
void lab_ladder_out_free(lab_ladder_out *o);
void lab_ladder_out_printf(lab_ladder_out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s with &, <, >, " escaped for XML. */
void lab_ladder_out_xml(lab_ladder_out *o, const char *s);

/* Display width of a UTF-8 string (one column per code point). */
size_t lab_ladder_width(const char *s);

#endif
