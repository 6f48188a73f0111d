/* SPDX-License-Identifier: Apache-2.0 */
/* hazard.S - pipeline hazards: every kind of result (ALU, load, multiply, shift, divide, CSR, link) used
 * by the next instruction and the one after, as either operand; long dependency chains; stores of values
 * just computed; branches on values just loaded. */
#include "st_isa.h"

TEST_BEGIN
    /* ALU -> ALU, both operands, distance 1 and 2. */
    CASE(1)
    li a1, 1
    add a2, a1, a1
    add a3, a2, a1
    add a4, a3, a2
    add a5, a4, a4
    sub a0, a5, a3
    CHECK(a0, 7)
    /* A 16-deep chain through one register. */
    CASE(2)
    li a0, 1
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    add a0, a0, a0
    addi a0, a0, 1
    xori a0, a0, 3
    ori a0, a0, 0x400
    andi a0, a0, 0x7fe
    slli a0, a0, 1
    srli a0, a0, 2
    addi a0, a0, -1
    sltiu a1, a0, 1000
    CHECK(a0, 0x280)
    CHECK(a1, 1)
    /* Load -> use as rs1, rs2, address, store data, branch operand. */
    CASE(3)
    la a1, data
    lw a2, 0(a1)
    add a0, a2, a2
    CHECK(a0, 20)
    lw a2, 4(a1)
    sub a0, zero, a2
    CHECK(a0, -20)
    lw a2, 8(a1)                /* pointer to data */
    lw a0, 0(a2)
    CHECK(a0, 10)
    lw a2, 0(a1)
    sw a2, 12(a1)
    lw a0, 12(a1)
    CHECK(a0, 10)
    lw a2, 0(a1)
    li a3, 10
    bne a2, a3, st_fail
    lw a2, 4(a1)
    beq a2, a3, st_fail
    /* Multiply and shift results used at once, by a multiply too. */
    CASE(4)
    li a1, 7
    mul a2, a1, a1
    mul a3, a2, a1
    sll a4, a3, a1
    srl a5, a4, a1
    add a0, a5, a2
    CHECK(a0, 392)
    mulhu a2, a4, a4
    addi a0, a2, 1
    CHECK(a0, 1)
    /* Divide results used at once. */
    CASE(5)
    li a1, 100
    li a2, 7
    divu a3, a1, a2
    remu a4, a1, a2
    mul a5, a3, a2
    add a0, a5, a4
    CHECK(a0, 100)
    div a3, a3, a4
    CHECK(a3, 7)
    /* CSR read used at once; CSR write of a value just computed. */
    CASE(6)
    li a1, 0x1234
    addi a1, a1, 1
    csrw mscratch, a1
    csrr a2, mscratch
    addi a0, a2, 1
    CHECK(a0, 0x1236)
    csrrw a2, mscratch, a0
    add a0, a2, a0
    CHECK(a0, 0x246b)
    /* Link register used at once. */
    CASE(7)
    jal a1, 1f
1:  la a2, 1b
    sub a0, a1, a2
    CHECK(a0, 0)
    /* A load into a register the next instruction overwrites (write-after-write). */
    CASE(8)
    la a1, data
    lw a0, 0(a1)
    li a0, 3
    CHECK(a0, 3)
    li a0, 3
    lw a0, 0(a1)
    CHECK(a0, 10)
    /* Store then load of the same word, the loaded value used by a branch. */
    CASE(9)
    li a2, 55
    sw a2, 12(a1)
    lw a3, 12(a1)
    li a4, 55
    bne a3, a4, st_fail
    /* The value written by an instruction followed by a taken branch, used at the target. */
    CASE(10)
    li a0, 1
    addi a0, a0, 4
    j 2f
    li a0, 0
2:  addi a0, a0, 1
    CHECK(a0, 6)
    /* Long sequence mixing everything (sum of squares 1..20 via mul/div and memory). */
    CASE(11)
    la a1, data
    li a2, 1
    li a3, 0
    li a4, 21
3:  mul a5, a2, a2
    sw a5, 12(a1)
    lw a5, 12(a1)
    add a3, a3, a5
    divu a5, a5, a2
    bne a5, a2, st_fail
    addi a2, a2, 1
    bne a2, a4, 3b
    CHECK(a3, 2870)

    TEST_END

    .data
    .balign 16
data: .word 10, 20, data, 0
