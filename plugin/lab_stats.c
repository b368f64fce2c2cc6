/* Statistics from the annotations the dissector queues on the "lab" tap. */
#include "lab_stats.h"

#include <epan/packet.h>
#include <epan/stats_tree.h>

#include "core/lab_names.h"
#include "core/lab_types.h"

static const char node_handshakes[] = "Handshakes";
static const char node_closes[] = "Closes by kind (counted on the last close step)";
static const char node_resets[] = "Resets by situation";
static const char node_phases[] = "TCP segments by phase";

static int st_handshakes = -1;
static int st_closes = -1;
static int st_resets = -1;
static int st_phases = -1;

static void lab_stats_init(stats_tree *st)
{
    st_handshakes = stats_tree_create_node(st, node_handshakes, 0, STAT_DT_INT, TRUE);
    st_closes = stats_tree_create_node(st, node_closes, 0, STAT_DT_INT, TRUE);
    st_resets = stats_tree_create_node(st, node_resets, 0, STAT_DT_INT, TRUE);
    st_phases = stats_tree_create_pivot(st, node_phases, 0);
}

static const char *reset_situation(unsigned context)
{
    switch (context) {
    case LAB_RST_REFUSED: return "connection refused (RST answers a SYN)";
    case LAB_RST_HANDSHAKE: return "during the handshake";
    case LAB_RST_DATA: return "established connection, no FIN before";
    case LAB_RST_CLOSING: return "after a FIN";
    case LAB_RST_AFTER_CLOSE: return "after the close or another RST";
    default: return "handshake not captured";
    }
}

static tap_packet_status lab_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                          const void *data, tap_flags_t flags _U_)
{
    const lab_annotation *a = (const lab_annotation *)data;

    stats_tree_tick_pivot(st, st_phases, lab_phase_name(a->phase));
    if (a->step_kind == LAB_STEP_HANDSHAKE && a->step_num == 3) {
        tick_stat_node(st, node_handshakes, 0, TRUE);
        tick_stat_node(st, "completed", st_handshakes, FALSE);
    }
    if (a->step_kind == LAB_STEP_CLOSE && a->step_total && a->step_num == a->step_total
        && !a->step_retransmitted) {
        tick_stat_node(st, node_closes, 0, TRUE);
        tick_stat_node(st, lab_close_kind_name(a->close_kind), st_closes, FALSE);
    }
    if (a->step_kind == LAB_STEP_RESET) {
        tick_stat_node(st, node_resets, 0, TRUE);
        tick_stat_node(st, reset_situation(a->reset_context), st_resets, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

void lab_stats_register(void)
{
    stats_tree_register_plugin("lab", "lab", "Lab Handshake", 0, lab_stats_packet, lab_stats_init, NULL);
}
