/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark -z lab,ladder: ladder diagrams of each TCP connection (text and SVG). */
#ifndef LAB_LADDER_GLUE_H
#define LAB_LADDER_GLUE_H

/* Registers the -z argument. Call from proto_register_lab(). */
void lab_ladder_register(void);

#endif
