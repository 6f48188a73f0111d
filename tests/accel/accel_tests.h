/* SPDX-License-Identifier: Apache-2.0 */
/* accel_tests.h - the test programs the accelerator testbench (sim/accel/accel_main.cpp) can run. */
#ifndef ACCEL_TESTS_H
#define ACCEL_TESTS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One test program. run() gets the seed (already printed) and the command-line options the harness did
 * not consume; it prints one line per failure and ends with "N passed, N failed"; returns 0 when all
 * passed, 1 otherwise.
 */
typedef struct {
    const char *name;
    const char *help;
    int (*run)(uint64_t seed, int argc, char **argv);
} st_test_suite_t;

/** Table of suites, ended by an entry with name NULL. */
extern const st_test_suite_t st_test_suites[];

/** The random sweep (accel_sweep.c). */
int st_accel_sweep(uint64_t seed, int argc, char **argv);
/** Representative layers: cycles vs the cycle model, utilisation (accel_bench.c). */
int st_accel_bench(uint64_t seed, int argc, char **argv);
/** The directed tests (accel_directed.c). */
int st_accel_directed(uint64_t seed, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* ACCEL_TESTS_H */
