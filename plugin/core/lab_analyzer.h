/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lab Handshake analysis core: feed it the TCP segments of a capture in frame order, get
 * one annotation per segment. No Wireshark headers; see docs/semantics.md for the rules. */
#ifndef LAB_ANALYZER_H
#define LAB_ANALYZER_H

#include "lab_types.h"

#include <stddef.h>

typedef struct lab_analyzer lab_analyzer;

lab_analyzer *lab_analyzer_new(void);
void lab_analyzer_free(lab_analyzer *an);

/* Analyses one segment (each frame once, in capture order) and fills `out`.
 * Returns 0, or -1 when memory ran out (then `out` holds only the stream and flags). */
int lab_analyze_segment(lab_analyzer *an, const lab_segment *seg, lab_annotation *out);

/* One HTTP request or response decoded in the frame just analysed (call after
 * lab_analyze_segment for that frame, once per message, in order). Returns 0, or -1 if the
 * stream was never seen. */
int lab_analyze_http(lab_analyzer *an, uint32_t stream, const lab_http_message *m, lab_http_annotation *out);

/* What the stream's current connection looks like after everything analysed so far.
 * false if unknown. */
bool lab_analyzer_summary(const lab_analyzer *an, uint32_t stream, lab_conn_summary *out);

/* The same for the connection a segment belonged to (its annotation's `generation`): an
 * earlier connection of the stream, replaced by a new SYN, keeps the summary it had then. */
bool lab_analyzer_summary_of(const lab_analyzer *an, uint32_t stream, uint32_t generation, lab_conn_summary *out);

/* Number of TCP streams tracked so far. */
size_t lab_analyzer_stream_count(const lab_analyzer *an);

#endif
