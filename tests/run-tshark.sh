#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs tshark with the freshly built plugin and nothing else of the user's.
#
#   tests/run-tshark.sh PLUGIN.so|none [tshark arguments...]
#
# tshark ignores personal plugin folders and WIRESHARK_PLUGIN_DIR when run as root, so as
# root it runs as the unprivileged user `nobody` (CI runs as root). Either way it gets a
# throwaway HOME whose personal plugin folder holds only this plugin (PLUGIN "none": no plugin
# at all), so an installed copy or the user's preferences cannot change what the tests see;
# the -r capture is copied into that HOME so `nobody` can read it.
#
# Environment read here (all optional; the robustness tools use them, tests/fuzz/tshark-env.sh):
#   LAB_TSHARK_PASS_ENV  names of variables handed to tshark when set (default: none —
#                        tshark runs under `env -i`)
#   LAB_TSHARK_TIMEOUT   seconds; tshark is killed after that (exit 124, as timeout(1))
#   LAB_TSHARK_PREFIX    a command put before tshark, word-split (e.g. "valgrind --log-file=…")
#   LAB_WS_MAJMIN        Wireshark's major.minor, to skip asking `tshark -v` on every run
#   LAB_TSHARK_PROFILE   a configuration profile folder, copied into that HOME's personal
#                        profiles folder (use it with -C "<its name>")
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
if [ -n "${LAB_TSHARK_PROFILE:-}" ]; then
    mkdir -p "$home/.config/wireshark/profiles"
    cp -R "$LAB_TSHARK_PROFILE" "$home/.config/wireshark/profiles/"
fi
chmod -R a+rX "$home"

# An empty global plugin folder: a copy installed system-wide (`.ci/demo.sh` as root does
# that) would otherwise be loaded instead of the build under test ("found in multiple
# directories"). tshark honours WIRESHARK_PLUGIN_DIR for the unprivileged user it runs as.
mkdir -p "$home/no-global-plugins"
envs=(PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LC_ALL=C.UTF-8 WIRESHARK_PLUGIN_DIR="$home/no-global-plugins")
for name in ${LAB_TSHARK_PASS_ENV:-}; do
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
