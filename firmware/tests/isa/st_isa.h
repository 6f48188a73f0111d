/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_isa.h - macros for the self-checking ISA tests (assembly, included by every test .S file).
 *
 * A test is a sequence of numbered cases. Register gp (x3) holds the number of the case being run; a case
 * that finds a wrong value jumps to st_fail, which prints "FAIL case N" and exits with code N. A trap that
 * a case did not expect exits with 128 + (N & 127) after printing mcause, mepc and mtval. Passing all cases
 * ends at st_pass: exit code 0. Exit codes stay below 256 (they become the simulator's process exit code).
 *
 * Platform layer (selected by the build, see firmware/tests/isa/README.md):
 *   default     the st-accel SoC: SIMCTRL.EXIT / SIMCTRL.PUTC, TIMER block, SIMCTRL.IRQ for MEIP
 *   ST_QEMU     qemu-system-riscv32 -machine virt: sifive_test exit device, UART0, CLINT timer
 * Register usage by the macros: gp = case number, t5/t6 = scratch for expected values; tests keep sp.
 */
#ifndef ST_ISA_H
#define ST_ISA_H

#define TESTNUM gp

#ifdef ST_QEMU
#define ST_EXIT_DEV     0x00100000  /* sifive_test: 0x5555 = pass, (code << 16) | 0x3333 = fail */
#define ST_UART_THR     0x10000000  /* ns16550a transmit holding register */
#define ST_MTIME        0x0200bff8  /* CLINT */
#define ST_MTIMECMP     0x02004000
#define ST_BAD_ADDR     0x00000000  /* unmapped: loads, stores and fetches there fault */
#define ST_HAS_EXT_IRQ  0           /* MEIP needs the PLIC: not wired up for qemu here */
#else
#define ST_SIMCTRL_EXIT 0x10002000
#define ST_SIMCTRL_PUTC 0x10002004
#define ST_SIMCTRL_IRQ  0x10002008  /* bit 0 drives MEIP */
#define ST_MTIME        0x10001000
#define ST_MTIMECMP     0x10001008
#define ST_BAD_ADDR     0x40000000  /* unmapped: the interconnect answers with rsp_err */
#define ST_HAS_EXT_IRQ  1
#endif

/* Start of a test program: entry, stack, default trap vector, case number 0. */
#define TEST_BEGIN                              \
    .section .text.start, "ax";                 \
    .globl _start;                              \
_start:                                         \
    la sp, __stack;                             \
    la t0, st_trap_unexpected;                  \
    csrw mtvec, t0;                             \
    li TESTNUM, 0;                              \
    j st_test_body;                             \
    .text;                                      \
st_test_body:

/* End of the test body: everything passed. */
#define TEST_END    j st_pass

/* Start case n. */
#define CASE(n)     li TESTNUM, n

/* Fail the current case unless reg == value. */
#define CHECK(reg, value)                       \
    li t6, value;                               \
    bne reg, t6, st_fail

/* Fail the current case unless reg == reg2. */
#define CHECK_REG(reg, reg2)                    \
    bne reg, reg2, st_fail

/* Register-register instruction: a0 = a1 op a2. Also rd == rs1, rd == rs2 and rs1 == rs2 == rd forms. */
#define TEST_RR(n, inst, result, v1, v2)        \
    CASE(n);                                    \
    li a1, v1;                                  \
    li a2, v2;                                  \
    inst a0, a1, a2;                            \
    CHECK(a0, result);                          \
    li a1, v1;                                  \
    inst a1, a1, a2;                            \
    CHECK(a1, result);                          \
    li a1, v1;                                  \
    inst a2, a1, a2;                            \
    CHECK(a2, result)

/* Register-immediate instruction: a0 = a1 op imm, and the rd == rs1 form. */
#define TEST_RI(n, inst, result, v1, imm)       \
    CASE(n);                                    \
    li a1, v1;                                  \
    inst a0, a1, imm;                           \
    CHECK(a0, result);                          \
    inst a1, a1, imm;                           \
    CHECK(a1, result)

/* Both source registers the same register. */
#define TEST_RR_SAME(n, inst, result, v)        \
    CASE(n);                                    \
    li a1, v;                                   \
    inst a0, a1, a1;                            \
    CHECK(a0, result)

/* A write to x0 is discarded. */
#define TEST_X0(n, ...)                         \
    CASE(n);                                    \
    __VA_ARGS__;                                \
    bnez x0, st_fail

/* Expect a trap: install handler label h as mtvec (st_isa_rt.S keeps the default otherwise). */
#define SET_TRAP(h)                             \
    la t0, h;                                   \
    csrw mtvec, t0

#define CLEAR_TRAP                              \
    la t0, st_trap_unexpected;                  \
    csrw mtvec, t0

#endif /* ST_ISA_H */
