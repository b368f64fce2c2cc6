/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The floor: the cheapest postdissector that reads other dissectors' fields.
 *
 * It registers, wants the fields named in FLOOR_FIELDS (a comma-separated list given when it
 * is compiled) and does nothing with them. Wanting any field makes tshark build a protocol
 * tree for every packet, and makes the wanted fields real items on every packet that has
 * them; whatever this plugin costs, every postdissector that reads fields costs at least as
 * much. bench/floor.sh builds it and compares it with tshark alone and with Lab Handshake.
 * A measuring aid only: never installed, never shipped. */
#include <epan/packet.h>
#include <epan/proto.h>
#include <string.h>

#ifndef WS_DLL_PUBLIC_DEF
#define WS_DLL_PUBLIC_DEF __attribute__((visibility("default")))
#endif
#ifndef FLOOR_FIELDS
#define FLOOR_FIELDS ""
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = FLOOR_WS_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = FLOOR_WS_MINOR;
WS_DLL_PUBLIC_DEF void plugin_register(void);

static int proto_floor = -1;
static dissector_handle_t floor_handle;

static int dissect_floor(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    return 0;
}

static void register_floor(void)
{
    proto_floor = proto_register_protocol("Benchmark floor", "Floor", "benchfloor");
    floor_handle = register_dissector("benchfloor", dissect_floor, proto_floor);
    register_postdissector(floor_handle);
}

static void handoff_floor(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    gchar **names = g_strsplit(FLOOR_FIELDS, ",", -1);
    for (gchar **n = names; *n; n++) {
        int id = **n ? proto_registrar_get_id_byname(*n) : -1;
        if (id > 0)
            g_array_append_val(wanted, id);
    }
    g_strfreev(names);
    if (wanted->len > 0)
        set_postdissector_wanted_hfids(floor_handle, wanted);
    else
        g_array_free(wanted, TRUE);
}

void plugin_register(void)
{
    static proto_plugin plugin;
    plugin.register_protoinfo = register_floor;
    plugin.register_handoff = handoff_floor;
    proto_register_plugin(&plugin);
}
