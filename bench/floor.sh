#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The floors: what any postdissector that reads other dissectors' fields costs, measured next
# to Lab Handshake with the same instruction counts (docs/benchmark.md §0.7).
#
#   bash bench/floor.sh PLUGIN.so CAPTURE [MODE]...     MODE as bench/profile.sh (default: single)
#
# Builds bench/floor/floor.c four times against the installed Wireshark headers, each wanting
# other fields and doing nothing with them:
#   floor-none      no field (a postdissector that is registered, nothing more)
#   floor-http1     one field (http.connection): tshark now builds a tree for every packet
#   floor-http      the eight HTTP fields Lab Handshake wants in every pass
#   floor-tcp-http  those and the eight TCP fields it wants on tshark -2's first pass
# then runs bench/profile.sh on tshark without a plugin, with each floor and with PLUGIN.so.
# In the twopass mode the floors are given the same SYN/FIN/RST filter as the run without
# (they have no lab.step): use twopass_same to compare like with like. Needs gcc, pkg-config
# and libwireshark-dev. Nothing here is installed or shipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
plugin=$1 cap=$2; shift 2
ver=$(pkg-config --modversion wireshark)
major=${ver%%.*} rest=${ver#*.} minor=${rest%%.*}
http="http,http.request,http.request.version,http.response.version,http.response.code,http.connection,http.request.line,http.response.line"
tcp="tcp.stream,tcp.srcport,tcp.dstport,tcp.seq_raw,tcp.ack_raw,tcp.len,tcp.flags,tcp.window_size"
floors=()
for spec in "none:" "http1:http.connection" "http:$http" "tcp-http:$tcp,$http"; do
    name=floor-${spec%%:*} fields=${spec#*:}
    mkdir -p "$here/out/floor/$name"
    # shellcheck disable=SC2046 # pkg-config prints several flags
    gcc -std=c11 -O2 -shared -fPIC -Wall -Wextra -Werror -DFLOOR_WS_MAJOR="$major" -DFLOOR_WS_MINOR="$minor" \
        -DFLOOR_FIELDS="\"$fields\"" $(pkg-config --cflags wireshark) "$here/floor/floor.c" \
        -o "$here/out/floor/$name/floor.so"
    floors+=("$here/out/floor/$name/floor.so")
done
list=$(IFS=,; echo "${floors[*]}")
exec bash "$here/profile.sh" "$list,$plugin" "$cap" "$@"
