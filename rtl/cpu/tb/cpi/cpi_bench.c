// SPDX-License-Identifier: Apache-2.0
// cpi_bench.c - ordinary compiled C for measuring the core's CPI (cycles / retired instructions):
// bitwise CRC-32, a quicksort, a matrix multiply, string scanning and a linked-list walk. Each kernel
// checks its own result; main returns 0 when all are right (the exit code of the simulation).
#include <stdint.h>

#include "bench_kernels.h" /* firmware/tests/bench: the kernels bench.c runs too */

#define N_SORT 200
#define N_MAT 12
#define N_LIST 64

static uint32_t lcg_state = 12345u;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

struct node {
    struct node *next;
    int32_t value;
};

static uint32_t str_words(const char *s)
{
    uint32_t words = 0;
    int in_word = 0;
    for (; *s != '\0'; s++) {
        int alpha = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z');
        if (alpha && !in_word) {
            words++;
        }
        in_word = alpha;
    }
    return words;
}

int main(void)
{
    int errors = 0;

    static const char check[] = "123456789";
    if (bench_crc32_bitwise((const uint8_t *)check, 9) != 0xcbf43926u) {
        errors |= 1;
    }

    uint8_t buf[1024];
    for (int i = 0; i < 1024; i++) {
        buf[i] = (uint8_t)lcg();
    }
    uint32_t c1 = bench_crc32_bitwise(buf, sizeof buf);
    uint32_t c2 = bench_crc32_bitwise(buf, sizeof buf);
    if (c1 != c2) {
        errors |= 2;
    }

    int32_t a[N_SORT];
    int64_t sum_before = 0;
    for (int i = 0; i < N_SORT; i++) {
        a[i] = (int32_t)(lcg() % 20001u) - 10000;
        sum_before += a[i];
    }
    bench_quicksort(a, 0, N_SORT - 1);
    int64_t sum_after = a[0];
    for (int i = 1; i < N_SORT; i++) {
        if (a[i - 1] > a[i]) {
            errors |= 4;
        }
        sum_after += a[i];
    }
    if (sum_before != sum_after) {
        errors |= 4;
    }

    int32_t m1[N_MAT][N_MAT], m2[N_MAT][N_MAT], p[N_MAT][N_MAT];
    for (int i = 0; i < N_MAT; i++) {
        for (int j = 0; j < N_MAT; j++) {
            m1[i][j] = (int32_t)(lcg() % 200u) - 100;
            m2[i][j] = (int32_t)(lcg() % 200u) - 100;
        }
    }
    for (int i = 0; i < N_MAT; i++) {
        for (int j = 0; j < N_MAT; j++) {
            int32_t s = 0;
            for (int k = 0; k < N_MAT; k++) {
                s += m1[i][k] * m2[k][j];
            }
            p[i][j] = s;
        }
    }
    // Check: the sum of all products equals sum_k (column sums of m1) * (row sums of m2).
    int64_t total = 0, check_total = 0;
    for (int i = 0; i < N_MAT; i++) {
        for (int j = 0; j < N_MAT; j++) {
            total += p[i][j];
        }
    }
    for (int k = 0; k < N_MAT; k++) {
        int64_t col = 0, row = 0;
        for (int i = 0; i < N_MAT; i++) {
            col += m1[i][k];
            row += m2[k][i];
        }
        check_total += col * row;
    }
    if (total != check_total) {
        errors |= 8;
    }

    static const char text[] = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "
                               "Sphinx of black quartz, judge my vow! How vexingly quick daft zebras jump.";
    if (str_words(text) != 30) {
        errors |= 16;
    }

    struct node nodes[N_LIST];
    for (int i = 0; i < N_LIST; i++) {
        nodes[i].value = i * 3 - 50;
        nodes[i].next = (i + 1 < N_LIST) ? &nodes[(i * 37 + 1) % N_LIST] : 0;
    }
    int32_t list_sum = 0;
    int steps = 0;
    for (struct node *n = &nodes[0]; n != 0 && steps < 1000; n = n->next) {
        list_sum += n->value / 3 + n->value % 5;
        steps++;
    }
    if (steps == 0 || list_sum == 0x7fffffff) {
        errors |= 32;
    }
    return errors;
}
