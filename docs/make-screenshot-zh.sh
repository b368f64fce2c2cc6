#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates docs/screenshot-zh.png: the Wireshark GUI in Simplified Chinese (menus in zh_CN,
# the Lab Handshake tree with -o lab.language:zh_cn) at 1280x800, showing the server's first FIN
# of the Node.js keep-alive capture (第一次挥手) with its Lab Handshake subtree expanded, in
# the "Lab Handshake zh_CN" profile (its step and state columns, Chinese column titles).
# The work is done by docs/make-screenshot.sh; see there for what it needs and does.
#
#   docs/make-screenshot-zh.sh [OUTPUT.png]        (XDISPLAY=92 to choose the X display)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LAB_LANGUAGE=zh_cn UI_LOCALE=zh_CN.UTF-8 SIZE=1280x800 PROFILE="profiles/Lab Handshake zh_CN"
export CAPTURE=${CAPTURE:-$repo/captures/node-keepalive-timeout.pcapng}
export FRAME=${FRAME:-35}
export WS_ARGS=${WS_ARGS:--d tcp.port==3000,http}
exec "$repo/docs/make-screenshot.sh" "${1:-$repo/docs/screenshot-zh.png}"
