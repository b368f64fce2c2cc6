#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Simultaneous open: no listener. Host 192.0.2.10 binds port 5001 and connect()s to
# 192.0.2.20:5002 while 192.0.2.20 binds 5002 and connect()s to 192.0.2.10:5001, both at
# the same agreed instant. The link delays every frame 50 ms each way, so each SYN is still
# on the wire when the other side sends its own: the SYNs cross, each side answers the
# other's SYN with a SYN+ACK, and both reach ESTABLISHED. Then .10 sends one line, .20
# answers with one line; .10 closes first, .20 closes 300 ms after reading EOF.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/simultaneous-open.pcapng. See captures/guide/simultaneous-open.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup simultaneous-open
lhn_hosts

lhn_link_start 20 -d 50
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: simultaneous open (both sides connect() at once; 50 ms each way)"
at=$(date +%s.%N | awk '{printf "%.3f", $1 + 1.0}')
close_at=$(awk -v t="$at" 'BEGIN {printf "%.3f", t + 1.0}')
lhn_py_bg "$LHN_S" 10 simopen --bind 192.0.2.20 --port 5002 --peer 192.0.2.10 --peer-port 5001 \
    --at "$at" --eof-delay 0.3
b=$LHN_LAST_PID
lhn_py "$LHN_C" 10 simopen --bind 192.0.2.10 --port 5001 --peer 192.0.2.20 --peer-port 5002 \
    --at "$at" --speak-first --close-at "$close_at" || lhn_die "host .10 failed"
lhn_wait "$b" || lhn_die "host .20 failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish simultaneous-open
