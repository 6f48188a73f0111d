/* SPDX-License-Identifier: Apache-2.0 */
/* cop_sim.h - C interface of the Verilator testbench of the coprocessor (tests/cop/cop_sim.cpp).
 *
 * The test programs (cop_sweep.c, cop_directed.c) are C. They reach st_cop only through its bus slave
 * port: the driver through st_mmio.h built with -DST_HOST_SIM (whose hooks st_host_mmio_read32 / write32
 * the harness implements with all four byte enables), the directed tests also through cop_sim_access()
 * (any byte enables). The harness is a master with one request outstanding, like the core's data port
 * (docs/cpu.md §1): it waits a seeded random number of idle cycles, presents the request and holds it until
 * req_ready, then waits for the response. An access that is not accepted or not answered within
 * COP_SIM_TIMEOUT cycles, a response nobody asked for, a response in the acceptance cycle, or an address
 * outside the COP block aborts the run (exit code 3) with a message that says which. */
#ifndef COP_SIM_H
#define COP_SIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define COP_SIM_TIMEOUT 10000u /* cycles one register access may take */

/** Testbench-wide options, from the command line (+seed=, +trace, +timeout=). */
typedef struct {
    uint64_t seed;           /**< idle cycles, junk on an idle bus and the power-on state derive from it */
    const char *trace_file;  /**< FST file to write, or NULL */
    uint64_t max_cycles;     /**< hard limit of the whole run (0 = none) */
} cop_sim_cfg_t;

/** Bus counters since cop_sim_open() or cop_sim_clear_stats(). */
typedef struct {
    uint64_t reads, writes;   /**< accepted requests */
    uint64_t errs;            /**< responses with rsp_err */
    uint64_t idle_cycles;     /**< cycles with no request presented (the random gaps) */
    uint64_t stall_cycles;    /**< cycles a presented request waited on req_ready */
    uint64_t acc_stalls;      /**< accesses that waited at least one cycle */
} cop_sim_stats_t;

/** Build the model (power-on state random), apply reset. Returns 0 on success. */
int cop_sim_open(const cop_sim_cfg_t *cfg);
void cop_sim_close(void);

/** The parameters this testbench was built with (NumPe, WbufDepth, BytesMac). */
uint32_t cop_sim_build_pe(void);
uint32_t cop_sim_build_depth(void);
uint32_t cop_sim_build_bytes(void);

/** Idle cycles before each request: uniform in 0 .. max_idle (0: back to back, a request in the cycle
 *  after the previous response). */
void cop_sim_set_idle(uint32_t max_idle);
uint32_t cop_sim_get_idle(void);

/**
 * One bus access with any byte enables.
 * @param addr   SoC byte address (inside ST_COP_BASE .. + ST_COP_SIZE)
 * @param we     1 write, 0 read
 * @param be     byte enables (bit i = lane i)
 * @return read data (0 for writes); rsp_err through cop_sim_last_err()
 */
uint32_t cop_sim_access(uint32_t addr, int we, uint32_t be, uint32_t wdata);
/** One request of a pipelined burst. */
typedef struct {
    uint32_t addr;  /**< SoC byte address in the COP block */
    uint32_t we;    /**< 1 write, 0 read */
    uint32_t be;    /**< byte enables */
    uint32_t wdata;
} cop_sim_req_t;

/**
 * A master with several requests outstanding (docs/bus.md rule 3; the core's data port has only one):
 * request i + 1 is presented in the cycle after request i was accepted, without waiting for responses;
 * the responses are collected in order. Returns when every response is in.
 * @param rdata  n words of read data (0 for writes)
 * @param err    n rsp_err bits
 */
void cop_sim_burst(const cop_sim_req_t *reqs, uint32_t n, uint32_t *rdata, uint8_t *err);

/** rsp_err of the last access (cop_sim_access or the st_mmio.h hooks). */
int cop_sim_last_err(void);
/** Cycles the last access's request waited on req_ready. */
uint32_t cop_sim_last_stall(void);

/** n clock cycles with the bus idle. */
void cop_sim_step(uint32_t n);
/** Cycles since cop_sim_open(). */
uint64_t cop_sim_cycles(void);
/** Hold rst_ni low for n cycles. */
void cop_sim_reset(uint32_t n);

void cop_sim_get_stats(cop_sim_stats_t *s);
void cop_sim_clear_stats(void);

#ifdef __cplusplus
}
#endif

#endif /* COP_SIM_H */
