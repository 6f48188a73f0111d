/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_rt.h
 * @brief st-accel firmware runtime: CSR access, cycle/instret counters, UART, interrupts, traps, exit.
 *
 * The runtime (crt0.S, st_rt.c, st_trap.c) runs every firmware program on the SoC: crt0 calls
 * st_rt_init() before main(); printf() and friends go to the UART (picolibc stdout); returning from
 * main() or calling exit() writes SIMCTRL.EXIT, which ends a simulation with that exit code. An
 * exception nobody handles prints a crash report (mcause, mepc, mtval, all registers) and exits with
 * ST_EXIT_CRASH_BASE + mcause.
 */
#ifndef ST_RT_H
#define ST_RT_H

#include <stdbool.h>
#include <stdint.h>

#include "st_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Memory-mapped peripherals (addresses from the generated register map) ---------------------- */
#define ST_UART    ((st_uart_regs_t *)ST_UART_BASE)
#define ST_TIMER   ((st_timer_regs_t *)ST_TIMER_BASE)
#define ST_SIMCTRL ((st_simctrl_regs_t *)ST_SIMCTRL_BASE)
#define ST_GPIO    ((st_gpio_regs_t *)ST_GPIO_BASE)

/** UART bit period minus one that st_rt_init() programs. 0 (one clock per bit) keeps simulations fast;
 *  a board build passes -DST_UART_DIV=103 (115200 Bd at 12 MHz) via firmware.mk's UART_DIV. */
#ifndef ST_UART_DIV
#define ST_UART_DIV 0u
#endif

/** Exit code of a program killed by an unhandled exception: this plus mcause (so 130 = illegal
 *  instruction, 133 = load access fault). */
#define ST_EXIT_CRASH_BASE 128
/** Exit code of a program that took an interrupt without a registered handler. */
#define ST_EXIT_UNEXPECTED_IRQ 127
/** Exit code of a program that faulted again while its crash report was being printed. */
#define ST_EXIT_DOUBLE_FAULT 126

/* ---- CSRs --------------------------------------------------------------------------------------- */
#define ST_CSR_READ(csr) __extension__({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define ST_CSR_WRITE(csr, val) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint32_t)(val)))
#define ST_CSR_SET(csr, bits) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint32_t)(bits)))
#define ST_CSR_CLEAR(csr, bits) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint32_t)(bits)))

#define ST_MSTATUS_MIE (1u << 3)
#define ST_MIE_MTIE (1u << 7)
#define ST_MIE_MEIE (1u << 11)
#define ST_MCAUSE_INTERRUPT (1u << 31)

/** Reads the 64-bit cycle counter (rdcycleh/rdcycle/rdcycleh until the high word is stable). */
static inline uint64_t st_rdcycle64(void)
{
    uint32_t hi, lo, hi2;
    do {
        __asm__ volatile("rdcycleh %0" : "=r"(hi));
        __asm__ volatile("rdcycle %0" : "=r"(lo));
        __asm__ volatile("rdcycleh %0" : "=r"(hi2));
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

/** Reads the 64-bit instructions-retired counter. */
static inline uint64_t st_rdinstret64(void)
{
    uint32_t hi, lo, hi2;
    do {
        __asm__ volatile("rdinstreth %0" : "=r"(hi));
        __asm__ volatile("rdinstret %0" : "=r"(lo));
        __asm__ volatile("rdinstreth %0" : "=r"(hi2));
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

/** Low 32 bits of the cycle counter: enough for intervals below 2^32 cycles. */
static inline uint32_t st_rdcycle(void)
{
    uint32_t v;
    __asm__ volatile("rdcycle %0" : "=r"(v));
    return v;
}

/** Low 32 bits of the instructions-retired counter. */
static inline uint32_t st_rdinstret(void)
{
    uint32_t v;
    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

/** Reads the memory-mapped 64-bit mtime consistently (high, low, high until stable). */
uint64_t st_mtime(void);

/** Sets mtimecmp; the timer interrupt is pending while mtime >= mtimecmp. Safe against spurious
 *  interrupts between the two 32-bit writes. */
void st_set_mtimecmp(uint64_t when);

/* ---- UART --------------------------------------------------------------------------------------- */

/** Sets the UART bit period (clock cycles per bit minus one) after the transmitter has gone idle. */
void st_uart_set_div(uint32_t div);

/** Sends one byte; waits while the transmitter's holding register is full. */
void st_uart_putc(char c);

/** Waits for a received byte and returns it. */
int st_uart_getc(void);

/** Returns a received byte, or -1 if none is waiting. */
int st_uart_try_getc(void);

/** Waits until the last byte has left the transmitter (before stopping or exiting). */
void st_uart_flush(void);

/** Sends a NUL-terminated string without printf (for crash paths). */
void st_uart_puts(const char *s);

/** Sends a 32-bit value as 0x%08x without printf. */
void st_uart_puthex(uint32_t v);

/* ---- Traps and interrupts ----------------------------------------------------------------------- */

/** Registers as saved by st_trap_entry (crt0.S): x[0] holds x1 (ra), ..., x[30] holds x31. x[1] holds
 *  the sp at the time of the trap. */
typedef struct {
    uint32_t x[31];
    uint32_t mepc;    /**< where mret returns; a handler may advance it */
    uint32_t mcause;
    uint32_t mtval;
    uint32_t mstatus;
    uint32_t pad;
} st_trap_frame_t;

_Static_assert(sizeof(st_trap_frame_t) == 144, "st_trap_frame_t must match FRAME_SIZE in crt0.S");

/** Interrupt sources of the SoC. */
typedef enum {
    ST_IRQ_TIMER = 0, /**< machine timer: mtime >= mtimecmp */
    ST_IRQ_EXT = 1,   /**< machine external: the accelerator's irq or SIMCTRL.IRQ.EXT */
    ST_IRQ_COUNT
} st_irq_t;

/** An interrupt handler; it must clear the cause (move mtimecmp, acknowledge the device). */
typedef void (*st_irq_handler_t)(st_trap_frame_t *frame);

/** An exception hook: return true if the exception was handled (then adjust frame->mepc), false to get
 *  the crash report. */
typedef bool (*st_exception_hook_t)(st_trap_frame_t *frame);

/** Installs (or with NULL removes) the handler for an interrupt source and enables or disables the
 *  source in mie. Interrupts are taken only while st_irq_enable_global() is in effect. */
void st_irq_set_handler(st_irq_t irq, st_irq_handler_t handler);

/** Sets mstatus.MIE. */
static inline void st_irq_enable_global(void)
{
    ST_CSR_SET(mstatus, ST_MSTATUS_MIE);
}

/** Clears mstatus.MIE. */
static inline void st_irq_disable_global(void)
{
    ST_CSR_CLEAR(mstatus, ST_MSTATUS_MIE);
}

/** Installs the exception hook (NULL: every exception is a crash). */
void st_set_exception_hook(st_exception_hook_t hook);

/** Name of an exception or interrupt cause (mcause value), e.g. "Illegal instruction". */
const char *st_mcause_str(uint32_t mcause);

/** Prints the crash report for a trap frame on the UART. */
void st_crash_report(const st_trap_frame_t *frame);

/** C entry of every trap (called by st_trap_entry in crt0.S). */
void st_trap_handler(st_trap_frame_t *frame);

/* ---- Start and end ------------------------------------------------------------------------------ */

/** Called by crt0 before main(): programs the UART divisor. */
void st_rt_init(void);

/** Ends the program: flushes the UART and writes the exit code to SIMCTRL.EXIT. Does not return. */
void _exit(int code) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif /* ST_RT_H */
