// SPDX-License-Identifier: Apache-2.0
// cop_main.cpp - entry point of the coprocessor testbench:
//
//   cop_sim <suite> [+seed=N] [+trace[=file.fst]] [+timeout=CYCLES] [suite options...]
//
// <suite> is sweep or directed (tests/cop/). +seed= fixes every random choice (the seed is printed either
// way, "SEED=N"); +trace writes an FST waveform (default <binary's folder>/trace.fst); +timeout= aborts the
// whole run after that many cycles (each register access has its own limit, COP_SIM_TIMEOUT).
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "cop_sim.h"
#include "cop_tests.h"
#include "st_sim_harness.h"

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
    {nullptr, nullptr, nullptr},
};

} // namespace

int main(int argc, char **argv)
{
    st::SimArgs a;
    const Suite *suite = st::sim_parse_args("cop_sim", argc, argv, kSuites, &a);
    if (suite == nullptr) {
        return 2;
    }
    cop_sim_cfg_t cfg;
    std::memset(&cfg, 0, sizeof cfg);
    cfg.seed = a.seed;
    cfg.max_cycles = a.max_cycles;
    cfg.trace_file = a.trace.empty() ? nullptr : a.trace.c_str();
    std::printf("cop_sim %s (NumPe %u, WbufDepth %u, BytesMac %u): SEED=%llu\n", suite->name, cop_sim_build_pe(),
                cop_sim_build_depth(), cop_sim_build_bytes(), (unsigned long long)cfg.seed);
    std::fflush(stdout);
    if (cop_sim_open(&cfg) != 0) {
        std::fprintf(stderr, "cop_sim: cannot open the model\n");
        return 2;
    }
    int rc = suite->run(cfg.seed, a.nargs, a.args);
    cop_sim_close();
    return rc; // the suite's last line is its "N passed, N failed" summary
}
