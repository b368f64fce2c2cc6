/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The message catalogue: every word the plugin writes for people, by message id, in every
 * language it speaks. The tables are one file per language (lab_msg_en.c, lab_msg_zh.c);
 * "where is the Chinese text for close step 2" is LAB_MSG_CLOSE_2_ACK in lab_msg_zh.c.
 *
 * Messages are printf formats. A message has the same conversions, in the same order, in
 * every language (tests/unit/test_msg.c checks it), so the code that fills them in does not
 * depend on the language; a sentence that needs another word order in some language is split
 * into messages instead. A third language is one more table, one more lab_lang value and one
 * row in the language list of lab_msg.c (the only list: the preference is built from it).
 *
 * Only what people read is translated. What filters read stays language-neutral: the enum
 * fields' value names (lab_names.c), numbers and booleans. */
#ifndef LAB_MSG_H
#define LAB_MSG_H

typedef enum lab_lang {
    LAB_LANG_EN = 0,
    LAB_LANG_ZH_CN,
    LAB_LANG_COUNT
} lab_lang;

typedef enum lab_msg_id {
    /* ---- words ---- */
    LAB_MSG_ROLE_CLIENT,            /* "client" */
    LAB_MSG_ROLE_SERVER,
    LAB_MSG_ARROW_C2S,              /* "client → server" */
    LAB_MSG_ARROW_S2C,
    LAB_MSG_TRUE,
    LAB_MSG_FALSE,
    LAB_MSG_PAREN_END,              /* ")" closing a step's parenthesis */

    /* RFC 9293 state names as shown (lab_state order) */
    LAB_MSG_STATE_CLOSED,
    LAB_MSG_STATE_LISTEN,
    LAB_MSG_STATE_SYN_SENT,
    LAB_MSG_STATE_SYN_RECEIVED,
    LAB_MSG_STATE_ESTABLISHED,
    LAB_MSG_STATE_FIN_WAIT_1,
    LAB_MSG_STATE_FIN_WAIT_2,
    LAB_MSG_STATE_CLOSE_WAIT,
    LAB_MSG_STATE_CLOSING,
    LAB_MSG_STATE_LAST_ACK,
    LAB_MSG_STATE_TIME_WAIT,

    /* phases as shown (lab_phase order) */
    LAB_MSG_PHASE_HANDSHAKE,
    LAB_MSG_PHASE_DATA,
    LAB_MSG_PHASE_CLOSING,
    LAB_MSG_PHASE_CLOSED,
    LAB_MSG_PHASE_RESET,
    LAB_MSG_PHASE_UNKNOWN,

    /* close kinds as shown in the Close kind line and the statistics (lab_close_kind order) */
    LAB_MSG_KIND_NONE,
    LAB_MSG_KIND_FOUR_WAY,
    LAB_MSG_KIND_THREE_WAY,
    LAB_MSG_KIND_SIMULTANEOUS,
    LAB_MSG_KIND_ABORT,
    LAB_MSG_KIND_HALF_CLOSED,

    /* sequence checks (lab_seq_check order) */
    LAB_MSG_SEQCHK_IN_ORDER,
    LAB_MSG_SEQCHK_GAP,
    LAB_MSG_SEQCHK_RETRANSMISSION,
    LAB_MSG_SEQCHK_OUT_OF_ORDER,
    LAB_MSG_SEQCHK_KEEPALIVE,
    LAB_MSG_SEQCHK_FIRST_SEEN,

    /* acknowledgment checks (lab_ack_check order) */
    LAB_MSG_ACKCHK_NONE,
    LAB_MSG_ACKCHK_OK,
    LAB_MSG_ACKCHK_PARTIAL,
    LAB_MSG_ACKCHK_DUPLICATE,
    LAB_MSG_ACKCHK_UNSEEN,
    LAB_MSG_ACKCHK_OLD,

    /* who closed first (lab_closer order) */
    LAB_MSG_CLOSER_NONE,
    LAB_MSG_CLOSER_CLIENT,
    LAB_MSG_CLOSER_SERVER,
    LAB_MSG_CLOSER_BOTH,

    /* verdict classes (lab_verdict order) */
    LAB_MSG_VCLASS_OPEN,
    LAB_MSG_VCLASS_REFUSED,
    LAB_MSG_VCLASS_UNUSED,
    LAB_MSG_VCLASS_SHORT,
    LAB_MSG_VCLASS_SERVER_TIMEOUT,
    LAB_MSG_VCLASS_SERVER_IDLE,
    LAB_MSG_VCLASS_CLIENT_CLOSED,
    LAB_MSG_VCLASS_SIMULTANEOUS,
    LAB_MSG_VCLASS_SERVER_CLOSED,

    /* what a connection switched to (lab_switch order) */
    LAB_MSG_SWITCH_NONE,
    LAB_MSG_SWITCH_UPGRADE,
    LAB_MSG_SWITCH_TUNNEL,

    /* reset contexts (lab_reset_context order) */
    LAB_MSG_RSTCTX_REFUSED,
    LAB_MSG_RSTCTX_HANDSHAKE,
    LAB_MSG_RSTCTX_ESTABLISHED,
    LAB_MSG_RSTCTX_CLOSING,
    LAB_MSG_RSTCTX_AFTER_CLOSE,
    LAB_MSG_RSTCTX_MIDSTREAM,

    /* ---- handshake steps ---- */
    LAB_MSG_HS_1,                   /* sender */
    LAB_MSG_HS_1_SYN_DATA,          /* bytes */
    LAB_MSG_HS_1_SIMULTANEOUS,
    LAB_MSG_HS_2,                   /* sender, receiver */
    LAB_MSG_HS_2_SIMULTANEOUS,
    LAB_MSG_HS_3,                   /* sender, receiver */
    LAB_MSG_HS_3_DATA,              /* bytes */
    LAB_MSG_HS_RETRANSMITTED,

    /* ---- close steps ---- */
    LAB_MSG_CLOSE_1,                /* sender */
    LAB_MSG_CLOSE_1_DATA,           /* bytes */
    LAB_MSG_CLOSE_2_THREE_WAY,      /* sender, receiver */
    LAB_MSG_CLOSE_2_SIMULTANEOUS,   /* sender, receiver */
    LAB_MSG_CLOSE_2_ACK,            /* sender, receiver, kind phrase */
    LAB_MSG_CLOSE_HEAD_3,           /* total: "Close 3/4" */
    LAB_MSG_CLOSE_HEAD_4,           /* total */
    LAB_MSG_CLOSE_HEAD_N,           /* step, total (never reached: closes have at most 4 steps) */
    LAB_MSG_CLOSE_LATER_FIN,        /* sender, kind phrase */
    LAB_MSG_CLOSE_LATER_ACK,        /* sender, receiver, kind phrase */
    LAB_MSG_CLOSE_TIME_WAIT,        /* sender */
    LAB_MSG_CLOSE_RETRANSMITTED,
    LAB_MSG_PHRASE_FOUR_WAY,        /* kind phrases inside close sentences */
    LAB_MSG_PHRASE_THREE_WAY,
    LAB_MSG_PHRASE_SIMULTANEOUS,
    LAB_MSG_PHRASE_HALF_CLOSED,
    LAB_MSG_PHRASE_CLOSE,

    /* ---- reset steps (lab_reset_context order) ---- */
    LAB_MSG_RST_REFUSED,            /* sender */
    LAB_MSG_RST_HANDSHAKE,
    LAB_MSG_RST_DATA,
    LAB_MSG_RST_CLOSING,
    LAB_MSG_RST_AFTER_CLOSE,
    LAB_MSG_RST_MIDSTREAM,

    /* ---- segment notes (lab.note): what a packet proves, or is instead of a step ---- */
    LAB_MSG_SEGNOTE_SYN_PROVED,     /* receiver */
    LAB_MSG_SEGNOTE_SYNACK_PROVED,  /* receiver */
    LAB_MSG_SEGNOTE_ONE_SIDED,      /* receiver, sender */
    LAB_MSG_SEGNOTE_INVALID_FLAGS,  /* flags */
    LAB_MSG_SEGNOTE_IN_FLIGHT,      /* sender, receiver */
    LAB_MSG_SEGNOTE_LATE,           /* sender */
    LAB_MSG_SEGNOTE_NEW_ATTEMPT,
    LAB_MSG_SEGNOTE_RST_SYN_SENT,   /* receiver */
    LAB_MSG_SEGNOTE_RST_WINDOW,     /* receiver */
    LAB_MSG_SEGNOTE_WENT_ON,
    LAB_MSG_SEGNOTE_FIN_WITHOUT_ACK,
    LAB_MSG_FLAGS_SYN_FIN,          /* contradictory flags, as named in the note */
    LAB_MSG_FLAGS_SYN_RST,
    LAB_MSG_FLAGS_FIN_RST,
    LAB_MSG_FLAGS_SYN_FIN_RST,

    /* ---- direction and states ---- */
    LAB_MSG_DIRECTION,              /* arrow */
    LAB_MSG_DIRECTION_GUESSED,
    LAB_MSG_STATES_UNKNOWN,
    LAB_MSG_STATES_NOT_SHOWN_INVALID,
    LAB_MSG_STATES_UNKNOWN_LATE,
    LAB_MSG_STATES_UNKNOWN_ONE_SIDED,
    LAB_MSG_STATES,                 /* client state, server state */
    LAB_MSG_STATES_CHANGE,          /* receiver, state now, state after */
    LAB_MSG_STATE_OF_CLIENT,        /* "Client state" */
    LAB_MSG_STATE_OF_SERVER,
    LAB_MSG_STATE_LINE,             /* whose, state */
    LAB_MSG_STATE_LINE_CHANGE,      /* whose, state now, state after */
    LAB_MSG_STATE_AFTER_SENDING,
    LAB_MSG_STATE_ASSUMED_LISTEN,

    /* ---- sequence numbers ---- */
    LAB_MSG_SEQ_SYN,                /* seq, sender, len */
    LAB_MSG_SEQ_PLAIN,              /* seq, len */
    LAB_MSG_SEQ_FIN,
    LAB_MSG_SEQ_NEXT,               /* next seq */
    LAB_MSG_SEQ_IN_ORDER,           /* sender */
    LAB_MSG_SEQ_GAP,                /* expected, first missing, last missing */
    LAB_MSG_SEQ_SIMULTANEOUS_SYNACK,/* receiver */
    LAB_MSG_SEQ_FILLS_GAP,          /* receiver */
    LAB_MSG_SEQ_RETRANSMISSION,     /* sender, seq already sent up to */
    LAB_MSG_SEQ_OUT_OF_ORDER_EARLIER, /* seq already sent */
    LAB_MSG_SEQ_OUT_OF_ORDER_LATE,
    LAB_MSG_SEQ_KEEPALIVE,          /* receiver */
    LAB_MSG_SEQ_FIRST_SEEN,         /* sender */

    /* ---- acknowledgment numbers ---- */
    LAB_MSG_ACK_OK,                 /* ack, peer */
    LAB_MSG_SPAN_SEQ,               /* seq */
    LAB_MSG_SPAN_SYN,
    LAB_MSG_SPAN_LEN,               /* len */
    LAB_MSG_SPAN_FIN,
    LAB_MSG_CHECK_MARK,
    LAB_MSG_ACK_PARTIAL,            /* ack, expected, peer, peer, ack */
    LAB_MSG_ACK_DUPLICATE,          /* ack, count, peer, ack */
    LAB_MSG_ACK_UNSEEN,             /* ack, expected, peer */
    LAB_MSG_ACK_OLD,                /* ack, sender */

    /* ---- HTTP ---- */
    LAB_MSG_NP_SERVER_CLOSE,
    LAB_MSG_NP_CLIENT_CLOSE,
    LAB_MSG_NP_HTTP10,
    LAB_MSG_HTTP_REQUEST,           /* index */
    LAB_MSG_HTTP_RESPONSE,          /* status, index */
    LAB_MSG_HTTP_PERSISTENT,
    LAB_MSG_HTTP_PERSISTENT_CLOSING,
    LAB_MSG_HTTP_ENDS,              /* reason */
    LAB_MSG_HTTP_KEEPALIVE,         /* seconds, seconds */
    LAB_MSG_HTTP_INTERIM,           /* status */
    LAB_MSG_HTTP_SWITCHED,          /* protocol */
    LAB_MSG_HTTP_ANOTHER_PROTOCOL,  /* the protocol when no Upgrade header was seen */
    LAB_MSG_HTTP_TUNNEL,            /* status, index, host:port */
    LAB_MSG_HTTP_REQUEST_UNSEEN,
    LAB_MSG_NOTE_NOT_MODIFIED,
    LAB_MSG_NOTE_PARTIAL,
    LAB_MSG_NOTE_CONDITIONAL,
    LAB_MSG_NOTE_RANGE,
    LAB_MSG_NOTE_PIPELINED,
    LAB_MSG_NOTE_SEPARATOR,

    /* ---- connection verdicts ---- */
    LAB_MSG_VERDICT_REFUSED,
    LAB_MSG_VERDICT_OPEN,           /* idle */
    LAB_MSG_VERDICT_OPEN_NO_HANDSHAKE,
    LAB_MSG_VERDICT_UNUSED,         /* closer role, idle */
    LAB_MSG_VERDICT_UNUSED_WHY,
    LAB_MSG_VERDICT_BY_RST,
    LAB_MSG_VERDICT_BY_FIN,
    LAB_MSG_VERDICT_SIMULTANEOUS,   /* idle */
    LAB_MSG_VERDICT_SHORT,          /* reason */
    LAB_MSG_VERDICT_SHORT_ONE,
    LAB_MSG_VERDICT_SHORT_MANY,     /* requests */
    LAB_MSG_VERDICT_TIMEOUT,        /* idle, advertised */
    LAB_MSG_VERDICT_TIMEOUT_LATER,  /* difference */
    LAB_MSG_VERDICT_TIMEOUT_EARLIER,/* difference */
    LAB_MSG_VERDICT_SERVER_IDLE,    /* idle */
    LAB_MSG_VERDICT_CLIENT,         /* idle */
    LAB_MSG_VERDICT_CLIENT_NO_TIMEOUT,
    LAB_MSG_VERDICT_CLIENT_BEFORE,  /* advertised */
    LAB_MSG_VERDICT_UNKNOWN,        /* value: a verdict value that is none of lab_verdict (a bug) */
    LAB_MSG_VERDICT_SERVER_CLOSED,  /* idle */
    LAB_MSG_VERDICT_NOT_HTTP,
    LAB_MSG_VERDICT_TLS,
    LAB_MSG_VERDICT_HTTP2,
    LAB_MSG_VERDICT_UPGRADED,
    LAB_MSG_VERDICT_TUNNEL,
    LAB_MSG_VERDICT_WENT_ON,

    /* ---- tree lines: "label: value" ---- */
    LAB_MSG_TOP_STEP,               /* appended to "Lab Handshake": step sentence */
    LAB_MSG_TOP_PHASE,              /* appended: phase, arrow */
    LAB_MSG_LINE_STREAM,            /* uint */
    LAB_MSG_LINE_GUESSED,           /* yes/no */
    LAB_MSG_LINE_PHASE,             /* phase */
    LAB_MSG_LINE_STEP,              /* sentence */
    LAB_MSG_LINE_STEP_HANDSHAKE,    /* uint */
    LAB_MSG_LINE_STEP_CLOSE,        /* uint */
    LAB_MSG_LINE_STEP_RESET,        /* uint */
    LAB_MSG_LINE_STEP_RETRANSMITTED,/* yes/no */
    LAB_MSG_LINE_STEP_REF,          /* frame */
    LAB_MSG_LINE_CLOSE_KIND,        /* kind */
    LAB_MSG_LINE_RESET_CONTEXT,     /* context */
    LAB_MSG_LINE_SEQ,               /* uint */
    LAB_MSG_LINE_SEQ_OK,            /* yes/no */
    LAB_MSG_LINE_SEQ_CHECK,         /* check */
    LAB_MSG_LINE_ACK,               /* uint */
    LAB_MSG_LINE_ACK_OK,            /* yes/no */
    LAB_MSG_LINE_ACK_CHECK,         /* check */
    LAB_MSG_LINE_HTTP,              /* sentence */
    LAB_MSG_LINE_HTTP_INDEX,        /* uint */
    LAB_MSG_LINE_HTTP_PERSISTENT,   /* yes/no */
    LAB_MSG_LINE_HTTP_TIMEOUT,      /* int seconds */
    LAB_MSG_LINE_HTTP_NOTE,         /* notes */
    LAB_MSG_LINE_HTTP_SWITCHED,     /* switch name */
    LAB_MSG_LINE_STEP_SHORT,        /* short step */
    LAB_MSG_LINE_STATE_CLIENT_SHORT,/* short state */
    LAB_MSG_LINE_STATE_SERVER_SHORT,/* short state */
    /* lab.conn.*: the title, then its lines in this order (lab_tree.c relies on it) */
    LAB_MSG_LINE_CONN_SO_FAR,       /* verdict */
    LAB_MSG_LINE_VERDICT,           /* verdict */
    LAB_MSG_LINE_VERDICT_CLASS,     /* class */
    LAB_MSG_LINE_REQUESTS,          /* uint */
    LAB_MSG_LINE_CLOSER,            /* closer */
    LAB_MSG_LINE_IDLE,              /* seconds */
    LAB_MSG_LINE_NODATA,            /* yes/no */
    LAB_MSG_LINE_PARALLEL,          /* uint */
    /* lab.final.*: the same, for the whole capture */
    LAB_MSG_LINE_CONN_WHOLE,        /* verdict */
    LAB_MSG_LINE_FINAL_VERDICT,
    LAB_MSG_LINE_FINAL_VERDICT_CLASS,
    LAB_MSG_LINE_FINAL_REQUESTS,
    LAB_MSG_LINE_FINAL_CLOSER,
    LAB_MSG_LINE_FINAL_IDLE,
    LAB_MSG_LINE_FINAL_NODATA,
    LAB_MSG_LINE_FINAL_PARALLEL,

    /* ---- column texts (lab_short.c) ---- */
    LAB_MSG_SHORT_AGAIN,            /* after a retransmitted SYN or FIN */
    LAB_MSG_SHORT_ASSUMED,          /* after LISTEN while nothing shows it */
    LAB_MSG_SHORT_STARTS_CLOSE,     /* after the first FIN's Info label */
    LAB_MSG_SHORT_HEAD_HS_1,        /* the Info label's step name: "Handshake" / "第一次握手" */
    LAB_MSG_SHORT_HEAD_HS_2,
    LAB_MSG_SHORT_HEAD_HS_3,
    LAB_MSG_SHORT_HEAD_CLOSE_1,
    LAB_MSG_SHORT_HEAD_CLOSE_2,
    LAB_MSG_SHORT_HEAD_CLOSE_3,
    LAB_MSG_SHORT_HEAD_CLOSE_4,
    LAB_MSG_SHORT_HEAD_CLOSE_N,
    LAB_MSG_SHORT_HEAD_RESET,

    /* ---- expert infos ---- */
    LAB_MSG_EI_SEQ_GAP,
    LAB_MSG_EI_RETRANSMISSION,
    LAB_MSG_EI_OUT_OF_ORDER,
    LAB_MSG_EI_KEEPALIVE,
    LAB_MSG_EI_DUP_ACK,
    LAB_MSG_EI_ACK_UNSEEN,
    LAB_MSG_EI_ACK_OLD,
    LAB_MSG_EI_RESET,
    LAB_MSG_EI_REFUSED,
    LAB_MSG_EI_MIDSTREAM,
    LAB_MSG_EI_HTTP_REUSE,
    LAB_MSG_EI_TIMEOUT_MISMATCH,    /* idle, advertised */

    /* ---- statistics tree ---- */
    LAB_MSG_ST_CONNS,
    LAB_MSG_ST_FINISHED,
    LAB_MSG_ST_BY_KIND,
    LAB_MSG_ST_BY_CLOSER,
    LAB_MSG_ST_BY_VERDICT,
    LAB_MSG_ST_BY_REQUESTS,
    LAB_MSG_ST_PHASES,
    LAB_MSG_ST_NO_HANDSHAKE,
    LAB_MSG_ST_HANDSHAKE_DONE,
    LAB_MSG_ST_REFUSED,

    /* ---- ladder diagrams (text, SVG, GUI table, the -z lab,ladder report) ---- */
    LAB_MSG_LADDER_TITLE,           /* "TCP stream %u, connection %u: client %s, server %s" */
    LAB_MSG_LADDER_COL_TIME,        /* "time" */
    LAB_MSG_LADDER_COL_FRAME,       /* "frame" */
    LAB_MSG_LADDER_COL_CLIENT_STATE,/* "client state" */
    LAB_MSG_LADDER_COL_SERVER_STATE,/* "server state" */
    LAB_MSG_LADDER_COL_CLIENT,      /* "client" */
    LAB_MSG_LADDER_COL_SEGMENT,     /* "segment" (GUI table: the arrow column) */
    LAB_MSG_LADDER_COL_ROW,         /* "row" (GUI table: position in the ladder) */
    LAB_MSG_LADDER_GUI_HEADING,     /* first line of the GUI table: where the pictures are */
    LAB_MSG_LADDER_COL_SERVER,      /* "server" */
    LAB_MSG_LADDER_COL_STEP,        /* "step, HTTP" (text: HTTP messages share the step column) */
    LAB_MSG_LADDER_COL_STEP_SVG,    /* "step" (SVG: HTTP messages are written under their arrow) */
    LAB_MSG_LADDER_AT_START,        /* "at start" */
    LAB_MSG_LADDER_SECONDS,         /* "%.3f s": the time column of the SVG */
    LAB_MSG_LADDER_HANDSHAKE,       /* "Handshake %u/3" */
    LAB_MSG_LADDER_CLOSE_KNOWN,     /* "Close %u/%u" */
    LAB_MSG_LADDER_CLOSE_UNKNOWN,   /* "Close %u" (the close kind is not decided yet) */
    LAB_MSG_LADDER_RST,             /* "RST" */
    LAB_MSG_LADDER_RST_REFUSED,     /* rst_context[LAB_RST_REFUSED] */
    LAB_MSG_LADDER_RST_HANDSHAKE,   /* rst_context[LAB_RST_HANDSHAKE] */
    LAB_MSG_LADDER_RST_DATA,        /* rst_context[LAB_RST_DATA] */
    LAB_MSG_LADDER_RST_CLOSING,     /* rst_context[LAB_RST_CLOSING] */
    LAB_MSG_LADDER_RST_AFTER_CLOSE, /* rst_context[LAB_RST_AFTER_CLOSE] */
    LAB_MSG_LADDER_RST_MIDSTREAM,   /* rst_context[LAB_RST_MIDSTREAM] */
    LAB_MSG_LADDER_RETRANSMITTED,   /* "again" (a step sent a second time) */
    LAB_MSG_LADDER_SEQNOTE_GAP,     /* seq_note[LAB_SEQ_GAP] */
    LAB_MSG_LADDER_SEQNOTE_RETRANSMISSION,/* seq_note[LAB_SEQ_RETRANSMISSION] */
    LAB_MSG_LADDER_SEQNOTE_OUT_OF_ORDER,/* seq_note[LAB_SEQ_OUT_OF_ORDER] */
    LAB_MSG_LADDER_SEQNOTE_KEEPALIVE,/* seq_note[LAB_SEQ_KEEPALIVE] */
    LAB_MSG_LADDER_ACK_DUPLICATE,   /* "duplicate ACK %u" */
    LAB_MSG_LADDER_ACKNOTE_UNSEEN,  /* ack_note[LAB_ACK_UNSEEN] */
    LAB_MSG_LADDER_ACKNOTE_OLD,     /* ack_note[LAB_ACK_OLD] */
    LAB_MSG_LADDER_HTTP_REQUEST,    /* "%s (request %u)": method and URI, request index */
    LAB_MSG_LADDER_HTTP_REQUEST_BARE,/* "request %u" (no name known) */
    LAB_MSG_LADDER_HTTP_RESPONSE,   /* "%u response (to request %u)" */
    LAB_MSG_LADDER_FOLD,            /* "… %u segments, %s …": count, what they carried */
    LAB_MSG_LADDER_FOLD_DIR_BYTES,  /* "%s %s": an amount, then a direction */
    LAB_MSG_LADDER_FOLD_ACKS_ONLY,  /* "ACKs only" */
    LAB_MSG_LADDER_DIR_C2S,         /* "client → server" (lab_dir order) */
    LAB_MSG_LADDER_DIR_S2C,         
    LAB_MSG_LADDER_BYTES,           /* "%u bytes" */
    LAB_MSG_LADDER_KBYTES,          /* "%.1f kB" */
    LAB_MSG_LADDER_IDLE,            /* "⋮ idle %.1f s" */
    LAB_MSG_LADDER_NO_HANDSHAKE,    /* note when the handshake is not in the capture */
    LAB_MSG_LADDER_STATES_UNKNOWN,  /* note: states not known until … */
    LAB_MSG_LADDER_END_OPEN,        /* "still open at the end of the capture" */
    LAB_MSG_LADDER_RELATIVE_NOTE,   /* "Seq, Ack and Len are relative …" */
    LAB_MSG_LADDER_SVG_TITLE,       /* "Lab Handshake ladder: %s" (file name of the capture) */
    LAB_MSG_LADDER_REPORT_HEADING,  /* "Lab Handshake ladder diagrams" */
    LAB_MSG_LADDER_REPORT_FILTER,   /* "Filter: %s" */
    LAB_MSG_LADDER_ERR_NO_TCP,      /* "No TCP segments in this capture: there is no ladder to draw." */
    LAB_MSG_LADDER_ERR_NO_MATCH,    /* "No TCP connection matched the filter %s." */
    LAB_MSG_LADDER_ERR_BAD_FILTER,  /* "lab,ladder: the filter %s is not valid: %s" */
    LAB_MSG_LADDER_ERR_BAD_ARG,     /* "lab,ladder: invalid argument %s. Use -z lab,ladder[,svg=DIR][,FILTER]" */
    LAB_MSG_LADDER_ERR_DIR,         /* "lab,ladder: cannot use %s as the SVG folder: %s" */
    LAB_MSG_LADDER_ERR_WRITE,       /* "lab,ladder: cannot write %s: %s" */
    LAB_MSG_LADDER_WROTE,           /* "SVG written: %s" */
    LAB_MSG_LADDER_TOO_MANY,        /* "only the first %u connections are drawn" */
    LAB_MSG_LADDER_ERR_MEMORY,      /* "lab,ladder: out of memory; the ladder of TCP stream %u is incomplete" */
    LAB_MSG_LADDER_GUI_TITLE,       /* "Lab Handshake Ladder": the Statistics menu entry and its window */

    LAB_MSG_COUNT
} lab_msg_id;

/* The tables: [id] = text. A NULL entry is a missing translation (a unit test fails on it;
 * at run time the English text is used). */
extern const char *const lab_msg_table_en[LAB_MSG_COUNT];
extern const char *const lab_msg_table_zh_cn[LAB_MSG_COUNT];

/* The language everything is drawn in; English until set. Results never depend on it. */
void lab_msg_set_language(lab_lang lang);
lab_lang lab_msg_language(void);

/* The text of a message in the current language. */
const char *lab_msg(lab_msg_id id);
/* The text of a message in a given language (NULL if that table lacks it). */
const char *lab_msg_in(lab_lang lang, lab_msg_id id);
/* The table of a language, its code for preferences ("en", "zh_cn") and its name in its own
 * language ("简体中文 (Simplified Chinese)"). */
const char *const *lab_msg_table(lab_lang lang);
const char *lab_lang_code(lab_lang lang);
const char *lab_lang_name(lab_lang lang);

/* Display names of the enums, in the current language ("FIN-WAIT-1（终止等待1）"). */
const char *lab_msg_role(unsigned dir);
const char *lab_msg_peer_role(unsigned dir);
const char *lab_msg_arrow(unsigned dir);
const char *lab_msg_state(unsigned state);
const char *lab_msg_phase(unsigned phase);
const char *lab_msg_close_kind(unsigned kind);
const char *lab_msg_seq_check(unsigned check);
const char *lab_msg_ack_check(unsigned check);
const char *lab_msg_closer(unsigned closer);
const char *lab_msg_verdict_class(unsigned verdict);
const char *lab_msg_switch(unsigned sw);
const char *lab_msg_reset_context(unsigned ctx);
const char *lab_msg_bool(int value);

#endif
