/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plugin entry points Wireshark looks for when it loads the shared object. */
#include "lab_config.h"

#include <epan/proto.h>
#ifdef LAB_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

#include "packet-lab.h"

#ifndef WS_DLL_PUBLIC_DEF
#define WS_DLL_PUBLIC_DEF __attribute__((visibility("default")))
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = LAB_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = LAB_WIRESHARK_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = LAB_WIRESHARK_MINOR;

WS_DLL_PUBLIC_DEF void plugin_register(void);
#ifdef LAB_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC_DEF uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void plugin_register(void)
{
    static proto_plugin plugin;
    plugin.register_protoinfo = proto_register_lab;
    plugin.register_handoff = proto_reg_handoff_lab;
    proto_register_plugin(&plugin);
}
