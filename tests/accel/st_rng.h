/* SPDX-License-Identifier: Apache-2.0 */
/* st_rng.h - the seeded generator behind every random accelerator test (splitmix64: tiny, full period,
 * the same sequence on every host, so SEED= reproduces a run bit for bit). */
#ifndef ST_RNG_H
#define ST_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s;
} st_rng_t;

/** Start a generator; different seeds give unrelated sequences. */
static inline void st_rng_seed(st_rng_t *r, uint64_t seed)
{
    r->s = seed;
}

/** Next 64 random bits. */
static inline uint64_t st_rng_next(st_rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/** Uniform in 0 .. n-1 (0 when n is 0); multiply-shift, so no modulo bias worth the name. */
static inline uint32_t st_rng_below(st_rng_t *r, uint32_t n)
{
    return (uint32_t)(((st_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/** Uniform in lo .. hi inclusive (lo <= hi). */
static inline int32_t st_rng_range(st_rng_t *r, int32_t lo, int32_t hi)
{
    uint32_t span = (uint32_t)((int64_t)hi - (int64_t)lo + 1);
    if (span == 0u) { /* the whole int32 range */
        return (int32_t)(int64_t)(int32_t)(uint32_t)(st_rng_next(r) >> 32);
    }
    return (int32_t)((int64_t)lo + (int64_t)st_rng_below(r, span));
}

/** 1 with probability pct percent. */
static inline int st_rng_pct(st_rng_t *r, uint32_t pct)
{
    return st_rng_below(r, 100u) < pct;
}

#endif /* ST_RNG_H */
