#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# TCP Fast Open (RFC 7413): both hosts set net.ipv4.tcp_fastopen=3 (inside their own
# namespaces only), the server sets TCP_FASTOPEN on its listening socket, and the client
# opens two connections with sendto(MSG_FASTOPEN):
#   1st: the SYN asks for a cookie (empty TFO option); the SYN+ACK brings one; the request
#        goes after the handshake, as usual;
#   2nd: the SYN carries the cookie AND the HTTP request; the server accepts the data in
#        the SYN, and its SYN+ACK already acknowledges it.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/tcp-fast-open.pcapng. See captures/guide/tcp-fast-open.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup tcp-fast-open
lhn_hosts

lhn_sysctl "$LHN_C" net.ipv4.tcp_fastopen=3
lhn_sysctl "$LHN_S" net.ipv4.tcp_fastopen=3
lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 tfo-server --count 2
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: TCP Fast Open, cookie request then data in SYN; 5 ms each way"
lhn_py "$LHN_C" 10 tfo-client --count 2 --pause 0.5 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish tcp-fast-open
n=$(tshark -r "$LHN_CAPTURES_DIR/tcp-fast-open.pcapng" -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.len > 0" 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || lhn_die "no SYN carries data: TCP Fast Open did not happen"
lhn_log "SYNs with data: $n"
