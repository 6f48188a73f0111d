/* SPDX-License-Identifier: Apache-2.0 */
/* accel_sweep.c - the random sweep of the accelerator RTL against the golden model.
 *
 *   accel_sim sweep [+seed=S] layers=N chains=M [only=K] [waits=random|none|light|heavy] [budget=BITMACS]
 *
 * Item k (0 <= k < N: one random layer; N <= k < N + M: a chain of 2..6 layers) draws everything from
 * st_acc_item_seed(S, k): the network, the image options (buffer reuse or not, GSUM + DENSE fusion, arena
 * position), the RAM wait-state profile and CTRL.IRQ_EN. For each item:
 *   1. the image is built with tools/compile into the simulated RAM, everything else in RAM is random;
 *   2. the descriptor-level reference (st_desc_ref.c) runs the same chain on a copy of that RAM;
 *   3. the RTL runs it through the registers (DESC_PTR, CTRL.START, poll STATUS);
 *   4. checks: DONE with no error, no timeout; every kept tensor equals the golden model's MAC-form output
 *      (a mismatch prints layer, descriptor, (y,x,c), expected, actual); the whole RAM equals the
 *      reference's RAM byte for byte (so nothing outside the outputs changed and every padding bit is 0);
 *      no bus write outside the declared output buffers, no bus protocol violation, nothing outstanding;
 *      PERF_LAYERS = records; PERF_MACS = the executed bit-MACs (st_ref_perf_macs); IRQ_STATUS.DONE set and irq_o =
 *      IRQ_EN.
 * The summary gives cycles per layer against the cycle model of docs/accelerator.md §4 and the array
 * utilisation (useful bit-MACs / (PE * SIMD * PERF_BUSY)). `only=K` with the same seed reruns one item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel_common.h"
#include "accel_tests.h"
#include "st_check.h"
#include "st_accel_ucode.h"
#include "st_randnet.h"

#define POOL_BYTES (64u << 20)

static uint8_t *g_pool_mem;
static uint8_t g_ref_ram[ST_RAM_SIZE];
static uint8_t g_init_ram[ST_RAM_SIZE];

/* ---- statistics -------------------------------------------------------------------------------------- */

#define ENC_ROWS ST_RAND_ENC_ROWS
#define ENC_WIDE ST_RAND_ENC_WIDE

enum { CLS_CONV_PLANES, CLS_CONV_BYTES, CLS_DENSE, CLS_FUSED, CLS_MAXPOOL, CLS_GSUM, CLS_N };
static const char *const k_cls_name[CLS_N] = {"CONV (PLANES)", "CONV (BYTES)", "DENSE", "GSUM+DENSE fused",
                                              "MAXPOOL", "GSUM"};

typedef struct {
    uint32_t n;
    uint64_t busy, bitmacs, model;
    double util_min, util_max, ratio_min, ratio_max;
    uint32_t worst_item;    /* the item furthest above the model */
    char worst_desc[120];
} cls_stats_t;

typedef struct {
    uint32_t pass, fail, rejects;
    uint32_t layers_run, chains_run, records;
    uint64_t ties, outputs;
    uint64_t wait_items, stall_cycles, busy_waits;
    uint32_t waits_none, irq_en_items, reuse_items, fused_records;
    uint64_t sim_cycles;
    cls_stats_t cls[CLS_N];
    uint32_t enc_seen[ENC_ROWS][9]; /* [input encoding row][w_bits]: CONV / DENSE layers run */
    uint32_t res_layers, out_int32_layers;
    /* shape coverage of CONV records */
    uint32_t kh_seen[8], kw_seen[8], stride_seen[5], pad_seen[8];
    uint32_t tiled, all_fit, multi_tile, oc_not_pe, ic_gt32, ic_gt64, rect_kernel, rect_input, tiny_input;
    uint32_t out_bits_seen[5], bip_out, res_bip;
    uint32_t group_multi, group_partial; /* tile groups of several tiles; a last group with fewer */
    uint32_t skip_items; /* items where a BYTES layer skipped plane pairs (PERF_MACS below the useful MACs) */
} sweep_stats_t;

/* ---- the cycle model (docs/accelerator.md §4) ------------------------------------------------------- */

uint64_t st_accel_cycle_model(const st_desc_t *d, const st_acc_info_t *info);

/* Cycle model of one record on a single-cycle RAM, term by term from the table of docs/accelerator.md §4
 * (its "about" constants included). Used only for the busy/model ratio of the summary. */
/* Tiles per tile group of a CONV record (docs/accelerator.md §3.2): all of them when every tile's weights
 * and parameter records fit the buffers at once, else the largest power of two (up to 128) that fits. */
static uint64_t tiles_per_group(const st_desc_t *d, const st_acc_info_t *info)
{
    const uint64_t pe = info->caps.pe, tiles = (d->out_c + pe - 1u) / pe;
    const uint64_t ent = (32u / info->caps.simd) * (uint64_t)d->w_bits * st_desc_kwords(d);
    const uint64_t depth = (uint64_t)info->caps.wbuf_words * 32u / (pe * info->caps.simd);
    const uint64_t p = st_desc_p_record_words(d);
    uint64_t tpg = 1u;
    if (tiles * ent <= depth && tiles * pe * p <= info->caps.pbuf_words) {
        return tiles;
    }
    for (uint64_t k = 1; k < 8u; k++) {
        if ((ent << k) <= depth && ((pe * p) << k) <= info->caps.pbuf_words) {
            tpg = 1u << k;
        }
    }
    return tpg;
}

uint64_t st_accel_cycle_model(const st_desc_t *d, const st_acc_info_t *info)
{
    const uint64_t pe = info->caps.pe, S = info->caps.simd ? 32u / info->caps.simd : 1u;
    const int bytes = (d->flags & ST_DESC_F_IN_BYTES) != 0u, bip_in = (d->flags & ST_DESC_F_IN_BIPOLAR) != 0u;
    const int gsum = d->opcode == ST_DESC_OPC_GSUM;
    /* per record: fetch (22), the checker's microprogram (ST_UCODE_CYCLES: counted by its assembler) */
    uint64_t cyc = 22u + ST_UCODE_CYCLES;
    /* the pixel walk (st_accel_check's INIT / ADV / ADVW, §7.3): the generator takes a tile group's first
     * pixel in a cycle of its own, once INIT is done; INIT starts with the layer (one cycle before the
     * first group's set-up) and with each later group, whose loads outlast it. The
     * walk runs one pixel ahead, so only pixels shorter than ADV / ADVW would wait (none in the bench). */
    if (d->opcode == ST_DESC_OPC_MAXPOOL) {
        uint64_t cw = st_desc_cw(d->in_c);
        cyc += ST_UCODE_INIT_CYCLES;  /* no loads to hide INIT: it ends a cycle after the group's, then 1 */
        return cyc + (uint64_t)d->out_h * d->out_w * cw * ((uint64_t)d->kh * d->kw * d->in_bits + d->in_bits + 13u);
    }
    {
        const uint64_t m = gsum ? 1u : d->w_bits, n = d->in_bits;
        const uint64_t pairs = bip_in ? (m == 1u ? 1u : 2u * m) : (m == 1u ? n : n * m);
        const uint64_t kwords = gsum ? 1u : st_desc_kwords(d);
        const uint64_t cwt = gsum ? 1u : st_desc_cw(d->in_c);
        const uint64_t tiles = (d->out_c + pe - 1u) / pe;
        const int out32 = (d->flags & ST_DESC_F_OUT_INT32) != 0u, res = (d->flags & ST_DESC_F_RES) != 0u;
        const uint64_t p = out32 ? 2u : (1u << d->out_bits);
        const uint64_t kh = gsum ? d->in_h : d->kh, kw = gsum ? d->in_w : d->kw;
        const uint64_t stride = gsum ? 1u : d->stride, pad = gsum ? 0u : d->pad;
        uint64_t groups = 1u, tpg = tiles; /* tile groups, tiles per group */
        if (!gsum) {
            tpg = tiles_per_group(d, info);
            groups = (tiles + tpg - 1u) / tpg;
            cyc += S * d->out_c * d->w_bits * kwords + 4u * groups; /* weight loads */
            cyc += d->out_c * p + 4u * groups;                      /* parameter loads */
        }
        cyc += groups; /* the walk: a tile group's first pixel */
        for (uint64_t y = 0; y < d->out_h; y++) {
            for (uint64_t x = 0; x < d->out_w; x++) {
                uint64_t valid = 0, comp, pad_cyc = 0, last_pad = 1;
                /* One plane pair's walk over the window, as st_accel_gen does it: a valid tap is S * CWt
                 * operations; a padding row above the input and a padding tap left of it one cycle each;
                 * a row ends after the input's last column, the walk after the input's last row (the
                 * padding right of and below the input is not visited). last_pad: the walk did not end
                 * on a token, so the end-of-pixel marker takes a cycle of its own. */
                for (uint64_t ky = 0; ky < kh; ky++) {
                    int64_t iy = (int64_t)(y * stride + ky) - (int64_t)pad;
                    if (iy < 0 || iy >= (int64_t)d->in_h) {
                        pad_cyc++;
                        last_pad = 1;
                    } else {
                        for (uint64_t kx = 0; kx < kw; kx++) {
                            int64_t ix = (int64_t)(x * stride + kx) - (int64_t)pad;
                            if (ix >= 0 && ix < (int64_t)d->in_w) {
                                valid++;
                                last_pad = 0;
                            } else {
                                pad_cyc++;
                                last_pad = 1;
                            }
                            if (ix + 1 >= (int64_t)d->in_w) {
                                break;
                            }
                        }
                    }
                    if (iy + 1 >= (int64_t)d->in_h) {
                        break;
                    }
                }
                if (bytes) {
                    /* the gather runs once per pixel per tile group (each group has its own pixel loop,
                     * §3.2) */
                    cyc += (gsum ? 1u : groups) * 41u * kwords;
                    comp = S * pairs * kwords;
                } else {
                    comp = S * pairs * valid * cwt + pad_cyc * pairs + last_pad;
                }
                /* per pixel-tile: the post unit works on the previous pixel-tile while the array computes */
                for (uint64_t t = 0; t < tiles; t++) {
                    uint64_t rpe = (t + 1u) * pe <= d->out_c ? pe : d->out_c - t * pe;
                    uint64_t post, busy;
                    if (gsum) {
                        post = d->out_bits + 2u;
                    } else if (out32) {
                        post = rpe * (3u + (uint64_t)res) + (res ? d->res_bits + 2u : 0u) + 2u;
                    } else {
                        /* binary search: out_bits cycles per channel (2 + out_bits with a residual) and 2
                         * to start; the plane writer works in parallel with the next pixel-tile */
                        post = rpe * (d->out_bits + (res ? 2u : 0u)) + (res ? d->res_bits + 2u : 0u) + 2u;
                    }
                    /* the array's part: one cycle to start a pixel (the first tile of its group; every tile
                     * for GSUM); the next tile of the same pixel starts with the last token of this one. The
                     * post unit's part without an early done: about 8 cycles for the next end-of-pixel
                     * marker to reach it. GSUM has one pixel per tile and a weight load per tile, so
                     * nothing overlaps its post. */
                    uint64_t start = (t % tpg == 0u || gsum) ? 1u : 0u;
                    uint64_t idle = bytes ? start : start + pad_cyc * pairs + last_pad;
                    uint64_t arr = comp + start;
                    /* the output planes' writes take bus cycles: those the generator leaves idle (padding
                     * taps, the pixel start) are free, the others delay its reads */
                    if (!gsum && !out32 && !bytes && d->out_bits > idle) {
                        arr += d->out_bits - idle;
                    }
                    post += (gsum || out32) ? 8u : 0u;
                    busy = arr > post ? arr : post;
                    cyc += gsum ? arr + post - 1u : busy;
                }
            }
        }
    }
    return cyc;
}

static uint32_t classify(const st_desc_t *d)
{
    if (d->opcode == ST_DESC_OPC_MAXPOOL) {
        return CLS_MAXPOOL;
    }
    if (d->opcode == ST_DESC_OPC_GSUM) {
        return CLS_GSUM;
    }
    if (d->flags & ST_DESC_F_W_SHARED) {
        return CLS_FUSED;
    }
    if (d->flags & ST_DESC_F_IN_BYTES) {
        return CLS_CONV_BYTES;
    }
    if (d->kh == d->in_h && d->kw == d->in_w && d->out_h == 1u && d->out_w == 1u && d->pad == 0u) {
        return CLS_DENSE;
    }
    return CLS_CONV_PLANES;
}

/* ---- one item -------------------------------------------------------------------------------------- */

typedef struct {
    uint64_t seed;
    int is_chain;
    int irq_en;
    uint32_t flags;
    st_sim_waits_t waits;
} item_cfg_t;

static void pick_waits(st_rng_t *rng, const char *mode, st_sim_waits_t *w)
{
    uint32_t r = st_rng_below(rng, 4u);
    memset(w, 0, sizeof *w);
    if (mode != NULL && strcmp(mode, "none") == 0) {
        r = 0;
    } else if (mode != NULL && strcmp(mode, "light") == 0) {
        r = 1;
    } else if (mode != NULL && strcmp(mode, "heavy") == 0) {
        r = 2;
    }
    switch (r) {
    case 0: /* single-cycle RAM: what the cycle model describes */
        break;
    case 1:
        w->stall_pct = 10;
        w->max_latency = 2;
        break;
    case 2:
        w->stall_pct = 50;
        w->max_latency = 8;
        w->max_outstanding = 1u + st_rng_below(rng, 4u);
        break;
    default:
        w->stall_pct = st_rng_below(rng, 80u);
        w->max_latency = st_rng_below(rng, 12u);
        w->max_outstanding = st_rng_pct(rng, 50u) ? 0u : 1u + st_rng_below(rng, 8u);
        break;
    }
}

static void print_net(const st_rand_net_t *net, const st_image_t *img)
{
    for (uint32_t i = 0; i < net->n_layers; i++) {
        char d[200];
        st_rand_layer_desc(net, i, d, sizeof d);
        printf("    layer %u: %s%s\n", (unsigned)i, d, img->layer_desc[i] < 0 ? "  [fused into the next]" : "");
    }
}

/* Returns 1 pass, 0 fail, -1 rejected (the generated network does not fit the hardware / RAM). */
static int run_item(uint32_t k, uint64_t run_seed, uint32_t n_layers_items, const st_acc_info_t *info,
                    const st_rand_limits_t *lim, int argc, char **argv, sweep_stats_t *st)
{
    static st_rand_net_t net;
    static st_image_t img;
    st_pool_t pool;
    st_rng_t rng;
    item_cfg_t cfg;
    st_img_diag_t diag;
    st_img_status_t s;
    st_status_t gs;
    st_ref_result_t ref;
    st_acc_run_t run;
    st_sim_stats_t bus;
    uint32_t arena_addr, arena_bytes, bad = 0;
    char ctx[256];
    const char *kind;

    memset(&cfg, 0, sizeof cfg);
    cfg.seed = st_acc_item_seed(run_seed, k);
    cfg.is_chain = k >= n_layers_items;
    st_rng_seed(&rng, cfg.seed);
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    kind = cfg.is_chain ? "chain" : "layer";
    if (cfg.is_chain) {
        gs = st_rand_chain(&rng, lim, 2u + st_rng_below(&rng, 5u), &pool, &net);
    } else {
        /* single layers walk through every (input encoding x weight width) pair in turn, so that even the
         * fast subset covers (nearly) all of them; a third of them stay fully random */
        st_rand_limits_t l2 = *lim;
        uint32_t pair = k % 112u;
        if (k % 3u != 2u) {
            uint32_t row = pair / 8u;
            l2.force_enc = (int)(row >= ST_RAND_ENC_WIDE ? row + 1u : row);
            l2.force_wbits = 1u + pair % 8u;
            if (((l2.wbits_mask >> (l2.force_wbits - 1u)) & 1u) == 0u) {
                l2.force_wbits = 0u;
            }
            if ((uint32_t)l2.force_enc >= ST_RAND_ENC_BYTES1 && (uint32_t)l2.force_enc != ST_RAND_ENC_BYTES_BIP &&
                (uint32_t)l2.force_enc - ST_RAND_ENC_BYTES1 + 1u > l2.bytes_max_bits) {
                l2.force_enc = -1;
            }
        }
        gs = st_rand_layer(&rng, &l2, &pool, &net);
    }
    if (gs != ST_OK) {
        printf("item %u (%s): the generator failed (%s) SEED=%llu only=%u\n", (unsigned)k, kind, st_status_str(gs),
               (unsigned long long)run_seed, (unsigned)k);
        return 0;
    }
    cfg.flags = net.input_is_bytes ? ST_IMG_F_INPUT_BYTES : ST_IMG_F_INPUT_PLANES;
    if (!cfg.is_chain || st_rng_pct(&rng, 75u)) {
        cfg.flags |= ST_IMG_F_KEEP_TENSORS; /* compare every intermediate tensor */
    }
    if (st_rng_pct(&rng, 50u)) {
        cfg.flags |= ST_IMG_F_FUSE_GSUM;
    }
    cfg.irq_en = st_rng_pct(&rng, 50u);
    pick_waits(&rng, st_acc_arg_str(argc, argv, "waits"), &cfg.waits);
    arena_addr = ST_RAM_BASE + 4u * st_rng_below(&rng, 2048u);
    arena_bytes = ST_RAM_BASE + ST_RAM_SIZE - arena_addr - 4u * st_rng_below(&rng, 512u);

    /* 1. the image, with random RAM around it */
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(&rng));
    s = st_image_build(net.l, net.n_layers, &info->caps, cfg.flags, st_sim_ram() + (arena_addr - ST_RAM_BASE),
                       arena_addr, arena_bytes, ST_RAM_BASE, ST_RAM_SIZE, &img, &diag);
    if (s != ST_IMG_OK) {
        if (s == ST_IMG_ERR_NO_SPACE || s == ST_IMG_ERR_WBUF || s == ST_IMG_ERR_PBUF || s == ST_IMG_ERR_XBUF) {
            st->rejects++;
            return -1;
        }
        printf("item %u (%s): image build failed: %s: %s  SEED=%llu only=%u\n", (unsigned)k, kind,
               st_img_status_str(s), diag.msg, (unsigned long long)run_seed, (unsigned)k);
        print_net(&net, &img);
        return 0;
    }
    {
        uint32_t n = (uint32_t)net.t[0].h * net.t[0].w * net.t[0].c;
        uint8_t *in8 = (uint8_t *)st_pool_alloc(&pool, n + 1u);
        for (uint32_t i = 0; i < n; i++) {
            in8[i] = (uint8_t)net.codes[0][i];
        }
        st_image_set_input(&img, st_sim_ram() + (arena_addr - ST_RAM_BASE), arena_addr, &net.t[0], in8);
    }
    memcpy(g_init_ram, st_sim_ram(), ST_RAM_SIZE);

    /* 2. the reference on a copy */
    memcpy(g_ref_ram, g_init_ram, ST_RAM_SIZE);
    st_ref_run(g_ref_ram, &info->hw, img.desc_addr, img.n_desc + 1u, &ref);
    if (ref.err != 0u || ref.layers != img.n_desc) {
        printf("item %u (%s): the descriptor reference refused the image (error %u at record %u)  SEED=%llu only=%u\n",
               (unsigned)k, kind, (unsigned)ref.err, (unsigned)ref.err_desc, (unsigned long long)run_seed,
               (unsigned)k);
        print_net(&net, &img);
        return 0;
    }

    /* 3. the RTL */
    st_sim_set_waits(&cfg.waits);
    st_sim_seed_waits(cfg.seed);
    st_sim_clear_write_regions();
    for (uint32_t j = 0; j < img.n_desc; j++) {
        const st_img_buf_t *o = &img.tensor[img.desc_layer[j] + 1];
        st_sim_add_write_region(o->addr, 4u * o->words);
    }
    st_sim_clear_stats();
    {
        uint32_t words = 0;
        for (uint32_t t = 0; t <= net.n_layers; t++) {
            words += img.tensor[t].words;
        }
        for (uint32_t i = 0; i < net.n_layers; i++) {
            words += img.weights[i].words + img.params[i].words;
        }
        st_acc_run_chain(img.desc_addr, cfg.irq_en, st_acc_budget(ref.bitmacs, words, info), &run);
    }
    st_sim_get_stats(&bus);

    /* 4. checks */
#define FAILF(...) \
    do { \
        if (bad++ == 0u) { \
            printf("item %u (%s) FAILED  SEED=%llu only=%u  waits %u%%/%u/%u  flags 0x%x\n", (unsigned)k, kind, \
                   (unsigned long long)run_seed, (unsigned)k, (unsigned)cfg.waits.stall_pct, \
                   (unsigned)cfg.waits.max_latency, (unsigned)cfg.waits.max_outstanding, (unsigned)cfg.flags); \
            print_net(&net, &img); \
        } \
        printf("  " __VA_ARGS__); \
    } while (0)
    if (run.timed_out) {
        FAILF("timeout: STATUS 0x%08x after %llu cycles (DONE never came; a hang if the bus was silent for %u "
              "cycles, else over the cycle budget)\n",
              (unsigned)run.status, (unsigned long long)run.cycles, ST_ACC_STALL_LIMIT);
    } else if (run.err != 0u) {
        FAILF("chain stopped with error %u at record %u (STATUS 0x%08x)\n", (unsigned)run.err,
              (unsigned)run.err_desc, (unsigned)run.status);
    }
    if (!run.timed_out && run.err == 0u) {
        for (uint32_t t = 1; t <= net.n_layers; t++) {
            uint32_t nb;
            if (img.tensor[t].words == 0u || (!(cfg.flags & ST_IMG_F_KEEP_TENSORS) && t != net.n_layers)) {
                continue;
            }
            {
                char d[160];
                st_rand_layer_desc(&net, t - 1u, d, sizeof d);
                snprintf(ctx, sizeof ctx, "  item %u layer %u [%s]", (unsigned)k, (unsigned)(t - 1u), d);
            }
            nb = st_check_tensor(ctx, t, &net.t[t],
                                 (const uint32_t *)(void *)(st_sim_ram() + (img.tensor[t].addr - ST_RAM_BASE)),
                                 net.codes[t], net.ints[t], bad == 0u ? 8u : 4u);
            if (nb != 0u) {
                FAILF("layer %u: %u output elements differ from the golden model (SEED=%llu only=%u)\n",
                      (unsigned)(t - 1u), (unsigned)nb, (unsigned long long)run_seed, (unsigned)k);
            }
        }
        if (memcmp(st_sim_ram(), g_ref_ram, ST_RAM_SIZE) != 0) {
            uint32_t shown = 0, diffs = 0;
            for (uint32_t a = 0; a < ST_RAM_SIZE; a += 4u) {
                if (memcmp(st_sim_ram() + a, g_ref_ram + a, 4) != 0) {
                    diffs++;
                    if (shown++ < 6u) {
                        uint32_t got, want, was;
                        memcpy(&got, st_sim_ram() + a, 4);
                        memcpy(&want, g_ref_ram + a, 4);
                        memcpy(&was, g_init_ram + a, 4);
                        FAILF("RAM word 0x%05x: expected 0x%08x, actual 0x%08x (before the run 0x%08x)\n",
                              (unsigned)(ST_RAM_BASE + a), (unsigned)want, (unsigned)got, (unsigned)was);
                    }
                }
            }
            FAILF("%u RAM words differ from the reference's RAM image\n", (unsigned)diffs);
        }
    }
    if (bus.bad_writes != 0u) {
        FAILF("%llu bus writes outside the output buffers (first at 0x%08x)\n", (unsigned long long)bus.bad_writes,
              (unsigned)bus.first_bad_write);
    }
    if (bus.protocol_errors != 0u) {
        FAILF("%llu bus protocol violations: %s\n", (unsigned long long)bus.protocol_errors, bus.first_protocol_error);
    }
    if (bus.outside_ram != 0u) {
        FAILF("%llu bus requests outside RAM\n", (unsigned long long)bus.outside_ram);
    }
    if (st_sim_outstanding() != 0u) {
        FAILF("%u bus requests still outstanding after DONE\n", (unsigned)st_sim_outstanding());
    }
    if (!run.timed_out) {
        if (run.perf_layers != img.n_desc) {
            FAILF("PERF_LAYERS %u, expected %u\n", (unsigned)run.perf_layers, (unsigned)img.n_desc);
        }
        if (run.perf_macs != (uint32_t)ref.perf_macs) {
            FAILF("PERF_MACS %u, expected %llu executed bit-MACs (%llu useful)\n", (unsigned)run.perf_macs,
                  (unsigned long long)ref.perf_macs, (unsigned long long)ref.bitmacs);
        }
        if (run.perf_busy == 0u || run.perf_busy > run.cycles || run.perf_stall > run.perf_busy) {
            FAILF("implausible counters: PERF_BUSY %u, PERF_STALL %u, %llu cycles from START to DONE seen\n",
                  (unsigned)run.perf_busy, (unsigned)run.perf_stall, (unsigned long long)run.cycles);
        }
        if ((run.irq_status & ST_ACCEL_IRQ_STATUS_DONE_Msk) == 0u || run.irq_line != cfg.irq_en) {
            FAILF("IRQ_STATUS 0x%x, irq_o %d with IRQ_EN %d\n", (unsigned)run.irq_status, run.irq_line, cfg.irq_en);
        }
    }
#undef FAILF
    st_acc_clear_irq();
    if (run.timed_out) {
        st_acc_soft_reset(100000u);
        st_sim_hw_reset(4);
    }

    /* statistics */
    st->records += img.n_desc;
    st->sim_cycles += run.cycles;
    if (cfg.is_chain) {
        st->chains_run++;
    } else {
        st->layers_run++;
    }
    if (!(cfg.flags & ST_IMG_F_KEEP_TENSORS)) {
        st->reuse_items++;
    }
    st->irq_en_items += (uint32_t)cfg.irq_en;
    st->fused_records += net.n_layers - img.n_desc;
    st->skip_items += ref.perf_macs < ref.bitmacs;
    for (uint32_t i = 0; i < net.n_layers; i++) {
        const st_layer_t *l = &net.l[i];
        st->ties += net.tie_count[i];
        st->outputs += (uint64_t)l->out.h * l->out.w * l->out.c;
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            st->enc_seen[st_rand_enc_row(&l->in, i == 0u && img.input_is_bytes)][l->w_bits]++;
            st->res_layers += l->res_src >= 0;
            st->out_int32_layers += l->out_bits == 0u;
        }
    }
    for (uint32_t j = 0; j < img.n_desc; j++) {
        st_desc_t d;
        uint32_t rec[ST_DESC_WORDS];
        memcpy(rec, g_init_ram + (img.desc_addr - ST_RAM_BASE) + j * ST_DESC_BYTES, sizeof rec);
        st_desc_unpack(rec, &d);
        if (d.opcode != ST_DESC_OPC_CONV) {
            continue;
        }
        {
            uint64_t pe = info->caps.pe, tiles = (d.out_c + pe - 1u) / pe;
            uint64_t ent = (32u / info->caps.simd) * (uint64_t)d.w_bits * st_desc_kwords(&d);
            uint64_t depth = (uint64_t)info->caps.wbuf_words * 32u / (pe * info->caps.simd);
            uint64_t tpg = tiles_per_group(&d, info);
            int fit = tiles * ent <= depth && tiles * pe * st_desc_p_record_words(&d) <= info->caps.pbuf_words;
            st->all_fit += (uint32_t)fit;
            st->tiled += (uint32_t)!fit;
            st->group_multi += !fit && tpg > 1u;
            st->group_partial += !fit && tiles % tpg != 0u;
            st->multi_tile += tiles > 1u;
            st->oc_not_pe += d.out_c % pe != 0u;
        }
        st->ic_gt32 += d.in_c > 32u;
        st->ic_gt64 += d.in_c > 64u;
        if (!(d.kh == d.in_h && d.kw == d.in_w && d.out_h == 1u && d.out_w == 1u)) { /* not DENSE-like */
            st->kh_seen[d.kh <= 7u ? d.kh : 0u]++;
            st->kw_seen[d.kw <= 7u ? d.kw : 0u]++;
            st->stride_seen[d.stride <= 4u ? d.stride : 0u]++;
            st->pad_seen[d.pad <= 7u ? d.pad : 0u]++;
            st->rect_kernel += d.kh != d.kw;
        }
        st->rect_input += d.in_h != d.in_w;
        st->tiny_input += d.in_h <= 2u || d.in_w <= 2u;
        if (!(d.flags & ST_DESC_F_OUT_INT32) && d.out_bits <= 4u) {
            st->out_bits_seen[d.out_bits]++;
        }
        st->bip_out += (d.flags & ST_DESC_F_OUT_BIPOLAR) != 0u;
        st->res_bip += (d.flags & ST_DESC_F_RES_BIPOLAR) != 0u;
    }
    if (cfg.waits.stall_pct == 0u && cfg.waits.max_latency == 0u) {
        st->waits_none++;
        if (!cfg.is_chain && img.n_desc == 1u && !run.timed_out && run.err == 0u && run.perf_busy != 0u) {
            /* cycles per layer: single-record items on a single-cycle RAM */
            st_desc_t d;
            uint32_t rec[ST_DESC_WORDS];
            uint32_t c;
            cls_stats_t *cs;
            double util, ratio;
            memcpy(rec, st_sim_ram() + (img.desc_addr - ST_RAM_BASE), sizeof rec);
            st_desc_unpack(rec, &d);
            c = classify(&d);
            cs = &st->cls[c];
            util = (double)st_ref_bitmacs(&d) / ((double)info->caps.pe * info->caps.simd * run.perf_busy);
            {
                uint64_t model = st_accel_cycle_model(&d, info);
                ratio = model != 0u ? (double)run.perf_busy / (double)model : 0.0;
                cs->model += model;
            }
            if (cs->n == 0u || util < cs->util_min) {
                cs->util_min = util;
            }
            if (cs->n == 0u || util > cs->util_max) {
                cs->util_max = util;
            }
            if (cs->n == 0u || ratio < cs->ratio_min) {
                cs->ratio_min = ratio;
            }
            if (cs->n == 0u || ratio > cs->ratio_max) {
                cs->ratio_max = ratio;
                cs->worst_item = k;
                st_rand_layer_desc(&net, 0, cs->worst_desc, sizeof cs->worst_desc);
            }
            cs->n++;
            cs->busy += run.perf_busy;
            cs->bitmacs += st_ref_bitmacs(&d);
        }
    } else {
        st->wait_items++;
        st->stall_cycles += run.perf_stall;
        st->busy_waits += run.perf_busy;
    }
    return bad == 0u ? 1 : 0;
}

static void print_summary(const sweep_stats_t *st, const st_acc_info_t *info)
{
    uint32_t pairs = 0, pairs_total = 0;
    printf("\nsweep: %u layers, %u chains, %u descriptors (%u GSUM layers fused), %u networks rejected as too big\n",
           (unsigned)st->layers_run, (unsigned)st->chains_run, (unsigned)st->records, (unsigned)st->fused_records,
           (unsigned)st->rejects);
    printf("sweep: %llu outputs, %.1f %% of thresholded outputs tie exactly with a threshold; %u residual layers, "
           "%u int32 output layers\n",
           (unsigned long long)st->outputs, st->outputs ? 100.0 * (double)st->ties / (double)st->outputs : 0.0,
           (unsigned)st->res_layers, (unsigned)st->out_int32_layers);
    printf("sweep: items with buffer reuse %u, with IRQ_EN %u, on a single-cycle RAM %u; %llu cycles simulated\n",
           (unsigned)st->reuse_items, (unsigned)st->irq_en_items, (unsigned)st->waits_none,
           (unsigned long long)st->sim_cycles);
    printf("sweep: CONV / DENSE layers run per (input encoding x weight bits) pair:\n            ");
    for (uint32_t w = 1; w <= 8u; w++) {
        if (w == 1u) {
            printf(" %-6s", "wbip");
        } else {
            printf(" w%-5u", (unsigned)w);
        }
    }
    printf("\n");
    for (uint32_t a = 0; a < ENC_ROWS; a++) {
        static const char *const names[ENC_ROWS] = {"bipolar", "1-bit", "2-bit", "3-bit", "4-bit", "GSUM out",
                                                     "BYTES 1", "BYTES 2", "BYTES 3", "BYTES 4", "BYTES 5",
                                                     "BYTES 6", "BYTES 7", "BYTES 8", "BYTES bip"};
        printf("  %-10s", names[a]);
        for (uint32_t w = 1; w <= 8u; w++) {
            printf(" %-6u", (unsigned)st->enc_seen[a][w]);
            if (a != ENC_WIDE) {
                pairs_total++;
                pairs += st->enc_seen[a][w] != 0u;
            }
        }
        printf("\n");
    }
    printf("sweep: %u of %u (input encoding x weight width) pairs exercised\n", (unsigned)pairs,
           (unsigned)pairs_total);
    printf("sweep: CONV records: kernel h 1..7 %u %u %u %u %u %u %u, w %u %u %u %u %u %u %u, rectangular %u; "
           "stride 1..4 %u %u %u %u; pad 0..6 %u %u %u %u %u %u %u\n",
           st->kh_seen[1], st->kh_seen[2], st->kh_seen[3], st->kh_seen[4], st->kh_seen[5], st->kh_seen[6],
           st->kh_seen[7], st->kw_seen[1], st->kw_seen[2], st->kw_seen[3], st->kw_seen[4], st->kw_seen[5],
           st->kw_seen[6], st->kw_seen[7], st->rect_kernel, st->stride_seen[1], st->stride_seen[2],
           st->stride_seen[3], st->stride_seen[4], st->pad_seen[0], st->pad_seen[1], st->pad_seen[2],
           st->pad_seen[3], st->pad_seen[4], st->pad_seen[5], st->pad_seen[6]);
    printf("sweep: CONV records: weights all at once %u, tile by tile %u; more than one tile %u; out_c not a "
           "multiple of PE %u; in_c > 32 %u, > 64 %u; input h != w %u, h or w <= 2 %u; out bits 1..4 %u %u %u %u, "
           "bipolar out %u, bipolar residual %u\n",
           st->all_fit, st->tiled, st->multi_tile, st->oc_not_pe, st->ic_gt32, st->ic_gt64, st->rect_input,
           st->tiny_input, st->out_bits_seen[1], st->out_bits_seen[2], st->out_bits_seen[3], st->out_bits_seen[4],
           st->bip_out, st->res_bip);
    printf("sweep: items whose BYTES layer skipped all-zero plane pairs: %u\n", (unsigned)st->skip_items);
    printf("sweep: CONV records in tile groups of several tiles: %u (a shorter last group: %u)\n",
           (unsigned)st->group_multi, (unsigned)st->group_partial);
    printf("throughput (single-layer items, single-cycle RAM, PE=%u SIMD=%u):\n", (unsigned)info->caps.pe,
           (unsigned)info->caps.simd);
    printf("  %-18s %5s %12s %14s %10s %16s %18s\n", "class", "n", "busy cycles", "bit-MACs", "util", "util min..max",
           "busy/model min..max");
    for (uint32_t c = 0; c < CLS_N; c++) {
        const cls_stats_t *cs = &st->cls[c];
        if (cs->n == 0u) {
            continue;
        }
        printf("  %-18s %5u %12llu %14llu %9.1f%% %7.1f..%-7.1f%%", k_cls_name[c], (unsigned)cs->n,
               (unsigned long long)cs->busy, (unsigned long long)cs->bitmacs,
               cs->busy ? 100.0 * (double)cs->bitmacs / ((double)info->caps.pe * info->caps.simd * cs->busy) : 0.0,
               100.0 * cs->util_min, 100.0 * cs->util_max);
        if (cs->model != 0u) {
            printf(" %6.3f..%-6.3f (sum %.3f; worst: item %u, %s)", cs->ratio_min, cs->ratio_max,
                   (double)cs->busy / (double)cs->model, (unsigned)cs->worst_item, cs->worst_desc);
        } else {
            printf(" %s", "(no cycle model)");
        }
        printf("\n");
    }
    if (st->wait_items != 0u) {
        printf("  with random wait states: %llu of %llu busy cycles stalled on the bus (%.1f %%)\n",
               (unsigned long long)st->stall_cycles, (unsigned long long)st->busy_waits,
               st->busy_waits ? 100.0 * (double)st->stall_cycles / (double)st->busy_waits : 0.0);
    }
}

int st_accel_sweep(uint64_t seed, int argc, char **argv)
{
    static sweep_stats_t st;
    st_acc_info_t info;
    st_rand_limits_t lim;
    uint32_t n_layers = (uint32_t)st_acc_arg(argc, argv, "layers", 300);
    uint32_t n_chains = (uint32_t)st_acc_arg(argc, argv, "chains", 20);
    uint64_t only = st_acc_arg(argc, argv, "only", UINT64_MAX);
    memset(&st, 0, sizeof st);
    g_pool_mem = (uint8_t *)malloc(POOL_BYTES);
    st_acc_probe(&info);
    printf("sweep: ID 0x%08x VERSION 0x%08x PE %u SIMD %u ABITS 0x%02x WBITS 0x%02x WBUF %u PBUF %u words, "
           "CAPS2 0x%08x, BYTES_KWORDS %u\n",
           (unsigned)info.id, (unsigned)info.version, (unsigned)info.caps.pe, (unsigned)info.caps.simd,
           (unsigned)info.caps.abits, (unsigned)info.caps.wbits, (unsigned)info.caps.wbuf_words,
           (unsigned)info.caps.pbuf_words, (unsigned)info.caps2, (unsigned)info.caps.bytes_kwords);
    st_rand_limits_default(&lim, info.caps.pe, info.caps.simd);
    lim.abits_mask = info.caps.abits;
    lim.wbits_mask = info.caps.wbits;
    lim.bytes_max_bits = info.caps.bytes_bits;
    lim.bytes_bipolar = (info.caps.ops & ST_IMG_CAP_BIPOLAR) != 0u;
    lim.max_in_planes = info.caps.planes_bits < info.caps.gsum_bits ? info.caps.planes_bits : info.caps.gsum_bits;
    lim.gsum = (info.caps.ops & ST_IMG_CAP_GSUM) != 0u;
    lim.maxpool = (info.caps.ops & ST_IMG_CAP_MAXPOOL) != 0u;
    lim.residual = (info.caps.ops & ST_IMG_CAP_RES) != 0u;
    lim.res_bipolar = (info.caps.ops & ST_IMG_CAP_BIPOLAR) != 0u;
    if (info.caps.pe != 0u && info.caps.simd != 0u) {
        uint32_t depth = (uint32_t)(((uint64_t)info.caps.wbuf_words * 32u) / ((uint64_t)info.caps.pe * info.caps.simd));
        lim.max_wtile_words = (uint32_t)(((uint64_t)depth * info.caps.simd) / 32u);
    }
    lim.pbuf_words = info.caps.pbuf_words;
    lim.bytes_kwords = info.caps.bytes_kwords;
    lim.max_bitmacs = st_acc_arg(argc, argv, "budget", lim.max_bitmacs);
    printf("sweep: %u random layers + %u random chains, per-layer budget %llu bit-MACs\n", (unsigned)n_layers,
           (unsigned)n_chains, (unsigned long long)lim.max_bitmacs);
    fflush(stdout);
    for (uint32_t k = 0; k < n_layers + n_chains; k++) {
        int r;
        if (only != UINT64_MAX && k != only) {
            continue;
        }
        r = run_item(k, seed, n_layers, &info, &lim, argc, argv, &st);
        if (r > 0) {
            st.pass++;
        } else if (r == 0) {
            st.fail++;
        }
        if ((k + 1u) % 100u == 0u) {
            printf("  ... %u items, %u failed\n", (unsigned)(k + 1u), (unsigned)st.fail);
            fflush(stdout);
        }
    }
    print_summary(&st, &info);
    /* a sweep that rejects many networks would silently test less than it claims */
    if (only == UINT64_MAX && st.rejects * 20u > n_layers + n_chains) {
        printf("sweep: %u of %u generated networks did not fit (more than 5 %%): the generator limits are wrong\n",
               (unsigned)st.rejects, (unsigned)(n_layers + n_chains));
        st.fail++;
    }
    free(g_pool_mem);
    printf("accel-sweep: %u passed, %u failed\n", (unsigned)st.pass, (unsigned)st.fail);
    return st.fail != 0u;
}
