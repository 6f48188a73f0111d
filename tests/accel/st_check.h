/* SPDX-License-Identifier: Apache-2.0 */
/* st_check.h - compare a tensor the accelerator (or the descriptor reference) wrote into RAM with the
 * golden model's expected tensor, element by element, and report mismatches with their position. */
#ifndef ST_CHECK_H
#define ST_CHECK_H

#include <stdint.h>

#include "st_model.h"

/**
 * Unpack the RAM words of tensor t (PLANES, or INT32 when t->is_int32) and compare them with the expected
 * codes (or ints). Prints up to max_print mismatches as
 *   "<ctx>: tensor T (y,x,c)=(..): expected E, actual A"
 * and, for PLANES, also checks that the channel-padding bits of every word are 0.
 * @return the number of mismatching elements (padding errors count as one each)
 */
uint32_t st_check_tensor(const char *ctx, uint32_t tensor, const st_tensor_t *t, const uint32_t *ram_words,
                         const uint16_t *codes, const int32_t *ints, uint32_t max_print);

#endif /* ST_CHECK_H */
