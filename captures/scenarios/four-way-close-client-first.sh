#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Four-way close, client first: after a request/response the client closes; the server closes 200 ms after reading EOF, so its delayed ACK of the client FIN goes out alone (FIN, ACK, FIN, ACK).
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/four-way-close-client-first.pcapng. See captures/guide/four-way-close-client-first.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup four-way-close-client-first
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0.2
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: four-way close, client first (server closes 200 ms after EOF); 5 ms each way"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish four-way-close-client-first
