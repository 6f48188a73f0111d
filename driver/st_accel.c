/* SPDX-License-Identifier: Apache-2.0 */
/* st_accel.c - the st-accel accelerator driver (st_accel.h, docs/driver.md).
 *
 * Freestanding C99: no libc, no heap, no globals (the name tables are constant). All register traffic
 * goes through st_mmio.h, so -DST_HOST_SIM turns every access into a call of the co-simulation hooks. */
#include "st_accel.h"

#include <stddef.h>

#include "st_mmio.h"

/* ---- register access ------------------------------------------------------------------------------ */

static uint32_t rd(const st_accel_t *h, uint32_t off)
{
    return st_mmio_read32(h->base + off);
}

static void wr(const st_accel_t *h, uint32_t off, uint32_t v)
{
    st_mmio_write32(h->base + off, v);
}

static uint32_t fld(uint32_t v, uint32_t msk, uint32_t pos)
{
    return (v & msk) >> pos;
}

/* ---- timeouts ------------------------------------------------------------------------------------- */

/* A bounded wait: either clock ticks since `start` (modulo 2^32, so a wrapping counter is fine) or the
 * number of polls so far. limit 0 never expires. */
typedef struct {
    uint32_t start, polls, limit;
    st_accel_clock_t clock;
} bound_t;

static bound_t bound_begin(const st_accel_t *h, uint32_t limit)
{
    bound_t b;
    b.clock = h->clock;
    b.start = (b.clock != NULL) ? b.clock() : 0u;
    b.polls = 0u;
    b.limit = limit;
    return b;
}

static int bound_expired(bound_t *b)
{
    b->polls++;
    if (b->limit == 0u) {
        return 0;
    }
    if (b->clock != NULL) {
        return (uint32_t)(b->clock() - b->start) >= b->limit;
    }
    return b->polls >= b->limit;
}

/* ---- probe and capabilities ------------------------------------------------------------------------ */

st_accel_status_t st_accel_caps_check(const st_accel_caps_t *have, const st_accel_caps_t *need,
                                      const char **failed)
{
    /* geometry: equal; masks: superset; widest codes: at least */
    static const struct {
        uint8_t reg;  /* 0..3: CAPS0..3 */
        uint8_t rule; /* 0 equal, 1 superset of bits, 2 at least */
        uint32_t msk;
        uint32_t pos;
        const char *name;
    } rules[] = {
        {0u, 0u, ST_ACCEL_CAPS0_PE_Msk, ST_ACCEL_CAPS0_PE_Pos, "CAPS0.PE"},
        {0u, 0u, ST_ACCEL_CAPS0_SIMD_Msk, ST_ACCEL_CAPS0_SIMD_Pos, "CAPS0.SIMD"},
        {0u, 1u, ST_ACCEL_CAPS0_ABITS_Msk, ST_ACCEL_CAPS0_ABITS_Pos, "CAPS0.ABITS"},
        {0u, 1u, ST_ACCEL_CAPS0_WBITS_Msk, ST_ACCEL_CAPS0_WBITS_Pos, "CAPS0.WBITS"},
        {1u, 0u, ST_ACCEL_CAPS1_WBUF_WORDS_Msk, ST_ACCEL_CAPS1_WBUF_WORDS_Pos, "CAPS1.WBUF_WORDS"},
        {1u, 0u, ST_ACCEL_CAPS1_PBUF_WORDS_Msk, ST_ACCEL_CAPS1_PBUF_WORDS_Pos, "CAPS1.PBUF_WORDS"},
        {2u, 2u, ST_ACCEL_CAPS2_BYTES_BITS_Msk, ST_ACCEL_CAPS2_BYTES_BITS_Pos, "CAPS2.BYTES_BITS"},
        {2u, 2u, ST_ACCEL_CAPS2_PLANES_BITS_Msk, ST_ACCEL_CAPS2_PLANES_BITS_Pos, "CAPS2.PLANES_BITS"},
        {2u, 2u, ST_ACCEL_CAPS2_GSUM_BITS_Msk, ST_ACCEL_CAPS2_GSUM_BITS_Pos, "CAPS2.GSUM_BITS"},
        {2u, 1u, ST_ACCEL_CAPS2_MAXPOOL_Msk, ST_ACCEL_CAPS2_MAXPOOL_Pos, "CAPS2.MAXPOOL"},
        {2u, 1u, ST_ACCEL_CAPS2_GSUM_Msk, ST_ACCEL_CAPS2_GSUM_Pos, "CAPS2.GSUM"},
        {2u, 1u, ST_ACCEL_CAPS2_RES_Msk, ST_ACCEL_CAPS2_RES_Pos, "CAPS2.RES"},
        {2u, 1u, ST_ACCEL_CAPS2_W_SHARED_Msk, ST_ACCEL_CAPS2_W_SHARED_Pos, "CAPS2.W_SHARED"},
        {2u, 1u, ST_ACCEL_CAPS2_BIPOLAR_Msk, ST_ACCEL_CAPS2_BIPOLAR_Pos, "CAPS2.BIPOLAR"},
        {3u, 2u, ST_ACCEL_CAPS3_BYTES_KWORDS_Msk, ST_ACCEL_CAPS3_BYTES_KWORDS_Pos, "CAPS3.BYTES_KWORDS"},
    };
    uint32_t i;

    if (failed != NULL) {
        *failed = NULL;
    }
    if (have == NULL || need == NULL) {
        return ST_ACCEL_E_ARG;
    }
    for (i = 0u; i < sizeof rules / sizeof rules[0]; i++) {
        const uint32_t *hw = rules[i].reg == 0u ? &have->caps0 : rules[i].reg == 1u ? &have->caps1
                           : rules[i].reg == 2u ? &have->caps2 : &have->caps3;
        const uint32_t *nw = rules[i].reg == 0u ? &need->caps0 : rules[i].reg == 1u ? &need->caps1
                           : rules[i].reg == 2u ? &need->caps2 : &need->caps3;
        const uint32_t hv = *hw, nv = *nw;
        const uint32_t a = fld(hv, rules[i].msk, rules[i].pos);
        const uint32_t b = fld(nv, rules[i].msk, rules[i].pos);
        int ok;
        if (rules[i].rule == 0u) {
            ok = a == b;
        } else if (rules[i].rule == 1u) {
            ok = (a & b) == b;
        } else {
            ok = a >= b;
        }
        if (!ok) {
            if (failed != NULL) {
                *failed = rules[i].name;
            }
            return ST_ACCEL_E_CAPS;
        }
    }
    return ST_ACCEL_OK;
}

/* How long probe and a timed-out wait allow the abort: the accelerator only has to answer its outstanding
 * bus requests (a handful), so a few thousand polls is generous on any clock. */
#define ST_ACCEL_ABORT_POLLS 4096u

st_accel_status_t st_accel_probe(st_accel_t *h, uintptr_t base, const st_accel_caps_t *need)
{
    uint32_t id;

    if (h == NULL || (base & 3u) != 0u) {
        return ST_ACCEL_E_ARG;
    }
    h->base = base;
    h->version = 0u;
    h->caps.caps0 = h->caps.caps1 = h->caps.caps2 = h->caps.caps3 = 0u;
    h->clock = NULL;
    h->mode = ST_ACCEL_WAIT_POLL;
    h->state = ST_ACCEL_STATE_IDLE;
    h->irq_seen = 0u;
    h->last_status = 0u;
    h->err_desc = 0u;
    h->caps_fail = NULL;

    id = rd(h, ST_ACCEL_ID_OFFSET);
    if (id != ST_ACCEL_DRV_ID) {
        return ST_ACCEL_E_NO_DEVICE;
    }
    h->version = rd(h, ST_ACCEL_VERSION_OFFSET);
    if (fld(h->version, ST_ACCEL_VERSION_MAJOR_Msk, ST_ACCEL_VERSION_MAJOR_Pos) != ST_ACCEL_DRV_VERSION_MAJOR) {
        return ST_ACCEL_E_VERSION;
    }
    h->caps.caps0 = rd(h, ST_ACCEL_CAPS0_OFFSET);
    h->caps.caps1 = rd(h, ST_ACCEL_CAPS1_OFFSET);
    h->caps.caps2 = rd(h, ST_ACCEL_CAPS2_OFFSET);
    h->caps.caps3 = rd(h, ST_ACCEL_CAPS3_OFFSET);
    if (need != NULL && st_accel_caps_check(&h->caps, need, &h->caps_fail) != ST_ACCEL_OK) {
        return ST_ACCEL_E_CAPS;
    }
    /* A known state: no interrupt enabled, no stale completion, no chain left over from an earlier
     * program (a new owner starts here). */
    wr(h, ST_ACCEL_CTRL_OFFSET, 0u);
    if ((rd(h, ST_ACCEL_STATUS_OFFSET) & ST_ACCEL_STATUS_BUSY_Msk) != 0u) {
        st_accel_status_t s = st_accel_abort(h, ST_ACCEL_ABORT_POLLS);
        if (s != ST_ACCEL_OK) {
            return s;
        }
    }
    wr(h, ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
    return ST_ACCEL_OK;
}

void st_accel_set_mode(st_accel_t *h, st_accel_wait_mode_t mode, st_accel_clock_t clock)
{
    if (h != NULL) {
        h->mode = mode;
        h->clock = clock;
    }
}

/* ---- running ------------------------------------------------------------------------------------------ */

st_accel_status_t st_accel_start(st_accel_t *h, uint32_t desc_addr)
{
    uint32_t ctrl = ST_ACCEL_CTRL_START_Msk;

    if (h == NULL || (desc_addr & 3u) != 0u) {
        return ST_ACCEL_E_ARG;
    }
    if (h->state == ST_ACCEL_STATE_RUNNING ||
        (rd(h, ST_ACCEL_STATUS_OFFSET) & ST_ACCEL_STATUS_BUSY_Msk) != 0u) {
        return ST_ACCEL_E_BUSY;
    }
    /* Acknowledge a stale completion before starting, so that neither the flag nor the interrupt line can
     * stand for an earlier chain. */
    wr(h, ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
    h->irq_seen = 0u;
    h->last_status = 0u;
    h->err_desc = 0u;
    wr(h, ST_ACCEL_DESC_PTR_OFFSET, desc_addr);
    if (h->mode == ST_ACCEL_WAIT_IRQ) {
        ctrl |= ST_ACCEL_CTRL_IRQ_EN_Msk;
    }
    /* st_mmio_write32's compiler barrier orders the caller's descriptor and buffer stores before this. */
    wr(h, ST_ACCEL_CTRL_OFFSET, ctrl);
    h->state = ST_ACCEL_STATE_RUNNING;
    return ST_ACCEL_OK;
}

st_accel_status_t st_accel_start_layer(st_accel_t *h, const st_desc_t *d, uint32_t *rec, uint32_t rec_addr)
{
    st_desc_t one;

    if (h == NULL || d == NULL || rec == NULL) {
        return ST_ACCEL_E_ARG;
    }
    one = *d;
    one.flags |= ST_DESC_F_LAST;
    st_desc_pack(&one, rec);
    return st_accel_start(h, rec_addr);
}

/* The chain ended with STATUS value st: record it, acknowledge the completion, return its error code. */
static st_accel_status_t collect(st_accel_t *h, uint32_t st)
{
    h->last_status = st;
    h->err_desc = fld(st, ST_ACCEL_STATUS_ERR_DESC_Msk, ST_ACCEL_STATUS_ERR_DESC_Pos);
    wr(h, ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
    h->state = ST_ACCEL_STATE_IDLE;
    return fld(st, ST_ACCEL_STATUS_ERR_Msk, ST_ACCEL_STATUS_ERR_Pos);
}

static int ended(uint32_t st)
{
    return (st & (ST_ACCEL_STATUS_DONE_Msk | ST_ACCEL_STATUS_BUSY_Msk)) == ST_ACCEL_STATUS_DONE_Msk;
}

st_accel_status_t st_accel_wait(st_accel_t *h, uint32_t limit)
{
    bound_t b;
    uint32_t st;

    if (h == NULL) {
        return ST_ACCEL_E_ARG;
    }
    if (h->state != ST_ACCEL_STATE_RUNNING) {
        return ST_ACCEL_E_IDLE;
    }
    b = bound_begin(h, limit);
    for (;;) {
        if (h->mode == ST_ACCEL_WAIT_IRQ) {
            if (h->irq_seen != 0u) {
                st = rd(h, ST_ACCEL_STATUS_OFFSET);
                if (ended(st)) {
                    return collect(h, st);
                }
            }
        } else {
            st = rd(h, ST_ACCEL_STATUS_OFFSET);
            if (ended(st)) {
                return collect(h, st);
            }
        }
        if (bound_expired(&b)) {
            break;
        }
    }
    /* Out of time. If the chain did end and only the interrupt is missing, say so (a wiring or enable
     * problem, not a slow accelerator); otherwise stop the accelerator before giving up on it. */
    st = rd(h, ST_ACCEL_STATUS_OFFSET);
    if (h->mode == ST_ACCEL_WAIT_IRQ && ended(st)) {
        (void)collect(h, st);
        return ST_ACCEL_E_NO_IRQ;
    }
    (void)st_accel_abort(h, ST_ACCEL_ABORT_POLLS);
    return ST_ACCEL_E_TIMEOUT;
}

st_accel_status_t st_accel_run_chain(st_accel_t *h, uint32_t desc_addr, uint32_t limit)
{
    st_accel_status_t s = st_accel_start(h, desc_addr);
    return s != ST_ACCEL_OK ? s : st_accel_wait(h, limit);
}

st_accel_status_t st_accel_run_layer(st_accel_t *h, const st_desc_t *d, uint32_t *rec, uint32_t rec_addr,
                                     uint32_t limit)
{
    st_accel_status_t s = st_accel_start_layer(h, d, rec, rec_addr);
    return s != ST_ACCEL_OK ? s : st_accel_wait(h, limit);
}

int st_accel_isr(st_accel_t *h)
{
    if (h == NULL || (rd(h, ST_ACCEL_IRQ_STATUS_OFFSET) & ST_ACCEL_IRQ_STATUS_DONE_Msk) == 0u) {
        return 0;
    }
    /* The line is level-sensitive: clearing DONE drops it before mret re-enables interrupts. */
    wr(h, ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
    h->irq_seen = 1u;
    return 1;
}

st_accel_status_t st_accel_abort(st_accel_t *h, uint32_t limit)
{
    bound_t b;

    if (h == NULL) {
        return ST_ACCEL_E_ARG;
    }
    wr(h, ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_SOFT_RESET_Msk);
    h->state = ST_ACCEL_STATE_IDLE;
    b = bound_begin(h, limit);
    while ((rd(h, ST_ACCEL_STATUS_OFFSET) & ST_ACCEL_STATUS_BUSY_Msk) != 0u) {
        if (bound_expired(&b)) {
            return ST_ACCEL_E_RESET;
        }
    }
    h->last_status = rd(h, ST_ACCEL_STATUS_OFFSET);
    /* An aborted chain ends with ABORTED and DONE (and would raise the interrupt): acknowledge it. */
    wr(h, ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
    h->irq_seen = 0u;
    return ST_ACCEL_OK;
}

st_accel_status_t st_accel_perf(const st_accel_t *h, st_accel_perf_t *p)
{
    if (h == NULL || p == NULL) {
        return ST_ACCEL_E_ARG;
    }
    p->busy_cycles = rd(h, ST_ACCEL_PERF_BUSY_OFFSET);
    p->macs = rd(h, ST_ACCEL_PERF_MACS_OFFSET);
    p->stall_cycles = rd(h, ST_ACCEL_PERF_STALL_OFFSET);
    p->layers = rd(h, ST_ACCEL_PERF_LAYERS_OFFSET);
    return ST_ACCEL_OK;
}

uint32_t st_accel_status_reg(const st_accel_t *h)
{
    return h != NULL ? rd(h, ST_ACCEL_STATUS_OFFSET) : 0u;
}

/* ---- chains ---------------------------------------------------------------------------------------- */

uint32_t st_accel_chain_relocate(uint32_t *chain, uint32_t max_records, uint32_t delta)
{
    uint32_t i;

    if (chain == NULL) {
        return 0u;
    }
    for (i = 0u; i < max_records; i++) {
        uint32_t *r = chain + i * ST_DESC_WORDS;
        const uint32_t op = r[ST_DESC_OP];
        const uint32_t opc = (op & ST_DESC_OP_OPCODE_Msk) >> ST_DESC_OP_OPCODE_Pos;
        if (opc != ST_DESC_OPC_CONV && opc != ST_DESC_OPC_MAXPOOL && opc != ST_DESC_OPC_GSUM) {
            return 0u;
        }
        r[ST_DESC_IN_ADDR] += delta;
        r[ST_DESC_OUT_ADDR] += delta;
        if (opc == ST_DESC_OPC_CONV) {
            r[ST_DESC_W_ADDR] += delta;
            r[ST_DESC_P_ADDR] += delta;
            if ((op & ST_DESC_F_RES) != 0u) {
                r[ST_DESC_RES_ADDR] += delta;
            }
        }
        if ((op & ST_DESC_F_LAST) != 0u) {
            return i + 1u;
        }
    }
    return 0u;
}

/* ---- names ---------------------------------------------------------------------------------------------- */

/* Hardware codes: generated from rtl/regs/st_regs.def (ST_ACCEL_ERR_LIST), so they cannot drift. */
#define ST_ACCEL_HW_NAME(name, value, desc) \
    case value:                             \
        return #name;
#define ST_ACCEL_HW_DESC(name, value, desc) \
    case value:                             \
        return desc;

const char *st_accel_err_str(st_accel_status_t s)
{
    switch (s) {
    ST_ACCEL_ERR_LIST(ST_ACCEL_HW_NAME)
    case ST_ACCEL_E_ARG:
        return "ARG";
    case ST_ACCEL_E_NO_DEVICE:
        return "NO_DEVICE";
    case ST_ACCEL_E_VERSION:
        return "VERSION";
    case ST_ACCEL_E_CAPS:
        return "CAPS";
    case ST_ACCEL_E_BUSY:
        return "BUSY";
    case ST_ACCEL_E_TIMEOUT:
        return "TIMEOUT";
    case ST_ACCEL_E_IDLE:
        return "IDLE";
    case ST_ACCEL_E_RESET:
        return "RESET";
    case ST_ACCEL_E_NO_IRQ:
        return "NO_IRQ";
    default:
        return "UNKNOWN";
    }
}

const char *st_accel_err_desc(st_accel_status_t s)
{
    switch (s) {
    ST_ACCEL_ERR_LIST(ST_ACCEL_HW_DESC)
    case ST_ACCEL_E_ARG:
        return "Bad argument: NULL pointer or misaligned address";
    case ST_ACCEL_E_NO_DEVICE:
        return "No accelerator at this address (ID is not 'STAC')";
    case ST_ACCEL_E_VERSION:
        return "Accelerator major version differs from the driver's";
    case ST_ACCEL_E_CAPS:
        return "The accelerator lacks a capability the program was built for";
    case ST_ACCEL_E_BUSY:
        return "A chain is still running";
    case ST_ACCEL_E_TIMEOUT:
        return "The chain did not finish within the time limit (aborted)";
    case ST_ACCEL_E_IDLE:
        return "Nothing was started";
    case ST_ACCEL_E_RESET:
        return "Soft reset did not bring the accelerator back to idle";
    case ST_ACCEL_E_NO_IRQ:
        return "The chain ended but no interrupt reached the driver";
    default:
        return "Unknown status";
    }
}
