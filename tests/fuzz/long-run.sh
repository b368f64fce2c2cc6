#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The long robustness run of issue #5: at least 10 million executions of the core fuzzer
# and at least 100,000 fuzzed capture runs of the whole plugin, in chunks, resumable.
#
#   tests/fuzz/long-run.sh [--core-execs N] [--capture-runs N] [--jobs J] [--state DIR]
#                          [--max-seconds S] [--core-only | --captures-only] [--seed S]
#                          [--slow-captures] [--chunk-execs N] [--chunk-inputs N]
#
#   --core-execs N     core fuzzer executions to reach (default 10000000)
#   --capture-runs N   capture runs to reach (default 100000; what a run is: below)
#   --jobs J           parallel workers (default 2)
#   --state DIR        progress, corpus, builds and logs (default tests/fuzz/long-run-state,
#                      gitignored); running again with the same DIR resumes where it stopped
#   --max-seconds S    stop after the chunk that passes S seconds of this invocation
#   --chunk-execs N    core executions per worker per chunk (default 1000000)
#   --chunk-inputs N   fuzzed captures per chunk (default 2000; 300 with --slow-captures)
#   --slow-captures    one tshark or lab_redissect process per run, as before the fast mode
#                      (4 runs per input): about 4 runs a second on 2 cores, where the fast
#                      mode makes about 30-35 (100,000 runs in about 50 minutes)
#   --seed S           base seed (default 1); every chunk uses seed S and its own range of
#                      input numbers (from k*chunk-inputs on, but never below the end of an
#                      earlier chunk, whatever its size), so every input is reproducible
#
# The core part uses the libFuzzer target (clang, built here in STATE/build-fuzz with
# -DLAB_FUZZ=ON), or, without clang/libFuzzer, lab_random_core (one input = one execution).
# The capture part is fuzz-captures.sh with an ASan/UBSan plugin and lab_redissect, both
# built in STATE/build-asan (again when the plugin's sources or redissect.c are newer).
# What counts as one capture run: one program run with the sanitized plugin over one fuzzed
# capture file, from its first frame to its last:
#   - by default (fuzz-captures.sh --fast) every input is one lab_redissect run inside a
#     batch process (one process per group of 200 inputs: libwireshark is set up once per
#     group): first pass, in-order pass, a round of shuffled clicks, and for every 4th input
#     a reload whose first pass builds a full visible tree, compared in order. Every 200th
#     input adds three runs: tshark -nVxr, tshark -2 -nVr, tshark -z lab,tree. An input the
#     batch process died or hung on, or found something in, has had its run, and is run
#     again alone: four more runs (the three tshark runs and lab_redissect --rounds 2
#     --reloads 2).
#   - with --slow-captures every input is four runs, each its own process: the three tshark
#     runs and lab_redissect --rounds 2 --reloads 2.
# A file wiretap cannot open at all counts as a run, as tshark's exit 2 on a damaged file
# does; neither is a finding. STATE/captures.log keeps the runs of each chunk, split into
# lab_redissect and tshark runs.
# Findings: tests/fuzz/findings/ (captures) and STATE/core-* (core). Totals are printed after
# every chunk and at the end, and kept in STATE/core.log and STATE/captures.log.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

core_target=10000000 capture_target=100000 jobs=2 state=$here/long-run-state max_seconds=0
do_core=1 do_captures=1 chunk_execs=1000000 chunk_inputs="" seed=1 slow_captures=0
while [ $# -gt 0 ]; do
    case $1 in
        --core-execs) core_target=$2; shift 2 ;;
        --capture-runs) capture_target=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --state) state=$2; shift 2 ;;
        --max-seconds) max_seconds=$2; shift 2 ;;
        --chunk-execs) chunk_execs=$2; shift 2 ;;
        --chunk-inputs) chunk_inputs=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --core-only) do_captures=0; shift ;;
        --captures-only) do_core=0; shift ;;
        --slow-captures) slow_captures=1; shift ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
if [ -z "$chunk_inputs" ]; then
    if [ "$slow_captures" -eq 1 ]; then chunk_inputs=300; else chunk_inputs=2000; fi
fi
mkdir -p "$state"
touch "$state/core.log" "$state/captures.log"
state=$(readlink -f "$state")
t0=$(date +%s)
out_of_time() { [ "$max_seconds" -gt 0 ] && [ $(( $(date +%s) - t0 )) -ge "$max_seconds" ]; }

# core.log: one line per finished chunk: "chunk K execs E crashes C tool T"
core_done() { awk '{s += $4} END {print s + 0}' "$state/core.log" 2>/dev/null || echo 0; }
core_crashes() { awk '{s += $6} END {print s + 0}' "$state/core.log" 2>/dev/null || echo 0; }
# captures.log: "chunk K inputs I runs R findings F tshark_only O hangs H" and, since the fast
# mode, " harness X tshark T start S": X lab_redissect and T tshark runs out of R, the inputs
# numbered from S on. (A line without them is from the slow mode with lab_redissect, where
# each input had one lab_redissect run and the rest of its runs were tshark runs.)
cap_sum() { awk -v c="$1" '{s += $c} END {print s + 0}' "$state/captures.log" 2>/dev/null || echo 0; }
cap_harness() { awk '{s += (NF >= 16 ? $14 : $4)} END {print s + 0}' "$state/captures.log" 2>/dev/null || echo 0; }
cap_tshark() { awk '{s += (NF >= 16 ? $16 : $6 - $4)} END {print s + 0}' "$state/captures.log" 2>/dev/null || echo 0; }
# The first input number after every earlier chunk. A line without "start" is from before
# it was written, when chunk K started at K * chunk-inputs: taken as K * its largest size.
cap_next_start() {
    awk '$17 == "start" { e = $18 + $4; if (e > m) m = e; next }
         { if ($2 > k) k = $2; if ($4 > size) size = $4 }
         END { if (size && (k + 1) * size > m) m = (k + 1) * size; print m + 0 }' \
        "$state/captures.log" 2>/dev/null || echo 0
}

totals() {
    echo "long-run totals: core executions $(core_done) (crashes $(core_crashes)); capture inputs $(cap_sum 4)," \
         "capture runs $(cap_sum 6) (lab_redissect $(cap_harness), tshark $(cap_tshark)), plugin findings" \
         "$(cap_sum 8) (hangs $(cap_sum 12)), tshark-only $(cap_sum 10)"
}

if [ "$do_core" -eq 1 ] && [ "$(core_done)" -lt "$core_target" ]; then
    tool="" fuzzer=""
    if command -v clang >/dev/null; then
        if CC=clang cmake -S "$repo" -B "$state/build-fuzz" -DLAB_FUZZ=ON >"$state/build-fuzz.log" 2>&1 \
            && cmake --build "$state/build-fuzz" --target fuzz_core -j "$jobs" >>"$state/build-fuzz.log" 2>&1 \
            && [ -x "$state/build-fuzz/tests/fuzz/fuzz_core" ]; then
            tool=libfuzzer fuzzer=$state/build-fuzz/tests/fuzz/fuzz_core
        fi
    fi
    if [ -z "$tool" ]; then
        cmake -S "$repo" -B "$state/build-random" >"$state/build-random.log" 2>&1 \
            && cmake --build "$state/build-random" --target lab_random_core -j "$jobs" >>"$state/build-random.log" 2>&1 \
            || { echo "long-run: cannot build a core fuzzer, see $state/build-*.log" >&2; exit 1; }
        tool=random fuzzer=$state/build-random/tests/fuzz/lab_random_core
    fi
    echo "long-run: core fuzzing with $tool ($fuzzer), target $core_target executions"
    while [ "$(core_done)" -lt "$core_target" ] && ! out_of_time; do
        chunk=$(wc -l <"$state/core.log" 2>/dev/null || echo 0)
        left=$(( core_target - $(core_done) ))
        per=$(( (left + jobs - 1) / jobs )); [ "$per" -le "$chunk_execs" ] || per=$chunk_execs
        pids=()
        for ((w = 0; w < jobs; w++)); do
            log=$state/core-chunk$chunk-w$w.log
            if [ "$tool" = libfuzzer ]; then
                # short inputs (at most 256 bytes, ~40 segments): many executions
                "$here/run-fuzz-core.sh" "$fuzzer" "$state/core-corpus" -runs="$per" \
                    -seed=$(( seed * 1000 + chunk * jobs + w + 1 )) -max_len=256 >"$log" 2>&1 &
            else
                # lab_random_core counts segment records; about 73 records make one input
                ASAN_OPTIONS=detect_leaks=1 "$fuzzer" -n $(( per * 73 )) -s $(( seed * 1000 + chunk * jobs + w + 1 )) >"$log" 2>&1 &
            fi
            pids+=($!)
        done
        execs=0 crashes=0
        for ((w = 0; w < jobs; w++)); do
            rc=0; wait "${pids[w]}" || rc=$?
            log=$state/core-chunk$chunk-w$w.log
            if [ "$tool" = libfuzzer ]; then
                e=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
            else
                e=$(sed -n 's/^random_core: seed [0-9]*, \([0-9]*\) inputs.*/\1/p' "$log")
            fi
            execs=$(( execs + ${e:-0} ))
            if [ "$rc" -ne 0 ]; then
                crashes=$(( crashes + 1 ))
                echo "long-run: core fuzzer worker $w of chunk $chunk FAILED (exit $rc), see $log" >&2
                grep -m5 -E 'ERROR|runtime error|lab fuzz check failed|Test unit written' "$log" >&2
            fi
        done
        echo "chunk $chunk execs $execs crashes $crashes tool $tool" >>"$state/core.log"
        totals
    done
fi

if [ "$do_captures" -eq 1 ] && [ "$(cap_sum 6)" -lt "$capture_target" ]; then
    so=$state/build-asan/lab_handshake.so harness=$state/build-asan/tests/fuzz/lab_redissect
    if [ ! -f "$so" ] || [ ! -x "$harness" ] \
        || [ -n "$(find "$repo/plugin" -newer "$so" -name '*.[ch]' | head -n1)" ] \
        || [ "$here/redissect.c" -nt "$harness" ]; then
        echo "long-run: building the ASan/UBSan plugin and lab_redissect in $state/build-asan"
        cmake -S "$repo" -B "$state/build-asan" -DLAB_SANITIZE=ON -DCMAKE_C_COMPILER=gcc \
            >"$state/build-asan.log" 2>&1 \
            && cmake --build "$state/build-asan" --target lab_handshake lab_redissect -j "$jobs" \
            >>"$state/build-asan.log" 2>&1 || { echo "long-run: sanitizer build failed" >&2; exit 1; }
    fi
    mode=(--fast)
    [ "$slow_captures" -eq 0 ] || mode=()
    echo "long-run: capture fuzzing (${mode[*]:-slow mode}), $chunk_inputs inputs a chunk, target $capture_target runs"
    while [ "$(cap_sum 6)" -lt "$capture_target" ] && ! out_of_time; do
        chunk=$(wc -l <"$state/captures.log" 2>/dev/null || echo 0)
        first=$(( chunk * chunk_inputs )) after=$(cap_next_start)
        [ "$first" -ge "$after" ] || first=$after
        rm -f "$state/chunk.totals"
        bash "$here/fuzz-captures.sh" --plugin "$so" --cc gcc "${mode[@]}" \
            --iterations "$chunk_inputs" --start "$first" --seed "$seed" --jobs "$jobs" \
            --timeout 120 --findings "$here/findings" --totals "$state/chunk.totals" \
            --redissect "$harness" >"$state/captures-chunk$chunk.log" 2>&1
        if [ ! -s "$state/chunk.totals" ]; then
            echo "long-run: capture chunk $chunk did not finish, see $state/captures-chunk$chunk.log" >&2
            tail -n 5 "$state/captures-chunk$chunk.log" >&2
            exit 1
        fi
        read -r inputs runs found tonly hangs h t <"$state/chunk.totals"
        echo "chunk $chunk inputs $inputs runs $runs findings $found tshark_only $tonly hangs $hangs" \
             "harness ${h:-0} tshark ${t:-0} start $first" >>"$state/captures.log"
        grep FINDING "$state/captures-chunk$chunk.log" >&2
        grep -E '^fuzz-captures: [0-9]+ inputs' "$state/captures-chunk$chunk.log"
        totals
    done
fi

echo "long-run: $(( $(date +%s) - t0 ))s this invocation"
totals
if [ "$(core_done)" -ge "$core_target" ] || [ "$do_core" -eq 0 ]; then core_ok=1; else core_ok=0; fi
if [ "$(cap_sum 6)" -ge "$capture_target" ] || [ "$do_captures" -eq 0 ]; then cap_ok=1; else cap_ok=0; fi
[ "$core_ok" -eq 1 ] && [ "$cap_ok" -eq 1 ] || echo "long-run: targets not reached yet; run again with the same --state to go on"
[ "$(core_crashes)" -eq 0 ] && [ "$(cap_sum 8)" -eq 0 ]
