/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_trap.c - the C side of trap handling: interrupt dispatch, exception hook, crash report.
 *
 * The crash report is printed with the UART routines directly, not printf: the crash may have left the
 * heap, the stack or picolibc's state broken. Format (tests/firmware check it):
 *
 *   *** CRASH: Illegal instruction (mcause 0x00000002)
 *   mepc 0x000001a4  mtval 0x00000000  mstatus 0x00001880
 *   ra   0x00000134  sp   0x0001fff0  gp   0x00010820  tp   0x00010000
 *   ...  (all 31 registers, four per line, ABI names)
 */
#include <stddef.h>

#include "st_rt.h"

static st_irq_handler_t st_irq_handlers[ST_IRQ_COUNT];
static st_exception_hook_t st_exception_hook;

static const char *const st_reg_names[31] = {
    "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
    "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *st_mcause_str(uint32_t mcause)
{
    static const char *const exceptions[] = {
        "Instruction address misaligned",
        "Instruction access fault",
        "Illegal instruction",
        "Breakpoint",
        "Load address misaligned",
        "Load access fault",
        "Store address misaligned",
        "Store access fault",
        "Environment call from U-mode",
        "Environment call from S-mode",
        "Reserved",
        "Environment call from M-mode",
    };
    uint32_t code = mcause & ~ST_MCAUSE_INTERRUPT;
    if ((mcause & ST_MCAUSE_INTERRUPT) != 0u) {
        switch (code) {
        case 3u:
            return "Machine software interrupt";
        case 7u:
            return "Machine timer interrupt";
        case 11u:
            return "Machine external interrupt";
        default:
            return "Unknown interrupt";
        }
    }
    if (code < sizeof(exceptions) / sizeof(exceptions[0])) {
        return exceptions[code];
    }
    return "Unknown exception";
}

void st_irq_set_handler(st_irq_t irq, st_irq_handler_t handler)
{
    uint32_t bit = (irq == ST_IRQ_TIMER) ? ST_MIE_MTIE : ST_MIE_MEIE;
    if ((unsigned)irq >= (unsigned)ST_IRQ_COUNT) {
        return;
    }
    st_irq_handlers[irq] = handler;
    if (handler != NULL) {
        ST_CSR_SET(mie, bit);
    } else {
        ST_CSR_CLEAR(mie, bit);
    }
}

void st_set_exception_hook(st_exception_hook_t hook)
{
    st_exception_hook = hook;
}

static void st_put_padded(const char *s, int width)
{
    int n = 0;
    while (s[n] != '\0') {
        st_uart_putc(s[n]);
        n++;
    }
    for (; n < width; n++) {
        st_uart_putc(' ');
    }
}

void st_crash_report(const st_trap_frame_t *frame)
{
    st_uart_puts("\n*** CRASH: ");
    st_uart_puts(st_mcause_str(frame->mcause));
    st_uart_puts(" (mcause ");
    st_uart_puthex(frame->mcause);
    st_uart_puts(")\nmepc ");
    st_uart_puthex(frame->mepc);
    st_uart_puts("  mtval ");
    st_uart_puthex(frame->mtval);
    st_uart_puts("  mstatus ");
    st_uart_puthex(frame->mstatus);
    st_uart_puts("\n");
    for (int i = 0; i < 31; i++) {
        st_put_padded(st_reg_names[i], 4);
        st_uart_puthex(frame->x[i]);
        st_uart_puts(((i % 4) == 3 || i == 30) ? "\n" : "  ");
    }
}

void st_trap_handler(st_trap_frame_t *frame)
{
    uint32_t mcause = frame->mcause;
    if ((mcause & ST_MCAUSE_INTERRUPT) != 0u) {
        uint32_t code = mcause & ~ST_MCAUSE_INTERRUPT;
        st_irq_handler_t handler = NULL;
        if (code == 7u) {
            handler = st_irq_handlers[ST_IRQ_TIMER];
        } else if (code == 11u) {
            handler = st_irq_handlers[ST_IRQ_EXT];
        }
        if (handler != NULL) {
            handler(frame);
            return;
        }
        st_crash_report(frame);
        st_uart_puts("*** no handler for this interrupt\n");
        _exit(ST_EXIT_UNEXPECTED_IRQ);
    }
    if (st_exception_hook != NULL && st_exception_hook(frame)) {
        return;
    }
    /* An exception while reporting one (a broken stack, a bad UART): stop at once instead of recursing. */
    static volatile bool reporting;
    if (reporting) {
        st_uart_puts("\n*** DOUBLE FAULT: ");
        st_uart_puts(st_mcause_str(mcause));
        st_uart_puts(" at mepc ");
        st_uart_puthex(frame->mepc);
        st_uart_puts("\n");
        _exit(ST_EXIT_DOUBLE_FAULT);
    }
    reporting = true;
    st_crash_report(frame);
    _exit(ST_EXIT_CRASH_BASE + (int)(mcause & 0x7fu));
}
