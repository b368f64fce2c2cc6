/* The three-way handshake rule (see docs/semantics.md, "Handshake steps"). */
#ifndef LAB_HANDSHAKE_H
#define LAB_HANDSHAKE_H

#include "lab_conn.h"

/* Numbers SYN (1), SYN+ACK (2) and the ACK that completes the handshake (3). Runs after
 * lab_seq_rule, whose relative ack it reads from `out`. */
void lab_handshake_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

#endif
