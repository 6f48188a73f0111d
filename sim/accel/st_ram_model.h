// SPDX-License-Identifier: Apache-2.0
// st_ram_model.h - the RAM the accelerator's bus master sees in the testbench (docs/bus.md): 128 KiB at
// ST_RAM_BASE, random req_ready stalls and random in-order response latency from a seeded generator, a
// write checker (every accepted write must fall inside a declared output buffer) and a protocol checker
// (held requests stay stable). It knows nothing about Verilator: the harness hands it the master's
// signals once per cycle, so it can be unit-tested alone.
#ifndef ST_RAM_MODEL_H
#define ST_RAM_MODEL_H

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace st {

/// One cycle of the master's request signals.
struct BusReq {
    bool valid = false;
    uint32_t addr = 0;
    bool we = false;
    uint32_t be = 0;
    uint32_t wdata = 0;
};

/// One cycle of the slave's response signals.
struct BusRsp {
    bool valid = false;
    uint32_t rdata = 0;
    bool err = false;
};

/// Wait-state profile; all zero = single-cycle RAM (request at t, response at t+1, back to back).
struct RamWaits {
    uint32_t stall_pct = 0;       ///< chance (percent) that req_ready is low in a cycle
    uint32_t max_latency = 0;     ///< extra response delay, 0..max_latency cycles (half the draws are 0)
    uint32_t max_outstanding = 0; ///< accepted but unanswered requests the RAM holds; 0 = no limit
};

/// Counters since the last clear_stats().
struct RamStats {
    uint64_t reads = 0, writes = 0;     ///< accepted requests
    uint64_t stall_cycles = 0;          ///< cycles with req_valid high and req_ready low
    uint64_t bad_writes = 0;            ///< accepted writes outside every declared output buffer
    uint32_t first_bad_write = 0;       ///< address of the first one
    uint64_t outside_ram = 0;           ///< accepted requests outside RAM (answered with rsp_err)
    uint64_t err_window = 0;            ///< accepted requests inside the injected error window
    uint64_t protocol_errors = 0;       ///< a held request changed, or other bus-rule violations
    std::string first_protocol_error;
    uint64_t partial_writes = 0;        ///< writes with byte enables other than 0xF
};

class RamModel {
public:
    RamModel(uint32_t base, uint32_t size);

    uint32_t base() const { return base_; }
    uint32_t size() const { return size_; }
    /// Host view of the RAM contents (byte i = address base + i).
    uint8_t *data() { return mem_.data(); }

    void seed(uint64_t s) { rng_ = s ? s : 1; }
    void set_waits(const RamWaits &w) { waits_ = w; }
    const RamWaits &waits() const { return waits_; }

    /// Declare an output buffer: writes to [addr, addr + bytes) are legal. clear_write_regions() first.
    void clear_write_regions() { regions_.clear(); }
    void add_write_region(uint32_t addr, uint32_t bytes);
    /// Accesses to [addr, addr + bytes) get rsp_err (a write there has no effect); bytes 0 = none.
    void set_error_window(uint32_t addr, uint32_t bytes) { err_lo_ = addr; err_hi_ = addr + bytes; }

    /// Drop outstanding responses (bus reset: rst_ni low).
    void reset();
    /// Requests accepted and not yet answered.
    size_t outstanding() const { return queue_.size(); }

    // ---- the per-cycle protocol, called by the harness in this order -------------------------------
    /// 1. Start a cycle: draw this cycle's stall.
    void begin_cycle();
    /// 2. The response presented this cycle (rsp_valid / rsp_rdata / rsp_err).
    BusRsp response() const;
    /// 3. req_ready this cycle (may depend on the request, here only on the stall and the queue).
    bool ready() const;
    /// 4. The clock edge: commit the handshake seen this cycle (req sampled after ready was applied).
    void edge(const BusReq &req, bool ready_given, const BusRsp &rsp_given);

    const RamStats &stats() const { return stats_; }
    void clear_stats() { stats_ = RamStats(); }
    uint64_t cycle() const { return cycle_; }

private:
    struct Pending {
        uint64_t due;
        uint32_t rdata;
        bool err;
    };
    uint64_t next_rand();
    uint32_t below(uint32_t n) { return (uint32_t)(((next_rand() >> 32) * (uint64_t)n) >> 32); }
    bool in_ram(uint32_t addr) const { return addr >= base_ && addr - base_ < size_; }
    bool writable(uint32_t addr) const;
    void protocol_error(const std::string &what);

    uint32_t base_, size_;
    std::vector<uint8_t> mem_;
    std::deque<Pending> queue_;
    std::vector<std::pair<uint32_t, uint32_t>> regions_; // [lo, hi)
    uint32_t err_lo_ = 0, err_hi_ = 0;
    RamWaits waits_;
    uint64_t rng_ = 1;
    bool stall_ = false;
    uint64_t cycle_ = 0;
    uint64_t last_due_ = 0;
    BusReq held_;       // the request last seen valid and not accepted
    bool holding_ = false;
    RamStats stats_;
};

} // namespace st

#endif // ST_RAM_MODEL_H
