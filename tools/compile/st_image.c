/* SPDX-License-Identifier: Apache-2.0 */
/* st_image.c - the accelerator-image builder (see st_image.h).
 *
 * Layout of an image in its arena, from the start:
 *   descriptors (n_desc records of ST_DESC_BYTES) | per layer: packed weights, parameter records |
 *   activation buffers.
 * Activation buffers are placed first-fit (largest first) so that two tensors share memory only when
 * their lifetimes (producing descriptor .. last reading descriptor) do not overlap; a layer's output
 * therefore never overlaps its input or residual source (the accelerator's OVERLAP check), and weights /
 * parameters never share memory with anything.
 *
 * Freestanding: no libc, no stdio; messages are assembled by the small writer below. */
#include "st_image.h"

/* ---- messages ------------------------------------------------------------------------------------- */

typedef struct {
    char *buf;
    uint32_t cap, len;
} msg_t;

static void msg_str(msg_t *m, const char *s)
{
    if (m->buf == 0) {
        return; /* the caller passed no diag */
    }
    while (*s != '\0' && m->len + 1u < m->cap) {
        m->buf[m->len++] = *s++;
    }
    m->buf[m->len] = '\0';
}

static void msg_u(msg_t *m, uint32_t v)
{
    char tmp[12];
    uint32_t n = 0;
    if (m->buf == 0) {
        return;
    }
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    while (n > 0u && m->len + 1u < m->cap) {
        m->buf[m->len++] = tmp[--n];
    }
    m->buf[m->len] = '\0';
}

static void msg_hex(msg_t *m, uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    if (m->buf == 0) {
        return;
    }
    msg_str(m, "0x");
    for (int sh = 28; sh >= 0; sh -= 4) {
        if (m->len + 1u < m->cap) {
            m->buf[m->len++] = digits[(v >> (uint32_t)sh) & 0xFu];
        }
    }
    m->buf[m->len] = '\0';
}

/* Start a diagnostic: status, layer, and the "layer i (TYPE): " prefix. */
static msg_t diag_begin(st_img_diag_t *d, st_img_status_t s, int layer, const st_layer_t *l)
{
    msg_t m = {0, 0, 0};
    if (d == 0) {
        return m; /* no buffer: the msg_* writers do nothing */
    }
    d->status = s;
    d->layer = layer;
    m.buf = d->msg;
    m.cap = sizeof d->msg;
    m.buf[0] = '\0';
    if (layer >= 0) {
        msg_str(&m, "layer ");
        msg_u(&m, (uint32_t)layer);
        if (l != 0) {
            msg_str(&m, " (");
            msg_str(&m, st_layer_type_str(l->type));
            msg_str(&m, ")");
        }
        msg_str(&m, ": ");
    }
    return m;
}

const char *st_img_status_str(st_img_status_t s)
{
    switch (s) {
    case ST_IMG_OK: return "ST_IMG_OK";
    case ST_IMG_ERR_ARG: return "ST_IMG_ERR_ARG";
    case ST_IMG_ERR_LAYER: return "ST_IMG_ERR_LAYER";
    case ST_IMG_ERR_UNSUPPORTED: return "ST_IMG_ERR_UNSUPPORTED";
    case ST_IMG_ERR_BITS: return "ST_IMG_ERR_BITS";
    case ST_IMG_ERR_FIELD: return "ST_IMG_ERR_FIELD";
    case ST_IMG_ERR_WBUF: return "ST_IMG_ERR_WBUF";
    case ST_IMG_ERR_PBUF: return "ST_IMG_ERR_PBUF";
    case ST_IMG_ERR_ARENA: return "ST_IMG_ERR_ARENA";
    case ST_IMG_ERR_NO_SPACE: return "ST_IMG_ERR_NO_SPACE";
    case ST_IMG_ERR_XBUF: return "ST_IMG_ERR_XBUF";
    case ST_IMG_ERR_COUNT: break;
    }
    return "ST_IMG_ERR_UNKNOWN";
}

/* ---- capabilities ----------------------------------------------------------------------------------- */

static uint32_t field(uint32_t v, uint32_t pos, uint32_t width)
{
    return (v >> pos) & ((1u << width) - 1u);
}

void st_img_caps_decode(uint32_t caps0, uint32_t caps1, uint32_t caps2, st_img_caps_t *c)
{
    c->pe = field(caps0, 0u, 8u);
    c->simd = field(caps0, 8u, 8u);
    c->abits = field(caps0, 16u, 8u);
    c->wbits = field(caps0, 24u, 8u);
    c->wbuf_words = field(caps1, 0u, 16u);
    c->pbuf_words = field(caps1, 16u, 16u);
    c->bytes_bits = field(caps2, 0u, 5u);
    c->planes_bits = field(caps2, 8u, 5u);
    c->gsum_bits = field(caps2, 16u, 5u);
    c->ops = (field(caps2, 24u, 1u) ? ST_IMG_CAP_MAXPOOL : 0u) | (field(caps2, 25u, 1u) ? ST_IMG_CAP_GSUM : 0u) |
             (field(caps2, 26u, 1u) ? ST_IMG_CAP_RES : 0u) | (field(caps2, 27u, 1u) ? ST_IMG_CAP_W_SHARED : 0u) |
             (field(caps2, 28u, 1u) ? ST_IMG_CAP_BIPOLAR : 0u);
    c->bytes_kwords = 0u;
}

void st_img_caps_decode_all(uint32_t caps0, uint32_t caps1, uint32_t caps2, uint32_t caps3, st_img_caps_t *c)
{
    st_img_caps_decode(caps0, caps1, caps2, c);
    c->bytes_kwords = field(caps3, 0u, 16u);
}

/* ---- one layer -> one descriptor ------------------------------------------------------------------- */

#define HW_MAX_DIM 2047u      /* docs/accelerator.md §2.5: h, w, kernel */
#define HW_MAX_CHANNELS 1024u
#define HW_MAX_STRIDE 15u
#define HW_MAX_PAD 15u

static void desc_zero(st_desc_t *d)
{
    uint32_t *p = (uint32_t *)d;
    for (uint32_t i = 0; i < sizeof *d / sizeof(uint32_t); i++) {
        p[i] = 0u;
    }
}

static int dim_ok(uint32_t v)
{
    return v >= 1u && v <= HW_MAX_DIM;
}

st_img_status_t st_image_layer_desc(const st_layer_t *l, int in_bytes, const st_tensor_t *res_t, st_desc_t *d)
{
    desc_zero(d);
    d->in_h = l->in.h;
    d->in_w = l->in.w;
    d->in_c = l->in.c;
    d->out_h = l->out.h;
    d->out_w = l->out.w;
    d->out_c = l->out.c;
    d->in_bits = l->in.bits;
    if (in_bytes) {
        d->flags |= ST_DESC_F_IN_BYTES;
    }
    if (l->in.bipolar) {
        d->flags |= ST_DESC_F_IN_BIPOLAR;
    }
    switch (l->type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE:
        d->opcode = ST_DESC_OPC_CONV;
        d->kh = st_layer_kh(l);
        d->kw = st_layer_kw(l);
        d->stride = st_layer_stride(l);
        d->pad = st_layer_pad(l);
        d->w_bits = l->w_bits;
        if (l->out_bits == 0u) {
            d->flags |= ST_DESC_F_OUT_INT32;
        } else {
            d->out_bits = l->out_bits;
            if (l->out_bipolar) {
                d->flags |= ST_DESC_F_OUT_BIPOLAR;
            }
        }
        if (l->res_src >= 0) {
            if (res_t == 0) {
                return ST_IMG_ERR_LAYER;
            }
            d->flags |= ST_DESC_F_RES;
            d->res_bits = res_t->bits;
            if (res_t->bipolar) {
                d->flags |= ST_DESC_F_RES_BIPOLAR;
            }
        }
        break;
    case ST_LAYER_MAXPOOL:
        d->opcode = ST_DESC_OPC_MAXPOOL;
        d->kh = l->kh;
        d->kw = l->kw;
        d->stride = l->stride;
        d->out_bits = l->out.bits;
        if (l->out.bipolar) {
            d->flags |= ST_DESC_F_OUT_BIPOLAR;
        }
        break;
    case ST_LAYER_GSUM:
        d->opcode = ST_DESC_OPC_GSUM;
        d->out_bits = l->out.bits;
        break;
    default:
        return ST_IMG_ERR_LAYER;
    }
    if (!dim_ok(d->in_h) || !dim_ok(d->in_w) || !dim_ok(d->out_h) || !dim_ok(d->out_w) || d->in_c < 1u ||
        d->in_c > HW_MAX_CHANNELS || d->out_c < 1u || d->out_c > HW_MAX_CHANNELS) {
        return ST_IMG_ERR_FIELD;
    }
    if (d->opcode != ST_DESC_OPC_GSUM &&
        (!dim_ok(d->kh) || !dim_ok(d->kw) || d->stride > HW_MAX_STRIDE || d->pad > HW_MAX_PAD)) {
        return ST_IMG_ERR_FIELD;
    }
    return ST_IMG_OK;
}

/* Bits of one weight tile per PE versus the per-PE weight memory (docs/accelerator.md §2.4): the memory
 * holds wbuf_words * 32 / (PE * SIMD) entries of SIMD bits, a tile needs ceil(w_bits * KWORDS * 32 / SIMD). */
static int wbuf_fits(const st_desc_t *d, const st_img_caps_t *c)
{
    uint64_t need_bits = (uint64_t)d->w_bits * st_desc_kwords(d) * 32u;
    uint64_t need = (need_bits + c->simd - 1u) / c->simd;
    uint64_t depth = ((uint64_t)c->wbuf_words * 32u) / ((uint64_t)c->pe * c->simd);
    return need <= depth;
}

st_img_status_t st_image_check_caps(const st_desc_t *d, const st_img_caps_t *c)
{
    int in_bytes = (d->flags & ST_DESC_F_IN_BYTES) != 0u;
    uint32_t bip = ST_DESC_F_IN_BIPOLAR | ST_DESC_F_OUT_BIPOLAR | ST_DESC_F_RES_BIPOLAR;
    if (c->pe == 0u || c->simd == 0u) {
        return ST_IMG_ERR_ARG;
    }
    if ((d->flags & bip) != 0u && (c->ops & ST_IMG_CAP_BIPOLAR) == 0u) {
        return ST_IMG_ERR_UNSUPPORTED;
    }
    switch (d->opcode) {
    case ST_DESC_OPC_CONV:
        if ((d->flags & ST_DESC_F_RES) != 0u && (c->ops & ST_IMG_CAP_RES) == 0u) {
            return ST_IMG_ERR_UNSUPPORTED;
        }
        if ((d->flags & ST_DESC_F_W_SHARED) != 0u && (c->ops & ST_IMG_CAP_W_SHARED) == 0u) {
            return ST_IMG_ERR_UNSUPPORTED;
        }
        if (d->in_bits < 1u || d->in_bits > (in_bytes ? c->bytes_bits : c->planes_bits)) {
            return ST_IMG_ERR_BITS;
        }
        if (d->w_bits < 1u || d->w_bits > 8u || ((c->wbits >> (d->w_bits - 1u)) & 1u) == 0u) {
            return ST_IMG_ERR_BITS;
        }
        if ((d->flags & ST_DESC_F_OUT_INT32) == 0u &&
            (d->out_bits < 1u || d->out_bits > 4u || ((c->abits >> (d->out_bits - 1u)) & 1u) == 0u)) {
            return ST_IMG_ERR_BITS;
        }
        if ((d->flags & ST_DESC_F_RES) != 0u && (d->res_bits < 1u || d->res_bits > 4u)) {
            return ST_IMG_ERR_BITS;
        }
        if (!wbuf_fits(d, c)) {
            return ST_IMG_ERR_WBUF;
        }
        if ((uint64_t)c->pe * st_desc_p_record_words(d) > c->pbuf_words) {
            return ST_IMG_ERR_PBUF;
        }
        /* a BYTES input is gathered per pixel into the im2col memory (docs/accelerator.md §2.4) */
        if (in_bytes && c->bytes_kwords != 0u && st_desc_kwords(d) > c->bytes_kwords) {
            return ST_IMG_ERR_XBUF;
        }
        return ST_IMG_OK;
    case ST_DESC_OPC_MAXPOOL:
        if ((c->ops & ST_IMG_CAP_MAXPOOL) == 0u || in_bytes) {
            return ST_IMG_ERR_UNSUPPORTED;
        }
        if (d->in_bits < 1u || d->in_bits > 4u) {
            return ST_IMG_ERR_BITS;
        }
        return ST_IMG_OK;
    case ST_DESC_OPC_GSUM:
        if ((c->ops & ST_IMG_CAP_GSUM) == 0u || in_bytes) {
            return ST_IMG_ERR_UNSUPPORTED;
        }
        if (d->in_bits < 1u || d->in_bits > 4u || d->out_bits < 1u || d->out_bits > c->gsum_bits) {
            return ST_IMG_ERR_BITS;
        }
        return ST_IMG_OK;
    default:
        return ST_IMG_ERR_UNSUPPORTED;
    }
}

/* ---- the builder -------------------------------------------------------------------------------------- */

static int same_tensor(const st_tensor_t *a, const st_tensor_t *b)
{
    return a->h == b->h && a->w == b->w && a->c == b->c && a->bits == b->bits && a->bipolar == b->bipolar &&
           a->is_int32 == b->is_int32;
}

static uint32_t align4(uint32_t v)
{
    return (v + 3u) & ~3u;
}

/* Message for a failed caps check of layer i. */
static void caps_msg(msg_t *m, st_img_status_t s, const st_desc_t *d, const st_img_caps_t *c)
{
    switch (s) {
    case ST_IMG_ERR_UNSUPPORTED:
        msg_str(m, "operation or encoding not offered by the hardware (CAPS2 ");
        msg_hex(m, c->ops);
        msg_str(m, " in st_img_caps_t.ops)");
        break;
    case ST_IMG_ERR_BITS:
        msg_str(m, "bit widths in ");
        msg_u(m, d->in_bits);
        msg_str(m, (d->flags & ST_DESC_F_IN_BYTES) != 0u ? " (BYTES)" : " (PLANES)");
        msg_str(m, " w ");
        msg_u(m, d->w_bits);
        msg_str(m, " out ");
        msg_u(m, d->out_bits);
        msg_str(m, " res ");
        msg_u(m, d->res_bits);
        msg_str(m, " not supported (ABITS ");
        msg_hex(m, c->abits);
        msg_str(m, ", WBITS ");
        msg_hex(m, c->wbits);
        msg_str(m, ", BYTES_BITS ");
        msg_u(m, c->bytes_bits);
        msg_str(m, ", PLANES_BITS ");
        msg_u(m, c->planes_bits);
        msg_str(m, ", GSUM_BITS ");
        msg_u(m, c->gsum_bits);
        msg_str(m, ")");
        break;
    case ST_IMG_ERR_WBUF:
        msg_str(m, "one tile's weights (");
        msg_u(m, d->w_bits * st_desc_kwords(d));
        msg_str(m, " words per PE) exceed the weight buffer (");
        msg_u(m, c->wbuf_words / (c->pe != 0u ? c->pe : 1u));
        msg_str(m, " words per PE)");
        break;
    case ST_IMG_ERR_XBUF:
        msg_str(m, "the BYTES input's kernel window (");
        msg_u(m, st_desc_kwords(d));
        msg_str(m, " weight words) exceeds the first-layer buffer (CAPS3.BYTES_KWORDS ");
        msg_u(m, c->bytes_kwords);
        msg_str(m, ")");
        break;
    case ST_IMG_ERR_PBUF:
        msg_str(m, "one tile's parameter records (");
        msg_u(m, c->pe * st_desc_p_record_words(d));
        msg_str(m, " words) exceed the parameter buffer (");
        msg_u(m, c->pbuf_words);
        msg_str(m, " words)");
        break;
    default:
        msg_str(m, st_img_status_str(s));
        break;
    }
}

/* Lifetimes of tensors in descriptor steps: [birth, death]; two tensors may share memory only if the
 * intervals are disjoint. */
typedef struct {
    int32_t birth, death;
    uint32_t words;
    uint32_t off; /* bytes from the start of the activation region */
    int placed;
} life_t;

static int lives_overlap(const life_t *a, const life_t *b)
{
    return a->birth <= b->death && b->birth <= a->death;
}

/* First-fit placement, largest tensor first; returns the bytes the activation region needs. */
static uint32_t place_tensors(life_t *t, uint32_t n)
{
    uint32_t top = 0;
    for (uint32_t k = 0; k < n; k++) {
        /* next: the largest unplaced tensor with a buffer (ties: lowest index, for a stable layout) */
        int32_t pick = -1;
        for (uint32_t i = 0; i < n; i++) {
            if (!t[i].placed && t[i].words != 0u && (pick < 0 || t[i].words > t[pick].words)) {
                pick = (int32_t)i;
            }
        }
        if (pick < 0) {
            break;
        }
        {
            life_t *p = &t[pick];
            uint32_t size = p->words * 4u;
            uint32_t best = 0xFFFFFFFFu;
            /* candidates: offset 0 and the end of every placed tensor that lives at the same time */
            for (int32_t c = -1; c < (int32_t)n; c++) {
                uint32_t cand;
                int ok = 1;
                if (c >= 0) {
                    if (!t[c].placed || !lives_overlap(&t[c], p)) {
                        continue;
                    }
                    cand = t[c].off + t[c].words * 4u;
                } else {
                    cand = 0u;
                }
                for (uint32_t j = 0; j < n && ok; j++) {
                    if (t[j].placed && lives_overlap(&t[j], p) && cand < t[j].off + t[j].words * 4u &&
                        t[j].off < cand + size) {
                        ok = 0;
                    }
                }
                if (ok && cand < best) {
                    best = cand;
                }
            }
            p->off = best;
            p->placed = 1;
            if (best + size > top) {
                top = best + size;
            }
        }
    }
    return top;
}

static void put_words(uint8_t *base, uint32_t off, const uint32_t *src, uint32_t n)
{
    uint32_t *dst = (uint32_t *)(void *)(base + off);
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

st_img_status_t st_image_build(const st_layer_t *layers, uint32_t n, const st_img_caps_t *caps, uint32_t flags,
                               void *mem, uint32_t addr, uint32_t bytes, uint32_t ram_base, uint32_t ram_size,
                               st_image_t *img, st_img_diag_t *diag)
{
    st_desc_t desc[ST_MAX_LAYERS];
    life_t life[ST_MAX_LAYERS + 1u];
    uint8_t *base = (uint8_t *)mem;
    int fused[ST_MAX_LAYERS]; /* layer i is a GSUM fused into layer i + 1 */
    uint32_t off;
    msg_t m;

    if (diag != 0) {
        diag->status = ST_IMG_OK;
        diag->layer = -1;
        diag->msg[0] = '\0';
    }
    if (layers == 0 || caps == 0 || mem == 0 || img == 0 || n == 0u || n > ST_MAX_LAYERS ||
        (flags & (ST_IMG_F_INPUT_PLANES | ST_IMG_F_INPUT_BYTES)) == (ST_IMG_F_INPUT_PLANES | ST_IMG_F_INPUT_BYTES)) {
        m = diag_begin(diag, ST_IMG_ERR_ARG, -1, 0);
        msg_str(&m, "bad arguments (NULL pointer, layer count 0 or above ST_MAX_LAYERS, or both input layouts)");
        return ST_IMG_ERR_ARG;
    }
    if ((addr & 3u) != 0u || ((uintptr_t)mem & 3u) != 0u || addr < ram_base || addr - ram_base > ram_size ||
        bytes > ram_size - (addr - ram_base)) {
        m = diag_begin(diag, ST_IMG_ERR_ARENA, -1, 0);
        msg_str(&m, "arena at ");
        msg_hex(&m, addr);
        msg_str(&m, " (");
        msg_u(&m, bytes);
        msg_str(&m, " bytes) is misaligned or not inside RAM [");
        msg_hex(&m, ram_base);
        msg_str(&m, ", +");
        msg_hex(&m, ram_size);
        msg_str(&m, ")");
        return ST_IMG_ERR_ARENA;
    }
    {
        uint8_t *p = (uint8_t *)img;
        for (uint32_t i = 0; i < sizeof *img; i++) {
            p[i] = 0u;
        }
    }
    img->n_layers = n;

    /* ---- input layout -------------------------------------------------------------------------------- */
    {
        int conv0 = layers[0].type == ST_LAYER_CONV || layers[0].type == ST_LAYER_DENSE;
        int res0 = 0;
        for (uint32_t i = 0; i < n; i++) {
            if ((layers[i].type == ST_LAYER_CONV || layers[i].type == ST_LAYER_DENSE) && layers[i].res_src == 0) {
                res0 = 1;
            }
        }
        if ((flags & ST_IMG_F_INPUT_BYTES) != 0u) {
            if (!conv0 || res0 || layers[0].in.bits > 8u || layers[0].in.is_int32) {
                m = diag_begin(diag, ST_IMG_ERR_UNSUPPORTED, 0, &layers[0]);
                msg_str(&m, "the input cannot be in BYTES layout (only a CONV / DENSE reads BYTES, no residual may)");
                return ST_IMG_ERR_UNSUPPORTED;
            }
            img->input_is_bytes = 1;
        } else if ((flags & ST_IMG_F_INPUT_PLANES) != 0u) {
            img->input_is_bytes = 0;
        } else {
            img->input_is_bytes = conv0 && !res0 && layers[0].in.bits <= 8u && !layers[0].in.is_int32;
        }
    }

    /* ---- every layer: chain, golden check, descriptor, hardware check ----------------------------------- */
    for (uint32_t i = 0; i < n; i++) {
        const st_layer_t *l = &layers[i];
        const st_tensor_t *res_t = 0;
        st_diag_t gd;
        st_status_t gs;
        st_img_status_t s;
        fused[i] = 0;
        if (i > 0u && !same_tensor(&l->in, &layers[i - 1u].out)) {
            m = diag_begin(diag, ST_IMG_ERR_LAYER, (int)i, l);
            msg_str(&m, "input shape / encoding differs from the previous layer's output");
            return ST_IMG_ERR_LAYER;
        }
        if ((l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) && l->res_src >= 0) {
            if ((uint32_t)l->res_src > i) {
                m = diag_begin(diag, ST_IMG_ERR_LAYER, (int)i, l);
                msg_str(&m, "residual source tensor ");
                msg_u(&m, (uint32_t)l->res_src);
                msg_str(&m, " is not an earlier tensor");
                return ST_IMG_ERR_LAYER;
            }
            res_t = l->res_src == 0 ? &layers[0].in : &layers[l->res_src - 1].out;
        }
        gs = st_layer_check(l, res_t, &gd);
        if (gs != ST_OK) {
            m = diag_begin(diag, ST_IMG_ERR_LAYER, (int)i, l);
            msg_str(&m, gd.msg);
            msg_str(&m, " (");
            msg_str(&m, st_status_str(gs));
            msg_str(&m, ")");
            return ST_IMG_ERR_LAYER;
        }
        if (res_t != 0 && l->res_src == 0 && img->input_is_bytes) {
            m = diag_begin(diag, ST_IMG_ERR_UNSUPPORTED, (int)i, l);
            msg_str(&m, "a residual cannot read the BYTES-layout input");
            return ST_IMG_ERR_UNSUPPORTED;
        }
        s = st_image_layer_desc(l, i == 0u && img->input_is_bytes, res_t, &desc[i]);
        if (s != ST_IMG_OK) {
            m = diag_begin(diag, s, (int)i, l);
            msg_str(&m, "a dimension, kernel, stride or padding outside the hardware's limits (h, w, kernel 1..2047, "
                        "channels 1..1024, stride 1..15, pad 0..15)");
            return s;
        }
        s = st_image_check_caps(&desc[i], caps);
        if (s != ST_IMG_OK) {
            m = diag_begin(diag, s, (int)i, l);
            caps_msg(&m, s, &desc[i], caps);
            return s;
        }
    }

    /* ---- GSUM + DENSE fusion ------------------------------------------------------------------------- */
    if ((flags & ST_IMG_F_FUSE_GSUM) != 0u && (caps->ops & ST_IMG_CAP_W_SHARED) != 0u) {
        for (uint32_t i = 0; i + 1u < n; i++) {
            const st_layer_t *g = &layers[i];
            const st_layer_t *dl = &layers[i + 1u];
            int other_reader = 0;
            st_desc_t fd;
            if (g->type != ST_LAYER_GSUM || (i > 0u && fused[i - 1u]) ||
                !(dl->type == ST_LAYER_DENSE || (dl->type == ST_LAYER_CONV && dl->kh == 1u && dl->kw == 1u)) ||
                (i == 0u && img->input_is_bytes)) {
                continue;
            }
            for (uint32_t j = 0; j < n; j++) {
                if ((layers[j].type == ST_LAYER_CONV || layers[j].type == ST_LAYER_DENSE) &&
                    layers[j].res_src == (int16_t)(i + 1u)) {
                    other_reader = 1;
                }
            }
            if (other_reader) {
                continue;
            }
            /* the DENSE's descriptor over the GSUM's input, every tap sharing the 1 x 1 weights */
            fd = desc[i + 1u];
            fd.flags = (fd.flags & ~(ST_DESC_F_IN_BYTES | ST_DESC_F_IN_BIPOLAR)) | ST_DESC_F_W_SHARED;
            fd.in_h = g->in.h;
            fd.in_w = g->in.w;
            fd.in_c = g->in.c;
            fd.in_bits = g->in.bits;
            fd.kh = g->in.h;
            fd.kw = g->in.w;
            fd.stride = 1u;
            fd.pad = 0u;
            if (st_image_check_caps(&fd, caps) != ST_IMG_OK) {
                continue; /* fall back to the two separate layers */
            }
            desc[i + 1u] = fd;
            fused[i] = 1;
        }
    }

    /* ---- descriptor order, tensor lifetimes ---------------------------------------------------------- */
    for (uint32_t i = 0; i < n; i++) {
        img->layer_desc[i] = -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (!fused[i]) {
            img->layer_desc[i] = (int16_t)img->n_desc;
            img->desc_layer[img->n_desc] = (int16_t)i;
            img->n_desc++;
        }
    }
    for (uint32_t t = 0; t <= n; t++) {
        const st_tensor_t *tt = t == 0u ? &layers[0].in : &layers[t - 1u].out;
        life_t *lt = &life[t];
        lt->placed = 0;
        lt->off = 0;
        lt->words = st_tensor_words(tt, t == 0u && img->input_is_bytes);
        lt->birth = t == 0u ? -1 : img->layer_desc[t - 1u];
        lt->death = lt->birth;
        if (t > 0u && fused[t - 1u]) {
            lt->words = 0u; /* the fused GSUM's output never reaches RAM */
        }
    }
    life[n].death = (int32_t)img->n_desc; /* the result outlives the chain */
    for (uint32_t i = 0; i < n; i++) {
        int32_t step = img->layer_desc[i] >= 0 ? img->layer_desc[i] : img->layer_desc[i + 1u];
        uint32_t reads = i;
        if (i > 0u && fused[i - 1u]) {
            reads = i - 1u; /* the fused descriptor reads the GSUM's input */
        }
        if (life[reads].death < step) {
            life[reads].death = step;
        }
        if ((layers[i].type == ST_LAYER_CONV || layers[i].type == ST_LAYER_DENSE) && layers[i].res_src >= 0 &&
            life[layers[i].res_src].death < step) {
            life[layers[i].res_src].death = step;
        }
    }
    if ((flags & ST_IMG_F_KEEP_TENSORS) != 0u) {
        for (uint32_t t = 0; t <= n; t++) {
            life[t].birth = -1;
            life[t].death = (int32_t)img->n_desc;
        }
    }

    /* ---- sizes and placement -------------------------------------------------------------------------- */
    off = img->n_desc * ST_DESC_BYTES;
    img->desc.addr = addr;
    img->desc.words = img->n_desc * ST_DESC_WORDS;
    for (uint32_t i = 0; i < n; i++) {
        const st_layer_t *l = &layers[i];
        if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
            continue;
        }
        img->weights[i].words = st_desc_w_words(&desc[i]);
        img->params[i].words = st_desc_p_words(&desc[i]);
        if ((uint64_t)off + 4u * ((uint64_t)img->weights[i].words + img->params[i].words) > bytes) {
            m = diag_begin(diag, ST_IMG_ERR_NO_SPACE, (int)i, l);
            msg_str(&m, "weights and parameters do not fit the arena (");
            msg_u(&m, bytes);
            msg_str(&m, " bytes)");
            return ST_IMG_ERR_NO_SPACE;
        }
        img->weights[i].addr = addr + off;
        off += 4u * img->weights[i].words;
        img->params[i].addr = addr + off;
        off += 4u * img->params[i].words;
    }
    {
        uint32_t act = place_tensors(life, n + 1u);
        if ((uint64_t)off + act > bytes) {
            m = diag_begin(diag, ST_IMG_ERR_NO_SPACE, -1, 0);
            msg_str(&m, "the image needs ");
            msg_u(&m, off + act);
            msg_str(&m, " bytes, the arena has ");
            msg_u(&m, bytes);
            return ST_IMG_ERR_NO_SPACE;
        }
        for (uint32_t t = 0; t <= n; t++) {
            img->tensor[t].words = life[t].words;
            img->tensor[t].addr = life[t].words != 0u ? addr + off + life[t].off : 0u;
        }
        img->used_bytes = align4(off + act);
    }

    /* ---- write weights, parameters, descriptors ------------------------------------------------------- */
    for (uint32_t i = 0; i < n; i++) {
        const st_layer_t *l = &layers[i];
        if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
            continue;
        }
        /* the packers write every word (padding bits 0); a fused DENSE packs as over its 1 x 1 input */
        st_pack_weights(l, i == 0u && img->input_is_bytes, (uint32_t *)(void *)(base + (img->weights[i].addr - addr)));
        st_pack_params(l, (uint32_t *)(void *)(base + (img->params[i].addr - addr)));
    }
    for (uint32_t j = 0; j < img->n_desc; j++) {
        uint32_t i = (uint32_t)img->desc_layer[j];
        st_desc_t *d = &desc[i];
        uint32_t rec[ST_DESC_WORDS];
        uint32_t in_t = (i > 0u && fused[i - 1u]) ? i - 1u : i;
        d->in_addr = img->tensor[in_t].addr;
        d->out_addr = img->tensor[i + 1u].addr;
        if (d->opcode == ST_DESC_OPC_CONV) {
            d->w_addr = img->weights[i].addr;
            d->p_addr = img->params[i].addr;
            if ((d->flags & ST_DESC_F_RES) != 0u) {
                d->res_addr = img->tensor[layers[i].res_src].addr;
            }
        }
        if (j + 1u == img->n_desc) {
            d->flags |= ST_DESC_F_LAST;
        }
        st_desc_pack(d, rec);
        put_words(base, j * ST_DESC_BYTES, rec, ST_DESC_WORDS);
    }
    img->desc_addr = addr;
    return ST_IMG_OK;
}

st_img_status_t st_image_build_model(const st_model_t *m, const st_img_caps_t *caps, uint32_t flags, void *mem,
                                     uint32_t addr, uint32_t bytes, uint32_t ram_base, uint32_t ram_size,
                                     st_image_t *img, st_img_diag_t *diag)
{
    if (m == 0) {
        msg_t mm = diag_begin(diag, ST_IMG_ERR_ARG, -1, 0);
        msg_str(&mm, "NULL model");
        return ST_IMG_ERR_ARG;
    }
    return st_image_build(m->layers, m->n_layers, caps, flags, mem, addr, bytes, ram_base, ram_size, img, diag);
}

uint32_t *st_image_ptr(const st_image_t *img, void *mem, uint32_t arena_addr, const st_img_buf_t *buf)
{
    (void)img;
    return (uint32_t *)(void *)((uint8_t *)mem + (buf->addr - arena_addr));
}

void st_image_set_input(const st_image_t *img, void *mem, uint32_t arena_addr, const st_tensor_t *t,
                        const uint8_t *codes)
{
    uint32_t *dst = st_image_ptr(img, mem, arena_addr, &img->tensor[0]);
    uint32_t n = (uint32_t)t->h * t->w * t->c;
    for (uint32_t i = 0; i < img->tensor[0].words; i++) {
        dst[i] = 0u;
    }
    if (img->input_is_bytes) {
        for (uint32_t i = 0; i < n; i++) {
            dst[i / 4u] |= (uint32_t)codes[i] << (8u * (i % 4u));
        }
    } else {
        /* PLANES: bit i of code c at word ((y*W + x)*n + i)*CW + c/32, bit c%32 (numerics.md §7.1) */
        uint32_t cw = st_planes_cw(t->c);
        for (uint32_t p = 0; p < (uint32_t)t->h * t->w; p++) {
            for (uint32_t c = 0; c < t->c; c++) {
                uint32_t q = codes[p * t->c + c];
                for (uint32_t b = 0; b < t->bits; b++) {
                    if ((q >> b) & 1u) {
                        dst[(p * t->bits + b) * cw + c / 32u] |= 1u << (c % 32u);
                    }
                }
            }
        }
    }
}
