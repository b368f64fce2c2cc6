/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sentences of the Lab Handshake tree, written from a stored annotation only, so the
 * same packet always reads the same. Each function writes a NUL-terminated line into
 * buf (truncated to size) and returns buf, in the language chosen with
 * lab_msg_set_language() (the words are in lab_msg_<lang>.c). */
#ifndef LAB_TEXT_H
#define LAB_TEXT_H

#include "lab_types.h"

#include <stddef.h>

/* Room for the longest sentence in any language (Chinese takes 3 bytes a character). */
#define LAB_TEXT_MAX 640

const char *lab_text_step(const lab_annotation *a, char *buf, size_t size);
/* snprintf() into buf, cut (when it does not fit) at a whole UTF-8 character: for text that
 * must fit a smaller room than LAB_TEXT_MAX, such as what is left of a Wireshark label. */
const char *lab_text_format(char *buf, size_t size, const char *fmt, ...);
const char *lab_text_direction(const lab_annotation *a, char *buf, size_t size);
const char *lab_text_states(const lab_annotation *a, char *buf, size_t size);
/* One side's state line ("Server state: ESTABLISHED → CLOSE-WAIT when this segment arrives");
 * side is a lab_dir (the client is LAB_DIR_C2S). */
const char *lab_text_state_line(const lab_annotation *a, unsigned side, char *buf, size_t size);
const char *lab_text_seq(const lab_annotation *a, char *buf, size_t size);
/* Empty string when the segment has no ACK check. */
const char *lab_text_ack(const lab_annotation *a, char *buf, size_t size);

/* What a segment that is not a plain step is instead, or what it proves that the capture
 * missed (a->note); empty when there is no note. */
const char *lab_text_note(const lab_annotation *a, char *buf, size_t size);

/* One sentence on why the connection ended as it did (or that it is still open). */
const char *lab_text_verdict(const lab_conn_summary *c, char *buf, size_t size);

/* The HTTP message in one line: its index, persistence and notes. */
const char *lab_text_http(const lab_http_annotation *h, char *buf, size_t size);

/* The teaching notes of an HTTP message (304, 206, conditional, Range, pipelined); empty if none. */
const char *lab_text_http_notes(const lab_http_annotation *h, char *buf, size_t size);

/* Why the connection is not persistent after a message (empty if it is). */
const char *lab_text_nonpersistent(unsigned reason);

#endif
