/* SPDX-License-Identifier: Apache-2.0 */
/*
 * crt0.S - start-up code and trap entry for st-accel firmware.
 *
 * _start sits at RAM address 0, the reset vector of the simulated SoC (the boot ROM jumps there on the
 * board). It sets gp, sp and tp, points mtvec at st_trap_entry, clears .tbss/.bss, runs static
 * constructors, calls main() and passes its return value to exit(), which ends in _exit() (st_rt.c):
 * the value becomes the simulator's exit code.
 *
 * st_trap_entry saves all 31 registers in a frame on the stack (layout st_trap_frame_t in st_rt.h),
 * calls st_trap_handler(frame) in C and restores them. The handler may change frame->mepc (to skip an
 * instruction) and registers; mret returns to frame->mepc.
 */

  .section .text.start, "ax"
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    sp, __stack
  la    tp, __tls_base
  la    t0, st_trap_entry
  csrw  mtvec, t0

  /* Clear .tbss and .bss (word aligned by link.ld). */
  la    t0, __st_zero_start
  la    t1, __bss_end
1:
  bgeu  t0, t1, 2f
  sw    zero, 0(t0)
  addi  t0, t0, 4
  j     1b
2:
  call  st_rt_init
  call  __libc_init_array
  li    a0, 0
  li    a1, 0
  call  main
  call  exit
3:
  j     3b
  .size _start, . - _start

/* Frame: x1..x31 at 4*(n-1), then mepc, mcause, mtval, mstatus: 35 words, rounded up to 144 bytes. */
  .equ  FRAME_SIZE, 144

  .section .text.st_trap_entry, "ax"
  .globl st_trap_entry
  .type st_trap_entry, @function
  .balign 4
st_trap_entry:
  addi  sp, sp, -FRAME_SIZE
  sw    x1,   0(sp)
  sw    x3,   8(sp)
  sw    x4,  12(sp)
  sw    x5,  16(sp)
  sw    x6,  20(sp)
  sw    x7,  24(sp)
  sw    x8,  28(sp)
  sw    x9,  32(sp)
  sw    x10, 36(sp)
  sw    x11, 40(sp)
  sw    x12, 44(sp)
  sw    x13, 48(sp)
  sw    x14, 52(sp)
  sw    x15, 56(sp)
  sw    x16, 60(sp)
  sw    x17, 64(sp)
  sw    x18, 68(sp)
  sw    x19, 72(sp)
  sw    x20, 76(sp)
  sw    x21, 80(sp)
  sw    x22, 84(sp)
  sw    x23, 88(sp)
  sw    x24, 92(sp)
  sw    x25, 96(sp)
  sw    x26, 100(sp)
  sw    x27, 104(sp)
  sw    x28, 108(sp)
  sw    x29, 112(sp)
  sw    x30, 116(sp)
  sw    x31, 120(sp)
  addi  t0, sp, FRAME_SIZE      /* sp as it was when the trap was taken */
  sw    t0,   4(sp)
  csrr  t0, mepc
  sw    t0, 124(sp)
  csrr  t0, mcause
  sw    t0, 128(sp)
  csrr  t0, mtval
  sw    t0, 132(sp)
  csrr  t0, mstatus
  sw    t0, 136(sp)

  mv    a0, sp
  call  st_trap_handler

  lw    t0, 124(sp)
  csrw  mepc, t0
  lw    x1,   0(sp)
  lw    x3,   8(sp)
  lw    x4,  12(sp)
  lw    x5,  16(sp)
  lw    x6,  20(sp)
  lw    x7,  24(sp)
  lw    x8,  28(sp)
  lw    x9,  32(sp)
  lw    x10, 36(sp)
  lw    x11, 40(sp)
  lw    x12, 44(sp)
  lw    x13, 48(sp)
  lw    x14, 52(sp)
  lw    x15, 56(sp)
  lw    x16, 60(sp)
  lw    x17, 64(sp)
  lw    x18, 68(sp)
  lw    x19, 72(sp)
  lw    x20, 76(sp)
  lw    x21, 80(sp)
  lw    x22, 84(sp)
  lw    x23, 88(sp)
  lw    x24, 92(sp)
  lw    x25, 96(sp)
  lw    x26, 100(sp)
  lw    x27, 104(sp)
  lw    x28, 108(sp)
  lw    x29, 112(sp)
  lw    x30, 116(sp)
  lw    x31, 120(sp)
  addi  sp, sp, FRAME_SIZE
  mret
  .size st_trap_entry, . - st_trap_entry
