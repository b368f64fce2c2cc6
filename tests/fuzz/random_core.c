/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A deterministic random driver for the analysis core, for machines without libFuzzer:
 * random byte strings (fixed seed) read as segment records exactly like the libFuzzer
 * target does (fuzz_segments.h), built with -fsanitize=address,undefined.
 *
 *   random_core [-n RECORDS] [-s SEED] [FILE...]
 *
 * With files, replays each one as an input (regression inputs, libFuzzer crash files).
 * Otherwise runs random inputs until RECORDS segment records (default 200000) have gone
 * through, then prints the totals. */
#include "fuzz_segments.h"

#include <errno.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    /* splitmix64: small, good enough, same numbers on every machine */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    size_t records = fz_one_input(buf, n);
    printf("%s: %zu bytes, %zu records ok\n", path, n, records);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long want = 200000, seed = 5;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            want = strtoull(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 0);
        else
            break;
    }
    if (i < argc) {
        int bad = 0;
        for (; i < argc; i++)
            bad |= replay(argv[i]);
        return bad;
    }

    rng_state = seed;
    static uint8_t buf[8192];
    unsigned long long records = 0, inputs = 0;
    while (records < want) {
        /* mostly short captures, sometimes long ones */
        size_t size = (size_t)(rng_next() % ((rng_next() & 7) == 0 ? sizeof(buf) : 512));
        /* bias: bytes from a small alphabet half of the time, so the modes repeat */
        int small = (rng_next() & 1) != 0;
        for (size_t k = 0; k < size; k++) {
            uint64_t v = rng_next();
            buf[k] = small ? (uint8_t)(v & ((v >> 8 & 3) == 0 ? 0xff : 0x0f)) : (uint8_t)v;
        }
        records += fz_one_input(buf, size);
        inputs++;
    }
    printf("random_core: seed %llu, %llu inputs, %llu segment records, all checks passed\n", seed, inputs,
           records);
    return 0;
}
