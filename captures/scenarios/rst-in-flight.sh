#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Data and a FIN already in flight when the peer's RST was sent. 50 ms each way; the
# capture is on the server's interface. The client sends a request; the server reads it,
# waits 0.45 s and aborts (SO_LINGER 0: an RST). The client, 0.5 s after its request,
# sends 200 more bytes and shutdown()s (FIN): both leave before the RST reaches it, and
# reach the server after its RST. The server's kernel answers each with an RST.
# Standalone: run as root on Debian 12. Writes captures/rst-in-flight.pcapng.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup rst-in-flight
lhn_hosts

lhn_link_start 20 -d 50
lhn_py_bg "$LHN_S" 15 inflight-server --wait 0.45
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_S" "$LHN_SIF" tcp 20 "Lab Handshake: data and FIN in flight when the server's RST was sent; 50 ms each way, captured at the server"
lhn_py "$LHN_C" 10 inflight-client --wait 0.5 --size 200 || lhn_log "client ended with an error"
lhn_wait "$srv" || lhn_log "server ended with an error"
lhn_capture_stop
lhn_link_stop
lhn_finish rst-in-flight
