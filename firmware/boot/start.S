/* SPDX-License-Identifier: Apache-2.0 */
/*
 * start.S - boot ROM entry (BOOTROM_BASE, the board's reset vector) and trap entry.
 *
 * The stack is the last 1 KiB of RAM (above ST_BOOT_RAM_LIMIT, which no image may touch). No gp, no
 * .data/.bss: the boot ROM needs no initialised RAM (boot.ld checks).
 */
  .section .text.start, "ax"
  .globl _start
_start:
  li    sp, 0x00020000          /* top of the 128 KiB RAM */
  la    t0, trap_entry
  csrw  mtvec, t0
  j     boot_main

  .balign 4
trap_entry:
  li    sp, 0x00020000
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  j     boot_trap
