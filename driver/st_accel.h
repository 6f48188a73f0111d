/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_accel.h
 * @brief The st-accel accelerator driver: probe, run a descriptor chain or one layer, wait (polling with a
 *        timeout, or interrupt), abort, performance counters, error names.
 *
 * Bare-metal C11 (the generated header uses _Static_assert) over the generated register header (st_regs.h) and the descriptor format (st_desc.h).
 * No heap and no global state: everything the driver knows lives in the st_accel_t handle the caller owns.
 * Every register access goes through st_mmio_read32() / st_mmio_write32() (st_mmio.h), so the same source
 * builds for the RISC-V firmware and, with -DST_HOST_SIM, for a host co-simulation against the Verilated
 * accelerator (or a register-level mock). The driver never touches RAM except the one record that
 * st_accel_start_layer() packs into a buffer the caller provides.
 *
 * Status codes: 0 is success; 1..255 are the hardware's own error codes (STATUS.ERR, the ACCEL ERR
 * enumeration ST_ACCEL_ERR_* of st_regs.h, e.g. 4 = BAD_ADDR), returned unchanged; 256 and up are the
 * driver's (ST_ACCEL_E_*). st_accel_err_str() names both. Documentation: docs/driver.md.
 */
#ifndef ST_ACCEL_H
#define ST_ACCEL_H

#include <stdint.h>

#include "st_desc.h"
#include "st_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

/** VERSION.MAJOR this driver speaks: the register map's reset value (a different major is rejected). */
#define ST_ACCEL_DRV_VERSION_MAJOR \
    ((ST_ACCEL_VERSION_RESET & ST_ACCEL_VERSION_MAJOR_Msk) >> ST_ACCEL_VERSION_MAJOR_Pos)
/** The ID register's value: ASCII 'STAC'. */
#define ST_ACCEL_DRV_ID ST_ACCEL_ID_RESET

/** Driver status: ST_ACCEL_OK, a hardware error code 1..255 (ST_ACCEL_ERR_*), or an ST_ACCEL_E_* code. */
typedef uint32_t st_accel_status_t;

#define ST_ACCEL_OK 0u               /**< success */
#define ST_ACCEL_HW_ERR_MAX 255u     /**< codes 1..255 are STATUS.ERR values (ST_ACCEL_ERR_* in st_regs.h) */
#define ST_ACCEL_E_ARG 256u          /**< NULL handle or pointer, misaligned address, descriptor misuse */
#define ST_ACCEL_E_NO_DEVICE 257u    /**< the ID register does not read 'STAC': no accelerator at that address */
#define ST_ACCEL_E_VERSION 258u      /**< VERSION.MAJOR is not ST_ACCEL_DRV_VERSION_MAJOR */
#define ST_ACCEL_E_CAPS 259u         /**< the hardware lacks a capability the caller needs (st_accel_t.caps_fail) */
#define ST_ACCEL_E_BUSY 260u         /**< a chain is still running (start refused) */
#define ST_ACCEL_E_TIMEOUT 261u      /**< wait: not done within the limit; the chain was aborted */
#define ST_ACCEL_E_IDLE 262u         /**< wait: nothing was started */
#define ST_ACCEL_E_RESET 263u        /**< soft reset: the accelerator did not return to idle within the limit */
#define ST_ACCEL_E_NO_IRQ 264u       /**< interrupt wait: the chain ended but the ISR hook never ran */
#define ST_ACCEL_E_LAST 264u         /**< the highest driver code */

/** A free-running time source for timeouts (e.g. the low 32 bits of the cycle counter); wraps modulo 2^32. */
typedef uint32_t (*st_accel_clock_t)(void);

/** Wait strategy of st_accel_wait(). */
typedef enum {
    ST_ACCEL_WAIT_POLL = 0, /**< read STATUS until DONE */
    ST_ACCEL_WAIT_IRQ = 1   /**< the chain runs with CTRL.IRQ_EN; wait until st_accel_isr() saw it end */
} st_accel_wait_mode_t;

/** Driver state in the handle. */
typedef enum {
    ST_ACCEL_STATE_IDLE = 0,   /**< nothing started, or the last chain was collected by st_accel_wait() */
    ST_ACCEL_STATE_RUNNING = 1 /**< a chain was started and not yet collected */
} st_accel_state_t;

/** The hardware capabilities an image or a program needs: raw CAPS0..3 values (st_accel_caps_check()). */
typedef struct {
    uint32_t caps0, caps1, caps2, caps3;
} st_accel_caps_t;

/** Performance counters of the last chain (PERF_* registers). */
typedef struct {
    uint32_t busy_cycles;  /**< cycles the accelerator was busy */
    uint32_t macs;         /**< bit-MACs (operand bit pairs) the array executed (PERF_MACS) */
    uint32_t stall_cycles; /**< cycles waiting on the memory bus */
    uint32_t layers;       /**< descriptors completed */
} st_accel_perf_t;

/** The handle: all the driver's state. Zero it or let st_accel_probe() fill it; do not share between
 *  threads of control except the irq_seen flag, which st_accel_isr() sets. */
typedef struct {
    uintptr_t base;              /**< register block address (ST_ACCEL_BASE on the SoC) */
    uint32_t version;            /**< VERSION read at probe */
    st_accel_caps_t caps;        /**< CAPS0..3 read at probe */
    st_accel_clock_t clock;      /**< time source of timeouts; NULL: limits count STATUS polls */
    st_accel_wait_mode_t mode;   /**< how st_accel_wait() waits (st_accel_set_mode()) */
    st_accel_state_t state;      /**< idle or running */
    volatile uint32_t irq_seen;  /**< set by st_accel_isr() when a chain ended (interrupt mode) */
    uint32_t last_status;        /**< STATUS when the last chain was collected */
    uint32_t err_desc;           /**< index of the descriptor that failed in the last chain (STATUS.ERR_DESC) */
    const char *caps_fail;       /**< after ST_ACCEL_E_CAPS: the field that failed, e.g. "CAPS0.WBITS" */
} st_accel_t;

/**
 * Find and check the accelerator, and bring it to a known idle state.
 *
 * Reads ID (must be 'STAC'), VERSION (major must be ST_ACCEL_DRV_VERSION_MAJOR) and CAPS0..3, checks them
 * against @p need with st_accel_caps_check(), clears CTRL.IRQ_EN and IRQ_STATUS, and aborts a chain a
 * previous program may have left running. The handle starts in polling mode without a clock.
 * @param h     the handle to fill
 * @param base  register block address (ST_ACCEL_BASE)
 * @param need  the capabilities the caller was built for (an image's st_accel_caps_t), or NULL for any
 * @return ST_ACCEL_OK, ST_ACCEL_E_ARG, _NO_DEVICE, _VERSION, _CAPS (h->caps_fail names the field) or _RESET
 */
st_accel_status_t st_accel_probe(st_accel_t *h, uintptr_t base, const st_accel_caps_t *need);

/**
 * Check capabilities against a requirement. The array geometry and buffer sizes must be equal (an image's
 * tiling depends on them: CAPS0.PE, CAPS0.SIMD, CAPS1.WBUF_WORDS, CAPS1.PBUF_WORDS); the bit-width masks
 * (CAPS0.ABITS, CAPS0.WBITS) and operation flags (CAPS2 bits 24..28) must include the required ones; the
 * widest-code fields (CAPS2.BYTES_BITS, PLANES_BITS, GSUM_BITS) and the first layer's window buffer
 * (CAPS3.BYTES_KWORDS) must be at least the required ones.
 * @param have    what the hardware offers
 * @param need    what is required
 * @param failed  optional: receives the name of the first failing field ("CAPS0.PE" ...) or NULL
 * @return ST_ACCEL_OK or ST_ACCEL_E_CAPS
 */
st_accel_status_t st_accel_caps_check(const st_accel_caps_t *have, const st_accel_caps_t *need,
                                      const char **failed);

/**
 * Choose how st_accel_wait() waits. In ST_ACCEL_WAIT_IRQ mode the firmware must call st_accel_isr() from
 * its external-interrupt handler and enable that interrupt; chains then start with CTRL.IRQ_EN set.
 * @param clock  time source for timeouts (e.g. a cycle counter), or NULL to count polls instead
 */
void st_accel_set_mode(st_accel_t *h, st_accel_wait_mode_t mode, st_accel_clock_t clock);

/**
 * Start the descriptor chain at @p desc_addr (the accelerator's bus address of the first record) and return
 * at once. Clears IRQ_STATUS.DONE first so that a stale completion is never mistaken for this chain's.
 * @return ST_ACCEL_OK, ST_ACCEL_E_ARG (NULL handle, address not word aligned) or ST_ACCEL_E_BUSY (a chain
 *         is running: STATUS.BUSY, or one started and not yet collected by st_accel_wait())
 */
st_accel_status_t st_accel_start(st_accel_t *h, uint32_t desc_addr);

/**
 * Pack one descriptor, with LAST set, into @p rec and start it as a chain of one layer.
 * @param d         the layer (st_desc.h); its flags' LAST bit is forced on
 * @param rec       ST_DESC_WORDS words of RAM the accelerator can read, as the CPU sees them
 * @param rec_addr  the accelerator's bus address of @p rec (on the SoC: (uint32_t)(uintptr_t)rec)
 * @return as st_accel_start()
 */
st_accel_status_t st_accel_start_layer(st_accel_t *h, const st_desc_t *d, uint32_t *rec, uint32_t rec_addr);

/**
 * Wait for the started chain to end, then collect its status.
 * Polling mode reads STATUS until DONE; interrupt mode waits for st_accel_isr()'s flag. @p limit bounds the
 * wait: clock ticks when a clock is set (st_accel_set_mode()), else STATUS polls (or flag checks). On a
 * timeout the chain is aborted by soft reset, so a late accelerator never writes RAM the caller has
 * moved on from; the call never blocks longer than @p limit plus the abort's own bounded wait.
 * @param limit  0 means "no limit" (not recommended)
 * @return ST_ACCEL_OK; the hardware's error code 1..255 (h->err_desc: the failing record); ST_ACCEL_E_IDLE
 *         (nothing started), ST_ACCEL_E_TIMEOUT, or ST_ACCEL_E_NO_IRQ (interrupt mode: the chain ended but
 *         the ISR hook never ran; the status is collected anyway)
 */
st_accel_status_t st_accel_wait(st_accel_t *h, uint32_t limit);

/** st_accel_start() then st_accel_wait(): run a whole network. @return as st_accel_wait() or _start() */
st_accel_status_t st_accel_run_chain(st_accel_t *h, uint32_t desc_addr, uint32_t limit);

/** st_accel_start_layer() then st_accel_wait(): run one layer. @return as st_accel_wait() or _start() */
st_accel_status_t st_accel_run_layer(st_accel_t *h, const st_desc_t *d, uint32_t *rec, uint32_t rec_addr,
                                     uint32_t limit);

/**
 * Interrupt hook: call it from the machine external-interrupt handler. If the accelerator's IRQ_STATUS.DONE
 * is set it acknowledges it (write 1 to clear, which drops the level-sensitive line) and sets h->irq_seen.
 * @return 1 if the interrupt was the accelerator's, 0 otherwise (another source: leave it to its handler)
 */
int st_accel_isr(st_accel_t *h);

/**
 * Abort any chain (CTRL.SOFT_RESET) and wait until STATUS.BUSY clears: the accelerator answers its
 * outstanding bus requests, then idles. The handle returns to ST_ACCEL_STATE_IDLE either way.
 * @param limit  clock ticks or polls, as in st_accel_wait() (0: no limit)
 * @return ST_ACCEL_OK or ST_ACCEL_E_RESET (still busy after the limit: the hardware is stuck)
 */
st_accel_status_t st_accel_abort(st_accel_t *h, uint32_t limit);

/** Read the performance counters of the last chain. @return ST_ACCEL_OK or ST_ACCEL_E_ARG */
st_accel_status_t st_accel_perf(const st_accel_t *h, st_accel_perf_t *p);

/** Read STATUS now (BUSY, DONE, ERR, ERR_DESC fields: ST_ACCEL_STATUS_*_Msk). */
uint32_t st_accel_status_reg(const st_accel_t *h);

/**
 * Add @p delta to every address field of a chain that was built for another base address (an image placed
 * where the linker put it). Walks records from @p chain until the one flagged LAST, at most @p max_records;
 * only the fields each opcode uses are changed (CONV: IN, OUT, W, P, and RES with ST_DESC_F_RES; MAXPOOL and
 * GSUM: IN, OUT). A record with another opcode stops the walk.
 * @param chain  the records, as the CPU sees them (writable)
 * @return the number of records relocated, 0 when no LAST record was found within max_records or a record
 *         has an unknown opcode (the records before it are relocated already)
 */
uint32_t st_accel_chain_relocate(uint32_t *chain, uint32_t max_records, uint32_t delta);

/**
 * Name of a status: "OK", a hardware code's name from the register map ("BAD_ADDR", "ABORTED" ...), or a
 * driver code's ("TIMEOUT", "NO_DEVICE" ...). Unknown codes give "UNKNOWN".
 */
const char *st_accel_err_str(st_accel_status_t s);

/** One-line description of a status (the register map's text for hardware codes). */
const char *st_accel_err_desc(st_accel_status_t s);

#ifdef __cplusplus
}
#endif

#endif /* ST_ACCEL_H */
