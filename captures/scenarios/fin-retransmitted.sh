#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A FIN retransmitted because the peer's FIN+ACK never arrived. The client closes first;
# the server closes at once on EOF, so its ACK and FIN go in one FIN+ACK (a three-way
# close). The link drops that first FIN+ACK (linkemu -x ba:fin:1) after the capture point
# (the server's interface): the client, still in FIN-WAIT-1, repeats its FIN with the
# same ack; the server repeats its FIN+ACK. 5 ms each way.
# Standalone: run as root on Debian 12. Writes captures/fin-retransmitted.pcapng.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup fin-retransmitted
lhn_hosts

lhn_link_start 20 -d 5 -x ba:fin:1
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_S" "$LHN_SIF" tcp 20 "Lab Handshake: the server's FIN+ACK is lost after the capture point, both FINs are retransmitted; 5 ms each way, captured at the server"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
sleep 1.5
lhn_capture_stop
lhn_link_stop
lhn_link_log | grep -i drop >&2 || true
lhn_finish fin-retransmitted
