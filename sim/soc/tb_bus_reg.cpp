// SPDX-License-Identifier: Apache-2.0
// tb_bus_reg.cpp - randomised testbench of the request register slice (rtl/soc/st_soc_bus_reg.sv), built
// by test_soc_rtl.sh.
//
//   tb_bus_reg REQREG RSPREG [SEED] [CYCLES]
//
// REQREG / RSPREG: the parameters the model was built with (test_soc_rtl.sh builds both configurations
// the SoC uses: 1 0 for the core's data port, 0 1 for its instruction port).
// A C++ master issues random reads and writes (random gaps, several outstanding) and holds each request
// until the slice accepts it; a C++ slave behind the slice has random req_ready and random, in-order
// response latency and answers with rdata = a hash of what it received. Checked, every cycle: with
// ReqReg, req_ready to the master is !(a request held), whatever the slave's req_ready (no combinational
// path through the slice), and the slave sees each request from the cycle after it was accepted; without,
// the request and req_ready pass straight through. Either way the slave sees every request exactly once,
// in order, unchanged, held until accepted (bus rule 1). Responses reach the master unchanged, in order,
// in the same cycle (RspReg 0) or the next (RspReg 1); everything issued is answered. A directed phase
// checks the cost: with a zero-wait slave, a master that keeps one request outstanding completes one
// transfer per 2 + ReqReg + RspReg cycles. Exits 0 on success; a failure prints the seed, the cycle and
// what differed.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <random>

#include "Vst_soc_bus_reg.h"
#include "verilated.h"

#define TB_NAME "tb_bus_reg"
#include "tb_check.h"

namespace {

bool g_req_reg, g_rsp_reg;

struct Req {
    uint32_t addr = 0, wdata = 0, be = 0;
    bool we = false;
    bool operator==(const Req &o) const { return addr == o.addr && wdata == o.wdata && be == o.be && we == o.we; }
};

uint32_t hash(const Req &r)
{
    uint32_t h = r.addr * 0x9e3779b1u ^ r.wdata * 0x85ebca6bu ^ (r.be << 1 | (uint32_t)r.we) * 0xc2b2ae35u;
    return h ^ (h >> 15);
}

struct Tb {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vst_soc_bus_reg> top;
    // Master
    bool m_valid = false;
    Req m_req;
    std::deque<Req> sent;        // accepted by the slice, not yet seen by the slave
    std::deque<uint32_t> expect;  // responses the master waits for (rdata), in order
    uint64_t issued = 0, answered = 0;
    // Slave
    struct Pending {
        uint64_t due;
        uint32_t rdata;
        bool err;
    };
    std::deque<Pending> q;
    bool held = false;  // the slice presented a request that the slave did not accept: must repeat it
    Req held_req;
    bool slice_full = false;  // the model of the slice: a request accepted and not yet handed on
    uint64_t accepted_at = 0;
    bool rsp_q = false, err_q = false;  // RspReg: the slave's response of the last cycle

    Tb()
    {
        ctx = std::make_unique<VerilatedContext>();
        top = std::make_unique<Vst_soc_bus_reg>(ctx.get(), "TOP");
        tb_reset(*top);
    }

    // issue_prob: percent chance an idle master presents a request; max_out: requests it may have
    // outstanding; ready_prob: slave ready percent; max_lat: slave latency 1..max_lat.
    void step(int issue_prob, unsigned max_out, int ready_prob, int max_lat)
    {
        if (!m_valid && expect.size() + sent.size() < max_out && (int)rnd(100) < issue_prob) {
            m_valid = true;
            m_req.addr = (uint32_t)g_rng() & ~3u;
            m_req.we = rnd(2) != 0;
            m_req.be = m_req.we ? 1u + rnd(15) : 0xfu;
            m_req.wdata = (uint32_t)g_rng();
        }
        bool s_ready = (int)rnd(100) < ready_prob;
        bool rsp = !q.empty() && q.front().due <= g_cycle;

        top->m_req_valid_i = m_valid;
        // Garbage on the data lines when no request is presented: the slice must not pass it on.
        top->m_req_addr_i = m_valid ? m_req.addr : (uint32_t)g_rng();
        top->m_req_we_i = m_valid ? m_req.we : rnd(2);
        top->m_req_be_i = m_valid ? m_req.be : rnd(16);
        top->m_req_wdata_i = m_valid ? m_req.wdata : (uint32_t)g_rng();
        top->s_rsp_valid_i = rsp;
        top->s_rsp_rdata_i = rsp ? q.front().rdata : (uint32_t)g_rng();
        top->s_rsp_err_i = rsp ? q.front().err : rnd(2);

        // req_ready must not depend on the slave's req_ready: evaluate with both values.
        top->s_req_ready_i = !s_ready;
        top->eval();
        bool ready_other = top->m_req_ready_o;
        top->s_req_ready_i = s_ready;
        top->eval();
        bool m_ready = top->m_req_ready_o;
        if (g_req_reg) {
            CHECK(m_ready == ready_other, "m_req_ready_o follows s_req_ready_i combinationally");
            CHECK(m_ready == !slice_full, "m_req_ready_o %d with the slice %s", m_ready,
                  slice_full ? "full" : "empty");
        } else {
            CHECK(m_ready == s_ready, "m_req_ready_o %d, the slave's req_ready %d", m_ready, s_ready);
            slice_full = m_valid;  // without the register the request goes straight through
            if (m_valid) {
                sent.push_back(m_req);
            }
        }

        // Slave side.
        bool s_valid = top->s_req_valid_o;
        Req s_req;
        s_req.addr = top->s_req_addr_o;
        s_req.we = top->s_req_we_o;
        s_req.be = top->s_req_be_o;
        s_req.wdata = top->s_req_wdata_o;
        CHECK(s_valid == slice_full, "s_req_valid_o %d with the slice %s", s_valid, slice_full ? "full" : "empty");
        if (g_req_reg && slice_full) {
            CHECK(g_cycle > accepted_at, "request presented in the cycle it was accepted");
        }
        if (held) {
            CHECK(s_valid && s_req == held_req, "rule 1: a request presented and not accepted changed or went away");
        }
        if (s_valid) {
            CHECK(!sent.empty() && s_req == sent.front(),
                  "slave sees addr 0x%08x we %d be 0x%x wdata 0x%08x, expected the next accepted request",
                  s_req.addr, s_req.we, s_req.be, s_req.wdata);
            held = !s_ready;
            held_req = s_req;
            if (s_ready) {
                uint64_t last = q.empty() ? g_cycle : q.back().due;
                uint64_t due = g_cycle + 1 + rnd((uint32_t)max_lat);
                q.push_back({due < last ? last : due, hash(s_req), rnd(8) == 0});
                if (!sent.empty()) {
                    sent.pop_front();
                }
                slice_full = false;
            }
        } else {
            held = false;
        }

        // Master side: the response (this cycle's or, with RspReg, the last cycle's), then acceptance.
        bool m_rsp = g_rsp_reg ? rsp_q : rsp;
        bool m_err = g_rsp_reg ? err_q : (rsp && q.front().err);
        CHECK(top->m_rsp_valid_o == m_rsp, "m_rsp_valid_o %d, expected %d", top->m_rsp_valid_o, m_rsp);
        if (m_rsp) {
            CHECK(top->m_rsp_err_o == m_err, "m_rsp_err_o %d, expected %d", top->m_rsp_err_o, m_err);
            CHECK(!expect.empty() && top->m_rsp_rdata_o == expect.front(),
                  "m_rsp_rdata_o 0x%08x, expected 0x%08x (the response to the oldest request)",
                  top->m_rsp_rdata_o, expect.empty() ? 0u : expect.front());
            if (!expect.empty()) {
                expect.pop_front();
            }
            answered++;
        }
        rsp_q = rsp;
        err_q = rsp && q.front().err;
        if (rsp) {
            q.pop_front();
        }
        if (m_valid && m_ready) {
            if (g_req_reg) {
                sent.push_back(m_req);
                slice_full = true;
                accepted_at = g_cycle;
            }
            expect.push_back(hash(m_req));
            m_valid = false;
            issued++;
        }
        if (!g_req_reg) {
            sent.clear();  // nothing is held inside: the master presents it again if it was not accepted
        }
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        top->eval();
        g_cycle++;
    }

    bool idle() const { return !m_valid && expect.empty() && q.empty() && !rsp_q; }
};

}  // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    if (argc < 3) {
        std::fprintf(stderr, "usage: tb_bus_reg REQREG RSPREG [SEED] [CYCLES]\n");
        return 2;
    }
    g_req_reg = std::strtoul(argv[1], nullptr, 0) != 0;
    g_rsp_reg = std::strtoul(argv[2], nullptr, 0) != 0;
    g_seed = argc > 3 ? (unsigned)std::strtoul(argv[3], nullptr, 0) : 1u;
    uint64_t cycles = argc > 4 ? std::strtoull(argv[4], nullptr, 0) : 100000u;
    g_rng.seed(g_seed);
    std::printf("tb_bus_reg: ReqReg %d RspReg %d, seed %u (reproduce: tb_bus_reg %d %d %u %llu)\n", g_req_reg,
                g_rsp_reg, g_seed, g_req_reg, g_rsp_reg, g_seed, (unsigned long long)cycles);

    Tb tb;
    for (uint64_t c = 0; c < cycles; c++) {
        int phase = (int)((c / 5000) % 4);
        static const int issue[4] = {30, 100, 70, 100}, ready[4] = {50, 100, 80, 25}, lat[4] = {4, 1, 2, 8};
        static const unsigned out[4] = {1, 4, 2, 8};
        tb.step(issue[phase], out[phase], ready[phase], lat[phase]);
    }
    for (int c = 0; c < 1000 && !tb.idle(); c++) {
        tb.step(0, 0, 100, 1);
    }
    CHECK(tb.idle(), "requests left unanswered after draining");
    CHECK(tb.issued == tb.answered && tb.issued > cycles / 10, "%llu issued, %llu answered",
          (unsigned long long)tb.issued, (unsigned long long)tb.answered);
    std::printf("tb_bus_reg: random phase: %llu transfers in %llu cycles\n", (unsigned long long)tb.issued,
                (unsigned long long)cycles);

    // The cost: one request outstanding (the core's data port), zero wait states, latency 1.
    uint64_t before = tb.answered;
    for (int c = 0; c < 3000; c++) {
        tb.step(100, 1, 100, 1);
    }
    uint64_t done = tb.answered - before;
    uint64_t per = 2u + g_req_reg + g_rsp_reg, want = 3000u / per;
    std::printf("tb_bus_reg: one outstanding, no waits: %llu transfers in 3000 cycles\n", (unsigned long long)done);
    CHECK(done + 1 >= want && done <= want, "expected one transfer per %llu cycles, got %llu in 3000",
          (unsigned long long)per, (unsigned long long)done);

    if (g_errors != 0) {
        std::printf("tb_bus_reg: %d errors (seed %u)\n", g_errors, g_seed);
        return 1;
    }
    std::printf("tb_bus_reg: ok\n");
    return 0;
}
