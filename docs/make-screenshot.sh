#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates docs/screenshot-handshake.png: the real Wireshark Qt GUI, with a freshly built
# Lab Handshake plugin, showing the SYN+ACK of a bundled capture with the "Lab Handshake"
# subtree expanded in the packet details pane.
#
#   docs/make-screenshot.sh [OUTPUT.png]
#   docs/make-screenshot.sh --all      every picture the README shows (below), 1280x800 ones
#                                      with the "Lab Handshake" profile included
#
# Environment (all optional):
#   LAB_PLUGIN   an already built lab_handshake.so (default: build one in a temporary folder)
#   CAPTURE      the capture to open   (default: captures/three-way-close.pcapng)
#   FRAME        the frame to select   (default: 2, the SYN+ACK; 0: select none, details
#                                       pane left empty)
#   ZOOM         Wireshark's font zoom level (default: 1)
#   PROFILE      a profile folder of the repository (e.g. "profiles/Lab Handshake"): copied
#                into the throwaway HOME's profiles folder and started with wireshark -C
#   SIZE         window size WIDTHxHEIGHT (default: 1480x900)
#   STATS        1: also open Statistics -> Lab Handshake (from the menu: Wireshark 4.0 takes
#                no -z for statistics trees) and grab the whole screen with both windows
#   XDISPLAY     the X display number to use (default: the first free one from 90)
#   DFILTER      a display filter applied at start (wireshark -Y), e.g. the profile's Steps
#                button, lab.step
#   LAB_LANGUAGE the plugin's display language, -o lab.language:… (default: en)
#   UI_LOCALE    the locale of Wireshark's own menus, e.g. zh_CN.UTF-8 (default: C.UTF-8); a
#                locale that is not installed is compiled into the temporary folder (localedef)
#   WS_ARGS      more arguments for Wireshark and tshark, e.g. "-d tcp.port==3000,http"
#
# What it does: builds the plugin; makes a throwaway HOME holding only that plugin, the capture
# and a preset window layout (1480x900, no bytes pane, short packet list, tall details pane);
# starts its own Xvfb (with its own X authority cookie) and runs Wireshark there as the
# unprivileged user `nobody` (Wireshark ignores personal plugin folders when run as root);
# waits for the capture's window (which -g has put on frame $FRAME); clicks into the empty part
# of the packet details pane, presses Home, End (the last top-level item: the Lab Handshake
# postdissector tree) and Shift+Right (View > Expand Subtrees); then grabs the window with
# ImageMagick's `import`. It takes about 10 seconds. Every wait is bounded; only the
# processes it started (Xvfb, Wireshark) are stopped, by PID; the temporary folder is removed.
# Needs root when something must be installed or when it has to switch to `nobody`.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${1:-}" = "--all" ]; then
    self=$repo/docs/make-screenshot.sh
    # the Lab Handshake tree of one SYN+ACK, at the default size
    bash "$self" "$repo/docs/screenshot-handshake.png"
    # the packet list with the profile, as a student on a 1280x800 laptop screen sees it
    # (Node.js and Flask: with the Steps button's filter, so every step of the capture is on screen)
    PROFILE="profiles/Lab Handshake" SIZE=1280x800 FRAME=0 CAPTURE="$repo/captures/three-way-close.pcapng" \
        bash "$self" "$repo/docs/screenshot-profile-three-way-close.png"
    for cap in node-keepalive-timeout flask-connection-close; do
        PROFILE="profiles/Lab Handshake" SIZE=1280x800 FRAME=0 DFILTER=lab.step \
            CAPTURE="$repo/captures/$cap.pcapng" bash "$self" "$repo/docs/screenshot-profile-$cap.png"
    done
    # Statistics -> Lab Handshake next to the packet list
    PROFILE="profiles/Lab Handshake" SIZE=1280x800 FRAME=0 STATS=1 \
        CAPTURE="$repo/captures/rst-cases.pcapng" bash "$self" "$repo/docs/screenshot-stats-tree.png"
    # the GUI in Simplified Chinese with the "Lab Handshake zh_CN" profile
    bash "$repo/docs/make-screenshot-zh.sh" "$repo/docs/screenshot-zh.png"
    exit 0
fi

out=${1:-$repo/docs/screenshot-handshake.png}
case $out in /*) ;; *) out=$PWD/$out ;; esac
capture=${CAPTURE:-$repo/captures/three-way-close.pcapng}
frame=${FRAME:-2}
zoom=${ZOOM:-1}
size=${SIZE:-1480x900}
width=${size%x*}
height=${size#*x}
profile_src=${PROFILE:+$repo/$PROFILE}
stats=${STATS:-0}
lab_language=${LAB_LANGUAGE:-en}
ui_locale=${UI_LOCALE:-C.UTF-8}
read -r -a extra_args <<<"${WS_ARGS:-}"
[ "$lab_language" = en ] || extra_args+=(-o "lab.language:$lab_language")

log() { printf 'make-screenshot: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -r "$capture" ] || die "no capture $capture"

# --- tools -------------------------------------------------------------------------------
# command -> Debian package. `import` must be ImageMagick's (not a stand-in elsewhere in PATH).
need=()
[ -x /usr/bin/Xvfb ] || need+=(xvfb)
[ -x /usr/bin/xauth ] || need+=(xauth)
[ -x /usr/bin/wireshark ] || need+=(wireshark-qt)
[ -x /usr/bin/tshark ] || need+=(tshark)
[ -x /usr/bin/xdotool ] || need+=(xdotool)
[ -x /usr/bin/import ] || need+=(imagemagick)
command -v cmake >/dev/null || need+=(cmake)
command -v cc >/dev/null || need+=(build-essential)
[ -d /usr/include/wireshark ] || need+=(wireshark-dev)
if [ "$ui_locale" != C.UTF-8 ] || [ "$lab_language" != en ]; then
    # localedef's sources, and fonts with Chinese characters (else every one is a box)
    [ -e "/usr/share/i18n/locales/${ui_locale%%.*}" ] || [ "$ui_locale" = C.UTF-8 ] || need+=(locales)
    [ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
fi
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "missing packages (${need[*]}); run as root or install them"
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq
    timeout 900 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- state and cleanup -------------------------------------------------------------------
tmp=$(mktemp -d /tmp/lab-screenshot.XXXXXX)
xvfb_pid=
ws_pid=
cleanup() {
    local pid
    for pid in $ws_pid $xvfb_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# xdotool and import, each bounded (xdotool's --sync waits can otherwise wait forever).
xdo() { timeout 20 xdotool "$@"; }

# Waits until "$@" succeeds, at most $1 seconds.
wait_for() {
    local secs=$1; shift
    local deadline=$((SECONDS + secs))
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

# --- the plugin --------------------------------------------------------------------------
if [ -n "${LAB_PLUGIN:-}" ]; then
    plugin=$(readlink -f "$LAB_PLUGIN")
else
    log "building the plugin"
    if ! { timeout 300 cmake -S "$repo" -B "$tmp/build" -DLAB_BUILD_TESTS=OFF \
           && timeout 600 cmake --build "$tmp/build" --target lab_handshake; } >"$tmp/build.log" 2>&1
    then
        cat "$tmp/build.log" >&2
        die "the plugin did not build"
    fi
    plugin=$tmp/build/lab_handshake.so
fi
[ -r "$plugin" ] || die "no plugin $plugin"

# --- a throwaway HOME --------------------------------------------------------------------
majmin=$(wireshark -v 2>/dev/null | sed -n 's/^Wireshark \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
[ -n "$majmin" ] || die "cannot tell Wireshark's version"
home=$tmp/home
conf=$home/.config/wireshark
mkdir -p "$home/.local/lib/wireshark/plugins/$majmin/epan" "$conf" "$tmp/runtime"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$majmin/epan/"
cap=$home/$(basename "$capture")
cp "$capture" "$cap"
profile_args=()
prof_conf=$conf
if [ -n "$profile_src" ]; then
    [ -d "$profile_src" ] || die "no profile folder $profile_src"
    profile_name=$(basename "$profile_src")
    mkdir -p "$conf/profiles"
    cp -R "$profile_src" "$conf/profiles/"
    prof_conf=$conf/profiles/$profile_name
    profile_args=(-C "$profile_name")
fi

# Window geometry lives in recent_common, pane sizes and shown panes in the profile's recent.
# Without a window manager Wireshark places its window at exactly these coordinates.
cat >"$conf/recent_common" <<EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: $width
gui.geometry_main_height: $height
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
EOF
upper_pane=125
[ "$frame" = 0 ] && upper_pane=$((height - 240))
layout="gui.toolbar_main_show: TRUE
gui.filter_toolbar_show: TRUE
gui.wireless_toolbar_show: FALSE
gui.packet_list_show: TRUE
gui.tree_view_show: TRUE
gui.byte_view_show: FALSE
gui.packet_diagram_show: FALSE
gui.statusbar_show: TRUE
gui.packet_list_colorize: TRUE
gui.time_format: RELATIVE
gui.time_precision: MSEC
gui.zoom_level: $zoom
gui.geometry_main_upper_pane: $upper_pane"
if [ -n "$profile_src" ]; then
    # the profile's own column widths stay; only the window layout is added
    printf '%s\n' "$layout" >>"$prof_conf/recent"
else
    cat >"$conf/recent" <<EOF
$layout
column.width:
	%m, 50,
	%t, 62,
	%s, 96,
	%d, 96,
	%p, 62,
	%i, -1
EOF
fi
cat >"$conf/preferences" <<EOF
gui.update.enabled: FALSE
gui.layout_type: 1
gui.recent_files_count.max: 0
lab.language: $lab_language
gui.column.format:
	"No.", "%m",
	"Time", "%t",
	"Source", "%s",
	"Destination", "%d",
	"Protocol", "%p",
	"Info", "%i"
EOF

# --- an X server of our own --------------------------------------------------------------
disp=${XDISPLAY:-}
for n in $( [ -n "$disp" ] || seq 90 160); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then disp=$n; break; fi
done
[ -n "$disp" ] || die "no free X display number"
export XAUTHORITY=$tmp/Xauthority
touch "$XAUTHORITY"
xauth -q -f "$XAUTHORITY" add ":$disp" . "$(mcookie)"
Xvfb ":$disp" -screen 0 "${width}x${height}x24" -nolisten tcp -noreset -auth "$XAUTHORITY" \
    >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=:$disp
x_up() { kill -0 "$xvfb_pid" 2>/dev/null || { cat "$tmp/xvfb.log" >&2; die "Xvfb exited"; }
         xdo getdisplaygeometry >/dev/null 2>&1; }
wait_for 20 x_up || die "Xvfb did not come up on :$disp"

# --- Wireshark ---------------------------------------------------------------------------
chmod -R a+rX "$tmp"
chmod a+r "$XAUTHORITY"
runas=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$home" "$tmp/runtime"
    runas=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
chmod 700 "$tmp/runtime"
# Wireshark's own menus follow the locale (and the "language" file of its configuration).
locenv=(LC_ALL="$ui_locale")
if [ "$ui_locale" != C.UTF-8 ]; then
    if ! locale -a 2>/dev/null | grep -qix "$(echo "$ui_locale" | sed 's/UTF-8/utf8/I')"; then
        mkdir -p "$tmp/locale"
        localedef -i "${ui_locale%%.*}" -f UTF-8 "$tmp/locale/$ui_locale" || die "cannot build the locale $ui_locale"
        chmod -R a+rX "$tmp/locale"
        locenv+=(LOCPATH="$tmp/locale")
    fi
    locenv+=(LANG="$ui_locale" LANGUAGE="${ui_locale%%.*}")
    echo "${ui_locale%%.*}" >"$conf/language"
    chmod a+r "$conf/language"
fi
runenv=("${runas[@]}" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" "${locenv[@]}"
        DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" XDG_RUNTIME_DIR="$tmp/runtime" QT_QPA_PLATFORM=xcb)
# The same user and HOME must see the plugin, or the picture would show no Lab Handshake tree.
timeout 60 "${runenv[@]}" tshark -G protocols >"$tmp/protocols" 2>/dev/null || true
grep -q -P '\tlab$' "$tmp/protocols" || die "Wireshark does not load $plugin"
# The rows the details pane will show: the collapsed top-level items plus the expanded Lab tree
# (the last one). The pane holds about 34 rows; warn when the picture would need scrolling.
if [ "$frame" != 0 ]; then
    timeout 60 "${runenv[@]}" tshark ${extra_args[@]+"${extra_args[@]}"} -2 -r "$cap" -V -Y "frame.number == $frame" \
        >"$tmp/details" 2>/dev/null || true
    grep -q '^\[Lab Handshake' "$tmp/details" || die "frame $frame has no Lab Handshake tree"
    rows=$(awk 'NF == 0 { next } /^\[Lab Handshake/ { lab = 1 } lab || /^[^ ]/ { n++ } END { print n }' \
        "$tmp/details")
    [ "$rows" -le 33 ] || log "warning: $rows rows in the details pane, it shows about 34: make height bigger"
fi
if [ -n "$profile_src" ]; then
    # the profile must load as shipped: tshark with it, in the same HOME, complains of nothing
    timeout 60 "${runenv[@]}" tshark "${profile_args[@]}" --color -r "$cap" -c 1 >/dev/null 2>"$tmp/profile.err" || true
    [ ! -s "$tmp/profile.err" ] || { cat "$tmp/profile.err" >&2; die "the profile does not load cleanly"; }
fi
ws_args=("${profile_args[@]}" ${extra_args[@]+"${extra_args[@]}"} -r "$cap")
[ "$frame" = 0 ] || ws_args+=(-g "$frame")
[ -z "${DFILTER:-}" ] || ws_args+=(-Y "$DFILTER")
log "starting Wireshark on :$disp: wireshark ${ws_args[*]}"
"${runenv[@]}" wireshark "${ws_args[@]}" >"$tmp/wireshark.log" 2>&1 &
ws_pid=$!

win=
title_re=$(basename "$cap" | sed 's/[][\.*^$+?(){}|]/\\&/g')
find_window() {
    kill -0 "$ws_pid" 2>/dev/null || { cat "$tmp/wireshark.log" >&2; die "Wireshark exited"; }
    # The main window is titled after the capture once the file is open.
    win=$(xdo search --onlyvisible --name "^$title_re" 2>/dev/null | head -n1)
    [ -n "$win" ]
}
stats_up() {
    kill -0 "$ws_pid" 2>/dev/null || die "Wireshark exited"
    xdo search --onlyvisible --name "Lab Handshake" 2>/dev/null | grep -qv "^$win\$"
}
wait_for 90 find_window || { cat "$tmp/wireshark.log" >&2; die "no Wireshark window"; }
sleep 3   # let it finish loading, selecting frame $frame and painting

# Geometry of the main window (without a window manager it is where recent_common put it).
X=0 Y=0 WIDTH=$width HEIGHT=$height
eval "$(xdo getwindowgeometry --shell "$win")"   # sets X Y WIDTH HEIGHT
if [ "$stats" != 0 ]; then
    xdo windowfocus --sync "$win"
    sleep 0.5
    # Statistics menu (Alt+S); plugins' trees come last in it: Up from the top wraps to the
    # last item, Lab Handshake
    xdo key --clearmodifiers alt+s
    sleep 1
    timeout 60 /usr/bin/import -window root "$tmp/menu.png"
    xdo key --clearmodifiers Up
    sleep 0.5
    xdo key --clearmodifiers Return
    wait_for 60 stats_up || die "no Statistics -> Lab Handshake window"
    sleep 2
    # both windows as the X server shows them (no window manager: the dialog sits on top)
    mkdir -p "$(dirname "$out")"
    timeout 60 /usr/bin/import -window root "$tmp/shot.png"
    timeout 60 /usr/bin/convert "$tmp/shot.png" -strip "$out"
    log "wrote $out"
    exit 0
fi
if [ "$frame" = 0 ]; then
    # nothing selected: every row keeps its colouring rule's colours
    xdo mousemove --sync $((X + WIDTH - 5)) $((Y + 5))
    sleep 1.5
    mkdir -p "$(dirname "$out")"
    timeout 60 /usr/bin/import -window root "$tmp/shot.png"
    timeout 60 /usr/bin/convert "$tmp/shot.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage -strip "$out"
    log "wrote $out"
    exit 0
fi
xdo windowfocus --sync "$win"
# Click into the empty lower part of the packet details pane (the bottom pane, above the
# status bar), so it has the keyboard focus without changing the packet selection.
xdo mousemove --sync $((X + WIDTH / 2)) $((Y + HEIGHT - 60)) click 1
sleep 0.5
# With no current item the first move key lands on the first item, so Home comes first.
xdo key --clearmodifiers Home
sleep 0.3
xdo key --clearmodifiers End           # last top-level item: the Lab Handshake tree
sleep 0.5
xdo key --clearmodifiers shift+Right   # View > Expand Subtrees
sleep 0.5
# Park the pointer where it hides nothing and hovers over no item.
xdo mousemove --sync $((X + WIDTH - 5)) $((Y + 5))
sleep 1.5

mkdir -p "$(dirname "$out")"
timeout 60 /usr/bin/import -window root "$tmp/shot.png"
# Keep only what the X server drew for Wireshark's window.
timeout 60 /usr/bin/convert "$tmp/shot.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage -strip "$out"
log "wrote $out"
