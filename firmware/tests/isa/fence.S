/* SPDX-License-Identifier: Apache-2.0 */
/* fence.S - FENCE (a no-op on one in-order hart) and FENCE.I: code written by stores runs after FENCE.I,
 * also the instruction right behind the FENCE.I, which the core had already prefetched. */
#include "st_isa.h"

#define ADDI_A0(v)  (0x00000513 | ((v) << 20))    /* addi a0, zero, v */

TEST_BEGIN
    CASE(1)
    li a0, 1
    fence
    fence rw, rw
    fence w, r
    addi a0, a0, 1
    CHECK(a0, 2)

    /* Patch a subroutine, FENCE.I, call it. */
    CASE(2)
    la a1, patch_me
    li a2, ADDI_A0(42)
    sw a2, 0(a1)
    fence.i
    jal patch_me
    CHECK(a0, 42)
    li a2, ADDI_A0(43)
    sw a2, 0(a1)
    fence.i
    jal patch_me
    CHECK(a0, 43)

    /* Patch the instruction right after FENCE.I (already in the prefetch queue before the store). */
    CASE(3)
    la a1, 1f
    li a2, ADDI_A0(77)
    sw a2, 0(a1)
    fence.i
1:  li a0, 5
    CHECK(a0, 77)
    /* The same in a loop: each pass patches the next pass's immediate. */
    CASE(4)
    li a3, 0
    li a4, 10
    la a1, 2f
3:  addi a5, a3, 100
    slli a5, a5, 20
    li a2, 0x00000513
    or a2, a2, a5
    sw a2, 0(a1)
    fence.i
2:  li a0, 0
    addi a5, a3, 100
    bne a0, a5, st_fail
    addi a3, a3, 1
    blt a3, a4, 3b

    TEST_END

patch_me:
    li a0, 0
    ret
