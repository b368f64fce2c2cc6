#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shows the ladder in Wireshark's GUI and takes two screenshots under Xvfb (1280x800):
#   docs/ladder/gui-menu.png    the Statistics menu with its "Lab Handshake Ladder" entry
#   docs/ladder/gui-table.png   the table it opens, on captures/node-keepalive-timeout.pcapng
#   docs/ladder/gui-table-filtered.png   the same after the display filter tcp.stream == 1
#
#   docs/ladder/gui-screenshot.sh [BUILD_DIR]     (default: build; the plugin must be built)
#
# Environment: LAB_DISPLAY (X display number, default: the first free one from 90),
# OUT (folder for the PNGs, default: docs/ladder).
# Wireshark runs as `nobody` when started as root (it ignores personal plugin folders for
# root) with a throwaway HOME holding only the plugin; Xvfb and Wireshark are stopped by PID.
# Needs xvfb, xauth, xdotool, imagemagick (import), wireshark-qt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
out=${OUT:-$here}
plugin=$(readlink -f "$build/lab_handshake.so")
[ -f "$plugin" ] || { echo "no plugin in $build: build first" >&2; exit 1; }
capture=$root/captures/node-keepalive-timeout.pcapng
W=1280 H=800

tmp=$(mktemp -d /tmp/lab-ladder-gui.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
wait_for() { local end=$((SECONDS + $1)); shift; until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.3; done; }

majmin=$(wireshark -v 2>/dev/null | sed -n 's/^Wireshark \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
home=$tmp/home
mkdir -p "$home/.local/lib/wireshark/plugins/$majmin/epan" "$home/.config/wireshark" "$tmp/run" "$tmp/no-global"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$majmin/epan/"
cp "$capture" "$home/"
cat >"$home/.config/wireshark/recent_common" <<EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: $W
gui.geometry_main_height: $H
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
EOF
printf 'gui.update.enabled: FALSE\n' >"$home/.config/wireshark/preferences"

disp=${LAB_DISPLAY:-}
if [ -z "$disp" ]; then
    for n in $(seq 90 160); do [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
fi
export XAUTHORITY=$tmp/xauth
touch "$XAUTHORITY"
xauth -q -f "$XAUTHORITY" add ":$disp" . "$(mcookie)"
Xvfb ":$disp" -screen 0 "${W}x${H}x24" -nolisten tcp -auth "$XAUTHORITY" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=:$disp
wait_for 20 xdotool getdisplaygeometry >/dev/null 2>&1 || { cat "$tmp/xvfb.log" >&2; exit 1; }

chmod -R a+rX "$tmp"
chmod a+r "$XAUTHORITY"
runas=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$home" "$tmp/run"
    runas=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
chmod 700 "$tmp/run"
run() {
    "${runas[@]}" env -i PATH=/usr/bin:/bin HOME="$home" LC_ALL=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" \
        XDG_RUNTIME_DIR="$tmp/run" WIRESHARK_PLUGIN_DIR="$tmp/no-global" QT_QPA_PLATFORM=xcb "$@"
}
cap=$home/$(basename "$capture")

# 1. the menu entry: open the capture, open Statistics
run wireshark -r "$cap" -d tcp.port==3000,http >"$tmp/ws1.log" 2>&1 &
pids+=($!)
main_window() { xdotool search --onlyvisible --name "node-keepalive-timeout" 2>/dev/null | head -n1; }
wait_for 60 main_window >/dev/null || { cat "$tmp/ws1.log" >&2; exit 1; }
sleep 3
win=$(main_window)
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool mousemove --window "$win" 400 400 click 1 2>/dev/null || true
xdotool key --window "$win" alt+s
sleep 2
import -window root "$out/gui-menu.png"

# 2. the table: click the menu entry. Where it is was read off gui-menu.png (Wireshark 4.0,
#    1280x800, default preferences): Statistics is at x 325, "Lab Handshake Ladder" at y 261.
xdotool mousemove 380 261 click 1
dialog() { xdotool search --onlyvisible --name "Lab Handshake Ladder" 2>/dev/null | head -n1; }
wait_for 60 dialog >/dev/null || { cat "$tmp/ws1.log" >&2; echo "no dialog: is the menu entry elsewhere? see gui-menu.png" >&2; exit 1; }
sleep 4
d=$(dialog)
xdotool windowmove "$d" 0 0 windowsize "$d" $W $H 2>/dev/null || true
sleep 2
import -window root "$out/gui-table.png"

# 3. a display filter in the dialog runs the packets again (the tables are reset and refilled)
xdotool mousemove 640 745 click 1
xdotool type --delay 30 'tcp.stream == 1'
xdotool key Return
sleep 4
kill -0 "${pids[-1]}" 2>/dev/null || { cat "$tmp/ws1.log" >&2; echo "Wireshark died after the filter" >&2; exit 1; }
import -window root "$out/gui-table-filtered.png"
echo "wrote $out/gui-menu.png $out/gui-table.png $out/gui-table-filtered.png"
