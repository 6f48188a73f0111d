/* SPDX-License-Identifier: Apache-2.0 */
/* start.S - entry of the CPI benchmark: stack, main(), its return value to SIMCTRL.EXIT. */
    .section .text.start, "ax"
    .globl _start
_start:
    la sp, __stack
    call main
    li t0, 0x10002000
    sw a0, 0(t0)
1:  j 1b
