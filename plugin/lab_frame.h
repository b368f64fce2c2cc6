/* What the plugin keeps per frame after the first pass: everything the tree shows for that
 * frame, so redrawing it later always shows the same. */
#ifndef LAB_FRAME_H
#define LAB_FRAME_H

#include "core/lab_types.h"

typedef struct lab_frame_result {
    lab_annotation tcp;
    lab_conn_summary *conn;      /* on close and reset steps: the connection at that moment */
    lab_http_annotation *http;   /* the HTTP messages of this frame */
    unsigned char n_http;
} lab_frame_result;

#endif
