#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the ladder diagram shown in the README from the bundled Node.js capture:
# the SVG the plugin writes (tshark -z lab,ladder,svg=...) and a PNG of it.
#
#   docs/ladder/regenerate.sh [BUILD_DIR]      (default: build; the plugin must be built)
#
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin) and, for the same look, the
# DejaVu fonts (fonts-dejavu-core). Only this script needs them, not the plugin.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
plugin=$build/lab_handshake.so
[ -f "$plugin" ] || { echo "no plugin at $plugin: build first (cmake --build build)" >&2; exit 1; }
command -v rsvg-convert >/dev/null || { echo "rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }

out=$(mktemp -d /tmp/lab-ladder-doc.XXXXXX)
trap 'rm -rf "$out"' EXIT
chmod 777 "$out"   # tshark may run as `nobody` (tests/run-tshark.sh)
"$root/tests/run-tshark.sh" "$plugin" -q -r "$root/captures/node-keepalive-timeout.pcapng" \
    -d tcp.port==3000,http -z "lab,ladder,svg=$out,tcp.stream==0" > "$out/ladder.txt"
cp "$out/ladder-stream0.svg" "$here/node-keepalive-timeout-stream0.svg"
sed -n '/^TCP stream/,/^====/p' "$out/ladder.txt" | grep -v -e '^SVG written' -e '^====' > "$here/node-keepalive-timeout-stream0.txt"
rsvg-convert --width 1240 --background-color white \
    "$here/node-keepalive-timeout-stream0.svg" -o "$here/node-keepalive-timeout-stream0.png"
echo "wrote $here/node-keepalive-timeout-stream0.{svg,png,txt}"
