// SPDX-License-Identifier: Apache-2.0
// st_sim_harness.h - what the Verilator testbenches (sim/accel accel_sim, tests/cop cop_sim) share: their
// command line and the optional FST waveform.
//
//   <prog> <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [suite options...]
//
// +seed= fixes every random choice (without it a fresh seed is drawn; the harness prints it either way, so
// that SEED= reproduces a run); +trace writes an FST waveform (default: trace.fst beside the binary);
// +timeout= aborts the whole run after that many cycles. Every other argument goes to the suite.
#ifndef ST_SIM_HARNESS_H
#define ST_SIM_HARNESS_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

namespace st {

/** The harness's own options; the rest, in order, goes to the suite. */
struct SimArgs {
    uint64_t seed = 0;
    uint64_t max_cycles = 0;  // +timeout=; 0: no limit
    std::string trace;        // +trace[=file]; empty: no waveform
    int nargs = 0;
    char *args[64] = {};
};

/** Prints the usage line and the suites (a table ended by a null name; Suite has name and help). */
template <class Suite>
void sim_usage(const char *prog, const Suite *suites)
{
    std::fprintf(stderr, "usage: %s <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [options]\nsuites:\n",
                 prog);
    for (const Suite *s = suites; s->name != nullptr; s++) {
        std::fprintf(stderr, "  %-10s %s\n", s->name, s->help);
    }
}

/**
 * Finds the suite that argv[1] names and parses the options after it into *a. Returns the suite, or
 * nullptr (after printing what was wrong and the usage) when argv[1] is missing or names no suite.
 */
template <class Suite>
const Suite *sim_parse_args(const char *prog, int argc, char **argv, const Suite *suites, SimArgs *a)
{
    if (argc < 2 || argv[1][0] == '+' || argv[1][0] == '-') {
        sim_usage(prog, suites);
        return nullptr;
    }
    const Suite *suite = nullptr;
    for (const Suite *s = suites; s->name != nullptr; s++) {
        if (std::strcmp(s->name, argv[1]) == 0) {
            suite = s;
        }
    }
    if (suite == nullptr) {
        std::fprintf(stderr, "%s: unknown suite '%s'\n", prog, argv[1]);
        sim_usage(prog, suites);
        return nullptr;
    }
    bool have_seed = false;
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i];
        if (std::strncmp(o, "+seed=", 6) == 0) {
            if (o[6] != '\0') {
                a->seed = std::strtoull(o + 6, nullptr, 0);
                have_seed = true;
            }
        } else if (std::strcmp(o, "+trace") == 0) {
            std::string self = argv[0];
            size_t slash = self.find_last_of('/');
            a->trace = (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/trace.fst";
        } else if (std::strncmp(o, "+trace=", 7) == 0) {
            a->trace = o + 7;
        } else if (std::strncmp(o, "+timeout=", 9) == 0) {
            a->max_cycles = std::strtoull(o + 9, nullptr, 0);
        } else if (a->nargs < 64) {
            a->args[a->nargs++] = argv[i];
        }
    }
    if (!have_seed) {
        a->seed = (uint64_t)std::chrono::high_resolution_clock::now().time_since_epoch().count();
        a->seed ^= a->seed >> 29;
        a->seed &= 0xFFFFFFFFull;
    }
    return suite;
}

/** The optional FST waveform of a testbench; a build without Verilator's --trace-fst warns instead. */
class Tracer {
public:
    /** Starts tracing top into file (nullptr: no waveform). */
    template <class Top>
    void open(VerilatedContext *ctx, Top *top, const char *file, const char *prog)
    {
        if (file == nullptr) {
            return;
        }
#if VM_TRACE
        ctx->traceEverOn(true);
        tfp_.reset(new VerilatedFstC);
        top->trace(tfp_.get(), 99);
        tfp_->open(file);
        std::printf("%s: tracing to %s\n", prog, file);
#else
        (void)ctx;
        (void)top;
        std::fprintf(stderr, "%s: built without tracing support; +trace ignored\n", prog);
#endif
    }

    void dump(uint64_t time)
    {
#if VM_TRACE
        if (tfp_) {
            tfp_->dump(time);
        }
#else
        (void)time;
#endif
    }

    void close()
    {
#if VM_TRACE
        if (tfp_) {
            tfp_->close();
            tfp_.reset();
        }
#endif
    }

private:
#if VM_TRACE
    std::unique_ptr<VerilatedFstC> tfp_;
#endif
};

} // namespace st

#endif // ST_SIM_HARNESS_H
