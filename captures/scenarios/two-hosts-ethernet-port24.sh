#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 7: two "hosts" on Ethernet, as in the second lab report: client namespace
# (192.0.2.10) and server namespace (192.0.2.20) joined by a veth pair, MTU 1500, capture
# on the client's eth0 (Ethernet link type). The server is nginx on port 24 with
# `keepalive_timeout 5s;` (single value: no Keep-Alive header, like IIS), so the server closes
# idle connections after 5 s. The browser loads the whole lab page, stays 12 s, then exits.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=two-hosts-ethernet-port24
PORT=24
CLIENT_IP=192.0.2.10
SERVER_IP=192.0.2.20
LHB_ONE_CPU=1
lhb_setup "$NAME"
lhb_netns_pair lab-cli lab-srv "$CLIENT_IP" "$SERVER_IP"
SITE=$(lhb_site)

lhb_nginx "$LHB_NS_SERVER" "$SITE" "$SERVER_IP:$PORT" "keepalive_timeout 5s;" 60
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$LHB_NS_SERVER" "$PORT"
lhb_capture_start "$LHB_NS_CLIENT" eth0 "tcp port $PORT" 60 \
    "client $CLIENT_IP and nginx server $SERVER_IP:$PORT (keepalive_timeout 5s) on a veth pair (Ethernet, MTU 1500), captured on the client; browser closed after 12 s"
lhb_browser "$LHB_NS_CLIENT" "$LHB_WORK/profile" 40 nav:http://$SERVER_IP:$PORT/ wait:12 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
