/* SPDX-License-Identifier: Apache-2.0 */
/* accel_sim.h - C interface of the Verilator accelerator testbench (sim/accel/accel_sim.cpp).
 *
 * The test programs (tests/accel/) are C: they see the accelerator only through its registers, via the
 * driver's accessors in driver/st_mmio.h (built with -DST_HOST_SIM, whose hooks this harness implements by
 * driving the Verilated slave port), and the RAM through st_sim_ram(). Everything else here configures the
 * RAM model (wait states, write checker, error window) and reads its counters. */
#ifndef ACCEL_SIM_H
#define ACCEL_SIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** RAM wait-state profile (see st_ram_model.h). All zero: single-cycle RAM. */
typedef struct {
    uint32_t stall_pct;       /**< chance in percent that req_ready is low in a cycle */
    uint32_t max_latency;     /**< extra response latency 0..max_latency cycles */
    uint32_t max_outstanding; /**< accepted, unanswered requests the RAM holds; 0 = no limit */
} st_sim_waits_t;

/** RAM model counters since st_sim_clear_stats(). */
typedef struct {
    uint64_t reads, writes;     /**< accepted requests on the master port */
    uint64_t stall_cycles;      /**< cycles the master waited on req_ready */
    uint64_t bad_writes;        /**< writes outside every declared output buffer (must stay 0) */
    uint32_t first_bad_write;   /**< address of the first */
    uint64_t outside_ram;       /**< requests outside RAM (answered with rsp_err) */
    uint64_t err_window;        /**< requests that hit the injected error window */
    uint64_t protocol_errors;   /**< bus-rule violations by the master (must stay 0) */
    uint64_t partial_writes;    /**< writes with byte enables other than 0xF */
    uint64_t mmio_cycles;       /**< cycles spent in register accesses */
    char first_protocol_error[160];
} st_sim_stats_t;

/** Testbench-wide options, from the command line (+seed=, +trace, +timeout=). */
typedef struct {
    uint64_t seed;            /**< the RAM model's wait states derive from it */
    const char *trace_file;   /**< FST file to write, or NULL (no tracing) */
    uint64_t max_cycles;      /**< hard cycle limit of the whole run (0 = none): the harness aborts */
} st_sim_cfg_t;

/** Build the model, apply reset. Returns 0 on success. */
int st_sim_open(const st_sim_cfg_t *cfg);
/** Finish tracing, free the model. */
void st_sim_close(void);

/** Host view of the 128 KiB RAM at ST_RAM_BASE (byte i = bus address ST_RAM_BASE + i). */
uint8_t *st_sim_ram(void);
/** Read / write a RAM word directly (host side, no bus cycles). */
uint32_t st_sim_ram_read32(uint32_t addr);
void st_sim_ram_write32(uint32_t addr, uint32_t v);

void st_sim_set_waits(const st_sim_waits_t *w);
/** Reseed the RAM model's wait-state generator. */
void st_sim_seed_waits(uint64_t seed);
/** Forget the declared output buffers; then declare each one. */
void st_sim_clear_write_regions(void);
void st_sim_add_write_region(uint32_t addr, uint32_t bytes);
/** Make accesses to [addr, addr + bytes) answer rsp_err (bytes 0 = none). */
void st_sim_set_error_window(uint32_t addr, uint32_t bytes);

/** Advance n clock cycles (the register port idle). */
void st_sim_step(uint32_t n);
/** Cycles since st_sim_open(). */
uint64_t st_sim_cycles(void);
/** The accelerator's interrupt line, as sampled in the last cycle. */
int st_sim_irq(void);
/** Hold rst_ni low for n cycles (full hardware reset; the RAM model drops outstanding responses). */
void st_sim_hw_reset(uint32_t n);

void st_sim_get_stats(st_sim_stats_t *s);
void st_sim_clear_stats(void);

/** rsp_err of the last register access (st_mmio_read32 / st_mmio_write32). */
int st_sim_last_mmio_err(void);

/** Master-port requests accepted but not yet answered (0 when the accelerator is quiet). */
uint32_t st_sim_outstanding(void);

#ifdef __cplusplus
}
#endif

#endif /* ACCEL_SIM_H */
