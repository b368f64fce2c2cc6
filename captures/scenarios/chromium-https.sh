#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTPS 5: nginx with TLS 1.3 and HTTP/2 (keepalive_timeout 75s) on 127.0.0.1:8443 (own
# namespace); headless Chromium loads the lab page over HTTPS, stays 2 s, then is closed.
# Key log from Chromium's --ssl-key-log-file, embedded.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/tls.sh"
NAME=chromium-https
PORT=8443
lhb_setup "$NAME"
lhb_netns_loopback l21-h2
NS=$LHB_NS
SITE=$(lhb_site)
lhb_tls_cert
lhb_tls_nginx "$NS" "$SITE" "$PORT" "keepalive_timeout 75s;" 60 http2
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 50 \
    "nginx TLS 1.3 + HTTP/2, headless Chromium loads the lab page on 127.0.0.1:$PORT, browser closed after 2 s; key log embedded"
LHB_BROWSER_EXTRA=(--ignore-certificate-errors "--ssl-key-log-file=$LHB_TLS_KEYLOG")
lhb_browser "$NS" "$LHB_WORK/profile" 40 nav:https://127.0.0.1:$PORT/ wait:2 close
lhb_capture_stop
lhb_stop "$SERVER"
lhb_tls_embed
lhb_finish "$NAME"
