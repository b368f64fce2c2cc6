/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder in Wireshark's GUI: Statistics → Lab Handshake Ladder (and tshark -z lab,rows).
 *
 * Wireshark's public API gives a plugin no way to draw a picture in a window, but it shows a
 * "simple statistics table" (stat_tap_table_ui) from the Statistics menu, with a display
 * filter box and retapping. This file fills one such table per connection with the
 * ladder's rows: time, frame, the state the client enters, the arrow (→ or ←, flags, relative
 * Seq/Ack/Len), the state the server enters, the step and HTTP message. The rows are the
 * ladder's (plugin/core/lab_ladder.c) built one segment at a time, so two things differ from
 * the text and the SVG: no folding of long data runs (every segment is a row), and HTTP
 * requests are named by number only (this table has no access to the HTTP tap). The pictures
 * themselves come from tshark -z lab,ladder,svg=FOLDER (README). */
#include "lab_ladder_table.h"

#include <string.h>

#include <glib.h>

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "core/lab_ladder.h"
#include "core/lab_ladder_text.h"
#include "core/lab_names.h"
#include "lab_fields.h"
#include "lab_frame.h"

/* COL_ROW numbers the rows: Wireshark's dialog sorts by the first column. */
enum { COL_ROW, COL_TIME, COL_FRAME, COL_CLIENT_STATE, COL_SEGMENT, COL_SERVER_STATE, COL_STEP, N_COLS };

typedef struct rows_conn {
    stat_tap_table *table;
    int shown[2];               /* the state last written for the client, the server */
    bool have_prev;
    lab_annotation prev;
    double prev_time;
    guint prev_row;
    bool prev_arrival_written;  /* the receiver's state was written on prev_row ... */
    int prev_arrival_was;       /* ... replacing this one */
} rows_conn;

/* Connections of the table being filled: key (stream << 32 | generation) -> rows_conn.
 * Tables are owned by Wireshark's stat_tap_table_ui; titles by us (a table keeps the pointer). */
static GHashTable *conns;
static GPtrArray *titles;

static stat_tap_table_item columns[N_COLS];

static void forget_conns(void)
{
    if (conns)
        g_hash_table_remove_all(conns);
    else
        conns = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
}

/* Called each time the dialog fills its tables (opened, filter applied). Wireshark's dialog
 * expects at least one table to exist from here on, so the first one is a heading that
 * points to the pictures; it also stands alone when the capture has no TCP. */
static void rows_init(stat_tap_table_ui *ui)
{
    forget_conns();
    if (!titles)
        titles = g_ptr_array_new_with_free_func(g_free);
    if (ui->tables && ui->tables->len > 0)
        return; /* the tables (and the titles they point to) are still there: they get reset */
    g_ptr_array_set_size(titles, 0); /* their tables were freed with the previous dialog */
    char *heading = g_strdup(lab_msg(LAB_MSG_LADDER_GUI_HEADING));
    g_ptr_array_add(titles, heading);
    stat_tap_add_table(ui, stat_tap_init_table(heading, N_COLS, 0, NULL));
}

static void cell_free(stat_tap_table_item_type *cell)
{
    if (cell->type == TABLE_ITEM_STRING) {
        g_free((char *)cell->value.string_value);
        cell->value.string_value = NULL;
    }
}

static void rows_free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_, stat_tap_table_item_type *cell)
{
    cell_free(cell);
}

/* A new run over the packets (a filter was applied, the file reloaded): the rows go. */
static void rows_reset(stat_tap_table *table)
{
    for (guint i = 0; i < table->num_elements; i++) {
        for (guint c = 0; c < table->num_fields; c++)
            cell_free(&table->elements[i][c]);
        g_free(table->elements[i]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    forget_conns();
}

static void set_string(stat_tap_table_item_type *row, int col, const char *s)
{
    row[col].type = TABLE_ITEM_STRING;
    row[col].value.string_value = g_strdup(s ? s : "");
}

static const char *state_text(int st) { return st == LAB_LADDER_NO_STATE ? "" : lab_state_name((unsigned)st); }

static guint add_row(rows_conn *c, const char *time, guint frame, int client_state, const char *segment,
                     int server_state, const char *step)
{
    stat_tap_table_item_type row[N_COLS];
    memset(row, 0, sizeof(row));
    guint index = c->table->num_elements;
    row[COL_ROW].type = TABLE_ITEM_UINT;
    row[COL_ROW].value.uint_value = index + 1;
    set_string(row, COL_TIME, time);
    /* a string: idle and start rows have no frame, and every cell of a column must have the
       same type (the dialog's sorting compares cells of a column as that type) */
    char number[16] = "";
    if (frame)
        g_snprintf(number, sizeof(number), "%u", frame);
    set_string(row, COL_FRAME, number);
    set_string(row, COL_CLIENT_STATE, state_text(client_state));
    set_string(row, COL_SEGMENT, segment);
    set_string(row, COL_SERVER_STATE, state_text(server_state));
    set_string(row, COL_STEP, step);
    stat_tap_init_table_row(c->table, index, N_COLS, row);
    return index;
}

static void replace_cell(rows_conn *c, guint row, int col, const char *s)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(c->table, row, col);
    if (!cell)
        return;
    stat_tap_table_item_type value = *cell;
    cell_free(&value);
    set_string(&value, 0, s);
    stat_tap_set_field_data(c->table, row, col, &value);
}

static rows_conn *conn_of(stat_tap_table_ui *ui, packet_info *pinfo, const lab_annotation *a)
{
    guint64 key = ((guint64)a->stream << 32) | a->generation;
    rows_conn *c = (rows_conn *)g_hash_table_lookup(conns, &key);
    if (c)
        return c;
    char *src = address_to_str(NULL, &pinfo->src), *dst = address_to_str(NULL, &pinfo->dst);
    char client[80], server[80];
    bool c2s = a->dir == LAB_DIR_C2S;
    const char *fmt = pinfo->src.type == AT_IPv6 ? "[%s]:%u" : "%s:%u";
    g_snprintf(client, sizeof(client), fmt, c2s ? src : dst, c2s ? pinfo->srcport : pinfo->destport);
    g_snprintf(server, sizeof(server), fmt, c2s ? dst : src, c2s ? pinfo->destport : pinfo->srcport);
    wmem_free(NULL, src);
    wmem_free(NULL, dst);
    char title[300];
    lab_ladder_text_format(title, sizeof(title), lab_msg(LAB_MSG_LADDER_TITLE), a->stream, a->generation + 1, client, server);

    c = g_new0(rows_conn, 1);
    c->table = stat_tap_find_table(ui, title); /* after a reset the (empty) table is still there */
    if (!c->table) {
        char *kept = g_strdup(title);
        g_ptr_array_add(titles, kept);
        c->table = stat_tap_init_table(kept, N_COLS, 0, NULL);
        stat_tap_add_table(ui, c->table);
    }
    c->shown[0] = c->shown[1] = LAB_LADDER_NO_STATE;
    /* the states at the top, as in the text ladder: the receiver's before the first segment,
       CLOSED for the sender of a first SYN */
    if (a->states_known) {
        int sender = (a->flags & LAB_TCP_SYN) && a->first_of_stream ? LAB_ST_CLOSED : LAB_LADDER_NO_STATE;
        c->shown[LAB_DIR_C2S] = c2s ? sender : a->state_client;
        c->shown[LAB_DIR_S2C] = c2s ? a->state_server : sender;
        add_row(c, "", 0, c->shown[LAB_DIR_C2S], lab_msg(LAB_MSG_LADDER_AT_START), c->shown[LAB_DIR_S2C], "");
    }
    guint64 *k = g_new(guint64, 1);
    *k = key;
    g_hash_table_insert(conns, k, c);
    return c;
}

static tap_packet_status rows_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                     tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const lab_frame_result *r = (const lab_frame_result *)data;
    const lab_annotation *a = &r->tcp;
    if (!conns || !titles)
        rows_init(sd->stat_tap_data);
    rows_conn *c = conn_of(sd->stat_tap_data, pinfo, a);
    double now = nstime_to_sec(&pinfo->rel_ts);
    char buf[300], label[200];

    if (c->have_prev) {
        /* the previous arrow's receiver state, now that the next segment is known */
        if (c->prev_arrival_written && !lab_ladder_arrival_holds(&c->prev, a)) {
            unsigned receiver = c->prev.dir ^ 1u;
            replace_cell(c, c->prev_row, receiver == LAB_DIR_C2S ? COL_CLIENT_STATE : COL_SERVER_STATE, "");
            c->shown[receiver] = c->prev_arrival_was;
        }
        if (now - c->prev_time >= LAB_LADDER_IDLE_MIN)
            add_row(c, "", 0, LAB_LADDER_NO_STATE, lab_ladder_text_format(buf, sizeof(buf), lab_msg(LAB_MSG_LADDER_IDLE), now - c->prev_time),
                    LAB_LADDER_NO_STATE, "");
    }

    int st[2] = { LAB_LADDER_NO_STATE, LAB_LADDER_NO_STATE };
    unsigned sender = a->dir & 1u, receiver = sender ^ 1u;
    int was = c->shown[receiver];
    bool arrival_written = false;
    if (a->states_known) {
        int sender_now = sender == LAB_DIR_C2S ? a->state_client : a->state_server;
        if (sender_now != c->shown[sender])
            st[sender] = c->shown[sender] = sender_now;
        if (a->state_receiver_after != c->shown[receiver]) {
            st[receiver] = c->shown[receiver] = a->state_receiver_after;
            arrival_written = true;
        }
    }

    lab_ladder_seg seg;
    memset(&seg, 0, sizeof(seg));
    seg.a = *a;
    lab_ladder_http http[LAB_MAX_HTTP_PER_FRAME]; /* as many as the frame store keeps */
    seg.http = http;
    for (unsigned i = 0; i < r->n_http && r->http && i < G_N_ELEMENTS(http); i++) {
        memset(&http[i], 0, sizeof(http[i]));
        http[i].is_request = r->http[i].is_request;
        http[i].status = r->http[i].status;
        http[i].index = r->http[i].request_index;
        seg.n_http++;
    }
    lab_ladder_arrow_label(&seg, label, sizeof(label));
    g_snprintf(buf, sizeof(buf), sender == LAB_DIR_C2S ? "%s \u2192" : "\u2190 %s", label);
    char step[300], time[32];
    lab_ladder_step_label(&seg, step, sizeof(step));
    g_snprintf(time, sizeof(time), "%.3f", now);

    c->prev_row = add_row(c, time, pinfo->num, st[LAB_DIR_C2S], buf, st[LAB_DIR_S2C], step);
    c->prev = *a;
    c->prev_time = now;
    c->have_prev = true;
    c->prev_arrival_written = arrival_written;
    c->prev_arrival_was = was;
    return TAP_PACKET_REDRAW;
}

static stat_tap_table_ui rows_ui = {
    .group = REGISTER_PACKET_STAT_GROUP_UNSORTED,
    .title = NULL, /* lab_ladder_table_register(): from the table of words */
    .tap_name = "lab",
    .cli_string = "lab,rows",
    .stat_tap_init_cb = rows_init,
    .packet_func = rows_packet,
    .stat_tap_reset_table_cb = rows_reset,
    .stat_tap_free_table_item_cb = rows_free_item,
    .stat_filter_check_cb = NULL,
    .nfields = N_COLS,
    .fields = columns,
    .nparams = 0,
    .params = NULL,
};

void lab_ladder_table_register(void)
{
    const char *names[N_COLS] = { lab_msg(LAB_MSG_LADDER_COL_ROW), lab_msg(LAB_MSG_LADDER_COL_TIME), lab_msg(LAB_MSG_LADDER_COL_FRAME), lab_msg(LAB_MSG_LADDER_COL_CLIENT_STATE), lab_msg(LAB_MSG_LADDER_COL_SEGMENT),
                                  lab_msg(LAB_MSG_LADDER_COL_SERVER_STATE), lab_msg(LAB_MSG_LADDER_COL_STEP) };
    for (int i = 0; i < N_COLS; i++) {
        bool number = i == COL_ROW;
        columns[i].type = number ? TABLE_ITEM_UINT : TABLE_ITEM_STRING;
        columns[i].align = number || i == COL_TIME || i == COL_FRAME ? TAP_ALIGN_RIGHT : TAP_ALIGN_LEFT;
        columns[i].column_name = names[i];
        columns[i].field_format = number ? "%u" : "%s";
    }
    rows_ui.title = lab_msg(LAB_MSG_LADDER_GUI_TITLE);
    register_stat_tap_table_ui(&rows_ui);
}
