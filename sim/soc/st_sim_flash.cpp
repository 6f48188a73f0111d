// SPDX-License-Identifier: Apache-2.0
// st_sim_flash.cpp - the SPI flash model of st_sim_flash.h.

#include "st_sim_flash.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

StSimFlash::StSimFlash() : mem_(kSize, 0xff) {}

bool StSimFlash::load(const std::string &path, uint32_t offset)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        std::fprintf(stderr, "sim: flash: cannot open '%s': %s\n", path.c_str(), std::strerror(errno));
        return false;
    }
    std::vector<uint8_t> d;
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        d.insert(d.end(), buf, buf + n);
    }
    bool ok = std::ferror(f) == 0;
    std::fclose(f);
    if (!ok) {
        std::fprintf(stderr, "sim: flash: error reading '%s'\n", path.c_str());
        return false;
    }
    if (offset > kSize || d.size() > kSize - offset) {
        std::fprintf(stderr, "sim: flash: '%s' (%zu bytes) at offset 0x%x does not fit the %u-byte flash\n",
                     path.c_str(), d.size(), offset, kSize);
        return false;
    }
    std::memcpy(&mem_[offset], d.data(), d.size());
    return true;
}

bool StSimFlash::load_spec(const std::string &spec)
{
    size_t at = spec.rfind('@');
    if (at == std::string::npos) {
        return load(spec, 0);
    }
    std::string off = spec.substr(at + 1);
    char *end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(off.c_str(), &end, 0);
    if (off.empty() || errno != 0 || *end != '\0' || off[0] == '-' || v >= kSize) {
        std::fprintf(stderr, "sim: +flash=%s: bad offset '%s' (expected 0 .. 0x%x)\n", spec.c_str(), off.c_str(),
                     kSize - 1);
        return false;
    }
    return load(spec.substr(0, at), (uint32_t)v);
}

void StSimFlash::start_command(uint64_t cycle, uint8_t cmd)
{
    commands_++;
    cmd_ = cmd;
    if (powered_down_) {
        if (cmd == 0xab) {
            powered_down_ = false;
            awake_at_ = cycle + wake_cycles_;
        }
        state_ = State::Ignore;
        return;
    }
    if (cycle < awake_at_) {
        violations_++;  // a command within tRES1 of the wake-up
        std::fprintf(stderr, "sim: flash: command 0x%02x at cycle %llu, %llu cycles before the flash is awake\n",
                     cmd, (unsigned long long)cycle, (unsigned long long)(awake_at_ - cycle));
        state_ = State::Ignore;
        return;
    }
    switch (cmd) {
    case 0x03:
        state_ = State::Addr;
        addr_bytes_ = 0;
        addr_ = 0;
        break;
    case 0x9f:
        fixed_out_ = {0xef, 0x40, 0x18};
        fixed_pos_ = 0;
        state_ = State::Out;
        break;
    case 0x05:
        fixed_out_ = {0x00};
        fixed_pos_ = 0;
        state_ = State::Out;
        break;
    case 0xb9:
        powered_down_ = true;
        state_ = State::Ignore;
        break;
    case 0xab:
    case 0xff:
        state_ = State::Ignore;
        break;
    default:
        unsupported_++;
        state_ = State::Ignore;
        break;
    }
}

uint8_t StSimFlash::next_out_byte()
{
    if (state_ == State::Read) {
        uint8_t b = mem_[addr_];
        addr_ = (addr_ + 1) % kSize;
        bytes_read_++;
        return b;
    }
    if (state_ == State::Out) {
        uint8_t b = fixed_out_[fixed_pos_];
        fixed_pos_ = (fixed_pos_ + 1) % fixed_out_.size();  // status registers repeat while CS stays low
        return b;
    }
    return 0xff;
}

void StSimFlash::byte_in(uint64_t cycle, uint8_t b)
{
    switch (state_) {
    case State::Cmd:
        start_command(cycle, b);
        break;
    case State::Addr:
        addr_ = (addr_ << 8) | b;
        if (++addr_bytes_ == 3) {
            addr_ %= kSize;
            state_ = State::Read;
        }
        break;
    default:
        break;  // data phase: what the master sends is ignored
    }
}

bool StSimFlash::step(uint64_t cycle, bool cs_n, bool sck, bool mosi)
{
    if (cs_n) {
        if (!prev_cs_n_ && state_ == State::Cmd && in_bits_ != 0) {
            violations_++;  // a partial command byte
        }
        state_ = State::Cmd;
        in_bits_ = 0;
        in_byte_ = 0;
        out_bits_ = 8;
        miso_ = true;  // high impedance, pulled up
    } else {
        bool rise = sck && !prev_sck_;
        bool fall = !sck && prev_sck_;
        if (prev_cs_n_ && sck) {
            violations_++;  // mode 0: SCK must be low when CS falls
        }
        if (rise) {
            in_byte_ = (uint8_t)((in_byte_ << 1) | (mosi ? 1 : 0));
            if (++in_bits_ == 8) {
                in_bits_ = 0;
                bool was_output = state_ == State::Read || state_ == State::Out;
                byte_in(cycle, in_byte_);
                if (!was_output && (state_ == State::Read || state_ == State::Out)) {
                    out_bits_ = 8;  // the output starts at the falling edge that ends this byte
                }
            }
        }
        if (fall && (state_ == State::Read || state_ == State::Out)) {
            if (out_bits_ == 8) {
                out_byte_ = next_out_byte();
                out_bits_ = 0;
            }
            miso_ = ((out_byte_ >> (7 - out_bits_)) & 1u) != 0;
            out_bits_++;
        }
    }
    prev_cs_n_ = cs_n;
    prev_sck_ = sck;
    return miso_;
}
