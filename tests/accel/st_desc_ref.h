/* SPDX-License-Identifier: Apache-2.0 */
/* st_desc_ref.h - a descriptor-level reference of the accelerator: walks a descriptor chain in a RAM
 * image exactly as docs/accelerator.md §2 specifies (the checks of §2.5 in their order, then the layer
 * computed with the golden model's bit-plane functions on the packed buffers) and writes the outputs into
 * the same RAM image.
 *
 * Uses: proves the image builder (tools/compile) right without any RTL, predicts the error code and
 * failing index of crafted or random malformed descriptors for the directed tests, and gives the expected
 * useful bit-MAC count of a chain. Host test code. */
#ifndef ST_DESC_REF_H
#define ST_DESC_REF_H

#include <stdint.h>

#include "st_desc.h"

/** The hardware parameters the checks depend on. */
typedef struct {
    uint32_t ram_base, ram_size;
    uint32_t pe, simd;
    uint32_t wbuf_words; /**< CAPS1.WBUF_WORDS: all PEs together */
    uint32_t pbuf_words; /**< CAPS1.PBUF_WORDS */
    uint32_t bytes_kwords; /**< CAPS3.BYTES_KWORDS: largest BYTES kernel window in weight words */
} st_ref_hw_t;

typedef struct {
    uint32_t err;        /**< ST_ACCEL_ERR_* of the chain (0: ran to LAST) */
    uint32_t err_desc;   /**< index of the failing record */
    uint32_t layers;     /**< records completed (PERF_LAYERS) */
    uint64_t bitmacs;    /**< useful bit-MACs of the completed records (valid taps x in_c x out_c x n x m) */
    uint64_t perf_macs;  /**< the bit-MACs the array executes (PERF_MACS): bitmacs less the plane pairs that a
                              unipolar BYTES layer skips (st_ref_perf_macs) */
} st_ref_result_t;

/** Check one unpacked record as the hardware does (§2.5); returns ST_ACCEL_ERR_* (0 = accepted). */
uint32_t st_ref_check(const st_desc_t *d, const st_ref_hw_t *hw);

/**
 * Run the chain at desc_ptr in ram (ram[0] is bus address hw->ram_base) and write its outputs there.
 * max_records bounds the walk (a chain without LAST).
 */
void st_ref_run(uint8_t *ram, const st_ref_hw_t *hw, uint32_t desc_ptr, uint32_t max_records, st_ref_result_t *res);

/** Useful bit-MACs of one CONV record: valid taps x in_c x out_c x in_bits x w_bits (0 for pools). */
uint64_t st_ref_bitmacs(const st_desc_t *d);

/**
 * Plane pairs a unipolar BYTES pixel-tile issues (docs/accelerator.md §5): the pairs (i, j) run from the top
 * significance s = i + j down; when the window's highest non-zero activation plane is hp - 1 the tile
 * starts at the last pair of s = (hp - 1) + (m - 1), which is (hp - 1, m - 1), since every pair before it
 * multiplies an all-zero plane; an all-zero window (hp = 0) issues only the last pair (0, 0).
 * @param n   activation planes (in_bits)
 * @param m   weight planes (w_bits)
 * @param hp  highest non-zero plane of the window + 1 (0..n)
 */
uint32_t st_ref_bytes_pairs(uint32_t n, uint32_t m, uint32_t hp);

/**
 * The bit-MACs the array executes for one record, what PERF_MACS counts: st_ref_bitmacs, except that a
 * unipolar BYTES CONV counts per output pixel only the plane pairs it issues (st_ref_bytes_pairs of the OR
 * of the window's valid bytes, masked to in_bits); bipolar BYTES and PLANES inputs never skip.
 * @param in  the record's input buffer (the bytes at in_addr); read only for a BYTES CONV
 */
uint64_t st_ref_perf_macs(const st_desc_t *d, const uint8_t *in);

#endif /* ST_DESC_REF_H */
