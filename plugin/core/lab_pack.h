/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A frame's annotation in 32 bytes, for keeping it until the file is closed.
 *
 * The glue keeps one annotation per TCP frame for as long as a capture is open, so its size
 * is most of the plugin's memory on a big capture. lab_annotation is laid out to be read
 * (60 bytes); lab_packed holds the same facts the way an ordinary segment has them: the
 * expected sequence number equal to the segment's own, the expected ack a little way from
 * the ack, the basis segment ending where the ack expects, the step it answers a few frames
 * back, the first connection of the stream, no duplicate ACK. A segment that is not ordinary
 * in one of these ways does not fit, and the caller keeps the full annotation instead:
 * lab_pack() never loses a bit (it checks by unpacking). */
#ifndef LAB_PACK_H
#define LAB_PACK_H

#include <stdbool.h>
#include <stdint.h>

#include "lab_types.h"

typedef struct lab_packed {
    uint32_t stream;
    uint32_t seq;
    uint32_t ack;
    uint16_t len;
    uint16_t basis_len;
    int16_t ack_expected_delta; /* ack_expected - ack */
    uint16_t ref_back;          /* frame - ref_frame; 0 = no reference */
    uint32_t spare;             /* free for the caller (the glue keeps its extras index here) */
    uint64_t flags : 5, basis_syn_fin : 2, dir : 1, phase : 3, step_kind : 2, step_num : 3, step_total : 3,
        close_kind : 3, closer : 1, state_client : 4, state_server : 4, state_receiver_after : 4,
        seq_check : 3, ack_check : 3, reset_context : 3, note : 3, bools : 16;
} lab_packed;

/* Packs the annotation of frame `frame` into *p (p->spare is left alone). False if it does
 * not fit; *p is then unspecified (spare apart). */
bool lab_pack(const lab_annotation *a, uint32_t frame, lab_packed *p);

/* The annotation lab_pack() packed for frame `frame`. */
void lab_unpack(const lab_packed *p, uint32_t frame, lab_annotation *a);

#endif
