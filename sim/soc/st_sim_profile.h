// SPDX-License-Identifier: Apache-2.0
// st_sim_profile.h - the SoC simulator's cycle profiler (+profile=FILE): every cycle is charged to the pc
// of the instruction in the core's E stage (st_cpu_core pc_o: while E waits for a load, a store, the
// multiplier or a refilled fetch, the cycles go to the instruction that waits or to the jump that emptied
// it), and the counts are summed per function with the ELF's symbol table.
#ifndef ST_SIM_PROFILE_H
#define ST_SIM_PROFILE_H

#include <cstdint>
#include <string>
#include <vector>

class StSimProfile {
  public:
    // Counts pcs in [base, base + size) (the RAM); any other pc (the boot ROM) is counted apart.
    StSimProfile(uint32_t base, uint32_t size) : base_(base), counts_(size / 4, 0) {}

    void count(uint32_t pc)
    {
        uint32_t i = (pc - base_) >> 2;
        if (i < counts_.size()) {
            counts_[i]++;
        } else {
            outside_++;
        }
        total_++;
    }

    // Reads the function symbols of an ELF32 image (STT_FUNC with a size; otherwise the nearest symbol
    // below a pc names it). Returns false, with why, when the file has no usable symbol table.
    bool load_symbols(const std::vector<uint8_t> &elf, std::string *why);

    // Writes the report: functions by cycles, then every pc with cycles (pc, cycles, function+offset), for
    // `objdump -d` side by side. `title` goes into the header. Returns false if FILE cannot be written.
    bool write(const std::string &path, const std::string &title, uint64_t first, uint64_t last) const;

    // The functions with the most cycles, "name cycles percent" per entry, for stderr.
    std::string summary(unsigned top) const;

    uint64_t total() const { return total_; }

  private:
    struct Sym {
        uint32_t addr, size;
        std::string name;
    };
    struct Line {
        std::string name;
        uint64_t cycles;
    };
    std::string name_of(uint32_t pc, uint32_t *offset) const;
    std::vector<Line> by_function() const;

    uint32_t base_;
    std::vector<uint64_t> counts_;
    uint64_t outside_ = 0, total_ = 0;
    std::vector<Sym> syms_;  // sorted by address
};

#endif
