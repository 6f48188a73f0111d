/* SPDX-License-Identifier: Apache-2.0 */
/* test_model_parse.c - suite model-parse: every parser error code on the field that triggers it (exact status,
 * layer and a message naming the field), round trips through the writer, sample files, and a seeded run of
 * random mutations (SEED=n to reproduce). Every buffer handed to the parser is a fresh malloc of exactly the
 * file's size, so an AddressSanitizer build (suite model-asan) catches any read outside it. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_build.h"
#include "st_model.h"
#include "st_model_write.h"

static int g_pass, g_fail;

static void result(const char *name, int ok, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        g_pass++;
        printf("ok   %s\n", name);
        return;
    }
    g_fail++;
    printf("FAIL %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static uint8_t *dup_buf(const uint8_t *b, size_t n)
{
    uint8_t *p = (uint8_t *)malloc(n ? n : 1);
    if (p == NULL) {
        exit(2);
    }
    if (n) {
        memcpy(p, b, n);
    }
    return p;
}

static uint32_t get32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

/* Parse a private copy of exactly n bytes and check status, failing layer and message contents.
 * layer >= 0 also requires the "layer N (TYPE): " prefix; sub must appear in the message. */
static void expect(const char *name, const uint8_t *buf, size_t n, st_status_t want, int layer, const char *type,
                   const char *sub)
{
    uint8_t *copy = dup_buf(buf, n);
    st_model_t *m = (st_model_t *)malloc(sizeof *m);
    st_diag_t d;
    st_status_t s = st_model_parse(copy, n, m, &d);
    char prefix[64];
    int ok = (s == want) && (d.status == want);

    if (want != ST_OK) {
        ok = ok && d.layer == layer && strstr(d.msg, sub) != NULL;
        if (layer >= 0) {
            snprintf(prefix, sizeof prefix, "layer %d (%s): ", layer, type);
            ok = ok && strncmp(d.msg, prefix, strlen(prefix)) == 0;
        } else {
            ok = ok && strncmp(d.msg, "layer", 5) != 0;
        }
    }
    result(name, ok, "want %s (layer %d, \"%s\"), got %s (layer %d): %s", st_status_str(want), layer, sub,
           st_status_str(s), d.layer, d.msg);
    free(m);
    free(copy);
}

/* ---- the base model: every layer type, every blob kind ----------------------------------------- */

static uint8_t *g_base;
static size_t g_size;
#define NC 3u
#define META 48u
#define REC(i) (48u + 64u + 24u * NC + 64u * (i))
#define DATA (REC(6))
/* record field offsets */
enum { F_TYPE = 0, F_KH, F_KW, F_STRIDE, F_PAD, F_WB, F_OB, F_FLAGS, F_INH = 8, F_INW = 10, F_INC = 12,
       F_OUTH = 14, F_OUTW = 16, F_OUTC = 18, F_RES = 20, F_RSV = 22, F_WOFF = 24, F_WSIZE = 28, F_TOFF = 32,
       F_TSIZE = 36, F_SOFF = 40, F_SSIZE = 44, F_MOFF = 48, F_MSIZE = 52, F_BOFF = 56, F_BSIZE = 60 };

static void build_base(mb_t *b, uint32_t seed)
{
    mb_init(b, 8, 8, 1, 8, 0, NC, seed);
    mb_layer(b, ST_LAYER_CONV, 3, 3, 1, 1, 3, 2, 0, 4, -1, 0);  /* L0: 8-bit input, 3-bit weights, 2-bit out */
    mb_layer(b, ST_LAYER_CONV, 3, 3, 1, 1, 1, 1, 1, 4, 1, 0);   /* L1: bipolar w/out, residual from tensor 1 */
    mb_layer(b, ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 0, -1, 0);
    mb_layer(b, ST_LAYER_CONV, 1, 1, 1, 0, 2, 3, 0, 4, 3, 0);   /* L3: residual from its own input */
    mb_layer(b, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
    mb_layer(b, ST_LAYER_DENSE, 0, 0, 0, 0, 8, 0, 0, NC, -1, MB_BIAS);
}

/* copy of the base with a patch applied and the CRC made right again */
static uint8_t *patched(void) { return dup_buf(g_base, g_size); }

static void t8(const char *name, uint32_t off, uint8_t v, st_status_t want, int layer, const char *type,
               const char *sub)
{
    uint8_t *b = patched();
    b[off] = v;
    st_model_fix_crc(b, g_size);
    expect(name, b, g_size, want, layer, type, sub);
    free(b);
}

static void t16(const char *name, uint32_t off, uint32_t v, st_status_t want, int layer, const char *type,
                const char *sub)
{
    uint8_t *b = patched();
    st_st16(b + off, v);
    st_model_fix_crc(b, g_size);
    expect(name, b, g_size, want, layer, type, sub);
    free(b);
}

static void t32(const char *name, uint32_t off, uint32_t v, st_status_t want, int layer, const char *type,
                const char *sub)
{
    uint8_t *b = patched();
    st_st32(b + off, v);
    st_model_fix_crc(b, g_size);
    expect(name, b, g_size, want, layer, type, sub);
    free(b);
}

/* Patch a byte / int32 inside a blob of layer li (blob field offset foff, element index idx). */
static void tblob8(const char *name, uint32_t li, uint32_t foff, uint32_t idx, int8_t v, st_status_t want,
                   const char *type, const char *sub)
{
    uint8_t *b = patched();
    b[DATA + get32(b + REC(li) + foff) + idx] = (uint8_t)v;
    st_model_fix_crc(b, g_size);
    expect(name, b, g_size, want, want == ST_OK ? -1 : (int)li, type, sub);
    free(b);
}

static void tblob32(const char *name, uint32_t li, uint32_t foff, uint32_t idx, int32_t v, st_status_t want,
                    const char *type, const char *sub)
{
    uint8_t *b = patched();
    st_st32(b + DATA + get32(b + REC(li) + foff) + 4u * idx, (uint32_t)v);
    st_model_fix_crc(b, g_size);
    expect(name, b, g_size, want, want == ST_OK ? -1 : (int)li, type, sub);
    free(b);
}

/* ---- groups of tests --------------------------------------------------------------------------- */

static void test_valid(void)
{
    uint8_t *copy = dup_buf(g_base, g_size), *again;
    st_model_t *m = (st_model_t *)calloc(1, sizeof *m);
    st_diag_t d;
    st_status_t s = st_model_parse(copy, g_size, m, &d);
    size_t n2 = 0;
    int ok;

    result("valid-base", s == ST_OK, "%s: %s", st_status_str(s), d.msg);
    if (s != ST_OK) {
        free(copy);
        free(m);
        return;
    }
    ok = m->n_layers == 6 && m->num_classes == NC && strcmp(m->name, "test-model") == 0 &&
         strcmp(m->dataset, "synthetic") == 0 && strcmp(m->class_names + 24, "class1") == 0;
    result("valid-meta", ok, "meta fields differ");
    ok = m->layers[0].out.h == 8 && m->layers[0].out.c == 4 && m->layers[0].out.bits == 2 &&
         m->layers[1].out.bipolar == 1 && m->layers[1].out.bits == 1 && m->layers[2].out.h == 4 &&
         m->layers[2].out.bipolar == 1 && m->layers[3].in.bipolar == 1 && m->layers[3].out.bits == 3 &&
         m->layers[4].out.bits == 7 && m->layers[4].out.h == 1 && m->layers[5].kh == 1 &&
         m->layers[5].kw == 1 && m->layers[5].stride == 1 && m->layers[5].pad == 0 &&
         m->layers[5].out.is_int32 == 1 && m->layers[5].out.bits == 32 && m->layers[5].out.c == NC;
    result("valid-tensors", ok, "computed tensors differ");
    ok = m->layers[0].weights != NULL && m->layers[0].thresholds != NULL && m->layers[0].signs != NULL &&
         m->layers[0].res_mult == NULL && m->layers[0].bias == NULL && m->layers[1].res_mult != NULL &&
         m->layers[1].res_src == 1 && m->layers[2].weights == NULL && m->layers[4].thresholds == NULL &&
         m->layers[5].thresholds == NULL && m->layers[5].signs == NULL && m->layers[5].bias != NULL;
    result("valid-blob-pointers", ok, "blob presence differs");
    ok = st_model_tensor(m, 0) == &m->input && st_model_tensor(m, 6) == &m->layers[5].out &&
         st_model_tensor(m, 7) == NULL && st_model_tensor(NULL, 0) == NULL;
    result("model-tensor", ok, "st_model_tensor");
    /* writing the parsed view gives back the same bytes: the writer and parser agree on every field */
    again = (uint8_t *)malloc(g_size);
    s = st_model_write(m, again, g_size, &n2);
    result("roundtrip-bytes", s == ST_OK && n2 == g_size && memcmp(again, g_base, g_size) == 0,
           "write(parse(file)) differs (status %s, size %zu vs %zu)", st_status_str(s), n2, g_size);
    s = st_model_write(m, again, g_size - 1, &n2);
    result("writer-small-buffer", s == ST_ERR_ARG, "got %s", st_status_str(s));
    free(again);
    free(copy);
    free(m);
}

/* A random valid model of varying shape: CONV, optional MAXPOOL, residual CONV, optional GSUM, DENSE. */
static void build_random(mb_t *b, uint32_t seed)
{
    uint32_t r;
    mb_init(b, 1, 1, 1, 1, 0, 2, seed);
    r = mb_rand(b);
    mb_free(b);
    mb_init(b, (uint16_t)(4 + r % 9), (uint16_t)(4 + (r >> 4) % 9), (uint16_t)(1 + (r >> 8) % 5),
            (uint8_t)(1 + (r >> 12) % 8), 0, (uint16_t)(2 + (r >> 16) % 10), r);
    if (b->m.input.bits == 1 && (r & 0x100000u)) {
        b->m.input.bipolar = 1;
    }
    mb_layer(b, ST_LAYER_CONV, (uint8_t)(1 + (r >> 20) % 3), (uint8_t)(1 + (r >> 22) % 3), 1, 0,
             (uint8_t)(1 + (r >> 24) % 8), (uint8_t)(1 + (r >> 27) % 4), 0, (uint16_t)(1 + (r >> 29)), -1, 0);
    if (b->m.layers[0].out.h >= 2 && b->m.layers[0].out.w >= 2 && (r & 1u)) {
        mb_layer(b, ST_LAYER_MAXPOOL, 2, 2, 1 + (r >> 1) % 2, 0, 0, 0, 0, 0, -1, 0);
    }
    mb_layer(b, ST_LAYER_CONV, 3, 3, 1, 1, (uint8_t)(1 + (r >> 3) % 8), (uint8_t)(1 + (r >> 6) % 4),
             ((r >> 6) % 4) == 0 && ((r >> 30) & 1u), b->m.layers[b->m.n_layers - 1].out.c, (int)b->m.n_layers, 0);
    if ((r >> 9) & 1u && !b->m.layers[b->m.n_layers - 1].out_bipolar) {
        mb_layer(b, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
    }
    mb_layer(b, ST_LAYER_DENSE, 0, 0, 0, 0, (uint8_t)(1 + (r >> 11) % 8), 0, 0, b->m.num_classes, -1,
             (r >> 14) & 1u ? MB_BIAS : 0);
}

static void test_roundtrip_random(uint32_t seed)
{
    /* random valid models of varying shape: each parses, and write(parse()) reproduces the file */
    int i, bad = 0;
    char msg[200] = "";
    for (i = 0; i < 200 && !bad; i++) {
        mb_t b;
        size_t n, n2;
        uint8_t *buf, *again;
        st_model_t *m = (st_model_t *)malloc(sizeof *m);
        st_diag_t d;
        uint32_t s = seed + 7919u * (uint32_t)i + 1u;
        build_random(&b, s);
        buf = mb_write(&b, &n);
        if (buf == NULL) {
            snprintf(msg, sizeof msg, "model %d (seed %u) could not be built", i, (unsigned)s);
            bad = 1;
        } else if (st_model_parse(buf, n, m, &d) != ST_OK) {
            snprintf(msg, sizeof msg, "model %d (seed %u): %s", i, (unsigned)s, d.msg);
            bad = 1;
        } else {
            again = (uint8_t *)malloc(n);
            if (st_model_write(m, again, n, &n2) != ST_OK || n2 != n || memcmp(again, buf, n) != 0) {
                snprintf(msg, sizeof msg, "model %d: write(parse(file)) differs", i);
                bad = 1;
            }
            free(again);
        }
        free(buf);
        free(m);
        mb_free(&b);
    }
    result("roundtrip-random-200", !bad, "%s", msg);
}

/* --write-corpus DIR: the fuzz seeds in tests/model/corpus (base model + a few random ones) */
static int write_corpus(const char *dir)
{
    int i;
    char path[1024];
    for (i = 0; i < 5; i++) {
        mb_t b;
        size_t n;
        uint8_t *buf;
        FILE *f;
        if (i == 0) {
            build_base(&b, 42);
        } else {
            build_random(&b, 1000u + (uint32_t)i);
        }
        buf = mb_write(&b, &n);
        snprintf(path, sizeof path, "%s/%s%d.stm", dir, i == 0 ? "base" : "random", i);
        f = fopen(path, "wb");
        if (buf == NULL || f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
            fprintf(stderr, "cannot write %s\n", path);
            return 1;
        }
        printf("wrote %s (%zu bytes)\n", path, n);
        free(buf);
        mb_free(&b);
    }
    return 0;
}

static void test_args(void)
{
    st_model_t *m = (st_model_t *)malloc(sizeof *m);
    st_diag_t d;
    uint8_t *odd = (uint8_t *)malloc(g_size + 1);
    st_status_t s;

    s = st_model_parse(NULL, g_size, m, &d);
    result("arg-null-buffer", s == ST_ERR_ARG && strstr(d.msg, "NULL") != NULL, "%s %s", st_status_str(s), d.msg);
    s = st_model_parse(g_base, g_size, NULL, &d);
    result("arg-null-model", s == ST_ERR_ARG, "%s", st_status_str(s));
    memcpy(odd + 1, g_base, g_size);
    s = st_model_parse(odd + 1, g_size, m, &d);
    result("arg-misaligned", s == ST_ERR_ARG && strstr(d.msg, "aligned") != NULL, "%s %s", st_status_str(s), d.msg);
    s = st_model_parse(g_base, g_size, m, NULL);
    result("diag-optional", s == ST_OK, "%s", st_status_str(s));
    free(odd);
    free(m);
}

static void test_status_names(void)
{
    int i, j, ok = 1;
    for (i = 0; i < ST_ERR_COUNT; i++) {
        const char *a = st_status_str((st_status_t)i);
        if (strncmp(a, "ST_", 3) != 0 || strcmp(a, "ST_ERR_UNKNOWN") == 0) {
            ok = 0;
        }
        for (j = 0; j < i; j++) {
            if (strcmp(a, st_status_str((st_status_t)j)) == 0) {
                ok = 0;
            }
        }
    }
    ok = ok && strcmp(st_status_str(ST_ERR_COUNT), "ST_ERR_UNKNOWN") == 0 &&
         strcmp(st_status_str(ST_ERR_CRC), "ST_ERR_CRC") == 0 && strcmp(st_layer_type_str(4), "GSUM") == 0 &&
         strcmp(st_layer_type_str(9), "?") == 0;
    result("status-names", ok, "names not unique / not ST_*");
}

static void test_crc(void)
{
    /* the check value of CRC-32/ISO-HDLC (zlib crc32) */
    uint32_t c = st_crc32(0, "123456789", 9);
    uint32_t c2 = st_crc32(st_crc32(0, "1234", 4), "56789", 5);
    result("crc32-check-value", c == 0xCBF43926u && c2 == c, "got %08x / %08x", (unsigned)c, (unsigned)c2);
}

static void test_header(void)
{
    size_t len;
    int bad = 0;
    uint8_t *b;
    char msg[300] = "";

    /* every proper prefix of a valid file is reported as truncated */
    for (len = 0; len < g_size && !bad; len++) {
        uint8_t *p = dup_buf(g_base, len);
        st_model_t *m = (st_model_t *)malloc(sizeof *m);
        st_diag_t d;
        st_status_t s = st_model_parse(p, len, m, &d);
        if (s != ST_ERR_TRUNCATED || (strstr(d.msg, "shorter than") == NULL && strstr(d.msg, "file_size") == NULL)) {
            snprintf(msg, sizeof msg, "length %zu: %s %s", len, st_status_str(s), d.msg);
            bad = 1;
        }
        free(m);
        free(p);
    }
    result("truncated-every-length", !bad, "%s", msg);

    t8("magic", 0, 'X', ST_ERR_MAGIC, -1, "", "magic is 58 54 4e 4e");
    expect("magic-short-file", (const uint8_t *)"GIF89a-not-a-model", 18, ST_ERR_MAGIC, -1, "", "magic");
    t16("version-major", 4, 2, ST_ERR_VERSION, -1, "", "version_major is 2.0");
    t16("version-minor-accepted", 6, 7, ST_OK, -1, "", "");
    t32("header-size", 8, 52, ST_ERR_HEADER, -1, "", "header_size is 52");
    t32("file-size-larger", 12, (uint32_t)g_size + 4, ST_ERR_TRUNCATED, -1, "", "file_size");
    b = (uint8_t *)calloc(g_size + 4, 1);
    memcpy(b, g_base, g_size);
    expect("file-size-trailing", b, g_size + 4, ST_ERR_HEADER, -1, "", "trailing");
    free(b);
    t32("meta-offset", 20, 52, ST_ERR_HEADER, -1, "", "meta_offset");
    t32("meta-size-form", 24, 64 + 24 * NC + 1, ST_ERR_HEADER, -1, "", "meta_size");
    t32("meta-size-past-end", 24, 64u + 24u * 178956967u, ST_ERR_HEADER, -1, "", "runs past");
    t32("layers-offset", 28, REC(0) + 4, ST_ERR_HEADER, -1, "", "layers_offset");
    t32("n-layers-0", 44, 0, ST_ERR_NETWORK, -1, "", "n_layers is 0");
    t32("n-layers-65", 44, 65, ST_ERR_NETWORK, -1, "", "n_layers is 65");
    t32("layers-size", 32, 64 * 5, ST_ERR_HEADER, -1, "", "layers_size");
    {
        /* n_layers and layers_size agree on 2000 layers: still more than fit */
        uint8_t *p = patched();
        st_st32(p + 44, 64);
        st_st32(p + 32, 64 * 64);
        st_model_fix_crc(p, g_size);
        expect("layers-past-end", p, g_size, ST_ERR_HEADER, -1, "", "runs past");
        free(p);
    }
    t32("data-offset", 36, DATA + 4, ST_ERR_HEADER, -1, "", "data_offset");
    t32("data-size", 40, (uint32_t)g_size - DATA - 4, ST_ERR_HEADER, -1, "", "data_size");
    b = patched();
    b[DATA + 5] ^= 0x40;
    expect("crc-data-byte", b, g_size, ST_ERR_CRC, -1, "", "crc32");
    free(b);
    b = patched();
    b[17] ^= 1;
    expect("crc-field", b, g_size, ST_ERR_CRC, -1, "", "crc32");
    free(b);
}

static void test_meta(void)
{
    uint8_t *b;
    t8("meta-name-empty", META + 0, 0, ST_ERR_META, -1, "", "name");
    t8("meta-name-control-char", META + 3, 7, ST_ERR_META, -1, "", "name is not");
    b = patched();
    memset(b + META, 'A', 32);
    st_model_fix_crc(b, g_size);
    expect("meta-name-no-nul", b, g_size, ST_ERR_META, -1, "", "name is not");
    free(b);
    t8("meta-name-junk-after-nul", META + 20, 'x', ST_ERR_META, -1, "", "(byte 20)");
    t8("meta-dataset", META + 32, 0x80, ST_ERR_META, -1, "", "dataset");
    t16("meta-in-h-0", META + 48, 0, ST_ERR_META, -1, "", "in_h is 0");
    t16("meta-in-h-257", META + 48, 257, ST_ERR_META, -1, "", "in_h is 257");
    t16("meta-in-w", META + 50, 300, ST_ERR_META, -1, "", "in_w is 300");
    t16("meta-in-c-0", META + 52, 0, ST_ERR_META, -1, "", "in_c is 0");
    t16("meta-in-c-1025", META + 52, 1025, ST_ERR_META, -1, "", "in_c is 1025");
    t8("meta-in-bits-0", META + 54, 0, ST_ERR_META, -1, "", "in_bits is 0");
    t8("meta-in-bits-9", META + 54, 9, ST_ERR_META, -1, "", "in_bits is 9");
    t8("meta-in-flags", META + 55, 2, ST_ERR_META, -1, "", "in_flags");
    t8("meta-bipolar-8bit", META + 55, 1, ST_ERR_META, -1, "", "bipolar needs in_bits = 1");
    t16("meta-classes-1", META + 56, 1, ST_ERR_META, -1, "", "num_classes is 1");
    t16("meta-classes-1025", META + 56, 1025, ST_ERR_META, -1, "", "num_classes is 1025");
    t16("meta-classes-vs-meta-size", META + 56, NC + 1, ST_ERR_HEADER, -1, "", "num_classes is 4");
    t16("meta-scale-den", META + 60, 0, ST_ERR_META, -1, "", "in_scale_den");
    t16("meta-reserved", META + 62, 1, ST_ERR_META, -1, "", "reserved");
    t8("meta-class-name", META + 64 + 24 + 2, 0x80, ST_ERR_META, -1, "", "class name 1");
    b = patched();
    memset(b + META + 64 + 48, 'z', 24);
    st_model_fix_crc(b, g_size);
    expect("meta-class-name-no-nul", b, g_size, ST_ERR_META, -1, "", "class name 2");
    free(b);
}

static void test_fields(void)
{
    t8("type-0", REC(2) + F_TYPE, 0, ST_ERR_LAYER_TYPE, 2, "type 0", "type 0 is unknown");
    t8("type-5", REC(4) + F_TYPE, 5, ST_ERR_LAYER_TYPE, 4, "type 5", "type 5 is unknown");
    t8("conv-kh-0", REC(0) + F_KH, 0, ST_ERR_FIELD, 0, "CONV", "kernel kh=0 out of range 1..7");
    t8("conv-kh-8", REC(0) + F_KH, 8, ST_ERR_FIELD, 0, "CONV", "kernel kh=8 out of range 1..7");
    t8("conv-kw-8", REC(1) + F_KW, 8, ST_ERR_FIELD, 1, "CONV", "kernel kw=8 out of range 1..7");
    t8("pool-kh-5", REC(2) + F_KH, 5, ST_ERR_FIELD, 2, "MAXPOOL", "kernel kh=5 out of range 2..4");
    t8("pool-kh-1", REC(2) + F_KH, 1, ST_ERR_FIELD, 2, "MAXPOOL", "kernel kh=1");
    t8("pool-kw-ne-kh", REC(2) + F_KW, 3, ST_ERR_FIELD, 2, "MAXPOOL", "kw=3 must equal kh=2");
    t8("dense-kh", REC(5) + F_KH, 1, ST_ERR_FIELD, 5, "DENSE", "kernel kh=1 must be 0");
    t8("gsum-kw", REC(4) + F_KW, 1, ST_ERR_FIELD, 4, "GSUM", "kernel kw=1 must be 0");
    t8("conv-stride-0", REC(0) + F_STRIDE, 0, ST_ERR_FIELD, 0, "CONV", "stride=0 out of range 1..4");
    t8("conv-stride-5", REC(3) + F_STRIDE, 5, ST_ERR_FIELD, 3, "CONV", "stride=5 out of range 1..4");
    t8("pool-stride-5", REC(2) + F_STRIDE, 5, ST_ERR_FIELD, 2, "MAXPOOL", "stride=5");
    t8("dense-stride", REC(5) + F_STRIDE, 1, ST_ERR_FIELD, 5, "DENSE", "stride=1 must be 0");
    t8("conv-pad-3", REC(0) + F_PAD, 3, ST_ERR_FIELD, 0, "CONV", "pad=3 out of range 0..2");
    t8("conv1x1-pad-1", REC(3) + F_PAD, 1, ST_ERR_FIELD, 3, "CONV", "pad=1 out of range 0..0");
    t8("pool-pad", REC(2) + F_PAD, 1, ST_ERR_FIELD, 2, "MAXPOOL", "pad=1 must be 0");
    t8("conv-w-bits-0", REC(0) + F_WB, 0, ST_ERR_FIELD, 0, "CONV", "w_bits=0 out of range 1..8");
    t8("dense-w-bits-9", REC(5) + F_WB, 9, ST_ERR_FIELD, 5, "DENSE", "w_bits=9 out of range 1..8");
    t8("pool-w-bits", REC(2) + F_WB, 1, ST_ERR_FIELD, 2, "MAXPOOL", "w_bits=1 must be 0");
    t8("conv-out-bits-5", REC(0) + F_OB, 5, ST_ERR_FIELD, 0, "CONV", "out_bits=5 out of range 1..4");
    t8("gsum-out-bits", REC(4) + F_OB, 2, ST_ERR_FIELD, 4, "GSUM", "out_bits=2 must be 0");
    t8("flags-undefined", REC(0) + F_FLAGS, 8, ST_ERR_FIELD, 0, "CONV", "flags=0x8 has undefined bits");
    t8("pool-flags", REC(2) + F_FLAGS, 4, ST_ERR_FIELD, 2, "MAXPOOL", "flags=0x4 must be 0");
    t8("flags-bipolar-2bit", REC(0) + F_FLAGS, 1, ST_ERR_FIELD, 0, "CONV", "bipolar output) needs out_bits=1");
    t8("flags-bias-hidden", REC(0) + F_FLAGS, 2, ST_ERR_FIELD, 0, "CONV", "bias) is only allowed on the output");
    t16("res-src-without-flag", REC(0) + F_RES, 0, ST_ERR_FIELD, 0, "CONV", "res_src=0 must be -1");
    t16("reserved", REC(3) + F_RSV, 1, ST_ERR_FIELD, 3, "CONV", "reserved=0x1 must be 0");
    t16("out-c-0", REC(0) + F_OUTC, 0, ST_ERR_FIELD, 0, "CONV", "out_c=0 out of range 1..1024");
    t16("out-c-1025", REC(5) + F_OUTC, 1025, ST_ERR_FIELD, 5, "DENSE", "out_c=1025 out of range 1..1024");
}

static void test_network(void)
{
    t8("output-not-last", REC(3) + F_OB, 0, ST_ERR_NETWORK, 3, "CONV", "is not the last layer");
    {
        uint8_t *b = patched();
        b[REC(5) + F_OB] = 2;
        b[REC(5) + F_FLAGS] = 0;
        st_model_fix_crc(b, g_size);
        expect("last-not-output", b, g_size, ST_ERR_NETWORK, 5, "DENSE", "last layer must be an output layer");
        free(b);
    }
    t16("classes-mismatch", REC(5) + F_OUTC, NC + 1, ST_ERR_NETWORK, 5, "DENSE", "expected 1x1x3 (num_classes)");
    {
        /* a pooling layer cannot end the network */
        mb_t mb;
        uint8_t *b;
        size_t n;
        mb_init(&mb, 4, 4, 1, 8, 0, 2, 3);
        mb_layer(&mb, ST_LAYER_CONV, 3, 3, 1, 1, 2, 2, 0, 2, -1, 0);
        mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
        b = mb_write(&mb, &n);
        expect("last-is-gsum", b, n, ST_ERR_NETWORK, 1, "GSUM", "last layer must be an output layer");
        free(b);
        mb_free(&mb);
    }
}

static void test_shapes(void)
{
    t16("in-h-chain", REC(1) + F_INH, 9, ST_ERR_SHAPE, 1, "CONV", "in_h=9 but tensor 1 is 8x8x4");
    t16("in-w-chain", REC(3) + F_INW, 8, ST_ERR_SHAPE, 3, "CONV", "in_w=8 but tensor 3 is 4x4x4");
    t16("in-c-chain", REC(1) + F_INC, 5, ST_ERR_SHAPE, 1, "CONV", "in_c=5");
    t16("in-c-meta", REC(0) + F_INC, 3, ST_ERR_SHAPE, 0, "CONV", "in_c=3 but tensor 0 is 8x8x1");
    t16("out-h", REC(0) + F_OUTH, 7, ST_ERR_SHAPE, 0, "CONV", "out_h=7 but the layer computes 8");
    t16("out-w", REC(2) + F_OUTW, 8, ST_ERR_SHAPE, 2, "MAXPOOL", "out_w=8 but the layer computes 4");
    t16("pool-out-c", REC(2) + F_OUTC, 5, ST_ERR_SHAPE, 2, "MAXPOOL", "out_c=5 but the layer computes 4");
    t16("gsum-out-h", REC(4) + F_OUTH, 4, ST_ERR_SHAPE, 4, "GSUM", "out_h=4");
    {
        uint8_t *b = patched();
        b[REC(3) + F_KH] = 5;
        b[REC(3) + F_KW] = 5;
        st_model_fix_crc(b, g_size);
        expect("kernel-larger-than-input", b, g_size, ST_ERR_SHAPE, 3, "CONV", "kernel 5x5 does not fit the input 4x4");
        free(b);
    }
    {
        mb_t mb;
        uint8_t *b;
        size_t n;
        /* MAXPOOL straight on 8-bit pixels */
        mb_init(&mb, 4, 4, 1, 8, 0, 2, 5);
        mb_layer(&mb, ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 0, -1, 0);
        mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, 0);
        b = mb_write(&mb, &n);
        expect("pool-on-8bit", b, n, ST_ERR_SHAPE, 0, "MAXPOOL", "8-bit codes, MAXPOOL needs 1..4 bits");
        free(b);
        mb_free(&mb);
        /* GSUM on a bipolar input */
        mb_init(&mb, 4, 4, 2, 1, 1, 2, 6);
        mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
        mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, 0);
        b = mb_write(&mb, &n);
        expect("gsum-on-bipolar", b, n, ST_ERR_SHAPE, 0, "GSUM", "bipolar, GSUM needs unsigned");
        free(b);
        mb_free(&mb);
        /* GSUM of 255 * 16 * 16 fits 16 bits; one more row does not */
        mb_init(&mb, 16, 16, 1, 8, 0, 2, 7);
        mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
        mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, 0);
        b = mb_write(&mb, &n);
        expect("gsum-16-bits-ok", b, n, ST_OK, -1, "", "");
        st_st16(b + META + 48, 17);
        st_st16(b + 48 + 64 + 48 + F_INH, 17);
        st_model_fix_crc(b, n);
        expect("gsum-too-wide", b, n, ST_ERR_SHAPE, 0, "GSUM", "bitlen(255 * 17 * 16) exceeds 16 bits");
        free(b);
        mb_free(&mb);
        /* DENSE on a 256-wide input: its kernel would not fit the parsed view */
        mb_init(&mb, 255, 1, 1, 8, 0, 2, 8);
        mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, 0);
        b = mb_write(&mb, &n);
        expect("dense-255-ok", b, n, ST_OK, -1, "", "");
        st_st16(b + META + 48, 256);
        st_st16(b + 48 + 64 + 48 + F_INH, 256);
        st_model_fix_crc(b, n);
        expect("dense-input-256", b, n, ST_ERR_SHAPE, 0, "DENSE", "larger than 255x255");
        free(b);
        mb_free(&mb);
    }
}

static void test_overflow(void)
{
    mb_t mb;
    uint8_t *b;
    size_t n;
    int32_t *bias;

    /* tensor element count: 259 x 258 x 1024 > 2^26 */
    mb_init(&mb, 256, 256, 1, 8, 0, 2, 9);
    mb_layer(&mb, ST_LAYER_CONV, 1, 3, 1, 2, 1, 1, 0, 1024, -1, MB_NOBLOB);
    mb_layer(&mb, ST_LAYER_MAXPOOL, 4, 4, 4, 0, 0, 0, 0, 0, -1, 0);
    mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, MB_NOBLOB);
    b = mb_write(&mb, &n);
    expect("overflow-tensor-elems", b, n, ST_ERR_OVERFLOW, 0, "CONV", "260x258x1024 has more than 2^26 elements");
    free(b);
    mb_free(&mb);

    /* weights of a DENSE layer on 255 x 255 x 1024 with 1024 outputs: 6.8e10 bytes */
    mb_init(&mb, 255, 255, 1024, 8, 0, 1024, 10);
    mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 1024, -1, MB_NOBLOB);
    b = mb_write(&mb, &n);
    expect("overflow-weight-size", b, n, ST_ERR_OVERFLOW, 0, "DENSE", "weights size 68183654400 overflows 32 bits");
    free(b);
    mb_free(&mb);

    /* accumulator bound exactly at 2^31-1, then one over: GSUM of 16x16 8-bit pixels is 16 bits wide
     * (max 65535); DENSE with 8-bit weights over 256 channels: 256 * 65535 * 128 = 2147450880 */
    mb_init(&mb, 16, 16, 256, 8, 0, 2, 11);
    mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
    mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 8, 0, 0, 2, -1, MB_BIAS);
    bias = (int32_t *)(uintptr_t)mb.m.layers[1].bias;
    bias[0] = 0;
    bias[1] = 2147483647 - 2147450880;
    b = mb_write(&mb, &n);
    expect("bound-at-limit", b, n, ST_OK, -1, "", "");
    free(b);
    bias[1] = -(2147483647 - 2147450880) - 1;
    b = mb_write(&mb, &n);
    expect("bound-over-by-1", b, n, ST_ERR_OVERFLOW, 1, "DENSE", "accumulator bound 2147483648 exceeds 2^31-1");
    free(b);
    bias[1] = INT32_MIN;
    b = mb_write(&mb, &n);
    expect("bound-int32-min-bias", b, n, ST_ERR_OVERFLOW, 1, "DENSE", "exceeds 2^31-1");
    free(b);
    mb_free(&mb);

    /* bound through the taps alone: 16-bit GSUM codes (|v| max 2^16-1 by the encoding) into 257 channels */
    mb_init(&mb, 16, 16, 257, 8, 0, 2, 12);
    mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
    mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 8, 0, 0, 2, -1, 0);
    b = mb_write(&mb, &n);
    expect("bound-taps", b, n, ST_ERR_OVERFLOW, 1, "DENSE", "257 taps * 65535 * 128");
    free(b);
    mb_free(&mb);

    /* bound through the residual: M * |r| pushes a 16-bit-input 1x1 conv over */
    mb_init(&mb, 16, 16, 255, 8, 0, 2, 13);
    mb_layer(&mb, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);                /* 1x1x255, 16 bits */
    mb_layer(&mb, ST_LAYER_CONV, 1, 1, 1, 0, 8, 1, 0, 255, 1, 0);                /* residual from tensor 1 */
    mb_layer(&mb, ST_LAYER_DENSE, 0, 0, 0, 0, 2, 0, 0, 2, -1, 0);
    {
        int32_t *mu = (int32_t *)(uintptr_t)mb.m.layers[1].res_mult;
        /* taps: 255 * 65535 * 128 = 2139063600; room left 8420047 = 128.48 * 65535 */
        mu[7] = 128;
        b = mb_write(&mb, &n);
        expect("bound-residual-ok", b, n, ST_OK, -1, "", "");
        free(b);
        mu[7] = -129;
        b = mb_write(&mb, &n);
        expect("bound-residual", b, n, ST_ERR_OVERFLOW, 1, "CONV", "+ 129 * 65535");
        free(b);
    }
    mb_free(&mb);
}

static void test_blobs(void)
{
    uint8_t *b;
    uint32_t data_size = (uint32_t)g_size - DATA;

    b = patched();
    st_st32(b + REC(0) + F_TOFF, 0);
    st_st32(b + REC(0) + F_TSIZE, 0);
    st_model_fix_crc(b, g_size);
    expect("blob-missing", b, g_size, ST_ERR_BLOB, 0, "CONV", "thresholds blob missing (size 0, expected 48)");
    free(b);
    t32("blob-wrong-size", REC(0) + F_WSIZE, 37, ST_ERR_BLOB, 0, "CONV", "weights size 37, expected 36");
    t32("blob-sign-size", REC(1) + F_SSIZE, 5, ST_ERR_BLOB, 1, "CONV", "signs size 5, expected 4");
    t32("blob-unexpected", REC(2) + F_WOFF, 4, ST_ERR_BLOB, 2, "MAXPOOL", "weights blob given (offset 4, size 0)");
    t32("blob-bias-hidden", REC(3) + F_BSIZE, 16, ST_ERR_BLOB, 3, "CONV", "bias blob given");
    t32("blob-res-mult-absent", REC(0) + F_MOFF, 8, ST_ERR_BLOB, 0, "CONV", "res_mult blob given");
    t32("blob-outside", REC(0) + F_TOFF, data_size, ST_ERR_BLOB, 0, "CONV", "outside the data section");
    t32("blob-outside-end", REC(5) + F_BOFF, data_size - 8, ST_ERR_BLOB, 5, "DENSE", "bias [");
    t32("blob-offset-wraps", REC(0) + F_TOFF, 0xFFFFFFFCu, ST_ERR_BLOB, 0, "CONV", "[4294967292, +48) outside");
    t32("blob-misaligned", REC(1) + F_MOFF, 2 + 0, ST_ERR_BLOB, 1, "CONV", "res_mult offset 2 is not 4-byte aligned");
    {
        uint8_t *p = patched();
        st_st32(p + REC(1) + F_WOFF, get32(p + REC(0) + F_WOFF));
        st_model_fix_crc(p, g_size);
        expect("blob-overlap-layers", p, g_size, ST_ERR_BLOB, 1, "CONV", "weights [0, +144) overlaps the weights of layer 0");
        free(p);
        p = patched();
        /* the signs of layer 0 moved onto the last bytes of its own weights */
        st_st32(p + REC(0) + F_SOFF, get32(p + REC(0) + F_WOFF) + 33);
        st_model_fix_crc(p, g_size);
        expect("blob-overlap-self", p, g_size, ST_ERR_BLOB, 0, "CONV", "signs [33, +4) overlaps the weights of layer 0");
        free(p);
        p = patched();
        st_st32(p + REC(1) + F_SOFF, get32(p + REC(0) + F_SOFF));
        st_model_fix_crc(p, g_size);
        expect("blob-overlap-signs", p, g_size, ST_ERR_BLOB, 1, "CONV", "+4) overlaps the signs of layer 0");
        free(p);
    }
}

static void test_values(void)
{
    tblob8("weight-bipolar-0", 1, F_WOFF, 0, 0, ST_ERR_WEIGHT, "CONV", "weight w[0][0][0][0]=0 outside {-1,+1} for w_bits=1");
    tblob8("weight-3bit-4", 0, F_WOFF, 9 + 5, 4, ST_ERR_WEIGHT, "CONV", "weight w[1][1][2][0]=4 outside -4..3");
    tblob8("weight-3bit-minus5", 0, F_WOFF, 35, -5, ST_ERR_WEIGHT, "CONV", "w[3][2][2][0]=-5");
    tblob8("weight-2bit-2", 3, F_WOFF, 4 * 2 + 3, 2, ST_ERR_WEIGHT, "CONV", "w[2][0][0][3]=2 outside -2..1");
    tblob8("weight-8bit-minus128-ok", 5, F_WOFF, 0, -128, ST_OK, "", "");
    tblob8("weight-3bit-minus4-ok", 0, F_WOFF, 0, -4, ST_OK, "", "");
    {
        /* channel 2 of layer 0 has 3 thresholds at words 6..8: make T[1] > T[2] */
        uint8_t *b = patched();
        uint32_t t = DATA + get32(b + REC(0) + F_TOFF);
        st_st32(b + t + 4 * 7, 1000);
        st_st32(b + t + 4 * 8, 999);
        st_model_fix_crc(b, g_size);
        expect("thresh-unsorted", b, g_size, ST_ERR_THRESH, 0, "CONV",
               "thresholds of channel 2 not sorted (T[1]=1000 > T[2]=999)");
        free(b);
    }
    tblob32("thresh-equal-ok", 3, F_TOFF, 0, -20, ST_OK, "", ""); /* ties are allowed: non-decreasing */
    tblob32("thresh-int32-min-ok", 3, F_TOFF, 0, INT32_MIN, ST_OK, "", "");
    tblob8("sign-0", 0, F_SOFF, 1, 0, ST_ERR_SIGN, "CONV", "sign of channel 1 is 0, must be +1 or -1");
    tblob8("sign-2", 3, F_SOFF, 3, 2, ST_ERR_SIGN, "CONV", "sign of channel 3 is 2");
    tblob8("sign-minus2", 1, F_SOFF, 0, -2, ST_ERR_SIGN, "CONV", "sign of channel 0 is -2");
    tblob32("mult-40000", 1, F_MOFF, 3, 40000, ST_ERR_MULT, "CONV", "res_mult of channel 3 is 40000, outside int16");
    tblob32("mult-minus32769", 3, F_MOFF, 0, -32769, ST_ERR_MULT, "CONV", "res_mult of channel 0 is -32769");
    tblob32("mult-32767-ok", 1, F_MOFF, 2, 32767, ST_OK, "", "");
    tblob32("mult-minus32768-ok", 1, F_MOFF, 2, -32768, ST_OK, "", "");
    t16("res-src-future", REC(1) + F_RES, 2, ST_ERR_MULT, 1, "CONV", "res_src=2 out of range 0..1");
    t16("res-src-minus1", REC(1) + F_RES, 0xFFFF, ST_ERR_MULT, 1, "CONV", "res_src=-1 out of range");
    t16("res-src-shape", REC(1) + F_RES, 0, ST_ERR_MULT, 1, "CONV", "res_src=0 is 8x8x1, the output is 8x8x4");
}

static void test_samples(void)
{
    uint8_t in[3 * 2 * 2 * 1], lab[3] = {7, 0, 255}, *b;
    size_t n, i;
    st_samples_t s;
    st_diag_t d;
    st_status_t r;
    int ok;

    for (i = 0; i < sizeof in; i++) {
        in[i] = (uint8_t)(i * 17);
    }
    st_samples_write(2, 2, 1, 3, in, lab, NULL, 0, &n);
    b = (uint8_t *)malloc(n);
    r = st_samples_write(2, 2, 1, 3, in, lab, b, n, &n);
    ok = r == ST_OK && n == 16 + 3 * 5;
    r = st_samples_parse(b, n, &s, &d);
    ok = ok && r == ST_OK && s.count == 3 && s.h == 2 && s.record_bytes == 4 && st_samples_label(&s, 2) == 255 &&
         st_samples_input(&s, 1)[0] == 4 * 17 && st_samples_input(&s, 3) == NULL && st_samples_label(&s, 3) == -1;
    result("samples-roundtrip", ok, "%s %s", st_status_str(r), d.msg);
    for (i = 0; i < n; i++) {
        uint8_t *p = dup_buf(b, i);
        r = st_samples_parse(p, i, &s, &d);
        free(p);
        if (r != ST_ERR_TRUNCATED) {
            break;
        }
    }
    result("samples-truncated-every-length", i == n, "length %zu: %s %s", i, st_status_str(r), d.msg);
    b[0] = 'X';
    r = st_samples_parse(b, n, &s, &d);
    result("samples-magic", r == ST_ERR_MAGIC && strstr(d.msg, "magic") != NULL, "%s", d.msg);
    b[0] = 'S';
    b[20] ^= 1;
    r = st_samples_parse(b, n, &s, &d);
    result("samples-crc", r == ST_ERR_CRC && strstr(d.msg, "crc32") != NULL, "%s", d.msg);
    b[20] ^= 1;
    st_st16(b + 10, 0);
    r = st_samples_parse(b, n, &s, &d);
    result("samples-count-0", r == ST_ERR_HEADER && strstr(d.msg, "count=0") != NULL, "%s", d.msg);
    st_st16(b + 10, 2);
    r = st_samples_parse(b, n, &s, &d);
    result("samples-trailing", r == ST_ERR_HEADER && strstr(d.msg, "trailing") != NULL, "%s", d.msg);
    free(b);
}

/* Seeded random mutations of valid files, CRC fixed so they reach the deep checks. The parse must return,
 * and a success must describe a model whose blobs lie inside the buffer. */
static void test_mutations(uint32_t seed, int count)
{
    mb_t r;
    int i, bad = 0, accepted = 0;
    char msg[200] = "";
    uint8_t *b = (uint8_t *)malloc(g_size);
    st_model_t *m = (st_model_t *)malloc(sizeof *m);

    mb_init(&r, 1, 1, 1, 1, 0, 2, seed);
    for (i = 0; i < count && !bad; i++) {
        int k, nmut = 1 + (int)(mb_rand(&r) % 4);
        st_diag_t d;
        st_status_t s;
        memcpy(b, g_base, g_size);
        for (k = 0; k < nmut; k++) {
            uint32_t pos = mb_rand(&r) % (uint32_t)g_size, v = mb_rand(&r);
            if (v & 0x100u) {
                b[pos] ^= (uint8_t)(1u << (v & 7u));
            } else {
                b[pos] = (uint8_t)(v >> 9);
            }
        }
        st_model_fix_crc(b, g_size);
        s = st_model_parse(b, g_size, m, &d);
        if (s == ST_OK) {
            uint32_t li;
            accepted++;
            for (li = 0; li < m->n_layers; li++) {
                const st_layer_t *l = &m->layers[li];
                const uint8_t *w = (const uint8_t *)l->weights;
                if (w != NULL && (w < b || w + (size_t)l->out.c * l->kh * l->kw * l->in.c > b + g_size)) {
                    bad = 1;
                    snprintf(msg, sizeof msg, "mutation %d: layer %u weights outside the buffer", i, (unsigned)li);
                }
            }
        } else if (d.status != s || d.msg[0] == '\0') {
            bad = 1;
            snprintf(msg, sizeof msg, "mutation %d: %s with an empty message", i, st_status_str(s));
        }
    }
    printf("mutations: %d tried, %d still valid (seed %u)\n", i, accepted, (unsigned)seed);
    result("random-mutations", !bad, "%s (SEED=%u)", msg, (unsigned)seed);
    mb_free(&r);
    free(m);
    free(b);
}

int main(int argc, char **argv)
{
    mb_t base;
    uint32_t seed = 12345u;
    const char *env = getenv("SEED");

    if (env != NULL && *env != '\0') {
        seed = (uint32_t)strtoul(env, NULL, 0);
    }
    if (argc == 3 && strcmp(argv[1], "--write-corpus") == 0) {
        return write_corpus(argv[2]);
    }
    build_base(&base, 42);
    g_base = mb_write(&base, &g_size);
    if (g_base == NULL) {
        printf("could not build the base model\n0 passed, 1 failed\n");
        return 1;
    }
    printf("base model: %zu bytes; seed %u (SEED=n to change)\n", g_size, (unsigned)seed);
    test_crc();
    test_status_names();
    test_valid();
    test_args();
    test_header();
    test_meta();
    test_fields();
    test_network();
    test_shapes();
    test_overflow();
    test_blobs();
    test_values();
    test_samples();
    test_roundtrip_random(seed);
    test_mutations(seed, 20000);
    free(g_base);
    mb_free(&base);
    printf("model-parse: %d passed, %d failed\n", g_pass, g_fail);
    return g_fail != 0;
}
