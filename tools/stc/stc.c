/* SPDX-License-Identifier: Apache-2.0 */
/* stc.c - the st-accel model tool: inspect, validate and run model files (.stm) with the golden model.
 * Usage: stc --help. Exit codes: see usage() and tools/stc/README.md. */
#define _POSIX_C_SOURCE 200809L /* mkdir() */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "st_desc.h"
#include "st_golden.h"
#include "st_image.h"
#include "st_model.h"

/* Exit codes (documented in usage() and README.md). */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,  /* the model or an input file is invalid */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_IO = 3,       /* a file could not be read or written */
    EXIT_ACCURACY = 4, /* eval: accuracy below --min-accuracy */
    EXIT_MISMATCH = 5, /* the MAC and bit-plane forms disagree: a golden-model bug */
    EXIT_NOFIT = 6     /* compile: the model does not fit the accelerator or the RAM budget */
};

/* compile: the target. The CAPS values of the SoC's accelerator with its default parameters
 * (rtl/accel/st_accel_regs.sv: NumPe 8, SimdWidth 32, WbufWords 2048, PbufWords 256, every width and
 * operation); the firmware's probe compares them with the hardware it runs on, so a drift is reported
 * there by field name. The RAM budget: 128 KiB RAM - 32 KiB code region of the apps - 8 KiB stack -
 * about 24 KiB of runtime and application data (picolibc, the software path's scratch, the CRC table,
 * read-only strings): 64 KiB (docs/driver.md §5; the applications' link is the backstop). */
#define STC_CAPS0 0xFF0F2008u
#define STC_CAPS1 0x01000800u
#define STC_CAPS2 0x1F101008u
#define STC_CAPS3 0x0000001Cu /* XbufWords 256 / 9: a BYTES window of up to 28 weight words */
#define STC_RAM_BUDGET 65536u
#define STC_DEFAULT_SAMPLES 20u
/* The accelerator's RAM window (st_regs.def: the RAM block) and the image flags of st_app_image.h. */
#define ST_RAM_BASE_ADDR 0x00000000u
#define ST_RAM_WINDOW 0x00020000u
#define ST_APP_IMG_F_KEEP_BIT (1u << 0)
#define ST_APP_IMG_F_FUSED_BIT (1u << 1)

#define MAX_FILE_BYTES (256u << 20)

static const char *g_prog = "stc";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s <command> [arguments]\n"
            "\n"
            "Inspect, validate and run st-accel model files (.stm, docs/model-format.md) with the golden\n"
            "model (docs/numerics.md).\n"
            "\n"
            "commands:\n"
            "  info FILE                  header, input, classes, and per layer: type, kernel/stride/pad,\n"
            "                             in -> out shape, weight bits, output bits, residual, packed\n"
            "                             parameter bytes and MACs; totals\n"
            "  check FILE                 validate strictly; prints 'ok' or the error naming layer and field\n"
            "  run FILE INPUT [options]   run one input: a .sti sample file or a binary PGM/PPM image (P5/P6,\n"
            "                             maxval 255, the model's input shape); prints the class and scores\n"
            "      --index N              which sample of a .sti file (default 0)\n"
            "      --form mac|bitplane    which golden-model form computes (default mac)\n"
            "      --dump DIR             write every tensor as text: DIR/input.txt, DIR/layerNN.txt\n"
            "  eval FILE SAMPLES.sti [options]\n"
            "                             run every sample, print accuracy against the labels, and check that\n"
            "                             the MAC and bit-plane forms give identical scores\n"
            "      --form mac|bitplane|both   (default both)\n"
            "      --min-accuracy PCT     exit %d when the accuracy is below PCT\n"
            "      --verbose              one line per sample\n"
            "  compile FILE -o OUT [options]\n"
            "                             build the accelerator image (packed weights and parameters, the\n"
            "                             descriptor chain, buffers) with samples and golden expectations:\n"
            "                             OUT.c (a C source for the firmware) or OUT.bin (a binary image);\n"
            "                             fails naming the layer and the limit when the model does not fit\n"
            "      --samples F.sti        sample inputs to embed (default: the model's .sti beside it, if any)\n"
            "      --count N              how many samples (default 20; fewer if the file has fewer)\n"
            "      --fit                  embed fewer samples (at least 1) when --count of them exceed the budget\n"
            "      --ram-budget BYTES     RAM left for the image, samples and expectations (default %u)\n"
            "      --base ADDR            bus address the image is built for (default 0; the firmware\n"
            "                             relocates it to wherever its arena is linked)\n"
            "      --caps C0,C1,C2,C3     the accelerator's CAPS0..3 (default the SoC's:\n"
            "                             %08x,%08x,%08x,%08x)\n"
            "      --keep-tensors         every tensor in its own buffer and no GSUM fusion, so every\n"
            "                             layer's output can be checked after the chain\n"
            "      --no-fuse              do not fuse GSUM + DENSE into one W_SHARED descriptor\n"
            "      --corrupt-desc N       (tests) make descriptor N invalid: in_bits 0 (hardware: BAD_BITS)\n"
            "      --corrupt-crc S,L      (tests) flip a bit of the expected CRC of sample S, layer L\n"
            "      --quiet                no layout report\n"
            "  help, --help, -h           this text\n"
            "\n"
            "exit codes: 0 ok; 1 invalid model or input; 2 bad command line; 3 file I/O error;\n"
            "            4 accuracy below --min-accuracy; 5 MAC and bit-plane forms disagree (a bug);\n"
            "            6 compile: the model does not fit the hardware or the RAM budget\n",
            g_prog, (unsigned)STC_RAM_BUDGET, (unsigned)STC_CAPS0, (unsigned)STC_CAPS1, (unsigned)STC_CAPS2,
            (unsigned)STC_CAPS3, EXIT_ACCURACY);
}

#if defined(__GNUC__)
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", g_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n\n");
    usage(stderr);
    return EXIT_USAGE;
}

/* ---- files ---------------------------------------------------------------------------------------- */

/* Read a whole file into a malloc'd buffer (malloc alignment suits the parser's 4-byte rule). */
static int read_file(const char *path, uint8_t **buf, size_t *size)
{
    FILE *f = fopen(path, "rb");
    long n;
    uint8_t *b;

    if (f == NULL) {
        fprintf(stderr, "%s: cannot open %s: %s\n", g_prog, path, strerror(errno));
        return EXIT_IO;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "%s: cannot read %s: %s\n", g_prog, path, strerror(errno));
        fclose(f);
        return EXIT_IO;
    }
    if ((unsigned long)n > MAX_FILE_BYTES) {
        fprintf(stderr, "%s: %s is %ld bytes, more than the %u MiB this tool reads\n", g_prog, path, n,
                MAX_FILE_BYTES >> 20);
        fclose(f);
        return EXIT_INVALID;
    }
    b = (uint8_t *)malloc(n > 0 ? (size_t)n : 1u);
    if (b == NULL || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: cannot read %s\n", g_prog, path);
        free(b);
        fclose(f);
        return EXIT_IO;
    }
    fclose(f);
    *buf = b;
    *size = (size_t)n;
    return EXIT_OK;
}

typedef struct {
    uint8_t *buf;
    size_t size;
    st_model_t m;
} model_file_t;

static int load_model(const char *path, model_file_t *mf)
{
    st_diag_t d;
    st_status_t s;
    int rc = read_file(path, &mf->buf, &mf->size);

    if (rc != EXIT_OK) {
        return rc;
    }
    s = st_model_parse(mf->buf, mf->size, &mf->m, &d);
    if (s != ST_OK) {
        fprintf(stderr, "%s: %s: %s: %s\n", g_prog, path, st_status_str(s), d.msg);
        free(mf->buf);
        mf->buf = NULL;
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

static const char *class_name(const st_model_t *m, uint32_t c)
{
    return c < m->num_classes ? m->class_names + (size_t)c * ST_MODEL_CLASS_NAME_LEN : "?";
}

static int parse_uint(const char *s, unsigned long max, unsigned long *v)
{
    char *end;
    if (s == NULL || *s == '\0' || *s == '-') {
        return 0;
    }
    errno = 0;
    *v = strtoul(s, &end, 10);
    return errno == 0 && *end == '\0' && *v <= max;
}

/* ---- info ------------------------------------------------------------------------------------------- */

static void fmt_shape(char *dst, size_t n, const st_tensor_t *t)
{
    snprintf(dst, n, "%ux%ux%u", t->h, t->w, t->c);
}

static void fmt_code(char *dst, size_t n, const st_tensor_t *t)
{
    if (t->is_int32) {
        snprintf(dst, n, "int32");
    } else if (t->bipolar) {
        snprintf(dst, n, "%u-bit bip", t->bits);
    } else {
        snprintf(dst, n, "%u-bit", t->bits);
    }
}

static uint64_t layer_macs(const st_layer_t *l)
{
    if (l->type != ST_LAYER_CONV && l->type != ST_LAYER_DENSE) {
        return 0;
    }
    return (uint64_t)l->out.h * l->out.w * l->out.c * l->kh * l->kw * l->in.c;
}

static int cmd_info(int argc, char **argv)
{
    model_file_t mf;
    const st_model_t *m = &mf.m;
    uint32_t i, c;
    uint64_t tot_macs = 0, tot_params = 0, tot_weights = 0;
    int rc;

    if (argc != 1) {
        return usage_error("info takes one FILE");
    }
    rc = load_model(argv[0], &mf);
    if (rc != EXIT_OK) {
        return rc;
    }
    printf("model:   %s (dataset %s), format %u.%u, %zu bytes, CRC-32 %08x\n", m->name,
           m->dataset[0] ? m->dataset : "-", mf.buf[4] | (mf.buf[5] << 8), mf.buf[6] | (mf.buf[7] << 8),
           mf.size, (unsigned)(mf.buf[16] | (mf.buf[17] << 8) | (mf.buf[18] << 16) | ((uint32_t)mf.buf[19] << 24)));
    printf("input:   %ux%ux%u, %u-bit %s codes (pixel p -> p * %u / %u)\n", m->input.h, m->input.w, m->input.c,
           m->input.bits, m->input.bipolar ? "bipolar" : "unsigned", m->in_scale_num, m->in_scale_den);
    printf("classes: %u:", m->num_classes);
    for (c = 0; c < m->num_classes; c++) {
        printf(" %u=%s", (unsigned)c, class_name(m, c)[0] ? class_name(m, c) : "-");
    }
    printf("\nlayers:  %u\n\n", (unsigned)m->n_layers);
    printf("%3s %-7s %-10s %-22s %-4s %-10s %-9s %10s %12s\n", "#", "type", "kernel", "in -> out", "w", "out",
           "residual", "param B", "MACs");
    for (i = 0; i < m->n_layers; i++) {
        const st_layer_t *l = &m->layers[i];
        char kern[32], shp[64], a[24], b[24], oc[24], res[24], wb[8];
        uint64_t params = 0, macs = layer_macs(l);
        int mac = (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE);

        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_MAXPOOL) {
            snprintf(kern, sizeof kern, "%ux%u/%u p%u", l->kh, l->kw, l->stride, l->pad);
        } else if (l->type == ST_LAYER_DENSE) {
            snprintf(kern, sizeof kern, "(%ux%u)", l->kh, l->kw);
        } else {
            snprintf(kern, sizeof kern, "-");
        }
        fmt_shape(a, sizeof a, &l->in);
        fmt_shape(b, sizeof b, &l->out);
        snprintf(shp, sizeof shp, "%s -> %s", a, b);
        fmt_code(oc, sizeof oc, &l->out);
        if (l->res_src >= 0) {
            snprintf(res, sizeof res, "+t%d", l->res_src);
        } else {
            snprintf(res, sizeof res, "-");
        }
        if (mac) {
            snprintf(wb, sizeof wb, l->w_bits == 1 ? "bip" : "%u", l->w_bits);
            /* bytes the accelerator stores: packed weight planes + per-channel records (numerics.md §7.4-7.5) */
            params = 4ull * st_weight_words(l, i == 0) + 4ull * st_param_words(l);
            tot_weights += (uint64_t)l->out.c * l->kh * l->kw * l->in.c;
        } else {
            snprintf(wb, sizeof wb, "-");
        }
        printf("%3u %-7s %-10s %-22s %-4s %-10s %-9s %10llu %12llu\n", (unsigned)i, st_layer_type_str(l->type),
               kern, shp, wb, oc, res, (unsigned long long)params, (unsigned long long)macs);
        tot_params += params;
        tot_macs += macs;
    }
    printf("\ntotal:   %llu weights, %llu parameter bytes packed for the accelerator, %llu MACs per inference\n",
           (unsigned long long)tot_weights, (unsigned long long)tot_params, (unsigned long long)tot_macs);
    free(mf.buf);
    return EXIT_OK;
}

/* ---- check ------------------------------------------------------------------------------------------ */

static int cmd_check(int argc, char **argv)
{
    model_file_t mf;
    st_diag_t d;
    st_status_t s;
    int rc;

    if (argc != 1) {
        return usage_error("check takes one FILE");
    }
    rc = load_model(argv[0], &mf);
    if (rc != EXIT_OK) {
        return rc;
    }
    /* the golden model's own whole-network check must agree with the parser */
    s = st_net_check(&mf.m, &d);
    if (s != ST_OK) {
        fprintf(stderr, "%s: %s: golden model rejects a model the parser accepted: %s: %s\n", g_prog, argv[0],
                st_status_str(s), d.msg);
        free(mf.buf);
        return EXIT_INVALID;
    }
    printf("%s: ok (%u layers, %u classes, %zu bytes)\n", argv[0], (unsigned)mf.m.n_layers, mf.m.num_classes,
           mf.size);
    free(mf.buf);
    return EXIT_OK;
}

/* ---- inputs: .sti samples or PGM / PPM images -------------------------------------------------------- */

typedef struct {
    uint8_t *file;          /* the whole file */
    const uint8_t *codes;   /* h*w*c input codes of the chosen sample */
    int label;              /* -1 for an image */
    char desc[96];
} input_t;

/* Skip whitespace and '#' comments in a PNM header. */
static size_t pnm_skip(const uint8_t *b, size_t n, size_t i)
{
    while (i < n) {
        if (b[i] == '#') {
            while (i < n && b[i] != '\n') {
                i++;
            }
        } else if (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
            i++;
        } else {
            break;
        }
    }
    return i;
}

static int pnm_uint(const uint8_t *b, size_t n, size_t *i, unsigned long *v)
{
    unsigned long x = 0;
    size_t start;
    *i = pnm_skip(b, n, *i);
    start = *i;
    while (*i < n && b[*i] >= '0' && b[*i] <= '9' && x < 100000ul) {
        x = x * 10 + (unsigned long)(b[*i] - '0');
        (*i)++;
    }
    *v = x;
    return *i > start && *i < n && x < 100000ul;
}

static int check_codes(const st_model_t *m, const uint8_t *codes, const char *what)
{
    size_t i, n = (size_t)m->input.h * m->input.w * m->input.c;
    for (i = 0; i < n; i++) {
        if (codes[i] >> m->input.bits) {
            fprintf(stderr, "%s: %s: input code %u at index %zu does not fit the model's %u-bit input\n", g_prog,
                    what, codes[i], i, m->input.bits);
            return EXIT_INVALID;
        }
    }
    return EXIT_OK;
}

static int load_input(const char *path, const st_model_t *m, unsigned long index, int index_given, input_t *in)
{
    size_t size;
    int rc = read_file(path, &in->file, &size);
    const uint8_t *b;

    if (rc != EXIT_OK) {
        return rc;
    }
    b = in->file;
    in->label = -1;
    if (size >= 4 && memcmp(b, ST_SAMPLES_MAGIC, 4) == 0) {
        st_samples_t s;
        st_diag_t d;
        st_status_t st = st_samples_parse(b, size, &s, &d);
        if (st != ST_OK) {
            fprintf(stderr, "%s: %s: %s: %s\n", g_prog, path, st_status_str(st), d.msg);
            return EXIT_INVALID;
        }
        if (s.h != m->input.h || s.w != m->input.w || s.c != m->input.c) {
            fprintf(stderr, "%s: %s: samples are %ux%ux%u, the model's input is %ux%ux%u\n", g_prog, path, s.h,
                    s.w, s.c, m->input.h, m->input.w, m->input.c);
            return EXIT_INVALID;
        }
        if (index >= s.count) {
            fprintf(stderr, "%s: %s: --index %lu out of range, the file holds %u samples (0..%u)\n", g_prog, path,
                    index, s.count, s.count - 1u);
            return EXIT_USAGE;
        }
        in->codes = st_samples_input(&s, (uint32_t)index);
        in->label = st_samples_label(&s, (uint32_t)index);
        snprintf(in->desc, sizeof in->desc, "sample %lu of %u", index, s.count);
        return check_codes(m, in->codes, path);
    }
    if (size >= 2 && b[0] == 'P' && (b[1] == '5' || b[1] == '6')) {
        unsigned long w, h, maxv, c = (b[1] == '5') ? 1u : 3u;
        size_t i = 2, n, k;
        uint8_t *codes;
        if (index_given) {
            fprintf(stderr, "%s: --index applies to .sti sample files, not to the image %s\n", g_prog, path);
            return EXIT_USAGE;
        }
        if (!pnm_uint(b, size, &i, &w) || !pnm_uint(b, size, &i, &h) || !pnm_uint(b, size, &i, &maxv) ||
            !(b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            fprintf(stderr, "%s: %s: malformed PGM/PPM header\n", g_prog, path);
            return EXIT_INVALID;
        }
        i++; /* the single whitespace byte before the raster */
        if (maxv != 255u) {
            fprintf(stderr, "%s: %s: maxval %lu, only 8-bit images (maxval 255) are read\n", g_prog, path, maxv);
            return EXIT_INVALID;
        }
        if (h != m->input.h || w != m->input.w || c != m->input.c) {
            fprintf(stderr, "%s: %s: image is %lux%lux%lu (HxWxC), the model's input is %ux%ux%u\n", g_prog, path,
                    h, w, c, m->input.h, m->input.w, m->input.c);
            return EXIT_INVALID;
        }
        n = (size_t)h * w * c;
        if (size - i < n) {
            fprintf(stderr, "%s: %s: raster truncated (%zu of %zu bytes)\n", g_prog, path, size - i, n);
            return EXIT_INVALID;
        }
        /* pixels become codes by the model's input scaling (docs/model-format.md §3), in place */
        codes = in->file + i;
        for (k = 0; k < n; k++) {
            codes[k] = (uint8_t)((uint32_t)codes[k] * m->in_scale_num / m->in_scale_den);
        }
        in->codes = codes;
        snprintf(in->desc, sizeof in->desc, "image %lux%lu %s", w, h, c == 1 ? "PGM" : "PPM");
        return check_codes(m, in->codes, path);
    }
    fprintf(stderr, "%s: %s: neither a .sti sample file (\"STIN\") nor a binary PGM/PPM image (P5/P6)\n", g_prog,
            path);
    return EXIT_INVALID;
}

/* ---- running ---------------------------------------------------------------------------------------- */

typedef struct {
    const char *dir;
    int failed;
} dump_t;

static int write_tensor_txt(const char *path, const char *what, const st_tensor_t *t, const uint16_t *codes,
                            const int32_t *ints, const uint8_t *bytes)
{
    FILE *f = fopen(path, "w");
    uint32_t y, x, c;
    if (f == NULL) {
        return -1;
    }
    fprintf(f, "# st-accel tensor dump: %s\n", what);
    if (t->is_int32) {
        fprintf(f, "# shape %ux%ux%u (HxWxC), int32 values", t->h, t->w, t->c);
    } else {
        fprintf(f, "# shape %ux%ux%u (HxWxC), %u-bit %s codes", t->h, t->w, t->c, t->bits,
                t->bipolar ? "bipolar (q stands for 2q-1)" : "unsigned");
    }
    fprintf(f, ", canonical NHWC; one line per pixel: y x: c0 c1 ...\n");
    for (y = 0; y < t->h; y++) {
        for (x = 0; x < t->w; x++) {
            size_t base = ((size_t)y * t->w + x) * t->c;
            fprintf(f, "%u %u:", (unsigned)y, (unsigned)x);
            for (c = 0; c < t->c; c++) {
                if (ints != NULL) {
                    fprintf(f, " %ld", (long)ints[base + c]);
                } else if (codes != NULL) {
                    fprintf(f, " %u", codes[base + c]);
                } else {
                    fprintf(f, " %u", bytes[base + c]);
                }
            }
            fputc('\n', f);
        }
    }
    return fclose(f) == 0 ? 0 : -1;
}

static int dump_cb(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes, const int32_t *ints)
{
    dump_t *d = (dump_t *)user;
    char path[4096], what[96];
    snprintf(path, sizeof path, "%s/layer%02u.txt", d->dir, (unsigned)layer);
    snprintf(what, sizeof what, "tensor %u = output of layer %u", (unsigned)layer + 1u, (unsigned)layer);
    if (write_tensor_txt(path, what, t, codes, ints, NULL) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", g_prog, path, strerror(errno));
        d->failed = 1;
        return 1;
    }
    return 0;
}

static int parse_form(const char *s, int allow_both, int *form)
{
    if (s == NULL) {
        return 0;
    }
    if (strcmp(s, "mac") == 0) {
        *form = ST_FORM_MAC;
    } else if (strcmp(s, "bitplane") == 0) {
        *form = ST_FORM_BITPLANE;
    } else if (allow_both && strcmp(s, "both") == 0) {
        *form = -1;
    } else {
        return 0;
    }
    return 1;
}

/* Run one input; scratch is allocated per call (host tool). */
static st_status_t run_one(const st_model_t *m, st_form_t form, const uint8_t *codes, st_layer_cb_t cb,
                           void *user, int32_t *scores, uint32_t *cls, st_diag_t *d)
{
    size_t n = st_net_scratch_bytes(m, form);
    void *scratch;
    st_status_t s;

    if (n == 0) {
        return st_net_check(m, d);
    }
    scratch = malloc(n);
    if (scratch == NULL) {
        snprintf(d->msg, sizeof d->msg, "out of memory (%zu bytes of scratch)", n);
        return ST_ERR_ARG;
    }
    s = st_net_run(m, form, codes, scratch, n, cb, user, scores, cls);
    if (s != ST_OK) {
        snprintf(d->msg, sizeof d->msg, "st_net_run failed");
    }
    free(scratch);
    return s;
}

static int cmd_run(int argc, char **argv)
{
    model_file_t mf;
    input_t in;
    const char *dump_dir = NULL;
    unsigned long index = 0;
    int index_given = 0, form = ST_FORM_MAC, rc, i, npos = 0;
    const char *pos[2] = {NULL, NULL};
    int32_t *scores;
    uint32_t cls = 0, c;
    st_diag_t d;
    st_status_t s;
    dump_t dump = {NULL, 0};

    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--index") == 0) {
            if (i + 1 >= argc || !parse_uint(argv[i + 1], 65535ul, &index)) {
                return usage_error("--index needs a sample number 0..65535, got '%s'", i + 1 < argc ? argv[i + 1] : "");
            }
            index_given = 1;
            i++;
        } else if (strcmp(argv[i], "--form") == 0) {
            if (i + 1 >= argc || !parse_form(argv[i + 1], 0, &form)) {
                return usage_error("--form needs mac or bitplane, got '%s'", i + 1 < argc ? argv[i + 1] : "");
            }
            i++;
        } else if (strcmp(argv[i], "--dump") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                return usage_error("--dump needs a directory");
            }
            dump_dir = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_error("run: unknown option '%s'", argv[i]);
        } else if (npos < 2) {
            pos[npos++] = argv[i];
        } else {
            return usage_error("run: unexpected argument '%s'", argv[i]);
        }
    }
    if (npos != 2) {
        return usage_error("run needs a model FILE and an INPUT");
    }
    rc = load_model(pos[0], &mf);
    if (rc != EXIT_OK) {
        return rc;
    }
    memset(&in, 0, sizeof in);
    rc = load_input(pos[1], &mf.m, index, index_given, &in);
    if (rc != EXIT_OK) {
        free(in.file);
        free(mf.buf);
        return rc;
    }
    if (dump_dir != NULL) {
        char path[4096];
        if (mkdir(dump_dir, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "%s: cannot create %s: %s\n", g_prog, dump_dir, strerror(errno));
            free(in.file);
            free(mf.buf);
            return EXIT_IO;
        }
        dump.dir = dump_dir;
        snprintf(path, sizeof path, "%s/input.txt", dump_dir);
        if (write_tensor_txt(path, "tensor 0 = network input", &mf.m.input, NULL, NULL, in.codes) != 0) {
            fprintf(stderr, "%s: cannot write %s: %s\n", g_prog, path, strerror(errno));
            free(in.file);
            free(mf.buf);
            return EXIT_IO;
        }
    }
    scores = (int32_t *)calloc(mf.m.num_classes, sizeof *scores);
    memset(&d, 0, sizeof d);
    s = run_one(&mf.m, (st_form_t)form, in.codes, dump_dir ? dump_cb : NULL, &dump, scores, &cls, &d);
    if (s != ST_OK || dump.failed) {
        if (!dump.failed) {
            fprintf(stderr, "%s: %s: %s\n", g_prog, st_status_str(s), d.msg);
        }
        free(scores);
        free(in.file);
        free(mf.buf);
        return dump.failed ? EXIT_IO : EXIT_INVALID;
    }
    printf("input: %s of %s", in.desc, pos[1]);
    if (in.label >= 0) {
        printf(", label %d (%s)", in.label, class_name(&mf.m, (uint32_t)in.label));
    }
    printf("\nform: %s\n", form == ST_FORM_MAC ? "mac" : "bitplane");
    printf("class: %u (%s)\n", (unsigned)cls, class_name(&mf.m, cls));
    printf("scores:");
    for (c = 0; c < mf.m.num_classes; c++) {
        printf(" %ld", (long)scores[c]);
    }
    printf("\n");
    for (c = 0; c < mf.m.num_classes; c++) {
        printf("  %4u %-24s %12ld%s\n", (unsigned)c, class_name(&mf.m, c), (long)scores[c], c == cls ? "  <-" : "");
    }
    if (dump_dir != NULL) {
        printf("dump: %s/input.txt and %s/layer00.txt .. layer%02u.txt\n", dump_dir, dump_dir,
               (unsigned)mf.m.n_layers - 1u);
    }
    free(scores);
    free(in.file);
    free(mf.buf);
    return EXIT_OK;
}

static int cmd_eval(int argc, char **argv)
{
    model_file_t mf;
    uint8_t *sbuf = NULL;
    size_t ssize;
    st_samples_t s;
    st_diag_t d;
    st_status_t st;
    int form = -1, verbose = 0, rc, i, npos = 0, have_min = 0;
    const char *pos[2] = {NULL, NULL};
    unsigned long min_pct = 0;
    uint32_t k, correct = 0, agree = 0;
    int32_t *sc_mac, *sc_bp;

    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--form") == 0) {
            if (i + 1 >= argc || !parse_form(argv[i + 1], 1, &form)) {
                return usage_error("--form needs mac, bitplane or both, got '%s'", i + 1 < argc ? argv[i + 1] : "");
            }
            i++;
        } else if (strcmp(argv[i], "--min-accuracy") == 0) {
            if (i + 1 >= argc || !parse_uint(argv[i + 1], 100ul, &min_pct)) {
                return usage_error("--min-accuracy needs a percentage 0..100, got '%s'", i + 1 < argc ? argv[i + 1] : "");
            }
            have_min = 1;
            i++;
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_error("eval: unknown option '%s'", argv[i]);
        } else if (npos < 2) {
            pos[npos++] = argv[i];
        } else {
            return usage_error("eval: unexpected argument '%s'", argv[i]);
        }
    }
    if (npos != 2) {
        return usage_error("eval needs a model FILE and a SAMPLES.sti file");
    }
    rc = load_model(pos[0], &mf);
    if (rc != EXIT_OK) {
        return rc;
    }
    rc = read_file(pos[1], &sbuf, &ssize);
    if (rc != EXIT_OK) {
        free(mf.buf);
        return rc;
    }
    st = st_samples_parse(sbuf, ssize, &s, &d);
    if (st != ST_OK) {
        fprintf(stderr, "%s: %s: %s: %s\n", g_prog, pos[1], st_status_str(st), d.msg);
        free(sbuf);
        free(mf.buf);
        return EXIT_INVALID;
    }
    if (s.h != mf.m.input.h || s.w != mf.m.input.w || s.c != mf.m.input.c) {
        fprintf(stderr, "%s: %s: samples are %ux%ux%u, the model's input is %ux%ux%u\n", g_prog, pos[1], s.h, s.w,
                s.c, mf.m.input.h, mf.m.input.w, mf.m.input.c);
        free(sbuf);
        free(mf.buf);
        return EXIT_INVALID;
    }
    sc_mac = (int32_t *)calloc(mf.m.num_classes, sizeof(int32_t));
    sc_bp = (int32_t *)calloc(mf.m.num_classes, sizeof(int32_t));
    rc = EXIT_OK;
    for (k = 0; k < s.count && rc == EXIT_OK; k++) {
        const uint8_t *codes = st_samples_input(&s, k);
        int label = st_samples_label(&s, k);
        uint32_t cm = 0, cb = 0, cls;
        int same = 1;
        st = ST_OK;
        rc = check_codes(&mf.m, codes, pos[1]);
        if (rc != EXIT_OK) {
            break;
        }
        if (form != ST_FORM_BITPLANE) {
            st = run_one(&mf.m, ST_FORM_MAC, codes, NULL, NULL, sc_mac, &cm, &d);
        }
        if (st == ST_OK && form != ST_FORM_MAC) {
            st = run_one(&mf.m, ST_FORM_BITPLANE, codes, NULL, NULL, sc_bp, &cb, &d);
        }
        if (st != ST_OK) {
            fprintf(stderr, "%s: sample %u: %s: %s\n", g_prog, (unsigned)k, st_status_str(st), d.msg);
            rc = EXIT_INVALID;
            break;
        }
        cls = (form == ST_FORM_BITPLANE) ? cb : cm;
        if (form == -1) {
            uint32_t c;
            same = (cm == cb);
            for (c = 0; c < mf.m.num_classes; c++) {
                if (sc_mac[c] != sc_bp[c]) {
                    if (same) {
                        fprintf(stderr, "%s: sample %u: class %u score: mac %ld, bitplane %ld\n", g_prog, (unsigned)k,
                                (unsigned)c, (long)sc_mac[c], (long)sc_bp[c]);
                    }
                    same = 0;
                }
            }
            if (same) {
                agree++;
            } else {
                rc = EXIT_MISMATCH;
            }
        }
        if ((int)cls == label) {
            correct++;
        }
        if (verbose || (int)cls != label) {
            printf("sample %3u: label %3d (%s), predicted %3u (%s)%s\n", (unsigned)k, label,
                   class_name(&mf.m, (uint32_t)label), (unsigned)cls, class_name(&mf.m, cls),
                   (int)cls == label ? "" : "  MISS");
        }
    }
    if (rc == EXIT_OK || rc == EXIT_MISMATCH) {
        printf("accuracy: %u/%u = %.2f%%\n", (unsigned)correct, (unsigned)s.count, 100.0 * correct / s.count);
        if (form == -1) {
            printf("forms: mac and bitplane agree on %u/%u samples\n", (unsigned)agree, (unsigned)s.count);
        } else {
            printf("form: %s only\n", form == ST_FORM_MAC ? "mac" : "bitplane");
        }
        if (rc == EXIT_OK && have_min && (uint64_t)correct * 100u < (uint64_t)min_pct * s.count) {
            printf("accuracy below --min-accuracy %lu%%\n", min_pct);
            rc = EXIT_ACCURACY;
        }
    }
    free(sc_mac);
    free(sc_bp);
    free(sbuf);
    free(mf.buf);
    return rc;
}

/* ---- compile ---------------------------------------------------------------------------------------- */

/* The image format version of the binary output (docs/driver.md §5.2). */
#define STC_BIN_MAGIC 0x4D495453u /* "STIM" */
#define STC_BIN_VERSION 1u
#define STC_BIN_HEADER_WORDS 20u
#define STC_BIN_LAYER_WORDS 4u

typedef struct {
    const char *out;
    const char *samples;
    unsigned long count;
    unsigned long budget;
    unsigned long base;
    uint32_t caps[4];
    int keep, no_fuse, quiet, fit;
    long corrupt_desc;
    long corrupt_sample, corrupt_layer;
} compile_opts_t;

/* What the golden model says about one sample: the CRC of every layer's output in its RAM layout. */
typedef struct {
    const st_model_t *m;
    uint32_t *crc;   /* n_layers entries */
    uint32_t *words; /* scratch: the largest tensor in words */
} crc_ctx_t;

static int crc_cb(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes, const int32_t *ints)
{
    crc_ctx_t *c = (crc_ctx_t *)user;
    uint32_t n = st_tensor_words(t, 0), i;
    uint8_t bytes[4];
    uint32_t crc = 0;

    if (ints != NULL) {
        for (i = 0; i < n; i++) {
            c->words[i] = (uint32_t)ints[i];
        }
    } else {
        st_pack_planes(t, codes, c->words);
    }
    /* little-endian bytes, as the SoC stores the words (host byte order does not matter here) */
    for (i = 0; i < n; i++) {
        bytes[0] = (uint8_t)c->words[i];
        bytes[1] = (uint8_t)(c->words[i] >> 8);
        bytes[2] = (uint8_t)(c->words[i] >> 16);
        bytes[3] = (uint8_t)(c->words[i] >> 24);
        crc = st_crc32(crc, bytes, 4);
    }
    c->crc[layer] = crc;
    return 0;
}

/* CAPS0,CAPS1,CAPS2[,CAPS3] in hex; CAPS3 keeps its value when omitted. */
static int parse_caps(const char *s, uint32_t caps[4])
{
    unsigned long v[4];
    char *end;
    int i, n = 0;
    for (i = 0; i < 4; i++) {
        errno = 0;
        v[i] = strtoul(s, &end, 16);
        if (errno != 0 || end == s || v[i] > 0xFFFFFFFFul || (*end != ',' && *end != '\0')) {
            return 0;
        }
        n++;
        if (*end == '\0') {
            break;
        }
        s = end + 1;
    }
    if (n < 3 || *end != '\0') {
        return 0;
    }
    for (i = 0; i < n; i++) {
        caps[i] = (uint32_t)v[i];
    }
    return 1;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* A C string literal of at most max characters of s (printable ASCII; others escaped). */
static void c_string(FILE *f, const char *s, size_t max)
{
    size_t i;
    fputc('"', f);
    for (i = 0; i < max && s[i] != '\0'; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            fprintf(f, "\\%c", ch);
        } else if (ch >= 32u && ch < 127u) {
            fputc(ch, f);
        } else {
            fprintf(f, "\\%03o", ch);
        }
    }
    fputc('"', f);
}

static void c_words(FILE *f, const uint32_t *w, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++) {
        fprintf(f, "%s0x%08lxu,", (i % 8u) == 0u ? "\n    " : " ", (unsigned long)w[i]);
    }
    fprintf(f, "\n");
}

static void c_tensor(FILE *f, const st_tensor_t *t)
{
    fprintf(f, "{%u, %u, %u, %u, %u, %u}", t->h, t->w, t->c, t->bits, t->bipolar, t->is_int32);
}

typedef struct {
    const st_model_t *m;
    const char *model_path;
    const st_image_t *img;
    const uint32_t *arena;   /* host copy of the arena (img->used_bytes) */
    uint32_t arena_words, init_words, base;
    const uint32_t *caps;
    uint32_t flags;
    const uint8_t *checkable;
    uint32_t n_samples;
    const uint32_t *samples; /* n_samples * in_words */
    const uint8_t *labels;
    const uint32_t *crc;     /* n_samples * n_layers */
    const int32_t *scores;   /* n_samples * num_classes */
    uint64_t macs;
} image_out_t;

static uint32_t off_of(const image_out_t *o, uint32_t addr)
{
    return addr - o->base;
}

static int write_c(const char *path, const image_out_t *o)
{
    const st_model_t *m = o->m;
    const st_image_t *img = o->img;
    const uint32_t in_words = img->tensor[0].words, L = m->n_layers, K = m->num_classes;
    FILE *f = fopen(path, "w");
    uint32_t i;

    if (f == NULL) {
        fprintf(stderr, "%s: cannot write %s: %s\n", g_prog, path, strerror(errno));
        return EXIT_IO;
    }
    fprintf(f, "/* Generated by stc compile from %s - DO NOT EDIT.\n", o->model_path);
    fprintf(f, " * The accelerator image of model \"%s\" with %u samples and golden expectations\n", m->name,
            (unsigned)o->n_samples);
    fprintf(f, " * (docs/driver.md §5; types in firmware/apps/st_app_image.h). */\n");
    fprintf(f, "#include <stddef.h>\n#include \"st_app_image.h\"\n\n");
    fprintf(f, "/* The arena: descriptors, packed weights and parameters (initialised), activation buffers (zero). */\n");
    fprintf(f, "static uint32_t arena[%lu] __attribute__((aligned(64))) = {", (unsigned long)o->arena_words);
    c_words(f, o->arena, o->init_words);
    fprintf(f, "};\n\n");
    if (o->n_samples > 0u) {
        fprintf(f, "/* Sample inputs, packed as tensor 0 (%s layout), %u words each. */\n",
                img->input_is_bytes ? "BYTES" : "PLANES", (unsigned)in_words);
        fprintf(f, "static const uint32_t samples[%lu] = {", (unsigned long)o->n_samples * in_words);
        c_words(f, o->samples, o->n_samples * in_words);
        fprintf(f, "};\n\nstatic const uint8_t labels[%u] = {", (unsigned)o->n_samples);
        for (i = 0; i < o->n_samples; i++) {
            fprintf(f, "%s%u,", (i % 16u) == 0u ? "\n    " : " ", o->labels[i]);
        }
        fprintf(f, "\n};\n\n/* Host golden model (MAC form): CRC-32 of each layer's output in its RAM layout, per sample. */\n");
        fprintf(f, "static const uint32_t expect_crc[%lu] = {", (unsigned long)o->n_samples * L);
        c_words(f, o->crc, o->n_samples * L);
        fprintf(f, "};\n\n/* Host golden model: the output scores, per sample. */\n");
        fprintf(f, "static const int32_t expect_scores[%lu] = {", (unsigned long)o->n_samples * K);
        for (i = 0; i < o->n_samples * K; i++) {
            fprintf(f, "%s%ld,", (i % 8u) == 0u ? "\n    " : " ", (long)o->scores[i]);
        }
        fprintf(f, "\n};\n\n");
    }
    fprintf(f, "static const char class_names[%u][%u] = {\n", (unsigned)K, (unsigned)ST_MODEL_CLASS_NAME_LEN);
    for (i = 0; i < K; i++) {
        fprintf(f, "    ");
        c_string(f, m->class_names + (size_t)i * ST_MODEL_CLASS_NAME_LEN, ST_MODEL_CLASS_NAME_LEN - 1u);
        fprintf(f, ",\n");
    }
    fprintf(f, "};\n\nstatic const st_app_layer_t layers[%u] = {\n", (unsigned)L);
    for (i = 0; i < L; i++) {
        const st_layer_t *l = &m->layers[i];
        const int conv = l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE;
        fprintf(f, "    {{%u, %u, %u, %u, %u, %u, %u, %u, %d, ", l->type, l->kh, l->kw, l->stride, l->pad, l->w_bits,
                l->out_bits, l->out_bipolar, l->res_src);
        c_tensor(f, &l->in);
        fprintf(f, ", ");
        c_tensor(f, &l->out);
        fprintf(f, ", NULL, NULL, NULL, NULL, NULL},\n     %d, %d, %u, %luu, %luu, %luu, %luu, %luu, %luu}, /* %s */\n",
                img->layer_desc[i], (i == 0u && img->input_is_bytes) ? 1 : 0, o->checkable[i],
                (unsigned long)(img->tensor[i].words ? off_of(o, img->tensor[i].addr) : 0u),
                (unsigned long)(img->tensor[i + 1u].words ? off_of(o, img->tensor[i + 1u].addr) : 0u),
                (unsigned long)img->tensor[i + 1u].words,
                (unsigned long)(conv ? off_of(o, img->weights[i].addr) : 0u),
                (unsigned long)(conv ? off_of(o, img->params[i].addr) : 0u),
                (unsigned long)(conv && l->res_src >= 0 ? off_of(o, img->tensor[l->res_src].addr) : 0u),
                st_layer_type_str(l->type));
    }
    fprintf(f, "};\n\nconst st_app_image_t st_app_image = {\n");
    fprintf(f, "    .version = ST_APP_IMAGE_VERSION,\n    .model_name = ");
    c_string(f, m->name, sizeof m->name);
    fprintf(f, ",\n    .model_file = ");
    c_string(f, o->model_path, 200);
    fprintf(f, ",\n    .arena = arena,\n    .arena_words = %luu,\n    .base = 0x%08lxu,\n",
            (unsigned long)o->arena_words, (unsigned long)o->base);
    fprintf(f, "    .caps0 = 0x%08lxu,\n    .caps1 = 0x%08lxu,\n    .caps2 = 0x%08lxu,\n    .caps3 = 0x%08lxu,\n",
            (unsigned long)o->caps[0], (unsigned long)o->caps[1], (unsigned long)o->caps[2], (unsigned long)o->caps[3]);
    fprintf(f, "    .flags = 0x%lxu,\n    .n_layers = %uu,\n    .n_desc = %uu,\n    .desc_off = %luu,\n",
            (unsigned long)o->flags, (unsigned)L, (unsigned)img->n_desc, (unsigned long)off_of(o, img->desc_addr));
    fprintf(f, "    .in_off = %luu,\n    .in_words = %uu,\n    .input_is_bytes = %u,\n",
            (unsigned long)off_of(o, img->tensor[0].addr), (unsigned)in_words, (unsigned)img->input_is_bytes);
    fprintf(f, "    .out_off = %luu,\n    .out_words = %uu,\n    .num_classes = %uu,\n",
            (unsigned long)off_of(o, img->tensor[L].addr), (unsigned)img->tensor[L].words, (unsigned)K);
    fprintf(f, "    .class_names = &class_names[0][0],\n    .layers = layers,\n    .n_samples = %uu,\n",
            (unsigned)o->n_samples);
    if (o->n_samples > 0u) {
        fprintf(f, "    .samples = samples,\n    .labels = labels,\n    .expect_crc = expect_crc,\n"
                   "    .expect_scores = expect_scores,\n");
    } else {
        fprintf(f, "    .samples = NULL,\n    .labels = NULL,\n    .expect_crc = NULL,\n    .expect_scores = NULL,\n");
    }
    fprintf(f, "    .macs = %lluu,\n};\n", (unsigned long long)o->macs);
    if (fclose(f) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", g_prog, path, strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static void put32(FILE *f, uint32_t v, uint32_t *crc)
{
    uint8_t b[4];
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
    fwrite(b, 1, 4, f);
    *crc = st_crc32(*crc, b, 4);
}

/* The binary image (docs/driver.md §5.2): header, layer table, the arena's initialised words, CRC-32. */
static int write_bin(const char *path, const image_out_t *o)
{
    const st_image_t *img = o->img;
    const uint32_t L = o->m->n_layers;
    FILE *f = fopen(path, "wb");
    uint32_t crc = 0, i, hdr[STC_BIN_HEADER_WORDS];

    if (f == NULL) {
        fprintf(stderr, "%s: cannot write %s: %s\n", g_prog, path, strerror(errno));
        return EXIT_IO;
    }
    memset(hdr, 0, sizeof hdr);
    hdr[0] = STC_BIN_MAGIC;
    hdr[1] = STC_BIN_VERSION;
    hdr[2] = STC_BIN_HEADER_WORDS;
    hdr[3] = (uint32_t)(4u * (STC_BIN_HEADER_WORDS + STC_BIN_LAYER_WORDS * L + o->init_words) + 4u);
    hdr[4] = o->base;
    hdr[5] = o->arena_words;
    hdr[6] = o->init_words;
    hdr[7] = o->caps[0];
    hdr[8] = o->caps[1];
    hdr[9] = o->caps[2];
    hdr[10] = L;
    hdr[11] = img->n_desc;
    hdr[12] = off_of(o, img->desc_addr);
    hdr[13] = off_of(o, img->tensor[0].addr);
    hdr[14] = img->tensor[0].words;
    hdr[15] = off_of(o, img->tensor[L].addr);
    hdr[16] = img->tensor[L].words;
    hdr[17] = (img->input_is_bytes ? 1u : 0u) | (o->flags << 1);
    hdr[18] = o->m->num_classes;
    hdr[19] = o->caps[3];
    for (i = 0; i < STC_BIN_HEADER_WORDS; i++) {
        put32(f, hdr[i], &crc);
    }
    for (i = 0; i < L; i++) {
        const uint32_t words = img->tensor[i + 1u].words;
        put32(f, (uint32_t)(uint16_t)img->layer_desc[i] | ((uint32_t)o->m->layers[i].type << 16) |
                     ((uint32_t)o->checkable[i] << 24), &crc);
        put32(f, words ? off_of(o, img->tensor[i + 1u].addr) : 0u, &crc);
        put32(f, words, &crc);
        put32(f, 0u, &crc);
    }
    for (i = 0; i < o->init_words; i++) {
        put32(f, o->arena[i], &crc);
    }
    put32(f, crc, &crc);
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "%s: cannot write %s\n", g_prog, path);
        return EXIT_IO;
    }
    return EXIT_OK;
}

static int cmd_compile(int argc, char **argv)
{
    compile_opts_t op;
    model_file_t mf;
    const st_model_t *m;
    const char *model_path = NULL;
    char samples_guess[4096];
    uint8_t *sbuf = NULL;
    size_t ssize = 0;
    st_samples_t sm;
    st_img_caps_t caps;
    st_img_diag_t diag;
    st_img_status_t ist;
    st_image_t img;
    uint32_t *arena = NULL, *samples = NULL, *crcs = NULL, *words = NULL;
    int32_t *scores = NULL;
    uint8_t *labels = NULL;
    uint8_t checkable[ST_MAX_LAYERS];
    uint32_t flags = 0, n = 0, i, L, K, in_words, init_words = 0, max_words = 0, app_flags = 0;
    uint64_t w_bytes = 0, p_bytes = 0, act_bytes, sample_bytes, table_bytes, need, macs = 0;
    int rc = EXIT_OK, have_samples_opt = 0;
    image_out_t o;

    memset(&op, 0, sizeof op);
    op.count = STC_DEFAULT_SAMPLES;
    op.budget = STC_RAM_BUDGET;
    op.caps[0] = STC_CAPS0;
    op.caps[1] = STC_CAPS1;
    op.caps[2] = STC_CAPS2;
    op.caps[3] = STC_CAPS3;
    op.corrupt_desc = -1;
    op.corrupt_sample = -1;
    op.corrupt_layer = -1;
    for (i = 0; i < (uint32_t)argc; i++) {
        const char *a = argv[i];
        const char *v = (i + 1u < (uint32_t)argc) ? argv[i + 1u] : NULL;
        unsigned long x;
        if (strcmp(a, "-o") == 0) {
            if (v == NULL || v[0] == '\0') {
                return usage_error("-o needs an output file (.c or .bin)");
            }
            op.out = v;
            i++;
        } else if (strcmp(a, "--samples") == 0) {
            if (v == NULL || v[0] == '\0') {
                return usage_error("--samples needs a .sti file");
            }
            op.samples = v;
            have_samples_opt = 1;
            i++;
        } else if (strcmp(a, "--count") == 0) {
            if (!parse_uint(v, 65535ul, &op.count)) {
                return usage_error("--count needs a number 0..65535, got '%s'", v ? v : "");
            }
            i++;
        } else if (strcmp(a, "--ram-budget") == 0) {
            if (!parse_uint(v, 0xFFFFFFFFul, &op.budget)) {
                return usage_error("--ram-budget needs a byte count, got '%s'", v ? v : "");
            }
            i++;
        } else if (strcmp(a, "--base") == 0) {
            char *end;
            if (v == NULL || v[0] == '-') {
                return usage_error("--base needs an address");
            }
            errno = 0;
            x = strtoul(v, &end, 0);
            if (errno != 0 || *end != '\0' || x > 0xFFFFFFFFul || (x & 3ul) != 0ul) {
                return usage_error("--base needs a word-aligned 32-bit address, got '%s'", v);
            }
            op.base = x;
            i++;
        } else if (strcmp(a, "--caps") == 0) {
            if (v == NULL || !parse_caps(v, op.caps)) {
                return usage_error("--caps needs hex words CAPS0,CAPS1,CAPS2[,CAPS3], got '%s'", v ? v : "");
            }
            i++;
        } else if (strcmp(a, "--keep-tensors") == 0) {
            op.keep = 1;
        } else if (strcmp(a, "--fit") == 0) {
            op.fit = 1;
        } else if (strcmp(a, "--no-fuse") == 0) {
            op.no_fuse = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            op.quiet = 1;
        } else if (strcmp(a, "--corrupt-desc") == 0) {
            if (!parse_uint(v, 63ul, &x)) {
                return usage_error("--corrupt-desc needs a descriptor index, got '%s'", v ? v : "");
            }
            op.corrupt_desc = (long)x;
            i++;
        } else if (strcmp(a, "--corrupt-crc") == 0) {
            unsigned long s2, l2;
            if (v == NULL || sscanf(v, "%lu,%lu", &s2, &l2) != 2) {
                return usage_error("--corrupt-crc needs SAMPLE,LAYER, got '%s'", v ? v : "");
            }
            op.corrupt_sample = (long)s2;
            op.corrupt_layer = (long)l2;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("compile: unknown option '%s'", a);
        } else if (model_path == NULL) {
            model_path = a;
        } else {
            return usage_error("compile: unexpected argument '%s'", a);
        }
    }
    if (model_path == NULL || op.out == NULL) {
        return usage_error("compile needs a model FILE and -o OUT.c|OUT.bin");
    }
    if (!has_suffix(op.out, ".c") && !has_suffix(op.out, ".bin")) {
        return usage_error("-o %s: the output must end in .c (C source) or .bin (binary image)", op.out);
    }
    rc = load_model(model_path, &mf);
    if (rc != EXIT_OK) {
        return rc;
    }
    m = &mf.m;
    L = m->n_layers;
    K = m->num_classes;

    /* ---- samples: the given file, or the model's own .sti beside it ---------------------------------- */
    if (op.samples == NULL && op.count > 0u) {
        size_t len = strlen(model_path);
        if (len > 4u && len < sizeof samples_guess && has_suffix(model_path, ".stm")) {
            memcpy(samples_guess, model_path, len - 4u);
            memcpy(samples_guess + len - 4u, ".sti", 5u);
            FILE *probe = fopen(samples_guess, "rb");
            if (probe != NULL) {
                fclose(probe);
                op.samples = samples_guess;
            }
        }
    }
    if (op.samples != NULL && op.count > 0u) {
        st_diag_t d;
        st_status_t st;
        rc = read_file(op.samples, &sbuf, &ssize);
        if (rc != EXIT_OK) {
            free(mf.buf);
            return rc;
        }
        st = st_samples_parse(sbuf, ssize, &sm, &d);
        if (st != ST_OK) {
            fprintf(stderr, "%s: %s: %s: %s\n", g_prog, op.samples, st_status_str(st), d.msg);
            rc = EXIT_INVALID;
            goto done;
        }
        if (sm.h != m->input.h || sm.w != m->input.w || sm.c != m->input.c) {
            fprintf(stderr, "%s: %s: samples are %ux%ux%u, the model's input is %ux%ux%u\n", g_prog, op.samples,
                    sm.h, sm.w, sm.c, m->input.h, m->input.w, m->input.c);
            rc = EXIT_INVALID;
            goto done;
        }
        n = op.count < sm.count ? (uint32_t)op.count : sm.count;
        for (i = 0; i < n; i++) {
            rc = check_codes(m, st_samples_input(&sm, i), op.samples);
            if (rc != EXIT_OK) {
                goto done;
            }
        }
    } else if (have_samples_opt == 0 && op.count > 0u && !op.quiet) {
        fprintf(stderr, "%s: note: no sample file beside %s; the image has no samples (--samples F.sti)\n", g_prog,
                model_path);
    }

    /* ---- the accelerator image, in a host copy of the whole RAM window ------------------------------ */
    st_img_caps_decode(op.caps[0], op.caps[1], op.caps[2], &caps);
    if (op.keep) {
        flags |= ST_IMG_F_KEEP_TENSORS;
    } else if (!op.no_fuse) {
        flags |= ST_IMG_F_FUSE_GSUM;
    }
    arena = (uint32_t *)calloc(ST_RAM_WINDOW / 4u, sizeof(uint32_t));
    if (arena == NULL) {
        fprintf(stderr, "%s: out of memory\n", g_prog);
        rc = EXIT_IO;
        goto done;
    }
    if (op.base - ST_RAM_BASE_ADDR >= ST_RAM_WINDOW) { /* unsigned: also catches base < RAM base */
        fprintf(stderr, "%s: compile: --base 0x%lx is not inside RAM [0x%08x, 0x%08x)\n", g_prog, op.base,
                (unsigned)ST_RAM_BASE_ADDR, (unsigned)(ST_RAM_BASE_ADDR + ST_RAM_WINDOW));
        rc = EXIT_USAGE;
        goto done;
    }
    /* The arena may use all RAM from base up; the budget check below is the real limit. */
    ist = st_image_build_model(m, &caps, flags, arena, (uint32_t)op.base,
                               (uint32_t)(ST_RAM_BASE_ADDR + ST_RAM_WINDOW - op.base), ST_RAM_BASE_ADDR, ST_RAM_WINDOW,
                               &img, &diag);
    if (ist != ST_IMG_OK) {
        if (ist == ST_IMG_ERR_NO_SPACE) {
            fprintf(stderr, "%s: compile: %s does not fit the SoC's RAM (%u bytes from --base 0x%lx; the budget is %lu "
                    "bytes): %s\n", g_prog, model_path, (unsigned)(ST_RAM_WINDOW - op.base), op.base, op.budget, diag.msg);
        } else {
            fprintf(stderr, "%s: compile: %s does not fit the accelerator: %s: %s\n", g_prog, model_path,
                    st_img_status_str(ist), diag.msg);
        }
        rc = (ist == ST_IMG_ERR_LAYER || ist == ST_IMG_ERR_ARG) ? EXIT_INVALID : EXIT_NOFIT;
        goto done;
    }
    /* CAPS3.BYTES_KWORDS: the first layer's window (BYTES input) in weight words; the image builder does
     * not know this register (docs/registers.md), so the check is here */
    if (img.input_is_bytes && img.layer_desc[0] >= 0) {
        const st_layer_t *l0 = &m->layers[0];
        const uint32_t kw = (st_layer_kh(l0) * st_layer_kw(l0) * l0->in.c + 31u) / 32u;
        const uint32_t lim = op.caps[3] & 0xFFFFu;
        if (kw > lim) {
            fprintf(stderr, "%s: compile: %s does not fit the accelerator: layer 0 (%s): its %ux%ux%u BYTES window "
                    "is %u weight words, the first-layer buffer holds %u (CAPS3.BYTES_KWORDS)\n", g_prog, model_path,
                    st_layer_type_str(l0->type), (unsigned)st_layer_kh(l0), (unsigned)st_layer_kw(l0),
                    (unsigned)l0->in.c, (unsigned)kw, (unsigned)lim);
            rc = EXIT_NOFIT;
            goto done;
        }
    }
    in_words = img.tensor[0].words;
    for (i = 0; i < L; i++) {
        const st_layer_t *l = &m->layers[i];
        w_bytes += 4ull * img.weights[i].words;
        p_bytes += 4ull * img.params[i].words;
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            macs += (uint64_t)l->out.h * l->out.w * l->out.c * st_layer_kh(l) * st_layer_kw(l) * l->in.c;
            if (img.weights[i].addr + 4u * img.weights[i].words > op.base + init_words * 4u) {
                init_words = (img.weights[i].addr - (uint32_t)op.base) / 4u + img.weights[i].words;
            }
            if (img.params[i].addr + 4u * img.params[i].words > op.base + init_words * 4u) {
                init_words = (img.params[i].addr - (uint32_t)op.base) / 4u + img.params[i].words;
            }
        }
        if (img.layer_desc[i] < 0) {
            app_flags |= ST_APP_IMG_F_FUSED_BIT;
        }
    }
    if (init_words < img.desc.words) {
        init_words = img.desc.words;
    }
    if (op.keep) {
        app_flags |= ST_APP_IMG_F_KEEP_BIT;
    }
    act_bytes = img.used_bytes - 4ull * init_words;
    for (i = 0; i <= L; i++) {
        if (img.tensor[i].words > max_words) {
            max_words = img.tensor[i].words;
        }
    }
    /* A layer's output is checkable after the chain when no later tensor shares its buffer. */
    for (i = 0; i < L; i++) {
        const st_img_buf_t *b = &img.tensor[i + 1u];
        uint32_t u;
        checkable[i] = b->words != 0u;
        for (u = i + 2u; u <= L && checkable[i]; u++) {
            const st_img_buf_t *c = &img.tensor[u];
            if (c->words != 0u && c->addr < b->addr + 4u * b->words && b->addr < c->addr + 4u * c->words) {
                checkable[i] = 0;
            }
        }
    }

    /* ---- the RAM budget ------------------------------------------------------------------------------- */
    for (;;) {
        sample_bytes = (uint64_t)n * (4ull * in_words + 1u);
        table_bytes =
            (uint64_t)n * (4ull * L + 4ull * K) + (uint64_t)L * 64u + (uint64_t)K * ST_MODEL_CLASS_NAME_LEN + 256u;
        need = img.used_bytes + sample_bytes + table_bytes;
        if (!op.fit || need <= op.budget || n <= 1u) {
            break;
        }
        n--; /* --fit: fewer samples until the image fits */
    }
    if (op.fit && n < op.count && n < (op.samples != NULL ? sm.count : 0u) && !op.quiet) {
        fprintf(stderr, "%s: note: --fit: %u samples fit the RAM budget\n", g_prog, (unsigned)n);
    }
    if (need > op.budget) {
        fprintf(stderr,
                "%s: compile: %s does not fit the RAM budget: it needs %llu bytes, the budget is %lu bytes "
                "(--ram-budget)\n"
                "%s: compile:   accelerator image %llu bytes (descriptors %u, weights %llu, parameters %llu, "
                "activation buffers %llu)\n"
                "%s: compile:   %u samples and golden expectations %llu bytes\n",
                g_prog, model_path, (unsigned long long)need, op.budget, g_prog, (unsigned long long)img.used_bytes,
                (unsigned)(img.n_desc * ST_DESC_BYTES), (unsigned long long)w_bytes, (unsigned long long)p_bytes,
                (unsigned long long)act_bytes, g_prog, (unsigned)n,
                (unsigned long long)(sample_bytes + table_bytes));
        if (img.used_bytes > op.budget) {
            fprintf(stderr, "%s: compile:   even without samples the image is %llu bytes over the budget\n", g_prog,
                    (unsigned long long)(img.used_bytes - op.budget));
        } else {
            fprintf(stderr, "%s: compile:   fewer samples (--count) may fit\n", g_prog);
        }
        rc = EXIT_NOFIT;
        goto done;
    }

    /* ---- samples: packed inputs and the golden model's expectations ------------------------------------ */
    if (n > 0u) {
        size_t scratch_n = st_net_scratch_bytes(m, ST_FORM_MAC);
        void *scratch = malloc(scratch_n > 0u ? scratch_n : 1u);
        uint16_t *codes = (uint16_t *)malloc(sizeof(uint16_t) * ((size_t)m->input.h * m->input.w * m->input.c + 1u));
        samples = (uint32_t *)calloc((size_t)n * in_words + 1u, sizeof(uint32_t));
        labels = (uint8_t *)calloc(n, 1u);
        crcs = (uint32_t *)calloc((size_t)n * L, sizeof(uint32_t));
        scores = (int32_t *)calloc((size_t)n * K, sizeof(int32_t));
        words = (uint32_t *)calloc(max_words + 1u, sizeof(uint32_t));
        if (scratch == NULL || codes == NULL || samples == NULL || labels == NULL || crcs == NULL || scores == NULL ||
            words == NULL) {
            fprintf(stderr, "%s: out of memory\n", g_prog);
            free(scratch);
            free(codes);
            rc = EXIT_IO;
            goto done;
        }
        for (i = 0; i < n; i++) {
            const uint8_t *in = st_samples_input(&sm, i);
            const uint32_t nel = (uint32_t)m->input.h * m->input.w * m->input.c;
            crc_ctx_t cc;
            st_status_t st;
            uint32_t e;
            cc.m = m;
            cc.crc = crcs + (size_t)i * L;
            cc.words = words;
            st = st_net_run(m, ST_FORM_MAC, in, scratch, scratch_n, crc_cb, &cc, scores + (size_t)i * K, NULL);
            if (st != ST_OK) {
                fprintf(stderr, "%s: %s: sample %u: golden model failed: %s\n", g_prog, op.samples, (unsigned)i,
                        st_status_str(st));
                free(scratch);
                free(codes);
                rc = EXIT_INVALID;
                goto done;
            }
            labels[i] = (uint8_t)st_samples_label(&sm, i);
            for (e = 0; e < nel; e++) {
                codes[e] = in[e];
            }
            if (img.input_is_bytes) {
                st_pack_bytes(&m->input, codes, samples + (size_t)i * in_words);
            } else {
                st_pack_planes(&m->input, codes, samples + (size_t)i * in_words);
            }
        }
        free(scratch);
        free(codes);
        if (op.corrupt_sample >= 0) {
            if ((uint32_t)op.corrupt_sample >= n || (uint32_t)op.corrupt_layer >= L) {
                fprintf(stderr, "%s: --corrupt-crc %ld,%ld: only %u samples and %u layers\n", g_prog,
                        op.corrupt_sample, op.corrupt_layer, (unsigned)n, (unsigned)L);
                rc = EXIT_USAGE;
                goto done;
            }
            crcs[(size_t)op.corrupt_sample * L + (size_t)op.corrupt_layer] ^= 1u;
        }
    }
    if (op.corrupt_desc >= 0) {
        if ((uint32_t)op.corrupt_desc >= img.n_desc) {
            fprintf(stderr, "%s: --corrupt-desc %ld: the chain has %u descriptors\n", g_prog, op.corrupt_desc,
                    (unsigned)img.n_desc);
            rc = EXIT_USAGE;
            goto done;
        }
        /* in_bits 0, which every opcode rejects: BAD_BITS at exactly that record (the opcode stays valid, so
         * the firmware can still relocate the chain and the hardware is the one to find the fault) */
        arena[(img.desc_addr - (uint32_t)op.base) / 4u + (uint32_t)op.corrupt_desc * ST_DESC_WORDS + ST_DESC_GEOM] &=
            ~ST_DESC_GEOM_IN_BITS_Msk;
    }

    memset(&o, 0, sizeof o);
    o.m = m;
    o.model_path = model_path;
    o.img = &img;
    o.arena = arena;
    o.arena_words = img.used_bytes / 4u;
    o.init_words = init_words;
    o.base = (uint32_t)op.base;
    o.caps = op.caps;
    o.flags = app_flags;
    o.checkable = checkable;
    o.n_samples = n;
    o.samples = samples;
    o.labels = labels;
    o.crc = crcs;
    o.scores = scores;
    o.macs = macs;
    rc = has_suffix(op.out, ".c") ? write_c(op.out, &o) : write_bin(op.out, &o);
    if (rc == EXIT_OK && !op.quiet) {
        printf("%s: %s -> %s\n", g_prog, model_path, op.out);
        printf("  chain:    %u descriptors for %u layers%s\n", (unsigned)img.n_desc, (unsigned)L,
               img.n_desc < L ? " (GSUM fused into the following DENSE)" : "");
        printf("  image:    %u bytes at base 0x%08lx: descriptors %u, weights %llu, parameters %llu, "
               "activations %llu (%s)\n",
               (unsigned)img.used_bytes, op.base, (unsigned)(img.n_desc * ST_DESC_BYTES), (unsigned long long)w_bytes,
               (unsigned long long)p_bytes, (unsigned long long)act_bytes,
               op.keep ? "every tensor kept" : "buffers shared by lifetime");
        printf("  input:    %s layout, %u words at +%lu; output %u words at +%lu\n",
               img.input_is_bytes ? "BYTES" : "PLANES", (unsigned)in_words,
               (unsigned long)(img.tensor[0].addr - op.base), (unsigned)img.tensor[L].words,
               (unsigned long)(img.tensor[L].addr - op.base));
        printf("  samples:  %u from %s, with golden CRCs of every layer and the scores\n", (unsigned)n,
               n > 0u ? op.samples : "-");
        printf("  RAM:      %llu of %lu bytes budget (--ram-budget)\n", (unsigned long long)need, op.budget);
        printf("  target:   CAPS0 %08lx CAPS1 %08lx CAPS2 %08lx CAPS3 %08lx (PE %u, SIMD %u)\n",
               (unsigned long)op.caps[0], (unsigned long)op.caps[1], (unsigned long)op.caps[2],
               (unsigned long)op.caps[3], (unsigned)caps.pe, (unsigned)caps.simd);
    }

done:
    free(arena);
    free(samples);
    free(labels);
    free(crcs);
    free(scores);
    free(words);
    free(sbuf);
    free(mf.buf);
    return rc;
}

int main(int argc, char **argv)
{
    const char *cmd;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "info") == 0) {
        return cmd_info(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "check") == 0) {
        return cmd_check(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "run") == 0) {
        return cmd_run(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "eval") == 0) {
        return cmd_eval(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "compile") == 0) {
        return cmd_compile(argc - 2, argv + 2);
    }
    return usage_error("unknown command '%s'", cmd);
}
