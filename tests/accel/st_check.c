/* SPDX-License-Identifier: Apache-2.0 */
/* st_check.c - element-wise comparison of RAM tensors with the golden expectation (see st_check.h). */
#include "st_check.h"

#include <stdio.h>
#include <stdlib.h>

#include "st_golden.h"

uint32_t st_check_tensor(const char *ctx, uint32_t tensor, const st_tensor_t *t, const uint32_t *ram_words,
                         const uint16_t *codes, const int32_t *ints, uint32_t max_print)
{
    uint32_t n = (uint32_t)t->h * t->w * t->c;
    uint32_t bad = 0;
    if (t->is_int32) {
        for (uint32_t i = 0; i < n; i++) {
            int32_t a = (int32_t)ram_words[i];
            if (a != ints[i]) {
                if (bad++ < max_print) {
                    uint32_t c = i % t->c, p = i / t->c;
                    printf("%s: tensor %u (y,x,c)=(%u,%u,%u): expected %ld, actual %ld\n", ctx, (unsigned)tensor,
                           (unsigned)(p / t->w), (unsigned)(p % t->w), (unsigned)c, (long)ints[i], (long)a);
                }
            }
        }
        return bad;
    }
    {
        uint16_t *got = (uint16_t *)malloc(sizeof(uint16_t) * (n ? n : 1u));
        uint32_t cw = st_planes_cw(t->c);
        st_unpack_planes(t, ram_words, got);
        for (uint32_t i = 0; i < n; i++) {
            if (got[i] != codes[i]) {
                if (bad++ < max_print) {
                    uint32_t c = i % t->c, p = i / t->c;
                    printf("%s: tensor %u (y,x,c)=(%u,%u,%u): expected %u, actual %u\n", ctx, (unsigned)tensor,
                           (unsigned)(p / t->w), (unsigned)(p % t->w), (unsigned)c, (unsigned)codes[i],
                           (unsigned)got[i]);
                }
            }
        }
        free(got);
        /* padding channels c >= C of the last word of each plane hold 0 (numerics.md §7.1) */
        if (t->c % 32u != 0u) {
            uint32_t pad_mask = ~((1u << (t->c % 32u)) - 1u);
            for (uint32_t w = cw - 1u; w < (uint32_t)t->h * t->w * t->bits * cw; w += cw) {
                if ((ram_words[w] & pad_mask) != 0u) {
                    if (bad++ < max_print) {
                        printf("%s: tensor %u word %u: channel-padding bits set (0x%08x)\n", ctx, (unsigned)tensor,
                               (unsigned)w, (unsigned)ram_words[w]);
                    }
                }
            }
        }
    }
    return bad;
}
