/* SPDX-License-Identifier: Apache-2.0 */
/* st_desc.h - the accelerator's layer-descriptor format (docs/accelerator.md §2), freestanding C99.
 *
 * A network is a chain of descriptors: records of ST_DESC_WORDS 32-bit words, back to back in RAM from
 * DESC_PTR, the last one flagged ST_DESC_F_LAST. The accelerator checks every record before it touches a
 * buffer (docs/accelerator.md §2.5 lists the checks in the order they are made) and stops the chain with
 * an ST_ACCEL_ERR_* code in STATUS.ERR and the record's index in STATUS.ERR_DESC.
 *
 * The buffer-size helpers below compute exactly what the hardware checks against RAM, so a compiler that
 * allocates with them never trips BAD_ADDR. All sizes are in 32-bit words.
 */
#ifndef ST_DESC_H
#define ST_DESC_H

#include <stdint.h>

/* ---- record geometry -------------------------------------------------------------------------------- */
#define ST_DESC_WORDS 16u /**< words per descriptor record */
#define ST_DESC_BYTES 64u /**< bytes per descriptor record (records are back to back) */

/* ---- word offsets inside a record ---------------------------------------------------------------- */
#define ST_DESC_OP        0u  /**< opcode and flags */
#define ST_DESC_IN_SHAPE  1u  /**< [15:0] in_h, [31:16] in_w */
#define ST_DESC_CHANNELS  2u  /**< [15:0] in_c, [31:16] out_c */
#define ST_DESC_OUT_SHAPE 3u  /**< [15:0] out_h, [31:16] out_w */
#define ST_DESC_KERNEL    4u  /**< [15:0] kh, [31:16] kw */
#define ST_DESC_GEOM      5u  /**< stride, pad and the four bit widths */
#define ST_DESC_IN_ADDR   6u  /**< byte address of the input tensor */
#define ST_DESC_OUT_ADDR  7u  /**< byte address of the output tensor */
#define ST_DESC_W_ADDR    8u  /**< byte address of the packed weights (CONV) */
#define ST_DESC_P_ADDR    9u  /**< byte address of the per-channel parameter records (CONV) */
#define ST_DESC_RES_ADDR  10u /**< byte address of the residual source tensor (CONV with ST_DESC_F_RES) */
/* words 11..15 are reserved: write 0 (this version does not read them) */

/* ---- word 0: opcode and flags ------------------------------------------------------------------- */
#define ST_DESC_OP_OPCODE_Pos 0u
#define ST_DESC_OP_OPCODE_Msk 0x0000000Fu
#define ST_DESC_OPC_CONV    1u /**< convolution; DENSE is CONV with kh = in_h, kw = in_w, stride 1, pad 0 */
#define ST_DESC_OPC_MAXPOOL 2u /**< max pooling on codes (kh = kw = K, stride, pad 0) */
#define ST_DESC_OPC_GSUM    3u /**< global sum pooling: 1 x 1 x C output of out_bits planes */

#define ST_DESC_F_LAST        (1u << 8)  /**< the last record of the chain */
#define ST_DESC_F_IN_BYTES    (1u << 9)  /**< input in BYTES layout (the network input; CONV only) */
#define ST_DESC_F_IN_BIPOLAR  (1u << 10) /**< 1-bit input codes stand for -1 / +1 */
#define ST_DESC_F_OUT_INT32   (1u << 11) /**< output layer: int32 acc + bias in INT32 layout (CONV only) */
#define ST_DESC_F_OUT_BIPOLAR (1u << 12) /**< the 1-bit output is bipolar (meaning only; same codes) */
#define ST_DESC_F_RES         (1u << 13) /**< residual add from RES_ADDR before the threshold (CONV only) */
#define ST_DESC_F_RES_BIPOLAR (1u << 14) /**< the 1-bit residual source is bipolar */
#define ST_DESC_F_W_SHARED    (1u << 15) /**< weights are 1 x 1 x in_c, shared by all kh x kw taps (fused
                                              GSUM + DENSE; CONV, PLANES input, stride 1, pad 0 only) */
#define ST_DESC_F_ALL         0x0000FF00u /**< every defined flag; bits 31:16 and 7:4 are reserved (write 0) */

/* ---- words 1..4: 16-bit dimension pairs -------------------------------------------------------- */
#define ST_DESC_LO_Pos 0u
#define ST_DESC_LO_Msk 0x0000FFFFu
#define ST_DESC_HI_Pos 16u
#define ST_DESC_HI_Msk 0xFFFF0000u

/* ---- word 5: geometry and bit widths ----------------------------------------------------------- */
#define ST_DESC_GEOM_STRIDE_Pos   0u  /**< 1..15 (CONV, MAXPOOL) */
#define ST_DESC_GEOM_STRIDE_Msk   0x0000000Fu
#define ST_DESC_GEOM_PAD_Pos      4u  /**< 0..max(kh,kw)-1 (CONV), 0 (MAXPOOL) */
#define ST_DESC_GEOM_PAD_Msk      0x000000F0u
#define ST_DESC_GEOM_IN_BITS_Pos  8u  /**< input code width n: PLANES 1..16, BYTES 1..8 */
#define ST_DESC_GEOM_IN_BITS_Msk  0x00001F00u
#define ST_DESC_GEOM_W_BITS_Pos   16u /**< weight width m: 1 = bipolar, 2..8 two's complement (CONV) */
#define ST_DESC_GEOM_W_BITS_Msk   0x000F0000u
#define ST_DESC_GEOM_RES_BITS_Pos 20u /**< residual source code width 1..4 (CONV with ST_DESC_F_RES) */
#define ST_DESC_GEOM_RES_BITS_Msk 0x00F00000u
#define ST_DESC_GEOM_OUT_BITS_Pos 24u /**< output code width: CONV 1..4, MAXPOOL = in_bits, GSUM n' 1..16 */
#define ST_DESC_GEOM_OUT_BITS_Msk 0x1F000000u
#define ST_DESC_GEOM_RSVD_Msk     0xE000E000u /**< reserved bits (write 0) */

/** A descriptor before packing (what a compiler fills in). Fields not used by the opcode must be 0. */
typedef struct {
    uint32_t opcode;                /**< ST_DESC_OPC_* */
    uint32_t flags;                 /**< ST_DESC_F_* */
    uint32_t in_h, in_w, in_c;      /**< input tensor shape */
    uint32_t out_h, out_w, out_c;   /**< output tensor shape */
    uint32_t kh, kw, stride, pad;   /**< kernel, stride, zero padding */
    uint32_t in_bits, w_bits, out_bits, res_bits;
    uint32_t in_addr, out_addr, w_addr, p_addr, res_addr; /**< byte addresses, word aligned */
} st_desc_t;

/**
 * Pack a descriptor into its ST_DESC_WORDS-word record (fields are masked to their width; the accelerator,
 * not this function, validates them).
 * @param d  the fields
 * @param w  receives ST_DESC_WORDS words
 */
static inline void st_desc_pack(const st_desc_t *d, uint32_t *w)
{
    uint32_t i;
    for (i = 0u; i < ST_DESC_WORDS; i++) {
        w[i] = 0u;
    }
    w[ST_DESC_OP] = ((d->opcode << ST_DESC_OP_OPCODE_Pos) & ST_DESC_OP_OPCODE_Msk) | (d->flags & ST_DESC_F_ALL);
    w[ST_DESC_IN_SHAPE] = (d->in_h & 0xFFFFu) | ((d->in_w & 0xFFFFu) << 16);
    w[ST_DESC_CHANNELS] = (d->in_c & 0xFFFFu) | ((d->out_c & 0xFFFFu) << 16);
    w[ST_DESC_OUT_SHAPE] = (d->out_h & 0xFFFFu) | ((d->out_w & 0xFFFFu) << 16);
    w[ST_DESC_KERNEL] = (d->kh & 0xFFFFu) | ((d->kw & 0xFFFFu) << 16);
    w[ST_DESC_GEOM] = ((d->stride << ST_DESC_GEOM_STRIDE_Pos) & ST_DESC_GEOM_STRIDE_Msk) |
                      ((d->pad << ST_DESC_GEOM_PAD_Pos) & ST_DESC_GEOM_PAD_Msk) |
                      ((d->in_bits << ST_DESC_GEOM_IN_BITS_Pos) & ST_DESC_GEOM_IN_BITS_Msk) |
                      ((d->w_bits << ST_DESC_GEOM_W_BITS_Pos) & ST_DESC_GEOM_W_BITS_Msk) |
                      ((d->res_bits << ST_DESC_GEOM_RES_BITS_Pos) & ST_DESC_GEOM_RES_BITS_Msk) |
                      ((d->out_bits << ST_DESC_GEOM_OUT_BITS_Pos) & ST_DESC_GEOM_OUT_BITS_Msk);
    w[ST_DESC_IN_ADDR] = d->in_addr;
    w[ST_DESC_OUT_ADDR] = d->out_addr;
    w[ST_DESC_W_ADDR] = d->w_addr;
    w[ST_DESC_P_ADDR] = d->p_addr;
    w[ST_DESC_RES_ADDR] = d->res_addr;
}

/**
 * Unpack a ST_DESC_WORDS-word record into its fields: the inverse of st_desc_pack() for every field it
 * packs (reserved bits are dropped; the fields are not validated).
 * @param w  the record
 * @param d  receives the fields
 */
static inline void st_desc_unpack(const uint32_t *w, st_desc_t *d)
{
    const uint32_t geom = w[ST_DESC_GEOM];
    d->opcode = (w[ST_DESC_OP] & ST_DESC_OP_OPCODE_Msk) >> ST_DESC_OP_OPCODE_Pos;
    d->flags = w[ST_DESC_OP] & ST_DESC_F_ALL;
    d->in_h = w[ST_DESC_IN_SHAPE] & 0xFFFFu;
    d->in_w = w[ST_DESC_IN_SHAPE] >> 16;
    d->in_c = w[ST_DESC_CHANNELS] & 0xFFFFu;
    d->out_c = w[ST_DESC_CHANNELS] >> 16;
    d->out_h = w[ST_DESC_OUT_SHAPE] & 0xFFFFu;
    d->out_w = w[ST_DESC_OUT_SHAPE] >> 16;
    d->kh = w[ST_DESC_KERNEL] & 0xFFFFu;
    d->kw = w[ST_DESC_KERNEL] >> 16;
    d->stride = (geom & ST_DESC_GEOM_STRIDE_Msk) >> ST_DESC_GEOM_STRIDE_Pos;
    d->pad = (geom & ST_DESC_GEOM_PAD_Msk) >> ST_DESC_GEOM_PAD_Pos;
    d->in_bits = (geom & ST_DESC_GEOM_IN_BITS_Msk) >> ST_DESC_GEOM_IN_BITS_Pos;
    d->w_bits = (geom & ST_DESC_GEOM_W_BITS_Msk) >> ST_DESC_GEOM_W_BITS_Pos;
    d->res_bits = (geom & ST_DESC_GEOM_RES_BITS_Msk) >> ST_DESC_GEOM_RES_BITS_Pos;
    d->out_bits = (geom & ST_DESC_GEOM_OUT_BITS_Msk) >> ST_DESC_GEOM_OUT_BITS_Pos;
    d->in_addr = w[ST_DESC_IN_ADDR];
    d->out_addr = w[ST_DESC_OUT_ADDR];
    d->w_addr = w[ST_DESC_W_ADDR];
    d->p_addr = w[ST_DESC_P_ADDR];
    d->res_addr = w[ST_DESC_RES_ADDR];
}

/* ---- buffer sizes in 32-bit words (what the hardware checks; docs/accelerator.md §2.4) -------------- */

/** Words per plane per pixel in the PLANES layout: ceil(c / 32). */
static inline uint32_t st_desc_cw(uint32_t c)
{
    return (c + 31u) / 32u;
}

/** Input tensor words: BYTES ceil(h*w*c / 4), else PLANES h*w*in_bits*CW. */
static inline uint32_t st_desc_in_words(const st_desc_t *d)
{
    if ((d->flags & ST_DESC_F_IN_BYTES) != 0u) {
        return (d->in_h * d->in_w * d->in_c + 3u) / 4u;
    }
    return d->in_h * d->in_w * d->in_bits * st_desc_cw(d->in_c);
}

/** Output tensor words: INT32 out_h*out_w*out_c, else PLANES out_h*out_w*out_bits*CW(out_c). */
static inline uint32_t st_desc_out_words(const st_desc_t *d)
{
    if ((d->flags & ST_DESC_F_OUT_INT32) != 0u) {
        return d->out_h * d->out_w * d->out_c;
    }
    return d->out_h * d->out_w * d->out_bits * st_desc_cw(d->out_c);
}

/** Words of one weight plane of one output channel (numerics.md §7.4 KWORDS; 1 x 1 taps with W_SHARED). */
static inline uint32_t st_desc_kwords(const st_desc_t *d)
{
    if ((d->flags & ST_DESC_F_IN_BYTES) != 0u) {
        return (d->kh * d->kw * d->in_c + 31u) / 32u;
    }
    if ((d->flags & ST_DESC_F_W_SHARED) != 0u) {
        return st_desc_cw(d->in_c);
    }
    return d->kh * d->kw * st_desc_cw(d->in_c);
}

/** Packed weight words of a CONV: out_c * w_bits * KWORDS (0 for the pools). */
static inline uint32_t st_desc_w_words(const st_desc_t *d)
{
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0u;
    }
    return d->out_c * d->w_bits * st_desc_kwords(d);
}

/** Words of one per-channel parameter record: 2 for an output layer, else 1 + (2^out_bits - 1). */
static inline uint32_t st_desc_p_record_words(const st_desc_t *d)
{
    if ((d->flags & ST_DESC_F_OUT_INT32) != 0u) {
        return 2u;
    }
    return 1u << d->out_bits;
}

/** Parameter words of a CONV: out_c * record words (0 for the pools). */
static inline uint32_t st_desc_p_words(const st_desc_t *d)
{
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0u;
    }
    return d->out_c * st_desc_p_record_words(d);
}

/** Residual source words: out_h*out_w*res_bits*CW(out_c) with ST_DESC_F_RES, else 0. */
static inline uint32_t st_desc_res_words(const st_desc_t *d)
{
    if ((d->flags & ST_DESC_F_RES) == 0u) {
        return 0u;
    }
    return d->out_h * d->out_w * d->res_bits * st_desc_cw(d->out_c);
}

#endif /* ST_DESC_H */
