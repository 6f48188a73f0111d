/* SPDX-License-Identifier: Apache-2.0 */
/* cosim.c - the driver (driver/st_accel.c built with -DST_HOST_SIM) against the Verilated accelerator
 * (sim/accel/accel_sim.cpp: the register port behind st_host_mmio_*, a RAM model with wait states and a
 * write checker), running a binary image from `stc compile -o X.bin --keep-tensors`:
 *   1. probe with the image's CAPS, then every sample of the .sti file through st_accel_run_chain,
 *      every layer's output compared word by word with the host golden model (MAC form), no write outside
 *      the layers' output buffers;
 *   2. the same with random bus wait states, and by interrupt (the clock hook plays the CPU: it calls
 *      st_accel_isr() while the accelerator's interrupt line is high);
 *   3. an accelerator that never finishes (the RAM model never accepts a request): st_accel_run_chain
 *      returns TIMEOUT after a bounded number of cycles, st_accel_abort reports RESET while the bus is
 *      stuck, and once the bus moves again the abort completes and the next run is bit-exact.
 *
 *   cosim IMAGE.bin MODEL.stm SAMPLES.sti [SEED]      ends with "cosim: N passed, N failed" */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel_sim.h"
#include "st_accel.h"
#include "st_golden.h"
#include "st_model.h"

static unsigned g_pass, g_fail;

#define CHECK(cond, ...)                              \
    do {                                              \
        if (cond) {                                   \
            g_pass++;                                 \
        } else {                                      \
            g_fail++;                                 \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__);                      \
            printf("\n");                             \
        }                                             \
    } while (0)

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;
    long len;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cosim: cannot read %s\n", path);
        exit(2);
    }
    b = (uint8_t *)malloc((size_t)len + 4u);
    if (b == NULL || fread(b, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "cosim: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *n = (size_t)len;
    return b;
}

static uint32_t w32(const uint8_t *b, size_t i)
{
    return (uint32_t)b[4 * i] | ((uint32_t)b[4 * i + 1] << 8) | ((uint32_t)b[4 * i + 2] << 16) |
           ((uint32_t)b[4 * i + 3] << 24);
}

/* ---- the image ---------------------------------------------------------------------------------------- */

typedef struct {
    uint32_t base, arena_words, init_words, n_layers, n_desc, desc_off, in_off, in_words, out_off, out_words;
    int in_bytes;
    st_accel_caps_t caps;
    uint32_t layer_off[ST_MAX_LAYERS], layer_words[ST_MAX_LAYERS];
    const uint8_t *init; /* init_words little-endian words */
} image_t;

static int parse_image(const uint8_t *b, size_t n, image_t *im)
{
    uint32_t i;
    if (n < 84u || w32(b, 0) != 0x4D495453u || w32(b, 1) != 1u || w32(b, 3) != n ||
        w32(b, n / 4u - 1u) != st_crc32(0u, b, n - 4u)) {
        return -1;
    }
    im->base = w32(b, 4);
    im->arena_words = w32(b, 5);
    im->init_words = w32(b, 6);
    im->caps.caps0 = w32(b, 7);
    im->caps.caps1 = w32(b, 8);
    im->caps.caps2 = w32(b, 9);
    im->caps.caps3 = w32(b, 19);
    im->n_layers = w32(b, 10);
    im->n_desc = w32(b, 11);
    im->desc_off = w32(b, 12);
    im->in_off = w32(b, 13);
    im->in_words = w32(b, 14);
    im->out_off = w32(b, 15);
    im->out_words = w32(b, 16);
    im->in_bytes = (int)(w32(b, 17) & 1u);
    if (im->n_layers == 0u || im->n_layers > ST_MAX_LAYERS) {
        return -1;
    }
    for (i = 0; i < im->n_layers; i++) {
        im->layer_off[i] = w32(b, 21u + 4u * i);
        im->layer_words[i] = w32(b, 22u + 4u * i);
    }
    im->init = b + 4u * (20u + 4u * im->n_layers);
    return 0;
}

static void load_image(const image_t *im)
{
    uint32_t i;
    uint8_t *ram = st_sim_ram();
    memset(ram, 0, 0x20000u);
    memcpy(ram + im->base, im->init, 4u * im->init_words);
    /* the write checker: the accelerator may write the layers' output buffers and nothing else */
    st_sim_clear_write_regions();
    for (i = 0; i < im->n_layers; i++) {
        if (im->layer_words[i] != 0u) {
            st_sim_add_write_region(im->base + im->layer_off[i], 4u * im->layer_words[i]);
        }
    }
}

/* ---- golden expectations ------------------------------------------------------------------------------- */

typedef struct {
    uint32_t *words[ST_MAX_LAYERS]; /* each layer's output in its RAM layout */
} golden_t;

static golden_t *g_gold;

static int gold_cb(void *user, uint32_t layer, const st_tensor_t *t, const uint16_t *codes, const int32_t *ints)
{
    uint32_t n = st_tensor_words(t, 0), i;
    (void)user;
    if (ints != NULL) {
        for (i = 0; i < n; i++) {
            g_gold->words[layer][i] = (uint32_t)ints[i];
        }
    } else {
        st_pack_planes(t, codes, g_gold->words[layer]);
    }
    return 0;
}

/* Compare every layer's output in sim RAM with the golden words; prints the first difference. */
static uint32_t compare_layers(const image_t *im, const st_model_t *m, uint32_t sample)
{
    uint32_t i, k, bad = 0;
    for (i = 0; i < im->n_layers; i++) {
        const uint32_t n = st_tensor_words(&m->layers[i].out, 0);
        if (im->layer_words[i] == 0u) {
            continue; /* fused away: no buffer */
        }
        for (k = 0; k < n; k++) {
            const uint32_t hw = st_sim_ram_read32(im->base + im->layer_off[i] + 4u * k);
            if (hw != g_gold->words[i][k]) {
                if (bad == 0u) {
                    printf("  sample %u layer %u word %u: expected %08" PRIx32 ", actual %08" PRIx32 "\n",
                           (unsigned)sample, (unsigned)i, (unsigned)k, g_gold->words[i][k], hw);
                }
                bad++;
            }
        }
    }
    return bad;
}

/* ---- the host's clock, and the CPU's interrupt in interrupt mode ---------------------------------------- */

static st_accel_t g_h;
static int g_take_irq;
static uint32_t g_irqs;

static uint32_t sim_clock(void)
{
    if (g_take_irq && st_sim_irq()) {
        g_irqs += (uint32_t)st_accel_isr(&g_h);
    }
    st_sim_step(1);
    return (uint32_t)st_sim_cycles();
}

static void put_input(const image_t *im, const st_model_t *m, const uint8_t *codes)
{
    uint16_t *c16;
    uint32_t *w, n = (uint32_t)m->input.h * m->input.w * m->input.c, i;
    c16 = (uint16_t *)calloc(n + 1u, sizeof *c16);
    w = (uint32_t *)calloc(im->in_words + 1u, sizeof *w);
    for (i = 0; i < n; i++) {
        c16[i] = codes[i];
    }
    if (im->in_bytes) {
        st_pack_bytes(&m->input, c16, w);
    } else {
        st_pack_planes(&m->input, c16, w);
    }
    for (i = 0; i < im->in_words; i++) {
        st_sim_ram_write32(im->base + im->in_off + 4u * i, w[i]);
    }
    free(c16);
    free(w);
}

int main(int argc, char **argv)
{
    size_t nb, nm, ns;
    uint8_t *blob, *mbuf, *sbuf;
    image_t im;
    st_model_t m;
    st_samples_t sm;
    st_diag_t d;
    st_sim_cfg_t cfg;
    st_sim_stats_t stats;
    golden_t gold;
    void *scratch;
    size_t scratch_n;
    uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 0) : 1u;
    uint32_t s, i, limit, nsamp;
    const uint32_t desc_addr_off = 0;
    st_accel_status_t st;

    if (argc < 4) {
        fprintf(stderr, "usage: cosim IMAGE.bin MODEL.stm SAMPLES.sti [SEED]\n");
        return 2;
    }
    (void)desc_addr_off;
    blob = slurp(argv[1], &nb);
    mbuf = slurp(argv[2], &nm);
    sbuf = slurp(argv[3], &ns);
    if (parse_image(blob, nb, &im) != 0 || st_model_parse(mbuf, nm, &m, &d) != ST_OK ||
        st_samples_parse(sbuf, ns, &sm, &d) != ST_OK || m.n_layers != im.n_layers) {
        fprintf(stderr, "cosim: bad image, model or samples (%s)\n", d.msg);
        return 2;
    }
    printf("cosim: %s (%u layers, %u descriptors), %u samples, seed %" PRIu64 "\n", m.name, (unsigned)m.n_layers,
           (unsigned)im.n_desc, (unsigned)sm.count, seed);
    for (i = 0; i < m.n_layers; i++) {
        gold.words[i] = (uint32_t *)calloc(st_tensor_words(&m.layers[i].out, 0) + 1u, sizeof(uint32_t));
    }
    g_gold = &gold;
    scratch_n = st_net_scratch_bytes(&m, ST_FORM_MAC);
    scratch = malloc(scratch_n);

    memset(&cfg, 0, sizeof cfg);
    cfg.seed = seed;
    cfg.max_cycles = 2000000000ull;
    if (st_sim_open(&cfg) != 0) {
        fprintf(stderr, "cosim: cannot open the simulation\n");
        return 2;
    }
    load_image(&im);

    /* ---- 1 + 2. every sample, every layer, three ways ------------------------------------------------ */
    st = st_accel_probe(&g_h, ST_ACCEL_BASE, &im.caps);
    CHECK(st == ST_ACCEL_OK, "probe with the image's CAPS: %s (%s)", st_accel_err_str(st),
          g_h.caps_fail ? g_h.caps_fail : "-");
    limit = 20000000u;
    nsamp = sm.count < 8u ? sm.count : 8u;
    for (int way = 0; way < 3; way++) {
        st_sim_waits_t w = {0, 0, 0};
        uint32_t exact = 0;
        if (way >= 1) {
            w.stall_pct = 30;
            w.max_latency = 4;
        }
        st_sim_set_waits(&w);
        g_take_irq = way == 2;
        g_irqs = 0;
        st_accel_set_mode(&g_h, way == 2 ? ST_ACCEL_WAIT_IRQ : ST_ACCEL_WAIT_POLL, sim_clock);
        st_sim_clear_stats();
        for (s = 0; s < nsamp; s++) {
            uint32_t bad;
            put_input(&im, &m, st_samples_input(&sm, s));
            st = st_accel_run_chain(&g_h, im.base + im.desc_off, limit);
            if (st != ST_ACCEL_OK) {
                CHECK(0, "sample %u: %s at descriptor %u", (unsigned)s, st_accel_err_str(st), (unsigned)g_h.err_desc);
                continue;
            }
            if (st_net_run(&m, ST_FORM_MAC, st_samples_input(&sm, s), scratch, scratch_n, gold_cb, NULL, NULL,
                           NULL) != ST_OK) {
                CHECK(0, "golden model failed on sample %u", (unsigned)s);
                continue;
            }
            bad = compare_layers(&im, &m, s);
            exact += bad == 0u;
        }
        st_sim_get_stats(&stats);
        CHECK(exact == nsamp, "%s: %u/%u samples bit-exact on every layer",
              way == 0 ? "single-cycle RAM" : way == 1 ? "random wait states" : "interrupt mode", (unsigned)exact,
              (unsigned)nsamp);
        CHECK(stats.bad_writes == 0u && stats.protocol_errors == 0u, "writes outside the output buffers: %" PRIu64
              " (first at %08" PRIx32 "), bus-rule violations: %" PRIu64, stats.bad_writes, stats.first_bad_write,
              stats.protocol_errors);
        if (way == 2) {
            CHECK(g_irqs == nsamp, "one interrupt per chain: %u for %u", (unsigned)g_irqs, (unsigned)nsamp);
        }
        printf("%s %s: %u/%u samples bit-exact on every layer, %" PRIu64 " reads, %" PRIu64 " writes\n",
               exact == nsamp ? "ok  " : "FAIL", way == 0 ? "single-cycle RAM  " : way == 1 ? "random wait states" : "interrupt mode    ",
               (unsigned)exact, (unsigned)nsamp, stats.reads, stats.writes);
    }
    g_take_irq = 0;
    st_accel_set_mode(&g_h, ST_ACCEL_WAIT_POLL, sim_clock);

    /* ---- 3. an accelerator that never finishes: the bus never accepts a request ----------------------- */
    {
        st_sim_waits_t stuck = {100, 0, 0}, fine = {0, 0, 0};
        uint64_t c0, spent;
        put_input(&im, &m, st_samples_input(&sm, 0));
        st_sim_set_waits(&stuck);
        c0 = st_sim_cycles();
        st = st_accel_run_chain(&g_h, im.base + im.desc_off, 50000u);
        spent = st_sim_cycles() - c0;
        CHECK(st == ST_ACCEL_E_TIMEOUT, "a stuck accelerator: %s, expected TIMEOUT", st_accel_err_str(st));
        CHECK(spent < 50000u + 4u * 4096u * 8u, "the wait is bounded: %" PRIu64 " cycles", spent);
        printf("%s never-finishing accelerator (bus stuck): %s after %" PRIu64 " cycles (limit 50000)\n",
               st == ST_ACCEL_E_TIMEOUT ? "ok  " : "FAIL", st_accel_err_str(st), spent);
        st = st_accel_abort(&g_h, 2000u);
        CHECK(st == ST_ACCEL_E_RESET || st == ST_ACCEL_OK, "abort while the bus is stuck: %s", st_accel_err_str(st));
        printf("ok   abort while the bus is stuck: %s (%s)\n", st_accel_err_str(st),
               st == ST_ACCEL_E_RESET ? "still busy: a request waits to be accepted" : "idle");
        st_sim_set_waits(&fine);
        st = st_accel_abort(&g_h, 100000u);
        CHECK(st == ST_ACCEL_OK, "abort once the bus moves: %s", st_accel_err_str(st));
        CHECK((st_accel_status_reg(&g_h) & ST_ACCEL_STATUS_BUSY_Msk) == 0u, "idle after the abort");
        put_input(&im, &m, st_samples_input(&sm, 0));
        st = st_accel_run_chain(&g_h, im.base + im.desc_off, limit);
        CHECK(st == ST_ACCEL_OK, "the next run: %s", st_accel_err_str(st));
        if (st == ST_ACCEL_OK &&
            st_net_run(&m, ST_FORM_MAC, st_samples_input(&sm, 0), scratch, scratch_n, gold_cb, NULL, NULL, NULL) ==
                ST_OK) {
            CHECK(compare_layers(&im, &m, 0) == 0u, "the next run is bit-exact");
        }
        printf("%s recovery: abort completes once the bus moves, the next run is bit-exact\n",
               g_fail == 0u ? "ok  " : "FAIL");
    }
    st_sim_close();
    printf("cosim: %u passed, %u failed\n", g_pass, g_fail);
    for (i = 0; i < m.n_layers; i++) {
        free(gold.words[i]);
    }
    free(scratch);
    free(blob);
    free(mbuf);
    free(sbuf);
    return g_fail == 0u ? 0 : 1;
}
