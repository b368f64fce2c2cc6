/* Field extraction: the only code that reads other dissectors' fields. */
#include "lab_fields.h"

#include <string.h>

#include <epan/proto.h>

#include "lab_compat.h"

/* Fields read from every TCP packet. */
enum {
    F_TCP_STREAM,
    F_TCP_SRCPORT,
    F_TCP_DSTPORT,
    F_TCP_SEQ_RAW,
    F_TCP_ACK_RAW,
    F_TCP_LEN,
    F_TCP_FLAGS,
    F_TCP_WINDOW,
    F_ICMP,      /* a TCP header quoted inside an ICMP error is not a segment of the stream */
    F_ICMPV6,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
    "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw",
    "tcp.len", "tcp.flags", "tcp.window_size_value", "icmp", "icmpv6",
};

static int field_ids[F_COUNT];

void lab_fields_register_wanted(dissector_handle_t handle)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (int i = 0; i < F_COUNT; i++) {
        field_ids[i] = proto_registrar_get_id_byname(field_names[i]);
        if (field_ids[i] > 0)
            g_array_append_val(wanted, field_ids[i]);
    }
    set_postdissector_wanted_hfids(handle, wanted);
}

/* The first value of a field in this frame, or FALSE if absent. */
static gboolean first_uint(proto_tree *tree, int which, guint32 *value)
{
    if (field_ids[which] <= 0)
        return FALSE;
    GPtrArray *found = proto_get_finfo_ptr_array(tree, field_ids[which]);
    if (!found || found->len == 0)
        return FALSE;
    *value = lab_finfo_uint((field_info *)g_ptr_array_index(found, 0));
    return TRUE;
}

static gboolean present(proto_tree *tree, int which)
{
    if (field_ids[which] <= 0)
        return FALSE;
    GPtrArray *found = proto_get_finfo_ptr_array(tree, field_ids[which]);
    return found && found->len > 0;
}

static void copy_address_bytes(const address *addr, guint8 *out)
{
    if (addr->len > 0 && addr->len <= LAB_ADDR_MAX && addr->data)
        memcpy(out, addr->data, (size_t)addr->len);
}

gboolean lab_fields_read_segment(proto_tree *tree, packet_info *pinfo, lab_segment *seg)
{
    guint32 v;

    memset(seg, 0, sizeof(*seg));
    if (!tree || present(tree, F_ICMP) || present(tree, F_ICMPV6))
        return FALSE;
    if (!first_uint(tree, F_TCP_STREAM, &seg->stream) || !first_uint(tree, F_TCP_SEQ_RAW, &seg->seq_raw))
        return FALSE;
    if (first_uint(tree, F_TCP_SRCPORT, &v))
        seg->src_port = (guint16)v;
    if (first_uint(tree, F_TCP_DSTPORT, &v))
        seg->dst_port = (guint16)v;
    if (!first_uint(tree, F_TCP_ACK_RAW, &seg->ack_raw))
        seg->ack_raw = 0;
    if (first_uint(tree, F_TCP_LEN, &v))
        seg->len = v;
    if (first_uint(tree, F_TCP_FLAGS, &v))
        seg->flags = (guint8)(v & 0x1f);
    if (first_uint(tree, F_TCP_WINDOW, &v))
        seg->window = v;

    seg->frame = pinfo->num;
    seg->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
    if (pinfo->net_src.len == pinfo->net_dst.len && pinfo->net_src.len <= LAB_ADDR_MAX) {
        seg->addr_len = (guint8)pinfo->net_src.len;
        copy_address_bytes(&pinfo->net_src, seg->src_addr);
        copy_address_bytes(&pinfo->net_dst, seg->dst_addr);
    }
    return TRUE;
}
