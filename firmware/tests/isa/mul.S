/* SPDX-License-Identifier: Apache-2.0 */
/* mul.S - MUL, MULH, MULHSU, MULHU: signs, the most negative value, carries into the high word; the
 * result used by the next instruction. Expected values are exact products (also checked on qemu). */
#include "st_isa.h"

TEST_BEGIN
    TEST_RR(1, mul, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(2, mul, 0x00000001, 0x00000001, 0x00000001)
    TEST_RR(3, mul, 0x00000015, 0x00000003, 0x00000007)
    TEST_RR(4, mul, 0x00000001, 0xffffffff, 0xffffffff)
    TEST_RR(5, mul, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR(6, mul, 0xfffe0001, 0x0000ffff, 0x0000ffff)
    TEST_RR(7, mul, 0x00000001, 0x7fffffff, 0x7fffffff)
    TEST_RR(8, mul, 0x00000000, 0x80000000, 0x80000000)
    TEST_RR(9, mul, 0x242d2080, 0x12345678, 0x9abcdef0)
    TEST_RR(10, mul, 0xfffffff1, 0xfffffffd, 0x00000005)
    TEST_RR(11, mul, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR(12, mul, 0x80000000, 0x7fffffff, 0x80000000)
    TEST_RR(20, mulh, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(21, mulh, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR(22, mulh, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR(23, mulh, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_RR(24, mulh, 0x00000000, 0x80000000, 0xffffffff)
    TEST_RR(25, mulh, 0x00000000, 0x0000ffff, 0x0000ffff)
    TEST_RR(26, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR(27, mulh, 0x40000000, 0x80000000, 0x80000000)
    TEST_RR(28, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0)
    TEST_RR(29, mulh, 0xffffffff, 0xfffffffd, 0x00000005)
    TEST_RR(30, mulh, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR(31, mulh, 0xc0000000, 0x7fffffff, 0x80000000)
    TEST_RR(40, mulhsu, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(41, mulhsu, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR(42, mulhsu, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR(43, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
    TEST_RR(44, mulhsu, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR(45, mulhsu, 0x00000000, 0x0000ffff, 0x0000ffff)
    TEST_RR(46, mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR(47, mulhsu, 0xc0000000, 0x80000000, 0x80000000)
    TEST_RR(48, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
    TEST_RR(49, mulhsu, 0xffffffff, 0xfffffffd, 0x00000005)
    TEST_RR(50, mulhsu, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR(51, mulhsu, 0x3fffffff, 0x7fffffff, 0x80000000)
    TEST_RR(60, mulhu, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR(61, mulhu, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR(62, mulhu, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR(63, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
    TEST_RR(64, mulhu, 0x7fffffff, 0x80000000, 0xffffffff)
    TEST_RR(65, mulhu, 0x00000000, 0x0000ffff, 0x0000ffff)
    TEST_RR(66, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR(67, mulhu, 0x40000000, 0x80000000, 0x80000000)
    TEST_RR(68, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
    TEST_RR(69, mulhu, 0x00000004, 0xfffffffd, 0x00000005)
    TEST_RR(70, mulhu, 0x00000000, 0xffffffff, 0x00000001)
    TEST_RR(71, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000)

    TEST_RR_SAME(90, mul, 0x00000051, 0xfffffff7)       /* -9 * -9 */
    TEST_RR_SAME(91, mulhu, 0xfffffffe, 0xffffffff)
    TEST_RR_SAME(92, mulh, 0x40000000, 0x80000000)

    /* Products consumed at once, chained. */
    CASE(93)
    li a1, 3
    mul a0, a1, a1
    mul a0, a0, a1
    addi a0, a0, 1
    mulhu a2, a0, a0
    CHECK(a0, 28)
    CHECK(a2, 0)
    TEST_X0(94, mul x0, a1, a1)
    TEST_X0(95, mulh x0, a1, a1)

    TEST_END
