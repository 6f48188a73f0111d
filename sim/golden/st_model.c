/* SPDX-License-Identifier: Apache-2.0 */
/* st_model.c - strict parser of model files (.stm) and sample files (.sti), CRC-32, status names.
 *
 * Freestanding C99: no heap, no stdio, no libc calls. It builds for the host and for rv32im.
 * The buffer is read only through explicit little-endian byte loads, and every offset is checked with
 * arithmetic that cannot wrap before it is used, so no input can make the parser read outside
 * [buf, buf + size). The checks run in the order documented in docs/model-format.md §5.1; the first
 * failure is returned, with a message naming the layer and the field.
 */
#include "st_model.h"

#include <stdarg.h>

/* ---- status names ------------------------------------------------------------------------------ */

const char *st_status_str(st_status_t s)
{
    switch (s) {
    case ST_OK: return "ST_OK";
    case ST_ERR_TRUNCATED: return "ST_ERR_TRUNCATED";
    case ST_ERR_MAGIC: return "ST_ERR_MAGIC";
    case ST_ERR_VERSION: return "ST_ERR_VERSION";
    case ST_ERR_HEADER: return "ST_ERR_HEADER";
    case ST_ERR_CRC: return "ST_ERR_CRC";
    case ST_ERR_META: return "ST_ERR_META";
    case ST_ERR_LAYER_TYPE: return "ST_ERR_LAYER_TYPE";
    case ST_ERR_FIELD: return "ST_ERR_FIELD";
    case ST_ERR_SHAPE: return "ST_ERR_SHAPE";
    case ST_ERR_BLOB: return "ST_ERR_BLOB";
    case ST_ERR_WEIGHT: return "ST_ERR_WEIGHT";
    case ST_ERR_THRESH: return "ST_ERR_THRESH";
    case ST_ERR_SIGN: return "ST_ERR_SIGN";
    case ST_ERR_MULT: return "ST_ERR_MULT";
    case ST_ERR_OVERFLOW: return "ST_ERR_OVERFLOW";
    case ST_ERR_NETWORK: return "ST_ERR_NETWORK";
    case ST_ERR_ARG: return "ST_ERR_ARG";
    case ST_ERR_COUNT: break;
    }
    return "ST_ERR_UNKNOWN";
}

const char *st_layer_type_str(uint32_t type)
{
    switch (type) {
    case ST_LAYER_CONV: return "CONV";
    case ST_LAYER_DENSE: return "DENSE";
    case ST_LAYER_MAXPOOL: return "MAXPOOL";
    case ST_LAYER_GSUM: return "GSUM";
    default: return "?";
    }
}

/* ---- CRC-32 (zlib): bitwise, no table, so it costs no RAM on the core --------------------------- */

uint32_t st_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    size_t i;
    int k;

    crc = ~crc;
    for (i = 0; i < len; i++) {
        crc ^= p[i];
        for (k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

/* ---- a tiny message formatter (subset of printf: %s %c %d %u %x with l / ll) -------------------- */

typedef struct {
    char *p;
    size_t left; /* bytes left including the terminating NUL */
} st_buf_t;

static void put_c(st_buf_t *b, char c)
{
    if (b->left > 1) {
        *b->p++ = c;
        b->left--;
    }
}

static void put_s(st_buf_t *b, const char *s)
{
    if (s == NULL) {
        s = "(null)";
    }
    while (*s != '\0') {
        put_c(b, *s++);
    }
}

static void put_uw(st_buf_t *b, unsigned long long v, unsigned base, int width)
{
    char tmp[24];
    int n = 0;

    do {
        unsigned d = (unsigned)(v % base);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0 && n < (int)sizeof tmp);
    for (; width > n; width--) {
        put_c(b, '0');
    }
    while (n > 0) {
        put_c(b, tmp[--n]);
    }
}

static void put_u(st_buf_t *b, unsigned long long v, unsigned base) { put_uw(b, v, base, 0); }

static void put_d(st_buf_t *b, long long v)
{
    if (v < 0) {
        put_c(b, '-');
        put_u(b, 0ull - (unsigned long long)v, 10);
    } else {
        put_u(b, (unsigned long long)v, 10);
    }
}

static void vfmt(st_buf_t *b, const char *f, va_list ap)
{
    while (*f != '\0') {
        int lng = 0, width = 0;

        if (*f != '%') {
            put_c(b, *f++);
            continue;
        }
        f++;
        /* only zero-padded widths ("%08lx") are supported */
        while (*f >= '0' && *f <= '9') {
            width = width * 10 + (*f - '0');
            f++;
        }
        while (*f == 'l') {
            lng++;
            f++;
        }
        switch (*f) {
        case 's': put_s(b, va_arg(ap, const char *)); break;
        case 'c': put_c(b, (char)va_arg(ap, int)); break;
        case 'd':
            put_d(b, lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int));
            break;
        case 'u':
        case 'x':
            put_uw(b,
                   lng >= 2   ? va_arg(ap, unsigned long long)
                   : lng == 1 ? va_arg(ap, unsigned long)
                              : va_arg(ap, unsigned),
                   *f == 'x' ? 16u : 10u, width);
            break;
        case '%': put_c(b, '%'); break;
        default: put_c(b, '?'); break;
        }
        if (*f != '\0') {
            f++;
        }
    }
}

/* ---- parse context ----------------------------------------------------------------------------- */

typedef struct {
    const uint8_t *b; /* the file */
    size_t size;      /* bytes in the buffer */
    st_diag_t *diag;  /* may be NULL */
} st_rd_t;

#if defined(__GNUC__)
#define ST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ST_PRINTF(a, b)
#endif

static st_status_t fail(const st_rd_t *r, st_status_t s, int layer, uint32_t type, const char *fmt, ...)
    ST_PRINTF(5, 6);

/* Record a failure. layer < 0: the header or metadata; then the message is prefixed by fmt alone. */
static st_status_t fail(const st_rd_t *r, st_status_t s, int layer, uint32_t type, const char *fmt, ...)
{
    va_list ap;
    st_buf_t b;

    if (r->diag == NULL) {
        return s;
    }
    r->diag->status = s;
    r->diag->layer = layer;
    b.p = r->diag->msg;
    b.left = sizeof r->diag->msg;
    if (layer >= 0) {
        put_s(&b, "layer ");
        put_u(&b, (unsigned)layer, 10);
        put_s(&b, " (");
        if (type >= ST_LAYER_CONV && type <= ST_LAYER_GSUM) {
            put_s(&b, st_layer_type_str(type));
        } else {
            put_s(&b, "type ");
            put_u(&b, type, 10);
        }
        put_s(&b, "): ");
    }
    va_start(ap, fmt);
    vfmt(&b, fmt, ap);
    va_end(ap);
    *b.p = '\0';
    return s;
}

static uint16_t ld16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t ld32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int32_t ld32s(const uint8_t *p)
{
    uint32_t u = ld32(p);
    /* two's complement without implementation-defined conversion */
    return u <= 0x7FFFFFFFu ? (int32_t)u : -(int32_t)(~u) - 1;
}

static int16_t ld16s(const uint8_t *p)
{
    uint16_t u = ld16(p);
    return u <= 0x7FFFu ? (int16_t)u : (int16_t)(-(int32_t)(uint16_t)~u - 1);
}

static int8_t s8(uint8_t u) { return u <= 0x7Fu ? (int8_t)u : (int8_t)(-(int)(uint8_t)~u - 1); }

/* Bit length of v (0 for 0). */
static uint32_t bitlen(uint64_t v)
{
    uint32_t n = 0;
    while (v != 0) {
        n++;
        v >>= 1;
    }
    return n;
}

/* Largest |value| of a tensor's encoding (numerics.md §8). */
static uint64_t vmax(const st_tensor_t *t)
{
    if (t->bipolar) {
        return 1u;
    }
    return (1ull << t->bits) - 1u;
}

/* Field-wise copy: a struct assignment may become a memcpy call, which a freestanding build lacks. */
static void copy_tensor(st_tensor_t *d, const st_tensor_t *s)
{
    d->h = s->h;
    d->w = s->w;
    d->c = s->c;
    d->bits = s->bits;
    d->bipolar = s->bipolar;
    d->is_int32 = s->is_int32;
}

static uint64_t tensor_elems(const st_tensor_t *t) { return (uint64_t)t->h * t->w * t->c; }

/* Check a string field of len bytes: printable ASCII, NUL-terminated inside, NUL-padded.
 * Returns 0 if good, else 1 + the offending position. */
static uint32_t bad_string(const uint8_t *p, uint32_t len, int allow_empty)
{
    uint32_t i = 0;

    while (i < len && p[i] != 0) {
        if (p[i] < 0x20u || p[i] > 0x7Eu) {
            return i + 1;
        }
        i++;
    }
    if (i == len) {
        return len; /* no terminator: report the last byte */
    }
    if (i == 0 && !allow_empty) {
        return 1;
    }
    for (; i < len; i++) {
        if (p[i] != 0) {
            return i + 1;
        }
    }
    return 0;
}

/* ---- shape arithmetic shared by the parser and st_model_infer_shapes() -------------------------- */

/* Output tensor of a layer from its parameters and its input (numerics.md §2, §5.2).
 * Returns 0 on success, or a nonzero reason code (used for messages). DENSE needs kh, kw = in h, w. */
enum { SH_OK = 0, SH_KERNEL_H, SH_KERNEL_W, SH_GSUM_WIDE };

static int out_tensor(uint32_t type, uint32_t kh, uint32_t kw, uint32_t stride, uint32_t pad,
                      uint32_t out_bits, uint32_t out_bipolar, uint32_t out_c, const st_tensor_t *in,
                      st_tensor_t *out)
{
    out->bipolar = 0;
    out->is_int32 = 0;
    switch (type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE:
        if ((uint32_t)in->h + 2u * pad < kh) {
            return SH_KERNEL_H;
        }
        if ((uint32_t)in->w + 2u * pad < kw) {
            return SH_KERNEL_W;
        }
        out->h = (uint16_t)(((uint32_t)in->h + 2u * pad - kh) / stride + 1u);
        out->w = (uint16_t)(((uint32_t)in->w + 2u * pad - kw) / stride + 1u);
        out->c = (uint16_t)out_c;
        if (out_bits == 0) {
            out->bits = 32;
            out->is_int32 = 1;
        } else {
            out->bits = (uint8_t)out_bits;
            out->bipolar = (uint8_t)(out_bipolar != 0);
        }
        return SH_OK;
    case ST_LAYER_MAXPOOL:
        if (in->h < kh) {
            return SH_KERNEL_H;
        }
        if (in->w < kw) {
            return SH_KERNEL_W;
        }
        out->h = (uint16_t)((in->h - kh) / stride + 1u);
        out->w = (uint16_t)((in->w - kw) / stride + 1u);
        out->c = in->c;
        out->bits = in->bits;
        out->bipolar = in->bipolar;
        return SH_OK;
    default: { /* GSUM */
        uint32_t n = bitlen(vmax(in) * in->h * in->w);
        out->h = 1;
        out->w = 1;
        out->c = in->c;
        out->bits = (uint8_t)(n > 16u ? 17u : n);
        return n > 16u ? SH_GSUM_WIDE : SH_OK;
    }
    }
}

/* ---- the parser -------------------------------------------------------------------------------- */

enum { BLOB_W, BLOB_THR, BLOB_SIGN, BLOB_MULT, BLOB_BIAS, BLOB_N };
static const char *const blob_name[BLOB_N] = {"weights", "thresholds", "signs", "res_mult", "bias"};

/* Byte offset of a layer record and of the blob offset field (blob k) inside it. */
#define REC_BLOB_OFF(k) (24u + 8u * (uint32_t)(k))

typedef struct {
    uint32_t meta_off, layers_off, data_off, data_size, n_layers, num_classes;
} st_hdr_t;

static st_status_t parse_header(const st_rd_t *r, st_hdr_t *h)
{
    const uint8_t *b = r->b;
    uint32_t header_size, file_size, crc, meta_size, layers_size, data_size, n;
    uint8_t tmp[4];

    if (r->size < 4u) {
        return fail(r, ST_ERR_TRUNCATED, -1, 0, "header: file is %lu bytes, shorter than the %u-byte header",
                    (unsigned long)r->size, ST_MODEL_HEADER_SIZE);
    }
    if (b[0] != 'S' || b[1] != 'T' || b[2] != 'N' || b[3] != 'N') {
        return fail(r, ST_ERR_MAGIC, -1, 0, "header: magic is %02x %02x %02x %02x, expected \"STNN\" (53 54 4e 4e)",
                    b[0], b[1], b[2], b[3]);
    }
    if (r->size < ST_MODEL_HEADER_SIZE) {
        return fail(r, ST_ERR_TRUNCATED, -1, 0, "header: file is %lu bytes, shorter than the %u-byte header",
                    (unsigned long)r->size, ST_MODEL_HEADER_SIZE);
    }
    if (ld16(b + 4) != ST_MODEL_VERSION_MAJOR) {
        return fail(r, ST_ERR_VERSION, -1, 0, "header: version_major is %u.%u, this parser reads %u.x",
                    ld16(b + 4), ld16(b + 6), ST_MODEL_VERSION_MAJOR);
    }
    header_size = ld32(b + 8);
    if (header_size != ST_MODEL_HEADER_SIZE) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: header_size is %lu, expected %u", (unsigned long)header_size,
                    ST_MODEL_HEADER_SIZE);
    }
    file_size = ld32(b + 12);
    if (file_size > r->size) {
        return fail(r, ST_ERR_TRUNCATED, -1, 0, "header: file_size is %lu but the buffer holds %lu bytes",
                    (unsigned long)file_size, (unsigned long)r->size);
    }
    if (file_size != r->size) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: file_size is %lu but the buffer holds %lu bytes (trailing data)",
                    (unsigned long)file_size, (unsigned long)r->size);
    }
    h->meta_off = ld32(b + 20);
    if (h->meta_off != header_size) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: meta_offset is %lu, expected header_size %lu",
                    (unsigned long)h->meta_off, (unsigned long)header_size);
    }
    meta_size = ld32(b + 24);
    if (meta_size < ST_MODEL_META_SIZE || (meta_size - ST_MODEL_META_SIZE) % ST_MODEL_CLASS_NAME_LEN != 0u) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: meta_size is %lu, not 64 + 24 * num_classes",
                    (unsigned long)meta_size);
    }
    if (meta_size > file_size - h->meta_off) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: meta_size %lu runs past file_size %lu",
                    (unsigned long)meta_size, (unsigned long)file_size);
    }
    h->layers_off = ld32(b + 28);
    if (h->layers_off != h->meta_off + meta_size) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: layers_offset is %lu, expected meta_offset + meta_size = %lu",
                    (unsigned long)h->layers_off, (unsigned long)(h->meta_off + meta_size));
    }
    n = ld32(b + 44);
    if (n < 1u || n > ST_MAX_LAYERS) {
        return fail(r, ST_ERR_NETWORK, -1, 0, "header: n_layers is %lu, must be 1..%u", (unsigned long)n,
                    ST_MAX_LAYERS);
    }
    h->n_layers = n;
    layers_size = ld32(b + 32);
    if (layers_size != ST_MODEL_LAYER_SIZE * n) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: layers_size is %lu, expected 64 * n_layers = %lu",
                    (unsigned long)layers_size, (unsigned long)(ST_MODEL_LAYER_SIZE * n));
    }
    if (layers_size > file_size - h->layers_off) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: layer table (%lu bytes at %lu) runs past file_size %lu",
                    (unsigned long)layers_size, (unsigned long)h->layers_off, (unsigned long)file_size);
    }
    h->data_off = ld32(b + 36);
    if (h->data_off != h->layers_off + layers_size) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: data_offset is %lu, expected layers_offset + layers_size = %lu",
                    (unsigned long)h->data_off, (unsigned long)(h->layers_off + layers_size));
    }
    data_size = ld32(b + 40);
    if (data_size != file_size - h->data_off) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: data_size is %lu, expected file_size - data_offset = %lu",
                    (unsigned long)data_size, (unsigned long)(file_size - h->data_off));
    }
    h->data_size = data_size;
    h->num_classes = (meta_size - ST_MODEL_META_SIZE) / ST_MODEL_CLASS_NAME_LEN;

    /* CRC over the whole file with the crc field read as zero */
    crc = st_crc32(0, b, 16);
    tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
    crc = st_crc32(crc, tmp, 4);
    crc = st_crc32(crc, b + 20, file_size - 20u);
    if (crc != ld32(b + 16)) {
        return fail(r, ST_ERR_CRC, -1, 0, "header: crc32 is %08lx but the file's CRC-32 is %08lx",
                    (unsigned long)ld32(b + 16), (unsigned long)crc);
    }
    return ST_OK;
}

static st_status_t parse_meta(const st_rd_t *r, const st_hdr_t *h, st_model_t *m)
{
    const uint8_t *p = r->b + h->meta_off;
    uint32_t bad, i, k, in_bits, flags, nc;

    bad = bad_string(p, 32, 0);
    if (bad != 0) {
        return fail(r, ST_ERR_META, -1, 0,
                    "metadata: name is not a non-empty NUL-terminated, NUL-padded printable string (byte %lu)",
                    (unsigned long)(bad - 1));
    }
    bad = bad_string(p + 32, 16, 1);
    if (bad != 0) {
        return fail(r, ST_ERR_META, -1, 0,
                    "metadata: dataset is not a NUL-terminated, NUL-padded printable string (byte %lu)",
                    (unsigned long)(bad - 1));
    }
    m->input.h = ld16(p + 48);
    m->input.w = ld16(p + 50);
    m->input.c = ld16(p + 52);
    if (m->input.h < 1u || m->input.h > 256u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_h is %u, must be 1..256", m->input.h);
    }
    if (m->input.w < 1u || m->input.w > 256u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_w is %u, must be 1..256", m->input.w);
    }
    if (m->input.c < 1u || m->input.c > ST_MAX_CHANNELS) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_c is %u, must be 1..%u", m->input.c, ST_MAX_CHANNELS);
    }
    in_bits = p[54];
    if (in_bits < 1u || in_bits > 8u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_bits is %lu, must be 1..8", (unsigned long)in_bits);
    }
    flags = p[55];
    if ((flags & ~1u) != 0u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_flags is 0x%lx, only bit 0 (bipolar) is defined",
                    (unsigned long)flags);
    }
    if (flags != 0u && in_bits != 1u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_flags bipolar needs in_bits = 1, not %lu",
                    (unsigned long)in_bits);
    }
    m->input.bits = (uint8_t)in_bits;
    m->input.bipolar = (uint8_t)flags;
    m->input.is_int32 = 0;
    nc = ld16(p + 56);
    if (nc < 2u || nc > ST_MAX_CLASSES) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: num_classes is %lu, must be 2..%u", (unsigned long)nc,
                    ST_MAX_CLASSES);
    }
    if (nc != h->num_classes) {
        return fail(r, ST_ERR_HEADER, -1, 0, "header: meta_size %lu holds %lu class names but num_classes is %lu",
                    (unsigned long)(ST_MODEL_META_SIZE + h->num_classes * ST_MODEL_CLASS_NAME_LEN),
                    (unsigned long)h->num_classes, (unsigned long)nc);
    }
    m->num_classes = (uint16_t)nc;
    m->in_scale_num = ld16(p + 58);
    m->in_scale_den = ld16(p + 60);
    if (m->in_scale_den < 1u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: in_scale_den is 0, must be >= 1");
    }
    if (ld16(p + 62) != 0u) {
        return fail(r, ST_ERR_META, -1, 0, "metadata: reserved is 0x%x, must be 0", ld16(p + 62));
    }
    for (i = 0; i < nc; i++) {
        bad = bad_string(p + ST_MODEL_META_SIZE + i * ST_MODEL_CLASS_NAME_LEN, ST_MODEL_CLASS_NAME_LEN, 1);
        if (bad != 0) {
            return fail(r, ST_ERR_META, -1, 0,
                        "metadata: class name %lu is not a NUL-terminated, NUL-padded printable string (byte %lu)",
                        (unsigned long)i, (unsigned long)(bad - 1));
        }
    }
    for (k = 0; k < 32u; k++) {
        m->name[k] = (char)p[k];
    }
    for (k = 0; k < 16u; k++) {
        m->dataset[k] = (char)p[32 + k];
    }
    m->class_names = (const char *)(p + ST_MODEL_META_SIZE);
    return ST_OK;
}

/* Does blob [off, off+size) of data overlap a present blob of layers 0..li (layer li: blobs < bk)? */
static int find_overlap(const st_rd_t *r, const st_hdr_t *h, uint32_t li, uint32_t bk, uint32_t off,
                        uint32_t size, uint32_t *ol, uint32_t *ob)
{
    uint32_t j, k;

    for (j = 0; j <= li; j++) {
        const uint8_t *rec = r->b + h->layers_off + j * ST_MODEL_LAYER_SIZE;
        for (k = 0; k < (j == li ? bk : (uint32_t)BLOB_N); k++) {
            uint32_t o2 = ld32(rec + REC_BLOB_OFF(k));
            uint32_t s2 = ld32(rec + REC_BLOB_OFF(k) + 4u);
            /* earlier blobs were validated: present ones lie inside the data section, absent ones are 0/0 */
            if (s2 != 0u && off < o2 + s2 && o2 < off + size) {
                *ol = j;
                *ob = k;
                return 1;
            }
        }
    }
    return 0;
}

static st_status_t parse_layer(const st_rd_t *r, const st_hdr_t *h, st_model_t *m, uint32_t li)
{
    const uint8_t *rec = r->b + h->layers_off + li * ST_MODEL_LAYER_SIZE;
    const uint8_t *data = r->b + h->data_off;
    st_layer_t *l = &m->layers[li];
    const st_tensor_t *in = (li == 0) ? &m->input : &m->layers[li - 1].out;
    const int L = (int)li;
    uint32_t type = rec[0], kh = rec[1], kw = rec[2], stride = rec[3], pad = rec[4];
    uint32_t w_bits = rec[5], out_bits = rec[6], flags = rec[7];
    uint32_t fin_h = ld16(rec + 8), fin_w = ld16(rec + 10), fin_c = ld16(rec + 12);
    uint32_t fout_h = ld16(rec + 14), fout_w = ld16(rec + 16), fout_c = ld16(rec + 18);
    int32_t res_src = ld16s(rec + 20);
    int is_mac = (type == ST_LAYER_CONV || type == ST_LAYER_DENSE);
    int is_output = is_mac && out_bits == 0u;
    int has_res = (flags & 4u) != 0u;
    uint64_t need[BLOB_N];
    uint32_t off[BLOB_N], size[BLOB_N];
    uint32_t k, o, nt = 0, oc;
    st_tensor_t out;
    uint64_t taps, vm, wm, mmax = 0, rmax = 0, bmax = 0, bound;
    int sh;

    /* 1. type */
    if (type < ST_LAYER_CONV || type > ST_LAYER_GSUM) {
        return fail(r, ST_ERR_LAYER_TYPE, L, type, "type %lu is unknown (1 CONV, 2 DENSE, 3 MAXPOOL, 4 GSUM)",
                    (unsigned long)type);
    }

    /* 2. fields, in record order */
    if (type == ST_LAYER_CONV) {
        if (kh < 1u || kh > 7u) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kh=%lu out of range 1..7", (unsigned long)kh);
        }
        if (kw < 1u || kw > 7u) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kw=%lu out of range 1..7", (unsigned long)kw);
        }
    } else if (type == ST_LAYER_MAXPOOL) {
        if (kh < 2u || kh > 4u) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kh=%lu out of range 2..4", (unsigned long)kh);
        }
        if (kw != kh) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kw=%lu must equal kh=%lu", (unsigned long)kw,
                        (unsigned long)kh);
        }
    } else {
        if (kh != 0u) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kh=%lu must be 0", (unsigned long)kh);
        }
        if (kw != 0u) {
            return fail(r, ST_ERR_FIELD, L, type, "kernel kw=%lu must be 0", (unsigned long)kw);
        }
    }
    if (type == ST_LAYER_CONV || type == ST_LAYER_MAXPOOL) {
        if (stride < 1u || stride > 4u) {
            return fail(r, ST_ERR_FIELD, L, type, "stride=%lu out of range 1..4", (unsigned long)stride);
        }
    } else if (stride != 0u) {
        return fail(r, ST_ERR_FIELD, L, type, "stride=%lu must be 0", (unsigned long)stride);
    }
    if (type == ST_LAYER_CONV) {
        uint32_t pmax = (kh > kw ? kh : kw) - 1u;
        if (pad > pmax) {
            return fail(r, ST_ERR_FIELD, L, type, "pad=%lu out of range 0..%lu (max(kh,kw)-1)", (unsigned long)pad,
                        (unsigned long)pmax);
        }
    } else if (pad != 0u) {
        return fail(r, ST_ERR_FIELD, L, type, "pad=%lu must be 0", (unsigned long)pad);
    }
    if (is_mac) {
        if (w_bits < 1u || w_bits > 8u) {
            return fail(r, ST_ERR_FIELD, L, type, "w_bits=%lu out of range 1..8", (unsigned long)w_bits);
        }
        if (out_bits > 4u) {
            return fail(r, ST_ERR_FIELD, L, type, "out_bits=%lu out of range 1..4 (0 = output layer)",
                        (unsigned long)out_bits);
        }
    } else {
        if (w_bits != 0u) {
            return fail(r, ST_ERR_FIELD, L, type, "w_bits=%lu must be 0", (unsigned long)w_bits);
        }
        if (out_bits != 0u) {
            return fail(r, ST_ERR_FIELD, L, type, "out_bits=%lu must be 0", (unsigned long)out_bits);
        }
    }
    if ((flags & ~7u) != 0u) {
        return fail(r, ST_ERR_FIELD, L, type, "flags=0x%lx has undefined bits (only 0..2 defined)",
                    (unsigned long)flags);
    }
    if (!is_mac && flags != 0u) {
        return fail(r, ST_ERR_FIELD, L, type, "flags=0x%lx must be 0", (unsigned long)flags);
    }
    if ((flags & 1u) != 0u && out_bits != 1u) {
        return fail(r, ST_ERR_FIELD, L, type, "flags bit 0 (bipolar output) needs out_bits=1, not %lu",
                    (unsigned long)out_bits);
    }
    if ((flags & 2u) != 0u && !is_output) {
        return fail(r, ST_ERR_FIELD, L, type, "flags bit 1 (bias) is only allowed on the output layer (out_bits=0)");
    }
    if (!has_res && res_src != -1) {
        return fail(r, ST_ERR_FIELD, L, type, "res_src=%ld must be -1 without a residual (flags bit 2)",
                    (long)res_src);
    }
    if (ld16(rec + 22) != 0u) {
        return fail(r, ST_ERR_FIELD, L, type, "reserved=0x%x must be 0", ld16(rec + 22));
    }
    if (is_mac && (fout_c < 1u || fout_c > ST_MAX_CHANNELS)) {
        return fail(r, ST_ERR_FIELD, L, type, "out_c=%lu out of range 1..%u", (unsigned long)fout_c,
                    ST_MAX_CHANNELS);
    }

    /* 3. role in the network: the last layer, and only the last, is the output layer */
    if (is_output && li + 1u != h->n_layers) {
        return fail(r, ST_ERR_NETWORK, L, type, "output layer (out_bits=0) is not the last layer (%lu layers)",
                    (unsigned long)h->n_layers);
    }
    if (!is_output && li + 1u == h->n_layers) {
        return fail(r, ST_ERR_NETWORK, L, type,
                    "the last layer must be an output layer (CONV or DENSE with out_bits=0)");
    }

    /* 4. shapes: the input chains from the previous tensor, the output is what the layer computes */
    if (fin_h != in->h) {
        return fail(r, ST_ERR_SHAPE, L, type, "in_h=%lu but tensor %lu is %ux%ux%u", (unsigned long)fin_h,
                    (unsigned long)li, in->h, in->w, in->c);
    }
    if (fin_w != in->w) {
        return fail(r, ST_ERR_SHAPE, L, type, "in_w=%lu but tensor %lu is %ux%ux%u", (unsigned long)fin_w,
                    (unsigned long)li, in->h, in->w, in->c);
    }
    if (fin_c != in->c) {
        return fail(r, ST_ERR_SHAPE, L, type, "in_c=%lu but tensor %lu is %ux%ux%u", (unsigned long)fin_c,
                    (unsigned long)li, in->h, in->w, in->c);
    }
    if (in->is_int32) {
        return fail(r, ST_ERR_SHAPE, L, type, "input tensor %lu holds int32 outputs, not codes", (unsigned long)li);
    }
    if (type == ST_LAYER_MAXPOOL && in->bits > 4u) {
        return fail(r, ST_ERR_SHAPE, L, type, "input tensor %lu has %u-bit codes, MAXPOOL needs 1..4 bits",
                    (unsigned long)li, in->bits);
    }
    if (type == ST_LAYER_GSUM && in->bipolar) {
        return fail(r, ST_ERR_SHAPE, L, type, "input tensor %lu is bipolar, GSUM needs unsigned codes",
                    (unsigned long)li);
    }
    if (type == ST_LAYER_DENSE) {
        if (in->h > 255u || in->w > 255u) {
            return fail(r, ST_ERR_SHAPE, L, type, "input %ux%u is larger than 255x255 (the DENSE kernel)", in->h,
                        in->w);
        }
        kh = in->h;
        kw = in->w;
        stride = 1;
    }
    sh = out_tensor(type, kh, kw, stride, pad, out_bits, flags & 1u, fout_c, in, &out);
    if (sh == SH_KERNEL_H || sh == SH_KERNEL_W) {
        return fail(r, ST_ERR_SHAPE, L, type, "kernel %lux%lu does not fit the input %ux%u padded by %lu",
                    (unsigned long)kh, (unsigned long)kw, in->h, in->w, (unsigned long)pad);
    }
    if (sh == SH_GSUM_WIDE) {
        return fail(r, ST_ERR_SHAPE, L, type, "output width bitlen(%llu * %u * %u) exceeds 16 bits",
                    (unsigned long long)vmax(in), in->h, in->w);
    }
    if (fout_h != out.h) {
        return fail(r, ST_ERR_SHAPE, L, type, "out_h=%lu but the layer computes %u", (unsigned long)fout_h, out.h);
    }
    if (fout_w != out.w) {
        return fail(r, ST_ERR_SHAPE, L, type, "out_w=%lu but the layer computes %u", (unsigned long)fout_w, out.w);
    }
    if (fout_c != out.c) {
        return fail(r, ST_ERR_SHAPE, L, type, "out_c=%lu but the layer computes %u (= in_c)",
                    (unsigned long)fout_c, out.c);
    }
    if (is_output && (out.h != 1u || out.w != 1u || out.c != m->num_classes)) {
        return fail(r, ST_ERR_NETWORK, L, type, "output layer computes %ux%ux%u, expected 1x1x%u (num_classes)",
                    out.h, out.w, out.c, m->num_classes);
    }
    if (tensor_elems(&out) > ST_MAX_TENSOR_ELEMS) {
        return fail(r, ST_ERR_OVERFLOW, L, type, "output tensor %ux%ux%u has more than 2^26 elements", out.h,
                    out.w, out.c);
    }

    /* 5. residual source */
    if (has_res) {
        const st_tensor_t *rs;
        if (res_src < 0 || (uint32_t)res_src > li) {
            return fail(r, ST_ERR_MULT, L, type, "res_src=%ld out of range 0..%lu", (long)res_src,
                        (unsigned long)li);
        }
        rs = (res_src == 0) ? &m->input : &m->layers[res_src - 1].out;
        if (rs->is_int32) {
            return fail(r, ST_ERR_MULT, L, type, "res_src=%ld is an int32 output tensor", (long)res_src);
        }
        if (rs->h != out.h || rs->w != out.w || rs->c != out.c) {
            return fail(r, ST_ERR_MULT, L, type, "res_src=%ld is %ux%ux%u, the output is %ux%ux%u", (long)res_src,
                        rs->h, rs->w, rs->c, out.h, out.w, out.c);
        }
        rmax = vmax(rs);
    }

    /* 6. blobs: presence, exact size (sizes computed in 64 bits first), bounds, alignment, overlap */
    oc = out.c;
    if (out_bits != 0u) {
        nt = (1u << out_bits) - 1u;
    }
    need[BLOB_W] = is_mac ? (uint64_t)oc * kh * kw * in->c : 0u;
    need[BLOB_THR] = (is_mac && !is_output) ? 4ull * oc * nt : 0u;
    need[BLOB_SIGN] = (is_mac && !is_output) ? (uint64_t)oc : 0u;
    need[BLOB_MULT] = has_res ? 4ull * oc : 0u;
    need[BLOB_BIAS] = (flags & 2u) != 0u ? 4ull * oc : 0u;
    for (k = 0; k < BLOB_N; k++) {
        if (need[k] > 0xFFFFFFFFull) {
            return fail(r, ST_ERR_OVERFLOW, L, type, "%s size %llu overflows 32 bits", blob_name[k],
                        (unsigned long long)need[k]);
        }
    }
    for (k = 0; k < BLOB_N; k++) {
        uint32_t ol, ob;
        off[k] = ld32(rec + REC_BLOB_OFF(k));
        size[k] = ld32(rec + REC_BLOB_OFF(k) + 4u);
        if (need[k] == 0u) {
            if (off[k] != 0u || size[k] != 0u) {
                return fail(r, ST_ERR_BLOB, L, type, "%s blob given (offset %lu, size %lu) but the layer has none",
                            blob_name[k], (unsigned long)off[k], (unsigned long)size[k]);
            }
            continue;
        }
        if (size[k] == 0u) {
            return fail(r, ST_ERR_BLOB, L, type, "%s blob missing (size 0, expected %lu)", blob_name[k],
                        (unsigned long)need[k]);
        }
        if (size[k] != need[k]) {
            return fail(r, ST_ERR_BLOB, L, type, "%s size %lu, expected %lu", blob_name[k], (unsigned long)size[k],
                        (unsigned long)need[k]);
        }
        if (off[k] > h->data_size || size[k] > h->data_size - off[k]) {
            return fail(r, ST_ERR_BLOB, L, type, "%s [%lu, +%lu) outside the data section (%lu bytes)",
                        blob_name[k], (unsigned long)off[k], (unsigned long)size[k], (unsigned long)h->data_size);
        }
        if ((k == BLOB_THR || k == BLOB_MULT || k == BLOB_BIAS) && (off[k] & 3u) != 0u) {
            return fail(r, ST_ERR_BLOB, L, type, "%s offset %lu is not 4-byte aligned", blob_name[k],
                        (unsigned long)off[k]);
        }
        if (find_overlap(r, h, li, k, off[k], size[k], &ol, &ob)) {
            return fail(r, ST_ERR_BLOB, L, type, "%s [%lu, +%lu) overlaps the %s of layer %lu", blob_name[k],
                        (unsigned long)off[k], (unsigned long)size[k], blob_name[ob], (unsigned long)ol);
        }
    }

    /* 7. blob contents */
    if (is_mac) {
        const uint8_t *w = data + off[BLOB_W];
        int32_t lo = (w_bits == 1u) ? -1 : -(1 << (w_bits - 1u));
        int32_t hi = (w_bits == 1u) ? 1 : (1 << (w_bits - 1u)) - 1;
        uint32_t i, per = kh * kw * in->c;
        for (i = 0; i < size[BLOB_W]; i++) {
            int32_t v = s8(w[i]);
            if (v < lo || v > hi || (w_bits == 1u && v == 0)) {
                uint32_t o2 = i / per, rem = i % per;
                return fail(r, ST_ERR_WEIGHT, L, type,
                            "weight w[%lu][%lu][%lu][%lu]=%ld outside %s for w_bits=%lu", (unsigned long)o2,
                            (unsigned long)(rem / (kw * in->c)), (unsigned long)(rem / in->c % kw),
                            (unsigned long)(rem % in->c), (long)v,
                            w_bits == 1u              ? "{-1,+1}"
                            : w_bits == 2u            ? "-2..1"
                            : w_bits == 3u            ? "-4..3"
                            : w_bits == 4u            ? "-8..7"
                            : w_bits == 5u            ? "-16..15"
                            : w_bits == 6u            ? "-32..31"
                            : w_bits == 7u            ? "-64..63"
                                                      : "-128..127",
                            (unsigned long)w_bits);
            }
        }
    }
    if (need[BLOB_THR] != 0u) {
        const uint8_t *t = data + off[BLOB_THR];
        for (o = 0; o < oc; o++) {
            for (k = 1; k < nt; k++) {
                int32_t a = ld32s(t + 4u * (o * nt + k - 1u)), b = ld32s(t + 4u * (o * nt + k));
                if (a > b) {
                    return fail(r, ST_ERR_THRESH, L, type, "thresholds of channel %lu not sorted (T[%lu]=%ld > T[%lu]=%ld)",
                                (unsigned long)o, (unsigned long)(k - 1u), (long)a, (unsigned long)k, (long)b);
                }
            }
        }
    }
    if (need[BLOB_SIGN] != 0u) {
        const uint8_t *s = data + off[BLOB_SIGN];
        for (o = 0; o < oc; o++) {
            if (s[o] != 0x01u && s[o] != 0xFFu) {
                return fail(r, ST_ERR_SIGN, L, type, "sign of channel %lu is %d, must be +1 or -1", (unsigned long)o,
                            (int)s8(s[o]));
            }
        }
    }
    if (need[BLOB_MULT] != 0u) {
        const uint8_t *mu = data + off[BLOB_MULT];
        for (o = 0; o < oc; o++) {
            int32_t v = ld32s(mu + 4u * o);
            uint64_t a = (uint64_t)(v < 0 ? -(int64_t)v : (int64_t)v);
            if (v < -32768 || v > 32767) {
                return fail(r, ST_ERR_MULT, L, type, "res_mult of channel %lu is %ld, outside int16",
                            (unsigned long)o, (long)v);
            }
            if (a > mmax) {
                mmax = a;
            }
        }
    }
    if (need[BLOB_BIAS] != 0u) {
        const uint8_t *bi = data + off[BLOB_BIAS];
        for (o = 0; o < oc; o++) {
            int32_t v = ld32s(bi + 4u * o);
            uint64_t a = (uint64_t)(v < 0 ? -(int64_t)v : (int64_t)v);
            if (a > bmax) {
                bmax = a;
            }
        }
    }

    /* 8. the accumulator bound of numerics.md §8 */
    if (is_mac) {
        taps = (uint64_t)kh * kw * in->c;
        vm = vmax(in);
        wm = (w_bits == 1u) ? 1u : (1ull << (w_bits - 1u));
        bound = taps * vm * wm + mmax * rmax + bmax;
        if (bound > 0x7FFFFFFFull) {
            return fail(r, ST_ERR_OVERFLOW, L, type,
                        "accumulator bound %llu exceeds 2^31-1 (%llu taps * %llu * %llu + %llu * %llu + %llu)",
                        (unsigned long long)bound, (unsigned long long)taps, (unsigned long long)vm,
                        (unsigned long long)wm, (unsigned long long)mmax, (unsigned long long)rmax,
                        (unsigned long long)bmax);
        }
    }

    /* all good: fill the parsed view */
    l->type = (uint8_t)type;
    l->kh = (uint8_t)kh;
    l->kw = (uint8_t)kw;
    l->stride = (uint8_t)stride;
    l->pad = (uint8_t)pad;
    l->w_bits = (uint8_t)w_bits;
    l->out_bits = (uint8_t)out_bits;
    l->out_bipolar = (uint8_t)(flags & 1u);
    l->res_src = (int16_t)res_src;
    copy_tensor(&l->in, in);
    copy_tensor(&l->out, &out);
    /* int32 blobs are 4-byte aligned in the file and the buffer base is 4-byte aligned (checked). */
    l->weights = need[BLOB_W] != 0u ? (const int8_t *)(data + off[BLOB_W]) : NULL;
    l->thresholds = need[BLOB_THR] != 0u ? (const int32_t *)(const void *)(data + off[BLOB_THR]) : NULL;
    l->signs = need[BLOB_SIGN] != 0u ? (const int8_t *)(data + off[BLOB_SIGN]) : NULL;
    l->res_mult = need[BLOB_MULT] != 0u ? (const int32_t *)(const void *)(data + off[BLOB_MULT]) : NULL;
    l->bias = need[BLOB_BIAS] != 0u ? (const int32_t *)(const void *)(data + off[BLOB_BIAS]) : NULL;
    return ST_OK;
}

/* The file stores int32 blobs little-endian; the parsed view points at them in place, which is only
 * right on a little-endian machine (every target of this project). */
static int host_is_little_endian(void)
{
    const uint32_t one = 1u;
    return *(const uint8_t *)&one == 1u;
}

st_status_t st_model_parse(const void *buf, size_t size, st_model_t *m, st_diag_t *diag)
{
    st_rd_t r;
    st_hdr_t h;
    st_status_t s;
    uint32_t i;

    r.b = (const uint8_t *)buf;
    r.size = size;
    r.diag = diag;
    h.meta_off = h.layers_off = h.data_off = h.data_size = h.n_layers = h.num_classes = 0;
    if (diag != NULL) {
        diag->status = ST_OK;
        diag->layer = -1;
        diag->msg[0] = '\0';
    }
    if (buf == NULL || m == NULL) {
        return fail(&r, ST_ERR_ARG, -1, 0, "st_model_parse: NULL buffer or model");
    }
    if (((uintptr_t)buf & 3u) != 0u) {
        return fail(&r, ST_ERR_ARG, -1, 0, "st_model_parse: buffer is not 4-byte aligned");
    }
    if (!host_is_little_endian()) {
        return fail(&r, ST_ERR_ARG, -1, 0, "st_model_parse: the in-place view needs a little-endian host");
    }
    {
        /* a clean slate, so a failed parse never leaves stale pointers */
        uint8_t *p = (uint8_t *)m;
        size_t k;
        for (k = 0; k < sizeof *m; k++) {
            p[k] = 0;
        }
    }
    s = parse_header(&r, &h);
    if (s == ST_OK) {
        s = parse_meta(&r, &h, m);
    }
    for (i = 0; s == ST_OK && i < h.n_layers; i++) {
        s = parse_layer(&r, &h, m, i);
    }
    if (s != ST_OK) {
        m->n_layers = 0;
        return s;
    }
    m->n_layers = h.n_layers;
    return ST_OK;
}

const st_tensor_t *st_model_tensor(const st_model_t *m, uint32_t t)
{
    if (m == NULL || t > m->n_layers) {
        return NULL;
    }
    return t == 0 ? &m->input : &m->layers[t - 1u].out;
}

st_status_t st_model_infer_shapes(st_model_t *m)
{
    uint32_t i;

    if (m == NULL || m->n_layers < 1u || m->n_layers > ST_MAX_LAYERS) {
        return ST_ERR_ARG;
    }
    for (i = 0; i < m->n_layers; i++) {
        st_layer_t *l = &m->layers[i];
        const st_tensor_t *in = (i == 0) ? &m->input : &m->layers[i - 1u].out;
        uint32_t out_c = l->out.c;

        if (l->type < ST_LAYER_CONV || l->type > ST_LAYER_GSUM) {
            return ST_ERR_LAYER_TYPE;
        }
        if (l->type == ST_LAYER_DENSE) {
            if (in->h > 255u || in->w > 255u) {
                return ST_ERR_SHAPE;
            }
            l->kh = (uint8_t)in->h;
            l->kw = (uint8_t)in->w;
            l->stride = 1;
            l->pad = 0;
        }
        if ((l->type == ST_LAYER_CONV || l->type == ST_LAYER_MAXPOOL) && l->stride == 0u) {
            return ST_ERR_FIELD;
        }
        copy_tensor(&l->in, in);
        if (out_tensor(l->type, l->kh, l->kw, l->stride, l->pad, l->out_bits, l->out_bipolar, out_c, in,
                       &l->out) != SH_OK) {
            return ST_ERR_SHAPE;
        }
    }
    return ST_OK;
}

/* ---- sample files (.sti) ----------------------------------------------------------------------- */

st_status_t st_samples_parse(const void *buf, size_t size, st_samples_t *s, st_diag_t *diag)
{
    st_rd_t r;
    const uint8_t *b = (const uint8_t *)buf;
    uint64_t rec, need;
    uint32_t crc;

    r.b = b;
    r.size = size;
    r.diag = diag;
    if (diag != NULL) {
        diag->status = ST_OK;
        diag->layer = -1;
        diag->msg[0] = '\0';
    }
    if (buf == NULL || s == NULL) {
        return fail(&r, ST_ERR_ARG, -1, 0, "st_samples_parse: NULL buffer or samples");
    }
    if (size < 4u) {
        return fail(&r, ST_ERR_TRUNCATED, -1, 0, "samples: file is %lu bytes, shorter than the %u-byte header",
                    (unsigned long)size, ST_SAMPLES_HEADER_SIZE);
    }
    if (b[0] != 'S' || b[1] != 'T' || b[2] != 'I' || b[3] != 'N') {
        return fail(&r, ST_ERR_MAGIC, -1, 0, "samples: magic is %02x %02x %02x %02x, expected \"STIN\" (53 54 49 4e)",
                    b[0], b[1], b[2], b[3]);
    }
    if (size < ST_SAMPLES_HEADER_SIZE) {
        return fail(&r, ST_ERR_TRUNCATED, -1, 0, "samples: file is %lu bytes, shorter than the %u-byte header",
                    (unsigned long)size, ST_SAMPLES_HEADER_SIZE);
    }
    s->h = ld16(b + 4);
    s->w = ld16(b + 6);
    s->c = ld16(b + 8);
    s->count = ld16(b + 10);
    if (s->h == 0u || s->w == 0u || s->c == 0u || s->count == 0u) {
        return fail(&r, ST_ERR_HEADER, -1, 0, "samples: h=%u w=%u c=%u count=%u, each must be >= 1", s->h, s->w,
                    s->c, s->count);
    }
    rec = (uint64_t)s->h * s->w * s->c;
    need = ST_SAMPLES_HEADER_SIZE + (rec + 1u) * s->count;
    if (need > size) {
        return fail(&r, ST_ERR_TRUNCATED, -1, 0, "samples: %u records of %llu + 1 bytes need %llu bytes, file has %lu",
                    s->count, (unsigned long long)rec, (unsigned long long)need, (unsigned long)size);
    }
    if (need != size) {
        return fail(&r, ST_ERR_HEADER, -1, 0, "samples: %u records need %llu bytes, file has %lu (trailing data)",
                    s->count, (unsigned long long)need, (unsigned long)size);
    }
    crc = st_crc32(0, b + ST_SAMPLES_HEADER_SIZE, size - ST_SAMPLES_HEADER_SIZE);
    if (crc != ld32(b + 12)) {
        return fail(&r, ST_ERR_CRC, -1, 0, "samples: crc32 is %08lx but the payload's CRC-32 is %08lx",
                    (unsigned long)ld32(b + 12), (unsigned long)crc);
    }
    s->record_bytes = (uint32_t)rec;
    s->records = b + ST_SAMPLES_HEADER_SIZE;
    return ST_OK;
}

const uint8_t *st_samples_input(const st_samples_t *s, uint32_t i)
{
    if (s == NULL || i >= s->count) {
        return NULL;
    }
    return s->records + (size_t)i * (s->record_bytes + 1u);
}

int st_samples_label(const st_samples_t *s, uint32_t i)
{
    if (s == NULL || i >= s->count) {
        return -1;
    }
    return s->records[(size_t)i * (s->record_bytes + 1u) + s->record_bytes];
}
