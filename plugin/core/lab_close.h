/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The close-step rule and the reset rule (see docs/semantics.md, "Close steps" and
 * "Resets"). */
#ifndef LAB_CLOSE_H
#define LAB_CLOSE_H

#include "lab_conn.h"

/* Numbers the close steps and decides the close kind, or marks an RST as a reset step.
 * Runs after lab_seq_rule (reads the relative ack and seq from `out`) and after the
 * sender's receive evidence was noted (lab_states_note_sender). */
void lab_close_rule(lab_conn *conn, unsigned dir, const lab_segment *seg, lab_annotation *out);

#endif
