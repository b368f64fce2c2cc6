#!/usr/bin/env bash
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
#   --timeout T               seconds per tshark run before it counts as a hang (default 60)
#   --replay DIR              no fuzzing: run every file of DIR once (regression inputs)
#   --findings DIR            where crashing inputs go (default tests/fuzz/findings)
#   --work DIR                scratch space (default: a temporary directory)
#   --totals FILE             also write "inputs runs findings tshark_only hangs" to FILE
#   --rotate                  one run per input, the modes in turn (faster)
#   --redissect BIN           also run lab_redissect (tests/fuzz/redissect.c) on each input
#                             with the sanitized plugin: first pass, then shuffled clicks and
#                             a reload must show the same subtree; a difference is a "drift"
#                             finding
# Each input gets three tshark runs: -nVxr (one pass, hex), -2 -nVr (two passes) and
# -nqz lab,tree -r (the statistics tap), plus lab_redissect with --redissect. A finding is:
# a sanitizer report on stderr ("ERROR: AddressSanitizer", "runtime error:", ...), a death
# by signal, a timeout, an exit code other than 0 and 2 (2 is tshark's "the capture file is
# damaged/cut" after partial output), a "Dissector bug, protocol Lab Handshake" or
# "[Malformed Packet: Lab Handshake]" in the output, or a difference found by lab_redissect
# (drift). A finding that also happens with no plugin loaded is tshark's own: it is filed
# under findings/tshark-only/ and not counted against the plugin.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

plugin="" cc="" build_dir="" cmake_bin=cmake source_dir=$repo
captures=$repo/captures iterations=100 start=0 jobs=2 seed=1 timeout_s=60 replay=""
findings=$here/findings work="" totals_file="" rotate=0 redissect=""
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
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done

for tool in tshark editcap mergecap reordercap randpkt python3 timeout; do
    command -v "$tool" >/dev/null || { echo "fuzz-captures: $tool not found" >&2; exit 1; }
done

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
findings=$(readlink -f "$findings")

mapfile -t sources < <(find "$captures" -maxdepth 1 -type f \( -name '*.pcapng' -o -name '*.pcap' \) | sort)
if [ -z "$replay" ] && [ ${#sources[@]} -eq 0 ]; then
    echo "fuzz-captures: no captures in $captures" >&2
    exit 1
fi

# ---- making one fuzzed input ----
# Everything random comes from bash's RANDOM, seeded per input, and never inside a $(...)
# (bash reseeds RANDOM in subshells): input I of seed S is the same file on every run with
# the same tools and captures (editcap -E gets its own --seed from it). randpkt has no seed
# option, so its inputs differ from run to run; every finding keeps its input file anyway.
pick() { local -n arr=$1; picked=${arr[RANDOM % ${#arr[@]}]}; }
frames_of() { capinfos -cM "$1" 2>/dev/null | sed -n 's/^Number of packets: *//p' | tr -dc '0-9'; }

# mutate IN OUT DIR: one mutation; sets $desc
mutate() {
    local in=$1 out=$2 dir=$3 n
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
        rm -rf "$dir/chunks"; mkdir -p "$dir/chunks"
        editcap -c "$k" "$in" "$dir/chunks/c.pcapng" 2>/dev/null
        mapfile -t chunks < <(ls "$dir/chunks")
        for ((i = ${#chunks[@]} - 1; i > 0; i--)); do
            ((RANDOM % 3 == 0)) || continue  # most chunks stay in place
            j=$((RANDOM % (i + 1))); t=${chunks[i]}; chunks[i]=${chunks[j]}; chunks[j]=$t
        done
        if [ ${#chunks[@]} -gt 0 ]; then
            (cd "$dir/chunks" && mergecap -a -w "$out" "${chunks[@]}" 2>/dev/null)
        fi
        desc="chunks of $k frames partly shuffled" ;;
    6) # interleave: shift the second half back in time, merge by time stamp; or swap halves
        n=$(frames_of "$in"); n=${n:-2}; [ "$n" -ge 2 ] || n=2
        local half=$((n / 2)) shift_s=$(( (RANDOM % 2000) - 1000 )) back
        printf -v back %03d $((RANDOM % 1000))
        editcap -r "$in" "$dir/a.pcapng" "1-$half" 2>/dev/null
        editcap -r "$in" "$dir/b.pcapng" "$((half + 1))-$n" 2>/dev/null
        editcap -t "-0.$back" "$dir/b.pcapng" "$dir/b2.pcapng" 2>/dev/null
        if ((RANDOM % 2)); then
            mergecap -w "$out" "$dir/a.pcapng" "$dir/b2.pcapng" 2>/dev/null
            desc="second half shifted by -0.$back s, merged by time"
        else
            mergecap -a -w "$dir/ab.pcapng" "$dir/b2.pcapng" "$dir/a.pcapng" 2>/dev/null
            editcap -t "$shift_s" "$dir/ab.pcapng" "$dir/ab2.pcapng" 2>/dev/null
            reordercap -n "$dir/ab2.pcapng" "$out" >/dev/null 2>&1 || cp "$dir/ab2.pcapng" "$out"
            desc="halves swapped, reordercap"
        fi ;;
    7) pick sources
        mergecap -a -w "$out" "$in" "$picked" 2>/dev/null; desc="concatenated with $(basename "$picked")" ;;
    8) local cut; n=$(stat -c %s "$in"); cut=$(( n > 64 ? 64 + (RANDOM * 32768 + RANDOM) % (n - 64) : n ))
        head -c "$cut" "$in" >"$out"; desc="file cut at byte $cut" ;;
    esac
    [ -s "$out" ] || cp "$in" "$out"
}

# make_input I DIR: writes DIR/input.pcapng; sets $recipe
make_input() {
    local i=$1 dir=$2 src out k
    RANDOM=$(( seed * 1000003 + i ))
    rm -rf "${dir:?}"/*
    case $((RANDOM % 10)) in
    0) local types=(tcp tcp ip ipv6 eth) t c b
       pick types; t=$picked; c=$((20 + RANDOM % 300)); b=$((60 + RANDOM % 1400))
       src=$dir/rand.pcap; randpkt -t "$t" -c "$c" -b "$b" "$src" >/dev/null 2>&1
       recipe="randpkt -t $t -c $c -b $b" ;;
    1|2|3) src=$dir/gen.pcap; python3 "$here/gen_tcp_pcap.py" "$(( seed * 100000 + i ))" "$src"
       recipe="gen_tcp_pcap.py $(( seed * 100000 + i ))" ;;
    *) pick sources; src=$picked; recipe=$(basename "$src") ;;
    esac
    [ -s "$src" ] || { pick sources; src=$picked; recipe="$recipe (failed) $(basename "$src")"; }
    mutate "$src" "$dir/m0.pcapng" "$dir"
    recipe="$recipe | $desc"
    k=1
    while ((RANDOM % 3 == 0 && k < 4)); do
        mutate "$dir/m$((k - 1)).pcapng" "$dir/m$k.pcapng" "$dir"
        recipe="$recipe | $desc"
        k=$((k + 1))
    done
    mv "$dir/m$((k - 1)).pcapng" "$dir/input.pcapng"
}

# ---- running tshark on one input ----
# (-r stays a word of its own: tshark-env.sh copies the file after it where nobody can read it)
modes=("-nVx -r" "-2 -nV -r" "-nqz lab,tree -r")
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
    elif [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
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

# run_input I FILE RECIPE LOG: all modes; appends one line per run to LOG
run_input() {
    local i=$1 f=$2 recipe=$3 log=$4 mode rc why sig dest
    local err; err=$(dirname "$f")/stderr
    local todo=("${modes[@]}")
    if [ "$rotate" -eq 1 ]; then
        local k=0
        [[ $i =~ ^[0-9]+$ ]] && k=$((i % ${#modes[@]}))
        todo=("${modes[k]}")
    fi
    for mode in "${todo[@]}"; do
        read -r -a margs <<<"$mode"
        rc=0
        if [ ! -s "$f" ] || [ ! -d "$(dirname "$err")" ]; then
            # the work directory went away under us: not a finding
            echo "fuzz-captures: input $i is gone ($f)" >&2
            echo "run $i setup rc=-" >>"$log"
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
            echo "run $i ok rc=$rc" >>"$log"
            continue
        fi
        if [ "$why" = setup ]; then
            echo "fuzz-captures: input $i could not be read by tshark (setup problem, not a finding):" >&2
            head -n 3 "$err" >&2
            echo "run $i setup rc=$rc" >>"$log"
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
            echo "run $i tshark-only $why rc=$rc" >>"$log"
        else
            dest=$findings
            if [ "$why" = hang ]; then echo "run $i hang rc=$rc" >>"$log"; else echo "run $i finding $why rc=$rc" >>"$log"; fi
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

t0=$(date +%s)
if [ -n "$replay" ]; then what="replaying $replay"; else what="$iterations inputs from #$start, seed $seed"; fi
echo "fuzz-captures: plugin $plugin, preload $asan_preload, $what, $jobs jobs, timeout ${timeout_s}s"
pids=()
for ((w = 0; w < jobs; w++)); do
    worker "$w" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

inputs=$(cat "$work"/w*.log | grep -c '^input ')
runs=$(cat "$work"/w*.log | grep -c '^run ')
found=$(cat "$work"/w*.log | grep -c -E '^run [^ ]+ (finding|hang) ')
tshark_only=$(cat "$work"/w*.log | grep -c '^run [^ ]* tshark-only ')
hangs=$(cat "$work"/w*.log | grep -c '^run [^ ]* hang ')
setup=$(cat "$work"/w*.log | grep -c '^run [^ ]* setup ')
rc2=$(cat "$work"/w*.log | grep -c '^run [^ ]* ok rc=2')
elapsed=$(( $(date +%s) - t0 ))
echo "fuzz-captures: $inputs inputs, $runs tshark runs ($rc2 ended with tshark's damaged-file exit 2), $found findings ($hangs hangs), $tshark_only tshark-only, ${elapsed}s"
[ -z "$totals_file" ] || echo "$inputs $runs $found $tshark_only $hangs" >"$totals_file"
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
