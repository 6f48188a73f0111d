/* SPDX-License-Identifier: Apache-2.0 */
/* model_build.h - a small in-memory model builder for the tests: random but valid parameters, blobs owned
 * by the builder (freed by mb_free), written with st_model_write(). Host only. */
#ifndef MODEL_BUILD_H
#define MODEL_BUILD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_model.h"
#include "st_model_write.h"

#define MB_MAX_ALLOCS ((int)ST_MAX_LAYERS * 5 + 4)

typedef struct {
    st_model_t m;
    void *allocs[MB_MAX_ALLOCS];
    int nalloc;
    uint32_t rng;
    char *classes;
    int failed; /* a layer could not be added (the test is then wrong, not the parser) */
} mb_t;

enum { MB_NOBLOB = 1, MB_BIAS = 2 };

static uint32_t mb_rand(mb_t *b)
{
    /* xorshift32: deterministic on every platform */
    uint32_t x = b->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b->rng = x;
    return x;
}

static int32_t mb_range(mb_t *b, int32_t lo, int32_t hi) { return lo + (int32_t)(mb_rand(b) % (uint32_t)(hi - lo + 1)); }

static void *mb_alloc(mb_t *b, size_t n)
{
    void *p = calloc(n ? n : 1, 1);
    if (p == NULL || b->nalloc >= MB_MAX_ALLOCS) {
        fprintf(stderr, "model_build: out of memory\n");
        exit(2);
    }
    b->allocs[b->nalloc++] = p;
    return p;
}

static void mb_init(mb_t *b, uint16_t h, uint16_t w, uint16_t c, uint8_t bits, int bipolar, uint16_t classes,
                    uint32_t seed)
{
    uint32_t k;
    memset(b, 0, sizeof *b);
    b->rng = seed ? seed : 1u;
    snprintf(b->m.name, sizeof b->m.name, "test-model");
    snprintf(b->m.dataset, sizeof b->m.dataset, "synthetic");
    b->m.input.h = h;
    b->m.input.w = w;
    b->m.input.c = c;
    b->m.input.bits = bits;
    b->m.input.bipolar = (uint8_t)bipolar;
    b->m.num_classes = classes;
    b->m.in_scale_num = 1;
    b->m.in_scale_den = 1;
    b->classes = (char *)mb_alloc(b, (size_t)classes * ST_MODEL_CLASS_NAME_LEN);
    for (k = 0; k < classes && k < 1000u; k++) {
        snprintf(b->classes + k * ST_MODEL_CLASS_NAME_LEN, ST_MODEL_CLASS_NAME_LEN, "class%u", (unsigned)k);
    }
    b->m.class_names = b->classes;
}

static void mb_free(mb_t *b)
{
    int i;
    for (i = 0; i < b->nalloc; i++) {
        free(b->allocs[i]);
    }
    b->nalloc = 0;
}

/* Append a layer; shapes by st_model_infer_shapes(); random valid blobs unless MB_NOBLOB. */
static st_layer_t *mb_layer(mb_t *b, uint8_t type, uint8_t kh, uint8_t kw, uint8_t stride, uint8_t pad,
                            uint8_t w_bits, uint8_t out_bits, int bipolar, uint16_t out_c, int res_src, int opts)
{
    st_layer_t *l = &b->m.layers[b->m.n_layers++];
    size_t nw, i, nt;
    memset(l, 0, sizeof *l);
    l->type = type;
    l->kh = kh;
    l->kw = kw;
    l->stride = stride;
    l->pad = pad;
    l->w_bits = w_bits;
    l->out_bits = out_bits;
    l->out_bipolar = (uint8_t)bipolar;
    l->out.c = out_c;
    l->res_src = (int16_t)res_src;
    if (st_model_infer_shapes(&b->m) != ST_OK) {
        fprintf(stderr, "model_build: layer %u does not fit\n", b->m.n_layers - 1u);
        b->failed = 1;
        return l;
    }
    if ((opts & MB_NOBLOB) != 0 || (type != ST_LAYER_CONV && type != ST_LAYER_DENSE)) {
        return l;
    }
    nw = (size_t)l->out.c * l->kh * l->kw * l->in.c;
    {
        int8_t *wt = (int8_t *)mb_alloc(b, nw);
        for (i = 0; i < nw; i++) {
            wt[i] = (int8_t)(w_bits == 1 ? (mb_rand(b) & 1u ? 1 : -1)
                                         : mb_range(b, -(1 << (w_bits - 1)), (1 << (w_bits - 1)) - 1));
        }
        l->weights = wt;
    }
    if (out_bits != 0) {
        int32_t *t = (int32_t *)mb_alloc(b, sizeof(int32_t) * out_c * ((1u << out_bits) - 1u));
        int8_t *s = (int8_t *)mb_alloc(b, out_c);
        nt = (1u << out_bits) - 1u;
        for (i = 0; i < out_c; i++) {
            size_t k;
            int32_t v = mb_range(b, -20, 0);
            for (k = 0; k < nt; k++) {
                t[i * nt + k] = v;
                v += mb_range(b, 0, 6);
            }
            s[i] = (int8_t)(mb_rand(b) & 1u ? 1 : -1);
        }
        l->thresholds = t;
        l->signs = s;
    }
    if (res_src >= 0) {
        int32_t *mu = (int32_t *)mb_alloc(b, sizeof(int32_t) * out_c);
        for (i = 0; i < out_c; i++) {
            mu[i] = mb_range(b, -100, 100);
        }
        l->res_mult = mu;
    }
    if ((opts & MB_BIAS) != 0) {
        int32_t *bi = (int32_t *)mb_alloc(b, sizeof(int32_t) * out_c);
        for (i = 0; i < out_c; i++) {
            bi[i] = mb_range(b, -1000, 1000);
        }
        l->bias = bi;
    }
    return l;
}

/* Write the model into a fresh malloc'd buffer (caller frees); NULL on failure. */
static uint8_t *mb_write(mb_t *b, size_t *size)
{
    uint8_t *buf;
    if (b->failed || st_model_write(&b->m, NULL, 0, size) != ST_OK) {
        return NULL;
    }
    buf = (uint8_t *)malloc(*size);
    if (buf == NULL || st_model_write(&b->m, buf, *size, size) != ST_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

#endif /* MODEL_BUILD_H */
