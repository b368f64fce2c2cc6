#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Connection refused: curl connects to 192.0.2.20 port 24 where nothing listens; the
# server host's kernel answers the SYN with RST+ACK and curl reports "Connection refused".
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/connection-refused.pcapng. See captures/guide/connection-refused.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup connection-refused
lhn_hosts

lhn_link_start 20 -d 5
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: connection refused (nothing listens on 192.0.2.20:24); 5 ms each way"
if lhn_in "$LHN_C" 10 curl -sS -o /dev/null "http://192.0.2.20:24/"; then
    lhn_die "curl unexpectedly connected"
fi
sleep 0.3
lhn_capture_stop
lhn_link_stop
lhn_finish connection-refused
