#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTPS 1: nginx with TLS 1.3 and `keepalive_timeout 3s;` on 127.0.0.1:8443 (own namespace),
# a Python client makes one HTTP/1.1 request and stays idle; after 3 s nginx ends the TLS
# session (close_notify alert) and closes the TCP connection (FIN). The client's key log is
# embedded in the file (editcap --inject-secrets), so it opens decrypted.
set -euo pipefail
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/tls.sh"
NAME=tls-keepalive-timeout
PORT=8443
lhb_setup "$NAME"
lhb_netns_loopback l21-tls
NS=$LHB_NS
SITE=$(lhb_site)
lhb_tls_cert
lhb_tls_nginx "$NS" "$SITE" "$PORT" "keepalive_timeout 3s;" 40
SERVER=$LHB_NGINX_PID
lhb_wait_listen "$NS" "$PORT"
lhb_capture_start "$NS" lo "tcp port $PORT" 30 \
    "nginx TLS 1.3, keepalive_timeout 3s, one HTTP/1.1 request from a Python client on 127.0.0.1:$PORT; the server ends the idle connection (close_notify, FIN); key log embedded"
lhb_bg "$NS" 20 env SSLKEYLOGFILE="$LHB_TLS_KEYLOG" "$LHB_PY" "$LHB_LIB_DIR/tlsclient.py" server-close "$PORT" /style.css 10
wait "$LHB_LAST_PID" || lhb_log "client ended with status $?"
lhb_capture_stop
lhb_stop "$SERVER"
lhb_tls_embed
lhb_finish "$NAME"
