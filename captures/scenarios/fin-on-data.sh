#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# FIN on a data segment: the server corks its socket (TCP_CORK), writes the response and calls shutdown(SHUT_WR): the last data and the FIN leave in one segment.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/fin-on-data.pcapng. See captures/guide/fin-on-data.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup fin-on-data
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first server --cork --size 2000
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: FIN on the last data segment (server TCP_CORK + shutdown); 5 ms each way"
lhn_py "$LHN_C" 10 close-client --first server --eof-delay 0.2 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish fin-on-data -d tcp.port==24,http
n=$(tshark -r "$LHN_CAPTURES_DIR/fin-on-data.pcapng" -Y "tcp.flags.fin == 1 && tcp.len > 0" 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || lhn_die "no segment carries both payload and FIN"
lhn_log "segments with FIN and payload: $n"
