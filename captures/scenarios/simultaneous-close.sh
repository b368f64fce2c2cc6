#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Simultaneous close: a client (192.0.2.10) connects to a server (192.0.2.20:24), they
# exchange one line each, and then both call shutdown(SHUT_WR) at the same agreed instant.
# The link delays every frame 50 ms each way, so each FIN leaves before the other side's
# FIN has arrived: the FINs cross (FIN, FIN, ACK, ACK) and both ends pass through CLOSING
# to TIME-WAIT.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/simultaneous-close.pcapng. See captures/guide/simultaneous-close.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup simultaneous-close
lhn_hosts

lhn_link_start 20 -d 50
at=$(date +%s.%N | awk '{printf "%.3f", $1 + 2.5}')
lhn_py_bg "$LHN_S" 10 simclose --listen 192.0.2.20 --at "$at"
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: simultaneous close (both sides shutdown() at the same instant; 50 ms each way)"
lhn_py "$LHN_C" 10 simclose --server 192.0.2.20 --at "$at" || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish simultaneous-close
