/* Reading what the TCP (and HTTP) dissectors already put in the tree. */
#ifndef LAB_FIELDS_H
#define LAB_FIELDS_H

#include <epan/packet.h>

#include "core/lab_types.h"

/* Looks up the fields the postdissector needs and tells epan to keep them in the tree. */
void lab_fields_register_wanted(dissector_handle_t handle);

/* Fills seg from this frame's TCP fields; false if the frame has no (usable) TCP segment. */
gboolean lab_fields_read_segment(proto_tree *tree, packet_info *pinfo, lab_segment *seg);

#define LAB_MAX_HTTP_PER_FRAME 16

/* The HTTP/1.x requests and responses the HTTP dissector decoded in this frame, in order;
 * returns how many were stored in msgs (at most `max`). */
unsigned lab_fields_read_http(proto_tree *tree, lab_http_message *msgs, unsigned max);

#endif
