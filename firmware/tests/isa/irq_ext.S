/* SPDX-License-Identifier: Apache-2.0 */
/* irq_ext.S - the machine external interrupt (the accelerator's line; in simulation SIMCTRL.IRQ.EXT drives
 * it): MEIP in mip, masking by mie.MEIE and mstatus.MIE, the trap (mcause 0x8000000b), WFI, and priority
 * over the timer interrupt. SoC only: qemu's virt machine routes external interrupts through its PLIC. */
#include "st_isa.h"

TEST_BEGIN
#if ST_HAS_EXT_IRQ
    csrw mie, zero
    jal ext_off
    li t0, ST_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)

    /* MEIP follows the line; nothing is taken while disabled. */
    CASE(1)
    jal ext_on
    nop
    nop
    csrr a0, mip
    li a1, 0x800
    and a0, a0, a1
    CHECK(a0, 0x800)
    jal ext_off
    nop
    nop
    csrr a0, mip
    and a0, a0, a1
    CHECK(a0, 0)

    /* MEIE + MIE: the interrupt is taken; the handler lowers the line. */
    CASE(2)
    SET_TRAP(handler)
    li s1, 0
    li a1, 0x800
    csrs mie, a1
    csrsi mstatus, 8
    jal ext_on
1:  nop
    nop
    nop
    nop
    CHECK(s1, 1)                /* taken within a few instructions of the write that raised the line */
    CHECK(s2, 0x8000000b)

    /* Masked by mie.MEIE, then taken when MEIE is set. */
    CASE(3)
    li s1, 0
    li a1, 0x800
    csrc mie, a1
    jal ext_on
    nop
    nop
    CHECK(s1, 0)
    csrs mie, a1
    nop
    nop
    CHECK(s1, 1)

    /* WFI with MIE = 0 returns at once when an enabled interrupt is already pending (no trap). */
    CASE(4)
    li s1, 0
    csrci mstatus, 8
    jal ext_on
    wfi
    CHECK(s1, 0)
    jal ext_off

    /* External before timer when both are pending. */
    CASE(5)
    li s1, 0
    li a1, 0x880
    csrs mie, a1
    li t0, ST_MTIMECMP          /* timer pending now */
    sw zero, 0(t0)
    sw zero, 4(t0)
    jal ext_on
    csrsi mstatus, 8
    nop
    nop
    nop
    CHECK(s1, 2)
    CHECK(s4, 0x8000000b)       /* first */
    CHECK(s2, 0x80000007)       /* second */
    csrci mstatus, 8
    CLEAR_TRAP
#endif
    TEST_END

ext_on:
#if ST_HAS_EXT_IRQ
    li t0, ST_SIMCTRL_IRQ
    li t1, 1
    sw t1, 0(t0)
#endif
    ret

ext_off:
#if ST_HAS_EXT_IRQ
    li t0, ST_SIMCTRL_IRQ
    sw zero, 0(t0)
#endif
    ret

/* s1 = count, s2 = last mcause, s4 = first mcause, s3 = mepc. Lowers the source it was called for. */
#if ST_HAS_EXT_IRQ
    .balign 4
handler:
    addi s1, s1, 1
    csrr s2, mcause
    csrr s3, mepc
    li t0, 1
    bne s1, t0, 1f
    mv s4, s2
1:  li t0, 0x8000000b
    beq s2, t0, 2f
    li t0, 0x80000007
    bne s2, t0, st_trap_unexpected
    li t0, ST_MTIMECMP          /* timer: off */
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    mret
2:  li t0, ST_SIMCTRL_IRQ       /* external: lower the line */
    sw zero, 0(t0)
    mret
#endif
