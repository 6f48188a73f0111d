/* SPDX-License-Identifier: Apache-2.0 */
/* st_mmio.h - the one pair of register accessors (Linux readl/writel discipline) for every driver.
 *
 * All register traffic of st-accel software goes through st_mmio_read32() / st_mmio_write32(), so the
 * same driver source runs on the RISC-V core and on the host against a Verilated model:
 *
 *  - target build (default): a volatile 32-bit load / store at the byte address. The "memory" clobbers
 *    keep the compiler from moving ordinary RAM accesses (descriptors, buffers the accelerator reads)
 *    across a register access: a write to CTRL.START must come after the descriptor stores. The core is
 *    in-order with a single bus, so no fence instruction is needed.
 *  - host build (-DST_HOST_SIM): the accessors call st_host_mmio_read32() / st_host_mmio_write32(),
 *    which the co-simulation harness implements (sim/accel/ drives the Verilated slave port and advances
 *    the clock until the response). The address is the same SoC byte address as on the target.
 *
 * Addresses must be word aligned; the accessors do not check (a misaligned access is a driver bug).
 */
#ifndef ST_MMIO_H
#define ST_MMIO_H

#include <stdint.h>

#ifdef ST_HOST_SIM

#ifdef __cplusplus
extern "C" {
#endif
/** Host co-simulation hook: one 32-bit bus read of the SoC byte address addr. */
uint32_t st_host_mmio_read32(uintptr_t addr);
/** Host co-simulation hook: one 32-bit bus write (all four byte enables) of v to addr. */
void st_host_mmio_write32(uintptr_t addr, uint32_t v);
#ifdef __cplusplus
}
#endif

/**
 * Read a 32-bit device register.
 * @param addr  SoC byte address (word aligned)
 * @return the register value
 */
static inline uint32_t st_mmio_read32(uintptr_t addr)
{
    return st_host_mmio_read32(addr);
}

/**
 * Write a 32-bit device register.
 * @param addr  SoC byte address (word aligned)
 * @param v     value to write
 */
static inline void st_mmio_write32(uintptr_t addr, uint32_t v)
{
    st_host_mmio_write32(addr, v);
}

/**
 * st_mmio_write32() without the compiler barrier (Linux writel_relaxed): ordered against the other
 * register accesses, not against ordinary RAM accesses. For a stream of stores to a device that does not
 * read RAM (the coprocessor's operation window), where the barrier would make the compiler reload every
 * value it keeps in memory after each store.
 */
static inline void st_mmio_write32_relaxed(uintptr_t addr, uint32_t v)
{
    st_host_mmio_write32(addr, v);
}

#else /* target */

static inline uint32_t st_mmio_read32(uintptr_t addr)
{
    uint32_t v;
    __asm__ volatile("" ::: "memory");
    v = *(volatile const uint32_t *)addr;
    __asm__ volatile("" ::: "memory");
    return v;
}

static inline void st_mmio_write32(uintptr_t addr, uint32_t v)
{
    __asm__ volatile("" ::: "memory");
    *(volatile uint32_t *)addr = v;
    __asm__ volatile("" ::: "memory");
}

static inline void st_mmio_write32_relaxed(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

#endif /* ST_HOST_SIM */

#endif /* ST_MMIO_H */
