/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder of one connection: its segments, the rows they are drawn as, and the text
 * rendering (the SVG one is in lab_ladder_svg.c).
 *
 * Rows. Every segment that means something on its own gets its own arrow: a step
 * (handshake, close, reset), any SYN/FIN/RST, a segment that ends an HTTP message, one
 * that changes a side's state, and one the analysis flagged (retransmission, gap,
 * keep-alive, duplicate or unseen ACK, …). What is left is plain data and its ACKs; a run
 * of LAB_LADDER_FOLD_MIN or more of those in a row becomes one "… N segments …" row. A
 * pause of LAB_LADDER_IDLE_MIN seconds or more between two segments gets an idle row,
 * and it also ends a run. */
#include "lab_ladder.h"

#include "lab_ladder_text.h"
#include "lab_names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- output buffer ---- */

void lab_ladder_out_init(lab_ladder_out *o) { memset(o, 0, sizeof(*o)); }

void lab_ladder_out_free(lab_ladder_out *o)
{
    free(o->data);
    memset(o, 0, sizeof(*o));
}

static bool out_reserve(lab_ladder_out *o, size_t more)
{
    if (o->failed)
        return false;
    if (o->len + more + 1 <= o->cap)
        return true;
    size_t cap = o->cap ? o->cap : 1024;
    while (cap < o->len + more + 1)
        cap *= 2;
    char *d = realloc(o->data, cap);
    if (!d) {
        o->failed = true;
        return false;
    }
    o->data = d;
    o->cap = cap;
    return true;
}

void lab_ladder_out_printf(lab_ladder_out *o, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0 && out_reserve(o, (size_t)n)) {
        vsnprintf(o->data + o->len, (size_t)n + 1, fmt, ap2);
        o->len += (size_t)n;
    }
    va_end(ap2);
}

void lab_ladder_out_xml(lab_ladder_out *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': lab_ladder_out_printf(o, "&amp;"); break;
        case '<': lab_ladder_out_printf(o, "&lt;"); break;
        case '>': lab_ladder_out_printf(o, "&gt;"); break;
        case '"': lab_ladder_out_printf(o, "&quot;"); break;
        default:
            if (out_reserve(o, 1)) {
                o->data[o->len++] = *s;
                o->data[o->len] = '\0';
            }
        }
    }
}

size_t lab_ladder_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* ---- the model ---- */

void lab_ladder_init(lab_ladder *l, uint32_t stream, uint32_t generation, const char *client, const char *server)
{
    memset(l, 0, sizeof(*l));
    l->stream = stream;
    l->generation = generation;
    snprintf(l->client, sizeof(l->client), "%s", client ? client : "?");
    snprintf(l->server, sizeof(l->server), "%s", server ? server : "?");
    l->start_client = l->start_server = LAB_LADDER_NO_STATE;
}

void lab_ladder_free(lab_ladder *l)
{
    for (size_t i = 0; i < l->n_segs; i++)
        free(l->segs[i].http);
    free(l->segs);
    free(l->rows);
    memset(l, 0, sizeof(*l));
}

lab_ladder_seg *lab_ladder_add(lab_ladder *l, uint32_t frame, double time, const lab_annotation *a)
{
    if (l->n_segs == l->cap_segs) {
        size_t cap = l->cap_segs ? l->cap_segs * 2 : 64;
        lab_ladder_seg *s = realloc(l->segs, cap * sizeof(*s));
        if (!s)
            return NULL;
        l->segs = s;
        l->cap_segs = cap;
    }
    lab_ladder_seg *s = &l->segs[l->n_segs++];
    memset(s, 0, sizeof(*s));
    s->frame = frame;
    s->time = time;
    s->a = *a;
    return s;
}

/* Copies at most max bytes of name, never cutting a UTF-8 sequence, without control
 * characters; "…" marks a cut. */
static void copy_name(char *dst, size_t max, const char *name)
{
    size_t o = 0, i = 0;
    for (; name[i] && o < max; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            continue;
        size_t n = 1;
        if (c >= 0xC0) {
            n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            size_t k = 1;
            while (k < n && ((unsigned char)name[i + k] & 0xC0) == 0x80)
                k++;
            if (k < n) /* broken sequence: skip its first byte */
                continue;
        } else if (c >= 0x80) {
            continue; /* stray continuation byte */
        }
        if (o + n > max)
            break;
        memcpy(dst + o, name + i, n);
        o += n;
        i += n - 1;
    }
    if (name[i] && o + 3 <= max + 3) {
        memcpy(dst + o, "\u2026", 3);
        o += 3;
    }
    dst[o] = '\0';
}

bool lab_ladder_add_http(lab_ladder_seg *s, bool is_request, uint16_t status, uint32_t index, const char *name)
{
    lab_ladder_http *h = realloc(s->http, (s->n_http + 1) * sizeof(*h));
    if (!h)
        return false;
    s->http = h;
    h = &s->http[s->n_http++];
    memset(h, 0, sizeof(*h));
    h->is_request = is_request;
    h->status = status;
    h->index = index;
    if (name)
        copy_name(h->name, LAB_LADDER_HTTP_NAME_MAX, name);
    return true;
}

/* ---- layout ---- */

static int sender_state(const lab_annotation *a)
{
    return a->dir == LAB_DIR_C2S ? a->state_client : a->state_server;
}

/* What a side's state becomes when it sends segment a, starting from `from`. */
static int after_sending(int from, const lab_annotation *a)
{
    if (a->flags & LAB_TCP_FIN) {
        if (from == LAB_ST_ESTABLISHED || from == LAB_ST_SYN_RECEIVED)
            return LAB_ST_FIN_WAIT_1;
        if (from == LAB_ST_CLOSE_WAIT)
            return LAB_ST_LAST_ACK;
    }
    return from;
}

/* The receiver's state once segment a has arrived is written where the arrow arrives —
 * unless the next segment shows that the receiver had not taken it in yet: a FIN whose
 * receiver still sends as ESTABLISHED (it goes on acknowledging earlier data, half-close),
 * or sends its own FIN as FIN-WAIT-1 (the FINs crossed: simultaneous close), a SYN whose
 * receiver is still in LISTEN when the next SYN arrives (it never got it), or a SYN answered
 * by a refusal (nobody was listening). Then nothing is written there, and the state appears
 * where that side's own segments show it. */
bool lab_ladder_arrival_holds(const lab_annotation *a, const lab_annotation *n)
{
    if (!n || !n->states_known || n->generation != a->generation)
        return true;
    unsigned receiver = a->dir ^ 1u;
    int next = receiver == LAB_DIR_C2S ? n->state_client : n->state_server;
    if (n->dir != receiver) /* the receiver gets the next segment too: its state before that one */
        return next == a->state_receiver_after;
    if (n->step_kind == LAB_STEP_RESET && n->reset_context == LAB_RST_REFUSED)
        return false;
    if (n->flags & LAB_TCP_RST)
        return true;
    return next == after_sending(a->state_receiver_after, n);
}

static bool arrival_state_holds(const lab_ladder *l, size_t i)
{
    return lab_ladder_arrival_holds(&l->segs[i].a, i + 1 < l->n_segs ? &l->segs[i + 1].a : NULL);
}

/* The state each side is in once segment i is sent and has arrived. */
static void states_after(const lab_ladder *l, size_t i, int *client, int *server)
{
    const lab_annotation *a = &l->segs[i].a;
    if (!a->states_known) {
        *client = *server = LAB_LADDER_NO_STATE;
        return;
    }
    int arrival = arrival_state_holds(l, i) ? a->state_receiver_after : LAB_LADDER_NO_STATE;
    if (a->dir == LAB_DIR_C2S) {
        *client = sender_state(a);
        *server = arrival;
    } else {
        *server = sender_state(a);
        *client = arrival;
    }
}

static bool changes_state(const lab_ladder *l, size_t i, int shown_client, int shown_server)
{
    int c, s;
    states_after(l, i, &c, &s);
    return (c != LAB_LADDER_NO_STATE && c != shown_client) || (s != LAB_LADDER_NO_STATE && s != shown_server);
}

static bool foldable(const lab_ladder *l, size_t i, int shown_client, int shown_server)
{
    const lab_ladder_seg *s = &l->segs[i];
    const lab_annotation *a = &s->a;
    if (a->step_kind != LAB_STEP_NONE || (a->flags & (LAB_TCP_SYN | LAB_TCP_FIN | LAB_TCP_RST)))
        return false;
    if (s->n_http || a->new_generation || a->first_of_stream || a->fills_gap)
        return false;
    if (a->seq_check != LAB_SEQ_IN_ORDER)
        return false;
    if (a->ack_check != LAB_ACK_NONE && a->ack_check != LAB_ACK_OK && a->ack_check != LAB_ACK_PARTIAL)
        return false;
    return !changes_state(l, i, shown_client, shown_server);
}

typedef struct layout_state {
    lab_ladder *l;
    size_t cap;
    int shown_client, shown_server;
    bool failed;
} layout_state;

static lab_ladder_row *new_row(layout_state *st, lab_ladder_row_kind kind, size_t first, size_t last)
{
    lab_ladder *l = st->l;
    if (st->failed)
        return NULL;
    if (l->n_rows == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 32;
        lab_ladder_row *r = realloc(l->rows, cap * sizeof(*r));
        if (!r) {
            st->failed = true;
            return NULL;
        }
        l->rows = r;
        st->cap = cap;
    }
    lab_ladder_row *r = &l->rows[l->n_rows++];
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->first = first;
    r->last = last;
    r->state_client = r->state_server = LAB_LADDER_NO_STATE;
    return r;
}

static void segment_row(layout_state *st, size_t i)
{
    lab_ladder_row *r = new_row(st, LAB_ROW_SEGMENT, i, i);
    if (!r)
        return;
    int c, s;
    states_after(st->l, i, &c, &s);
    if (c != LAB_LADDER_NO_STATE && c != st->shown_client)
        r->state_client = st->shown_client = c;
    if (s != LAB_LADDER_NO_STATE && s != st->shown_server)
        r->state_server = st->shown_server = s;
}

/* Segments [first, end) are a run of plain segments. */
static void flush_run(layout_state *st, size_t first, size_t end)
{
    if (end <= first)
        return;
    if (end - first < LAB_LADDER_FOLD_MIN) {
        for (size_t i = first; i < end; i++)
            segment_row(st, i);
        return;
    }
    lab_ladder_row *r = new_row(st, LAB_ROW_FOLD, first, end - 1);
    if (!r)
        return;
    for (size_t i = first; i < end; i++) {
        const lab_annotation *a = &st->l->segs[i].a;
        unsigned d = a->dir & 1u;
        r->segs[d]++;
        r->bytes[d] += a->len;
    }
}

bool lab_ladder_layout(lab_ladder *l)
{
    free(l->rows);
    l->rows = NULL;
    l->n_rows = 0;
    layout_state st = { .l = l };
    if (l->n_segs) {
        const lab_annotation *a = &l->segs[0].a;
        int c = LAB_LADDER_NO_STATE, s = LAB_LADDER_NO_STATE;
        if (a->states_known) {
            /* the receiver's state before the first segment is stored; the sender of a
               first SYN was CLOSED before sending it */
            int before_sender = (a->flags & LAB_TCP_SYN) && a->first_of_stream ? LAB_ST_CLOSED : LAB_LADDER_NO_STATE;
            if (a->dir == LAB_DIR_C2S) {
                c = before_sender;
                s = a->state_server;
            } else {
                s = before_sender;
                c = a->state_client;
            }
        }
        l->start_client = st.shown_client = c;
        l->start_server = st.shown_server = s;
    }
    size_t run = 0;
    for (size_t i = 0; i < l->n_segs; i++) {
        double gap = i ? l->segs[i].time - l->segs[i - 1].time : 0.0;
        bool idle = i && gap >= LAB_LADDER_IDLE_MIN;
        bool plain = foldable(l, i, st.shown_client, st.shown_server);
        if (idle || !plain) {
            flush_run(&st, run, i);
            run = i;
        }
        if (idle) {
            lab_ladder_row *r = new_row(&st, LAB_ROW_IDLE, i - 1, i);
            if (r)
                r->idle = gap;
        }
        if (!plain) {
            segment_row(&st, i);
            run = i + 1;
        }
    }
    flush_run(&st, run, l->n_segs);
    return !st.failed;
}

/* ---- labels ---- */

const char *lab_ladder_arrow_label(const lab_ladder_seg *s, char *buf, size_t size)
{
    const lab_annotation *a = &s->a;
    char flags[40];
    lab_ladder_text_flags(a->flags, flags, sizeof(flags));
    if (a->flags & LAB_TCP_ACK)
        lab_ladder_text_format(buf, size, "%s Seq=%u Ack=%u Len=%u", flags, a->seq, a->ack, a->len);
    else
        lab_ladder_text_format(buf, size, "%s Seq=%u Len=%u", flags, a->seq, a->len);
    return buf;
}

static void append(char *buf, size_t size, const char *sep, const char *text)
{
    size_t used = strlen(buf);
    if (!*text || used + 1 >= size)
        return;
    snprintf(buf + used, size - used, "%s%s", used ? sep : "", text);
}

const char *lab_ladder_step_label(const lab_ladder_seg *s, char *buf, size_t size)
{
    const lab_annotation *a = &s->a;
    char part[160];
    if (!size)
        return buf;
    lab_ladder_text_step(a->step_kind, a->step_num, a->step_total, a->reset_context, a->step_retransmitted, buf, size);
    lab_ladder_text_flagged(a->seq_check, a->ack_check, a->dup_count, a->step_retransmitted, part, sizeof(part));
    append(buf, size, "; ", part);
    for (unsigned i = 0; i < s->n_http; i++) {
        const lab_ladder_http *h = &s->http[i];
        if (h->is_request && h->name[0])
            lab_ladder_text_format(part, sizeof(part), lab_msg(LAB_MSG_LADDER_HTTP_REQUEST), h->name, h->index);
        else if (h->is_request)
            lab_ladder_text_format(part, sizeof(part), lab_msg(LAB_MSG_LADDER_HTTP_REQUEST_BARE), h->index);
        else
            lab_ladder_text_format(part, sizeof(part), lab_msg(LAB_MSG_LADDER_HTTP_RESPONSE), h->status, h->index);
        append(buf, size, "; ", part);
    }
    return buf;
}

const char *lab_ladder_fold_label(const lab_ladder_row *r, char *buf, size_t size)
{
    char what[160] = "";
    for (unsigned d = 0; d < 2; d++) {
        char amount[32], part[80];
        if (!r->bytes[d])
            continue;
        lab_ladder_text_amount(r->bytes[d], amount, sizeof(amount));
        lab_ladder_text_format(part, sizeof(part), lab_msg(LAB_MSG_LADDER_FOLD_DIR_BYTES), amount, lab_msg((lab_msg_id)(LAB_MSG_LADDER_DIR_C2S + d)));
        append(what, sizeof(what), ", ", part);
    }
    if (!what[0])
        snprintf(what, sizeof(what), "%s", lab_msg(LAB_MSG_LADDER_FOLD_ACKS_ONLY));
    return lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_FOLD), r->segs[0] + r->segs[1], what);
}

/* ---- text rendering ---- */

#define TXT_MID 52      /* columns between the two time lines */
#define TXT_STATE 13    /* width of a state column */

static void pad(lab_ladder_out *o, const char *s, size_t width, bool right)
{
    size_t w = lab_ladder_width(s);
    if (right)
        for (size_t i = w; i < width; i++)
            lab_ladder_out_printf(o, " ");
    lab_ladder_out_printf(o, "%s", s);
    if (!right)
        for (size_t i = w; i < width; i++)
            lab_ladder_out_printf(o, " ");
}

static const char *state_or_blank(int st) { return st == LAB_LADDER_NO_STATE ? "" : lab_state_name((unsigned)st); }

/* "|--- label --->|" or "|<--- label ---|", TXT_MID columns between the bars. */
static void arrow(lab_ladder_out *o, const char *label, bool to_right)
{
    size_t w = lab_ladder_width(label) + 2;
    size_t dashes = w + 2 < TXT_MID ? TXT_MID - w - 1 : 1; /* one column for the head */
    size_t before = dashes / 2, after = dashes - before;
    lab_ladder_out_printf(o, "|%s", to_right ? "" : "<");
    for (size_t i = 0; i < before; i++)
        lab_ladder_out_printf(o, "-");
    lab_ladder_out_printf(o, " %s ", label);
    for (size_t i = 0; i < after; i++)
        lab_ladder_out_printf(o, "-");
    lab_ladder_out_printf(o, "%s|", to_right ? ">" : "");
}

static void centred(lab_ladder_out *o, const char *text)
{
    size_t w = lab_ladder_width(text);
    size_t space = w < TXT_MID ? TXT_MID - w : 0;
    lab_ladder_out_printf(o, "|");
    for (size_t i = 0; i < space / 2; i++)
        lab_ladder_out_printf(o, " ");
    lab_ladder_out_printf(o, "%s", text);
    for (size_t i = 0; i < space - space / 2; i++)
        lab_ladder_out_printf(o, " ");
    lab_ladder_out_printf(o, "|");
}

static void line_start(lab_ladder_out *o, const char *time, const char *frame, int client_state)
{
    pad(o, time, 9, true);
    pad(o, frame, 8, true);
    lab_ladder_out_printf(o, "  ");
    pad(o, state_or_blank(client_state), TXT_STATE, false);
    lab_ladder_out_printf(o, " ");
}

static void line_end(lab_ladder_out *o, int server_state, const char *step)
{
    lab_ladder_out_printf(o, " ");
    if (*step) {
        pad(o, state_or_blank(server_state), TXT_STATE, false);
        lab_ladder_out_printf(o, " %s", step);
    } else {
        lab_ladder_out_printf(o, "%s", state_or_blank(server_state));
    }
    /* no trailing blanks */
    while (o->len && o->data[o->len - 1] == ' ')
        o->data[--o->len] = '\0';
    lab_ladder_out_printf(o, "\n");
}

static bool finished(const lab_ladder *l)
{
    for (size_t i = 0; i < l->n_segs; i++)
        if (l->segs[i].a.finishes_connection || (l->segs[i].a.flags & LAB_TCP_RST))
            return true;
    return false;
}

void lab_ladder_write_text(const lab_ladder *l, lab_ladder_out *o)
{
    char buf[400], buf2[200];
    lab_ladder_out_printf(o, "%s\n", lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_TITLE), l->stream, l->generation + 1,
                                                            l->client, l->server));
    if (l->n_segs && l->segs[0].a.roles_guessed)
        lab_ladder_out_printf(o, "%s\n", lab_msg(LAB_MSG_LADDER_NO_HANDSHAKE));
    if (l->n_segs && !l->segs[0].a.states_known)
        lab_ladder_out_printf(o, "%s\n", lab_msg(LAB_MSG_LADDER_STATES_UNKNOWN));

    /* column heads: "client" over the left time line, "server" over the right one */
    size_t mark = o->len;
    line_start(o, lab_msg(LAB_MSG_LADDER_COL_TIME), lab_msg(LAB_MSG_LADDER_COL_FRAME), LAB_LADDER_NO_STATE);
    /* take back the empty state column line_start wrote, to write its head instead: only
     * what was written (memory may have run out before anything was, data then NULL) */
    if (o->len >= mark + TXT_STATE + 1) {
        o->len -= TXT_STATE + 1;
        o->data[o->len] = '\0';
    }
    pad(o, lab_msg(LAB_MSG_LADDER_COL_CLIENT_STATE), TXT_STATE, false);
    lab_ladder_out_printf(o, " ");
    pad(o, lab_msg(LAB_MSG_LADDER_COL_CLIENT), TXT_MID / 2 + 1, false);
    pad(o, lab_msg(LAB_MSG_LADDER_COL_SERVER), TXT_MID - TXT_MID / 2 + 1, true);
    lab_ladder_out_printf(o, " ");
    pad(o, lab_msg(LAB_MSG_LADDER_COL_SERVER_STATE), TXT_STATE, false);
    lab_ladder_out_printf(o, " %s\n", lab_msg(LAB_MSG_LADDER_COL_STEP));

    line_start(o, "", lab_msg(LAB_MSG_LADDER_AT_START), l->start_client);
    centred(o, "");
    line_end(o, l->start_server, "");

    for (size_t i = 0; i < l->n_rows; i++) {
        const lab_ladder_row *r = &l->rows[i];
        const lab_ladder_seg *s = &l->segs[r->first];
        char time[32], frame[32];
        switch (r->kind) {
        case LAB_ROW_SEGMENT:
            snprintf(time, sizeof(time), "%.3f", s->time);
            snprintf(frame, sizeof(frame), "%u", s->frame);
            line_start(o, time, frame, r->state_client);
            arrow(o, lab_ladder_arrow_label(s, buf, sizeof(buf)), s->a.dir == LAB_DIR_C2S);
            line_end(o, r->state_server, lab_ladder_step_label(s, buf2, sizeof(buf2)));
            break;
        case LAB_ROW_FOLD:
            snprintf(time, sizeof(time), "%.3f", s->time);
            snprintf(frame, sizeof(frame), "%u-%u", s->frame, l->segs[r->last].frame);
            line_start(o, time, frame, LAB_LADDER_NO_STATE);
            centred(o, lab_ladder_fold_label(r, buf, sizeof(buf)));
            line_end(o, LAB_LADDER_NO_STATE, "");
            break;
        case LAB_ROW_IDLE:
            line_start(o, "", "", LAB_LADDER_NO_STATE);
            centred(o, lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_IDLE), r->idle));
            line_end(o, LAB_LADDER_NO_STATE, "");
            break;
        }
    }
    if (!finished(l))
        lab_ladder_out_printf(o, "%s\n", lab_msg(LAB_MSG_LADDER_END_OPEN));
}
