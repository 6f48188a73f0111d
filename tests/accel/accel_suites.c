/* SPDX-License-Identifier: Apache-2.0 */
/* accel_suites.c - the table of test programs the accelerator testbench runs (accel_sim <suite>). */
#include <stddef.h>

#include "accel_tests.h"

const st_test_suite_t st_test_suites[] = {
    {"sweep", "random layers and chains vs the golden model (layers=N chains=M only=K waits=none|light|heavy)",
     st_accel_sweep},
    {"directed", "error codes, soft reset, back-to-back chains, IRQ, counters, CAPS (only=NAME)", st_accel_directed},
    {"bench", "representative layers: cycles vs docs/accelerator.md §4, array utilisation", st_accel_bench},
    {NULL, NULL, NULL},
};
