/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench_kernels.h - the compiled-C kernels shared by the two CPI benchmarks: firmware/tests/bench/bench.c
 * (the SoC with its runtime, `make bench-soc`) and rtl/cpu/tb/cpi/cpi_bench.c (the core alone with a
 * single-cycle memory, `make cpu-cpi`). One copy, so both measure the same code. Header-only (static) so
 * each benchmark still compiles as one translation unit, as it did before the kernels were shared.
 */
#ifndef BENCH_KERNELS_H
#define BENCH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/** Bitwise CRC-32 (IEEE 802.3, reflected); "123456789" gives 0xcbf43926. */
static uint32_t bench_crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

/** Sorts a[lo..hi] (inclusive) in place, ascending (Hoare partition around the middle element). */
static void bench_quicksort(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo;
        int j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                int32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller part, loop on the larger: bounded stack. */
        if (j - lo < hi - i) {
            bench_quicksort(a, lo, j);
            lo = i;
        } else {
            bench_quicksort(a, i, hi);
            hi = j;
        }
    }
}

#endif /* BENCH_KERNELS_H */
