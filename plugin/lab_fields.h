/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading what the TCP and HTTP dissectors found: TCP's tap record or fields, HTTP's fields. */
#ifndef LAB_FIELDS_H
#define LAB_FIELDS_H

#include <epan/packet.h>

#include "core/lab_types.h"

/* Looks up the fields the postdissector needs, tells epan to keep them in the tree, and
 * registers the listener that keeps the "tcp" tap running (call at handoff). */
void lab_fields_register_wanted(dissector_handle_t handle);

/* A capture file is being opened: want the TCP fields again until the tap delivers. */
void lab_fields_file_start(void);

/* Fills seg from this frame's TCP values; false if the frame has no (usable) TCP segment.
 * *http_ran tells whether the HTTP dissector ran on the frame (most TCP frames carry no HTTP:
 * then there is nothing for lab_fields_read_http() to look up). */
gboolean lab_fields_read_segment(proto_tree *tree, packet_info *pinfo, lab_segment *seg, gboolean *http_ran);

#define LAB_MAX_HTTP_PER_FRAME 16

/* The HTTP/1.x requests and responses the HTTP dissector decoded in this frame, in order;
 * returns how many were stored in msgs (at most `max`). */
unsigned lab_fields_read_http(proto_tree *tree, lab_http_message *msgs, unsigned max);

#endif
