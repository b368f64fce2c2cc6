#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# IPv6: an HTTP page fetch from 2001:db8::10 to [2001:db8::20]:24 (python3 http.server, curl), handshake, data and close over IPv6.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/ipv6-handshake.pcapng. See captures/guide/ipv6-handshake.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup ipv6-handshake
lhn_hosts --ipv6

mkdir -p "$LHN_WORK/www"
"$LHN_PY" - "$LHN_WORK/www/index.html" <<PY
import sys
rows = "".join("<li>row %d: the same TCP handshake, carried by IPv6</li>\n" % i for i in range(40))
open(sys.argv[1], "w").write("<!doctype html>\n<html><head><title>IPv6 lab page</title></head>\n<body><h1>Hello over IPv6</h1>\n<ul>\n%s</ul>\n</body></html>\n" % rows)
PY
touch -d "2024-03-01 08:00:00 UTC" "$LHN_WORK/www/index.html"
lhn_link_start 20 -d 5
lhn_bg "$LHN_S" 15 "$LHN_PY" -m http.server --bind 2001:db8::20 --directory "$LHN_WORK/www" 24
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "Lab Handshake: HTTP over IPv6 2001:db8::10 -> [2001:db8::20]:24; 5 ms each way"
lhn_in "$LHN_C" 10 curl -sS -g -o /dev/null -w "curl: HTTP %{http_code}, %{size_download} bytes\n" "http://[2001:db8::20]:24/index.html" || lhn_die "curl failed"
sleep 0.3
lhn_capture_stop
lhn_stop "$srv"
lhn_link_stop
lhn_finish ipv6-handshake -d tcp.port==24,http
