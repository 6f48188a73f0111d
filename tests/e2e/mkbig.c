/* SPDX-License-Identifier: Apache-2.0 */
/* mkbig.c - writes a valid model that is too large for the SoC's RAM (tests of stc compile's budget check):
 * an S x S x 3 8-bit input, CONV 3x3 -> 64 channels of 2-bit codes (an S*S*16-byte activation tensor),
 * GSUM, DENSE -> 10 classes. The golden model accepts it; only the RAM rejects it: S = 72 fits the SoC's
 * 128 KiB but not the default budget, S = 96 does not fit the RAM at all.
 * With S = "wide": a 16x16x32 input and a 7x7 first layer, whose BYTES window (ceil(7*7*32/32) = 49 weight
 * words) exceeds the accelerator's first-layer buffer (CAPS3.BYTES_KWORDS).
 *   mkbig OUT.stm S|wide */
#include <stdio.h>

#include "model_build.h"

int main(int argc, char **argv)
{
    mb_t b;
    uint8_t *buf;
    size_t size;
    FILE *f;

    unsigned long side = 0;
    const int wide = argc == 3 && strcmp(argv[2], "wide") == 0;
    if (argc != 3 || (!wide && ((side = strtoul(argv[2], NULL, 10)) < 8ul || side > 200ul))) {
        fprintf(stderr, "usage: mkbig OUT.stm SIDE (8..200) | wide\n");
        return 2;
    }
    if (wide) {
        mb_init(&b, 16, 16, 32, 8, 0, 10, 7u);
        snprintf(b.m.name, sizeof b.m.name, "wide-first-window");
        mb_layer(&b, ST_LAYER_CONV, 7, 7, 1, 3, 2, 2, 0, 8, -1, 0);
    } else {
        mb_init(&b, (uint16_t)side, (uint16_t)side, 3, 8, 0, 10, 7u);
        snprintf(b.m.name, sizeof b.m.name, "too-big-for-ram");
        mb_layer(&b, ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 64, -1, 0);
    }
    mb_layer(&b, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 32, -1, MB_NOBLOB);
    mb_layer(&b, ST_LAYER_DENSE, 0, 0, 0, 0, 8, 0, 0, 10, -1, MB_BIAS);
    buf = mb_write(&b, &size);
    if (buf == NULL) {
        fprintf(stderr, "mkbig: cannot build the model\n");
        mb_free(&b);
        return 1;
    }
    f = fopen(argv[1], "wb");
    if (f == NULL || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "mkbig: cannot write %s\n", argv[1]);
        free(buf);
        mb_free(&b);
        return 3;
    }
    free(buf);
    mb_free(&b);
    return 0;
}
