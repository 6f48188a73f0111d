/* SPDX-License-Identifier: Apache-2.0 */
/* shift.S - SLL, SRL, SRA and SLLI, SRLI, SRAI: by 0, 1, 31, and only the low 5 bits of rs2 count. */
#include "st_isa.h"

TEST_BEGIN
    TEST_RR(1,  sll, 0x00000001, 0x00000001, 0)
    TEST_RR(2,  sll, 0x00000002, 0x00000001, 1)
    TEST_RR(3,  sll, 0x00000080, 0x00000001, 7)
    TEST_RR(4,  sll, 0x80000000, 0x00000001, 31)
    TEST_RR(5,  sll, 0x80000000, 0xffffffff, 31)
    TEST_RR(6,  sll, 0xfffffffe, 0xffffffff, 1)
    TEST_RR(7,  sll, 0x21212121, 0x21212121, 32)       /* 32 -> shift by 0: low bits only */
    TEST_RR(8,  sll, 0x42424242, 0x21212121, 33)
    TEST_RR(9,  sll, 0x80000000, 0x21212121, -1)       /* -1 -> 31 */
    TEST_RR(10, sll, 0x48484848, 0x12121212, 0xffffffe2)
    TEST_RR_SAME(11, sll, 0x00000008, 0x00000002)       /* 2 << 2 */

    TEST_RR(20, srl, 0x80000000, 0x80000000, 0)
    TEST_RR(21, srl, 0x40000000, 0x80000000, 1)
    TEST_RR(22, srl, 0x01000000, 0x80000000, 7)
    TEST_RR(23, srl, 0x00000001, 0x80000000, 31)
    TEST_RR(24, srl, 0x00000001, 0xffffffff, 31)
    TEST_RR(25, srl, 0x7fffffff, 0xffffffff, 1)
    TEST_RR(26, srl, 0x21212121, 0x21212121, 32)
    TEST_RR(27, srl, 0x10909090, 0x21212121, 33)
    TEST_RR(28, srl, 0x00000000, 0x21212121, -1)
    TEST_RR(29, srl, 0x00000001, 0x81818181, 63)
    TEST_RR_SAME(30, srl, 0x00000000, 0x00000007)

    TEST_RR(40, sra, 0x80000000, 0x80000000, 0)
    TEST_RR(41, sra, 0xc0000000, 0x80000000, 1)
    TEST_RR(42, sra, 0xff000000, 0x80000000, 7)
    TEST_RR(43, sra, 0xffffffff, 0x80000000, 31)
    TEST_RR(44, sra, 0x00000000, 0x7fffffff, 31)
    TEST_RR(45, sra, 0x3fffffff, 0x7fffffff, 1)
    TEST_RR(46, sra, 0x81818181, 0x81818181, 32)
    TEST_RR(47, sra, 0xc0c0c0c0, 0x81818181, 33)
    TEST_RR(48, sra, 0xffffffff, 0x81818181, -1)
    TEST_RR(49, sra, 0xfe060606, 0x81818181, 6)
    TEST_RR(50, sra, 0x01e1e1e1, 0x78787878, 6)
    TEST_RR_SAME(51, sra, 0xffffffff, 0xfffffffe)       /* -2 >> (-2 & 31 = 30) */

    TEST_RI(60, slli, 0x00000001, 0x00000001, 0)
    TEST_RI(61, slli, 0x00000002, 0x00000001, 1)
    TEST_RI(62, slli, 0x80000000, 0x00000001, 31)
    TEST_RI(63, slli, 0x48484840, 0x21212121, 6)
    TEST_RI(64, srli, 0x80000000, 0x80000000, 0)
    TEST_RI(65, srli, 0x40000000, 0x80000000, 1)
    TEST_RI(66, srli, 0x00000001, 0x80000000, 31)
    TEST_RI(67, srli, 0x00000001, 0xffffffff, 31)
    TEST_RI(68, srai, 0x80000000, 0x80000000, 0)
    TEST_RI(69, srai, 0xc0000000, 0x80000000, 1)
    TEST_RI(70, srai, 0xffffffff, 0x80000000, 31)
    TEST_RI(71, srai, 0x00000000, 0x7fffffff, 31)
    TEST_RI(72, srai, 0xfffe0606, 0x81818181, 14)

    /* Shift results used by the very next instruction. */
    CASE(80)
    li a1, 3
    slli a0, a1, 4
    srli a0, a0, 2
    srai a0, a0, 1
    sll a0, a0, a1
    CHECK(a0, 48)

    TEST_X0(90, slli x0, a1, 3)
    TEST_X0(91, sra x0, a1, a1)

    TEST_END
