// SPDX-License-Identifier: Apache-2.0
// st_ram_model.cpp - RAM model with random wait states and the write / protocol checkers.
#include "st_ram_model.h"

#include <cstdio>

namespace st {

RamModel::RamModel(uint32_t base, uint32_t size) : base_(base), size_(size), mem_(size, 0) {}

uint64_t RamModel::next_rand()
{
    // splitmix64: the RAM's wait states are reproducible from the seed the test prints
    uint64_t z = (rng_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void RamModel::add_write_region(uint32_t addr, uint32_t bytes)
{
    if (bytes != 0) {
        regions_.emplace_back(addr, addr + bytes);
    }
}

bool RamModel::writable(uint32_t addr) const
{
    for (const auto &r : regions_) {
        if (addr >= r.first && addr < r.second) {
            return true;
        }
    }
    return false;
}

void RamModel::protocol_error(const std::string &what)
{
    if (stats_.protocol_errors++ == 0) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "cycle %llu: ", (unsigned long long)cycle_);
        stats_.first_protocol_error = buf + what;
    }
}

void RamModel::reset()
{
    queue_.clear();
    holding_ = false;
    last_due_ = cycle_;
}

void RamModel::begin_cycle()
{
    stall_ = waits_.stall_pct != 0 && below(100) < waits_.stall_pct;
}

BusRsp RamModel::response() const
{
    BusRsp r;
    if (!queue_.empty() && queue_.front().due <= cycle_) {
        r.valid = true;
        r.rdata = queue_.front().rdata;
        r.err = queue_.front().err;
    }
    return r;
}

bool RamModel::ready() const
{
    if (stall_) {
        return false;
    }
    return waits_.max_outstanding == 0 || queue_.size() < waits_.max_outstanding;
}

void RamModel::edge(const BusReq &req, bool ready_given, const BusRsp &rsp_given)
{
    // Rule 1: a request held with req_ready low keeps every req_* signal stable until accepted.
    if (holding_) {
        if (!req.valid) {
            protocol_error("req_valid dropped while the request waited for req_ready");
        } else if (req.addr != held_.addr || req.we != held_.we || req.be != held_.be ||
                   (req.we && req.wdata != held_.wdata)) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "held request changed: addr %08x->%08x we %d->%d be %x->%x",
                          held_.addr, req.addr, held_.we, req.we, held_.be, req.be);
            protocol_error(buf);
        }
    }
    if (req.valid && !ready_given) {
        stats_.stall_cycles++;
    }
    holding_ = req.valid && !ready_given;
    if (holding_) {
        held_ = req;
    }
    if (rsp_given.valid) {
        queue_.pop_front();
    }
    if (req.valid && ready_given) {
        Pending p{0, 0, false};
        uint32_t lat = 0;
        if (waits_.max_latency != 0 && (next_rand() & 1u)) {
            lat = 1 + below(waits_.max_latency);
        }
        p.due = cycle_ + 1 + lat;
        if (p.due <= last_due_) {
            p.due = last_due_ + 1; // in order, one response per cycle
        }
        last_due_ = p.due;
        if ((req.addr & 3u) != 0) {
            protocol_error("misaligned word access");
        }
        bool in_err_window = req.addr >= err_lo_ && req.addr < err_hi_;
        if (!in_ram(req.addr)) {
            stats_.outside_ram++;
            p.err = true;
        } else if (in_err_window) {
            stats_.err_window++;
            p.err = true;
        }
        uint32_t off = (req.addr - base_) & ~3u;
        if (req.we) {
            stats_.writes++;
            if (req.be != 0xFu) {
                stats_.partial_writes++;
            }
            if (!writable(req.addr)) {
                if (stats_.bad_writes++ == 0) {
                    stats_.first_bad_write = req.addr;
                }
            }
            if (!p.err) {
                for (uint32_t b = 0; b < 4; b++) {
                    if ((req.be >> b) & 1u) {
                        mem_[off + b] = (uint8_t)(req.wdata >> (8 * b));
                    }
                }
            }
        } else {
            stats_.reads++;
            if (!p.err) {
                p.rdata = (uint32_t)mem_[off] | (uint32_t)mem_[off + 1] << 8 | (uint32_t)mem_[off + 2] << 16 |
                          (uint32_t)mem_[off + 3] << 24;
            } else {
                p.rdata = 0xDEADBEEFu;
            }
        }
        queue_.push_back(p);
    }
    cycle_++;
}

} // namespace st
