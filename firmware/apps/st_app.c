/* SPDX-License-Identifier: Apache-2.0 */
/* st_app.c - code shared by the applications (st_app.h): the compiled image, golden checks, the software
 * path of every layer (the golden model's bit-plane form on the image's pre-packed weights). */
#include "st_app.h"

#include <stdio.h>

#include "st_golden.h"
#include "st_rt.h"

/* ---- the image ------------------------------------------------------------------------------------------ */

static int g_prepared;

uint32_t *st_app_ptr(const st_app_image_t *img, uint32_t off)
{
    return img->arena + off / 4u;
}

uint32_t st_app_addr(const st_app_image_t *img, uint32_t off)
{
    return (uint32_t)(uintptr_t)img->arena + off;
}

int st_app_prepare(const st_app_image_t *img)
{
    uint32_t n;

    if (g_prepared) {
        return 0;
    }
    if (img->version != ST_APP_IMAGE_VERSION) {
        printf("image: version %u, this firmware reads version %u (recompile with stc compile)\n",
               (unsigned)img->version, (unsigned)ST_APP_IMAGE_VERSION);
        return -1;
    }
    /* The descriptors hold addresses for img->base; the arena sits wherever the linker put it. */
    n = st_accel_chain_relocate(st_app_ptr(img, img->desc_off), img->n_desc,
                                (uint32_t)(uintptr_t)img->arena - img->base);
    if (n != img->n_desc) {
        printf("image: the chain has %u records before LAST or a bad opcode, expected %u\n", (unsigned)n,
               (unsigned)img->n_desc);
        return -1;
    }
    g_prepared = 1;
    return 0;
}

void st_app_load_input(const st_app_image_t *img, uint32_t s)
{
    const uint32_t *src = img->samples + s * img->in_words;
    uint32_t *dst = st_app_ptr(img, img->in_off);
    uint32_t i;

    for (i = 0; i < img->in_words; i++) {
        dst[i] = src[i];
    }
}

const char *st_app_class_name(const st_app_image_t *img, uint32_t c)
{
    return c < img->num_classes ? img->class_names + c * ST_MODEL_CLASS_NAME_LEN : "?";
}

uint32_t st_app_predicted(const st_app_image_t *img)
{
    return st_argmax((const int32_t *)st_app_ptr(img, img->out_off), img->num_classes);
}

/* ---- CRC-32 ---------------------------------------------------------------------------------------------- */

static uint32_t g_crc_table[256];

uint32_t st_app_crc_words(const uint32_t *w, uint32_t n)
{
    uint32_t crc = 0xFFFFFFFFu, i, k;

    if (g_crc_table[1] == 0u) {
        for (i = 0; i < 256u; i++) {
            uint32_t c = i;
            for (k = 0; k < 8u; k++) {
                c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
            }
            g_crc_table[i] = c;
        }
    }
    for (i = 0; i < n; i++) {
        const uint32_t v = w[i];
        for (k = 0; k < 32u; k += 8u) {
            crc = (crc >> 8) ^ g_crc_table[(crc ^ (v >> k)) & 0xFFu];
        }
    }
    return ~crc;
}

int st_app_crc_selfcheck(void)
{
    /* "123456789" as little-endian words plus the reference computed byte-wise by the golden model */
    static const uint8_t msg[8] = {'1', '2', '3', '4', '5', '6', '7', '8'};
    const uint32_t w[2] = {0x34333231u, 0x38373635u};
    return st_app_crc_words(w, 2u) == st_crc32(0u, msg, 8u) ? 0 : -1;
}

/* ---- golden checks ----------------------------------------------------------------------------------------- */

uint32_t st_app_check_outputs(const st_app_image_t *img, uint32_t s, int verbose, uint32_t *checked, int *first_bad)
{
    const int32_t *scores = (const int32_t *)st_app_ptr(img, img->out_off);
    const int32_t *expect = img->expect_scores + s * img->num_classes;
    uint32_t bad = 0, i;

    *checked = 0;
    *first_bad = -1;
    for (i = 0; i < img->n_layers; i++) {
        const st_app_layer_t *al = &img->layers[i];
        uint32_t crc, want;
        if (!al->checkable) {
            continue;
        }
        crc = st_app_crc_words(st_app_ptr(img, al->out_off), al->out_words);
        want = img->expect_crc[s * img->n_layers + i];
        (*checked)++;
        if (verbose) {
            printf("@layer sample=%u layer=%u crc=%08lx expect=%08lx %s\n", (unsigned)s, (unsigned)i,
                   (unsigned long)crc, (unsigned long)want, crc == want ? "ok" : "MISMATCH");
        }
        if (crc != want) {
            if (*first_bad < 0) {
                *first_bad = (int)i;
            }
            if (!verbose) {
                printf("  sample %u layer %u (%s): output CRC %08lx, host golden model %08lx\n", (unsigned)s,
                       (unsigned)i, st_layer_type_str(al->layer.type), (unsigned long)crc, (unsigned long)want);
            }
            bad++;
        }
    }
    for (i = 0; i < img->num_classes; i++) {
        if (scores[i] != expect[i]) {
            printf("  sample %u score of class %u: expected %ld, actual %ld\n", (unsigned)s, (unsigned)i,
                   (long)expect[i], (long)scores[i]);
            bad++;
            break;
        }
    }
    return bad;
}

/* ---- the software path --------------------------------------------------------------------------------------- */

static int32_t g_acc[ST_APP_ACC_WORDS];
static uint32_t g_band[ST_APP_BAND_WORDS];
/* A GSUM that the accelerator fuses into the next layer has no buffer in the arena: the CPU writes it here
 * (1 x 1 x C, at most 16 planes of 32 words: C <= 1024). */
#define ST_APP_GSUM_WORDS (ST_MAX_PLANES * 32u)
static uint32_t g_gsum[ST_APP_GSUM_WORDS];

static int16_t g_wdec[ST_APP_WDEC_ENTRIES];

/* Accumulators of output rows y0..y1-1 of layer al: a BYTES-input layer by the bytes-MAC form when its
 * decoded weights fit g_wdec (wdec_ok: st_bytes_mac_weights() returned 0 for it), else the bit-plane form.
 * Both give the same bits (test-golden-sweep); on our core the bytes-MAC form is the faster for a first
 * layer (few channels of 8 planes: 9 multiplies per output instead of up to 64 popcounts). */
/* Where the software path may hand CONV / DENSE accumulators (st_app_set_acc_hook; the coprocessor's glue
 * in st_app_cop.c sets it, so that applications without it do not link the coprocessor's driver), and the
 * layers it took in the current / last network run. */
static const st_app_acc_hook_t *g_hook;
static uint32_t g_hook_layers;

void st_app_set_acc_hook(const st_app_acc_hook_t *hook)
{
    g_hook = hook;
}

uint32_t st_app_hook_layers(void)
{
    return g_hook_layers;
}

static int on_hook(const st_app_layer_t *al)
{
    return g_hook != NULL && g_hook->takes(al);
}

static void conv_rows(const st_app_image_t *img, const st_app_layer_t *al, int wdec_ok, const uint32_t *in,
                      uint32_t y0, uint32_t y1)
{
    if (on_hook(al) && g_hook->rows(img, al, in, y0, y1, g_acc) == 0) {
        return;
    }
    if (wdec_ok) {
        st_conv_acc_bytes_mac_rows(&al->layer, in, g_wdec, y0, y1, g_acc);
    } else {
        st_conv_acc_bitplane_rows(&al->layer, al->in_bytes, in, st_app_ptr(img, al->w_off), y0, y1, g_acc);
    }
}

static int decode_weights(const st_app_image_t *img, const st_app_layer_t *al)
{
    return al->in_bytes &&
           st_bytes_mac_weights(&al->layer, st_app_ptr(img, al->w_off), g_wdec, ST_APP_WDEC_ENTRIES) == 0;
}

static const st_tensor_t *res_tensor(const st_app_image_t *img, const st_layer_t *l)
{
    return l->res_src == 0 ? &img->layers[0].layer.in : &img->layers[l->res_src - 1].layer.out;
}

/* Words per pixel of a tensor in RAM (PLANES, or INT32). */
static uint32_t words_per_pixel(const st_tensor_t *t)
{
    return t->is_int32 ? t->c : (uint32_t)t->bits * st_planes_cw(t->c);
}

/* Rows per band so that the accumulators fit the scratch, and (compare) the band's output words too. */
static uint32_t band_rows(const st_layer_t *l, int compare)
{
    const uint32_t acc_row = (uint32_t)l->out.w * l->out.c;
    const uint32_t out_row = (uint32_t)l->out.w * words_per_pixel(&l->out);
    const uint32_t a = ST_APP_ACC_WORDS / acc_row, b = ST_APP_BAND_WORDS / out_row;
    return (compare && b < a) ? b : a;
}

int st_app_sw_layer(const st_app_image_t *img, uint32_t i, const uint32_t *in, uint32_t *out)
{
    const st_app_layer_t *al = &img->layers[i];
    const st_layer_t *l = &al->layer;

    switch (l->type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE: {
        const uint32_t band = band_rows(l, 0);
        const st_tensor_t *res_t = l->res_src >= 0 ? res_tensor(img, l) : NULL;
        const uint32_t *res = l->res_src >= 0 ? st_app_ptr(img, al->res_off) : NULL;
        const int res_bytes = l->res_src == 0 && img->input_is_bytes;
        uint32_t y0, y1;
        int wdec_ok;
        if (band == 0u) {
            printf("swref: layer %u: one output row needs more than %u accumulators\n", (unsigned)i,
                   (unsigned)ST_APP_ACC_WORDS);
            return -1;
        }
        g_hook_layers += on_hook(al) ? 1u : 0u;
        if (on_hook(al) && g_hook->codes != NULL && res_t == NULL && !l->out.is_int32 &&
            g_hook->codes(img, al, in, out) == 0) {
            return 0; /* the coprocessor's threshold unit gave the codes */
        }
        wdec_ok = !on_hook(al) && decode_weights(img, al);
        for (y0 = 0; y0 < l->out.h; y0 = y1) {
            y1 = y0 + band < l->out.h ? y0 + band : l->out.h;
            conv_rows(img, al, wdec_ok, in, y0, y1);
            st_finish_packed_rows(l, st_app_ptr(img, al->p_off), g_acc, res_t, res_bytes, res, y0, y1, out);
        }
        return 0;
    }
    case ST_LAYER_MAXPOOL:
        st_maxpool_packed(l, al->in_bytes, in, out);
        return 0;
    case ST_LAYER_GSUM:
        if (st_tensor_words(&l->out, 0) > ST_APP_GSUM_WORDS) {
            printf("swref: layer %u: GSUM output larger than %u words\n", (unsigned)i, (unsigned)ST_APP_GSUM_WORDS);
            return -1;
        }
        st_gsum_packed(l, al->in_bytes, in, out);
        return 0;
    default:
        printf("swref: layer %u: unknown type %u\n", (unsigned)i, l->type);
        return -1;
    }
}

int st_app_sw_net_layer(const st_app_image_t *img, uint32_t i)
{
    const st_app_layer_t *al = &img->layers[i];
    const uint32_t *in = (i > 0u && img->layers[i - 1u].desc < 0) ? g_gsum : st_app_ptr(img, al->in_off);
    uint32_t *out = al->desc < 0 ? g_gsum : st_app_ptr(img, al->out_off);
    return st_app_sw_layer(img, i, in, out);
}

int st_app_sw_net(const st_app_image_t *img)
{
    uint32_t i;

    g_hook_layers = 0;
    for (i = 0; i < img->n_layers; i++) {
        if (st_app_sw_net_layer(img, i) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Compare n words of a software band with the hardware's words from word index `at`. */
static int32_t compare_words(uint32_t layer, const uint32_t *sw, const uint32_t *hw, uint32_t at, uint32_t n,
                             int32_t bad)
{
    uint32_t k;
    for (k = 0; k < n; k++) {
        if (sw[k] != hw[at + k]) {
            if (bad == 0) {
                printf("@mismatch layer=%u word=%u expected=%08lx actual=%08lx\n", (unsigned)layer,
                       (unsigned)(at + k), (unsigned long)sw[k], (unsigned long)hw[at + k]);
            }
            bad++;
        }
    }
    return bad;
}

int32_t st_app_sw_compare(const st_app_image_t *img, uint32_t i, const uint32_t *in, const uint32_t *hw_out)
{
    const st_app_layer_t *al = &img->layers[i];
    const st_layer_t *l = &al->layer;
    int32_t bad = 0;

    if (i > 0u && img->layers[i - 1u].desc < 0) {
        /* the accelerator fused the previous GSUM into this layer: the CPU runs it separately */
        if (st_app_sw_layer(img, i - 1u, in, g_gsum) != 0) {
            return -1;
        }
        in = g_gsum;
    }
    switch (l->type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE: {
        const uint32_t band = band_rows(l, 1), wpp = words_per_pixel(&l->out);
        const st_tensor_t *res_t = l->res_src >= 0 ? res_tensor(img, l) : NULL;
        const int res_bytes = l->res_src == 0 && img->input_is_bytes;
        uint32_t y0, y1;
        int wdec_ok;
        if (band == 0u) {
            printf("selftest: layer %u: one output row needs more than %u accumulators or %u output words\n",
                   (unsigned)i, (unsigned)ST_APP_ACC_WORDS, (unsigned)ST_APP_BAND_WORDS);
            return -1;
        }
        wdec_ok = decode_weights(img, al);
        for (y0 = 0; y0 < l->out.h; y0 = y1) {
            st_layer_t view = *l;
            const uint32_t *res = NULL;
            y1 = y0 + band < l->out.h ? y0 + band : l->out.h;
            conv_rows(img, al, wdec_ok, in, y0, y1);
            /* the band as a layer of its own: out.h rows, the residual source from row y0 on */
            view.out.h = (uint16_t)(y1 - y0);
            if (res_t != NULL) {
                res = st_app_ptr(img, al->res_off) + (res_bytes ? 0u : y0 * l->out.w * words_per_pixel(res_t));
            }
            st_finish_packed(&view, st_app_ptr(img, al->p_off), g_acc, res_t, res_bytes, res, g_band);
            bad = compare_words(i, g_band, hw_out, y0 * l->out.w * wpp, (y1 - y0) * l->out.w * wpp, bad);
        }
        return bad;
    }
    case ST_LAYER_MAXPOOL: {
        /* no padding: output rows y0..y1-1 read input rows y0*S .. (y1-1)*S + K - 1 only */
        const uint32_t wpp = words_per_pixel(&l->out), row = (uint32_t)l->out.w * wpp;
        const uint32_t band = ST_APP_BAND_WORDS / row;
        uint32_t y0, y1;
        if (band == 0u || al->in_bytes) {
            printf("selftest: layer %u: cannot compare this MAXPOOL in bands\n", (unsigned)i);
            return -1;
        }
        for (y0 = 0; y0 < l->out.h; y0 = y1) {
            st_layer_t view = *l;
            y1 = y0 + band < l->out.h ? y0 + band : l->out.h;
            view.out.h = (uint16_t)(y1 - y0);
            view.in.h = (uint16_t)((y1 - 1u - y0) * l->stride + l->kh);
            st_maxpool_packed(&view, 0, in + y0 * l->stride * (uint32_t)l->in.w * words_per_pixel(&l->in), g_band);
            bad = compare_words(i, g_band, hw_out, y0 * row, (y1 - y0) * row, bad);
        }
        return bad;
    }
    case ST_LAYER_GSUM:
        if (st_app_sw_layer(img, i, in, g_gsum) != 0) {
            return -1;
        }
        return compare_words(i, g_gsum, hw_out, 0u, st_tensor_words(&l->out, 0), 0);
    default:
        return -1;
    }
}

/* ---- the accelerator ----------------------------------------------------------------------------------------- */

uint32_t st_app_time_limit(const st_app_image_t *img)
{
    const uint64_t t = 64u * img->macs + 1000000u;
    return t > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)t;
}

uint32_t st_app_mean(uint64_t s, uint32_t n)
{
    uint32_t q = 0, r = 0, i;

    for (i = 0; i < 64u; i++, s <<= 1) {
        r = (r << 1) | (uint32_t)(s >> 63);
        q <<= 1;
        if (r >= n) {
            r -= n;
            q |= 1u;
        }
    }
    return q;
}

uint32_t st_app_clock(void)
{
    return st_rdcycle();
}

void st_app_print_status(const char *what, st_accel_status_t s, const st_accel_t *h)
{
    printf("%s: %s (%lu): %s", what, st_accel_err_str(s), (unsigned long)s, st_accel_err_desc(s));
    if (s >= 1u && s <= ST_ACCEL_HW_ERR_MAX && h != NULL) {
        printf(", at descriptor %lu", (unsigned long)h->err_desc);
    }
    if (s == ST_ACCEL_E_CAPS && h != NULL && h->caps_fail != NULL) {
        printf(": %s", h->caps_fail);
    }
    printf("\n");
}

st_accel_status_t st_app_probe(st_accel_t *h, const st_app_image_t *img)
{
    const st_accel_caps_t need = {img->caps0, img->caps1, img->caps2, img->caps3};
    st_accel_status_t s = st_accel_probe(h, ST_ACCEL_BASE, &need);

    if (s != ST_ACCEL_OK) {
        st_app_print_status("probe", s, h);
        if (s == ST_ACCEL_E_CAPS) {
            printf("probe: the image was compiled for CAPS %08lx %08lx %08lx %08lx, the hardware has %08lx %08lx "
                   "%08lx %08lx (stc compile --caps)\n",
                   (unsigned long)img->caps0, (unsigned long)img->caps1, (unsigned long)img->caps2,
                   (unsigned long)img->caps3, (unsigned long)h->caps.caps0, (unsigned long)h->caps.caps1,
                   (unsigned long)h->caps.caps2, (unsigned long)h->caps.caps3);
        }
    }
    return s;
}
