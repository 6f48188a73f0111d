// SPDX-License-Identifier: Apache-2.0
// accel_main.cpp - entry point of the accelerator testbench:
//
//   accel_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [suite options...]
//
// <suite> is one of the test programs of tests/accel/ (sweep, directed). +seed= fixes every random choice
// (the seed is printed either way); +trace writes an FST waveform (default build/accel_sim/trace.fst);
// +timeout= aborts the whole run after that many cycles (each test also has its own per-chain limit).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "accel_sim.h"
#include "accel_tests.h"

namespace {

void usage()
{
    std::fprintf(stderr,
                 "usage: accel_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [options]\n"
                 "suites:\n");
    for (const st_test_suite_t *s = st_test_suites; s->name != nullptr; s++) {
        std::fprintf(stderr, "  %-10s %s\n", s->name, s->help);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '+' || argv[1][0] == '-') {
        usage();
        return 2;
    }
    const st_test_suite_t *suite = nullptr;
    for (const st_test_suite_t *s = st_test_suites; s->name != nullptr; s++) {
        if (std::strcmp(s->name, argv[1]) == 0) {
            suite = s;
        }
    }
    if (suite == nullptr) {
        std::fprintf(stderr, "accel_sim: unknown suite '%s'\n", argv[1]);
        usage();
        return 2;
    }
    st_sim_cfg_t cfg;
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
            trace = "build/accel_sim/trace.fst";
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
    std::printf("accel_sim %s: SEED=%llu\n", suite->name, (unsigned long long)cfg.seed);
    std::fflush(stdout);
    if (st_sim_open(&cfg) != 0) {
        std::fprintf(stderr, "accel_sim: cannot open the model\n");
        return 2;
    }
    int rc = suite->run(cfg.seed, nargs, args);
    st_sim_close();
    return rc; // the suite's last line is its "N passed, N failed" summary

}
