#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Port reuse: two connections on the same 4-tuple, one after the other:
# 192.0.2.10:40000 -> 192.0.2.20:24. Each time the server answers and closes first, so the
# TIME-WAIT state is kept by the server, and the client (SO_REUSEADDR + bind to port 40000)
# can open the second connection 1 s later. The server's TIME-WAIT socket accepts the new
# SYN (its sequence number / timestamp is newer) and hands it to the listener.
# Wireshark must show two tcp.stream values (checked at the end).
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/port-reuse.pcapng. See captures/guide/port-reuse.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup port-reuse
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 reuse-server --count 2
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: port reuse, two connections on 192.0.2.10:40000 -> 192.0.2.20:24; 5 ms each way"
lhn_py "$LHN_C" 10 reuse-client --count 2 --bind-port 40000 --pause 1.0 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish port-reuse
streams=$(tshark -r "$LHN_CAPTURES_DIR/port-reuse.pcapng" -T fields -e tcp.stream 2>/dev/null | sort -u | wc -l)
lhn_log "tcp.stream values: $streams"
[ "$streams" -eq 2 ] || lhn_log "WARNING: Wireshark does not show two streams"
