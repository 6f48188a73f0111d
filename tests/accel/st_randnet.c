/* SPDX-License-Identifier: Apache-2.0 */
/* st_randnet.c - random layers / chains and their golden outputs (see st_randnet.h).
 *
 * Thresholds are chosen after the accumulators are known (golden MAC form plus the residual term), so
 * that the codes of every channel are spread over the whole output range and some pre-threshold values
 * land exactly on a threshold: a `>` for `>=` slip or an off-by-one anywhere in the threshold unit then
 * changes an output code and the comparison catches it. */
#include "st_randnet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pool ---------------------------------------------------------------------------------------- */

void st_pool_init(st_pool_t *p, void *buf, size_t size)
{
    p->base = (uint8_t *)buf;
    p->size = size;
    p->used = 0;
}

void st_pool_reset(st_pool_t *p)
{
    p->used = 0;
}

void *st_pool_alloc(st_pool_t *p, size_t bytes)
{
    size_t at = (p->used + 7u) & ~(size_t)7u;
    if (bytes > p->size || at > p->size - bytes) {
        return NULL;
    }
    p->used = at + bytes;
    memset(p->base + at, 0, bytes);
    return p->base + at;
}

/* ---- helpers ------------------------------------------------------------------------------------- */

#define CHECK_ALLOC(ptr) \
    do { \
        if ((ptr) == NULL) { \
            return ST_ERR_ARG; \
        } \
    } while (0)

static uint32_t elems(const st_tensor_t *t)
{
    return (uint32_t)t->h * t->w * t->c;
}

static uint32_t cdiv(uint32_t a, uint32_t b)
{
    return (a + b - 1u) / b;
}

static int32_t code_value(uint32_t q, int bipolar)
{
    return bipolar ? 2 * (int32_t)q - 1 : (int32_t)q;
}

static uint32_t bitlen(uint32_t v)
{
    uint32_t n = 0;
    while (v != 0u) {
        n++;
        v >>= 1;
    }
    return n;
}

/* Words of a tensor in its RAM layout (PLANES / BYTES / INT32), computed here rather than through the
 * golden packer so that the generator's size budget does not depend on the code under test. */
static uint32_t tensor_words(const st_tensor_t *t, int bytes)
{
    if (t->is_int32) {
        return elems(t);
    }
    if (bytes) {
        return cdiv(elems(t), 4u);
    }
    return (uint32_t)t->h * t->w * t->bits * cdiv(t->c, 32u);
}

/* A channel count from a mix of small, medium (around one or two words of 32) and large values;
 * multiples of the PE count and of 32 are nudged away most of the time (they hide tail bugs). */
static uint32_t rand_channels(st_rng_t *rng, const st_rand_limits_t *lim)
{
    uint32_t c;
    uint32_t r = st_rng_below(rng, 100u);
    if (r < 30u) {
        c = (uint32_t)st_rng_range(rng, 1, 8);
    } else if (r < 70u) {
        c = (uint32_t)st_rng_range(rng, 9, 40);
    } else {
        c = (uint32_t)st_rng_range(rng, 41, 100);
    }
    if (c > lim->max_channels) {
        c = (uint32_t)st_rng_range(rng, 1, (int32_t)lim->max_channels);
    }
    if (!st_rng_pct(rng, 10u) && c > 1u && ((lim->pe > 1u && c % lim->pe == 0u) || c % 32u == 0u)) {
        c--; /* mostly off the multiples; 10 % of the draws keep them on purpose */
    }
    return c;
}

static uint32_t rand_spatial(st_rng_t *rng, const st_rand_limits_t *lim)
{
    uint32_t s;
    uint32_t r = st_rng_below(rng, 100u);
    if (r < 30u) {
        s = (uint32_t)st_rng_range(rng, 1, 3);
    } else if (r < 80u) {
        s = (uint32_t)st_rng_range(rng, 4, 12);
    } else {
        s = (uint32_t)st_rng_range(rng, 13, 24);
    }
    return s > lim->max_spatial ? lim->max_spatial : s;
}

/* A supported width from a CAPS-style mask (bit k-1 = k bits), restricted to lo..hi; 0 if none. */
static uint32_t rand_width(st_rng_t *rng, uint32_t mask, uint32_t lo, uint32_t hi)
{
    uint32_t cand[16];
    uint32_t n = 0;
    for (uint32_t b = lo; b <= hi && b <= 16u; b++) {
        if ((mask >> (b - 1u)) & 1u) {
            cand[n++] = b;
        }
    }
    return n == 0u ? 0u : cand[st_rng_below(rng, n)];
}

static void rand_codes(st_rng_t *rng, uint16_t *q, uint32_t n, uint32_t bits)
{
    uint32_t maxq = (1u << bits) - 1u;
    uint32_t mode = st_rng_below(rng, 11u);
    /* small values: only the low planes are ever non-zero (the BYTES zero-plane skip, accelerator.md §5) */
    uint32_t small = bits > 1u ? (1u << st_rng_below(rng, bits - 1u)) - 1u : 0u;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v;
        if (mode == 10u) {
            v = (uint32_t)st_rng_range(rng, 0, (int32_t)small);
        } else if (mode == 0u) {
            v = maxq; /* saturated input: largest possible sums */
        } else if (mode == 1u) {
            v = st_rng_pct(rng, 50u) ? maxq : 0u;
        } else if (mode == 2u) {
            v = st_rng_pct(rng, 85u) ? 0u : (uint32_t)st_rng_range(rng, 0, (int32_t)maxq); /* sparse */
        } else {
            v = (uint32_t)st_rng_range(rng, 0, (int32_t)maxq);
        }
        q[i] = (uint16_t)v;
    }
}

static void rand_weights(st_rng_t *rng, int8_t *w, uint32_t n, uint32_t wbits)
{
    int32_t lo = wbits == 1u ? -1 : -(1 << (wbits - 1u));
    int32_t hi = wbits == 1u ? 1 : (1 << (wbits - 1u)) - 1;
    uint32_t mode = st_rng_below(rng, 10u);
    for (uint32_t i = 0; i < n; i++) {
        int32_t v;
        if (wbits == 1u) {
            v = st_rng_pct(rng, mode == 0u ? 90u : 50u) ? 1 : -1;
        } else if (mode == 0u) {
            v = st_rng_pct(rng, 50u) ? lo : hi; /* extremes: the sign plane at full weight */
        } else if (mode == 1u) {
            v = lo;
        } else {
            v = st_rng_range(rng, lo, hi);
        }
        w[i] = (int8_t)v;
    }
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a;
    int32_t y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int32_t clamp32(int64_t v)
{
    if (v > INT32_MAX) {
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        return INT32_MIN;
    }
    return (int32_t)v;
}

/* Thresholds of one channel from the sorted values s*pre it will see: mostly quantiles (exact ties or
 * one off), sometimes all equal, sometimes the int32 extremes. Sorted non-decreasing on return. */
static void pick_thresholds(st_rng_t *rng, const int64_t *sorted, uint32_t np, int32_t *thr, uint32_t nt)
{
    int64_t lo = sorted[0];
    int64_t hi = sorted[np - 1u];
    uint32_t mode = st_rng_below(rng, 20u);
    for (uint32_t k = 0; k < nt; k++) {
        int64_t t;
        uint32_t idx = (uint32_t)(((uint64_t)(k + 1u) * np) / (nt + 1u));
        int32_t jit = (int32_t)(np / (2u * (nt + 1u)));
        int32_t j = (int32_t)idx + st_rng_range(rng, -jit, jit);
        if (j < 0) {
            j = 0;
        }
        if (j >= (int32_t)np) {
            j = (int32_t)np - 1;
        }
        t = sorted[j];
        if (mode == 0u) {
            t = sorted[np / 2u]; /* all equal: a run of ties */
        } else if (mode == 1u && st_rng_pct(rng, 50u)) {
            t = st_rng_pct(rng, 50u) ? INT32_MIN : INT32_MAX;
        } else if (mode == 2u) {
            int64_t span = hi - lo + 4;
            t = lo - 2 + (int64_t)(st_rng_next(rng) % (uint64_t)span);
        } else {
            uint32_t r = st_rng_below(rng, 10u);
            if (r < 2u) {
                t += 1;
            } else if (r < 4u) {
                t -= 1;
            } else if (r == 4u && k > 0u) {
                t = thr[k - 1u]; /* duplicate threshold */
            }
        }
        thr[k] = clamp32(t);
    }
    qsort(thr, nt, sizeof thr[0], cmp_i32);
}

/* ---- golden evaluation of one layer --------------------------------------------------------------- */

/* Every generated layer must be one the golden model accepts: a generator bug is reported, not tested. */
static st_status_t check_layer(const st_rand_net_t *net, uint32_t i)
{
    const st_layer_t *l = &net->l[i];
    st_diag_t d;
    st_status_t s = st_layer_check(l, l->res_src >= 0 ? &net->t[l->res_src] : NULL, &d);
    if (s != ST_OK) {
        fprintf(stderr, "st_randnet: generated layer %u is invalid: %s (%s)\n", (unsigned)i, d.msg,
                st_status_str(s));
    }
    return s;
}

/* Finish layer i of net: accumulators (MAC form), thresholds picked from them, then st_finish. */
static st_status_t eval_conv(st_rng_t *rng, st_pool_t *pool, st_rand_net_t *net, uint32_t i)
{
    st_layer_t *l = &net->l[i];
    const st_tensor_t *to = &l->out;
    uint32_t np = (uint32_t)to->h * to->w;
    uint32_t nout = np * to->c;
    int32_t *acc = (int32_t *)st_pool_alloc(pool, sizeof(int32_t) * nout);
    const uint16_t *res = NULL;
    const st_tensor_t *res_t = NULL;
    int res_bip = 0;
    CHECK_ALLOC(acc);
    st_conv_acc_mac(l, net->codes[i], acc);
    if (l->res_src >= 0) {
        res = net->codes[l->res_src];
        res_t = &net->t[l->res_src];
        res_bip = res_t->bipolar;
    }
    net->tie_count[i] = 0;
    if (l->out_bits != 0u) {
        uint32_t nt = (1u << l->out_bits) - 1u;
        int32_t *thr = (int32_t *)st_pool_alloc(pool, sizeof(int32_t) * nt * to->c);
        int64_t *vals = (int64_t *)st_pool_alloc(pool, sizeof(int64_t) * np);
        CHECK_ALLOC(thr);
        CHECK_ALLOC(vals);
        for (uint32_t o = 0; o < to->c; o++) {
            int64_t s = l->signs[o];
            for (uint32_t p = 0; p < np; p++) {
                int64_t v = acc[p * to->c + o];
                if (res != NULL) {
                    v += (int64_t)l->res_mult[o] * code_value(res[p * to->c + o], res_bip);
                }
                vals[p] = s * v;
            }
            qsort(vals, np, sizeof vals[0], cmp_i64);
            pick_thresholds(rng, vals, np, thr + o * nt, nt);
            for (uint32_t p = 0; p < np; p++) {
                for (uint32_t k = 0; k < nt; k++) {
                    if ((int64_t)thr[o * nt + k] == vals[p]) {
                        net->tie_count[i]++;
                        break;
                    }
                }
            }
        }
        l->thresholds = thr;
        {
            st_status_t s = check_layer(net, i);
            if (s != ST_OK) {
                return s;
            }
        }
        net->codes[i + 1u] = (uint16_t *)st_pool_alloc(pool, sizeof(uint16_t) * nout);
        CHECK_ALLOC(net->codes[i + 1u]);
        st_finish(l, acc, res_t, res, net->codes[i + 1u], NULL);
    } else {
        st_status_t s = check_layer(net, i);
        if (s != ST_OK) {
            return s;
        }
        net->ints[i + 1u] = (int32_t *)st_pool_alloc(pool, sizeof(int32_t) * nout);
        CHECK_ALLOC(net->ints[i + 1u]);
        st_finish(l, acc, res_t, res, NULL, net->ints[i + 1u]);
    }
    return ST_OK;
}

/* ---- layer construction ----------------------------------------------------------------------------- */

static uint32_t in_absmax(const st_tensor_t *t)
{
    return t->bipolar ? 1u : (1u << t->bits) - 1u;
}

/* Accumulator bound B of numerics.md §8 without bias. */
static uint64_t acc_bound(const st_layer_t *l, const st_tensor_t *res)
{
    uint64_t wmax = l->w_bits == 1u ? 1u : (1u << (l->w_bits - 1u));
    uint64_t b = (uint64_t)l->kh * l->kw * l->in.c * in_absmax(&l->in) * wmax;
    if (res != NULL) {
        b += 32768u * (uint64_t)in_absmax(res);
    }
    return b;
}

static uint32_t out_dim(uint32_t in, uint32_t k, uint32_t s, uint32_t p)
{
    return (in + 2u * p - k) / s + 1u;
}

static uint64_t conv_cost(const st_layer_t *l)
{
    uint64_t ho = out_dim(l->in.h, l->kh, l->stride, l->pad);
    uint64_t wo = out_dim(l->in.w, l->kw, l->stride, l->pad);
    uint32_t m = l->w_bits;
    return ho * wo * l->out.c * l->kh * l->kw * l->in.c * l->in.bits * m;
}

/* Allocate and fill weights, signs, multipliers and bias of a CONV / DENSE layer whose shapes and widths
 * are set; then evaluate it. */
static st_status_t fill_conv(st_rng_t *rng, st_pool_t *pool, st_rand_net_t *net, uint32_t i, int has_bias)
{
    st_layer_t *l = &net->l[i];
    uint32_t o = l->out.c;
    uint32_t nw = o * l->kh * l->kw * l->in.c;
    int8_t *w = (int8_t *)st_pool_alloc(pool, nw);
    CHECK_ALLOC(w);
    rand_weights(rng, w, nw, l->w_bits);
    l->weights = w;
    l->thresholds = NULL;
    l->signs = NULL;
    l->res_mult = NULL;
    l->bias = NULL;
    if (l->out_bits != 0u) {
        int8_t *s = (int8_t *)st_pool_alloc(pool, o);
        uint32_t neg = st_rng_below(rng, 4u) == 0u ? 100u : (st_rng_pct(rng, 50u) ? 30u : 0u);
        CHECK_ALLOC(s);
        for (uint32_t c = 0; c < o; c++) {
            s[c] = (int8_t)(st_rng_pct(rng, neg) ? -1 : 1);
        }
        l->signs = s;
    }
    if (l->res_src >= 0) {
        int32_t *m = (int32_t *)st_pool_alloc(pool, sizeof(int32_t) * o);
        uint32_t mode = st_rng_below(rng, 10u);
        CHECK_ALLOC(m);
        for (uint32_t c = 0; c < o; c++) {
            int32_t v;
            if (mode == 0u || st_rng_pct(rng, 10u)) {
                v = st_rng_pct(rng, 50u) ? -32768 : (st_rng_pct(rng, 50u) ? 32767 : 0);
            } else if (mode < 4u) {
                v = st_rng_range(rng, -32768, 32767);
            } else {
                v = st_rng_range(rng, -64, 64);
            }
            m[c] = v;
        }
        l->res_mult = m;
    }
    if (l->out_bits == 0u && has_bias) {
        int32_t *b = (int32_t *)st_pool_alloc(pool, sizeof(int32_t) * o);
        uint64_t bound = acc_bound(l, l->res_src >= 0 ? &net->t[l->res_src] : NULL);
        int32_t bmax = bound >= 0x7FFFFFFFull ? 0 : (int32_t)(0x7FFFFFFFull - bound);
        int large = st_rng_pct(rng, 30u);
        CHECK_ALLOC(b);
        for (uint32_t c = 0; c < o; c++) {
            int32_t lim = large ? bmax : (bmax < 1000 ? bmax : 1000);
            b[c] = st_rng_range(rng, -lim, lim);
        }
        l->bias = b;
    }
    return eval_conv(rng, pool, net, i);
}

/* Set l->out from l->in and the layer parameters. */
static void conv_out_shape(st_layer_t *l)
{
    l->out.h = (uint16_t)out_dim(l->in.h, l->kh, l->stride, l->pad);
    l->out.w = (uint16_t)out_dim(l->in.w, l->kw, l->stride, l->pad);
    if (l->out_bits == 0u) {
        l->out.bits = 32u;
        l->out.bipolar = 0u;
        l->out.is_int32 = 1u;
    } else {
        l->out.bits = l->out_bits;
        l->out.bipolar = l->out_bipolar;
        l->out.is_int32 = 0u;
    }
}

/* Widest output code whose tile of parameter records (PE x 2^n words) fits the parameter buffer. */
static uint32_t max_out_bits(const st_rand_limits_t *lim)
{
    uint32_t hi = 4u;
    while (hi > 1u && lim->pbuf_words != 0u && (lim->pe << hi) > lim->pbuf_words) {
        hi--;
    }
    return hi;
}

static uint32_t rand_out_bits(st_rng_t *rng, const st_rand_limits_t *lim, int allow_output, uint8_t *bip)
{
    uint32_t n = 0;
    if (allow_output && st_rng_pct(rng, 20u)) {
        *bip = 0u;
        return 0u;
    }
    n = rand_width(rng, lim->abits_mask, 1u, max_out_bits(lim));
    *bip = (uint8_t)(n == 1u && st_rng_pct(rng, 40u));
    return n;
}

/* The kernel, stride and padding of a random CONV over input h x w (any value if h, w are free). */
static void rand_kernel(st_rng_t *rng, st_layer_t *l)
{
    uint32_t r = st_rng_below(rng, 100u);
    if (r < 20u) {
        l->kh = l->kw = 1u;
    } else if (r < 55u) {
        l->kh = l->kw = 3u;
    } else if (r < 75u) {
        l->kh = l->kw = (uint8_t)st_rng_range(rng, 1, 7);
    } else {
        l->kh = (uint8_t)st_rng_range(rng, 1, 7); /* rectangular */
        l->kw = (uint8_t)st_rng_range(rng, 1, 7);
    }
    r = st_rng_below(rng, 100u);
    l->stride = (uint8_t)(r < 55u ? 1 : (r < 85u ? 2 : st_rng_range(rng, 3, 4)));
    {
        uint32_t kmax = l->kh > l->kw ? l->kh : l->kw;
        r = st_rng_below(rng, 100u);
        if (r < 35u) {
            l->pad = 0u;
        } else if (r < 70u) {
            l->pad = (uint8_t)((kmax - 1u) / 2u);
        } else if (r < 85u) {
            l->pad = (uint8_t)(kmax - 1u); /* the largest padding: windows mostly outside the input */
        } else {
            l->pad = (uint8_t)st_rng_range(rng, 0, (int32_t)kmax - 1);
        }
    }
}

/* Fits the budget: bit-MACs, output and weight sizes (in_bytes: the input is in BYTES layout). */
static int conv_fits(const st_rand_limits_t *lim, const st_layer_t *l, int in_bytes)
{
    uint32_t cw;
    uint64_t wwords;
    st_tensor_t out = l->out;
    if (l->in.h + 2u * l->pad < l->kh || l->in.w + 2u * l->pad < l->kw) {
        return 0;
    }
    out.h = (uint16_t)out_dim(l->in.h, l->kh, l->stride, l->pad);
    out.w = (uint16_t)out_dim(l->in.w, l->kw, l->stride, l->pad);
    if (conv_cost(l) > lim->max_bitmacs || tensor_words(&out, 0) > lim->max_tensor_words) {
        return 0;
    }
    cw = cdiv(l->in.c, 32u);
    wwords = (uint64_t)l->w_bits * l->kh * l->kw * cw; /* PLANES KWORDS: a bound on the BYTES one too */
    if (lim->max_wtile_words != 0u && wwords > lim->max_wtile_words) {
        return 0;
    }
    if (in_bytes && lim->bytes_kwords != 0u && cdiv((uint32_t)l->kh * l->kw * l->in.c, 32u) > lim->bytes_kwords) {
        return 0;
    }
    return 1;
}

/* ---- single random layer ---------------------------------------------------------------------------- */

void st_rand_limits_default(st_rand_limits_t *lim, uint32_t pe, uint32_t simd)
{
    memset(lim, 0, sizeof *lim);
    lim->pe = pe;
    lim->simd = simd;
    lim->abits_mask = 0x0Fu;
    lim->wbits_mask = 0xFFu;
    lim->bytes_max_bits = 8u;
    lim->bytes_bipolar = 1;
    lim->max_in_planes = 4u;
    lim->gsum = 1;
    lim->maxpool = 1;
    lim->residual = 1;
    lim->res_bipolar = 1;
    lim->max_bitmacs = 1500000u;
    lim->max_tensor_words = 4096u;
    lim->max_wtile_words = 0u;
    lim->max_channels = 100u;
    lim->max_spatial = 24u;
    lim->force_enc = -1;
    lim->force_wbits = 0u;
}

uint32_t st_rand_enc_row(const st_tensor_t *t, int bytes)
{
    if (bytes) {
        return t->bipolar ? ST_RAND_ENC_BYTES_BIP : ST_RAND_ENC_BYTES1 + t->bits - 1u;
    }
    if (t->bipolar) {
        return ST_RAND_ENC_BIP;
    }
    return t->bits <= 4u ? t->bits : (uint32_t)ST_RAND_ENC_WIDE;
}

static void rand_input_tensor(st_rng_t *rng, const st_rand_limits_t *lim, st_rand_net_t *net, int allow_bytes)
{
    st_tensor_t *t = &net->t[0];
    memset(t, 0, sizeof *t);
    if (allow_bytes && lim->force_enc >= 0 && lim->force_enc != (int)ST_RAND_ENC_WIDE) {
        uint32_t row = (uint32_t)lim->force_enc;
        net->input_is_bytes = row >= ST_RAND_ENC_BYTES1;
        t->bipolar = (uint8_t)(row == ST_RAND_ENC_BIP || row == ST_RAND_ENC_BYTES_BIP);
        t->bits = (uint8_t)(t->bipolar ? 1u : (net->input_is_bytes ? row - ST_RAND_ENC_BYTES1 + 1u : row));
        return;
    }
    net->input_is_bytes = allow_bytes && lim->bytes_max_bits != 0u && st_rng_pct(rng, 35u);
    if (net->input_is_bytes) {
        uint32_t r = st_rng_below(rng, 100u);
        t->bits = (uint8_t)(r < 40u ? 8u : (uint32_t)st_rng_range(rng, 1, (int32_t)lim->bytes_max_bits));
        if (t->bits > lim->bytes_max_bits) {
            t->bits = (uint8_t)lim->bytes_max_bits;
        }
        t->bipolar = (uint8_t)(t->bits == 1u && lim->bytes_bipolar && st_rng_pct(rng, 50u));
    } else {
        t->bits = (uint8_t)rand_width(rng, lim->abits_mask, 1u, 4u);
        t->bipolar = (uint8_t)(t->bits == 1u && st_rng_pct(rng, 40u));
    }
}

/* Choose a CONV / DENSE's free dimensions (input h, w, c when free_in; output c when free_out) so that it
 * fits the budget, shrinking the largest dimension first. */
static int fit_conv(st_rng_t *rng, const st_rand_limits_t *lim, st_layer_t *l, int free_in, int free_out,
                    int dense, int out_c_is_in_c, int in_bytes)
{
    for (uint32_t iter = 0; iter < 200u; iter++) {
        if (out_c_is_in_c) {
            l->out.c = l->in.c;
        }
        if (dense) {
            l->kh = (uint8_t)l->in.h;
            l->kw = (uint8_t)l->in.w;
        }
        if (conv_fits(lim, l, in_bytes)) {
            return 1;
        }
        {
            uint32_t hmin = l->kh > 2u * l->pad ? l->kh - 2u * l->pad : 1u;
            uint32_t wmin = l->kw > 2u * l->pad ? l->kw - 2u * l->pad : 1u;
            int can_h = free_in && l->in.h > hmin;
            int can_w = free_in && l->in.w > wmin;
            int can_c = free_in && l->in.c > 1u;
            int can_o = free_out && l->out.c > 1u;
            uint32_t pick = st_rng_below(rng, 4u);
            if (!can_h && !can_w && !can_c && !can_o) {
                /* nothing left to shrink: make the kernel smaller (not for a residual layer, whose output
                 * must keep its input's shape) */
                if ((l->kh > 1u || l->kw > 1u) && !out_c_is_in_c) {
                    if (dense) {
                        return 0;
                    }
                    l->kh = (uint8_t)(l->kh > 1u ? l->kh - 1u : 1u);
                    l->kw = (uint8_t)(l->kw > 1u ? l->kw - 1u : 1u);
                    {
                        uint32_t kmax = l->kh > l->kw ? l->kh : l->kw;
                        if (l->pad > kmax - 1u) {
                            l->pad = (uint8_t)(kmax - 1u);
                        }
                    }
                    continue;
                }
                return 0;
            }
            if (pick == 0u && can_h) {
                l->in.h = (uint16_t)(l->in.h - 1u - (l->in.h - hmin) / 4u);
            } else if (pick == 1u && can_w) {
                l->in.w = (uint16_t)(l->in.w - 1u - (l->in.w - wmin) / 4u);
            } else if (pick == 2u && can_c) {
                l->in.c = (uint16_t)(l->in.c - 1u - l->in.c / 4u);
            } else if (can_o) {
                l->out.c = (uint16_t)(l->out.c - 1u - l->out.c / 4u);
            } else if (can_c) {
                l->in.c = (uint16_t)(l->in.c - 1u - l->in.c / 4u);
            } else if (can_h) {
                l->in.h = (uint16_t)(l->in.h - 1u);
            } else if (can_w) {
                l->in.w = (uint16_t)(l->in.w - 1u);
            }
        }
    }
    return 0;
}

static void init_layer(st_layer_t *l, uint8_t type)
{
    memset(l, 0, sizeof *l);
    l->type = type;
    l->res_src = -1;
}

static st_status_t input_codes(st_rng_t *rng, st_pool_t *pool, st_rand_net_t *net)
{
    uint32_t n = elems(&net->t[0]);
    net->codes[0] = (uint16_t *)st_pool_alloc(pool, sizeof(uint16_t) * (n ? n : 1u));
    CHECK_ALLOC(net->codes[0]);
    rand_codes(rng, net->codes[0], n, net->t[0].bits);
    return ST_OK;
}

static st_status_t eval_pool(st_pool_t *pool, st_rand_net_t *net, uint32_t i)
{
    st_layer_t *l = &net->l[i];
    st_status_t s = check_layer(net, i);
    if (s != ST_OK) {
        return s;
    }
    net->codes[i + 1u] = (uint16_t *)st_pool_alloc(pool, sizeof(uint16_t) * elems(&l->out));
    CHECK_ALLOC(net->codes[i + 1u]);
    if (l->type == ST_LAYER_MAXPOOL) {
        st_maxpool(l, net->codes[i], net->codes[i + 1u]);
    } else {
        st_gsum(l, net->codes[i], net->codes[i + 1u]);
    }
    return ST_OK;
}

/* MAXPOOL over in (h, w, c free when free_in). */
static int setup_maxpool(st_rng_t *rng, const st_rand_limits_t *lim, st_layer_t *l, int free_in)
{
    l->kh = l->kw = (uint8_t)st_rng_range(rng, 2, 4);
    l->stride = (uint8_t)(st_rng_pct(rng, 60u) ? l->kh : st_rng_range(rng, 1, 4));
    if (free_in) {
        l->in.h = (uint16_t)(l->kh + st_rng_below(rng, lim->max_spatial - l->kh + 1u));
        l->in.w = (uint16_t)(l->kw + st_rng_below(rng, lim->max_spatial - l->kw + 1u));
        l->in.c = (uint16_t)rand_channels(rng, lim);
        while (tensor_words(&l->in, 0) > lim->max_tensor_words && l->in.c > 1u) {
            l->in.c = (uint16_t)(l->in.c / 2u);
        }
    }
    if (l->in.h < l->kh || l->in.w < l->kw) {
        if (l->in.h < 2u || l->in.w < 2u) {
            return 0;
        }
        l->kh = l->kw = (uint8_t)(l->in.h < l->in.w ? (l->in.h < 4u ? l->in.h : 4u) : (l->in.w < 4u ? l->in.w : 4u));
    }
    l->out = l->in;
    l->out.h = (uint16_t)((l->in.h - l->kh) / l->stride + 1u);
    l->out.w = (uint16_t)((l->in.w - l->kw) / l->stride + 1u);
    return 1;
}

/* GSUM over in; fails when the output would be wider than 16 bits or than the next reader accepts. */
static int setup_gsum(const st_rand_limits_t *lim, st_layer_t *l, uint32_t max_out_bits)
{
    uint32_t nb;
    if (l->in.bipolar) {
        return 0;
    }
    nb = bitlen(((1u << l->in.bits) - 1u) * l->in.h * l->in.w);
    if (nb > 16u || nb > max_out_bits) {
        return 0;
    }
    (void)lim;
    l->out = l->in;
    l->out.h = l->out.w = 1u;
    l->out.bits = (uint8_t)nb;
    return 1;
}

st_status_t st_rand_layer(st_rng_t *rng, const st_rand_limits_t *lim, st_pool_t *pool, st_rand_net_t *net)
{
    st_layer_t *l = &net->l[0];
    uint32_t r = st_rng_below(rng, 100u);
    memset(net, 0, sizeof *net);
    net->n_layers = 1u;
    for (uint32_t attempt = 0; attempt < 100u; attempt++) {
        uint8_t bip = 0;
        if (r < 12u && lim->maxpool) {
            init_layer(l, ST_LAYER_MAXPOOL);
            rand_input_tensor(rng, lim, net, 0);
            l->in = net->t[0];
            if (!setup_maxpool(rng, lim, l, 1)) {
                continue;
            }
        } else if (r < 22u && lim->gsum) {
            init_layer(l, ST_LAYER_GSUM);
            rand_input_tensor(rng, lim, net, 0);
            net->t[0].bipolar = 0u;
            l->in = net->t[0];
            l->in.h = (uint16_t)rand_spatial(rng, lim);
            l->in.w = (uint16_t)rand_spatial(rng, lim);
            l->in.c = (uint16_t)rand_channels(rng, lim);
            if (!setup_gsum(lim, l, 16u)) {
                continue;
            }
        } else {
            int dense = r < 37u;
            init_layer(l, dense ? ST_LAYER_DENSE : ST_LAYER_CONV);
            rand_input_tensor(rng, lim, net, 1);
            l->in = net->t[0];
            l->w_bits = (uint8_t)rand_width(rng, lim->wbits_mask, 1u, 8u);
            if (lim->force_wbits != 0u) {
                l->w_bits = (uint8_t)lim->force_wbits;
            }
            l->out_bits = (uint8_t)rand_out_bits(rng, lim, 1, &bip);
            l->out_bipolar = bip;
            if (dense) {
                l->in.h = (uint16_t)st_rng_range(rng, 1, 6);
                l->in.w = (uint16_t)st_rng_range(rng, 1, 6);
                l->stride = 1u;
                l->pad = 0u;
            } else {
                rand_kernel(rng, l);
                l->in.h = (uint16_t)rand_spatial(rng, lim);
                l->in.w = (uint16_t)rand_spatial(rng, lim);
                if (l->in.h + 2u * l->pad < l->kh) {
                    l->in.h = (uint16_t)(l->kh - 2u * l->pad);
                }
                if (l->in.w + 2u * l->pad < l->kw) {
                    l->in.w = (uint16_t)(l->kw - 2u * l->pad);
                }
            }
            l->in.c = (uint16_t)rand_channels(rng, lim);
            l->out.c = (uint16_t)rand_channels(rng, lim);
            /* residual on the layer's own input: needs a shape-preserving CONV reading a PLANES tensor */
            if (!dense && lim->residual && !net->input_is_bytes && st_rng_pct(rng, 25u) &&
                (lim->res_bipolar || !l->in.bipolar)) {
                l->kw = l->kh = (uint8_t)(2u * st_rng_below(rng, 4u) + 1u);
                l->stride = 1u;
                l->pad = (uint8_t)((l->kh - 1u) / 2u);
                l->res_src = 0;
            }
            if (!fit_conv(rng, lim, l, 1, l->res_src < 0, dense, l->res_src >= 0, net->input_is_bytes)) {
                continue;
            }
            conv_out_shape(l);
        }
        net->t[0] = l->in;
        net->t[1] = l->out;
        if (tensor_words(&l->in, net->input_is_bytes) > lim->max_tensor_words) {
            continue;
        }
        {
            st_status_t s = input_codes(rng, pool, net);
            if (s != ST_OK) {
                return s;
            }
        }
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            return fill_conv(rng, pool, net, 0u, st_rng_pct(rng, 70u));
        }
        return eval_pool(pool, net, 0u);
    }
    return ST_ERR_ARG;
}

st_status_t st_rand_fixed_layer(st_rng_t *rng, st_pool_t *pool, const st_layer_t *shape, int in_bytes,
                                st_rand_net_t *net)
{
    return st_rand_fixed_layer_codes(rng, pool, shape, in_bytes, NULL, net);
}

st_status_t st_rand_fixed_layer_codes(st_rng_t *rng, st_pool_t *pool, const st_layer_t *shape, int in_bytes,
                                      const uint16_t *codes, st_rand_net_t *net)
{
    st_status_t s;
    memset(net, 0, sizeof *net);
    net->n_layers = 1u;
    net->input_is_bytes = in_bytes;
    net->l[0] = *shape;
    net->l[0].res_src = -1;
    net->t[0] = shape->in;
    net->t[1] = shape->out;
    s = input_codes(rng, pool, net);
    if (s != ST_OK) {
        return s;
    }
    if (codes != NULL) {
        memcpy(net->codes[0], codes, sizeof(uint16_t) * elems(&net->t[0]));
    }
    if (shape->type == ST_LAYER_CONV || shape->type == ST_LAYER_DENSE) {
        return fill_conv(rng, pool, net, 0u, 1);
    }
    return eval_pool(pool, net, 0u);
}

/* ---- random chain ------------------------------------------------------------------------------------ */

/* An earlier code tensor with exactly shape h x w x c usable as a residual source, or -1. */
static int16_t find_res_src(st_rng_t *rng, const st_rand_limits_t *lim, const st_rand_net_t *net,
                            uint32_t upto, uint32_t h, uint32_t w, uint32_t c)
{
    int16_t cand[ST_RAND_MAX_LAYERS + 1u];
    uint32_t n = 0;
    for (uint32_t t = 0; t <= upto; t++) {
        const st_tensor_t *tt = &net->t[t];
        if (tt->h == h && tt->w == w && tt->c == c && !tt->is_int32 && tt->bits <= 4u &&
            !(t == 0u && net->input_is_bytes) && (lim->res_bipolar || !tt->bipolar)) {
            cand[n++] = (int16_t)t;
        }
    }
    return n == 0u ? (int16_t)-1 : cand[st_rng_below(rng, n)];
}

st_status_t st_rand_chain(st_rng_t *rng, const st_rand_limits_t *lim_in, uint32_t n_layers, st_pool_t *pool,
                          st_rand_net_t *net)
{
    st_rand_limits_t lim = *lim_in;
    int gsum_head;
    if (n_layers < 1u || n_layers > ST_RAND_MAX_LAYERS) {
        return ST_ERR_ARG;
    }
    /* chains keep tensors modest: every one of them stays in RAM for the comparison */
    if (lim.max_spatial > 14u) {
        lim.max_spatial = 14u;
    }
    if (lim.max_channels > 72u) {
        lim.max_channels = 72u;
    }
    memset(net, 0, sizeof *net);
    rand_input_tensor(rng, &lim, net, 1);
    net->t[0].h = (uint16_t)st_rng_range(rng, 1, (int32_t)lim.max_spatial);
    net->t[0].w = (uint16_t)st_rng_range(rng, 1, (int32_t)lim.max_spatial);
    net->t[0].c = (uint16_t)rand_channels(rng, &lim);
    if (net->input_is_bytes && net->t[0].c > 16u) {
        net->t[0].c = (uint16_t)st_rng_range(rng, 1, 16); /* image-like first layer */
    }
    while (tensor_words(&net->t[0], net->input_is_bytes) > lim.max_tensor_words / 2u && net->t[0].c > 1u) {
        net->t[0].c = (uint16_t)(net->t[0].c / 2u);
    }
    {
        st_status_t s = input_codes(rng, pool, net);
        if (s != ST_OK) {
            return s;
        }
    }
    gsum_head = st_rng_pct(rng, 33u);
    for (uint32_t i = 0; i < n_layers; i++) {
        st_layer_t *l = &net->l[i];
        const st_tensor_t *tin = &net->t[i];
        int last = i + 1u == n_layers;
        int done = 0;
        int in_bytes = i == 0u && net->input_is_bytes;
        int prev_gsum = i > 0u && net->l[i - 1u].type == ST_LAYER_GSUM;
        /* a classifier head (GSUM then DENSE), as real networks end, in a third of the chains */
        int head = i + 2u == n_layers && gsum_head;
        for (uint32_t attempt = 0; attempt < 50u && !done; attempt++) {
            uint32_t r = (head && attempt < 3u) ? 20u : st_rng_below(rng, 100u);
            uint8_t bip = 0;
            if (!in_bytes && !prev_gsum && lim.maxpool && r < 15u && tin->bits <= 4u && tin->h >= 2u &&
                tin->w >= 2u) {
                init_layer(l, ST_LAYER_MAXPOOL);
                l->in = *tin;
                done = setup_maxpool(rng, &lim, l, 0);
            } else if (!in_bytes && !prev_gsum && lim.gsum && r < 27u && !last && tin->bits <= 4u &&
                       (tin->h > 1u || tin->w > 1u)) {
                init_layer(l, ST_LAYER_GSUM);
                l->in = *tin;
                done = setup_gsum(&lim, l, lim.max_in_planes);
            } else if (r < 27u && tin->bits > 0u && !prev_gsum) {
                continue;
            } else {
                /* CONV or DENSE; after a GSUM always DENSE (its input is 1 x 1) */
                int dense = prev_gsum || tin->h * tin->w == 1u || (last && st_rng_pct(rng, 50u)) ||
                            st_rng_pct(rng, 10u);
                int want_res = !dense && lim.residual && st_rng_pct(rng, 45u);
                if (tin->is_int32 || (!in_bytes && tin->bits > lim.max_in_planes)) {
                    return ST_ERR_ARG; /* cannot happen: int32 only last, GSUM bounded */
                }
                init_layer(l, dense ? ST_LAYER_DENSE : ST_LAYER_CONV);
                l->in = *tin;
                l->w_bits = (uint8_t)rand_width(rng, lim.wbits_mask, 1u, 8u);
                l->out_bits = (uint8_t)rand_out_bits(rng, &lim, 0, &bip);
                if (last && st_rng_pct(rng, 60u)) {
                    l->out_bits = 0u;
                    bip = 0u;
                }
                l->out_bipolar = bip;
                if (dense) {
                    l->kh = (uint8_t)tin->h;
                    l->kw = (uint8_t)tin->w;
                    l->stride = 1u;
                    l->pad = 0u;
                    l->out.c = (uint16_t)rand_channels(rng, &lim);
                } else if (want_res) {
                    /* shape-preserving: out = in, so tensor i (or an earlier twin) is a residual source */
                    l->kh = l->kw = (uint8_t)(st_rng_pct(rng, 70u) ? 3u : (st_rng_pct(rng, 50u) ? 1u : 5u));
                    l->stride = 1u;
                    l->pad = (uint8_t)((l->kh - 1u) / 2u);
                    l->out.c = (uint16_t)(st_rng_pct(rng, 70u) ? tin->c : rand_channels(rng, &lim));
                } else {
                    rand_kernel(rng, l);
                    if (tin->h + 2u * l->pad < l->kh || tin->w + 2u * l->pad < l->kw) {
                        l->kh = l->kw = 1u;
                        l->pad = 0u;
                    }
                    l->out.c = (uint16_t)rand_channels(rng, &lim);
                }
                if (!fit_conv(rng, &lim, l, 0, 1, dense, 0, in_bytes)) {
                    continue;
                }
                conv_out_shape(l);
                if (want_res) {
                    l->res_src = find_res_src(rng, &lim, net, i, l->out.h, l->out.w, l->out.c);
                    if (l->res_src >= 0 && acc_bound(l, &net->t[l->res_src]) > 0x7FFFFFFFull) {
                        l->res_src = -1;
                    }
                }
                done = 1;
            }
        }
        if (!done) {
            /* fall back to a 1x1 CONV / DENSE that always fits */
            init_layer(l, tin->h * tin->w == 1u ? ST_LAYER_DENSE : ST_LAYER_CONV);
            l->in = *tin;
            l->kh = (uint8_t)(l->type == ST_LAYER_DENSE ? tin->h : 1u);
            l->kw = (uint8_t)(l->type == ST_LAYER_DENSE ? tin->w : 1u);
            l->stride = 1u;
            l->w_bits = (uint8_t)rand_width(rng, lim.wbits_mask, 1u, 8u);
            l->out_bits = last ? 0u : (uint8_t)rand_width(rng, lim.abits_mask, 1u, max_out_bits(&lim));
            l->out.c = (uint16_t)st_rng_range(rng, 1, 12);
            conv_out_shape(l);
        }
        net->t[i + 1u] = l->out;
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            st_status_t s = fill_conv(rng, pool, net, i, st_rng_pct(rng, 70u));
            if (s != ST_OK) {
                return s;
            }
        } else {
            st_status_t s = eval_pool(pool, net, i);
            if (s != ST_OK) {
                return s;
            }
        }
        net->n_layers = i + 1u;
        if (l->out_bits == 0u && (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE)) {
            break; /* an output layer ends the chain */
        }
    }
    return ST_OK;
}

/* ---- descriptions ---------------------------------------------------------------------------------- */

static const char *type_name(uint32_t t)
{
    switch (t) {
    case ST_LAYER_CONV: return "CONV";
    case ST_LAYER_DENSE: return "DENSE";
    case ST_LAYER_MAXPOOL: return "MAXPOOL";
    case ST_LAYER_GSUM: return "GSUM";
    default: return "?";
    }
}

static void enc_str(const st_tensor_t *t, int bytes, char *buf, size_t size)
{
    if (t->is_int32) {
        snprintf(buf, size, "int32");
    } else {
        snprintf(buf, size, "%s%u%s", t->bipolar ? "bip" : "a", (unsigned)t->bits, bytes ? "B" : "");
    }
}

void st_rand_layer_desc(const st_rand_net_t *net, uint32_t i, char *buf, size_t size)
{
    const st_layer_t *l = &net->l[i];
    char ein[16];
    char eout[16];
    char extra[48] = "";
    enc_str(&l->in, i == 0u && net->input_is_bytes, ein, sizeof ein);
    enc_str(&l->out, 0, eout, sizeof eout);
    if (l->res_src >= 0) {
        snprintf(extra, sizeof extra, " res=t%d", (int)l->res_src);
    }
    if (l->bias != NULL) {
        strncat(extra, " bias", sizeof extra - strlen(extra) - 1u);
    }
    if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
        snprintf(buf, size, "%s %ux%ux%u %s w%u k%ux%u s%u p%u -> %ux%ux%u %s%s", type_name(l->type),
                 (unsigned)l->in.h, (unsigned)l->in.w, (unsigned)l->in.c, ein, (unsigned)l->w_bits,
                 (unsigned)l->kh, (unsigned)l->kw, (unsigned)l->stride, (unsigned)l->pad, (unsigned)l->out.h,
                 (unsigned)l->out.w, (unsigned)l->out.c, eout, extra);
    } else if (l->type == ST_LAYER_MAXPOOL) {
        snprintf(buf, size, "MAXPOOL %ux%ux%u %s k%u s%u -> %ux%ux%u", (unsigned)l->in.h, (unsigned)l->in.w,
                 (unsigned)l->in.c, ein, (unsigned)l->kh, (unsigned)l->stride, (unsigned)l->out.h,
                 (unsigned)l->out.w, (unsigned)l->out.c);
    } else {
        snprintf(buf, size, "GSUM %ux%ux%u %s -> 1x1x%u %s", (unsigned)l->in.h, (unsigned)l->in.w,
                 (unsigned)l->in.c, ein, (unsigned)l->out.c, eout);
    }
}

uint64_t st_rand_layer_bitmacs(const st_layer_t *l)
{
    uint64_t taps = 0;
    if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
        return 0u;
    }
    for (uint32_t y = 0; y < l->out.h; y++) {
        for (uint32_t x = 0; x < l->out.w; x++) {
            for (uint32_t ky = 0; ky < l->kh; ky++) {
                int32_t iy = (int32_t)(y * l->stride + ky) - (int32_t)l->pad;
                if (iy < 0 || iy >= (int32_t)l->in.h) {
                    continue;
                }
                for (uint32_t kx = 0; kx < l->kw; kx++) {
                    int32_t ix = (int32_t)(x * l->stride + kx) - (int32_t)l->pad;
                    if (ix >= 0 && ix < (int32_t)l->in.w) {
                        taps++;
                    }
                }
            }
        }
    }
    return taps * l->in.c * l->out.c * l->in.bits * l->w_bits;
}
