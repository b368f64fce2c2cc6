#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Lossy link: an HTTP page fetch (curl -> python3 http.server on 192.0.2.20:24, a 150 KB
# text file) through the link emulator with 20 ms one-way delay and three deterministic
# losses:
#   - the client's HTTP request (1st client->server segment with payload): the client
#     retransmits it (timer-driven: a tail loss probe or an RTO);
#   - the server's 20th and 60th data segments: the client sends duplicate ACKs (with SACK
#     blocks), the server fast-retransmits.
# Captured on the client's interface, so the client's lost request is seen twice (a true
# retransmission) while the server's lost segments are never seen: the capture shows a gap
# and then the retransmitted copy filling it.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/lossy-link-retransmissions.pcapng.
# See captures/guide/lossy-link-retransmissions.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup lossy-link-retransmissions
lhn_hosts

www="$LHN_WORK/www"
mkdir -p "$www"
"$LHN_PY" - "$www/big.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        f.write("line %05d: TCP numbers every byte; a lost segment leaves a hole to fill.\n" % i)
PY
touch -d "2024-03-01 08:00:00 UTC" "$www/big.txt"
lhn_link_start 30 -d 20 -x ab:data:1 -x ba:data:20,60
lhn_bg "$LHN_S" 25 "$LHN_PY" -m http.server --bind 192.0.2.20 --directory "$www" 24
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 30 "Lab Handshake: HTTP fetch over a lossy link (20 ms each way; dropped: client request, server data segments 20 and 60), captured on the client"
lhn_in "$LHN_C" 20 curl -sS -o /dev/null \
    -w "curl: HTTP %{http_code}, %{size_download} bytes in %{time_total} s\n" \
    "http://192.0.2.20:24/big.txt" || lhn_die "curl failed"
sleep 0.5
lhn_capture_stop
lhn_stop "$srv"
lhn_link_stop
lhn_link_log | grep DROP >&2
lhn_finish lossy-link-retransmissions -d tcp.port==24,http
