/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_cop.h - driver of the ST coprocessor (rtl/cop/st_cop.sv, docs/coprocessor.md): the UP5K build's
 * accelerator, a PE array that the CPU feeds one 32-bit activation word per store.
 *
 * The coprocessor computes the accumulators of a CONV / DENSE layer; residuals, pooling and the output
 * layer stay with the golden model's packed-layout code, so
 *
 *     st_cop_conv_acc_rows(&cop, l, is_bytes, in, w, y0, y1, acc, scratch, n)
 *
 * is a drop-in for st_conv_acc_bitplane_rows(l, is_bytes, in, w, y0, y1, acc) and gives the same bits.
 * With the threshold unit (CAPS.THR) a thresholded layer without a residual can skip the accumulators:
 * st_cop_conv_codes_rows(&cop, l, is_bytes, in, w, params, y0, y1, out, scratch, n) writes the layer's
 * output codes as st_finish_packed_rows() would (st_cop_codes_check says whether it takes the layer).
 * Weights go into the PEs' memories tile by tile (NumPe output channels per tile) and stay there while
 * the same layer's rows are computed (st_cop_invalidate() forgets them).
 *
 * A layer with an unsigned BYTES input (the network's first: 8-bit pixels) runs in MODE.BYTES when the
 * coprocessor has it (CAPS.BYTES): 4 input bytes per store against a weight plane, instead of 8 input bit
 * planes. That mode reaches weight entries 0..63 only (ST_COP_BYTES_ENTRIES), so such a layer needs
 * w_bits x KWORDS <= 64 (else ST_COP_ERR_WBUF).
 *
 * All register traffic goes through st_mmio.h, so the same source runs on the RISC-V core and on the host
 * against the Verilated coprocessor (tests/cop/). Freestanding C99: no libc, no heap.
 */
#ifndef ST_COP_H
#define ST_COP_H

#include <stdint.h>

#include "st_golden.h"

typedef enum {
    ST_COP_OK = 0,
    ST_COP_ERR_ID,      /**< no coprocessor at the address (ID is not 'STCP') */
    ST_COP_ERR_CAPS,    /**< CAPS describes a geometry this driver cannot drive */
    ST_COP_ERR_LAYER,   /**< the layer is not a CONV / DENSE layer the coprocessor can compute */
    ST_COP_ERR_WBUF,    /**< one tile's weights (w_bits x k-words) exceed the PE weight memory (in MODE.BYTES
                             its first ST_COP_BYTES_ENTRIES entries) */
    ST_COP_ERR_SCRATCH, /**< the scratch buffer is smaller than st_cop_scratch_words() */
    ST_COP_ERR_CODES    /**< the threshold unit cannot give this layer's codes (st_cop_codes_check) */
} st_cop_status_t;

/** Weight entries MODE.BYTES reaches (its operation address holds entry bits 5:0 and the byte group). */
#define ST_COP_BYTES_ENTRIES 64u

/** One coprocessor; fill with st_cop_probe(). */
typedef struct {
    uintptr_t base;   /**< COP block base address */
    uint32_t pe;      /**< CAPS.PE: accumulators per operation */
    uint32_t depth;   /**< CAPS.WBUF_DEPTH: weight words per PE */
    uint32_t bytes;   /**< CAPS.BYTES: 1 if MODE.BYTES (bytes multiply-accumulate) exists */
    uint32_t thr;     /**< 1 if the threshold unit (THR / CODES) exists and serves pe (CAPS.THR, pe divides 32) */
    /* the weights in the PE memories: tiles t0 .. t0 + nt - 1 of the layer whose weights are at w, and
     * their parameter records (from prm, at entry rbase on; prm NULL: none) */
    const uint32_t *w, *prm;
    uint32_t t0, nt, rbase;
    uint32_t ops;     /**< operations issued by this driver (all calls; from the OPS register) */
    uint32_t wwords;  /**< weight words written by this driver (all calls) */
} st_cop_t;

/** Read ID and CAPS at base; 0 (ST_COP_OK) when a coprocessor this driver can drive answers. */
st_cop_status_t st_cop_probe(st_cop_t *c, uintptr_t base);

/** Forget which weights are loaded (call when the weights in RAM may have changed). */
void st_cop_invalidate(st_cop_t *c);

/** Whether layer l (with its input in BYTES layout or not) can run on c; ST_COP_OK if so. */
st_cop_status_t st_cop_layer_check(const st_cop_t *c, const st_layer_t *l, int input_is_bytes);

/** 1 if layer l would run in MODE.BYTES on c (an unsigned BYTES input and CAPS.BYTES), else 0. */
int st_cop_bytes_mode(const st_cop_t *c, const st_layer_t *l, int input_is_bytes);

/** 32-bit words of scratch st_cop_conv_acc_rows() needs for layer l (the gathered window of one pixel;
 *  enough for either form, MODE.BYTES or bit planes, so it does not depend on the coprocessor). */
uint32_t st_cop_scratch_words(const st_layer_t *l, int input_is_bytes);

/** Scratch words with which the bit-plane form builds each pixel's operations once, as a program it replays
 *  for every tile (with less, down to st_cop_scratch_words(), it issues them from the window for every
 *  tile: slower, the same result). */
uint32_t st_cop_scratch_words_whole(const st_layer_t *l, int input_is_bytes);

/**
 * Accumulators of output rows y0 <= y < y1 of a CONV / DENSE layer, computed on the coprocessor:
 * the same values as st_conv_acc_bitplane_rows(l, input_is_bytes, in_packed, w_packed, y0, y1, acc).
 * @param w_packed  the layer's weights from st_pack_weights(l, input_is_bytes, ...)
 * @param scratch   at least st_cop_scratch_words(l, input_is_bytes) words (any alignment of uint32_t);
 *                  st_cop_scratch_words_whole(l, input_is_bytes) words or more are faster
 * @return ST_COP_OK, or an error before anything is written to acc or to the coprocessor
 */
st_cop_status_t st_cop_conv_acc_rows(st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                     const uint32_t *in_packed, const uint32_t *w_packed, uint32_t y0, uint32_t y1,
                                     int32_t *acc, uint32_t *scratch, uint32_t scratch_words);

/**
 * Whether the codes of layer l can come from c's threshold unit: CAPS.THR, NumPe <= 8, a thresholded
 * CONV / DENSE layer (1..4-bit output) without a residual, every s = -1 record's thresholds above
 * INT32_MIN + 1 (the unit stores 1 - T for them), and the weights of a tile with its record fit the PE
 * memory. ST_COP_OK if so, else ST_COP_ERR_CODES (or st_cop_layer_check's status).
 */
st_cop_status_t st_cop_codes_check(const st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                   const uint32_t *params);

/**
 * Output rows y0 <= y < y1 of a thresholded CONV / DENSE layer, codes and all, computed on the coprocessor
 * with its threshold unit: the same words as st_conv_acc_bitplane_rows() followed by
 * st_finish_packed_rows(l, params, acc, NULL, 0, NULL, y0, y1, out_packed), written at the rows' place in
 * out_packed (the whole output tensor, PLANES layout).
 * @param params  the layer's parameter records (numerics.md §7.5)
 * @return ST_COP_OK, or an error (st_cop_codes_check, ST_COP_ERR_SCRATCH) before anything is written to
 *         out_packed or to the coprocessor
 */
st_cop_status_t st_cop_conv_codes_rows(st_cop_t *c, const st_layer_t *l, int input_is_bytes,
                                       const uint32_t *in_packed, const uint32_t *w_packed, const uint32_t *params,
                                       uint32_t y0, uint32_t y1, uint32_t *out_packed, uint32_t *scratch,
                                       uint32_t scratch_words);

/** A short English description of a status. */
const char *st_cop_strerror(st_cop_status_t s);

#endif /* ST_COP_H */
