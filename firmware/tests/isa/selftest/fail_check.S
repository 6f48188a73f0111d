/* SPDX-License-Identifier: Apache-2.0 */
/* fail_check.S - negative control for the test harness: case 5 expects a wrong value, so the program must
 * exit with code 5 (run_isa.sh checks that). Proves a failing check is reported, not swallowed. */
#include "st_isa.h"

TEST_BEGIN
    CASE(4)
    li a0, 1
    CHECK(a0, 1)
    CASE(5)
    li a1, 2
    li a2, 2
    add a0, a1, a2
    CHECK(a0, 5)
    TEST_END
