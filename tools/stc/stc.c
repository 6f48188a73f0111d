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

#include "st_golden.h"
#include "st_model.h"

/* Exit codes (documented in usage() and README.md). */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,  /* the model or an input file is invalid */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_IO = 3,       /* a file could not be read or written */
    EXIT_ACCURACY = 4, /* eval: accuracy below --min-accuracy */
    EXIT_MISMATCH = 5  /* the MAC and bit-plane forms disagree: a golden-model bug */
};

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
            "  help, --help, -h           this text\n"
            "\n"
            "exit codes: 0 ok; 1 invalid model or input; 2 bad command line; 3 file I/O error;\n"
            "            4 accuracy below --min-accuracy; 5 MAC and bit-plane forms disagree (a bug)\n",
            g_prog, EXIT_ACCURACY);
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
    return usage_error("unknown command '%s'", cmd);
}
