/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sequence and acknowledgement arithmetic rule (see docs/semantics.md). */
#ifndef LAB_SEQ_H
#define LAB_SEQ_H

#include "lab_conn.h"

/* Makes seq/ack relative, checks them against what was seen so far, fills the seq and ack
 * parts of `out` and updates the direction's bookkeeping. `dir` is the sender. */
void lab_seq_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

/* Relative value of a raw sequence number sent by side `dir` (its base must be known). */
uint32_t lab_seq_relative(const lab_conn *conn, unsigned dir, uint32_t raw);

#endif
