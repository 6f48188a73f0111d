/* SPDX-License-Identifier: Apache-2.0 */
/* st_test.h - a tiny check counter and a seeded random generator for the golden-model tests (host). */
#ifndef ST_TEST_H
#define ST_TEST_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static unsigned st_t_pass, st_t_fail;

/* One check: counts a pass or prints what failed, where, expected and actual. */
#define CHECK_EQ(what, expected, actual)                                                              \
    do {                                                                                              \
        long long e_ = (long long)(expected), a_ = (long long)(actual);                               \
        if (e_ == a_) {                                                                               \
            st_t_pass++;                                                                              \
        } else {                                                                                      \
            st_t_fail++;                                                                              \
            printf("FAIL %s:%d: %s: expected %lld, actual %lld\n", __FILE__, __LINE__, (what), e_, a_); \
        }                                                                                             \
    } while (0)

#define CHECK_TRUE(what, cond) CHECK_EQ((what), 1, (cond) ? 1 : 0)

static inline int st_t_summary(void)
{
    printf("%u passed, %u failed\n", st_t_pass, st_t_fail);
    return st_t_fail == 0u ? 0 : 1;
}

/* splitmix64: small, fast, and good enough to drive test generation; one state per layer. */
typedef struct {
    uint64_t s;
} st_rng_t;

static inline uint64_t rng_next(st_rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi] (inclusive), lo <= hi. */
static inline int64_t rng_range(st_rng_t *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1u;
    return span == 0u ? (int64_t)rng_next(r) : lo + (int64_t)(rng_next(r) % span);
}

/* 1 with probability num / den. */
static inline int rng_chance(st_rng_t *r, unsigned num, unsigned den)
{
    return rng_next(r) % den < num;
}

#endif /* ST_TEST_H */
