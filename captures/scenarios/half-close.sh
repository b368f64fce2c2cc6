#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Half-close: a sort service. The client sends its lines and calls shutdown(SHUT_WR) (FIN); the server still sends the sorted output for ~0.6 s in six segments, then closes.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/half-close.pcapng. See captures/guide/half-close.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup half-close
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 halfclose-server --eof-delay 0.15 --chunks 6 --interval 0.1
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: half-close (client shutdown(SHUT_WR), server keeps sending); 5 ms each way"
lhn_py "$LHN_C" 10 halfclose-client --lines 60 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish half-close
