#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Valgrind memcheck on tshark with the plugin, over captures:
#
#   tests/fuzz/valgrind-captures.sh PLUGIN.so [CAPTURE...]     (default: every bundled capture)
#
# Each capture gets one run of `tshark -2 -nV -z lab,tree -r CAPTURE` (both passes, the tree,
# the statistics tap) under `valgrind --leak-check=full`, with the plugin built normally
# (not with ASan: the two do not mix). Wireshark's own allocators are switched to plain
# malloc (WIRESHARK_DEBUG_WMEM_OVERRIDE=simple, G_SLICE=always-malloc) so memcheck sees every
# block, as Wireshark's tools/valgrind-wireshark.sh does; --keep-debuginfo=yes keeps the
# plugin's symbols after tshark unloads it at exit, for the leak report.
#
# tshark and its libraries have errors and leaks of their own; only those with a frame of
# the plugin in their stack count: a function lab_*, or a source file of the plugin
# (packet-lab.c, lab_*.c, plugin.c), or lab_handshake.so. Such an error, or a "definitely
# lost" block allocated from the plugin, fails the run; the others are counted as foreign.
# valgrind-tshark.supp suppresses one loss that carries a plugin frame but is tshark's: the
# -z statistics tree tshark never frees at exit (see the comment in that file).
# Logs: kept in $LAB_VALGRIND_LOGS if set, else deleted at the end.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { sed -n '2,4p' "$0"; exit 64; }
plugin=$(readlink -f "$1")
shift
if [ $# -eq 0 ]; then
    set -- "$repo"/captures/*.pcapng
fi
command -v valgrind >/dev/null || { echo "valgrind-captures: valgrind not installed (apt-get install valgrind)" >&2; exit 1; }

logs=${LAB_VALGRIND_LOGS:-$(mktemp -d /tmp/lab-valgrind.XXXXXX)}
mkdir -p "$logs"
chmod 1777 "$logs"
# tshark (and valgrind) may run as nobody, who cannot always read the checkout: a copy
supp=$logs/valgrind-tshark.supp
cp "$here/valgrind-tshark.supp" "$supp" && chmod 644 "$supp"
export WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc
export LAB_TSHARK_PASS_ENV="WIRESHARK_DEBUG_WMEM_OVERRIDE G_SLICE"
export LAB_TSHARK_TIMEOUT=${LAB_TSHARK_TIMEOUT:-1800}

bad=0 total_plugin=0 total_foreign=0
for capture in "$@"; do
    name=$(basename "$capture")
    rm -f "$logs/$name".*.log
    export LAB_TSHARK_PREFIX="valgrind --tool=memcheck --suppressions=$supp --keep-debuginfo=yes --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite --num-callers=50 --log-file=$logs/$name.%p.log"
    t0=$(date +%s)
    rc=0
    "$here/tshark-env.sh" "$plugin" -2 -nV -z lab,tree -r "$capture" >/dev/null 2>"$logs/$name.stderr" || rc=$?
    result=$(python3 - "$logs" "$name" <<'EOF'
import glob, re, sys
logs, name = sys.argv[1], sys.argv[2]
plugin_frame = re.compile(r"(\b(lab_[A-Za-z0-9_]+|dissect_lab)\b|lab_handshake\.so|\((packet-lab|plugin|lab_[a-z_]+)\.[ch]:\d+\))")
plugin_blocks, foreign, lines_out = [], 0, []
for log in glob.glob(f"{logs}/{name}.*.log"):
    blocks, cur = [], []
    for line in open(log, errors="replace"):
        m = re.match(r"==\d+== ?(.*)", line.rstrip("\n"))
        if not m:
            continue
        text = m.group(1)
        if text.strip() == "":
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(text)
    if cur:
        blocks.append(cur)
    for b in blocks:
        head = b[0]
        if not any(l.lstrip().startswith(("at 0x", "by 0x")) for l in b):
            continue  # headers and summaries
        leak = " lost in loss record " in head
        if leak and "definitely lost" not in head:
            continue  # possibly/indirectly lost: shown in the log, not counted
        if any(plugin_frame.search(l) for l in b if l.lstrip().startswith(("at 0x", "by 0x"))):
            plugin_blocks.append(b)
        else:
            foreign += 1
print(f"{len(plugin_blocks)} {foreign}")
for b in plugin_blocks[:10]:
    print("\n".join("    " + l for l in b))
    print("    --")
EOF
)
    read -r n_plugin n_foreign <<<"$(head -n1 <<<"$result")"
    total_plugin=$((total_plugin + n_plugin)); total_foreign=$((total_foreign + n_foreign))
    status=ok
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then status="tshark exit $rc"; bad=1; fi
    if [ "$n_plugin" -gt 0 ]; then status="$n_plugin plugin errors/leaks"; bad=1; fi
    echo "$name: $status ($n_foreign foreign errors/definite leaks ignored, $(( $(date +%s) - t0 ))s)"
    tail -n +2 <<<"$result"
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then tail -5 "$logs/$name.stderr"; fi
done
echo "valgrind-captures: $# captures, $total_plugin errors or definite leaks with a plugin frame, $total_foreign foreign (tshark/libraries) ignored; logs in $logs"
if [ -z "${LAB_VALGRIND_LOGS:-}" ] && [ "$bad" -eq 0 ]; then rm -rf "$logs"; fi
if [ "$bad" -ne 0 ]; then exit 1; fi
echo "$# passed, 0 failed"
