#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/run-tshark.sh for the robustness tools: the same isolation, plus the variables a
# sanitizer run needs passed through its `env -i` (LD_PRELOAD of libasan, *SAN_OPTIONS).
#
#   tests/fuzz/tshark-env.sh PLUGIN.so|none [tshark arguments...]
#
# LAB_TSHARK_TIMEOUT, LAB_TSHARK_PREFIX and LAB_WS_MAJMIN work as in tests/run-tshark.sh.
export LAB_TSHARK_PASS_ENV=${LAB_TSHARK_PASS_ENV:-LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS}
exec "$(dirname "${BASH_SOURCE[0]}")/../run-tshark.sh" "$@"
