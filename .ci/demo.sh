#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: build the plugin, install it, and show it annotating a bundled capture.
# As root the plugin goes into Wireshark's system plugin folder (Wireshark ignores personal
# plugins for root); otherwise into the personal folder ~/.local/lib/wireshark/plugins/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh
capture=${1:-captures/three-way-close.pcapng}
system=OFF
[ "$(id -u)" -eq 0 ] && system=ON
cmake -S . -B build -DLAB_INSTALL_SYSTEM=$system
cmake --build build -j "$(nproc)"
cmake --install build
echo
echo "== tshark -G plugins:"
tshark -G plugins | grep lab_handshake
echo
echo "== Handshake, close and reset steps in $capture:"
tshark -r "$capture" -Y lab.step -T fields -E header=y -e frame.number -e lab.stream -e lab.step
echo
echo "== The Lab Handshake tree of the first packet of each step:"
tshark -r "$capture" -Y lab.step -O lab | grep -v '^\(Frame\|Ethernet\|Internet\|Transmission\|Hypertext\|Linux\|Null\)'
