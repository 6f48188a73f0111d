/* SPDX-License-Identifier: Apache-2.0 */
/* test_unit.c - golden model unit tests: every layer type against outputs computed by hand (the
 * arithmetic is written out next to each case), each checked in both the MAC form and the bit-plane
 * form; pack / unpack against hand-written RAM words; the layer check's rejections. */
#include <limits.h>
#include <string.h>

#include "st_golden.h"
#include "st_test.h"

#define MAXE 4096

static st_tensor_t T(uint16_t h, uint16_t w, uint16_t c, uint8_t bits, uint8_t bipolar)
{
    st_tensor_t t;
    memset(&t, 0, sizeof t);
    t.h = h;
    t.w = w;
    t.c = c;
    t.bits = bits;
    t.bipolar = bipolar;
    return t;
}

/* A CONV (or DENSE when type says so) layer; the output shape follows numerics.md §2. */
static st_layer_t conv(uint8_t type, st_tensor_t in, uint8_t kh, uint8_t kw, uint8_t s, uint8_t p, uint8_t w_bits,
                       uint16_t out_c, uint8_t out_bits, uint8_t out_bip, const int8_t *w, const int32_t *thr,
                       const int8_t *signs, const int32_t *bias)
{
    st_layer_t l;
    memset(&l, 0, sizeof l);
    l.type = type;
    if (type == ST_LAYER_DENSE) {
        kh = (uint8_t)in.h;
        kw = (uint8_t)in.w;
        s = 1;
        p = 0;
    }
    l.kh = kh;
    l.kw = kw;
    l.stride = s;
    l.pad = p;
    l.w_bits = w_bits;
    l.out_bits = out_bits;
    l.out_bipolar = out_bip;
    l.res_src = -1;
    l.in = in;
    l.out = T((uint16_t)((in.h + 2 * p - kh) / s + 1), (uint16_t)((in.w + 2 * p - kw) / s + 1), out_c, out_bits,
              out_bip);
    if (out_bits == 0) {
        l.out.bits = 32;
        l.out.is_int32 = 1;
    }
    l.weights = w;
    l.thresholds = thr;
    l.signs = signs;
    l.bias = bias;
    return l;
}

/* Results of one CONV / DENSE layer in both forms. */
typedef struct {
    int32_t acc_mac[MAXE], acc_bp[MAXE];
    uint16_t code_mac[MAXE], code_bp[MAXE];
    int32_t int_mac[MAXE], int_bp[MAXE];
} both_t;

static both_t R;
static uint32_t in_pk[MAXE], res_pk[MAXE], w_pk[MAXE], p_pk[MAXE], out_pk[MAXE];

static void pack_any(const st_tensor_t *t, int bytes, const uint16_t *codes, uint32_t *dst)
{
    if (bytes) {
        st_pack_bytes(t, codes, dst);
    } else {
        st_pack_planes(t, codes, dst);
    }
}

/* Run layer l on in (BYTES layout when in_bytes) with an optional residual, in both forms. */
static void run_conv(const char *name, const st_layer_t *l, const uint16_t *in, int in_bytes, const st_tensor_t *res_t,
                     const uint16_t *res, int res_bytes)
{
    const uint32_t n = (uint32_t)l->out.h * l->out.w * l->out.c;
    st_diag_t d;
    char what[96];

    memset(&R, 0x5A, sizeof R);
    memset(&d, 0, sizeof d);
    snprintf(what, sizeof what, "%s: st_layer_check accepts the layer", name);
    CHECK_EQ(what, ST_OK, st_layer_check(l, res_t, &d));
    if (d.status != ST_OK) {
        printf("  diag: %s\n", d.msg);
    }
    st_conv_acc_mac(l, in, R.acc_mac);
    st_finish(l, R.acc_mac, res_t, res, R.code_mac, R.int_mac);

    pack_any(&l->in, in_bytes, in, in_pk);
    if (res_t != NULL) {
        pack_any(res_t, res_bytes, res, res_pk);
    }
    st_pack_weights(l, in_bytes, w_pk);
    st_pack_params(l, p_pk);
    st_conv_acc_bitplane(l, in_bytes, in_pk, w_pk, R.acc_bp);
    st_finish_packed(l, p_pk, R.acc_bp, res_t, res_bytes, res_pk, out_pk);
    if (l->out_bits == 0) {
        memcpy(R.int_bp, out_pk, n * sizeof(int32_t));
    } else {
        st_unpack_planes(&l->out, out_pk, R.code_bp);
    }
}

static void expect_acc(const char *name, const int32_t *exp, uint32_t n)
{
    char what[96];
    uint32_t i;
    for (i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s: acc[%" PRIu32 "] MAC form", name, i);
        CHECK_EQ(what, exp[i], R.acc_mac[i]);
        snprintf(what, sizeof what, "%s: acc[%" PRIu32 "] bit-plane form", name, i);
        CHECK_EQ(what, exp[i], R.acc_bp[i]);
    }
}

static void expect_codes(const char *name, const uint16_t *exp, uint32_t n)
{
    char what[96];
    uint32_t i;
    for (i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s: code[%" PRIu32 "] MAC form", name, i);
        CHECK_EQ(what, exp[i], R.code_mac[i]);
        snprintf(what, sizeof what, "%s: code[%" PRIu32 "] bit-plane form", name, i);
        CHECK_EQ(what, exp[i], R.code_bp[i]);
    }
}

static void expect_ints(const char *name, const int32_t *exp, uint32_t n)
{
    char what[96];
    uint32_t i;
    for (i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s: out[%" PRIu32 "] MAC form", name, i);
        CHECK_EQ(what, exp[i], R.int_mac[i]);
        snprintf(what, sizeof what, "%s: out[%" PRIu32 "] bit-plane form", name, i);
        CHECK_EQ(what, exp[i], R.int_bp[i]);
    }
}

/* ---- CONV with padding and stride ------------------------------------------------------------ */

static void test_conv_pad_stride(void)
{
    /* 4x4x1 2-bit input, 3x3 kernel, stride 2, pad 1, 3-bit weights, 2-bit output with ties.
     *   in = 1 2 3 0      w =  1  0 -1
     *        0 1 2 3           2 -4  3
     *        3 0 1 2           0  1 -2
     *        2 3 0 1
     * (0,0): taps in rows 0..1, cols 0..1 only: 1*-4 + 2*3 + 0*1 + 1*-2 = 0
     * (0,1): rows 0..1, cols 1..3: (2*2 + 3*-4 + 0*3) + (1*0 + 2*1 + 3*-2) = -8 - 4 = -12
     * (1,0): rows 1..3, cols 0..1: (0*0 + 1*-1) + (3*-4 + 0*3) + (2*1 + 3*-2) = -1 - 12 - 4 = -17
     * (1,1): rows 1..3, cols 1..3: (1 + 0 - 3) + (0 - 4 + 6) + (0 + 0 - 2) = -2
     * Thresholds -12, -2, 0 (sign +1): 0 -> 3 (tie at 0), -12 -> 1 (tie), -17 -> 0, -2 -> 2 (tie). */
    static const uint16_t in[16] = {1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1};
    static const int8_t w[9] = {1, 0, -1, 2, -4, 3, 0, 1, -2};
    static const int32_t thr[3] = {-12, -2, 0};
    static const int8_t sg[1] = {1};
    static const int32_t acc[4] = {0, -12, -17, -2};
    static const uint16_t codes[4] = {3, 1, 0, 2};
    st_layer_t l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 3, 3, 2, 1, 3, 1, 2, 0, w, thr, sg, NULL);

    CHECK_EQ("conv pad/stride: output height", 2, l.out.h);
    run_conv("conv pad/stride", &l, in, 0, NULL, NULL, 0);
    expect_acc("conv pad/stride", acc, 4);
    expect_codes("conv pad/stride", codes, 4);
}

/* ---- bipolar activations: padding is a valid-tap mask, not -1 --------------------------------- */

static void test_bipolar_padding(void)
{
    /* 2x2x1 bipolar input codes 1 0 / 0 1 = values +1 -1 / -1 +1; 3x3 bipolar weights, pad 1:
     *   w = +1 -1 +1 / -1 +1 -1 / +1 +1 -1
     * (0,0): in(0,0)*w11 + in(0,1)*w12 + in(1,0)*w21 + in(1,1)*w22 = 1 + 1 - 1 - 1 = 0
     * (0,1): in(0,0)*w10 + in(0,1)*w11 + in(1,0)*w20 + in(1,1)*w21 = -1 - 1 - 1 + 1 = -2
     * (1,0): in(0,0)*w01 + in(0,1)*w02 + in(1,0)*w11 + in(1,1)*w12 = -1 - 1 - 1 - 1 = -4
     * (1,1): in(0,0)*w00 + in(0,1)*w01 + in(1,0)*w10 + in(1,1)*w11 = 1 + 1 + 1 + 1 = 4
     * (Padding with -1 would give other sums, e.g. (0,0) would add -(1-1+1-1+1) = -1.)
     * 1-bit bipolar output, threshold 0, sign -1: -acc = 0, 2, 4, -4 >= 0 -> 1 1 1 0. */
    static const uint16_t in[4] = {1, 0, 0, 1};
    static const int8_t w[9] = {1, -1, 1, -1, 1, -1, 1, 1, -1};
    static const int32_t thr[1] = {0};
    static const int8_t sg[1] = {-1};
    static const int32_t acc[4] = {0, -2, -4, 4};
    static const uint16_t codes[4] = {1, 1, 1, 0};
    st_layer_t l = conv(ST_LAYER_CONV, T(2, 2, 1, 1, 1), 3, 3, 1, 1, 1, 1, 1, 1, w, thr, sg, NULL);

    run_conv("bipolar padding", &l, in, 0, NULL, NULL, 0);
    expect_acc("bipolar padding", acc, 4);
    expect_codes("bipolar padding", codes, 4);
}

static void test_bipolar_bytes_padding_mbit(void)
{
    /* The same input and weight values as above, but the input is the network input (BYTES layout, taps
     * packed densely into one word, so padding taps sit inside the word) and the weights are 2-bit
     * two's complement (+1 = 01, -1 = 11). The values are the same, so the sums are 0 -2 -4 4 again;
     * here the valid-tap mask is what keeps pc(W_j & V) from counting the weights of padding taps. */
    static const uint16_t in[4] = {1, 0, 0, 1};
    static const int8_t w[9] = {1, -1, 1, -1, 1, -1, 1, 1, -1};
    static const int32_t acc[4] = {0, -2, -4, 4};
    st_layer_t l = conv(ST_LAYER_CONV, T(2, 2, 1, 1, 1), 3, 3, 1, 1, 2, 1, 0, 0, w, NULL, NULL, NULL);

    run_conv("bipolar BYTES padding 2-bit", &l, in, 1, NULL, NULL, 0);
    expect_acc("bipolar BYTES padding 2-bit", acc, 4);
    expect_ints("bipolar BYTES padding 2-bit", acc, 4);
}

static void test_bipolar_act_mbit_weights(void)
{
    /* 1x1x3 bipolar input codes 1 0 1 = +1 -1 +1 (3 real channels in a 32-bit word: V masks 29 bits);
     * 4-bit weights o0 = -8 7 3: -8 - 7 + 3 = -12; o1 = 0 -1 0: +1. Output layer, no bias. */
    static const uint16_t in[3] = {1, 0, 1};
    static const int8_t w[6] = {-8, 7, 3, 0, -1, 0};
    static const int32_t exp[2] = {-12, 1};
    st_layer_t l = conv(ST_LAYER_CONV, T(1, 1, 3, 1, 1), 1, 1, 1, 0, 4, 2, 0, 0, w, NULL, NULL, NULL);

    run_conv("bipolar x 4-bit", &l, in, 0, NULL, NULL, 0);
    expect_acc("bipolar x 4-bit", exp, 2);
    expect_ints("bipolar x 4-bit", exp, 2);
}

static void test_xnor_33_channels(void)
{
    /* 1x1x33 bipolar input, all +1; bipolar weights: o0 all +1 except channel 32 = -1 -> 32 - 1 = 31;
     * o1 all -1 -> -33. Channel 32 is alone in the second word: popcount(V) must be 1 there, not 32. */
    static uint16_t in[33];
    static int8_t w[66];
    static const int32_t exp[2] = {31, -33};
    int i;
    for (i = 0; i < 33; i++) {
        in[i] = 1;
        w[i] = (int8_t)(i == 32 ? -1 : 1);
        w[33 + i] = -1;
    }
    st_layer_t l = conv(ST_LAYER_CONV, T(1, 1, 33, 1, 1), 1, 1, 1, 0, 1, 2, 0, 0, w, NULL, NULL, NULL);
    run_conv("xnor 33 channels", &l, in, 0, NULL, NULL, 0);
    expect_acc("xnor 33 channels", exp, 2);
}

/* ---- 8-bit input (BYTES layout) --------------------------------------------------------------- */

static void test_8bit_input(void)
{
    /* 1x2x3 8-bit input: p0 = 255 0 128, p1 = 7 200 1; 1x1 conv, 8-bit weights o0 = -128 127 1,
     * o1 = 1 -1 2; output layer with bias 10, -20.
     * p0 o0: 255*-128 + 0 + 128 = -32640 + 128 = -32512     p0 o1: 255 - 0 + 256 = 511
     * p1 o0: 7*-128 + 200*127 + 1 = -896 + 25400 + 1 = 24505  p1 o1: 7 - 200 + 2 = -191 */
    static const uint16_t in[6] = {255, 0, 128, 7, 200, 1};
    static const int8_t w[6] = {-128, 127, 1, 1, -1, 2};
    static const int32_t bias[2] = {10, -20};
    static const int32_t acc[4] = {-32512, 511, 24505, -191};
    static const int32_t out[4] = {-32502, 491, 24515, -211};
    st_layer_t l = conv(ST_LAYER_CONV, T(1, 2, 3, 8, 0), 1, 1, 1, 0, 8, 2, 0, 0, w, NULL, NULL, bias);

    run_conv("8-bit input", &l, in, 1, NULL, NULL, 0);
    expect_acc("8-bit input", acc, 4);
    expect_ints("8-bit input", out, 4);
}

static void test_8bit_taps_cross_words(void)
{
    /* 3x3x5 8-bit input, code(y,x,c) = 10y + 3x + c; 3x3 kernel, no padding -> one output pixel.
     * 45 taps*channels = 45 bits: the dense BYTES k-vector spans two words.
     * o0: all weights +1 -> sum = 10*(0+1+2)*15 + 3*(0+1+2)*15 + (0+1+2+3+4)*9 = 450 + 135 + 90 = 675
     * o1: all weights -1 (2-bit 0b11) -> -675 */
    static uint16_t in[45];
    static int8_t w[90];
    static const int32_t exp[2] = {675, -675};
    int y, x, c, i;
    for (y = 0; y < 3; y++) {
        for (x = 0; x < 3; x++) {
            for (c = 0; c < 5; c++) {
                in[(y * 3 + x) * 5 + c] = (uint16_t)(10 * y + 3 * x + c);
            }
        }
    }
    for (i = 0; i < 45; i++) {
        w[i] = 1;
        w[45 + i] = -1;
    }
    st_layer_t l = conv(ST_LAYER_CONV, T(3, 3, 5, 8, 0), 3, 3, 1, 0, 2, 2, 0, 0, w, NULL, NULL, NULL);
    CHECK_EQ("8-bit taps: KWORDS in BYTES layout", 2, st_weight_kwords(&l, 1));
    run_conv("8-bit taps", &l, in, 1, NULL, NULL, 0);
    expect_acc("8-bit taps", exp, 2);
}

/* ---- bipolar weights, DENSE, 15 thresholds, extreme thresholds -------------------------------- */

static void test_dense_bipolar_weights_15_thresholds(void)
{
    /* DENSE over 1x1x3 4-bit codes 15 0 9; bipolar weights o0 = +1 -1 -1 -> 15 - 0 - 9 = 6,
     * o1 = -1 -1 +1 -> -15 - 0 + 9 = -6. 4-bit output: 15 thresholds per channel.
     * o0: T = -7..7, sign +1: #{T <= 6} = 14 (-7..6).
     * o1: T = MIN MIN MIN -6 -6 -6 -6 -5 0 0 0 MAX MAX MAX MAX, sign +1: acc -6 passes 3 + 4 = 7
     *     (ties at -6 count). */
    static const uint16_t in[3] = {15, 0, 9};
    static const int8_t w[6] = {1, -1, -1, -1, -1, 1};
    static const int32_t thr[30] = {-7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7,
                                    INT32_MIN, INT32_MIN, INT32_MIN, -6, -6, -6, -6, -5, 0, 0, 0,
                                    INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX};
    static const int8_t sg[2] = {1, 1};
    static const int32_t acc[2] = {6, -6};
    static const uint16_t codes[2] = {14, 7};
    st_layer_t l = conv(ST_LAYER_DENSE, T(1, 1, 3, 4, 0), 0, 0, 0, 0, 1, 2, 4, 0, w, thr, sg, NULL);

    run_conv("dense 15 thresholds", &l, in, 0, NULL, NULL, 0);
    expect_acc("dense 15 thresholds", acc, 2);
    expect_codes("dense 15 thresholds", codes, 2);
}

static void test_dense_spatial(void)
{
    /* DENSE over 2x2x2 1-bit codes p00 = 1 0, p01 = 1 1, p10 = 0 1, p11 = 1 1 with 2-bit weights
     * (OHWI) p00: 1 -2, p01: -1 1, p10: 1 1, p11: -2 -1:
     * 1*1 + 0 + (1*-1 + 1*1) + (0 + 1*1) + (1*-2 + 1*-1) = 1 + 0 + 1 - 3 = -1. Output layer. */
    static const uint16_t in[8] = {1, 0, 1, 1, 0, 1, 1, 1};
    static const int8_t w[8] = {1, -2, -1, 1, 1, 1, -2, -1};
    static const int32_t exp[1] = {-1};
    st_layer_t l = conv(ST_LAYER_DENSE, T(2, 2, 2, 1, 0), 0, 0, 0, 0, 2, 1, 0, 0, w, NULL, NULL, NULL);

    CHECK_EQ("dense: kernel is the input height", 2, st_layer_kh(&l));
    run_conv("dense 2x2x2", &l, in, 0, NULL, NULL, 0);
    expect_acc("dense 2x2x2", exp, 1);
    expect_ints("dense 2x2x2", exp, 1);
}

/* ---- residual add ---------------------------------------------------------------------------- */

static void test_residual(void)
{
    /* 1x2x1 2-bit input 2 3, 1x1 conv with weight +1 (2-bit) -> acc 2 3.
     * Residual from a 3-bit tensor 5 1 with M = -3: 2 - 15 = -13, 3 - 3 = 0.
     * 1-bit output, threshold 0, sign +1: -13 -> 0, 0 -> 1 (tie). */
    static const uint16_t in[2] = {2, 3}, res[2] = {5, 1};
    static const int8_t w[1] = {1};
    static const int32_t thr[1] = {0}, mult[1] = {-3};
    static const int8_t sg[1] = {1};
    static const int32_t acc[2] = {2, 3};
    static const uint16_t codes[2] = {0, 1};
    st_tensor_t rt = T(1, 2, 1, 3, 0);
    st_layer_t l = conv(ST_LAYER_CONV, T(1, 2, 1, 2, 0), 1, 1, 1, 0, 2, 1, 1, 0, w, thr, sg, NULL);
    l.res_src = 0;
    l.res_mult = mult;

    run_conv("residual M=-3", &l, in, 0, &rt, res, 0);
    expect_acc("residual M=-3", acc, 2);
    expect_codes("residual M=-3", codes, 2);

    /* Same, as the network input (BYTES layout) residual source: identical result. */
    run_conv("residual from BYTES", &l, in, 0, &rt, res, 1);
    expect_codes("residual from BYTES", codes, 2);
}

static void test_residual_bipolar_output_layer(void)
{
    /* acc 2 3 as above; residual from a bipolar tensor with codes 0 1 = values -1 +1, M = -3:
     * 2 + 3 = 5, 3 - 3 = 0; output layer with bias 1: 6, 1. */
    static const uint16_t in[2] = {2, 3}, res[2] = {0, 1};
    static const int8_t w[1] = {1};
    static const int32_t mult[1] = {-3}, bias[1] = {1};
    static const int32_t out[2] = {6, 1};
    st_tensor_t rt = T(1, 2, 1, 1, 1);
    st_layer_t l = conv(ST_LAYER_CONV, T(1, 2, 1, 2, 0), 1, 1, 1, 0, 2, 1, 0, 0, w, NULL, NULL, bias);
    l.res_src = 1;
    l.res_mult = mult;

    run_conv("bipolar residual + bias", &l, in, 0, &rt, res, 0);
    expect_ints("bipolar residual + bias", out, 2);
}

/* ---- max pooling ------------------------------------------------------------------------------ */

static st_layer_t pool(uint8_t type, st_tensor_t in, uint8_t k, uint8_t s)
{
    st_layer_t l;
    memset(&l, 0, sizeof l);
    l.type = type;
    l.kh = k;
    l.kw = k;
    l.stride = s;
    l.res_src = -1;
    l.in = in;
    if (type == ST_LAYER_MAXPOOL) {
        l.out = T((uint16_t)((in.h - k) / s + 1), (uint16_t)((in.w - k) / s + 1), in.c, in.bits, in.bipolar);
    } else {
        l.out = T(1, 1, in.c, (uint8_t)st_gsum_bits(in.bits, in.h, in.w), 0);
    }
    return l;
}

static uint16_t pool_mac[MAXE], pool_bp[MAXE];

static void run_pool(const char *name, const st_layer_t *l, const uint16_t *in, int in_bytes)
{
    CHECK_EQ(name, ST_OK, st_layer_check(l, NULL, NULL));
    memset(pool_mac, 0x5A, sizeof pool_mac);
    memset(pool_bp, 0x5A, sizeof pool_bp);
    pack_any(&l->in, in_bytes, in, in_pk);
    if (l->type == ST_LAYER_MAXPOOL) {
        st_maxpool(l, in, pool_mac);
        st_maxpool_packed(l, in_bytes, in_pk, out_pk);
    } else {
        st_gsum(l, in, pool_mac);
        st_gsum_packed(l, in_bytes, in_pk, out_pk);
    }
    st_unpack_planes(&l->out, out_pk, pool_bp);
}

static void expect_pool(const char *name, const uint16_t *exp, uint32_t n)
{
    char what[96];
    uint32_t i;
    for (i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s: out[%" PRIu32 "] plain", name, i);
        CHECK_EQ(what, exp[i], pool_mac[i]);
        snprintf(what, sizeof what, "%s: out[%" PRIu32 "] bit-sliced", name, i);
        CHECK_EQ(what, exp[i], pool_bp[i]);
    }
}

static void test_maxpool(void)
{
    /* 4x4x1 3-bit:  5 1 0 2 / 0 4 1 0 / 2 1 3 6 / 0 0 1 2
     * K=3 S=1: (0,0) max{5,1,0,0,4,1,2,1,3} = 5; (0,1) max{1,0,2,4,1,0,1,3,6} = 6;
     *          (1,0) max{0,4,1,2,1,3,0,0,1} = 4; (1,1) max{4,1,0,1,3,6,0,1,2} = 6
     * K=2 S=2: max{5,1,0,4} = 5, max{0,2,1,0} = 2, max{2,1,0,0} = 2, max{3,6,1,2} = 6 */
    static const uint16_t in[16] = {5, 1, 0, 2, 0, 4, 1, 0, 2, 1, 3, 6, 0, 0, 1, 2};
    static const uint16_t e3[4] = {5, 6, 4, 6}, e2[4] = {5, 2, 2, 6};
    st_layer_t l3 = pool(ST_LAYER_MAXPOOL, T(4, 4, 1, 3, 0), 3, 1);
    st_layer_t l2 = pool(ST_LAYER_MAXPOOL, T(4, 4, 1, 3, 0), 2, 2);

    run_pool("maxpool K3 S1", &l3, in, 0);
    expect_pool("maxpool K3 S1", e3, 4);
    run_pool("maxpool K2 S2", &l2, in, 0);
    expect_pool("maxpool K2 S2", e2, 4);
    run_pool("maxpool K2 S2 on BYTES", &l2, in, 1);
    expect_pool("maxpool K2 S2 on BYTES", e2, 4);
}

static void test_maxpool_bipolar_33(void)
{
    /* 2x2x33 2-bit: code(y,x,c) = (c + 2y + x) % 4 except pixel (1,1) = 0. K=2: the window holds
     * c%4, (c+1)%4, (c+2)%4 and 0 -> max 2 when c%4 == 0, else 3. Then a bipolar 2x2x1 tensor:
     * codes 0 0 0 1 -> 1 (max of values -1,-1,-1,+1 is +1, code 1); 0 0 0 0 -> 0. */
    static uint16_t in[132], e[33];
    static const uint16_t bin1[4] = {0, 0, 0, 1}, bin0[4] = {0, 0, 0, 0}, e1[1] = {1}, e0[1] = {0};
    int y, x, c;
    for (y = 0; y < 2; y++) {
        for (x = 0; x < 2; x++) {
            for (c = 0; c < 33; c++) {
                in[(y * 2 + x) * 33 + c] = (uint16_t)((y == 1 && x == 1) ? 0 : (c + 2 * y + x) % 4);
            }
        }
    }
    for (c = 0; c < 33; c++) {
        e[c] = (uint16_t)(c % 4 == 0 ? 2 : 3);
    }
    st_layer_t l = pool(ST_LAYER_MAXPOOL, T(2, 2, 33, 2, 0), 2, 1);
    run_pool("maxpool 33 channels", &l, in, 0);
    expect_pool("maxpool 33 channels", e, 33);

    st_layer_t lb = pool(ST_LAYER_MAXPOOL, T(2, 2, 1, 1, 1), 2, 2);
    run_pool("maxpool bipolar", &lb, bin1, 0);
    expect_pool("maxpool bipolar", e1, 1);
    run_pool("maxpool bipolar all -1", &lb, bin0, 0);
    expect_pool("maxpool bipolar all -1", e0, 1);
}

/* ---- global sum pooling ---------------------------------------------------------------------- */

static void test_gsum(void)
{
    /* 2x2x2 2-bit: ch0 = 3 1 2 0 -> 6, ch1 = 3 3 3 3 -> 12; width bitlen(3*4) = 4.
     * 3x3x40 4-bit, all 15 except channel 39 = 1 -> 135 (= 15*9) and 9; width bitlen(135) = 8. */
    static const uint16_t in[8] = {3, 3, 1, 3, 2, 3, 0, 3};
    static const uint16_t e[2] = {6, 12};
    static uint16_t big[360], eb[40];
    int i;
    st_layer_t l = pool(ST_LAYER_GSUM, T(2, 2, 2, 2, 0), 0, 0);
    CHECK_EQ("gsum width 2x2 of 2-bit", 4, l.out.bits);
    run_pool("gsum 2x2x2", &l, in, 0);
    expect_pool("gsum 2x2x2", e, 2);
    run_pool("gsum 2x2x2 on BYTES", &l, in, 1);
    expect_pool("gsum 2x2x2 on BYTES", e, 2);

    for (i = 0; i < 360; i++) {
        big[i] = (uint16_t)(i % 40 == 39 ? 1 : 15);
    }
    for (i = 0; i < 40; i++) {
        eb[i] = (uint16_t)(i == 39 ? 9 : 135);
    }
    st_layer_t lb = pool(ST_LAYER_GSUM, T(3, 3, 40, 4, 0), 0, 0);
    CHECK_EQ("gsum width 3x3 of 4-bit", 8, lb.out.bits);
    run_pool("gsum 3x3x40", &lb, big, 0);
    expect_pool("gsum 3x3x40", eb, 40);
}

/* ---- threshold unit and argmax ---------------------------------------------------------------- */

/* nt sorted (non-decreasing) random thresholds from the LCG *lcg: about edge16 in 16 of them are int32
 * edge values (INT32_MIN, INT32_MAX, small ones), the rest within +-32768. */
static void rand_thresholds(uint32_t *lcg, int32_t *thr, uint32_t nt, uint32_t edge16)
{
    static const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -7, -1, 0, 1, 7, INT32_MAX - 1, INT32_MAX};
    uint32_t k;
    for (k = 0; k < nt; k++) {
        *lcg = *lcg * 1664525u + 1013904223u;
        thr[k] = (*lcg >> 28) < edge16 ? edges[(*lcg >> 8) % 9u] : (int32_t)(*lcg >> 16) - 32768;
    }
    for (k = 1; k < nt; k++) { /* insertion sort: non-decreasing */
        const int32_t x = thr[k];
        uint32_t j = k;
        while (j > 0u && thr[j - 1u] > x) {
            thr[j] = thr[j - 1u];
            j--;
        }
        thr[j] = x;
    }
}

static void test_threshold_argmax(void)
{
    static const int32_t t5[1] = {5}, t6[1] = {6}, tmax[1] = {INT32_MAX}, tmin[1] = {INT32_MIN};
    static const int32_t v1[4] = {3, 7, 7, -1}, v2[2] = {-5, -5}, v3[1] = {INT32_MIN};
    static const int32_t v4[2] = {INT32_MIN, INT32_MIN + 1};
    uint32_t rec[2];

    CHECK_EQ("threshold 5 >= 5 (tie counts)", 1, st_threshold(5, 1, t5, 1));
    CHECK_EQ("threshold 5 >= 6", 0, st_threshold(5, 1, t6, 1));
    CHECK_EQ("threshold sign -1: -(-5) >= 5", 1, st_threshold(-5, -1, t5, 1));
    CHECK_EQ("threshold sign -1: -(5) >= 5", 0, st_threshold(5, -1, t5, 1));
    CHECK_EQ("threshold -(INT32_MIN+1) >= INT32_MAX", 1, st_threshold(INT32_MIN + 1, -1, tmax, 1));
    CHECK_EQ("threshold -(INT32_MIN) >= INT32_MAX (no overflow)", 1, st_threshold(INT32_MIN, -1, tmax, 1));
    CHECK_EQ("threshold INT32_MIN >= INT32_MIN", 1, st_threshold(INT32_MIN, 1, tmin, 1));
    CHECK_EQ("threshold -(INT32_MAX) >= INT32_MIN", 1, st_threshold(INT32_MAX, -1, tmin, 1));

    rec[0] = 1u; /* sign -1 */
    rec[1] = 5u;
    CHECK_EQ("packed threshold sign -1: -(-5) >= 5", 1, st_threshold_packed(-5, rec, 1));
    CHECK_EQ("packed threshold sign -1: -(5) >= 5", 0, st_threshold_packed(5, rec, 1));
    rec[0] = 0xFFFF0000u; /* sign +1, multiplier bits set: must not matter */
    rec[1] = 0x7FFFFFFFu;
    CHECK_EQ("packed threshold INT32_MAX >= INT32_MAX", 1, st_threshold_packed(INT32_MAX, rec, 1));
    CHECK_EQ("packed threshold INT32_MAX-1 >= INT32_MAX", 0, st_threshold_packed(INT32_MAX - 1, rec, 1));
    rec[1] = 0x80000000u;
    CHECK_EQ("packed threshold INT32_MIN >= INT32_MIN", 1, st_threshold_packed(INT32_MIN, rec, 1));

    /* The packed threshold unit's unrolled search against the reference st_threshold (a plain count) on
     * every code width, both signs, sorted thresholds with ties and the int32 extremes, and accumulators
     * at, next to and between them (a fixed LCG: the run is the same every time). */
    {
        static const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -7, -1, 0, 1, 7, INT32_MAX - 1, INT32_MAX};
        uint32_t lcg = 12345u, nt, trial, k, bad = 0, runs = 0;
        for (nt = 1u; nt <= 15u; nt = 2u * nt + 1u) {
            for (trial = 0; trial < 2000u; trial++) {
                int32_t thr[15], acc;
                uint32_t prec[16];
                rand_thresholds(&lcg, thr, nt, 3u);
                lcg = lcg * 1664525u + 1013904223u;
                acc = (lcg >> 29) == 0u ? edges[(lcg >> 8) % 9u]
                      : (lcg >> 29) == 1u ? thr[(lcg >> 8) % nt]
                                          : (int32_t)(lcg >> 15) - 65536;
                prec[0] = (lcg & 1u) | 0xFFFF0000u; /* the multiplier bits must not matter */
                for (k = 0; k < nt; k++) {
                    prec[1u + k] = (uint32_t)thr[k];
                }
                runs++;
                if (st_threshold_packed(acc, prec, nt) != st_threshold(acc, (lcg & 1u) ? -1 : 1, thr, nt)) {
                    if (bad++ == 0u) {
                        printf("  packed threshold: nt %u acc %d sign %d: %u, reference %u\n", (unsigned)nt, (int)acc,
                               (lcg & 1u) ? -1 : 1, (unsigned)st_threshold_packed(acc, prec, nt),
                               (unsigned)st_threshold(acc, (lcg & 1u) ? -1 : 1, thr, nt));
                    }
                }
            }
        }
        CHECK_EQ("packed threshold search = reference count (8000 random cases, 1..15 thresholds)", 0, bad);
        (void)runs;
    }

    CHECK_EQ("argmax 3 7 7 -1: lowest index of the tie", 1, st_argmax(v1, 4));
    CHECK_EQ("argmax -5 -5", 0, st_argmax(v2, 2));
    CHECK_EQ("argmax single element", 0, st_argmax(v3, 1));
    CHECK_EQ("argmax INT32_MIN, INT32_MIN+1", 1, st_argmax(v4, 2));
}

/* ---- the packer (st_finish_packed) against the reference finish on extreme accumulators ---------------- */

/* st_finish_packed's threshold search runs two channels at a time with its own sign and INT32_MIN handling:
 * check it against st_finish (the reference: st_threshold per element) on accumulators that layers never
 * produce within the bound of numerics.md §8 (INT32_MIN and INT32_MAX with both signs, ties, values next to
 * thresholds), for every code width, bipolar codes, and channel counts odd, below, at and above 32. */
static void test_packer_extremes(void)
{
    static const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -7, -1, 0, 1, 7, INT32_MAX - 1, INT32_MAX};
    static int32_t thr[70 * 15], acc[3 * 70];
    static int8_t sg[70];
    static uint16_t ref[3 * 70], got[3 * 70];
    static int32_t ints[3 * 70];
    static const uint16_t chans[] = {1, 2, 3, 31, 32, 33, 70};
    uint32_t lcg = 777u, bad = 0, cases = 0;
    for (uint32_t bits = 1; bits <= 4u; bits++) {
        for (uint32_t bip = 0; bip <= (bits == 1u ? 1u : 0u); bip++) {
            for (uint32_t ci = 0; ci < sizeof chans / sizeof chans[0]; ci++) {
                const uint16_t c = chans[ci];
                const uint32_t nt = (1u << bits) - 1u;
                st_layer_t l = conv(ST_LAYER_DENSE, T(1, 3, 1, 1, 0), 0, 0, 0, 0, 1, c, (uint8_t)bits, (uint8_t)bip,
                                    NULL, thr, sg, NULL);
                l.kh = 1; /* a 1x1 kernel over 1x3 pixels: three output pixels of c channels */
                l.kw = 1;
                l.out = T(1, 3, c, (uint8_t)bits, (uint8_t)bip);
                for (uint32_t o = 0; o < c; o++) {
                    int32_t *t = thr + o * nt;
                    rand_thresholds(&lcg, t, nt, 4u);
                    lcg = lcg * 1664525u + 1013904223u;
                    sg[o] = (lcg >> 30) & 1u ? -1 : 1;
                }
                for (uint32_t e = 0; e < 3u * c; e++) {
                    lcg = lcg * 1664525u + 1013904223u;
                    acc[e] = (lcg >> 29) < 3u ? edges[(lcg >> 8) % 9u]
                             : (lcg >> 29) == 3u ? thr[(e % c) * nt + (lcg >> 8) % nt]
                                                 : (int32_t)(lcg >> 15) - 65536;
                }
                st_finish(&l, acc, NULL, NULL, ref, ints);
                st_pack_params(&l, p_pk);
                st_finish_packed(&l, p_pk, acc, NULL, 0, NULL, out_pk);
                st_unpack_planes(&l.out, out_pk, got);
                for (uint32_t e = 0; e < 3u * c; e++) {
                    cases++;
                    if (got[e] != ref[e] && bad++ < 3u) {
                        printf("  packer: %u-bit%s, %u channels, element %u: acc %d sign %d: code %u, reference %u\n",
                               (unsigned)bits, bip ? " bipolar" : "", (unsigned)c, (unsigned)e, (int)acc[e],
                               (int)sg[e % c], (unsigned)got[e], (unsigned)ref[e]);
                    }
                }
            }
        }
    }
    CHECK_EQ("packer = reference finish on extreme accumulators (every width, 1-70 channels)", 0, bad);
    CHECK_EQ("packer extremes: cases run (5 code encodings x 3 pixels x 172 channels)", 5 * 3 * 172, cases);
}

/* ---- pack / unpack against hand-written words ------------------------------------------------- */

static void test_pack(void)
{
    uint32_t wd[16];
    uint16_t back[64];
    int i;

    {   /* 1x2x3 2-bit: p0 = 1 2 3, p1 = 0 3 1. p0 plane0: c0,c2 -> 0b101 = 5; plane1: c1,c2 -> 0b110 = 6;
         * p1 plane0: c1,c2 -> 6; plane1: c1 -> 2. */
        static const uint16_t codes[6] = {1, 2, 3, 0, 3, 1};
        st_tensor_t t = T(1, 2, 3, 2, 0);
        CHECK_EQ("planes 1x2x3x2b: words", 4, st_tensor_words(&t, 0));
        st_pack_planes(&t, codes, wd);
        CHECK_EQ("planes p0 plane0", 5, wd[0]);
        CHECK_EQ("planes p0 plane1", 6, wd[1]);
        CHECK_EQ("planes p1 plane0", 6, wd[2]);
        CHECK_EQ("planes p1 plane1", 2, wd[3]);
        st_unpack_planes(&t, wd, back);
        for (i = 0; i < 6; i++) {
            CHECK_EQ("planes round trip", codes[i], back[i]);
        }
    }
    {   /* 1x1x33 1-bit with channels 0, 31 and 32 set: CW = 2, words 0x80000001, 0x00000001. */
        static uint16_t codes[33];
        st_tensor_t t = T(1, 1, 33, 1, 0);
        codes[0] = codes[31] = codes[32] = 1;
        CHECK_EQ("planes 33 channels: CW", 2, st_planes_cw(33));
        st_pack_planes(&t, codes, wd);
        CHECK_EQ("planes 33 ch word 0", 0x80000001u, wd[0]);
        CHECK_EQ("planes 33 ch word 1 (padding bits 0)", 1u, wd[1]);
        st_unpack_planes(&t, wd, back);
        for (i = 0; i < 33; i++) {
            CHECK_EQ("planes 33 ch round trip", codes[i], back[i]);
        }
    }
    {   /* BYTES 1x1x5: 1 2 3 4 5 -> 0x04030201, 0x00000005 */
        static const uint16_t codes[5] = {1, 2, 3, 4, 5};
        st_tensor_t t = T(1, 1, 5, 8, 0);
        CHECK_EQ("bytes 5: words", 2, st_tensor_words(&t, 1));
        st_pack_bytes(&t, codes, wd);
        CHECK_EQ("bytes word 0", 0x04030201u, wd[0]);
        CHECK_EQ("bytes word 1 (zero padded)", 5u, wd[1]);
        st_unpack_bytes(&t, wd, back);
        for (i = 0; i < 5; i++) {
            CHECK_EQ("bytes round trip", codes[i], back[i]);
        }
    }
    {   /* 3-bit weights, 1x1 conv, C=2, O=2: o0 = 3 (011) -4 (100), o1 = -1 (111) 0 (000).
         * word (o*m + j): o0 j0 = c0 -> 1; o0 j1 = c0 -> 1; o0 j2 = c1 -> 2; o1 j0..j2 = c0 -> 1. */
        static const int8_t w[4] = {3, -4, -1, 0};
        static const uint32_t e[6] = {1, 1, 2, 1, 1, 1};
        st_layer_t l = conv(ST_LAYER_CONV, T(1, 1, 2, 2, 0), 1, 1, 1, 0, 3, 2, 0, 0, w, NULL, NULL, NULL);
        CHECK_EQ("weights 3-bit: words", 6, st_weight_words(&l, 0));
        st_pack_weights(&l, 0, wd);
        for (i = 0; i < 6; i++) {
            CHECK_EQ("weights 3-bit word", e[i], wd[i]);
        }
    }
    {   /* bipolar 1x2 kernel, C=2, O=1: kx0 = +1 -1, kx1 = -1 +1.
         * PLANES input: k = kx*32 + c -> word0 = 0b01 = 1, word1 = 0b10 = 2.
         * BYTES input: k = kx*2 + c -> bits 0 and 3 -> 9. */
        static const int8_t w[4] = {1, -1, -1, 1};
        st_layer_t l = conv(ST_LAYER_CONV, T(1, 2, 2, 1, 0), 1, 2, 1, 0, 1, 1, 0, 0, w, NULL, NULL, NULL);
        CHECK_EQ("weights bipolar PLANES: words", 2, st_weight_words(&l, 0));
        st_pack_weights(&l, 0, wd);
        CHECK_EQ("weights bipolar PLANES word 0", 1u, wd[0]);
        CHECK_EQ("weights bipolar PLANES word 1", 2u, wd[1]);
        CHECK_EQ("weights bipolar BYTES: words", 1, st_weight_words(&l, 1));
        st_pack_weights(&l, 1, wd);
        CHECK_EQ("weights bipolar BYTES word 0", 9u, wd[0]);
    }
    {   /* 2-bit output with residual: o0 sign +1, M -2, T 1 2 3; o1 sign -1, M 300, T -5 0 MAX.
         * record: [M<<16 | sign bit, T0, T1, T2] -> 0xFFFE0000 1 2 3, 0x012C0001 0xFFFFFFFB 0 0x7FFFFFFF */
        static const int8_t w[2] = {1, 1}, sg[2] = {1, -1};
        static const int32_t thr[6] = {1, 2, 3, -5, 0, INT32_MAX}, mult[2] = {-2, 300};
        static const uint32_t e[8] = {0xFFFE0000u, 1, 2, 3, 0x012C0001u, 0xFFFFFFFBu, 0, 0x7FFFFFFFu};
        st_layer_t l = conv(ST_LAYER_CONV, T(1, 1, 1, 1, 0), 1, 1, 1, 0, 2, 2, 2, 0, w, thr, sg, NULL);
        l.res_src = 0;
        l.res_mult = mult;
        CHECK_EQ("params thresholded: words", 8, st_param_words(&l));
        st_pack_params(&l, wd);
        for (i = 0; i < 8; i++) {
            CHECK_EQ("params thresholded word", e[i], wd[i]);
        }
        CHECK_EQ("params: packed threshold of o1 reads sign -1", 2, st_threshold_packed(-1, wd + 4, 3));
    }
    {   /* output layer, no residual, bias -1 7: [0, 0xFFFFFFFF], [0, 7] */
        static const int8_t w[2] = {1, 1};
        static const int32_t bias[2] = {-1, 7};
        static const uint32_t e[4] = {0, 0xFFFFFFFFu, 0, 7};
        st_layer_t l = conv(ST_LAYER_CONV, T(1, 1, 1, 1, 0), 1, 1, 1, 0, 2, 2, 0, 0, w, NULL, NULL, bias);
        CHECK_EQ("params output layer: words", 4, st_param_words(&l));
        st_pack_params(&l, wd);
        for (i = 0; i < 4; i++) {
            CHECK_EQ("params output word", e[i], wd[i]);
        }
    }
}

/* ---- helpers and the layer check -------------------------------------------------------------- */

static void test_helpers(void)
{
    static const uint32_t words[6] = {0, 0xFFFFFFFFu, 0x80000001u, 0x12345678u, 0xF0F0F0F0u, 0x00010000u};
    static const uint32_t pc[6] = {0, 32, 2, 13, 16, 1};
    int i;
    for (i = 0; i < 6; i++) {
        CHECK_EQ("popcount (portable)", pc[i], st_popcount32_portable(words[i]));
        CHECK_EQ("popcount (used)", pc[i], st_popcount32(words[i]));
    }
    CHECK_EQ("bitlen 0", 0, st_bitlen(0));
    CHECK_EQ("bitlen 1", 1, st_bitlen(1));
    CHECK_EQ("bitlen 12", 4, st_bitlen(12));
    CHECK_EQ("bitlen 2^40", 41, st_bitlen(1ull << 40));
    CHECK_EQ("gsum bits 8-bit 16x16 = bitlen(65280)", 16, st_gsum_bits(8, 16, 16));
}

static void test_layer_check(void)
{
    static const int8_t w[1] = {1}, w0[1] = {0}, wbig[1] = {2};
    static const int32_t thr_bad[3] = {1, 0, 2}, thr[3] = {0, 1, 2}, mult_bad[1] = {40000};
    static const int8_t sg[1] = {1}, sg0[1] = {0};
    st_layer_t l;
    st_diag_t d;

    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, w, thr, sg, NULL);
    CHECK_EQ("check: good layer", ST_OK, st_layer_check(&l, NULL, NULL));
    l.stride = 5;
    CHECK_EQ("check: stride 5", ST_ERR_FIELD, st_layer_check(&l, NULL, &d));
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 3, 3, 1, 3, 2, 1, 2, 0, w, thr, sg, NULL);
    CHECK_EQ("check: pad 3 with kernel 3", ST_ERR_FIELD, st_layer_check(&l, NULL, &d));
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, w, thr_bad, sg, NULL);
    CHECK_EQ("check: unsorted thresholds", ST_ERR_THRESH, st_layer_check(&l, NULL, &d));
    CHECK_TRUE("check: message names channel and thresholds",
               strstr(d.msg, "thresholds of channel 0 not sorted: T[0]=1 > T[1]=0") != NULL);
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, w, thr, sg0, NULL);
    CHECK_EQ("check: sign 0", ST_ERR_SIGN, st_layer_check(&l, NULL, &d));
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 1, 1, 2, 0, w0, thr, sg, NULL);
    CHECK_EQ("check: bipolar weight 0", ST_ERR_WEIGHT, st_layer_check(&l, NULL, &d));
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, wbig, thr, sg, NULL);
    CHECK_EQ("check: 2-bit weight 2", ST_ERR_WEIGHT, st_layer_check(&l, NULL, &d));
    CHECK_TRUE("check: message names the weight", strstr(d.msg, "is 2, outside the range of w_bits 2") != NULL);
    l = conv(ST_LAYER_CONV, T(4, 4, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, w, thr, sg, NULL);
    l.out.h = 3;
    CHECK_EQ("check: wrong output height", ST_ERR_SHAPE, st_layer_check(&l, NULL, &d));
    l = conv(ST_LAYER_CONV, T(1, 1, 1, 2, 0), 1, 1, 1, 0, 2, 1, 2, 0, w, thr, sg, NULL);
    {
        st_tensor_t rt = T(1, 1, 1, 2, 0);
        l.res_src = 0;
        l.res_mult = mult_bad;
        CHECK_EQ("check: multiplier outside int16", ST_ERR_MULT, st_layer_check(&l, &rt, &d));
        rt.h = 2;
        l.res_mult = thr;
        CHECK_EQ("check: residual shape differs", ST_ERR_MULT, st_layer_check(&l, &rt, &d));
    }
    {   /* B = KH*KW*C * |v|max * |w|max + |bias|max = 1 * 3 * 2 + |bias| (numerics.md §8) */
        static int32_t bias[1];
        bias[0] = INT32_MAX - 5; /* B = 6 + 2^31 - 6 = 2^31 > 2^31 - 1 */
        l = conv(ST_LAYER_CONV, T(1, 1, 1, 2, 0), 1, 1, 1, 0, 2, 1, 0, 0, w, NULL, NULL, bias);
        CHECK_EQ("check: bound 2^31 overflows", ST_ERR_OVERFLOW, st_layer_check(&l, NULL, &d));
        bias[0] = INT32_MAX - 6; /* B = 2^31 - 1 exactly */
        CHECK_EQ("check: bound 2^31-1 accepted", ST_OK, st_layer_check(&l, NULL, &d));
    }
    {
        st_layer_t p = pool(ST_LAYER_GSUM, T(2, 2, 1, 1, 1), 0, 0);
        CHECK_EQ("check: gsum of a bipolar tensor", ST_ERR_FIELD, st_layer_check(&p, NULL, &d));
        p = pool(ST_LAYER_MAXPOOL, T(4, 4, 1, 5, 0), 2, 2);
        CHECK_EQ("check: maxpool of 5-bit codes", ST_ERR_FIELD, st_layer_check(&p, NULL, &d));
    }
}

int main(void)
{
    test_helpers();
    test_pack();
    test_conv_pad_stride();
    test_bipolar_padding();
    test_bipolar_bytes_padding_mbit();
    test_bipolar_act_mbit_weights();
    test_xnor_33_channels();
    test_8bit_input();
    test_8bit_taps_cross_words();
    test_dense_bipolar_weights_15_thresholds();
    test_dense_spatial();
    test_residual();
    test_residual_bipolar_output_layer();
    test_maxpool();
    test_maxpool_bipolar_33();
    test_gsum();
    test_threshold_argmax();
    test_packer_extremes();
    test_layer_check();
    return st_t_summary();
}
