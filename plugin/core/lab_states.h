/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The endpoint-state rule (see docs/semantics.md, "Endpoint states"). */
#ifndef LAB_STATES_H
#define LAB_STATES_H

#include "lab_conn.h"

/* Before the step rules: what the sender's own segment proves it has received (its ACK
 * covers the peer's SYN or FIN). Reads the relative ack from `out`. */
void lab_states_note_sender(lab_conn *conn, unsigned dir, const lab_segment *seg,
                            const lab_annotation *out);

/* After the step rules: fills the client's and server's states while this segment is on
 * the wire (sender just after sending, receiver just before it arrives) and the
 * receiver's state once it has arrived; then takes the segment as delivered. */
void lab_states_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

#endif
