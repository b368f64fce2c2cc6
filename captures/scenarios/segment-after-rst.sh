#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A segment on the same ports after an RST. The client (port 40000) fetches one response
# and aborts (SO_LINGER 0: an RST); 2 s later a segment with 24 bytes of data and the
# connection's own numbers (taken from the client's RST) is sent from the client's
# namespace through a raw socket (tcpcase.py late-after-rst): a real packet on the link,
# as a stale copy or a confused middlebox would send it. The server's kernel, which has
# no connection any more, answers with an RST. 5 ms each way, captured at the client.
# Standalone: run as root on Debian 12. Writes captures/segment-after-rst.pcapng.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup segment-after-rst
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: a segment with data on the same ports 2 s after the client's RST (raw socket); 5 ms each way"
lhn_py "$LHN_C" 10 late-after-rst --iface "$LHN_CIF" --bind-port 40000 --late 2.0 || lhn_die "client failed"
lhn_wait "$srv" || lhn_log "server ended with an error (expected: the RST)"
lhn_capture_stop
lhn_link_stop
lhn_finish segment-after-rst
