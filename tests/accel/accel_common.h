/* SPDX-License-Identifier: Apache-2.0 */
/* accel_common.h - what the accelerator test programs share: register access through driver/st_mmio.h
 * (the only way they touch the accelerator), chain start / wait / counters, the RAM helpers and the
 * per-item seed derivation. */
#ifndef ACCEL_COMMON_H
#define ACCEL_COMMON_H

#include <stdint.h>

#include "accel_sim.h"
#include "st_desc_ref.h"
#include "st_image.h"
#include "st_mmio.h"
#include "st_regs.h"

/** Bus address of an accelerator register. */
#define ST_ACC_REG(off) ((uintptr_t)(ST_ACCEL_BASE + (off)))

static inline uint32_t st_acc_rd(uint32_t off)
{
    return st_mmio_read32(ST_ACC_REG(off));
}

static inline void st_acc_wr(uint32_t off, uint32_t v)
{
    st_mmio_write32(ST_ACC_REG(off), v);
}

/** Identification and capabilities as read from the registers. */
typedef struct {
    uint32_t id, version, caps0, caps1, caps2, caps3;
    st_img_caps_t caps; /**< decoded, for the image builder */
    st_ref_hw_t hw;     /**< the same numbers for the descriptor reference */
} st_acc_info_t;

/** Read ID, VERSION, CAPS0..3 and decode them. */
void st_acc_probe(st_acc_info_t *info);

/** What one chain run returned. */
typedef struct {
    int timed_out;       /**< DONE not seen within the cycle budget */
    uint32_t status;     /**< STATUS after the chain */
    uint32_t err, err_desc;
    uint32_t irq_status; /**< IRQ_STATUS after the chain */
    int irq_line;        /**< irq_o after the chain */
    uint32_t perf_busy, perf_macs, perf_stall, perf_layers;
    uint64_t cycles;     /**< testbench cycles from the START write to DONE observed */
} st_acc_run_t;

/**
 * Point DESC_PTR at a chain, start it (CTRL.IRQ_EN as given), poll STATUS until DONE with BUSY clear or
 * max_cycles pass, and read STATUS, IRQ_STATUS, the irq line and the counters.
 */
void st_acc_run_chain(uint32_t desc_ptr, int irq_en, uint64_t max_cycles, st_acc_run_t *r);

/** Cycles without any master-port transfer while BUSY after which a chain counts as hung. */
#define ST_ACC_STALL_LIMIT 50000u

/** Poll STATUS until DONE = 1 and BUSY = 0; returns 0 on success, -1 after max_cycles or when the master
 *  port has been silent for ST_ACC_STALL_LIMIT cycles. */
int st_acc_wait_done(uint64_t max_cycles, uint64_t *cycles);

/** Clear IRQ_STATUS.DONE (W1C). */
void st_acc_clear_irq(void);

/** CTRL.SOFT_RESET, then wait until BUSY clears (returns 0) or max_cycles pass (-1). */
int st_acc_soft_reset(uint64_t max_cycles);

/** Cycle budget for a chain that should need about `work` cycles: generous, so only a hang trips it. */
uint64_t st_acc_budget(uint64_t bitmacs, uint32_t words, const st_acc_info_t *info);

/** Derive the seed of item k of a run from the run's seed (so ONLY=k reproduces one item alone). */
uint64_t st_acc_item_seed(uint64_t seed, uint32_t k);

/** Fill RAM [addr, addr + bytes) with random words from seed. */
void st_acc_fill_random(uint32_t addr, uint32_t bytes, uint64_t seed);

/** Parse "name=value" from argv; returns def when absent. */
uint64_t st_acc_arg(int argc, char **argv, const char *name, uint64_t def);
/** The string value of "name=value", or NULL. */
const char *st_acc_arg_str(int argc, char **argv, const char *name);

#endif /* ACCEL_COMMON_H */
