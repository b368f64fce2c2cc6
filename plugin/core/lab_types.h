/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lab Handshake analysis core: the records that go in and the annotations that come out.
 *
 * Plain C11, no Wireshark headers: the epan glue fills a lab_segment from the TCP
 * dissector's fields, and draws the lab_annotation it gets back. Everything a label says
 * is derived from the numbers stored here, so a stored annotation can be redrawn at any
 * time and always reads the same. */
#ifndef LAB_TYPES_H
#define LAB_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* TCP header flags, as in the TCP header (and tcp.flags). */
enum {
    LAB_TCP_FIN = 0x01,
    LAB_TCP_SYN = 0x02,
    LAB_TCP_RST = 0x04,
    LAB_TCP_PSH = 0x08,
    LAB_TCP_ACK = 0x10,
};

/* Flags that no TCP sends together: SYN opens, FIN closes, RST aborts. A segment carrying
 * two of them (a port scanner's probe) is no step of any connection. */
static inline bool lab_flags_contradictory(uint8_t flags)
{
    unsigned n = ((flags & LAB_TCP_SYN) != 0) + ((flags & LAB_TCP_FIN) != 0) + ((flags & LAB_TCP_RST) != 0);
    return n >= 2;
}

#define LAB_ADDR_MAX 16 /* an IPv6 address */

/* One TCP segment as the TCP dissector saw it. Raw (absolute) sequence numbers: the core
 * makes them relative itself, so the arithmetic does not depend on a TCP preference. */
typedef struct lab_segment {
    uint32_t frame;         /* frame number, for back references in texts */
    double time;            /* seconds, any fixed origin */
    uint32_t stream;        /* tcp.stream */
    uint8_t src_addr[LAB_ADDR_MAX];
    uint8_t dst_addr[LAB_ADDR_MAX];
    uint8_t addr_len;       /* 4 or 16 (0: unknown, ports alone tell the sides apart) */
    uint16_t src_port;
    uint16_t dst_port;
    uint32_t seq_raw;
    uint32_t ack_raw;
    uint32_t len;           /* payload bytes (tcp.len) */
    uint32_t window;        /* the window as TCP calculated it (tcp.window_size): only compared for duplicate ACKs */
    uint8_t flags;          /* LAB_TCP_* */
    uint8_t app;            /* LAB_APP_*: which application dissectors decoded its payload */
} lab_segment;

/* Application protocols a segment's payload was decoded as (lab_segment.app, bit set). */
enum {
    LAB_APP_TLS = 0x01,
    LAB_APP_HTTP2 = 0x02,
};

typedef enum lab_dir {
    LAB_DIR_C2S = 0,
    LAB_DIR_S2C = 1,
} lab_dir;

typedef enum lab_phase {
    LAB_PHASE_HANDSHAKE = 0,
    LAB_PHASE_DATA,
    LAB_PHASE_CLOSING,
    LAB_PHASE_CLOSED,
    LAB_PHASE_RESET,
    LAB_PHASE_UNKNOWN,
    LAB_PHASE_COUNT
} lab_phase;

/* RFC 9293 connection states. */
typedef enum lab_state {
    LAB_ST_CLOSED = 0,
    LAB_ST_LISTEN,
    LAB_ST_SYN_SENT,
    LAB_ST_SYN_RECEIVED,
    LAB_ST_ESTABLISHED,
    LAB_ST_FIN_WAIT_1,
    LAB_ST_FIN_WAIT_2,
    LAB_ST_CLOSE_WAIT,
    LAB_ST_CLOSING,
    LAB_ST_LAST_ACK,
    LAB_ST_TIME_WAIT,
    LAB_ST_COUNT
} lab_state;

typedef enum lab_step_kind {
    LAB_STEP_NONE = 0,
    LAB_STEP_HANDSHAKE,
    LAB_STEP_CLOSE,
    LAB_STEP_RESET,
} lab_step_kind;

typedef enum lab_close_kind {
    LAB_CLOSE_NONE = 0,     /* not decided yet (close step 1) or no close */
    LAB_CLOSE_FOUR_WAY,
    LAB_CLOSE_THREE_WAY,
    LAB_CLOSE_SIMULTANEOUS,
    LAB_CLOSE_ABORT,
    LAB_CLOSE_HALF_CLOSED,
    LAB_CLOSE_COUNT
} lab_close_kind;

typedef enum lab_seq_check {
    LAB_SEQ_IN_ORDER = 0,
    LAB_SEQ_GAP,
    LAB_SEQ_RETRANSMISSION,
    LAB_SEQ_OUT_OF_ORDER,
    LAB_SEQ_KEEPALIVE,
    LAB_SEQ_FIRST_SEEN,
    LAB_SEQ_COUNT
} lab_seq_check;

typedef enum lab_ack_check {
    LAB_ACK_NONE = 0,       /* no ACK flag, or nothing of the peer seen to compare with */
    LAB_ACK_OK,
    LAB_ACK_PARTIAL,
    LAB_ACK_DUPLICATE,
    LAB_ACK_UNSEEN,
    LAB_ACK_OLD,
    LAB_ACK_COUNT
} lab_ack_check;

/* What a reset step interrupted. */
typedef enum lab_reset_context {
    LAB_RST_REFUSED = 0,    /* answers a SYN: nobody listens on that port */
    LAB_RST_HANDSHAKE,      /* during the handshake */
    LAB_RST_DATA,           /* an established connection, no FIN yet */
    LAB_RST_CLOSING,        /* after a FIN */
    LAB_RST_AFTER_CLOSE,    /* after the close was complete, or after another RST */
    LAB_RST_MIDSTREAM,      /* no handshake seen, no FIN before it */
} lab_reset_context;

/* What a segment that is not a plain step of its connection is instead, or what it proves
 * that the capture did not show (docs/semantics.md, "What a packet proves"). */
typedef enum lab_note {
    LAB_NOTE_NONE = 0,
    LAB_NOTE_SYN_PROVED,        /* a SYN+ACK whose SYN was not captured (capture started late) */
    LAB_NOTE_SYNACK_PROVED,     /* an ACK of the peer's ISN + 1 whose SYN+ACK was not captured */
    LAB_NOTE_ONE_SIDED,         /* the other direction has not been captured at all */
    LAB_NOTE_INVALID_FLAGS,     /* SYN with FIN or RST, or FIN with RST: no step */
    LAB_NOTE_IN_FLIGHT,         /* after the peer's RST: sent before that RST had arrived */
    LAB_NOTE_LATE,              /* after its own RST: a late segment of an aborted connection */
    LAB_NOTE_NEW_ATTEMPT,       /* a new SYN on the same ports after a reset */
    LAB_NOTE_RST_NOT_ACCEPTABLE,/* an RST its receiver must ignore (RFC 9293 3.10.7): no step */
    LAB_NOTE_WENT_ON,           /* the endpoints went on after an accepted RST */
    LAB_NOTE_FIN_WITHOUT_ACK,   /* a FIN without ACK: every state drops it (RFC 9293 3.10.7): no step */
    LAB_NOTE_COUNT
} lab_note;

/* The result for one segment. Compact: one of these is kept per TCP packet for the whole
 * file (60 bytes), so nothing is stored that the record already implies — the frame number
 * is where the glue keeps it, and the next sequence number is lab_annotation_seq_next(). */
typedef struct lab_annotation {
    uint32_t stream;
    uint32_t seq;           /* relative */
    uint32_t len;
    uint32_t seq_expected;  /* where this direction's previous segments ended */
    uint32_t ack;           /* relative */
    uint32_t ack_expected;  /* the peer's highest seq_next so far */
    uint32_t basis_seq;     /* the peer segment that ended at ack_expected: its seq, */
    uint32_t basis_len;     /* its payload length */
    uint32_t ref_frame;     /* the earlier step this one answers: the FIN an ACK step
                               acknowledges, the SYN a refusal answers (the latest captured copy
                               of either); 0 = none */
    uint32_t generation;    /* which connection of this stream (a new SYN after a close or reset
                               starts the next one) */
    uint16_t dup_count;     /* duplicate ACK number (1 = first duplicate) */
    uint8_t flags;          /* LAB_TCP_* of this segment */
    uint8_t basis_flags;    /* LAB_TCP_SYN/FIN of the basis segment */
    uint8_t dir;            /* lab_dir */
    uint8_t phase;          /* lab_phase */
    uint8_t step_kind;      /* lab_step_kind */
    uint8_t step_num;       /* 1..4; 0 = not a step */
    uint8_t step_total;     /* 3 or 4 once known; 0 = not known yet */
    uint8_t close_kind;     /* lab_close_kind; NONE = not given */
    uint8_t closer;         /* lab_dir of the first FIN's sender (close steps) */
    uint8_t state_client;   /* lab_state */
    uint8_t state_server;
    uint8_t state_receiver_after; /* the receiver's state once this segment has arrived */
    uint8_t seq_check;      /* lab_seq_check */
    uint8_t ack_check;      /* lab_ack_check */
    uint8_t reset_context;  /* lab_reset_context, on reset steps */
    uint8_t note;           /* lab_note */
    bool roles_guessed : 1; /* no SYN seen: server = lower port */
    bool states_known : 1;
    bool seq_ok_known : 1;
    bool seq_ok : 1;
    bool has_ack : 1;       /* ack_expected/ack_ok meaningful */
    bool step_retransmitted : 1;
    bool syn_data : 1;      /* SYN carrying payload (TCP Fast Open) */
    bool simultaneous_open : 1;
    bool new_generation : 1;/* a new SYN restarted the analysis of this stream (port reuse) */
    bool first_of_stream : 1; /* the first segment of this connection in the capture */
    bool fills_gap : 1;     /* a retransmission that fills a gap: its first copy was never captured */
    bool conn_snapshot : 1; /* a close/reset step: the glue keeps the connection summary with it */
    bool payload : 1;       /* carries payload that is new data (not a keep-alive byte) */
    bool ends_connection : 1;   /* the first FIN or RST of the connection */
    bool server_answered : 1;   /* the server had sent something before this segment */
    bool finishes_connection : 1; /* the close completes here, or the first RST */
} lab_annotation;

/* The relative sequence number right after this segment: Seq + Len, plus 1 for a SYN and
 * 1 for a FIN (each occupies one sequence number). */
static inline uint32_t lab_annotation_seq_next(const lab_annotation *a)
{
    return a->seq + a->len + ((a->flags & LAB_TCP_SYN) ? 1u : 0u) + ((a->flags & LAB_TCP_FIN) ? 1u : 0u);
}

/* ---- HTTP/1.x messages and per-connection verdicts (docs/semantics.md, "HTTP") ---- */

/* Connection-header tokens seen on a message. */
enum {
    LAB_HTTP_CONN_CLOSE = 0x01,
    LAB_HTTP_CONN_KEEPALIVE = 0x02,
};

/* What the HTTP dissector showed about one request or response. */
typedef struct lab_http_message {
    bool is_request;
    bool version_known;
    uint8_t version_major;      /* 1 */
    uint8_t version_minor;      /* 0 or 1 */
    uint16_t status;            /* responses */
    uint8_t connection;         /* LAB_HTTP_CONN_* */
    int32_t keepalive_timeout;  /* seconds from "Keep-Alive: timeout=N"; -1 = none */
    bool has_range;             /* request carries a Range header */
    bool conditional;           /* request carries If-None-Match / If-Modified-Since */
    bool is_connect;            /* request method CONNECT */
    const char *upgrade;        /* response: the Upgrade header's value, or NULL */
    const char *target;         /* request: the request target (CONNECT: host:port), or NULL */
} lab_http_message;

/* What a connection stopped carrying HTTP/1 for (lab_http_annotation.switched). */
typedef enum lab_http_switch {
    LAB_SWITCH_NONE = 0,
    LAB_SWITCH_UPGRADE,     /* 101 Switching Protocols: the Upgrade protocol follows */
    LAB_SWITCH_TUNNEL,      /* 2xx to CONNECT: a tunnel to host:port follows */
    LAB_SWITCH_COUNT
} lab_http_switch;

#define LAB_HTTP_DETAIL_MAX 48 /* room for an Upgrade value or a CONNECT target, NUL included */

/* Teaching notes on a message (bit set). */
enum {
    LAB_HTTP_NOTE_NOT_MODIFIED = 0x01,  /* 304: cache revalidation */
    LAB_HTTP_NOTE_PARTIAL = 0x02,       /* 206: answer to a Range request */
    LAB_HTTP_NOTE_PIPELINED = 0x04,     /* request sent before the previous response */
    LAB_HTTP_NOTE_CONDITIONAL = 0x08,   /* request asks "only if changed" */
    LAB_HTTP_NOTE_RANGE = 0x10,         /* request asks for part of a resource */
};

typedef enum lab_nonpersistent_reason {
    LAB_NP_NONE = 0,
    LAB_NP_SERVER_CLOSE,    /* the response says Connection: close */
    LAB_NP_CLIENT_CLOSE,    /* the request said Connection: close */
    LAB_NP_HTTP10,          /* HTTP/1.0 without Connection: keep-alive */
} lab_nonpersistent_reason;

typedef struct lab_http_annotation {
    uint32_t request_index;     /* n-th request of the connection (the response: of its request) */
    int32_t keepalive_timeout;  /* -1 = none */
    uint16_t status;
    uint8_t notes;              /* LAB_HTTP_NOTE_* */
    uint8_t nonpersistent_reason; /* why persistent is false */
    bool is_request;
    bool persistent;            /* the connection may be reused after this message (RFC 9112) */
    bool closing;               /* a FIN or RST had already been sent on the connection (this
                                   segment's included): it will not be reused, whatever the
                                   message's headers say */
    bool reuse_after_close;     /* a request on a connection declared non-persistent */
    bool interim;               /* a 1xx response: it answers no request */
    bool request_unseen;        /* a response whose request was not seen (not captured, or not
                                   decoded as HTTP): it still counts in the connection's requests */
    uint8_t switched;           /* lab_http_switch this message makes */
    char detail[LAB_HTTP_DETAIL_MAX]; /* the Upgrade protocol, or the tunnel's host:port */
} lab_http_annotation;

typedef enum lab_closer {
    LAB_CLOSER_NONE = 0,        /* still open at the end of the capture */
    LAB_CLOSER_CLIENT,
    LAB_CLOSER_SERVER,
    LAB_CLOSER_BOTH,            /* simultaneous close */
    LAB_CLOSER_COUNT
} lab_closer;

typedef enum lab_verdict {
    LAB_VERDICT_OPEN = 0,       /* no FIN or RST yet */
    LAB_VERDICT_REFUSED,
    LAB_VERDICT_UNUSED,         /* handshake, then closed without any payload */
    LAB_VERDICT_SHORT,          /* server closed after a non-persistent exchange */
    LAB_VERDICT_SERVER_TIMEOUT, /* server closed when idle; it had advertised a timeout */
    LAB_VERDICT_SERVER_IDLE,    /* server closed when idle; no timeout advertised */
    LAB_VERDICT_CLIENT_CLOSED,
    LAB_VERDICT_SIMULTANEOUS,
    LAB_VERDICT_SERVER_CLOSED,  /* server closed first where HTTP/1 keep-alive does not apply
                                   (no HTTP seen, or a tunnel / an upgraded connection) */
    LAB_VERDICT_COUNT
} lab_verdict;

/* Facts about one connection, as far as the capture has shown them. */
typedef struct lab_conn_summary {
    uint32_t stream;
    uint32_t requests;
    uint32_t responses;
    double idle;                /* seconds from the last payload (or the open) to the first
                                   FIN/RST, or to the last packet of the capture when open */
    double lifetime;            /* first packet to first FIN/RST (or last packet) */
    int32_t advertised_timeout; /* last Keep-Alive: timeout=N from the server; -1 = none */
    uint16_t parallel;          /* other connections client→same server endpoint open when it began */
    uint8_t closer;             /* lab_closer */
    uint8_t verdict;            /* lab_verdict */
    uint8_t nonpersistent_reason; /* lab_nonpersistent_reason of the last exchange */
    uint8_t close_kind;         /* lab_close_kind so far */
    bool ended_by_rst;
    bool nodata;                /* handshake completed, no payload */
    bool handshake_seen;
    bool timeout_mismatch;      /* server closed on a timeout other than the advertised one */
    bool http_seen;
    bool tls_seen;              /* payload decoded as TLS */
    bool http2_seen;            /* payload decoded as HTTP/2 */
    bool went_on;               /* the endpoints went on after an accepted RST */
    uint8_t switched;           /* lab_http_switch of the connection */
} lab_conn_summary;

#endif
