/* SPDX-License-Identifier: Apache-2.0 */
/* test_bands.c - the golden model's band API (st_conv_acc_bitplane_rows, st_finish_packed_rows), which
 * the firmware's software baseline (firmware/apps/swref) uses to run a layer in a few output rows at a time:
 * on random CONV / DENSE layers (every input encoding, residuals, output layers), computing the layer in
 * random bands must give exactly the words the whole-layer functions give, and must not write outside the
 * band's rows.
 *
 *   test_bands [SEED] [LAYERS]     prints the seed; a mismatch prints layer, index, expected, actual */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "st_golden.h"
#include "st_randnet.h"

#define POOL_BYTES (8u << 20)
#define CANARY 0x5EEDF00Du

int main(int argc, char **argv)
{
    uint64_t seed = (argc > 1 && argv[1][0] != '\0') ? strtoull(argv[1], NULL, 0) : (uint64_t)time(NULL);
    uint32_t layers = (argc > 2) ? (uint32_t)strtoul(argv[2], NULL, 0) : 2000u;
    static uint8_t pool_buf[POOL_BYTES];
    st_pool_t pool;
    st_rng_t rng;
    st_rand_limits_t lim;
    uint32_t k, pass = 0, fail = 0, tested = 0;

    printf("bands: seed %" PRIu64 " (SEED=%" PRIu64 " reproduces), %u layers\n", seed, seed, layers);
    st_rng_seed(&rng, seed);
    st_rand_limits_default(&lim, 8u, 32u);
    st_pool_init(&pool, pool_buf, sizeof pool_buf);
    for (k = 0; k < layers; k++) {
        st_rand_net_t net;
        const st_layer_t *l;
        const st_tensor_t *res_t = NULL;
        uint32_t *in, *w, *p, *res = NULL, *out_full, *out_band;
        int32_t *acc_full, *acc_band;
        uint32_t in_words, out_words, npix_row, y0, ok = 1;
        int in_bytes;
        char desc[160];

        st_pool_reset(&pool);
        if (st_rand_layer(&rng, &lim, &pool, &net) != ST_OK) {
            printf("FAIL layer %u: generator pool too small\n", k);
            fail++;
            continue;
        }
        l = &net.l[0];
        if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
            continue;
        }
        tested++;
        in_bytes = net.input_is_bytes;
        in_words = st_tensor_words(&l->in, in_bytes);
        out_words = st_tensor_words(&l->out, 0);
        npix_row = (uint32_t)l->out.w * l->out.c;
        in = st_pool_alloc(&pool, 4u * in_words + 4u);
        w = st_pool_alloc(&pool, 4u * st_weight_words(l, in_bytes) + 4u);
        p = st_pool_alloc(&pool, 4u * st_param_words(l) + 4u);
        out_full = st_pool_alloc(&pool, 4u * out_words + 4u);
        out_band = st_pool_alloc(&pool, 4u * out_words + 4u);
        acc_full = st_pool_alloc(&pool, 4u * l->out.h * npix_row + 4u);
        acc_band = st_pool_alloc(&pool, 4u * 3u * npix_row + 8u);
        if (!in || !w || !p || !out_full || !out_band || !acc_full || !acc_band) {
            printf("FAIL layer %u: pool too small\n", k);
            fail++;
            continue;
        }
        if (in_bytes) {
            st_pack_bytes(&l->in, net.codes[0], in);
        } else {
            st_pack_planes(&l->in, net.codes[0], in);
        }
        st_pack_weights(l, in_bytes, w);
        st_pack_params(l, p);
        if (l->res_src >= 0) {
            res_t = &net.t[l->res_src];
            res = st_pool_alloc(&pool, 4u * st_tensor_words(res_t, in_bytes && l->res_src == 0) + 4u);
            if (res == NULL) {
                printf("FAIL layer %u: pool too small\n", k);
                fail++;
                continue;
            }
            if (l->res_src == 0 && in_bytes) {
                st_pack_bytes(res_t, net.codes[0], res);
            } else {
                st_pack_planes(res_t, net.codes[l->res_src], res);
            }
        }
        st_conv_acc_bitplane(l, in_bytes, in, w, acc_full);
        st_finish_packed(l, p, acc_full, res_t, in_bytes && l->res_src == 0, res, out_full);

        /* bands of 1..3 rows, in random order of sizes; the output starts as garbage the band must overwrite */
        for (uint32_t i = 0; i < out_words; i++) {
            out_band[i] = 0xA5A5A5A5u ^ i;
        }
        out_band[out_words] = CANARY;
        for (y0 = 0; y0 < l->out.h;) {
            uint32_t rows = 1u + st_rng_below(&rng, 3u), y1;
            uint32_t i;
            y1 = y0 + rows > l->out.h ? l->out.h : y0 + rows;
            acc_band[(y1 - y0) * npix_row] = (int32_t)CANARY;
            st_conv_acc_bitplane_rows(l, in_bytes, in, w, y0, y1, acc_band);
            if ((uint32_t)acc_band[(y1 - y0) * npix_row] != CANARY) {
                printf("FAIL layer %u: st_conv_acc_bitplane_rows wrote past its band\n", k);
                ok = 0;
            }
            for (i = 0; i < (y1 - y0) * npix_row && ok; i++) {
                if (acc_band[i] != acc_full[y0 * npix_row + i]) {
                    printf("FAIL layer %u: acc rows %u..%u index %u: expected %" PRId32 ", actual %" PRId32 "\n", k, y0,
                           y1 - 1u, y0 * npix_row + i, acc_full[y0 * npix_row + i], acc_band[i]);
                    ok = 0;
                }
            }
            st_finish_packed_rows(l, p, acc_band, res_t, in_bytes && l->res_src == 0, res, y0, y1, out_band);
            y0 = y1;
        }
        for (uint32_t i = 0; i < out_words && ok; i++) {
            if (out_band[i] != out_full[i]) {
                st_rand_layer_desc(&net, 0, desc, sizeof desc);
                printf("FAIL layer %u (%s): output word %u: expected 0x%08" PRIx32 ", actual 0x%08" PRIx32 "\n", k, desc,
                       i, out_full[i], out_band[i]);
                ok = 0;
            }
        }
        if (out_band[out_words] != CANARY) {
            printf("FAIL layer %u: st_finish_packed_rows wrote past the output\n", k);
            ok = 0;
        }
        if (ok) {
            pass++;
        } else {
            fail++;
        }
    }
    printf("bands: %u CONV/DENSE layers of %u random layers\n", tested, layers);
    printf("bands: %u passed, %u failed\n", pass, fail);
    return fail == 0 ? 0 : 1;
}
