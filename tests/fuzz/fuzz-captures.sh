#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture fuzzing of the whole plugin inside tshark, in the style of Wireshark's own
# tools/fuzz-test.sh: corrupt, cut, duplicate, reorder, concatenate or generate captures,
# run tshark with an ASan/UBSan build of the plugin on each, and keep every input that
# makes it crash, hang or print a sanitizer report.
#
#   tests/fuzz/fuzz-captures.sh [options]
#
# Which plugin (one of):
#   --plugin SO [--cc CC]     an already sanitized plugin (CC: the compiler that built it,
#                             to find the ASan runtime when the plugin does not name it)
#   --build DIR [--cmake CMAKE] [--source SRC]
#                             configure and build one with -DLAB_SANITIZE=ON in DIR (gcc)
#   (default: --build <repo>/build-fuzz-asan)
# What to run:
#   --captures DIR            the captures to start from (default <repo>/captures)
#   --iterations N            fuzzed inputs (default 100); --start I: first input number
#   --jobs J                  parallel workers (default 2)
#   --seed S                  the whole run is reproducible from S (default 1)
#   --timeout T               seconds per tshark run (in fast mode also per input of a batch)
#                             before it counts as a hang (default 60)
#   --replay DIR              no fuzzing: run every file of DIR once (regression inputs)
#   --findings DIR            where crashing inputs go (default tests/fuzz/findings)
#   --work DIR                scratch space (default: a temporary directory)
#   --totals FILE             also write "inputs runs findings tshark_only hangs harness_runs
#                             tshark_runs" to FILE (harness: lab_redissect, alone or batched)
#   --rotate                  one run per input, the modes in turn (faster; not with --fast)
#   --redissect BIN           also run lab_redissect (tests/fuzz/redissect.c) on each input
#                             with the sanitized plugin: first pass, then shuffled clicks and
#                             a reload must show the same subtree; a difference is a "drift"
#                             finding
# Fast mode (in the style of Wireshark's fuzzshark; needs --redissect):
#   --fast                    the inputs go through lab_redissect --batch, one process per
#                             group of inputs (libwireshark initialised once per group), instead
#                             of a tshark and a lab_redissect process per input
#   --group N                 inputs per batch process (default 200)
#   --batch-rounds N          click rounds on the first load of an input (default 1)
#   --batch-reloads N         reloads of an input (default 1: a second load whose first pass
#                             builds a full visible tree, as single-pass tshark -V)
#   --batch-reload-every K    only every Kth input (by number) is reloaded (default 4; 1: all)
#   --batch-reload-rounds N   click rounds after each reload (default 0: the reload is
#                             compared frame by frame in order, at half the cost)
#   --tshark-every N          the three tshark runs on every Nth input as well (default 200;
#                             0: none), so tshark itself still runs the plugin
#                             (the defaults: about 30 runs a second on 2 cores, see long-run.sh)
# Each input gets three tshark runs: -nVxr (one pass, hex), -2 -nVr (two passes) and
# -nqz lab,tree -r (the statistics tap), plus lab_redissect with --redissect (2 click rounds,
# 2 reloads). In fast mode each input gets one lab_redissect run inside a batch process
# (first pass, in-order pass, --batch-rounds click rounds, --batch-reloads reloads; without
# libwireshark's name-resolution files, which Wireshark 4.0 would read again for every file,
# see redissect.c), every --tshark-every-th input the three tshark runs too; the input a
# batch process was dissecting when it died or hung is run again alone in every slow mode
# (three tshark runs and lab_redissect), and a new batch process goes on with the inputs
# after it. A run is one tshark or lab_redissect run over one input, batched or not; a file
# the harness cannot open at all ("unreadable") is a run but not a finding, as tshark's
# exit 2 is. Input I of seed S is the same file in both modes. A finding is:
# a sanitizer report on stderr ("ERROR: AddressSanitizer", "runtime error:", ...), a death
# by signal, a timeout, an exit code other than 0, 2 and tshark's "the capture file is
# damaged/cut" status after partial output (2 up to Wireshark 4.4, 14 on 4.6: measured at the
# start), a "Dissector bug, protocol Lab Handshake" or
# "[Malformed Packet: Lab Handshake]" in the output, or a difference found by lab_redissect
# (drift), or in fast mode a batch process that died (its input, the one being dissected) or
# reported one of the above for an input. A finding that also happens with no plugin loaded
# is tshark's own: it is filed under findings/tshark-only/ and not counted against the plugin.
# (Test hook, never set by the scripts: LAB_FUZZ_TEST_SEGV_INPUT=I makes the fast-mode driver
# send SIGSEGV to the batch process once it has begun input I, to check the recovery.)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

plugin="" cc="" build_dir="" cmake_bin=cmake source_dir=$repo
captures=$repo/captures iterations=100 start=0 jobs=2 seed=1 timeout_s=60 replay=""
findings=$here/findings work="" totals_file="" rotate=0 redissect=""
fast=0 group=200 batch_rounds=1 batch_reloads=1 batch_reload_rounds=0 batch_reload_every=4 tshark_every=200
while [ $# -gt 0 ]; do
    case $1 in
        --plugin) plugin=$2; shift 2 ;;
        --cc) cc=$2; shift 2 ;;
        --build) build_dir=$2; shift 2 ;;
        --cmake) cmake_bin=$2; shift 2 ;;
        --source) source_dir=$2; shift 2 ;;
        --captures) captures=$2; shift 2 ;;
        --iterations) iterations=$2; shift 2 ;;
        --start) start=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --timeout) timeout_s=$2; shift 2 ;;
        --replay) replay=$2; shift 2 ;;
        --findings) findings=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --totals) totals_file=$2; shift 2 ;;
        --rotate) rotate=1; shift ;;
        --redissect) redissect=$2; shift 2 ;;
        --fast) fast=1; shift ;;
        --group) group=$2; shift 2 ;;
        --batch-rounds) batch_rounds=$2; shift 2 ;;
        --batch-reloads) batch_reloads=$2; shift 2 ;;
        --batch-reload-rounds) batch_reload_rounds=$2; shift 2 ;;
        --batch-reload-every) batch_reload_every=$2; shift 2 ;;
        --tshark-every) tshark_every=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done

for tool in tshark editcap mergecap reordercap randpkt python3 timeout flock; do
    command -v "$tool" >/dev/null || { echo "fuzz-captures: $tool not found" >&2; exit 1; }
done
if [ "$fast" -eq 1 ] && [ -z "$redissect" ]; then
    echo "fuzz-captures: --fast needs --redissect (the lab_redissect binary)" >&2
    exit 64
fi
[ "$fast" -eq 0 ] || rotate=0   # an input run again alone gets every mode
[ "$group" -ge 1 ] 2>/dev/null || { echo "fuzz-captures: --group must be at least 1" >&2; exit 64; }

# ---- the sanitized plugin ----
if [ -z "$plugin" ]; then
    build_dir=${build_dir:-$repo/build-fuzz-asan}
    cc=${cc:-gcc}
    echo "fuzz-captures: building the ASan/UBSan plugin in $build_dir"
    "$cmake_bin" -S "$source_dir" -B "$build_dir" -DLAB_SANITIZE=ON -DLAB_BUILD_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" >"$build_dir.log" 2>&1 \
        && "$cmake_bin" --build "$build_dir" --target lab_handshake -j "$(nproc)" >>"$build_dir.log" 2>&1 \
        || { echo "fuzz-captures: the sanitizer build failed, see $build_dir.log" >&2; tail -20 "$build_dir.log" >&2; exit 1; }
    plugin=$build_dir/lab_handshake.so
fi
[ -f "$plugin" ] || { echo "fuzz-captures: no plugin at $plugin" >&2; exit 1; }
plugin=$(readlink -f "$plugin")

# The ASan runtime must be loaded first: tshark itself is not sanitized.
asan_rt=$(readelf -d "$plugin" 2>/dev/null | sed -n 's/.*NEEDED.*\[\(libasan\.so[.0-9]*\)\].*/\1/p' | head -n1)
if [ -z "$asan_rt" ]; then
    cc=${cc:-gcc}
    for name in libasan.so libclang_rt.asan-x86_64.so; do
        f=$("$cc" -print-file-name="$name" 2>/dev/null)
        if [ -n "$f" ] && [ "$f" != "$name" ] && [ -e "$f" ]; then asan_rt=$f; break; fi
    done
fi
[ -n "$asan_rt" ] || { echo "fuzz-captures: $plugin is not built with ASan (no libasan found)" >&2; exit 1; }
# Only tshark gets it (editcap & co. must not: an ASan runtime preloaded into them hangs).
asan_preload=$asan_rt
# tshark leaks on purpose at exit: no leak check here (valgrind-captures.sh and the core
# fuzzers look for the plugin's leaks).
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=86:allocator_may_return_null=1:detect_odr_violation=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
export LAB_WS_MAJMIN=${LAB_WS_MAJMIN:-$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)}
export LAB_TSHARK_TIMEOUT=$timeout_s
runner=$here/tshark-env.sh

cleanup_work=0
if [ -z "$work" ]; then
    work=$(mktemp -d /tmp/lab-fuzz.XXXXXX)
    cleanup_work=1
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work" "$findings"
chmod 755 "$work"
work=$(readlink -f "$work")
findings=$(readlink -f "$findings")

captures=$(readlink -f "$captures")   # (make_input works in its scratch directory)

# tshark's exit status for a damaged or cut file after its partial output: 2 up to
# Wireshark 4.4, 14 from 4.6 on. It is measured here, once, on a bundled capture cut in the
# middle of a packet (no plugin), so it is not a finding on any version; any other status is.
damaged_rc=2
probe_dir=$(mktemp -d /tmp/lab-fuzz-probe.XXXXXX)
head -c 1500 "$repo/captures/three-way-close.pcapng" >"$probe_dir/cut.pcapng"
"$runner" none -r "$probe_dir/cut.pcapng" >/dev/null 2>"$probe_dir/stderr" || damaged_rc=$?
if ! grep -q 'cut short in the middle of a packet' "$probe_dir/stderr" || [ "$damaged_rc" -eq 0 ]; then
    echo "fuzz-captures: tshark did not report the cut probe file as cut (exit $damaged_rc):" >&2
    cat "$probe_dir/stderr" >&2
    rm -rf "$probe_dir"
    exit 1
fi
rm -rf "$probe_dir"
mapfile -t sources < <(find "$captures" -maxdepth 1 -type f \( -name '*.pcapng' -o -name '*.pcap' \) | sort)
if [ -z "$replay" ] && [ ${#sources[@]} -eq 0 ]; then
    echo "fuzz-captures: no captures in $captures" >&2
    exit 1
fi

# ---- making one fuzzed input ----
# Everything random comes from bash's RANDOM, seeded per input, and never inside a $(...)
# (bash reseeds RANDOM in subshells): input I of seed S is the same file on every run with
# the same tools and captures folder (editcap -E gets its own --seed from it), in the slow
# and the fast mode alike. The scratch files are named relative to the input's scratch
# directory, because mergecap writes the names of its input files into its output (a later
# cut at byte N would otherwise depend on where --work is). randpkt has no seed option, so
# its inputs differ from run to run; every finding keeps its input file anyway.
pick() { local -n arr=$1; picked=${arr[RANDOM % ${#arr[@]}]}; }
# frames_of FILE: sets $frames to the number of packets in FILE ("" when capinfos cannot tell)
frames_of() {
    local info
    info=$(capinfos -cM "$1" 2>/dev/null)
    frames=""
    if [[ $info =~ Number\ of\ packets:\ *([0-9]+) ]]; then frames=${BASH_REMATCH[1]}; fi
}

# mutate IN OUT: one mutation, in the current directory (make_input's scratch directory);
# sets $desc
mutate() {
    local in=$1 out=$2 n
    case $((RANDOM % 9)) in
    0|1) local p offs=(0 14 34 54) probs=(0.001 0.003 0.01 0.02 0.05) off es=$RANDOM
        pick probs; p=$picked; pick offs; off=$picked
        editcap -E "$p" -o "$off" --seed "$es" "$in" "$out" 2>/dev/null; desc="editcap -E $p -o $off --seed $es" ;;
    2) local snaps=(14 20 34 40 54 60 66 80 100) s
        pick snaps; s=$picked
        editcap -s "$s" "$in" "$out" 2>/dev/null; desc="editcap -s $s" ;;
    3) mergecap -w "$out" "$in" "$in" 2>/dev/null; desc="every packet twice (mergecap IN IN)" ;;
    4) if ((RANDOM % 2)); then n=$((1 + RANDOM % 20)); editcap -D "$n" "$in" "$out" 2>/dev/null; desc="editcap -D $n"
       else editcap -d "$in" "$out" 2>/dev/null; desc="editcap -d"; fi ;;
    5) # reorder: cut into chunks of k frames, concatenate them partly shuffled
        local k=$((1 + RANDOM % 8)) chunks i j t
        [ ! -e chunks ] || rm -rf chunks
        mkdir chunks
        editcap -c "$k" "$in" chunks/c.pcapng 2>/dev/null
        chunks=(chunks/*)   # sorted as ls sorts them
        if [ -e "${chunks[0]}" ]; then chunks=("${chunks[@]#chunks/}"); else chunks=(); fi
        for ((i = ${#chunks[@]} - 1; i > 0; i--)); do
            ((RANDOM % 3 == 0)) || continue  # most chunks stay in place
            j=$((RANDOM % (i + 1))); t=${chunks[i]}; chunks[i]=${chunks[j]}; chunks[j]=$t
        done
        if [ ${#chunks[@]} -gt 0 ]; then
            (cd chunks && mergecap -a -w "../$out" "${chunks[@]}" 2>/dev/null)
        fi
        desc="chunks of $k frames partly shuffled" ;;
    6) # interleave: shift the second half back in time, merge by time stamp; or swap halves
        local frames; frames_of "$in"; n=${frames:-2}; [ "$n" -ge 2 ] || n=2
        local half=$((n / 2)) shift_s=$(( (RANDOM % 2000) - 1000 )) back
        printf -v back %03d $((RANDOM % 1000))
        editcap -r "$in" a.pcapng "1-$half" 2>/dev/null
        editcap -r "$in" b.pcapng "$((half + 1))-$n" 2>/dev/null
        editcap -t "-0.$back" b.pcapng b2.pcapng 2>/dev/null
        if ((RANDOM % 2)); then
            mergecap -w "$out" a.pcapng b2.pcapng 2>/dev/null
            desc="second half shifted by -0.$back s, merged by time"
        else
            mergecap -a -w ab.pcapng b2.pcapng a.pcapng 2>/dev/null
            editcap -t "$shift_s" ab.pcapng ab2.pcapng 2>/dev/null
            reordercap -n ab2.pcapng "$out" >/dev/null 2>&1 || cp ab2.pcapng "$out" 2>/dev/null
            desc="halves swapped, reordercap"
        fi ;;
    7) pick sources
        mergecap -a -w "$out" "$in" "$picked" 2>/dev/null; desc="concatenated with ${picked##*/}" ;;
    8) local cut; n=$(stat -c %s "$in"); cut=$(( n > 64 ? 64 + (RANDOM * 32768 + RANDOM) % (n - 64) : n ))
        head -c "$cut" "$in" >"$out"; desc="file cut at byte $cut" ;;
    esac
    [ -s "$out" ] || cp "$in" "$out"
}

# seed_input I: seeds RANDOM for input I and draws its kind (0 randpkt, 1-3 gen_tcp_pcap.py,
# else a bundled capture) into $kind; make_input goes on from there
seed_input() {
    RANDOM=$(( seed * 1000003 + $1 ))
    kind=$((RANDOM % 10))
}

# The fast mode runs gen_tcp_pcap.py once per group for all the inputs that need it and
# leaves the captures here, named <generator seed>.pcap (the same bytes as one call each).
gen_cache=""

# make_input I DIR [OUT]: writes the input to OUT (default DIR/input.pcapng), using the
# directory DIR (absolute) as scratch space; with OUT "" it stays in DIR, named in $made.
# Sets $recipe.
make_input() {
    local i=$1 dir=$2 dest=${3-$2/input.pcapng} src k kind gs leftovers back=$PWD
    seed_input "$i"
    cd "$dir" || { made=$dir/missing; return 1; }
    leftovers=(*)
    [ ! -e "${leftovers[0]}" ] || rm -rf ./*   # (no rm process for a new directory)
    case $kind in
    0) local types=(tcp tcp ip ipv6 eth) t c b
       pick types; t=$picked; c=$((20 + RANDOM % 300)); b=$((60 + RANDOM % 1400))
       src=rand.pcap; randpkt -t "$t" -c "$c" -b "$b" "$src" >/dev/null 2>&1
       recipe="randpkt -t $t -c $c -b $b" ;;
    1|2|3) gs=$(( seed * 100000 + i )) src=gen.pcap
       if [ -n "$gen_cache" ] && [ -s "$gen_cache/$gs.pcap" ]; then
           cp "$gen_cache/$gs.pcap" "$src"
       else
           python3 "$here/gen_tcp_pcap.py" "$gs" "$src"
       fi
       recipe="gen_tcp_pcap.py $gs" ;;
    *) pick sources; src=$picked; recipe=${src##*/} ;;
    esac
    [ -s "$src" ] || { pick sources; src=$picked; recipe="$recipe (failed) ${src##*/}"; }
    mutate "$src" m0.pcapng
    recipe="$recipe | $desc"
    k=1
    while ((RANDOM % 3 == 0 && k < 4)); do
        mutate "m$((k - 1)).pcapng" "m$k.pcapng"
        recipe="$recipe | $desc"
        k=$((k + 1))
    done
    cd "$back" || true
    made=$dir/m$((k - 1)).pcapng
    [ -z "$dest" ] || { mv "$made" "$dest"; made=$dest; }
}

# ---- running tshark on one input ----
# (-r stays a word of its own: tshark-env.sh copies the file after it where nobody can read it)
modes=("-nVx -r" "-2 -nV -r" "-nqz lab,tree -r")
tshark_modes=("${modes[@]}")
if [ -n "$redissect" ]; then
    redissect=$(readlink -f "$redissect")
    modes+=("redissect")
fi

# classify RC STDERR_FILE: prints "" (fine) or a short reason
classify() {
    local rc=$1 err=$2
    if grep -q -E "You don't have permission to read|The file \".*\" doesn't exist|cp: cannot stat" "$err" \
        && ! grep -q -E 'ERROR: AddressSanitizer|runtime error:' "$err"; then
        # not the plugin: the run could not read its input at all; a broken setup must
        # not pass for tshark's "damaged file" exit
        echo "setup"
    elif grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|AddressSanitizer:DEADLYSIGNAL|SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer)' "$err"; then
        echo "sanitizer"
    elif grep -q -a 'Dissector bug, protocol Lab' "$err"; then
        echo "dissector-bug"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "hang"
    elif [ "$rc" -ge 128 ]; then
        echo "signal$((rc - 128))"
    elif [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne "$damaged_rc" ]; then
        echo "exit$rc"
    fi
}

# A short signature: the first plugin frame of the report, or the kind.
signature() {
    local err=$1 sig
    sig=$(grep -m1 -oE 'in (lab_[A-Za-z0-9_]+|dissect_lab|analyse_frame|parse_[a-z_]+|read_header_lines|inside|first_uint)' "$err" | awk '{print $2}')
    [ -n "$sig" ] || sig=$(grep -m1 -oE '(packet-lab|plugin|lab_[a-z_]+)\.c:[0-9]+' "$err" | tr ':.' '__')
    [ -n "$sig" ] || sig=$(grep -m1 -oE 'runtime error: [a-z -]+|ERROR: AddressSanitizer: [a-z-]+' "$err" | tr ' :' '__' | cut -c1-60)
    echo "${sig:-unknown}"
}

# run_input I FILE RECIPE LOG [tshark]: all modes (with "tshark": the tshark ones only);
# appends one line per run to LOG: "run I ok|setup|finding WHY|hang|tshark-only WHY rc=RC
# tool=tshark|redissect"
run_input() {
    local i=$1 f=$2 recipe=$3 log=$4 only=${5:-} mode rc why sig dest tool
    local err=${f%/*}/stderr
    local todo=("${modes[@]}")
    if [ "$only" = tshark ]; then
        todo=("${tshark_modes[@]}")
    elif [ "$rotate" -eq 1 ]; then
        local k=0
        [[ $i =~ ^[0-9]+$ ]] && k=$((i % ${#modes[@]}))
        todo=("${modes[k]}")
    fi
    for mode in "${todo[@]}"; do
        read -r -a margs <<<"$mode"
        rc=0
        tool=tshark
        [ "$mode" != redissect ] || tool=redissect
        if [ ! -s "$f" ] || [ ! -d "${err%/*}" ]; then
            # the work directory went away under us: not a finding
            echo "fuzz-captures: input $i is gone ($f)" >&2
            echo "run $i setup rc=- tool=$tool" >>"$log"
            continue
        fi
        if [ "$mode" = redissect ]; then
            LD_PRELOAD=$asan_preload timeout -k 5 "$timeout_s" "$redissect" --plugin "$plugin" --rounds 2 --reloads 2 \
                --seed "$(( ${i//[^0-9]/} + 0 ))" "$f" >"$err.out" 2>"$err" || rc=$?
            why=$(classify "$rc" "$err")
            [ "$why" != exit1 ] || why=drift   # 1: a subtree differed (2: unreadable file, fine)
        else
            # stdout is searched for the plugin's dissector bugs and exceptions, which epan
            # catches and shows in the tree ("[Dissector bug, protocol Lab Handshake: …]",
            # "[Malformed Packet: Lab Handshake]") while tshark goes on and exits 0
            LD_PRELOAD=$asan_preload "$runner" "$plugin" "${margs[@]}" "$f" 2>"$err" \
                | grep -a -E 'Dissector bug, protocol Lab|Malformed Packet: Lab' >"$err.hits"
            rc=${PIPESTATUS[0]}
            why=$(classify "$rc" "$err")
            if [ -z "$why" ] && [ -s "$err.hits" ]; then
                why=dissector-bug
                sort "$err.hits" | uniq -c | head -n 20 >>"$err"
            fi
        fi
        if [ -z "$why" ]; then
            echo "run $i ok rc=$rc tool=$tool" >>"$log"
            continue
        fi
        if [ "$why" = setup ]; then
            echo "fuzz-captures: input $i could not be read by tshark (setup problem, not a finding):" >&2
            head -n 3 "$err" >&2
            echo "run $i setup rc=$rc tool=$tool" >>"$log"
            continue
        fi
        if [ "$mode" = redissect ]; then
            cat "$err.out" >>"$err"
        fi
        # Does tshark do it without the plugin? Then it is not ours.
        # (the lab,tree tap exists only with the plugin: plain -n there)
        local rc0=0 why0 nargs=("${margs[@]}")
        [[ $mode == *lab,tree* ]] && nargs=(-n -r)
        [ "$mode" != redissect ] || nargs=(-2 -nV -r)
        "$runner" none "${nargs[@]}" "$f" >/dev/null 2>"$err.none" || rc0=$?
        why0=$(classify "$rc0" "$err.none")
        [ "$why" != drift ] || why0=""   # drift is the plugin's by definition
        sig=$(signature "$err")
        if [ -n "$why0" ] && [ "$why" != sanitizer ]; then
            dest=$findings/tshark-only
            echo "run $i tshark-only $why rc=$rc tool=$tool" >>"$log"
        else
            dest=$findings
            if [ "$why" = hang ]; then echo "run $i hang rc=$rc tool=$tool" >>"$log"; else echo "run $i finding $why rc=$rc tool=$tool" >>"$log"; fi
        fi
        mkdir -p "$dest"
        local base tag; tag=$(echo "${margs[*]}" | tr -dc 'a-zA-Z0-9')
        base=$dest/$why-$sig-seed$seed-input$i-$tag
        cp "$f" "$base.pcapng"
        {
            echo "input: $i (seed $seed)  recipe: $recipe"
            if [ "$mode" = redissect ]; then
                echo "command: LD_PRELOAD=$asan_preload ASAN_OPTIONS=$ASAN_OPTIONS lab_redissect --plugin PLUGIN --rounds 2 --reloads 2 --seed $(( ${i//[^0-9]/} + 0 )) $(basename "$base").pcapng"
            else
                echo "command: LD_PRELOAD=$asan_preload ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS tests/fuzz/tshark-env.sh PLUGIN ${margs[*]} $(basename "$base").pcapng"
            fi
            echo "exit: $rc ($why); without the plugin: $rc0 (${why0:-fine})"
            echo "---- stderr ----"
            tail -n 200 "$err"
        } >"$base.txt"
        echo "  FINDING input $i [${margs[*]}]: $why ($sig) -> $base.pcapng" >&2
    done
}

worker() {
    local w=$1 dir=$work/w$w log=$work/w$w.log i recipe="" desc="" picked=""
    mkdir -p "$dir"
    : >"$log"
    if [ -n "$replay" ]; then
        local files=() k=0
        mapfile -t files < <(find "$replay" -maxdepth 1 -type f \( -name '*.pcap*' -o -name '*.cap' \) | sort)
        for f in "${files[@]}"; do
            if ((k++ % jobs == w)); then
                cp "$f" "$dir/$(basename "$f")"
                echo "input $(basename "$f")" >>"$log"
                run_input "$(basename "$f")" "$dir/$(basename "$f")" "regression $(basename "$f")" "$log"
                rm -f "$dir/$(basename "$f")"
            fi
        done
        return
    fi
    for ((i = start + w; i < start + iterations; i += jobs)); do
        mkdir -p "$dir/in"
        make_input "$i" "$dir/in"
        echo "input $i $recipe" >>"$log"
        run_input "$i" "$dir/in/input.pcapng" "$recipe" "$log"
    done
}

# ---- fast mode: one lab_redissect --batch process per group of inputs ----
# Groups are runs of consecutive inputs; a worker takes the next group nobody has taken (a
# counter under flock), so both workers stay busy to the end. What a group holds does not
# depend on the worker: input I is the same file, gets the same click seed (I, as in the
# slow mode) and comes after the same inputs in its batch process on every run.
per_group=$(( (iterations + jobs - 1) / jobs ))
[ "$per_group" -le "$group" ] || per_group=$group
[ "$per_group" -ge 1 ] || per_group=1

# next_group: sets $g to the next group nobody has taken yet
next_group() {
    local fd n
    exec {fd}>>"$work/groups.lock"
    flock "$fd"
    read -r n <"$work/groups.next"
    echo $((n + 1)) >"$work/groups.next"
    exec {fd}>&-
    g=$n
}

# prepare_generated FIRST END DIR: writes the gen_tcp_pcap.py captures that inputs FIRST..END-1
# need into DIR with one python run (make_input finds them through $gen_cache)
prepare_generated() {
    local first=$1 end=$2 out=$3 i kind pairs=()
    for ((i = first; i < end; i++)); do
        seed_input "$i"
        if ((kind >= 1 && kind <= 3)); then
            pairs+=("$(( seed * 100000 + i )):$out/$(( seed * 100000 + i )).pcap")
        fi
    done
    [ ${#pairs[@]} -eq 0 ] || python3 "$here/gen_tcp_pcap.py" "${pairs[@]}"
}

# Input I of a group is made in (and stays in) the directory $gdir/I; input_of PATH sets $i.
input_of() { i=${1%/*}; i=${i##*/}; }

# section OUT PATH: the lines the batch printed for PATH (BEGIN to END, or to the end)
section() {
    awk -v b="BEGIN $2" -v e="END $2 " '$0 == b { on = 1 } on { print } on && index($0, e) == 1 { exit }' "$1"
}

# The batch output, condensed: one line per file that got its END ("<path> <status> <san>
# <bug>"), then "DIED <path> <san> <bug>" for a file begun and never ended, or "TAIL - <san>
# <bug>" for what came after the last END. san/bug: a sanitizer report or the plugin's
# "Dissector bug" warning (epan logs it even when no visible tree shows it) in that stretch.
condense_awk='
/^BEGIN / { cur = substr($0, 7); san = 0; bug = 0; next }
/^END / { print $2, $3, san, bug; cur = ""; san = 0; bug = 0; next }
/ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|AddressSanitizer:DEADLYSIGNAL|SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer)/ { san = 1 }
/Dissector bug, protocol Lab/ { bug = 1 }
END { if (cur != "") print "DIED", cur, san, bug; else print "TAIL", "-", san, bug }'

# batch_finding I WHY RC TEXT_FILE NOTE: files what the batch process found with input I
# (WHY as classify names it), after running the input again alone in every slow mode
batch_finding() {
    local i=$1 why=$2 rc=$3 text=$4 note=$5 f before rerun dest sig base
    f=${input_path[i]}
    before=$(wc -l <"$log")
    run_input "$i" "$f" "${recipes[i]}" "$log"
    rerun=$(tail -n +"$((before + 1))" "$log" | grep "^run $i ")
    # as in run_input: what tshark does without the plugin as well is tshark's (never a
    # sanitizer report or a drift); here: the runs alone found it only with no plugin to blame
    if [ "$why" != sanitizer ] && [ "$why" != drift ] && grep -q ' tshark-only ' <<<"$rerun" \
        && ! grep -q -E ' (finding|hang) ' <<<"$rerun"; then
        dest=$findings/tshark-only
        echo "run $i tshark-only $why rc=$rc tool=batch" >>"$log"
    else
        dest=$findings
        if [ "$why" = hang ]; then echo "run $i hang rc=$rc tool=batch" >>"$log"
        else echo "run $i finding $why rc=$rc tool=batch" >>"$log"; fi
    fi
    sig=$(signature "$text")
    mkdir -p "$dest"
    base=$dest/$why-$sig-seed$seed-input$i-batch
    cp "$f" "$base.pcapng"
    {
        echo "input: $i (seed $seed)  recipe: ${recipes[i]}"
        echo "found by: lab_redissect --batch over inputs $first..$((end - 1)) of seed $seed (this one after those before it), $note"
        echo "command (alone): LD_PRELOAD=$asan_preload ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS lab_redissect --plugin PLUGIN --rounds $batch_rounds --reloads $(batch_reloads_of "$i") --reload-rounds $batch_reload_rounds --seed $i $(basename "$base").pcapng"
        echo "found: $why; the batch process exited with $rc"
        echo "the input alone (tshark -nVxr, -2 -nVr, -z lab,tree; lab_redissect --rounds 2 --reloads 2):"
        sed 's/^/  /' <<<"$rerun"
        echo "---- batch output for this input ----"
        tail -n 200 "$text"
    } >"$base.txt"
    echo "  FINDING input $i [lab_redissect --batch]: $why ($sig) -> $base.pcapng" >&2
}

# batch_reloads_of I: the reloads input I had in its batch (--batch-reload-every)
batch_reloads_of() { if ((batch_reload_every <= 1 || $1 % batch_reload_every == 0)); then echo "$batch_reloads"; else echo 0; fi; }

# batch_why STATUS SAN BUG: sets $why to what an ended file stands for ("" fine, "unreadable",
# or a finding)
batch_why() {
    why=""
    if [ "$2" -eq 1 ]; then why=sanitizer
    elif [ "$1" = drift ]; then why=drift
    elif [ "$1" = lab-bug ] || [ "$3" -eq 1 ]; then why=dissector-bug
    elif [ "$1" = unreadable ]; then why=unreadable
    elif [ "$1" != ok ]; then why="batch-$1"
    fi
}

# start_batch N FIRST: starts lab_redissect --batch over $gdir/todo (N files, the first one
# input FIRST: with --seed 0 --index-base FIRST input I gets the click seed I) in the
# background, with a watchdog; sets $pid and $wd
start_batch() {
    local n=$1 first_input=$2 gt
    gt=$(( timeout_s + 60 + 5 * n ))   # a backstop: --file-timeout catches a hang first
    LD_PRELOAD=$asan_preload "$redissect" --plugin "$plugin" --rounds "$batch_rounds" --reloads "$batch_reloads" \
        --reload-rounds "$batch_reload_rounds" --reload-every "$batch_reload_every" --seed 0 \
        --index-base "$first_input" --file-timeout "$timeout_s" \
        --batch "$gdir/todo" >"$gdir/out" 2>&1 &
    pid=$!
    # (the trap first: a TERM before the sleep has started must not leave it behind)
    ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$gt" & s=$!; wait "$s"; kill -KILL "$pid" 2>/dev/null ) &
    wd=$!
}

# test_hook_segv: with LAB_FUZZ_TEST_SEGV_INPUT=I, once the batch process $pid has begun input
# I, sends it SIGSEGV (a background poller; sets $poke, or "" when I is not in this batch)
test_hook_segv() {
    local target=""
    poke=""
    [[ $LAB_FUZZ_TEST_SEGV_INPUT =~ ^[0-9]+$ ]] && target=${input_path[LAB_FUZZ_TEST_SEGV_INPUT]:-}
    [ -n "$target" ] && grep -qxF "$target" "$gdir/todo" || return 0
    ( while kill -0 "$pid" 2>/dev/null; do
          if grep -qxF "BEGIN $target" "$gdir/out"; then
              kill -SEGV "$pid" 2>/dev/null
              echo "fuzz-captures: test hook: SIGSEGV to the batch process ($pid) on input $LAB_FUZZ_TEST_SEGV_INPUT" >&2
              break
          fi
          sleep 0.01
      done ) &
    poke=$!
}

# run_group_batch: all the inputs of the group ($gdir/list) through lab_redissect --batch;
# when the process dies or hangs, the input it was on is run again alone (batch_finding) and
# a new process goes on with the inputs after it
run_group_batch() {
    local files=() results=() pos=0 total rc pid wd poke path status san bug why note at_exit i k ended died end_why
    mapfile -t files <"$gdir/list"
    total=${#files[@]}
    while ((pos < total)); do
        printf '%s\n' "${files[@]:pos}" >"$gdir/todo"
        input_of "${files[pos]}"
        start_batch $((total - pos)) "$i"
        [ -z "${LAB_FUZZ_TEST_SEGV_INPUT:-}" ] || test_hook_segv
        rc=0; wait "$pid" || rc=$?
        kill "$wd" 2>/dev/null; wait "$wd" 2>/dev/null
        [ -z "${poke:-}" ] || { kill "$poke" 2>/dev/null; wait "$poke" 2>/dev/null; poke=""; }
        batches=$((batches + 1))

        # what the process said, then what it says about each input
        mapfile -t results < <(awk "$condense_awk" "$gdir/out")
        read -r path status san bug <<<"${results[-1]}"
        unset 'results[-1]'
        ended=${#results[@]} died="" end_why=""
        if [ "$path" = DIED ]; then
            died=$status
        elif [ "$san" -eq 1 ] || [ "$bug" -eq 1 ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; }; then
            # every input ended, but there was a report after the last one (at exit) or a
            # bad exit code: that is pinned on the last input
            awk '/^END / { tail = ""; next } { tail = tail $0 "\n" } END { printf "%s", tail }' \
                "$gdir/out" >"$gdir/end-section"
            end_why=$(classify "$rc" "$gdir/end-section"); [ -n "$end_why" ] || end_why=exit$rc
        fi
        for ((k = 0; k < ended; k++)); do
            read -r path status san bug <<<"${results[k]}"
            input_of "$path"
            batch_why "$status" "$san" "$bug"
            note="which ended with $status" at_exit=0
            if [ -n "$end_why" ] && ((k == ended - 1)); then
                [ -z "$why" ] || [ "$why" = unreadable ] || end_why=$why
                why=$end_why note="the last input of the process, which went wrong after it (at exit)" at_exit=1
            fi
            case $why in
                "") echo "run $i ok rc=0 tool=batch" >>"$log" ;;
                unreadable) echo "run $i ok rc=2 tool=batch unreadable" >>"$log" ;;
                *) section "$gdir/out" "$path" >"$gdir/section"
                   ((at_exit == 0)) || cat "$gdir/end-section" >>"$gdir/section"
                   batch_finding "$i" "$why" "$rc" "$gdir/section" "$note" </dev/null ;;
            esac
        done

        if [ -n "$died" ]; then
            input_of "$died"
            section "$gdir/out" "$died" >"$gdir/section"
            why=$(classify "$rc" "$gdir/section")
            case $why in
                signal14) why=hang ;;   # SIGALRM: --file-timeout
                "") why=exit$rc ;;      # (an exit 0, 1 or 2 without the END line)
            esac
            batch_finding "$i" "$why" "$rc" "$gdir/section" "which died or hung on it" </dev/null
            pos=$((pos + ended + 1))
        elif ((ended == 0)); then
            # not even the first input began: the harness cannot start (a setup problem)
            echo "fuzz-captures: lab_redissect --batch did not start (exit $rc):" >&2
            head -n 5 "$gdir/out" >&2
            for path in "${files[@]:pos}"; do
                input_of "$path"
                echo "run $i setup rc=$rc tool=batch" >>"$log"
            done
            return
        else
            pos=$((pos + ended))
        fi
    done
}

# fast_group G: makes the inputs of group G, runs them through the batch, then the three
# tshark runs on every --tshark-every-th of them
fast_group() {
    local g=$1 first end i t_start dirs=()
    first=$((start + g * per_group)); end=$((first + per_group))
    [ "$end" -le $((start + iterations)) ] || end=$((start + iterations))
    gdir=$dir/g$g
    for ((i = first; i < end; i++)); do dirs+=("$gdir/$i"); done
    rm -rf "$gdir"; mkdir -p "$gdir/gen" "${dirs[@]}"
    recipes=() input_path=()

    t_start=${EPOCHREALTIME/,/.}
    prepare_generated "$first" "$end" "$gdir/gen"
    gen_cache=$gdir/gen
    : >"$gdir/list"
    for ((i = first; i < end; i++)); do
        make_input "$i" "$gdir/$i" ""
        input_path[i]=$made recipes[i]=$recipe
        echo "input $i $recipe" >>"$log"
        echo "$made" >>"$gdir/list"
    done
    gen_cache=""
    echo "time generate $t_start ${EPOCHREALTIME/,/.}" >>"$log"

    t_start=${EPOCHREALTIME/,/.}
    run_group_batch
    echo "time batch $t_start ${EPOCHREALTIME/,/.}" >>"$log"

    t_start=${EPOCHREALTIME/,/.}
    if [ "$tshark_every" -gt 0 ]; then
        for ((i = first; i < end; i++)); do
            ((i % tshark_every == 0)) || continue
            run_input "$i" "${input_path[i]}" "${recipes[i]}" "$log" tshark
        done
    fi
    echo "time tshark $t_start ${EPOCHREALTIME/,/.}" >>"$log"
    rm -rf "$gdir"
}

fast_worker() {
    local w=$1 dir log g gdir recipe="" desc="" picked="" made="" batches=0 recipes=() input_path=()
    dir=$work/w$w log=$work/w$w.log
    mkdir -p "$dir"
    : >"$log"
    while next_group; ((g * per_group < iterations)); do
        fast_group "$g"
    done
    echo "batches $batches" >>"$log"
}

t0=$(date +%s)
if [ -n "$replay" ]; then what="replaying $replay"; else what="$iterations inputs from #$start, seed $seed"; fi
[ "$fast" -eq 0 ] || [ -n "$replay" ] || what="$what, fast: groups of $per_group in lab_redissect --batch (--rounds $batch_rounds --reloads $batch_reloads --reload-rounds $batch_reload_rounds --reload-every $batch_reload_every), tshark on every ${tshark_every}th input"
echo "fuzz-captures: plugin $plugin, preload $asan_preload, $what, $jobs jobs, timeout ${timeout_s}s"
echo 0 >"$work/groups.next"
pids=()
for ((w = 0; w < jobs; w++)); do
    if [ "$fast" -eq 1 ] && [ -z "$replay" ]; then fast_worker "$w" & else worker "$w" & fi
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

inputs=$(cat "$work"/w*.log | grep -c '^input ')
runs=$(cat "$work"/w*.log | grep -c '^run ')
found=$(cat "$work"/w*.log | grep -c -E '^run [^ ]+ (finding|hang) ')
tshark_only=$(cat "$work"/w*.log | grep -c '^run [^ ]* tshark-only ')
hangs=$(cat "$work"/w*.log | grep -c '^run [^ ]* hang ')
setup=$(cat "$work"/w*.log | grep -c '^run [^ ]* setup ')
rc2=$(cat "$work"/w*.log | grep -c -E "^run [^ ]* ok rc=(2|$damaged_rc)( |\$)")
harness_runs=$(cat "$work"/w*.log | grep -c -E '^run .* tool=(batch|redissect)')
tshark_runs=$(cat "$work"/w*.log | grep -c -E '^run .* tool=tshark')
elapsed=$(( $(date +%s) - t0 ))
if [ "$fast" -eq 1 ] && [ -z "$replay" ]; then
    unreadable=$(cat "$work"/w*.log | grep -c -E '^run .* tool=batch unreadable')
    batches=$(cat "$work"/w*.log | awk '/^batches / { s += $2 } END { print s + 0 }')
    times=$(cat "$work"/w*.log | awk '/^time / { t[$2] += $4 - $3 } END { printf "generation %.0fs, batch dissection %.0fs, sampled tshark runs %.0fs (worker time)", t["generate"], t["batch"], t["tshark"] }')
    rc2_tshark=$(cat "$work"/w*.log | grep -c -E "^run [^ ]* ok rc=(2|$damaged_rc) tool=tshark")
    echo "fuzz-captures: $inputs inputs, $runs runs: $harness_runs lab_redissect ($batches batch processes;" \
         "$unreadable inputs wiretap could not open) and $tshark_runs tshark ($rc2_tshark ended with tshark's" \
         "damaged-file exit $damaged_rc); $found findings ($hangs hangs), $tshark_only tshark-only; ${elapsed}s; $times"
else
    echo "fuzz-captures: $inputs inputs, $runs runs ($tshark_runs tshark, $harness_runs lab_redissect; $rc2 ended with the damaged-file exit $damaged_rc), $found findings ($hangs hangs), $tshark_only tshark-only, ${elapsed}s"
fi
[ -z "$totals_file" ] || echo "$inputs $runs $found $tshark_only $hangs $harness_runs $tshark_runs" >"$totals_file"
if [ "$cleanup_work" -eq 1 ]; then rm -rf "$work"; fi
if [ "$setup" -gt 0 ]; then
    echo "fuzz-captures: FAILED, $setup runs could not read their input (setup problem)"
    exit 2
fi
if [ "$found" -gt 0 ]; then
    echo "fuzz-captures: FAILED, the inputs are in $findings"
    exit 1
fi
echo "$runs passed, 0 failed"
exit 0
