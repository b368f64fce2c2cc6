#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 2: Flask's development server (Werkzeug 2.2, Debian python3-flask) serving the lab
# page. Every response says "Connection: close" and the server closes right after it, so the
# browser opens one short TCP connection per request. Browser idle 6 s, then exits.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=flask-connection-close
PORT=8080
lhb_setup "$NAME"
lhb_netns_loopback lab-flask
NS=$LHB_NS
SITE=$(lhb_site)

lhb_bg "$NS" 60 "$LHB_PY" "$LHB_SERVERS/lab-flask-app.py" "$SITE" "$PORT" 127.0.0.1
SERVER=$LHB_LAST_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "Flask/Werkzeug dev server (Connection: close) serving the lab page to headless Chromium on 127.0.0.1:$PORT; browser closed after 6 s"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:6 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
