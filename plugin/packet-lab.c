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
#include "lab_stats.h"
#include "lab_tree.h"

static int proto_lab = -1;
static int lab_tap = -1;
static dissector_handle_t lab_handle;

/* The analysis state of the capture file being read; NULL between files. */
static lab_analyzer *analyzer;

/* Each frame's stored result, indexed by frame number (NULL: not a TCP segment). A plain
 * file-scoped array costs 8 bytes a frame, where p_add_proto_data() would add a list and a
 * record to every frame: on a million packets that is most of the plugin's memory. */
static const lab_frame_result **results;
static guint32 results_size;

static void lab_init(void)
{
    analyzer = lab_analyzer_new();
    results = NULL;
    results_size = 0;
}

static void lab_cleanup(void)
{
    lab_analyzer_free(analyzer);
    analyzer = NULL;
    results = NULL; /* file-scoped: freed with the file */
    results_size = 0;
}

static void store_result(guint32 frame, const lab_frame_result *r)
{
    if (frame >= results_size) {
        guint32 size = results_size ? results_size : 1024;
        while (size <= frame && size < G_MAXUINT32 / 2)
            size *= 2;
        if (size <= frame)
            return;
        results = wmem_realloc(wmem_file_scope(), (void *)results, size * sizeof(*results));
        memset((void *)(results + results_size), 0, (size - results_size) * sizeof(*results));
        results_size = size;
    }
    results[frame] = r;
}

static const lab_frame_result *stored_result(guint32 frame)
{
    return frame < results_size ? results[frame] : NULL;
}

/* First pass: analyse and keep the result with the frame. */
static const lab_frame_result *analyse_frame(proto_tree *tree, packet_info *pinfo)
{
    lab_segment seg;
    if (!analyzer || !lab_fields_read_segment(tree, pinfo, &seg))
        return NULL;
    lab_frame_result *r = wmem_new0(wmem_file_scope(), lab_frame_result);
    if (lab_analyze_segment(analyzer, &seg, &r->tcp) != 0)
        return NULL;

    lab_http_message msgs[LAB_MAX_HTTP_PER_FRAME];
    unsigned n = lab_fields_read_http(tree, msgs, LAB_MAX_HTTP_PER_FRAME);
    if (n > 0) {
        r->http = wmem_alloc0_array(wmem_file_scope(), lab_http_annotation, n);
        for (unsigned i = 0; i < n; i++)
            lab_analyze_http(analyzer, seg.stream, &msgs[i], &r->http[i]);
        r->n_http = (unsigned char)n;
    }
    if (r->tcp.conn_snapshot) {
        r->conn = wmem_new0(wmem_file_scope(), lab_conn_summary);
        lab_analyzer_summary(analyzer, seg.stream, r->conn);
    }
    store_result(pinfo->num, r);
    return r;
}

static int dissect_lab(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const lab_frame_result *r;
    gboolean visited = PINFO_FD_VISITED(pinfo);

    if (visited)
        r = stored_result(pinfo->num);
    else
        r = analyse_frame(tree, pinfo);
    if (!r)
        return 0;

    /* The whole-capture summary exists only once the first pass is over (the GUI, tshark -2):
     * drawn from the analyzer's final state, never half-known. */
    lab_conn_summary summary;
    const lab_conn_summary *final = NULL;
    if (visited && !r->conn && analyzer
        && lab_analyzer_summary_of(analyzer, r->tcp.stream, r->tcp.generation, &summary))
        final = &summary;

    lab_tree_draw(tree, tvb, pinfo, proto_lab, r, final);
    tap_queue_packet(lab_tap, pinfo, r);
    return tvb_captured_length(tvb);
}

void proto_register_lab(void)
{
    proto_lab = proto_register_protocol("Lab Handshake", "Lab Handshake", "lab");
    lab_tree_register(proto_lab);
    lab_handle = register_dissector("lab", dissect_lab, proto_lab);
    register_postdissector(lab_handle);
    register_init_routine(lab_init);
    register_cleanup_routine(lab_cleanup);
    lab_tap = register_tap("lab");
    lab_stats_register();
}

void proto_reg_handoff_lab(void)
{
    lab_fields_register_wanted(lab_handle);
}
