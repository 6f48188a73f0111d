/* SPDX-License-Identifier: Apache-2.0 */
/* st_golden.c - the MAC form of docs/numerics.md: plain nested loops over canonical NHWC codes and OHWI
 * int8 weights. Written to be obviously correct, not fast: it is the reference the bit-plane form
 * (st_bitplane.c) is proven against, and it shares no layout code with it.
 *
 * Freestanding C99: no libc calls, no heap, no globals. */
#include "st_golden_priv.h"

void st_conv_acc_mac(const st_layer_t *l, const uint16_t *in, int32_t *acc)
{
    const int32_t kh = (int32_t)st_layer_kh(l), kw = (int32_t)st_layer_kw(l);
    const int32_t s = (int32_t)st_layer_stride(l), p = (int32_t)st_layer_pad(l);
    const int32_t h = l->in.h, w = l->in.w, c_in = l->in.c;
    const int32_t ho = l->out.h, wo = l->out.w, c_out = l->out.c;
    int32_t y, x, o, ky, kx, c;

    for (y = 0; y < ho; y++) {
        for (x = 0; x < wo; x++) {
            for (o = 0; o < c_out; o++) {
                /* size_t: the weights of a large DENSE layer can exceed 2^31 elements on a 64-bit host */
                const int8_t *w_o = l->weights + (size_t)o * (size_t)(kh * kw * c_in);
                /* int64: exact even for a layer outside the bound (st_layer_check rejects those) */
                int64_t sum = 0;
                for (ky = 0; ky < kh; ky++) {
                    const int32_t iy = y * s - p + ky;
                    for (kx = 0; kx < kw; kx++) {
                        const int32_t ix = x * s - p + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            continue; /* a padding tap contributes 0, whatever the encoding */
                        }
                        for (c = 0; c < c_in; c++) {
                            const int32_t v = st_code_value(&l->in, in[(iy * w + ix) * c_in + c]);
                            const int32_t wt = w_o[(ky * kw + kx) * c_in + c];
                            sum += (int64_t)v * wt;
                        }
                    }
                }
                acc[(y * wo + x) * c_out + o] = (int32_t)sum;
            }
        }
    }
}

uint32_t st_threshold(int32_t acc, int32_t sign, const int32_t *thr, uint32_t nt)
{
    const int64_t v = (int64_t)sign * acc; /* 64 bits: -INT32_MIN is representable */
    uint32_t k, code = 0;

    for (k = 0; k < nt; k++) {
        if (v >= thr[k]) { /* >=: a tie counts */
            code++;
        }
    }
    return code;
}

void st_finish(const st_layer_t *l, const int32_t *acc, const st_tensor_t *res_t, const uint16_t *res,
               uint16_t *codes_out, int32_t *int_out)
{
    const uint32_t n = (uint32_t)l->out.h * l->out.w * l->out.c, nt = st_layer_nt(l);
    uint32_t i;

    for (i = 0; i < n; i++) {
        const uint32_t o = i % l->out.c;
        int64_t a = acc[i];
        if (l->res_src >= 0) {
            a += (int64_t)l->res_mult[o] * st_code_value(res_t, res[i]);
        }
        if (l->out_bits == 0u) {
            int_out[i] = (int32_t)(a + (l->bias != NULL ? l->bias[o] : 0));
        } else {
            codes_out[i] = (uint16_t)st_threshold((int32_t)a, l->signs[o], l->thresholds + o * nt, nt);
        }
    }
}

void st_maxpool(const st_layer_t *l, const uint16_t *in, uint16_t *out)
{
    const uint32_t k = l->kh, s = l->stride, w = l->in.w, c_n = l->in.c;
    uint32_t y, x, c, ky, kx;

    for (y = 0; y < l->out.h; y++) {
        for (x = 0; x < l->out.w; x++) {
            for (c = 0; c < c_n; c++) {
                uint32_t best = 0;
                for (ky = 0; ky < k; ky++) {
                    for (kx = 0; kx < k; kx++) {
                        const uint32_t q = in[((y * s + ky) * w + (x * s + kx)) * c_n + c];
                        best = q > best ? q : best;
                    }
                }
                out[(y * l->out.w + x) * c_n + c] = (uint16_t)best;
            }
        }
    }
}

void st_gsum(const st_layer_t *l, const uint16_t *in, uint16_t *out)
{
    const uint32_t npix = (uint32_t)l->in.h * l->in.w;
    uint32_t p, c;

    for (c = 0; c < l->in.c; c++) {
        uint32_t sum = 0;
        for (p = 0; p < npix; p++) {
            sum += in[p * l->in.c + c];
        }
        out[c] = (uint16_t)sum; /* fits: st_layer_check limits the output width to 16 bits */
    }
}

uint32_t st_argmax(const int32_t *v, uint32_t n)
{
    uint32_t i, best = 0;

    for (i = 1; i < n; i++) {
        if (v[i] > v[best]) { /* strictly greater: the lowest index wins a tie */
            best = i;
        }
    }
    return best;
}
