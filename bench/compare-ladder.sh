#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that two builds of the plugin draw exactly the same ladders: the -z lab,ladder text,
# the SVG files of -z lab,ladder,svg=FOLDER and the GUI table's rows (-z lab,rows), in English
# and in Simplified Chinese, on the bundled captures (and any captures given). The companion
# of bench/compare-output.sh for a change meant to leave every word as it was (issue #18).
#
#   bench/compare-ladder.sh OLD.so NEW.so [CAPTURE...]      (default: captures/*.pcapng)
#
# Exit status 0 when everything is identical; the differing outputs are kept otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
old=$(readlink -f "$1"); new=$(readlink -f "$2"); shift 2
caps=("$@"); [ ${#caps[@]} -gt 0 ] || caps=("$repo"/captures/*.pcapng)
run() { "$repo/tests/run-tshark.sh" "$@"; }
work=$(mktemp -d /tmp/lab-compare-ladder.XXXXXX)
bad=0 n=0
for cap in "${caps[@]}"; do
    name=$(basename "$cap"); name=${name%.*}
    for lang in en zh_cn; do
        for mode in text svg rows; do
            for which in old new; do
                so=$old; [ $which = new ] && so=$new
                out=$work/$name.$lang.$mode.$which
                case $mode in
                    text) run "$so" -o lab.language:$lang -q -r "$cap" -z lab,ladder >"$out" 2>&1 ;;
                    rows) run "$so" -o lab.language:$lang -q -r "$cap" -z lab,rows >"$out" 2>&1 ;;
                    svg)  mkdir -p "$out.d"
                          run "$so" -o lab.language:$lang -q -r "$cap" -z "lab,ladder,svg=$out.d" 2>&1 \
                              | sed "s|$out.d|SVGDIR|g" >"$out"
                          for f in "$out.d"/*; do [ -e "$f" ] && { echo "== $(basename "$f")"; cat "$f"; }; done >>"$out"
                          rm -rf "$out.d" ;;
                esac
            done
            n=$((n + 1))
            a=$work/$name.$lang.$mode
            if ! cmp -s "$a.old" "$a.new"; then
                echo "DIFFERENT: $name $lang $mode ($a.{old,new})"
                bad=$((bad + 1))
            else
                rm -f "$a.old" "$a.new"
            fi
        done
    done
done
echo "compare-ladder.sh: $n outputs compared, $bad different"
[ $bad -eq 0 ] && rm -rf "$work"
[ $bad -eq 0 ]
