#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# One-sided capture: only the client's direction, as with a capture filter on the source
# address or a one-way mirror port. A plain request/response (client 192.0.2.10 →
# 192.0.2.20:24, 5 ms each way, the client closes first), captured on the client with
# the filter "tcp and src host 192.0.2.10": nothing the server sent is in the file.
# Standalone: run as root on Debian 12. Writes captures/one-sided-client.pcapng.
# See captures/README.md ("A one-sided capture").
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup one-sided-client
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0.05
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" "tcp and src host $LHN_CLIENT_IP" 20 "Lab Handshake: one-sided capture (filter: src host 192.0.2.10); 5 ms each way"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish one-sided-client
