// SPDX-License-Identifier: Apache-2.0
// cop_sim.cpp - the Verilator harness around st_cop (cop_sim.h): clock and reset, a bus master with one
// request outstanding driven by the st_mmio.h host hooks and cop_sim_access(), a protocol monitor,
// optional FST tracing.
//
// One cycle (cycle()): with the clock low, present the request (or, on an idle bus, random junk with
// req_valid low), evaluate, sample req_ready and the registered response, then raise and lower the clock.
#include "cop_sim.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "Vst_cop.h"
#include "st_sim_harness.h"
#include "verilated.h"

// st_regs.h is C11 (_Static_assert on offsets); C++ spells it static_assert with the same arguments.
#define _Static_assert static_assert
extern "C" {
#include "st_mmio.h"
#include "st_regs.h"
}
#undef _Static_assert

#ifndef COP_BYTES_MAC
#define COP_BYTES_MAC 1 /* st_cop's default */
#endif
#ifndef COP_NUM_PE
#error "build with -DCOP_NUM_PE=<NumPe> -DCOP_WBUF_DEPTH=<WbufDepth> (the parameters given to Verilator)"
#endif

namespace {

uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

struct Harness {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vst_cop> top;
    st::Tracer trace;
    uint64_t rng = 0;
    uint64_t cycles = 0;
    uint64_t max_cycles = 0;
    uint32_t max_idle = 0;
    // the request presented in the next cycle
    bool valid = false;
    uint32_t addr = 0, wdata = 0, be = 0;
    bool we = false;
    // samples of the last cycle
    bool accepted = false, rsp = false, err = false;
    uint32_t rdata = 0;
    uint32_t outstanding = 0;  // accepted requests waiting for their responses
    bool last_err = false;
    uint32_t last_stall = 0;
    cop_sim_stats_t stats{};
};

Harness *g = nullptr;

[[noreturn]] void fatal(const char *msg, uint32_t addr, bool we)
{
    std::fprintf(stderr, "cop_sim: cycle %llu: %s (%s of 0x%08lx)\n", (unsigned long long)g->cycles, msg,
                 we ? "write" : "read", (unsigned long)addr);
    std::fflush(stdout);
    cop_sim_close();
    std::exit(3);
}

void dump()
{
    g->trace.dump(g->ctx->time());
}

void cycle()
{
    Vst_cop *t = g->top.get();
    if (g->valid) {
        t->req_valid_i = 1;
        t->req_addr_i = g->addr;
        t->req_we_i = g->we;
        t->req_be_i = g->be;
        t->req_wdata_i = g->wdata;
    } else {
        // an idle bus carries junk: the slave must look at nothing but req_valid
        uint64_t r = splitmix(&g->rng);
        t->req_valid_i = 0;
        t->req_addr_i = ST_COP_BASE | (uint32_t)(r & 0xFFFCu) | ((r >> 16) & 1u ? ST_COP_OP_OFFSET : 0u);
        t->req_we_i = (r >> 17) & 1u;
        t->req_be_i = (r >> 18) & 0xFu;
        t->req_wdata_i = (uint32_t)(r >> 32);
    }
    t->eval();
    g->accepted = g->valid && t->req_ready_o;
    g->rsp = t->rsp_valid_o;
    g->rdata = t->rsp_rdata_o;
    g->err = t->rsp_err_o;
    dump();
    g->ctx->timeInc(1);
    t->clk_i = 1;
    t->eval();
    dump();
    g->ctx->timeInc(1);
    t->clk_i = 0;
    t->eval();
    g->cycles++;
    if (g->rsp && g->outstanding == 0u) {
        fatal("response without an outstanding request (docs/bus.md rule 2)", g->addr, g->we);
    }
    if (g->max_cycles != 0 && g->cycles >= g->max_cycles) {
        std::fprintf(stderr, "cop_sim: cycle limit %llu reached (+timeout=): aborting\n",
                     (unsigned long long)g->max_cycles);
        std::fflush(stdout);
        cop_sim_close();
        std::exit(3);
    }
}

void check_addr(uint32_t addr, bool we)
{
    if (addr < ST_COP_BASE || addr - ST_COP_BASE >= ST_COP_SIZE || (addr & 3u) != 0u) {
        fatal("access outside the COP block or not word aligned (a driver / test bug)", addr, we);
    }
}

uint32_t access(uint32_t addr, bool we, uint32_t be, uint32_t wdata)
{
    if (g == nullptr) {
        std::fprintf(stderr, "cop_sim: register access before cop_sim_open()\n");
        std::exit(3);
    }
    check_addr(addr, we);
    uint32_t idle = g->max_idle ? (uint32_t)(splitmix(&g->rng) % (g->max_idle + 1u)) : 0u;
    for (uint32_t i = 0; i < idle; i++) {
        cycle();
    }
    g->stats.idle_cycles += idle;
    g->valid = true;
    g->addr = addr;
    g->we = we;
    g->be = be;
    g->wdata = wdata;
    uint64_t start = g->cycles;
    uint32_t stall = 0;
    for (;;) {
        cycle();
        if (g->accepted) {
            break;
        }
        stall++;
        if (stall > COP_SIM_TIMEOUT) {
            fatal("request not accepted (req_ready low) within COP_SIM_TIMEOUT cycles", addr, we);
        }
    }
    g->valid = false;
    if (g->rsp) {
        fatal("response in the cycle the request was accepted (docs/bus.md rule 2)", addr, we);
    }
    g->outstanding = 1;
    for (;;) {
        cycle();
        if (g->rsp) {
            break;
        }
        if (g->cycles - start > COP_SIM_TIMEOUT) {
            fatal("no response within COP_SIM_TIMEOUT cycles", addr, we);
        }
    }
    g->outstanding = 0;
    g->last_err = g->err;
    g->last_stall = stall;
    g->stats.stall_cycles += stall;
    g->stats.acc_stalls += stall != 0u;
    if (we) {
        g->stats.writes++;
    } else {
        g->stats.reads++;
    }
    g->stats.errs += g->err;
    return we ? 0u : g->rdata;
}

} // namespace

extern "C" {

void cop_sim_burst(const cop_sim_req_t *reqs, uint32_t n, uint32_t *rdata, uint8_t *err)
{
    uint32_t issued = 0, answered = 0, stall = 0;
    uint64_t start = g->cycles;
    for (uint32_t i = 0; i < n; i++) {
        check_addr(reqs[i].addr, reqs[i].we != 0u);
    }
    while (answered < n) {
        const uint32_t before = g->outstanding;
        if (issued < n) {
            g->valid = true;
            g->addr = reqs[issued].addr;
            g->we = reqs[issued].we != 0u;
            g->be = reqs[issued].be & 0xFu;
            g->wdata = reqs[issued].wdata;
        } else {
            g->valid = false;
        }
        cycle();
        if (g->rsp) {
            // a response in this cycle answers a request accepted in an earlier one
            if (before == 0u) {
                fatal("response in the cycle the request was accepted (docs/bus.md rule 2)", g->addr, g->we);
            }
            rdata[answered] = reqs[answered].we ? 0u : g->rdata;
            err[answered] = g->err ? 1u : 0u;
            g->stats.errs += g->err;
            answered++;
            g->outstanding--;
        }
        if (g->valid && g->accepted) {
            issued++;
            g->outstanding++;
            if (g->we) {
                g->stats.writes++;
            } else {
                g->stats.reads++;
            }
        } else if (g->valid) {
            g->stats.stall_cycles++;
            stall++;
        }
        if (g->cycles - start > COP_SIM_TIMEOUT * (uint64_t)(n + 1u)) {
            fatal("pipelined burst: a request not accepted or not answered in time", g->addr, g->we);
        }
    }
    g->valid = false;
    g->last_stall = stall;
    g->last_err = n != 0u && err[n - 1u];
}


uint32_t st_host_mmio_read32(uintptr_t addr)
{
    return access((uint32_t)addr, false, 0xFu, 0);
}

void st_host_mmio_write32(uintptr_t addr, uint32_t v)
{
    (void)access((uint32_t)addr, true, 0xFu, v);
}

uint32_t cop_sim_access(uint32_t addr, int we, uint32_t be, uint32_t wdata)
{
    return access(addr, we != 0, be & 0xFu, wdata);
}

int cop_sim_open(const cop_sim_cfg_t *cfg)
{
    if (g != nullptr) {
        return -1;
    }
    g = new Harness();
    g->rng = cfg->seed ^ 0xC0C0A5A5F00D1234ull;
    g->ctx.reset(new VerilatedContext);
    // power-on state of everything without a reset (the weight memories, the pipeline's data registers)
    // random, from the seed (built with --x-initial unique)
    g->ctx->randReset(2);
    g->ctx->randSeed((int)(splitmix(&g->rng) & 0x3FFFFFFF) + 1);
    g->top.reset(new Vst_cop(g->ctx.get(), "top"));
    g->max_cycles = cfg->max_cycles;
    g->trace.open(g->ctx.get(), g->top.get(), cfg->trace_file, "cop_sim");
    g->top->clk_i = 0;
    g->top->rst_ni = 1;
    g->top->eval();
    cop_sim_reset(4);
    return 0;
}

void cop_sim_close(void)
{
    if (g == nullptr) {
        return;
    }
    g->trace.close();
    g->top->final();
    delete g;
    g = nullptr;
}

uint32_t cop_sim_build_pe(void)
{
    return COP_NUM_PE;
}

uint32_t cop_sim_build_depth(void)
{
    return COP_WBUF_DEPTH;
}

uint32_t cop_sim_build_bytes(void)
{
    return COP_BYTES_MAC;
}

void cop_sim_set_idle(uint32_t max_idle)
{
    g->max_idle = max_idle;
}

uint32_t cop_sim_get_idle(void)
{
    return g->max_idle;
}

int cop_sim_last_err(void)
{
    return g->last_err ? 1 : 0;
}

uint32_t cop_sim_last_stall(void)
{
    return g->last_stall;
}

void cop_sim_step(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        cycle();
    }
}

uint64_t cop_sim_cycles(void)
{
    return g->cycles;
}

void cop_sim_reset(uint32_t n)
{
    g->valid = false;
    g->outstanding = 0;
    g->top->rst_ni = 0;
    g->top->eval();
    for (uint32_t i = 0; i < n; i++) {
        cycle();
    }
    g->top->rst_ni = 1;
    cycle();
}

void cop_sim_get_stats(cop_sim_stats_t *s)
{
    *s = g->stats;
}

void cop_sim_clear_stats(void)
{
    g->stats = cop_sim_stats_t{};
}

} // extern "C"
