/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The short texts for packet-list columns and the Info column: a step in a few characters
 * ("SYN 1/3", "ACK 2/4", "RST") and each side's state ("FIN-WAIT-1 → FIN-WAIT-2"). Like
 * lab_text.c they are built from the stored annotation only, so a packet always shows the
 * same words; unlike it they are made to fit a column. Each function writes a NUL-terminated
 * text into buf (truncated to size) and returns buf; an empty text when there is nothing to
 * say (not a step, states unknown). */
#ifndef LAB_SHORT_H
#define LAB_SHORT_H

#include "lab_types.h"

#include <stddef.h>

#define LAB_SHORT_MAX 64

/* The step as the segment's control flags and its place: "SYN 1/3", "SYN+ACK 2/3",
 * "ACK 3/3", "FIN 1", "ACK 2/4", "FIN+ACK 2/3", "FIN 3/4", "RST"; " again" is added to a
 * retransmitted SYN or FIN. The first FIN has no total: the close kind is not known yet. */
const char *lab_short_step(const lab_annotation *a, char *buf, size_t size);

/* The label that leads the Info column: the step with what it belongs to,
 * "Handshake 1/3 SYN", "Close 1 FIN (starts the close)", "Close 2/4 ACK", "Reset RST". */
const char *lab_short_info(const lab_annotation *a, char *buf, size_t size);

/* One side's state (side: LAB_DIR_C2S = client, LAB_DIR_S2C = server): "ESTABLISHED";
 * the receiver's change when the segment arrives, "FIN-WAIT-1 → FIN-WAIT-2"; "LISTEN
 * (assumed)" while nothing from the server shows whether anything listens. */
const char *lab_short_state(const lab_annotation *a, unsigned side, char *buf, size_t size);

#endif
