/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_app.h
 * @brief Code shared by the applications infer, swref and selftest: the compiled image (relocation, inputs,
 *        buffers), CRC-32 checks against the host golden model, and the software (CPU) path of every layer
 *        with the golden model's bit-plane form on the image's pre-packed weights.
 *
 * Machine-readable result lines start with '@' (`@sample`, `@layer`, `@summary` ...); tests/e2e and
 * tools/bench parse them, people read the rest.
 */
#ifndef ST_APP_H
#define ST_APP_H

#include <stdint.h>

#include "st_accel.h"
#include "st_app_image.h"
#include "st_cop.h"

/** Exit codes of the applications (the simulator's exit status). */
#define ST_APP_EXIT_OK 0        /**< every check passed */
#define ST_APP_EXIT_MISMATCH 1  /**< an output differs from the host golden model */
#define ST_APP_EXIT_IMAGE 2     /**< the image is unusable (probe / CAPS mismatch, relocation failed, no samples) */
#define ST_APP_EXIT_ACCEL 3     /**< the driver returned an error (a hardware error code, a timeout ...) */

/** Int32 accumulators of one band of output rows in the software path (8 KiB). */
#define ST_APP_ACC_WORDS 2048u
/** Output words of one band when the CPU's result is compared with the hardware's (4 KiB). */
#define ST_APP_BAND_WORDS 1024u
/** Decoded weights of a BYTES-input (first) layer for the bytes-MAC form (2 KiB; larger layers take the
 * bit-plane form). */
#define ST_APP_WDEC_ENTRIES 1024u

/**
 * Relocate the image's descriptor chain to where the linker put the arena (once; later calls do nothing).
 * @return 0, or -1 if the chain is malformed (printed)
 */
int st_app_prepare(const st_app_image_t *img);

/** Host pointer of an arena offset. */
uint32_t *st_app_ptr(const st_app_image_t *img, uint32_t off);

/** Bus address of an arena offset (the CPU and the accelerator see RAM at the same addresses). */
uint32_t st_app_addr(const st_app_image_t *img, uint32_t off);

/** Copy sample s (packed at compile time) into tensor 0. */
void st_app_load_input(const st_app_image_t *img, uint32_t s);

/** CRC-32 (zlib polynomial, as st_crc32()) of n words stored little-endian; table-driven. */
uint32_t st_app_crc_words(const uint32_t *w, uint32_t n);

/** Check the table-driven CRC against the reference value of "123456789". @return 0 if right */
int st_app_crc_selfcheck(void);

/** Name of class c of the image. */
const char *st_app_class_name(const st_app_image_t *img, uint32_t c);

/**
 * Compare the outputs left in the arena after sample s with the host golden model: the output scores
 * word by word, and the CRC-32 of every checkable layer. Prints `@layer` lines (verbose) and one line per
 * mismatch (layer, CRC expected / actual; scores: class, expected, actual).
 * @param checked  receives the number of layer outputs compared
 * @param first_bad receives the first layer whose CRC differs, or -1
 * @return the number of mismatches (0: bit-exact)
 */
uint32_t st_app_check_outputs(const st_app_image_t *img, uint32_t s, int verbose, uint32_t *checked, int *first_bad);

/** Argmax of the output scores in the arena (lowest index wins a tie). */
uint32_t st_app_predicted(const st_app_image_t *img);

/**
 * Run layer i on the CPU (golden bit-plane form, pre-packed weights and parameters from the arena), reading
 * `in` and writing `out` (both in the layouts the accelerator uses). CONV / DENSE layers run in bands of
 * output rows so that the accumulators fit ST_APP_ACC_WORDS.
 * @return 0, or -1 if one output row needs more than ST_APP_ACC_WORDS accumulators (printed)
 */
int st_app_sw_layer(const st_app_image_t *img, uint32_t i, const uint32_t *in, uint32_t *out);

/**
 * Layer i of st_app_sw_net(): reads and writes the arena buffers the chain uses (a fused GSUM's output and
 * the next layer's input: the small scratch buffer). Layers must run in order.
 * @return 0 or -1 (as st_app_sw_layer)
 */
int st_app_sw_net_layer(const st_app_image_t *img, uint32_t i);

/**
 * Run the whole network on the CPU on the input in tensor 0, writing the same buffers the chain writes.
 * A GSUM fused into the next layer on the accelerator runs as a separate GSUM into a small scratch buffer.
 * @return 0 or -1 (as st_app_sw_layer)
 */
int st_app_sw_net(const st_app_image_t *img);

/** Another place for the software path's CONV / DENSE accumulators (the coprocessor: st_app_use_cop). */
typedef struct {
    /** whether it computes layer al */
    int (*takes)(const st_app_layer_t *al);
    /** accumulators of output rows y0..y1-1 of layer al from its input `in`, as
     *  st_conv_acc_bitplane_rows() gives them; 0, or -1 to leave the rows to the CPU */
    int (*rows)(const st_app_image_t *img, const st_app_layer_t *al, const uint32_t *in, uint32_t y0, uint32_t y1,
                int32_t *acc);
    /** the whole output of a thresholded layer al without a residual, codes and all, into `out` as
     *  st_finish_packed() writes it; 0, or -1 (nothing written) to leave it to rows() and the CPU's
     *  threshold unit. NULL: never */
    int (*codes)(const st_app_image_t *img, const st_app_layer_t *al, const uint32_t *in, uint32_t *out);
} st_app_acc_hook_t;

/** Let st_app_sw_layer() (and everything built on it) take accumulators from hook (NULL: the CPU alone). */
void st_app_set_acc_hook(const st_app_acc_hook_t *hook);

/** Layers of the last st_app_sw_net() whose accumulators came from the hook. */
uint32_t st_app_hook_layers(void);

/* ---- the coprocessor (st_app_cop.c) ---------------------------------------------------------------- */

/**
 * Probe the ST coprocessor (rtl/cop, the UP5K build's accelerator) at ST_COP_BASE. A SoC built without it
 * answers the ID read with a bus error: that is caught (an exception hook for the one read) and reported
 * as absent, not as a crash.
 * @return ST_COP_OK, ST_COP_ERR_ID when there is no coprocessor, or the probe's error
 */
st_cop_status_t st_app_cop_probe(st_cop_t *c);

/**
 * Let the software path compute CONV / DENSE accumulators on coprocessor c (NULL: on the CPU alone). A
 * layer the coprocessor cannot take (st_cop_layer_check), and a first layer that the CPU's bytes-MAC
 * form computes faster, stay on the CPU; thresholds, residuals, pooling and the output layer always run
 * on the CPU.
 */
void st_app_use_cop(st_cop_t *c);

/**
 * Compare layer i's output as the hardware left it (`hw_out`) with the CPU's computation from `in`, band
 * by band, without a second full-size buffer. Prints the first differing word: layer, word index,
 * expected (software), actual (hardware).
 * @param in  the layer's input (for a layer whose GSUM was fused in: the GSUM's input)
 * @return the number of differing words, or -1 if the layer cannot be computed (printed)
 */
int32_t st_app_sw_compare(const st_app_image_t *img, uint32_t i, const uint32_t *in, const uint32_t *hw_out);

/** Probe the accelerator for this image (CAPS must match what it was compiled for); prints a failure. */
st_accel_status_t st_app_probe(st_accel_t *h, const st_app_image_t *img);

/**
 * A generous time limit for one chain of the image, in cycles: 64 per MAC (an 8-bit x 8-bit MAC is 64
 * bit-MACs; the array does PE x SIMD of them per cycle when busy) plus 10^6, at most 2^32 - 1.
 */
uint32_t st_app_time_limit(const st_app_image_t *img);

/**
 * s / n rounded down (n >= 1, n < 2^31, the result below 2^32): the mean of 32-bit per-sample counts summed in
 * 64 bits, bit by bit, so that an application does not link libgcc's 64-bit division (about 1 KiB of the
 * 32 KiB code region).
 */
uint32_t st_app_mean(uint64_t s, uint32_t n);

/** A cycle-counter clock for the driver's timeouts. */
uint32_t st_app_clock(void);

/** Print "name (code): description" of a driver status. */
void st_app_print_status(const char *what, st_accel_status_t s, const st_accel_t *h);

#endif /* ST_APP_H */
