/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench.c - a C benchmark for the core's CPI: CRC-32 (bitwise and table-driven), quicksort, integer matrix
 * multiply and a string/memory mix. Each kernel checks its own result (a wrong answer fails the test before
 * any number is believed) and reports cycles, instructions retired and CPI from the core's counters. The
 * last line gives the totals that `make bench-soc` records.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "st_rt.h"
#include "st_test.h"

#include "bench_kernels.h"

#ifndef BENCH_REPEAT
#define BENCH_REPEAT 4
#endif

#define SORT_N 1024
#define MAT_N 24

static uint32_t rng_state = 0x12345678u;

static uint32_t rng(void)
{
    /* xorshift32: deterministic, so every run sorts the same data */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* ---- CRC-32 (IEEE 802.3, reflected): bitwise in bench_kernels.h, table-driven here ------------- */
static uint32_t crc_table[256];

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int b = 0; b < 8; b++) {
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
        }
        crc_table[i] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc = (crc >> 8) ^ crc_table[(crc ^ p[i]) & 0xffu];
    }
    return ~crc;
}

/* ---- Matrix multiply ------------------------------------------------------------------------------ */
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N], mat_d[MAT_N][MAT_N];

static void matmul_ijk(int32_t c[MAT_N][MAT_N])
{
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++) {
                s += mat_a[i][k] * mat_b[k][j];
            }
            c[i][j] = s;
        }
    }
}

static void matmul_ikj(int32_t c[MAT_N][MAT_N])
{
    memset(c, 0, sizeof(int32_t) * MAT_N * MAT_N);
    for (int i = 0; i < MAT_N; i++) {
        for (int k = 0; k < MAT_N; k++) {
            int32_t a = mat_a[i][k];
            for (int j = 0; j < MAT_N; j++) {
                c[i][j] += a * mat_b[k][j];
            }
        }
    }
}

/* ---- Measurement ---------------------------------------------------------------------------------- */
typedef struct {
    uint64_t cycles;
    uint64_t instret;
} bench_count_t;

static bench_count_t total;

static void report(const char *name, uint64_t c0, uint64_t i0)
{
    uint64_t c = st_rdcycle64() - c0;
    uint64_t n = st_rdinstret64() - i0;
    total.cycles += c;
    total.instret += n;
    /* CPI x 1000 in integers: printf without floating point keeps the image small. */
    uint32_t cpi_milli = (uint32_t)((c * 1000u) / (n ? n : 1u));
    printf("bench %-8s cycles %8lu  instret %8lu  CPI %lu.%03lu\n", name, (unsigned long)c, (unsigned long)n,
           (unsigned long)(cpi_milli / 1000u), (unsigned long)(cpi_milli % 1000u));
}

static int32_t sort_buf[SORT_N];
static uint8_t crc_buf[4096];

int main(void)
{
    uint64_t c0, i0;

    ST_TEST("crc32");
    ST_CHECK_EQ(bench_crc32_bitwise((const uint8_t *)"123456789", 9), 0xcbf43926u);
    crc32_init();
    ST_CHECK_EQ(crc32_table((const uint8_t *)"123456789", 9), 0xcbf43926u);
    for (size_t i = 0; i < sizeof crc_buf; i++) {
        crc_buf[i] = (uint8_t)rng();
    }
    c0 = st_rdcycle64();
    i0 = st_rdinstret64();
    uint32_t crc_a = 0, crc_b = 0;
    for (int r = 0; r < BENCH_REPEAT; r++) {
        crc_a = bench_crc32_bitwise(crc_buf, 1024);
        crc_b = crc32_table(crc_buf, sizeof crc_buf);
    }
    report("crc32", c0, i0);
    ST_CHECK_EQ(crc_a, crc32_table(crc_buf, 1024));
    ST_CHECK_EQ(crc_b, bench_crc32_bitwise(crc_buf, sizeof crc_buf));

    ST_TEST("sort");
    uint32_t sum_before = 0, xor_before = 0;
    c0 = st_rdcycle64();
    i0 = st_rdinstret64();
    for (int r = 0; r < BENCH_REPEAT; r++) {
        sum_before = 0;
        xor_before = 0;
        for (int i = 0; i < SORT_N; i++) {
            sort_buf[i] = (int32_t)rng();
            sum_before += (uint32_t)sort_buf[i];
            xor_before ^= (uint32_t)sort_buf[i];
        }
        bench_quicksort(sort_buf, 0, SORT_N - 1);
    }
    report("sort", c0, i0);
    int sorted = 1;
    uint32_t sum_after = 0, xor_after = 0;
    for (int i = 0; i < SORT_N; i++) {
        if (i > 0 && sort_buf[i - 1] > sort_buf[i]) {
            sorted = 0;
        }
        sum_after += (uint32_t)sort_buf[i];
        xor_after ^= (uint32_t)sort_buf[i];
    }
    ST_CHECK(sorted);
    ST_CHECK_EQ(sum_after, sum_before);
    ST_CHECK_EQ(xor_after, xor_before);

    ST_TEST("matmul");
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(rng() % 2001u) - 1000;
            mat_b[i][j] = (int32_t)(rng() % 2001u) - 1000;
        }
    }
    c0 = st_rdcycle64();
    i0 = st_rdinstret64();
    for (int r = 0; r < BENCH_REPEAT; r++) {
        matmul_ijk(mat_c);
    }
    report("matmul", c0, i0);
    matmul_ikj(mat_d);
    ST_CHECK(memcmp(mat_c, mat_d, sizeof mat_c) == 0);
    /* One element by hand from the definition. */
    int32_t e = 0;
    for (int k = 0; k < MAT_N; k++) {
        e += mat_a[3][k] * mat_b[k][5];
    }
    ST_CHECK_EQ(mat_c[3][5], e);

    ST_TEST("string");
    static char text[2048];
    c0 = st_rdcycle64();
    i0 = st_rdinstret64();
    size_t len = 0;
    for (int r = 0; r < BENCH_REPEAT; r++) {
        text[0] = '\0';
        len = 0;
        for (int i = 0; i < 100; i++) {
            len += (size_t)snprintf(text + len, sizeof text - len, "%d,", i * 7);
        }
    }
    report("string", c0, i0);
    ST_CHECK_EQ(strlen(text), len);
    ST_CHECK(strncmp(text, "0,7,14,21,", 10) == 0);
    ST_CHECK(strcmp(text + len - 4, "693,") == 0);

    uint32_t cpi_milli = (uint32_t)((total.cycles * 1000u) / (total.instret ? total.instret : 1u));
    printf("bench total    cycles %8lu  instret %8lu  CPI %lu.%03lu\n", (unsigned long)total.cycles,
           (unsigned long)total.instret, (unsigned long)(cpi_milli / 1000u), (unsigned long)(cpi_milli % 1000u));
    return st_test_done();
}
