/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics → Lab Handshake Ladder: the ladder's rows in a Wireshark table (GUI). */
#ifndef LAB_LADDER_TABLE_H
#define LAB_LADDER_TABLE_H

/* Registers the table (menu entry and tshark -z lab,rows). Call from proto_register_lab(). */
void lab_ladder_table_register(void);

#endif
