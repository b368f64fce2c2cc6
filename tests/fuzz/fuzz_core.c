/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target on the analysis core: each input is one capture's worth of segment
 * records (format and checks in fuzz_segments.h). Built with clang and -DLAB_FUZZ=ON:
 *
 *   CC=clang cmake -S . -B build-fuzz -DLAB_FUZZ=ON && cmake --build build-fuzz --target fuzz_core
 *   build-fuzz/tests/fuzz/fuzz_core -rss_limit_mb=512 -malloc_limit_mb=64 \
 *       corpus/ tests/fuzz/corpus/core
 */
#include "fuzz_segments.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_one_input(data, size);
    return 0;
}
