/* SPDX-License-Identifier: Apache-2.0 */
/* cop_sweep.c - the random sweep of the coprocessor (RTL + driver) against the golden model.
 *
 *   cop_sim sweep [+seed=S] layers=N [only=K] [budget=BITMACS] [idle=MAX]
 *
 * Item k (0 <= k < N) draws everything from its own seed (S, k): one of
 *   - a single random CONV / DENSE layer (st_rand_layer, drawn again when it gives a pool or GSUM). Two
 *     single items in three walk through every (input encoding row x weight width) pair in turn
 *     (force_enc / force_wbits), so that a few hundred items cover all 112 pairs; the rest are random;
 *   - every 7th item, a random chain of 2..5 layers (st_rand_chain, GSUM outputs up to 16 bits wide), each
 *     CONV / DENSE layer of it run on its own input;
 *   - every 14th item, a layer reading a 5..16-bit PLANES input (a GSUM output: coverage row "GSUM out");
 *   - every 20th item, a DENSE layer whose w_bits x KWORDS is within two words of the PE memory's size,
 *     or of MODE.BYTES's 64 entries for an unsigned BYTES input (half fit, with one tile per group; half
 *     must be rejected with ERR_WBUF).
 * BYTES inputs are drawn with ceil(kh*kw*c/32) <= 8 k-words, so that MODE.BYTES takes them at every weight
 * width (except the items drawn without a weight-memory limit).
 * For each CONV / DENSE layer the driver accepts (st_cop_layer_check, compared with the expected verdict
 * computed here), st_cop_conv_acc_rows computes the whole output in random row bands [y0, y1), in order or
 * shuffled, with st_cop_invalidate() called at random in between, and every accumulator is compared with
 * BOTH st_conv_acc_bitplane_rows (same packed input and weights) and st_conv_acc_mac (on the codes).
 * Also checked per layer: the OPS register (cleared at the start) equals the driver's c->ops count; the
 * weight words the driver wrote (c->wwords) match residency (a layer whose tiles all fit is loaded once
 * and stays across bands, until st_cop_invalidate; otherwise every band reloads it); MODE.DBL = (w_bits
 * == 1) and MODE.BYTES = (an unsigned BYTES input on a coprocessor with CAPS.BYTES: such a layer must run
 * in the bytes multiply-accumulate mode, whose 64 reachable weight entries bound its tile groups);
 * STATUS.BUSY = 0 after the call; a call with a scratch buffer one word short (ERR_SCRATCH) and a
 * call on a layer the driver rejects change nothing (accumulators, OPS, the driver's counters).
 * A layer rejected by the driver (too many weights for the PE memory: the edge items, and single items
 * drawn without the weight-memory limit) is counted by reason; more than 20 % rejected fails the sweep.
 * The coverage table at the end fails the sweep when a run long enough to force every pair missed an
 * encoding row, a weight width or a pair, and (CAPS.BYTES) when no layer ran in MODE.BYTES; the BYTES rows
 * count their MODE.BYTES layers in a column of their own. Each item also draws the bus master's idle gaps
 * (none, 1..3 or 0..12 cycles before each request; idle=MAX fixes them). A mismatch prints the layer, the band,
 * (y, x, c), both expected values and the actual one; `only=K` with the same seed reruns item K alone.
 * The summary gives operations per bus cycle (overall and for the items run back to back). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cop_sim.h"
#include "cop_tests.h"
#include "st_cop.h"
#include "st_mmio.h"
#include "st_randnet.h"
#include "st_regs.h"

#define POOL_BYTES (32u << 20)
#define ENC_ROWS ST_RAND_ENC_ROWS
#define N_PAIRS ((ENC_ROWS - 1u) * 8u) /* every row but "GSUM out" (single layers cannot read one) */
#define COP_MAX_H 1024u           /* output rows a sweep layer may have (max_spatial is 24) */
#define MAX_REPORT 8u                  /* mismatches printed per layer */

typedef enum { ITEM_SINGLE, ITEM_CHAIN, ITEM_WIDE, ITEM_EDGE } item_kind_t;

typedef struct {
    uint32_t items, pass, fail;
    uint32_t layers_tried, layers_run, gen_fail;
    uint32_t rejected[ST_COP_ERR_CODES + 1];
    uint32_t enc_seen[ENC_ROWS][9];
    uint32_t enc_bm[ENC_ROWS];       /* layers of the row run in MODE.BYTES */
    uint32_t bm_layers, bytes_bp_layers; /* BYTES-input layers in MODE.BYTES / through bit planes */
    uint32_t single_items, chain_items, wide_items, edge_items, forced_items;
    uint32_t bands, shuffled_layers, invalidates, resident_bands, multi_group_layers, partial_tile_layers;
    uint32_t scratch_checks, reject_checks, bytes_layers, res_layers;
    uint32_t scratch_min, scratch_whole, scratch_between; /* layers run with each scratch size */
    uint32_t codes_tried, codes_run, codes_refused, codes_bits[5]; /* the threshold unit (run_codes) */
    uint64_t outputs, ops, wwords, cycles, accesses;
    uint64_t ops0, cycles0; /* the items run back to back (idle 0) */
    uint64_t acc_stalls, stall_cycles;
} sweep_stats_t;

static sweep_stats_t g_st;
static st_cop_t g_cop;
static uint8_t *g_pool_mem;
static uint64_t g_seed;

static uint64_t item_seed(uint64_t seed, uint32_t k)
{
    st_rng_t r;
    st_rng_seed(&r, seed ^ ((uint64_t)k * 0xD1B54A32D192ED03ull) ^ 0xC0Full);
    return st_rng_next(&r);
}

/* The schedule: kind of item k, and for a single item whether (and which) pair it forces. */
static item_kind_t item_kind(uint32_t k, int *forced, uint32_t *pair)
{
    uint32_t singles = 0, forced_n = 0;
    *forced = 0;
    *pair = 0;
    if (k % 20u == 19u) {
        return ITEM_EDGE;
    }
    if (k % 14u == 13u) {
        return ITEM_WIDE;
    }
    if (k % 7u == 6u) {
        return ITEM_CHAIN;
    }
    for (uint32_t i = 0; i < k; i++) {
        if (i % 7u != 6u && i % 20u != 19u) {
            if (singles % 3u != 2u) {
                forced_n++;
            }
            singles++;
        }
    }
    if (singles % 3u != 2u) {
        *forced = 1;
        *pair = forced_n % N_PAIRS;
    }
    return ITEM_SINGLE;
}

static uint32_t cdiv(uint32_t a, uint32_t b)
{
    return (a + b - 1u) / b;
}

/* Whether the layer must run in MODE.BYTES: an unsigned BYTES input on a coprocessor with CAPS.BYTES. */
static int expect_bm(const st_layer_t *l, int bytes)
{
    return bytes && !l->in.bipolar && cop_sim_build_bytes() != 0u;
}

/* Weight entries per PE the layer's tiles may use: the memory, or MODE.BYTES's first 64. */
static uint32_t expect_entries(const st_layer_t *l, int bytes, uint32_t depth)
{
    return (expect_bm(l, bytes) && depth > 64u) ? 64u : depth;
}

/* The verdict st_cop_layer_check must give, from the layer alone (numerics.md §7.4 spelled out here). */
static st_cop_status_t expected_check(const st_layer_t *l, int bytes, uint32_t depth)
{
    uint32_t kh, kw, kwords;
    if ((l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) || l->in.is_int32 ||
        (l->in.bipolar && l->in.bits != 1u) || l->in.bits < 1u || l->in.bits > 16u) {
        return ST_COP_ERR_LAYER;
    }
    kh = l->type == ST_LAYER_DENSE ? l->in.h : l->kh;
    kw = l->type == ST_LAYER_DENSE ? l->in.w : l->kw;
    kwords = bytes ? cdiv(kh * kw * l->in.c, 32u) : kh * kw * cdiv(l->in.c, 32u);
    return (uint32_t)l->w_bits * kwords > expect_entries(l, bytes, depth) ? ST_COP_ERR_WBUF : ST_COP_OK;
}

static uint32_t cop_rd(uint32_t off)
{
    return st_mmio_read32(ST_COP_BASE + off);
}

static void cop_wr(uint32_t off, uint32_t v)
{
    st_mmio_write32(ST_COP_BASE + off, v);
}

/* Whether acc (n words) still holds the sentinel pattern. */
static int untouched(const int32_t *acc, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if ((uint32_t)acc[i] != (0xA5A50000u ^ i)) {
            return 0;
        }
    }
    return 1;
}

static void sentinel(int32_t *acc, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        acc[i] = (int32_t)(0xA5A50000u ^ i);
    }
}

/* Random bands [y0, y1) covering 0 .. h - 1: cut points, then the order. */
static uint32_t make_bands(st_rng_t *rng, uint32_t h, uint32_t *y0, uint32_t *y1, int *shuffled)
{
    uint32_t n = 0, y = 0;
    uint32_t r = st_rng_below(rng, 100u);
    while (y < h) {
        uint32_t len;
        if (r < 25u) {
            len = h - y; /* the whole layer at once */
        } else if (r < 45u) {
            len = 1u; /* row by row */
        } else {
            len = 1u + st_rng_below(rng, h - y);
        }
        y0[n] = y;
        y1[n] = y + len;
        y += len;
        n++;
    }
    *shuffled = 0;
    if (n > 1u && st_rng_pct(rng, 30u)) {
        for (uint32_t i = n - 1u; i > 0u; i--) {
            uint32_t j = st_rng_below(rng, i + 1u), t0 = y0[i], t1 = y1[i];
            y0[i] = y0[j];
            y1[i] = y1[j];
            y0[j] = t0;
            y1[j] = t1;
        }
        *shuffled = 1;
    }
    return n;
}

static void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 4u);
    if (p == NULL) {
        fprintf(stderr, "cop sweep: out of memory\n");
        exit(3);
    }
    return p;
}

/* The verdict st_cop_codes_check must give (the threshold unit's conditions spelled out here). */
static st_cop_status_t expected_codes(const st_layer_t *l, int bytes, const uint32_t *params)
{
    const uint32_t depth = g_cop.depth, pe = g_cop.pe, prec = st_param_record_words(l);
    const uint32_t per = l->w_bits * st_weight_kwords(l, bytes);
    if (pe > 8u || 32u % pe != 0u || l->out.is_int32 || l->out_bits < 1u || l->out_bits > 4u || l->res_src >= 0 ||
        per > expect_entries(l, bytes, depth) || per + prec > depth) {
        return ST_COP_ERR_CODES;
    }
    for (uint32_t o = 0; o < l->out.c; o++) {
        for (uint32_t k = 1; (params[o * prec] & 1u) && k < prec; k++) {
            if ((int32_t)params[o * prec + k] <= INT32_MIN + 1) {
                return ST_COP_ERR_CODES;
            }
        }
    }
    return ST_COP_OK;
}

/* The layer's codes from the threshold unit (st_cop_conv_codes_rows, random bands) against the golden
 * finish of the bit-plane accumulators acc_bp: every output word, the padding bits included. 1 pass, 0 fail. */
static int run_codes(uint32_t k, st_rng_t *rng, const st_layer_t *l, int bytes, const char *desc,
                     const uint32_t *in_packed, const uint32_t *w_packed, const int32_t *acc_bp, uint32_t *scratch,
                     uint32_t scratch_words)
{
    const uint32_t words = st_tensor_words(&l->out, 0), oh = l->out.h;
    const uint32_t row_words = words / oh;
    uint32_t *params = (uint32_t *)xmalloc(4u * st_param_words(l));
    uint32_t *gold = (uint32_t *)xmalloc(4u * words), *out = (uint32_t *)xmalloc(4u * words);
    uint32_t y0[COP_MAX_H], y1[COP_MAX_H], nb, bad = 0;
    st_cop_status_t want, got;
    int shuffled, ok = 1;

    st_pack_params(l, params);
    want = expected_codes(l, bytes, params);
    got = st_cop_codes_check(&g_cop, l, bytes, params);
    g_st.codes_tried++;
    for (uint32_t e = 0; e < words; e++) {
        out[e] = 0xC0DE0000u ^ e;
    }
    if (got != want) {
        printf("FAIL item %u (%s): st_cop_codes_check says %s, expected %s SEED=%llu only=%u\n", (unsigned)k, desc,
               st_cop_strerror(got), st_cop_strerror(want), (unsigned long long)g_seed, (unsigned)k);
        ok = 0;
    } else if (got != ST_COP_OK) {
        /* refused: the call fails the same way and writes nothing */
        got = st_cop_conv_codes_rows(&g_cop, l, bytes, in_packed, w_packed, params, 0, oh, out, scratch,
                                     scratch_words);
        for (uint32_t e = 0; e < words && ok; e++) {
            ok = out[e] == (0xC0DE0000u ^ e);
        }
        if (got != want || !ok) {
            printf("FAIL item %u (%s): a layer the threshold unit refuses returned %s or wrote output SEED=%llu "
                   "only=%u\n",
                   (unsigned)k, desc, st_cop_strerror(got), (unsigned long long)g_seed, (unsigned)k);
            ok = 0;
        }
        g_st.codes_refused++;
    } else {
        st_finish_packed_rows(l, params, acc_bp, NULL, 0, NULL, 0, oh, gold);
        nb = make_bands(rng, oh, y0, y1, &shuffled);
        for (uint32_t b = 0; b < nb && ok; b++) {
            if (st_rng_pct(rng, 15u)) {
                st_cop_invalidate(&g_cop);
            }
            got = st_cop_conv_codes_rows(&g_cop, l, bytes, in_packed, w_packed, params, y0[b], y1[b], out, scratch,
                                         scratch_words);
            if (got != ST_COP_OK) {
                printf("FAIL item %u (%s): st_cop_conv_codes_rows rows %u..%u returned %s SEED=%llu only=%u\n",
                       (unsigned)k, desc, (unsigned)y0[b], (unsigned)y1[b], st_cop_strerror(got),
                       (unsigned long long)g_seed, (unsigned)k);
                ok = 0;
            }
        }
        for (uint32_t e = 0; e < words && ok; e++) {
            if (out[e] != gold[e]) {
                if (bad < MAX_REPORT) {
                    printf("FAIL item %u (%s) codes: row %u, word %u of the row: expected %08x, cop %08x SEED=%llu "
                           "only=%u\n",
                           (unsigned)k, desc, (unsigned)(e / row_words), (unsigned)(e % row_words),
                           (unsigned)gold[e], (unsigned)out[e], (unsigned long long)g_seed, (unsigned)k);
                }
                bad++;
            }
        }
        if (bad != 0u) {
            printf("  item %u: %u mismatching output words from the threshold unit\n", (unsigned)k, (unsigned)bad);
            ok = 0;
        }
        g_st.codes_run += ok;
        g_st.codes_bits[l->out_bits] += ok;
    }
    free(params);
    free(gold);
    free(out);
    return ok;
}

/* Run CONV / DENSE layer i of net on the coprocessor and check it. 1 pass, 0 fail, -1 rejected (as
 * expected, and without a side effect). */
static int run_layer(uint32_t k, st_rng_t *rng, const st_rand_net_t *net, uint32_t i, const void **prev_w)
{
    const st_layer_t *l = &net->l[i];
    const st_tensor_t *tin = &net->t[i];
    const int bytes = i == 0u && net->input_is_bytes;
    const uint32_t oh = l->out.h, ow = l->out.w, oc = l->out.c, row_elems = ow * oc;
    const uint32_t nout = oh * row_elems;
    const uint32_t kwords = st_weight_kwords(l, bytes), per = l->w_bits * kwords;
    const uint32_t tiles = cdiv(oc, g_cop.pe);
    char desc[160];
    uint32_t *in_packed, *w_packed, *scratch;
    int32_t *acc_mac, *acc_bp, *acc;
    uint32_t scratch_words, min_words, whole_words, y0[COP_MAX_H], y1[COP_MAX_H], nb, bad = 0, ops_before, ww_before, group, groups;
    int shuffled, resident = 0, ok = 1;
    uint64_t cyc0;
    st_cop_status_t want = expected_check(l, bytes, g_cop.depth), got = st_cop_layer_check(&g_cop, l, bytes);

    st_rand_layer_desc(net, i, desc, sizeof desc);
    g_st.layers_tried++;
    if (got != want) {
        printf("FAIL item %u layer %u (%s): st_cop_layer_check says %d (%s), expected %d SEED=%llu only=%u\n",
               (unsigned)k, (unsigned)i, desc, (int)got, st_cop_strerror(got), (int)want,
               (unsigned long long)g_seed, (unsigned)k);
        return 0;
    }
    /* inputs and weights in their RAM layouts, each in a buffer of exactly its size */
    in_packed = (uint32_t *)xmalloc(4u * st_tensor_words(tin, bytes));
    if (bytes) {
        st_pack_bytes(tin, net->codes[i], in_packed);
    } else {
        st_pack_planes(tin, net->codes[i], in_packed);
    }
    /* a fresh weight buffer for every layer. The driver keys its resident weights on the pointer, so when
     * malloc hands back the address it still holds (of a layer long gone), the contract says "weights in
     * RAM changed": st_cop_invalidate */
    w_packed = (uint32_t *)xmalloc(4u * st_weight_words(l, bytes));
    st_pack_weights(l, bytes, w_packed);
    free((void *)*prev_w);
    *prev_w = w_packed;
    if (g_cop.w == w_packed) {
        st_cop_invalidate(&g_cop);
        g_st.invalidates++;
    } else if (st_rng_pct(rng, 50u)) {
        st_cop_invalidate(&g_cop);
        g_st.invalidates++;
    }
    if (got != ST_COP_OK) {
        /* a rejected layer: the call must fail the same way and touch nothing */
        int32_t sent[64];
        uint32_t ops_reg = cop_rd(ST_COP_OPS_OFFSET), ops = g_cop.ops, ww = g_cop.wwords;
        uint32_t sw = st_cop_scratch_words(l, bytes);
        scratch = (uint32_t *)xmalloc(4u * sw);
        sentinel(sent, 64u);
        got = st_cop_conv_acc_rows(&g_cop, l, bytes, in_packed, w_packed, 0, oh < 1u ? oh : 1u, sent, scratch, sw);
        g_st.reject_checks++;
        if (got != want || !untouched(sent, 64u) || g_cop.ops != ops || g_cop.wwords != ww ||
            cop_rd(ST_COP_OPS_OFFSET) != ops_reg) {
            printf("FAIL item %u layer %u (%s): a rejected layer (%s) returned %d or changed something SEED=%llu "
                   "only=%u\n",
                   (unsigned)k, (unsigned)i, desc, st_cop_strerror(want), (int)got, (unsigned long long)g_seed,
                   (unsigned)k);
            ok = 0;
        }
        g_st.rejected[want]++;
        free(scratch);
        free(in_packed);
        return ok ? -1 : 0;
    }

    /* the two golden forms */
    acc_mac = (int32_t *)xmalloc(4u * nout);
    acc_bp = (int32_t *)xmalloc(4u * nout);
    st_conv_acc_mac(l, net->codes[i], acc_mac);
    st_conv_acc_bitplane_rows(l, bytes, in_packed, w_packed, 0, oh, acc_bp);
    for (uint32_t e = 0; e < nout; e++) {
        if (acc_bp[e] != acc_mac[e]) {
            printf("FAIL item %u layer %u (%s): the golden forms disagree at element %u: bit-plane %d, MAC %d "
                   "SEED=%llu only=%u\n",
                   (unsigned)k, (unsigned)i, desc, (unsigned)e, (int)acc_bp[e], (int)acc_mac[e],
                   (unsigned long long)g_seed, (unsigned)k);
            free(acc_mac);
            free(acc_bp);
            free(in_packed);
            return 0;
        }
    }

    /* With st_cop_scratch_words_whole() the driver builds each pixel's operations once and replays them
     * for every tile; with less (the minimum, or a size in between) it issues them from the window for
     * every tile. Every layer takes one of the three sizes at random; each must give the same accumulators. */
    min_words = st_cop_scratch_words(l, bytes);
    whole_words = st_cop_scratch_words_whole(l, bytes);
    switch (st_rng_below(rng, 3u)) {
    case 0:
        scratch_words = min_words;
        g_st.scratch_min++;
        break;
    case 1:
        scratch_words = whole_words;
        g_st.scratch_whole++;
        break;
    default:
        scratch_words = min_words + st_rng_below(rng, whole_words - min_words + 1u);
        g_st.scratch_between++;
        break;
    }
    scratch = (uint32_t *)xmalloc(4u * scratch_words);
    group = expect_entries(l, bytes, g_cop.depth) / per;
    group = group < tiles ? group : tiles;
    groups = cdiv(tiles, group);
    g_st.multi_group_layers += groups > 1u;
    g_st.partial_tile_layers += oc % g_cop.pe != 0u;
    g_st.bytes_layers += bytes;
    g_st.res_layers += l->res_src >= 0;

    cop_wr(ST_COP_OPS_OFFSET, (uint32_t)st_rng_next(rng)); /* any value clears it */
    if (cop_rd(ST_COP_OPS_OFFSET) != 0u) {
        printf("FAIL item %u layer %u: OPS is not 0 after a write\n", (unsigned)k, (unsigned)i);
        ok = 0;
    }
    ops_before = g_cop.ops;
    ww_before = g_cop.wwords;
    cyc0 = cop_sim_cycles();
    nb = make_bands(rng, oh, y0, y1, &shuffled);
    g_st.shuffled_layers += shuffled;
    for (uint32_t b = 0; b < nb && ok; b++) {
        const uint32_t n = (y1[b] - y0[b]) * row_elems;
        uint32_t ww = g_cop.wwords, want_ww;
        if (b > 0u && st_rng_pct(rng, 15u)) {
            st_cop_invalidate(&g_cop);
            g_st.invalidates++;
            resident = 0;
        }
        acc = (int32_t *)xmalloc(4u * n);
        sentinel(acc, n);
        if (st_rng_pct(rng, 5u)) {
            /* one word short: ERR_SCRATCH before anything happens */
            uint32_t ops = g_cop.ops, opsr = cop_rd(ST_COP_OPS_OFFSET);
            got = st_cop_conv_acc_rows(&g_cop, l, bytes, in_packed, w_packed, y0[b], y1[b], acc, scratch,
                                       min_words - 1u);
            g_st.scratch_checks++;
            if (got != ST_COP_ERR_SCRATCH || !untouched(acc, n) || g_cop.ops != ops || g_cop.wwords != ww ||
                cop_rd(ST_COP_OPS_OFFSET) != opsr) {
                printf("FAIL item %u layer %u (%s): a scratch buffer one word short returned %d or changed "
                       "something SEED=%llu only=%u\n",
                       (unsigned)k, (unsigned)i, desc, (int)got, (unsigned long long)g_seed, (unsigned)k);
                ok = 0;
            }
        }
        got = st_cop_conv_acc_rows(&g_cop, l, bytes, in_packed, w_packed, y0[b], y1[b], acc, scratch, scratch_words);
        g_st.bands++;
        if (got != ST_COP_OK) {
            printf("FAIL item %u layer %u (%s): st_cop_conv_acc_rows rows %u..%u returned %d (%s) SEED=%llu only=%u\n",
                   (unsigned)k, (unsigned)i, desc, (unsigned)y0[b], (unsigned)y1[b], (int)got, st_cop_strerror(got),
                   (unsigned long long)g_seed, (unsigned)k);
            ok = 0;
        }
        for (uint32_t e = 0; e < n && ok; e++) {
            const uint32_t ge = y0[b] * row_elems + e;
            if (acc[e] != acc_bp[ge] || acc[e] != acc_mac[ge]) {
                const uint32_t pix = ge / oc;
                if (bad < MAX_REPORT) {
                    printf("FAIL item %u layer %u (%s) band %u..%u: (y %u, x %u, c %u): expected %d (bit-plane) / %d "
                           "(MAC), cop %d SEED=%llu only=%u\n",
                           (unsigned)k, (unsigned)i, desc, (unsigned)y0[b], (unsigned)y1[b], (unsigned)(pix / ow),
                           (unsigned)(pix % ow), (unsigned)(ge % oc), (int)acc_bp[ge], (int)acc_mac[ge], (int)acc[e],
                           (unsigned long long)g_seed, (unsigned)k);
                }
                bad++;
            }
        }
        /* residency: all tiles in one group load once and stay; several groups reload on every band */
        want_ww = (groups == 1u && resident) ? 0u : oc * per;
        if (ok && g_cop.wwords - ww != want_ww) {
            printf("FAIL item %u layer %u (%s) band %u..%u: the driver wrote %u weight words, expected %u (%u tile "
                   "groups, %s) SEED=%llu only=%u\n",
                   (unsigned)k, (unsigned)i, desc, (unsigned)y0[b], (unsigned)y1[b], (unsigned)(g_cop.wwords - ww),
                   (unsigned)want_ww, (unsigned)groups, resident ? "resident" : "not resident",
                   (unsigned long long)g_seed, (unsigned)k);
            ok = 0;
        }
        g_st.resident_bands += want_ww == 0u;
        resident = groups == 1u;
        free(acc);
    }
    if (bad != 0u) {
        printf("  item %u layer %u: %u mismatching accumulators\n", (unsigned)k, (unsigned)i, (unsigned)bad);
        ok = 0;
    }
    if (ok) {
        const uint32_t ops_reg = cop_rd(ST_COP_OPS_OFFSET), mode = cop_rd(ST_COP_MODE_OFFSET);
        const uint32_t status = cop_rd(ST_COP_STATUS_OFFSET);
        if (ops_reg != g_cop.ops - ops_before) {
            printf("FAIL item %u layer %u (%s): OPS register %u, the driver issued %u SEED=%llu only=%u\n", (unsigned)k,
                   (unsigned)i, desc, (unsigned)ops_reg, (unsigned)(g_cop.ops - ops_before), (unsigned long long)g_seed,
                   (unsigned)k);
            ok = 0;
        }
        const uint32_t want_mode =
            (l->w_bits == 1u ? ST_COP_MODE_DBL_Msk : 0u) | (expect_bm(l, bytes) ? ST_COP_MODE_BYTES_Msk : 0u);
        if (mode != want_mode || (status & ST_COP_STATUS_BUSY_Msk) != 0u) {
            printf("FAIL item %u layer %u (%s): after the layer MODE 0x%x (expected 0x%x), STATUS 0x%x SEED=%llu "
                   "only=%u\n",
                   (unsigned)k, (unsigned)i, desc, (unsigned)mode, (unsigned)want_mode, (unsigned)status,
                   (unsigned long long)g_seed, (unsigned)k);
            ok = 0;
        }
    }
    g_st.ops += g_cop.ops - ops_before;
    g_st.wwords += g_cop.wwords - ww_before;
    if (ok && !l->out.is_int32) {
        ok = run_codes(k, rng, l, bytes, desc, in_packed, w_packed, acc_bp, scratch, scratch_words);
    }
    g_st.cycles += cop_sim_cycles() - cyc0;
    if (cop_sim_get_idle() == 0u) {
        g_st.ops0 += g_cop.ops - ops_before;
        g_st.cycles0 += cop_sim_cycles() - cyc0;
    }
    g_st.outputs += nout;
    if (ok) {
        g_st.layers_run++;
        g_st.enc_seen[st_rand_enc_row(tin, bytes)][l->w_bits]++;
        if (expect_bm(l, bytes)) {
            g_st.enc_bm[st_rand_enc_row(tin, bytes)]++;
            g_st.bm_layers++;
        } else if (bytes) {
            g_st.bytes_bp_layers++;
        }
    }
    free(scratch);
    free(acc_mac);
    free(acc_bp);
    free(in_packed);
    return ok;
}

/* A layer reading a 5..16-bit PLANES tensor (what a GSUM writes), w_bits given, within the budget. */
static st_status_t wide_layer(st_rng_t *rng, const st_rand_limits_t *lim, uint32_t w_bits, st_pool_t *pool,
                              st_rand_net_t *net)
{
    st_layer_t s;
    for (uint32_t attempt = 0; attempt < 100u; attempt++) {
        uint64_t wmax, taps, cost;
        memset(&s, 0, sizeof s);
        s.res_src = -1;
        s.type = st_rng_pct(rng, 50u) ? ST_LAYER_DENSE : ST_LAYER_CONV;
        s.w_bits = (uint8_t)w_bits;
        s.in.bits = (uint8_t)st_rng_range(rng, 5, 16);
        s.in.c = (uint16_t)st_rng_range(rng, 1, st_rng_pct(rng, 50u) ? 12 : 70);
        if (s.type == ST_LAYER_DENSE) {
            s.in.h = (uint16_t)st_rng_range(rng, 1, 3);
            s.in.w = (uint16_t)st_rng_range(rng, 1, 3);
            s.kh = (uint8_t)s.in.h;
            s.kw = (uint8_t)s.in.w;
            s.stride = 1u;
        } else {
            s.in.h = (uint16_t)st_rng_range(rng, 1, 7);
            s.in.w = (uint16_t)st_rng_range(rng, 1, 7);
            s.kh = (uint8_t)st_rng_range(rng, 1, 3);
            s.kw = (uint8_t)st_rng_range(rng, 1, 3);
            s.stride = (uint8_t)st_rng_range(rng, 1, 2);
            s.pad = (uint8_t)st_rng_below(rng, (s.kh > s.kw ? s.kh : s.kw));
            if (s.in.h + 2u * s.pad < s.kh || s.in.w + 2u * s.pad < s.kw) {
                continue;
            }
        }
        s.out_bits = (uint8_t)st_rng_below(rng, 5u);
        s.out_bipolar = (uint8_t)(s.out_bits == 1u && st_rng_pct(rng, 40u));
        s.out.c = (uint16_t)st_rng_range(rng, 1, 40);
        s.out.h = (uint16_t)((s.in.h + 2u * s.pad - s.kh) / s.stride + 1u);
        s.out.w = (uint16_t)((s.in.w + 2u * s.pad - s.kw) / s.stride + 1u);
        s.out.bits = (uint8_t)(s.out_bits ? s.out_bits : 32u);
        s.out.bipolar = s.out_bipolar;
        s.out.is_int32 = (uint8_t)(s.out_bits == 0u);
        /* numerics.md §8: the accumulator bound must fit int32 (with room for a bias) */
        wmax = w_bits == 1u ? 1u : (1u << (w_bits - 1u));
        taps = (uint64_t)s.kh * s.kw;
        while (s.in.bits > 5u && taps * s.in.c * ((1u << s.in.bits) - 1u) * wmax > 0x3FFFFFFFull) {
            s.in.bits--;
        }
        while (s.in.c > 1u && taps * s.in.c * ((1u << s.in.bits) - 1u) * wmax > 0x3FFFFFFFull) {
            s.in.c = (uint16_t)(s.in.c / 2u);
        }
        cost = (uint64_t)s.out.h * s.out.w * s.out.c * taps * s.in.c * s.in.bits * w_bits;
        if (cost > lim->max_bitmacs || w_bits * taps * cdiv(s.in.c, 32u) > lim->max_wtile_words ||
            taps * s.in.c * ((1u << s.in.bits) - 1u) * wmax > 0x3FFFFFFFull) {
            continue;
        }
        return st_rand_fixed_layer(rng, pool, &s, 0, net);
    }
    return ST_ERR_ARG;
}

/* A DENSE layer whose weights per channel (w_bits x KWORDS) are within two words of the PE memory's size
 * (of MODE.BYTES's 64 entries for an unsigned BYTES input on a coprocessor with CAPS.BYTES):
 * KWORDS = entries / w_bits + (-1, 0, +1 or +2), so about half fit exactly or nearly (one tile per group,
 * reloaded for every band) and the rest must be rejected with ERR_WBUF. PLANES or BYTES input. */
static st_status_t edge_layer(st_rng_t *rng, uint32_t depth, uint32_t pe, st_pool_t *pool, st_rand_net_t *net)
{
    static const int32_t deltas[] = {-1, 0, 0, 1, 2};
    st_layer_t s;
    for (uint32_t attempt = 0; attempt < 100u; attempt++) {
        const uint32_t m = 1u + st_rng_below(rng, 8u);
        int bytes = st_rng_pct(rng, 40u);
        const uint32_t bits = 1u + st_rng_below(rng, bytes ? 8u : 4u);
        const uint8_t bip = (uint8_t)(bits == 1u && st_rng_pct(rng, 40u));
        const uint32_t cap = (bytes && !bip && cop_sim_build_bytes() != 0u && depth > 64u) ? 64u : depth;
        const int32_t kw_target = (int32_t)(cap / m) + deltas[st_rng_below(rng, 5u)];
        const uint32_t kwords = kw_target < 1 ? 1u : (uint32_t)kw_target;
        uint32_t h = 0, w = 0, c = 0;
        memset(&s, 0, sizeof s);
        if (!bytes) {
            /* kwords = h * w * ceil(c / 32): some cw dividing kwords, then h x w with both <= 255 */
            for (uint32_t cw = 1; cw <= 32u && h == 0u; cw++) {
                const uint32_t taps = kwords / cw;
                if (kwords % cw != 0u || (cw > 1u && st_rng_pct(rng, 50u))) {
                    continue;
                }
                for (uint32_t hh = 1; hh <= 255u; hh++) {
                    if (taps % hh == 0u && taps / hh <= 255u) {
                        h = hh;
                        w = taps / hh;
                        c = 32u * (cw - 1u) + 1u + st_rng_below(rng, 32u);
                        break;
                    }
                }
            }
            bytes = h == 0u; /* kwords prime and > 255: BYTES below */
        }
        if (bytes) {
            /* kwords = ceil(h * w * c / 32) */
            h = 1u + st_rng_below(rng, 6u);
            w = 1u + st_rng_below(rng, 6u);
            c = (32u * kwords) / (h * w);
            if (c < 1u || c > 1024u || (h * w * c + 31u) / 32u != kwords) {
                continue;
            }
        }
        s.type = ST_LAYER_DENSE;
        s.res_src = -1;
        s.in.h = (uint16_t)h;
        s.in.w = (uint16_t)w;
        s.in.c = (uint16_t)c;
        s.in.bits = (uint8_t)bits;
        s.in.bipolar = bip;
        s.kh = (uint8_t)h;
        s.kw = (uint8_t)w;
        s.stride = 1u;
        s.w_bits = (uint8_t)m;
        s.out_bits = (uint8_t)st_rng_below(rng, 5u);
        s.out_bipolar = (uint8_t)(s.out_bits == 1u && st_rng_pct(rng, 40u));
        s.out.h = s.out.w = 1u;
        s.out.c = (uint16_t)(1u + st_rng_below(rng, 2u * pe + 1u));
        s.out.bits = (uint8_t)(s.out_bits ? s.out_bits : 32u);
        s.out.bipolar = s.out_bipolar;
        s.out.is_int32 = (uint8_t)(s.out_bits == 0u);
        return st_rand_fixed_layer(rng, pool, &s, bytes, net);
    }
    return ST_ERR_ARG;
}

static int run_item(uint32_t k, const st_rand_limits_t *lim_base, uint32_t idle_arg)
{
    static st_rand_net_t net;
    static const void *prev_w;
    st_rand_limits_t lim = *lim_base;
    st_pool_t pool;
    st_rng_t rng;
    st_status_t gs;
    int forced, ok = 1;
    uint32_t pair;
    item_kind_t kind = item_kind(k, &forced, &pair);

    st_rng_seed(&rng, item_seed(g_seed, k));
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    if (idle_arg != UINT32_MAX) {
        cop_sim_set_idle(idle_arg);
    } else {
        uint32_t r = st_rng_below(&rng, 100u);
        cop_sim_set_idle(r < 40u ? 0u : (r < 80u ? 1u + st_rng_below(&rng, 3u) : st_rng_below(&rng, 13u)));
    }
    if (kind == ITEM_CHAIN) {
        g_st.chain_items++;
        lim.max_in_planes = 16u; /* GSUM outputs up to 16 bits feed the next DENSE */
        gs = st_rand_chain(&rng, &lim, 2u + st_rng_below(&rng, 4u), &pool, &net);
    } else if (kind == ITEM_EDGE) {
        g_st.edge_items++;
        gs = edge_layer(&rng, g_cop.depth, g_cop.pe, &pool, &net);
    } else if (kind == ITEM_WIDE) {
        g_st.wide_items++;
        gs = wide_layer(&rng, &lim, 1u + (k / 14u) % 8u, &pool, &net);
    } else {
        g_st.single_items++;
        if (forced) {
            uint32_t row = pair / 8u;
            g_st.forced_items++;
            lim.force_enc = (int)(row >= ST_RAND_ENC_WIDE ? row + 1u : row);
            lim.force_wbits = 1u + pair % 8u;
        } else if (st_rng_pct(&rng, 25u)) {
            lim.max_wtile_words = 0u; /* no weight-memory limit: the odd large layer is rejected */
            lim.bytes_kwords = 0u;
        }
        /* pools and GSUM are not the coprocessor's: draw again (the forced pair needs a CONV / DENSE) */
        for (uint32_t t = 0; t < 50u; t++) {
            st_pool_reset(&pool);
            gs = st_rand_layer(&rng, &lim, &pool, &net);
            if (gs != ST_OK || net.l[0].type == ST_LAYER_CONV || net.l[0].type == ST_LAYER_DENSE) {
                break;
            }
        }
    }
    if (gs != ST_OK) {
        printf("item %u: the generator failed (%s) SEED=%llu only=%u\n", (unsigned)k, st_status_str(gs),
               (unsigned long long)g_seed, (unsigned)k);
        g_st.gen_fail++;
        return 0;
    }
    for (uint32_t i = 0; i < net.n_layers; i++) {
        int r;
        if (net.l[i].type != ST_LAYER_CONV && net.l[i].type != ST_LAYER_DENSE) {
            continue;
        }
        r = run_layer(k, &rng, &net, i, &prev_w);
        if (r == 0) {
            ok = 0;
        }
    }
    return ok; /* a rejected layer passes when the driver rejected it as expected and changed nothing */
}

static void print_summary(uint32_t forced_planned)
{
    static const char *const names[ENC_ROWS] = {"bipolar", "1-bit", "2-bit", "3-bit", "4-bit", "GSUM out",
                                                 "BYTES 1", "BYTES 2", "BYTES 3", "BYTES 4", "BYTES 5",
                                                 "BYTES 6", "BYTES 7", "BYTES 8", "BYTES bip"};
    uint32_t pairs = 0, rows_missing = 0, widths_missing = 0, rejected = 0;
    cop_sim_stats_t bus;
    cop_sim_get_stats(&bus);
    for (uint32_t s = 1; s <= ST_COP_ERR_CODES; s++) {
        rejected += g_st.rejected[s];
    }
    printf("sweep: %u items (%u single, %u chains, %u wide-input, %u weight-memory edge; %u forced pairs): %u CONV "
           "/ DENSE layers tried, %u run and checked, %u rejected by the driver (ERR_WBUF %u, ERR_LAYER %u, other %u)\n",
           (unsigned)g_st.items, (unsigned)g_st.single_items, (unsigned)g_st.chain_items, (unsigned)g_st.wide_items,
           (unsigned)g_st.edge_items,
           (unsigned)g_st.forced_items, (unsigned)g_st.layers_tried, (unsigned)g_st.layers_run, (unsigned)rejected,
           (unsigned)g_st.rejected[ST_COP_ERR_WBUF], (unsigned)g_st.rejected[ST_COP_ERR_LAYER],
           (unsigned)(rejected - g_st.rejected[ST_COP_ERR_WBUF] - g_st.rejected[ST_COP_ERR_LAYER]));
    printf("sweep: %llu accumulators compared; %u bands (%u layers in shuffled order), %u with the weights already "
           "resident; %u st_cop_invalidate calls; %u layers of several tile groups, %u with out_c not a multiple of "
           "PE; %u BYTES-input layers, %u residual layers; %u ERR_SCRATCH and %u rejected-layer no-op checks\n",
           (unsigned long long)g_st.outputs, (unsigned)g_st.bands, (unsigned)g_st.shuffled_layers,
           (unsigned)g_st.resident_bands, (unsigned)g_st.invalidates, (unsigned)g_st.multi_group_layers,
           (unsigned)g_st.partial_tile_layers, (unsigned)g_st.bytes_layers, (unsigned)g_st.res_layers,
           (unsigned)g_st.scratch_checks, (unsigned)g_st.reject_checks);
    printf("sweep: scratch per layer: %u at the minimum and %u in between (operations issued from the window), "
           "%u whole (a program per pixel, replayed per tile)\n",
           (unsigned)g_st.scratch_min, (unsigned)g_st.scratch_between, (unsigned)g_st.scratch_whole);
    printf("sweep: %llu operations (OPS = driver count on every layer), %llu weight words, %llu bus accesses, "
           "%llu cycles in layer calls: %.3f operations per cycle; back to back (idle 0) %.3f; %llu accesses "
           "waited on req_ready (%llu cycles: ACC reads held until the array drained)\n",
           (unsigned long long)g_st.ops, (unsigned long long)g_st.wwords,
           (unsigned long long)(bus.reads + bus.writes), (unsigned long long)g_st.cycles,
           g_st.cycles ? (double)g_st.ops / (double)g_st.cycles : 0.0,
           g_st.cycles0 ? (double)g_st.ops0 / (double)g_st.cycles0 : 0.0, (unsigned long long)bus.acc_stalls,
           (unsigned long long)bus.stall_cycles);
    printf("sweep: CONV / DENSE layers run per (input encoding x weight bits) pair (MODE.BYTES: of the row's "
           "layers, those run in the bytes multiply-accumulate mode):\n            ");
    for (uint32_t w = 1; w <= 8u; w++) {
        if (w == 1u) {
            printf(" %-6s", "wbip");
        } else {
            printf(" w%-5u", (unsigned)w);
        }
    }
    printf(" MODE.BYTES\n");
    for (uint32_t a = 0; a < ENC_ROWS; a++) {
        uint32_t row = 0;
        printf("  %-10s", names[a]);
        for (uint32_t w = 1; w <= 8u; w++) {
            printf(" %-6u", (unsigned)g_st.enc_seen[a][w]);
            row += g_st.enc_seen[a][w];
            if (a != ST_RAND_ENC_WIDE) {
                pairs += g_st.enc_seen[a][w] != 0u;
            }
        }
        if (a >= ST_RAND_ENC_BYTES1) {
            printf(" %u", (unsigned)g_st.enc_bm[a]);
        }
        printf("\n");
        rows_missing += row == 0u;
    }
    for (uint32_t w = 1; w <= 8u; w++) {
        uint32_t col = 0;
        for (uint32_t a = 0; a < ENC_ROWS; a++) {
            col += g_st.enc_seen[a][w];
        }
        widths_missing += col == 0u;
    }
    printf("sweep: %u of %u (input encoding x weight width) pairs exercised (+ GSUM-out row)\n", (unsigned)pairs,
           (unsigned)N_PAIRS);
    printf("sweep: BYTES-input layers: %u in MODE.BYTES, %u through bit planes (%s)\n", (unsigned)g_st.bm_layers,
           (unsigned)g_st.bytes_bp_layers,
           cop_sim_build_bytes() ? "bipolar inputs" : "this build has no MODE.BYTES");
    printf("sweep: threshold unit (CAPS.THR %u): %u layers tried, %u run with every output word checked "
           "(1/2/3/4-bit codes: %u/%u/%u/%u), %u refused as expected\n",
           (unsigned)g_cop.thr, (unsigned)g_st.codes_tried, (unsigned)g_st.codes_run, (unsigned)g_st.codes_bits[1],
           (unsigned)g_st.codes_bits[2], (unsigned)g_st.codes_bits[3], (unsigned)g_st.codes_bits[4],
           (unsigned)g_st.codes_refused);
    if (g_cop.thr != ((cop_sim_build_pe() <= 8u && 32u % cop_sim_build_pe() == 0u) ? 1u : 0u)) {
        printf("FAIL CAPS.THR is %u on a %u-PE build\n", (unsigned)g_cop.thr, (unsigned)cop_sim_build_pe());
        g_st.fail++;
    }
    if (forced_planned >= N_PAIRS && g_cop.thr && 32u % g_cop.pe == 0u &&
        (g_st.codes_bits[1] == 0u || g_st.codes_bits[2] == 0u || g_st.codes_bits[3] == 0u ||
         g_st.codes_bits[4] == 0u)) {
        printf("FAIL coverage: the threshold unit did not run every code width\n");
        g_st.fail++;
    }
    if (forced_planned >= N_PAIRS) {
        /* long enough that the schedule forced every pair: a gap is a generator or harness regression */
        if (rows_missing != 0u || widths_missing != 0u || pairs != N_PAIRS) {
            printf("FAIL coverage: %u encoding rows and %u weight widths never ran, %u of %u pairs\n",
                   (unsigned)rows_missing, (unsigned)widths_missing, (unsigned)pairs, (unsigned)N_PAIRS);
            g_st.fail++;
        }
        if (cop_sim_build_bytes() && g_st.bm_layers == 0u) {
            printf("FAIL coverage: no layer ran in MODE.BYTES\n");
            g_st.fail++;
        }
    } else {
        printf("sweep: coverage not enforced (%u forced items scheduled, %u needed)\n", (unsigned)forced_planned,
               (unsigned)N_PAIRS);
    }
    if (g_st.layers_tried != 0u && (g_st.layers_run == 0u || 5u * rejected > g_st.layers_tried)) {
        printf("FAIL the driver rejected %u of %u layers (more than 20 %%): the sweep limits are wrong\n",
               (unsigned)rejected, (unsigned)g_st.layers_tried);
        g_st.fail++;
    }
}

int cop_sweep(uint64_t seed, int argc, char **argv)
{
    st_rand_limits_t lim;
    st_cop_status_t s;
    uint32_t n = (uint32_t)cop_arg(argc, argv, "layers", 300);
    uint64_t only = cop_arg(argc, argv, "only", UINT64_MAX);
    uint32_t idle = (uint32_t)cop_arg(argc, argv, "idle", UINT32_MAX);
    uint32_t forced_planned = 0;

    memset(&g_st, 0, sizeof g_st);
    g_seed = seed;
    s = st_cop_probe(&g_cop, ST_COP_BASE);
    if (s != ST_COP_OK || g_cop.pe != cop_sim_build_pe() || g_cop.depth != cop_sim_build_depth()) {
        printf("FAIL st_cop_probe: %s, PE %u depth %u (built with %u, %u)\n", st_cop_strerror(s), (unsigned)g_cop.pe,
               (unsigned)g_cop.depth, (unsigned)cop_sim_build_pe(), (unsigned)cop_sim_build_depth());
        printf("cop-sweep: 0 passed, 1 failed\n");
        return 1;
    }
    g_pool_mem = (uint8_t *)xmalloc(POOL_BYTES);
    st_rand_limits_default(&lim, g_cop.pe, 32u);
    lim.max_wtile_words = g_cop.depth; /* one output channel's weights fit a PE's memory */
    /* a BYTES input's KWORDS: 8 x 8-bit weights fit MODE.BYTES's 64 entries */
    lim.bytes_kwords = cop_sim_build_bytes() ? (g_cop.depth < 64u ? g_cop.depth : 64u) / 8u : 0u;
    lim.max_bitmacs = cop_arg(argc, argv, "budget", lim.max_bitmacs);
    for (uint32_t k = 0; k < n; k++) {
        int f;
        uint32_t p;
        if (item_kind(k, &f, &p) == ITEM_SINGLE && f) {
            forced_planned++;
        }
    }
    printf("sweep: %u items, per-layer budget %llu bit-MACs, PE %u, weight memory %u words per PE\n", (unsigned)n,
           (unsigned long long)lim.max_bitmacs, (unsigned)g_cop.pe, (unsigned)g_cop.depth);
    fflush(stdout);
    for (uint32_t k = 0; k < n; k++) {
        int r;
        if (only != UINT64_MAX && k != only) {
            continue;
        }
        g_st.items++;
        r = run_item(k, &lim, idle);
        if (r > 0) {
            g_st.pass++;
        } else if (r == 0) {
            g_st.fail++;
        }
        if ((k + 1u) % 100u == 0u) {
            printf("  ... %u items, %u failed\n", (unsigned)(k + 1u), (unsigned)g_st.fail);
            fflush(stdout);
        }
    }
    print_summary(only == UINT64_MAX ? forced_planned : 0u);
    free(g_pool_mem);
    printf("cop-sweep: %u passed, %u failed\n", (unsigned)g_st.pass, (unsigned)g_st.fail);
    return g_st.fail != 0u;
}
