/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which RSTs count, and when a connection goes on after one (see docs/semantics.md,
 * "Resets that do not count"). */
#ifndef LAB_RST_H
#define LAB_RST_H

#include "lab_conn.h"

/* Whether the receiver of this RST would accept it by RFC 9293 3.10.7, as far as the
 * captured packets show the receiver's numbers. Runs before lab_seq_rule (it must not
 * let an RST that does not count move the sender's numbering). */
bool lab_rst_acceptable(const lab_conn *conn, unsigned dir, const lab_segment *seg);

/* Whether this segment shows that the endpoints went on as if the connection's accepted
 * RST had never come. Runs before lab_seq_rule, like lab_rst_acceptable. */
bool lab_rst_went_on(const lab_conn *conn, unsigned dir, const lab_segment *seg);

#endif
