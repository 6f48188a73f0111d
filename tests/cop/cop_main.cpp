// SPDX-License-Identifier: Apache-2.0
// cop_main.cpp - entry point of the coprocessor testbench:
//
//   cop_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [suite options...]
//
// <suite> is sweep or directed (tests/cop/). +seed= fixes every random choice (the seed is printed either
// way, "SEED=N"); +trace writes an FST waveform (default <binary's folder>/trace.fst); +timeout= aborts the
// whole run after that many cycles (each register access has its own limit, COP_SIM_TIMEOUT).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cop_sim.h"
#include "cop_tests.h"

namespace {

struct Suite {
    const char *name;
    int (*run)(uint64_t seed, int argc, char **argv);
    const char *help;
};

const Suite kSuites[] = {
    {"sweep", cop_sweep,
     "random CONV / DENSE layers in random row bands through st_cop_conv_acc_rows, against the golden "
     "bit-plane and MAC forms (layers=N only=K budget=BITMACS idle=MAX)"},
    {"directed", cop_directed, "registers, bus errors, ACC hold, weight pointer, OPS, driver errors, reference-model fuzz"},
};

void usage()
{
    std::fprintf(stderr, "usage: cop_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [options]\nsuites:\n");
    for (const Suite &s : kSuites) {
        std::fprintf(stderr, "  %-9s %s\n", s.name, s.help);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '+' || argv[1][0] == '-') {
        usage();
        return 2;
    }
    const Suite *suite = nullptr;
    for (const Suite &s : kSuites) {
        if (std::strcmp(s.name, argv[1]) == 0) {
            suite = &s;
        }
    }
    if (suite == nullptr) {
        std::fprintf(stderr, "cop_sim: unknown suite '%s'\n", argv[1]);
        usage();
        return 2;
    }
    cop_sim_cfg_t cfg;
    std::memset(&cfg, 0, sizeof cfg);
    std::string trace;
    bool have_seed = false;
    int nargs = 0;
    char *args[64];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (std::strncmp(a, "+seed=", 6) == 0) {
            if (a[6] != '\0') {
                cfg.seed = std::strtoull(a + 6, nullptr, 0);
                have_seed = true;
            }
        } else if (std::strcmp(a, "+trace") == 0) {
            std::string self = argv[0];
            size_t slash = self.find_last_of('/');
            trace = (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/trace.fst";
        } else if (std::strncmp(a, "+trace=", 7) == 0) {
            trace = a + 7;
        } else if (std::strncmp(a, "+timeout=", 9) == 0) {
            cfg.max_cycles = std::strtoull(a + 9, nullptr, 0);
        } else if (nargs < 64) {
            args[nargs++] = argv[i];
        }
    }
    if (!have_seed) {
        // a fresh seed per run; printed below so that SEED= reproduces it
        cfg.seed = (uint64_t)std::chrono::high_resolution_clock::now().time_since_epoch().count();
        cfg.seed ^= cfg.seed >> 29;
        cfg.seed &= 0xFFFFFFFFull;
    }
    if (!trace.empty()) {
        cfg.trace_file = trace.c_str();
    }
    std::printf("cop_sim %s (NumPe %u, WbufDepth %u, BytesMac %u): SEED=%llu\n", suite->name, cop_sim_build_pe(),
                cop_sim_build_depth(), cop_sim_build_bytes(), (unsigned long long)cfg.seed);
    std::fflush(stdout);
    if (cop_sim_open(&cfg) != 0) {
        std::fprintf(stderr, "cop_sim: cannot open the model\n");
        return 2;
    }
    int rc = suite->run(cfg.seed, nargs, args);
    cop_sim_close();
    return rc; // the suite's last line is its "N passed, N failed" summary
}
