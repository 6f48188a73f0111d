/* SPDX-License-Identifier: Apache-2.0 */
/* csr.S - Zicsr: CSRRW/S/C and the immediate forms (old value to rd, rd = x0, rs1 = x0 does not write),
 * the machine CSRs' read values and writable bits, the counters (cycle, instret, time; mcycle and minstret
 * writable), illegal accesses (unknown CSR, write to a read-only CSR). */
#include "st_isa.h"

/* Expect the next instruction to raise an illegal-instruction trap; continue after it. */
#define EXPECT_ILLEGAL(n, ...)                  \
    CASE(n);                                    \
    li s1, 0;                                   \
    __VA_ARGS__;                                \
    CHECK(s1, 1)

TEST_BEGIN
    SET_TRAP(illegal_handler)

    /* CSRRW returns the old value. */
    CASE(1)
    li a1, 0x12345678
    csrw mscratch, a1
    li a2, 0xcafef00d
    csrrw a0, mscratch, a2
    CHECK(a0, 0x12345678)
    csrr a0, mscratch
    CHECK(a0, 0xcafef00d)
    /* CSRRS sets the rs1 bits, CSRRC clears them, both return the old value. */
    CASE(2)
    li a1, 0x0000ff00
    csrrs a0, mscratch, a1
    CHECK(a0, 0xcafef00d)
    csrr a0, mscratch
    CHECK(a0, 0xcafeff0d)
    li a1, 0xffff0000
    csrrc a0, mscratch, a1
    CHECK(a0, 0xcafeff0d)
    csrr a0, mscratch
    CHECK(a0, 0x0000ff0d)
    /* Immediate forms: 5-bit zero-extended uimm. */
    CASE(3)
    csrrwi a0, mscratch, 0x1f
    CHECK(a0, 0x0000ff0d)
    csrr a0, mscratch
    CHECK(a0, 0x1f)
    csrrci a0, mscratch, 0x05
    CHECK(a0, 0x1f)
    csrrsi a0, mscratch, 0x10
    CHECK(a0, 0x1a)
    csrr a0, mscratch
    CHECK(a0, 0x1a)
    /* rs1 = x0 / uimm = 0: CSRRS and CSRRC only read. */
    CASE(4)
    csrrs a0, mscratch, x0
    CHECK(a0, 0x1a)
    csrrc a0, mscratch, x0
    csrrsi a0, mscratch, 0
    csrrci a0, mscratch, 0
    csrr a0, mscratch
    CHECK(a0, 0x1a)
    /* rd = x0: the write still happens. */
    CASE(5)
    li a1, 0x55aa55aa
    csrrw x0, mscratch, a1
    bnez x0, st_fail
    csrr a0, mscratch
    CHECK(a0, 0x55aa55aa)
    /* rd == rs1: swap. */
    CASE(6)
    li a1, 0x11111111
    csrrw a1, mscratch, a1
    CHECK(a1, 0x55aa55aa)
    csrr a0, mscratch
    CHECK(a0, 0x11111111)
    /* The value read is used at once. */
    CASE(7)
    csrr a0, mscratch
    addi a0, a0, 1
    CHECK(a0, 0x11111112)

    /* Read-only identification. */
    CASE(10)
    csrr a0, mhartid
    CHECK(a0, 0)
    csrr a0, misa
#ifdef ST_QEMU
    srli a1, a0, 30             /* MXL = 1 (32 bit) */
    CHECK(a1, 1)
    andi a1, a0, 0x100          /* I */
    CHECK(a1, 0x100)
    li a2, 0x1000               /* M */
    and a1, a0, a2
    CHECK(a1, 0x1000)
#else
    CHECK(a0, 0x40001100)       /* RV32, I, M */
    csrr a0, mvendorid
    CHECK(a0, 0)
    csrr a0, marchid
    CHECK(a0, 0)
    csrr a0, mimpid
    CHECK(a0, 0)
    csrr a0, mstatush
    CHECK(a0, 0)
#endif
    /* misa ignores writes here (WARL). */
    CASE(11)
    csrr a1, misa
    csrw misa, zero
    csrr a0, misa
    CHECK_REG(a0, a1)

    /* mtvec: direct mode, 4-byte aligned base. */
    CASE(12)
    li a1, 0x00001000
    csrw mtvec, a1
    csrr a0, mtvec
    CHECK(a0, 0x00001000)
#ifndef ST_QEMU
    li a1, 0x00002005           /* mode 1 (vectored) is not implemented: reads back 0 */
    csrw mtvec, a1
    csrr a0, mtvec
    CHECK(a0, 0x00002004)
#endif
    SET_TRAP(illegal_handler)
    /* mepc, mtval, mcause hold what is written (mepc is 4-byte aligned: IALIGN = 32). */
    CASE(13)
    li a1, 0x00012344
    csrw mepc, a1
    csrr a0, mepc
    CHECK(a0, 0x00012344)
#ifndef ST_QEMU
    li a1, 0x00012347
    csrw mepc, a1
    csrr a0, mepc
    CHECK(a0, 0x00012344)
#endif
    li a1, 0xdeadbeef
    csrw mtval, a1
    csrr a0, mtval
    CHECK(a0, 0xdeadbeef)
    li a1, 0x8000000b
    csrw mcause, a1
    csrr a0, mcause
    CHECK(a0, 0x8000000b)
    li a1, 0x00000002
    csrw mcause, a1
    csrr a0, mcause
    CHECK(a0, 0x00000002)
    /* mstatus: MIE and MPIE are writable (no interrupt is enabled in mie, so none is taken). */
    CASE(14)
    csrw mie, zero
    csrsi mstatus, 0x8
    csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(a0, 0x08)
    csrci mstatus, 0x8
    li a1, 0x80
    csrs mstatus, a1
    csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(a0, 0x80)
    csrc mstatus, a1
    csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(a0, 0)
#ifndef ST_QEMU
    csrr a0, mstatus
    CHECK(a0, 0x1800)           /* MPP reads M: only machine mode */
#endif
    /* mie: MTIE and MEIE are writable. */
    CASE(15)
    li a1, 0x880
    csrw mie, a1
    csrr a0, mie
    and a0, a0, a1
    CHECK(a0, 0x880)
#ifndef ST_QEMU
    li a1, -1
    csrw mie, a1
    csrr a0, mie
    CHECK(a0, 0x880)            /* nothing else is implemented */
#endif
    csrw mie, zero
    csrr a0, mie
    CHECK(a0, 0)
    /* mip.MTIP and MEIP ignore writes (they follow the interrupt inputs). */
    CASE(16)
    li t0, ST_MTIMECMP          /* no timer interrupt pending: mtimecmp = max */
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    li a1, 0x880
    csrs mip, a1
    csrr a0, mip
    and a0, a0, a1
    CHECK(a0, 0)

    /* cycle and mcycle count up; time follows the platform timer. */
    CASE(20)
    csrr a1, mcycle
    nop
    csrr a2, mcycle
    sub a0, a2, a1
    beqz a0, st_fail
    bltz a0, st_fail
    rdcycle a1
    rdcycle a2
    bgeu a1, a2, st_fail
    CASE(21)
    li t0, ST_MTIME
    rdtime a1
    lw a2, 0(t0)
    rdtime a3
    bltu a2, a1, st_fail        /* time read before the load <= mtime <= time read after */
    bltu a3, a2, st_fail
    rdtimeh a1
    lw a2, 4(t0)
    CHECK_REG(a1, a2)
    /* instret counts retired instructions exactly (not on qemu without -icount). */
    CASE(22)
    csrr a1, minstret
    nop
    nop
    csrr a2, minstret
    sub a0, a2, a1
#ifdef ST_QEMU
    beqz a0, st_fail
#else
    CHECK(a0, 3)
    rdinstret a1
    rdinstret a2
    sub a0, a2, a1
    CHECK(a0, 1)
    /* An instruction that traps does not retire. */
    csrr a1, minstret
    .word 0                     /* illegal: does not retire; the handler retires 8 instructions */
    csrr a2, minstret
    sub a0, a2, a1
    CHECK(a0, 9)
#endif
    /* mcycle and minstret are writable, also the high halves. */
    CASE(23)
#ifndef ST_QEMU
    csrw mcycle, zero
    csrr a0, mcycle
    li a1, 16
    bgeu a0, a1, st_fail
#endif
    li a1, 1000
    csrw minstret, a1
    csrr a0, minstret
#ifdef ST_QEMU
    bltu a0, a1, st_fail
#else
    CHECK(a0, 1000)             /* the write wins over the CSRW's own retirement */
#endif
    li a1, 0x12345678
    csrw mcycleh, a1
    csrr a0, mcycleh
    CHECK(a0, 0x12345678)
    csrr a0, cycleh
    CHECK(a0, 0x12345678)
    li a1, 0x00abcdef
    csrw minstreth, a1
    csrr a0, minstreth
    CHECK(a0, 0x00abcdef)
    csrr a0, instreth
    CHECK(a0, 0x00abcdef)
    csrw mcycleh, zero
    csrw minstreth, zero
#ifndef ST_QEMU
    /* A carry out of the low half reaches the high half. */
    CASE(24)
    li a1, 0xfffffff0
    csrw mcycle, a1
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    csrr a0, mcycleh
    CHECK(a0, 1)
    li a1, 0xfffffffe
    csrw minstret, a1
    nop
    nop
    csrr a0, minstreth
    CHECK(a0, 1)
    csrr a0, minstret
    CHECK(a0, 3)
#endif

    /* Illegal: unknown CSRs, writes to read-only CSRs. Reads of read-only CSRs are fine. */
    EXPECT_ILLEGAL(30, csrr a0, 0x7c0)
    EXPECT_ILLEGAL(31, csrw 0x7c0, a1)
    EXPECT_ILLEGAL(32, csrw mhartid, a1)
    EXPECT_ILLEGAL(33, csrw cycle, zero)
    EXPECT_ILLEGAL(34, csrrwi a0, instret, 1)
    EXPECT_ILLEGAL(35, csrrsi a0, time, 1)
    EXPECT_ILLEGAL(36, csrs mvendorid, a1)
    CASE(37)                    /* ... but a set or clear with x0 / uimm 0 does not write: legal */
    li s1, 0
    csrrs a0, mhartid, x0
    csrrci a0, cycle, 0
    csrrs a0, time, x0
    CHECK(s1, 0)
    /* An illegal CSR instruction leaves rd and the CSR alone. */
    CASE(38)
    li a0, 0x77
    li s1, 0
    csrrw a0, mhartid, a1
    CHECK(s1, 1)
    CHECK(a0, 0x77)
    csrr a0, mhartid
    CHECK(a0, 0)

    CLEAR_TRAP
    TEST_END

/* Illegal-instruction handler: count in s1, skip the instruction. Fails on any other cause. */
    .balign 4
illegal_handler:
    csrr t0, mcause
    li t1, 2
    bne t0, t1, st_trap_unexpected
    addi s1, s1, 1
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
