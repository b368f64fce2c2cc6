#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Mid-stream start: a client subscribes to a slow ticker (one short line every 250 ms from
# 192.0.2.20:24). The capture (dumpcap) is started only 1.2 s after the connection was
# established, so the file holds no handshake: only data, ACKs and the close (the server
# closes after 3 s; the client closes 200 ms after EOF).
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/midstream-start.pcapng. See captures/guide/midstream-start.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup midstream-start
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 ticker-server --duration 3.0 --interval 0.25
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_py_bg "$LHN_C" 15 ticker-client --eof-delay 0.2
cli=$LHN_LAST_PID
sleep 1.2
# started late on purpose: the handshake is already over
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 15 "Lab Handshake: capture started mid-stream (no handshake in the file); 5 ms each way"
lhn_wait "$cli" || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish midstream-start
n=$(tshark -r "$LHN_CAPTURES_DIR/midstream-start.pcapng" -Y "tcp.flags.syn == 1" 2>/dev/null | wc -l)
[ "$n" -eq 0 ] || lhn_die "the capture contains a SYN: it did not start mid-stream"
