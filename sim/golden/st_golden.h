/* SPDX-License-Identifier: Apache-2.0 */
/* st_golden.h - the C golden model of docs/numerics.md: freestanding C99, no heap, no stdio.
 *
 * Two independent formulations of every layer:
 *  - the MAC form (st_golden.c): plain nested loops over canonical NHWC codes (uint16_t) and the OHWI
 *    int8 weights of the model, values decoded per element, thresholds counted one by one;
 *  - the bit-plane form (st_bitplane.c): what the accelerator computes, on the packed RAM layouts of
 *    numerics.md §7 (PLANES / BYTES activations, packed weight planes, per-channel parameter records):
 *    word-wise AND + popcount with a valid-tap mask, a binary-search threshold unit, bit-sliced max
 *    pooling and a bit-sliced adder for global sum pooling.
 * tests/golden/ proves the two equal. Layer functions assume a layer that st_layer_check() accepts
 * (st_net_run() checks every layer before it runs anything).
 */
#ifndef ST_GOLDEN_H
#define ST_GOLDEN_H

#include <stddef.h>
#include <stdint.h>

#include "st_model.h"

/** Most activation planes a tensor can have (a GSUM output, numerics.md §5.2). */
#define ST_MAX_PLANES 16u

/* ---- Small helpers ------------------------------------------------------------------------------ */

/**
 * Number of set bits in x: the one the bit-plane form uses. On the host with GCC / clang it is
 * __builtin_popcount; on RISC-V with -DST_HAVE_CPOP the CPOP instruction (Zbb; our core has it); on other
 * RISC-V builds (or with -DST_PORTABLE_POPCOUNT) it is st_popcount32_portable(), so the rv32im build needs
 * nothing from libgcc for it.
 */
uint32_t st_popcount32(uint32_t x);
/** Portable SWAR popcount (shifts, masks and one multiply). */
uint32_t st_popcount32_portable(uint32_t x);
/** Bit length of v: 0 for 0, else floor(log2 v) + 1. */
uint32_t st_bitlen(uint64_t v);
/** Code width of a GSUM output over an h x w tensor of n-bit codes: bitlen((2^n - 1) h w). */
uint32_t st_gsum_bits(uint32_t n, uint32_t h, uint32_t w);
/** Value of code q in tensor t: 2q - 1 when bipolar, q otherwise (numerics.md §1). */
int32_t st_code_value(const st_tensor_t *t, uint32_t q);
/** Kernel height of a CONV / DENSE / MAXPOOL layer (DENSE: the input height, whatever kh says). */
uint32_t st_layer_kh(const st_layer_t *l);
/** Kernel width (DENSE: the input width). */
uint32_t st_layer_kw(const st_layer_t *l);
/** Stride (DENSE: 1). */
uint32_t st_layer_stride(const st_layer_t *l);
/** Zero padding on each side (DENSE: 0). */
uint32_t st_layer_pad(const st_layer_t *l);
/** Thresholds per output channel: 2^out_bits - 1, 0 for an output layer or a pool layer. */
uint32_t st_layer_nt(const st_layer_t *l);
/**
 * The accumulator bound B of numerics.md §8 for a CONV / DENSE layer (0 for pool layers).
 * @param res_t  the residual source tensor, or NULL when the layer has none
 */
uint64_t st_layer_bound(const st_layer_t *l, const st_tensor_t *res_t);
/**
 * Check that a layer is one the golden model can compute exactly: field ranges, shapes (numerics.md
 * §2, §5), weight ranges, sorted thresholds, signs, residual source and multipliers, and the bound of §8.
 * @param l      the layer (its in / out tensors filled in)
 * @param res_t  the residual source tensor when l->res_src >= 0, else ignored (may be NULL)
 * @param diag   optional: receives the status and a message naming the field (layer set to -1)
 * @return ST_OK or ST_ERR_ARG / _LAYER_TYPE / _FIELD / _SHAPE / _WEIGHT / _THRESH / _SIGN / _MULT /
 *         _OVERFLOW
 */
st_status_t st_layer_check(const st_layer_t *l, const st_tensor_t *res_t, st_diag_t *diag);

/* ---- Packed RAM layouts (numerics.md §7) -------------------------------------------------------- */

/** Words per plane per pixel in the PLANES layout: ceil(c / 32). */
uint32_t st_planes_cw(uint32_t c);
/** Size in 32-bit words of a tensor in its RAM layout (INT32 if is_int32, else BYTES for the network
 *  input, else PLANES). */
uint32_t st_tensor_words(const st_tensor_t *t, int is_network_input);
/** Pack canonical NHWC codes into the PLANES layout (dst: st_tensor_words(t, 0) words; every word is
 *  written, channel padding bits are 0). Codes must fit in t->bits. */
void st_pack_planes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst);
/** Inverse of st_pack_planes. */
void st_unpack_planes(const st_tensor_t *t, const uint32_t *src, uint16_t *codes);
/** Pack canonical NHWC codes (<= 8 bits) into the BYTES layout, zero-padded to whole words. */
void st_pack_bytes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst);
/** Inverse of st_pack_bytes. */
void st_unpack_bytes(const st_tensor_t *t, const uint32_t *src, uint16_t *codes);
/** KWORDS of numerics.md §7.4: words of one weight-plane vector of one output channel. */
uint32_t st_weight_kwords(const st_layer_t *l, int input_is_bytes);
/** Words of the packed weights of a CONV / DENSE layer: out.c * m * KWORDS (numerics.md §7.4). */
uint32_t st_weight_words(const st_layer_t *l, int input_is_bytes);
/** Pack a layer's OHWI int8 weights into weight planes (dst: st_weight_words() words, all written). */
void st_pack_weights(const st_layer_t *l, int input_is_bytes, uint32_t *dst);
/** Words per channel record: 1 + NT for a thresholded layer, 2 for the output layer (numerics.md §7.5). */
uint32_t st_param_record_words(const st_layer_t *l);
/** Words of a layer's per-channel parameter records: out.c * st_param_record_words(). */
uint32_t st_param_words(const st_layer_t *l);
/** Pack signs, residual multipliers (0 without residual), thresholds or bias into channel records. */
void st_pack_params(const st_layer_t *l, uint32_t *dst);

/* ---- MAC form: layer operations on canonical tensors (codes as uint16_t, NHWC) ------------------ */

/** Accumulators of a CONV / DENSE layer by plain multiply-accumulate (numerics.md §3), NHWC. */
void st_conv_acc_mac(const st_layer_t *l, const uint16_t *in, int32_t *acc);
/**
 * Residual add, threshold unit or output-layer bias (numerics.md §4), element by element.
 * @param acc        out.h * out.w * out.c accumulators
 * @param res_t      residual source tensor (used when l->res_src >= 0)
 * @param res        its canonical codes (used when l->res_src >= 0)
 * @param codes_out  codes of a thresholded layer (unused for the output layer)
 * @param int_out    int32 results of the output layer (unused otherwise)
 */
void st_finish(const st_layer_t *l, const int32_t *acc, const st_tensor_t *res_t, const uint16_t *res,
               uint16_t *codes_out, int32_t *int_out);
/** One threshold unit evaluation, counting: #{k : sign * acc >= thr[k]} (exact for any int32). */
uint32_t st_threshold(int32_t acc, int32_t sign, const int32_t *thr, uint32_t nt);
/** Max pooling on canonical codes (numerics.md §5.1). */
void st_maxpool(const st_layer_t *l, const uint16_t *in, uint16_t *out);
/** Global sum pooling on canonical codes (numerics.md §5.2). */
void st_gsum(const st_layer_t *l, const uint16_t *in, uint16_t *out);
/** Argmax, the lowest index winning a tie (0 when n is 0). */
uint32_t st_argmax(const int32_t *v, uint32_t n);

/* Byte bi of a BYTES tensor (numerics.md §7: byte bi in word bi / 4, bits 8 * (bi % 4)): on a little-endian
 * machine that is the byte at address bi, one load (reading a uint32_t array through unsigned char is
 * allowed); elsewhere the shifts. */
static inline uint32_t st_packed_byte(const uint32_t *buf, uint32_t bi)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return ((const unsigned char *)buf)[bi];
#else
    return (buf[bi / 4u] >> (8u * (bi % 4u))) & 0xFFu;
#endif
}

/* ---- Bit-plane form: layer operations on the packed RAM layouts --------------------------------- */

/**
 * Accumulators of a CONV / DENSE layer by the bit-plane popcount form (numerics.md §6), NHWC int32.
 * @param input_is_bytes  1 when in_packed is the network input in BYTES layout, 0 for PLANES
 * @param in_packed       the input tensor in its RAM layout
 * @param w_packed        weights from st_pack_weights() with the same input_is_bytes
 */
void st_conv_acc_bitplane(const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                          const uint32_t *w_packed, int32_t *acc);
/**
 * st_conv_acc_bitplane() for the output rows y0 <= y < y1 only, so that a caller with little RAM (the
 * firmware's software baseline) can compute a layer band by band with the same code.
 * @param acc  receives (y1 - y0) * out.w * out.c accumulators, NHWC from row y0
 */
void st_conv_acc_bitplane_rows(const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                               const uint32_t *w_packed, uint32_t y0, uint32_t y1, int32_t *acc);
/**
 * A BYTES-input layer (the network's first: few channels, up to 8 bits) the way a CPU computes it fastest:
 * integer multiply-accumulate on the packed bytes, over the non-zero values of each window only, with the
 * weights decoded once from their packed planes (st_bytes_mac_weights). Same accumulators as
 * st_conv_acc_bitplane_rows(l, 1, ...); test-golden-sweep checks both against the MAC form.
 */
#define ST_BYTES_MAC_MAX_K 256u /* kh * kw * in.c that the bytes-MAC form takes (its stack: 2 KiB) */
/** Entries of decoded weights the bytes-MAC form needs: out.c * kh * kw * in.c. */
uint32_t st_bytes_mac_wbuf_len(const st_layer_t *l);
/**
 * Decode a layer's packed weights (st_pack_weights(l, 1, ...)) into wbuf, out.c rows of kh * kw * in.c.
 * @return 0, or -1 (wbuf untouched) when kh * kw * in.c exceeds ST_BYTES_MAC_MAX_K or wbuf_len is too small
 */
int st_bytes_mac_weights(const st_layer_t *l, const uint32_t *w_packed, int16_t *wbuf, uint32_t wbuf_len);
/**
 * Accumulators of output rows y0 <= y < y1 of a BYTES-input CONV / DENSE layer from wbuf
 * (st_bytes_mac_weights() returned 0 for this layer); acc as in st_conv_acc_bitplane_rows().
 */
void st_conv_acc_bytes_mac_rows(const st_layer_t *l, const uint32_t *in_packed, const int16_t *wbuf, uint32_t y0,
                                uint32_t y1, int32_t *acc);
/**
 * Threshold unit as the hardware sees it: sign from bit 0 of rec[0], thresholds rec[1..nt], and the
 * code found by binary search for the number of leading thresholds passed.
 */
uint32_t st_threshold_packed(int32_t acc, const uint32_t *rec, uint32_t nt);
/**
 * Residual add, threshold unit or bias from packed parameter records (st_pack_params()).
 * @param res_is_bytes  1 when the residual source is the network input (BYTES layout)
 * @param res_packed    the residual source in its RAM layout (used when l->res_src >= 0)
 * @param out_packed    PLANES codes, or INT32 words for the output layer (st_tensor_words(&l->out, 0))
 */
void st_finish_packed(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                      const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed,
                      uint32_t *out_packed);
/**
 * st_finish_packed() for the output rows y0 <= y < y1 only: acc holds those rows' accumulators (as from
 * st_conv_acc_bitplane_rows()); only those rows' words of out_packed are written (zeroed first).
 */
void st_finish_packed_rows(const st_layer_t *l, const uint32_t *params, const int32_t *acc,
                           const st_tensor_t *res_t, int res_is_bytes, const uint32_t *res_packed, uint32_t y0,
                           uint32_t y1, uint32_t *out_packed);
/** Max pooling on packed planes, 32 channels per word operation (bit-sliced compare). */
void st_maxpool_packed(const st_layer_t *l, int input_is_bytes, const uint32_t *in, uint32_t *out);
/** Global sum pooling on packed planes with a bit-sliced ripple-carry adder, 32 channels per word. */
void st_gsum_packed(const st_layer_t *l, int input_is_bytes, const uint32_t *in, uint32_t *out);

/* ---- Whole network ----------------------------------------------------------------------------- */

typedef enum { ST_FORM_MAC = 0, ST_FORM_BITPLANE = 1 } st_form_t;

/**
 * Called after each layer with its output tensor (tensor layer + 1) in canonical form: codes (NULL for
 * int32) or int32 values (NULL for codes). Both forms give the canonical NHWC view, so dumps compare
 * directly; st_pack_planes() gives the RAM image the hardware writes. Return non-zero to stop the run.
 */
typedef int (*st_layer_cb_t)(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes,
                             const int32_t *ints);

/**
 * Check a whole model before running it: the input tensor, that shapes chain, residual sources,
 * every layer with st_layer_check(), the output layer last and only last with 1 x 1 x num_classes.
 * @param diag  optional: status, failing layer (-1 for the input / network) and a message
 * @return ST_OK or the first error (ST_ERR_NETWORK for network-level rules)
 */
st_status_t st_net_check(const st_model_t *m, st_diag_t *diag);

/**
 * Scratch bytes st_net_run() needs for a model: every tensor stays alive (residuals may refer back), plus
 * one layer's accumulators, packed weights and parameters (bit-plane form) and a dump buffer.
 * @return the size in bytes, or 0 when the model fails st_net_check() or the size overflows size_t
 */
size_t st_net_scratch_bytes(const st_model_t *m, st_form_t form);

/**
 * Run a checked model on one input, layer by layer, in one of the two forms.
 * @param input    m->input.h * w * c codes, NHWC, one byte each, each < 2^in_bits
 * @param scratch  any alignment; at least st_net_scratch_bytes(m, form) bytes
 * @param cb       optional per-layer callback (dumps); a non-zero return stops the run early, and then
 *                 scores and cls are not written and the result is ST_OK
 * @param scores   optional: receives num_classes int32 outputs of the last layer
 * @param cls      optional: receives the argmax class
 * @return ST_OK; ST_ERR_ARG for a NULL model / input / scratch, a too small scratch or an input code out
 *         of range; or the error of st_net_check()
 */
st_status_t st_net_run(const st_model_t *m, st_form_t form, const uint8_t *input, void *scratch,
                       size_t scratch_bytes, st_layer_cb_t cb, void *user, int32_t *scores,
                       uint32_t *cls);

#endif /* ST_GOLDEN_H */
