/* SPDX-License-Identifier: Apache-2.0 */
/* bench_golden.c - timing of the two forms on representative layers (not a test: `make golden-bench`,
 * `make golden-bench-rv32`). On the host it reports multiply-accumulates per second; built for rv32im it
 * reports retired instructions per MAC (the instret counter, e.g. under QEMU), the figure that matters
 * for the software baseline on our core. Packing is excluded (weights are packed offline, as for the
 * accelerator). Both forms must agree. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "st_golden.h"
#include "st_test.h"

typedef struct {
    const char *name;
    uint32_t h, w, c, bits, bip, k, s, p, m, o;
    int bytes, dense;
} bench_t;

#ifdef __riscv
/* Retired instructions (64-bit counter read as two halves, re-read if the low half wrapped). */
static double now(void)
{
    uint32_t hi, lo, hi2;
    do {
        __asm__ volatile("rdinstreth %0" : "=r"(hi));
        __asm__ volatile("rdinstret %0" : "=r"(lo));
        __asm__ volatile("rdinstreth %0" : "=r"(hi2));
    } while (hi != hi2);
    return (double)hi * 4294967296.0 + (double)lo;
}
#define BENCH_BUDGET 2e6
#define UNIT "instr/MAC"
#else
static double now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}
#define BENCH_BUDGET 2e8
#define UNIT "M MAC/s"
#endif

/* Host: millions of MACs per second; rv32: instructions per MAC. */
static double figure(double macs, double t)
{
#ifdef __riscv
    return t / macs;
#else
    return macs / t / 1e6;
#endif
}

int main(void)
{
    static const bench_t b[] = {
        {"first layer 32x32x3 8-bit, 3x3 -> 16, 4-bit w", 32, 32, 3, 8, 0, 3, 1, 1, 4, 16, 1, 0},
        {"CONV 16x16x32 2-bit, 3x3 -> 32, 2-bit w", 16, 16, 32, 2, 0, 3, 1, 1, 2, 32, 0, 0},
        {"CONV 16x16x64 bipolar, 3x3 -> 64, bipolar w (XNOR)", 16, 16, 64, 1, 1, 3, 1, 1, 1, 64, 0, 0},
        {"CONV 8x8x64 4-bit, 3x3 s2 -> 64, 4-bit w", 8, 8, 64, 4, 0, 3, 2, 1, 4, 64, 0, 0},
        {"DENSE 4x4x64 2-bit -> 10, 8-bit w", 4, 4, 64, 2, 0, 0, 1, 0, 8, 10, 0, 1},
    };
    st_rng_t r = {12345};
    size_t i;

    printf("%-52s %10s %12s %12s %7s   (%s)\n", "layer", "MACs", "MAC form", "bit-plane", "ratio", UNIT);
    for (i = 0; i < sizeof b / sizeof b[0]; i++) {
        const bench_t *x = &b[i];
        st_layer_t l;
        uint32_t e, n_in, n_w, n_out, reps, rep, bad = 0;
        uint16_t *in;
        int8_t *w;
        int32_t *a1, *a2;
        uint32_t *in_pk, *w_pk;
        double t0, t_mac, t_bp, macs;

        memset(&l, 0, sizeof l);
        l.type = x->dense ? ST_LAYER_DENSE : ST_LAYER_CONV;
        l.kh = l.kw = (uint8_t)(x->dense ? x->h : x->k);
        l.stride = (uint8_t)x->s;
        l.pad = (uint8_t)x->p;
        l.w_bits = (uint8_t)x->m;
        l.res_src = -1;
        l.in.h = (uint16_t)x->h;
        l.in.w = (uint16_t)x->w;
        l.in.c = (uint16_t)x->c;
        l.in.bits = (uint8_t)x->bits;
        l.in.bipolar = (uint8_t)x->bip;
        l.out.h = (uint16_t)((x->h + 2 * x->p - l.kh) / x->s + 1);
        l.out.w = (uint16_t)((x->w + 2 * x->p - l.kw) / x->s + 1);
        l.out.c = (uint16_t)x->o;
        l.out.bits = 32;
        l.out.is_int32 = 1;
        n_in = x->h * x->w * x->c;
        n_w = l.kh * l.kw * x->c * x->o;
        n_out = (uint32_t)l.out.h * l.out.w * x->o;
        in = malloc(n_in * sizeof *in);
        w = malloc(n_w);
        a1 = malloc(n_out * sizeof *a1);
        a2 = malloc(n_out * sizeof *a2);
        for (e = 0; e < n_in; e++) {
            in[e] = (uint16_t)rng_range(&r, 0, (1 << x->bits) - 1);
        }
        for (e = 0; e < n_w; e++) {
            w[e] = (int8_t)(x->m == 1 ? (rng_chance(&r, 1, 2) ? 1 : -1) : rng_range(&r, -(1 << (x->m - 1)), (1 << (x->m - 1)) - 1));
        }
        l.weights = w;
        if (st_layer_check(&l, NULL, NULL) != ST_OK) {
            printf("bad bench layer %s\n", x->name);
            return 1;
        }
        in_pk = malloc(st_tensor_words(&l.in, x->bytes) * 4u + 4u);
        w_pk = malloc(st_weight_words(&l, x->bytes) * 4u + 4u);
        if (x->bytes) {
            st_pack_bytes(&l.in, in, in_pk);
        } else {
            st_pack_planes(&l.in, in, in_pk);
        }
        st_pack_weights(&l, x->bytes, w_pk);
        /* MACs over valid taps only would be fairer, but all taps is what a MAC array spends. */
        macs = (double)n_out * l.kh * l.kw * x->c;
        reps = (uint32_t)(BENCH_BUDGET / macs) + 1u;
        t0 = now();
        for (rep = 0; rep < reps; rep++) {
            st_conv_acc_mac(&l, in, a1);
        }
        t_mac = (now() - t0) / reps;
        t0 = now();
        for (rep = 0; rep < reps * 4u; rep++) {
            st_conv_acc_bitplane(&l, x->bytes, in_pk, w_pk, a2);
        }
        t_bp = (now() - t0) / (reps * 4u);
        for (e = 0; e < n_out; e++) {
            bad += a1[e] != a2[e];
        }
        printf("%-52s %10.0f %12.2f %12.2f %6.1fx%s\n", x->name, macs, figure(macs, t_mac), figure(macs, t_bp),
               t_mac / t_bp, bad ? "  MISMATCH" : "");
        free(in);
        free(w);
        free(a1);
        free(a2);
        free(in_pk);
        free(w_pk);
        if (bad) {
            return 1;
        }
    }
    return 0;
}
