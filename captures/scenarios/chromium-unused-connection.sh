#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Chromium's unused spare connection: the Node.js `http` server (Keep-Alive: timeout=5) of the
# node-keepalive-timeout scenario serves a page with no sub-resources (captures/site-single/:
# one HTML document, inline CSS, data: icon), so the whole page load is one GET /. Chromium
# still opens a second ("preconnected") TCP connection to the same origin, which then has
# nothing to carry: handshake, nothing, close. The browser stays idle 12 s (the server closes
# idle connections after ~6 s), then it is closed.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=chromium-unused-connection
PORT=3001
lhb_setup "$NAME"
lhb_netns_loopback lab-unused
NS=$LHB_NS
# the single-page site, with a fixed mtime (same Last-Modified on every run)
SITE="$LHB_WORK/site"
mkdir -p "$SITE"
cp "$LHB_CAPTURES_DIR/site-single/index.html" "$SITE/"
touch -d "$LHB_SITE_MTIME" "$SITE"/*

lhb_bg "$NS" 60 "$LHB_NODE" "$LHB_SERVERS/lab-node-static.js" "$SITE" "$PORT" 127.0.0.1
SERVER=$LHB_LAST_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "Node.js http server (Keep-Alive: timeout=5) serving a one-document page (no sub-resources) to headless Chromium on 127.0.0.1:$PORT; browser idle 12 s, then closed"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:12 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
