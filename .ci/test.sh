#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole test suite: installs what is missing, builds with warnings as errors, runs ctest
# (CUnit tests of the core, tshark tests on every bundled capture, the field contract).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh
build=${LAB_BUILD_DIR:-build}
cmake -S . -B "$build" -DLAB_WERROR=ON
cmake --build "$build" -j "$(nproc)"
# LAB_CTEST_EXCLUDE: a regex of tests left out (.ci/matrix.sh --no-fuzz-smoke uses it)
exclude=()
[ -z "${LAB_CTEST_EXCLUDE:-}" ] || exclude=(-E "$LAB_CTEST_EXCLUDE")
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" ${exclude[@]+"${exclude[@]}"}
