/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-connection verdict rule (see docs/semantics.md, "Connection verdicts"). */
#ifndef LAB_VERDICT_H
#define LAB_VERDICT_H

#include "lab_conn.h"

/* How much an observed idle close may differ from the advertised timeout and still be
 * called "on the advertised timeout". */
#define LAB_TIMEOUT_TOLERANCE 0.5

/* Fills `out` with what the connection looks like after the segments seen so far;
 * `capture_last_time` is the time of the latest packet seen in the capture. */
void lab_verdict_summarise(const lab_conn *conn, double capture_last_time, lab_conn_summary *out);

#endif
