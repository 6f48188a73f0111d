/* SPDX-License-Identifier: Apache-2.0 */
/* fail_trap.S - negative control: an unexpected ECALL in case 9 must end the program with 128 + 9. */
#include "st_isa.h"

TEST_BEGIN
    CASE(9)
    ecall
    TEST_END
