/* SPDX-License-Identifier: Apache-2.0 */
/* st_desc_ref.c - descriptor-level reference of the accelerator (see st_desc_ref.h). */
#include "st_desc_ref.h"

#include <stdlib.h>
#include <string.h>

#include "st_golden.h"
#include "st_regs.h"

#define MAX_DIM 2047u
#define MAX_CH 1024u

static int dim_bad(uint32_t v)
{
    return v < 1u || v > MAX_DIM;
}

/* [a, a + 4*words) inside RAM; words computed in 64 bits so nothing wraps. */
static int in_ram(const st_ref_hw_t *hw, uint32_t a, uint64_t words)
{
    uint64_t lo = a, hi = (uint64_t)a + 4u * words;
    return lo >= hw->ram_base && hi <= (uint64_t)hw->ram_base + hw->ram_size;
}

static int overlaps(uint32_t a, uint64_t aw, uint32_t b, uint64_t bw)
{
    uint64_t a0 = a, a1 = (uint64_t)a + 4u * aw, b0 = b, b1 = (uint64_t)b + 4u * bw;
    return aw != 0u && bw != 0u && a0 < b1 && b0 < a1;
}

uint32_t st_ref_check(const st_desc_t *d, const st_ref_hw_t *hw)
{
    const uint32_t f = d->flags;
    const int conv = d->opcode == ST_DESC_OPC_CONV, pool = d->opcode == ST_DESC_OPC_MAXPOOL,
              gsum = d->opcode == ST_DESC_OPC_GSUM;
    const int bytes = (f & ST_DESC_F_IN_BYTES) != 0u, int32o = (f & ST_DESC_F_OUT_INT32) != 0u,
              res = (f & ST_DESC_F_RES) != 0u;
    /* 1. opcode */
    if (!conv && !pool && !gsum) {
        return ST_ACCEL_ERR_BAD_OPCODE;
    }
    /* 2. flags */
    {
        uint32_t allowed = ST_DESC_F_ALL;
        if (pool) {
            allowed = ST_DESC_F_LAST | ST_DESC_F_IN_BIPOLAR | ST_DESC_F_OUT_BIPOLAR;
        } else if (gsum) {
            allowed = ST_DESC_F_LAST;
        }
        if ((f & ~allowed) != 0u || ((f & ST_DESC_F_RES_BIPOLAR) && !res) ||
            ((f & ST_DESC_F_OUT_BIPOLAR) && int32o) || ((f & ST_DESC_F_W_SHARED) && bytes)) {
            return ST_ACCEL_ERR_BAD_FLAGS;
        }
    }
    /* 3. bit widths */
    if (conv) {
        if (d->in_bits < 1u || d->in_bits > (bytes ? 8u : 16u) || d->w_bits < 1u || d->w_bits > 8u ||
            (!int32o && (d->out_bits < 1u || d->out_bits > 4u)) || (res && (d->res_bits < 1u || d->res_bits > 4u))) {
            return ST_ACCEL_ERR_BAD_BITS;
        }
    } else if (pool) {
        if (d->in_bits < 1u || d->in_bits > 4u || d->out_bits != d->in_bits) {
            return ST_ACCEL_ERR_BAD_BITS;
        }
    } else if (d->in_bits < 1u || d->in_bits > 4u || d->out_bits < 1u || d->out_bits > 16u) {
        return ST_ACCEL_ERR_BAD_BITS;
    }
    if (((f & ST_DESC_F_IN_BIPOLAR) && d->in_bits != 1u) || ((f & ST_DESC_F_OUT_BIPOLAR) && d->out_bits != 1u) ||
        ((f & ST_DESC_F_RES_BIPOLAR) && d->res_bits != 1u)) {
        return ST_ACCEL_ERR_BAD_BITS;
    }
    /* 4. dimensions */
    if (dim_bad(d->in_h) || dim_bad(d->in_w) || dim_bad(d->out_h) || dim_bad(d->out_w) || d->in_c < 1u ||
        d->in_c > MAX_CH || d->out_c < 1u || d->out_c > MAX_CH) {
        return ST_ACCEL_ERR_BAD_DIM;
    }
    if (conv) {
        uint32_t kmax = d->kh > d->kw ? d->kh : d->kw;
        if (dim_bad(d->kh) || dim_bad(d->kw) || d->stride == 0u || d->pad > kmax - 1u ||
            d->kh > d->in_h + 2u * d->pad || d->kw > d->in_w + 2u * d->pad ||
            d->out_h != (d->in_h + 2u * d->pad - d->kh) / d->stride + 1u ||
            d->out_w != (d->in_w + 2u * d->pad - d->kw) / d->stride + 1u) {
            return ST_ACCEL_ERR_BAD_DIM;
        }
    } else if (pool) {
        if (dim_bad(d->kh) || dim_bad(d->kw) || d->stride == 0u || d->pad != 0u || d->kh > d->in_h ||
            d->kw > d->in_w || d->out_h != (d->in_h - d->kh) / d->stride + 1u ||
            d->out_w != (d->in_w - d->kw) / d->stride + 1u || d->out_c != d->in_c) {
            return ST_ACCEL_ERR_BAD_DIM;
        }
    } else {
        if (d->out_h != 1u || d->out_w != 1u || d->out_c != d->in_c) {
            return ST_ACCEL_ERR_BAD_DIM;
        }
        if ((((uint64_t)1 << d->in_bits) - 1u) * d->in_h * d->in_w >= ((uint64_t)1 << d->out_bits)) {
            return ST_ACCEL_ERR_BAD_BITS;
        }
    }
    /* 5. alignment of the addresses the opcode uses */
    {
        uint32_t or_addr = d->in_addr | d->out_addr;
        if (conv) {
            or_addr |= d->w_addr | d->p_addr | (res ? d->res_addr : 0u);
        }
        if ((or_addr & 3u) != 0u) {
            return ST_ACCEL_ERR_MISALIGNED;
        }
    }
    /* 6. buffers inside RAM */
    {
        uint64_t iw = st_desc_in_words(d), ow = st_desc_out_words(d);
        if (!in_ram(hw, d->in_addr, iw) || !in_ram(hw, d->out_addr, ow) ||
            (conv && (!in_ram(hw, d->w_addr, st_desc_w_words(d)) || !in_ram(hw, d->p_addr, st_desc_p_words(d)) ||
                      (res && !in_ram(hw, d->res_addr, st_desc_res_words(d)))))) {
            return ST_ACCEL_ERR_BAD_ADDR;
        }
        /* 7. the output must not overlap what the layer reads */
        if (overlaps(d->out_addr, ow, d->in_addr, iw) ||
            (conv && (overlaps(d->out_addr, ow, d->w_addr, st_desc_w_words(d)) ||
                      overlaps(d->out_addr, ow, d->p_addr, st_desc_p_words(d)) ||
                      (res && overlaps(d->out_addr, ow, d->res_addr, st_desc_res_words(d)))))) {
            return ST_ACCEL_ERR_OVERLAP;
        }
    }
    /* 8. on-chip buffers: one tile of weights per PE, one tile of parameter records */
    if (conv) {
        uint64_t need = ((uint64_t)d->w_bits * st_desc_kwords(d) * 32u + hw->simd - 1u) / hw->simd;
        uint64_t depth = ((uint64_t)hw->wbuf_words * 32u) / ((uint64_t)hw->pe * hw->simd);
        if (need > depth || (uint64_t)hw->pe * st_desc_p_record_words(d) > hw->pbuf_words ||
            ((d->flags & ST_DESC_F_IN_BYTES) && st_desc_kwords(d) > hw->bytes_kwords)) {
            return ST_ACCEL_ERR_BUF_SMALL;
        }
    }
    return ST_ACCEL_ERR_NONE;
}

uint64_t st_ref_bitmacs(const st_desc_t *d)
{
    uint64_t taps = 0;
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0u;
    }
    for (uint32_t y = 0; y < d->out_h; y++) {
        for (uint32_t ky = 0; ky < d->kh; ky++) {
            int64_t iy = (int64_t)y * d->stride + ky - d->pad;
            if (iy < 0 || iy >= (int64_t)d->in_h) {
                continue;
            }
            for (uint32_t x = 0; x < d->out_w; x++) {
                for (uint32_t kx = 0; kx < d->kw; kx++) {
                    int64_t ix = (int64_t)x * d->stride + kx - d->pad;
                    if (ix >= 0 && ix < (int64_t)d->in_w) {
                        taps++;
                    }
                }
            }
        }
    }
    return taps * d->in_c * d->out_c * d->in_bits * d->w_bits;
}

uint32_t st_ref_bytes_pairs(uint32_t n, uint32_t m, uint32_t hp)
{
    uint32_t pairs = 1u; /* the first issued pair: (hp - 1, m - 1), or (0, 0) for an all-zero window */
    if (hp == 0u) {
        return pairs;
    }
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < m; j++) {
            pairs += i + j < (hp - 1u) + (m - 1u); /* every pair of a lower significance */
        }
    }
    return pairs;
}

uint64_t st_ref_perf_macs(const st_desc_t *d, const uint8_t *in)
{
    uint64_t sum = 0;
    const uint32_t mask = d->in_bits >= 8u ? 0xFFu : (1u << d->in_bits) - 1u;
    if (d->opcode != ST_DESC_OPC_CONV || (d->flags & ST_DESC_F_IN_BYTES) == 0u ||
        (d->flags & ST_DESC_F_IN_BIPOLAR) != 0u) {
        return st_ref_bitmacs(d);
    }
    for (uint32_t y = 0; y < d->out_h; y++) {
        for (uint32_t x = 0; x < d->out_w; x++) {
            uint32_t valid = 0, nz = 0, hp = 0;
            for (uint32_t ky = 0; ky < d->kh; ky++) {
                int64_t iy = (int64_t)y * d->stride + ky - d->pad;
                for (uint32_t kx = 0; kx < d->kw; kx++) {
                    int64_t ix = (int64_t)x * d->stride + kx - d->pad;
                    if (iy < 0 || iy >= (int64_t)d->in_h || ix < 0 || ix >= (int64_t)d->in_w) {
                        continue; /* padding enters the window as 0 */
                    }
                    for (uint32_t c = 0; c < d->in_c; c++) {
                        nz |= in[((uint64_t)iy * d->in_w + (uint64_t)ix) * d->in_c + c];
                    }
                    valid += d->in_c;
                }
            }
            for (nz &= mask; nz != 0u; nz >>= 1) {
                hp++;
            }
            sum += (uint64_t)valid * st_ref_bytes_pairs(d->in_bits, d->w_bits, hp);
        }
    }
    return sum * d->out_c;
}

static uint32_t *word_ptr(uint8_t *ram, const st_ref_hw_t *hw, uint32_t addr)
{
    return (uint32_t *)(void *)(ram + (addr - hw->ram_base));
}

/* The layer view of a record for the golden functions. */
static void to_layer(const st_desc_t *d, st_layer_t *l)
{
    memset(l, 0, sizeof *l);
    l->type = d->opcode == ST_DESC_OPC_CONV ? ST_LAYER_CONV
              : d->opcode == ST_DESC_OPC_MAXPOOL ? ST_LAYER_MAXPOOL : ST_LAYER_GSUM;
    l->kh = (uint8_t)d->kh;
    l->kw = (uint8_t)d->kw;
    l->stride = (uint8_t)d->stride;
    l->pad = (uint8_t)d->pad;
    l->w_bits = (uint8_t)d->w_bits;
    l->out_bits = (uint8_t)((d->flags & ST_DESC_F_OUT_INT32) ? 0u : d->out_bits);
    l->out_bipolar = (uint8_t)((d->flags & ST_DESC_F_OUT_BIPOLAR) != 0u);
    l->res_src = (int16_t)((d->flags & ST_DESC_F_RES) ? 0 : -1);
    l->in.h = (uint16_t)d->in_h;
    l->in.w = (uint16_t)d->in_w;
    l->in.c = (uint16_t)d->in_c;
    l->in.bits = (uint8_t)d->in_bits;
    l->in.bipolar = (uint8_t)((d->flags & ST_DESC_F_IN_BIPOLAR) != 0u);
    l->out.h = (uint16_t)d->out_h;
    l->out.w = (uint16_t)d->out_w;
    l->out.c = (uint16_t)d->out_c;
    l->out.bits = (uint8_t)((d->flags & ST_DESC_F_OUT_INT32) ? 32u : d->out_bits);
    l->out.bipolar = l->out_bipolar;
    l->out.is_int32 = (uint8_t)((d->flags & ST_DESC_F_OUT_INT32) != 0u);
}

static void run_conv(uint8_t *ram, const st_ref_hw_t *hw, const st_desc_t *d)
{
    st_layer_t l;
    st_tensor_t res_t;
    uint32_t npix = d->out_h * d->out_w;
    int32_t *acc = (int32_t *)malloc(sizeof(int32_t) * npix * d->out_c);
    const uint32_t *w = word_ptr(ram, hw, d->w_addr);
    uint32_t *wexp = NULL;
    int bytes = (d->flags & ST_DESC_F_IN_BYTES) != 0u;
    to_layer(d, &l);
    if ((d->flags & ST_DESC_F_W_SHARED) != 0u) {
        /* every tap uses the 1 x 1 weights: expand them into a kh x kw kernel and convolve */
        uint32_t cw = st_desc_cw(d->in_c), taps = d->kh * d->kw, m = d->w_bits;
        wexp = (uint32_t *)malloc(sizeof(uint32_t) * d->out_c * m * taps * cw);
        for (uint32_t o = 0; o < d->out_c; o++) {
            for (uint32_t j = 0; j < m; j++) {
                for (uint32_t t = 0; t < taps; t++) {
                    memcpy(wexp + ((o * m + j) * taps + t) * cw, w + (o * m + j) * cw, cw * sizeof(uint32_t));
                }
            }
        }
        w = wexp;
    }
    st_conv_acc_bitplane(&l, bytes, word_ptr(ram, hw, d->in_addr), w, acc);
    memset(&res_t, 0, sizeof res_t);
    res_t.h = (uint16_t)d->out_h;
    res_t.w = (uint16_t)d->out_w;
    res_t.c = (uint16_t)d->out_c;
    res_t.bits = (uint8_t)d->res_bits;
    res_t.bipolar = (uint8_t)((d->flags & ST_DESC_F_RES_BIPOLAR) != 0u);
    st_finish_packed(&l, word_ptr(ram, hw, d->p_addr), acc, &res_t, 0,
                     (d->flags & ST_DESC_F_RES) ? word_ptr(ram, hw, d->res_addr) : NULL,
                     word_ptr(ram, hw, d->out_addr));
    free(wexp);
    free(acc);
}

/* MAXPOOL with a kh x kw window (the golden model's pool is square), on unpacked codes. */
static void run_maxpool(uint8_t *ram, const st_ref_hw_t *hw, const st_desc_t *d)
{
    st_tensor_t ti, to;
    uint16_t *in, *out;
    memset(&ti, 0, sizeof ti);
    ti.h = (uint16_t)d->in_h;
    ti.w = (uint16_t)d->in_w;
    ti.c = (uint16_t)d->in_c;
    ti.bits = (uint8_t)d->in_bits;
    to = ti;
    to.h = (uint16_t)d->out_h;
    to.w = (uint16_t)d->out_w;
    in = (uint16_t *)malloc(sizeof(uint16_t) * d->in_h * d->in_w * d->in_c);
    out = (uint16_t *)malloc(sizeof(uint16_t) * d->out_h * d->out_w * d->out_c);
    st_unpack_planes(&ti, word_ptr(ram, hw, d->in_addr), in);
    for (uint32_t y = 0; y < d->out_h; y++) {
        for (uint32_t x = 0; x < d->out_w; x++) {
            for (uint32_t c = 0; c < d->in_c; c++) {
                uint16_t best = 0;
                for (uint32_t ky = 0; ky < d->kh; ky++) {
                    for (uint32_t kx = 0; kx < d->kw; kx++) {
                        uint16_t v = in[((y * d->stride + ky) * d->in_w + x * d->stride + kx) * d->in_c + c];
                        best = v > best ? v : best;
                    }
                }
                out[(y * d->out_w + x) * d->out_c + c] = best;
            }
        }
    }
    st_pack_planes(&to, out, word_ptr(ram, hw, d->out_addr));
    free(in);
    free(out);
}

void st_ref_run(uint8_t *ram, const st_ref_hw_t *hw, uint32_t desc_ptr, uint32_t max_records, st_ref_result_t *r)
{
    memset(r, 0, sizeof *r);
    for (uint32_t i = 0; i < max_records; i++) {
        uint32_t a = desc_ptr + i * ST_DESC_BYTES;
        uint32_t rec[ST_DESC_WORDS];
        st_desc_t d;
        uint32_t e;
        if ((a & 3u) != 0u) {
            r->err = ST_ACCEL_ERR_MISALIGNED;
            r->err_desc = i;
            return;
        }
        if (!in_ram(hw, a, ST_DESC_WORDS)) {
            r->err = ST_ACCEL_ERR_BAD_ADDR;
            r->err_desc = i;
            return;
        }
        memcpy(rec, ram + (a - hw->ram_base), sizeof rec);
        st_desc_unpack(rec, &d);
        e = st_ref_check(&d, hw);
        if (e != ST_ACCEL_ERR_NONE) {
            r->err = e;
            r->err_desc = i;
            return;
        }
        if (d.opcode == ST_DESC_OPC_CONV) {
            r->perf_macs += st_ref_perf_macs(&d, ram + (d.in_addr - hw->ram_base));
            run_conv(ram, hw, &d);
        } else if (d.opcode == ST_DESC_OPC_MAXPOOL) {
            run_maxpool(ram, hw, &d);
        } else {
            st_layer_t l;
            to_layer(&d, &l);
            st_gsum_packed(&l, 0, word_ptr(ram, hw, d.in_addr), word_ptr(ram, hw, d.out_addr));
        }
        r->layers++;
        r->bitmacs += st_ref_bitmacs(&d);
        if ((d.flags & ST_DESC_F_LAST) != 0u) {
            return;
        }
    }
}
