/* SPDX-License-Identifier: Apache-2.0 */
/* trap.S - synchronous exceptions: ECALL, EBREAK, illegal instructions (also the all-zero word), misaligned
 * loads, stores and jump / branch targets, load / store / fetch access faults; mcause, mepc, mtval; the
 * faulting instruction has no effect; MRET and the mstatus.MIE / MPIE stack. */
#include "st_isa.h"

/* Handler results: s1 = traps taken, s2 = mcause, s3 = mepc, s4 = mtval. The handler resumes at s5 if it
 * is non-zero, else after the trapping instruction. */
#define ARM         li s1, 0; li s2, -1; li s3, -1; li s4, -1; li s5, 0

/* Expect exactly one trap with this cause at label l (mepc). */
#define EXPECT_TRAP(cause, l)                   \
    CHECK(s1, 1);                               \
    CHECK(s2, cause);                           \
    la t5, l;                                   \
    CHECK_REG(s3, t5)

/* Expect an illegal-instruction trap from the word w. */
#define TEST_ILLEGAL_WORD(n, w)                 \
    CASE(n);                                    \
    ARM;                                        \
1:  .word w;                                    \
    EXPECT_TRAP(2, 1b)

TEST_BEGIN
    SET_TRAP(handler)

    /* ECALL, EBREAK */
    CASE(1)
    ARM
1:  ecall
    EXPECT_TRAP(11, 1b)
    CASE(2)
    ARM
2:  ebreak
    EXPECT_TRAP(3, 2b)

    /* Illegal instructions. */
    CASE(3)
    ARM
3:  .word 0x00000000            /* all-zero word */
    EXPECT_TRAP(2, 3b)
#ifndef ST_QEMU
    CHECK(s4, 0)                /* mtval = 0 for illegal instructions on this core */
#endif
    TEST_ILLEGAL_WORD(4, 0xffffffff)
    TEST_ILLEGAL_WORD(5, 0x00010001)    /* two compressed c.nop: no C extension */
    TEST_ILLEGAL_WORD(6, 0x0000007f)    /* opcode 1111111 */
    TEST_ILLEGAL_WORD(7, 0xfe000033)    /* OP with funct7 = 1111111 */
    TEST_ILLEGAL_WORD(8, 0x0000b003)    /* LD: RV64 only */
    TEST_ILLEGAL_WORD(9, 0x0000b023)    /* SD: RV64 only */
    TEST_ILLEGAL_WORD(10, 0x00002063)   /* BRANCH funct3 = 010 */
    TEST_ILLEGAL_WORD(11, 0x02001013)   /* SLLI with shamt[5] set: RV64 only */
    TEST_ILLEGAL_WORD(12, 0x42001013)   /* SLLI with funct7 = 0100001 */
    TEST_ILLEGAL_WORD(13, 0x00001067)   /* JALR funct3 = 001 */
    TEST_ILLEGAL_WORD(14, 0x00004073)   /* SYSTEM funct3 = 100 */
    TEST_ILLEGAL_WORD(15, 0x0000003b)   /* OP-32 (ADDW): RV64 only */
    TEST_ILLEGAL_WORD(16, 0x00000007)   /* LOAD-FP: no F extension */
    TEST_ILLEGAL_WORD(17, 0x0000202f)   /* AMO: no A extension */
    /* The destination of an illegal instruction is not written. */
    CASE(18)
    ARM
    li a0, 0x1234
4:  .word 0xfe050533                    /* "add a0, a0, a0" with funct7 = 1111111 */
    EXPECT_TRAP(2, 4b)
    CHECK(a0, 0x1234)

#ifndef ST_QEMU
    /* Misaligned loads and stores trap (qemu performs them instead); rd and memory stay unchanged. */
    CASE(20)
    ARM
    la a1, data
    li a0, 0x77
5:  lw a0, 1(a1)
    EXPECT_TRAP(4, 5b)
    CHECK(a0, 0x77)
    addi t5, a1, 1
    CHECK_REG(s4, t5)           /* mtval = the address */
    CASE(21)
    ARM
6:  lw a0, 2(a1)
    EXPECT_TRAP(4, 6b)
    ARM
7:  lw a0, 3(a1)
    EXPECT_TRAP(4, 7b)
    ARM
8:  lh a0, 1(a1)
    EXPECT_TRAP(4, 8b)
    ARM
9:  lhu a0, 3(a1)
    EXPECT_TRAP(4, 9b)
    CHECK(a0, 0x77)
    CASE(22)                    /* aligned halves and any byte are fine */
    ARM
    lh a0, 2(a1)
    lbu a0, 3(a1)
    lb a0, 1(a1)
    CHECK(s1, 0)
    CASE(23)
    ARM
    li a2, -1
10: sw a2, 2(a1)
    EXPECT_TRAP(6, 10b)
    addi t5, a1, 2
    CHECK_REG(s4, t5)
    ARM
11: sh a2, 1(a1)
    EXPECT_TRAP(6, 11b)
    ARM
12: sw a2, 1(a1)
    EXPECT_TRAP(6, 12b)
    lw a0, 0(a1)
    CHECK(a0, 0x44332211)       /* memory unchanged */
    lw a0, 4(a1)
    CHECK(a0, 0x88776655)
#endif

    /* Misaligned jump targets (no C extension): the jump traps, mepc = the jump, rd unchanged. */
    CASE(30)
    ARM
    la a1, 13f
    addi a1, a1, 2
    li ra, 0x55
14: jalr ra, 0(a1)
    EXPECT_TRAP(0, 14b)
    CHECK(ra, 0x55)
    CHECK_REG(s4, a1)           /* mtval = the target */
13: nop
    CASE(31)
    ARM
    li ra, 0x66
15: jal ra, .+6
    EXPECT_TRAP(0, 15b)
    CHECK(ra, 0x66)
#ifndef ST_QEMU                 /* qemu 7.2 reports the JAL's own pc in mtval for this case */
    la t5, 15b
    addi t5, t5, 6
    CHECK_REG(s4, t5)
#endif
    CASE(32)                    /* taken branch to a misaligned target */
    ARM
16: beq zero, zero, .+10
    EXPECT_TRAP(0, 16b)
    CASE(33)                    /* not taken: no trap */
    ARM
    bne zero, zero, .+10
    CHECK(s1, 0)

    /* Access faults: the bus answers an unmapped address with an error. */
    CASE(40)
    ARM
    li a1, ST_BAD_ADDR
    li a0, 0x99
17: lw a0, 0(a1)
    EXPECT_TRAP(5, 17b)
    CHECK_REG(s4, a1)
    CHECK(a0, 0x99)
    CASE(41)
    ARM
18: sw a0, 0(a1)
    EXPECT_TRAP(7, 18b)
    CHECK_REG(s4, a1)
    CASE(42)                    /* instruction fetch: mepc = the address fetched */
    ARM
    la s5, 19f
    li a1, ST_BAD_ADDR
20: jalr ra, 0(a1)
19: CHECK(s1, 1)
    CHECK(s2, 1)
    CHECK_REG(s3, a1)
    la t5, 20b                  /* the JALR itself retired and linked */
    addi t5, t5, 4
    CHECK_REG(ra, t5)

    /* mstatus: a trap saves MIE in MPIE and clears MIE; MRET restores MIE and sets MPIE. */
    CASE(50)
    csrw mie, zero              /* no interrupt source enabled: MIE = 1 takes no interrupt */
    csrsi mstatus, 8
    ARM
    la s5, 21f
    ecall
21: csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(a0, 0x88)             /* back: MIE = 1 (restored), MPIE = 1 */
    CHECK(s6, 0x80)             /* in the handler: MIE = 0, MPIE = 1 */
    CASE(51)
    csrci mstatus, 8
    ARM
    ecall
    csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(a0, 0x80)
    CHECK(s6, 0x00)
    /* MRET without a trap jumps to mepc. */
    CASE(52)
    la a1, 22f
    csrw mepc, a1
    li a2, 0x1800               /* MPP = M (read-only here; qemu also has U-mode) */
    csrs mstatus, a2
    mret
    j st_fail
22:

    CLEAR_TRAP
    TEST_END

    .balign 4
handler:
    addi s1, s1, 1
    csrr s2, mcause
    csrr s3, mepc
    csrr s4, mtval
    csrr s6, mstatus
    andi s6, s6, 0x88
    bnez s5, 1f
    addi t0, s3, 4
    csrw mepc, t0
    mret
1:  csrw mepc, s5
    mret

    .data
    .balign 16
data: .word 0x44332211, 0x88776655
