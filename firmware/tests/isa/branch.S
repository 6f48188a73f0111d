/* SPDX-License-Identifier: Apache-2.0 */
/* branch.S - BEQ, BNE, BLT, BGE, BLTU, BGEU taken and not taken, forward and backward; JAL, JALR. */
#include "st_isa.h"

/* The branch must be taken. */
#define TEST_TAKEN(n, inst, v1, v2)             \
    CASE(n);                                    \
    li a1, v1;                                  \
    li a2, v2;                                  \
    inst a1, a2, 1f;                            \
    j st_fail;                                  \
1:

/* The branch must fall through. */
#define TEST_NOT_TAKEN(n, inst, v1, v2)         \
    CASE(n);                                    \
    li a1, v1;                                  \
    li a2, v2;                                  \
    inst a1, a2, 2f;                            \
    j 3f;                                       \
2:  j st_fail;                                  \
3:

TEST_BEGIN
    TEST_TAKEN(1, beq, 0, 0)
    TEST_TAKEN(2, beq, 0x80000000, 0x80000000)
    TEST_NOT_TAKEN(3, beq, 0, 1)
    TEST_NOT_TAKEN(4, beq, 0x80000000, 0x00000000)
    TEST_NOT_TAKEN(5, beq, 0xffffffff, 0x7fffffff)

    TEST_TAKEN(10, bne, 0, 1)
    TEST_TAKEN(11, bne, 0x80000000, 0)
    TEST_NOT_TAKEN(12, bne, 0, 0)
    TEST_NOT_TAKEN(13, bne, 0xffffffff, 0xffffffff)

    TEST_TAKEN(20, blt, 0, 1)
    TEST_TAKEN(21, blt, 0xffffffff, 0)
    TEST_TAKEN(22, blt, 0x80000000, 0x7fffffff)
    TEST_TAKEN(23, blt, 0xfffffffe, 0xffffffff)
    TEST_NOT_TAKEN(24, blt, 1, 0)
    TEST_NOT_TAKEN(25, blt, 0, 0xffffffff)
    TEST_NOT_TAKEN(26, blt, 0x7fffffff, 0x80000000)
    TEST_NOT_TAKEN(27, blt, 5, 5)

    TEST_TAKEN(30, bge, 1, 0)
    TEST_TAKEN(31, bge, 5, 5)
    TEST_TAKEN(32, bge, 0, 0xffffffff)
    TEST_TAKEN(33, bge, 0x7fffffff, 0x80000000)
    TEST_NOT_TAKEN(34, bge, 0, 1)
    TEST_NOT_TAKEN(35, bge, 0xffffffff, 0)
    TEST_NOT_TAKEN(36, bge, 0x80000000, 0x7fffffff)

    TEST_TAKEN(40, bltu, 0, 1)
    TEST_TAKEN(41, bltu, 0, 0xffffffff)
    TEST_TAKEN(42, bltu, 0x7fffffff, 0x80000000)
    TEST_NOT_TAKEN(43, bltu, 0xffffffff, 0)
    TEST_NOT_TAKEN(44, bltu, 0x80000000, 0x7fffffff)
    TEST_NOT_TAKEN(45, bltu, 7, 7)

    TEST_TAKEN(50, bgeu, 1, 0)
    TEST_TAKEN(51, bgeu, 0xffffffff, 0)
    TEST_TAKEN(52, bgeu, 7, 7)
    TEST_TAKEN(53, bgeu, 0x80000000, 0x7fffffff)
    TEST_NOT_TAKEN(54, bgeu, 0, 0xffffffff)
    TEST_NOT_TAKEN(55, bgeu, 0x7fffffff, 0x80000000)

    /* Backward branches: a counted loop runs exactly 10 times. */
    CASE(60)
    li a0, 0
    li a1, 10
1:  addi a0, a0, 1
    addi a1, a1, -1
    bnez a1, 1b
    CHECK(a0, 10)
    CASE(61)
    li a0, 0
    li a1, -5
2:  addi a0, a0, 2
    addi a1, a1, 1
    blt a1, zero, 2b
    CHECK(a0, 10)

    /* The instructions after a taken branch do not execute. */
    CASE(62)
    li a0, 0
    beq zero, zero, 3f
    addi a0, a0, 1
    addi a0, a0, 2
    addi a0, a0, 4
3:  CHECK(a0, 0)

    /* JAL: link = pc + 4, skipped instructions do not execute. */
    CASE(70)
    li a0, 0
4:  jal ra, 5f
    addi a0, a0, 1
5:  la a1, 4b
    addi a1, a1, 4
    CHECK_REG(ra, a1)
    CHECK(a0, 0)
    /* JAL to x0, backward. */
    CASE(71)
    li a0, 0
    j 7f
6:  addi a0, a0, 5
    j 8f
7:  jal x0, 6b
    li a0, 99
8:  CHECK(a0, 5)

    /* JALR: target = rs1 + imm with bit 0 cleared, link = pc + 4. */
    CASE(72)
    la a1, 9f
    addi a1, a1, -8
10: jalr ra, 8(a1)
    j st_fail
9:  la a2, 10b
    addi a2, a2, 4
    CHECK_REG(ra, a2)
    CASE(73)
    la a1, 11f
    addi a1, a1, 1              /* odd address: bit 0 is ignored */
    jalr ra, 0(a1)
    j st_fail
11:
    /* rd == rs1: the target uses the old value, then rd gets the link. */
    CASE(74)
    la a1, 12f
13: jalr a1, 0(a1)
    j st_fail
12: la a2, 13b
    addi a2, a2, 4
    CHECK_REG(a1, a2)
    /* Call and return through a function. */
    CASE(75)
    li a0, 1
    jal ra, st_double
    jal ra, st_double
    jal ra, st_double
    CHECK(a0, 8)
    /* JALR with a negative offset and rd = x0. */
    CASE(76)
    la a1, 14f
    addi a1, a1, 16
    jalr x0, -16(a1)
    j st_fail
14: TEST_X0(77, jal x0, 15f)
15:

    TEST_END

st_double:
    add a0, a0, a0
    ret
