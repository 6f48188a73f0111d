/* SPDX-License-Identifier: Apache-2.0 */
/* cpop.S - CPOP (Zbb population count, the one Zbb instruction of our core; 4 cycles on the multiplier):
 * counts 0..32, every bit position, rd == rs1, rd = x0; and the other Zbb unary operations beside it in the
 * encoding space (CLZ, CTZ, SEXT.B, SEXT.H) still trap as illegal on our core (qemu runs with zbb=true, so
 * it executes them: those cases are ours only). The assembler is told rv32im, so CPOP is written with .insn. */
#include "st_isa.h"

#define CPOP(rd, rs)   .insn i 0x13, 1, rd, rs, 0x602

#define TEST_CPOP(n, result, v)                 \
    CASE(n);                                    \
    li a1, v;                                   \
    CPOP(a0, a1);                               \
    CHECK(a0, result);                          \
    CPOP(a1, a1);                               \
    CHECK(a1, result)

/* Handler for the illegal-instruction cases: s1 = traps, s2 = mcause; resumes after the instruction. */
#define ARM         li s1, 0; li s2, -1

TEST_BEGIN
    TEST_CPOP(1,  0,  0x00000000)
    TEST_CPOP(2,  32, 0xffffffff)
    TEST_CPOP(3,  1,  0x00000001)
    TEST_CPOP(4,  1,  0x80000000)
    TEST_CPOP(5,  16, 0x55555555)
    TEST_CPOP(6,  16, 0xaaaaaaaa)
    TEST_CPOP(7,  31, 0xfffffffe)
    TEST_CPOP(8,  31, 0x7fffffff)
    TEST_CPOP(9,  12, 0x00f0f0f0)
    TEST_CPOP(10, 13, 0x12345678)
    TEST_CPOP(11, 4,  0x00f00000)
    TEST_CPOP(12, 8,  0xff000000)

    /* Every single-bit word counts 1, every all-below-bit word counts the position (a walk over 32 bits). */
    CASE(20)
    li s6, 1                /* the bit */
    li s7, 0                /* its position */
    li s8, 32
1:  CPOP(a0, s6)
    CHECK(a0, 1)
    addi a2, s6, -1         /* bits below it: count = position */
    CPOP(a0, a2)
    bne a0, s7, st_fail
    slli s6, s6, 1
    addi s7, s7, 1
    bne s7, s8, 1b

    /* A write to x0 is discarded; back-to-back CPOPs with a dependency. */
    TEST_X0(21, li a1, -1; CPOP(x0, a1))
    CASE(22)
    li a1, 0x000000ff
    CPOP(a2, a1)            /* 8 */
    CPOP(a3, a2)            /* popcount(8) = 1 */
    CHECK(a3, 1)
    add a4, a2, a3
    CHECK(a4, 9)

#ifndef ST_QEMU
    SET_TRAP(handler)
    CASE(30)
    ARM
    .insn i 0x13, 1, a0, a1, 0x600     /* CLZ */
    CHECK(s1, 1)
    CHECK(s2, 2)
    CASE(31)
    ARM
    .insn i 0x13, 1, a0, a1, 0x601     /* CTZ */
    CHECK(s1, 1)
    CASE(32)
    ARM
    .insn i 0x13, 1, a0, a1, 0x604     /* SEXT.B */
    CHECK(s1, 1)
    CASE(33)
    ARM
    .insn i 0x13, 1, a0, a1, 0x605     /* SEXT.H */
    CHECK(s1, 1)
    CASE(34)
    ARM
    .insn i 0x13, 1, a0, a1, 0x622     /* funct7 0110001: not CPOP */
    CHECK(s1, 1)
    CLEAR_TRAP
#endif
    TEST_END

#ifndef ST_QEMU
    .align 2
handler:
    addi s1, s1, 1
    csrr s2, mcause
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
#endif
