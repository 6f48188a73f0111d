// SPDX-License-Identifier: Apache-2.0
// ram_model_test.cpp - unit tests of the testbench's RAM model (sim/accel/st_ram_model.*), driven by a
// scripted master in plain C++ (no Verilator): timing with and without wait states, ordering, the limit
// on outstanding requests, byte enables, the write checker, the protocol checker, error responses and
// reset. The accelerator sweeps trust this model to stress and police the DUT, so it is tested first.
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

#include "st_ram_model.h"

namespace {

int g_pass = 0, g_fail = 0;

void check(bool ok, const std::string &what)
{
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
        std::printf("FAIL: %s\n", what.c_str());
    }
}

// A master that issues a list of requests as fast as the RAM accepts them and records the responses.
struct Master {
    struct Op {
        st::BusReq req;
        uint64_t accepted = 0, answered = 0;
        st::BusRsp rsp;
    };
    std::deque<Op> ops;
    size_t next = 0;     // next op to issue
    size_t answered = 0; // responses received
    size_t max_out = 1000;

    // one cycle against the model; returns false when everything was answered
    bool cycle(st::RamModel &ram)
    {
        ram.begin_cycle();
        st::BusRsp rsp = ram.response();
        st::BusReq req;
        if (next < ops.size() && next - answered < max_out) {
            req = ops[next].req;
        }
        bool rdy = ram.ready();
        uint64_t now = ram.cycle();
        if (rsp.valid) {
            ops[answered].rsp = rsp;
            ops[answered].answered = now;
            answered++;
        }
        if (req.valid && rdy) {
            ops[next].accepted = now;
            next++;
        }
        ram.edge(req, rdy, rsp);
        return answered < ops.size();
    }
};

st::BusReq rd(uint32_t a)
{
    st::BusReq r;
    r.valid = true;
    r.addr = a;
    r.be = 0xF;
    return r;
}

st::BusReq wr(uint32_t a, uint32_t d, uint32_t be = 0xF)
{
    st::BusReq r;
    r.valid = true;
    r.addr = a;
    r.we = true;
    r.be = be;
    r.wdata = d;
    return r;
}

uint32_t peek(st::RamModel &ram, uint32_t a)
{
    const uint8_t *p = ram.data() + a;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void test_zero_waits()
{
    st::RamModel ram(0, 4096);
    ram.add_write_region(0x100, 0x100);
    Master m;
    for (uint32_t i = 0; i < 16; i++) {
        Master::Op op;
        op.req = wr(0x100 + 4 * i, 0xA0000000u + i);
        m.ops.push_back(op);
    }
    for (uint32_t i = 0; i < 16; i++) {
        Master::Op op;
        op.req = rd(0x100 + 4 * i);
        m.ops.push_back(op);
    }
    uint64_t start = ram.cycle();
    int guard = 0;
    while (m.cycle(ram) && guard++ < 1000) {
    }
    bool timing = true, data = true;
    for (size_t i = 0; i < m.ops.size(); i++) {
        timing &= m.ops[i].accepted == start + i && m.ops[i].answered == m.ops[i].accepted + 1;
        if (!m.ops[i].req.we) {
            data &= m.ops[i].rsp.rdata == 0xA0000000u + (uint32_t)(i - 16);
        }
    }
    check(timing, "zero waits: one request per cycle, response exactly one cycle later");
    check(data, "zero waits: read data equals what was written");
    check(ram.stats().stall_cycles == 0 && ram.stats().bad_writes == 0 && ram.stats().protocol_errors == 0,
          "zero waits: no stalls, no bad writes, no protocol errors");
}

void test_random_waits()
{
    for (uint32_t trial = 0; trial < 20; trial++) {
        st::RamModel ram(0, 65536);
        ram.seed(1000 + trial);
        st::RamWaits w;
        w.stall_pct = 10 + 4 * trial;
        w.max_latency = trial % 7;
        w.max_outstanding = trial % 4;
        ram.set_waits(w);
        for (uint32_t a = 0; a < 4096; a += 4) {
            ram.data()[a] = (uint8_t)(a >> 2);
            ram.data()[a + 1] = (uint8_t)(a >> 10);
        }
        Master m;
        for (uint32_t i = 0; i < 400; i++) {
            Master::Op op;
            op.req = rd(4 * ((i * 37) % 1024));
            m.ops.push_back(op);
        }
        uint64_t cycles = 0;
        size_t max_seen_out = 0;
        while (m.cycle(ram) && cycles < 100000) {
            cycles++;
            max_seen_out = std::max(max_seen_out, ram.outstanding());
        }
        bool order = true, data = true, lat = true;
        for (size_t i = 0; i < m.ops.size(); i++) {
            uint32_t a = m.ops[i].req.addr;
            data &= m.ops[i].rsp.rdata == ((a >> 2) & 0xFFu) + (((a >> 10) & 0xFFu) << 8);
            order &= i == 0 || m.ops[i].answered > m.ops[i - 1].answered;
            lat &= m.ops[i].answered >= m.ops[i].accepted + 1;
        }
        double stall_rate = (double)ram.stats().stall_cycles / (double)cycles;
        char what[160];
        std::snprintf(what, sizeof what, "random waits trial %u (stall %u%%, latency %u, outstanding %u)", trial,
                      w.stall_pct, w.max_latency, w.max_outstanding);
        check(cycles < 100000 && order && data && lat, std::string(what) + ": all answered, in order, correct");
        check(w.max_outstanding == 0 || max_seen_out <= w.max_outstanding,
              std::string(what) + ": outstanding limit respected");
        // with a master that always has a request, the stall rate tracks stall_pct (loose bound)
        check(w.max_outstanding != 0 || (stall_rate > w.stall_pct / 100.0 - 0.1 && stall_rate < w.stall_pct / 100.0 + 0.1),
              std::string(what) + ": stall rate near stall_pct");
    }
}

void test_checkers()
{
    st::RamModel ram(0x1000, 4096);
    ram.add_write_region(0x1800, 16);
    Master m;
    Master::Op op;
    op.req = wr(0x1800, 0x11223344u);
    m.ops.push_back(op);
    op.req = wr(0x180C, 0x55667788u, 0x6); // partial write, in the region
    m.ops.push_back(op);
    op.req = wr(0x1810, 0xDEADBEEFu); // just past the region
    m.ops.push_back(op);
    op.req = rd(0x0FFC); // below RAM
    m.ops.push_back(op);
    op.req = wr(0x2000, 1); // above RAM (and outside the region)
    m.ops.push_back(op);
    int guard = 0;
    while (m.cycle(ram) && guard++ < 100) {
    }
    check(peek(ram, 0x800) == 0x11223344u, "write lands");
    check(peek(ram, 0x80C) == 0x00667700u, "byte enables select lanes");
    check(ram.stats().partial_writes == 1, "partial write counted");
    check(ram.stats().bad_writes == 2 && ram.stats().first_bad_write == 0x1810u,
          "write checker flags writes outside the declared buffers, first address recorded");
    check(peek(ram, 0x810) == 0xDEADBEEFu, "an in-RAM write outside the buffers still lands (the checker reports it)");
    check(ram.stats().outside_ram == 2 && m.ops[3].rsp.err && m.ops[4].rsp.err && !m.ops[0].rsp.err,
          "accesses outside RAM answer rsp_err");

    // error window: err response, a write there has no effect
    st::RamModel r2(0, 4096);
    r2.add_write_region(0, 4096);
    r2.set_error_window(0x200, 8);
    Master m2;
    op.req = wr(0x204, 0x12345678u);
    m2.ops.push_back(op);
    op.req = rd(0x204);
    m2.ops.push_back(op);
    op.req = rd(0x208);
    m2.ops.push_back(op);
    guard = 0;
    while (m2.cycle(r2) && guard++ < 100) {
    }
    check(m2.ops[0].rsp.err && m2.ops[1].rsp.err && !m2.ops[2].rsp.err && peek(r2, 0x204) == 0 &&
              r2.stats().err_window == 2,
          "error window: rsp_err, erring write has no effect");
}

void test_protocol()
{
    // a request that changes while waiting for ready is flagged; one that stays put is not
    for (int bad = 0; bad < 3; bad++) {
        st::RamModel ram(0, 4096);
        st::RamWaits w;
        w.stall_pct = 100;
        ram.set_waits(w);
        st::BusReq req = rd(0x40);
        for (int c = 0; c < 4; c++) {
            ram.begin_cycle();
            st::BusReq now = req;
            if (c == 2 && bad == 1) {
                now.addr = 0x44;
            }
            if (c == 2 && bad == 2) {
                now.valid = false;
            }
            ram.edge(now, ram.ready(), ram.response());
        }
        if (bad == 0) {
            check(ram.stats().protocol_errors == 0 && ram.stats().stall_cycles == 4,
                  "stable held request: no protocol error");
        } else {
            check(ram.stats().protocol_errors >= 1 && !ram.stats().first_protocol_error.empty(),
                  bad == 1 ? "held request changing its address is a protocol error"
                           : "held request withdrawn is a protocol error");
        }
    }
}

void test_reset()
{
    st::RamModel ram(0, 4096);
    st::RamWaits w;
    w.max_latency = 5;
    ram.set_waits(w);
    ram.seed(7);
    for (int c = 0; c < 4; c++) {
        ram.begin_cycle();
        ram.edge(rd(0), ram.ready(), st::BusRsp());
    }
    bool had = ram.outstanding() > 0;
    ram.reset();
    ram.begin_cycle();
    check(had && ram.outstanding() == 0 && !ram.response().valid, "reset drops outstanding responses");
}

} // namespace

int main()
{
    test_zero_waits();
    test_random_waits();
    test_checkers();
    test_protocol();
    test_reset();
    std::printf("ram-model: %d passed, %d failed\n", g_pass, g_fail);
    return g_fail != 0;
}
