#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture 5: the page is loaded, then reloaded (F5, DevTools Page.reload) in the same
# browser with its cache on. nginx (ETag + Last-Modified, keepalive_timeout 75s) answers the
# revalidation (If-None-Match / If-Modified-Since) with 304 Not Modified. Then the browser exits.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
NAME=cache-revalidation-304
PORT=8082
lhb_setup "$NAME"
lhb_netns_loopback lab-cache
NS=$LHB_NS
SITE=$(lhb_site)

lhb_nginx "$NS" "$SITE" "127.0.0.1:$PORT" "keepalive_timeout 75s;" 60
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 60 \
    "nginx on 127.0.0.1:$PORT; lab page loaded, reloaded (F5) after 3 s: 304 Not Modified; browser closed 4 s later"
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:http://127.0.0.1:$PORT/ wait:3 reload wait:4 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_finish "$NAME" -d tcp.port==$PORT,http
