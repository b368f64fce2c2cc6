#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Speed and memory benchmark of the Lab Handshake plugin (issues #5, #14).
#
#   bash bench/run.sh            (as root, or as a user that can run tshark)
#
# 1. Builds the plugin (Release) into bench/out/build, unless PLUGIN=/path/to/lab_handshake.so.
# 2. Builds two captures from the real template connections in bench/templates/ (recorded by
#    bench/record-templates.sh; recorded anew only if missing or with RECORD=1, which needs
#    root) with bench/gen_capture.py, seed 5, cached in bench/out/ and rebuilt only when the
#    templates, the generator or the sizes change:
#      big.pcap    98,000 short Connection: close connections + 2,000 keep-alive connections
#                  = 100,000 TCP streams, 1,340,000 packets; tshark decodes all of them as HTTP
#      small.pcap  the same mix at a tenth: 10,000 streams, 134,000 packets
#      big-tcp.pcap, small-tcp.pcap  the same packets with opaque payload ('x' bytes): only
#                  TCP runs (the "TCP-only" mix, reported next to the HTTP one)
# 3. Runs bench/measure.py: tshark with and without the plugin, REPS (3) times each on the big
#    capture and REPS_SMALL (5) times on the small one; medians of wall time, CPU time and
#    peak RSS, their ratios and the growth of the plugin's cost from small to big, for each mix.
#    Prints the tables and writes them to bench/out/results.md.
# Takes about 20 minutes on 2 cores (30 with PLUGIN_BEFORE). Environment: PLUGIN (a prebuilt
# plugin to measure), PLUGIN_BEFORE (another build measured in the same interleaved runs, for
# before/after figures), MIXES ("http tcp"), BIG_MODES (e.g. "single": only those modes on the big
# capture, for a busy machine), RECORD=1, REPS, REPS_SMALL, RESULTS (where to write
# the tables instead of bench/out/results.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out="$here/out"
reps=${REPS:-3}
seed=5
big_short=98000 big_long=2000
small_short=9800 small_long=200
mkdir -p "$out"
results=${RESULTS:-$out/results.md}

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need tshark || missing+=(tshark)
[ -x /usr/bin/time ] || missing+=(time)
need cmake || missing+=(cmake)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && need apt-get; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "run.sh: missing ${missing[*]}" >&2; exit 1
    fi
fi

# 1. the plugin
if [ -n "${PLUGIN:-}" ]; then
    plugin=$(readlink -f "$PLUGIN")
else
    echo "== building the plugin (Release)" >&2
    cmake -S "$repo" -B "$out/build" -DCMAKE_BUILD_TYPE=Release -DLAB_BUILD_TESTS=OFF >/dev/null
    cmake --build "$out/build" -j2 >/dev/null
    plugin="$out/build/lab_handshake.so"
fi
[ -f "$plugin" ] || { echo "run.sh: no plugin at $plugin" >&2; exit 1; }

# 2. the captures
if [ "${RECORD:-0}" = 1 ] || [ ! -f "$here/templates/short.pcap" ] || [ ! -f "$here/templates/keepalive.pcap" ]; then
    echo "== recording the template connections" >&2
    bash "$here/record-templates.sh" "$here/templates"
    chmod 644 "$here/templates/"*.pcap
fi
gen() { # NAME SHORT LONG [GENERATOR OPTIONS]
    local name=$1 short=$2 long=$3 key
    shift 3
    key=$(cat "$here/templates/short.pcap" "$here/templates/keepalive.pcap" "$here/gen_capture.py" \
          | sha256sum | cut -c1-16)-$short-$long-$seed${*:+-}${*// /}
    if [ -f "$out/$name.pcap" ] && [ "$(cat "$out/$name.key" 2>/dev/null)" = "$key" ]; then
        echo "== $name.pcap is up to date" >&2
    else
        echo "== generating $name.pcap" >&2
        rm -f "$out/$name.pcap" "$out/$name.key"
        /usr/bin/python3 "$here/gen_capture.py" --templates "$here/templates" --short "$short" --long "$long" \
            --seed "$seed" "$@" --out "$out/$name.pcap.tmp" 2>"$out/$name.info.tmp"
        sed 's/\.pcap\.tmp:/.pcap:/' "$out/$name.info.tmp" >"$out/$name.info" && rm -f "$out/$name.info.tmp"
        mv "$out/$name.pcap.tmp" "$out/$name.pcap"
        echo "$key" >"$out/$name.key"
    fi
    chmod 644 "$out/$name.pcap"
    cat "$out/$name.info" >&2
}
mixes=${MIXES:-http tcp}
for mix in $mixes; do
    case $mix in
        http) gen big $big_short $big_long; gen small $small_short $small_long ;;
        tcp) gen big-tcp $big_short $big_long --opaque; gen small-tcp $small_short $small_long --opaque ;;
        *) echo "run.sh: unknown mix $mix (http, tcp)" >&2; exit 1 ;;
    esac
done

# 3. a runner directory: two HOMEs (with / without the plugin) and captures nobody can read
majmin=$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
runner=$(mktemp -d /tmp/lab-bench-run.XXXXXX)
trap 'rm -rf "$runner"' EXIT
sides="with without"
[ -n "${PLUGIN_BEFORE:-}" ] && sides="$sides before"
for side in $sides; do
    mkdir -p "$runner/home-$side/.local/lib/wireshark/plugins/$majmin/epan"
done
cp "$plugin" "$runner/home-with/.local/lib/wireshark/plugins/$majmin/epan/"
if [ -n "${PLUGIN_BEFORE:-}" ]; then
    cp "$(readlink -f "$PLUGIN_BEFORE")" "$runner/home-before/.local/lib/wireshark/plugins/$majmin/epan/lab_handshake.so"
fi
chmod -R a+rX "$runner"
as_nobody=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$runner"
    as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
place() { # CAPTURE -> a path the tshark user can read (the capture itself, a hard link or a copy)
    local cap=$1
    if "${as_nobody[@]}" test -r "$cap" 2>/dev/null; then
        echo "$cap"
    else
        ln "$cap" "$runner/$(basename "$cap")" 2>/dev/null || cp "$cap" "$runner/$(basename "$cap")"
        chmod 644 "$runner/$(basename "$cap")"
        echo "$runner/$(basename "$cap")"
    fi
}
# the plugin must load in the "with" HOME and not in the other
if ! "${as_nobody[@]}" env -i PATH=/usr/bin:/bin HOME="$runner/home-with" tshark -G plugins 2>/dev/null | grep -q lab_handshake; then
    echo "run.sh: tshark does not load the plugin from $runner/home-with" >&2; exit 1
fi
if "${as_nobody[@]}" env -i PATH=/usr/bin:/bin HOME="$runner/home-without" tshark -G plugins 2>/dev/null | grep -q lab_handshake; then
    echo "run.sh: the plugin is installed system-wide: the 'without' runs would load it too" >&2; exit 1
fi

if [ -n "${PLUGIN:-}" ]; then
    plugin_desc="$plugin (prebuilt, given with PLUGIN=)"
else
    src_hash=$(cd "$repo" && find plugin -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
    plugin_desc="built from commit $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
    if ! (cd "$repo" && git diff --quiet HEAD -- plugin 2>/dev/null && [ -z "$(git ls-files --others --exclude-standard plugin)" ]); then
        plugin_desc="$plugin_desc + uncommitted changes in plugin/"
    fi
    plugin_desc="$plugin_desc (sha256 of plugin/ sources: $src_hash), Release build"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
before_desc=""
[ -n "${PLUGIN_BEFORE:-}" ] && before_desc="$(readlink -f "$PLUGIN_BEFORE") (prebuilt, given with PLUGIN_BEFORE=)"
: >"$results.tmp"
for mix in $mixes; do
    sfx=""; [ "$mix" = tcp ] && sfx=-tcp
    big=$(place "$out/big$sfx.pcap")
    small=$(place "$out/small$sfx.pcap")
    echo "== measuring the $mix mix: $reps runs of each command on big$sfx.pcap, ${REPS_SMALL:-5} on small$sfx.pcap" >&2
    /usr/bin/python3 "$here/measure.py" --runner "$runner" --big "$big" --small "$small" --reps "$reps" \
        --reps-small "${REPS_SMALL:-5}" --big-modes "${BIG_MODES:-}" --out "$out/results-$mix.md" \
        --big-info "$(sed 's/^[^:]*: //' "$out/big$sfx.info")" --small-info "$(sed 's/^[^:]*: //' "$out/small$sfx.info")" \
        --meta "mix=$mix ($( [ "$mix" = tcp ] && echo "opaque payload: only TCP runs" || echo "HTTP decoded on every connection"))" \
        --meta "date=$(date -u '+%Y-%m-%d %H:%M UTC')" \
        --meta "machine=$(nproc) cores, $mem RAM, $cpu" \
        --meta "tshark=$(tshark -v 2>/dev/null | head -n1)" \
        --meta "plugin=$plugin_desc" ${before_desc:+--meta "before=$before_desc"}
    cat "$out/results-$mix.md" >>"$results.tmp"
done
mv "$results.tmp" "$results"
echo "== written to $results" >&2
