/* SPDX-License-Identifier: Apache-2.0 */
/* cop_tests.h - the test programs of the coprocessor testbench (cop_sim <suite>) and their small helpers. */
#ifndef COP_TESTS_H
#define COP_TESTS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The random sweep (cop_sweep.c): returns the process exit code; its last line is "N passed, N failed". */
int cop_sweep(uint64_t seed, int argc, char **argv);
/** The directed tests (cop_directed.c). */
int cop_directed(uint64_t seed, int argc, char **argv);

/** The value of option name=VALUE among argv, or NULL. */
static inline const char *cop_arg_str(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=') {
            return argv[i] + n + 1;
        }
    }
    return NULL;
}

/** Numeric option name=N (decimal or 0x...), def when absent or empty. */
static inline uint64_t cop_arg(int argc, char **argv, const char *name, uint64_t def)
{
    const char *v = cop_arg_str(argc, argv, name);
    return (v != NULL && *v != '\0') ? strtoull(v, NULL, 0) : def;
}

#ifdef __cplusplus
}
#endif

#endif /* COP_TESTS_H */
