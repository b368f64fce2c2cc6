#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Three-way close: the client closes first after a request/response; the server closes as soon as it reads EOF, so its FIN rides on the ACK of the client's FIN (FIN, FIN+ACK, ACK).
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/three-way-close.pcapng. See captures/guide/three-way-close.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup three-way-close
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: three-way close (server closes immediately on EOF); 5 ms each way"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish three-way-close
