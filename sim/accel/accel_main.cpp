// SPDX-License-Identifier: Apache-2.0
// accel_main.cpp - entry point of the accelerator testbench:
//
//   accel_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [suite options...]
//
// <suite> is one of the test programs of tests/accel/ (sweep, directed). +seed= fixes every random choice
// (the seed is printed either way); +trace writes an FST waveform (default trace.fst beside the binary);
// +timeout= aborts the whole run after that many cycles (each test also has its own per-chain limit).
#include <cstdio>
#include <cstring>

#include "accel_sim.h"
#include "accel_tests.h"
#include "st_sim_harness.h"

int main(int argc, char **argv)
{
    st::SimArgs a;
    const st_test_suite_t *suite = st::sim_parse_args("accel_sim", argc, argv, st_test_suites, &a);
    if (suite == nullptr) {
        return 2;
    }
    st_sim_cfg_t cfg;
    std::memset(&cfg, 0, sizeof cfg);
    cfg.seed = a.seed;
    cfg.max_cycles = a.max_cycles;
    cfg.trace_file = a.trace.empty() ? nullptr : a.trace.c_str();
    std::printf("accel_sim %s: SEED=%llu\n", suite->name, (unsigned long long)cfg.seed);
    std::fflush(stdout);
    if (st_sim_open(&cfg) != 0) {
        std::fprintf(stderr, "accel_sim: cannot open the model\n");
        return 2;
    }
    int rc = suite->run(cfg.seed, a.nargs, a.args);
    st_sim_close();
    return rc; // the suite's last line is its "N passed, N failed" summary
}
