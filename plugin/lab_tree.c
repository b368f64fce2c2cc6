/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Lab Handshake subtree. Every line is a field, so anything a student reads can be
 * filtered on; every sentence comes from core/lab_text.c, every column text (the short
 * fields and the label that leads the Info column) from core/lab_short.c, and every word of
 * them, and of the lines' labels, from the message catalogue core/lab_msg.h in the display
 * language (lab_language.c).
 *
 * Expert infos: only what Wireshark's TCP analysis (tcp.analysis.*) does not already say.
 * Gaps, retransmissions, out-of-order segments, keep-alives, duplicate ACKs, ACKs of unseen
 * data and plain resets are TCP's entries; the plugin keeps them as fields (lab.seq.check,
 * lab.ack.check, lab.step.reset) so Expert Information counts each event once. */
#include "lab_tree.h"

#include <epan/expert.h>

#include "core/lab_msg.h"
#include "core/lab_names.h"
#include "core/lab_short.h"
#include "core/lab_text.h"

static int hf_lab_stream = -1;
static int hf_lab_dir = -1;
static int hf_lab_dir_guessed = -1;
static int hf_lab_phase = -1;
static int hf_lab_note = -1;
static int hf_lab_step = -1;
static int hf_lab_step_short = -1;
static int hf_lab_step_handshake = -1;
static int hf_lab_step_close = -1;
static int hf_lab_step_reset = -1;
static int hf_lab_step_reset_context = -1;
static int hf_lab_step_retransmitted = -1;
static int hf_lab_step_ref = -1;
static int hf_lab_close_kind = -1;
static int hf_lab_state_client = -1;
static int hf_lab_state_server = -1;
static int hf_lab_state_client_short = -1;
static int hf_lab_state_server_short = -1;
static int hf_lab_seq = -1;
static int hf_lab_seq_next = -1;
static int hf_lab_seq_ok = -1;
static int hf_lab_seq_check = -1;
static int hf_lab_ack = -1;
static int hf_lab_ack_expected = -1;
static int hf_lab_ack_ok = -1;
static int hf_lab_ack_check = -1;
static int hf_lab_http = -1;
static int hf_lab_http_request_index = -1;
static int hf_lab_http_persistent = -1;
static int hf_lab_http_keepalive_timeout = -1;
static int hf_lab_http_note = -1;
static int hf_lab_http_switched = -1;
static int hf_lab_conn = -1;
static int hf_lab_conn_requests = -1;
static int hf_lab_conn_closer = -1;
static int hf_lab_conn_idle = -1;
static int hf_lab_conn_verdict = -1;
static int hf_lab_conn_verdict_class = -1;
static int hf_lab_conn_nodata = -1;
static int hf_lab_conn_parallel = -1;
/* The same facts for the whole capture: only once the first pass is over (own names, so no
 * lab.conn.* filter changes its answer between the first pass and a reload). */
static int hf_lab_final = -1;
static int hf_lab_final_requests = -1;
static int hf_lab_final_closer = -1;
static int hf_lab_final_idle = -1;
static int hf_lab_final_verdict = -1;
static int hf_lab_final_verdict_class = -1;
static int hf_lab_final_nodata = -1;
static int hf_lab_final_parallel = -1;

/* 4.0 aborts on ett_ variables that do not start at -1. */
static gint ett_lab = -1;
static gint ett_lab_step = -1;
static gint ett_lab_seq = -1;
static gint ett_lab_ack = -1;
static gint ett_lab_http = -1;
static gint ett_lab_conn = -1;
static gint ett_lab_final = -1;
static gint ett_lab_state = -1;

static expert_field ei_lab_ack_old = EI_INIT;
static expert_field ei_lab_refused = EI_INIT;
static expert_field ei_lab_midstream = EI_INIT;
static expert_field ei_lab_http_reuse = EI_INIT;
static expert_field ei_lab_timeout_mismatch = EI_INIT;

/* value_strings, filled from the core's own names so there is one list of words. */
static value_string vs_dir[3];
static value_string vs_phase[LAB_PHASE_COUNT + 1];
static value_string vs_state[LAB_ST_COUNT + 1];
static value_string vs_close_kind[LAB_CLOSE_COUNT + 1];
static value_string vs_seq_check[LAB_SEQ_COUNT + 1];
static value_string vs_ack_check[LAB_ACK_COUNT + 1];
static value_string vs_closer[LAB_CLOSER_COUNT + 1];
static value_string vs_verdict[LAB_VERDICT_COUNT + 1];
static value_string vs_note[LAB_NOTE_COUNT + 1];
static value_string vs_switch[LAB_SWITCH_COUNT + 1];
static value_string vs_reset_context[LAB_RST_MIDSTREAM + 2];

static void fill(value_string *vs, unsigned count, const char *(*name)(unsigned))
{
    for (unsigned i = 0; i < count; i++) {
        vs[i].value = i;
        vs[i].strptr = name(i);
    }
    vs[count].value = 0;
    vs[count].strptr = NULL;
}

void lab_tree_register(int proto)
{
    fill(vs_dir, 2, lab_dir_name);
    fill(vs_phase, LAB_PHASE_COUNT, lab_phase_name);
    fill(vs_state, LAB_ST_COUNT, lab_state_name);
    fill(vs_close_kind, LAB_CLOSE_COUNT, lab_close_kind_name);
    fill(vs_seq_check, LAB_SEQ_COUNT, lab_seq_check_name);
    fill(vs_ack_check, LAB_ACK_COUNT, lab_ack_check_name);
    fill(vs_closer, LAB_CLOSER_COUNT, lab_closer_name);
    fill(vs_verdict, LAB_VERDICT_COUNT, lab_verdict_name);
    fill(vs_note, LAB_NOTE_COUNT, lab_note_name);
    fill(vs_switch, LAB_SWITCH_COUNT, lab_switch_name);
    fill(vs_reset_context, LAB_RST_MIDSTREAM + 1, lab_reset_context_name);

    static hf_register_info hf[] = {
        { &hf_lab_stream, { "Stream index", "lab.stream", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The TCP stream this segment belongs to (same as tcp.stream).", HFILL } },
        { &hf_lab_dir, { "Direction", "lab.dir", FT_UINT8, BASE_DEC, VALS(vs_dir), 0x0,
            "Who sent this segment: the client is the sender of the first SYN.", HFILL } },
        { &hf_lab_dir_guessed, { "Roles guessed", "lab.dir.guessed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The handshake was not captured, so the lower port was taken as the server.", HFILL } },
        { &hf_lab_phase, { "Phase", "lab.phase", FT_UINT8, BASE_DEC, VALS(vs_phase), 0x0,
            "Where the connection is: handshake, data, closing, closed, reset or unknown.", HFILL } },
        { &hf_lab_note, { "Note", "lab.note", FT_UINT8, BASE_DEC, VALS(vs_note), 0x0,
            "What this segment proves that the capture missed, or what it is instead of a step: "
            "a late segment after an RST, contradictory flags, a new attempt.", HFILL } },
        { &hf_lab_step, { "Step", "lab.step", FT_STRING, BASE_NONE, NULL, 0x0,
            "The handshake, close or reset step this segment is, in words.", HFILL } },
        { &hf_lab_step_short, { "Step (short)", "lab.step.short", FT_STRING, BASE_NONE, NULL, 0x0,
            "The step in a few characters, for a column: SYN 1/3, SYN+ACK 2/3, ACK 3/3, FIN 1, ACK 2/4, FIN+ACK 2/3, RST.", HFILL } },
        { &hf_lab_step_handshake, { "Handshake step", "lab.step.handshake", FT_UINT8, BASE_DEC, NULL, 0x0,
            "1 = SYN, 2 = SYN+ACK, 3 = the ACK that completes the three-way handshake.", HFILL } },
        { &hf_lab_step_close, { "Close step", "lab.step.close", FT_UINT8, BASE_DEC, NULL, 0x0,
            "Position of this segment in the close: 1 to 4 (four-way, simultaneous), 1 to 3 (three-way).", HFILL } },
        { &hf_lab_step_reset, { "Reset step", "lab.step.reset", FT_UINT8, BASE_DEC, NULL, 0x0,
            "1 on every RST segment: the connection is aborted.", HFILL } },
        { &hf_lab_step_reset_context, { "Reset context", "lab.step.reset.context", FT_UINT8, BASE_DEC, VALS(vs_reset_context), 0x0,
            "What the RST interrupted: refused (it answers a SYN), handshake, established, closing (after a FIN), "
            "after-close, midstream (no handshake captured).", HFILL } },
        { &hf_lab_step_retransmitted, { "Step retransmitted", "lab.step.retransmitted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "This SYN, SYN+ACK or FIN repeats one sent before.", HFILL } },
        { &hf_lab_step_ref, { "Answers frame", "lab.step.ref", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_ACK), 0x0,
            "The earlier step this one answers: the FIN it acknowledges, or the SYN a refusal answers (the latest copy captured, when it was retransmitted).", HFILL } },
        { &hf_lab_close_kind, { "Close kind", "lab.close.kind", FT_UINT8, BASE_DEC, VALS(vs_close_kind), 0x0,
            "How the connection closes, as far as the segments up to this one show.", HFILL } },
        { &hf_lab_state_client, { "Client state", "lab.state.client", FT_UINT8, BASE_DEC, VALS(vs_state), 0x0,
            "The client's TCP state (RFC 9293) while this segment is on the wire.", HFILL } },
        { &hf_lab_state_server, { "Server state", "lab.state.server", FT_UINT8, BASE_DEC, VALS(vs_state), 0x0,
            "The server's TCP state (RFC 9293) while this segment is on the wire.", HFILL } },
        { &hf_lab_state_client_short, { "Client state (short)", "lab.state.client.short", FT_STRING, BASE_NONE, NULL, 0x0,
            "The client's state for a column; with an arrow when this segment changes it on arrival.", HFILL } },
        { &hf_lab_state_server_short, { "Server state (short)", "lab.state.server.short", FT_STRING, BASE_NONE, NULL, 0x0,
            "The server's state for a column; with an arrow when this segment changes it on arrival.", HFILL } },
        { &hf_lab_seq, { "Relative sequence number", "lab.seq", FT_UINT32, BASE_DEC, NULL, 0x0,
            "This segment's sequence number relative to the sender's ISN.", HFILL } },
        { &hf_lab_seq_next, { "Next sequence number", "lab.seq.next", FT_UINT32, BASE_DEC, NULL, 0x0,
            "seq + len + SYN + FIN: where the sender's next segment should start.", HFILL } },
        { &hf_lab_seq_ok, { "Sequence in order", "lab.seq.ok", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "This segment starts where the same direction's previous segments ended.", HFILL } },
        { &hf_lab_seq_check, { "Sequence check", "lab.seq.check", FT_UINT8, BASE_DEC, VALS(vs_seq_check), 0x0,
            "What the sequence number shows: in order, a gap, a retransmission, out of order, a keep-alive.", HFILL } },
        { &hf_lab_ack, { "Relative acknowledgment number", "lab.ack", FT_UINT32, BASE_DEC, NULL, 0x0,
            "This segment's acknowledgment number relative to the peer's ISN.", HFILL } },
        { &hf_lab_ack_expected, { "Expected acknowledgment", "lab.ack.expected", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The peer's next sequence number as seen so far.", HFILL } },
        { &hf_lab_ack_ok, { "Acknowledgment matches", "lab.ack.ok", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The acknowledgment number equals the peer's next sequence number.", HFILL } },
        { &hf_lab_ack_check, { "Acknowledgment check", "lab.ack.check", FT_UINT8, BASE_DEC, VALS(vs_ack_check), 0x0,
            "What the acknowledgment shows: ok, partial, duplicate, unseen data or an old ack.", HFILL } },
        { &hf_lab_http, { "HTTP message", "lab.http", FT_STRING, BASE_NONE, NULL, 0x0,
            "An HTTP/1.x request or response in this frame, with what it means for the connection.", HFILL } },
        { &hf_lab_http_request_index, { "Request number", "lab.http.request_index", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The n-th request on this TCP connection (on a response: the request it answers).", HFILL } },
        { &hf_lab_http_persistent, { "Persistent", "lab.http.persistent", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "After this message the connection may be reused (RFC 9112: HTTP/1.1 unless Connection: close; "
            "HTTP/1.0 only with Connection: keep-alive).", HFILL } },
        { &hf_lab_http_keepalive_timeout, { "Keep-Alive timeout", "lab.http.keepalive.timeout", FT_INT32, BASE_DEC, NULL, 0x0,
            "Seconds from a Keep-Alive: timeout=N header: how long the server says it keeps an idle connection.", HFILL } },
        { &hf_lab_http_note, { "Note", "lab.http.note", FT_STRING, BASE_NONE, NULL, 0x0,
            "A teaching note: 304 revalidation, 206 Range answer, conditional or Range request, pipelining.", HFILL } },
        { &hf_lab_http_switched, { "Switched to", "lab.http.switched", FT_UINT8, BASE_DEC, VALS(vs_switch), 0x0,
            "What a 101 Switching Protocols (upgrade) or a 2xx to CONNECT (tunnel) turned the connection into: "
            "no HTTP/1 follows on it.", HFILL } },
        { &hf_lab_conn, { "Connection", "lab.conn", FT_STRING, BASE_NONE, NULL, 0x0,
            "The TCP connection as a whole: why it ended the way it did.", HFILL } },
        { &hf_lab_conn_requests, { "Requests", "lab.conn.requests", FT_UINT32, BASE_DEC, NULL, 0x0,
            "HTTP requests carried by this connection.", HFILL } },
        { &hf_lab_conn_closer, { "Closed by", "lab.conn.closer", FT_UINT8, BASE_DEC, VALS(vs_closer), 0x0,
            "Who sent the first FIN or RST: client, server, both (simultaneous close) or none (still open).", HFILL } },
        { &hf_lab_conn_idle, { "Idle before the close", "lab.conn.idle", FT_DOUBLE, BASE_NONE, NULL, 0x0,
            "Seconds from the last payload byte (or the open) to the first FIN or RST.", HFILL } },
        { &hf_lab_conn_verdict, { "Verdict", "lab.conn.verdict", FT_STRING, BASE_NONE, NULL, 0x0,
            "One sentence on why the connection ended as it did.", HFILL } },
        { &hf_lab_conn_verdict_class, { "Verdict class", "lab.conn.verdict.class", FT_UINT8, BASE_DEC, VALS(vs_verdict), 0x0,
            "The verdict as a keyword, for filters and statistics.", HFILL } },
        { &hf_lab_conn_nodata, { "No data", "lab.conn.nodata", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The connection completed its handshake but carried no payload.", HFILL } },
        { &hf_lab_conn_parallel, { "Parallel connections", "lab.conn.parallel", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Connections from the same client host to the same server endpoint already open when this one began.", HFILL } },
        { &hf_lab_final, { "Connection (whole capture)", "lab.final", FT_STRING, BASE_NONE, NULL, 0x0,
            "The TCP connection as the whole capture shows it; only once the first pass is over (GUI, tshark -2).", HFILL } },
        { &hf_lab_final_verdict, { "Verdict (whole capture)", "lab.final.verdict", FT_STRING, BASE_NONE, NULL, 0x0,
            "One sentence on why the connection ended as it did, from the whole capture.", HFILL } },
        { &hf_lab_final_verdict_class, { "Verdict class (whole capture)", "lab.final.verdict.class", FT_UINT8, BASE_DEC, VALS(vs_verdict), 0x0,
            "The whole-capture verdict as a keyword, on every packet of the connection.", HFILL } },
        { &hf_lab_final_requests, { "Requests (whole capture)", "lab.final.requests", FT_UINT32, BASE_DEC, NULL, 0x0,
            "HTTP requests the connection carried in the whole capture.", HFILL } },
        { &hf_lab_final_closer, { "Closed by (whole capture)", "lab.final.closer", FT_UINT8, BASE_DEC, VALS(vs_closer), 0x0,
            "Who sent the first FIN or RST, or none if the connection is still open at the end of the capture.", HFILL } },
        { &hf_lab_final_idle, { "Idle before the close (whole capture)", "lab.final.idle", FT_DOUBLE, BASE_NONE, NULL, 0x0,
            "Seconds from the last payload byte (or the open) to the first FIN or RST, or to the end of the capture.", HFILL } },
        { &hf_lab_final_nodata, { "No data (whole capture)", "lab.final.nodata", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The connection completed its handshake but carried no payload in the whole capture.", HFILL } },
        { &hf_lab_final_parallel, { "Parallel connections (whole capture)", "lab.final.parallel", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Connections from the same client host to the same server endpoint already open when this one began.", HFILL } },
    };
    static gint *ett[] = { &ett_lab, &ett_lab_step, &ett_lab_seq, &ett_lab_ack, &ett_lab_http, &ett_lab_conn,
                           &ett_lab_final, &ett_lab_state };
    static ei_register_info ei[] = {
        { &ei_lab_ack_old, { "lab.ack.old", PI_SEQUENCE, PI_NOTE,
            "Acknowledgment below an earlier one (reordered)", EXPFILL } },
        { &ei_lab_refused, { "lab.reset.refused", PI_SEQUENCE, PI_WARN,
            "Connection refused: SYN answered by RST", EXPFILL } },
        { &ei_lab_midstream, { "lab.midstream", PI_SEQUENCE, PI_NOTE,
            "Handshake not captured: the capture starts in the middle of this connection", EXPFILL } },
        { &ei_lab_http_reuse, { "lab.http.reuse_after_close", PI_PROTOCOL, PI_WARN,
            "Request on a connection already declared non-persistent", EXPFILL } },
        { &ei_lab_timeout_mismatch, { "lab.conn.timeout_mismatch", PI_PROTOCOL, PI_NOTE,
            "The server closed the idle connection on another timeout than the one it advertised", EXPFILL } },
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
}

/* Whether line `hf` will be seen: the tree is shown, or a filter, column or colouring rule
 * names the field. Otherwise epan fakes the line (it hands back the parent instead of a new
 * item) and nothing of it is kept, so neither its sentence (a few snprintf()s) nor the line
 * is built: `unseen(tree)` stands for it, exactly what epan would have returned. Plain
 * `tshark -r` and `-Y lab.step` build an invisible tree for every packet. */
static gboolean wants(proto_tree *tree, int hf)
{
    return tree && proto_field_is_referenced(tree, hf);
}

static proto_item *unseen(proto_tree *tree)
{
    return (proto_item *)tree;
}

static proto_item *add_generated(proto_item *item)
{
    proto_item_set_generated(item);
    return item;
}

/* Every line is "label: value" in the display language (lab_msg.h); the field's value, which
 * filters read, does not depend on it. */
#define LINE(id) lab_msg(LAB_MSG_LINE_##id)

static void add_line_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value, lab_msg_id line)
{
    if (wants(tree, hf))
        add_generated(proto_tree_add_uint_format(tree, hf, tvb, 0, 0, value, lab_msg(line), value));
}

static void add_line_enum(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value, lab_msg_id line,
                          const char *(*name)(unsigned))
{
    if (wants(tree, hf))
        add_generated(proto_tree_add_uint_format(tree, hf, tvb, 0, 0, value, lab_msg(line), name(value)));
}

static void add_line_bool(proto_tree *tree, int hf, tvbuff_t *tvb, gboolean value, lab_msg_id line)
{
    if (wants(tree, hf))
        add_generated(proto_tree_add_boolean_format(tree, hf, tvb, 0, 0, value, lab_msg(line), lab_msg_bool(value)));
}

static proto_item *add_line_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *value, lab_msg_id line)
{
    if (!wants(tree, hf))
        return unseen(tree);
    return add_generated(proto_tree_add_string_format(tree, hf, tvb, 0, 0, value, lab_msg(line), value));
}

/* A line whose label is its sentence (value) and whose value is a number. */
static proto_item *add_sentence_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value, const char *sentence)
{
    if (!wants(tree, hf))
        return unseen(tree);
    return add_generated(proto_tree_add_uint_format(tree, hf, tvb, 0, 0, value, "%s", sentence));
}

static void add_expert(packet_info *pinfo, proto_item *item, expert_field *ei, lab_msg_id text)
{
    expert_add_info_format(pinfo, item, ei, "%s", lab_msg(text));
}

/* When each expert info is raised; the same whether or not the subtree is drawn. */
static gboolean is_refusal(const lab_annotation *a)
{
    /* TCP says "Connection reset (RST)" on every RST; a refusal is what it does not say. */
    return a->step_kind == LAB_STEP_RESET && a->reset_context == LAB_RST_REFUSED;
}

static gboolean is_midstream_start(const lab_annotation *a)
{
    return a->roles_guessed && a->first_of_stream;
}

static gboolean is_old_ack(const lab_annotation *a)
{
    /* duplicate ACKs and ACKs of unseen data are TCP's expert infos; an ACK below an
     * earlier one is not among them */
    return a->has_ack && a->ack_check == LAB_ACK_OLD;
}

static gboolean is_timeout_mismatch(const lab_frame_result *r)
{
    return r->conn && r->tcp.ends_connection && r->conn->timeout_mismatch;
}

static void add_timeout_mismatch(packet_info *pinfo, proto_item *item, const lab_conn_summary *c)
{
    expert_add_info_format(pinfo, item, &ei_lab_timeout_mismatch, lab_msg(LAB_MSG_EI_TIMEOUT_MISMATCH),
                           c->idle, c->advertised_timeout);
}

/* The step leads the Info column, as TCP's "[TCP Retransmission]" does, so a narrow window
 * cuts the TCP options text, never the step. The fence keeps it in front of whatever a later
 * dissector adds. Without columns (Wireshark's first pass, tshark -q) nothing is written. */
static void label_info_column(packet_info *pinfo, const lab_annotation *a)
{
    char label[LAB_SHORT_MAX];
    if (a->step_kind == LAB_STEP_NONE || !pinfo->cinfo)
        return;
    col_prepend_fence_fstr(pinfo->cinfo, COL_INFO, "[%s] ", lab_short_info(a, label, sizeof(label)));
}

/* The bytes left (NUL included) on the top line "Lab Handshake", whose label Wireshark keeps
 * in ITEM_LABEL_LENGTH bytes. Wireshark 4.0 cuts appended text at any byte, half a Chinese
 * character too (invalid UTF-8 in the tree, -V and PDML): the text is cut here first, at a
 * whole character, to the room that is left. */
static size_t top_room(proto_item *top)
{
    field_info *fi = PITEM_FINFO(top);
    size_t used = fi && fi->rep ? strlen(fi->rep->representation)
                                : fi && fi->hfinfo && fi->hfinfo->name ? strlen(fi->hfinfo->name) : 0;
    return used < ITEM_LABEL_LENGTH ? ITEM_LABEL_LENGTH - used : 1;
}

static void draw_step(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_annotation *a,
                      proto_item *top)
{
    char text[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_step)) /* true whenever the tree is shown: the top line shows it too */
        lab_text_step(a, text, sizeof(text));
    char shown[ITEM_LABEL_LENGTH];
    proto_item_append_text(top, "%s", lab_text_format(shown, top_room(top), lab_msg(LAB_MSG_TOP_STEP), text));

    proto_item *item = add_line_string(tree, hf_lab_step, tvb, text, LAB_MSG_LINE_STEP);
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_step);
    if (a->step_kind == LAB_STEP_HANDSHAKE)
        add_line_uint(sub, hf_lab_step_handshake, tvb, a->step_num, LAB_MSG_LINE_STEP_HANDSHAKE);
    else if (a->step_kind == LAB_STEP_CLOSE)
        add_line_uint(sub, hf_lab_step_close, tvb, a->step_num, LAB_MSG_LINE_STEP_CLOSE);
    else {
        add_line_uint(sub, hf_lab_step_reset, tvb, a->step_num, LAB_MSG_LINE_STEP_RESET);
        add_line_enum(sub, hf_lab_step_reset_context, tvb, a->reset_context, LAB_MSG_LINE_RESET_CONTEXT,
                      lab_msg_reset_context);
    }
    if (a->step_retransmitted)
        add_line_bool(sub, hf_lab_step_retransmitted, tvb, TRUE, LAB_MSG_LINE_STEP_RETRANSMITTED);
    if (a->ref_frame)
        add_line_uint(sub, hf_lab_step_ref, tvb, a->ref_frame, LAB_MSG_LINE_STEP_REF);
    if (a->close_kind != LAB_CLOSE_NONE)
        add_line_enum(sub, hf_lab_close_kind, tvb, a->close_kind, LAB_MSG_LINE_CLOSE_KIND, lab_msg_close_kind);

    char short_text[LAB_SHORT_MAX] = "";
    if (wants(tree, hf_lab_step_short))
        lab_short_step(a, short_text, sizeof(short_text));
    add_line_string(sub, hf_lab_step_short, tvb, short_text, LAB_MSG_LINE_STEP_SHORT);

    if (is_refusal(a))
        add_expert(pinfo, item, &ei_lab_refused, LAB_MSG_EI_REFUSED);
}

static void draw_seq(proto_tree *tree, tvbuff_t *tvb, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_seq_next))
        lab_text_seq(a, text, sizeof(text));
    proto_item *item = add_sentence_uint(tree, hf_lab_seq_next, tvb, lab_annotation_seq_next(a), text);
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_seq);
    add_line_uint(sub, hf_lab_seq, tvb, a->seq, LAB_MSG_LINE_SEQ);
    if (a->seq_ok_known)
        add_line_bool(sub, hf_lab_seq_ok, tvb, a->seq_ok, LAB_MSG_LINE_SEQ_OK);
    add_line_enum(sub, hf_lab_seq_check, tvb, a->seq_check, LAB_MSG_LINE_SEQ_CHECK, lab_msg_seq_check);

    /* gap, retransmission, out of order, keep-alive: TCP's own expert infos say it */
}

static void draw_ack(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (!a->has_ack)
        return;
    if (wants(tree, hf_lab_ack_expected))
        lab_text_ack(a, text, sizeof(text));
    proto_item *item = add_sentence_uint(tree, hf_lab_ack_expected, tvb, a->ack_expected, text);
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_ack);
    add_line_uint(sub, hf_lab_ack, tvb, a->ack, LAB_MSG_LINE_ACK);
    add_line_bool(sub, hf_lab_ack_ok, tvb, a->ack_check == LAB_ACK_OK, LAB_MSG_LINE_ACK_OK);
    add_line_enum(sub, hf_lab_ack_check, tvb, a->ack_check, LAB_MSG_LINE_ACK_CHECK, lab_msg_ack_check);
    if (is_old_ack(a))
        add_expert(pinfo, item, &ei_lab_ack_old, LAB_MSG_EI_ACK_OLD);
}

static void draw_states(proto_tree *tree, tvbuff_t *tvb, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (!a->states_known)
        return;
    for (unsigned side = 0; side < 2; side++) {
        unsigned state = side == LAB_DIR_C2S ? a->state_client : a->state_server;
        int hf = side == LAB_DIR_C2S ? hf_lab_state_client : hf_lab_state_server;
        text[0] = '\0';
        if (wants(tree, hf))
            lab_text_state_line(a, side, text, sizeof(text));
        proto_item *item = add_sentence_uint(tree, hf, tvb, state, text);
        int hf_short = side == LAB_DIR_C2S ? hf_lab_state_client_short : hf_lab_state_server_short;
        char short_text[LAB_SHORT_MAX] = "";
        if (wants(tree, hf_short))
            lab_short_state(a, side, short_text, sizeof(short_text));
        add_line_string(proto_item_add_subtree(item, ett_lab_state), hf_short, tvb, short_text,
                        side == LAB_DIR_C2S ? LAB_MSG_LINE_STATE_CLIENT_SHORT : LAB_MSG_LINE_STATE_SERVER_SHORT);
    }
}

static void draw_http(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_http_annotation *h)
{
    char text[LAB_TEXT_MAX] = "", notes[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_http))
        lab_text_http(h, text, sizeof(text));
    proto_item *item = add_line_string(tree, hf_lab_http, tvb, text, LAB_MSG_LINE_HTTP);
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_http);
    /* a 1xx answers no request, and says nothing about reuse: the final response does */
    if (h->request_index)
        add_line_uint(sub, hf_lab_http_request_index, tvb, h->request_index, LAB_MSG_LINE_HTTP_INDEX);
    if (h->is_request || !h->interim || h->switched)
        add_line_bool(sub, hf_lab_http_persistent, tvb, h->persistent, LAB_MSG_LINE_HTTP_PERSISTENT);
    if (h->switched && wants(sub, hf_lab_http_switched))
        add_generated(proto_tree_add_uint_format(sub, hf_lab_http_switched, tvb, 0, 0, h->switched, lab_msg(LAB_MSG_LINE_HTTP_SWITCHED),
                                                 lab_msg_switch(h->switched)));
    if (h->keepalive_timeout >= 0 && wants(sub, hf_lab_http_keepalive_timeout))
        add_generated(proto_tree_add_int_format(sub, hf_lab_http_keepalive_timeout, tvb, 0, 0, h->keepalive_timeout,
                                                LINE(HTTP_TIMEOUT), h->keepalive_timeout));
    if (h->notes && wants(sub, hf_lab_http_note) && lab_text_http_notes(h, notes, sizeof(notes))[0])
        add_line_string(sub, hf_lab_http_note, tvb, notes, LAB_MSG_LINE_HTTP_NOTE);
    if (h->reuse_after_close)
        add_expert(pinfo, item, &ei_lab_http_reuse, LAB_MSG_EI_HTTP_REUSE);
}

/* The fields of one connection summary: lab.conn.* (as far as the packets up to a close or
 * reset step show it) or lab.final.* (the whole capture), with the labels of their lines. */
typedef struct conn_fields {
    const int *top, *verdict, *verdict_class, *requests, *closer, *idle, *nodata, *parallel;
    const gint *ett;
    lab_msg_id title; /* then verdict, verdict class, requests, closer, idle, no data, parallel */
} conn_fields;

static const conn_fields so_far = {
    &hf_lab_conn, &hf_lab_conn_verdict, &hf_lab_conn_verdict_class, &hf_lab_conn_requests,
    &hf_lab_conn_closer, &hf_lab_conn_idle, &hf_lab_conn_nodata, &hf_lab_conn_parallel,
    &ett_lab_conn, LAB_MSG_LINE_CONN_SO_FAR,
};
static const conn_fields whole_capture = {
    &hf_lab_final, &hf_lab_final_verdict, &hf_lab_final_verdict_class, &hf_lab_final_requests,
    &hf_lab_final_closer, &hf_lab_final_idle, &hf_lab_final_nodata, &hf_lab_final_parallel,
    &ett_lab_final, LAB_MSG_LINE_CONN_WHOLE,
};

static void draw_conn(proto_tree *tree, tvbuff_t *tvb, const lab_conn_summary *c, const conn_fields *f,
                      packet_info *pinfo, gboolean flag_mismatch)
{
    /* the line labels follow the title in lab_msg.h, in the same order for both summaries */
    lab_msg_id line = f->title;
    char verdict[LAB_TEXT_MAX] = "";
    if (wants(tree, *f->top) || wants(tree, *f->verdict))
        lab_text_verdict(c, verdict, sizeof(verdict));
    proto_item *item = add_line_string(tree, *f->top, tvb, verdict, line);
    proto_tree *sub = proto_item_add_subtree(item, *f->ett);
    add_line_string(sub, *f->verdict, tvb, verdict, (lab_msg_id)(line + 1));
    add_line_enum(sub, *f->verdict_class, tvb, c->verdict, (lab_msg_id)(line + 2), lab_msg_verdict_class);
    add_line_uint(sub, *f->requests, tvb, c->requests, (lab_msg_id)(line + 3));
    add_line_enum(sub, *f->closer, tvb, c->closer, (lab_msg_id)(line + 4), lab_msg_closer);
    if (wants(sub, *f->idle))
        add_generated(proto_tree_add_double_format(sub, *f->idle, tvb, 0, 0, c->idle, lab_msg((lab_msg_id)(line + 5)),
                                                   c->idle));
    add_line_bool(sub, *f->nodata, tvb, c->nodata, (lab_msg_id)(line + 6));
    add_line_uint(sub, *f->parallel, tvb, c->parallel, (lab_msg_id)(line + 7));
    if (flag_mismatch)
        add_timeout_mismatch(pinfo, item, c);
}

/* What a packet shows when its subtree is not drawn: the expert infos, in the order the
 * drawn subtree raises them. They hang on the tree itself (NULL without a tree), which nobody
 * sees either; -z expert, the Expert Information dialog, the expert column and _ws.expert
 * filters get the same entries as from a drawn subtree. */
static void raise_experts_undrawn(proto_tree *tree, packet_info *pinfo, const lab_frame_result *r)
{
    proto_item *here = (proto_item *)tree;
    const lab_annotation *a = &r->tcp;
    if (is_refusal(a))
        add_expert(pinfo, here, &ei_lab_refused, LAB_MSG_EI_REFUSED);
    if (is_midstream_start(a))
        add_expert(pinfo, here, &ei_lab_midstream, LAB_MSG_EI_MIDSTREAM);
    if (is_old_ack(a))
        add_expert(pinfo, here, &ei_lab_ack_old, LAB_MSG_EI_ACK_OLD);
    for (unsigned i = 0; i < r->n_http; i++)
        if (r->http[i].reuse_after_close)
            add_expert(pinfo, here, &ei_lab_http_reuse, LAB_MSG_EI_HTTP_REUSE);
    if (is_timeout_mismatch(r))
        add_timeout_mismatch(pinfo, here, r->conn);
}

void lab_tree_draw(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, int proto,
                   const lab_frame_result *r, const lab_conn_summary *final)
{
    char text[LAB_TEXT_MAX] = "";
    const lab_annotation *a = &r->tcp;

    label_info_column(pinfo, a);
    /* Plain tshark -r (and Wireshark's first pass) builds a tree nobody sees for every packet.
     * When it is not shown and no filter, column or colouring rule names a lab field, none of
     * the ~25 lines would become an item: skip them (docs/benchmark.md, "Where the time goes"). */
    if (!proto_field_is_referenced(tree, proto)) {
        raise_experts_undrawn(tree, pinfo, r);
        return;
    }
    proto_item *top = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(top);
    proto_tree *sub = proto_item_add_subtree(top, ett_lab);

    add_line_uint(sub, hf_lab_stream, tvb, a->stream, LAB_MSG_LINE_STREAM);
    if (a->step_kind != LAB_STEP_NONE)
        draw_step(sub, tvb, pinfo, a, top);
    else {
        char shown[ITEM_LABEL_LENGTH];
        proto_item_append_text(top, "%s", lab_text_format(shown, top_room(top), lab_msg(LAB_MSG_TOP_PHASE),
                                                          lab_msg_phase(a->phase), lab_msg_arrow(a->dir)));
    }

    if (wants(tree, hf_lab_dir))
        lab_text_direction(a, text, sizeof(text));
    add_sentence_uint(sub, hf_lab_dir, tvb, a->dir, text);
    if (a->roles_guessed) {
        proto_item *g = wants(sub, hf_lab_dir_guessed)
            ? add_generated(proto_tree_add_boolean_format(sub, hf_lab_dir_guessed, tvb, 0, 0, TRUE, LINE(GUESSED),
                                                          lab_msg_bool(TRUE)))
            : unseen(sub);
        if (is_midstream_start(a))
            add_expert(pinfo, g, &ei_lab_midstream, LAB_MSG_EI_MIDSTREAM);
    }
    add_line_enum(sub, hf_lab_phase, tvb, a->phase, LAB_MSG_LINE_PHASE, lab_msg_phase);
    if (a->note != LAB_NOTE_NONE) {
        text[0] = '\0';
        if (wants(tree, hf_lab_note))
            lab_text_note(a, text, sizeof(text));
        add_sentence_uint(sub, hf_lab_note, tvb, a->note, text);
    }
    draw_states(sub, tvb, a);
    draw_seq(sub, tvb, a);
    draw_ack(sub, tvb, pinfo, a);
    for (unsigned i = 0; i < r->n_http; i++)
        draw_http(sub, tvb, pinfo, &r->http[i]);
    if (r->conn)
        draw_conn(sub, tvb, r->conn, &so_far, pinfo, is_timeout_mismatch(r));
    if (final)
        draw_conn(sub, tvb, final, &whole_capture, pinfo, FALSE);
}
