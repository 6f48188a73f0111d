/* SPDX-License-Identifier: Apache-2.0 */
/* accel_directed.c - directed tests of the accelerator RTL, through its registers only:
 *
 *   accel_sim directed [+seed=S] [only=SUBSTRING] [fuzz=N]
 *
 *  - regs-*      ID, VERSION, CAPS0..2 values; bad offsets and read-only registers answer rsp_err
 *  - err-*       every ACCEL ERR code raised by a crafted record at a random position k of a 3-record chain
 *                (several variants each): STATUS.DONE, ERR, ERR_DESC = k, BUSY clear, IRQ_STATUS.DONE,
 *                PERF_LAYERS = k, the records before k wrote exactly their outputs, nothing else in RAM
 *                changed, no bus write outside those outputs; then a good chain runs bit-exact
 *  - wide-origin-* a one-row input with a large padding and stride (window origin and row step above
 *                2^17 words / 2^16 bytes), PLANES and BYTES: RAM equals the descriptor reference's
 *  - bus-*       rsp_err injected on a record's weights, input and output (ERR BUS)
 *  - abort-*     CTRL.SOFT_RESET in the middle of a layer (ERR ABORTED), idle soft reset, then good chains
 *  - b2b-*       back-to-back chains without a reset, the same image twice, START while busy
 *  - irq-*       IRQ_STATUS W1C and CTRL.IRQ_EN: the irq line is IRQ_STATUS.DONE && IRQ_EN
 *  - perf-*      PERF_LAYERS, PERF_MACS exact (executed bit-MACs); PERF_BUSY, PERF_STALL plausible
 *  - bytes-*     the BYTES zero-plane skip: small values, all-zero windows, a lone byte in a corner tap,
 *                KWORDS > 1, several tiles, bipolar (no skip): bit-exact, PERF_MACS the pairs issued
 *  - fuzz-*      random malformed single records: ERR and ERR_DESC equal the descriptor reference's
 *                verdict (the §2.5 checks in their order); accepted ones compute the reference's output
 * Every random choice comes from the seed; a failure prints what was expected and what was read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel_common.h"
#include "accel_tests.h"
#include "st_check.h"
#include "st_randnet.h"

#define POOL_BYTES (16u << 20)

static uint8_t *g_pool_mem;
static uint8_t g_ref[ST_RAM_SIZE];
static uint8_t g_before[ST_RAM_SIZE];
static st_acc_info_t g_info;
static uint32_t g_pass, g_fail;
static uint64_t g_seed;
static const char *g_test; /* the running test's name, for messages */
static uint32_t g_test_bad;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdarg.h>
static void fail(const char *fmt, ...)
{
    va_list ap;
    if (g_test_bad++ == 0u) {
        printf("FAIL %s (SEED=%llu only=%s)\n", g_test, (unsigned long long)g_seed, g_test);
    }
    printf("  ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static void begin(const char *name)
{
    g_test = name;
    g_test_bad = 0;
}

static void end(void)
{
    if (g_test_bad == 0u) {
        g_pass++;
        printf("ok   %s\n", g_test);
    } else {
        g_fail++;
    }
    fflush(stdout);
}

/* ---- a small good chain ------------------------------------------------------------------------------- */

typedef struct {
    st_rand_net_t net;
    st_image_t img;
    uint32_t arena;
} good_t;

static st_pool_t g_pool;

/* The image of g->net at arena (bus address) with every tensor kept, input written. */
static st_img_status_t build_image(good_t *g, uint32_t arena, uint32_t extra_flags, st_img_diag_t *diag)
{
    st_img_status_t s = st_image_build(g->net.l, g->net.n_layers, &g_info.caps,
                                       ST_IMG_F_KEEP_TENSORS | extra_flags |
                                           (g->net.input_is_bytes ? ST_IMG_F_INPUT_BYTES : ST_IMG_F_INPUT_PLANES),
                                       st_sim_ram() + (arena - ST_RAM_BASE), arena, ST_RAM_BASE + ST_RAM_SIZE - arena,
                                       ST_RAM_BASE, ST_RAM_SIZE, &g->img, diag);
    if (s == ST_IMG_OK) {
        uint32_t cnt = (uint32_t)g->net.t[0].h * g->net.t[0].w * g->net.t[0].c;
        uint8_t *in8 = (uint8_t *)st_pool_alloc(&g_pool, cnt + 1u);
        for (uint32_t i = 0; i < cnt; i++) {
            in8[i] = (uint8_t)g->net.codes[0][i];
        }
        st_image_set_input(&g->img, st_sim_ram() + (arena - ST_RAM_BASE), arena, &g->net.t[0], in8);
        g->arena = arena;
    }
    return s;
}

/* A random chain of n layers (1: a single layer) with a small compute budget, built with every tensor kept
 * at arena (bus address), input written. Returns 0 on success. */
static int make_good(good_t *g, uint64_t seed, uint32_t n, uint32_t arena, uint64_t budget, uint32_t extra_flags)
{
    st_rand_limits_t lim;
    st_rng_t rng;
    st_img_diag_t diag;
    st_rng_seed(&rng, seed);
    st_rand_limits_default(&lim, g_info.caps.pe, g_info.caps.simd);
    lim.abits_mask = g_info.caps.abits;
    lim.wbits_mask = g_info.caps.wbits;
    lim.bytes_max_bits = g_info.caps.bytes_bits;
    lim.max_in_planes = 4u;
    lim.max_bitmacs = budget;
    lim.max_tensor_words = 1024;
    lim.pbuf_words = g_info.caps.pbuf_words;
    lim.bytes_kwords = g_info.caps.bytes_kwords;
    {
        uint32_t depth = (uint32_t)(((uint64_t)g_info.caps.wbuf_words * 32u) / ((uint64_t)g_info.caps.pe * g_info.caps.simd));
        lim.max_wtile_words = (uint32_t)(((uint64_t)depth * g_info.caps.simd) / 32u);
    }
    for (uint32_t attempt = 0; attempt < 20u; attempt++) {
        st_status_t gs;
        st_img_status_t s;
        st_pool_reset(&g_pool);
        gs = n <= 1u ? st_rand_layer(&rng, &lim, &g_pool, &g->net) : st_rand_chain(&rng, &lim, n, &g_pool, &g->net);
        if (gs != ST_OK || (n > 1u && g->net.n_layers != n)) {
            continue;
        }
        s = build_image(g, arena, extra_flags, &diag);
        if (s != ST_IMG_OK) {
            continue;
        }
        return 0;
    }
    fail("could not build a good chain of %u layers (generator or builder problem)", (unsigned)n);
    return -1;
}

static uint32_t total_words(const good_t *g)
{
    uint32_t w = g->img.used_bytes / 4u;
    return w;
}

/* Declare the output buffers of records [first, last) as writable. */
static void declare_outputs(const good_t *g, uint32_t first, uint32_t last)
{
    st_sim_clear_write_regions();
    for (uint32_t j = first; j < last && j < g->img.n_desc; j++) {
        const st_img_buf_t *o = &g->img.tensor[g->img.desc_layer[j] + 1];
        st_sim_add_write_region(o->addr, 4u * o->words);
    }
}

/* Compare RAM with the reference image except inside [skip_lo, skip_hi); report up to a few words. */
static void compare_ram(const char *what, uint32_t skip_lo, uint32_t skip_hi)
{
    uint32_t diffs = 0;
    for (uint32_t a = 0; a < ST_RAM_SIZE; a += 4u) {
        uint32_t bus = ST_RAM_BASE + a;
        if (bus >= skip_lo && bus < skip_hi) {
            continue;
        }
        if (memcmp(st_sim_ram() + a, g_ref + a, 4) != 0) {
            if (diffs++ < 4u) {
                uint32_t got, want, was;
                memcpy(&got, st_sim_ram() + a, 4);
                memcpy(&want, g_ref + a, 4);
                memcpy(&was, g_before + a, 4);
                fail("%s: RAM word 0x%05x expected 0x%08x, actual 0x%08x (before the run 0x%08x)", what, (unsigned)bus,
                     (unsigned)want, (unsigned)got, (unsigned)was);
            }
        }
    }
    if (diffs > 4u) {
        fail("%s: %u RAM words differ in all", what, (unsigned)diffs);
    }
}

static void check_bus_clean(const char *what)
{
    st_sim_stats_t s;
    st_sim_get_stats(&s);
    if (s.bad_writes != 0u) {
        fail("%s: %llu bus writes outside the allowed output buffers (first 0x%08x)", what,
             (unsigned long long)s.bad_writes, (unsigned)s.first_bad_write);
    }
    if (s.protocol_errors != 0u) {
        fail("%s: bus protocol violation: %s", what, s.first_protocol_error);
    }
    if (s.outside_ram != 0u) {
        fail("%s: %llu bus requests outside RAM", what, (unsigned long long)s.outside_ram);
    }
    if (st_sim_outstanding() != 0u) {
        fail("%s: %u bus requests outstanding after DONE", what, (unsigned)st_sim_outstanding());
    }
}

/* Run a good chain and check it completely: outputs vs golden, RAM vs reference, counters, bus. */
static void run_good(const char *what, good_t *g, const st_sim_waits_t *waits, int irq_en)
{
    st_ref_result_t ref;
    st_acc_run_t r;
    memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
    memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
    st_ref_run(g_ref, &g_info.hw, g->img.desc_addr, g->img.n_desc + 1u, &ref);
    if (ref.err != 0u) {
        fail("%s: the reference refuses the good chain (error %u)", what, (unsigned)ref.err);
        return;
    }
    st_sim_set_waits(waits);
    declare_outputs(g, 0, g->img.n_desc);
    st_sim_clear_stats();
    st_acc_run_chain(g->img.desc_addr, irq_en, st_acc_budget(ref.bitmacs, total_words(g), &g_info), &r);
    if (r.timed_out || r.err != 0u) {
        fail("%s: chain did not complete: timeout %d, STATUS 0x%08x", what, r.timed_out, (unsigned)r.status);
    } else {
        for (uint32_t t = 1; t <= g->net.n_layers; t++) {
            char ctx[96];
            uint32_t nb;
            if (g->img.tensor[t].words == 0u) {
                continue;
            }
            snprintf(ctx, sizeof ctx, "  %s: layer %u", what, (unsigned)(t - 1u));
            nb = st_check_tensor(ctx, t, &g->net.t[t],
                                 (const uint32_t *)(void *)(st_sim_ram() + (g->img.tensor[t].addr - ST_RAM_BASE)),
                                 g->net.codes[t], g->net.ints[t], 4);
            if (nb != 0u) {
                char d[160];
                st_rand_layer_desc(&g->net, t - 1u, d, sizeof d);
                fail("%s: layer %u [%s]: %u elements differ from the golden model", what, (unsigned)(t - 1u), d,
                     (unsigned)nb);
            }
        }
        compare_ram(what, 0, 0);
        if (r.perf_layers != g->img.n_desc || r.perf_macs != (uint32_t)ref.perf_macs) {
            fail("%s: PERF_LAYERS %u (expected %u), PERF_MACS %u (expected %llu)", what, (unsigned)r.perf_layers,
                 (unsigned)g->img.n_desc, (unsigned)r.perf_macs, (unsigned long long)ref.perf_macs);
        }
    }
    check_bus_clean(what);
    st_acc_clear_irq();
}

static const st_sim_waits_t k_no_waits = {0, 0, 0};
static const st_sim_waits_t k_some_waits = {30, 4, 3};

/* ---- registers --------------------------------------------------------------------------------------- */

static void test_regs(void)
{
    begin("regs-id-caps");
    if (g_info.id != ST_ACCEL_ID_RESET) {
        fail("ID 0x%08x, expected 0x%08x ('STAC')", (unsigned)g_info.id, (unsigned)ST_ACCEL_ID_RESET);
    }
    if (g_info.version != ST_ACCEL_VERSION_RESET) {
        fail("VERSION 0x%08x, expected 0x%08x", (unsigned)g_info.version, (unsigned)ST_ACCEL_VERSION_RESET);
    }
    if (g_info.caps.pe == 0u || g_info.caps.simd == 0u || g_info.caps.simd % 8u != 0u) {
        fail("CAPS0 geometry PE %u SIMD %u", (unsigned)g_info.caps.pe, (unsigned)g_info.caps.simd);
    }
    /* docs/accelerator.md §1: every width of numerics.md is supported */
    if (g_info.caps.abits != 0x0Fu || g_info.caps.wbits != 0xFFu) {
        fail("CAPS0 ABITS 0x%02x WBITS 0x%02x, expected 0x0f / 0xff", (unsigned)g_info.caps.abits,
             (unsigned)g_info.caps.wbits);
    }
    if (g_info.caps.bytes_bits != 8u || g_info.caps.planes_bits != 16u || g_info.caps.gsum_bits != 16u ||
        g_info.caps.ops != (ST_IMG_CAP_MAXPOOL | ST_IMG_CAP_GSUM | ST_IMG_CAP_RES | ST_IMG_CAP_W_SHARED |
                            ST_IMG_CAP_BIPOLAR)) {
        fail("CAPS2 0x%08x: BYTES %u PLANES %u GSUM %u bits, ops 0x%x (expected 8, 16, 16, all)",
             (unsigned)g_info.caps2, (unsigned)g_info.caps.bytes_bits, (unsigned)g_info.caps.planes_bits,
             (unsigned)g_info.caps.gsum_bits, (unsigned)g_info.caps.ops);
    }
    if (g_info.caps.bytes_kwords == 0u) {
        fail("CAPS3.BYTES_KWORDS is 0: no BYTES layer could run");
    }
    if (g_info.caps.wbuf_words == 0u || g_info.caps.pbuf_words < 2u * g_info.caps.pe) {
        fail("CAPS1 WBUF %u PBUF %u words: at least an output layer's tile (PE * 2 words) must fit",
             (unsigned)g_info.caps.wbuf_words, (unsigned)g_info.caps.pbuf_words);
    }
    end();

    begin("regs-reset-values");
    {
        uint32_t ctrl = st_acc_rd(ST_ACCEL_CTRL_OFFSET), status = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
        uint32_t irq = st_acc_rd(ST_ACCEL_IRQ_STATUS_OFFSET);
        if (ctrl != ST_ACCEL_CTRL_RESET || status != ST_ACCEL_STATUS_RESET || irq != ST_ACCEL_IRQ_STATUS_RESET ||
            st_sim_irq()) {
            fail("after reset CTRL 0x%x STATUS 0x%x IRQ_STATUS 0x%x irq %d, expected all 0", (unsigned)ctrl,
                 (unsigned)status, (unsigned)irq, st_sim_irq());
        }
    }
    end();

    begin("regs-rw-ro-err");
    {
        uint32_t v;
        st_acc_wr(ST_ACCEL_DESC_PTR_OFFSET, 0x00012340u);
        v = st_acc_rd(ST_ACCEL_DESC_PTR_OFFSET);
        if (v != 0x00012340u || st_sim_last_mmio_err()) {
            fail("DESC_PTR read back 0x%08x", (unsigned)v);
        }
        st_acc_wr(ST_ACCEL_ID_OFFSET, 0u);
        if (!st_sim_last_mmio_err()) {
            fail("write to read-only ID answered without rsp_err");
        }
        if (st_acc_rd(ST_ACCEL_ID_OFFSET) != ST_ACCEL_ID_RESET) {
            fail("ID changed by a write");
        }
        (void)st_acc_rd(0x3FCu);
        if (!st_sim_last_mmio_err()) {
            fail("read of an offset without a register (0x3fc) answered without rsp_err");
        }
        st_acc_wr(0x3FCu, 1u);
        if (!st_sim_last_mmio_err()) {
            fail("write to an offset without a register (0x3fc) answered without rsp_err");
        }
        (void)st_acc_rd(ST_ACCEL_STATUS_OFFSET);
        if (st_sim_last_mmio_err()) {
            fail("STATUS read answered rsp_err");
        }
    }
    end();
}

/* ---- crafted bad records ----------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    uint32_t expect;          /* ST_ACCEL_ERR_* */
    /* modify record d (index k of the chain g) so that exactly one rule of §2.5 breaks */
    int (*mutate)(st_desc_t *d, const good_t *g, uint32_t k);
} err_case_t;

/* helpers for addresses that must stay inside RAM and out of the way */
#define RAM_END (ST_RAM_BASE + ST_RAM_SIZE)

static int m_opcode0(st_desc_t *d, const good_t *g, uint32_t k) { (void)g; (void)k; d->opcode = 0; return 1; }
static int m_opcode4(st_desc_t *d, const good_t *g, uint32_t k) { (void)g; (void)k; d->opcode = 4; return 1; }
static int m_opcode15(st_desc_t *d, const good_t *g, uint32_t k) { (void)g; (void)k; d->opcode = 15; return 1; }

static int m_flags_pool_bytes(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_CONV) {
        return 0;
    }
    d->flags |= ST_DESC_F_IN_BYTES;
    return 1;
}
static int m_flags_resbip_nores(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_CONV || (d->flags & ST_DESC_F_RES)) {
        return 0;
    }
    d->flags |= ST_DESC_F_RES_BIPOLAR;
    return 1;
}
static int m_flags_outbip_int32(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0;
    }
    d->flags |= ST_DESC_F_OUT_INT32 | ST_DESC_F_OUT_BIPOLAR;
    d->out_bits = 1; /* so that only the flag pair is wrong */
    return 1;
}
static int m_flags_wshared_bytes(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_CONV || !(d->flags & ST_DESC_F_IN_BYTES)) {
        return 0;
    }
    d->flags |= ST_DESC_F_W_SHARED;
    return 1;
}
static int m_flags_gsum_res(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_CONV) {
        return 0;
    }
    d->flags |= ST_DESC_F_RES;
    return 1;
}
static int m_bits_in0(st_desc_t *d, const good_t *g, uint32_t k) { (void)g; (void)k; d->in_bits = 0; return 1; }
static int m_bits_in17(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->flags & ST_DESC_F_IN_BIPOLAR) {
        return 0;
    }
    d->in_bits = d->opcode == ST_DESC_OPC_CONV ? ((d->flags & ST_DESC_F_IN_BYTES) ? 9u : 17u) : 5u;
    return 1;
}
static int m_bits_w(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g;
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0;
    }
    d->w_bits = (k & 1u) ? 0u : 9u;
    return 1;
}
static int m_bits_out5(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_CONV || (d->flags & (ST_DESC_F_OUT_INT32 | ST_DESC_F_OUT_BIPOLAR))) {
        return 0;
    }
    d->out_bits = 5;
    return 1;
}
static int m_bits_inbip2(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_GSUM || d->in_bits != 2u) {
        return 0;
    }
    d->flags |= ST_DESC_F_IN_BIPOLAR;
    return 1;
}
static int m_dim_zero(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g;
    switch (k % 3u) {
    case 0: d->in_h = 0; break;
    case 1: d->out_c = 0; break;
    default: d->in_w = 0; break;
    }
    return 1;
}
static int m_dim_big(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g;
    if (k & 1u) {
        d->in_c = 1025;
        if (d->opcode != ST_DESC_OPC_CONV) {
            d->out_c = 1025;
        }
    } else {
        d->in_w = 2048;
    }
    return 1;
}
static int m_dim_stride0(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_GSUM) {
        return 0;
    }
    d->stride = 0;
    return 1;
}
static int m_dim_outh(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_GSUM) {
        d->out_h = 2;
    } else {
        d->out_h += 1u;
    }
    return 1;
}
static int m_dim_pad(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_GSUM) {
        return 0;
    }
    if (d->opcode == ST_DESC_OPC_MAXPOOL) {
        d->pad = 1; /* pools have no padding */
        return 1;
    }
    /* pad > max(kh, kw) - 1, keeping out_h / out_w consistent with the new padding */
    d->pad = (d->kh > d->kw ? d->kh : d->kw);
    if (d->pad > 15u) {
        return 0;
    }
    d->out_h = (d->in_h + 2u * d->pad - d->kh) / d->stride + 1u;
    d->out_w = (d->in_w + 2u * d->pad - d->kw) / d->stride + 1u;
    return 1;
}
static int m_dim_kernel(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode == ST_DESC_OPC_GSUM) {
        return 0;
    }
    d->kh = d->in_h + 2u * d->pad + 1u; /* larger than the padded input */
    return 1;
}
static int m_bits_gsum_overflow(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_GSUM) {
        /* turn the record into a GSUM over its own (unsigned PLANES) input */
        if ((d->flags & (ST_DESC_F_IN_BYTES | ST_DESC_F_IN_BIPOLAR)) != 0u || d->in_bits > 4u) {
            return 0;
        }
        d->opcode = ST_DESC_OPC_GSUM;
        d->flags &= ST_DESC_F_LAST;
        d->out_h = d->out_w = 1u;
        d->out_c = d->in_c;
        d->kh = d->kw = d->stride = d->pad = d->w_bits = d->res_bits = 0u;
        d->w_addr = d->p_addr = d->res_addr = 0u;
        d->out_bits = st_gsum_bits(d->in_bits, d->in_h, d->in_w);
    }
    d->out_bits -= 1u; /* the largest sum no longer fits */
    return d->out_bits >= 1u;
}
static int m_misaligned(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g;
    uint32_t which = k % 4u;
    if (d->opcode != ST_DESC_OPC_CONV) {
        which %= 2u;
    }
    switch (which) {
    case 0: d->in_addr += 2u; break;
    case 1: d->out_addr += 1u; break;
    case 2: d->w_addr += 2u; break;
    default: d->p_addr += 3u; break;
    }
    return 1;
}
static int m_misaligned_res(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (!(d->flags & ST_DESC_F_RES)) {
        return 0;
    }
    d->res_addr += 2u;
    return 1;
}
static int m_addr_in(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    d->in_addr = 0x10000000u; /* the UART: not RAM */
    return 1;
}
static int m_addr_out_end(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    /* the output buffer straddles the end of RAM by one word */
    d->out_addr = RAM_END - 4u * st_desc_out_words(d) + 4u;
    return 1;
}
static int m_addr_w(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0;
    }
    if (k & 1u) {
        d->w_addr = RAM_END;
    } else {
        d->p_addr = RAM_END - 4u * st_desc_p_words(d) + 4u;
    }
    return 1;
}
static int m_addr_res(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (!(d->flags & ST_DESC_F_RES)) {
        return 0;
    }
    d->res_addr = 0xFFFFFFF0u; /* wraps past 2^32: must not look inside RAM */
    return 1;
}
static int m_overlap_in(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    d->out_addr = d->in_addr + 4u * (st_desc_in_words(d) - 1u); /* the last input word */
    if ((uint64_t)d->out_addr + 4u * st_desc_out_words(d) > RAM_END) {
        d->out_addr = d->in_addr;
    }
    return 1;
}
static int m_overlap_w(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g;
    if (d->opcode != ST_DESC_OPC_CONV) {
        return 0;
    }
    d->out_addr = (k & 1u) ? d->w_addr : d->p_addr + 4u * (st_desc_p_words(d) - 1u);
    if ((uint64_t)d->out_addr + 4u * st_desc_out_words(d) > RAM_END) {
        return 0;
    }
    /* keep clear of the input so that only the weight / parameter overlap remains */
    return !(d->out_addr < d->in_addr + 4u * st_desc_in_words(d) &&
             d->in_addr < d->out_addr + 4u * st_desc_out_words(d));
}
static int m_overlap_res(st_desc_t *d, const good_t *g, uint32_t k)
{
    (void)g; (void)k;
    if (!(d->flags & ST_DESC_F_RES)) {
        return 0;
    }
    d->out_addr = d->res_addr;
    return 1;
}

static const err_case_t k_err_cases[] = {
    {"err-bad-opcode-0", ST_ACCEL_ERR_BAD_OPCODE, m_opcode0},
    {"err-bad-opcode-4", ST_ACCEL_ERR_BAD_OPCODE, m_opcode4},
    {"err-bad-opcode-15", ST_ACCEL_ERR_BAD_OPCODE, m_opcode15},
    {"err-bad-flags-pool-in-bytes", ST_ACCEL_ERR_BAD_FLAGS, m_flags_pool_bytes},
    {"err-bad-flags-res-bipolar-without-res", ST_ACCEL_ERR_BAD_FLAGS, m_flags_resbip_nores},
    {"err-bad-flags-out-bipolar-with-int32", ST_ACCEL_ERR_BAD_FLAGS, m_flags_outbip_int32},
    {"err-bad-flags-w-shared-with-bytes", ST_ACCEL_ERR_BAD_FLAGS, m_flags_wshared_bytes},
    {"err-bad-flags-pool-res", ST_ACCEL_ERR_BAD_FLAGS, m_flags_gsum_res},
    {"err-bad-bits-in-0", ST_ACCEL_ERR_BAD_BITS, m_bits_in0},
    {"err-bad-bits-in-too-wide", ST_ACCEL_ERR_BAD_BITS, m_bits_in17},
    {"err-bad-bits-w", ST_ACCEL_ERR_BAD_BITS, m_bits_w},
    {"err-bad-bits-out-5", ST_ACCEL_ERR_BAD_BITS, m_bits_out5},
    {"err-bad-bits-bipolar-2bit", ST_ACCEL_ERR_BAD_BITS, m_bits_inbip2},
    {"err-bad-bits-gsum-overflow", ST_ACCEL_ERR_BAD_BITS, m_bits_gsum_overflow},
    {"err-bad-dim-zero", ST_ACCEL_ERR_BAD_DIM, m_dim_zero},
    {"err-bad-dim-too-big", ST_ACCEL_ERR_BAD_DIM, m_dim_big},
    {"err-bad-dim-stride-0", ST_ACCEL_ERR_BAD_DIM, m_dim_stride0},
    {"err-bad-dim-out-shape", ST_ACCEL_ERR_BAD_DIM, m_dim_outh},
    {"err-bad-dim-pad", ST_ACCEL_ERR_BAD_DIM, m_dim_pad},
    {"err-bad-dim-kernel", ST_ACCEL_ERR_BAD_DIM, m_dim_kernel},
    {"err-misaligned-buffer", ST_ACCEL_ERR_MISALIGNED, m_misaligned},
    {"err-misaligned-res", ST_ACCEL_ERR_MISALIGNED, m_misaligned_res},
    {"err-bad-addr-in", ST_ACCEL_ERR_BAD_ADDR, m_addr_in},
    {"err-bad-addr-out-end", ST_ACCEL_ERR_BAD_ADDR, m_addr_out_end},
    {"err-bad-addr-w-p", ST_ACCEL_ERR_BAD_ADDR, m_addr_w},
    {"err-bad-addr-res-wrap", ST_ACCEL_ERR_BAD_ADDR, m_addr_res},
    {"err-overlap-in", ST_ACCEL_ERR_OVERLAP, m_overlap_in},
    {"err-overlap-w-p", ST_ACCEL_ERR_OVERLAP, m_overlap_w},
    {"err-overlap-res", ST_ACCEL_ERR_OVERLAP, m_overlap_res},
};

/* Write record j of the image from d (packing with st_desc_pack). */
static void write_record(const good_t *g, uint32_t j, const st_desc_t *d)
{
    uint32_t rec[ST_DESC_WORDS];
    st_desc_pack(d, rec);
    memcpy(st_sim_ram() + (g->img.desc_addr - ST_RAM_BASE) + j * ST_DESC_BYTES, rec, sizeof rec);
}

static void read_record(const good_t *g, uint32_t j, st_desc_t *d)
{
    uint32_t rec[ST_DESC_WORDS];
    memcpy(rec, st_sim_ram() + (g->img.desc_addr - ST_RAM_BASE) + j * ST_DESC_BYTES, sizeof rec);
    st_desc_unpack(rec, d);
}

/* Run a chain that should stop with `expect` at record k; check everything §2.5 and §6 promise. */
static void check_error_run(const char *what, const good_t *g, uint32_t k, uint32_t expect, uint32_t desc_ptr,
                            const st_sim_waits_t *waits)
{
    st_ref_result_t ref;
    st_acc_run_t r;
    memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
    memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
    st_ref_run(g_ref, &g_info.hw, desc_ptr, g->img.n_desc + 1u, &ref);
    if (ref.err != expect || ref.err_desc != k) {
        fail("%s: test bug: the reference says error %u at record %u, the test meant %u at %u", what,
             (unsigned)ref.err, (unsigned)ref.err_desc, (unsigned)expect, (unsigned)k);
        return;
    }
    st_sim_set_waits(waits);
    declare_outputs(g, 0, k);
    st_sim_clear_stats();
    st_acc_run_chain(desc_ptr, 1, st_acc_budget(ref.bitmacs, total_words(g), &g_info), &r);
    if (r.timed_out) {
        fail("%s: no DONE (STATUS 0x%08x)", what, (unsigned)r.status);
        st_acc_soft_reset(100000u);
        return;
    }
    if (r.err != expect || r.err_desc != k) {
        fail("%s: STATUS.ERR %u ERR_DESC %u, expected ERR %u ERR_DESC %u", what, (unsigned)r.err,
             (unsigned)r.err_desc, (unsigned)expect, (unsigned)k);
    }
    if ((r.status & (ST_ACCEL_STATUS_DONE_Msk | ST_ACCEL_STATUS_BUSY_Msk)) != ST_ACCEL_STATUS_DONE_Msk) {
        fail("%s: STATUS 0x%08x: expected DONE = 1, BUSY = 0", what, (unsigned)r.status);
    }
    if (!(r.irq_status & ST_ACCEL_IRQ_STATUS_DONE_Msk) || !r.irq_line) {
        fail("%s: IRQ_STATUS 0x%x irq %d after an error chain with IRQ_EN (expected DONE and irq)", what,
             (unsigned)r.irq_status, r.irq_line);
    }
    if (r.perf_layers != k) {
        fail("%s: PERF_LAYERS %u, expected %u (records before the bad one)", what, (unsigned)r.perf_layers, (unsigned)k);
    }
    compare_ram(what, 0, 0);
    check_bus_clean(what);
    st_acc_clear_irq();
}

/* Run one hand-made record (LAST) placed as record 0 of a small good image at arena; its buffers must lie
 * below arena. Checks RAM against the descriptor-level reference and the bus. */
static void run_one_record(const char *what, st_rng_t *rng, const st_desc_t *d0, uint32_t arena)
{
    static good_t g;
    st_desc_t d = *d0;
    st_ref_result_t ref;
    st_acc_run_t r;
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 1u, arena, 20000u, 0) != 0) {
        return;
    }
    d.flags |= ST_DESC_F_LAST;
    write_record(&g, 0, &d);
    memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
    memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
    st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, 1u, &ref);
    if (ref.err != 0u) {
        fail("%s: test bug: the reference refuses the record (error %u)", what, (unsigned)ref.err);
        return;
    }
    st_sim_set_waits(&k_no_waits);
    st_sim_clear_write_regions();
    st_sim_add_write_region(d.out_addr, 4u * st_desc_out_words(&d));
    st_sim_clear_stats();
    st_acc_run_chain(g.img.desc_addr, 0, 20000000u, &r);
    if (r.timed_out || r.err != 0u) {
        fail("%s: did not complete: timeout %d, STATUS 0x%08x", what, r.timed_out, (unsigned)r.status);
        st_acc_soft_reset(100000u);
    }
    compare_ram(what, 0, 0);
    check_bus_clean(what);
    st_acc_clear_irq();
}

/* Window origins and row strides far beyond the input: a one-row input with a large padding and stride,
 * whose pad * (row + pixel) and stride * row are above 2^17 words (PLANES) or 2^16 bytes (BYTES). Only the
 * taps inside the input are read, so every address is in RAM, but the origin and the strides must be exact
 * modulo the address space. The output is the int32 accumulators, so any wrong read shows. */
static void test_wide_origin(st_rng_t *rng)
{
    st_desc_t d;
    begin("wide-origin-planes");
    memset(&d, 0, sizeof d);
    d.opcode = ST_DESC_OPC_CONV;
    d.flags = ST_DESC_F_OUT_INT32; /* the accumulators themselves: any wrong read shows */
    d.in_h = 1; d.in_w = 1200; d.in_c = 32; d.in_bits = 16;     /* 19 200 words per row */
    d.kh = 8; d.kw = 1; d.pad = 7; d.stride = 7;               /* origin 134 512 words, row step 134 400 */
    d.out_h = 2; d.out_w = 174; d.out_c = 1; d.w_bits = 1;
    d.in_addr = ST_RAM_BASE + 0x400u;
    d.out_addr = ST_RAM_BASE + 0x13000u;
    d.w_addr = ST_RAM_BASE + 0x13800u;
    d.p_addr = ST_RAM_BASE + 0x13C00u;
    run_one_record("wide-origin-planes", rng, &d, ST_RAM_BASE + 0x14000u);
    end();
    begin("wide-origin-bytes");
    memset(&d, 0, sizeof d);
    d.opcode = ST_DESC_OPC_CONV;
    d.flags = ST_DESC_F_IN_BYTES | ST_DESC_F_OUT_INT32;
    d.in_h = 1; d.in_w = 2047; d.in_c = 3; d.in_bits = 8;       /* 6 141 bytes per row */
    d.kh = 16; d.kw = 1; d.pad = 15; d.stride = 15;            /* origin 92 160 bytes, row step 92 115 */
    d.out_h = 2; d.out_w = 139; d.out_c = 1; d.w_bits = 8;
    d.in_addr = ST_RAM_BASE + 0x400u;
    d.out_addr = ST_RAM_BASE + 0x2000u;
    d.w_addr = ST_RAM_BASE + 0xB000u;
    d.p_addr = ST_RAM_BASE + 0xB400u;
    run_one_record("wide-origin-bytes", rng, &d, ST_RAM_BASE + 0x14000u);
    end();
}

/* One bad record as record 1 of a good two-record chain on random RAM: the chain must stop there with expect
 * (and agree with the reference, check_error_run). */
static void run_bad_second_record(const char *name, st_rng_t *rng, const st_desc_t *d, uint32_t expect)
{
    good_t g;
    begin(name);
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
        write_record(&g, 1, d);
        check_error_run(name, &g, 1, expect, g.img.desc_addr, &k_no_waits);
    } else {
        fail("%s: no base chain", name);
    }
    end();
}

static void test_errors(st_rng_t *rng)
{
    static good_t g;
    for (uint32_t c = 0; c < sizeof k_err_cases / sizeof k_err_cases[0]; c++) {
        const err_case_t *ec = &k_err_cases[c];
        int done = 0;
        begin(ec->name);
        /* find a chain and a record position the mutation applies to */
        for (uint32_t attempt = 0; attempt < 60u && !done; attempt++) {
            uint32_t n = 3u, k;
            st_desc_t d;
            uint32_t arena = ST_RAM_BASE + 4u * st_rng_below(rng, 256u);
            st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
            if (make_good(&g, st_rng_next(rng), n, arena, 60000u, 0) != 0) {
                break;
            }
            k = st_rng_below(rng, g.img.n_desc);
            read_record(&g, k, &d);
            if (!ec->mutate(&d, &g, k + attempt)) {
                continue;
            }
            write_record(&g, k, &d);
            {
                st_ref_result_t pre;
                memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
                st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, g.img.n_desc + 1u, &pre);
                if (pre.err != ec->expect || pre.err_desc != k) {
                    if (getenv("ST_DEBUG") != NULL) {
                        printf("  (attempt %u: record %u -> reference error %u at %u)\n", (unsigned)attempt,
                               (unsigned)k, (unsigned)pre.err, (unsigned)pre.err_desc);
                    }
                    continue; /* the mutation broke an earlier rule of §2.5 for this record: try another */
                }
            }
            check_error_run(ec->name, &g, k, ec->expect, g.img.desc_addr, st_rng_pct(rng, 50u) ? &k_no_waits : &k_some_waits);
            done = 1;
            /* the accelerator is usable again: a good chain right after the error */
            st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
            if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 4u * st_rng_below(rng, 256u), 60000u, 0) == 0) {
                run_good("good chain after the error", &g, &k_some_waits, 0);
            }
        }
        if (!done) {
            fail("no chain found that this bad record applies to (test generator problem)");
        }
        end();
    }

    /* DESC_PTR itself misaligned (record 0) and the chain running off the end of RAM */
    begin("err-misaligned-desc-ptr");
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
        check_error_run("err-misaligned-desc-ptr", &g, 0, ST_ACCEL_ERR_MISALIGNED, g.img.desc_addr + 2u, &k_no_waits);
    }
    end();
    begin("err-bad-addr-desc-ptr");
    if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
        check_error_run("err-bad-addr-desc-ptr", &g, 0, ST_ACCEL_ERR_BAD_ADDR, 0x20000000u, &k_no_waits);
    }
    end();
    begin("err-bad-addr-chain-runs-off-ram");
    {
        /* one good record in the last 64 bytes of RAM without LAST: record 1 would lie beyond the end */
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 1u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
            st_desc_t d;
            uint32_t last = RAM_END - ST_DESC_BYTES;
            read_record(&g, 0, &d);
            d.flags &= ~ST_DESC_F_LAST;
            g.img.desc_addr = last;
            write_record(&g, 0, &d);
            g.img.n_desc = 2u; /* record 1: off the end */
            check_error_run("err-bad-addr-chain-runs-off-ram", &g, 1, ST_ACCEL_ERR_BAD_ADDR, last, &k_no_waits);
            g.img.n_desc = 1u;
        }
    }
    end();

    /* BUF_SMALL: a CONV whose one-channel weight tile is one SIMD entry larger than a PE's memory */
    begin("err-buf-small-weights");
    {
        uint32_t depth = (uint32_t)(((uint64_t)g_info.caps.wbuf_words * 32u) / ((uint64_t)g_info.caps.pe * g_info.caps.simd));
        /* words of one channel's weights that overrun a PE's memory by one SIMD entry */
        uint32_t words_needed = (uint32_t)((((uint64_t)depth + 1u) * g_info.caps.simd + 31u) / 32u);
        uint32_t kk = 1, cw = 1;
        while (kk < 7u && 8u * kk * kk * 32u < words_needed) {
            kk++;
        }
        cw = (words_needed + 8u * kk * kk - 1u) / (8u * kk * kk);
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
            /* record 1 becomes a kk x kk CONV (no padding, 1 x 1 output) over kk x kk x 32*cw with 8-bit
             * weights: w_bits * KWORDS = 8 * kk * kk * cw >= words_needed */
            st_desc_t d;
            memset(&d, 0, sizeof d);
            d.opcode = ST_DESC_OPC_CONV;
            d.flags = ST_DESC_F_LAST | ST_DESC_F_OUT_INT32;
            d.in_h = d.in_w = d.kh = d.kw = kk;
            d.out_h = d.out_w = d.stride = 1;
            d.in_c = 32u * cw;
            d.out_c = 1;
            d.in_bits = 1;
            d.w_bits = 8;
            d.in_addr = ST_RAM_BASE + 0xE000u;
            d.out_addr = ST_RAM_BASE + 0xF800u;
            d.p_addr = ST_RAM_BASE + 0xFC00u;
            d.w_addr = ST_RAM_BASE + 0x10000u;
            if (d.in_c > 1024u || st_desc_in_words(&d) > 0x1800u / 4u || st_desc_w_words(&d) > 0x10000u / 4u) {
                fail("this configuration's weight buffer cannot be overrun by a record that fits the test's layout");
            } else {
                write_record(&g, 1, &d);
                check_error_run("err-buf-small-weights", &g, 1, ST_ACCEL_ERR_BUF_SMALL, g.img.desc_addr, &k_no_waits);
            }
        }
    }
    end();
    /* BUF_SMALL for a BYTES kernel window one weight word above CAPS3.BYTES_KWORDS: 1 x 1 x 32 (lim + 1) */
    begin("err-buf-small-bytes-window");
    if (32u * (g_info.caps.bytes_kwords + 1u) > 1024u) {
        fail("CAPS3.BYTES_KWORDS %u: no legal record exceeds it (channels <= 1024)", (unsigned)g_info.caps.bytes_kwords);
    } else {
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x400u, 60000u, 0) == 0) {
            st_desc_t d;
            memset(&d, 0, sizeof d);
            d.opcode = ST_DESC_OPC_CONV;
            d.flags = ST_DESC_F_LAST | ST_DESC_F_IN_BYTES | ST_DESC_F_OUT_INT32;
            d.in_h = d.in_w = d.out_h = d.out_w = d.kh = d.kw = d.stride = 1;
            d.in_c = 32u * (g_info.caps.bytes_kwords + 1u);
            d.out_c = 1;
            d.in_bits = 8;
            d.w_bits = 1;
            d.in_addr = ST_RAM_BASE + 0xE000u;
            d.out_addr = ST_RAM_BASE + 0xF800u;
            d.p_addr = ST_RAM_BASE + 0xFC00u;
            d.w_addr = ST_RAM_BASE + 0x10000u;
            write_record(&g, 1, &d);
            check_error_run("err-buf-small-bytes-window", &g, 1, ST_ACCEL_ERR_BUF_SMALL, g.img.desc_addr, &k_no_waits);
            /* one word less fits: the same record with 32 fewer channels is accepted and runs */
            d.in_c -= 32u;
            write_record(&g, 1, &d);
            {
                st_ref_result_t ref;
                st_acc_run_t r;
                memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
                st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, 3u, &ref);
                declare_outputs(&g, 0, 1);
                st_sim_add_write_region(d.out_addr, 4u);
                st_sim_clear_stats();
                st_acc_run_chain(g.img.desc_addr, 0, 4000000u, &r);
                /* in a configuration with a small weight memory the record may still be too big for it: then
                 * both must say BUF_SMALL (weights), else both must run it */
                if (r.timed_out || r.err != ref.err) {
                    fail("a window of exactly BYTES_KWORDS words: STATUS 0x%08x, the reference says error %u",
                         (unsigned)r.status, (unsigned)ref.err);
                } else if (ref.err != 0u) {
                    printf("note err-buf-small-bytes-window: at the limit the weights overrun this configuration's "
                           "weight memory (error %u from both)\n", (unsigned)ref.err);
                }
                compare_ram("window of exactly BYTES_KWORDS", 0, 0);
                check_bus_clean("window of exactly BYTES_KWORDS");
                st_acc_clear_irq();
            }
        }
    }
    end();
    /* The BYTES sizes that wrapped in the checker before 0c898de: ceil(/32) of a 12 x 12 x 1024 window
     * (147456 positions) became KWORDS 0 and the record ran with error 0 (then BAD_ADDR from the saturated
     * size, tests/accel/RTL_ISSUES.md entry 4, until 6bc3c0a); ceil(/4) of a 128 x 128 x 8 input (131072
     * bytes) at word 4 gave OVERLAP instead of BAD_ADDR. The reference decides. */
    {
        st_desc_t d;
        memset(&d, 0, sizeof d);
        d.opcode = ST_DESC_OPC_CONV;
        d.flags = ST_DESC_F_LAST | ST_DESC_F_IN_BYTES | ST_DESC_F_OUT_INT32;
        d.in_h = d.in_w = 1;
        d.pad = 11;
        d.kh = d.kw = 12;
        d.out_h = d.out_w = 12; /* (1 + 22 - 12) / 1 + 1 */
        d.stride = 1;
        d.in_c = 1024;
        d.out_c = 1;
        d.in_bits = 8;
        d.w_bits = 1;
        d.in_addr = ST_RAM_BASE + 0xE000u;  /* 1024 bytes */
        d.out_addr = ST_RAM_BASE + 0xE800u; /* 144 words */
        d.p_addr = ST_RAM_BASE + 0xEC00u;   /* 2 words */
        d.w_addr = ST_RAM_BASE + 0x10000u;  /* 4608 words: inside RAM */
        run_bad_second_record("err-bytes-size-wrap-kwords", rng, &d, ST_ACCEL_ERR_BUF_SMALL);
    }
    {
        st_desc_t d;
        memset(&d, 0, sizeof d);
        d.opcode = ST_DESC_OPC_CONV;
        d.flags = ST_DESC_F_LAST | ST_DESC_F_IN_BYTES | ST_DESC_F_OUT_INT32;
        d.in_h = d.in_w = 128;
        d.in_c = 8;
        d.kh = d.kw = 1;
        d.out_h = d.out_w = 128;
        d.stride = 1;
        d.out_c = 1;
        d.in_bits = 8;
        d.w_bits = 1;
        d.in_addr = ST_RAM_BASE + 16u; /* word 4: 131072 bytes run 16 bytes past the end of a 128 KiB RAM */
        d.out_addr = ST_RAM_BASE + 0x8000u;
        d.p_addr = ST_RAM_BASE + 0x4000u;
        d.w_addr = ST_RAM_BASE + 0x4100u;
        run_bad_second_record("err-bytes-size-wrap-input", rng, &d, ST_ACCEL_ERR_BAD_ADDR);
    }

    /* BUF_SMALL for parameters: the smallest output width whose tile of records (PE x 2^n words) overruns
     * PBUF; not every configuration has one (then said so, and nothing is counted) */
    {
        uint32_t n = 1u;
        while (n <= 4u && ((uint64_t)g_info.caps.pe << n) <= g_info.caps.pbuf_words) {
            n++;
        }
        if (n > 4u) {
            printf("note err-buf-small-params: not reachable in this configuration (PE %u * 16 words <= PBUF %u words)\n",
                   (unsigned)g_info.caps.pe, (unsigned)g_info.caps.pbuf_words);
        } else {
            st_desc_t d;
            memset(&d, 0, sizeof d);
            d.opcode = ST_DESC_OPC_CONV;
            d.flags = ST_DESC_F_LAST;
            d.in_h = d.in_w = d.out_h = d.out_w = d.kh = d.kw = d.stride = 1;
            d.in_c = 32;
            d.out_c = 1;
            d.in_bits = 1;
            d.w_bits = 1;
            d.out_bits = n;
            d.in_addr = ST_RAM_BASE + 0xE000u;
            d.out_addr = ST_RAM_BASE + 0xF800u;
            d.p_addr = ST_RAM_BASE + 0xFC00u;
            d.w_addr = ST_RAM_BASE + 0x10000u;
            run_bad_second_record("err-buf-small-params", rng, &d, ST_ACCEL_ERR_BUF_SMALL);
        }
    }
}

/* ---- bus errors ------------------------------------------------------------------------------------- */

/* The input word offset of the first pixel that the record's first output pixels read: pixel (0,0) is
 * not read when the padding is at least the kernel (e.g. kh 1, pad 1: output row 0 reads only padding,
 * and with stride 2 input row 0 is never read). Scans outputs in order, taps in order. NO_READ when the
 * layer reads no input at all (every tap of every output pixel is padding: e.g. in_h 1, kh 2, pad 2). */
#define NO_READ 0xFFFFFFFFu
static uint32_t first_read_word(const st_desc_t *d)
{
    const uint32_t pad = d->opcode == ST_DESC_OPC_CONV ? d->pad : 0u;
    for (uint32_t y = 0; y < d->out_h; y++) {
        for (uint32_t x = 0; x < d->out_w; x++) {
            for (uint32_t ky = 0; ky < d->kh; ky++) {
                for (uint32_t kx = 0; kx < d->kw; kx++) {
                    int64_t iy = (int64_t)y * d->stride + ky - pad, ix = (int64_t)x * d->stride + kx - pad;
                    if (d->opcode == ST_DESC_OPC_GSUM) {
                        return 0u;
                    }
                    if (iy >= 0 && iy < (int64_t)d->in_h && ix >= 0 && ix < (int64_t)d->in_w) {
                        uint64_t pix = (uint64_t)iy * d->in_w + (uint64_t)ix;
                        if (d->flags & ST_DESC_F_IN_BYTES) {
                            return (uint32_t)(pix * d->in_c / 4u); /* the word of the pixel's first byte */
                        }
                        return (uint32_t)(pix * d->in_bits * st_desc_cw(d->in_c)); /* plane 0, channel word 0 */
                    }
                }
            }
        }
    }
    return NO_READ;
}

static void test_bus_errors(st_rng_t *rng)
{
    static good_t g;
    static const char *const names[3] = {"bus-err-weights", "bus-err-input", "bus-err-output"};
    for (uint32_t v = 0; v < 3u; v++) {
        uint32_t done = 0;
        begin(names[v]);
        for (uint32_t attempt = 0; attempt < 40u && !done; attempt++) {
            uint32_t k;
            st_desc_t d;
            st_ref_result_t ref;
            st_acc_run_t r;
            uint32_t lo, words, first, out_lo, out_hi;
            st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
            if (make_good(&g, st_rng_next(rng), 3u, ST_RAM_BASE + 4u * st_rng_below(rng, 256u), 60000u, 0) != 0) {
                break;
            }
            /* the input of a later record is written by the chain itself (and the window errs writes too) */
            k = v == 1u ? 0u : st_rng_below(rng, g.img.n_desc);
            read_record(&g, k, &d);
            if (v == 0u && d.opcode != ST_DESC_OPC_CONV) {
                continue;
            }
            lo = v == 0u ? d.w_addr : (v == 1u ? d.in_addr : d.out_addr);
            words = v == 0u ? st_desc_w_words(&d) : (v == 1u ? st_desc_in_words(&d) : st_desc_out_words(&d));
            /* the error window: one word the record certainly accesses: every weight word is loaded and
             * every output word written (the middle one), but a strided or padded layer may skip input
             * words, so the word of the first input pixel the first output pixels read */
            first = v == 1u ? first_read_word(&d) : 0u;
            if (first == NO_READ) {
                continue; /* nothing to make err: another chain */
            }
            lo += 4u * (v != 1u ? words / 2u : first);
            out_lo = d.out_addr;
            out_hi = d.out_addr + 4u * st_desc_out_words(&d);
            /* expected RAM: the records before k ran, record k may have written part of its output */
            memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
            memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
            st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, k, &ref);
            st_sim_set_error_window(lo, 4);
            st_sim_set_waits(st_rng_pct(rng, 50u) ? &k_no_waits : &k_some_waits);
            declare_outputs(&g, 0, k + 1u);
            st_sim_clear_stats();
            st_acc_run_chain(g.img.desc_addr, 0, st_acc_budget(1000000u, total_words(&g), &g_info), &r);
            st_sim_set_error_window(0, 0);
            {
                st_sim_stats_t bs;
                st_sim_get_stats(&bs);
                if (bs.err_window == 0u) {
                    fail("test problem: record %u never accessed the word 0x%08x that was made to err (STATUS 0x%08x; "
                         "opcode %u flags 0x%x in %ux%ux%u a%u k%ux%u s%u p%u, in_addr 0x%08x)",
                         (unsigned)k, (unsigned)lo, (unsigned)r.status, (unsigned)d.opcode, (unsigned)d.flags,
                         (unsigned)d.in_h, (unsigned)d.in_w, (unsigned)d.in_c, (unsigned)d.in_bits, (unsigned)d.kh,
                         (unsigned)d.kw, (unsigned)d.stride, (unsigned)d.pad, (unsigned)d.in_addr);
                }
            }
            done = 1;
            if (r.timed_out) {
                fail("no DONE after a bus error (STATUS 0x%08x)", (unsigned)r.status);
                st_acc_soft_reset(100000u);
                continue;
            }
            if (r.err != ST_ACCEL_ERR_BUS || r.err_desc != k) {
                fail("STATUS.ERR %u ERR_DESC %u, expected BUS (%u) at record %u", (unsigned)r.err,
                     (unsigned)r.err_desc, (unsigned)ST_ACCEL_ERR_BUS, (unsigned)k);
            }
            if (r.perf_layers != k) {
                fail("PERF_LAYERS %u, expected %u", (unsigned)r.perf_layers, (unsigned)k);
            }
            compare_ram(names[v], out_lo, out_hi);
            check_bus_clean(names[v]);
            if (v == 2u && memcmp(st_sim_ram() + (lo - ST_RAM_BASE), g_before + (lo - ST_RAM_BASE), 4) != 0) {
                fail("the write that got rsp_err changed RAM (the RAM model must not apply it)");
            }
            st_acc_clear_irq();
            st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
            if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE + 0x200u, 60000u, 0) == 0) {
                run_good("good chain after the bus error", &g, &k_some_waits, 0);
            }
        }
        if (!done) {
            fail("no applicable chain found");
        }
        end();
    }
}

/* ---- soft reset --------------------------------------------------------------------------------------- */

static void test_abort(st_rng_t *rng)
{
    static good_t g;
    for (uint32_t trial = 0; trial < 6u; trial++) {
        char name[48];
        st_ref_result_t ref;
        uint64_t full, at;
        st_acc_run_t r;
        snprintf(name, sizeof name, "abort-mid-layer-%u", (unsigned)trial);
        begin(name);
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 2u + trial % 3u, ST_RAM_BASE + 0x100u, 400000u, 0) != 0) {
            end();
            continue;
        }
        /* the length of the chain, from a reference run of the RTL on a copy of the same RAM */
        memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
        st_sim_set_waits(trial & 1u ? &k_some_waits : &k_no_waits);
        declare_outputs(&g, 0, g.img.n_desc);
        st_acc_run_chain(g.img.desc_addr, 0, 10000000u, &r);
        full = r.cycles;
        st_acc_clear_irq();
        memcpy(st_sim_ram(), g_before, ST_RAM_SIZE);
        /* abort somewhere inside the run */
        at = 5u + st_rng_below(rng, (uint32_t)(full > 10u ? full - 10u : 1u));
        st_sim_clear_stats();
        st_acc_wr(ST_ACCEL_DESC_PTR_OFFSET, g.img.desc_addr);
        st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_START_Msk | ST_ACCEL_CTRL_IRQ_EN_Msk);
        st_sim_step((uint32_t)at);
        {
            uint32_t s0 = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
            if (!(s0 & ST_ACCEL_STATUS_BUSY_Msk)) {
                /* the chain ended before the abort point (the run is shorter with these waits): count as run */
                printf("note %s: chain already done at cycle %llu of %llu\n", name, (unsigned long long)at,
                       (unsigned long long)full);
            }
            if (st_acc_soft_reset(100000u) != 0) {
                fail("BUSY still set 100000 cycles after SOFT_RESET");
            }
            r.status = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
            r.err = (r.status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos;
            r.err_desc = (r.status & ST_ACCEL_STATUS_ERR_DESC_Msk) >> ST_ACCEL_STATUS_ERR_DESC_Pos;
            r.perf_layers = st_acc_rd(ST_ACCEL_PERF_LAYERS_OFFSET);
            if (s0 & ST_ACCEL_STATUS_BUSY_Msk) {
                if (r.err != ST_ACCEL_ERR_ABORTED || !(r.status & ST_ACCEL_STATUS_DONE_Msk)) {
                    fail("after SOFT_RESET mid-chain: STATUS 0x%08x (ERR %u), expected DONE with ERR ABORTED (%u)",
                         (unsigned)r.status, (unsigned)r.err, (unsigned)ST_ACCEL_ERR_ABORTED);
                }
                if (r.err_desc != r.perf_layers) {
                    fail("ERR_DESC %u but PERF_LAYERS %u: the aborted record is the one after the completed ones",
                         (unsigned)r.err_desc, (unsigned)r.perf_layers);
                }
            }
            /* the completed records wrote their outputs; the aborted one may have written part of its own */
            memcpy(g_ref, g_before, ST_RAM_SIZE);
            st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, r.perf_layers, &ref);
            {
                uint32_t lo = 0, hi = 0;
                if (r.perf_layers < g.img.n_desc) {
                    const st_img_buf_t *o = &g.img.tensor[g.img.desc_layer[r.perf_layers] + 1];
                    lo = o->addr;
                    hi = o->addr + 4u * o->words;
                }
                compare_ram(name, lo, hi);
            }
            check_bus_clean(name);
        }
        st_acc_clear_irq();
        /* and the accelerator is good as new */
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 3u, ST_RAM_BASE + 0x40u, 100000u, 0) == 0) {
            run_good("good chain after the abort", &g, trial & 1u ? &k_no_waits : &k_some_waits, 1);
        }
        end();
    }

    begin("abort-idle");
    {
        uint32_t s;
        st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_SOFT_RESET_Msk);
        st_sim_step(20);
        s = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
        if (s & ST_ACCEL_STATUS_BUSY_Msk) {
            fail("SOFT_RESET while idle left BUSY set (STATUS 0x%08x)", (unsigned)s);
        }
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE, 60000u, 0) == 0) {
            run_good("good chain after an idle soft reset", &g, &k_no_waits, 0);
        }
    }
    end();
}

/* ---- back-to-back, IRQ, counters --------------------------------------------------------------------- */

static void test_b2b(st_rng_t *rng)
{
    static good_t g;
    begin("b2b-ten-chains");
    for (uint32_t i = 0; i < 10u; i++) {
        char what[48];
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 1u + st_rng_below(rng, 5u), ST_RAM_BASE + 4u * st_rng_below(rng, 1024u),
                      80000u, st_rng_pct(rng, 50u) ? ST_IMG_F_FUSE_GSUM : 0u) != 0) {
            break;
        }
        snprintf(what, sizeof what, "chain %u of 10", (unsigned)i);
        run_good(what, &g, i & 1u ? &k_some_waits : &k_no_waits, (int)(i % 3u == 0u));
    }
    end();

    begin("b2b-same-image-twice");
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 4u, ST_RAM_BASE + 0x800u, 80000u, 0) == 0) {
        run_good("first run", &g, &k_no_waits, 0);
        run_good("second run of the same image", &g, &k_some_waits, 0);
    }
    end();

    begin("b2b-start-at-done");
    {
        /* two images in RAM; START the second in the first poll that sees DONE */
        static good_t g2;
        st_acc_run_t r;
        st_ref_result_t ref;
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 2u, ST_RAM_BASE, 60000u, 0) == 0) {
            g2.arena = ST_RAM_BASE + ((g.img.used_bytes + 63u) & ~63u);
            /* g2 shares the pool with g: build g2 after g's checks need only RAM (reference images) */
            memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
            memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
            st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, g.img.n_desc + 1u, &ref);
            if (make_good(&g2, st_rng_next(rng), 3u, g2.arena, 60000u, 0) == 0) {
                memcpy(g_ref + (g2.arena - ST_RAM_BASE), st_sim_ram() + (g2.arena - ST_RAM_BASE), g2.img.used_bytes);
                st_ref_run(g_ref, &g_info.hw, g2.img.desc_addr, g2.img.n_desc + 1u, &ref);
                st_sim_set_waits(&k_no_waits);
                st_sim_clear_write_regions();
                for (uint32_t j = 0; j < g.img.n_desc; j++) {
                    const st_img_buf_t *o = &g.img.tensor[g.img.desc_layer[j] + 1];
                    st_sim_add_write_region(o->addr, 4u * o->words);
                }
                for (uint32_t j = 0; j < g2.img.n_desc; j++) {
                    const st_img_buf_t *o = &g2.img.tensor[g2.img.desc_layer[j] + 1];
                    st_sim_add_write_region(o->addr, 4u * o->words);
                }
                st_sim_clear_stats();
                st_acc_wr(ST_ACCEL_DESC_PTR_OFFSET, g.img.desc_addr);
                st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_START_Msk);
                if (st_acc_wait_done(2000000u, NULL) != 0) {
                    fail("first chain: no DONE");
                }
                st_acc_run_chain(g2.img.desc_addr, 0, 2000000u, &r);
                if (r.timed_out || r.err != 0u || r.perf_layers != g2.img.n_desc) {
                    fail("second chain started at DONE: timeout %d STATUS 0x%08x PERF_LAYERS %u", r.timed_out,
                         (unsigned)r.status, (unsigned)r.perf_layers);
                }
                compare_ram("two chains back to back", 0, 0);
                check_bus_clean("two chains back to back");
                st_acc_clear_irq();
            }
        }
    }
    end();

    begin("b2b-start-while-busy");
    {
        st_acc_run_t r;
        st_ref_result_t ref;
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 3u, ST_RAM_BASE + 0x100u, 200000u, 0) == 0) {
            uint32_t s;
            memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
            memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
            st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, g.img.n_desc + 1u, &ref);
            st_sim_set_waits(&k_no_waits);
            declare_outputs(&g, 0, g.img.n_desc);
            st_sim_clear_stats();
            st_acc_wr(ST_ACCEL_DESC_PTR_OFFSET, g.img.desc_addr);
            st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_START_Msk);
            st_sim_step(30);
            s = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
            if (!(s & ST_ACCEL_STATUS_BUSY_Msk) || (s & ST_ACCEL_STATUS_DONE_Msk)) {
                fail("30 cycles after START: STATUS 0x%08x, expected BUSY = 1 and DONE = 0", (unsigned)s);
            }
            st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_START_Msk); /* ignored while busy */
            if (st_acc_wait_done(4000000u, NULL) != 0) {
                fail("no DONE");
            }
            r.perf_layers = st_acc_rd(ST_ACCEL_PERF_LAYERS_OFFSET);
            r.status = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
            if (r.perf_layers != g.img.n_desc || (r.status & ST_ACCEL_STATUS_ERR_Msk)) {
                fail("STATUS 0x%08x PERF_LAYERS %u after a START while busy", (unsigned)r.status, (unsigned)r.perf_layers);
            }
            compare_ram("START while busy", 0, 0);
            check_bus_clean("START while busy");
            st_acc_clear_irq();
        }
    }
    end();
}

static void test_irq(st_rng_t *rng)
{
    static good_t g;
    st_acc_run_t r;
    begin("irq-w1c-and-enable");
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 1u, ST_RAM_BASE, 30000u, 0) == 0) {
        declare_outputs(&g, 0, g.img.n_desc);
        st_sim_set_waits(&k_no_waits);
        st_acc_clear_irq();
        st_acc_run_chain(g.img.desc_addr, 1, 2000000u, &r);
        st_sim_step(2);
        if (!(r.irq_status & 1u) || !st_sim_irq()) {
            fail("IRQ_EN = 1: IRQ_STATUS 0x%x irq %d after DONE, expected 1 / 1", (unsigned)r.irq_status, st_sim_irq());
        }
        st_acc_wr(ST_ACCEL_IRQ_STATUS_OFFSET, 0u);
        st_sim_step(2);
        if (!(st_acc_rd(ST_ACCEL_IRQ_STATUS_OFFSET) & 1u) || !st_sim_irq()) {
            fail("writing 0 to IRQ_STATUS cleared it (W1C: only 1 clears)");
        }
        st_acc_wr(ST_ACCEL_IRQ_STATUS_OFFSET, 1u);
        st_sim_step(2);
        if ((st_acc_rd(ST_ACCEL_IRQ_STATUS_OFFSET) & 1u) || st_sim_irq()) {
            fail("IRQ_STATUS.DONE or irq still set after writing 1 (W1C)");
        }
        if (!(st_acc_rd(ST_ACCEL_STATUS_OFFSET) & ST_ACCEL_STATUS_DONE_Msk)) {
            fail("clearing IRQ_STATUS also cleared STATUS.DONE");
        }
        /* IRQ_EN = 0: the status is set, the line stays low; enabling later raises it */
        st_acc_run_chain(g.img.desc_addr, 0, 2000000u, &r);
        st_sim_step(2);
        if (!(r.irq_status & 1u) || st_sim_irq()) {
            fail("IRQ_EN = 0: IRQ_STATUS 0x%x irq %d, expected 1 / 0", (unsigned)r.irq_status, st_sim_irq());
        }
        st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_IRQ_EN_Msk);
        st_sim_step(2);
        if (!st_sim_irq()) {
            fail("setting IRQ_EN with IRQ_STATUS.DONE pending did not raise irq (level-sensitive)");
        }
        if (st_acc_rd(ST_ACCEL_CTRL_OFFSET) != ST_ACCEL_CTRL_IRQ_EN_Msk) {
            fail("CTRL reads 0x%x, expected IRQ_EN only (START / SOFT_RESET self-clear)",
                 (unsigned)st_acc_rd(ST_ACCEL_CTRL_OFFSET));
        }
        st_acc_wr(ST_ACCEL_CTRL_OFFSET, 0u);
        st_sim_step(2);
        if (st_sim_irq()) {
            fail("clearing IRQ_EN did not drop irq");
        }
        st_acc_clear_irq();
    }
    end();
}

static void test_perf(st_rng_t *rng)
{
    static good_t g;
    begin("perf-counters");
    st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
    if (make_good(&g, st_rng_next(rng), 5u, ST_RAM_BASE + 0x100u, 100000u, 0) == 0) {
        st_acc_run_t r0, r1;
        st_ref_result_t ref;
        memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
        st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, g.img.n_desc + 1u, &ref);
        declare_outputs(&g, 0, g.img.n_desc);
        st_sim_set_waits(&k_no_waits);
        st_acc_run_chain(g.img.desc_addr, 0, 4000000u, &r0);
        st_acc_clear_irq();
        {
            st_sim_waits_t heavy = {60, 10, 2};
            st_sim_set_waits(&heavy);
        }
        st_acc_run_chain(g.img.desc_addr, 0, 40000000u, &r1);
        st_acc_clear_irq();
        printf("  perf: %u records, %llu bit-MACs; single-cycle RAM: PERF_BUSY %u PERF_STALL %u (%llu cycles seen); "
               "heavy waits: PERF_BUSY %u PERF_STALL %u\n",
               (unsigned)g.img.n_desc, (unsigned long long)ref.bitmacs, (unsigned)r0.perf_busy, (unsigned)r0.perf_stall,
               (unsigned long long)r0.cycles, (unsigned)r1.perf_busy, (unsigned)r1.perf_stall);
        if (r0.perf_layers != g.img.n_desc || r1.perf_layers != g.img.n_desc) {
            fail("PERF_LAYERS %u / %u, expected %u", (unsigned)r0.perf_layers, (unsigned)r1.perf_layers,
                 (unsigned)g.img.n_desc);
        }
        if (r0.perf_macs != (uint32_t)ref.perf_macs || r1.perf_macs != (uint32_t)ref.perf_macs) {
            fail("PERF_MACS %u / %u, expected %llu", (unsigned)r0.perf_macs, (unsigned)r1.perf_macs,
                 (unsigned long long)ref.perf_macs);
        }
        if (r0.perf_busy == 0u || r0.perf_busy > r0.cycles || r1.perf_busy <= r0.perf_busy) {
            fail("PERF_BUSY %u (of %llu cycles), with heavy waits %u: expected 0 < busy <= cycles, more with waits",
                 (unsigned)r0.perf_busy, (unsigned long long)r0.cycles, (unsigned)r1.perf_busy);
        }
        if (r1.perf_stall <= r0.perf_stall || r1.perf_stall > r1.perf_busy) {
            fail("PERF_STALL %u (no waits) vs %u (heavy waits, busy %u): expected more stalls with waits, <= busy",
                 (unsigned)r0.perf_stall, (unsigned)r1.perf_stall, (unsigned)r1.perf_busy);
        }
    }
    end();
}

/* ---- random malformed records ------------------------------------------------------------------------ */

static void mutate_random(st_rng_t *rng, st_desc_t *d)
{
    uint32_t n = 1u + st_rng_below(rng, 3u);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t f = st_rng_below(rng, 14u);
        uint32_t small = st_rng_below(rng, 4u);
        switch (f) {
        case 0: d->opcode = st_rng_below(rng, 5u); break;
        case 1: d->flags ^= 1u << (9u + st_rng_below(rng, 7u)); break;
        case 2: d->in_h = st_rng_pct(rng, 50u) ? small : d->in_h + small; break;
        case 3: d->in_c = st_rng_pct(rng, 30u) ? 1020u + small : (st_rng_pct(rng, 50u) ? small : d->in_c + 1u); break;
        case 4: d->out_h = d->out_h + small - 2u; break;
        case 5: d->out_c = st_rng_pct(rng, 50u) ? small : d->out_c + small; break;
        case 6: d->kh = small; break;
        case 7: d->stride = small; break;
        case 8: d->pad = st_rng_below(rng, 16u); break;
        case 9: d->in_bits = st_rng_below(rng, 18u); break;
        case 10: d->w_bits = st_rng_below(rng, 10u); break;
        case 11: d->out_bits = st_rng_below(rng, 18u); break;
        case 12: d->res_bits = st_rng_below(rng, 6u); break;
        default: {
            uint32_t *a[5] = {&d->in_addr, &d->out_addr, &d->w_addr, &d->p_addr, &d->res_addr};
            uint32_t *p = a[st_rng_below(rng, 5u)];
            uint32_t r = st_rng_below(rng, 4u);
            *p = r == 0u ? *p + 1u + st_rng_below(rng, 3u)
                 : r == 1u ? RAM_END - 4u * st_rng_below(rng, 8u)
                 : r == 2u ? *p + 4u * st_rng_below(rng, 64u)
                 : (uint32_t)st_rng_next(rng);
            break;
        }
        }
    }
}

static void test_fuzz(st_rng_t *rng, uint32_t count)
{
    static good_t g;
    uint32_t hist[16] = {0};
    begin("fuzz-malformed-records");
    for (uint32_t i = 0; i < count; i++) {
        st_desc_t d;
        st_ref_result_t ref;
        st_acc_run_t r;
        uint32_t out_lo = 0, out_words = 0;
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (make_good(&g, st_rng_next(rng), 1u, ST_RAM_BASE + 4u * st_rng_below(rng, 4096u), 20000u, 0) != 0) {
            break;
        }
        read_record(&g, 0, &d);
        mutate_random(rng, &d);
        d.flags |= ST_DESC_F_LAST;
        write_record(&g, 0, &d);
        memcpy(g_before, st_sim_ram(), ST_RAM_SIZE);
        memcpy(g_ref, st_sim_ram(), ST_RAM_SIZE);
        st_ref_run(g_ref, &g_info.hw, g.img.desc_addr, 1u, &ref);
        hist[ref.err & 15u]++;
        st_sim_clear_write_regions();
        if (ref.err == 0u) {
            out_lo = d.out_addr;
            out_words = st_desc_out_words(&d);
            st_sim_add_write_region(out_lo, 4u * out_words);
        }
        st_sim_set_waits(st_rng_pct(rng, 50u) ? &k_no_waits : &k_some_waits);
        st_sim_clear_stats();
        st_acc_run_chain(g.img.desc_addr, 0, st_acc_budget(ref.bitmacs + 100000u, 65536u, &g_info), &r);
        if (r.timed_out) {
            fail("record %u: no DONE (STATUS 0x%08x); reference verdict: error %u", (unsigned)i, (unsigned)r.status,
                 (unsigned)ref.err);
            st_acc_soft_reset(100000u);
            continue;
        }
        if (r.err != ref.err || (ref.err != 0u && r.err_desc != 0u)) {
            fail("record %u: STATUS.ERR %u ERR_DESC %u, the reference (docs/accelerator.md §2.5 order) says %u; "
                 "op %u flags 0x%x in %ux%ux%u out %ux%ux%u k %ux%u s %u p %u bits in %u w %u out %u res %u "
                 "addr in 0x%x out 0x%x w 0x%x p 0x%x res 0x%x",
                 (unsigned)i, (unsigned)r.err, (unsigned)r.err_desc, (unsigned)ref.err, (unsigned)d.opcode,
                 (unsigned)d.flags, (unsigned)d.in_h, (unsigned)d.in_w, (unsigned)d.in_c, (unsigned)d.out_h,
                 (unsigned)d.out_w, (unsigned)d.out_c, (unsigned)d.kh, (unsigned)d.kw, (unsigned)d.stride,
                 (unsigned)d.pad, (unsigned)d.in_bits, (unsigned)d.w_bits, (unsigned)d.out_bits, (unsigned)d.res_bits,
                 (unsigned)d.in_addr, (unsigned)d.out_addr, (unsigned)d.w_addr, (unsigned)d.p_addr,
                 (unsigned)d.res_addr);
        } else {
            /* a mutated record may read garbage (unsorted thresholds, set channel-padding bits) where
             * numerics.md defines no result: compare everything but its output buffer, and the bus checker
             * confines its writes to that buffer */
            char what[48];
            snprintf(what, sizeof what, "fuzz record %u", (unsigned)i);
            compare_ram(what, out_lo, out_lo + 4u * out_words);
            check_bus_clean(what);
        }
        st_acc_clear_irq();
    }
    printf("  fuzz verdicts: ");
    for (uint32_t e = 0; e < 16u; e++) {
        if (hist[e] != 0u) {
            printf("err %u x%u  ", (unsigned)e, (unsigned)hist[e]);
        }
    }
    printf("\n");
    end();
}

/* ---- BYTES zero-plane skip (docs/accelerator.md §5) ---------------------------------------------------- */

enum { PAT_ZERO, PAT_ONES, PAT_SMALL, PAT_CORNER };

typedef struct {
    const char *name;
    uint8_t dense, h, w, c, bits, bip, k, stride, pad, w_bits, out_bits;
    uint16_t out_c;
    uint8_t pat;
} skip_case_t;

/* Small pixel values, all-zero windows, a window whose only non-zero byte sits in a corner tap, KWORDS > 1
 * (5x5x3: 3 words; a 28x28x1 DENSE: 25 words, loaded tile by tile), several tiles per pixel (the later tiles
 * decide again), 1..8-bit codes, and bipolar BYTES, which must not skip. out_bits 0: the int32
 * accumulators themselves are the output, so a wrongly skipped pair shows. */
static const skip_case_t k_skip_cases[] = {
    {"bytes-skip-zero-28x28x1-w8", 0, 28, 28, 1, 8, 0, 3, 1, 1, 8, 0, 16, PAT_ZERO},
    {"bytes-skip-ones-12x12x3-w4", 0, 12, 12, 3, 8, 0, 3, 1, 1, 4, 2, 20, PAT_ONES},
    {"bytes-skip-small-16x16x3-w8", 0, 16, 16, 3, 8, 0, 3, 1, 1, 8, 0, 8, PAT_SMALL},
    {"bytes-skip-corner-10x10x3-w2", 0, 10, 10, 3, 8, 0, 3, 1, 1, 2, 0, 8, PAT_CORNER},
    {"bytes-skip-corner-9x9x1-w1-s2", 0, 9, 9, 1, 8, 0, 3, 2, 1, 1, 0, 12, PAT_CORNER},
    {"bytes-skip-kwords3-5x5x3-w8", 0, 12, 12, 3, 8, 0, 5, 1, 2, 8, 0, 12, PAT_SMALL},
    {"bytes-skip-kwords25-dense-28x28x1", 1, 28, 28, 1, 8, 0, 28, 1, 0, 8, 0, 10, PAT_SMALL},
    {"bytes-skip-ones-a3-w1", 0, 8, 8, 2, 3, 0, 3, 1, 1, 1, 0, 9, PAT_ONES},
    {"bytes-skip-zero-a5-w3", 0, 8, 8, 3, 5, 0, 3, 1, 0, 3, 1, 8, PAT_ZERO},
    {"bytes-noskip-bipolar-w1", 0, 8, 8, 3, 1, 1, 3, 1, 1, 1, 0, 8, PAT_ZERO},
    {"bytes-noskip-bipolar-w3", 0, 8, 8, 2, 1, 1, 3, 1, 1, 3, 0, 8, PAT_CORNER},
};

/* Input codes of a pattern: PAT_SMALL draws 0..3; PAT_CORNER is zero but for one byte in the first pixel
 * (the top plane set) and one in the last (plane 0), the top-left and bottom-right taps of windows that see
 * nothing else. */
static void skip_codes(st_rng_t *rng, const skip_case_t *sc, uint16_t *q)
{
    uint32_t n = (uint32_t)sc->h * sc->w * sc->c;
    for (uint32_t i = 0; i < n; i++) {
        q[i] = sc->pat == PAT_ONES ? 1u : sc->pat == PAT_SMALL ? (uint16_t)st_rng_below(rng, 4u) : 0u;
    }
    if (sc->pat == PAT_CORNER) {
        q[sc->c - 1u] = (uint16_t)(1u << (sc->bits - 1u));
        q[n - sc->c] = 1u;
    }
}

static void test_bytes_skip(st_rng_t *rng)
{
    static good_t g;
    static uint16_t codes[28u * 28u * 3u];
    for (uint32_t k = 0; k < sizeof k_skip_cases / sizeof k_skip_cases[0]; k++) {
        const skip_case_t *sc = &k_skip_cases[k];
        st_layer_t l;
        st_img_diag_t diag;
        st_img_status_t s;
        st_desc_t d;
        uint64_t useful, perf, want = 0;
        uint32_t n = sc->bip ? 2u : sc->bits, m = sc->w_bits;
        begin(sc->name);
        l = (st_layer_t){.type = sc->dense ? ST_LAYER_DENSE : ST_LAYER_CONV, .kh = sc->k, .kw = sc->k,
                         .stride = sc->stride, .pad = sc->pad, .w_bits = sc->w_bits, .out_bits = sc->out_bits,
                         .res_src = -1,
                         .in = {.h = sc->h, .w = sc->w, .c = sc->c, .bits = sc->bits, .bipolar = sc->bip},
                         .out = {.h = (uint16_t)((sc->h + 2u * sc->pad - sc->k) / sc->stride + 1u),
                                 .w = (uint16_t)((sc->w + 2u * sc->pad - sc->k) / sc->stride + 1u),
                                 .c = sc->out_c, .bits = (uint8_t)(sc->out_bits ? sc->out_bits : 32u),
                                 .is_int32 = (uint8_t)(sc->out_bits == 0u)}};
        skip_codes(rng, sc, codes);
        st_pool_reset(&g_pool);
        st_acc_fill_random(ST_RAM_BASE, ST_RAM_SIZE, st_rng_next(rng));
        if (st_rand_fixed_layer_codes(rng, &g_pool, &l, 1, codes, &g.net) != ST_OK) {
            fail("%s: test bug: the golden model refuses the layer", sc->name);
            end();
            continue;
        }
        s = build_image(&g, ST_RAM_BASE + 0x100u, 0, &diag);
        if (s == ST_IMG_ERR_WBUF || s == ST_IMG_ERR_PBUF || s == ST_IMG_ERR_XBUF) {
            /* a smaller array configuration (make test-rtl-configs) cannot hold this layer */
            printf("note %s: not reachable in this configuration (%s)\n", sc->name, diag.msg);
            continue;
        }
        if (s != ST_IMG_OK) {
            fail("%s: test bug: image: %s: %s", sc->name, st_img_status_str(s), diag.msg);
            end();
            continue;
        }
        /* what PERF_MACS must count, from the shape alone where the pattern fixes it: one pair (0, 0) per
         * pixel-tile for all-zero windows; when plane 0 is the only non-zero one, the first pair (0, m-1) and
         * every pair of a lower significance, i + j < m - 1: m (m - 1) / 2 + 1 of them (n >= m - 1 in these
         * cases); every pair for a bipolar input */
        read_record(&g, 0, &d);
        useful = st_ref_bitmacs(&d);
        perf = st_ref_perf_macs(&d, st_sim_ram() + (d.in_addr - ST_RAM_BASE));
        if (sc->bip) {
            want = useful;
        } else if (sc->pat == PAT_ZERO) {
            want = useful / ((uint64_t)n * m);
        } else if (sc->pat == PAT_ONES) {
            want = useful / ((uint64_t)n * m) * (m * (m - 1u) / 2u + 1u);
        }
        if ((want != 0u && perf != want) || (want == 0u && perf >= useful)) {
            fail("%s: st_ref_perf_macs %llu, expected %s%llu (useful %llu)", sc->name, (unsigned long long)perf,
                 want != 0u ? "" : "below ", (unsigned long long)(want != 0u ? want : useful),
                 (unsigned long long)useful);
        }
        /* the RTL: outputs vs golden, RAM vs the reference, PERF_MACS vs st_ref_perf_macs; with and without
         * wait states (the gather may lag the generator) */
        run_good(sc->name, &g, (k & 1u) ? &k_some_waits : &k_no_waits, 0);
        memcpy(st_sim_ram(), g_before, ST_RAM_SIZE);
        run_good(sc->name, &g, (k & 1u) ? &k_no_waits : &k_some_waits, 0);
        end();
    }
}

/* ---- main --------------------------------------------------------------------------------------------- */

static int want(int argc, char **argv, const char *group)
{
    const char *only = st_acc_arg_str(argc, argv, "only");
    return only == NULL || strstr(group, only) != NULL || strstr(only, group) != NULL;
}

int st_accel_directed(uint64_t seed, int argc, char **argv)
{
    st_rng_t rng;
    g_seed = seed;
    st_rng_seed(&rng, seed);
    g_pool_mem = (uint8_t *)malloc(POOL_BYTES);
    st_pool_init(&g_pool, g_pool_mem, POOL_BYTES);
    st_acc_probe(&g_info);
    printf("directed: PE %u SIMD %u WBUF %u PBUF %u words\n", (unsigned)g_info.caps.pe, (unsigned)g_info.caps.simd,
           (unsigned)g_info.caps.wbuf_words, (unsigned)g_info.caps.pbuf_words);
    if (want(argc, argv, "regs")) {
        test_regs();
    }
    if (want(argc, argv, "err-")) {
        test_errors(&rng);
    }
    if (want(argc, argv, "wide-origin")) {
        test_wide_origin(&rng);
    }
    if (want(argc, argv, "bus-err")) {
        test_bus_errors(&rng);
    }
    if (want(argc, argv, "abort")) {
        test_abort(&rng);
    }
    if (want(argc, argv, "b2b")) {
        test_b2b(&rng);
    }
    if (want(argc, argv, "irq")) {
        test_irq(&rng);
    }
    if (want(argc, argv, "perf")) {
        test_perf(&rng);
    }
    if (want(argc, argv, "bytes-")) {
        test_bytes_skip(&rng);
    }
    if (want(argc, argv, "fuzz")) {
        test_fuzz(&rng, (uint32_t)st_acc_arg(argc, argv, "fuzz", 150));
    }
    free(g_pool_mem);
    printf("accel-directed: %u passed, %u failed\n", (unsigned)g_pass, (unsigned)g_fail);
    return g_fail != 0u;
}
