/* SPDX-License-Identifier: Apache-2.0 */
/*
 * selftest.c - hardware against software, layer by layer, on random data (the CFU-Playground habit).
 *
 * For every descriptor of the compiled model and for ST_SELFTEST_ROUNDS rounds: fill the layer's input
 * (and residual source) with random valid codes, fill its output buffer with garbage, run that one layer
 * on the accelerator (st_accel_run_layer), then recompute it on the CPU with the golden model's bit-plane
 * form and compare every output word. A mismatch prints round, layer, word index, expected (software) and
 * actual (hardware). The seed is printed; send "seed=N\n" on the UART within the first 200,000 cycles after
 * start-up to reproduce a run (simulator: +uart_in='seed=N\n' +uart_in_delay=100000, so that the bytes come
 * after the program has set a divisor the receiver can sample), otherwise ST_SELFTEST_SEED is used.
 * -DST_SELFTEST_STOP=1 stops at the first mismatch.
 * -DST_SELFTEST_INJECT_LAYER=L (tests only) flips one bit of layer L's hardware output in round 0 before the
 * comparison, to prove that a wrong word is caught and named.
 * Exit: 0 all equal, 1 a mismatch, 2 unusable image, 3 a driver error.
 */
#include <stdio.h>

#include "st_app.h"
#include "st_golden.h"
#include "st_rt.h"

#ifndef ST_SELFTEST_ROUNDS
#define ST_SELFTEST_ROUNDS 3u
#endif
#ifndef ST_SELFTEST_SEED
#define ST_SELFTEST_SEED 12345u
#endif
#ifndef ST_SELFTEST_INJECT_LAYER
#define ST_SELFTEST_INJECT_LAYER (-1)
#endif
#ifndef ST_SELFTEST_STOP
#define ST_SELFTEST_STOP 0 /* 1: stop at the first mismatch */
#endif

static st_accel_t g_accel;
static uint32_t g_rng;
static uint32_t g_rec[ST_DESC_WORDS] __attribute__((aligned(64)));

static uint32_t rnd(void)
{
    /* xorshift32: tiny and the same on every build */
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

/* A seed from the UART ("seed=N\n") if one arrives soon after start, else the default. */
static uint32_t read_seed(void)
{
    char line[24];
    uint32_t n = 0, t0, v = 0, i;
    /* the receiver needs a few clocks per bit; the simulator sends at whatever divisor is set */
    st_uart_set_div(7u);
    t0 = st_rdcycle();
    while ((uint32_t)(st_rdcycle() - t0) < 200000u && n + 1u < sizeof line) {
        int c = st_uart_try_getc();
        if (c < 0) {
            continue;
        }
        if (c == '\n' || c == '\r') {
            break;
        }
        line[n++] = (char)c;
    }
    line[n] = '\0';
    st_uart_set_div(ST_UART_DIV);
    if (n < 6u || line[0] != 's' || line[1] != 'e' || line[2] != 'e' || line[3] != 'd' || line[4] != '=') {
        return ST_SELFTEST_SEED;
    }
    for (i = 5u; i < n && line[i] >= '0' && line[i] <= '9'; i++) {
        v = v * 10u + (uint32_t)(line[i] - '0');
    }
    return v != 0u ? v : ST_SELFTEST_SEED;
}

/* Random valid codes for tensor t in its layout: PLANES (padding channels 0) or BYTES (< 2^bits). */
static void fill_random(const st_tensor_t *t, int bytes, uint32_t *buf)
{
    const uint32_t words = st_tensor_words(t, bytes);
    uint32_t i;
    if (bytes) {
        const uint32_t n = (uint32_t)t->h * t->w * t->c, mask = (1u << t->bits) - 1u;
        for (i = 0; i < words; i++) {
            buf[i] = 0u;
        }
        for (i = 0; i < n; i++) {
            buf[i / 4u] |= (rnd() & mask) << (8u * (i % 4u));
        }
    } else {
        const uint32_t cw = st_planes_cw(t->c);
        const uint32_t last = (t->c % 32u) ? (1u << (t->c % 32u)) - 1u : 0xFFFFFFFFu;
        for (i = 0; i < words; i++) {
            buf[i] = rnd() & ((i % cw) == cw - 1u ? last : 0xFFFFFFFFu);
        }
    }
}

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const uint32_t seed = read_seed();
    uint32_t round, i, pass = 0, fail = 0;

    printf("selftest: model %s, %u descriptors x %u rounds, seed %lu (send seed=N on the UART to reproduce)\n",
           img->model_name, (unsigned)img->n_desc, (unsigned)ST_SELFTEST_ROUNDS, (unsigned long)seed);
    g_rng = seed;
    if (st_app_probe(&g_accel, img) != ST_ACCEL_OK || st_app_prepare(img) != 0) {
        return ST_APP_EXIT_IMAGE;
    }
    st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_POLL, st_app_clock);
    for (round = 0; round < ST_SELFTEST_ROUNDS; round++) {
        for (i = 0; i < img->n_layers; i++) {
            const st_app_layer_t *al = &img->layers[i];
            const int fused_in = i > 0u && img->layers[i - 1u].desc < 0;
            const st_app_layer_t *src = fused_in ? &img->layers[i - 1u] : al; /* who reads the input buffer */
            uint32_t *in = st_app_ptr(img, src->in_off), *out = st_app_ptr(img, al->out_off);
            st_accel_perf_t perf;
            st_accel_status_t st;
            st_desc_t d;
            uint32_t k, t0, t1;
            int32_t bad;

            if (al->desc < 0) {
                continue; /* fused into the next descriptor */
            }
            fill_random(&src->layer.in, src->in_bytes, in);
            if (al->layer.res_src >= 0) {
                const st_tensor_t *rt = al->layer.res_src == 0 ? &img->layers[0].layer.in
                                                                : &img->layers[al->layer.res_src - 1].layer.out;
                fill_random(rt, 0, st_app_ptr(img, al->res_off));
            }
            for (k = 0; k < al->out_words; k++) {
                out[k] = 0xA5A5A5A5u ^ (k * 0x9E3779B9u); /* the layer must overwrite every word */
            }
            st_desc_unpack(st_app_ptr(img, img->desc_off) + (uint32_t)al->desc * ST_DESC_WORDS, &d);
            t0 = st_rdcycle();
            st = st_accel_run_layer(&g_accel, &d, g_rec, (uint32_t)(uintptr_t)g_rec, st_app_time_limit(img));
            t1 = st_rdcycle();
            if (st != ST_ACCEL_OK) {
                printf("round %u layer %u: ", (unsigned)round, (unsigned)i);
                st_app_print_status("accelerator error", st, &g_accel);
                return ST_APP_EXIT_ACCEL;
            }
            (void)st_accel_perf(&g_accel, &perf);
            if ((int)i == ST_SELFTEST_INJECT_LAYER && round == 0u) {
                out[al->out_words / 2u] ^= 1u << 3;
                printf("round %u layer %u: test hook: flipped bit 3 of word %lu\n", (unsigned)round, (unsigned)i,
                       (unsigned long)(al->out_words / 2u));
            }
            bad = st_app_sw_compare(img, i, in, out);
            if (bad == 0 && perf.layers == 1u) {
                pass++;
            } else {
                fail++;
            }
            printf("round %u layer %u (%s%s): %s, %lu words, %lu cycles%s\n", (unsigned)round, (unsigned)i,
                   st_layer_type_str(al->layer.type), fused_in ? " with the GSUM fused in" : "",
                   bad == 0 ? "hardware == software" : "MISMATCH", (unsigned long)al->out_words,
                   (unsigned long)(t1 - t0), perf.layers == 1u ? "" : " (PERF_LAYERS is not 1)");
            if (bad < 0) {
                return ST_APP_EXIT_IMAGE;
            }
            if (bad > 0) {
                printf("  %ld of %lu words differ (seed %lu)\n", (long)bad, (unsigned long)al->out_words,
                       (unsigned long)seed);
                if (ST_SELFTEST_STOP) {
                    printf("selftest: %u passed, %u failed (stopped at the first mismatch)\n", (unsigned)pass,
                           (unsigned)fail);
                    return ST_APP_EXIT_MISMATCH;
                }
            }
        }
    }
    printf("selftest: %u passed, %u failed\n", (unsigned)pass, (unsigned)fail);
    return fail == 0u ? ST_APP_EXIT_OK : ST_APP_EXIT_MISMATCH;
}
