// SPDX-License-Identifier: Apache-2.0
// st_cpu_tb.cpp - core-level testbench: the Verilated st_cpu_core alone, with a C++ memory system that
// inserts random wait states on both bus ports (req_ready low, late responses) and checks the bus rules.
//
//   st_cpu_tb +firmware=prog.elf [+seed=N] [+waits=0|1] [+timeout=CYCLES] [+quiet]
//
// Memory map (the SoC's, docs/registers.md): 128 KiB RAM at 0; SIMCTRL.EXIT 0x10002000 (ends the run, the
// value is the exit code), SIMCTRL.PUTC 0x10002004, SIMCTRL.IRQ 0x10002008 (bit 0 drives irq_ext_i);
// TIMER mtime 0x10001000 (counts cycles), mtimecmp 0x10001008 (irq_timer_i = mtime >= mtimecmp). Every
// other address answers with rsp_err. +waits=0 gives single-cycle memory with no wait states (for CPI
// measurements); the default randomises both ports, seeded by +seed (printed, default 1).
// Exit codes: the program's, 124 timeout, 3 bus-protocol violation, 2 bad arguments / file.

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vst_cpu_core.h"
#include "verilated.h"

namespace {

constexpr uint32_t kRamSize = 0x20000;
constexpr uint32_t kSimctrlExit = 0x10002000;
constexpr uint32_t kSimctrlPutc = 0x10002004;
constexpr uint32_t kSimctrlIrq = 0x10002008;
constexpr uint32_t kMtime = 0x10001000;
constexpr uint32_t kMtimecmp = 0x10001008;
constexpr int kExitTimeout = 124;
constexpr int kExitProtocol = 3;
constexpr int kExitUsage = 2;

struct Mem {
    std::vector<uint8_t> ram = std::vector<uint8_t>(kRamSize, 0);
    uint64_t mtime = 0;
    uint64_t mtimecmp = ~0ull;
    bool irq_ext = false;
    bool exited = false;
    uint32_t exit_code = 0;

    // One access at acceptance time; returns false for a bus error.
    bool access(uint32_t addr, bool we, uint32_t be, uint32_t wdata, uint32_t *rdata)
    {
        *rdata = 0;
        if (addr < kRamSize) {
            for (int i = 0; i < 4; i++) {
                if (we && ((be >> i) & 1)) {
                    ram[addr + i] = static_cast<uint8_t>(wdata >> (8 * i));
                }
                *rdata |= static_cast<uint32_t>(ram[addr + i]) << (8 * i);
            }
            return true;
        }
        switch (addr) {
        case kSimctrlExit:
            if (we) {
                exited = true;
                exit_code = wdata;
            }
            return true;
        case kSimctrlPutc:
            if (we) {
                std::putchar(static_cast<int>(wdata & 0xff));
                std::fflush(stdout);
            }
            return true;
        case kSimctrlIrq:
            if (we) {
                irq_ext = wdata & 1;
            }
            *rdata = irq_ext;
            return true;
        case kMtime:
        case kMtime + 4:
        case kMtimecmp:
        case kMtimecmp + 4: {
            uint64_t *r = (addr & 8) ? &mtimecmp : &mtime;
            int shift = (addr & 4) ? 32 : 0;
            if (we) {
                *r = (*r & ~(0xffffffffull << shift)) | (static_cast<uint64_t>(wdata) << shift);
            }
            *rdata = static_cast<uint32_t>(*r >> shift);
            return true;
        }
        default:
            return false;
        }
    }
};

struct Rsp {
    uint64_t at;  // first cycle the response may be presented
    uint32_t rdata;
    bool err;
};

// One bus port: random ready, in-order responses with random latency, bus-rule checks.
struct Port {
    const char *name;
    std::deque<Rsp> q;
    bool waiting = false;  // last cycle: valid && !ready
    uint32_t w_addr = 0, w_be = 0, w_wdata = 0;
    bool w_we = false;
    uint64_t last_at = 0;
    uint64_t accepted = 0, stall_cycles = 0;
};

bool parse_u64(const char *s, uint64_t *v)
{
    char *end = nullptr;
    *v = std::strtoull(s, &end, 0);
    return end != s && *end == '\0';
}

bool load_elf(const std::string &path, Mem *mem)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        std::fprintf(stderr, "tb: cannot open '%s'\n", path.c_str());
        return false;
    }
    std::vector<uint8_t> d;
    uint8_t buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        d.insert(d.end(), buf, buf + n);
    }
    std::fclose(f);
    auto u16 = [&](size_t o) { return static_cast<uint32_t>(d[o] | (d[o + 1] << 8)); };
    auto u32 = [&](size_t o) { return u16(o) | (u16(o + 2) << 16); };
    if (d.size() < 52 || std::memcmp(d.data(), "\x7f" "ELF", 4) != 0 || d[4] != 1 || d[5] != 1 ||
        u16(18) != 243) {
        std::fprintf(stderr, "tb: '%s' is not a little-endian ELF32 RISC-V file\n", path.c_str());
        return false;
    }
    uint32_t phoff = u32(28), phentsize = u16(42), phnum = u16(44);
    for (uint32_t i = 0; i < phnum; i++) {
        size_t ph = phoff + static_cast<size_t>(i) * phentsize;
        if (ph + 32 > d.size()) {
            std::fprintf(stderr, "tb: '%s': program header %u outside the file\n", path.c_str(), i);
            return false;
        }
        if (u32(ph) != 1) {  // PT_LOAD
            continue;
        }
        uint32_t off = u32(ph + 4), paddr = u32(ph + 12), filesz = u32(ph + 16), memsz = u32(ph + 20);
        if (static_cast<uint64_t>(off) + filesz > d.size() || static_cast<uint64_t>(paddr) + memsz > kRamSize) {
            std::fprintf(stderr, "tb: '%s': segment %u (0x%08x, %u bytes) outside the file or the RAM\n",
                         path.c_str(), i, paddr, memsz);
            return false;
        }
        std::memcpy(&mem->ram[paddr], &d[off], filesz);
    }
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string firmware;
    uint64_t seed = 1, timeout = 20000000, waits = 1;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (std::strncmp(a, "+firmware=", 10) == 0) {
            firmware = a + 10;
        } else if (std::strncmp(a, "+seed=", 6) == 0 && parse_u64(a + 6, &seed)) {
        } else if (std::strncmp(a, "+waits=", 7) == 0 && parse_u64(a + 7, &waits)) {
        } else if (std::strncmp(a, "+timeout=", 9) == 0 && parse_u64(a + 9, &timeout)) {
        } else if (std::strcmp(a, "+quiet") == 0) {
            quiet = true;
        } else {
            std::fprintf(stderr, "usage: st_cpu_tb +firmware=FILE.elf [+seed=N] [+waits=0|1] [+timeout=C] [+quiet]\n"
                                 "tb: bad argument '%s'\n", a);
            return kExitUsage;
        }
    }
    if (firmware.empty()) {
        std::fprintf(stderr, "usage: st_cpu_tb +firmware=FILE.elf [+seed=N] [+waits=0|1] [+timeout=C] [+quiet]\n");
        return kExitUsage;
    }
    Mem mem;
    if (!load_elf(firmware, &mem)) {
        return kExitUsage;
    }
    if (!quiet) {
        std::fprintf(stderr, "tb: %s, seed %" PRIu64 ", %s\n", firmware.c_str(), seed,
                     waits ? "random wait states" : "no wait states");
    }

    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    auto top = std::make_unique<Vst_cpu_core>(ctx.get());
    std::mt19937_64 rng(seed);
    auto chance = [&](unsigned pct) { return (rng() % 100) < pct; };
    // Per-run random profile: how often each port stalls and how late responses come.
    unsigned iready_pct = waits ? 50 + rng() % 50 : 100, dready_pct = waits ? 40 + rng() % 60 : 100;
    unsigned ilate_pct = waits ? rng() % 50 : 0, dlate_pct = waits ? rng() % 50 : 0;

    Port ip{"ibus"}, dp{"dbus"};
    top->rst_ni = 0;
    top->clk_i = 0;
    top->eval();
    for (int i = 0; i < 4; i++) {
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        top->eval();
    }
    top->rst_ni = 1;

    uint64_t cycle = 0;
    int rc = 0;
    for (;;) {
        // Inputs of this cycle.
        bool iready = chance(iready_pct), dready = chance(dready_pct);
        top->ibus_req_ready_i = iready;
        top->dbus_req_ready_i = dready;
        bool irsp = !ip.q.empty() && ip.q.front().at <= cycle;
        bool drsp = !dp.q.empty() && dp.q.front().at <= cycle;
        top->ibus_rsp_valid_i = irsp;
        top->ibus_rsp_rdata_i = irsp ? ip.q.front().rdata : 0xdeadbeef;
        top->ibus_rsp_err_i = irsp && ip.q.front().err;
        top->dbus_rsp_valid_i = drsp;
        top->dbus_rsp_rdata_i = drsp ? dp.q.front().rdata : 0xdeadbeef;
        top->dbus_rsp_err_i = drsp && dp.q.front().err;
        top->irq_timer_i = mem.mtime >= mem.mtimecmp;
        top->irq_ext_i = mem.irq_ext;
        top->mtime_i = mem.mtime;
        top->clk_i = 0;
        top->eval();

        // Requests of this cycle: bus rule 1, acceptance.
        struct Req {
            Port *p;
            bool valid, ready, we;
            uint32_t addr, be, wdata;
            unsigned late;
        } reqs[2] = {
            {&ip, top->ibus_req_valid_o != 0, iready, top->ibus_req_we_o != 0, top->ibus_req_addr_o,
             top->ibus_req_be_o, top->ibus_req_wdata_o, ilate_pct},
            {&dp, top->dbus_req_valid_o != 0, dready, top->dbus_req_we_o != 0, top->dbus_req_addr_o,
             top->dbus_req_be_o, top->dbus_req_wdata_o, dlate_pct},
        };
        for (Req &r : reqs) {
            Port &p = *r.p;
            if (p.waiting && (!r.valid || r.addr != p.w_addr || r.we != p.w_we || r.be != p.w_be ||
                              (r.we && r.wdata != p.w_wdata))) {
                std::fprintf(stderr, "tb: cycle %" PRIu64 ": %s request withdrawn or changed before it was "
                                     "accepted (addr 0x%08x -> 0x%08x, valid %d)\n",
                             cycle, p.name, p.w_addr, r.addr, r.valid);
                return kExitProtocol;
            }
            if (r.valid && (r.addr & 3) != 0) {
                std::fprintf(stderr, "tb: cycle %" PRIu64 ": %s request to unaligned address 0x%08x\n", cycle,
                             p.name, r.addr);
                return kExitProtocol;
            }
            p.waiting = r.valid && !r.ready;
            p.w_addr = r.addr;
            p.w_we = r.we;
            p.w_be = r.be;
            p.w_wdata = r.wdata;
            if (r.valid && !r.ready) {
                p.stall_cycles++;
            }
            if (r.valid && r.ready) {
                Rsp s{};
                s.err = !mem.access(r.addr, r.we, r.be, r.wdata, &s.rdata);
                uint64_t at = cycle + 1;
                while (chance(r.late) && at < cycle + 8) {
                    at++;
                }
                s.at = at > p.last_at + 1 ? at : p.last_at + 1;  // in order, one per cycle
                if (p.q.empty() && s.at < p.last_at + 1) {
                    s.at = p.last_at + 1;
                }
                p.last_at = s.at;
                p.q.push_back(s);
                p.accepted++;
            }
        }
        if (irsp) {
            ip.q.pop_front();
        }
        if (drsp) {
            dp.q.pop_front();
        }

        top->clk_i = 1;
        top->eval();
        cycle++;
        mem.mtime++;
        if (mem.exited) {
            rc = static_cast<int>(mem.exit_code & 0xff);
            if (mem.exit_code != 0 && rc == 0) {
                rc = 1;
            }
            break;
        }
        if (cycle >= timeout) {
            std::fprintf(stderr, "tb: timeout after %" PRIu64 " cycles\n", cycle);
            rc = kExitTimeout;
            break;
        }
    }
    uint32_t instret = top->retired_o;
    if (!quiet) {
        std::fprintf(stderr, "tb: exit code %d, %" PRIu64 " cycles, %u instructions retired, CPI %.3f, "
                             "ibus %" PRIu64 " fetches %" PRIu64 " stall cycles, dbus %" PRIu64 " accesses %" PRIu64
                             " stall cycles\n",
                     rc, cycle, instret, instret ? static_cast<double>(cycle) / instret : 0.0, ip.accepted,
                     ip.stall_cycles, dp.accepted, dp.stall_cycles);
    }
    top->final();
    return rc;
}
