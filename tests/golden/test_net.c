/* SPDX-License-Identifier: Apache-2.0 */
/* test_net.c - the whole-network runner st_net_run(): on networks built in memory (no model file),
 * both forms must give identical tensors after every layer, equal to the tensors the layer API gives
 * when called directly; a tiny network is checked against values computed by hand; and the runner's
 * error paths (scratch too small, bad input code, broken chain, misplaced output layer, early stop). */
#include <stdlib.h>
#include <string.h>

#include "st_golden.h"
#include "st_test.h"

#define MAX_T (1u << 16) /* elements of any tensor in these networks */

/* A network under construction: its model, its parameter storage and the tensors the layer API gives. */
typedef struct {
    st_model_t m;
    int8_t *w[ST_MAX_LAYERS];
    int32_t *thr[ST_MAX_LAYERS], *mult[ST_MAX_LAYERS], *bias[ST_MAX_LAYERS];
    int8_t *sign[ST_MAX_LAYERS];
    uint16_t *codes[ST_MAX_LAYERS + 1]; /* expected canonical tensors (MAC layer calls) */
    int32_t *ints;                      /* expected output layer results */
    uint8_t input[MAX_T];
} net_t;

static st_tensor_t tensor(uint32_t h, uint32_t w, uint32_t c, uint32_t bits, uint32_t bip)
{
    st_tensor_t t;
    memset(&t, 0, sizeof t);
    t.h = (uint16_t)h;
    t.w = (uint16_t)w;
    t.c = (uint16_t)c;
    t.bits = (uint8_t)bits;
    t.bipolar = (uint8_t)bip;
    return t;
}

static void net_init(net_t *n, uint32_t h, uint32_t w, uint32_t c, uint32_t bits, uint32_t bip, uint32_t classes)
{
    memset(n, 0, sizeof *n);
    memcpy(n->m.name, "test", 5);
    n->m.input = tensor(h, w, c, bits, bip);
    n->m.num_classes = (uint16_t)classes;
    n->m.in_scale_num = n->m.in_scale_den = 1;
}

static void net_free(net_t *n)
{
    uint32_t i;
    for (i = 0; i < ST_MAX_LAYERS; i++) {
        free(n->w[i]);
        free(n->thr[i]);
        free(n->mult[i]);
        free(n->bias[i]);
        free(n->sign[i]);
    }
    for (i = 0; i <= ST_MAX_LAYERS; i++) {
        free(n->codes[i]);
    }
    free(n->ints);
}

static const st_tensor_t *tensor_of(const net_t *n, uint32_t t)
{
    return t == 0u ? &n->m.input : &n->m.layers[t - 1u].out;
}

/* Append a layer; shapes follow numerics.md §2. res_src < 0: no residual. */
static st_layer_t *add(net_t *n, uint8_t type, uint8_t k, uint8_t s, uint8_t p, uint8_t w_bits, uint16_t out_c,
                       uint8_t out_bits, uint8_t out_bip, int res_src)
{
    const uint32_t li = n->m.n_layers++;
    st_layer_t *l = &n->m.layers[li];
    const st_tensor_t *in = tensor_of(n, li);

    memset(l, 0, sizeof *l);
    l->type = type;
    l->in = *in;
    l->res_src = (int16_t)res_src;
    switch (type) {
    case ST_LAYER_CONV:
    case ST_LAYER_DENSE:
        if (type == ST_LAYER_DENSE) {
            k = 0;
            s = 1;
            p = 0;
            l->kh = (uint8_t)in->h;
            l->kw = (uint8_t)in->w;
        } else {
            l->kh = l->kw = k;
        }
        l->stride = s;
        l->pad = p;
        l->w_bits = w_bits;
        l->out_bits = out_bits;
        l->out_bipolar = out_bip;
        l->out = tensor((in->h + 2u * p - l->kh) / s + 1u, (in->w + 2u * p - l->kw) / s + 1u, out_c,
                        out_bits ? out_bits : 32u, out_bip);
        l->out.is_int32 = (uint8_t)(out_bits == 0u);
        break;
    case ST_LAYER_MAXPOOL:
        l->kh = l->kw = k;
        l->stride = s;
        l->out = tensor((in->h - k) / s + 1u, (in->w - k) / s + 1u, in->c, in->bits, in->bipolar);
        break;
    default:
        l->out = tensor(1, 1, in->c, st_gsum_bits(in->bits, in->h, in->w), 0);
        break;
    }
    return l;
}

/* Give every CONV / DENSE layer random weights, and thresholds drawn from its own accumulators (so codes
 * spread over the whole range, with exact ties), computing the expected tensors with the layer API. */
static void finish_net(net_t *n, st_rng_t *r, int with_bias)
{
    uint32_t li, e;
    const st_tensor_t *t0 = &n->m.input;
    const uint32_t e0 = (uint32_t)t0->h * t0->w * t0->c;

    n->codes[0] = calloc(MAX_T, sizeof(uint16_t));
    for (e = 0; e < e0; e++) {
        n->input[e] = (uint8_t)rng_range(r, 0, (1 << t0->bits) - 1);
        n->codes[0][e] = n->input[e];
    }
    for (li = 0; li < n->m.n_layers; li++) {
        st_layer_t *l = &n->m.layers[li];
        const uint32_t o_n = l->out.c, npix = (uint32_t)l->out.h * l->out.w;
        n->codes[li + 1u] = calloc(MAX_T, sizeof(uint16_t));
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            const uint32_t nw = st_layer_kh(l) * st_layer_kw(l) * l->in.c * o_n, nt = st_layer_nt(l);
            const st_tensor_t *res_t = l->res_src >= 0 ? tensor_of(n, (uint32_t)l->res_src) : NULL;
            const int32_t lo = l->w_bits == 1u ? -1 : -(1 << (l->w_bits - 1u));
            const int32_t hi = l->w_bits == 1u ? 1 : (1 << (l->w_bits - 1u)) - 1;
            int32_t *acc = calloc(npix * o_n, sizeof(int32_t));
            uint32_t o, k;
            n->w[li] = malloc(nw);
            for (e = 0; e < nw; e++) {
                int32_t v = (int32_t)rng_range(r, lo, hi);
                n->w[li][e] = (int8_t)(l->w_bits == 1u && v == 0 ? 1 : v);
            }
            l->weights = n->w[li];
            if (res_t != NULL) {
                n->mult[li] = malloc(o_n * sizeof(int32_t));
                for (o = 0; o < o_n; o++) {
                    n->mult[li][o] = (int32_t)rng_range(r, -6, 6);
                }
                l->res_mult = n->mult[li];
            }
            st_conv_acc_mac(l, n->codes[li], acc);
            if (nt > 0u) {
                n->thr[li] = malloc(o_n * nt * sizeof(int32_t));
                n->sign[li] = malloc(o_n);
                for (o = 0; o < o_n; o++) {
                    int32_t *t = n->thr[li] + o * nt;
                    n->sign[li][o] = (int8_t)(rng_chance(r, 1, 3) ? -1 : 1);
                    for (k = 0; k < nt; k++) {
                        /* s * (acc + M r) at a random pixel: residual included so ties stay exact */
                        const uint32_t px = (uint32_t)(rng_next(r) % npix);
                        int64_t a = acc[px * o_n + o];
                        if (res_t != NULL) {
                            a += (int64_t)l->res_mult[o] *
                                 st_code_value(res_t, n->codes[l->res_src][px * o_n + o]);
                        }
                        t[k] = (int32_t)(n->sign[li][o] * a);
                    }
                    for (k = 1; k < nt; k++) { /* insertion sort */
                        uint32_t j = k;
                        while (j > 0u && t[j - 1u] > t[j]) {
                            int32_t x = t[j];
                            t[j] = t[j - 1u];
                            t[j - 1u] = x;
                            j--;
                        }
                    }
                }
                l->thresholds = n->thr[li];
                l->signs = n->sign[li];
                st_finish(l, acc, res_t, res_t ? n->codes[l->res_src] : NULL, n->codes[li + 1u], NULL);
            } else {
                if (with_bias) {
                    n->bias[li] = malloc(o_n * sizeof(int32_t));
                    for (o = 0; o < o_n; o++) {
                        n->bias[li][o] = (int32_t)rng_range(r, -50, 50);
                    }
                    l->bias = n->bias[li];
                }
                n->ints = calloc(o_n, sizeof(int32_t));
                st_finish(l, acc, res_t, res_t ? n->codes[l->res_src] : NULL, NULL, n->ints);
            }
            free(acc);
        } else if (l->type == ST_LAYER_MAXPOOL) {
            st_maxpool(l, n->codes[li], n->codes[li + 1u]);
        } else {
            st_gsum(l, n->codes[li], n->codes[li + 1u]);
        }
    }
}

/* ---- running and comparing -------------------------------------------------------------------- */

typedef struct {
    const net_t *n;
    const char *name;
    const char *form;
    uint32_t calls, stop_after;
    int32_t *dump_ints[ST_MAX_LAYERS];
    uint16_t *dump_codes[ST_MAX_LAYERS];
} dump_t;

/* Per-layer callback: keep a copy of the tensor and compare it with the expected one. */
static int on_layer(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes, const int32_t *ints)
{
    dump_t *d = (dump_t *)user;
    const uint32_t ne = (uint32_t)t->h * t->w * t->c;
    uint32_t e, bad = 0;
    char what[128];

    d->calls++;
    if (t->is_int32) {
        d->dump_ints[layer] = malloc(ne * sizeof(int32_t));
        memcpy(d->dump_ints[layer], ints, ne * sizeof(int32_t));
        for (e = 0; e < ne && bad < 3u; e++) {
            if (ints[e] != d->n->ints[e]) {
                snprintf(what, sizeof what, "%s %s: layer %" PRIu32 " int32 output [%" PRIu32 "] vs layer API", d->name, d->form, layer, e);
                CHECK_EQ(what, d->n->ints[e], ints[e]);
                bad++;
            }
        }
    } else {
        d->dump_codes[layer] = malloc(ne * sizeof(uint16_t));
        memcpy(d->dump_codes[layer], codes, ne * sizeof(uint16_t));
        for (e = 0; e < ne && bad < 3u; e++) {
            if (codes[e] != d->n->codes[layer + 1u][e]) {
                snprintf(what, sizeof what, "%s %s: layer %" PRIu32 " code [%" PRIu32 "] vs layer API", d->name, d->form, layer, e);
                CHECK_EQ(what, d->n->codes[layer + 1u][e], codes[e]);
                bad++;
            }
        }
    }
    snprintf(what, sizeof what, "%s %s: layer %" PRIu32 " tensor equals the layer API's", d->name, d->form, layer);
    CHECK_EQ(what, 0, bad);
    return d->stop_after != 0u && d->calls >= d->stop_after;
}

static void dump_free(dump_t *d)
{
    uint32_t i;
    for (i = 0; i < ST_MAX_LAYERS; i++) {
        free(d->dump_ints[i]);
        free(d->dump_codes[i]);
    }
}

/* Run both forms, compare them layer by layer, and return the class of the bit-plane run. */
static uint32_t run_both(const net_t *n, const char *name, int32_t *scores_out)
{
    dump_t d[2];
    int32_t scores[2][ST_MAX_CLASSES];
    uint32_t cls[2], f, li, e;
    char what[128];

    for (f = 0; f < 2; f++) {
        const st_form_t form = f ? ST_FORM_BITPLANE : ST_FORM_MAC;
        const size_t need = st_net_scratch_bytes(&n->m, form);
        uint8_t *scratch = malloc(need + 1u);
        st_status_t st;
        memset(&d[f], 0, sizeof d[f]);
        d[f].n = n;
        d[f].name = name;
        d[f].form = f ? "bit-plane" : "MAC";
        snprintf(what, sizeof what, "%s %s: scratch size > 0", name, d[f].form);
        CHECK_TRUE(what, need > 0u);
        /* scratch + 1: the runner must cope with an unaligned buffer */
        st = st_net_run(&n->m, form, n->input, scratch + 1, need, on_layer, &d[f], scores[f], &cls[f]);
        snprintf(what, sizeof what, "%s %s: st_net_run status", name, d[f].form);
        CHECK_EQ(what, ST_OK, st);
        snprintf(what, sizeof what, "%s %s: callback once per layer", name, d[f].form);
        CHECK_EQ(what, n->m.n_layers, d[f].calls);
        free(scratch);
    }
    for (li = 0; li < n->m.n_layers; li++) {
        const st_tensor_t *t = &n->m.layers[li].out;
        const uint32_t ne = (uint32_t)t->h * t->w * t->c;
        uint32_t diff = 0;
        if (d[0].calls <= li || d[1].calls <= li) {
            break;
        }
        for (e = 0; e < ne; e++) {
            const long long a = t->is_int32 ? d[0].dump_ints[li][e] : d[0].dump_codes[li][e];
            const long long b = t->is_int32 ? d[1].dump_ints[li][e] : d[1].dump_codes[li][e];
            if (a != b && diff++ < 3u) {
                printf("MISMATCH %s layer %" PRIu32 " index %" PRIu32 ": MAC=%lld bit-plane=%lld\n", name, li, e, a, b);
            }
        }
        snprintf(what, sizeof what, "%s: layer %" PRIu32 " identical in both forms", name, li);
        CHECK_EQ(what, 0, diff);
    }
    for (e = 0; e < n->m.num_classes; e++) {
        snprintf(what, sizeof what, "%s: score %" PRIu32 " equal in both forms", name, e);
        CHECK_EQ(what, scores[0][e], scores[1][e]);
    }
    snprintf(what, sizeof what, "%s: class equal in both forms", name);
    CHECK_EQ(what, cls[0], cls[1]);
    snprintf(what, sizeof what, "%s: class is the argmax of the scores", name);
    CHECK_EQ(what, st_argmax(scores[1], n->m.num_classes), cls[1]);
    if (scores_out != NULL) {
        memcpy(scores_out, scores[1], n->m.num_classes * sizeof(int32_t));
    }
    dump_free(&d[0]);
    dump_free(&d[1]);
    return cls[1];
}

/* ---- networks ---------------------------------------------------------------------------------- */

static void test_hand_net(void)
{
    /* input 2x2x1 2-bit codes 1 2 3 0
     * L0 CONV 1x1, 2-bit weights ch0 = +1, ch1 = -1: acc ch0 = x, ch1 = -x;
     *    1-bit outputs, ch0: T = 2 (x >= 2) -> 0 1 1 0; ch1: T = -1 (-x >= -1) -> 1 0 0 1
     * L1 GSUM -> ch0 = 2, ch1 = 2 (width bitlen(1*4) = 3)
     * L2 DENSE -> 3 classes, 2-bit weights c0 = (1, 1) -> 4, c1 = (1, -1) -> 0, c2 = (-2, 1) -> -2;
     *    bias 0, 4, 6 -> scores 4 4 4: a three-way tie, class 0 (lowest index). */
    static const int8_t w0[2] = {1, -1}, w2[6] = {1, 1, 1, -1, -2, 1}, sg[2] = {1, 1};
    static const int32_t t0[2] = {2, -1}, b2[3] = {0, 4, 6};
    static const uint16_t e1[8] = {0, 1, 1, 0, 1, 0, 0, 1}, e2[2] = {2, 2};
    static const int32_t e3[3] = {4, 4, 4};
    static net_t n;
    int32_t scores[3];
    st_layer_t *l;
    uint32_t cls, e;

    net_init(&n, 2, 2, 1, 2, 0, 3);
    l = add(&n, ST_LAYER_CONV, 1, 1, 0, 2, 2, 1, 0, -1);
    l->weights = w0;
    l->thresholds = t0;
    l->signs = sg;
    add(&n, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, -1);
    CHECK_EQ("hand net: GSUM width", 3, n.m.layers[1].out.bits);
    l = add(&n, ST_LAYER_DENSE, 0, 0, 0, 2, 3, 0, 0, -1);
    l->weights = w2;
    l->bias = b2;
    n.input[0] = 1;
    n.input[1] = 2;
    n.input[2] = 3;
    n.input[3] = 0;
    n.codes[0] = calloc(4, sizeof(uint16_t));
    n.codes[1] = calloc(8, sizeof(uint16_t));
    n.codes[2] = calloc(2, sizeof(uint16_t));
    n.ints = calloc(3, sizeof(int32_t));
    for (e = 0; e < 8; e++) {
        n.codes[1][e] = e1[e];
    }
    n.codes[2][0] = e2[0];
    n.codes[2][1] = e2[1];
    for (e = 0; e < 3; e++) {
        n.ints[e] = e3[e];
    }
    CHECK_EQ("hand net: st_net_check", ST_OK, st_net_check(&n.m, NULL));
    cls = run_both(&n, "hand net", scores);
    for (e = 0; e < 3; e++) {
        CHECK_EQ("hand net: score", e3[e], scores[e]);
    }
    CHECK_EQ("hand net: three-way tie -> class 0", 0, cls);
    free(n.codes[0]); /* not net_free(): the parameters here are static arrays */
    free(n.codes[1]);
    free(n.codes[2]);
    free(n.ints);
}

/* ResNet-like: 8-bit input, a residual from the network input (BYTES), max pooling, 40 channels
 * (two words per plane), a second residual, GSUM -> DENSE output with bias. */
static void build_resnet(net_t *n, st_rng_t *r)
{
    net_init(n, 6, 6, 3, 8, 0, 10);
    add(n, ST_LAYER_CONV, 3, 1, 1, 3, 8, 2, 0, -1); /* t1 6x6x8 2-bit */
    add(n, ST_LAYER_CONV, 3, 1, 1, 2, 3, 4, 0, 0);  /* t2 6x6x3 4-bit, + M * input */
    add(n, ST_LAYER_MAXPOOL, 2, 2, 0, 0, 0, 0, 0, -1); /* t3 3x3x3 */
    add(n, ST_LAYER_CONV, 3, 1, 1, 1, 40, 2, 0, -1);   /* t4 3x3x40, bipolar weights */
    add(n, ST_LAYER_CONV, 1, 1, 0, 4, 40, 3, 0, 4);    /* t5 3x3x40 3-bit, + M * t4 */
    add(n, ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, -1);    /* t6 1x1x40, 6-bit sums */
    add(n, ST_LAYER_DENSE, 0, 0, 0, 8, 10, 0, 0, -1);  /* t7 10 scores */
    finish_net(n, r, 1);
}

/* Bipolar: 1-bit bipolar input with padding everywhere, bipolar outputs, 33 channels, a bipolar
 * residual, max pooling of bipolar codes, DENSE output with bipolar weights. */
static void build_bipolar(net_t *n, st_rng_t *r)
{
    net_init(n, 5, 5, 2, 1, 1, 4);
    add(n, ST_LAYER_CONV, 3, 1, 1, 1, 33, 1, 1, -1); /* t1 5x5x33 bipolar */
    add(n, ST_LAYER_CONV, 3, 1, 1, 2, 33, 1, 1, 1);  /* t2 5x5x33 bipolar, + M * t1 (bipolar) */
    add(n, ST_LAYER_CONV, 3, 2, 1, 3, 33, 1, 1, -1); /* t3 3x3x33 bipolar, stride 2 */
    add(n, ST_LAYER_MAXPOOL, 2, 1, 0, 0, 0, 0, 0, -1); /* t4 2x2x33 */
    add(n, ST_LAYER_DENSE, 0, 0, 0, 1, 4, 0, 0, -1);   /* t5 4 scores */
    finish_net(n, r, 1);
}

/* Strides and big kernels on a narrow-code input, 4-bit activations, a 1x1 residual, no bias. */
static void build_strided(net_t *n, st_rng_t *r)
{
    net_init(n, 11, 9, 1, 3, 0, 5);
    add(n, ST_LAYER_CONV, 7, 4, 3, 5, 7, 4, 0, -1);    /* t1 3x3x7 */
    add(n, ST_LAYER_CONV, 1, 1, 0, 6, 7, 2, 0, 1);     /* t2 3x3x7, + M * t1 */
    add(n, ST_LAYER_CONV, 2, 1, 0, 7, 65, 1, 0, -1);   /* t3 2x2x65 */
    add(n, ST_LAYER_DENSE, 0, 0, 0, 2, 5, 0, 0, -1);   /* t4 5 scores */
    finish_net(n, r, 0);
}

static void test_random_nets(void)
{
    static net_t n;
    uint32_t s;
    char name[64];

    for (s = 0; s < 8; s++) {
        st_rng_t r;
        r.s = 0x5EED0000u + s;
        build_resnet(&n, &r);
        snprintf(name, sizeof name, "resnet seed %" PRIu32 "", s);
        CHECK_EQ("resnet: st_net_check", ST_OK, st_net_check(&n.m, NULL));
        run_both(&n, name, NULL);
        net_free(&n);

        build_bipolar(&n, &r);
        snprintf(name, sizeof name, "bipolar seed %" PRIu32 "", s);
        CHECK_EQ("bipolar: st_net_check", ST_OK, st_net_check(&n.m, NULL));
        run_both(&n, name, NULL);
        net_free(&n);

        build_strided(&n, &r);
        snprintf(name, sizeof name, "strided seed %" PRIu32 "", s);
        CHECK_EQ("strided: st_net_check", ST_OK, st_net_check(&n.m, NULL));
        run_both(&n, name, NULL);
        net_free(&n);
    }
}

/* ---- error paths ------------------------------------------------------------------------------ */

static void test_errors(void)
{
    static net_t n;
    st_rng_t r;
    st_diag_t d;
    size_t need;
    uint8_t *scratch;
    int32_t scores[10];
    uint32_t cls = 77;
    dump_t du;

    r.s = 42;
    build_resnet(&n, &r);
    need = st_net_scratch_bytes(&n.m, ST_FORM_BITPLANE);
    scratch = malloc(need);

    CHECK_EQ("errors: scratch one byte short", ST_ERR_ARG,
             st_net_run(&n.m, ST_FORM_BITPLANE, n.input, scratch, need - 1u, NULL, NULL, scores, &cls));
    CHECK_EQ("errors: NULL input", ST_ERR_ARG,
             st_net_run(&n.m, ST_FORM_MAC, NULL, scratch, need, NULL, NULL, scores, &cls));
    CHECK_EQ("errors: bad form", ST_ERR_ARG,
             st_net_run(&n.m, (st_form_t)7, n.input, scratch, need, NULL, NULL, scores, &cls));

    /* Early stop: after 2 layers, ST_OK, and cls untouched. */
    memset(&du, 0, sizeof du);
    du.n = &n;
    du.name = "early stop";
    du.form = "bit-plane";
    du.stop_after = 2;
    CHECK_EQ("errors: early stop returns ST_OK", ST_OK,
             st_net_run(&n.m, ST_FORM_BITPLANE, n.input, scratch, need, on_layer, &du, scores, &cls));
    CHECK_EQ("errors: early stop after 2 callbacks", 2, du.calls);
    CHECK_EQ("errors: early stop leaves cls alone", 77, cls);
    dump_free(&du);

    /* An 8-bit input cannot be wrong; a 3-bit one can: code 8 does not fit. */
    n.m.input.bits = 3;
    n.m.layers[0].in.bits = 3;
    for (cls = 0; cls < 6u * 6u * 3u; cls++) {
        n.input[cls] &= 7u;
    }
    cls = 77;
    CHECK_EQ("errors: 3-bit input model still checks", ST_OK, st_net_check(&n.m, &d));
    n.input[5] = 8;
    CHECK_EQ("errors: input code 8 in a 3-bit input", ST_ERR_ARG,
             st_net_run(&n.m, ST_FORM_MAC, n.input, scratch, need, NULL, NULL, scores, &cls));
    n.input[5] = 7;
    CHECK_EQ("errors: input code 7 in a 3-bit input", ST_OK,
             st_net_run(&n.m, ST_FORM_MAC, n.input, scratch, need, NULL, NULL, scores, &cls));

    /* Broken chain: layer 3 claims an input shape that layer 2 does not produce. */
    n.m.layers[3].in.c = 4;
    CHECK_EQ("errors: broken chain", ST_ERR_SHAPE, st_net_check(&n.m, &d));
    CHECK_EQ("errors: broken chain names layer 3", 3, d.layer);
    CHECK_TRUE("errors: broken chain message", strstr(d.msg, "layer 3 (CONV)") != NULL);
    CHECK_EQ("errors: st_net_run refuses it too", ST_ERR_SHAPE,
             st_net_run(&n.m, ST_FORM_MAC, n.input, scratch, need, NULL, NULL, scores, &cls));
    CHECK_EQ("errors: no scratch size for a bad model", 0, st_net_scratch_bytes(&n.m, ST_FORM_MAC));
    n.m.layers[3].in.c = 3;

    /* A residual from a later tensor. */
    n.m.layers[4].res_src = 6;
    CHECK_EQ("errors: residual from a later tensor", ST_ERR_MULT, st_net_check(&n.m, &d));
    n.m.layers[4].res_src = 4;

    /* Output layer not last: drop the last two layers so the net ends in CONV. */
    n.m.n_layers = 5;
    CHECK_EQ("errors: last layer not an output layer", ST_ERR_NETWORK, st_net_check(&n.m, &d));
    CHECK_EQ("errors: ... names layer 4", 4, d.layer);
    n.m.n_layers = 7;
    n.m.num_classes = 9;
    CHECK_EQ("errors: classes differ from the output channels", ST_ERR_NETWORK, st_net_check(&n.m, &d));
    n.m.num_classes = 10;
    CHECK_EQ("errors: restored model checks", ST_OK, st_net_check(&n.m, &d));

    free(scratch);
    net_free(&n);
}

int main(void)
{
    test_hand_net();
    test_random_nets();
    test_errors();
    return st_t_summary();
}
