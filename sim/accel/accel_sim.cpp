// SPDX-License-Identifier: Apache-2.0
// accel_sim.cpp - the Verilator harness around st_accel_top: clock and reset, the RAM model on the
// master port, the register port driven by the st_mmio.h host hooks, optional FST tracing.
//
// One cycle (cycle()): with the clock low, present the RAM's response and the register-port request,
// evaluate, let the RAM decide req_ready for the master's request, evaluate again, sample every handshake,
// then raise and lower the clock. The model is touched only around clock edges.
#include "accel_sim.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vst_accel_top.h"
#include "st_ram_model.h"
#include "st_sim_harness.h"
#include "verilated.h"

// st_regs.h is C11 (_Static_assert on offsets); C++ spells it static_assert with the same arguments.
#define _Static_assert static_assert
extern "C" {
#include "st_mmio.h"
#include "st_regs.h"
}
#undef _Static_assert

// Port names of st_accel_top (docs/bus.md signals with the port prefix and the _i / _o suffix).
#define DUT_CLK clk_i
#define DUT_RSTN rst_ni
#define DUT_IRQ irq_o
#define S_IN(sig) s_##sig##_i
#define S_OUT(sig) s_##sig##_o
#define M_IN(sig) m_##sig##_i
#define M_OUT(sig) m_##sig##_o

namespace {

constexpr uint32_t kMmioTimeout = 10000; // cycles a register access may take before the run is aborted

struct Harness {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vst_accel_top> top;
    st::Tracer trace;
    st::RamModel ram{ST_RAM_BASE, ST_RAM_SIZE};
    uint64_t cycles = 0;
    uint64_t max_cycles = 0;
    uint64_t mmio_cycles = 0;
    bool irq = false;
    // register-port request for the next cycle
    bool s_valid = false;
    uint32_t s_addr = 0;
    bool s_we = false;
    uint32_t s_wdata = 0;
    // register-port samples of the last cycle
    bool s_accepted = false;
    bool s_rsp = false;
    uint32_t s_rdata = 0;
    bool s_err = false;
    bool last_mmio_err = false;
};

Harness *g = nullptr;

void dump()
{
    g->trace.dump(g->ctx->time());
}

void cycle()
{
    Vst_accel_top *t = g->top.get();
    g->ram.begin_cycle();
    st::BusRsp rsp = g->ram.response();
    t->M_IN(rsp_valid) = rsp.valid;
    t->M_IN(rsp_rdata) = rsp.rdata;
    t->M_IN(rsp_err) = rsp.err;
    t->S_IN(req_valid) = g->s_valid;
    t->S_IN(req_addr) = g->s_addr;
    t->S_IN(req_we) = g->s_we;
    t->S_IN(req_be) = 0xF;
    t->S_IN(req_wdata) = g->s_wdata;
    t->M_IN(req_ready) = 0;
    t->eval();
    bool ready = g->ram.ready();
    t->M_IN(req_ready) = ready;
    t->eval();
    st::BusReq req;
    req.valid = t->M_OUT(req_valid);
    req.addr = t->M_OUT(req_addr);
    req.we = t->M_OUT(req_we);
    req.be = t->M_OUT(req_be);
    req.wdata = t->M_OUT(req_wdata);
    g->ram.edge(req, ready, rsp);
    g->s_accepted = g->s_valid && t->S_OUT(req_ready);
    g->s_rsp = t->S_OUT(rsp_valid);
    g->s_rdata = t->S_OUT(rsp_rdata);
    g->s_err = t->S_OUT(rsp_err);
    g->irq = t->DUT_IRQ;
    dump();
    g->ctx->timeInc(1);
    t->DUT_CLK = 1;
    t->eval();
    dump();
    g->ctx->timeInc(1);
    t->DUT_CLK = 0;
    t->eval();
    g->cycles++;
    if (g->max_cycles != 0 && g->cycles >= g->max_cycles) {
        std::fprintf(stderr, "accel_sim: cycle limit %llu reached (+timeout=): aborting\n",
                     (unsigned long long)g->max_cycles);
        std::fflush(stdout);
        st_sim_close();
        std::exit(3);
    }
}

// One register access: hold the request until accepted, then wait for its response.
uint32_t mmio(uintptr_t addr, bool we, uint32_t wdata)
{
    if (g == nullptr) {
        std::fprintf(stderr, "accel_sim: register access before st_sim_open()\n");
        std::exit(3);
    }
    uint64_t start = g->cycles;
    g->s_valid = true;
    g->s_addr = (uint32_t)addr;
    g->s_we = we;
    g->s_wdata = wdata;
    bool got = false;
    uint32_t rdata = 0;
    while (true) {
        cycle();
        if (g->s_accepted) {
            g->s_valid = false;
            // the slave may answer in the acceptance cycle only if it is combinational; the bus says at
            // least one cycle later, so a response sampled with the acceptance is a protocol error
            if (g->s_rsp) {
                std::fprintf(stderr, "accel_sim: slave answered in the cycle it accepted (docs/bus.md rule 2)\n");
                std::exit(3);
            }
            break;
        }
        if (g->cycles - start > kMmioTimeout) {
            std::fprintf(stderr, "accel_sim: register %s at 0x%08lx not accepted in %u cycles\n", we ? "write" : "read",
                         (unsigned long)addr, kMmioTimeout);
            std::exit(3);
        }
    }
    while (!got) {
        cycle();
        if (g->s_rsp) {
            got = true;
            rdata = g->s_rdata;
            g->last_mmio_err = g->s_err; // tests of bad offsets read it with st_sim_last_mmio_err()
        } else if (g->cycles - start > kMmioTimeout) {
            std::fprintf(stderr, "accel_sim: register %s at 0x%08lx: no response in %u cycles\n",
                         we ? "write" : "read", (unsigned long)addr, kMmioTimeout);
            std::exit(3);
        }
    }
    g->mmio_cycles += g->cycles - start;
    return rdata;
}

} // namespace

extern "C" {

uint32_t st_host_mmio_read32(uintptr_t addr)
{
    return mmio(addr, false, 0);
}

void st_host_mmio_write32(uintptr_t addr, uint32_t v)
{
    (void)mmio(addr, true, v);
}

int st_sim_open(const st_sim_cfg_t *cfg)
{
    if (g != nullptr) {
        return -1;
    }
    g = new Harness();
    g->ctx.reset(new VerilatedContext);
    g->ctx->randReset(0);
    g->top.reset(new Vst_accel_top(g->ctx.get(), "top"));
    g->max_cycles = cfg->max_cycles;
    g->ram.seed(cfg->seed ^ 0x5A5A5A5A12345678ull);
    g->trace.open(g->ctx.get(), g->top.get(), cfg->trace_file, "accel_sim");
    g->top->DUT_CLK = 0;
    st_sim_hw_reset(4);
    return 0;
}

void st_sim_close(void)
{
    if (g == nullptr) {
        return;
    }
    g->trace.close();
    g->top->final();
    delete g;
    g = nullptr;
}

uint8_t *st_sim_ram(void)
{
    return g->ram.data();
}

uint32_t st_sim_ram_read32(uint32_t addr)
{
    const uint8_t *p = g->ram.data() + (addr - ST_RAM_BASE);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void st_sim_ram_write32(uint32_t addr, uint32_t v)
{
    uint8_t *p = g->ram.data() + (addr - ST_RAM_BASE);
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

void st_sim_set_waits(const st_sim_waits_t *w)
{
    st::RamWaits rw;
    rw.stall_pct = w->stall_pct;
    rw.max_latency = w->max_latency;
    rw.max_outstanding = w->max_outstanding;
    g->ram.set_waits(rw);
}

void st_sim_seed_waits(uint64_t seed)
{
    g->ram.seed(seed ^ 0x5A5A5A5A12345678ull);
}

void st_sim_clear_write_regions(void)
{
    g->ram.clear_write_regions();
}

void st_sim_add_write_region(uint32_t addr, uint32_t bytes)
{
    g->ram.add_write_region(addr, bytes);
}

void st_sim_set_error_window(uint32_t addr, uint32_t bytes)
{
    g->ram.set_error_window(addr, bytes);
}

void st_sim_step(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        cycle();
    }
}

uint64_t st_sim_cycles(void)
{
    return g->cycles;
}

int st_sim_irq(void)
{
    return g->irq ? 1 : 0;
}

void st_sim_hw_reset(uint32_t n)
{
    g->top->DUT_RSTN = 0;
    g->s_valid = false;
    for (uint32_t i = 0; i < n; i++) {
        cycle();
        g->ram.reset();
    }
    g->top->DUT_RSTN = 1;
    cycle();
}

void st_sim_get_stats(st_sim_stats_t *s)
{
    const st::RamStats &r = g->ram.stats();
    std::memset(s, 0, sizeof *s);
    s->reads = r.reads;
    s->writes = r.writes;
    s->stall_cycles = r.stall_cycles;
    s->bad_writes = r.bad_writes;
    s->first_bad_write = r.first_bad_write;
    s->outside_ram = r.outside_ram;
    s->err_window = r.err_window;
    s->protocol_errors = r.protocol_errors;
    s->partial_writes = r.partial_writes;
    s->mmio_cycles = g->mmio_cycles;
    std::snprintf(s->first_protocol_error, sizeof s->first_protocol_error, "%s", r.first_protocol_error.c_str());
}

void st_sim_clear_stats(void)
{
    g->ram.clear_stats();
    g->mmio_cycles = 0;
}

int st_sim_last_mmio_err(void)
{
    return g->last_mmio_err ? 1 : 0;
}

uint32_t st_sim_outstanding(void)
{
    return (uint32_t)g->ram.outstanding();
}

} // extern "C"
