#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 4: Python http.server with protocol_version = "HTTP/1.1": persistent connections
# with no Connection and no Keep-Alive header in the responses (like IIS in the lab reports).
# The server never closes an idle connection; the browser stays open 10 s, then is closed.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=http11-no-keepalive-header
PORT=8000
lhb_setup "$NAME"
lhb_netns_loopback lab-http11
NS=$LHB_NS
SITE=$(lhb_site)

lhb_bg "$NS" 60 "$LHB_PY" "$LHB_SERVERS/lab-http11-server.py" "$SITE" "$PORT" 127.0.0.1
SERVER=$LHB_LAST_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "Python http.server HTTP/1.1, no Connection/Keep-Alive header, serving the lab page to headless Chromium on 127.0.0.1:$PORT; browser closed after 10 s"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:10 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
