/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-connection tracking state, shared by the rule files (lab_rst.c, lab_seq.c,
 * lab_handshake.c, lab_close.c, lab_states.c, lab_http.c) and read by lab_verdict.c.
 * lab_analyzer.c runs the rules on it in the order its opening comment gives. Internal to
 * the core. */
#ifndef LAB_CONN_H
#define LAB_CONN_H

#include <stdlib.h>

#include "lab_types.h"

#define LAB_MAX_HOLES 8 /* gaps remembered per direction; more only blurs
                           "out-of-order" into "retransmission" */

typedef struct lab_hole {
    uint32_t start, end;    /* relative, [start, end) */
} lab_hole;

/* One endpoint; conn->side[LAB_DIR_C2S] is the client (it sends client-to-server).
 * Grouped by size (numbers, then bytes and flags): there is one per endpoint of every
 * connection of the capture, kept until the file is closed. */
typedef struct lab_side {
    lab_hole *holes;        /* room for LAB_MAX_HOLES gaps, allocated at the first gap (most
                               connections never have one); freed by lab_conn_release() */

    /* sequence space of what this side sends */
    uint32_t base;          /* raw ISN, or first seq − 1 */
    uint32_t next;          /* relative: highest seq_next sent */
    uint32_t last_seq;      /* the segment that set `next`, for "Ack = Seq + Len" */
    uint32_t last_len;
    uint32_t last_frame;

    /* what this side acknowledged */
    uint32_t last_ack;      /* relative to the peer's base */
    uint32_t highest_ack;
    uint32_t last_window;

    /* handshake and close, as this side did them */
    uint32_t syn_frame;     /* the latest segment carrying its SYN */
    uint32_t fin_seq;       /* relative sequence number the FIN occupies */
    uint32_t fin_frame;     /* the latest segment carrying its FIN */

    uint8_t addr[LAB_ADDR_MAX];
    uint16_t port;
    uint16_t dup_acks;
    uint8_t last_flags;
    uint8_t n_holes;
    uint8_t fin_step;       /* the close step its FIN was */

    bool base_known;
    bool next_known;        /* something of this side has been seen */
    bool ack_seen;
    bool sent_syn;
    bool sent_synack;
    bool sent_fin;
    bool fin_first;         /* sent its FIN before it had received the peer's */
    bool reset;             /* it sent an RST: its side of the connection is gone */
    bool reset_got;         /* the peer's RST was captured (taken as arrived, for the receiver) */
    bool syn_proved;        /* its SYN (or SYN+ACK) was not captured: a later packet proves it */

    /* what this side is known to have received */
    bool evid_got_syn;      /* it acknowledged the peer's SYN */
    bool evid_got_fin;      /* it acknowledged the peer's FIN */
    bool deliv_got_syn;     /* the peer's SYN was captured before (taken as arrived) */
    bool deliv_got_fin;
    bool deliv_syn_acked;   /* an ACK of its own SYN was captured before */
    bool deliv_fin_acked;   /* an ACK of its own FIN was captured before */
    bool fin_acked_on_fin;  /* ... first on a segment that carried the peer's FIN (FIN+ACK) */

    bool data_after_peer_fin_acked; /* sent payload after acknowledging the peer's FIN */
} lab_side;

#define LAB_MAX_PENDING 16 /* requests awaiting a response that are remembered */

/* HTTP/1.x on one connection (lab_http.c). */
typedef struct lab_http_conn {
    uint32_t requests;
    uint32_t responses;
    int32_t advertised_timeout;  /* last Keep-Alive: timeout=N from the server; -1 = none */
    uint8_t nonpersistent_reason; /* of the last exchange: lab_nonpersistent_reason */
    bool declared_nonpersistent; /* a message said the connection ends after this exchange */
    bool seen;
    uint8_t switched;           /* lab_http_switch: after a 101 or a CONNECT 2xx no HTTP/1 follows */
    bool connect_pending;       /* a CONNECT request awaits its answer */
    char connect_target[LAB_HTTP_DETAIL_MAX]; /* its host:port */
    uint16_t pending_persistent; /* bit i: persistence of the i-th request awaiting an answer */
    uint8_t pending_count;
} lab_http_conn;

/* Connection-level facts, for the verdict (lab_verdict.c). */
typedef struct lab_conn_life {
    double first_time;
    double last_time;
    double last_payload_time;
    double end_time;            /* first FIN or RST */
    uint64_t endpoint_key;      /* client host + server endpoint */
    uint16_t parallel;
    uint8_t first_ender;        /* lab_dir of the first FIN/RST */
    bool payload_seen;
    bool payload_before_end;    /* payload before the first FIN/RST (idle counts from it) */
    bool tls_seen;              /* the TLS dissector decoded part of the payload */
    bool http2_seen;            /* the HTTP/2 dissector did */
    bool ended;                 /* a FIN or RST was seen */
    bool ended_by_rst;
    bool refused;
    bool counted_open;          /* counted in the endpoint registry as open */
} lab_conn_life;

typedef struct lab_conn {
    lab_side side[2];
    lab_conn_life life;
    lab_http_conn http;
    uint32_t stream;
    uint32_t generation;    /* bumped when a new SYN restarts the stream (port reuse) */
    bool roles_guessed;     /* mid-stream: server = lower port */
    bool midstream;         /* no SYN seen before the first segment */

    /* handshake */
    bool handshake_done;
    bool simultaneous_open;
    bool synack_proved;     /* the server's SYN+ACK is known only from the client's ACK */
    bool only_invalid;      /* every segment so far had contradictory flags (a probe) */

    /* close */
    bool fin_seen;
    uint8_t closer;         /* lab_dir of the first FIN */
    uint8_t close_kind;     /* lab_close_kind decided so far */
    uint8_t close_steps;    /* highest close step number given */
    bool step2_done;
    bool ack_of_fin_given[2]; /* the step that acknowledges side[i]'s FIN has been given */
    bool close_done;        /* both FINs acknowledged */
    bool rst_seen;
    bool rst_accepted;      /* rst_seen came from an RST that counted (always, today) */
    bool went_on;           /* the endpoints went on after an accepted RST (lab_rst.c) */
    uint8_t rst_sender;     /* lab_dir of the first accepted RST */
    uint32_t rst_sender_next; /* how far that side had sent when it sent the RST */
    uint32_t rst_frame;
} lab_conn;

/* Frees what a connection owns besides itself (before it is reused or freed). */
static inline void lab_conn_release(lab_conn *conn)
{
    for (unsigned d = 0; d < 2; d++) {
        free(conn->side[d].holes);
        conn->side[d].holes = NULL;
        conn->side[d].n_holes = 0;
    }
}

/* Direction index helpers. */
static inline unsigned lab_peer(unsigned dir) { return dir ^ 1u; }

/* Signed distance a − b in sequence space (RFC 1982 style, 32-bit wraparound). */
static inline int32_t lab_seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }

/* The relative sequence number of the byte after this segment. */
static inline uint32_t lab_segment_span(const lab_segment *seg)
{
    return seg->len + ((seg->flags & LAB_TCP_SYN) ? 1u : 0u) + ((seg->flags & LAB_TCP_FIN) ? 1u : 0u);
}

#endif
