/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "Lab Handshake" statistics tree (tshark -z lab,tree; Statistics → Lab Handshake). */
#ifndef LAB_STATS_H
#define LAB_STATS_H

void lab_stats_register(void);

#endif
