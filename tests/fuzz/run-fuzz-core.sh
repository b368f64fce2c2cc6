#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the libFuzzer target with the project's limits:
#
#   tests/fuzz/run-fuzz-core.sh FUZZ_CORE CORPUS_DIR [libFuzzer options...]
#
# New inputs go to CORPUS_DIR (created); tests/fuzz/corpus/core and
# tests/fuzz/regressions/core are read as seeds. A crash, leak, timeout or out-of-memory
# input is written next to CORPUS_DIR as core-crash-*, core-leak-*, ...; copy it to
# tests/fuzz/regressions/core/ to make it a regression test. Limits: 512 MB RSS, 64 MB per
# malloc, 10 s per input, inputs up to 4 KiB; ASan's leak check is on.
set -euo pipefail
fuzzer=$1 corpus=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$corpus"
seeds=()
for d in "$here/corpus/core" "$here/regressions/core"; do
    [ -d "$d" ] && seeds+=("$d")
done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$fuzzer" -rss_limit_mb=512 -malloc_limit_mb=64 -timeout=10 -max_len=4096 -detect_leaks=1 \
    -print_final_stats=1 -artifact_prefix="$(dirname "$corpus")/core-" "$@" "$corpus" ${seeds[@]+"${seeds[@]}"}
