/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "Lab Handshake" statistics tree, fed by the frame results the dissector queues on
 * the "lab" tap. Connections are counted where they finish (the close completes, or the
 * first RST), with the connection summary stored on that packet; the ones still open at
 * the end of the capture are the difference between "Connections seen" and "finished".
 *
 * Order: sorted by name, descending, whatever the user's statistics preferences say. That
 * is the order Wireshark 4.0's Statistics dialog shows (it sorts by the name column,
 * descending, on opening), so the dialog, tshark -z lab,tree and the README agree. The
 * names are chosen so that order reads well ("Connections seen" before "Connections
 * finished" before "Connection phase"); the numbers of requests are ranges, which keep
 * their own ascending order. */
#include "lab_stats.h"

#include <epan/packet.h>
#include <epan/stats_tree.h>

#include "core/lab_msg.h"
#include "lab_frame.h"

/* The labels are in the display language (lab_msg.h), read when the tree is made. */
#define node_conns lab_msg(LAB_MSG_ST_CONNS)
#define node_finished lab_msg(LAB_MSG_ST_FINISHED)
#define node_kind lab_msg(LAB_MSG_ST_BY_KIND)
#define node_closer lab_msg(LAB_MSG_ST_BY_CLOSER)
#define node_verdict lab_msg(LAB_MSG_ST_BY_VERDICT)
#define node_requests lab_msg(LAB_MSG_ST_BY_REQUESTS)
#define node_phases lab_msg(LAB_MSG_ST_PHASES)

static int st_conns = -1;
static int st_finished = -1;
static int st_kind = -1;
static int st_closer = -1;
static int st_verdict = -1;
static int st_requests = -1;
static int st_phases = -1;

static void lab_stats_init(stats_tree *st)
{
    st_conns = stats_tree_create_node(st, node_conns, 0, STAT_DT_INT, TRUE);
    st_finished = stats_tree_create_node(st, node_finished, 0, STAT_DT_INT, TRUE);
    st_kind = stats_tree_create_node(st, node_kind, st_finished, STAT_DT_INT, TRUE);
    st_closer = stats_tree_create_node(st, node_closer, st_finished, STAT_DT_INT, TRUE);
    st_verdict = stats_tree_create_node(st, node_verdict, st_finished, STAT_DT_INT, TRUE);
    st_requests = stats_tree_create_range_node(st, node_requests, st_finished,
                                               "0", "1", "2", "3", "4", "5-9", "10-", NULL);
    st_phases = stats_tree_create_pivot(st, node_phases, 0);
}

static tap_packet_status lab_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                          const void *data, tap_flags_t flags _U_)
{
    const lab_frame_result *r = (const lab_frame_result *)data;
    const lab_annotation *a = &r->tcp;

    stats_tree_tick_pivot(st, st_phases, lab_msg_phase(a->phase));
    if (a->first_of_stream) {
        tick_stat_node(st, node_conns, 0, TRUE);
        if (a->roles_guessed)
            tick_stat_node(st, lab_msg(LAB_MSG_ST_NO_HANDSHAKE), st_conns, FALSE);
    }
    if (a->step_kind == LAB_STEP_HANDSHAKE && a->step_num == 3)
        tick_stat_node(st, lab_msg(LAB_MSG_ST_HANDSHAKE_DONE), st_conns, FALSE);
    if (a->step_kind == LAB_STEP_RESET && a->reset_context == LAB_RST_REFUSED)
        tick_stat_node(st, lab_msg(LAB_MSG_ST_REFUSED), st_conns, FALSE);

    if (a->finishes_connection && r->conn) {
        const lab_conn_summary *c = r->conn;
        tick_stat_node(st, node_finished, 0, TRUE);
        tick_stat_node(st, node_kind, st_finished, TRUE);
        tick_stat_node(st, lab_msg_close_kind(c->ended_by_rst ? LAB_CLOSE_ABORT : c->close_kind), st_kind, FALSE);
        tick_stat_node(st, node_closer, st_finished, TRUE);
        tick_stat_node(st, lab_msg_closer(c->closer), st_closer, FALSE);
        tick_stat_node(st, node_verdict, st_finished, TRUE);
        tick_stat_node(st, lab_msg_verdict_class(c->verdict), st_verdict, FALSE);
        tick_stat_node(st, node_requests, st_finished, TRUE); /* tick_range counts only the range */
        stats_tree_tick_range(st, node_requests, st_finished, (int)MIN(c->requests, (guint32)G_MAXINT));
    }
    return TAP_PACKET_REDRAW;
}

void lab_stats_register(void)
{
    stats_tree_register_plugin("lab", "lab", "Lab Handshake", (ST_SORT_COL_NAME << ST_FLG_SRTCOL_SHIFT) | ST_FLG_SORT_DESC,
                               lab_stats_packet, lab_stats_init, NULL);
}
