/* SPDX-License-Identifier: Apache-2.0 */
/* st_bitplane.c - the bit-plane form of docs/numerics.md §6, on the packed RAM layouts of §7: what the
 * accelerator computes, and the software baseline (swref) on our RV32IM core.
 *
 * Convolution: for each output pixel the reduction index k = (ky, kx, c) is walked one 32-bit word at a
 * time. Each k-word yields the activation planes Q_0..Q_{n-1} and the valid-tap mask V (1 for a real
 * channel of a tap inside the input); every output channel then takes word-wise AND + popcount against
 * its packed weight planes W_j and shift-adds the counts (sign plane subtracted). No per-bit loop runs
 * in that inner loop; building the k-word of a BYTES input is the only per-element step, once per pixel.
 * A k-word whose V is 0 (a padding tap) contributes exactly 0 in all four cases below, so it is skipped.
 *
 * The per-word sums stay inside int32 whatever the layer (at most 32 * (2^16 - 1) * 2^8 < 2^29), and a
 * running sum over a prefix of k is a partial dot product, bounded by B <= 2^31 - 1 (numerics.md §8).
 *
 * Freestanding C99: no libc calls, no heap, no globals. */
#include "st_golden_priv.h"

/* ---- convolution ------------------------------------------------------------------------------ */


typedef enum {
    K_UNSIGNED_MBIT,   /* sum_i sum_j sigma_j 2^(i+j) pc(Q_i & W_j)                    */
    K_UNSIGNED_BIPW,   /* sum_i 2^i (2 pc(Q_i & W) - pc(Q_i))            (Q_i = Q_i & V) */
    K_BIPOLAR_MBIT,    /* sum_j sigma_j 2^j (2 pc(Q & W_j & V) - pc(W_j & V))          */
    K_BIPOLAR_BIPW     /* pc(V) - 2 pc((Q ^ W) & V)                       (XNOR)        */
} st_kernel_t;

typedef struct {
    st_kernel_t kind;
    uint32_t n, m, kwords, c_out;
    const uint32_t *w; /* packed weights: plane j of channel o at w[(o*m + j)*kwords] */
    int32_t *acc;      /* the current pixel's c_out accumulators */
} conv_ctx_t;

/* Sum over the n activation planes of 2^i pc(Q_i & w), by Horner's rule from the top plane down: doubling
 * is an add, where a shift by a variable amount is a multi-cycle instruction on our core (the multiplier
 * executes shifts, docs/cpu.md). */
static inline int32_t planes_dot(const uint32_t *q, uint32_t n, uint32_t w)
{
    uint32_t i = n - 1u;
    int32_t s = (int32_t)st_pc32(q[i] & w);
    while (i-- > 0u) {
        s = st_dbl(s) + (int32_t)st_pc32(q[i] & w); /* < 2^21 */
    }
    return s;
}

/* Add the contribution of k-word kword (activation planes q[], already ANDed with v) to every channel.
 * Weight planes by Horner's rule too, from the sign plane j = m-1 (weight -2^(m-1)) down; every partial
 * sum stays below 2^29 in magnitude (numerics.md §8), so the order changes no bit of the result. Unsigned
 * activations of 1 or 2 planes (after the zero-plane trim) with bipolar or 2-bit weights, the hidden
 * layers of the shipped networks, take straight-line loops with the planes in registers. */
static void consume_kword(const conv_ctx_t *cx, uint32_t kword, const uint32_t *q, uint32_t v)
{
    const uint32_t m = cx->m, stride_o = m * cx->kwords, kwords = cx->kwords, c_out = cx->c_out;
    const uint32_t *wp = cx->w + kword;
    int32_t *const acc = cx->acc; /* locals: the stores to acc[] cannot alias them */
    uint32_t n = cx->n, o, j;

    if (cx->kind == K_UNSIGNED_MBIT || cx->kind == K_UNSIGNED_BIPW) {
        /* All-zero top planes add nothing (unsigned codes: plane i has weight 2^i >= 0); a dark window of
         * an 8-bit image has several, and an all-zero k-word none at all (the accelerator skips them too). */
        while (n > 0u && q[n - 1u] == 0u) {
            n--;
        }
        if (n == 0u) {
            return;
        }
    }

    switch (cx->kind) {
    case K_UNSIGNED_MBIT:
        if (m == 2u && n == 1u) {
            const uint32_t q0 = q[0];
            for (o = 0; o < c_out; o++, wp += stride_o) {
                acc[o] += (int32_t)st_pc32(q0 & wp[0]) - st_dbl((int32_t)st_pc32(q0 & wp[kwords]));
            }
            break;
        }
        if (m == 2u && n == 2u) {
            /* weights w0 - 2 w1: sum_i 2^i (pc(Q_i & W_0) - 2 pc(Q_i & W_1)) */
            const uint32_t q0 = q[0], q1 = q[1];
            for (o = 0; o < c_out; o++, wp += stride_o) {
                const uint32_t w0 = wp[0], w1 = wp[kwords];
                const int32_t s0 = (int32_t)st_pc32(q0 & w0) + st_dbl((int32_t)st_pc32(q1 & w0));
                const int32_t s1 = (int32_t)st_pc32(q0 & w1) + st_dbl((int32_t)st_pc32(q1 & w1));
                acc[o] += s0 - st_dbl(s1);
            }
            break;
        }
        for (o = 0; o < c_out; o++, wp += stride_o) {
            /* s < 2^21 per plane pair; t = sum_j sigma_j 2^j s_j, |t| < 2^29 */
            int32_t t = -planes_dot(q, n, wp[(m - 1u) * kwords]);
            for (j = m - 1u; j-- > 0u;) {
                t = st_dbl(t) + planes_dot(q, n, wp[j * kwords]);
            }
            acc[o] += t;
        }
        break;
    case K_UNSIGNED_BIPW: {
        /* sum_i 2^i pc(Q_i & V): the same for every channel (q[] is already ANDed with V) */
        const int32_t qsum = planes_dot(q, n, 0xFFFFFFFFu);
        if (n == 1u) {
            const uint32_t q0 = q[0];
            for (o = 0; o < c_out; o++, wp += stride_o) {
                acc[o] += st_dbl((int32_t)st_pc32(q0 & wp[0])) - qsum;
            }
            break;
        }
        if (n == 2u) {
            const uint32_t q0 = q[0], q1 = q[1];
            for (o = 0; o < c_out; o++, wp += stride_o) {
                const uint32_t w = wp[0];
                acc[o] += st_dbl((int32_t)st_pc32(q0 & w) + st_dbl((int32_t)st_pc32(q1 & w))) - qsum;
            }
            break;
        }
        for (o = 0; o < c_out; o++, wp += stride_o) {
            acc[o] += st_dbl(planes_dot(q, n, wp[0])) - qsum;
        }
        break;
    }
    case K_BIPOLAR_MBIT:
        for (o = 0; o < c_out; o++, wp += stride_o) {
            uint32_t wj = wp[(m - 1u) * kwords] & v;
            int32_t t = (int32_t)st_pc32(wj) - st_dbl((int32_t)st_pc32(q[0] & wj));
            for (j = m - 1u; j-- > 0u;) {
                wj = wp[j * kwords] & v;
                t = st_dbl(t) + st_dbl((int32_t)st_pc32(q[0] & wj)) - (int32_t)st_pc32(wj);
            }
            acc[o] += t;
        }
        break;
    default: { /* K_BIPOLAR_BIPW */
        const int32_t pv = (int32_t)st_pc32(v);
        const uint32_t q0 = q[0];
        for (o = 0; o < c_out; o++, wp += stride_o) {
            acc[o] += pv - st_dbl((int32_t)st_pc32((q0 ^ wp[0]) & v));
        }
        break;
    }
    }
}

void st_conv_acc_bitplane(const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                          const uint32_t *w_packed, int32_t *acc)
{
    st_conv_acc_bitplane_rows(l, input_is_bytes, in_packed, w_packed, 0u, l->out.h, acc);
}

void st_conv_acc_bitplane_rows(const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                               const uint32_t *w_packed, uint32_t y0, uint32_t y1, int32_t *acc)
{
    const int32_t kh = (int32_t)st_layer_kh(l), kw = (int32_t)st_layer_kw(l);
    const int32_t s = (int32_t)st_layer_stride(l), p = (int32_t)st_layer_pad(l);
    const int32_t h = l->in.h, w = l->in.w;
    const uint32_t c_in = l->in.c, n = l->in.bits, cw = st_planes_cw(c_in);
    const uint32_t last_mask = (c_in % 32u) ? (1u << (c_in % 32u)) - 1u : 0xFFFFFFFFu;
    uint32_t q[ST_MAX_PLANES];
    conv_ctx_t cx;
    int32_t y, x, ky, kx;
    uint32_t o, i;

    cx.n = n;
    cx.m = l->w_bits;
    cx.kwords = st_weight_kwords(l, input_is_bytes);
    cx.c_out = l->out.c;
    cx.w = w_packed;
    if (l->in.bipolar) {
        cx.kind = (l->w_bits == 1u) ? K_BIPOLAR_BIPW : K_BIPOLAR_MBIT;
    } else {
        cx.kind = (l->w_bits == 1u) ? K_UNSIGNED_BIPW : K_UNSIGNED_MBIT;
    }

    for (y = (int32_t)y0; y < (int32_t)y1; y++) {
        for (x = 0; x < (int32_t)l->out.w; x++) {
            cx.acc = acc + ((uint32_t)(y - (int32_t)y0) * l->out.w + (uint32_t)x) * cx.c_out;
            for (o = 0; o < cx.c_out; o++) {
                cx.acc[o] = 0;
            }
            if (!input_is_bytes) {
                /* PLANES: tap (ky, kx) is k-words (ky*KW + kx)*CW .. +CW-1, read straight from RAM. */
                for (ky = 0; ky < kh; ky++) {
                    const int32_t iy = y * s - p + ky;
                    if (iy < 0 || iy >= h) {
                        continue; /* V = 0 for the whole row of taps */
                    }
                    for (kx = 0; kx < kw; kx++) {
                        const int32_t ix = x * s - p + kx;
                        const uint32_t *px;
                        uint32_t c;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        px = in_packed + ((uint32_t)iy * (uint32_t)w + (uint32_t)ix) * n * cw;
                        for (c = 0; c < cw; c++) {
                            const uint32_t v = (c == cw - 1u) ? last_mask : 0xFFFFFFFFu;
                            for (i = 0; i < n; i++) {
                                q[i] = px[i * cw + c] & v;
                            }
                            consume_kword(&cx, (uint32_t)(ky * kw + kx) * cw + c, q, v);
                        }
                    }
                }
            } else {
                /* BYTES: taps packed densely, k = (ky*KW + kx)*C + c; gather the k-word bit by element.
                 * bit = 2^(k % 32) and the plane masks double by adds: no variable shifts (multi-cycle on
                 * our core). */
                uint32_t kword = 0, bit = 1u, v = 0, c;
                for (i = 0; i < n; i++) {
                    q[i] = 0;
                }
                for (ky = 0; ky < kh; ky++) {
                    const int32_t iy = y * s - p + ky;
                    for (kx = 0; kx < kw; kx++) {
                        const int32_t ix = x * s - p + kx;
                        const int valid = iy >= 0 && iy < h && ix >= 0 && ix < w;
                        const uint32_t base = valid ? ((uint32_t)iy * (uint32_t)w + (uint32_t)ix) * c_in : 0u;
                        for (c = 0; c < c_in; c++) {
                            if (valid) {
                                const uint32_t code = st_packed_byte(in_packed, base + c);
                                uint32_t plane = 1u;
                                v |= bit;
                                for (i = 0; i < n; i++, plane += plane) {
                                    q[i] |= bit & (0u - (uint32_t)((code & plane) != 0u));
                                }
                            }
                            bit += bit;
                            if (bit == 0u) { /* k-word complete */
                                if (v != 0u) {
                                    consume_kword(&cx, kword, q, v);
                                }
                                kword++;
                                bit = 1u;
                                v = 0;
                                for (i = 0; i < n; i++) {
                                    q[i] = 0;
                                }
                            }
                        }
                    }
                }
                if (bit != 1u && v != 0u) {
                    consume_kword(&cx, kword, q, v);
                }
            }
        }
    }
}

/* ---- BYTES input by multiply-accumulate (the CPU's fastest form of a first layer) ----------------- */

uint32_t st_bytes_mac_wbuf_len(const st_layer_t *l)
{
    return l->out.c * st_layer_kh(l) * st_layer_kw(l) * l->in.c;
}

int st_bytes_mac_weights(const st_layer_t *l, const uint32_t *w_packed, int16_t *wbuf, uint32_t wbuf_len)
{
    const uint32_t c_out = l->out.c, m = l->w_bits, kk = st_layer_kh(l) * st_layer_kw(l) * l->in.c;
    const uint32_t kwords = st_weight_kwords(l, 1);
    uint32_t o, k, j;

    if (kk == 0u || kk > ST_BYTES_MAC_MAX_K || wbuf_len < st_bytes_mac_wbuf_len(l)) {
        return -1;
    }
    /* bipolar (m = 1) +-1, else two's complement: the sign plane, then Horner down the others */
    for (o = 0; o < c_out; o++) {
        const uint32_t *wo = w_packed + o * m * kwords;
        for (k = 0; k < kk; k++) {
            const uint32_t word = k / 32u, bit = 1u << (k % 32u);
            int32_t v;
            if (m == 1u) {
                v = (wo[word] & bit) ? 1 : -1;
            } else {
                v = (wo[(m - 1u) * kwords + word] & bit) ? -1 : 0;
                for (j = m - 1u; j-- > 0u;) {
                    v = st_dbl(v) + ((wo[j * kwords + word] & bit) ? 1 : 0);
                }
            }
            wbuf[o * kk + k] = (int16_t)v;
        }
    }
    return 0;
}

void st_conv_acc_bytes_mac_rows(const st_layer_t *l, const uint32_t *in_packed, const int16_t *wbuf, uint32_t y0,
                                uint32_t y1, int32_t *acc)
{
    const int32_t kh = (int32_t)st_layer_kh(l), kw = (int32_t)st_layer_kw(l);
    const int32_t s = (int32_t)st_layer_stride(l), p = (int32_t)st_layer_pad(l);
    const int32_t h = l->in.h, w = l->in.w;
    const uint32_t c_in = l->in.c, c_out = l->out.c, kk = (uint32_t)(kh * kw) * c_in;
    uint32_t o, k, nz;
    int32_t y, x, ky, kx;

    for (y = (int32_t)y0; y < (int32_t)y1; y++) {
        for (x = 0; x < (int32_t)l->out.w; x++) {
            int32_t *a = acc + ((uint32_t)(y - (int32_t)y0) * l->out.w + (uint32_t)x) * c_out;
            int32_t xv[ST_BYTES_MAC_MAX_K];
            const int16_t *xw[ST_BYTES_MAC_MAX_K]; /* channel 0's weight of each value (no index scaling
                                                     in the inner loop: shifts are slow on our core) */
            /* The window's non-zero input values and their k (padding taps and zero codes add nothing). */
            nz = 0;
            for (ky = 0; ky < kh; ky++) {
                const int32_t iy = y * s - p + ky;
                for (kx = 0; kx < kw; kx++) {
                    const int32_t ix = x * s - p + kx;
                    const uint32_t k0 = (uint32_t)(ky * kw + kx) * c_in;
                    uint32_t c, base;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                        continue;
                    }
                    base = ((uint32_t)iy * (uint32_t)w + (uint32_t)ix) * c_in;
                    for (c = 0; c < c_in; c++) {
                        const int32_t v = st_code_value(&l->in, st_packed_byte(in_packed, base + c));
                        if (v != 0) {
                            xv[nz] = v;
                            xw[nz] = wbuf + k0 + c;
                            nz++;
                        }
                    }
                }
            }
            for (o = 0; o < c_out; o++) {
                const uint32_t off = o * kk;
                int32_t sum = 0; /* every partial sum is a partial dot product: |sum| <= B < 2^31 */
                for (k = 0; k + 1u < nz; k += 2u) { /* two per iteration: half the loop overhead */
                    sum += xv[k] * (int32_t)xw[k][off];
                    sum += xv[k + 1u] * (int32_t)xw[k + 1u][off];
                }
                if (k < nz) {
                    sum += xv[k] * (int32_t)xw[k][off];
                }
                a[o] = sum;
            }
        }
    }
}

/* ---- reading packed activations -------------------------------------------------------------- */

/* Plane i of channels 32*cw .. 32*cw+31 at pixel pix, as one word (BYTES: gathered from bytes). */
static uint32_t plane_word(const st_tensor_t *t, int is_bytes, const uint32_t *buf, uint32_t pix, uint32_t i,
                           uint32_t cw)
{
    if (!is_bytes) {
        return buf[(pix * t->bits + i) * st_planes_cw(t->c) + cw];
    } else {
        uint32_t word = 0, c;
        for (c = 32u * cw; c < t->c && c < 32u * cw + 32u; c++) {
            word |= ((st_packed_byte(buf, pix * t->c + c) >> i) & 1u) << (c % 32u);
        }
        return word;
    }
}

/* ---- threshold unit, residual, output layer ------------------------------------------------- */

uint32_t st_threshold_packed(int32_t acc, const uint32_t *rec, uint32_t nt)
{
    const int32_t *const t = (const int32_t *)(rec + 1); /* int32_t may alias the uint32_t words */
    int32_t v = acc;
    uint32_t lo = 0, hi = nt, c4 = 0;

    /* The sign negates the accumulator, never the thresholds: v = s * acc fits int32 except -INT32_MIN
     * = 2^31, which passes every threshold. */
    if (rec[0] & 1u) {
        if (acc == INT32_MIN) {
            return nt;
        }
        v = -acc;
    }
    /* Thresholds are sorted, so the code is the number of leading thresholds passed (v >= T[k]; a tie
     * counts). For the 2^n - 1 thresholds of an n-bit code: the threshold unit's search, bit n-1 first,
     * step j comparing T[c + 2^j - 1] (docs/accelerator.md §3.5), unrolled, with byte offsets (c4 = 4c):
     * an index would cost a shift, a multi-cycle instruction on our core. */
#define ST_TH(off) (*(const int32_t *)(const void *)((const char *)t + (off)))
    switch (nt) {
    case 15u:
        c4 = (v >= ST_TH(28u)) ? 32u : 0u;
        /* fall through */
    case 7u:
        c4 += (v >= ST_TH(c4 + 12u)) ? 16u : 0u;
        /* fall through */
    case 3u:
        c4 += (v >= ST_TH(c4 + 4u)) ? 8u : 0u;
        /* fall through */
    case 1u:
        c4 += (v >= ST_TH(c4)) ? 4u : 0u;
        return c4 / 4u;
    default:
        break;
    }
#undef ST_TH
    while (lo < hi) { /* any other count: a binary search for the first T[k] > v */
        const uint32_t mid = lo + (hi - lo) / 2u;
        if (v >= t[mid]) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* One step of the threshold unit's search inside the packer: the comparison with T[c + 2^j - 1] for code
 * bit j (span = 4 * 2^j bytes, *c4 = 4c). Returns all ones when v passes it (the bit is set), else 0:
 * the caller ORs `mask & bit` into plane j and the search moves on without a shift or a branch. */
static inline uint32_t th_step(int32_t v, const char *t, uint32_t *c4, uint32_t span)
{
    const uint32_t m = (uint32_t)(v < *(const int32_t *)(const void *)(t + *c4 + span - 4u)) - 1u;
    *c4 += m & span;
    return m;
}

void st_finish_packed(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                      const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed,
                      uint32_t *out_packed)
{
    st_finish_packed_rows(l, params, acc, res_t, res_is_bytes, res_packed, 0u, l->out.h, out_packed);
}

/* s * acc for the sign bit of a parameter record (sgn: all ones for s = -1). */
static inline int32_t th_signed(int32_t acc, uint32_t sgn)
{
    return st_u2i(((uint32_t)acc ^ sgn) - sgn);
}

/* Channel `bit` of a word: st_threshold_packed's search for nt = 2^n - 1, each code bit straight into its
 * plane q[j]; -INT32_MIN = 2^31 (v = INT32_MIN with the sign) passes every threshold. */
static inline __attribute__((always_inline)) void th_one(int32_t acc, const uint32_t *rec, uint32_t n,
                                                         uint32_t bit, uint32_t *q)
{
    const uint32_t sgn = 0u - (rec[0] & 1u);
    const int32_t v = th_signed(acc, sgn);
    const char *const t = (const char *)(const void *)(rec + 1);
    uint32_t c4 = 0;
    if (v == INT32_MIN && sgn != 0u) {
        q[0] |= bit;
        q[1] |= bit;
        q[2] |= bit;
        q[3] |= bit;
        return;
    }
    if (n > 3u) {
        q[3] |= th_step(v, t, &c4, 32u) & bit;
    }
    if (n > 2u) {
        q[2] |= th_step(v, t, &c4, 16u) & bit;
    }
    if (n > 1u) {
        q[1] |= th_step(v, t, &c4, 8u) & bit;
    }
    q[0] |= th_step(v, t, &c4, 4u) & bit;
}

/* One packed word's codes: channels 0 .. m-1 (m <= 32) of a pixel, accumulators a[] (the residual added),
 * parameter records rec (prec words apart), into the n planes at w (cw words apart). n is a constant at
 * every call, so the planes stay in registers and the steps not needed are not compiled. Two channels per
 * turn, their searches interleaved: our core (Forward = 0) takes a cycle more for an instruction that uses
 * the result of the one just before, and each search is a chain of such instructions. */
static inline __attribute__((always_inline)) void th_word(const int32_t *a, const uint32_t *rec, uint32_t prec,
                                                          uint32_t m, uint32_t n, uint32_t *w, uint32_t cw)
{
    uint32_t k, bit = 1u, q[4] = {0u, 0u, 0u, 0u};

    for (k = 0; k + 1u < m; k += 2u, rec += prec + prec, bit = st_dbl_u32(st_dbl_u32(bit))) {
        const uint32_t *const rec1 = rec + prec, bit1 = st_dbl_u32(bit);
        const uint32_t s0 = 0u - (rec[0] & 1u), s1 = 0u - (rec1[0] & 1u);
        const int32_t v0 = th_signed(a[k], s0), v1 = th_signed(a[k + 1u], s1);
        const char *const t0 = (const char *)(const void *)(rec + 1), *const t1 = (const char *)(const void *)(rec1 + 1);
        uint32_t c0 = 0, c1 = 0;
        if (__builtin_expect((v0 == INT32_MIN && s0 != 0u) || (v1 == INT32_MIN && s1 != 0u), 0)) {
            th_one(a[k], rec, n, bit, q);
            th_one(a[k + 1u], rec1, n, bit1, q);
            continue;
        }
        if (n > 3u) {
            const uint32_t m0 = th_step(v0, t0, &c0, 32u), m1 = th_step(v1, t1, &c1, 32u);
            q[3] |= (m0 & bit) | (m1 & bit1);
        }
        if (n > 2u) {
            const uint32_t m0 = th_step(v0, t0, &c0, 16u), m1 = th_step(v1, t1, &c1, 16u);
            q[2] |= (m0 & bit) | (m1 & bit1);
        }
        if (n > 1u) {
            const uint32_t m0 = th_step(v0, t0, &c0, 8u), m1 = th_step(v1, t1, &c1, 8u);
            q[1] |= (m0 & bit) | (m1 & bit1);
        }
        {
            const uint32_t m0 = th_step(v0, t0, &c0, 4u), m1 = th_step(v1, t1, &c1, 4u);
            q[0] |= (m0 & bit) | (m1 & bit1);
        }
    }
    if (k < m) {
        th_one(a[k], rec, n, bit, q);
    }
    w[0] = q[0]; /* padding channels stay 0 */
    if (n > 1u) {
        w[cw] = q[1];
    }
    if (n > 2u) {
        w[cw + cw] = q[2];
    }
    if (n > 3u) {
        w[cw + cw + cw] = q[3];
    }
}

void st_finish_packed_rows(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                           const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed, uint32_t y0,
                           uint32_t y1, uint32_t *out_packed)
{
    const uint32_t pix0 = y0 * l->out.w, npix = y1 * l->out.w, c_out = l->out.c;
    const uint32_t prec = st_param_record_words(l), n = l->out_bits;
    const uint32_t cw = st_planes_cw(c_out);
    const uint32_t rbits = res_t != NULL ? res_t->bits : 0u, rcw = res_t != NULL ? st_planes_cw(res_t->c) : 0u;
    const int has_res = l->res_src >= 0;
    uint32_t pix, cwi, k, i;

    /* Word by word of 32 output channels: the residual adds into ra (32-bit wrap-around: the bound of
     * numerics.md §8 keeps every sum in int32), then the codes of the word collect in registers and each
     * plane's word is stored once. */
    for (pix = pix0; pix < npix; pix++) {
        const int32_t *const ap = acc + (pix - pix0) * c_out;
        for (cwi = 0; cwi < cw; cwi++) {
            const uint32_t o0 = 32u * cwi, m = c_out - o0 < 32u ? c_out - o0 : 32u;
            const uint32_t *const rec = params + o0 * prec;
            const int32_t *a = ap + o0;
            int32_t ra[32];
            if (has_res) {
                uint32_t bit = 1u;
                for (k = 0; k < m; k++, bit = st_dbl_u32(bit)) {
                    uint32_t r = 0;
                    if (res_is_bytes) {
                        r = st_packed_byte(res_packed, pix * res_t->c + o0 + k);
                    } else {
                        const uint32_t *rw = res_packed + pix * rbits * rcw + cwi;
                        uint32_t plane = 1u;
                        for (i = 0; i < rbits; i++, plane += plane, rw += rcw) {
                            if (*rw & bit) {
                                r |= plane;
                            }
                        }
                    }
                    ra[k] = st_u2i((uint32_t)a[k] + (uint32_t)(st_rec_mult(rec[k * prec]) * st_code_value(res_t, r)));
                }
                a = ra;
            }
            switch (n) {
            case 0u: /* INT32 layout: one int32 per element (int32_t may alias uint32_t storage) */
                for (k = 0; k < m; k++) {
                    ((int32_t *)out_packed)[pix * c_out + o0 + k] = st_u2i((uint32_t)a[k] + rec[k * prec + 1u]);
                }
                break;
            case 1u:
                th_word(a, rec, prec, m, 1u, out_packed + pix * cw + cwi, cw);
                break;
            case 2u:
                th_word(a, rec, prec, m, 2u, out_packed + pix * 2u * cw + cwi, cw);
                break;
            case 3u:
                th_word(a, rec, prec, m, 3u, out_packed + pix * 3u * cw + cwi, cw);
                break;
            default:
                th_word(a, rec, prec, m, 4u, out_packed + pix * 4u * cw + cwi, cw);
                break;
            }
        }
    }
}

/* ---- pooling --------------------------------------------------------------------------------- */

/* Max pooling of a packed (bit-plane) input: the same bit-sliced compare as st_maxpool_packed's general
 * form, with every word reached by pointer steps (a multiply costs four cycles on our core, and the
 * general form computes each tap's word index with several). */
static void maxpool_planes(const st_layer_t *l, const uint32_t *in, uint32_t *out)
{
    const uint32_t k = l->kh, n = l->in.bits, cw_n = st_planes_cw(l->in.c);
    const uint32_t pw = n * cw_n, sx = l->stride * pw, row = (uint32_t)l->in.w * pw, sy = l->stride * row;
    const uint32_t *in_row = in;
    uint32_t y, x, cw, ky, kx, i;

    for (y = 0; y < l->out.h; y++, in_row += sy) {
        const uint32_t *px = in_row;
        for (x = 0; x < l->out.w; x++, px += sx) {
            for (cw = 0; cw < cw_n; cw++, out++) {
                uint32_t best[ST_MAX_PLANES];
                const uint32_t *tap_row = px + cw, *p;
                uint32_t *o;
                for (i = 0, p = tap_row; i < n; i++, p += cw_n) {
                    best[i] = *p;
                }
                for (ky = 0; ky < k; ky++, tap_row += row) {
                    const uint32_t *tap = tap_row;
                    for (kx = 0; kx < k; kx++, tap += pw) {
                        uint32_t gt = 0, eq = 0xFFFFFFFFu;
                        if (ky == 0u && kx == 0u) {
                            continue;
                        }
                        /* Bit-sliced compare, MSB plane first: gt = channels where cand > best. */
                        for (i = n, p = tap + n * cw_n; i-- > 0u;) {
                            const uint32_t cand = *(p -= cw_n);
                            gt |= eq & cand & ~best[i];
                            eq &= ~(cand ^ best[i]);
                        }
                        for (i = 0, p = tap; i < n; i++, p += cw_n) {
                            best[i] = (*p & gt) | (best[i] & ~gt);
                        }
                    }
                }
                for (i = 0, o = out; i < n; i++, o += cw_n) {
                    *o = best[i];
                }
            }
            out += pw - cw_n; /* the pixel's other planes were written through o */
        }
    }
}

void st_maxpool_packed(const st_layer_t *l, int input_is_bytes, const uint32_t *in, uint32_t *out)
{
    const uint32_t k = l->kh, s = l->stride, n = l->in.bits, cw_n = st_planes_cw(l->in.c);
    uint32_t y, x, cw, ky, kx, i;

    if (!input_is_bytes) {
        maxpool_planes(l, in, out);
        return;
    }

    for (y = 0; y < l->out.h; y++) {
        for (x = 0; x < l->out.w; x++) {
            const uint32_t opix = y * l->out.w + x;
            for (cw = 0; cw < cw_n; cw++) {
                uint32_t best[ST_MAX_PLANES];
                for (i = 0; i < n; i++) {
                    best[i] = plane_word(&l->in, input_is_bytes, in, (y * s) * l->in.w + x * s, i, cw);
                }
                for (ky = 0; ky < k; ky++) {
                    for (kx = 0; kx < k; kx++) {
                        const uint32_t ipix = (y * s + ky) * l->in.w + (x * s + kx);
                        uint32_t cand[ST_MAX_PLANES];
                        uint32_t gt = 0, eq = 0xFFFFFFFFu;
                        if (ky == 0u && kx == 0u) {
                            continue;
                        }
                        /* Bit-sliced compare, MSB plane first: gt = channels where cand > best. */
                        for (i = n; i-- > 0u;) {
                            cand[i] = plane_word(&l->in, input_is_bytes, in, ipix, i, cw);
                            gt |= eq & cand[i] & ~best[i];
                            eq &= ~(cand[i] ^ best[i]);
                        }
                        for (i = 0; i < n; i++) {
                            best[i] = (cand[i] & gt) | (best[i] & ~gt);
                        }
                    }
                }
                for (i = 0; i < n; i++) {
                    out[(opix * n + i) * cw_n + cw] = best[i];
                }
            }
        }
    }
}

void st_gsum_packed(const st_layer_t *l, int input_is_bytes, const uint32_t *in, uint32_t *out)
{
    const uint32_t npix = (uint32_t)l->in.h * l->in.w, n = l->in.bits, nout = l->out.bits;
    const uint32_t cw_n = st_planes_cw(l->in.c);
    uint32_t pix, cw, i;

    /* The output (1 x 1 x C, nout planes) is its own accumulator: plane i of word cw at out[i*CW + cw]. */
    st_zero_words(out, nout * cw_n);
    for (pix = 0; pix < npix; pix++) {
        for (cw = 0; cw < cw_n; cw++) {
            uint32_t carry = 0;
            /* Ripple-carry add of an n-bit bit-sliced number to the nout-bit sums of 32 channels. */
            for (i = 0; i < nout; i++) {
                const uint32_t a = out[i * cw_n + cw];
                const uint32_t b = (i < n) ? plane_word(&l->in, input_is_bytes, in, pix, i, cw) : 0u;
                out[i * cw_n + cw] = a ^ b ^ carry;
                carry = (a & b) | (carry & (a ^ b));
                if (i >= n && carry == 0u) {
                    break;
                }
            }
        }
    }
}
