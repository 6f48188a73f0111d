/* SPDX-License-Identifier: Apache-2.0 */
/* alu.S - ADD, SUB, AND, OR, XOR, SLT, SLTU and their immediate forms, LUI, AUIPC, writes to x0. */
#include "st_isa.h"

TEST_BEGIN
    /* ADD: carries, overflow wraps, negative operands. */
    TEST_RR(1,  add, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(2,  add, 0x00000002, 0x00000001, 0x00000001)
    TEST_RR(3,  add, 0x0000000a, 0x00000003, 0x00000007)
    TEST_RR(4,  add, 0x00000000, 0xffffffff, 0x00000001)
    TEST_RR(5,  add, 0x80000000, 0x7fffffff, 0x00000001)
    TEST_RR(6,  add, 0x00000000, 0x80000000, 0x80000000)
    TEST_RR(7,  add, 0xfffffffe, 0xffffffff, 0xffffffff)
    TEST_RR(8,  add, 0x00010000, 0x0000ffff, 0x00000001)
    TEST_RR_SAME(9, add, 0x2468acf0, 0x12345678)

    /* SUB */
    TEST_RR(10, sub, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(11, sub, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR(12, sub, 0xfffffffc, 0x00000003, 0x00000007)
    TEST_RR(13, sub, 0x7fffffff, 0x80000000, 0x00000001)
    TEST_RR(14, sub, 0x80000000, 0x00000000, 0x80000000)
    TEST_RR(15, sub, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_RR(16, sub, 0x00000001, 0x00000000, 0xffffffff)
    TEST_RR_SAME(17, sub, 0x00000000, 0x87654321)

    /* Logic */
    TEST_RR(20, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR(21, and, 0x00f000f0, 0x00ff00ff, 0xf0f0f0f0)
    TEST_RR(22, or,  0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR(23, or,  0xf0fff0ff, 0x00ff00ff, 0xf0f0f0f0)
    TEST_RR(24, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR(25, xor, 0xf00ff00f, 0x00ff00ff, 0xf0f0f0f0)
    TEST_RR_SAME(26, xor, 0x00000000, 0xdeadbeef)
    TEST_RR_SAME(27, and, 0xdeadbeef, 0xdeadbeef)

    /* SLT: signed. */
    TEST_RR(30, slt, 0, 0x00000000, 0x00000000)
    TEST_RR(31, slt, 1, 0x00000000, 0x00000001)
    TEST_RR(32, slt, 0, 0x00000001, 0x00000000)
    TEST_RR(33, slt, 1, 0xffffffff, 0x00000000)
    TEST_RR(34, slt, 0, 0x00000000, 0xffffffff)
    TEST_RR(35, slt, 1, 0x80000000, 0x7fffffff)
    TEST_RR(36, slt, 0, 0x7fffffff, 0x80000000)
    TEST_RR(37, slt, 1, 0x80000000, 0x80000001)
    TEST_RR(38, slt, 0, 0xffffffff, 0xffffffff)

    /* SLTU: unsigned. */
    TEST_RR(40, sltu, 0, 0x00000000, 0x00000000)
    TEST_RR(41, sltu, 1, 0x00000000, 0x00000001)
    TEST_RR(42, sltu, 0, 0xffffffff, 0x00000001)
    TEST_RR(43, sltu, 1, 0x00000001, 0xffffffff)
    TEST_RR(44, sltu, 0, 0x80000000, 0x7fffffff)
    TEST_RR(45, sltu, 1, 0x7fffffff, 0x80000000)
    TEST_RR(46, sltu, 1, 0xfffffffe, 0xffffffff)
    TEST_RR(47, sltu, 0, 0xffffffff, 0xffffffff)

    /* Immediates are 12-bit, sign-extended. */
    TEST_RI(50, addi, 0x00000000, 0x00000000, 0)
    TEST_RI(51, addi, 0x000007ff, 0x00000000, 2047)
    TEST_RI(52, addi, 0xfffff800, 0x00000000, -2048)
    TEST_RI(53, addi, 0x00000000, 0x00000001, -1)
    TEST_RI(54, addi, 0x80000000, 0x7fffffff, 1)
    TEST_RI(55, addi, 0x7fffffff, 0x80000000, -1)
    TEST_RI(56, slti, 1, 0xffffffff, 0)
    TEST_RI(57, slti, 0, 0x00000000, -1)
    TEST_RI(58, slti, 1, 0x80000000, -2048)
    TEST_RI(59, slti, 0, 0x000007ff, 2047)
    TEST_RI(60, slti, 1, 0x000007fe, 2047)
    TEST_RI(61, sltiu, 1, 0x00000000, 1)        /* seqz */
    TEST_RI(62, sltiu, 0, 0x00000001, 1)
    TEST_RI(63, sltiu, 1, 0xfffffffe, -1)       /* -1 compares as 0xffffffff */
    TEST_RI(64, sltiu, 0, 0xffffffff, -1)
    TEST_RI(65, sltiu, 0, 0xfffff800, -2048)
    TEST_RI(66, sltiu, 1, 0x7fffffff, -2048)
    TEST_RI(67, xori, 0xedcba987, 0x12345678, -1)  /* not */
    TEST_RI(68, xori, 0x123452e3, 0x12345678, 0x49b)
    TEST_RI(69, ori,  0xfffff87f, 0x0000007f, -2048)
    TEST_RI(70, ori,  0x123457ff, 0x12345678, 0x7ff)
    TEST_RI(71, andi, 0x12345000, 0x12345678, -2048)
    TEST_RI(72, andi, 0x00000678, 0x12345678, 0x7ff)
    TEST_RI(73, andi, 0x00000000, 0xffffffff, 0)

    /* LUI: upper 20 bits, low 12 zero. */
    CASE(80)
    lui a0, 0xfffff
    CHECK(a0, 0xfffff000)
    lui a0, 0x80000
    CHECK(a0, 0x80000000)
    lui a0, 0
    CHECK(a0, 0)
    lui a0, 0x12345
    addi a0, a0, 0x678
    CHECK(a0, 0x12345678)

    /* AUIPC: pc of the AUIPC itself plus the upper immediate. */
    CASE(81)
1:  auipc a0, 0
    la a1, 1b
    CHECK_REG(a0, a1)
2:  auipc a0, 1
    la a1, 2b
    li a2, 0x1000
    add a1, a1, a2
    CHECK_REG(a0, a1)
3:  auipc a0, 0xfffff
    la a1, 3b
    li a2, 0x1000
    sub a1, a1, a2
    CHECK_REG(a0, a1)

    /* Writes to x0 are discarded; x0 reads zero. */
    li a1, 0x55
    li a2, 0x66
    TEST_X0(90, add x0, a1, a2)
    TEST_X0(91, addi x0, a1, 1)
    TEST_X0(92, lui x0, 0x12345)
    TEST_X0(93, auipc x0, 0x1)
    TEST_X0(94, xori x0, a1, -1)
    CASE(95)
    add a0, x0, x0
    CHECK(a0, 0)
    sub a0, x0, a1
    CHECK(a0, -0x55)
    addi a0, x0, -7
    CHECK(a0, -7)
    /* x0 as a destination right before a read of x0 (no stale value forwarded). */
    CASE(96)
    addi x0, a1, 1
    add a0, x0, x0
    CHECK(a0, 0)
    addi x0, a1, 1
    addi a0, x0, 0
    CHECK(a0, 0)

    TEST_END
