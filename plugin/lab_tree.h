/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Drawing a stored annotation: the Lab Handshake subtree, its fields and expert infos. */
#ifndef LAB_TREE_H
#define LAB_TREE_H

#include <epan/packet.h>

#include "lab_frame.h"

/* Registers the lab.* fields, subtrees and expert infos of protocol `proto`. */
void lab_tree_register(int proto);

/* Adds the subtree for a frame's stored result to `tree` (tree may be NULL: expert infos
 * and the Info column are still filled, as the GUI needs them on the first pass).
 * `final`, when given, is the connection as the whole capture shows it (after the first
 * pass), drawn as a summary on packets that carry no snapshot of their own. */
void lab_tree_draw(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, int proto,
                   const lab_frame_result *r, const lab_conn_summary *final);

#endif
