/* SPDX-License-Identifier: Apache-2.0 */
/* accel_bench.c - cycles of representative layers on a single-cycle RAM, against the cycle model of
 * docs/accelerator.md §4, and the array utilisation (useful bit-MACs / (PE * SIMD * PERF_BUSY)).
 *
 *   accel_sim bench [+seed=S]
 *
 * Every layer is also checked bit-exact (golden model and the descriptor reference), so the numbers are
 * those of correct runs. The layers are the shapes of a small CIFAR-10 / Fashion-MNIST network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel_common.h"
#include "accel_tests.h"
#include "st_check.h"
#include "st_randnet.h"

#define POOL_BYTES (32u << 20)
#define MODEL_TOL 0.10 /* measured cycles within 10 % of the model (issue 3 §4) */
#define UTIL_FLOOR 0.80 /* utilisation floor on eligible layers (issue 3 §4) */

uint64_t st_accel_cycle_model(const st_desc_t *d, const st_acc_info_t *info);

typedef struct {
    const char *name;
    uint8_t type, kh, kw, stride, pad, w_bits, out_bits, out_bipolar;
    uint16_t h, w, c, in_bits;
    uint8_t in_bipolar, in_bytes;
    uint16_t out_c;
} bench_layer_t;

/* The ResNet-8 and Fashion-MNIST layers are those of tools/train/stq/nets.py (cifar_resnet8: 2-bit
 * activations, ternary (2-bit) hidden weights, 8-bit first / last layer weights; fmnist_cnn (fmnist-a2):
 * 2-bit activations, binary hidden weights, 8-bit first / last layer weights). Each layer runs alone, so
 * the residual adds of ResNet-8 (L2, L4, L6: res_bits + 2 cycles per tile in the post unit) are not
 * included; the 1x1 stride-2 projection shortcuts of the MLPerf Tiny reference (16->32, 32->64) are
 * benchmarked as layers of their own. */
static const bench_layer_t k_bench[] = {
    {"first layer, RGB 8-bit, 3x3", ST_LAYER_CONV, 3, 3, 1, 1, 4, 2, 0, 32, 32, 3, 8, 0, 1, 16},
    {"3x3, 2-bit act, binary w", ST_LAYER_CONV, 3, 3, 1, 1, 1, 2, 0, 16, 16, 32, 2, 0, 0, 32},
    {"3x3, XNOR (bipolar x bipolar)", ST_LAYER_CONV, 3, 3, 1, 1, 1, 1, 1, 16, 16, 64, 1, 1, 0, 64},
    {"3x3 stride 2, 2-bit act, 2-bit w", ST_LAYER_CONV, 3, 3, 2, 1, 2, 2, 0, 16, 16, 32, 2, 0, 0, 64},
    {"3x3, 4-bit act, 4-bit w", ST_LAYER_CONV, 3, 3, 1, 1, 4, 4, 0, 8, 8, 64, 4, 0, 0, 64},
    {"1x1, 2-bit act, binary w", ST_LAYER_CONV, 1, 1, 1, 0, 1, 2, 0, 8, 8, 128, 2, 0, 0, 128},
    {"DENSE 4x4x64 -> 10 (output layer)", ST_LAYER_DENSE, 4, 4, 1, 0, 2, 0, 0, 4, 4, 64, 2, 0, 0, 10},
    {"MAXPOOL 2x2 s2, 2-bit", ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 16, 16, 32, 2, 0, 0, 32},
    {"GSUM 8x8x64, 2-bit", ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 8, 8, 64, 2, 0, 0, 64},
    /* CIFAR-10 ResNet-8 (MLPerf Tiny shape) */
    {"r8 L0 3x3 3->16 RGB bytes, w8", ST_LAYER_CONV, 3, 3, 1, 1, 8, 2, 0, 32, 32, 3, 8, 0, 1, 16},
    {"r8 L1 3x3 16->16", ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 32, 32, 16, 2, 0, 0, 16},
    {"r8 L2 3x3 16->16 (res not incl.)", ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 32, 32, 16, 2, 0, 0, 16},
    {"r8 L3 3x3 s2 16->32", ST_LAYER_CONV, 3, 3, 2, 1, 2, 2, 0, 32, 32, 16, 2, 0, 0, 32},
    {"r8 shortcut 1x1 s2 16->32", ST_LAYER_CONV, 1, 1, 2, 0, 2, 2, 0, 32, 32, 16, 2, 0, 0, 32},
    {"r8 L4 3x3 32->32 (res not incl.)", ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 16, 16, 32, 2, 0, 0, 32},
    {"r8 L5 3x3 s2 32->64", ST_LAYER_CONV, 3, 3, 2, 1, 2, 2, 0, 16, 16, 32, 2, 0, 0, 64},
    {"r8 shortcut 1x1 s2 32->64", ST_LAYER_CONV, 1, 1, 2, 0, 2, 2, 0, 16, 16, 32, 2, 0, 0, 64},
    {"r8 L6 3x3 64->64 (res not incl.)", ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 8, 8, 64, 2, 0, 0, 64},
    {"r8 L7 GSUM 8x8x64", ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 8, 8, 64, 2, 0, 0, 64},
    {"r8 L8 DENSE 64->10, w8", ST_LAYER_DENSE, 1, 1, 1, 0, 8, 0, 0, 1, 1, 64, 8, 0, 0, 10},
    /* Fashion-MNIST CNN (fmnist-a2) */
    {"fm L0 3x3 1->32 bytes, w8", ST_LAYER_CONV, 3, 3, 1, 1, 8, 2, 0, 28, 28, 1, 8, 0, 1, 32},
    {"fm P0 MAXPOOL 28x28x32", ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 28, 28, 32, 2, 0, 0, 32},
    {"fm L1 3x3 32->64, binary w", ST_LAYER_CONV, 3, 3, 1, 1, 1, 2, 0, 14, 14, 32, 2, 0, 0, 64},
    {"fm P1 MAXPOOL 14x14x64", ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 14, 14, 64, 2, 0, 0, 64},
    {"fm L2 3x3 64->64, binary w", ST_LAYER_CONV, 3, 3, 1, 1, 1, 2, 0, 7, 7, 64, 2, 0, 0, 64},
    {"fm P2 MAXPOOL 7x7x64", ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 7, 7, 64, 2, 0, 0, 64},
    {"fm L3 DENSE 3x3x64->10, w8", ST_LAYER_DENSE, 3, 3, 1, 0, 8, 0, 0, 3, 3, 64, 2, 0, 0, 10},
    /* the shipped fmnist-a4's first layer: 4-bit outputs, 16 parameter words per channel */
    {"fm-a4 L0 3x3 1->32 bytes, w8, a4", ST_LAYER_CONV, 3, 3, 1, 1, 8, 4, 0, 28, 28, 1, 8, 0, 1, 32},
};

int st_accel_bench(uint64_t seed, int argc, char **argv)
{
    static uint8_t ref_ram[ST_RAM_SIZE];
    st_acc_info_t info;
    st_pool_t pool;
    st_rng_t rng;
    uint8_t *pool_mem = (uint8_t *)malloc(POOL_BYTES);
    uint32_t pass = 0, fail = 0;
    uint64_t tot_busy = 0, tot_macs = 0;
    uint32_t n_elig = 0, n_floor_miss = 0, n_model_miss = 0, n_json = 0;
    const char *json_path = st_acc_arg_str(argc, argv, "json");
    FILE *jf = NULL;
    char json_tmp[512];
    static const st_sim_waits_t no_waits = {0, 0, 0};
    st_rng_seed(&rng, seed);
    st_pool_init(&pool, pool_mem, POOL_BYTES);
    st_acc_probe(&info);
    printf("bench: PE %u SIMD %u, single-cycle RAM, SEED=%llu\n", (unsigned)info.caps.pe, (unsigned)info.caps.simd,
           (unsigned long long)seed);
    printf("  eligible (E): CONV / DENSE with in and out channels multiples of PE and SIMD and >= 32: utilisation "
           "floor %.0f %%; every layer: busy within %.0f %% of the model\n", 100.0 * UTIL_FLOOR, 100.0 * MODEL_TOL);
    if (json_path != NULL && json_path[0] != '\0') {
        /* written to PATH.tmp and renamed when complete, so a reader never sees half a file */
        snprintf(json_tmp, sizeof json_tmp, "%s.tmp", json_path);
        jf = fopen(json_tmp, "w");
        if (jf == NULL) {
            printf("bench: cannot write %s\n", json_path);
            free(pool_mem);
            printf("accel-bench: 0 passed, 1 failed\n");
            return 1;
        }
        fprintf(jf, "[\n");
    }
    printf("  %-36s %-34s %9s %9s %6s %12s %7s %6s\n", "layer", "shape", "busy", "model", "ratio", "bit-MACs",
           "util", "stall");
    for (uint32_t b = 0; b < sizeof k_bench / sizeof k_bench[0]; b++) {
        const bench_layer_t *bl = &k_bench[b];
        static st_rand_net_t net;
        static st_image_t img;
        st_layer_t l;
        st_img_diag_t diag;
        st_img_status_t s;
        st_ref_result_t ref;
        st_acc_run_t r;
        uint32_t bad = 0;
        uint16_t *codes = NULL;
        char desc[160];
        memset(&l, 0, sizeof l);
        l.type = bl->type;
        l.kh = bl->type == ST_LAYER_DENSE ? (uint8_t)bl->h : bl->kh;
        l.kw = bl->type == ST_LAYER_DENSE ? (uint8_t)bl->w : bl->kw;
        l.stride = bl->stride;
        l.pad = bl->pad;
        l.w_bits = bl->w_bits;
        l.out_bits = bl->out_bits;
        l.out_bipolar = bl->out_bipolar;
        l.res_src = -1;
        l.in.h = bl->h;
        l.in.w = bl->w;
        l.in.c = bl->c;
        l.in.bits = (uint8_t)bl->in_bits;
        l.in.bipolar = bl->in_bipolar;
        l.out = l.in;
        if (bl->type == ST_LAYER_CONV || bl->type == ST_LAYER_DENSE) {
            l.out.h = (uint16_t)((bl->h + 2u * l.pad - l.kh) / l.stride + 1u);
            l.out.w = (uint16_t)((bl->w + 2u * l.pad - l.kw) / l.stride + 1u);
            l.out.c = bl->out_c;
            l.out.bits = (uint8_t)(bl->out_bits ? bl->out_bits : 32u);
            l.out.bipolar = bl->out_bipolar;
            l.out.is_int32 = (uint8_t)(bl->out_bits == 0u);
        } else if (bl->type == ST_LAYER_MAXPOOL) {
            l.out.h = (uint16_t)((bl->h - l.kh) / l.stride + 1u);
            l.out.w = (uint16_t)((bl->w - l.kw) / l.stride + 1u);
        } else {
            l.out.h = l.out.w = 1;
            l.out.bits = (uint8_t)st_gsum_bits(l.in.bits, l.in.h, l.in.w);
        }
        st_pool_reset(&pool);
        if (bl->in_bytes) {
            /* uniform random pixels, not the generator's sparse or small-value inputs: a BYTES layer skips
             * the plane pairs of all-zero planes (§5), and the cycle model, an upper bound for BYTES, is
             * compared on data whose windows use the top plane */
            uint32_t n = (uint32_t)l.in.h * l.in.w * l.in.c;
            codes = (uint16_t *)st_pool_alloc(&pool, sizeof(uint16_t) * n);
            for (uint32_t i = 0; codes != NULL && i < n; i++) {
                codes[i] = (uint16_t)st_rng_below(&rng, 1u << l.in.bits);
            }
        }
        if (st_rand_fixed_layer_codes(&rng, &pool, &l, bl->in_bytes, codes, &net) != ST_OK) {
            printf("  %-36s: cannot build the layer\n", bl->name);
            fail++;
            continue;
        }
        st_rand_layer_desc(&net, 0, desc, sizeof desc);
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(&rng));
        s = st_image_build(net.l, 1, &info.caps,
                           ST_IMG_F_KEEP_TENSORS | (bl->in_bytes ? ST_IMG_F_INPUT_BYTES : ST_IMG_F_INPUT_PLANES),
                           st_sim_ram(), ST_RAM_BASE, ST_RAM_SIZE, ST_RAM_BASE, ST_RAM_SIZE, &img, &diag);
        if (s != ST_IMG_OK) {
            printf("  %-36s: image: %s: %s\n", bl->name, st_img_status_str(s), diag.msg);
            fail++;
            continue;
        }
        {
            uint32_t n = (uint32_t)net.t[0].h * net.t[0].w * net.t[0].c;
            uint8_t *in8 = (uint8_t *)st_pool_alloc(&pool, n);
            for (uint32_t i = 0; i < n; i++) {
                in8[i] = (uint8_t)net.codes[0][i];
            }
            st_image_set_input(&img, st_sim_ram(), ST_RAM_BASE, &net.t[0], in8);
        }
        memcpy(ref_ram, st_sim_ram(), ST_RAM_SIZE);
        st_ref_run(ref_ram, &info.hw, img.desc_addr, 2u, &ref);
        st_sim_set_waits(&no_waits);
        st_sim_clear_write_regions();
        st_sim_add_write_region(img.tensor[1].addr, 4u * img.tensor[1].words);
        st_sim_clear_stats();
        st_acc_run_chain(img.desc_addr, 0, 50000000u, &r);
        if (r.timed_out || r.err != 0u) {
            printf("  %-36s: STATUS 0x%08x timeout %d\n", bl->name, (unsigned)r.status, r.timed_out);
            bad++;
        } else {
            st_desc_t d;
            uint32_t rec[ST_DESC_WORDS];
            uint64_t model;
            char ctx[96];
            snprintf(ctx, sizeof ctx, "  bench %s", bl->name);
            bad += st_check_tensor(ctx, 1, &net.t[1],
                                   (const uint32_t *)(void *)(st_sim_ram() + (img.tensor[1].addr - ST_RAM_BASE)),
                                   net.codes[1], net.ints[1], 4);
            bad += memcmp(st_sim_ram(), ref_ram, ST_RAM_SIZE) != 0;
            bad += r.perf_macs != (uint32_t)ref.perf_macs; /* executed; the utilisation below counts useful MACs */
            memcpy(rec, st_sim_ram() + (img.desc_addr - ST_RAM_BASE), sizeof rec);
            st_desc_unpack(rec, &d);
            model = st_accel_cycle_model(&d, &info);
            {
                double ratio = model ? (double)r.perf_busy / (double)model : 0.0;
                double util = r.perf_busy ? (double)ref.bitmacs /
                                                ((double)info.caps.pe * info.caps.simd * r.perf_busy)
                                          : 0.0;
                uint32_t cin = l.in.c, cout = l.out.c, pe = info.caps.pe, simd = info.caps.simd;
                int elig = (bl->type == ST_LAYER_CONV || bl->type == ST_LAYER_DENSE) && cin >= 32u && cout >= 32u &&
                           cin % pe == 0u && cin % simd == 0u && cout % pe == 0u && cout % simd == 0u;
                int model_ok = model != 0u && ratio >= 1.0 - MODEL_TOL && ratio <= 1.0 + MODEL_TOL;
                int floor_ok = !elig || util >= UTIL_FLOOR;
                printf("  %-36s %-34.34s %9u %9llu %6.3f %12llu %6.1f%% %6u %s%s%s\n", bl->name, desc,
                       (unsigned)r.perf_busy, (unsigned long long)model, ratio, (unsigned long long)ref.bitmacs,
                       100.0 * util, (unsigned)r.perf_stall, elig ? "E" : "-", bad ? "  MISMATCH" : "",
                       model_ok ? "" : "  MODEL OFF BY MORE THAN 10 %");
                if (!model_ok) {
                    n_model_miss++;
                    bad++;
                }
                n_elig += (uint32_t)elig;
                if (!floor_ok) {
                    n_floor_miss++;
                    printf("  FLOOR NOT MET: %s: utilisation %.1f %% < %.0f %% (eligible layer)\n", bl->name,
                           100.0 * util, 100.0 * UTIL_FLOOR);
                }
                if (jf != NULL) {
                    fprintf(jf,
                            "%s  {\"layer\": \"%s\", \"shape\": \"%s\", \"cycles\": %u, \"model_cycles\": %llu, "
                            "\"ratio\": %.4f, \"bit_macs\": %llu, \"utilization\": %.4f, \"eligible\": %s, "
                            "\"floor_met\": %s, \"model_ok\": %s, \"stall\": %u, \"pe\": %u, \"simd\": %u}",
                            (n_json++ == 0u) ? "" : ",\n", bl->name, desc, (unsigned)r.perf_busy,
                            (unsigned long long)model, ratio, (unsigned long long)ref.bitmacs, util,
                            elig ? "true" : "false", elig ? (floor_ok ? "true" : "false") : "null",
                            model_ok ? "true" : "false", (unsigned)r.perf_stall, (unsigned)pe, (unsigned)simd);
                }
            }
            tot_busy += r.perf_busy;
            tot_macs += ref.bitmacs;
        }
        st_acc_clear_irq();
        if (bad == 0u) {
            pass++;
        } else {
            fail++;
        }
    }
    printf("bench: all layers: %llu busy cycles, %llu useful bit-MACs, utilisation %.1f %% of PE x SIMD\n",
           (unsigned long long)tot_busy, (unsigned long long)tot_macs,
           tot_busy ? 100.0 * (double)tot_macs / ((double)info.caps.pe * info.caps.simd * tot_busy) : 0.0);
    printf("bench: model agreement: %u of %u layers outside %.0f %% of the model%s\n", (unsigned)n_model_miss,
           (unsigned)(sizeof k_bench / sizeof k_bench[0]), 100.0 * MODEL_TOL, n_model_miss ? " (FAIL)" : "");
    printf("bench: utilisation floor %.0f %%: %s: %u of %u eligible layers below it (reported, not a test failure: "
           "a known open item)\n",
           100.0 * UTIL_FLOOR, n_floor_miss ? "FLOOR NOT MET" : "met", (unsigned)n_floor_miss, (unsigned)n_elig);
    if (jf != NULL) {
        fprintf(jf, "\n]\n");
        if (fclose(jf) != 0 || rename(json_tmp, json_path) != 0) {
            printf("bench: cannot write %s\n", json_path);
            fail++;
        }
        printf("bench: wrote %s (floor misses: %u)\n", json_path, (unsigned)n_floor_miss);
    }
    free(pool_mem);
    printf("accel-bench: %u passed, %u failed\n", (unsigned)pass, (unsigned)fail);
    return fail != 0u;
}
