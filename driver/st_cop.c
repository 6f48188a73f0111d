/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_cop.c - driver of the ST coprocessor (st_cop.h; the hardware: rtl/cop/st_cop.sv; the method:
 * docs/coprocessor.md).
 *
 * Per output pixel the CPU gathers the window once: for every k-word of a valid tap (padding taps
 * contribute 0 and are skipped, as in the bit-plane form) the activation planes and, for a bipolar input,
 * the valid-channel plane V. Then, for every tile of NumPe output channels whose weights are in the PE
 * memories, it issues the plane pairs (activation plane a, weight plane j) by decreasing significance
 * s = sig(a) + j (Horner's rule: the first operation of a lower significance doubles the accumulators),
 * one store per k-word, and reads the NumPe accumulators back. The terms (numerics.md §6):
 *
 *   input     weights  planes a (sig, extra sign)   term of (a, j)                        MODE.DBL
 *   unsigned  m-bit    Q_i (i, +)                   pc(Q_i & W_j), negated for j = m-1    0
 *   unsigned  bipolar  Q_i (i, +)                   2 pc(Q_i & W) - pc(Q_i)               1
 *   bipolar   m-bit    Q (1, +), V (0, -)           pc(. & W_j), negated for j = m-1      0
 *   bipolar   bipolar  Q (1, +), V (0, -)           2 pc(. & W) - pc(.)                   1
 *
 * (bipolar x bipolar: sum (2q-1)(2w-1) = 2 (2 pc(Q&W) - pc(Q)) - (2 pc(V&W) - pc(V)) over valid channels.)
 * A zero activation word adds 0 in every mode, so it is skipped, except for the operation that carries a
 * level's CLR or ADBL flag.
 *
 * An unsigned BYTES input (the first layer's pixels) runs in MODE.BYTES when CAPS.BYTES says it exists:
 * the window is gathered as its bytes in k order, 4 per word (byte group g = bytes 4g .. 4g+3; padding
 * taps and the bytes past kh*kw*c_in are 0), and per weight plane j (sign plane first; Horner's rule) one
 * store per non-zero group computes sum_b x_b * W_j[4g + b] (numerics.md §7.4: bit k % 32 of k-word k / 32,
 * so group g is k-word g / 8, byte group BG = g % 8). The operation address of group g against plane j of
 * tile t is 4 * (8 * (t * m * KWORDS + j * KWORDS) + g): RADDR = {entry, BG}. MODE.DBL for bipolar weights
 * makes the term 2 s - sum_b x_b, the bipolar weights' dot product. A first layer's window has only a few
 * groups (3 for 3x3x1, 7 for 3x3x3), so the per-plane loop overhead of the bit-plane path would dominate:
 * with one k-word (kh*kw*c_in <= 32) the window's words stay in registers and each plane of each tile is 4
 * or 8 stores at consecutive addresses (bytes_tiles1); larger windows lay the pixel's operations of all
 * planes out once as (offset, word) pairs and replay them per tile (bytes_program, bytes_rows).
 */
#include "st_cop.h"

#include "st_mmio.h"
#include "st_regs.h"

#define COP_MAX_DEPTH 512u /* OP.RADDR is 9 bits */

static inline uint32_t cop_rd(const st_cop_t *c, uint32_t off)
{
    return st_mmio_read32(c->base + off);
}

static inline void cop_wr(const st_cop_t *c, uint32_t off, uint32_t v)
{
    st_mmio_write32(c->base + off, v);
}

st_cop_status_t st_cop_probe(st_cop_t *c, uintptr_t base)
{
    uint32_t caps;

    c->base = base;
    c->pe = 0;
    c->depth = 0;
    c->bytes = 0;
    c->ops = 0;
    c->wwords = 0;
    st_cop_invalidate(c);
    if (cop_rd(c, ST_COP_ID_OFFSET) != ST_COP_ID_RESET) {
        return ST_COP_ERR_ID;
    }
    caps = cop_rd(c, ST_COP_CAPS_OFFSET);
    c->pe = (caps & ST_COP_CAPS_PE_Msk) >> ST_COP_CAPS_PE_Pos;
    c->depth = (caps & ST_COP_CAPS_WBUF_DEPTH_Msk) >> ST_COP_CAPS_WBUF_DEPTH_Pos;
    c->bytes = (caps & ST_COP_CAPS_BYTES_Msk) ? 1u : 0u;
    /* CODES holds 8 PEs per plane, and a tile must not straddle a 32-channel word */
    c->thr = ((caps & ST_COP_CAPS_THR_Msk) && c->pe <= 8u && 32u % c->pe == 0u) ? 1u : 0u;
    if (c->pe == 0u || c->pe > 16u || c->depth == 0u || c->depth > COP_MAX_DEPTH ||
        ((caps & ST_COP_CAPS_SIMD_Msk) >> ST_COP_CAPS_SIMD_Pos) != 32u) {
        return ST_COP_ERR_CAPS;
    }
    return ST_COP_OK;
}

void st_cop_invalidate(st_cop_t *c)
{
    c->w = 0;
    c->prm = 0;
    c->t0 = 0;
    c->nt = 0;
    c->rbase = 0;
}

/* Activation planes the window carries per k-word: the n code planes, and V for a bipolar input. */
static uint32_t act_planes(const st_layer_t *l)
{
    return l->in.bipolar ? 2u : l->in.bits;
}

int st_cop_bytes_mode(const st_cop_t *c, const st_layer_t *l, int input_is_bytes)
{
    return c->bytes != 0u && input_is_bytes && !l->in.bipolar;
}

/* Weight entries per PE the layer's tiles may use: the memory, or in MODE.BYTES its first 64 entries. */
static uint32_t entries(const st_cop_t *c, const st_layer_t *l, int input_is_bytes)
{
    return (st_cop_bytes_mode(c, l, input_is_bytes) && c->depth > ST_COP_BYTES_ENTRIES) ? ST_COP_BYTES_ENTRIES
                                                                                          : c->depth;
}

/* Byte groups (4 bytes: one MODE.BYTES operation) of a BYTES window: ceil(kh * kw * c_in / 4). */
static uint32_t byte_groups(const st_layer_t *l)
{
    return (st_layer_kh(l) * st_layer_kw(l) * l->in.c + 3u) / 4u;
}

st_cop_status_t st_cop_layer_check(const st_cop_t *c, const st_layer_t *l, int input_is_bytes)
{
    if (c->pe == 0u) {
        return ST_COP_ERR_CAPS;
    }
    if ((l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) || l->in.is_int32 || l->in.bits == 0u ||
        l->in.bits > ST_MAX_PLANES || l->w_bits == 0u || l->w_bits > 8u || (l->in.bipolar && l->in.bits != 1u)) {
        return ST_COP_ERR_LAYER;
    }
    if (l->w_bits * st_weight_kwords(l, input_is_bytes) > entries(c, l, input_is_bytes)) {
        return ST_COP_ERR_WBUF;
    }
    return ST_COP_OK;
}

uint32_t st_cop_scratch_words(const st_layer_t *l, int input_is_bytes)
{
    /* per activation plane and k-word: a non-zero word and its operation address; in MODE.BYTES the
     * window's byte groups and the pixel's operations, a word and an address per group and weight plane
     * (an unsigned BYTES input takes whichever form the coprocessor has) */
    const uint32_t kwords = st_weight_kwords(l, input_is_bytes), planes = 2u * act_planes(l) * kwords;
    const uint32_t bytes = (2u * l->w_bits + 1u) * 8u * kwords; /* 8 byte groups per k-word at most */
    return (input_is_bytes && !l->in.bipolar && bytes > planes) ? bytes : planes;
}

uint32_t st_cop_scratch_words_whole(const st_layer_t *l, int input_is_bytes)
{
    /* the window, and a pixel's operations: act_planes x w_bits plane pairs of at most kwords each */
    const uint32_t kwords = st_weight_kwords(l, input_is_bytes), np = act_planes(l);
    const uint32_t whole = 2u * np * kwords + 2u * np * l->w_bits * kwords, min = st_cop_scratch_words(l, input_is_bytes);
    return whole > min ? whole : min;
}

/* Load tiles t0 .. t0 + nt - 1 (tile t at entry (t - t0) * m * kwords of every PE) unless they are in, and
 * with prm (the layer's parameter records, P words each) tile t's records at entry rbase + (t - t0) * P:
 * the sign word, then the thresholds, 1 - T for s = -1 (st_cop_codes_check made sure it is an int32). */
static void load_tiles(st_cop_t *c, const st_layer_t *l, const uint32_t *w_packed, uint32_t kwords, uint32_t t0,
                       uint32_t nt, const uint32_t *prm, uint32_t rbase)
{
    const uint32_t per = l->w_bits * kwords, prec = prm != 0 ? st_param_record_words(l) : 0u;
    uint32_t t, p, k;

    if (c->w == w_packed && c->t0 == t0 && c->nt == nt && c->prm == prm && (prm == 0 || c->rbase == rbase)) {
        return;
    }
    st_cop_invalidate(c); /* a partial load must not look complete */
    for (t = 0; t < nt; t++) {
        for (p = 0; p < c->pe; p++) {
            const uint32_t o = (t0 + t) * c->pe + p;
            const uint32_t *src = w_packed + o * per;
            if (o >= l->out.c) {
                break; /* the last tile's missing channels: their accumulators are never read */
            }
            cop_wr(c, ST_COP_WPTR_OFFSET, (p << ST_COP_WPTR_PE_Pos) | (t * per));
            for (k = 0; k < per; k++) {
                cop_wr(c, ST_COP_WDATA_OFFSET, src[k]);
            }
            c->wwords += per;
            if (prm != 0) {
                const uint32_t *rec = prm + o * prec, neg = rec[0] & 1u;
                cop_wr(c, ST_COP_WPTR_OFFSET, (p << ST_COP_WPTR_PE_Pos) | (rbase + t * prec));
                cop_wr(c, ST_COP_WDATA_OFFSET, neg);
                for (k = 1; k < prec; k++) {
                    cop_wr(c, ST_COP_WDATA_OFFSET, neg ? 1u - rec[k] : rec[k]);
                }
                c->wwords += prec;
            }
        }
    }
    c->w = w_packed;
    c->prm = prm;
    c->t0 = t0;
    c->nt = nt;
    c->rbase = rbase;
}

/* The threshold unit's side of a call (codes mode): where a pixel's codes go and each tile's THR word. */
typedef struct {
    uintptr_t thr, codes; /* the THR and CODES registers */
    uint32_t *out;        /* the current pixel's first output word */
    uint32_t cmd;         /* THR of the group's first tile (its record entry and BITS) */
    uint32_t pstep;       /* record entries from one tile to the next (P) */
    uint32_t n, cw;       /* code planes, words per plane */
    const uint32_t *zero; /* a pixel's words for acc = 0 in every channel (one tile group only), or NULL */
} thr_t;

/* Most words of a pixel (n x cw) kept as the codes of acc = 0: 4 planes of 512 channels. */
#define COP_ZERO_WORDS 64u

/* The codes of the tile just issued, tile t of its group, channels ch .. ch + nch - 1: a THR count on its
 * record, then CODES, plane j's nch bits (at bits 8j ..) into bit ch % 32 of the plane's word. */
static void put_codes(const thr_t *th, uint32_t t, uint32_t ch, uint32_t nch)
{
    const uint32_t mask = (1u << nch) - 1u, pos = ch % 32u, cw = th->cw;
    uint32_t *w = th->out + ch / 32u, *const end = w + th->n * cw, r;

    st_mmio_write32(th->thr, th->cmd + t * th->pstep);
    r = st_mmio_read32(th->codes);
    for (; w < end; w += cw, r >>= 8) {
        const uint32_t b = (r & mask) << pos;
        *w = pos != 0u ? (*w | b) : b;
    }
}

/* The window of one output pixel, per activation plane a: the non-zero words zv[a*kwords + e] of the
 * k-words with a valid tap and their operation addresses zk[a*kwords + e] = 4 * kword, for
 * zv + a*kwords + e < end[a]. (Pointers, not counts: an index costs a shift, a multi-cycle instruction on
 * our core, and the issue loop below runs once per plane pair.) */
typedef struct {
    uint32_t *zv, *zk;
    const uint32_t *end[ST_MAX_PLANES];
    uint32_t ka0;    /* the address of one valid k-word (a level's flagged operation when its plane is 0) */
    uint32_t valid;  /* k-words with a valid tap */
    uint32_t nz;     /* non-zero words in all planes (0: every term is 0, and so is every accumulator) */
} window_t;

static void gather(const st_layer_t *l, int input_is_bytes, const uint32_t *in, int32_t y, int32_t x,
                   uint32_t kwords, window_t *wd)
{
    const int32_t kh = (int32_t)st_layer_kh(l), kw = (int32_t)st_layer_kw(l);
    const int32_t st = (int32_t)st_layer_stride(l), pd = (int32_t)st_layer_pad(l);
    const int32_t h = l->in.h, w = l->in.w;
    const uint32_t n = l->in.bits, c_in = l->in.c, bip = l->in.bipolar, np = act_planes(l);
    uint32_t *const zv = wd->zv, *const zk = wd->zk;
    uint32_t i;
    int32_t ky, kx;

    wd->valid = 0;
    wd->nz = 0;
    wd->ka0 = 0;
    if (!input_is_bytes) {
        const uint32_t cw_n = st_planes_cw(c_in);
        const uint32_t last_mask = (c_in % 32u) ? (1u << (c_in % 32u)) - 1u : 0xFFFFFFFFu;
        uint32_t *wv[ST_MAX_PLANES + 1u], *wk[ST_MAX_PLANES + 1u]; /* each plane's next free slot */
        for (i = 0; i < np; i++) {
            wv[i] = zv + i * kwords;
            wk[i] = zk + i * kwords;
        }
        for (ky = 0; ky < kh; ky++) {
            const int32_t iy = y * st - pd + ky;
            if (iy < 0 || iy >= h) {
                continue;
            }
            for (kx = 0; kx < kw; kx++) {
                const int32_t ix = x * st - pd + kx;
                const uint32_t *src;
                uint32_t ka, cw;
                if (ix < 0 || ix >= w) {
                    continue;
                }
                src = in + ((uint32_t)iy * (uint32_t)w + (uint32_t)ix) * n * cw_n;
                ka = 4u * (uint32_t)(ky * kw + kx) * cw_n;
                if (wd->valid == 0u) {
                    wd->ka0 = ka;
                }
                wd->valid += cw_n;
                for (cw = 0; cw < cw_n; cw++, ka += 4u) {
                    const uint32_t *sp = src + cw;
                    for (i = 0; i < n; i++, sp += cw_n) {
                        const uint32_t v = *sp;
                        if (v != 0u) {
                            *wv[i]++ = v;
                            *wk[i]++ = ka;
                        }
                    }
                    if (bip) { /* V: the real channels of the word */
                        *wv[1]++ = (cw + 1u == cw_n) ? last_mask : 0xFFFFFFFFu;
                        *wk[1]++ = ka;
                    }
                }
            }
        }
        for (i = 0; i < np; i++) {
            wd->end[i] = wv[i];
            wd->nz += (uint32_t)(wv[i] - (zv + i * kwords));
        }
        return;
    }

    /* BYTES: k = (ky*kw + kx)*c_in + c, bit k % 32 of k-word k / 32; the planes are built bit by bit in
     * zv (plane-major, every k-word), then each plane's non-zero words are moved to its front. */
    {
        uint32_t kword, e;
        for (e = 0; e < np * kwords; e++) {
            zv[e] = 0;
            zk[e] = 0; /* zk[kword] = 1: the k-word holds a valid tap (read before the compaction) */
        }
        for (ky = 0; ky < kh; ky++) {
            const int32_t iy = y * st - pd + ky;
            if (iy < 0 || iy >= h) {
                continue;
            }
            for (kx = 0; kx < kw; kx++) {
                const int32_t ix = x * st - pd + kx;
                uint32_t k, base, c;
                if (ix < 0 || ix >= w) {
                    continue;
                }
                k = (uint32_t)(ky * kw + kx) * c_in;
                base = ((uint32_t)iy * (uint32_t)w + (uint32_t)ix) * c_in;
                for (c = 0; c < c_in; c++, k++) {
                    const uint32_t code = st_packed_byte(in, base + c), bit = 1u << (k % 32u);
                    uint32_t *q = zv + k / 32u;
                    uint32_t plane = 1u;
                    zk[k / 32u] = 1u; /* this k-word holds a valid tap */
                    if (bip) {
                        q[kwords] |= bit; /* V */
                        if (code & 1u) {
                            q[0] |= bit;
                        }
                        continue;
                    }
                    for (i = 0; i < n && plane <= code; i++, plane += plane, q += kwords) {
                        if (code & plane) {
                            *q |= bit;
                        }
                    }
                }
            }
        }
        for (kword = 0; kword < kwords; kword++) {
            if (zk[kword] != 0u) {
                if (wd->valid == 0u) {
                    wd->ka0 = 4u * kword;
                }
                wd->valid++;
            }
        }
        /* compact each plane (in place: the write index never passes the read index); zk[0 .. kwords-1]
         * held the validity flags, which plane 0's compaction overwrites only behind its reads */
        for (i = np; i-- > 0u;) {
            uint32_t *pv = zv + i * kwords, *pk = zk + i * kwords, *dv = pv, *dk = pk, ka = 0;
            const uint32_t *const row_end = pv + kwords;
            for (; pv < row_end; pv++, ka += 4u) {
                const uint32_t v = *pv;
                if (v != 0u) {
                    *dv++ = v;
                    *dk++ = ka;
                }
            }
            wd->end[i] = dv;
            wd->nz += (uint32_t)(dk - (zk + i * kwords));
        }
        return;
    }
}

/* The plane pairs of a layer in issue order (decreasing significance): plane a of the window against
 * weight plane j: pair_a = a, pair_off = 4 * j * kwords | NEG | 1 for the first pair of a level. */
static uint32_t plane_pairs(const st_layer_t *l, uint32_t kwords, uint8_t *pair_a, uint32_t *pair_off)
{
    const uint32_t m = l->w_bits, np = act_planes(l);
    const uint32_t smax = (l->in.bipolar ? 1u : l->in.bits - 1u) + m - 1u;
    uint32_t sl, a, n = 0;

    for (sl = smax + 1u; sl-- > 0u;) {
        uint32_t first = 1u;
        for (a = 0; a < np; a++) {
            /* bipolar input: Q (plane 0) has significance 1, V (plane 1) significance 0 and a minus */
            const uint32_t sa = l->in.bipolar ? 1u - a : a;
            uint32_t j, neg;
            if (sl < sa || sl - sa >= m) {
                continue;
            }
            j = sl - sa;
            neg = (m > 1u && j == m - 1u) ? ST_COP_OP_NEG_Msk : 0u;
            if (l->in.bipolar && a == 1u) {
                neg ^= ST_COP_OP_NEG_Msk;
            }
            pair_a[n] = (uint8_t)a;
            pair_off[n] = 4u * j * kwords + neg + first;
            first = 0;
            n++;
        }
    }
    return n;
}

/* ---- MODE.BYTES ---------------------------------------------------------------------------------------- */

/* A BYTES layer's window geometry, computed once per call (the per-pixel code calls nothing). */
typedef struct {
    int32_t kh, kw, st, pd, h, w;
    uint32_t c_in, row, in_row; /* bytes of a kernel row in the window, of an input row */
    uint32_t m, kwords, ngroups, pe;
    uint32_t top;               /* one k-word: the sign plane's window offset (and its NEG) */
    uint32_t tstep;             /* window bytes from one tile's entries to the next's */
    uintptr_t win, acc0;
} bgeo_t;

/* GCC turns the zeroing and byte-copy loops below into memset / memcpy calls, which cost more than the few
 * words and bytes of a first layer's window (9 or 27 bytes). */
#if defined(__GNUC__) && !defined(__clang__)
#define COP_NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define COP_NO_LIBCALLS
#endif
/* Kept out of st_cop_conv_acc_rows, so that its bit-plane loops keep their registers. */
#if defined(__GNUC__)
#define COP_NOINLINE __attribute__((noinline))
#else
#define COP_NOINLINE
#endif

/* The window of output pixel (y, x) as its bytes in k order, 4 per word: zw[g] holds bytes 4g .. 4g+3 of
 * ngroups byte groups; padding taps and the bytes past kh*kw*c_in are 0. A kernel row's valid taps
 * (kx0 <= kx < kx1) are contiguous in the input and in the window, so they are copied row by row. */
static COP_NO_LIBCALLS void gather_bytes(const bgeo_t *g, const uint32_t *in, int32_t y, int32_t x,
                                         uint32_t ngroups, uint32_t *zw)
{
    /* the fields in locals: the byte stores below may alias *g as far as the compiler knows */
    const int32_t kh = g->kh, kw = g->kw, h = g->h, w = g->w;
    const uint32_t c_in = g->c_in, row = g->row, in_row = g->in_row;
    const int32_t iy0 = y * g->st - g->pd, ix0 = x * g->st - g->pd;
    /* the valid taps: kx0 <= kx < kx1, ky0 <= ky < ky1 */
    const int32_t kx0 = ix0 < 0 ? -ix0 : 0, kx1 = (w - ix0 < kw) ? w - ix0 : kw;
    const int32_t ky0 = iy0 < 0 ? -iy0 : 0, ky1 = (h - iy0 < kh) ? h - iy0 : kh;
    uint32_t *zp;
    const uint32_t *const zend = zw + ngroups;
    int32_t ky;

    for (zp = zw; zp < zend; zp++) {
        *zp = 0;
    }
    if (kx0 < kx1 && ky0 < ky1) {
        const uint32_t n = (uint32_t)(kx1 - kx0) * c_in;
        /* byte offsets of tap (ky0, kx0) in the window and in the input */
        uint32_t kb = (uint32_t)ky0 * row + (uint32_t)kx0 * c_in;
        uint32_t ib = ((uint32_t)(iy0 + ky0) * (uint32_t)w + (uint32_t)(ix0 + kx0)) * c_in;
        for (ky = ky0; ky < ky1; ky++, kb += row, ib += in_row) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            const unsigned char *src = (const unsigned char *)in + ib;
            unsigned char *dst = (unsigned char *)zw + kb;
            const unsigned char *const dend = dst + n;
            for (; dst + 3 < dend; dst += 4, src += 4) { /* four per turn: a taken branch costs 5 cycles */
                const unsigned char b0 = src[0], b1 = src[1], b2 = src[2], b3 = src[3];
                dst[0] = b0;
                dst[1] = b1;
                dst[2] = b2;
                dst[3] = b3;
            }
            if (dst + 1 < dend) {
                const unsigned char b0 = src[0], b1 = src[1];
                dst[0] = b0;
                dst[1] = b1;
                dst += 2;
                src += 2;
            }
            if (dst < dend) {
                *dst = *src;
            }
#else
            uint32_t i;
            for (i = 0; i < n; i++) {
                zw[(kb + i) / 4u] |= cop_byte(in, ib + i) << (8u * ((kb + i) % 4u));
            }
#endif
        }
    }
}

/* One pixel's operations for a tile, in issue order, as activation words zv[i] and their address offsets
 * from the tile's window base zk[i]: for each weight plane j from the sign plane down (Horner: significance
 * j), one operation per non-zero byte group g of zw, at offset 4 * (8 * j * kwords + g) (RADDR = {entry
 * j * kwords + g / 8, BG g % 8}); NEG on the sign plane of m-bit weights, CLR on the first operation,
 * ADBL on the first of each lower plane (the flags are address bits too). The same operations serve every
 * tile (the tile adds its base), so laying them out once per pixel leaves the tiles no per-plane work: one
 * loop replays them (bytes_rows). Returns their number (0: every group is 0, and so is every
 * accumulator). kstep = 32 * kwords: the offset from one weight plane to the next. */
static uint32_t bytes_program(const uint32_t *zw, uint32_t ngroups, uint32_t m, uint32_t kstep, uint32_t *zv,
                              uint32_t *zk)
{
    const uint32_t neg = m > 1u ? ST_COP_OP_NEG_Msk : 0u;
    const uint32_t *zp = zw, *const zend = zw + ngroups;
    uint32_t *v = zv, *k = zk, *kf, n, i, j, ka = kstep * (m - 1u) + neg; /* the sign plane's group 0 */

    for (; zp < zend; zp++, ka += 4u) {
        const uint32_t w = *zp;
        if (w != 0u) {
            *v++ = w;
            *k++ = ka;
        }
    }
    n = (uint32_t)(v - zv);
    if (n == 0u) {
        return 0;
    }
    /* the lower planes: the plane above's operations, kstep (and NEG) lower */
    for (j = m - 1u, ka = kstep + neg; j-- > 0u; ka = kstep) {
        const uint32_t *pv = v - n, *pk = k - n;
        for (i = 0; i < n; i++) {
            *v++ = *pv++;
            *k++ = *pk++ - ka;
        }
    }
    /* the flags of each plane's first operation */
    zk[0] += ST_COP_OP_CLR_Msk;
    for (kf = zk + n; kf < k; kf += n) {
        *kf += ST_COP_OP_ADBL_Msk;
    }
    return (uint32_t)(v - zv);
}

/* MODE.BYTES with one k-word (kh*kw*c_in <= 32: a first layer's 3x3x1 or 3x3x3 window): the pixel's byte
 * groups stay in registers (4, or 8 when there are more than 4; the groups past the window are 0 and add
 * 0), and each weight plane of each tile is 4 (8) stores at consecutive addresses, no loads: the sign plane
 * first (at top, with its NEG, CLR on its first store), then the planes below it, 32 bytes apart, ADBL on
 * their first. Then the tile's accumulators are read into a: left4 bytes of them in all (4 per channel),
 * tiles of pe channels whose window bases are tstep apart from g->win on. */
#define COP_LEVEL4(pf, pp)                                                                                            \
    do {                                                                                                              \
        st_mmio_write32_relaxed(pf, w0);                                                                              \
        st_mmio_write32_relaxed((pp) + 4u, w1);                                                                       \
        st_mmio_write32_relaxed((pp) + 8u, w2);                                                                       \
        st_mmio_write32_relaxed((pp) + 12u, w3);                                                                      \
    } while (0)
#define COP_LEVEL8(pf, pp)                                                                                            \
    do {                                                                                                              \
        COP_LEVEL4(pf, pp);                                                                                           \
        st_mmio_write32_relaxed((pp) + 16u, w4);                                                                      \
        st_mmio_write32_relaxed((pp) + 20u, w5);                                                                      \
        st_mmio_write32_relaxed((pp) + 24u, w6);                                                                      \
        st_mmio_write32_relaxed((pp) + 28u, w7);                                                                      \
    } while (0)
/* A level's base address, hidden from the compiler's address arithmetic: else it derives the level's stores
 * from the flagged address of its first (offsets like 4 - 0x1000 no longer fit a store's immediate, and
 * every store costs two more instructions). */
#if defined(__GNUC__)
#define COP_OPAQUE(x) __asm__("" : "+r"(x))
#else
#define COP_OPAQUE(x) ((void)0)
#endif

/* Read the accumulators of one tile: n4 bytes of them (4 per channel) into a. */
static inline void read_tile(uintptr_t acc0, int32_t *a, uint32_t n4)
{
    const uintptr_t end = acc0 + n4;
    for (; acc0 + 12u < end; acc0 += 16u, a += 4) {
        const int32_t v0 = (int32_t)st_mmio_read32(acc0), v1 = (int32_t)st_mmio_read32(acc0 + 4u);
        const int32_t v2 = (int32_t)st_mmio_read32(acc0 + 8u), v3 = (int32_t)st_mmio_read32(acc0 + 12u);
        a[0] = v0;
        a[1] = v1;
        a[2] = v2;
        a[3] = v3;
    }
    for (; acc0 < end; acc0 += 4u, a++) {
        *a = (int32_t)st_mmio_read32(acc0);
    }
}

/* A tile's end: its accumulators into *a (n4 bytes: 4 per channel; a moves on), or with th its codes (tile
 * t of the group, channel ch). */
static inline void tile_out(const thr_t *th, uintptr_t acc0, int32_t **a, uint32_t n4, uint32_t t, uint32_t ch)
{
    if (th != 0) {
        put_codes(th, t, ch, n4 / 4u);
    } else {
        read_tile(acc0, *a, n4);
        *a = (int32_t *)((uintptr_t)*a + n4);
    }
}

/* The tiles of a window whose every term is 0: accumulators 0, or with th the codes of acc = 0 (one CLR
 * operation with a zero word per tile). */
static void zero_tiles(const thr_t *th, uintptr_t tb, uint32_t tstep, int32_t *a, uint32_t nch, uint32_t pe,
                       uint32_t ch)
{
    uint32_t t;

    if (th == 0) {
        for (; nch != 0u; nch--, a++) {
            *a = 0; /* every tap is padding, or every input word 0 */
        }
        return;
    }
    if (th->zero != 0) { /* the codes of acc = 0, counted once per call */
        const uint32_t *z = th->zero, *const zend = z + th->n * th->cw;
        uint32_t *w = th->out;
        for (; z < zend; z++, w++) {
            *w = *z;
        }
        return;
    }
    for (t = 0; nch != 0u; t++, tb += tstep) {
        const uint32_t n = nch < pe ? nch : pe;
        st_mmio_write32_relaxed(tb + ST_COP_OP_CLR_Msk, 0u);
        put_codes(th, t, ch + t * pe, n);
        nch -= n;
    }
}

/* The tile loop of bytes_tiles1, for the LEVEL macro of 4 or 8 groups. */
#define COP_TILES1(LEVEL)                                                                                             \
    for (t = 0; left4 != 0u; tb += tstep, t++) {                                                                      \
        const uint32_t n4 = left4 < pe4 ? left4 : pe4;                                                                \
        pp = tb + top;                                                                                                \
        COP_OPAQUE(pp);                                                                                               \
        pf = pp + ST_COP_OP_CLR_Msk;                                                                                  \
        LEVEL(pf, pp);                                                                                                \
        for (pp = tb + low; pp != tb;) {                                                                              \
            pp -= 32u;                                                                                                \
            COP_OPAQUE(pp);                                                                                           \
            pf = pp + ST_COP_OP_ADBL_Msk;                                                                             \
            LEVEL(pf, pp);                                                                                            \
        }                                                                                                             \
        tile_out(th, acc0, &a, n4, t, ch + t * g->pe);                                                                \
        left4 -= n4;                                                                                                  \
    }

static void bytes_tiles1(const bgeo_t *g, const uint32_t *zw, int32_t *a, uint32_t left4, const thr_t *th,
                         uint32_t ch)
{
    const uint32_t w0 = zw[0], w1 = zw[1], w2 = zw[2], w3 = zw[3];
    const uint32_t top = g->top, low = 32u * (g->m - 1u), tstep = g->tstep, pe4 = 4u * g->pe;
    const uintptr_t acc0 = g->acc0;
    uintptr_t tb = g->win, pp, pf;
    uint32_t t;

    if (g->ngroups > 4u) {
        const uint32_t w4 = zw[4], w5 = zw[5], w6 = zw[6], w7 = zw[7];
        if ((w0 | w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0u) {
            zero_tiles(th, tb, tstep, a, left4 / 4u, g->pe, ch);
            return;
        }
        COP_TILES1(COP_LEVEL8)
        return;
    }
    if ((w0 | w1 | w2 | w3) == 0u) {
        zero_tiles(th, tb, tstep, a, left4 / 4u, g->pe, ch);
        return;
    }
    COP_TILES1(COP_LEVEL4)
}

/* The operations of words v[0 .. vend - v) at the offsets k[] from window base tb: two loads and a store per
 * operation, two operations per turn (a taken branch costs five cycles on our core). */
static inline void issue_words(uintptr_t tb, const uint32_t *v, const uint32_t *k, const uint32_t *vend)
{
    for (; v + 1 < vend; v += 2, k += 2) {
        const uint32_t v0 = v[0], k0 = k[0], v1 = v[1], k1 = k[1];
        st_mmio_write32_relaxed(tb + k0, v0);
        st_mmio_write32_relaxed(tb + k1, v1);
    }
    if (v < vend) {
        st_mmio_write32_relaxed(tb + *k, *v);
    }
}

/* Where a call's results go: acc (accumulators, prm NULL) or, with prm, the codes into out (thresholds by the
 * threshold unit, records loaded after each group's weights). */
typedef struct {
    int32_t *acc;
    const uint32_t *prm;
    uint32_t *out;
} dest_t;

/* Tiles per group: their weights in the entries the layer's operations reach (lim), with prm their
 * records after them in the PE memory too (P words each). */
static uint32_t tiles_per_group(const st_cop_t *c, const st_layer_t *l, uint32_t lim, uint32_t per, int codes)
{
    const uint32_t gw = lim / per, gr = codes ? c->depth / (per + st_param_record_words(l)) : gw;
    return gw < gr ? gw : gr;
}

/* Load a group's tiles (and records) and point th at them. */
static void load_group(st_cop_t *c, const st_layer_t *l, const uint32_t *w_packed, uint32_t kwords, uint32_t t0,
                       uint32_t nt, const dest_t *d, thr_t *th)
{
    const uint32_t rbase = nt * l->w_bits * kwords;
    load_tiles(c, l, w_packed, kwords, t0, nt, d->prm, rbase);
    th->cmd = rbase | ((uint32_t)l->out_bits << ST_COP_THR_BITS_Pos);
}

/* With one tile group for the whole layer, a pixel whose every term is 0 (padding, a black background) has the
 * same codes everywhere: count them once into zero (COP_ZERO_WORDS words) and copy them from there. tstep:
 * the window's step from one tile to the next. */
static void zero_codes(thr_t *th, uintptr_t win, uint32_t tstep, uint32_t c_out, uint32_t pe, uint32_t *zero)
{
    uint32_t *const out = th->out;
    th->zero = 0;
    if (th->n * th->cw > COP_ZERO_WORDS) {
        return;
    }
    th->out = zero;
    zero_tiles(th, win, tstep, 0, c_out, pe, 0);
    th->out = out;
    th->zero = zero;
}

/* MODE.BYTES: output rows y0 .. y1-1 of an unsigned BYTES layer (conv_rows checked it, wrote MODE and chose
 * the tile groups), in a function of its own so that the bit-plane path's loops keep their registers.
 * scratch: the window's byte groups, then the pixel's operations (a word and an address each). */
static COP_NOINLINE void bytes_rows(st_cop_t *c, const st_layer_t *l, const uint32_t *in, const uint32_t *w_packed,
                                    uint32_t y0, uint32_t y1, const dest_t *d, thr_t *thr, uint32_t *scratch,
                                    uint32_t group)
{
    const uint32_t kwords = st_weight_kwords(l, 1), m = l->w_bits, c_out = l->out.c, pe = c->pe;
    const uint32_t tiles = (c_out + pe - 1u) / pe, out_w = l->out.w, ngroups = byte_groups(l);
    uint32_t *const zv = scratch + ngroups, *const zk = zv + m * ngroups;
    const thr_t *const th = d->prm != 0 ? thr : 0;
    uint32_t t0, y, x, zero[COP_ZERO_WORDS];
    bgeo_t g;

    g.kh = (int32_t)st_layer_kh(l);
    g.kw = (int32_t)st_layer_kw(l);
    g.st = (int32_t)st_layer_stride(l);
    g.pd = (int32_t)st_layer_pad(l);
    g.h = l->in.h;
    g.w = l->in.w;
    g.c_in = l->in.c;
    g.row = (uint32_t)g.kw * g.c_in;
    g.in_row = (uint32_t)g.w * g.c_in;
    g.m = m;
    g.kwords = kwords;
    g.ngroups = ngroups;
    g.pe = pe;
    g.top = 32u * (m - 1u) + (m > 1u ? ST_COP_OP_NEG_Msk : 0u);
    g.tstep = 32u * m * kwords;
    g.win = c->base + ST_COP_OP_OFFSET;
    g.acc0 = c->base + ST_COP_ACC0_OFFSET;
    for (t0 = 0; t0 < tiles; t0 += group) {
        const uint32_t nt = (tiles - t0 < group) ? tiles - t0 : group;
        const uint32_t nch = (nt * pe < c_out - t0 * pe) ? nt * pe : c_out - t0 * pe; /* the group's channels */
        load_group(c, l, w_packed, kwords, t0, nt, d, thr);
        if (th != 0 && nt == tiles) {
            zero_codes(thr, g.win, g.tstep, c_out, pe, zero);
        }
        for (y = y0; y < y1; y++) {
            for (x = 0; x < out_w; x++) {
                int32_t *const a_out = d->acc != 0 ? d->acc + ((y - y0) * out_w + x) * c_out + t0 * pe : 0;
                uint32_t nops, left, n, t;
                int32_t *a;
                uintptr_t tb;
                if (th != 0) {
                    thr->out = d->out + (y * out_w + x) * th->n * th->cw;
                }
                if (kwords == 1u) {
                    gather_bytes(&g, in, (int32_t)y, (int32_t)x, ngroups > 4u ? 8u : 4u, scratch);
                    bytes_tiles1(&g, scratch, a_out, 4u * nch, th, t0 * pe);
                    continue;
                }
                gather_bytes(&g, in, (int32_t)y, (int32_t)x, ngroups, scratch);
                nops = bytes_program(scratch, ngroups, m, 32u * kwords, zv, zk);
                if (nops == 0u) {
                    zero_tiles(th, g.win, g.tstep, a_out, nch, pe, t0 * pe); /* every group 0 */
                    continue;
                }
                for (a = a_out, left = nch, tb = g.win, t = 0; left != 0u; left -= n, tb += g.tstep, t++) {
                    n = left < pe ? left : pe;
                    issue_words(tb, zv, zk, zv + nops);
                    tile_out(th, g.acc0, &a, 4u * n, t, (t0 + t) * pe);
                }
            }
        }
    }
}

#define COP_MAX_PAIRS (ST_MAX_PLANES * 8u)

/* A pixel's operations for one tile, in issue order, as (address offset from the tile's base, word) pairs,
 * built once from the window and replayed for every tile: the per-pair work (finding the plane's words, the
 * level's flags) is paid once per pixel instead of once per pixel and tile. Used when the scratch holds
 * st_cop_scratch_words_whole(); otherwise issue_direct() issues from the window for every tile. */
static uint32_t build_ops(const window_t *wd, const uint8_t *pair_a, const uint32_t *pair_off, uint32_t npairs,
                          uint32_t kwords, uint32_t *prog)
{
    uint32_t *p = prog, i, f = ST_COP_OP_CLR_Msk;

    for (i = 0; i < npairs; i++) {
        const uint32_t off = pair_off[i], base = off & ~1u;
        const uint32_t *zv = wd->zv + pair_a[i] * kwords, *zk = wd->zk + pair_a[i] * kwords;
        const uint32_t *const zend = wd->end[pair_a[i]];
        if (off & 1u) { /* a level's first operation carries CLR / ADBL, even for a zero word */
            if (zv == zend) {
                p[0] = base + f + wd->ka0;
                p[1] = 0u;
            } else {
                p[0] = base + f + *zk++;
                p[1] = *zv++;
            }
            p += 2;
            f = ST_COP_OP_ADBL_Msk;
        }
        for (; zv < zend; zv++, zk++, p += 2) {
            p[0] = base + *zk;
            p[1] = *zv;
        }
    }
    return (uint32_t)(p - prog) / 2u;
}

/* The hot loop with a program: n operations of prog at the tile whose window base is tb; two loads, an add
 * and a store per operation, four per turn (a taken branch costs five cycles on our core). */
static inline void replay_ops(const uint32_t *p, uint32_t n, uintptr_t tb)
{
    const uint32_t *const end = p + 2u * n;
    for (; p + 6 < end; p += 8) {
        const uint32_t a0 = p[0], v0 = p[1], a1 = p[2], v1 = p[3], a2 = p[4], v2 = p[5], a3 = p[6], v3 = p[7];
        st_mmio_write32_relaxed(tb + a0, v0);
        st_mmio_write32_relaxed(tb + a1, v1);
        st_mmio_write32_relaxed(tb + a2, v2);
        st_mmio_write32_relaxed(tb + a3, v3);
    }
    for (; p < end; p += 2) {
        st_mmio_write32_relaxed(tb + p[0], p[1]);
    }
}

/* Without a program: one tile's operations straight from the window, plane pair by plane pair. */
static void issue_direct(const window_t *wd, const uint8_t *pair_a, const uint32_t *pair_off, uint32_t npairs,
                         uint32_t kwords, uintptr_t tb)
{
    uint32_t i, flag = ST_COP_OP_CLR_Msk;

    for (i = 0; i < npairs; i++) {
        const uint32_t off = pair_off[i];
        const uint32_t *zv = wd->zv + pair_a[i] * kwords, *zk = wd->zk + pair_a[i] * kwords;
        const uint32_t *const zend = wd->end[pair_a[i]];
        const uintptr_t pb = tb + (off & ~1u);
        if (off & 1u) { /* a level's first operation carries CLR / ADBL, even for a zero word */
            if (zv == zend) {
                st_mmio_write32_relaxed(pb + flag + wd->ka0, 0u);
            } else {
                st_mmio_write32_relaxed(pb + flag + *zk++, *zv++);
            }
            flag = ST_COP_OP_ADBL_Msk;
        }
        issue_words(pb, zv, zk, zend);
    }
}

st_cop_status_t st_cop_codes_check(const st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                   const uint32_t *params)
{
    const st_cop_status_t s = st_cop_layer_check(c, l, input_is_bytes);
    const uint32_t per = l->w_bits * st_weight_kwords(l, input_is_bytes), prec = st_param_record_words(l);
    uint32_t o, k;

    if (s != ST_COP_OK) {
        return s;
    }
    if (c->thr == 0u || l->out.is_int32 || l->out_bits == 0u || l->out_bits > 4u ||
        l->res_src >= 0 || tiles_per_group(c, l, entries(c, l, input_is_bytes), per, 1) == 0u) {
        return ST_COP_ERR_CODES;
    }
    for (o = 0; o < l->out.c; o++) {
        const uint32_t *rec = params + o * prec;
        for (k = 1; (rec[0] & 1u) && k < prec; k++) {
            if ((int32_t)rec[k] < INT32_MIN + 2) {
                return ST_COP_ERR_CODES; /* s = -1 and 1 - T is not an int32 */
            }
        }
    }
    return ST_COP_OK;
}

/* Both calls: accumulators (d->prm NULL) or codes; the layer checked. */
static st_cop_status_t conv_rows(st_cop_t *c, const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                                 const uint32_t *w_packed, uint32_t y0, uint32_t y1, const dest_t *d,
                                 uint32_t *scratch, uint32_t scratch_words)
{
    const uint32_t kwords = st_weight_kwords(l, input_is_bytes), m = l->w_bits, c_out = l->out.c;
    const uint32_t np = act_planes(l), per = m * kwords, out_w = l->out.w, pe = c->pe;
    const uint32_t tiles = (c_out + pe - 1u) / pe;
    const uintptr_t win = c->base + ST_COP_OP_OFFSET, acc0 = c->base + ST_COP_ACC0_OFFSET;
    const int codes = d->prm != 0;
    uint8_t pair_a[COP_MAX_PAIRS];
    uint32_t pair_off[COP_MAX_PAIRS];
    uint32_t npairs, group, t0, y, x, ops0, *prog, zero[COP_ZERO_WORDS];
    int use_prog;
    window_t wd;
    thr_t thr;
    const thr_t *const th = codes ? &thr : 0;

    if (scratch_words < st_cop_scratch_words(l, input_is_bytes)) {
        return ST_COP_ERR_SCRATCH;
    }
    thr.thr = c->base + ST_COP_THR_OFFSET;
    thr.codes = c->base + ST_COP_CODES_OFFSET;
    thr.out = d->out;
    thr.cmd = 0;
    thr.pstep = st_param_record_words(l);
    thr.n = l->out_bits;
    thr.cw = st_planes_cw(c_out);
    thr.zero = 0;
    group = tiles_per_group(c, l, entries(c, l, input_is_bytes), per, codes);
    if (group > tiles) {
        group = tiles;
    }
    if (st_cop_bytes_mode(c, l, input_is_bytes)) {
        cop_wr(c, ST_COP_MODE_OFFSET, (m == 1u ? ST_COP_MODE_DBL_Msk : 0u) | ST_COP_MODE_BYTES_Msk);
        ops0 = cop_rd(c, ST_COP_OPS_OFFSET);
        bytes_rows(c, l, in_packed, w_packed, y0, y1, d, &thr, scratch, group);
        c->ops += cop_rd(c, ST_COP_OPS_OFFSET) - ops0;
        return ST_COP_OK;
    }
    wd.zv = scratch;
    wd.zk = scratch + np * kwords;
    npairs = plane_pairs(l, kwords, pair_a, pair_off);
    prog = scratch + 2u * np * kwords;
    use_prog = scratch_words >= st_cop_scratch_words_whole(l, input_is_bytes);
    /* A layer's mode is written between layers: no operation is in flight (the last ACC read waited). */
    cop_wr(c, ST_COP_MODE_OFFSET, m == 1u ? ST_COP_MODE_DBL_Msk : 0u);
    ops0 = cop_rd(c, ST_COP_OPS_OFFSET); /* the operations are counted by the hardware, not in the hot loop */

    for (t0 = 0; t0 < tiles; t0 += group) {
        const uint32_t nt = (tiles - t0 < group) ? tiles - t0 : group;
        load_group(c, l, w_packed, kwords, t0, nt, d, &thr);
        if (codes && nt == tiles) {
            zero_codes(&thr, win, 4u * per, c_out, pe, zero);
        }
        for (y = y0; y < y1; y++) {
            for (x = 0; x < out_w; x++) {
                int32_t *a_out = codes ? 0 : d->acc + ((y - y0) * out_w + x) * c_out + t0 * pe;
                uint32_t t, ch = t0 * pe;
                uint32_t nops = 0;
                if (codes) {
                    thr.out = d->out + (y * out_w + x) * thr.n * thr.cw;
                }
                gather(l, input_is_bytes, in_packed, (int32_t)y, (int32_t)x, kwords, &wd);
                if (wd.nz == 0u) {
                    const uint32_t nch = (nt * pe < c_out - ch) ? nt * pe : c_out - ch;
                    zero_tiles(th, win, 4u * per, a_out, nch, pe, ch); /* every tap padding, or every code 0 */
                    continue;
                }
                if (use_prog) {
                    nops = build_ops(&wd, pair_a, pair_off, npairs, kwords, prog);
                }
                for (t = 0; t < nt; t++) {
                    const uint32_t nch = (c_out - ch < pe) ? c_out - ch : pe;
                    const uintptr_t tb = win + 4u * t * per;
                    if (use_prog) {
                        replay_ops(prog, nops, tb);
                    } else {
                        issue_direct(&wd, pair_a, pair_off, npairs, kwords, tb);
                    }
                    tile_out(th, acc0, &a_out, 4u * nch, t, ch);
                    ch += nch;
                }
            }
        }
    }
    c->ops += cop_rd(c, ST_COP_OPS_OFFSET) - ops0;
    return ST_COP_OK;
}

st_cop_status_t st_cop_conv_acc_rows(st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                     const uint32_t *in_packed, const uint32_t *w_packed, uint32_t y0, uint32_t y1,
                                     int32_t *acc, uint32_t *scratch, uint32_t scratch_words)
{
    const st_cop_status_t s = st_cop_layer_check(c, l, input_is_bytes);
    dest_t d;

    if (s != ST_COP_OK) {
        return s;
    }
    d.acc = acc;
    d.prm = 0;
    d.out = 0;
    return conv_rows(c, l, input_is_bytes, in_packed, w_packed, y0, y1, &d, scratch, scratch_words);
}

st_cop_status_t st_cop_conv_codes_rows(st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                       const uint32_t *in_packed, const uint32_t *w_packed, const uint32_t *params,
                                       uint32_t y0, uint32_t y1, uint32_t *out_packed, uint32_t *scratch,
                                       uint32_t scratch_words)
{
    const st_cop_status_t s = st_cop_codes_check(c, l, input_is_bytes, params);
    dest_t d;

    if (s != ST_COP_OK) {
        return s;
    }
    d.acc = 0;
    d.prm = params;
    d.out = out_packed;
    return conv_rows(c, l, input_is_bytes, in_packed, w_packed, y0, y1, &d, scratch, scratch_words);
}

const char *st_cop_strerror(st_cop_status_t s)
{
    switch (s) {
    case ST_COP_OK:
        return "ok";
    case ST_COP_ERR_ID:
        return "no coprocessor (ID is not STCP)";
    case ST_COP_ERR_CAPS:
        return "unsupported coprocessor geometry (CAPS)";
    case ST_COP_ERR_LAYER:
        return "layer type or encoding the coprocessor does not compute";
    case ST_COP_ERR_WBUF:
        return "one tile's weights exceed the PE weight memory";
    case ST_COP_ERR_SCRATCH:
        return "scratch buffer too small";
    case ST_COP_ERR_CODES:
        return "the threshold unit cannot give this layer's codes";
    default:
        return "unknown status";
    }
}
