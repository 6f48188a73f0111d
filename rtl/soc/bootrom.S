/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bootrom.S - the boot ROM program (block RAM at BOOTROM_BASE, built into the bitstream).
 *
 * For now it only jumps to the application at RAM address 0: in simulation the RAM is preloaded, and the
 * SPI-flash loader that copies the application on the board comes with a later issue. It is the reset
 * vector of a board build (st_soc_top ResetVector = BOOTROM_BASE); firmware/tests/bootrom runs it in the
 * simulator by jumping here.
 */
  .section .text
  .globl _start
_start:
  li    t0, 0x00000000      /* RAM_BASE: crt0's _start */
  jr    t0
