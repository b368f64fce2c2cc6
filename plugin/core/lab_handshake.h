/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The three-way handshake rule (see docs/semantics.md, "Handshake steps"). */
#ifndef LAB_HANDSHAKE_H
#define LAB_HANDSHAKE_H

#include "lab_conn.h"

/* What a segment proves about the handshake even when the capture missed part of it (a
 * late start, a one-sided capture): a SYN+ACK proves its receiver's SYN; the first ACK of
 * the peer's ISN + 1 from a side whose SYN was seen proves the peer's SYN+ACK arrived; a
 * payload segment (no SYN) proves its sender had sent its SYN and received the peer's.
 * Runs after lab_seq_rule and before lab_states_note_sender. */
void lab_handshake_proofs(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

/* Numbers SYN (1), SYN+ACK (2) and the ACK that completes the handshake (3). Runs after
 * lab_seq_rule, whose relative ack it reads from `out`. */
void lab_handshake_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

#endif
