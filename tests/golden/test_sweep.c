/* SPDX-License-Identifier: Apache-2.0 */
/* test_sweep.c - random-layer sweep: the MAC form and the bit-plane form of the golden model must agree
 * on every accumulator and every output code / int32 of every layer.
 *
 *   test_sweep [--layers N] [--seed S] [--only I] [--verbose]
 *
 * Layer i draws everything from its own generator seeded with (S, i), so `--seed S --only I` replays
 * layer I of a run alone. Without --seed the seed comes from the clock and is printed first.
 *
 * Six layers in eight are CONV / DENSE, visiting the 15 activation encodings x 8 weight widths round
 * robin (PLANES unsigned 1..4 bits, PLANES bipolar, PLANES 5..16 bits as after a GSUM, BYTES 1..8 bits,
 * BYTES bipolar; weights bipolar and 2..8 bits); one in eight is MAXPOOL, one GSUM (checked against the
 * plain loops of the MAC form). Thresholds are drawn from the accumulators themselves (exact ties), from
 * the extremes (INT32_MIN / INT32_MAX, the clipped bounds -B and B+1) and at random; signs are +-1.
 * With at least 1000 layers the run also asserts that each of those cases was actually hit. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "st_golden.h"
#include "st_test.h"

#define N_ENC 15
#define N_WB 8
#define N_PAIRS (N_ENC * N_WB)
#define MAX_ELEMS (1u << 17)
#define MAX_WEIGHTS (1u << 19)
#define OPS_BUDGET 300000u

static const char *const enc_name[N_ENC] = {"planes u1", "planes u2", "planes u3", "planes u4", "planes bip",
                                           "planes wide", "bytes u1", "bytes u2", "bytes u3", "bytes u4",
                                           "bytes u5", "bytes u6", "bytes u7", "bytes u8", "bytes bip"};

/* ---- buffers (host test: plain static arrays) -------------------------------------------------- */

static uint16_t g_in[MAX_ELEMS], g_res[MAX_ELEMS];
static int8_t g_w[MAX_WEIGHTS];
static int32_t g_thr[1024 * 15], g_mult[1024], g_bias[1024];
static int8_t g_sign[1024];
static int32_t g_acc_mac[MAX_ELEMS], g_acc_bp[MAX_ELEMS], g_post[MAX_ELEMS];
static uint16_t g_code_mac[MAX_ELEMS], g_code_bp[MAX_ELEMS];
static int32_t g_int_mac[MAX_ELEMS], g_int_bp[MAX_ELEMS];
static uint32_t g_in_pk[MAX_ELEMS * 2], g_res_pk[MAX_ELEMS * 2], g_w_pk[MAX_WEIGHTS], g_p_pk[1024 * 16];
static uint32_t g_out_pk[MAX_ELEMS * 2];
static int32_t g_acc_bm[MAX_ELEMS];       /* BYTES layers: st_conv_acc_bytes_mac_rows() */
static int16_t g_wbuf[MAX_WEIGHTS];

/* ---- statistics and coverage ------------------------------------------------------------------ */

static struct {
    unsigned pair[N_PAIRS];
    unsigned conv, dense, maxpool, gsum, residual, out_layer, bipolar_pad, wide_c, stride_gt1, k7, tiny;
    unsigned neg_sign, extreme_thr, extreme_w, ties, res_bytes, res_wide, res_bip, bias_extreme, gsum_full;
    unsigned bytes_mac, bytes_mac_bip;
    unsigned long long elems;
} cov;

static unsigned verbose, mismatching_layers;
static uint64_t g_seed;
static const char *g_prog = "test_sweep";

typedef struct {
    st_layer_t l;
    st_tensor_t res_t;
    int in_bytes, res_bytes;
    uint32_t index;
    int enc;
} case_t;

static st_tensor_t tensor(uint32_t h, uint32_t w, uint32_t c, uint32_t bits, uint32_t bip)
{
    st_tensor_t t;
    memset(&t, 0, sizeof t);
    t.h = (uint16_t)h;
    t.w = (uint16_t)w;
    t.c = (uint16_t)c;
    t.bits = (uint8_t)bits;
    t.bipolar = (uint8_t)bip;
    return t;
}

static uint32_t pick_channels(st_rng_t *r)
{
    static const uint32_t special[] = {1, 2, 3, 5, 7, 15, 31, 32, 33, 63, 64, 65, 95, 97, 127};
    if (rng_chance(r, 1, 2)) {
        return special[rng_next(r) % (sizeof special / sizeof special[0])];
    }
    return (uint32_t)rng_range(r, 1, rng_chance(r, 1, 3) ? 130 : 12);
}

/* Fill n codes of a tensor with one of several distributions. */
static void fill_codes(st_rng_t *r, uint16_t *q, uint32_t n, uint32_t bits)
{
    const uint32_t max = (1u << bits) - 1u;
    const uint32_t style = (uint32_t)(rng_next(r) % 10u);
    uint32_t i;
    for (i = 0; i < n; i++) {
        uint32_t v;
        switch (style) {
        case 0: v = max; break;                                           /* all at the maximum */
        case 1: v = 0; break;                                             /* all zero */
        case 2: case 3: v = rng_chance(r, 1, 8) ? (uint32_t)rng_range(r, 0, max) : 0u; break; /* sparse */
        case 4: v = rng_chance(r, 1, 2) ? max : 0u; break;                /* extremes */
        default: v = (uint32_t)rng_range(r, 0, max); break;              /* uniform */
        }
        q[i] = (uint16_t)v;
    }
}

static void fill_weights(st_rng_t *r, int8_t *w, uint32_t n, uint32_t m, unsigned *extreme)
{
    const int32_t lo = (m == 1u) ? -1 : -(1 << (m - 1u)), hi = (m == 1u) ? 1 : (1 << (m - 1u)) - 1;
    const uint32_t style = (uint32_t)(rng_next(r) % 10u);
    uint32_t i;
    if (style == 0u || style == 1u) {
        (*extreme)++;
    }
    for (i = 0; i < n; i++) {
        int32_t v;
        switch (style) {
        case 0: v = lo; break; /* all -2^(m-1) (or all -1 bipolar) */
        case 1: {              /* extremes and neighbours of zero */
            const int32_t pick[4] = {lo, hi, 0, -1};
            v = pick[rng_next(r) % 4u];
            break;
        }
        case 2: v = rng_chance(r, 1, 6) ? (int32_t)rng_range(r, lo, hi) : 0; break; /* sparse */
        case 3: v = hi; break;
        default: v = (int32_t)rng_range(r, lo, hi); break;
        }
        if (m == 1u && v == 0) {
            v = rng_chance(r, 1, 2) ? 1 : -1; /* bipolar has no zero */
        }
        w[i] = (int8_t)v;
    }
}

static int cmp_i32(const void *a, const void *b)
{
    const int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int32_t clip32(int64_t v)
{
    return v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : (int32_t)v;
}

static void describe(const case_t *k)
{
    const st_layer_t *l = &k->l;
    printf("  layer %" PRIu32 ": %s in %ux%ux%u %u-bit%s (%s), ", k->index, l->type == ST_LAYER_DENSE ? "DENSE" : "CONV",
           l->in.h, l->in.w, l->in.c, l->in.bits, l->in.bipolar ? " bipolar" : "", k->in_bytes ? "BYTES" : "PLANES");
    printf("k %" PRIu32 "x%" PRIu32 " s %" PRIu32 " p %" PRIu32 ", w_bits %u, out %ux%ux%u out_bits %u%s", st_layer_kh(l), st_layer_kw(l),
           st_layer_stride(l), st_layer_pad(l), l->w_bits, l->out.h, l->out.w, l->out.c, l->out_bits,
           l->out_bipolar ? " bipolar" : "");
    if (l->res_src >= 0) {
        printf(", residual %u-bit%s (%s)", k->res_t.bits, k->res_t.bipolar ? " bipolar" : "",
               k->res_bytes ? "BYTES" : "PLANES");
    }
    if (l->out_bits == 0u) {
        printf(", output layer%s", l->bias != NULL ? " + bias" : "");
    }
    printf("\n  replay this layer alone: %s --seed %llu --only %" PRIu32 "\n", g_prog, (unsigned long long)g_seed, k->index);
}

/* ---- CONV / DENSE ------------------------------------------------------------------------------ */

static int gen_conv(st_rng_t *r, uint32_t pair, uint32_t index, case_t *k)
{
    st_layer_t *l = &k->l;
    const int enc = (int)(pair / N_WB);
    const uint32_t m = pair % N_WB + 1u;
    uint32_t bits, bip, h, w, c, o, kh, kw, s, p, ho, wo, out_bits;
    uint64_t ops;

    memset(k, 0, sizeof *k);
    k->index = index;
    k->enc = enc;
    k->in_bytes = enc >= 6;
    if (enc < 4) {
        bits = (uint32_t)enc + 1u;
        bip = 0;
    } else if (enc == 4 || enc == 14) {
        bits = 1;
        bip = 1;
    } else if (enc == 5) {
        bits = (uint32_t)rng_range(r, 5, 16);
        bip = 0;
    } else {
        bits = (uint32_t)enc - 5u;
        bip = 0;
    }
    l->type = rng_chance(r, 1, 5) ? ST_LAYER_DENSE : ST_LAYER_CONV;
    c = pick_channels(r);
    o = rng_chance(r, 2, 5) ? (uint32_t)rng_range(r, 1, 8)
                            : (rng_chance(r, 1, 3) ? 31u + (uint32_t)rng_range(r, 0, 2) * 17u : (uint32_t)rng_range(r, 9, 70));
    if (l->type == ST_LAYER_CONV) {
        kh = (uint32_t)rng_range(r, 1, 7);
        kw = rng_chance(r, 1, 2) ? kh : (uint32_t)rng_range(r, 1, 7);
        s = (uint32_t)rng_range(r, 1, 4);
        p = rng_chance(r, 1, 3) ? 0u : (uint32_t)rng_range(r, 0, (kh > kw ? kh : kw) - 1u);
        h = rng_chance(r, 1, 3) ? (uint32_t)rng_range(r, 1, 3) : (uint32_t)rng_range(r, 1, 16);
        w = rng_chance(r, 1, 3) ? (uint32_t)rng_range(r, 1, 3) : (uint32_t)rng_range(r, 1, 16);
    } else {
        kh = kw = s = 1;
        p = 0;
        h = (uint32_t)rng_range(r, 1, 6);
        w = (uint32_t)rng_range(r, 1, 6);
    }
    /* Keep the layer computable (kernel fits the padded input, bound <= 2^31-1) and cheap. */
    for (;;) {
        uint64_t vmax = bip ? 1u : (1u << bits) - 1u, wmax = m == 1u ? 1u : 1u << (m - 1u);
        if (l->type == ST_LAYER_DENSE) {
            kh = h;
            kw = w;
        }
        if (h + 2u * p < kh) {
            h = kh - 2u * p;
        }
        if (w + 2u * p < kw) {
            w = kw - 2u * p;
        }
        ho = (h + 2u * p - kh) / s + 1u;
        wo = (w + 2u * p - kw) / s + 1u;
        ops = (uint64_t)ho * wo * o * kh * kw * c;
        if ((uint64_t)kh * kw * c * vmax * wmax > 0x7FFFFFFFu / 2u) { /* leave room for a residual */
            if (c > 1u) {
                c = (c + 1u) / 2u;
            } else if (l->type == ST_LAYER_DENSE) {
                h = h > 1u ? h - 1u : h;
                w = w > 1u ? w - 1u : w;
            } else {
                kh = kh > 1u ? kh - 1u : 1u;
                kw = kw > 1u ? kw - 1u : 1u;
                p = p >= (kh > kw ? kh : kw) ? (kh > kw ? kh : kw) - 1u : p;
            }
            continue;
        }
        if (ops > OPS_BUDGET || (uint64_t)ho * wo * o > MAX_ELEMS / 2u || (uint64_t)h * w * c > MAX_ELEMS / 2u) {
            uint32_t pick = (uint32_t)(rng_next(r) % 3u);
            if (pick == 0u && o > 1u) {
                o = (o + 1u) / 2u;
            } else if (pick == 1u && c > 1u) {
                c = (c + 1u) / 2u;
            } else if (h > 1u && h + 2u * p > kh) {
                h--;
            } else if (w > 1u && w + 2u * p > kw) {
                w--;
            } else if (o > 1u) {
                o = (o + 1u) / 2u;
            } else if (c > 1u) {
                c = (c + 1u) / 2u;
            } else {
                break;
            }
            continue;
        }
        break;
    }
    out_bits = rng_chance(r, 1, 6) ? 0u : (uint32_t)rng_range(r, 1, 4);
    l->kh = (uint8_t)(l->type == ST_LAYER_DENSE ? (h > 255u ? 0u : h) : kh);
    l->kw = (uint8_t)(l->type == ST_LAYER_DENSE ? (w > 255u ? 0u : w) : kw);
    l->stride = (uint8_t)s;
    l->pad = (uint8_t)p;
    l->w_bits = (uint8_t)m;
    l->out_bits = (uint8_t)out_bits;
    l->out_bipolar = (uint8_t)(out_bits == 1u && rng_chance(r, 1, 2));
    l->res_src = -1;
    l->in = tensor(h, w, c, bits, bip);
    l->out = tensor(ho, wo, o, out_bits == 0u ? 32u : out_bits, l->out_bipolar);
    l->out.is_int32 = (uint8_t)(out_bits == 0u);
    fill_weights(r, g_w, kh * kw * c * o, m, &cov.extreme_w);
    l->weights = g_w;
    fill_codes(r, g_in, h * w * c, bits);

    /* Residual: any code tensor of the output shape, in PLANES or (as the network input) BYTES. */
    if (rng_chance(r, 1, 4)) {
        const uint32_t re = (uint32_t)(rng_next(r) % 5u);
        uint32_t rbits = 1, rbip = 0, i;
        uint32_t mstyle = (uint32_t)(rng_next(r) % 4u);
        switch (re) {
        case 0: rbits = (uint32_t)rng_range(r, 1, 4); break;
        case 1: rbip = 1; break;
        case 2: rbits = (uint32_t)rng_range(r, 5, 16); cov.res_wide++; break;
        default: rbits = (uint32_t)rng_range(r, 1, 8); k->res_bytes = 1; cov.res_bytes++; break;
        }
        cov.res_bip += rbip;
        k->res_t = tensor(ho, wo, o, rbits, rbip);
        fill_codes(r, g_res, ho * wo * o, rbits);
        for (i = 0; i < o; i++) {
            const int32_t ext[5] = {-32768, 32767, -1, 0, 1};
            g_mult[i] = mstyle == 0u ? ext[rng_next(r) % 5u]
                        : mstyle == 1u ? (int32_t)rng_range(r, -4, 4) : (int32_t)rng_range(r, -32768, 32767);
        }
        l->res_src = 0;
        l->res_mult = g_mult;
        while (st_layer_bound(l, &k->res_t) > 0x7FFFFFFFu) {
            for (i = 0; i < o; i++) {
                g_mult[i] /= 2;
            }
        }
        cov.residual++;
    }
    if (st_weight_words(l, k->in_bytes) > MAX_WEIGHTS) {
        printf("FAIL layer %" PRIu32 ": packed weights exceed the test buffer\n", k->index);
        return 1;
    }
    return 0;
}

/* Thresholds, signs or bias, drawn after the accumulators are known so that ties are exact. */
static void gen_finish_params(st_rng_t *r, case_t *k)
{
    st_layer_t *l = &k->l;
    const uint32_t o_n = l->out.c, npix = (uint32_t)l->out.h * l->out.w, nt = st_layer_nt(l);
    uint64_t bound_noacc;
    uint32_t o, i, t;

    /* g_post: acc + M * v(r), computed here a third way from the MAC accumulators. */
    for (i = 0; i < npix * o_n; i++) {
        int64_t a = g_acc_mac[i];
        if (l->res_src >= 0) {
            const int32_t rv = k->res_t.bipolar ? (g_res[i] ? 1 : -1) : (int32_t)g_res[i];
            a += (int64_t)g_mult[i % o_n] * rv;
        }
        g_post[i] = (int32_t)a;
    }
    if (l->out_bits == 0u) {
        l->bias = NULL;
        if (rng_chance(r, 2, 3)) {
            const int64_t room = (int64_t)0x7FFFFFFF - (int64_t)st_layer_bound(l, l->res_src >= 0 ? &k->res_t : NULL);
            const int style = (int)(rng_next(r) % 3u);
            for (o = 0; o < o_n; o++) {
                g_bias[o] = style == 0 ? (int32_t)(rng_chance(r, 1, 2) ? room : -room)
                                       : (int32_t)rng_range(r, style == 1 ? -1000 : -room, style == 1 ? 1000 : room);
            }
            cov.bias_extreme += style == 0;
            l->bias = g_bias;
        }
        return;
    }
    bound_noacc = st_layer_bound(l, l->res_src >= 0 ? &k->res_t : NULL);
    for (o = 0; o < o_n; o++) {
        const int32_t sg = rng_chance(r, 1, 2) ? -1 : 1;
        const uint32_t style = (uint32_t)(rng_next(r) % 20u);
        int32_t *thr = g_thr + o * nt;
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        g_sign[o] = (int8_t)sg;
        cov.neg_sign += sg < 0;
        for (i = 0; i < npix; i++) {
            const int64_t v = (int64_t)sg * g_post[i * o_n + o];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        for (t = 0; t < nt; t++) {
            const int64_t sv = (int64_t)sg * g_post[(uint32_t)(rng_next(r) % npix) * o_n + o];
            int64_t v;
            if (style < 7u) { /* exact ties with values that occur, sometimes one off */
                v = sv + (rng_chance(r, 1, 5) ? rng_range(r, -1, 1) : 0);
            } else if (style < 10u) { /* extremes: the int32 range and the clipped bounds [-B, B+1] */
                const int64_t b = (int64_t)bound_noacc;
                const int64_t ext[6] = {INT32_MIN, INT32_MAX, -b, b + 1, 0, sv};
                v = ext[rng_next(r) % 6u];
                cov.extreme_thr++;
            } else if (style < 13u) { /* anywhere in [-B-2, B+2] */
                v = rng_range(r, -(int64_t)bound_noacc - 2, (int64_t)bound_noacc + 2);
            } else if (style < 15u) { /* all the same value, taken from the data */
                v = (t == 0u) ? sv : thr[0];
            } else { /* inside the observed range */
                v = rng_range(r, lo - 1, hi + 1);
            }
            thr[t] = clip32(v);
        }
        qsort(thr, nt, sizeof thr[0], cmp_i32);
        for (i = 0; i < npix; i++) {
            const int64_t v = (int64_t)sg * g_post[i * o_n + o];
            for (t = 0; t < nt; t++) {
                cov.ties += v == thr[t];
            }
        }
    }
    l->thresholds = g_thr;
    l->signs = g_sign;
}

static int run_conv_case(st_rng_t *r, case_t *k)
{
    st_layer_t *l = &k->l;
    const uint32_t o_n = l->out.c, n = (uint32_t)l->out.h * l->out.w * o_n;
    const st_tensor_t *res_t = l->res_src >= 0 ? &k->res_t : NULL;
    uint32_t i, bad = 0;
    st_diag_t d;

    st_conv_acc_mac(l, g_in, g_acc_mac);
    gen_finish_params(r, k);
    if (st_layer_check(l, res_t, &d) != ST_OK) {
        printf("FAIL layer %" PRIu32 ": generator made a layer st_layer_check rejects: %s\n", k->index, d.msg);
        describe(k);
        return 1;
    }
    st_finish(l, g_acc_mac, res_t, g_res, g_code_mac, g_int_mac);

    if (k->in_bytes) {
        st_pack_bytes(&l->in, g_in, g_in_pk);
    } else {
        st_pack_planes(&l->in, g_in, g_in_pk);
    }
    if (res_t != NULL) {
        if (k->res_bytes) {
            st_pack_bytes(res_t, g_res, g_res_pk);
        } else {
            st_pack_planes(res_t, g_res, g_res_pk);
        }
    }
    st_pack_weights(l, k->in_bytes, g_w_pk);
    st_pack_params(l, g_p_pk);
    st_conv_acc_bitplane(l, k->in_bytes, g_in_pk, g_w_pk, g_acc_bp);
    st_finish_packed(l, g_p_pk, g_acc_bp, res_t, k->res_bytes, g_res_pk, g_out_pk);
    if (l->out_bits == 0u) {
        memcpy(g_int_bp, g_out_pk, n * sizeof(int32_t));
    } else {
        st_unpack_planes(&l->out, g_out_pk, g_code_bp);
    }

    for (i = 0; i < n; i++) {
        const uint32_t o = i % o_n, px = i / o_n, y = px / l->out.w, x = px % l->out.w;
        const char *what = NULL;
        int64_t e = 0, a = 0;
        if (g_acc_mac[i] != g_acc_bp[i]) {
            what = "accumulator";
            e = g_acc_mac[i];
            a = g_acc_bp[i];
        } else if (l->out_bits == 0u && g_int_mac[i] != g_int_bp[i]) {
            what = "int32 output";
            e = g_int_mac[i];
            a = g_int_bp[i];
        } else if (l->out_bits != 0u && g_code_mac[i] != g_code_bp[i]) {
            what = "code";
            e = g_code_mac[i];
            a = g_code_bp[i];
        }
        if (what != NULL) {
            if (bad == 0u && mismatching_layers < 20u) {
                printf("MISMATCH layer %" PRIu32 " at (y=%" PRIu32 ", x=%" PRIu32 ", o=%" PRIu32 "): %s MAC=%lld bit-plane=%lld\n", k->index, y, x, o,
                       what, (long long)e, (long long)a);
                describe(k);
            }
            bad++;
        }
    }
    /* A BYTES layer also by the bytes-MAC form (the firmware's software path for first layers),
     * in two bands of rows as the firmware calls it, against the MAC form's accumulators. */
    if (k->in_bytes && st_bytes_mac_wbuf_len(l) <= MAX_WEIGHTS && st_layer_kh(l) * st_layer_kw(l) * l->in.c <= ST_BYTES_MAC_MAX_K) {
        const uint32_t ymid = l->out.h / 2u, row = l->out.w * o_n;
        uint32_t bm_bad = 0;
        if (st_bytes_mac_weights(l, g_w_pk, g_wbuf, MAX_WEIGHTS) != 0 ||
            st_bytes_mac_weights(l, g_w_pk, g_wbuf, st_bytes_mac_wbuf_len(l) - 1u) != -1) {
            printf("MISMATCH layer %" PRIu32 ": st_bytes_mac_weights refused a layer it should take, or took a short buffer\n", k->index);
            describe(k);
            bad++;
        } else {
            st_conv_acc_bytes_mac_rows(l, g_in_pk, g_wbuf, 0u, ymid, g_acc_bm);
            st_conv_acc_bytes_mac_rows(l, g_in_pk, g_wbuf, ymid, l->out.h, g_acc_bm + ymid * row);
            for (i = 0; i < n; i++) {
                if (g_acc_bm[i] != g_acc_mac[i]) {
                    if (bm_bad == 0u && mismatching_layers < 20u) {
                        printf("MISMATCH layer %" PRIu32 " at element %" PRIu32 ": accumulator MAC=%ld bytes-MAC=%ld\n", k->index,
                               i, (long)g_acc_mac[i], (long)g_acc_bm[i]);
                        describe(k);
                    }
                    bm_bad++;
                }
            }
            bad += bm_bad;
            cov.bytes_mac++;
            cov.bytes_mac_bip += l->in.bipolar;
        }
    }
    cov.elems += n;
    if (bad != 0u) {
        if (mismatching_layers < 20u) {
            printf("  %" PRIu32 " of %" PRIu32 " elements differ\n", bad, n);
        }
        mismatching_layers++;
    }
    return bad != 0u;
}

/* ---- pooling ---------------------------------------------------------------------------------- */

static int run_pool_case(st_rng_t *r, case_t *k, int gsum)
{
    st_layer_t *l = &k->l;
    uint32_t bits, bip = 0, h, w, c, n, i, bad = 0;
    const int enc = (int)(rng_next(r) % 5u);

    memset(k, 0, sizeof *k);
    l->type = gsum ? ST_LAYER_GSUM : ST_LAYER_MAXPOOL;
    l->res_src = -1;
    c = pick_channels(r);
    k->in_bytes = enc >= 3;
    if (gsum) {
        bits = enc == 2 ? (uint32_t)rng_range(r, 5, 16) : (uint32_t)rng_range(r, 1, k->in_bytes ? 8 : 4);
        h = (uint32_t)rng_range(r, 1, 16);
        w = (uint32_t)rng_range(r, 1, 16);
        while (st_gsum_bits(bits, h, w) > 16u) {
            if (h > 1u) {
                h--;
            } else if (w > 1u) {
                w--;
            } else {
                bits--;
            }
        }
        l->in = tensor(h, w, c, bits, 0);
        l->out = tensor(1, 1, c, st_gsum_bits(bits, h, w), 0);
    } else {
        const uint32_t kk = (uint32_t)rng_range(r, 2, 4), s = (uint32_t)rng_range(r, 1, 4);
        if (enc == 1 || enc == 4) {
            bits = 1;
            bip = 1;
        } else {
            bits = (uint32_t)rng_range(r, 1, 4);
        }
        h = kk + (uint32_t)rng_range(r, 0, rng_chance(r, 1, 3) ? 1 : 12);
        w = kk + (uint32_t)rng_range(r, 0, rng_chance(r, 1, 3) ? 1 : 12);
        l->kh = l->kw = (uint8_t)kk;
        l->stride = (uint8_t)s;
        l->in = tensor(h, w, c, bits, bip);
        l->out = tensor((h - kk) / s + 1u, (w - kk) / s + 1u, c, bits, bip);
    }
    fill_codes(r, g_in, h * w * c, bits);
    if (gsum && rng_chance(r, 1, 4)) { /* every code at its maximum: the sum fills all n' bits */
        for (i = 0; i < h * w * c; i++) {
            g_in[i] = (uint16_t)((1u << bits) - 1u);
        }
        cov.gsum_full++;
    }
    if (st_layer_check(l, NULL, NULL) != ST_OK) {
        printf("FAIL layer %" PRIu32 ": generator made a pool layer st_layer_check rejects\n", k->index);
        return 1;
    }
    if (k->in_bytes) {
        st_pack_bytes(&l->in, g_in, g_in_pk);
    } else {
        st_pack_planes(&l->in, g_in, g_in_pk);
    }
    if (gsum) {
        st_gsum(l, g_in, g_code_mac);
        st_gsum_packed(l, k->in_bytes, g_in_pk, g_out_pk);
    } else {
        st_maxpool(l, g_in, g_code_mac);
        st_maxpool_packed(l, k->in_bytes, g_in_pk, g_out_pk);
    }
    st_unpack_planes(&l->out, g_out_pk, g_code_bp);
    n = (uint32_t)l->out.h * l->out.w * c;
    for (i = 0; i < n; i++) {
        if (g_code_mac[i] != g_code_bp[i]) {
            if (bad == 0u && mismatching_layers < 20u) {
                printf("MISMATCH layer %" PRIu32 ": %s in %" PRIu32 "x%" PRIu32 "x%" PRIu32 " %" PRIu32 "-bit%s (%s) k %u s %u at (y=%" PRIu32 ", x=%" PRIu32 ", c=%" PRIu32 "): "
                       "plain=%u bit-sliced=%u\n",
                       k->index, gsum ? "GSUM" : "MAXPOOL", h, w, c, bits, bip ? " bipolar" : "",
                       k->in_bytes ? "BYTES" : "PLANES", l->kh, l->stride, (i / c) / l->out.w, (i / c) % l->out.w,
                       i % c, g_code_mac[i], g_code_bp[i]);
                printf("  replay this layer alone: %s --seed %llu --only %" PRIu32 "\n", g_prog, (unsigned long long)g_seed,
                       k->index);
            }
            bad++;
        }
    }
    cov.elems += n;
    if (bad != 0u) {
        mismatching_layers++;
    }
    return bad != 0u;
}

/* ---- driver ----------------------------------------------------------------------------------- */

static int run_layer(uint64_t seed, uint32_t i)
{
    st_rng_t r;
    case_t k;
    const uint32_t slot = i % 8u;
    int fail;

    r.s = seed ^ (0xD1B54A32D192ED03ull * (uint64_t)(i + 1u));
    (void)rng_next(&r);
    if (slot < 6u) {
        const uint32_t pair = (i / 8u * 6u + slot) % N_PAIRS;
        k.index = i;
        if (gen_conv(&r, pair, i, &k) != 0) {
            return 1;
        }
        cov.pair[pair]++;
        if (k.l.type == ST_LAYER_DENSE) {
            cov.dense++;
        } else {
            cov.conv++;
        }
        cov.out_layer += k.l.out_bits == 0u;
        cov.bipolar_pad += k.l.in.bipolar && k.l.pad > 0u;
        cov.wide_c += k.l.in.c > 32u && k.l.in.c % 32u != 0u;
        cov.stride_gt1 += k.l.type == ST_LAYER_CONV && k.l.stride > 1u;
        cov.k7 += k.l.type == ST_LAYER_CONV && (k.l.kh == 7u || k.l.kw == 7u);
        cov.tiny += k.l.in.h <= 2u || k.l.in.w <= 2u;
        fail = run_conv_case(&r, &k);
    } else {
        k.index = i;
        fail = run_pool_case(&r, &k, slot == 7u);
        if (slot == 7u) {
            cov.gsum++;
        } else {
            cov.maxpool++;
        }
    }
    if (verbose && k.l.type != ST_LAYER_MAXPOOL && k.l.type != ST_LAYER_GSUM) {
        describe(&k);
    }
    return fail;
}

int main(int argc, char **argv)
{
    uint64_t seed = 0;
    int have_seed = 0, only = -1;
    uint32_t layers = 10000, i, p, minpair = 0xFFFFFFFFu, maxpair = 0;
    clock_t t0;
    double secs;

    for (i = 1; i < (uint32_t)argc; i++) {
        if (strcmp(argv[i], "--layers") == 0 && i + 1u < (uint32_t)argc) {
            layers = (uint32_t)strtoul(argv[++i], NULL, 0);
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1u < (uint32_t)argc) {
            seed = strtoull(argv[++i], NULL, 0);
            have_seed = 1;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1u < (uint32_t)argc) {
            only = (int)strtol(argv[++i], NULL, 0);
        } else if (strcmp(argv[i], "--verbose") == 0) {
            verbose = 1;
        } else if (argv[i][0] != '-') {
            /* ignored: under QEMU semihosting, picolibc passes the program name again as argv[1] */
        } else {
            fprintf(stderr, "usage: %s [--layers N] [--seed S] [--only I] [--verbose]\n", argv[0]);
            return 2;
        }
    }
    if (!have_seed) {
        seed = ((uint64_t)time(NULL) << 20) ^ (uint64_t)clock();
        seed &= 0xFFFFFFFFFFFFull; /* short enough to type */
    }
    g_seed = seed;
    g_prog = argv[0];
    printf("golden-sweep: seed %llu, %" PRIu32 " layers (reproduce: make test-golden-sweep SEED=%llu SWEEP_LAYERS=%" PRIu32 ")\n",
           (unsigned long long)seed, layers, (unsigned long long)seed, layers);

    t0 = clock();
    for (i = 0; i < layers; i++) {
        if (only >= 0 && i != (uint32_t)only) {
            continue;
        }
        if (run_layer(seed, i) != 0) {
            st_t_fail++;
            if (only < 0 && mismatching_layers == 20u) {
                printf("(further mismatching layers not shown; replay one with: test_sweep --seed %llu --only I)\n",
                       (unsigned long long)seed);
            }
        } else {
            st_t_pass++;
        }
    }
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

    for (p = 0; p < N_PAIRS; p++) {
        minpair = cov.pair[p] < minpair ? cov.pair[p] : minpair;
        maxpair = cov.pair[p] > maxpair ? cov.pair[p] : maxpair;
    }
    printf("layers: %u CONV, %u DENSE, %u MAXPOOL, %u GSUM; %llu output elements compared", cov.conv, cov.dense,
           cov.maxpool, cov.gsum, cov.elems);
#ifdef __riscv
    (void)secs; /* clock() under QEMU semihosting does not count CPU seconds */
    printf("\n");
#else
    printf("; %.2f s CPU\n", secs);
#endif
    printf("CONV/DENSE layers per (activation encoding x weight width) pair: min %" PRIu32 ", max %" PRIu32 ", over %u pairs\n",
           minpair, maxpair, N_PAIRS);
    if (verbose) {
        for (p = 0; p < N_PAIRS; p++) {
            printf("  %-12s w%" PRIu32 ": %u\n", enc_name[p / N_WB], p % N_WB + 1u, cov.pair[p]);
        }
    }
    printf("cases: residual %u (BYTES src %u, wide src %u, bipolar src %u), output layer %u (extreme bias %u), "
           "bipolar input with padding %u,\n       C > 32 not a multiple of 32: %u, stride > 1: %u, kernel 7: %u, "
           "h or w <= 2: %u, negative-sign channels %u,\n       extreme thresholds %u, extreme weights %u, exact "
           "ties %u, full-scale GSUM %u, BYTES by bytes-MAC %u (bipolar %u)\n",
           cov.residual, cov.res_bytes, cov.res_wide, cov.res_bip, cov.out_layer, cov.bias_extreme, cov.bipolar_pad,
           cov.wide_c, cov.stride_gt1, cov.k7, cov.tiny, cov.neg_sign, cov.extreme_thr, cov.extreme_w, cov.ties,
           cov.gsum_full, cov.bytes_mac, cov.bytes_mac_bip);

    if (only < 0 && layers >= 1000u) {
        /* The sweep is only as good as what it reaches: assert that every case was generated. */
        CHECK_TRUE("coverage: every activation x weight pair has a layer", minpair > 0u);
        CHECK_TRUE("coverage: DENSE", cov.dense > 0u);
        CHECK_TRUE("coverage: MAXPOOL", cov.maxpool > 0u);
        CHECK_TRUE("coverage: GSUM", cov.gsum > 0u);
        CHECK_TRUE("coverage: residual", cov.residual > 0u);
        CHECK_TRUE("coverage: residual from BYTES", cov.res_bytes > 0u);
        CHECK_TRUE("coverage: residual from a wide tensor", cov.res_wide > 0u);
        CHECK_TRUE("coverage: residual from a bipolar tensor", cov.res_bip > 0u);
        CHECK_TRUE("coverage: output layer", cov.out_layer > 0u);
        CHECK_TRUE("coverage: extreme bias", cov.bias_extreme > 0u);
        CHECK_TRUE("coverage: bipolar input with padding", cov.bipolar_pad > 0u);
        CHECK_TRUE("coverage: C > 32, not a multiple of 32", cov.wide_c > 0u);
        CHECK_TRUE("coverage: stride > 1", cov.stride_gt1 > 0u);
        CHECK_TRUE("coverage: kernel 7", cov.k7 > 0u);
        CHECK_TRUE("coverage: tiny spatial size", cov.tiny > 0u);
        CHECK_TRUE("coverage: negative signs", cov.neg_sign > 0u);
        CHECK_TRUE("coverage: extreme thresholds", cov.extreme_thr > 0u);
        CHECK_TRUE("coverage: extreme weights", cov.extreme_w > 0u);
        CHECK_TRUE("coverage: exact ties", cov.ties > 0u);
        CHECK_TRUE("coverage: full-scale GSUM", cov.gsum_full > 0u);
        CHECK_TRUE("coverage: BYTES layers by st_conv_acc_bytes_mac_rows", cov.bytes_mac > 0u);
    }
    if (st_t_fail != 0u) {
        printf("seed %llu: reproduce with make test-golden-sweep SEED=%llu SWEEP_LAYERS=%" PRIu32 "\n", (unsigned long long)seed,
               (unsigned long long)seed, layers);
    }
    return st_t_summary();
}
