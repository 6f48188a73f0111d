/* SPDX-License-Identifier: Apache-2.0 */
/* st_golden_priv.h - helpers shared by the golden-model sources only (not part of the API). */
#ifndef ST_GOLDEN_PRIV_H
#define ST_GOLDEN_PRIV_H

#include "st_golden.h"

/* Message builder for st_diag_t, without stdio: append text and numbers, always NUL-terminated. */
typedef struct {
    char *buf;
    uint32_t cap, len;
} st_msg_t;

void st_msg_init(st_msg_t *b, char *buf, uint32_t cap);
/* Continue the NUL-terminated text already in buf. */
void st_msg_append(st_msg_t *b, char *buf, uint32_t cap);
void st_msg_str(st_msg_t *b, const char *s);
void st_msg_int(st_msg_t *b, int64_t v);

/* Fill diag (if any) with status s, layer -1 and message "<what> <value>" / "<what>". */
st_status_t st_diag_set(st_diag_t *diag, st_status_t s, const char *what, int have_value, int64_t value,
                        const char *tail);

/* Zero n words: a plain loop (no memset: the golden model calls nothing from libc). */
void st_zero_words(uint32_t *p, uint32_t n);

/* Popcount for the inner loops, inline: a call per word would cost as much as the count itself on the
 * core. The host takes the compiler builtin; RISC-V built with -DST_HAVE_CPOP (our core: Zbb's CPOP, the
 * firmware's default, docs/cpu.md) takes the one instruction, written with .insn so that -march stays
 * rv32im (gcc must not emit the rest of Zbb); other RISC-V builds and -DST_PORTABLE_POPCOUNT take SWAR. */
static inline uint32_t st_pc32_swar(uint32_t x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24; /* one multiply adds the four byte counts into the top byte */
}

static inline uint32_t st_pc32(uint32_t x)
{
#if defined(__GNUC__) && !defined(__riscv) && !defined(ST_PORTABLE_POPCOUNT)
    return (uint32_t)__builtin_popcount(x);
#elif defined(__riscv) && defined(ST_HAVE_CPOP) && !defined(ST_PORTABLE_POPCOUNT)
    uint32_t r;
    __asm__(".insn i 0x13, 1, %0, %1, 0x602" : "=r"(r) : "r"(x)); /* cpop r, x */
    return r;
#else
    return st_pc32_swar(x);
#endif
}

/* int16 multiplier from bits 31:16 of a parameter record word, without implementation-defined casts. */
static inline int32_t st_rec_mult(uint32_t w0)
{
    uint32_t u = w0 >> 16;
    return u >= 0x8000u ? (int32_t)u - 65536 : (int32_t)u;
}

/* int32 from its two's-complement bit pattern, without implementation-defined casts. */
static inline int32_t st_u2i(uint32_t u)
{
    return u <= 0x7FFFFFFFu ? (int32_t)u : -(int32_t)(~u) - 1;
}

/* 2 x, as an add (1, 2, 4, ... 2^31, then 0 for a bit mask: unsigned arithmetic wraps). GCC turns x + x
 * into a shift by one, which our core executes on its multiplier (four cycles instead of one,
 * docs/cpu.md); on RISC-V the second operand is laundered through an empty asm so that the add stays an
 * add. */
static inline uint32_t st_dbl_u32(uint32_t x)
{
#if defined(__riscv)
    uint32_t y = x;
    __asm__("" : "+r"(y));
    return x + y;
#else
    return x + x;
#endif
}

/* The same for a signed value the caller knows to be below 2^30 in magnitude. */
static inline int32_t st_dbl(int32_t x)
{
    return st_u2i(st_dbl_u32((uint32_t)x));
}

#endif /* ST_GOLDEN_PRIV_H */
