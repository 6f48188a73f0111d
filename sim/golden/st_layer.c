/* SPDX-License-Identifier: Apache-2.0 */
/* st_layer.c - helpers shared by both forms: popcount, layer geometry and the layer check.
 *
 * Freestanding C99: includes only stdint.h / stddef.h through the project headers, calls nothing. */
#include "st_golden_priv.h"

/* ---- small helpers ---------------------------------------------------------------------------- */

uint32_t st_popcount32_portable(uint32_t x)
{
    return st_pc32_swar(x);
}

uint32_t st_popcount32(uint32_t x)
{
    /* Host GCC / clang: the builtin (one instruction where the CPU has it). On rv32im without Zbb the
     * builtin would be a libgcc call, so RISC-V builds take the SWAR version; tests check both. */
    return st_pc32(x);
}

uint32_t st_bitlen(uint64_t v)
{
    uint32_t n = 0;

    while (v != 0u) {
        n++;
        v >>= 1;
    }
    return n;
}

uint32_t st_gsum_bits(uint32_t n, uint32_t h, uint32_t w)
{
    if (n == 0u || n > 16u) {
        return 0;
    }
    return st_bitlen((((uint64_t)1 << n) - 1u) * h * w);
}

int32_t st_code_value(const st_tensor_t *t, uint32_t q)
{
    return t->bipolar ? 2 * (int32_t)q - 1 : (int32_t)q;
}

uint32_t st_layer_kh(const st_layer_t *l)
{
    return l->type == ST_LAYER_DENSE ? l->in.h : l->kh;
}

uint32_t st_layer_kw(const st_layer_t *l)
{
    return l->type == ST_LAYER_DENSE ? l->in.w : l->kw;
}

uint32_t st_layer_stride(const st_layer_t *l)
{
    return l->type == ST_LAYER_DENSE ? 1u : l->stride;
}

uint32_t st_layer_pad(const st_layer_t *l)
{
    return l->type == ST_LAYER_CONV ? l->pad : 0u;
}

uint32_t st_layer_nt(const st_layer_t *l)
{
    if ((l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) || l->out_bits == 0u || l->out_bits > 4u) {
        return 0;
    }
    return (1u << l->out_bits) - 1u;
}

void st_zero_words(uint32_t *p, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        p[i] = 0;
    }
}

/* ---- messages without stdio ------------------------------------------------------------------- */

void st_msg_init(st_msg_t *b, char *buf, uint32_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = 0;
    if (cap > 0u) {
        buf[0] = '\0';
    }
}

void st_msg_append(st_msg_t *b, char *buf, uint32_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = 0;
    while (b->len + 1u < cap && buf[b->len] != '\0') {
        b->len++;
    }
    if (cap > 0u) {
        buf[b->len] = '\0';
    }
}

void st_msg_str(st_msg_t *b, const char *s)
{
    while (s != NULL && *s != '\0' && b->len + 1u < b->cap) {
        b->buf[b->len++] = *s++;
    }
    if (b->cap > 0u) {
        b->buf[b->len] = '\0';
    }
}

void st_msg_int(st_msg_t *b, int64_t v)
{
    char tmp[24];
    uint32_t n = 0;
    uint64_t u;

    if (v < 0) {
        st_msg_str(b, "-");
        u = (uint64_t)(-(v + 1)) + 1u; /* no overflow for INT64_MIN */
    } else {
        u = (uint64_t)v;
    }
    do {
        tmp[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    while (n > 0u) {
        char c[2];
        c[0] = tmp[--n];
        c[1] = '\0';
        st_msg_str(b, c);
    }
}

st_status_t st_diag_set(st_diag_t *diag, st_status_t s, const char *what, int have_value, int64_t value,
                        const char *tail)
{
    if (diag != NULL) {
        st_msg_t b;

        diag->status = s;
        diag->layer = -1;
        st_msg_init(&b, diag->msg, (uint32_t)sizeof diag->msg);
        st_msg_str(&b, what);
        if (have_value) {
            st_msg_str(&b, " ");
            st_msg_int(&b, value);
        }
        st_msg_str(&b, tail);
    }
    return s;
}

/* ---- the accumulator bound (numerics.md §8) --------------------------------------------------- */

static uint64_t enc_vmax(const st_tensor_t *t)
{
    if (t->bipolar) {
        return 1u;
    }
    return ((uint64_t)1 << t->bits) - 1u;
}

static uint64_t abs64(int64_t v)
{
    return v < 0 ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v;
}

uint64_t st_layer_bound(const st_layer_t *l, const st_tensor_t *res_t)
{
    uint64_t b, wmax, mmax = 0, bmax = 0;
    uint32_t o;

    if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
        return 0;
    }
    wmax = l->w_bits <= 1u ? 1u : ((uint64_t)1 << (l->w_bits - 1u));
    /* taps <= 256*256*1024 = 2^26, vmax < 2^16, wmax <= 2^7: fits in 64 bits. */
    b = (uint64_t)st_layer_kh(l) * st_layer_kw(l) * l->in.c * enc_vmax(&l->in) * wmax;
    if (l->res_src >= 0 && res_t != NULL && l->res_mult != NULL) {
        for (o = 0; o < l->out.c; o++) {
            uint64_t a = abs64(l->res_mult[o]);
            mmax = a > mmax ? a : mmax;
        }
        b += mmax * enc_vmax(res_t);
    }
    if (l->out_bits == 0u && l->bias != NULL) {
        for (o = 0; o < l->out.c; o++) {
            uint64_t a = abs64(l->bias[o]);
            bmax = a > bmax ? a : bmax;
        }
        b += bmax;
    }
    return b;
}

/* ---- the layer check -------------------------------------------------------------------------- */

/* A code tensor a layer may read: 1..16 bits (only the network input and GSUM outputs exceed 4). */
static st_status_t check_code_tensor(const st_tensor_t *t, const char *name, st_diag_t *diag)
{
    if (t->is_int32) {
        return st_diag_set(diag, ST_ERR_SHAPE, name, 0, 0, " is an int32 output, not a code tensor");
    }
    if (t->h == 0u || t->w == 0u || t->c == 0u || t->h > 256u || t->w > 256u || t->c > ST_MAX_CHANNELS) {
        return st_diag_set(diag, ST_ERR_SHAPE, name, 0, 0, " shape outside 1..256 x 1..256 x 1..1024");
    }
    if (t->bits < 1u || t->bits > ST_MAX_PLANES) {
        return st_diag_set(diag, ST_ERR_FIELD, name, 1, t->bits, " bits outside 1..16");
    }
    if (t->bipolar && t->bits != 1u) {
        return st_diag_set(diag, ST_ERR_FIELD, name, 1, t->bits, " bits with the bipolar flag");
    }
    return ST_OK;
}

static int same_shape(const st_tensor_t *a, const st_tensor_t *b)
{
    return a->h == b->h && a->w == b->w && a->c == b->c;
}

static st_status_t check_conv(const st_layer_t *l, const st_tensor_t *res_t, st_diag_t *diag)
{
    const uint32_t kh = st_layer_kh(l), kw = st_layer_kw(l), s = st_layer_stride(l), p = st_layer_pad(l);
    const uint32_t nt = st_layer_nt(l);
    uint32_t o, k;
    uint64_t i, n;

    if (l->type == ST_LAYER_CONV) {
        if (kh < 1u || kh > 7u || kw < 1u || kw > 7u) {
            return st_diag_set(diag, ST_ERR_FIELD, "kernel", 1, kh > kw ? kh : kw, " outside 1..7");
        }
        if (s < 1u || s > 4u) {
            return st_diag_set(diag, ST_ERR_FIELD, "stride", 1, s, " outside 1..4");
        }
        if (p >= (kh > kw ? kh : kw)) {
            return st_diag_set(diag, ST_ERR_FIELD, "pad", 1, p, " not below the kernel size");
        }
    }
    if (l->w_bits < 1u || l->w_bits > 8u) {
        return st_diag_set(diag, ST_ERR_FIELD, "w_bits", 1, l->w_bits, " outside 1..8");
    }
    if (l->out_bits > 4u) {
        return st_diag_set(diag, ST_ERR_FIELD, "out_bits", 1, l->out_bits, " outside 0..4");
    }
    if (l->out_bipolar && l->out_bits != 1u) {
        return st_diag_set(diag, ST_ERR_FIELD, "out_bipolar with out_bits", 1, l->out_bits, "");
    }
    if (l->in.h + 2u * p < kh || l->in.w + 2u * p < kw) {
        return st_diag_set(diag, ST_ERR_SHAPE, "kernel larger than the padded input", 0, 0, "");
    }
    if (l->out.h != (l->in.h + 2u * p - kh) / s + 1u || l->out.w != (l->in.w + 2u * p - kw) / s + 1u) {
        return st_diag_set(diag, ST_ERR_SHAPE, "output h x w does not follow from the input", 0, 0, "");
    }
    if (l->out.c < 1u || l->out.c > ST_MAX_CHANNELS) {
        return st_diag_set(diag, ST_ERR_SHAPE, "out_c", 1, l->out.c, " outside 1..1024");
    }
    if (l->out_bits == 0u) {
        if (!l->out.is_int32) {
            return st_diag_set(diag, ST_ERR_SHAPE, "output layer without an int32 output tensor", 0, 0, "");
        }
    } else if (l->out.is_int32 || l->out.bits != l->out_bits || l->out.bipolar != l->out_bipolar) {
        return st_diag_set(diag, ST_ERR_SHAPE, "output tensor encoding differs from out_bits", 0, 0, "");
    }
    if (l->weights == NULL) {
        return st_diag_set(diag, ST_ERR_ARG, "weights missing", 0, 0, "");
    }
    n = (uint64_t)kh * kw * l->in.c * l->out.c;
    for (i = 0; i < n; i++) {
        int32_t w = l->weights[i];
        int ok = (l->w_bits == 1u) ? (w == 1 || w == -1)
                                   : (w >= -(1 << (l->w_bits - 1u)) && w < (1 << (l->w_bits - 1u)));
        if (!ok) {
            st_diag_set(diag, ST_ERR_WEIGHT, "weight of output channel", 1, (int64_t)(i / (n / l->out.c)), "");
            if (diag != NULL) {
                st_msg_t b;
                st_msg_append(&b, diag->msg, (uint32_t)sizeof diag->msg);
                st_msg_str(&b, " (OHWI index ");
                st_msg_int(&b, (int64_t)i);
                st_msg_str(&b, ") is ");
                st_msg_int(&b, w);
                st_msg_str(&b, ", outside the range of w_bits ");
                st_msg_int(&b, l->w_bits);
            }
            return ST_ERR_WEIGHT;
        }
    }
    if (nt > 0u) {
        if (l->thresholds == NULL || l->signs == NULL) {
            return st_diag_set(diag, ST_ERR_ARG, "thresholds or signs missing", 0, 0, "");
        }
        for (o = 0; o < l->out.c; o++) {
            if (l->signs[o] != 1 && l->signs[o] != -1) {
                return st_diag_set(diag, ST_ERR_SIGN, "sign", 1, l->signs[o], " is not +1 / -1");
            }
            for (k = 1; k < nt; k++) {
                if (l->thresholds[o * nt + k - 1u] > l->thresholds[o * nt + k]) {
                    st_diag_set(diag, ST_ERR_THRESH, "thresholds of channel", 1, o, " not sorted: T[");
                    if (diag != NULL) {
                        st_msg_t b;
                        st_msg_append(&b, diag->msg, (uint32_t)sizeof diag->msg);
                        st_msg_int(&b, k - 1u);
                        st_msg_str(&b, "]=");
                        st_msg_int(&b, l->thresholds[o * nt + k - 1u]);
                        st_msg_str(&b, " > T[");
                        st_msg_int(&b, k);
                        st_msg_str(&b, "]=");
                        st_msg_int(&b, l->thresholds[o * nt + k]);
                    }
                    return ST_ERR_THRESH;
                }
            }
        }
    }
    if (l->res_src >= 0) {
        st_status_t st;

        if (res_t == NULL || l->res_mult == NULL) {
            return st_diag_set(diag, ST_ERR_MULT, "residual source or multipliers missing", 0, 0, "");
        }
        st = check_code_tensor(res_t, "residual source", diag);
        if (st != ST_OK) {
            return st == ST_ERR_SHAPE ? st_diag_set(diag, ST_ERR_MULT, "bad residual source", 0, 0, "") : st;
        }
        if (!same_shape(res_t, &l->out)) {
            return st_diag_set(diag, ST_ERR_MULT, "residual source shape differs from the output", 0, 0, "");
        }
        for (o = 0; o < l->out.c; o++) {
            if (l->res_mult[o] < -32768 || l->res_mult[o] > 32767) {
                return st_diag_set(diag, ST_ERR_MULT, "residual multiplier", 1, l->res_mult[o],
                                   " outside int16");
            }
        }
    }
    if (st_layer_bound(l, l->res_src >= 0 ? res_t : NULL) > 0x7FFFFFFFu) {
        return st_diag_set(diag, ST_ERR_OVERFLOW, "accumulator bound B > 2^31-1", 0, 0, "");
    }
    return ST_OK;
}

st_status_t st_layer_check(const st_layer_t *l, const st_tensor_t *res_t, st_diag_t *diag)
{
    st_status_t st;

    if (l == NULL) {
        return st_diag_set(diag, ST_ERR_ARG, "layer is NULL", 0, 0, "");
    }
    if (l->type < ST_LAYER_CONV || l->type > ST_LAYER_GSUM) {
        return st_diag_set(diag, ST_ERR_LAYER_TYPE, "layer type", 1, l->type, " unknown");
    }
    st = check_code_tensor(&l->in, "input", diag);
    if (st != ST_OK) {
        return st;
    }
    if (l->res_src >= 0 && l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
        return st_diag_set(diag, ST_ERR_MULT, "residual on a pool layer", 0, 0, "");
    }
    switch (l->type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE:
        return check_conv(l, res_t, diag);
    case ST_LAYER_MAXPOOL:
        if (l->kh < 2u || l->kh > 4u || l->kw != l->kh) {
            return st_diag_set(diag, ST_ERR_FIELD, "pool kernel", 1, l->kh, " not square 2..4");
        }
        if (l->stride < 1u || l->stride > 4u) {
            return st_diag_set(diag, ST_ERR_FIELD, "stride", 1, l->stride, " outside 1..4");
        }
        if (l->in.bits > 4u) {
            return st_diag_set(diag, ST_ERR_FIELD, "max pooling input bits", 1, l->in.bits, " above 4");
        }
        if (l->in.h < l->kh || l->in.w < l->kw || l->out.h != (l->in.h - l->kh) / l->stride + 1u ||
            l->out.w != (l->in.w - l->kw) / l->stride + 1u || l->out.c != l->in.c ||
            l->out.bits != l->in.bits || l->out.bipolar != l->in.bipolar || l->out.is_int32) {
            return st_diag_set(diag, ST_ERR_SHAPE, "max pooling output shape", 0, 0, " wrong");
        }
        return ST_OK;
    default: /* GSUM */
        if (l->in.bipolar) {
            return st_diag_set(diag, ST_ERR_FIELD, "global sum of a bipolar tensor", 0, 0, "");
        }
        {
            uint32_t nb = st_gsum_bits(l->in.bits, l->in.h, l->in.w);
            if (nb > 16u) {
                return st_diag_set(diag, ST_ERR_SHAPE, "global sum output bits", 1, nb, " above 16");
            }
            if (l->out.h != 1u || l->out.w != 1u || l->out.c != l->in.c || l->out.bits != nb ||
                l->out.bipolar || l->out.is_int32) {
                return st_diag_set(diag, ST_ERR_SHAPE, "global sum output tensor", 0, 0, " wrong");
            }
        }
        return ST_OK;
    }
}
