/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PACKET_LAB_H
#define PACKET_LAB_H

void proto_register_lab(void);
void proto_reg_handoff_lab(void);

#endif
