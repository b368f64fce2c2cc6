/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of the core's enums: the values of the lab.* enum fields (the glue builds its
 * value_strings from these) and the words the labels use. */
#ifndef LAB_NAMES_H
#define LAB_NAMES_H

#include "lab_types.h"

const char *lab_dir_name(unsigned dir);            /* "client-to-server" */
const char *lab_dir_arrow(unsigned dir);           /* "client → server" */
const char *lab_role_name(unsigned dir);           /* sender role: "client" / "server" */
const char *lab_peer_role_name(unsigned dir);      /* receiver role */
const char *lab_phase_name(unsigned phase);        /* "handshake" */
const char *lab_state_name(unsigned state);        /* "FIN-WAIT-1" */
const char *lab_close_kind_name(unsigned kind);    /* "three-way" */
const char *lab_seq_check_name(unsigned check);    /* "retransmission" */
const char *lab_ack_check_name(unsigned check);    /* "duplicate" */
const char *lab_closer_name(unsigned closer);      /* "client", "none" */
const char *lab_verdict_name(unsigned verdict);    /* "server-timeout" */
const char *lab_note_name(unsigned note);          /* "late", "invalid-flags" */
const char *lab_reset_context_name(unsigned ctx);  /* "closing" */
const char *lab_switch_name(unsigned sw);          /* "tunnel" */

#endif
