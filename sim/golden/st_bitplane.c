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

/* Add the contribution of k-word kword (activation planes q[], already ANDed with v) to every channel. */
static void consume_kword(const conv_ctx_t *cx, uint32_t kword, const uint32_t *q, uint32_t v)
{
    const uint32_t n = cx->n, m = cx->m, stride_o = m * cx->kwords, kwords = cx->kwords;
    const uint32_t *wp = cx->w + kword;
    uint32_t o, i, j;

    switch (cx->kind) {
    case K_UNSIGNED_MBIT:
        for (o = 0; o < cx->c_out; o++, wp += stride_o) {
            int32_t t = 0;
            for (j = 0; j < m; j++) {
                const uint32_t wj = wp[j * kwords];
                uint32_t s = 0;
                for (i = 0; i < n; i++) {
                    s += st_pc32(q[i] & wj) << i;
                }
                /* s < 2^21, so s * 2^j < 2^28 */
                t += (j == m - 1u) ? -(int32_t)(s << j) : (int32_t)(s << j);
            }
            cx->acc[o] += t;
        }
        break;
    case K_UNSIGNED_BIPW: {
        uint32_t qsum = 0; /* sum_i 2^i pc(Q_i & V): the same for every channel */
        for (i = 0; i < n; i++) {
            qsum += st_pc32(q[i]) << i;
        }
        for (o = 0; o < cx->c_out; o++, wp += stride_o) {
            const uint32_t w = wp[0];
            uint32_t s = 0;
            for (i = 0; i < n; i++) {
                s += st_pc32(q[i] & w) << i;
            }
            cx->acc[o] += 2 * (int32_t)s - (int32_t)qsum;
        }
        break;
    }
    case K_BIPOLAR_MBIT:
        for (o = 0; o < cx->c_out; o++, wp += stride_o) {
            int32_t t = 0;
            for (j = 0; j < m; j++) {
                const uint32_t wj = wp[j * kwords] & v;
                const int32_t d = 2 * (int32_t)st_pc32(q[0] & wj) - (int32_t)st_pc32(wj);
                t += (j == m - 1u) ? -d * (1 << j) : d * (1 << j);
            }
            cx->acc[o] += t;
        }
        break;
    default: { /* K_BIPOLAR_BIPW */
        const int32_t pv = (int32_t)st_pc32(v);
        for (o = 0; o < cx->c_out; o++, wp += stride_o) {
            cx->acc[o] += pv - 2 * (int32_t)st_pc32((q[0] ^ wp[0]) & v);
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
                /* BYTES: taps packed densely, k = (ky*KW + kx)*C + c; gather the k-word bit by element. */
                uint32_t k = 0, v = 0, c;
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
                            const uint32_t b = k % 32u;
                            if (valid) {
                                const uint32_t bi = base + c;
                                const uint32_t code = (in_packed[bi / 4u] >> (8u * (bi % 4u))) & 0xFFu;
                                v |= 1u << b;
                                for (i = 0; i < n; i++) {
                                    q[i] |= ((code >> i) & 1u) << b;
                                }
                            }
                            k++;
                            if (k % 32u == 0u) {
                                if (v != 0u) {
                                    consume_kword(&cx, k / 32u - 1u, q, v);
                                }
                                v = 0;
                                for (i = 0; i < n; i++) {
                                    q[i] = 0;
                                }
                            }
                        }
                    }
                }
                if (k % 32u != 0u && v != 0u) {
                    consume_kword(&cx, k / 32u, q, v);
                }
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
            const uint32_t bi = pix * t->c + c;
            word |= ((buf[bi / 4u] >> (8u * (bi % 4u) + i)) & 1u) << (c % 32u);
        }
        return word;
    }
}

/* Code of channel c at pixel pix. */
static uint32_t packed_code(const st_tensor_t *t, int is_bytes, const uint32_t *buf, uint32_t pix, uint32_t c)
{
    if (is_bytes) {
        const uint32_t bi = pix * t->c + c;
        return (buf[bi / 4u] >> (8u * (bi % 4u))) & 0xFFu;
    } else {
        const uint32_t cw = st_planes_cw(t->c);
        uint32_t q = 0, i;
        for (i = 0; i < t->bits; i++) {
            q |= ((buf[(pix * t->bits + i) * cw + c / 32u] >> (c % 32u)) & 1u) << i;
        }
        return q;
    }
}

/* ---- threshold unit, residual, output layer ------------------------------------------------- */

uint32_t st_threshold_packed(int32_t acc, const uint32_t *rec, uint32_t nt)
{
    /* The sign negates the accumulator (64 bits: -INT32_MIN fits), never the thresholds. */
    const int64_t v = (rec[0] & 1u) ? -(int64_t)acc : (int64_t)acc;
    uint32_t lo = 0, hi = nt;

    /* Thresholds are sorted, so the code is the number of leading thresholds passed: find the first
     * T[k] > v (v >= T[k] passes, a tie counts). */
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2u;
        if (v >= (int64_t)st_u2i(rec[1u + mid])) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void st_finish_packed(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                      const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed,
                      uint32_t *out_packed)
{
    st_finish_packed_rows(l, params, acc, res_t, res_is_bytes, res_packed, 0u, l->out.h, out_packed);
}

void st_finish_packed_rows(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                           const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed, uint32_t y0,
                           uint32_t y1, uint32_t *out_packed)
{
    const uint32_t pix0 = y0 * l->out.w, npix = y1 * l->out.w, c_out = l->out.c;
    const uint32_t nt = st_layer_nt(l), prec = st_param_record_words(l), n = l->out_bits;
    const uint32_t cw = st_planes_cw(c_out);
    uint32_t pix, o, i;

    if (n != 0u) {
        st_zero_words(out_packed + pix0 * n * cw, (npix - pix0) * n * cw);
    }
    for (pix = pix0; pix < npix; pix++) {
        for (o = 0; o < c_out; o++) {
            const uint32_t *rec = params + o * prec;
            int64_t a = acc[(pix - pix0) * c_out + o];
            if (l->res_src >= 0) {
                const uint32_t r = packed_code(res_t, res_is_bytes, res_packed, pix, o);
                const int32_t rv = res_t->bipolar ? 2 * (int32_t)r - 1 : (int32_t)r;
                a += (int64_t)st_rec_mult(rec[0]) * rv;
            }
            if (n == 0u) {
                /* INT32 layout: one int32 per element (int32_t may alias uint32_t storage) */
                ((int32_t *)out_packed)[pix * c_out + o] = (int32_t)(a + st_u2i(rec[1]));
            } else {
                const uint32_t code = st_threshold_packed((int32_t)a, rec, nt);
                for (i = 0; i < n; i++) {
                    out_packed[(pix * n + i) * cw + o / 32u] |= ((code >> i) & 1u) << (o % 32u);
                }
            }
        }
    }
}

/* ---- pooling --------------------------------------------------------------------------------- */

void st_maxpool_packed(const st_layer_t *l, int input_is_bytes, const uint32_t *in, uint32_t *out)
{
    const uint32_t k = l->kh, s = l->stride, n = l->in.bits, cw_n = st_planes_cw(l->in.c);
    uint32_t y, x, cw, ky, kx, i;

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
