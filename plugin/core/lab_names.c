/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "lab_names.h"

#include <stddef.h>

#define NAME_OF(table, i) ((i) < sizeof(table) / sizeof((table)[0]) ? (table)[i] : "?")

static const char *const dir_names[] = { "client-to-server", "server-to-client" };
static const char *const dir_arrows[] = { "client → server", "server → client" };
static const char *const roles[] = { "client", "server" };
static const char *const phase_names[LAB_PHASE_COUNT] = {
    "handshake", "data", "closing", "closed", "reset", "unknown",
};
static const char *const state_names[LAB_ST_COUNT] = {
    "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
    "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT",
};
static const char *const close_kind_names[LAB_CLOSE_COUNT] = {
    "none", "four-way", "three-way", "simultaneous", "abort", "half-closed",
};
static const char *const seq_check_names[LAB_SEQ_COUNT] = {
    "in-order", "gap", "retransmission", "out-of-order", "keep-alive", "first-seen",
};
static const char *const ack_check_names[LAB_ACK_COUNT] = {
    "none", "ok", "partial", "duplicate", "unseen", "old",
};

static const char *const closer_names[LAB_CLOSER_COUNT] = { "none", "client", "server", "both" };
static const char *const verdict_names[LAB_VERDICT_COUNT] = {
    "open", "refused", "unused", "short", "server-timeout", "server-idle", "client-closed", "simultaneous",
    "server-closed",
};

static const char *const note_names[LAB_NOTE_COUNT] = {
    "none", "syn-not-captured", "synack-not-captured", "one-sided", "invalid-flags", "in-flight", "late",
    "new-attempt", "rst-not-acceptable", "went-on-after-reset",
    "fin-without-ack",
};

const char *lab_note_name(unsigned note) { return NAME_OF(note_names, note); }

static const char *const switch_names[LAB_SWITCH_COUNT] = { "none", "upgrade", "tunnel" };

const char *lab_switch_name(unsigned sw) { return NAME_OF(switch_names, sw); }

static const char *const reset_context_names[] = {
    "refused", "handshake", "established", "closing", "after-close", "midstream",
};

const char *lab_reset_context_name(unsigned ctx) { return NAME_OF(reset_context_names, ctx); }
const char *lab_closer_name(unsigned closer) { return NAME_OF(closer_names, closer); }
const char *lab_verdict_name(unsigned verdict) { return NAME_OF(verdict_names, verdict); }
const char *lab_dir_name(unsigned dir) { return NAME_OF(dir_names, dir); }
const char *lab_dir_arrow(unsigned dir) { return NAME_OF(dir_arrows, dir); }
const char *lab_role_name(unsigned dir) { return NAME_OF(roles, dir); }
const char *lab_peer_role_name(unsigned dir) { return NAME_OF(roles, dir ^ 1u); }
const char *lab_phase_name(unsigned phase) { return NAME_OF(phase_names, phase); }
const char *lab_state_name(unsigned state) { return NAME_OF(state_names, state); }
const char *lab_close_kind_name(unsigned kind) { return NAME_OF(close_kind_names, kind); }
const char *lab_seq_check_name(unsigned check) { return NAME_OF(seq_check_names, check); }
const char *lab_ack_check_name(unsigned check) { return NAME_OF(ack_check_names, check); }
