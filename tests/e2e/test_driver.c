/* SPDX-License-Identifier: Apache-2.0 */
/* test_driver.c - unit tests of the driver (driver/st_accel.c) against a register-level mock of the
 * accelerator: probe mismatches, capability rules, running, every hardware error code, timeouts (an
 * accelerator that never finishes, one whose soft reset never completes), interrupt mode, one-layer runs,
 * chain relocation and the error names. Built with -DST_HOST_SIM: the driver's register accesses land in
 * the st_host_mmio_* hooks below. Ends with "driver: N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "st_accel.h"
#include "st_mmio.h"

/* ---- checks ------------------------------------------------------------------------------------------ */

static unsigned g_pass, g_fail;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            g_pass++;                                                                \
        } else {                                                                     \
            g_fail++;                                                                \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                            \
    } while (0)

#define CHECK_EQ(a, b)                                                                              \
    do {                                                                                            \
        unsigned long va_ = (unsigned long)(a), vb_ = (unsigned long)(b);                           \
        if (va_ == vb_) {                                                                           \
            g_pass++;                                                                               \
        } else {                                                                                    \
            g_fail++;                                                                               \
            printf("FAIL %s:%d: %s == %s: got %lu (0x%lx), expected %lu (0x%lx)\n", __FILE__, __LINE__, \
                   #a, #b, va_, va_, vb_, vb_);                                                     \
        }                                                                                           \
    } while (0)

/* ---- the mock ------------------------------------------------------------------------------------------ */

#define MOCK_BASE 0x10010000u
#define CAPS0_DEF 0xFF0F2008u /* WBITS 0xFF, ABITS 0x0F, SIMD 32, PE 8 */
#define CAPS1_DEF 0x01000800u /* PBUF 256, WBUF 2048 */
#define CAPS2_DEF 0x1F101008u /* every op, GSUM 16, PLANES 16, BYTES 8 */
#define CAPS3_DEF 0x0000001Cu /* BYTES window up to 28 weight words */

typedef struct {
    uint32_t id, version, caps0, caps1, caps2, caps3;
    uint32_t ctrl_irq_en, busy, done, err, err_desc, desc_ptr, irq_st;
    uint32_t perf[4];
    /* behaviour */
    uint32_t run_polls;    /* STATUS reads while busy before the chain ends */
    int never_finish;      /* the chain never ends */
    int reset_stuck;       /* SOFT_RESET does not clear BUSY */
    uint32_t end_err, end_desc;
    /* observation */
    uint32_t polls_left;
    uint32_t starts, soft_resets, status_reads, bad_accesses;
    uint32_t last_start_desc, last_start_ctrl;
    uint32_t order_ok; /* DESC_PTR was written before the last START */
    int desc_written;
} mock_t;

static mock_t g_m;

static void mock_reset(void)
{
    memset(&g_m, 0, sizeof g_m);
    g_m.id = ST_ACCEL_ID_RESET;
    g_m.version = ST_ACCEL_VERSION_RESET;
    g_m.caps0 = CAPS0_DEF;
    g_m.caps1 = CAPS1_DEF;
    g_m.caps2 = CAPS2_DEF;
    g_m.caps3 = CAPS3_DEF;
    g_m.run_polls = 3;
}

static void mock_end(uint32_t err, uint32_t desc)
{
    g_m.busy = 0;
    g_m.done = 1;
    g_m.err = err;
    g_m.err_desc = desc;
    g_m.irq_st = 1;
}

static int mock_irq_line(void)
{
    return g_m.ctrl_irq_en && g_m.irq_st;
}

uint32_t st_host_mmio_read32(uintptr_t addr)
{
    if (addr < MOCK_BASE || addr >= MOCK_BASE + 0x1000u || (addr & 3u) != 0u) {
        g_m.bad_accesses++;
        return 0xDEADBEEFu;
    }
    switch ((uint32_t)(addr - MOCK_BASE)) {
    case ST_ACCEL_ID_OFFSET:
        return g_m.id;
    case ST_ACCEL_VERSION_OFFSET:
        return g_m.version;
    case ST_ACCEL_CAPS0_OFFSET:
        return g_m.caps0;
    case ST_ACCEL_CAPS1_OFFSET:
        return g_m.caps1;
    case ST_ACCEL_CAPS2_OFFSET:
        return g_m.caps2;
    case ST_ACCEL_CAPS3_OFFSET:
        return g_m.caps3;
    case ST_ACCEL_CTRL_OFFSET:
        return g_m.ctrl_irq_en ? ST_ACCEL_CTRL_IRQ_EN_Msk : 0u;
    case ST_ACCEL_STATUS_OFFSET:
        g_m.status_reads++;
        if (g_m.busy && !g_m.never_finish) {
            if (g_m.polls_left == 0u) {
                mock_end(g_m.end_err, g_m.end_desc);
            } else {
                g_m.polls_left--;
            }
        }
        return (g_m.busy ? ST_ACCEL_STATUS_BUSY_Msk : 0u) | (g_m.done ? ST_ACCEL_STATUS_DONE_Msk : 0u) |
               (g_m.err << ST_ACCEL_STATUS_ERR_Pos) | (g_m.err_desc << ST_ACCEL_STATUS_ERR_DESC_Pos);
    case ST_ACCEL_DESC_PTR_OFFSET:
        return g_m.desc_ptr;
    case ST_ACCEL_IRQ_STATUS_OFFSET:
        return g_m.irq_st;
    case ST_ACCEL_PERF_BUSY_OFFSET:
        return g_m.perf[0];
    case ST_ACCEL_PERF_MACS_OFFSET:
        return g_m.perf[1];
    case ST_ACCEL_PERF_STALL_OFFSET:
        return g_m.perf[2];
    case ST_ACCEL_PERF_LAYERS_OFFSET:
        return g_m.perf[3];
    default:
        g_m.bad_accesses++;
        return 0u;
    }
}

void st_host_mmio_write32(uintptr_t addr, uint32_t v)
{
    if (addr < MOCK_BASE || addr >= MOCK_BASE + 0x1000u || (addr & 3u) != 0u) {
        g_m.bad_accesses++;
        return;
    }
    switch ((uint32_t)(addr - MOCK_BASE)) {
    case ST_ACCEL_CTRL_OFFSET:
        g_m.ctrl_irq_en = (v & ST_ACCEL_CTRL_IRQ_EN_Msk) != 0u;
        if (v & ST_ACCEL_CTRL_SOFT_RESET_Msk) {
            g_m.soft_resets++;
            if (g_m.busy && !g_m.reset_stuck) {
                mock_end(ST_ACCEL_ERR_ABORTED, 0);
            }
        } else if ((v & ST_ACCEL_CTRL_START_Msk) && !g_m.busy) {
            g_m.starts++;
            g_m.last_start_desc = g_m.desc_ptr;
            g_m.last_start_ctrl = v;
            g_m.order_ok = g_m.desc_written;
            g_m.desc_written = 0;
            g_m.busy = 1;
            g_m.done = 0;
            g_m.err = 0;
            g_m.err_desc = 0;
            g_m.polls_left = g_m.run_polls;
            g_m.perf[0] = 1234;
            g_m.perf[1] = 99999;
            g_m.perf[2] = 17;
            g_m.perf[3] = 5;
        }
        break;
    case ST_ACCEL_DESC_PTR_OFFSET:
        g_m.desc_ptr = v;
        g_m.desc_written = 1;
        break;
    case ST_ACCEL_IRQ_STATUS_OFFSET:
        if (v & ST_ACCEL_IRQ_STATUS_DONE_Msk) {
            g_m.irq_st = 0;
        }
        break;
    default:
        g_m.bad_accesses++; /* a write to a read-only register */
        break;
    }
}

/* A clock for the driver's timeouts; in interrupt tests it also plays the CPU taking the interrupt. */
static uint32_t g_now, g_tick;
static st_accel_t *g_isr_handle;
static uint32_t g_isr_calls;

static uint32_t mock_clock(void)
{
    g_now += g_tick;
    if (g_isr_handle != NULL) {
        /* the chain makes progress in time even though nobody reads STATUS */
        if (g_m.busy && !g_m.never_finish) {
            if (g_m.polls_left == 0u) {
                mock_end(g_m.end_err, g_m.end_desc);
            } else {
                g_m.polls_left--;
            }
        }
        if (mock_irq_line()) {
            g_isr_calls++;
            (void)st_accel_isr(g_isr_handle);
        }
    }
    return g_now;
}

/* ---- tests ------------------------------------------------------------------------------------------------- */

static const st_accel_caps_t k_need = {CAPS0_DEF, CAPS1_DEF, CAPS2_DEF, CAPS3_DEF};

static void test_probe(void)
{
    st_accel_t h;
    st_accel_caps_t need;
    const char *f = NULL;

    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    CHECK_EQ(h.caps.caps0, CAPS0_DEF);
    CHECK_EQ(h.caps.caps1, CAPS1_DEF);
    CHECK_EQ(h.caps.caps2, CAPS2_DEF);
    CHECK_EQ(h.caps.caps3, CAPS3_DEF);
    CHECK_EQ(h.version, ST_ACCEL_VERSION_RESET);
    CHECK_EQ(h.state, ST_ACCEL_STATE_IDLE);
    CHECK_EQ(g_m.soft_resets, 0u); /* idle hardware is not reset */
    CHECK_EQ(g_m.bad_accesses, 0u);
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_OK);
    CHECK_EQ(st_accel_probe(NULL, MOCK_BASE, NULL), ST_ACCEL_E_ARG);
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE + 2u, NULL), ST_ACCEL_E_ARG);

    /* no device */
    mock_reset();
    g_m.id = 0u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_E_NO_DEVICE);
    /* major version: another major fails, a newer minor or patch is fine */
    mock_reset();
    g_m.version = ST_ACCEL_VERSION_RESET + (1u << ST_ACCEL_VERSION_MAJOR_Pos);
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_E_VERSION);
    mock_reset();
    g_m.version = ST_ACCEL_VERSION_RESET + (3u << ST_ACCEL_VERSION_MINOR_Pos) + 7u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_OK);

    /* capabilities: geometry must be equal */
    mock_reset();
    g_m.caps0 = (CAPS0_DEF & ~ST_ACCEL_CAPS0_PE_Msk) | 16u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_E_CAPS);
    CHECK(h.caps_fail != NULL && strcmp(h.caps_fail, "CAPS0.PE") == 0);
    mock_reset();
    g_m.caps1 = CAPS1_DEF + 1u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_E_CAPS);
    CHECK(h.caps_fail != NULL && strcmp(h.caps_fail, "CAPS1.WBUF_WORDS") == 0);
    /* masks must include what is needed: hardware without 3-bit outputs */
    mock_reset();
    g_m.caps0 = CAPS0_DEF & ~(4u << ST_ACCEL_CAPS0_ABITS_Pos);
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_E_CAPS);
    CHECK(h.caps_fail != NULL && strcmp(h.caps_fail, "CAPS0.ABITS") == 0);
    /* ... but a requirement that does not need 3-bit outputs runs there */
    need = k_need;
    need.caps0 &= ~(4u << ST_ACCEL_CAPS0_ABITS_Pos);
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &need), ST_ACCEL_OK);
    /* widest codes: at least */
    mock_reset();
    g_m.caps2 = (CAPS2_DEF & ~ST_ACCEL_CAPS2_BYTES_BITS_Msk) | 4u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_E_CAPS);
    CHECK(h.caps_fail != NULL && strcmp(h.caps_fail, "CAPS2.BYTES_BITS") == 0);
    need = k_need;
    need.caps2 = (CAPS2_DEF & ~ST_ACCEL_CAPS2_BYTES_BITS_Msk) | 4u;
    CHECK_EQ(st_accel_caps_check(&need, &k_need, &f), ST_ACCEL_E_CAPS);
    CHECK_EQ(st_accel_caps_check(&k_need, &need, &f), ST_ACCEL_OK);
    CHECK(f == NULL);
    /* the first layer's window buffer: at least */
    mock_reset();
    g_m.caps3 = CAPS3_DEF - 1u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_E_CAPS);
    CHECK(h.caps_fail != NULL && strcmp(h.caps_fail, "CAPS3.BYTES_KWORDS") == 0);
    g_m.caps3 = CAPS3_DEF + 5u;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    /* operation flags */
    need = k_need;
    need.caps2 &= ~ST_ACCEL_CAPS2_RES_Msk;
    CHECK_EQ(st_accel_caps_check(&need, &k_need, &f), ST_ACCEL_E_CAPS);
    CHECK(f != NULL && strcmp(f, "CAPS2.RES") == 0);
    CHECK_EQ(st_accel_caps_check(NULL, &k_need, &f), ST_ACCEL_E_ARG);

    /* a chain left running by an earlier program is aborted by probe */
    mock_reset();
    g_m.busy = 1;
    g_m.never_finish = 1;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_OK);
    CHECK_EQ(g_m.soft_resets, 1u);
    CHECK_EQ(g_m.busy, 0u);
    CHECK_EQ(g_m.irq_st, 0u); /* the abort's completion is acknowledged */
    /* ... and one that cannot be stopped makes probe fail instead of hanging */
    mock_reset();
    g_m.busy = 1;
    g_m.never_finish = 1;
    g_m.reset_stuck = 1;
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_E_RESET);
}

static void test_run(void)
{
    st_accel_t h;
    st_accel_perf_t p;
    uint32_t code;

    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 100u), ST_ACCEL_OK);
    CHECK_EQ(g_m.starts, 1u);
    CHECK_EQ(g_m.last_start_desc, 0x1000u);
    CHECK_EQ(g_m.order_ok, 1u);
    CHECK_EQ(g_m.last_start_ctrl & ST_ACCEL_CTRL_IRQ_EN_Msk, 0u); /* polling mode: no interrupt */
    CHECK_EQ(g_m.irq_st, 0u);                                     /* completion acknowledged */
    CHECK_EQ(h.state, ST_ACCEL_STATE_IDLE);
    CHECK_EQ(st_accel_perf(&h, &p), ST_ACCEL_OK);
    CHECK_EQ(p.busy_cycles, 1234u);
    CHECK_EQ(p.macs, 99999u);
    CHECK_EQ(p.stall_cycles, 17u);
    CHECK_EQ(p.layers, 5u);
    CHECK_EQ(st_accel_perf(&h, NULL), ST_ACCEL_E_ARG);

    /* argument and state errors */
    CHECK_EQ(st_accel_start(&h, 0x1002u), ST_ACCEL_E_ARG);
    CHECK_EQ(st_accel_start(NULL, 0x1000u), ST_ACCEL_E_ARG);
    CHECK_EQ(st_accel_wait(&h, 10u), ST_ACCEL_E_IDLE);
    CHECK_EQ(st_accel_start(&h, 0x1000u), ST_ACCEL_OK);
    CHECK_EQ(st_accel_start(&h, 0x2000u), ST_ACCEL_E_BUSY);
    CHECK_EQ(g_m.starts, 2u);
    CHECK_EQ(st_accel_wait(&h, 100u), ST_ACCEL_OK);
    /* hardware busy although the handle thinks it idle (someone else started it): refused */
    g_m.busy = 1;
    g_m.polls_left = 100;
    CHECK_EQ(st_accel_start(&h, 0x1000u), ST_ACCEL_E_BUSY);
    g_m.busy = 0;

    /* every hardware error code comes back unchanged, with the failing descriptor */
    for (code = 1u; code <= 10u; code++) {
        g_m.end_err = code;
        g_m.end_desc = code + 2u;
        CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 100u), code);
        CHECK_EQ(h.err_desc, code + 2u);
        CHECK_EQ((h.last_status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos, code);
    }
    g_m.end_err = 0;
    g_m.end_desc = 0;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 100u), ST_ACCEL_OK);
    CHECK_EQ(h.err_desc, 0u);
    CHECK_EQ(g_m.bad_accesses, 0u);
}

static void test_timeout(void)
{
    st_accel_t h;
    uint32_t reads;

    /* an accelerator that never finishes: the wait gives up after the limit, and aborts the chain */
    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    g_m.never_finish = 1;
    reads = g_m.status_reads;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 50u), ST_ACCEL_E_TIMEOUT);
    CHECK(g_m.status_reads - reads <= 50u + 8u); /* bounded: the limit plus the abort's reads */
    CHECK_EQ(g_m.soft_resets, 1u);
    CHECK_EQ(g_m.busy, 0u);
    CHECK_EQ(h.state, ST_ACCEL_STATE_IDLE);
    /* the accelerator works again afterwards */
    g_m.never_finish = 0;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 50u), ST_ACCEL_OK);

    /* with a clock, the limit is in ticks: 7 ticks per poll, 700 ticks -> about 100 polls */
    g_m.never_finish = 1;
    g_now = 0xFFFFFF00u; /* the counter wraps during the wait */
    g_tick = 7u;
    st_accel_set_mode(&h, ST_ACCEL_WAIT_POLL, mock_clock);
    reads = g_m.status_reads;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 700u), ST_ACCEL_E_TIMEOUT);
    CHECK(g_m.status_reads - reads >= 95u && g_m.status_reads - reads <= 110u);
    /* a slow but finishing chain within the limit is fine */
    g_m.never_finish = 0;
    g_m.run_polls = 80;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 700u), ST_ACCEL_OK);

    /* never finishes and the soft reset does not help either: still no hang */
    g_m.never_finish = 1;
    g_m.reset_stuck = 1;
    CHECK_EQ(st_accel_run_chain(&h, 0x1000u, 100u), ST_ACCEL_E_TIMEOUT);
    CHECK_EQ(st_accel_abort(&h, 100u), ST_ACCEL_E_RESET);
    CHECK_EQ(h.state, ST_ACCEL_STATE_IDLE);
    CHECK_EQ(st_accel_abort(NULL, 1u), ST_ACCEL_E_ARG);
    /* abort of a running chain that does stop */
    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, NULL), ST_ACCEL_OK);
    g_m.never_finish = 1;
    CHECK_EQ(st_accel_start(&h, 0x40u), ST_ACCEL_OK);
    CHECK_EQ(st_accel_abort(&h, 10u), ST_ACCEL_OK);
    CHECK_EQ((h.last_status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos, ST_ACCEL_ERR_ABORTED);
    CHECK_EQ(st_accel_wait(&h, 10u), ST_ACCEL_E_IDLE);
}

static void test_irq(void)
{
    st_accel_t h;
    uint32_t reads;

    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    g_now = 0;
    g_tick = 1;
    g_isr_handle = &h;
    g_isr_calls = 0;
    st_accel_set_mode(&h, ST_ACCEL_WAIT_IRQ, mock_clock);
    g_m.run_polls = 20;
    reads = g_m.status_reads;
    CHECK_EQ(st_accel_run_chain(&h, 0x800u, 1000u), ST_ACCEL_OK);
    CHECK(g_m.last_start_ctrl & ST_ACCEL_CTRL_IRQ_EN_Msk);
    CHECK_EQ(g_isr_calls, 1u);            /* the line dropped after the ISR acknowledged it */
    CHECK(g_m.status_reads - reads <= 3u); /* interrupt mode does not poll STATUS */
    CHECK_EQ(g_m.irq_st, 0u);
    /* a hardware error arrives by interrupt too */
    g_m.end_err = ST_ACCEL_ERR_BAD_DIM;
    g_m.end_desc = 1;
    CHECK_EQ(st_accel_run_chain(&h, 0x800u, 1000u), ST_ACCEL_ERR_BAD_DIM);
    CHECK_EQ(h.err_desc, 1u);
    /* the ISR hook ignores interrupts that are not the accelerator's */
    CHECK_EQ(st_accel_isr(&h), 0);
    CHECK_EQ(st_accel_isr(NULL), 0);
    /* interrupt mode, but the ISR is not hooked up: the driver says so instead of hanging */
    g_isr_handle = NULL;
    g_m.end_err = 0;
    g_m.run_polls = 0;
    CHECK_EQ(st_accel_start(&h, 0x800u), ST_ACCEL_OK);
    (void)st_accel_status_reg(&h); /* the chain ends (mock: on a STATUS read) */
    CHECK_EQ(st_accel_wait(&h, 50u), ST_ACCEL_E_NO_IRQ);
    CHECK_EQ(h.state, ST_ACCEL_STATE_IDLE);
    /* interrupt mode and a chain that never ends: timeout */
    g_m.never_finish = 1;
    CHECK_EQ(st_accel_run_chain(&h, 0x800u, 50u), ST_ACCEL_E_TIMEOUT);
    CHECK_EQ(g_m.busy, 0u);
}

static void test_layer(void)
{
    st_accel_t h;
    st_desc_t d;
    uint32_t rec[ST_DESC_WORDS];

    mock_reset();
    CHECK_EQ(st_accel_probe(&h, MOCK_BASE, &k_need), ST_ACCEL_OK);
    memset(&d, 0, sizeof d);
    d.opcode = ST_DESC_OPC_MAXPOOL;
    d.in_h = d.in_w = 8;
    d.in_c = d.out_c = 16;
    d.out_h = d.out_w = 4;
    d.kh = d.kw = 2;
    d.stride = 2;
    d.in_bits = d.out_bits = 3;
    d.in_addr = 0x100u;
    d.out_addr = 0x400u;
    memset(rec, 0xA5, sizeof rec);
    CHECK_EQ(st_accel_run_layer(&h, &d, rec, 0x2000u, 100u), ST_ACCEL_OK);
    CHECK_EQ(g_m.last_start_desc, 0x2000u);
    CHECK_EQ(rec[ST_DESC_OP], ST_DESC_OPC_MAXPOOL | ST_DESC_F_LAST);
    CHECK_EQ(rec[ST_DESC_IN_ADDR], 0x100u);
    CHECK_EQ(rec[ST_DESC_OUT_ADDR], 0x400u);
    CHECK_EQ(rec[ST_DESC_RES_ADDR], 0u);
    CHECK_EQ(rec[15], 0u); /* reserved words written 0 */
    CHECK_EQ(d.flags, 0u);   /* the caller's descriptor is not modified */
    CHECK_EQ(st_accel_run_layer(&h, NULL, rec, 0x2000u, 100u), ST_ACCEL_E_ARG);
}

/* st_desc_unpack() inverts st_desc_pack() on every field at its full width (distinct values per field so
 * that two swapped or shifted fields cannot pass); reserved bits do not leak into any field. */
static void test_desc_roundtrip(void)
{
    st_desc_t d, u;
    uint32_t w[ST_DESC_WORDS];

    d.opcode = ST_DESC_OPC_MAXPOOL;
    d.flags = ST_DESC_F_ALL;
    d.in_h = 0xFFFFu;
    d.in_w = 0x8001u;
    d.in_c = 0x1234u;
    d.out_c = 0xFEDCu;
    d.out_h = 0x0102u;
    d.out_w = 0x7F03u;
    d.kh = 0x0404u;
    d.kw = 0x0505u;
    d.stride = 15u;
    d.pad = 9u;
    d.in_bits = 31u;
    d.w_bits = 14u;
    d.res_bits = 13u;
    d.out_bits = 17u;
    d.in_addr = 0x00012340u;
    d.out_addr = 0xFFFFFFFCu;
    d.w_addr = 0x00000004u;
    d.p_addr = 0x0001FFF0u;
    d.res_addr = 0x80000000u;
    st_desc_pack(&d, w);
    memset(&u, 0xA5, sizeof u);
    st_desc_unpack(w, &u);
    CHECK(memcmp(&u, &d, sizeof d) == 0);
    /* reserved GEOM bits are dropped */
    w[ST_DESC_GEOM] |= ST_DESC_GEOM_RSVD_Msk;
    st_desc_unpack(w, &u);
    CHECK(memcmp(&u, &d, sizeof d) == 0);
}

static void test_relocate(void)
{
    uint32_t chain[4 * ST_DESC_WORDS];
    st_desc_t d;

    memset(&d, 0, sizeof d);
    d.opcode = ST_DESC_OPC_CONV;
    d.flags = ST_DESC_F_RES;
    d.in_addr = 0x10u;
    d.out_addr = 0x20u;
    d.w_addr = 0x30u;
    d.p_addr = 0x40u;
    d.res_addr = 0x50u;
    st_desc_pack(&d, chain);
    d.flags = 0u; /* no residual: RES_ADDR must stay untouched */
    st_desc_pack(&d, chain + ST_DESC_WORDS);
    d.opcode = ST_DESC_OPC_GSUM;
    d.w_addr = d.p_addr = d.res_addr = 0u;
    st_desc_pack(&d, chain + 2 * ST_DESC_WORDS);
    d.opcode = ST_DESC_OPC_MAXPOOL;
    d.flags = ST_DESC_F_LAST;
    st_desc_pack(&d, chain + 3 * ST_DESC_WORDS);
    chain[ST_DESC_WORDS + ST_DESC_RES_ADDR] = 0x77u;

    CHECK_EQ(st_accel_chain_relocate(chain, 8u, 0x10000u), 4u);
    CHECK_EQ(chain[ST_DESC_IN_ADDR], 0x10010u);
    CHECK_EQ(chain[ST_DESC_OUT_ADDR], 0x10020u);
    CHECK_EQ(chain[ST_DESC_W_ADDR], 0x10030u);
    CHECK_EQ(chain[ST_DESC_P_ADDR], 0x10040u);
    CHECK_EQ(chain[ST_DESC_RES_ADDR], 0x10050u);
    CHECK_EQ(chain[ST_DESC_WORDS + ST_DESC_RES_ADDR], 0x77u);
    CHECK_EQ(chain[2 * ST_DESC_WORDS + ST_DESC_IN_ADDR], 0x10010u);
    CHECK_EQ(chain[2 * ST_DESC_WORDS + ST_DESC_W_ADDR], 0u); /* GSUM: weights unused, untouched */
    CHECK_EQ(chain[3 * ST_DESC_WORDS + ST_DESC_OUT_ADDR], 0x10020u);
    CHECK_EQ(chain[3 * ST_DESC_WORDS + ST_DESC_P_ADDR], 0u);
    /* no LAST within the limit, an unknown opcode, NULL */
    CHECK_EQ(st_accel_chain_relocate(chain, 3u, 4u), 0u);
    chain[ST_DESC_OP] = 7u;
    CHECK_EQ(st_accel_chain_relocate(chain, 8u, 4u), 0u);
    CHECK_EQ(st_accel_chain_relocate(NULL, 8u, 4u), 0u);
}

/* The hardware names come from the register map's list; compare with an independent table of the
 * documented codes (docs/registers.md) so that a renumbering in st_regs.def is noticed here too. */
#define LIST_NAME(name, value, desc) {value, #name, desc},
static const struct {
    uint32_t v;
    const char *name, *desc;
} k_list[] = {ST_ACCEL_ERR_LIST(LIST_NAME)};

static void test_names(void)
{
    static const char *const documented[] = {"NONE", "BAD_OPCODE", "BAD_BITS", "BAD_DIM", "BAD_ADDR", "MISALIGNED",
                                             "BUF_SMALL", "BAD_FLAGS", "OVERLAP", "BUS", "ABORTED"};
    const uint32_t codes[] = {0, 1, 2, 3, 4, 5, 6, 9, 10, 7, 8};
    uint32_t i, j;

    for (i = 0; i < sizeof k_list / sizeof k_list[0]; i++) {
        CHECK(strcmp(st_accel_err_str(k_list[i].v), k_list[i].name) == 0);
        CHECK(strcmp(st_accel_err_desc(k_list[i].v), k_list[i].desc) == 0);
    }
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(strcmp(st_accel_err_str(codes[i]), documented[i]) == 0);
    }
    CHECK_EQ(ST_ACCEL_ERR_BAD_ADDR, 4u);
    /* driver codes: named, distinct, above the hardware range */
    for (i = ST_ACCEL_E_ARG; i <= ST_ACCEL_E_LAST; i++) {
        CHECK(i > ST_ACCEL_HW_ERR_MAX);
        CHECK(strcmp(st_accel_err_str(i), "UNKNOWN") != 0);
        CHECK(strcmp(st_accel_err_desc(i), "Unknown status") != 0);
        for (j = ST_ACCEL_E_ARG; j < i; j++) {
            CHECK(strcmp(st_accel_err_str(i), st_accel_err_str(j)) != 0);
        }
    }
    CHECK(strcmp(st_accel_err_str(ST_ACCEL_E_TIMEOUT), "TIMEOUT") == 0);
    CHECK(strcmp(st_accel_err_str(200u), "UNKNOWN") == 0);
    CHECK(strcmp(st_accel_err_str(ST_ACCEL_E_LAST + 1u), "UNKNOWN") == 0);
}

int main(void)
{
    test_probe();
    test_run();
    test_timeout();
    test_irq();
    test_layer();
    test_relocate();
    test_desc_roundtrip();
    test_names();
    printf("driver: %u passed, %u failed\n", g_pass, g_fail);
    return g_fail == 0 ? 0 : 1;
}
