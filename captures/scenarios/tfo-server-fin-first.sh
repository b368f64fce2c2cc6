#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# TCP Fast Open, the server closing before the client's ACK arrives. First connection: a
# cookie request (plain handshake). Second: the SYN carries the request, accept() returns
# at once, the server answers with Connection: close and close()s while still in
# SYN-RECEIVED: SYN+ACK, data and FIN leave before the client's ACK (20 ms each way) comes
# back. Captured at the server's interface, so that is the order in the file.
# Standalone: run as root on Debian 12. Writes captures/tfo-server-fin-first.pcapng.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup tfo-server-fin-first
lhn_hosts

lhn_sysctl "$LHN_C" net.ipv4.tcp_fastopen=3
lhn_sysctl "$LHN_S" net.ipv4.tcp_fastopen=3
lhn_link_start 20 -d 20
lhn_py_bg "$LHN_S" 15 tfo-server --count 2 --close-at-once
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_S" "$LHN_SIF" tcp 20 "Lab Handshake: TCP Fast Open, the server closes before the client's ACK; 20 ms each way, captured at the server"
lhn_py "$LHN_C" 10 tfo-client --count 2 --pause 0.5 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish tfo-server-fin-first
n=$(tshark -r "$LHN_CAPTURES_DIR/tfo-server-fin-first.pcapng" -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.len > 0" 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || lhn_die "no SYN carries data: TCP Fast Open did not happen"
