// SPDX-License-Identifier: Apache-2.0
// st_soc_sim.cpp - the cycle-accurate SoC simulator: Verilated st_soc_top plus firmware loader, UART console,
// simulation control and statistics.
//
//   st_soc_sim +firmware=prog.elf|prog.hex [+timeout=CYCLES] [+trace[=FILE.fst]] [+trace_start=C]
//              [+trace_end=C] [+uart_in=TEXT] [+uart_in_file=FILE] [+uart_in_delay=C] [+stats=FILE.json]
//              [+quiet] [+flash=FILE[@OFFSET]] [+flash_pd] [+flash_wake=C] [+btn]
//              [+profile=FILE [+profile_start=C] [+profile_end=C] [+profile_elf=ELF]]
//
// The firmware image is loaded into the RAM model before the first clock edge through the DPI function
// st_sim_ram_init() (rtl/soc/st_soc_spram.sv). The UART TX line is decoded here, bit by bit at the rate the
// UART's divisor sets, and printed on stdout as it arrives; SIMCTRL.PUTC bytes go there as well. A write to
// SIMCTRL.EXIT ends the run: the process exits with the written code (a nonzero code whose low 8 bits are 0
// becomes 1, so a failure never reads as success). Other outcomes: 124 = timeout, 2 = bad arguments or
// firmware file. At the end the cycles, instructions retired, CPI and simulated cycles per second (per
// second of this process's CPU time) go to stderr (and to +stats= as JSON, with the wall-clock rate too).
// +profile= charges every cycle to the pc in the core's E stage and sums them per function (st_sim_profile.h).

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "Vst_soc_top.h"
#ifndef ST_SIM_NO_BACKDOOR  // the gate-level build (fpga/icebreaker/gate.mk) has no RAM backdoor
#include "Vst_soc_top__Dpi.h"
#endif
#include "st_sim_flash.h"
#include "st_sim_profile.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace {

constexpr uint32_t kRamBase = 0x00000000u;  // st_regs.def: RAM block
constexpr uint32_t kRamSize = 0x00020000u;
constexpr uint32_t kBankSize = kRamSize / 2;  // two banks of two 16-bit SPRAM halves
constexpr int kExitTimeout = 124;
constexpr int kExitUsage = 2;
#ifdef ST_SIM_ACCEL
constexpr bool kAccel = true;  // built with the accelerator (rtl/soc/soc.mk: ST_SOC_ACCEL)
#else
constexpr bool kAccel = false;
#endif
#ifdef ST_SIM_COP
constexpr bool kCop = true;  // built with the coprocessor instead (rtl/soc/soc.mk: SOC_COP=1, ST_SOC_COP)
#else
constexpr bool kCop = false;
#endif

std::vector<uint8_t> g_ram(kRamSize, 0);  // the firmware image, read by the RAM model at time 0
std::vector<uint8_t> g_elf;                 // the +firmware ELF file (the profiler's symbols)

struct Options {
    std::string firmware;
    uint64_t timeout = 100000000ull;
    bool trace = false;
    std::string trace_file = "st_soc_sim.fst";
    uint64_t trace_start = 0;
    uint64_t trace_end = UINT64_MAX;
    std::string uart_in;
    uint64_t uart_in_delay = 2000;
    std::string stats_file;
    bool quiet = false;
    std::vector<std::string> flash;  // +flash=FILE[@OFFSET]: SPI flash contents (boot path, docs/fpga.md)
    bool flash_pd = false;           // +flash_pd: the flash starts in deep power-down
    uint64_t flash_wake = 100;       // +flash_wake=C: tRES1 in cycles
    bool btn = false;                // +btn: the user button held down
    std::string profile;             // +profile=FILE: cycles per pc and per function
    uint64_t profile_start = 0, profile_end = UINT64_MAX;
    std::string profile_elf;         // +profile_elf=ELF: symbols (default: the +firmware ELF)
};

void usage(FILE *f)
{
    std::fprintf(f,
                 "usage: st_soc_sim +firmware=FILE [options]   (SoC %s)\n"
                 "  +firmware=FILE      ELF32 RISC-V executable, or $readmemh hex of 32-bit words (@ = word address)\n"
                 "  +timeout=CYCLES     stop after this many cycles (default 100000000), exit code 124\n"
                 "  +trace[=FILE]       write an FST waveform (default st_soc_sim.fst)\n"
                 "  +trace_start=C      first cycle to trace (default 0)\n"
                 "  +trace_end=C        stop tracing at this cycle (default: end of run)\n"
                 "  +uart_in=TEXT       bytes to send to the UART RX line (\\n, \\r, \\\\ and \\xHH escapes)\n"
                 "  +uart_in_file=FILE  bytes to send to the UART RX line, from a file\n"
                 "  +uart_in_delay=C    cycle at which to start sending (default 2000)\n"
                 "  +stats=FILE         write cycles, instret, CPI, speed and exit code as JSON\n"
                 "  +quiet              no statistics on stderr\n"
                 "  +flash=FILE[@OFF]   load FILE into the SPI flash model at byte OFF (repeatable); without\n"
                 "                      +firmware the RAM starts with garbage, as SPRAM does on the board\n"
                 "  +flash_pd           the flash starts in deep power-down (as iceprog leaves it)\n"
                 "  +flash_wake=C       cycles the flash needs after RELEASE POWER-DOWN (default 100)\n"
                 "  +btn                hold the user button\n"
                 "  +profile=FILE       charge every cycle to the pc in the core's E stage; write cycles per\n"
                 "                      function and per pc to FILE, the top functions to stderr\n"
                 "  +profile_start=C    first cycle profiled (default 0); +profile_end=C: stop before it\n"
                 "  +profile_elf=ELF    the symbols to name functions by (default: the +firmware ELF)\n",
                 kAccel ? "with the accelerator" : kCop ? "with the coprocessor" : "without the accelerator");
}

bool parse_u64(const char *s, uint64_t *out)
{
    char *end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s, &end, 0);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-') {
        return false;
    }
    *out = v;
    return true;
}

// Decodes the escapes of +uart_in=.
bool unescape(const std::string &in, std::string *out)
{
    for (size_t i = 0; i < in.size(); i++) {
        char c = in[i];
        if (c != '\\') {
            out->push_back(c);
            continue;
        }
        if (++i >= in.size()) {
            return false;
        }
        switch (in[i]) {
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case '\\': out->push_back('\\'); break;
        case 'x': {
            if (i + 2 >= in.size()) {
                return false;
            }
            std::string hex = in.substr(i + 1, 2);
            char *end = nullptr;
            long v = std::strtol(hex.c_str(), &end, 16);
            if (hex.size() != 2 || *end != '\0') {
                return false;
            }
            out->push_back((char)v);
            i += 2;
            break;
        }
        default: return false;
        }
    }
    return true;
}

bool read_file(const std::string &path, std::vector<uint8_t> *data)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        std::fprintf(stderr, "sim: cannot open '%s': %s\n", path.c_str(), std::strerror(errno));
        return false;
    }
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        data->insert(data->end(), buf, buf + n);
    }
    bool ok = std::ferror(f) == 0;
    std::fclose(f);
    if (!ok) {
        std::fprintf(stderr, "sim: error reading '%s'\n", path.c_str());
    }
    return ok;
}

uint32_t rd16(const std::vector<uint8_t> &d, size_t o)
{
    return (uint32_t)d[o] | ((uint32_t)d[o + 1] << 8);
}

uint32_t rd32(const std::vector<uint8_t> &d, size_t o)
{
    return rd16(d, o) | (rd16(d, o + 2) << 16);
}

// Loads the PT_LOAD segments of an ELF32 little-endian RISC-V executable into g_ram.
bool load_elf(const std::string &path, const std::vector<uint8_t> &d)
{
    if (d.size() < 52 || d[4] != 1 || d[5] != 1) {
        std::fprintf(stderr, "sim: '%s': not a 32-bit little-endian ELF file\n", path.c_str());
        return false;
    }
    uint32_t machine = rd16(d, 18), entry = rd32(d, 24), phoff = rd32(d, 28);
    uint32_t phentsize = rd16(d, 42), phnum = rd16(d, 44);
    if (machine != 243) {
        std::fprintf(stderr, "sim: '%s': e_machine %u is not RISC-V (243)\n", path.c_str(), machine);
        return false;
    }
    if (phentsize != 32 || (uint64_t)phoff + (uint64_t)phnum * 32 > d.size()) {
        std::fprintf(stderr, "sim: '%s': program header table out of the file (phoff %u, %u entries)\n",
                     path.c_str(), phoff, phnum);
        return false;
    }
    unsigned loaded = 0;
    for (uint32_t i = 0; i < phnum; i++) {
        size_t ph = phoff + (size_t)i * 32;
        uint32_t type = rd32(d, ph), offset = rd32(d, ph + 4), paddr = rd32(d, ph + 12);
        uint32_t filesz = rd32(d, ph + 16), memsz = rd32(d, ph + 20);
        if (type != 1 || memsz == 0) {  // PT_LOAD with contents
            continue;
        }
        if (filesz > memsz || (uint64_t)offset + filesz > d.size()) {
            std::fprintf(stderr, "sim: '%s': segment %u: file range 0x%x+0x%x out of the file\n", path.c_str(), i,
                         offset, filesz);
            return false;
        }
        if (paddr < kRamBase || (uint64_t)paddr + memsz > (uint64_t)kRamBase + kRamSize) {
            std::fprintf(stderr, "sim: '%s': segment %u at 0x%08x size 0x%x lies outside RAM (0x%08x-0x%08x)\n",
                         path.c_str(), i, paddr, memsz, kRamBase, kRamBase + kRamSize - 1);
            return false;
        }
        std::memcpy(&g_ram[paddr - kRamBase], &d[offset], filesz);
        std::memset(&g_ram[paddr - kRamBase + filesz], 0, memsz - filesz);
        loaded++;
    }
    if (loaded == 0) {
        std::fprintf(stderr, "sim: '%s': no loadable segment\n", path.c_str());
        return false;
    }
    if (entry != kRamBase) {
        std::fprintf(stderr, "sim: warning: '%s': entry point 0x%08x is not the reset vector 0x%08x\n", path.c_str(),
                     entry, kRamBase);
    }
    return true;
}

// Loads a $readmemh image of 32-bit words ("@" word addresses, as objcopy -O verilog
// --verilog-data-width=4 writes it) into g_ram.
bool load_hex(const std::string &path, const std::vector<uint8_t> &d)
{
    std::string text(d.begin(), d.end());
    uint64_t word = 0;
    size_t pos = 0;
    unsigned line = 1;
    while (pos < text.size()) {
        char c = text[pos];
        if (c == '\n') {
            line++;
            pos++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            pos++;
            continue;
        }
        if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '/') {
            while (pos < text.size() && text[pos] != '\n') {
                pos++;
            }
            continue;
        }
        size_t start = pos;
        while (pos < text.size() && !std::isspace((unsigned char)text[pos])) {
            pos++;
        }
        std::string tok = text.substr(start, pos - start);
        bool addr = tok[0] == '@';
        std::string digits = addr ? tok.substr(1) : tok;
        char *end = nullptr;
        unsigned long long v = std::strtoull(digits.c_str(), &end, 16);
        if (digits.empty() || *end != '\0' || (!addr && digits.size() != 8)) {
            std::fprintf(stderr, "sim: '%s' line %u: bad token '%s' (expected @ADDR or 8 hex digits)\n", path.c_str(),
                         line, tok.c_str());
            return false;
        }
        if (addr) {
            word = v;
            continue;
        }
        if (word >= kRamSize / 4) {
            std::fprintf(stderr, "sim: '%s' line %u: word address 0x%llx lies outside RAM (%u words)\n", path.c_str(),
                         line, (unsigned long long)word, kRamSize / 4);
            return false;
        }
        for (int b = 0; b < 4; b++) {
            g_ram[word * 4 + b] = (uint8_t)(v >> (8 * b));
        }
        word++;
    }
    return true;
}

bool load_firmware(const std::string &path)
{
    std::vector<uint8_t> d;
    if (!read_file(path, &d)) {
        return false;
    }
    if (d.size() >= 4 && d[0] == 0x7f && d[1] == 'E' && d[2] == 'L' && d[3] == 'F') {
        g_elf = d;
        return load_elf(path, d);
    }
    return load_hex(path, d);
}

// Decodes the UART TX line: 8N1 at (div + 1) cycles per bit, sampled at the middle of each bit.
class UartDecoder {
  public:
    // Called once per cycle with the line after the clock edge; returns a byte or -1.
    int step(uint64_t cycle, bool line, uint32_t div)
    {
        if (!active_) {
            if (!line) {
                active_ = true;
                period_ = (uint64_t)div + 1;
                next_ = cycle + period_ / 2 + period_;  // middle of data bit 0
                bit_ = 0;
                byte_ = 0;
            }
            return -1;
        }
        if (cycle != next_) {
            return -1;
        }
        next_ += period_;
        if (bit_ < 8) {
            byte_ |= (uint32_t)line << bit_;
            bit_++;
            return -1;
        }
        active_ = false;  // the stop bit
        if (!line) {
            framing_errors_++;
            return -1;
        }
        return (int)byte_;
    }
    uint64_t framing_errors() const { return framing_errors_; }

  private:
    bool active_ = false;
    uint64_t period_ = 1, next_ = 0, framing_errors_ = 0;
    unsigned bit_ = 0;
    uint32_t byte_ = 0;
};

// Drives the UART RX line with queued bytes, 8N1 at the UART's current divisor, one idle bit-time between
// bytes.
class UartDriver {
  public:
    void queue(const std::string &s) { bytes_.insert(bytes_.end(), s.begin(), s.end()); }
    bool line(uint64_t cycle, uint32_t div)
    {
        if (!active_) {
            if (bytes_.empty() || cycle < start_) {
                return true;
            }
            active_ = true;
            period_ = (uint64_t)div + 1;
            frame_ = 0x200u | ((uint32_t)(uint8_t)bytes_.front() << 1);  // stop, data, start
            bytes_.pop_front();
            t0_ = cycle;
        }
        uint64_t bit = (cycle - t0_) / period_;
        if (bit >= 11) {  // ten frame bits and one idle bit
            active_ = false;
            return line(cycle, div);
        }
        return bit >= 10 ? true : ((frame_ >> bit) & 1u) != 0;
    }
    void set_start(uint64_t c) { start_ = c; }

  private:
    std::deque<char> bytes_;
    bool active_ = false;
    uint64_t period_ = 1, t0_ = 0, start_ = 0;
    uint32_t frame_ = 0;
};

bool parse_args(int argc, char **argv, Options *o, std::string *uart_in)
{
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto val = [&](const char *key, std::string *out) {
            std::string k = std::string("+") + key + "=";
            if (a.compare(0, k.size(), k) == 0) {
                *out = a.substr(k.size());
                return true;
            }
            return false;
        };
        std::string v;
        // +KEY=N options: a number, or an error that names the option
        bool num_bad = false;
        auto num = [&](const char *key, uint64_t *out, const char *what) {
            if (!val(key, &v)) {
                return false;
            }
            if (!parse_u64(v.c_str(), out)) {
                std::fprintf(stderr, "sim: +%s=%s: expected %s\n", key, v.c_str(), what);
                num_bad = true;
            }
            return true;
        };
        if (num("trace_start", &o->trace_start, "a cycle number") ||
            num("trace_end", &o->trace_end, "a cycle number") ||
            num("uart_in_delay", &o->uart_in_delay, "a cycle number") ||
            num("flash_wake", &o->flash_wake, "a cycle count") ||
            num("profile_start", &o->profile_start, "a cycle number") ||
            num("profile_end", &o->profile_end, "a cycle number")) {
            if (num_bad) {
                return false;
            }
        } else if (a == "-h" || a == "--help" || a == "+help") {
            usage(stdout);
            std::exit(0);
        } else if (val("firmware", &v)) {
            o->firmware = v;
        } else if (val("timeout", &v)) {
            if (!parse_u64(v.c_str(), &o->timeout) || o->timeout == 0) {
                std::fprintf(stderr, "sim: +timeout=%s: expected a positive cycle count\n", v.c_str());
                return false;
            }
        } else if (a == "+trace") {
            o->trace = true;
        } else if (val("trace", &v)) {
            o->trace = true;
            o->trace_file = v;
        } else if (val("uart_in", &v)) {
            if (!unescape(v, uart_in)) {
                std::fprintf(stderr, "sim: +uart_in=%s: bad escape (use \\n \\r \\t \\\\ \\xHH)\n", v.c_str());
                return false;
            }
        } else if (val("uart_in_file", &v)) {
            std::vector<uint8_t> d;
            if (!read_file(v, &d)) {
                return false;
            }
            uart_in->append(d.begin(), d.end());
        } else if (val("stats", &v)) {
            o->stats_file = v;
        } else if (a == "+quiet") {
            o->quiet = true;
        } else if (val("flash", &v)) {
            o->flash.push_back(v);
        } else if (a == "+flash_pd") {
            o->flash_pd = true;
        } else if (a == "+btn") {
            o->btn = true;
        } else if (val("profile", &v)) {
            o->profile = v;
        } else if (val("profile_elf", &v)) {
            o->profile_elf = v;
        } else {
            std::fprintf(stderr, "sim: unknown argument '%s'\n", a.c_str());
            usage(stderr);
            return false;
        }
    }
    if (o->firmware.empty() && o->flash.empty()) {
        std::fprintf(stderr, "sim: no firmware: pass +firmware=FILE (ELF or hex), or +flash= for a boot from flash\n");
        usage(stderr);
        return false;
    }
    if (o->profile_end <= o->profile_start) {
        std::fprintf(stderr, "sim: +profile_end (%llu) must be after +profile_start (%llu)\n",
                     (unsigned long long)o->profile_end, (unsigned long long)o->profile_start);
        return false;
    }
    if (o->profile.empty() && (o->profile_start != 0 || o->profile_end != UINT64_MAX || !o->profile_elf.empty())) {
        std::fprintf(stderr, "sim: +profile_start, +profile_end and +profile_elf need +profile=FILE\n");
        return false;
    }
    if (o->trace_end <= o->trace_start) {
        std::fprintf(stderr, "sim: +trace_end (%llu) must be after +trace_start (%llu)\n",
                     (unsigned long long)o->trace_end, (unsigned long long)o->trace_start);
        return false;
    }
    return true;
}

}  // namespace

#ifndef ST_SIM_NO_BACKDOOR
// DPI: 16-bit word `index` of SPRAM block `block` (0/1: bank 0 low/high half, 2/3: bank 1).
int st_sim_ram_init(int block, int index)
{
    if (block < 0 || block > 3 || index < 0 || (uint32_t)index >= kBankSize / 4) {
        return 0;
    }
    size_t addr = (size_t)(block / 2) * kBankSize + (size_t)index * 4 + (size_t)(block % 2) * 2;
    return (int)(g_ram[addr] | ((uint32_t)g_ram[addr + 1] << 8));
}
#endif

int main(int argc, char **argv)
{
    Options opt;
    std::string uart_in;
    if (!parse_args(argc, argv, &opt, &uart_in)) {
        return kExitUsage;
    }
    StSimFlash flash;
    uint32_t led_last = 0;
    uint64_t led_changes[2] = {0, 0};
    if (opt.firmware.empty()) {
        // Boot from flash: SPRAM holds garbage at power-up; a fixed pattern makes runs reproducible.
        uint32_t x = 0x2545f491u;
        for (auto &b : g_ram) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            b = (uint8_t)x;
        }
    } else if (!load_firmware(opt.firmware)) {
        return kExitUsage;
    }
    for (const auto &spec : opt.flash) {
        if (!flash.load_spec(spec)) {
            return kExitUsage;
        }
    }
    std::unique_ptr<StSimProfile> prof;
    if (!opt.profile.empty()) {
        prof = std::make_unique<StSimProfile>(kRamBase, kRamSize);
        std::vector<uint8_t> elf;
        const std::vector<uint8_t> *syms = &g_elf;
        std::string why, from = opt.profile_elf.empty() ? opt.firmware : opt.profile_elf;
        if (!opt.profile_elf.empty()) {
            if (!read_file(opt.profile_elf, &elf)) {
                return kExitUsage;
            }
            syms = &elf;
        }
        if (from.empty() || !prof->load_symbols(*syms, &why)) {
            // no symbols: the profile still counts every pc, named "?"
            std::fprintf(stderr, "sim: warning: +profile: no symbols from '%s' (%s); functions are named '?'\n",
                         from.c_str(), from.empty() ? "no ELF: pass +profile_elf=" : why.c_str());
        }
    }
    flash.set_power_down(opt.flash_pd);
    flash.set_wake_cycles(opt.flash_wake);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    ctx->fatalOnError(true);
    if (opt.trace) {
        ctx->traceEverOn(true);
    }
    auto top = std::make_unique<Vst_soc_top>(ctx.get(), "TOP");
    std::unique_ptr<VerilatedFstC> tfp;
    if (opt.trace) {
        tfp = std::make_unique<VerilatedFstC>();
        top->trace(tfp.get(), 99);
        tfp->open(opt.trace_file.c_str());
        if (!tfp->isOpen()) {
            std::fprintf(stderr, "sim: cannot open trace file '%s'\n", opt.trace_file.c_str());
            return kExitUsage;
        }
    }

    UartDecoder uart_out;
    UartDriver uart_drv;
    uart_drv.queue(uart_in);
    uart_drv.set_start(opt.uart_in_delay);

    // Reset: five cycles with rst_ni low.
    top->clk_i = 0;
    top->rst_ni = 0;
    top->uart_rx_i = 1;
    top->btn_i = opt.btn ? 1 : 0;
    top->spi_miso_i = 1;
    uint64_t cycle = 0;  // clock edges since reset was released
    uint64_t ticks = 0;  // half-cycles, the trace's time base
    for (int i = 0; i < 5; i++) {
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
    }
    top->clk_i = 0;
    top->eval();
    top->rst_ni = 1;

    bool exited = false;
    uint32_t exit_code = 0;
    uint32_t retired_last = 0;
    uint64_t retired_wraps = 0;
    auto t_start = std::chrono::steady_clock::now();
    // CPU time of this process as well as wall time: on a shared machine the wall clock also counts the
    // time other processes held the core.
    std::clock_t cpu_start = std::clock();
    while (cycle < opt.timeout) {
        top->uart_rx_i = uart_drv.line(cycle, top->sim_uart_div_o);
        top->clk_i = 1;
        top->eval();
        if (tfp && cycle >= opt.trace_start && cycle < opt.trace_end) {
            tfp->dump(ticks);
        }
        if (prof && cycle >= opt.profile_start && cycle < opt.profile_end) {
            prof->count(top->sim_pc_o);
        }
        ticks++;
        int c = uart_out.step(cycle, top->uart_tx_o, top->sim_uart_div_o);
        if (c >= 0) {
            std::fputc(c, stdout);
        }
        if (top->sim_putc_o) {
            std::fputc(top->sim_putc_char_o, stdout);
        }
        if (top->sim_exit_o) {
            exited = true;
            exit_code = top->sim_exit_code_o;
        }
        top->spi_miso_i = flash.step(cycle, top->spi_cs_no, top->spi_sck_o, top->spi_mosi_o) ? 1 : 0;
        if (top->led_o != led_last) {  // the boot ROM's LED patterns (docs/fpga.md)
            led_changes[0] += ((top->led_o ^ led_last) & 1u) != 0;
            led_changes[1] += ((top->led_o ^ led_last) & 2u) != 0;
            led_last = top->led_o;
        }
        top->clk_i = 0;
        top->eval();
        if (tfp && cycle >= opt.trace_start && cycle < opt.trace_end) {
            tfp->dump(ticks);
        }
        ticks++;
        cycle++;
        // retired_o is 32 bits: note each wrap (it cannot wrap twice in 2^20 cycles).
        if ((cycle & 0xfffffu) == 0) {
            uint32_t r = top->sim_retired_o;
            if (r < retired_last) {
                retired_wraps++;
            }
            retired_last = r;
        }
        if (exited) {
            break;
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
    double cpu_secs = (double)(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::fflush(stdout);
    top->final();
    if (tfp) {
        tfp->close();
    }

    uint32_t retired_now = top->sim_retired_o;
    if (retired_now < retired_last) {
        retired_wraps++;
    }
    uint64_t instret = (retired_wraps << 32) | retired_now;
    double cpi = instret ? (double)cycle / instret : 0.0;
    double speed = cpu_secs > 0 ? cycle / cpu_secs : 0.0;
    double speed_wall = secs > 0 ? cycle / secs : 0.0;
    int rc;
    if (exited) {
        rc = (exit_code & 0xffu) != 0 ? (int)(exit_code & 0xffu) : (exit_code != 0 ? 1 : 0);
    } else {
        rc = kExitTimeout;
        std::fprintf(stderr, "sim: TIMEOUT after %llu cycles (the firmware did not write SIMCTRL.EXIT)\n",
                     (unsigned long long)cycle);
    }
    if (!opt.flash.empty() && !opt.quiet) {
        std::fprintf(stderr, "sim: flash: %llu commands, %llu bytes read\n", (unsigned long long)flash.commands(),
                     (unsigned long long)flash.bytes_read());
        std::fprintf(stderr, "sim: leds: red %u green %u at the end, %llu / %llu changes\n", led_last & 1u,
                     (led_last >> 1) & 1u, (unsigned long long)led_changes[0], (unsigned long long)led_changes[1]);
    }
    if (flash.violations() != 0 || flash.unsupported() != 0) {
        std::fprintf(stderr, "sim: warning: flash: %llu SPI protocol violations, %llu unsupported commands\n",
                     (unsigned long long)flash.violations(), (unsigned long long)flash.unsupported());
    }
    if (uart_out.framing_errors() != 0) {
        std::fprintf(stderr, "sim: warning: %llu UART frames with a low stop bit\n",
                     (unsigned long long)uart_out.framing_errors());
    }
    if (!opt.quiet) {
        if (exited) {
            std::fprintf(stderr, "sim: exit code %u (0x%08x)\n", exit_code, exit_code);
        }
        std::fprintf(stderr,
                     "sim: %llu cycles, %llu instructions retired, CPI %.3f, %.2f s CPU (%.2f s wall), %.0f simulated "
                     "cycles/s\n",
                     (unsigned long long)cycle, (unsigned long long)instret, cpi, cpu_secs, secs, speed);
    }
    if (prof) {
        std::string title = opt.firmware.empty() ? "boot from flash" : opt.firmware;
        if (!prof->write(opt.profile, title, opt.profile_start, std::min<uint64_t>(opt.profile_end, cycle))) {
            return kExitUsage;
        }
        if (!opt.quiet) {
            std::fprintf(stderr, "sim: profile: %llu cycles in '%s'; the top functions:\n%s",
                         (unsigned long long)prof->total(), opt.profile.c_str(), prof->summary(8).c_str());
        }
    }
    if (!opt.stats_file.empty()) {
        FILE *f = std::fopen(opt.stats_file.c_str(), "w");
        if (f == nullptr) {
            std::fprintf(stderr, "sim: cannot write '%s': %s\n", opt.stats_file.c_str(), std::strerror(errno));
            return kExitUsage;
        }
        std::fprintf(f,
                     "{\"firmware\": \"%s\", \"exited\": %s, \"exit_code\": %u, \"cycles\": %llu, \"instret\": %llu, "
                     "\"cpi\": %.4f, \"cpu_s\": %.4f, \"wall_s\": %.4f, \"sim_cycles_per_sec\": %.0f, "
                     "\"sim_cycles_per_sec_wall\": %.0f, \"accelerator\": %s, \"coprocessor\": %s}\n",
                     opt.firmware.c_str(), exited ? "true" : "false", exit_code, (unsigned long long)cycle,
                     (unsigned long long)instret, cpi, cpu_secs, secs, speed, speed_wall, kAccel ? "true" : "false",
                     kCop ? "true" : "false");
        std::fclose(f);
    }
    return rc;
}
