#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# TCP keep-alive: an HTTP/1.1 persistent connection (HTTP keep-alive) whose client also enables SO_KEEPALIVE with TCP_KEEPIDLE=2 s, TCP_KEEPINTVL=1 s, TCP_KEEPCNT=3. It idles 7 s between two requests: the kernel sends keep-alive probes, the server answers each; then the client closes.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/tcp-keepalive-probes.pcapng. See captures/guide/tcp-keepalive-probes.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup tcp-keepalive-probes
lhn_hosts

mkdir -p "$LHN_WORK/www"
printf "Hello from the Lab Handshake server.\n" > "$LHN_WORK/www/hello.txt"
touch -d "2024-03-01 08:00:00 UTC" "$LHN_WORK/www/hello.txt"
lhn_link_start 30 -d 5
lhn_bg "$LHN_S" 25 "$LHN_PY" -m http.server --protocol HTTP/1.1 --bind 192.0.2.20 --directory "$LHN_WORK/www" 24
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 30 "Lab Handshake: TCP keep-alive probes (idle 2 s, interval 1 s) on an HTTP/1.1 keep-alive connection; 5 ms each way"
lhn_py "$LHN_C" 20 keepalive-client --idle 2 --intvl 1 --cnt 3 --pause 7 || lhn_die "client failed"
sleep 0.3
lhn_capture_stop
lhn_stop "$srv"
lhn_link_stop
lhn_finish tcp-keepalive-probes -d tcp.port==24,http
