/* SPDX-License-Identifier: Apache-2.0 */
/* test_blob.c - checks a binary image written by `stc compile -o X.bin` (docs/driver.md §5.2) against its
 * documented layout and against the C source `stc compile -o X.c` wrote for the same model and options:
 * header fields, CRC-32, the layer table, a chain that ends with LAST exactly at its last record and uses
 * only addresses inside the arena, and initialised words identical to the C source's arena.
 *   test_blob IMAGE.bin IMAGE.c     ends with "blob: N passed, N failed" */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_desc.h"
#include "st_model.h"

static unsigned g_pass, g_fail;

static void check(int ok, const char *what)
{
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s\n", what);
    }
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;
    long len;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "test_blob: cannot read %s\n", path);
        exit(2);
    }
    b = (uint8_t *)malloc((size_t)len + 1u);
    if (b == NULL || fread(b, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "test_blob: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    b[len] = 0;
    *n = (size_t)len;
    return b;
}

static uint32_t w32(const uint8_t *b, size_t i)
{
    return (uint32_t)b[4 * i] | ((uint32_t)b[4 * i + 1] << 8) | ((uint32_t)b[4 * i + 2] << 16) |
           ((uint32_t)b[4 * i + 3] << 24);
}

int main(int argc, char **argv)
{
    size_t n, csize;
    uint8_t *b, *c;
    uint32_t nw, base, arena, init, L, nd, doff, i, body, arena_end;
    const char *p;

    if (argc != 3) {
        fprintf(stderr, "usage: test_blob IMAGE.bin IMAGE.c\n");
        return 2;
    }
    b = slurp(argv[1], &n);
    c = slurp(argv[2], &csize);
    nw = (uint32_t)(n / 4u);
    check(n % 4u == 0u && nw >= 21u, "file is whole words and holds a header");
    if (g_fail != 0u) {
        printf("blob: %u passed, %u failed\n", g_pass, g_fail);
        return 1;
    }
    check(w32(b, 0) == 0x4D495453u, "magic STIM");
    check(w32(b, 1) == 1u, "version 1");
    check(w32(b, 2) == 20u, "header words 20");
    check(w32(b, 3) == n, "file size field equals the file size");
    check(w32(b, nw - 1u) == st_crc32(0u, b, n - 4u), "CRC-32 of everything before it");
    base = w32(b, 4);
    arena = w32(b, 5);
    init = w32(b, 6);
    L = w32(b, 10);
    nd = w32(b, 11);
    doff = w32(b, 12);
    body = 20u + 4u * L;
    arena_end = base + 4u * arena;
    check((base & 3u) == 0u && arena_end <= 0x20000u, "arena word aligned and inside the 128 KiB RAM");
    check(init <= arena, "initialised words within the arena");
    check(nw == body + init + 1u, "size = header + layer table + initialised words + CRC");
    check(L >= 1u && L <= ST_MAX_LAYERS && nd >= 1u && nd <= L, "layer and descriptor counts");
    check(doff % 4u == 0u && doff + nd * ST_DESC_BYTES <= 4u * init, "chain inside the initialised words");
    check(w32(b, 13) + 4u * w32(b, 14) <= 4u * arena, "input tensor inside the arena");
    check(w32(b, 15) + 4u * w32(b, 16) <= 4u * arena, "output tensor inside the arena");
    check(w32(b, 7) != 0u && w32(b, 8) != 0u, "CAPS recorded");
    /* the layer table */
    for (i = 0; i < L; i++) {
        const uint32_t d = w32(b, 20u + 4u * i) & 0xFFFFu, type = (w32(b, 20u + 4u * i) >> 16) & 0xFFu;
        const uint32_t off = w32(b, 21u + 4u * i), words = w32(b, 22u + 4u * i);
        check(type >= 1u && type <= 4u, "layer type 1..4");
        check(d == 0xFFFFu ? words == 0u : (d < nd && off + 4u * words <= 4u * arena), "layer descriptor and buffer");
    }
    check(w32(b, 21u + 4u * (L - 1u)) == w32(b, 15), "the last layer's buffer is the output");
    /* the chain: valid opcodes, LAST only on the last record, every used address inside the arena */
    for (i = 0; i < nd && g_fail == 0u; i++) {
        const size_t r = body + doff / 4u + i * ST_DESC_WORDS;
        const uint32_t op = w32(b, r), opc = op & ST_DESC_OP_OPCODE_Msk;
        const uint32_t last = (op & ST_DESC_F_LAST) != 0u;
        uint32_t f;
        check(opc >= ST_DESC_OPC_CONV && opc <= ST_DESC_OPC_GSUM, "descriptor opcode");
        check(last == (i + 1u == nd), "LAST exactly on the last descriptor");
        for (f = ST_DESC_IN_ADDR; f <= ST_DESC_RES_ADDR; f++) {
            const uint32_t a = w32(b, r + f);
            const int used = f <= ST_DESC_OUT_ADDR || (opc == ST_DESC_OPC_CONV && f <= ST_DESC_P_ADDR) ||
                             (f == ST_DESC_RES_ADDR && (op & ST_DESC_F_RES) != 0u);
            if (used) {
                check(a >= base && a < arena_end && (a & 3u) == 0u, "descriptor address inside the arena");
            }
        }
    }
    /* the C source's arena initialiser holds the same words */
    p = strstr((const char *)c, "static uint32_t arena[");
    check(p != NULL, "the C source defines the arena");
    if (p != NULL) {
        unsigned long words = strtoul(p + strlen("static uint32_t arena["), NULL, 10);
        uint32_t k = 0, same = 1;
        check(words == arena, "C arena size equals the blob's");
        p = strchr(p, '{');
        while (p != NULL && *p != '\0' && *p != '}') {
            p++;
            while (*p == ' ' || *p == '\n') {
                p++;
            }
            if (*p == '}') {
                break;
            }
            if (k >= init || strtoul(p, NULL, 16) != w32(b, body + k)) {
                same = 0;
                break;
            }
            k++;
            p = strchr(p, ',');
        }
        check(same && k == init, "C arena initialiser equals the blob's initialised words");
    }
    printf("blob: %u passed, %u failed\n", g_pass, g_fail);
    free(b);
    free(c);
    return g_fail == 0u ? 0 : 1;
}
