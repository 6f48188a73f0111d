/* SPDX-License-Identifier: Apache-2.0 */
/* st_randnet.h - random layers and layer chains for the accelerator sweeps, with the golden model's
 * expected output of every layer (plain multiply-accumulate form, numerics.md §3-§5).
 *
 * Host test code: the arrays live in a caller-provided pool (no malloc), and every choice comes from one
 * st_rng_t, so a seed reproduces a network exactly. */
#ifndef ST_RANDNET_H
#define ST_RANDNET_H

#include <stddef.h>
#include <stdint.h>

#include "st_golden.h"
#include "st_rng.h"

#define ST_RAND_MAX_LAYERS 8u

/** Bump allocator over a caller buffer; st_pool_reset() frees everything at once. */
typedef struct {
    uint8_t *base;
    size_t size;
    size_t used;
} st_pool_t;

void st_pool_init(st_pool_t *p, void *buf, size_t size);
void st_pool_reset(st_pool_t *p);
/** 8-byte aligned, zeroed; NULL when the pool is exhausted. */
void *st_pool_alloc(st_pool_t *p, size_t bytes);

/** What the hardware accepts and how big the generator may go (filled from the CAPS registers and the
 *  accelerator documentation by the caller). */
typedef struct {
    uint32_t pe, simd;        /**< array geometry: channel counts avoid multiples of these */
    uint32_t abits_mask;      /**< CAPS0.ABITS: hidden activation widths (bit n-1 = n bits) */
    uint32_t wbits_mask;      /**< CAPS0.WBITS: weight widths (bit 0 = bipolar, bit m-1 = m bits) */
    uint32_t bytes_max_bits;  /**< BYTES (network input) code widths 1..this; 0 = no BYTES input */
    int bytes_bipolar;        /**< a 1-bit BYTES input may be bipolar */
    uint32_t max_in_planes;   /**< widest PLANES input of a CONV / DENSE (4; up to 16 reads a GSUM output) */
    int gsum;                 /**< GSUM layers may be generated */
    int maxpool;              /**< MAXPOOL layers may be generated */
    int residual;             /**< residual adds may be generated */
    int res_bipolar;          /**< a residual source may be a bipolar tensor */
    uint64_t max_bitmacs;     /**< per-layer budget of useful bit-MACs (keeps the simulation short) */
    uint32_t max_tensor_words;/**< largest activation tensor in RAM words */
    uint32_t max_wtile_words; /**< largest w_bits * KWORDS (one channel's weights, what one PE holds per
                                   tile: CAPS1.WBUF_WORDS / PE); 0 = no limit */
    uint32_t bytes_kwords;    /**< CAPS3.BYTES_KWORDS: a BYTES input's ceil(kh*kw*c/32) (0 = no limit) */
    uint32_t pbuf_words;      /**< CAPS1.PBUF_WORDS: PE records of 2^out_bits words must fit (0 = no limit) */
    uint32_t max_channels;    /**< largest channel count */
    uint32_t max_spatial;     /**< largest H or W */
    int force_enc;            /**< st_rand_layer: a CONV / DENSE reads this ST_RAND_ENC_* input (-1: random) */
    uint32_t force_wbits;     /**< st_rand_layer: a CONV / DENSE has these weight bits (0: random) */
} st_rand_limits_t;

/** Input encodings of a CONV / DENSE (coverage rows): PLANES bipolar, PLANES 1..4 bits, PLANES wider (a
 *  GSUM output), BYTES 1..8 bits, BYTES bipolar. */
enum {
    ST_RAND_ENC_BIP = 0,
    ST_RAND_ENC_WIDE = 5,
    ST_RAND_ENC_BYTES1 = 6,
    ST_RAND_ENC_BYTES_BIP = 14,
    ST_RAND_ENC_ROWS = 15
};

/** The coverage row of an input tensor (bytes: it is in BYTES layout). */
uint32_t st_rand_enc_row(const st_tensor_t *t, int bytes);

/** A random chain of layers: tensor 0 is the input, tensor t + 1 the output of layer t. */
typedef struct {
    uint32_t n_layers;
    int input_is_bytes;                          /**< tensor 0 in BYTES layout (else PLANES) */
    st_tensor_t t[ST_RAND_MAX_LAYERS + 1u];
    st_layer_t l[ST_RAND_MAX_LAYERS];
    uint16_t *codes[ST_RAND_MAX_LAYERS + 1u];    /**< canonical NHWC codes; NULL for an int32 tensor */
    int32_t *ints[ST_RAND_MAX_LAYERS + 1u];      /**< int32 output-layer results; NULL for codes */
    uint32_t tie_count[ST_RAND_MAX_LAYERS];      /**< outputs whose pre-threshold value equals a threshold */
} st_rand_net_t;

/** Sensible limits for a PE x SIMD array supporting everything in numerics.md. */
void st_rand_limits_default(st_rand_limits_t *lim, uint32_t pe, uint32_t simd);

/**
 * One random layer (CONV, DENSE, MAXPOOL or GSUM, any supported encoding pair, optional residual on its
 * own input) with a random input and its golden output.
 * @return ST_OK, or ST_ERR_ARG when the pool is too small
 */
st_status_t st_rand_layer(st_rng_t *rng, const st_rand_limits_t *lim, st_pool_t *pool, st_rand_net_t *net);

/**
 * A random chain of n_layers (2..ST_RAND_MAX_LAYERS) layers: shapes chain, residual links to earlier
 * tensors of the same shape, pools and global sums where they fit; the last layer may be an output layer.
 * @return ST_OK, or ST_ERR_ARG when the pool is too small
 */
st_status_t st_rand_chain(st_rng_t *rng, const st_rand_limits_t *lim, uint32_t n_layers, st_pool_t *pool,
                          st_rand_net_t *net);

/**
 * A single layer of a given geometry with random contents (input codes, weights, signs, thresholds picked
 * as in st_rand_layer, bias) and its golden output: for benchmarks of representative layers.
 * @param shape     type, kernel, stride, pad, w_bits, out_bits, out_bipolar, in and out tensors; res_src -1
 * @param in_bytes  the input is in BYTES layout
 * @return ST_OK, ST_ERR_ARG when the pool is too small, or the golden check's error for a bad shape
 */
st_status_t st_rand_fixed_layer(st_rng_t *rng, st_pool_t *pool, const st_layer_t *shape, int in_bytes,
                                st_rand_net_t *net);

/** st_rand_fixed_layer with the given input codes (NHWC, shape->in's element count; NULL: random codes as
 *  st_rand_layer draws them): the weights and thresholds are drawn for those codes. */
st_status_t st_rand_fixed_layer_codes(st_rng_t *rng, st_pool_t *pool, const st_layer_t *shape, int in_bytes,
                                      const uint16_t *codes, st_rand_net_t *net);

/** One-line description of layer i ("CONV 7x5x37 a3 w4 k3x2 s2 p1 -> 4x3x19 n2 res=t0"). */
void st_rand_layer_desc(const st_rand_net_t *net, uint32_t i, char *buf, size_t size);

/** Useful bit-MACs of a layer: valid taps x output channels x activation planes x weight planes
 *  (0 for pools). The quantity PERF_MACS is compared with where the RTL defines it the same way. */
uint64_t st_rand_layer_bitmacs(const st_layer_t *l);

#endif /* ST_RANDNET_H */
