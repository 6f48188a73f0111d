// SPDX-License-Identifier: Apache-2.0
// tb_check.h - what the randomised bus testbenches (tb_xbar.cpp, tb_bus_reg.cpp) share: the seeded random
// source, the cycle count, the reset, and CHECK, which reports a failure with the seed and the cycle that
// reproduce it.
// Each testbench defines TB_NAME before including this file; one translation unit per program.
#ifndef ST_SIM_TB_CHECK_H
#define ST_SIM_TB_CHECK_H

#include <cstdint>
#include <cstdio>
#include <random>

#ifndef TB_NAME
#error "define TB_NAME (the testbench's name, for its messages) before including tb_check.h"
#endif

namespace {

std::mt19937 g_rng;
unsigned g_seed;
uint64_t g_cycle;
int g_errors;

uint32_t rnd(uint32_t n) { return (uint32_t)(g_rng() % n); }

// One clock edge with rst_ni low, then rst_ni high: the model leaves reset before the first step.
template <typename Top>
void tb_reset(Top &top)
{
    top.clk_i = 0;
    top.rst_ni = 0;
    top.eval();
    top.clk_i = 1;
    top.eval();
    top.clk_i = 0;
    top.rst_ni = 1;
    top.eval();
}

}  // namespace

// Counts every failure, prints the first ten.
#define CHECK(cond, ...)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            if (g_errors++ < 10) {                                                           \
                std::fprintf(stderr, TB_NAME ": FAIL (seed %u, cycle %llu): ", g_seed,       \
                             (unsigned long long)g_cycle);                                   \
                std::fprintf(stderr, __VA_ARGS__);                                           \
                std::fputc('\n', stderr);                                                    \
            }                                                                                \
        }                                                                                    \
    } while (0)

#endif
