/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_rt.c - firmware runtime: UART, picolibc stdio on the UART, mtime, start-up and _exit.
 */
#include <stdio.h>

#include "st_rt.h"

void st_rt_init(void)
{
    st_uart_set_div(ST_UART_DIV);
}

/* ---- UART ---------------------------------------------------------------------------------------- */

void st_uart_set_div(uint32_t div)
{
    /* A byte still being shifted out would change speed in the middle. */
    st_uart_flush();
    ST_UART->DIV = div & ST_UART_DIV_DIV_Msk;
}

void st_uart_putc(char c)
{
    /* The bus holds a write off while the holding register is full, so no status poll is needed; polling
     * anyway keeps the data bus free for the accelerator while the byte waits. */
    while ((ST_UART->STATUS & ST_UART_STATUS_TX_FULL_Msk) != 0u) {
    }
    ST_UART->DATA = (uint8_t)c;
}

int st_uart_try_getc(void)
{
    if ((ST_UART->STATUS & ST_UART_STATUS_RX_VALID_Msk) == 0u) {
        return -1;
    }
    return (int)(ST_UART->DATA & ST_UART_DATA_BYTE_Msk);
}

int st_uart_getc(void)
{
    int c;
    do {
        c = st_uart_try_getc();
    } while (c < 0);
    return c;
}

void st_uart_flush(void)
{
    while ((ST_UART->STATUS & ST_UART_STATUS_TX_BUSY_Msk) != 0u) {
    }
}

void st_uart_puts(const char *s)
{
    while (*s != '\0') {
        st_uart_putc(*s);
        s++;
    }
}

void st_uart_puthex(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    st_uart_putc('0');
    st_uart_putc('x');
    for (int shift = 28; shift >= 0; shift -= 4) {
        st_uart_putc(digits[(v >> shift) & 0xfu]);
    }
}

/* ---- picolibc stdio: stdin, stdout and stderr are the UART --------------------------------------- */

static int st_stdio_put(char c, FILE *f)
{
    (void)f;
    st_uart_putc(c);
    return (unsigned char)c;
}

static int st_stdio_get(FILE *f)
{
    (void)f;
    return st_uart_getc();
}

static FILE st_stdio = FDEV_SETUP_STREAM(st_stdio_put, st_stdio_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &st_stdio;
FILE *const stdout = &st_stdio;
FILE *const stderr = &st_stdio;

/* ---- Timer ---------------------------------------------------------------------------------------- */

uint64_t st_mtime(void)
{
    uint32_t hi, lo, hi2;
    do {
        hi = ST_TIMER->MTIME_HI;
        lo = ST_TIMER->MTIME_LO;
        hi2 = ST_TIMER->MTIME_HI;
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

void st_set_mtimecmp(uint64_t when)
{
    /* Raise the low word first so that no intermediate value lies in the past (RISC-V privileged spec,
     * the mtimecmp update sequence for RV32). */
    ST_TIMER->MTIMECMP_LO = 0xffffffffu;
    ST_TIMER->MTIMECMP_HI = (uint32_t)(when >> 32);
    ST_TIMER->MTIMECMP_LO = (uint32_t)when;
}

/* ---- End ------------------------------------------------------------------------------------------ */

void _exit(int code)
{
    st_uart_flush();
    ST_SIMCTRL->EXIT = (uint32_t)code;
    /* On the board nothing stops the clock: sleep. */
    for (;;) {
        __asm__ volatile("wfi");
    }
}
