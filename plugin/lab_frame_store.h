/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where each frame's result lives between the first pass and every later redraw. */
#ifndef LAB_FRAME_STORE_H
#define LAB_FRAME_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "lab_frame.h"

/* Forget everything (a new file is opened, or the file is closed). The memory itself is
 * file-scoped and goes with the file. */
void lab_frame_store_reset(void);

/* The connection summary of the frame being analysed, kept until the file is closed and
 * never moved (a copy, or an equal summary kept a little earlier: compared byte for byte,
 * so fill it from a zeroed one, as lab_analyzer_summary() does). NULL when memory ran out.
 * Call before lab_frame_store_put() for that frame. */
const lab_conn_summary *lab_frame_store_keep_conn(const lab_conn_summary *summary);

/* Room for the n HTTP annotations (n <= 4096) of the frame being analysed: zeroed, kept
 * until the file is closed, and never moved. NULL when memory ran out. Call before
 * lab_frame_store_put() for that frame. */
lab_http_annotation *lab_frame_store_new_http(unsigned n);

/* Keeps r for frame `frame` (copied); r->conn and r->http must be NULL or the last ones
 * returned by lab_frame_store_keep_conn()/lab_frame_store_new_http(). Returns false when
 * memory ran out; the frame then shows nothing on redraws. */
bool lab_frame_store_put(uint32_t frame, const lab_frame_result *r);

/* Fills *out with what was kept for `frame`; false if nothing was (not a TCP segment). */
bool lab_frame_store_get(uint32_t frame, lab_frame_result *out);

#endif
