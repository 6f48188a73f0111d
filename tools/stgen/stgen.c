/* SPDX-License-Identifier: Apache-2.0 */
/* stgen.c - generate the first model: a small random CNN that exercises the whole numerics contract, with
 * thresholds calibrated on synthetic images so codes are spread, plus sample inputs and expected outputs.
 * Deterministic from --seed (xorshift32, integer arithmetic only): the same seed gives the same bytes on
 * every machine, which is what the drift check (suite model-cli) relies on. Usage: stgen --help. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_golden.h"
#include "st_model.h"
#include "st_model_write.h"

#define IMG_H 16u
#define IMG_W 16u
#define N_CLASSES 10u

/* The architecture (docs in models/first/README.md). Each row is one layer. */
typedef struct {
    uint8_t type, kh, kw, stride, pad, w_bits, out_bits, bipolar;
    uint16_t out_c;
    int16_t res_src;
    uint8_t bias;
    const char *why;
} arch_t;

static const arch_t ARCH[] = {
    {ST_LAYER_CONV, 3, 3, 1, 1, 4, 2, 0, 8, -1, 0, "first layer on 8-bit pixels, 4-bit weights, 2-bit codes"},
    {ST_LAYER_CONV, 3, 3, 2, 1, 1, 1, 1, 16, -1, 0, "stride 2, bipolar weights, bipolar 1-bit codes"},
    {ST_LAYER_CONV, 3, 3, 1, 1, 2, 3, 0, 16, -1, 0, "bipolar input x 2-bit weights, 3-bit codes"},
    {ST_LAYER_CONV, 3, 3, 1, 1, 1, 3, 0, 16, 2, 0, "bipolar weights, residual add of tensor 2 (bipolar)"},
    {ST_LAYER_MAXPOOL, 2, 2, 2, 0, 0, 0, 0, 0, -1, 0, "2x2 max pool on 3-bit codes"},
    {ST_LAYER_CONV, 3, 3, 1, 1, 3, 4, 0, 32, -1, 0, "3-bit weights, 4-bit codes"},
    {ST_LAYER_GSUM, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, "global sum: 1x1x32, 8-bit sums"},
    {ST_LAYER_DENSE, 0, 0, 0, 0, 8, 0, 0, N_CLASSES, -1, 1, "output layer: 8-bit weights, int32 + bias"},
};
#define N_LAYERS (sizeof ARCH / sizeof ARCH[0])

typedef struct {
    uint32_t s;
} rng_t;

static uint32_t rnd(rng_t *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->s = x;
    return x;
}

static int32_t rnd_range(rng_t *r, int32_t lo, int32_t hi) { return lo + (int32_t)(rnd(r) % (uint32_t)(hi - lo + 1)); }

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1u, size ? size : 1u);
    if (p == NULL) {
        fprintf(stderr, "stgen: out of memory\n");
        exit(3);
    }
    return p;
}

/* A synthetic 16x16 8-bit image of one of ten pattern families, with random phase, contrast and noise.
 * The families only give the inputs structure; the model is random, so its "classes" are just its outputs. */
static void make_image(rng_t *r, uint32_t family, uint8_t *img)
{
    int32_t ox = rnd_range(r, 0, 7), oy = rnd_range(r, 0, 7), lo = rnd_range(r, 0, 60), hi = rnd_range(r, 160, 255);
    int32_t noise = rnd_range(r, 0, 24), cx = rnd_range(r, 5, 10), cy = rnd_range(r, 5, 10), rad = rnd_range(r, 3, 6);
    uint32_t y, x;

    for (y = 0; y < IMG_H; y++) {
        for (x = 0; x < IMG_W; x++) {
            int32_t X = (int32_t)x, Y = (int32_t)y, v, on = 0, dx = X - cx, dy = Y - cy;
            switch (family) {
            case 0: on = ((Y + oy) / 2) % 2; break;                              /* horizontal stripes */
            case 1: on = ((X + ox) / 2) % 2; break;                              /* vertical stripes */
            case 2: on = ((X + Y + ox) / 3) % 2; break;                          /* diagonal stripes */
            case 3: on = (((X + ox) / 4) + ((Y + oy) / 4)) % 2; break;           /* checkerboard */
            case 4: on = dx >= -rad && dx <= rad && dy >= -rad && dy <= rad; break; /* filled square */
            case 5: on = dx * dx + dy * dy <= rad * rad && dx * dx + dy * dy >= (rad - 2) * (rad - 2); break; /* ring */
            case 6: on = (dx >= -1 && dx <= 1) || (dy >= -1 && dy <= 1); break;  /* cross */
            case 7: on = -1; v = lo + (hi - lo) * X / (int32_t)(IMG_W - 1); break; /* horizontal gradient */
            case 8: on = -1; v = lo + (hi - lo) * Y / (int32_t)(IMG_H - 1); break; /* vertical gradient */
            default: on = (rnd(r) % 8u) == 0; break;                             /* sparse dots */
            }
            if (on >= 0) {
                v = on ? hi : lo;
            }
            v += noise ? rnd_range(r, -noise, noise) : 0;
            img[y * IMG_W + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }
}

/* Nudge output biases until every class wins a fair share of the calibration images (a random network
 * tends to favour a few classes): the most-predicted class loses a step, the least-predicted gains one. */
static void balance_bias(const int32_t *acc, size_t n_img, uint32_t nc, int32_t *bias)
{
    uint32_t hist[N_CLASSES], it, c;
    int32_t step[N_CLASSES];
    size_t n;

    for (c = 0; c < nc; c++) {
        int64_t dev = 0;
        for (n = 0; n < n_img; n++) {
            int64_t d = (int64_t)acc[n * nc + c] + bias[c];
            dev += d < 0 ? -d : d;
        }
        step[c] = (int32_t)(dev / (int64_t)n_img / 16);
        if (step[c] < 1) {
            step[c] = 1;
        }
    }
    for (it = 0; it < 2000u; it++) {
        uint32_t cmax = 0, cmin = 0;
        memset(hist, 0, sizeof hist);
        for (n = 0; n < n_img; n++) {
            uint32_t best = 0;
            for (c = 1; c < nc; c++) {
                if ((int64_t)acc[n * nc + c] + bias[c] > (int64_t)acc[n * nc + best] + bias[best]) {
                    best = c;
                }
            }
            hist[best]++;
        }
        for (c = 1; c < nc; c++) {
            cmax = hist[c] > hist[cmax] ? c : cmax;
            cmin = hist[c] < hist[cmin] ? c : cmin;
        }
        if (hist[cmax] - hist[cmin] <= (uint32_t)(n_img / nc / 4u)) {
            break;
        }
        bias[cmax] -= step[cmax];
        bias[cmin] += step[cmin];
    }
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static size_t tensor_elems(const st_tensor_t *t) { return (size_t)t->h * t->w * t->c; }

static int write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, n, f) != n) {
        fprintf(stderr, "stgen: cannot write %s: %s\n", path, strerror(errno));
        if (f != NULL) {
            fclose(f);
        }
        return 3;
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "stgen: cannot write %s: %s\n", path, strerror(errno));
        return 3;
    }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: stgen --out DIR [--seed N] [--samples N] [--calib N] [--name NAME]\n"
            "\n"
            "Generate the first st-accel model: a random CNN on 16x16x1 8-bit inputs that exercises every part of\n"
            "docs/numerics.md (8-bit input layer, 1..4-bit codes, bipolar codes and weights, 1..8-bit weights,\n"
            "stride 2, max pool, residual add, global sum, dense output with bias, negative signs). Thresholds\n"
            "are the per-channel quantiles of the accumulators over --calib synthetic images, so codes spread.\n"
            "Writes DIR/NAME.stm, DIR/NAME.sti (--samples synthetic inputs labelled with the golden model's\n"
            "prediction) and DIR/NAME_expected.txt (class and scores of every sample).\n"
            "\n"
            "  --seed N      xorshift32 seed (default 1); the output is a pure function of the arguments\n"
            "  --samples N   sample inputs, 1..65535 (default 40)\n"
            "  --calib N     calibration images, 10..10000 (default 200)\n"
            "  --name NAME   file name stem and model name suffix (default first)\n"
            "exit codes: 0 ok, 2 bad arguments, 3 I/O error, 4 internal error (the generated model is invalid)\n");
}

static int parse_ul(const char *s, unsigned long lo, unsigned long hi, unsigned long *v)
{
    char *end;
    if (s == NULL || *s == '\0' || *s == '-') {
        return 0;
    }
    errno = 0;
    *v = strtoul(s, &end, 0);
    return errno == 0 && *end == '\0' && *v >= lo && *v <= hi;
}

int main(int argc, char **argv)
{
    unsigned long seed = 1, n_samples = 40, n_calib = 200;
    const char *out_dir = NULL, *name = "first";
    st_model_t *m = (st_model_t *)xcalloc(1, sizeof *m), *pm = (st_model_t *)xcalloc(1, sizeof *pm);
    rng_t r;
    uint16_t **tens[N_LAYERS + 1]; /* tens[t][n]: codes of tensor t for calibration image n */
    char classes[N_CLASSES * ST_MODEL_CLASS_NAME_LEN];
    uint32_t i, n, c, k;
    int a, rc;

    for (a = 1; a < argc; a++) {
        const char *v = a + 1 < argc ? argv[a + 1] : NULL;
        if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[a], "--out") == 0 && v != NULL) {
            out_dir = v;
        } else if (strcmp(argv[a], "--name") == 0 && v != NULL && strlen(v) > 0 && strlen(v) < 16) {
            name = v;
        } else if (strcmp(argv[a], "--seed") == 0 && parse_ul(v, 1, 0xFFFFFFFFul, &seed)) {
        } else if (strcmp(argv[a], "--samples") == 0 && parse_ul(v, 1, 65535, &n_samples)) {
        } else if (strcmp(argv[a], "--calib") == 0 && parse_ul(v, 10, 10000, &n_calib)) {
        } else {
            fprintf(stderr, "stgen: bad argument '%s'%s%s\n\n", argv[a], v ? " " : "", v ? v : "");
            usage(stderr);
            return 2;
        }
        a++;
    }
    if (out_dir == NULL) {
        fprintf(stderr, "stgen: --out DIR is required\n\n");
        usage(stderr);
        return 2;
    }
    r.s = (uint32_t)seed;

    /* ---- the model skeleton: parameters and shapes ---- */
    snprintf(m->name, sizeof m->name, "%s-random-cnn", name);
    snprintf(m->dataset, sizeof m->dataset, "synthetic");
    m->input.h = IMG_H;
    m->input.w = IMG_W;
    m->input.c = 1;
    m->input.bits = 8;
    m->num_classes = N_CLASSES;
    m->in_scale_num = 1;
    m->in_scale_den = 1;
    memset(classes, 0, sizeof classes);
    for (c = 0; c < N_CLASSES; c++) {
        snprintf(classes + c * ST_MODEL_CLASS_NAME_LEN, ST_MODEL_CLASS_NAME_LEN, "class%u", (unsigned)c);
    }
    m->class_names = classes;
    m->n_layers = N_LAYERS;
    for (i = 0; i < N_LAYERS; i++) {
        st_layer_t *l = &m->layers[i];
        l->type = ARCH[i].type;
        l->kh = ARCH[i].kh;
        l->kw = ARCH[i].kw;
        l->stride = ARCH[i].stride;
        l->pad = ARCH[i].pad;
        l->w_bits = ARCH[i].w_bits;
        l->out_bits = ARCH[i].out_bits;
        l->out_bipolar = ARCH[i].bipolar;
        l->out.c = ARCH[i].out_c;
        l->res_src = ARCH[i].res_src;
    }
    if (st_model_infer_shapes(m) != ST_OK) {
        fprintf(stderr, "stgen: internal error: the architecture does not chain\n");
        return 4;
    }

    /* ---- calibration images: every family in turn ---- */
    tens[0] = (uint16_t **)xcalloc(n_calib, sizeof(uint16_t *));
    for (n = 0; n < n_calib; n++) {
        uint8_t img[IMG_H * IMG_W];
        make_image(&r, n % N_CLASSES, img);
        tens[0][n] = (uint16_t *)xcalloc(IMG_H * IMG_W, sizeof(uint16_t));
        for (k = 0; k < IMG_H * IMG_W; k++) {
            tens[0][n][k] = img[k];
        }
    }

    /* ---- layer by layer: random weights, then residual multipliers, signs and thresholds from the
     *      accumulator distribution, then the codes that feed the next layer ---- */
    printf("stgen: seed %lu, %lu calibration images\n", seed, n_calib);
    for (i = 0; i < N_LAYERS; i++) {
        st_layer_t *l = &m->layers[i];
        const st_tensor_t *res_t = l->res_src >= 0 ? st_model_tensor(m, (uint32_t)l->res_src) : NULL;
        size_t n_in = tensor_elems(&l->in), n_out = tensor_elems(&l->out), pix = (size_t)l->out.h * l->out.w;
        int mac = (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE);
        int32_t *acc = NULL, *x = NULL;

        tens[i + 1] = (uint16_t **)xcalloc(n_calib, sizeof(uint16_t *));
        for (n = 0; n < n_calib; n++) {
            tens[i + 1][n] = (uint16_t *)xcalloc(n_out, sizeof(uint16_t));
        }
        (void)n_in;
        if (!mac) {
            for (n = 0; n < n_calib; n++) {
                if (l->type == ST_LAYER_MAXPOOL) {
                    st_maxpool(l, tens[i][n], tens[i + 1][n]);
                } else {
                    st_gsum(l, tens[i][n], tens[i + 1][n]);
                }
            }
            printf("  layer %u %-7s %ux%ux%u -> %ux%ux%u (%u-bit)  %s\n", (unsigned)i, st_layer_type_str(l->type),
                   l->in.h, l->in.w, l->in.c, l->out.h, l->out.w, l->out.c, l->out.bits, ARCH[i].why);
            continue;
        }
        {
            size_t nw = (size_t)l->out.c * l->kh * l->kw * l->in.c;
            int8_t *w = (int8_t *)xcalloc(nw, 1);
            int32_t lo = -(1 << (l->w_bits - 1)), hi = (1 << (l->w_bits - 1)) - 1;
            for (k = 0; k < nw; k++) {
                w[k] = (int8_t)(l->w_bits == 1 ? ((rnd(&r) & 1u) ? 1 : -1) : rnd_range(&r, lo, hi));
            }
            l->weights = w;
        }
        acc = (int32_t *)xcalloc(n_calib * n_out, sizeof(int32_t));
        for (n = 0; n < n_calib; n++) {
            st_conv_acc_mac(l, tens[i][n], acc + n * n_out);
        }
        if (l->res_src >= 0) {
            /* M_c ~ the channel's mean absolute deviation: the shortcut matters but does not dominate */
            int32_t *mu = (int32_t *)xcalloc(l->out.c, sizeof(int32_t));
            for (c = 0; c < l->out.c; c++) {
                int64_t sum = 0, dev = 0, mean;
                size_t cnt = n_calib * pix, p;
                for (p = 0; p < cnt; p++) {
                    sum += acc[p * l->out.c + c];
                }
                mean = sum / (int64_t)cnt;
                for (p = 0; p < cnt; p++) {
                    int64_t d = acc[p * l->out.c + c] - mean;
                    dev += d < 0 ? -d : d;
                }
                mu[c] = (int32_t)(dev / (int64_t)cnt);
                if (mu[c] < 1) {
                    mu[c] = 1;
                }
                if (mu[c] > 32767) {
                    mu[c] = 32767;
                }
                if (rnd(&r) % 4u == 0) {
                    mu[c] = -mu[c];
                }
            }
            l->res_mult = mu;
        }
        if (l->out_bits == 0) {
            /* output layer: centre each class score over the calibration set, so argmax is spread */
            int32_t *bias = (int32_t *)xcalloc(l->out.c, sizeof(int32_t));
            for (c = 0; c < l->out.c; c++) {
                int64_t sum = 0;
                for (n = 0; n < n_calib; n++) {
                    sum += acc[n * n_out + c];
                }
                bias[c] = (int32_t)(-sum / (int64_t)n_calib);
            }
            balance_bias(acc, n_calib, l->out.c, bias);
            l->bias = bias;
            printf("  layer %u %-7s %ux%ux%u -> %ux%ux%u (int32)  %s\n", (unsigned)i, st_layer_type_str(l->type),
                   l->in.h, l->in.w, l->in.c, l->out.h, l->out.w, l->out.c, ARCH[i].why);
        } else {
            uint32_t nt = (1u << l->out_bits) - 1u, hist[16];
            size_t cnt = n_calib * pix, p;
            int32_t *thr = (int32_t *)xcalloc((size_t)l->out.c * nt, sizeof(int32_t));
            int8_t *sg = (int8_t *)xcalloc(l->out.c, 1);
            x = (int32_t *)xcalloc(cnt, sizeof(int32_t));
            for (c = 0; c < l->out.c; c++) {
                sg[c] = (int8_t)((rnd(&r) % 4u == 0) ? -1 : 1); /* some negative "BatchNorm gains" */
                for (p = 0; p < cnt; p++) {
                    size_t e = p * l->out.c + c;
                    int64_t v = acc[e];
                    if (l->res_src >= 0) {
                        size_t nn = p / pix, pp = p % pix;
                        v += (int64_t)l->res_mult[c] *
                             st_code_value(res_t, tens[l->res_src][nn][pp * l->out.c + c]);
                    }
                    x[p] = (int32_t)(sg[c] * v);
                }
                qsort(x, cnt, sizeof(int32_t), cmp_i32);
                /* T_k = the k/2^n quantile: each code gets about the same share of the calibration data */
                for (k = 1; k <= nt; k++) {
                    thr[c * nt + k - 1] = x[(size_t)k * cnt / (nt + 1u)];
                }
            }
            l->thresholds = thr;
            l->signs = sg;
            memset(hist, 0, sizeof hist);
            for (n = 0; n < n_calib; n++) {
                st_finish(l, acc + n * n_out, res_t, res_t ? tens[l->res_src][n] : NULL, tens[i + 1][n], NULL);
                for (p = 0; p < n_out; p++) {
                    hist[tens[i + 1][n][p]]++;
                }
            }
            printf("  layer %u %-7s %ux%ux%u -> %ux%ux%u (%u-bit%s)  %s\n      codes:", (unsigned)i,
                   st_layer_type_str(l->type), l->in.h, l->in.w, l->in.c, l->out.h, l->out.w, l->out.c, l->out_bits,
                   l->out_bipolar ? " bipolar" : "", ARCH[i].why);
            for (k = 0; k <= nt; k++) {
                printf(" %u:%.1f%%", (unsigned)k, 100.0 * hist[k] / (double)(n_calib * n_out));
            }
            printf("\n");
            free(x);
        }
        free(acc);
    }

    /* ---- serialize, then everything below uses the parsed file, exactly as a consumer would ---- */
    {
        size_t size, ssize, n_in = IMG_H * IMG_W;
        uint8_t *buf, *sbuf, *inputs = (uint8_t *)xcalloc(n_samples, n_in), *labels = (uint8_t *)xcalloc(n_samples, 1);
        int32_t sc_mac[N_CLASSES], sc_bp[N_CLASSES];
        uint32_t hist[N_CLASSES];
        st_diag_t d;
        st_status_t s;
        void *scratch;
        size_t scr;
        char path[4096];
        FILE *f;

        if (st_model_write(m, NULL, 0, &size) != ST_OK) {
            fprintf(stderr, "stgen: internal error: cannot size the model\n");
            return 4;
        }
        buf = (uint8_t *)xcalloc(size, 1);
        st_model_write(m, buf, size, &size);
        s = st_model_parse(buf, size, pm, &d);
        if (s != ST_OK) {
            fprintf(stderr, "stgen: internal error: the generated model is invalid: %s: %s\n", st_status_str(s), d.msg);
            return 4;
        }
        scr = st_net_scratch_bytes(pm, ST_FORM_BITPLANE);
        if (st_net_scratch_bytes(pm, ST_FORM_MAC) > scr) {
            scr = st_net_scratch_bytes(pm, ST_FORM_MAC);
        }
        scratch = xcalloc(scr, 1);
        memset(hist, 0, sizeof hist);
        snprintf(path, sizeof path, "%s/%s_expected.txt", out_dir, name);
        f = fopen(path, "w");
        if (f == NULL) {
            fprintf(stderr, "stgen: cannot write %s: %s\n", path, strerror(errno));
            return 3;
        }
        fprintf(f, "# expected outputs of %s.stm on %s.sti: stgen --seed %lu --samples %lu --calib %lu\n", name, name,
                seed, n_samples, n_calib);
        fprintf(f, "# golden model, MAC and bit-plane forms identical; label = predicted class (a random model)\n");
        fprintf(f, "# sample class score0 .. score%u\n", N_CLASSES - 1u);
        for (n = 0; n < n_samples; n++) {
            uint32_t cm, cb;
            make_image(&r, n % N_CLASSES, inputs + (size_t)n * n_in);
            if (st_net_run(pm, ST_FORM_MAC, inputs + (size_t)n * n_in, scratch, scr, NULL, NULL, sc_mac, &cm) != ST_OK ||
                st_net_run(pm, ST_FORM_BITPLANE, inputs + (size_t)n * n_in, scratch, scr, NULL, NULL, sc_bp, &cb) !=
                    ST_OK ||
                cm != cb || memcmp(sc_mac, sc_bp, sizeof sc_mac) != 0) {
                fprintf(stderr, "stgen: internal error: sample %u: the golden model's forms disagree or fail\n",
                        (unsigned)n);
                fclose(f);
                return 4;
            }
            labels[n] = (uint8_t)cm;
            hist[cm]++;
            fprintf(f, "%u %u", (unsigned)n, (unsigned)cm);
            for (c = 0; c < N_CLASSES; c++) {
                fprintf(f, " %ld", (long)sc_mac[c]);
            }
            fprintf(f, "\n");
        }
        if (fclose(f) != 0) {
            fprintf(stderr, "stgen: cannot write %s\n", path);
            return 3;
        }
        st_samples_write(IMG_H, IMG_W, 1, (uint16_t)n_samples, inputs, labels, NULL, 0, &ssize);
        sbuf = (uint8_t *)xcalloc(ssize, 1);
        st_samples_write(IMG_H, IMG_W, 1, (uint16_t)n_samples, inputs, labels, sbuf, ssize, &ssize);
        snprintf(path, sizeof path, "%s/%s.stm", out_dir, name);
        rc = write_file(path, buf, size);
        if (rc == 0) {
            printf("wrote %s (%zu bytes)\n", path, size);
            snprintf(path, sizeof path, "%s/%s.sti", out_dir, name);
            rc = write_file(path, sbuf, ssize);
        }
        if (rc == 0) {
            printf("wrote %s (%lu samples, %zu bytes) and %s/%s_expected.txt\n", path, n_samples, ssize, out_dir, name);
            printf("predicted classes:");
            for (c = 0; c < N_CLASSES; c++) {
                printf(" %u:%u", (unsigned)c, (unsigned)hist[c]);
            }
            printf("\n");
        }
        free(scratch);
        free(buf);
        free(sbuf);
        free(inputs);
        free(labels);
    }
    for (i = 0; i <= N_LAYERS; i++) {
        for (n = 0; n < n_calib; n++) {
            free(tens[i][n]);
        }
        free(tens[i]);
    }
    for (i = 0; i < N_LAYERS; i++) {
        free((void *)(uintptr_t)m->layers[i].weights);
        free((void *)(uintptr_t)m->layers[i].thresholds);
        free((void *)(uintptr_t)m->layers[i].signs);
        free((void *)(uintptr_t)m->layers[i].res_mult);
        free((void *)(uintptr_t)m->layers[i].bias);
    }
    free(m);
    free(pm);
    return rc;
}
