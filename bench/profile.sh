#!/bin/bash
# Repeatable instruction counts (valgrind --tool=callgrind) of tshark with and without the plugin
# on one capture, for the benchmark's figures of where the time goes (docs/benchmark.md §4).
#
#   bench/profile.sh PLUGIN.so CAPTURE [MODE]...      MODE: single (default), twopass, twopass_same
#
# Each MODE runs once without the plugin and once with it, as nobody with a throwaway HOME whose
# personal plugin folder holds only PLUGIN.so (or nothing), like bench/run.sh. Prints, per run,
# the total instructions (Ir) and, with the plugin, the inclusive Ir of the plugin's functions.
# The callgrind files stay in bench/out/prof/. Counts do not depend on other load on the machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
plugin=$(readlink -f "$1"); cap=$(readlink -f "$2"); shift 2
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(single)
command -v valgrind >/dev/null || { echo "profile.sh: valgrind missing (apt-get install valgrind)" >&2; exit 1; }
out="$here/out/prof"; mkdir -p "$out"
sel="tcp.flags.syn==1 || tcp.flags.fin==1 || tcp.flags.reset==1"
majmin=$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
runner=$(mktemp -d /tmp/lab-prof.XXXXXX)
trap 'rm -rf "$runner"' EXIT
for side in with without; do mkdir -p "$runner/home-$side/.local/lib/wireshark/plugins/$majmin/epan"; done
cp "$plugin" "$runner/home-with/.local/lib/wireshark/plugins/$majmin/epan/"
cp "$cap" "$runner/cap.pcap"
chmod -R a+rX "$runner"
as_nobody=()
if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$runner"; as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
tag=$(basename "$cap" .pcap)
label=$(basename "$(dirname "$plugin")")   # which build: files of different builds do not overwrite each other
for mode in "${modes[@]}"; do
    for side in without with; do
        case $mode in
            single) args=(-r "$runner/cap.pcap") ;;
            twopass) if [ $side = with ]; then args=(-2 -r "$runner/cap.pcap" -Y lab.step); else args=(-2 -r "$runner/cap.pcap" -Y "$sel"); fi ;;
            twopass_same) args=(-2 -r "$runner/cap.pcap" -Y "$sel") ;;
            *) echo "profile.sh: unknown mode $mode" >&2; exit 2 ;;
        esac
        f="$runner/cg.out"
        "${as_nobody[@]}" env -i PATH=/usr/bin:/bin HOME="$runner/home-$side" LC_ALL=C.UTF-8 \
            valgrind --tool=callgrind --callgrind-out-file="$f" tshark "${args[@]}" >/dev/null 2>"$runner/vg.log"
        cp "$f" "$out/cg-$tag-$mode-$side${label:+-}$label.out"
        total=$(callgrind_annotate "$f" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p')
        printf '%-14s %-12s %-8s %16s Ir\n' "$tag" "$mode" "$side" "$total"
        if [ $side = with ]; then
            callgrind_annotate --inclusive=yes "$f" 2>/dev/null | grep -E 'dissect_lab|lab_fields_read|lab_analyze_segment|lab_tree_draw' | head -6 | sed 's/^/      /'
        fi
    done
done
