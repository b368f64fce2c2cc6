#!/usr/bin/env bash
# tests/run-tshark.sh for the robustness tools: the same isolation (throwaway HOME whose
# personal plugin folder holds only PLUGIN; as root, runs as `nobody`; the -r capture is
# copied into that HOME), plus what a sanitizer or valgrind run needs and run-tshark.sh
# deliberately does not pass through its `env -i`:
#
#   tests/fuzz/tshark-env.sh PLUGIN.so|none [tshark arguments...]
#
# Environment read here (all optional):
#   LAB_TSHARK_PASS_ENV  names of variables handed to tshark when they are set
#                        (default: LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS)
#   LAB_TSHARK_TIMEOUT   seconds; tshark is killed after that (exit 124, as timeout(1))
#   LAB_TSHARK_PREFIX    a command put before tshark, word-split (e.g. "valgrind --log-file=…")
#   LAB_WS_MAJMIN        Wireshark's major.minor, to skip asking `tshark -v` on every run
# PLUGIN "none" runs tshark with no plugin at all (to tell a tshark bug from a plugin bug).
set -euo pipefail
plugin=$1
shift
if [ "$plugin" != none ]; then
    plugin=$(readlink -f "$plugin")
fi
majmin=${LAB_WS_MAJMIN:-$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)}
home=$(mktemp -d /tmp/lab-tshark-home.XXXXXX)
cleanup() { rm -rf "$home"; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
mkdir -p "$home/.local/lib/wireshark/plugins/$majmin/epan"
if [ "$plugin" != none ]; then
    cp "$plugin" "$home/.local/lib/wireshark/plugins/$majmin/epan/"
fi
args=()
while [ $# -gt 0 ]; do
    if [ "$1" = "-r" ] && [ $# -ge 2 ] && [ "$2" != "-" ]; then
        cp "$2" "$home/$(basename "$2")"
        args+=("-r" "$home/$(basename "$2")")
        shift 2
    else
        args+=("$1")
        shift
    fi
done
chmod -R a+rX "$home"

envs=(PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LC_ALL=C.UTF-8)
for name in ${LAB_TSHARK_PASS_ENV:-LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS}; do
    if [ -n "${!name+set}" ]; then
        envs+=("$name=${!name}")
    fi
done
cmd=()
if [ -n "${LAB_TSHARK_TIMEOUT:-}" ] && [ "${LAB_TSHARK_TIMEOUT}" != 0 ]; then
    cmd+=(timeout -k 5 "$LAB_TSHARK_TIMEOUT")
fi
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$home"
    cmd+=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
cmd+=(env -i "${envs[@]}")
if [ -n "${LAB_TSHARK_PREFIX:-}" ]; then
    read -r -a prefix <<<"$LAB_TSHARK_PREFIX"
    cmd+=("${prefix[@]}")
fi
cmd+=(tshark)
status=0
"${cmd[@]}" ${args[@]+"${args[@]}"} || status=$?
exit "$status"
