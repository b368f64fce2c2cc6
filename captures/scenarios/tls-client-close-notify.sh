#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTPS 2: nginx with TLS 1.3 (keepalive_timeout 75s) on 127.0.0.1:8443 (own namespace); a
# Python client makes one HTTP/1.1 request, waits 1 s, then ends the TLS session itself
# (close_notify); nginx answers and closes the TCP connection. Key log embedded.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/tls.sh"
NAME=tls-client-close-notify
PORT=8443
lhb_setup "$NAME"
lhb_netns_loopback l21-tls
NS=$LHB_NS
SITE=$(lhb_site)
lhb_tls_cert
lhb_tls_nginx "$NS" "$SITE" "$PORT" "keepalive_timeout 75s;" 40
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 30 \
    "nginx TLS 1.3, keepalive_timeout 75s, one HTTP/1.1 request from a Python client on 127.0.0.1:$PORT; after 1 s the client sends close_notify; key log embedded"
lhb_bg "$NS" 20 env SSLKEYLOGFILE="$LHB_TLS_KEYLOG" "$LHB_PY" "$LHB_LIB_DIR/tlsclient.py" client-close "$PORT" /style.css 1
wait "$LHB_LAST_PID" || lhb_log "client ended with status $?"
lhb_capture_stop
lhb_stop "$SERVER"
lhb_tls_embed
lhb_finish "$NAME"
