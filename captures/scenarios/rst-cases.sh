#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Resets, four connections one after the other in one capture (one tcp.stream each):
#   stream 0, abort during data: the server streams 1000-byte chunks every 100 ms; the
#     client reads three, sets SO_LINGER {on, 0 s} and close()s: an RST instead of a FIN.
#   stream 1, data to a peer that has fully closed: the server answers and close()s (FIN);
#     the client, 200 ms later, writes a second request anyway; the server's socket is
#     closed for reading, so its kernel answers the data with an RST.
#   stream 2, close with unread data after the peer's FIN: the client sends an upload and
#     shutdown(SHUT_WR)s (FIN); the server reads only 10 bytes and close()s: data left
#     unread in the receive buffer makes Linux send an RST instead of a FIN.
#   stream 3 (and 4), refused after the close: the server closes first (TIME-WAIT on the
#     server) and then its listener is gone; the client reconnects from the same port.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/rst-cases.pcapng. See captures/guide/rst-cases.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup rst-cases
lhn_hosts

lhn_link_start 40 -d 5
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 40 "Lab Handshake: RST cases (abort during data, data after the peer closed, close with unread data, reconnect after close); 5 ms each way"
for case in abort-during-data write-after-close unread-data reconnect; do
    lhn_log "case $case"
    srvcase=$case
    [ "$case" = reconnect ] && srvcase=close-first
    lhn_py_bg "$LHN_S" 10 rst-server --case "$srvcase" --size 1000 --interval 0.1
    srv=$LHN_LAST_PID
    lhn_wait_listen "$LHN_S" 24
    lhn_py "$LHN_C" 10 rst-client --case "$case" --size 1000 --chunks 3 --bind-port 40000 --pause 1.0 \
        || lhn_log "client ended with an error (expected for some cases)"
    lhn_wait "$srv" || lhn_log "server ended with an error"
    sleep 0.5
done
lhn_capture_stop
lhn_link_stop
lhn_finish rst-cases
