#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A port scanner's probe: one segment with SYN, FIN, PSH and URG set, sent through a raw
# socket from the client's namespace (port 40001) to the server's listening port 24.
# Linux drops such a segment without an answer. Then an ordinary request/response from
# another port, for comparison. 5 ms each way, captured at the client.
# Standalone: run as root on Debian 12. Writes captures/syn-fin-probe.pcapng.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup syn-fin-probe
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0.05
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: a SYN+FIN+PSH+URG probe (raw socket), then an ordinary connection; 5 ms each way"
lhn_py "$LHN_C" 5 probe --bind-port 40001 || lhn_die "probe failed"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
lhn_finish syn-fin-probe
