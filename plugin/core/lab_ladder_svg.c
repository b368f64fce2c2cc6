/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder of one connection as an SVG for a lab report: the same rows as the text
 * ladder (lab_ladder.c), drawn the way textbooks draw it — two vertical time lines,
 * one slanted arrow per segment labelled with its flags and relative numbers, the state
 * each side enters written beside its line, the step on the right, the HTTP message under
 * its arrow, time on the left.
 *
 * Size: 800 user units wide, shown 210 mm wide (A4 portrait); one unit is 0.26 mm, so the
 * 10.5-unit text prints at about 8 pt. Long ladders simply grow taller. */
#include "lab_ladder.h"

#include "lab_ladder_text.h"
#include "lab_names.h"

#include <stdio.h>
#include <string.h>

#define SVG_W 800.0
#define X_TIME 58.0     /* right edge of the time column */
#define X_CLIENT 215.0  /* client time line */
#define X_SERVER 525.0  /* server time line */
#define X_STEP 628.0    /* left edge of the step column */
#define H_SEG 38.0
#define H_SEG_HTTP 48.0
#define H_FOLD 30.0
#define H_IDLE 34.0
#define SLOPE 14.0      /* how far an arrow drops while crossing: time goes on */

/* Latin first; Noto Sans CJK SC for a Chinese table of words (fonts-noto-cjk on Debian). */
static const char font_family[] =
    "DejaVu Sans, Noto Sans, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, Arial, sans-serif";

static const char color_c2s[] = "#1d4ed8";
static const char color_s2c[] = "#9a3412";

static const char *step_color(unsigned kind)
{
    switch (kind) {
    case LAB_STEP_HANDSHAKE: return "#15803d";
    case LAB_STEP_CLOSE: return "#b91c1c";
    case LAB_STEP_RESET: return "#7f1d1d";
    default: return "#374151";
    }
}

static double row_height(const lab_ladder *l, const lab_ladder_row *r)
{
    switch (r->kind) {
    case LAB_ROW_SEGMENT: return l->segs[r->first].n_http ? H_SEG_HTTP : H_SEG;
    case LAB_ROW_FOLD: return H_FOLD;
    default: return H_IDLE;
    }
}

/* <text> with XML-escaped content. anchor: "start", "middle" or "end". */
static void text(lab_ladder_out *o, double x, double y, const char *anchor, const char *style, const char *s)
{
    lab_ladder_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
                          style && *style ? " " : "", style ? style : "");
    lab_ladder_out_xml(o, s);
    lab_ladder_out_printf(o, "</text>\n");
}

static void state_label(lab_ladder_out *o, int state, bool client, double y)
{
    if (state == LAB_LADDER_NO_STATE)
        return;
    text(o, client ? X_CLIENT - 8 : X_SERVER + 8, y + 4, client ? "end" : "start", "class=\"state\"",
         lab_state_name((unsigned)state));
}

static void time_line(lab_ladder_out *o, double y0, double y1, bool dashed)
{
    for (int side = 0; side < 2; side++)
        lab_ladder_out_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"life%s\"/>\n",
                              side ? X_SERVER : X_CLIENT, y0, side ? X_SERVER : X_CLIENT, y1, dashed ? " idle" : "");
}

static void segment(lab_ladder_out *o, const lab_ladder *l, const lab_ladder_row *r, double y0)
{
    const lab_ladder_seg *s = &l->segs[r->first];
    bool c2s = s->a.dir == LAB_DIR_C2S;
    double x_from = c2s ? X_CLIENT : X_SERVER, x_to = c2s ? X_SERVER : X_CLIENT;
    double y_from = y0 + 14, y_to = y_from + SLOPE;
    double x_mid = (X_CLIENT + X_SERVER) / 2, y_mid = (y_from + y_to) / 2;
    char buf[200];

    lab_ladder_out_printf(o, "<g class=\"seg\" data-frame=\"%u\">\n", s->frame);
    text(o, X_TIME, y_from + 4, "end", "class=\"time\"", lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_SECONDS), s->time));
    lab_ladder_text_format(buf, sizeof(buf), "#%u", s->frame);
    text(o, X_TIME + 48, y_from + 4, "end", "class=\"frame\"", buf);
    lab_ladder_out_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" class=\"arrow\" "
                             "marker-end=\"url(#head-%s)\"/>\n",
                          x_from, y_from, x_to + (c2s ? -2 : 2), y_to, c2s ? color_c2s : color_s2c, c2s ? "c2s" : "s2c");
    lab_ladder_text_format(buf, sizeof(buf), "style=\"fill:%s\" class=\"label\"", c2s ? color_c2s : color_s2c);
    char label[120];
    text(o, x_mid, y_from - 3, "middle", buf, lab_ladder_arrow_label(s, label, sizeof(label)));
    /* states: the sender's where the arrow leaves, the receiver's where it arrives */
    state_label(o, r->state_client, true, c2s ? y_from : y_to);
    state_label(o, r->state_server, false, c2s ? y_to : y_from);
    /* the step on the right; each HTTP message under the arrow */
    if (s->a.step_kind != LAB_STEP_NONE) {
        lab_ladder_text_step(s->a.step_kind, s->a.step_num, s->a.step_total, s->a.reset_context,
                             s->a.step_retransmitted, label, sizeof(label));
        lab_ladder_text_format(buf, sizeof(buf), "style=\"fill:%s\" class=\"step\"", step_color(s->a.step_kind));
        text(o, X_STEP, y_mid + 4, "start", buf, label);
    }
    /* what the analysis flagged (retransmission, duplicate ACK, …), under the step */
    lab_ladder_text_flagged(s->a.seq_check, s->a.ack_check, s->a.dup_count, s->a.step_retransmitted, label,
                            sizeof(label));
    if (*label)
        text(o, X_STEP, y_mid + (s->a.step_kind != LAB_STEP_NONE ? 15 : 4), "start", "class=\"flagged\"", label);
    for (unsigned i = 0; i < s->n_http; i++) {
        lab_ladder_seg one = *s;
        one.a.step_kind = LAB_STEP_NONE;
        one.http = &s->http[i];
        one.n_http = 1;
        text(o, x_mid, y_mid + 15 + 11.0 * i, "middle", "class=\"http\"", lab_ladder_step_label(&one, label, sizeof(label)));
    }
    lab_ladder_out_printf(o, "</g>\n");
}

static void fold(lab_ladder_out *o, const lab_ladder *l, const lab_ladder_row *r, double y0)
{
    char buf[200];
    lab_ladder_out_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" class=\"fold\"/>\n",
                          X_CLIENT + 6, y0 + 4, X_SERVER - X_CLIENT - 12, H_FOLD - 8);
    text(o, X_TIME, y0 + 19, "end", "class=\"time\"",
         lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_SECONDS), l->segs[r->first].time));
    lab_ladder_text_format(buf, sizeof(buf), "#%u\u2013%u", l->segs[r->first].frame, l->segs[r->last].frame);
    text(o, X_TIME + 48, y0 + 19, "end", "class=\"frame\"", buf);
    text(o, (X_CLIENT + X_SERVER) / 2, y0 + 19, "middle", "class=\"foldtext\"", lab_ladder_fold_label(r, buf, sizeof(buf)));
}

static void idle(lab_ladder_out *o, const lab_ladder_row *r, double y0)
{
    char buf[80];
    text(o, (X_CLIENT + X_SERVER) / 2, y0 + H_IDLE / 2 + 4, "middle", "class=\"idle\"",
         lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_IDLE), r->idle));
}

static void styles(lab_ladder_out *o)
{
    lab_ladder_out_printf(o, "<style>\n"
                             "text { font-family: %s; font-size: 10.5px; fill: #111827; }\n"
                             ".title { font-size: 14px; font-weight: bold; }\n"
                             ".note { font-size: 9.5px; fill: #4b5563; }\n"
                             ".head { font-size: 12px; font-weight: bold; }\n"
                             ".endpoint { font-size: 10px; fill: #374151; }\n"
                             ".time { font-size: 10px; }\n"
                             ".frame { font-size: 8.5px; fill: #6b7280; }\n"
                             ".state { font-size: 10px; font-weight: bold; fill: #6d28d9; }\n"
                             ".label { font-size: 10.5px; }\n"
                             ".step { font-size: 11px; font-weight: bold; }\n"
                             ".flagged { font-size: 9.5px; fill: #b45309; }\n"
                             ".http { font-size: 10px; fill: #0f766e; font-style: italic; }\n"
                             ".foldtext, .idle { font-size: 10px; fill: #374151; font-style: italic; }\n"
                             ".life { stroke: #111827; stroke-width: 1.6; }\n"
                             ".life.idle { stroke-dasharray: 2 4; }\n"
                             ".arrow { stroke-width: 1.3; }\n"
                             ".fold { fill: #f3f4f6; stroke: #9ca3af; stroke-dasharray: 4 3; }\n"
                             "</style>\n",
                          font_family);
}

void lab_ladder_write_svg(const lab_ladder *l, const char *capture_name, lab_ladder_out *o)
{
    char buf[400];
    double y_top = 34;
    int notes = 0;
    if (l->n_segs && l->segs[0].a.roles_guessed)
        notes++;
    if (l->n_segs && !l->segs[0].a.states_known)
        notes++;
    double y_heads = y_top + 14 + 13.0 * notes;
    double y_rows = y_heads + 52;
    double h = y_rows;
    for (size_t i = 0; i < l->n_rows; i++)
        h += row_height(l, &l->rows[i]);
    double y_end = h;
    h += 56;

    lab_ladder_out_printf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"210mm\" "
                             "height=\"%.1fmm\" viewBox=\"0 0 %.0f %.0f\">\n",
                          h * 210.0 / SVG_W, SVG_W, h);
    char heading[300];
    lab_ladder_text_format(heading, sizeof(heading), lab_msg(LAB_MSG_LADDER_TITLE), l->stream, l->generation + 1, l->client, l->server);
    lab_ladder_out_printf(o, "<title>");
    lab_ladder_out_xml(o, lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_SVG_TITLE),
                                                 capture_name && *capture_name ? capture_name : heading));
    lab_ladder_out_printf(o, "</title>\n");
    styles(o);
    lab_ladder_out_printf(o, "<defs>\n");
    for (int d = 0; d < 2; d++)
        lab_ladder_out_printf(o, "<marker id=\"head-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                                 "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
                              d ? "s2c" : "c2s", d ? color_s2c : color_c2s);
    lab_ladder_out_printf(o, "</defs>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");

    text(o, 16, 22, "start", "class=\"title\"", heading);
    double y = y_top + 4;
    if (l->n_segs && l->segs[0].a.roles_guessed) {
        text(o, 16, y, "start", "class=\"note\"", lab_msg(LAB_MSG_LADDER_NO_HANDSHAKE));
        y += 13;
    }
    if (l->n_segs && !l->segs[0].a.states_known)
        text(o, 16, y, "start", "class=\"note\"", lab_msg(LAB_MSG_LADDER_STATES_UNKNOWN));

    /* heads of the two time lines and of the columns */
    text(o, X_CLIENT, y_heads + 12, "middle", "class=\"head\"", lab_msg(LAB_MSG_LADDER_COL_CLIENT));
    text(o, X_CLIENT, y_heads + 25, "middle", "class=\"endpoint\"", l->client);
    text(o, X_SERVER, y_heads + 12, "middle", "class=\"head\"", lab_msg(LAB_MSG_LADDER_COL_SERVER));
    text(o, X_SERVER, y_heads + 25, "middle", "class=\"endpoint\"", l->server);
    text(o, X_TIME, y_heads + 25, "end", "class=\"note\"", lab_msg(LAB_MSG_LADDER_COL_TIME));
    text(o, X_STEP, y_heads + 25, "start", "class=\"note\"", lab_msg(LAB_MSG_LADDER_COL_STEP_SVG));
    time_line(o, y_heads + 31, y_rows, false);
    state_label(o, l->start_client, true, y_rows - 8);
    state_label(o, l->start_server, false, y_rows - 8);

    y = y_rows;
    for (size_t i = 0; i < l->n_rows; i++) {
        const lab_ladder_row *r = &l->rows[i];
        double rh = row_height(l, r);
        time_line(o, y, y + rh, r->kind == LAB_ROW_IDLE);
        switch (r->kind) {
        case LAB_ROW_SEGMENT: segment(o, l, r, y); break;
        case LAB_ROW_FOLD: fold(o, l, r, y); break;
        case LAB_ROW_IDLE: idle(o, r, y); break;
        }
        y += rh;
    }
    time_line(o, y_end, y_end + 10, false);

    y = y_end + 30;
    bool open = true;
    for (size_t i = 0; i < l->n_segs; i++)
        if (l->segs[i].a.finishes_connection || (l->segs[i].a.flags & LAB_TCP_RST))
            open = false;
    if (open) {
        text(o, (X_CLIENT + X_SERVER) / 2, y_end + 22, "middle", "class=\"idle\"", lab_msg(LAB_MSG_LADDER_END_OPEN));
        y += 6;
    }
    text(o, 16, y, "start", "class=\"note\"", lab_msg(LAB_MSG_LADDER_RELATIVE_NOTE));
    if (capture_name && *capture_name)
        text(o, 16, y + 13, "start", "class=\"note\"", capture_name);
    lab_ladder_out_printf(o, "</svg>\n");
}
