/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Everything the tree (lab_tree.c), the statistics (lab_stats.c) and the two ladders
 * (lab_ladder.c for tshark, lab_ladder_table.c for the GUI) show for one frame.
 * It is computed once, on the first pass; lab_frame_store.c keeps it compactly until the
 * file is closed, so redrawing the frame later always shows the same. */
#ifndef LAB_FRAME_H
#define LAB_FRAME_H

#include "core/lab_types.h"

typedef struct lab_frame_result {
    lab_annotation tcp;
    const lab_conn_summary *conn;      /* on close and reset steps: the connection at that moment */
    const lab_http_annotation *http;   /* the HTTP messages of this frame */
    unsigned char n_http;
} lab_frame_result;

#endif
