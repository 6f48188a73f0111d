/* SPDX-License-Identifier: Apache-2.0 */
/* st_model_write.h - host-side writer of model files (.stm) and sample files (.sti). */
#ifndef ST_MODEL_WRITE_H
#define ST_MODEL_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "st_model.h"

/**
 * Serialize an in-memory model into the file format of docs/model-format.md.
 *
 * The writer is deliberately faithful rather than validating: it writes what it is given (so tests can
 * build broken files), and the parser is the judge; parse the result to validate it. The layer's in / out
 * tensors must be filled (st_model_infer_shapes()). A blob is written iff its pointer is non-NULL, with the
 * size the format requires for that layer; flags bit 1 is set iff bias != NULL, bit 2 iff res_src >= 0.
 * DENSE layers are written with kh = kw = stride = pad = 0. Blobs go in layer order (weights, thresholds,
 * signs, res_mult, bias), each at a 4-byte aligned offset, gaps zero-filled; the CRC is computed last.
 *
 * @param m         the model; class_names may be NULL (empty names)
 * @param buf       destination, or NULL to compute the size only
 * @param cap       bytes available at buf
 * @param size_out  receives the file size (also when buf is NULL)
 * @return ST_OK, ST_ERR_ARG (NULL model, n_layers out of 1..64, buffer too small) or ST_ERR_OVERFLOW
 *         (the file would exceed 4 GiB)
 */
st_status_t st_model_write(const st_model_t *m, void *buf, size_t cap, size_t *size_out);

/** Recompute the header CRC-32 of a model file in place (after a test patched it). */
void st_model_fix_crc(void *buf, size_t size);

/**
 * Write a sample file (.sti, docs/model-format.md §6).
 * @param inputs    count records of h*w*c NHWC codes, back to back
 * @param labels    count labels
 * @param buf       destination, or NULL to compute the size only
 * @return ST_OK or ST_ERR_ARG (zero dimension or count, buffer too small)
 */
st_status_t st_samples_write(uint16_t h, uint16_t w, uint16_t c, uint16_t count, const uint8_t *inputs,
                             const uint8_t *labels, void *buf, size_t cap, size_t *size_out);

/** Little-endian stores, shared with the tests that patch files. */
void st_st16(uint8_t *p, uint32_t v);
void st_st32(uint8_t *p, uint32_t v);

#endif /* ST_MODEL_WRITE_H */
