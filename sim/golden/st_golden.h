/* SPDX-License-Identifier: Apache-2.0 */
/* st_golden.h - the C golden model of docs/numerics.md: freestanding C99, no heap, no stdio. */
#ifndef ST_GOLDEN_H
#define ST_GOLDEN_H

#include <stddef.h>
#include <stdint.h>

#include "st_model.h"

/* ---- Packed RAM layouts (numerics.md §7) ---------------------------------------------------- */

/** Words per plane per pixel in the PLANES layout: ceil(c / 32). */
uint32_t st_planes_cw(uint32_t c);
/** Size in 32-bit words of a tensor in its RAM layout (PLANES, BYTES for tensor 0, INT32). */
uint32_t st_tensor_words(const st_tensor_t *t, int is_network_input);
/** Pack canonical NHWC codes into the PLANES layout (dst: st_tensor_words() words). */
void st_pack_planes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst);
/** Inverse of st_pack_planes. */
void st_unpack_planes(const st_tensor_t *t, const uint32_t *src, uint16_t *codes);
/** Pack canonical NHWC codes (<= 8 bits) into the BYTES layout. */
void st_pack_bytes(const st_tensor_t *t, const uint16_t *codes, uint32_t *dst);
/** Words of the packed weights of a CONV / DENSE layer (numerics.md §7.4). */
uint32_t st_weight_words(const st_layer_t *l, int input_is_bytes);
/** Pack a layer's OHWI int8 weights into weight planes (dst: st_weight_words() words). */
void st_pack_weights(const st_layer_t *l, int input_is_bytes, uint32_t *dst);
/** Words of a layer's per-channel parameter records (numerics.md §7.5). */
uint32_t st_param_words(const st_layer_t *l);
/** Pack signs, residual multipliers, thresholds or bias into per-channel records. */
void st_pack_params(const st_layer_t *l, uint32_t *dst);

/* ---- Layer operations on canonical tensors (codes as uint16_t, NHWC) ------------------------- */

/** Accumulators of a CONV / DENSE layer by plain multiply-accumulate (numerics.md §3). */
void st_conv_acc_mac(const st_layer_t *l, const uint16_t *in, int32_t *acc);
/**
 * The same accumulators by the bit-plane popcount form (numerics.md §6) on packed operands:
 * in_packed in PLANES (or BYTES when input_is_bytes) layout, w_packed from st_pack_weights().
 */
void st_conv_acc_bitplane(const st_layer_t *l, int input_is_bytes, const uint32_t *in_packed,
                          const uint32_t *w_packed, int32_t *acc);
/** Residual add, threshold unit or output-layer bias (numerics.md §4); res may be NULL. */
void st_finish(const st_layer_t *l, const int32_t *acc, const uint16_t *res, uint16_t *codes_out,
               int32_t *int_out);
/** One threshold unit evaluation: #{k : s*acc >= T[k]}. */
uint32_t st_threshold(int32_t acc, int32_t sign, const int32_t *thr, uint32_t nt);
void st_maxpool(const st_layer_t *l, const uint16_t *in, uint16_t *out);
void st_gsum(const st_layer_t *l, const uint16_t *in, uint16_t *out);
/** Argmax, the lowest index winning a tie. */
uint32_t st_argmax(const int32_t *v, uint32_t n);

/* ---- Whole network -------------------------------------------------------------------------- */

typedef enum { ST_FORM_MAC = 0, ST_FORM_BITPLANE = 1 } st_form_t;

/**
 * Called after each layer with its output tensor: codes (NULL for int32) or int32 values.
 * Return non-zero to stop the run.
 */
typedef int (*st_layer_cb_t)(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes,
                             const int32_t *ints);

/** Scratch bytes st_net_run() needs for a model (all tensors live at once, plus packing space). */
size_t st_net_scratch_bytes(const st_model_t *m, st_form_t form);

/**
 * Run a parsed model on one input (NHWC codes, one byte each).
 * @param scores  receives num_classes int32 outputs of the last layer
 * @param cls     receives the argmax class (may be NULL)
 * @return ST_OK, or ST_ERR_ARG when scratch is too small
 */
st_status_t st_net_run(const st_model_t *m, st_form_t form, const uint8_t *input, void *scratch,
                       size_t scratch_bytes, st_layer_cb_t cb, void *user, int32_t *scores,
                       uint32_t *cls);

#endif /* ST_GOLDEN_H */
