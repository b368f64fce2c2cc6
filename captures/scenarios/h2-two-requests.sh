#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTPS 3: nginx with TLS 1.3 and HTTP/2 on 127.0.0.1:8443 (own namespace); curl --http2
# fetches two files over one connection (streams 1 and 3), then exits. Key log (curl's
# SSLKEYLOGFILE) embedded.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/tls.sh"
NAME=h2-two-requests
PORT=8443
lhb_setup "$NAME"
lhb_netns_loopback l21-h2
NS=$LHB_NS
SITE=$(lhb_site)
lhb_tls_cert
lhb_tls_nginx "$NS" "$SITE" "$PORT" "keepalive_timeout 75s;" 40 http2
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 30 \
    "nginx TLS 1.3 + HTTP/2 on 127.0.0.1:$PORT; curl --http2 fetches / and /style.css on one connection; key log embedded"
lhb_bg "$NS" 20 env SSLKEYLOGFILE="$LHB_TLS_KEYLOG" curl -sS --http2 -k -o /dev/null -o /dev/null \
    "https://127.0.0.1:$PORT/" "https://127.0.0.1:$PORT/style.css"
wait "$LHB_LAST_PID" || lhb_log "curl ended with status $?"
lhb_capture_stop
lhb_stop "$SERVER"
lhb_tls_embed
lhb_finish "$NAME"
