/* SPDX-License-Identifier: Apache-2.0 */
/* irq.S - the machine timer interrupt: MTIP in mip, masking by mie.MTIE and mstatus.MIE, the trap
 * (mcause 0x80000007, mepc), WFI with and without MIE, and many interrupts during a computation that must
 * still give the exact result (precise interrupts: the interrupted instruction re-executes). */
#include "st_isa.h"

#ifdef ST_QEMU
#define TIMEOUT 50000000        /* polling loops give up after this many iterations; qemu raises MTIP */
#define PAST    5000000         /* from a host timer, so allow real time */
#else
#define TIMEOUT 20000
#define PAST    200             /* iterations that surely outlast a 20-tick deadline */
#endif
#define EXPECT7 0x02989e83      /* case 7's sum, from a host model of the loop (qemu agrees) */

TEST_BEGIN
    csrw mie, zero
    jal timer_off

    /* MTIP shows in mip while mtime >= mtimecmp; no trap with interrupts disabled. */
    CASE(1)
    li a0, 40
    jal timer_in
    li a2, TIMEOUT
1:  csrr a0, mip
    andi a0, a0, 0x80
    bnez a0, 2f
    addi a2, a2, -1
    beqz a2, st_fail
    j 1b
2:  jal timer_off
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK(a0, 0)

    /* MTIE + MIE: the interrupt is taken. */
    CASE(2)
    SET_TRAP(handler)
    li s1, 0
    li a0, 60
    jal timer_in
    li a1, 0x80
    csrs mie, a1
10: csrsi mstatus, 8
    li a2, TIMEOUT
3:  bnez s1, 4f
    addi a2, a2, -1
    bnez a2, 3b
4:
5:  CHECK(s1, 1)
    CHECK(s2, 0x80000007)
    la t5, 10b                  /* mepc after interrupts were enabled, inside the polling loop */
    bltu s3, t5, st_fail
    la t5, 5b
    bgeu s3, t5, st_fail
    csrr a0, mstatus            /* MRET restored MIE */
    andi a0, a0, 8
    CHECK(a0, 8)

    /* MTIE = 0 masks a pending timer interrupt; enabling it takes the trap at once. */
    CASE(3)
    li s1, 0
    csrw mie, zero
    li a0, 20
    jal timer_in
    li a2, PAST                 /* wait well past the deadline */
6:  addi a2, a2, -1
    bnez a2, 6b
    CHECK(s1, 0)
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK(a0, 0x80)
    li a1, 0x80
    csrs mie, a1
    nop
    nop
    CHECK(s1, 1)
    CHECK(s2, 0x80000007)

    /* mstatus.MIE = 0 masks it too. */
    CASE(4)
    li s1, 0
    csrci mstatus, 8
    li a0, 20
    jal timer_in
    li a2, PAST
7:  addi a2, a2, -1
    bnez a2, 7b
    CHECK(s1, 0)
    csrsi mstatus, 8
    nop
    nop
    CHECK(s1, 1)

    /* WFI with MIE = 0: returns once the enabled interrupt is pending, no trap. */
    CASE(5)
    li s1, 0
    csrci mstatus, 8
    li a1, 0x80
    csrs mie, a1
    li a0, 300
    jal timer_in
    wfi
    CHECK(s1, 0)
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK(a0, 0x80)
    jal timer_off

    /* WFI with MIE = 1: the interrupt is taken after WFI (mepc = the next instruction). */
    CASE(6)
    li s1, 0
    li a0, 300
    jal timer_in
    csrsi mstatus, 8
    wfi
8:  nop
    CHECK(s1, 1)
    la t5, 8b
#ifdef ST_QEMU
    bltu s3, t5, st_fail        /* qemu may also take it on WFI itself; it does not here */
#else
    CHECK_REG(s3, t5)
#endif

    /* Many interrupts in the middle of loads, stores, multiplies, divides and branches: the result must
     * equal the uninterrupted one. The handler re-arms the timer with a short, varying deadline. */
    CASE(7)
    li s1, 0
    li s7, 1                    /* handler re-arms */
    li a0, 30
    jal timer_in
    la a1, buf
    li a2, 0                    /* i */
    li a3, 0                    /* sum */
    li a4, 400
9:  slli t1, a2, 2
    andi t1, t1, 60
    add t1, a1, t1
    mul t2, a2, a2
    sw t2, 0(t1)
    lw t3, 0(t1)
    addi t4, a2, 3
    divu t4, t3, t4
    add a3, a3, t4
    remu t4, t3, a4
    xor a3, a3, t4
    srli t4, a3, 3
    add a3, a3, t4
    addi a2, a2, 1
    blt a2, a4, 9b
    csrci mstatus, 8
    li s7, 0
    jal timer_off
    CHECK(a3, EXPECT7)
    li a0, 5                    /* at least a few interrupts happened */
    blt s1, a0, st_fail

    CLEAR_TRAP
    TEST_END

/* timer_in: interrupt a0 timer ticks from now. Clobbers t0-t2, a0. */
timer_in:
    li t0, ST_MTIME
    lw t1, 0(t0)
    lw t2, 4(t0)
    add a0, t1, a0
    sltu t1, a0, t1
    add t2, t2, t1
    li t0, ST_MTIMECMP
    li t1, -1
    sw t1, 4(t0)                /* no spurious match while the halves change */
    sw a0, 0(t0)
    sw t2, 4(t0)
    ret

/* timer_off: mtimecmp = max. Clobbers t0, t1. */
timer_off:
    li t0, ST_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    ret

/* Counts interrupts in s1, records mcause / mepc in s2 / s3. Saves what it uses (the interrupted code
 * uses every temporary). Re-arms the timer if s7 != 0, else switches it off. */
    .balign 4
handler:
    csrw mscratch, t0
    addi sp, sp, -16
    sw t1, 0(sp)
    sw t2, 4(sp)
    sw a0, 8(sp)
    sw ra, 12(sp)
    addi s1, s1, 1
    csrr s2, mcause
    csrr s3, mepc
    li t0, 0x80000007
    bne s2, t0, st_trap_unexpected
    jal timer_off
    beqz s7, 1f
    andi a0, s1, 31             /* next deadline 60..91 ticks away */
    addi a0, a0, 60
    jal timer_in
1:  lw t1, 0(sp)
    lw t2, 4(sp)
    lw a0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    csrr t0, mscratch
    mret

    .data
    .balign 16
buf: .space 64
