/* The Lab Handshake subtree. Every line is a field, so anything a student reads can be
 * filtered on; every sentence comes from core/lab_text.c. */
#include "lab_tree.h"

#include <epan/expert.h>

#include "core/lab_names.h"
#include "core/lab_text.h"

static int hf_lab_stream = -1;
static int hf_lab_dir = -1;
static int hf_lab_dir_guessed = -1;
static int hf_lab_phase = -1;
static int hf_lab_note = -1;
static int hf_lab_step = -1;
static int hf_lab_step_handshake = -1;
static int hf_lab_step_close = -1;
static int hf_lab_step_reset = -1;
static int hf_lab_step_retransmitted = -1;
static int hf_lab_step_ref = -1;
static int hf_lab_close_kind = -1;
static int hf_lab_state_client = -1;
static int hf_lab_state_server = -1;
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
static int hf_lab_conn = -1;
static int hf_lab_conn_requests = -1;
static int hf_lab_conn_closer = -1;
static int hf_lab_conn_idle = -1;
static int hf_lab_conn_verdict = -1;
static int hf_lab_conn_verdict_class = -1;
static int hf_lab_conn_nodata = -1;
static int hf_lab_conn_parallel = -1;

/* 4.0 aborts on ett_ variables that do not start at -1. */
static gint ett_lab = -1;
static gint ett_lab_step = -1;
static gint ett_lab_seq = -1;
static gint ett_lab_ack = -1;
static gint ett_lab_http = -1;
static gint ett_lab_conn = -1;

static expert_field ei_lab_seq_gap = EI_INIT;
static expert_field ei_lab_retransmission = EI_INIT;
static expert_field ei_lab_out_of_order = EI_INIT;
static expert_field ei_lab_keepalive = EI_INIT;
static expert_field ei_lab_dup_ack = EI_INIT;
static expert_field ei_lab_ack_unseen = EI_INIT;
static expert_field ei_lab_ack_old = EI_INIT;
static expert_field ei_lab_reset = EI_INIT;
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
        { &hf_lab_step_handshake, { "Handshake step", "lab.step.handshake", FT_UINT8, BASE_DEC, NULL, 0x0,
            "1 = SYN, 2 = SYN+ACK, 3 = the ACK that completes the three-way handshake.", HFILL } },
        { &hf_lab_step_close, { "Close step", "lab.step.close", FT_UINT8, BASE_DEC, NULL, 0x0,
            "Position of this segment in the close: 1 to 4 (four-way, simultaneous), 1 to 3 (three-way).", HFILL } },
        { &hf_lab_step_reset, { "Reset step", "lab.step.reset", FT_UINT8, BASE_DEC, NULL, 0x0,
            "1 on every RST segment: the connection is aborted.", HFILL } },
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
    };
    static gint *ett[] = { &ett_lab, &ett_lab_step, &ett_lab_seq, &ett_lab_ack, &ett_lab_http, &ett_lab_conn };
    static ei_register_info ei[] = {
        { &ei_lab_seq_gap, { "lab.seq.gap", PI_SEQUENCE, PI_WARN,
            "Bytes missing before this segment (lost or not captured)", EXPFILL } },
        { &ei_lab_retransmission, { "lab.seq.retransmission", PI_SEQUENCE, PI_NOTE,
            "Retransmission of bytes already sent", EXPFILL } },
        { &ei_lab_out_of_order, { "lab.seq.out_of_order", PI_SEQUENCE, PI_WARN,
            "Out-of-order segment", EXPFILL } },
        { &ei_lab_keepalive, { "lab.seq.keepalive", PI_SEQUENCE, PI_NOTE,
            "TCP keep-alive probe (a TCP mechanism, not HTTP keep-alive)", EXPFILL } },
        { &ei_lab_dup_ack, { "lab.ack.duplicate", PI_SEQUENCE, PI_NOTE,
            "Duplicate ACK", EXPFILL } },
        { &ei_lab_ack_unseen, { "lab.ack.unseen", PI_SEQUENCE, PI_WARN,
            "Acknowledges data the capture did not see", EXPFILL } },
        { &ei_lab_ack_old, { "lab.ack.old", PI_SEQUENCE, PI_NOTE,
            "Acknowledgment below an earlier one (reordered)", EXPFILL } },
        { &ei_lab_reset, { "lab.reset", PI_SEQUENCE, PI_WARN,
            "Connection reset (RST)", EXPFILL } },
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

/* Sentences cost a few snprintf()s: write them only when the tree is shown or a filter or
 * column asks for that field (plain `tshark -r` builds an invisible tree for every packet). */
static gboolean wants(proto_tree *tree, int hf)
{
    return tree && proto_field_is_referenced(tree, hf);
}

static proto_item *add_generated(proto_item *item)
{
    proto_item_set_generated(item);
    return item;
}

static void draw_step(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_annotation *a,
                      proto_item *top, int proto)
{
    char text[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_step) || wants(tree, proto))
        lab_text_step(a, text, sizeof(text));
    proto_item_append_text(top, ": %s", text);

    proto_item *item = add_generated(proto_tree_add_string(tree, hf_lab_step, tvb, 0, 0, text));
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_step);
    int hf = a->step_kind == LAB_STEP_HANDSHAKE ? hf_lab_step_handshake
           : a->step_kind == LAB_STEP_CLOSE ? hf_lab_step_close : hf_lab_step_reset;
    add_generated(proto_tree_add_uint(sub, hf, tvb, 0, 0, a->step_num));
    if (a->step_retransmitted)
        add_generated(proto_tree_add_boolean(sub, hf_lab_step_retransmitted, tvb, 0, 0, TRUE));
    if (a->ref_frame)
        add_generated(proto_tree_add_uint(sub, hf_lab_step_ref, tvb, 0, 0, a->ref_frame));
    if (a->close_kind != LAB_CLOSE_NONE)
        add_generated(proto_tree_add_uint(sub, hf_lab_close_kind, tvb, 0, 0, a->close_kind));

    if (a->step_kind == LAB_STEP_RESET)
        expert_add_info(pinfo, item, a->reset_context == LAB_RST_REFUSED ? &ei_lab_refused : &ei_lab_reset);

    if (a->step_kind == LAB_STEP_HANDSHAKE)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [Handshake %u/3]", a->step_num);
    else if (a->step_kind == LAB_STEP_RESET)
        col_append_str(pinfo->cinfo, COL_INFO, " [Reset]");
    else if (a->step_total)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [Close %u/%u]", a->step_num, a->step_total);
    else
        col_append_fstr(pinfo->cinfo, COL_INFO, " [Close %u]", a->step_num);
}

static void draw_seq(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_seq_next))
        lab_text_seq(a, text, sizeof(text));
    proto_item *item = add_generated(proto_tree_add_uint_format(tree, hf_lab_seq_next, tvb, 0, 0,
                                                                lab_annotation_seq_next(a), "%s", text));
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_seq);
    add_generated(proto_tree_add_uint(sub, hf_lab_seq, tvb, 0, 0, a->seq));
    if (a->seq_ok_known)
        add_generated(proto_tree_add_boolean(sub, hf_lab_seq_ok, tvb, 0, 0, a->seq_ok));
    add_generated(proto_tree_add_uint(sub, hf_lab_seq_check, tvb, 0, 0, a->seq_check));

    switch (a->seq_check) {
    case LAB_SEQ_GAP: expert_add_info(pinfo, item, &ei_lab_seq_gap); break;
    case LAB_SEQ_RETRANSMISSION: expert_add_info(pinfo, item, &ei_lab_retransmission); break;
    case LAB_SEQ_OUT_OF_ORDER: expert_add_info(pinfo, item, &ei_lab_out_of_order); break;
    case LAB_SEQ_KEEPALIVE: expert_add_info(pinfo, item, &ei_lab_keepalive); break;
    default: break;
    }
}

static void draw_ack(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (!a->has_ack)
        return;
    if (wants(tree, hf_lab_ack_expected))
        lab_text_ack(a, text, sizeof(text));
    proto_item *item = add_generated(proto_tree_add_uint_format(tree, hf_lab_ack_expected, tvb, 0, 0,
                                                                a->ack_expected, "%s", text));
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_ack);
    add_generated(proto_tree_add_uint(sub, hf_lab_ack, tvb, 0, 0, a->ack));
    add_generated(proto_tree_add_boolean(sub, hf_lab_ack_ok, tvb, 0, 0, a->ack_check == LAB_ACK_OK));
    add_generated(proto_tree_add_uint(sub, hf_lab_ack_check, tvb, 0, 0, a->ack_check));

    switch (a->ack_check) {
    case LAB_ACK_DUPLICATE: expert_add_info(pinfo, item, &ei_lab_dup_ack); break;
    case LAB_ACK_UNSEEN: expert_add_info(pinfo, item, &ei_lab_ack_unseen); break;
    case LAB_ACK_OLD: expert_add_info(pinfo, item, &ei_lab_ack_old); break;
    default: break;
    }
}

static void draw_states(proto_tree *tree, tvbuff_t *tvb, const lab_annotation *a)
{
    char text[LAB_TEXT_MAX] = "";
    if (!a->states_known)
        return;
    unsigned receiver_now = a->dir == LAB_DIR_C2S ? a->state_server : a->state_client;
    bool changes = a->state_receiver_after != receiver_now;
    for (unsigned side = 0; side < 2; side++) {
        unsigned state = side == LAB_DIR_C2S ? a->state_client : a->state_server;
        int hf = side == LAB_DIR_C2S ? hf_lab_state_client : hf_lab_state_server;
        const char *role = lab_role_name(side);
        if (!wants(tree, hf))
            ;
        else if (side != a->dir && changes)
            g_snprintf(text, sizeof(text), "%c%s state: %s → %s when this segment arrives",
                       g_ascii_toupper(role[0]), role + 1, lab_state_name(state),
                       lab_state_name(a->state_receiver_after));
        else
            g_snprintf(text, sizeof(text), "%c%s state: %s%s", g_ascii_toupper(role[0]), role + 1,
                       lab_state_name(state), side == a->dir ? " (after sending this)" : "");
        if (state == LAB_ST_LISTEN && !a->server_answered && text[0])
            g_strlcat(text, " (assumed: nothing from the server yet shows whether anything listens)", sizeof(text));
        add_generated(proto_tree_add_uint_format(tree, hf, tvb, 0, 0, state, "%s", text));
    }
}

static void draw_http(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const lab_http_annotation *h)
{
    char text[LAB_TEXT_MAX] = "", notes[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_http))
        lab_text_http(h, text, sizeof(text));
    proto_item *item = add_generated(proto_tree_add_string_format_value(tree, hf_lab_http, tvb, 0, 0, text,
                                                                        "%s", text));
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_http);
    add_generated(proto_tree_add_uint(sub, hf_lab_http_request_index, tvb, 0, 0, h->request_index));
    add_generated(proto_tree_add_boolean(sub, hf_lab_http_persistent, tvb, 0, 0, h->persistent));
    if (h->keepalive_timeout >= 0)
        add_generated(proto_tree_add_int(sub, hf_lab_http_keepalive_timeout, tvb, 0, 0, h->keepalive_timeout));
    if (h->notes && lab_text_http_notes(h, notes, sizeof(notes))[0])
        add_generated(proto_tree_add_string(sub, hf_lab_http_note, tvb, 0, 0, notes));
    if (h->reuse_after_close)
        expert_add_info(pinfo, item, &ei_lab_http_reuse);
}

static void draw_conn(proto_tree *tree, tvbuff_t *tvb, const lab_conn_summary *c, gboolean whole_capture,
                      packet_info *pinfo, gboolean flag_mismatch)
{
    char verdict[LAB_TEXT_MAX] = "";
    if (wants(tree, hf_lab_conn) || wants(tree, hf_lab_conn_verdict))
        lab_text_verdict(c, verdict, sizeof(verdict));
    proto_item *item = add_generated(proto_tree_add_string_format(tree, hf_lab_conn, tvb, 0, 0, verdict,
        "%s: %s", whole_capture ? "Connection (whole capture)" : "Connection (so far)", verdict));
    proto_tree *sub = proto_item_add_subtree(item, ett_lab_conn);
    add_generated(proto_tree_add_string(sub, hf_lab_conn_verdict, tvb, 0, 0, verdict));
    add_generated(proto_tree_add_uint(sub, hf_lab_conn_verdict_class, tvb, 0, 0, c->verdict));
    add_generated(proto_tree_add_uint(sub, hf_lab_conn_requests, tvb, 0, 0, c->requests));
    add_generated(proto_tree_add_uint(sub, hf_lab_conn_closer, tvb, 0, 0, c->closer));
    add_generated(proto_tree_add_double_format_value(sub, hf_lab_conn_idle, tvb, 0, 0, c->idle, "%.3f s", c->idle));
    add_generated(proto_tree_add_boolean(sub, hf_lab_conn_nodata, tvb, 0, 0, c->nodata));
    add_generated(proto_tree_add_uint(sub, hf_lab_conn_parallel, tvb, 0, 0, c->parallel));
    if (flag_mismatch && c->timeout_mismatch)
        expert_add_info_format(pinfo, item, &ei_lab_timeout_mismatch,
                               "The server closed after %.1f s idle, but it advertised Keep-Alive: timeout=%d",
                               c->idle, c->advertised_timeout);
}

void lab_tree_draw(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, int proto,
                   const lab_frame_result *r, const lab_conn_summary *final)
{
    char text[LAB_TEXT_MAX] = "";
    const lab_annotation *a = &r->tcp;
    proto_item *top = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(top);
    proto_tree *sub = proto_item_add_subtree(top, ett_lab);

    add_generated(proto_tree_add_uint(sub, hf_lab_stream, tvb, 0, 0, a->stream));
    if (a->step_kind != LAB_STEP_NONE)
        draw_step(sub, tvb, pinfo, a, top, proto);
    else if (wants(tree, proto))
        proto_item_append_text(top, ": %s, %s", lab_phase_name(a->phase), lab_dir_arrow(a->dir));

    if (wants(tree, hf_lab_dir))
        lab_text_direction(a, text, sizeof(text));
    add_generated(proto_tree_add_uint_format(sub, hf_lab_dir, tvb, 0, 0, a->dir, "%s", text));
    if (a->roles_guessed) {
        proto_item *g = add_generated(proto_tree_add_boolean(sub, hf_lab_dir_guessed, tvb, 0, 0, TRUE));
        if (a->first_of_stream)
            expert_add_info(pinfo, g, &ei_lab_midstream);
    }
    add_generated(proto_tree_add_uint(sub, hf_lab_phase, tvb, 0, 0, a->phase));
    if (a->note != LAB_NOTE_NONE) {
        text[0] = '\0';
        if (wants(tree, hf_lab_note))
            lab_text_note(a, text, sizeof(text));
        add_generated(proto_tree_add_uint_format(sub, hf_lab_note, tvb, 0, 0, a->note, "%s", text));
    }
    draw_states(sub, tvb, a);
    draw_seq(sub, tvb, pinfo, a);
    draw_ack(sub, tvb, pinfo, a);
    for (unsigned i = 0; i < r->n_http; i++)
        draw_http(sub, tvb, pinfo, &r->http[i]);
    if (r->conn)
        draw_conn(sub, tvb, r->conn, FALSE, pinfo, a->ends_connection);
    else if (final)
        draw_conn(sub, tvb, final, TRUE, pinfo, FALSE);
}
