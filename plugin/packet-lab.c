/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lab Handshake: the postdissector.
 *
 * On the first pass over a capture each TCP segment goes through the analysis core once,
 * in frame order, and the annotation is stored with the frame. Every later dissection of
 * the frame (a click in the GUI, tshark -2) draws the stored annotation, so a packet always
 * shows the same thing. */
#include "packet-lab.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/tap.h>

#include "core/lab_analyzer.h"
#include "lab_fields.h"
#include "lab_frame.h"
#include "lab_frame_store.h"
#include "lab_ladder.h"
#include "lab_ladder_table.h"
#include "lab_language.h"
#include "lab_stats.h"
#include "lab_tree.h"

static int proto_lab = -1;
static int lab_tap = -1;
static dissector_handle_t lab_handle;

/* The analysis state of the capture file being read; NULL between files. */
static lab_analyzer *analyzer;

static void lab_init(void)
{
    analyzer = lab_analyzer_new();
    lab_frame_store_reset();
    lab_fields_file_start();
}

static void lab_cleanup(void)
{
    lab_analyzer_free(analyzer);
    analyzer = NULL;
    lab_frame_store_reset();
}

/* First pass: analyse and keep the result with the frame (lab_frame_store.c). Fills *r. */
static bool analyse_frame(proto_tree *tree, packet_info *pinfo, lab_frame_result *r)
{
    lab_segment seg;
    gboolean http_ran;
    if (!analyzer || !lab_fields_read_segment(tree, pinfo, &seg, &http_ran))
        return false;
    memset(r, 0, sizeof(*r));
    if (lab_analyze_segment(analyzer, &seg, &r->tcp) != 0)
        return false;

    lab_http_message msgs[LAB_MAX_HTTP_PER_FRAME];
    unsigned n = http_ran ? lab_fields_read_http(tree, msgs, LAB_MAX_HTTP_PER_FRAME) : 0;
    if (n > 0) {
        lab_http_annotation *http = lab_frame_store_new_http(n);
        lab_http_annotation scratch;
        for (unsigned i = 0; i < n; i++) /* analysed even without room: later messages depend on it */
            lab_analyze_http(analyzer, seg.stream, &msgs[i], http ? &http[i] : &scratch);
        if (http) {
            r->http = http;
            r->n_http = (unsigned char)n;
        }
    }
    if (r->tcp.conn_snapshot) {
        lab_conn_summary now;
        lab_analyzer_summary(analyzer, seg.stream, &now);
        r->conn = lab_frame_store_keep_conn(&now);
    }
    return lab_frame_store_put(pinfo->num, r);
}

static int dissect_lab(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    lab_frame_result result;
    gboolean visited = PINFO_FD_VISITED(pinfo);
    bool found = visited ? lab_frame_store_get(pinfo->num, &result) : analyse_frame(tree, pinfo, &result);
    if (!found)
        return 0;

    /* The whole-capture summary (lab.final.*) exists only once the first pass is over (the
     * GUI, tshark -2), on every packet of the connection: drawn from the analyzer's final
     * state, never half-known, under names of its own so no lab.conn.* filter changes. Only
     * the subtree shows it, and only a shown or filtered subtree is drawn (lab_tree.c). */
    lab_conn_summary summary;
    const lab_conn_summary *final = NULL;
    if (visited && analyzer && proto_field_is_referenced(tree, proto_lab)
        && lab_analyzer_summary_of(analyzer, result.tcp.stream, result.tcp.generation, &summary))
        final = &summary;

    lab_tree_draw(tree, tvb, pinfo, proto_lab, &result, final);
    /* in the packet's pool: the "lab" tap reads it after all dissectors have run */
    if (have_tap_listener(lab_tap))
        tap_queue_packet(lab_tap, pinfo, wmem_memdup(pinfo->pool, &result, sizeof(result)));
    return tvb_captured_length(tvb);
}

void proto_register_lab(void)
{
    proto_lab = proto_register_protocol("Lab Handshake", "Lab Handshake", "lab");
    lab_tree_register(proto_lab);
    lab_language_register(proto_lab);
    lab_handle = register_dissector("lab", dissect_lab, proto_lab);
    register_postdissector(lab_handle);
    register_init_routine(lab_init);
    register_cleanup_routine(lab_cleanup);
    lab_tap = register_tap("lab");
    lab_stats_register();
    lab_ladder_register();
    lab_ladder_table_register();
}

void proto_reg_handoff_lab(void)
{
    lab_fields_register_wanted(lab_handle);
}
