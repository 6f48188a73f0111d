// SPDX-License-Identifier: Apache-2.0
// tb_xbar.cpp - randomised testbench of the interconnect (rtl/soc/st_soc_xbar.sv), built by test_soc_rtl.sh.
//
//   tb_xbar [SEED] [CYCLES] [FIXEDPRIO]
//
// Three C++ masters issue random reads and writes (random gaps, several outstanding) to three C++ slaves
// with random req_ready and random response latency, and to unmapped addresses (the default slave, an
// always-erring model). Slave 2 is connected to master 1 only (no routing queue); the others' requests for
// it must end at the default slave. Every slave answers a request with rdata = a hash of what it received, so a master
// can tell whether the response it got belongs to its own request. Checked: each slave sees only addresses
// of its range; every response reaches the master that issued the request, in that master's order, with
// the right data and error flag; no response appears without a request; everything issued is answered.
// A second, directed phase checks throughput and fairness: a master alone on a zero-wait slave completes one
// transfer per cycle, two masters sharing one get half each (round-robin). A third sends all three masters
// to one slave: a third each, or, for a master the model was built to give fixed priority (FixedPrio, the
// third argument), all of it. Exits 0 on success; a failure
// prints the seed and the details.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <random>

#include "Vst_soc_xbar.h"
#include "verilated.h"

#define TB_NAME "tb_xbar"
#include "tb_check.h"

namespace {

constexpr int kMasters = 3;
constexpr int kSlaves = 4;  // slave 3 is the default (unmapped addresses)


int decode(uint32_t addr)
{
    if ((addr & 0xffff0000u) == 0x00000000u) return 0;
    if ((addr & 0xffff0000u) == 0x00010000u) return 1;
    if ((addr & 0xfffff000u) == 0x10000000u) return 2;
    return 3;
}

// The testbench's Connect parameter (test_soc_rtl.sh): slave 2 is reached by master 1 only, so it has no
// routing queue; masters 0 and 2 addressing it get the default slave's error.
int decode_for(int master, uint32_t addr)
{
    int s = decode(addr);
    return (s == 2 && master != 1) ? 3 : s;
}

uint32_t hash(uint32_t addr, bool we, uint32_t be, uint32_t wdata)
{
    uint32_t h = addr * 0x9e3779b1u ^ (we ? 0x5bd1e995u : 0u) ^ (be << 7) ^ (wdata * 0x85ebca6bu);
    return h ^ (h >> 15);
}

// Slave 2 fails accesses whose address bit 2 is set; the default slave fails everything.
bool slave_err(int s, uint32_t addr) { return s == 3 || (s == 2 && (addr & 4u) != 0); }

struct Req {
    uint32_t addr, wdata, be;
    bool we;
};

struct Expect {
    uint32_t rdata;
    bool err;
};

struct Master {
    bool valid = false;
    Req req{};
    std::deque<Expect> expect;
    uint64_t issued = 0, answered = 0;
};

struct Pending {
    uint64_t due;
    uint32_t rdata;
    bool err;
};

struct Slave {
    std::deque<Pending> q;
    bool ready = false;
    bool rsp = false;
    uint64_t seen = 0;
};

Req random_req()
{
    static const uint32_t bases[] = {0x00000000u, 0x00010000u, 0x10000000u, 0x20000000u, 0x10001000u};
    Req r;
    uint32_t b = bases[rnd(5)];
    r.addr = b | ((b == 0x10000000u || b == 0x10001000u) ? (rnd(0x1000) & ~3u) : (rnd(0x10000) & ~3u));
    r.we = rnd(2) != 0;
    r.be = r.we ? (1u + rnd(15)) : 0xfu;
    r.wdata = (uint32_t)g_rng();
    return r;
}

struct Tb {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vst_soc_xbar> top;
    Master m[kMasters];
    Slave s[kSlaves];

    Tb()
    {
        ctx = std::make_unique<VerilatedContext>();
        top = std::make_unique<Vst_soc_xbar>(ctx.get(), "TOP");
        tb_reset(*top);
    }

    // Drives the inputs for this cycle, evaluates, records the transfers, clocks.
    // issue_prob: percent chance an idle master starts a request; ready_prob: slave ready percent;
    // max_lat: slave latency 1..max_lat; fixed: when >= 0, master m addresses only slave (m + fixed) % 2;
    // -2: every master addresses slave 0.
    void step(int issue_prob, int ready_prob, int max_lat, int fixed)
    {
        uint32_t valid = 0, we = 0, sready = 0, rsp_valid = 0, rsp_err = 0;
        uint32_t addr[kMasters], wdata[kMasters], be = 0;
        for (int i = 0; i < kMasters; i++) {
            if (!m[i].valid && (int)rnd(100) < issue_prob) {
                m[i].valid = true;
                m[i].req = random_req();
                if (fixed >= 0) {
                    m[i].req.addr = (uint32_t)((i + fixed) % 2) << 16 | (rnd(0x10000) & ~3u);
                } else if (fixed == -2) {
                    m[i].req.addr = rnd(0x10000) & ~3u;
                }
            }
            valid |= (uint32_t)m[i].valid << i;
            we |= (uint32_t)m[i].req.we << i;
            be |= m[i].req.be << (4 * i);
            addr[i] = m[i].req.addr;
            wdata[i] = m[i].req.wdata;
        }
        for (int j = 0; j < kSlaves; j++) {
            s[j].ready = (int)rnd(100) < ready_prob;
            sready |= (uint32_t)s[j].ready << j;
            s[j].rsp = !s[j].q.empty() && s[j].q.front().due <= g_cycle;
            if (s[j].rsp) {
                rsp_valid |= 1u << j;
                rsp_err |= (uint32_t)s[j].q.front().err << j;
                top->s_rsp_rdata_i[j] = s[j].q.front().rdata;
            } else {
                top->s_rsp_rdata_i[j] = (uint32_t)g_rng();  // garbage when not valid
            }
        }
        top->m_req_valid_i = valid;
        top->m_req_we_i = we;
        top->m_req_be_i = be;
        for (int i = 0; i < kMasters; i++) {
            top->m_req_addr_i[i] = addr[i];
            top->m_req_wdata_i[i] = wdata[i];
        }
        top->s_req_ready_i = sready;
        top->s_rsp_valid_i = rsp_valid;
        top->s_rsp_err_i = rsp_err;
        top->eval();

        // Requests reaching slaves.
        for (int j = 0; j < kSlaves; j++) {
            if (((top->s_req_valid_o >> j) & 1u) && s[j].ready) {
                uint32_t a = top->s_req_addr_o[j];
                bool w = (top->s_req_we_o >> j) & 1u;
                uint32_t b = (top->s_req_be_o >> (4 * j)) & 0xfu;
                uint32_t d = top->s_req_wdata_o[j];
                CHECK(decode(a) == j || j == 3, "slave %d got address 0x%08x of slave %d", j, a, decode(a));
                uint64_t last = s[j].q.empty() ? g_cycle : s[j].q.back().due;
                uint64_t due = g_cycle + 1 + rnd((uint32_t)max_lat);
                if (due < last) {
                    due = last;  // in order
                }
                s[j].q.push_back({due, hash(a, w, b, d), slave_err(j, a)});
                s[j].seen++;
            }
            if (s[j].rsp) {
                s[j].q.pop_front();
            }
        }
        // Masters: acceptance and responses.
        for (int i = 0; i < kMasters; i++) {
            if (((top->m_rsp_valid_o >> i) & 1u) != 0) {
                if (m[i].expect.empty()) {
                    CHECK(false, "master %d got a response with no request outstanding", i);
                } else {
                    Expect e = m[i].expect.front();
                    m[i].expect.pop_front();
                    bool err = (top->m_rsp_err_o >> i) & 1u;
                    CHECK(err == e.err, "master %d: rsp_err %d, expected %d", i, err, e.err);
                    if (!e.err) {
                        CHECK(top->m_rsp_rdata_o[i] == e.rdata, "master %d: rdata 0x%08x, expected 0x%08x", i,
                              top->m_rsp_rdata_o[i], e.rdata);
                    }
                    m[i].answered++;
                }
            }
            if (m[i].valid && ((top->m_req_ready_o >> i) & 1u)) {
                const Req &r = m[i].req;
                m[i].expect.push_back({hash(r.addr, r.we, r.be, r.wdata), slave_err(decode_for(i, r.addr), r.addr)});
                m[i].issued++;
                m[i].valid = false;
            }
        }
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        top->eval();
        g_cycle++;
    }

    bool idle() const
    {
        for (const Master &x : m) {
            if (x.valid || !x.expect.empty()) return false;
        }
        return true;
    }
};

}  // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    g_seed = argc > 1 ? (unsigned)std::strtoul(argv[1], nullptr, 0) : 1u;
    uint64_t cycles = argc > 2 ? std::strtoull(argv[2], nullptr, 0) : 200000u;
    // The FixedPrio parameter the model was built with (masters that win every arbitration).
    unsigned fixed_prio = argc > 3 ? (unsigned)std::strtoul(argv[3], nullptr, 0) : 0u;
    g_rng.seed(g_seed);
    std::printf("tb_xbar: seed %u (reproduce: tb_xbar %u %llu)\n", g_seed, g_seed, (unsigned long long)cycles);

    // Phase 1: random traffic, random waits and latencies.
    Tb tb;
    for (uint64_t c = 0; c < cycles; c++) {
        int phase = (int)((c / 10000) % 4);
        static const int issue[4] = {30, 90, 60, 100}, ready[4] = {50, 100, 80, 30}, lat[4] = {4, 1, 2, 8};
        tb.step(issue[phase], ready[phase], lat[phase], -1);
    }
    for (int c = 0; c < 1000 && !tb.idle(); c++) {
        tb.step(0, 100, 1, -1);
    }
    CHECK(tb.idle(), "requests left unanswered after draining");
    uint64_t total = 0;
    for (int i = 0; i < kMasters; i++) {
        CHECK(tb.m[i].issued == tb.m[i].answered, "master %d: %llu issued, %llu answered", i,
              (unsigned long long)tb.m[i].issued, (unsigned long long)tb.m[i].answered);
        total += tb.m[i].issued;
    }
    for (int j = 0; j < kSlaves; j++) {
        CHECK(tb.s[j].seen > 100, "slave %d saw only %llu requests", j, (unsigned long long)tb.s[j].seen);
    }
    std::printf("tb_xbar: random phase: %llu transfers in %llu cycles\n", (unsigned long long)total,
                (unsigned long long)cycles);

    // Phase 2: masters 0 and 1 stream to RAM banks 0 and 1 (and swap), zero wait states: one transfer per
    // master per cycle once the pipeline is full (master 2 stays idle: issue applies to all, so use m2 too).
    // The same model as phase 1, now idle (one model per process: Verilator 5.006 can hang destroying a
    // second one).
    Tb &tp = tb;
    uint64_t start = g_cycle, before = tp.m[0].answered + tp.m[1].answered, before2 = tp.m[2].answered;
    for (int c = 0; c < 1000; c++) {
        tp.step(100, 100, 1, (c / 500));
    }
    uint64_t done = tp.m[0].answered + tp.m[1].answered - before;
    std::printf("tb_xbar: streaming phase: masters 0+1 completed %llu transfers in %llu cycles\n",
                (unsigned long long)done, (unsigned long long)(g_cycle - start));
    // Master 2 competes with one of them on the same bank, so together 0 and 1 get at least 1.5 per cycle.
    CHECK(done >= 1400, "masters 0 and 1 completed only %llu transfers in 1000 cycles", (unsigned long long)done);
    // Round-robin: master 2 shares a bank with master 0 and must get about half of it, not starve.
    uint64_t done2 = tp.m[2].answered - before2;
    CHECK(done2 >= 450 && done2 <= 550, "master 2 (sharing a bank) completed %llu transfers in 1000 cycles",
          (unsigned long long)done2);

    // Phase 3: all three masters stream to bank 0. Round-robin: a third each; a master with fixed
    // priority (the SoC's data port): all of it.
    uint64_t b3[kMasters];
    for (int i = 0; i < kMasters; i++) {
        b3[i] = tp.m[i].answered;
    }
    for (int c = 0; c < 1000; c++) {
        tp.step(100, 100, 1, -2);
    }
    for (int i = 0; i < kMasters; i++) {
        uint64_t d = tp.m[i].answered - b3[i];
        std::printf("tb_xbar: shared-bank phase: master %d completed %llu transfers in 1000 cycles\n", i,
                    (unsigned long long)d);
        if (fixed_prio == 0) {
            CHECK(d >= 300 && d <= 367, "round-robin: master %d completed %llu of 1000 transfers", i, (unsigned long long)d);
        } else if ((fixed_prio >> i) & 1u) {
            CHECK(d >= 990, "fixed priority: master %d completed only %llu of 1000 transfers", i, (unsigned long long)d);
        }
    }

    if (g_errors != 0) {
        std::printf("tb_xbar: %d errors (seed %u)\n", g_errors, g_seed);
        return 1;
    }
    std::printf("tb_xbar: ok\n");
    return 0;
}
