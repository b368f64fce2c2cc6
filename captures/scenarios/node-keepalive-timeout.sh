#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 1: Node.js `http` server (Keep-Alive: timeout=5) serving the lab page.
# The page is loaded, the browser then stays idle for 12 s, so the server closes the idle
# keep-alive connections after ~5 s (server sends the first FIN); then the browser exits.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=node-keepalive-timeout
PORT=3000
lhb_setup "$NAME"
lhb_netns_loopback lab-node
NS=$LHB_NS
SITE=$(lhb_site)

lhb_bg "$NS" 60 "$LHB_NODE" "$LHB_SERVERS/lab-node-static.js" "$SITE" "$PORT" 127.0.0.1
SERVER=$LHB_LAST_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "Node.js http server (Keep-Alive: timeout=5) serving the lab page to headless Chromium on 127.0.0.1:$PORT; browser idle 12 s, then closed"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:12 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
