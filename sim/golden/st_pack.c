/* SPDX-License-Identifier: Apache-2.0 */
/* st_pack.c - the RAM layouts of docs/numerics.md §7: PLANES, BYTES, INT32, packed weights, channel
 * records. These are what the accelerator reads and writes and what the bit-plane form consumes.
 *
 * Freestanding C99: no libc calls. Packing runs once per tensor or layer, so it is written for clarity
 * (bit by bit) rather than speed; the inner loops of the bit-plane form never unpack. */
#include "st_golden_priv.h"

uint32_t st_planes_cw(uint32_t c)
{
    return (c + 31u) / 32u;
}

uint32_t st_tensor_words(const st_tensor_t *t, int is_network_input)
{
    const uint32_t elems = (uint32_t)t->h * t->w * t->c;

    if (t->is_int32) {
        return elems;
    }
    if (is_network_input) {
        return (elems + 3u) / 4u;
    }
    return (uint32_t)t->h * t->w * t->bits * st_planes_cw(t->c);
}

void st_pack_planes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst)
{
    const uint32_t npix = (uint32_t)t->h * t->w, n = t->bits, cw = st_planes_cw(t->c);
    uint32_t p, i, c;

    st_zero_words(dst, npix * n * cw);
    for (p = 0; p < npix; p++) {
        for (c = 0; c < t->c; c++) {
            uint32_t q = codes[p * t->c + c];
            for (i = 0; i < n; i++) {
                /* code bit i of channel c at pixel p: word (p*n + i)*CW + c/32, bit c%32 */
                dst[(p * n + i) * cw + c / 32u] |= ((q >> i) & 1u) << (c % 32u);
            }
        }
    }
}

void st_unpack_planes(const st_tensor_t *t, const uint32_t *src, uint16_t *codes)
{
    const uint32_t npix = (uint32_t)t->h * t->w, n = t->bits, cw = st_planes_cw(t->c);
    uint32_t p, i, c;

    for (p = 0; p < npix; p++) {
        for (c = 0; c < t->c; c++) {
            uint32_t q = 0;
            for (i = 0; i < n; i++) {
                q |= ((src[(p * n + i) * cw + c / 32u] >> (c % 32u)) & 1u) << i;
            }
            codes[p * t->c + c] = (uint16_t)q;
        }
    }
}

void st_pack_bytes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst)
{
    const uint32_t elems = (uint32_t)t->h * t->w * t->c;
    uint32_t b;

    st_zero_words(dst, (elems + 3u) / 4u);
    for (b = 0; b < elems; b++) {
        /* byte b sits at word b/4, bits 8*(b%4) .. +7 (little-endian words) */
        dst[b / 4u] |= ((uint32_t)codes[b] & 0xFFu) << (8u * (b % 4u));
    }
}

void st_unpack_bytes(const st_tensor_t *t, const uint32_t *src, uint16_t *codes)
{
    const uint32_t elems = (uint32_t)t->h * t->w * t->c;
    uint32_t b;

    for (b = 0; b < elems; b++) {
        codes[b] = (uint16_t)((src[b / 4u] >> (8u * (b % 4u))) & 0xFFu);
    }
}

uint32_t st_weight_kwords(const st_layer_t *l, int input_is_bytes)
{
    const uint32_t taps = st_layer_kh(l) * st_layer_kw(l);

    if (input_is_bytes) {
        return (taps * l->in.c + 31u) / 32u; /* taps packed densely */
    }
    return taps * st_planes_cw(l->in.c); /* each tap occupies CW whole words */
}

uint32_t st_weight_words(const st_layer_t *l, int input_is_bytes)
{
    return (uint32_t)l->out.c * l->w_bits * st_weight_kwords(l, input_is_bytes);
}

void st_pack_weights(const st_layer_t *l, int input_is_bytes, uint32_t *dst)
{
    const uint32_t kh = st_layer_kh(l), kw = st_layer_kw(l), c_in = l->in.c, m = l->w_bits;
    const uint32_t kwords = st_weight_kwords(l, input_is_bytes), cw = st_planes_cw(c_in);
    uint32_t o, j, ky, kx, c;

    st_zero_words(dst, st_weight_words(l, input_is_bytes));
    for (o = 0; o < l->out.c; o++) {
        for (ky = 0; ky < kh; ky++) {
            for (kx = 0; kx < kw; kx++) {
                for (c = 0; c < c_in; c++) {
                    const int8_t w = l->weights[((o * kh + ky) * kw + kx) * c_in + c];
                    /* bipolar: bit 1 = +1; m-bit: the two's-complement bits (int8 sign-extends them) */
                    const uint32_t bits = (m == 1u) ? (w > 0 ? 1u : 0u) : (uint32_t)(uint8_t)w;
                    const uint32_t k = input_is_bytes ? (ky * kw + kx) * c_in + c : (ky * kw + kx) * 32u * cw + c;
                    for (j = 0; j < m; j++) {
                        dst[(o * m + j) * kwords + k / 32u] |= ((bits >> j) & 1u) << (k % 32u);
                    }
                }
            }
        }
    }
}

uint32_t st_param_record_words(const st_layer_t *l)
{
    return l->out_bits == 0u ? 2u : 1u + st_layer_nt(l);
}

uint32_t st_param_words(const st_layer_t *l)
{
    return (uint32_t)l->out.c * st_param_record_words(l);
}

void st_pack_params(const st_layer_t *l, uint32_t *dst)
{
    const uint32_t p = st_param_record_words(l), nt = st_layer_nt(l);
    uint32_t o, k;

    for (o = 0; o < l->out.c; o++) {
        uint32_t *rec = dst + o * p;
        /* word 0: bits 31:16 the int16 multiplier (0 without residual), bit 0 the sign (1 = -1) */
        uint32_t w0 = 0;
        if (l->res_src >= 0 && l->res_mult != NULL) {
            w0 = ((uint32_t)(uint16_t)l->res_mult[o]) << 16;
        }
        if (nt > 0u) {
            if (l->signs[o] < 0) {
                w0 |= 1u;
            }
            rec[0] = w0;
            for (k = 0; k < nt; k++) {
                rec[1u + k] = (uint32_t)l->thresholds[o * nt + k];
            }
        } else {
            rec[0] = w0;
            rec[1] = (l->bias != NULL) ? (uint32_t)l->bias[o] : 0u;
        }
    }
}
