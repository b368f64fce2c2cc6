#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 6: the lab page's <audio preload="auto"> makes Chromium fetch tone.wav with a
# Range request (Range: bytes=0-), answered 206 Partial Content by nginx. Recorded inside a
# fresh namespace whose loopback has MTU 1500 and no TSO/GSO, so the 200 KB body travels in
# MSS-sized (1448-byte payload) segments, like on Ethernet ("TCP segment of a reassembled PDU").
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=range-request-206
PORT=8083
LHB_ONE_CPU=1
lhb_setup "$NAME"
lhb_netns_loopback lab-range 1500
NS=$LHB_NS
SITE=$(lhb_site)

lhb_nginx "$NS" "$SITE" "127.0.0.1:$PORT" "keepalive_timeout 75s;" 60
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "nginx on 127.0.0.1:$PORT, loopback MTU 1500 without offloads; audio fetched with a Range request (206), MSS-sized segments; browser closed after 4 s"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:4 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
