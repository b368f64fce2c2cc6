#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 3: nginx (own prefix/config in a temp dir, `daemon off;`) with
# `keepalive_timeout 75s;` (a single value: nginx sends "Connection: keep-alive" but no
# Keep-Alive header). The page is loaded, the browser stays open 10 s, then it is closed
# (DevTools Browser.close): the idle persistent connections end when the browser exits.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=nginx-persistent
PORT=8081
lhb_setup "$NAME"
lhb_netns_loopback lab-nginx
NS=$LHB_NS
SITE=$(lhb_site)

lhb_nginx "$NS" "$SITE" "127.0.0.1:$PORT" "keepalive_timeout 75s;" 60
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "nginx keepalive_timeout 75s (no Keep-Alive header) serving the lab page to headless Chromium on 127.0.0.1:$PORT; browser closed after 10 s"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:10 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
