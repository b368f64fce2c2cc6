#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SYN retransmission: the link emulator drops the client's first two SYNs; the kernel
# retransmits the SYN after 1 s and again 2 s later (exponential back-off), then the
# handshake completes and a small HTTP request runs.
# Linux >= 6.7 makes the first SYN retries linear (net.ipv4.tcp_syn_linear_timeouts=4: 1 s,
# 1 s, ...); the client namespace sets it to 0 (namespace-local sysctl) so the capture shows
# the classic doubling that Debian 12's own kernel (6.1) does.
# Standalone: run as root on Debian 12 (installs tshark, iproute2, ethtool, gcc, curl if
# missing). Writes captures/syn-retransmission.pcapng. See captures/guide/syn-retransmission.md.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../lib/netns.sh"
lhn_setup syn-retransmission
lhn_hosts

mkdir -p "$LHN_WORK/www"
printf "You got through on the third SYN.\n" > "$LHN_WORK/www/hello.txt"
touch -d "2024-03-01 08:00:00 UTC" "$LHN_WORK/www/hello.txt"
if ip netns exec "$LHN_C" sysctl -n net.ipv4.tcp_syn_linear_timeouts >/dev/null 2>&1; then
    lhn_sysctl "$LHN_C" net.ipv4.tcp_syn_linear_timeouts=0
fi
lhn_link_start 30 -d 5 -x ab:syn:1,2
lhn_bg "$LHN_S" 25 "$LHN_PY" -m http.server --bind 192.0.2.20 --directory "$LHN_WORK/www" 24
srv=$LHN_LAST_PID
lhn_wait_listen "$LHN_S" 24
lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 30 "Lab Handshake: SYN retransmission (first two SYNs dropped by the link emulator); 5 ms each way"
lhn_in "$LHN_C" 20 curl -sS --connect-timeout 15 -o /dev/null \
    -w "curl: HTTP %{http_code}, connect took %{time_connect} s\n" "http://192.0.2.20:24/hello.txt" \
    || lhn_die "curl failed"
sleep 0.3
lhn_capture_stop
lhn_stop "$srv"
lhn_link_stop
lhn_link_log | grep DROP >&2
lhn_finish syn-retransmission -d tcp.port==24,http
