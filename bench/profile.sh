#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Repeatable instruction counts (valgrind --tool=callgrind) of tshark with and without the plugin
# on one capture, for the benchmark's figures of where the time goes (docs/benchmark.md §0, §4).
#
#   bench/profile.sh PLUGIN.so[,OTHER.so...] CAPTURE [MODE]...   MODE: single (default), twopass, twopass_same
#
# Each MODE runs once without any plugin and once with each plugin given (comma-separated: a
# build to compare, or bench/floor.sh's floors), as nobody with a throwaway HOME whose
# personal plugin folder holds only that plugin (or nothing), like bench/run.sh. Prints, per
# run, the total instructions (Ir), the ratio to the run without, and, for Lab Handshake, the
# inclusive Ir of its main functions. The callgrind files stay in bench/out/prof/, named after
# the folder each plugin is in. Counts do not depend on other load on the machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
IFS=, read -r -a plugins <<<"$1"
cap=$(readlink -f "$2"); shift 2
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(single)
command -v valgrind >/dev/null || { echo "profile.sh: valgrind missing (apt-get install valgrind)" >&2; exit 1; }
out="$here/out/prof"; mkdir -p "$out"
sel="tcp.flags.syn==1 || tcp.flags.fin==1 || tcp.flags.reset==1"
majmin=$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
runner=$(mktemp -d /tmp/lab-prof.XXXXXX)
trap 'rm -rf "$runner"' EXIT
mkdir -p "$runner/home-without/.local/lib/wireshark/plugins/$majmin/epan"
sides=(without)
for i in "${!plugins[@]}"; do
    plugin=$(readlink -f "${plugins[$i]}")
    [ -f "$plugin" ] || { echo "profile.sh: no plugin at ${plugins[$i]}" >&2; exit 1; }
    mkdir -p "$runner/home-$i/.local/lib/wireshark/plugins/$majmin/epan"
    cp "$plugin" "$runner/home-$i/.local/lib/wireshark/plugins/$majmin/epan/"
    sides+=("$i")
done
cp "$cap" "$runner/cap.pcap"
chmod -R a+rX "$runner"
as_nobody=()
if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$runner"; as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
tag=$(basename "$cap" .pcap)
for mode in "${modes[@]}"; do
    base=
    for side in "${sides[@]}"; do
        label=without
        # which build: files of different builds do not overwrite each other
        [ "$side" = without ] || label=$(basename "$(dirname "$(readlink -f "${plugins[$side]}")")")
        case $mode in
            single) args=(-r "$runner/cap.pcap") ;;
            twopass) if [ "$side" != without ]; then args=(-2 -r "$runner/cap.pcap" -Y lab.step); else args=(-2 -r "$runner/cap.pcap" -Y "$sel"); fi ;;
            twopass_same) args=(-2 -r "$runner/cap.pcap" -Y "$sel") ;;
            *) echo "profile.sh: unknown mode $mode" >&2; exit 2 ;;
        esac
        f="$runner/cg.out"
        "${as_nobody[@]}" env -i PATH=/usr/bin:/bin HOME="$runner/home-$side" LC_ALL=C.UTF-8 \
            valgrind --tool=callgrind --callgrind-out-file="$f" tshark "${args[@]}" >/dev/null 2>"$runner/vg.log"
        cp "$f" "$out/cg-$tag-$mode-$label.out"
        total=$(callgrind_annotate "$f" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p')
        [ -n "$base" ] || base=${total//,/}
        ratio=$(awk -v t="${total//,/}" -v b="$base" 'BEGIN { printf "%.3f", t / b }')
        printf '%-14s %-12s %-16s %16s Ir  %sx\n' "$tag" "$mode" "$label" "$total" "$ratio"
        if [ "$side" != without ]; then
            # Lab Handshake's own functions (a floor has none)
            { callgrind_annotate --inclusive=yes "$f" 2>/dev/null \
                | grep -E 'dissect_lab|lab_fields_read|lab_analyze_segment|lab_tree_draw' || true; } | head -6 | sed 's/^/      /'
        fi
    done
done
