// SPDX-License-Identifier: Apache-2.0
// st_sim_flash.h - a behavioural model of the iCEBreaker's SPI flash (Winbond W25Q128JV, 16 MiB) for the
// SoC simulator: the commands the boot ROM uses, at clock-cycle granularity.
//
// The harness calls step() once per clock cycle with the pins as the SoC drives them after the clock
// edge and puts the returned MISO level on the SoC's input before the next edge. Mode 0: MOSI is sampled
// at rising SCK edges, MISO changes after falling edges (the first bit of a read after the falling edge
// that ends the last address bit).
//
// Commands: 0x03 READ (24-bit address, any number of bytes, wrapping at the end of the array), 0x9F JEDEC
// ID (EF 40 18), 0x05 READ STATUS-1 (0), 0xAB RELEASE POWER-DOWN, 0xB9 POWER-DOWN, 0xFF (continuous-read
// reset: ignored). Any other command is counted as unsupported and ignored (MISO stays high).
// Powered down (at start with power_down = true, or after 0xB9), the flash ignores everything but 0xAB;
// after 0xAB it needs tRES1 (3 us, `wake_cycles`) before it answers a command: a command sent earlier is
// ignored and counted as a violation. Contents start erased (0xFF).

#ifndef ST_SIM_FLASH_H
#define ST_SIM_FLASH_H

#include <cstdint>
#include <string>
#include <vector>

class StSimFlash {
  public:
    static constexpr uint32_t kSize = 16u << 20;  // W25Q128: 16 MiB

    StSimFlash();

    // Loads the bytes of `path` at byte `offset`; false (and a message on stderr) when the file cannot be
    // read or does not fit.
    bool load(const std::string &path, uint32_t offset);
    // Parses "FILE" or "FILE@OFFSET" (offset decimal or 0x hex) and loads it.
    bool load_spec(const std::string &spec);

    void set_power_down(bool pd) { powered_down_ = pd; }
    void set_wake_cycles(uint64_t c) { wake_cycles_ = c; }

    // One clock cycle: the pins after the edge; returns MISO for the next edge.
    bool step(uint64_t cycle, bool cs_n, bool sck, bool mosi);

    uint64_t bytes_read() const { return bytes_read_; }
    uint64_t commands() const { return commands_; }
    uint64_t violations() const { return violations_; }
    uint64_t unsupported() const { return unsupported_; }

  private:
    enum class State { Cmd, Addr, Read, Out, Ignore };
    void start_command(uint64_t cycle, uint8_t cmd);
    void byte_in(uint64_t cycle, uint8_t b);
    uint8_t next_out_byte();

    std::vector<uint8_t> mem_;
    bool prev_cs_n_ = true, prev_sck_ = false;
    bool miso_ = true;
    State state_ = State::Cmd;
    uint8_t cmd_ = 0;
    uint8_t in_byte_ = 0;
    unsigned in_bits_ = 0;
    unsigned addr_bytes_ = 0;
    uint32_t addr_ = 0;
    uint8_t out_byte_ = 0xff;
    unsigned out_bits_ = 8;  // bits of out_byte_ already shifted out
    std::vector<uint8_t> fixed_out_;  // JEDEC ID / status bytes
    size_t fixed_pos_ = 0;
    bool powered_down_ = false;
    uint64_t wake_cycles_ = 0, awake_at_ = 0;
    uint64_t bytes_read_ = 0, commands_ = 0, violations_ = 0, unsupported_ = 0;
};

#endif
