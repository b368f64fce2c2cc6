/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every word the ladder diagrams print (text and SVG), in one table per language.
 *
 * The English table is in lab_ladder_text.c. A translation is a second table of the same
 * struct; lab_ladder_text_use() switches to it. State names (SYN-SENT …) and TCP flag
 * names are protocol words and stay as they are in every language; they come from
 * lab_names.c and from the flag table here. */
#ifndef LAB_LADDER_TEXT_H
#define LAB_LADDER_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef struct lab_ladder_words {
    /* heading of one connection: stream, connection number, client endpoint, server endpoint */
    const char *title;              /* "TCP stream %u, connection %u: client %s, server %s" */
    const char *col_time;           /* "time" */
    const char *col_frame;          /* "frame" */
    const char *col_client_state;   /* "client state" */
    const char *col_server_state;   /* "server state" */
    const char *col_client;         /* "client" */
    const char *col_segment;        /* "segment" (GUI table: the arrow column) */
    const char *col_row;            /* "row" (GUI table: position in the ladder) */
    const char *gui_heading;        /* first line of the GUI table: where the pictures are */
    const char *col_server;         /* "server" */
    const char *col_step;           /* "step, HTTP" (text: HTTP messages share the step column) */
    const char *col_step_svg;       /* "step" (SVG: HTTP messages are written under their arrow) */
    const char *at_start;           /* "at start" */
    const char *seconds;            /* "%.3f s": the time column of the SVG */
    const char *handshake;          /* "Handshake %u/3" */
    const char *close_known;        /* "Close %u/%u" */
    const char *close_unknown;      /* "Close %u" (the close kind is not decided yet) */
    const char *rst;                /* "RST" */
    const char *rst_context[6];     /* indexed by lab_reset_context: "refused", … */
    const char *retransmitted;      /* "again" (a step sent a second time) */
    const char *seq_note[6];        /* indexed by lab_seq_check: "", "after a gap", "retransmission", … */
    const char *ack_duplicate;      /* "duplicate ACK %u" */
    const char *ack_note[6];        /* indexed by lab_ack_check: "", …, "ACKs data not seen", "old ACK" */
    const char *http_request;       /* "%s (request %u)": method and URI, request index */
    const char *http_request_bare;  /* "request %u" (no name known) */
    const char *http_response;      /* "%u response (to request %u)" */
    const char *fold;               /* "… %u segments, %s …": count, what they carried */
    const char *fold_dir_bytes;     /* "%s %s": an amount, then a direction */
    const char *fold_acks_only;     /* "ACKs only" */
    const char *dir_arrow[2];       /* "client → server", "server → client" */
    const char *bytes;              /* "%u bytes" */
    const char *kbytes;             /* "%.1f kB" */
    const char *idle;               /* "⋮ idle %.1f s" */
    const char *no_handshake;       /* note when the handshake is not in the capture */
    const char *states_unknown;     /* note: states not known until … */
    const char *end_open;           /* "still open at the end of the capture" */
    const char *relative_note;      /* "Seq, Ack and Len are relative …" */
    const char *svg_title;          /* "Lab Handshake ladder: %s" (file name of the capture) */
    /* messages of the tshark report */
    const char *report_heading;     /* "Lab Handshake ladder diagrams" */
    const char *report_filter;      /* "Filter: %s" */
    const char *err_no_tcp;         /* "No TCP segments in this capture: there is no ladder to draw." */
    const char *err_no_match;       /* "No TCP connection matched the filter %s." */
    const char *err_bad_filter;     /* "lab,ladder: the filter %s is not valid: %s" */
    const char *err_bad_arg;        /* "lab,ladder: invalid argument %s. Use -z lab,ladder[,svg=DIR][,FILTER]" */
    const char *err_dir;            /* "lab,ladder: cannot use %s as the SVG folder: %s" */
    const char *err_write;          /* "lab,ladder: cannot write %s: %s" */
    const char *wrote;              /* "SVG written: %s" */
    const char *too_many;           /* "only the first %u connections are drawn" */
    const char *err_memory;         /* "lab,ladder: out of memory; the ladder of TCP stream %u is incomplete" */
    const char *gui_title;          /* "Lab Handshake Ladder": the Statistics menu entry and its window */
} lab_ladder_words;

/* The table in use (English unless lab_ladder_text_use() chose another). */
const lab_ladder_words *lab_ladder_text(void);
/* Use table w from now on (NULL: back to English). */
void lab_ladder_text_use(const lab_ladder_words *w);
const lab_ladder_words *lab_ladder_text_english(void);
/* 简体中文 (lab_ladder_text_zh.c). */
extern const lab_ladder_words lab_ladder_words_zh_cn;

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
