#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that two builds of the plugin say exactly the same thing: every lab.* field of every
# frame, a few lab.* fields without their parents, a lab.* display filter, the Info column, the
# full packet detail, the expert infos (-z expert, and a _ws.expert filter) and the -z lab
# statistics, in a single pass and with -2, on the bundled captures (and any captures given).
# For a change that is meant to make the plugin cheaper without changing a single label
# (issue #14).
#
#   bench/compare-output.sh OLD.so NEW.so [CAPTURE...]      (default: captures/*.pcapng)
#
# Exit status 0 when everything is identical; the differing outputs are kept otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
old=$(readlink -f "$1"); new=$(readlink -f "$2"); shift 2
caps=("$@"); [ ${#caps[@]} -gt 0 ] || caps=("$repo"/captures/*.pcapng)
export LAB_WS_MAJMIN=${LAB_WS_MAJMIN:-$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)}
run() { "$repo/tests/run-tshark.sh" "$@"; }
work=$(mktemp -d /tmp/lab-compare.XXXXXX)
run "$new" -G fields 2>/dev/null | awk -F'\t' '$5=="lab"{print $3}' >"$work/fields"
fields=()
while IFS= read -r f; do fields+=(-e "$f"); done <"$work/fields"
rm -f "$work/fields"
[ ${#fields[@]} -gt 0 ] || { echo "compare-output.sh: the plugin registers no lab.* fields?" >&2; exit 1; }
# lines inside subtrees whose own line nothing names (the plugin skips unseen lines), as
# custom columns: -T fields would make tshark build a visible tree, where every line is built
some='gui.column.format:"No.","%m"'
for f in lab.step.handshake lab.step.close lab.state.client.short lab.http.request_index \
         lab.http.keepalive.timeout lab.conn.requests lab.conn.idle lab.final.closer; do
    some+=",\"$f\",\"%Cus:$f:0:R\""
done
filter="lab.step.close || lab.seq.check != 0 || lab.http.persistent == 0 || lab.dir.guessed"
bad=0 n=0
for cap in "${caps[@]}"; do
    name=$(basename "$cap"); name=${name%.*}
    for mode in fields fields2 some some2 filter filter2 info info2 verbose verbose2 expert expert2 expertf stats; do
        case $mode in
            fields)   args=(-r "$cap" -T fields -e frame.number "${fields[@]}") ;;
            fields2)  args=(-2 -r "$cap" -T fields -e frame.number "${fields[@]}") ;;
            some)     args=(-r "$cap" -o "$some") ;;
            some2)    args=(-2 -r "$cap" -o "$some") ;;
            filter)   args=(-r "$cap" -Y "$filter") ;;
            filter2)  args=(-2 -r "$cap" -Y "$filter") ;;
            info)     args=(-r "$cap") ;;
            info2)    args=(-2 -r "$cap") ;;
            verbose)  args=(-r "$cap" -V -O lab) ;;
            verbose2) args=(-2 -r "$cap" -V -O lab) ;;
            expert)   args=(-r "$cap" -q -z expert) ;;
            expert2)  args=(-2 -r "$cap" -q -z expert) ;;
            expertf)  args=(-r "$cap" -Y _ws.expert -T fields -e frame.number -e _ws.expert.message -e _ws.expert.severity) ;;
            stats)    args=(-r "$cap" -q -z lab) ;;
        esac
        run "$old" "${args[@]}" >"$work/$name.$mode.old" 2>&1
        run "$new" "${args[@]}" >"$work/$name.$mode.new" 2>&1
        n=$((n + 1))
        if ! cmp -s "$work/$name.$mode.old" "$work/$name.$mode.new"; then
            echo "DIFFERENT: $name $mode ($work/$name.$mode.{old,new})"
            bad=$((bad + 1))
        else
            rm -f "$work/$name.$mode.old" "$work/$name.$mode.new"
        fi
    done
done
echo "compare-output.sh: $n outputs compared, $bad different"
[ $bad -eq 0 ] && rm -rf "$work"
[ $bad -eq 0 ]
