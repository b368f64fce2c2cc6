/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder diagrams' phrases built from several catalogue words (step, notes, amounts).
 *
 * The words themselves are in the message catalogue (lab_msg.h, the LAB_MSG_LADDER_* ids;
 * one table per language: lab_msg_en.c, lab_msg_zh.c). State names (SYN-SENT …) and TCP
 * flag names are protocol words and stay as they are in every language; they come from
 * lab_names.c and from the flag table here. */
#ifndef LAB_LADDER_TEXT_H
#define LAB_LADDER_TEXT_H

#include "lab_msg.h"

#include <stddef.h>
#include <stdint.h>

/* TCP flags the way Wireshark writes them: "SYN, ACK", "FIN, PSH, ACK". */
const char *lab_ladder_text_flags(uint8_t flags, char *buf, size_t size);

/* The step of a segment, short: "Handshake 2/3", "Close 3/4", "RST (refused)"; "" if none. */
const char *lab_ladder_text_step(unsigned kind, unsigned num, unsigned total, unsigned reset_context,
                                 int retransmitted, char *buf, size_t size);

/* What the analysis flagged on a segment, short: "retransmission", "duplicate ACK 2"; "" if
 * nothing (a retransmitted step already says "again"). */
const char *lab_ladder_text_flagged(unsigned seq_check, unsigned ack_check, unsigned dup_count, int step_retransmitted,
                                    char *buf, size_t size);

/* "1234 bytes" or "300.1 kB". */
const char *lab_ladder_text_amount(uint64_t bytes, char *buf, size_t size);

/* The format string of a message, with printf arguments: writes into buf, returns buf. */
const char *lab_ladder_text_format(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
