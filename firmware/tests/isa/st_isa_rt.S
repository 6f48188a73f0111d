/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_isa_rt.S - runtime shared by the ISA tests: pass / fail exits, console output, the handler for
 * unexpected traps. Uses only RV32I and the CSRs every test needs.
 */
#include "st_isa.h"

    .text

/* st_putc: print the byte in a0. Clobbers t0. */
    .globl st_putc
st_putc:
#ifdef ST_QEMU
    li t0, ST_UART_THR
    sb a0, 0(t0)
#else
    li t0, ST_SIMCTRL_PUTC
    sw a0, 0(t0)
#endif
    ret

/* st_puts: print the NUL-terminated string at a1. Clobbers a0, a1, t0, t1. */
    .globl st_puts
st_puts:
    mv t1, ra
1:  lbu a0, 0(a1)
    beqz a0, 2f
    jal st_putc
    addi a1, a1, 1
    j 1b
2:  mv ra, t1
    ret

/* st_puthex: print a1 as 8 hex digits. Clobbers a0, a2, a3, t0, t1. */
    .globl st_puthex
st_puthex:
    mv t1, ra
    li a2, 28
1:  srl a0, a1, a2
    andi a0, a0, 15
    li a3, 10
    blt a0, a3, 2f
    addi a0, a0, 'a' - 10 - '0'
2:  addi a0, a0, '0'
    jal st_putc
    addi a2, a2, -4
    bgez a2, 1b
    mv ra, t1
    ret

/* st_exit: end the program with exit code a0 (0 = pass). */
    .globl st_exit
st_exit:
#ifdef ST_QEMU
    li t0, ST_EXIT_DEV
    beqz a0, 1f
    slli a0, a0, 16
    li t1, 0x3333
    or a0, a0, t1
    sw a0, 0(t0)
    j 2f
1:  li t1, 0x5555
    sw t1, 0(t0)
#else
    li t0, ST_SIMCTRL_EXIT
    sw a0, 0(t0)
#endif
2:  j 2b

    .globl st_pass
st_pass:
    la a1, msg_pass
    jal st_puts
    li a0, 0
    j st_exit

/* A check failed: exit code = case number (never 0). */
    .globl st_fail
st_fail:
    la a1, msg_fail
    jal st_puts
    mv a1, TESTNUM
    jal st_puthex
    li a0, '\n'
    jal st_putc
    andi a0, TESTNUM, 255
    bnez a0, 1f
    li a0, 255
1:  j st_exit

/* A trap nobody expected: print the cause, exit 128 + case number. */
    .balign 4
    .globl st_trap_unexpected
st_trap_unexpected:
    la a1, msg_trap
    jal st_puts
    csrr a1, mcause
    jal st_puthex
    la a1, msg_mepc
    jal st_puts
    csrr a1, mepc
    jal st_puthex
    la a1, msg_mtval
    jal st_puts
    csrr a1, mtval
    jal st_puthex
    la a1, msg_case
    jal st_puts
    mv a1, TESTNUM
    jal st_puthex
    li a0, '\n'
    jal st_putc
    andi a0, TESTNUM, 127
    ori a0, a0, 128
    j st_exit

    .section .rodata
msg_pass:  .asciz "isa: all cases passed\n"
msg_fail:  .asciz "isa: FAIL case 0x"
msg_trap:  .asciz "isa: unexpected trap mcause=0x"
msg_mepc:  .asciz " mepc=0x"
msg_mtval: .asciz " mtval=0x"
msg_case:  .asciz " in case 0x"
