/* SPDX-License-Identifier: Apache-2.0 */
/* st_model_write.c - host-side writer of model files (.stm) and sample files (.sti).
 * It is the reference for every other writer (the training export must produce the same bytes for the
 * same model): offsets, padding and the CRC are computed here exactly as docs/model-format.md says. */
#include "st_model_write.h"

#include <string.h>

void st_st16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void st_st32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Copy a string up to its NUL, at most n bytes; the destination field is already zero. */
static void put_str(uint8_t *dst, const char *src, size_t n)
{
    size_t i;
    for (i = 0; i < n && src[i] != '\0'; i++) {
        dst[i] = (uint8_t)src[i];
    }
}

static uint32_t u32_of_i32(int32_t v) { return (uint32_t)v; /* modulo 2^32: two's complement bytes */ }

enum { W_BLOB_W, W_BLOB_THR, W_BLOB_SIGN, W_BLOB_MULT, W_BLOB_BIAS, W_BLOB_N };

/* Sizes in bytes of the five blobs of a layer, by the format's rules; 0 when the pointer is NULL. */
static void blob_sizes(const st_layer_t *l, uint64_t sz[W_BLOB_N])
{
    uint64_t oc = l->out.c;
    uint64_t nt = (l->out_bits >= 1u && l->out_bits <= 8u) ? (1u << l->out_bits) - 1u : 0u;

    sz[W_BLOB_W] = l->weights != NULL ? oc * l->kh * l->kw * l->in.c : 0u;
    sz[W_BLOB_THR] = l->thresholds != NULL ? 4u * oc * nt : 0u;
    sz[W_BLOB_SIGN] = l->signs != NULL ? oc : 0u;
    sz[W_BLOB_MULT] = l->res_mult != NULL ? 4u * oc : 0u;
    sz[W_BLOB_BIAS] = l->bias != NULL ? 4u * oc : 0u;
}

static uint64_t align4(uint64_t v) { return (v + 3u) & ~(uint64_t)3u; }

st_status_t st_model_write(const st_model_t *m, void *buf, size_t cap, size_t *size_out)
{
    uint64_t meta_size, layers_size, data_size = 0, file_size, sz[W_BLOB_N];
    uint32_t i, k, data_off;
    uint8_t *b = (uint8_t *)buf;

    if (m == NULL || m->n_layers < 1u || m->n_layers > ST_MAX_LAYERS) {
        return ST_ERR_ARG;
    }
    meta_size = ST_MODEL_META_SIZE + (uint64_t)m->num_classes * ST_MODEL_CLASS_NAME_LEN;
    layers_size = (uint64_t)ST_MODEL_LAYER_SIZE * m->n_layers;
    for (i = 0; i < m->n_layers; i++) {
        blob_sizes(&m->layers[i], sz);
        for (k = 0; k < W_BLOB_N; k++) {
            data_size = align4(data_size) + sz[k];
        }
    }
    data_size = align4(data_size);
    file_size = ST_MODEL_HEADER_SIZE + meta_size + layers_size + data_size;
    if (file_size > 0xFFFFFFFFull) {
        return ST_ERR_OVERFLOW;
    }
    if (size_out != NULL) {
        *size_out = (size_t)file_size;
    }
    if (buf == NULL) {
        return ST_OK;
    }
    if (cap < file_size) {
        return ST_ERR_ARG;
    }
    memset(b, 0, (size_t)file_size);

    /* header */
    memcpy(b, ST_MODEL_MAGIC, 4);
    st_st16(b + 4, ST_MODEL_VERSION_MAJOR);
    st_st16(b + 6, ST_MODEL_VERSION_MINOR);
    st_st32(b + 8, ST_MODEL_HEADER_SIZE);
    st_st32(b + 12, (uint32_t)file_size);
    st_st32(b + 20, ST_MODEL_HEADER_SIZE);
    st_st32(b + 24, (uint32_t)meta_size);
    st_st32(b + 28, (uint32_t)(ST_MODEL_HEADER_SIZE + meta_size));
    st_st32(b + 32, (uint32_t)layers_size);
    data_off = (uint32_t)(ST_MODEL_HEADER_SIZE + meta_size + layers_size);
    st_st32(b + 36, data_off);
    st_st32(b + 40, (uint32_t)data_size);
    st_st32(b + 44, m->n_layers);

    /* metadata: strings are copied up to their NUL and the rest of the field stays zero */
    {
        uint8_t *p = b + ST_MODEL_HEADER_SIZE;
        uint32_t c;
        put_str(p, m->name, 31);
        put_str(p + 32, m->dataset, 15);
        st_st16(p + 48, m->input.h);
        st_st16(p + 50, m->input.w);
        st_st16(p + 52, m->input.c);
        p[54] = m->input.bits;
        p[55] = (uint8_t)(m->input.bipolar ? 1u : 0u);
        st_st16(p + 56, m->num_classes);
        st_st16(p + 58, m->in_scale_num);
        st_st16(p + 60, m->in_scale_den);
        for (c = 0; m->class_names != NULL && c < m->num_classes; c++) {
            put_str(p + ST_MODEL_META_SIZE + c * ST_MODEL_CLASS_NAME_LEN,
                    m->class_names + (size_t)c * ST_MODEL_CLASS_NAME_LEN, ST_MODEL_CLASS_NAME_LEN - 1u);
        }
    }

    /* layer table and data */
    {
        uint64_t pos = 0;
        for (i = 0; i < m->n_layers; i++) {
            const st_layer_t *l = &m->layers[i];
            uint8_t *r = b + ST_MODEL_HEADER_SIZE + meta_size + (uint64_t)i * ST_MODEL_LAYER_SIZE;
            const void *src[W_BLOB_N];
            int dense = (l->type == ST_LAYER_DENSE);

            src[W_BLOB_W] = l->weights;
            src[W_BLOB_THR] = l->thresholds;
            src[W_BLOB_SIGN] = l->signs;
            src[W_BLOB_MULT] = l->res_mult;
            src[W_BLOB_BIAS] = l->bias;
            r[0] = l->type;
            r[1] = dense ? 0u : l->kh;
            r[2] = dense ? 0u : l->kw;
            r[3] = dense ? 0u : l->stride;
            r[4] = dense ? 0u : l->pad;
            r[5] = l->w_bits;
            r[6] = l->out_bits;
            r[7] = (uint8_t)((l->out_bipolar ? 1u : 0u) | (l->bias != NULL ? 2u : 0u) | (l->res_src >= 0 ? 4u : 0u));
            st_st16(r + 8, l->in.h);
            st_st16(r + 10, l->in.w);
            st_st16(r + 12, l->in.c);
            st_st16(r + 14, l->out.h);
            st_st16(r + 16, l->out.w);
            st_st16(r + 18, l->out.c);
            st_st16(r + 20, (uint16_t)l->res_src);
            blob_sizes(l, sz);
            for (k = 0; k < W_BLOB_N; k++) {
                uint8_t *d;
                uint64_t j;
                pos = align4(pos);
                if (sz[k] == 0u) {
                    continue;
                }
                st_st32(r + 24 + 8 * k, (uint32_t)pos);
                st_st32(r + 28 + 8 * k, (uint32_t)sz[k]);
                d = b + data_off + pos;
                if (k == W_BLOB_W || k == W_BLOB_SIGN) {
                    memcpy(d, src[k], (size_t)sz[k]);
                } else {
                    const int32_t *v = (const int32_t *)src[k];
                    for (j = 0; j < sz[k] / 4u; j++) {
                        st_st32(d + 4 * j, u32_of_i32(v[j]));
                    }
                }
                pos += sz[k];
            }
        }
    }
    st_model_fix_crc(b, (size_t)file_size);
    return ST_OK;
}

void st_model_fix_crc(void *buf, size_t size)
{
    uint8_t *b = (uint8_t *)buf;
    if (size < ST_MODEL_HEADER_SIZE) {
        return;
    }
    st_st32(b + 16, 0);
    st_st32(b + 16, st_crc32(0, b, size));
}

st_status_t st_samples_write(uint16_t h, uint16_t w, uint16_t c, uint16_t count, const uint8_t *inputs,
                             const uint8_t *labels, void *buf, size_t cap, size_t *size_out)
{
    uint8_t *b = (uint8_t *)buf;
    size_t rec = (size_t)h * w * c, size, i;

    if (h == 0u || w == 0u || c == 0u || count == 0u || inputs == NULL || labels == NULL) {
        return ST_ERR_ARG;
    }
    size = ST_SAMPLES_HEADER_SIZE + (rec + 1u) * count;
    if (size_out != NULL) {
        *size_out = size;
    }
    if (buf == NULL) {
        return ST_OK;
    }
    if (cap < size) {
        return ST_ERR_ARG;
    }
    memcpy(b, ST_SAMPLES_MAGIC, 4);
    st_st16(b + 4, h);
    st_st16(b + 6, w);
    st_st16(b + 8, c);
    st_st16(b + 10, count);
    for (i = 0; i < count; i++) {
        memcpy(b + ST_SAMPLES_HEADER_SIZE + i * (rec + 1u), inputs + i * rec, rec);
        b[ST_SAMPLES_HEADER_SIZE + i * (rec + 1u) + rec] = labels[i];
    }
    st_st32(b + 12, st_crc32(0, b + ST_SAMPLES_HEADER_SIZE, size - ST_SAMPLES_HEADER_SIZE));
    return ST_OK;
}
