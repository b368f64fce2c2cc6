#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Late start: a capture that begins at the SYN+ACK, as when Wireshark is started a moment
# too late. A plain request/response (client 192.0.2.10 → 192.0.2.20:24, 5 ms each way,
# the client closes first) is recorded in full, then its first frame (the client's SYN) is
# cut with editcap: the file is what a capture started 1 ms later would hold.
# Standalone: run as root on Debian 12. Writes captures/late-start-synack.pcapng.
# See captures/README.md ("A capture started late").
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup late-start-synack
lhn_hosts

lhn_link_start 20 -d 5
lhn_py_bg "$LHN_S" 15 close-server --first client --eof-delay 0.05
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: capture started late (the SYN was cut with editcap); 5 ms each way"
lhn_py "$LHN_C" 10 close-client --first client --delay 0.1 || lhn_die "client failed"
lhn_wait "$srv" || lhn_die "server failed"
lhn_capture_stop
lhn_link_stop
n=$(tshark -r "$LHN_PCAP" -c 1 -Y "frame.number == 1 && tcp.flags.syn == 1 && tcp.flags.ack == 0" 2>/dev/null | wc -l)
[ "$n" -eq 1 ] || lhn_die "the first frame is not the SYN"
editcap "$LHN_PCAP" "$LHN_WORK/cut.pcapng" 1 || lhn_die "editcap failed"
mv -f "$LHN_WORK/cut.pcapng" "$LHN_PCAP"
lhn_finish late-start-synack
