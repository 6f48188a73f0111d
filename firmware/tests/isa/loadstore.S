/* SPDX-License-Identifier: Apache-2.0 */
/* loadstore.S - LB, LH, LW, LBU, LHU (sign / zero extension, every lane), SB, SH, SW (only the addressed
 * bytes change), offsets, store-to-load forwarding through memory, load results used at once. */
#include "st_isa.h"

#define TEST_LOAD(n, inst, result, off, base)   \
    CASE(n);                                    \
    la a1, base;                                \
    inst a0, off(a1);                           \
    CHECK(a0, result)

TEST_BEGIN
    /* Sign extension on every byte lane (little endian: lane 0 is the lowest address). */
    TEST_LOAD(1,  lb,  0x00000001, 0, d0)
    TEST_LOAD(2,  lb,  0x0000007f, 1, d0)
    TEST_LOAD(3,  lb,  0xffffffff, 2, d0)
    TEST_LOAD(4,  lb,  0xffffff80, 3, d0)
    TEST_LOAD(5,  lbu, 0x00000001, 0, d0)
    TEST_LOAD(6,  lbu, 0x0000007f, 1, d0)
    TEST_LOAD(7,  lbu, 0x000000ff, 2, d0)
    TEST_LOAD(8,  lbu, 0x00000080, 3, d0)
    TEST_LOAD(9,  lh,  0x00007f01, 0, d0)
    TEST_LOAD(10, lh,  0xffff80ff, 2, d0)
    TEST_LOAD(11, lhu, 0x00007f01, 0, d0)
    TEST_LOAD(12, lhu, 0x000080ff, 2, d0)
    TEST_LOAD(13, lh,  0xffff8000, 0, d1)
    TEST_LOAD(14, lh,  0x00007fff, 2, d1)
    TEST_LOAD(15, lhu, 0x00008000, 0, d1)
    TEST_LOAD(16, lw,  0x80ff7f01, 0, d0)
    TEST_LOAD(17, lw,  0x7fff8000, 0, d1)
    TEST_LOAD(18, lw,  0x12345678, 4, d1)
    /* Negative offsets. */
    TEST_LOAD(19, lw,  0x7fff8000, -8, d2)
    TEST_LOAD(20, lbu, 0x00000056, -3, d2)
    TEST_LOAD(21, lh,  0x00001234, -2, d2)

    /* SB on each lane leaves the other three bytes alone. */
    CASE(30)
    la a1, buf
    li a0, 0xaabbccdd
    sw a0, 0(a1)
    li a2, 0x11
    sb a2, 0(a1)
    lw a0, 0(a1)
    CHECK(a0, 0xaabbcc11)
    li a2, 0x122
    sb a2, 1(a1)
    lw a0, 0(a1)
    CHECK(a0, 0xaabb2211)
    li a2, 0xffffff33
    sb a2, 2(a1)
    lw a0, 0(a1)
    CHECK(a0, 0xaa332211)
    li a2, 0x44
    sb a2, 3(a1)
    lw a0, 0(a1)
    CHECK(a0, 0x44332211)
    /* SH on both halves. */
    CASE(31)
    li a2, 0x12345566
    sh a2, 0(a1)
    lw a0, 0(a1)
    CHECK(a0, 0x44335566)
    li a2, 0xffff8877
    sh a2, 2(a1)
    lw a0, 0(a1)
    CHECK(a0, 0x88775566)
    /* SW and read back as bytes and halves. */
    CASE(32)
    li a2, 0xfedcba98
    sw a2, 4(a1)
    lbu a0, 4(a1)
    CHECK(a0, 0x98)
    lb a0, 5(a1)
    CHECK(a0, 0xffffffba)
    lhu a0, 6(a1)
    CHECK(a0, 0xfedc)
    lw a0, 4(a1)
    CHECK(a0, 0xfedcba98)
    /* Stores with negative offsets; neighbouring words untouched. */
    CASE(33)
    li a2, 0x01020304
    sw a2, 8(a1)
    sw zero, 12(a1)
    addi a3, a1, 16
    li a2, 0x55
    sb a2, -5(a3)
    lw a0, 8(a1)
    CHECK(a0, 0x55020304)
    lw a0, 12(a1)
    CHECK(a0, 0)
    lw a0, 4(a1)
    CHECK(a0, 0xfedcba98)

    /* A load straight after a store to the same address; the value used by the next instruction. */
    CASE(40)
    li a2, 77
    sw a2, 0(a1)
    lw a0, 0(a1)
    addi a0, a0, 1
    CHECK(a0, 78)
    CASE(41)
    li a2, 5
    sw a2, 0(a1)
    lw a3, 0(a1)
    add a0, a3, a3
    sub a0, a0, a3
    CHECK(a0, 5)
    /* A loaded value used as the next load's address and as store data. */
    CASE(42)
    la a2, ptr
    lw a3, 0(a2)
    lw a0, 0(a3)
    CHECK(a0, 0x80ff7f01)
    sw a0, 4(a1)
    lw a0, 4(a1)
    CHECK(a0, 0x80ff7f01)
    /* Loads into x0 are discarded. */
    TEST_X0(43, lw x0, 0(a1))
    TEST_X0(44, lb x0, 2(a1))
    /* Back-to-back loads into the same register. */
    CASE(45)
    la a1, d0
    lw a0, 0(a1)
    lw a0, 4(a1)
    lbu a0, 8(a1)
    CHECK(a0, 0x78)

    TEST_END

    .data
    .balign 16
d0: .word 0x80ff7f01
d1: .word 0x7fff8000
    .word 0x12345678
d2: .word 0
ptr: .word d0
    .balign 16
buf: .space 32
