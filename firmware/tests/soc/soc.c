/* SPDX-License-Identifier: Apache-2.0 */
/*
 * soc.c - SoC-level checks from firmware: RAM byte/halfword enables in both banks and across the bank
 * boundary, the cycle and instret counters, UART/GPIO/SIMCTRL registers, SIMCTRL.PUTC on the console.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "st_rt.h"
#include "st_test.h"

static void ram_lanes(uint32_t base)
{
    volatile uint32_t *w = (volatile uint32_t *)base;
    volatile uint16_t *h = (volatile uint16_t *)base;
    volatile uint8_t *b = (volatile uint8_t *)base;
    w[0] = 0x11223344u;
    ST_CHECK_EQ(b[0], 0x44u);
    ST_CHECK_EQ(b[1], 0x33u);
    ST_CHECK_EQ(b[2], 0x22u);
    ST_CHECK_EQ(b[3], 0x11u);
    ST_CHECK_EQ(h[0], 0x3344u);
    ST_CHECK_EQ(h[1], 0x1122u);
    b[1] = 0xaau;
    ST_CHECK_EQ(w[0], 0x1122aa44u);
    b[2] = 0xbbu;
    ST_CHECK_EQ(w[0], 0x11bbaa44u);
    h[1] = 0xcdefu;
    ST_CHECK_EQ(w[0], 0xcdefaa44u);
    h[0] = 0x0102u;
    ST_CHECK_EQ(w[0], 0xcdef0102u);
    int8_t sb = *(volatile int8_t *)(base + 3u);
    ST_CHECK_EQ(sb, (int8_t)0xcd);
    int16_t sh = *(volatile int16_t *)(base + 2u);
    ST_CHECK_EQ(sh, (int16_t)0xcdef);
}

int main(void)
{
    ST_TEST("RAM lanes, bank 0 (above the code)");
    ram_lanes(0x0000fff0u);
    ST_TEST("RAM lanes, bank 1");
    ram_lanes(0x00018000u);
    ST_TEST("bank boundary");
    volatile uint32_t *top0 = (volatile uint32_t *)0x0000fffcu;
    volatile uint32_t *bot1 = (volatile uint32_t *)0x00010000u;
    uint32_t saved = *bot1; /* .rodata lives there */
    *top0 = 0xdeadbeefu;
    *bot1 = 0x01234567u;
    ST_CHECK_EQ(*top0, 0xdeadbeefu);
    ST_CHECK_EQ(*bot1, 0x01234567u);
    *bot1 = saved;

    ST_TEST("instret counts instructions");
    uint32_t i0 = st_rdinstret();
    uint32_t i1 = st_rdinstret();
    uint32_t base = i1 - i0;
    i0 = st_rdinstret();
    __asm__ volatile(".rept 100\nnop\n.endr");
    i1 = st_rdinstret();
    ST_CHECK_EQ(i1 - i0 - base, 100u);
    uint32_t c0 = st_rdcycle();
    __asm__ volatile(".rept 100\nnop\n.endr");
    uint32_t c1 = st_rdcycle();
    ST_CHECK(c1 - c0 >= 100u);
    uint64_t c64 = st_rdcycle64(), n64 = st_rdinstret64();
    ST_CHECK(c64 > 0u && n64 > 0u && c64 >= n64);

    ST_TEST("UART registers");
    ST_CHECK_EQ(ST_UART->DIV, ST_UART_DIV);
    ST_UART->DIV = 0x12345u; /* 16 bits */
    ST_CHECK_EQ(ST_UART->DIV, 0x2345u);
    ST_UART->DIV = ST_UART_DIV;
    ST_CHECK_EQ(ST_UART->STATUS & ST_UART_STATUS_RX_VALID_Msk, 0u);

    ST_TEST("GPIO");
    ST_CHECK_EQ(ST_GPIO->LED, 0u);
    ST_GPIO->LED = ST_GPIO_LED_GREEN_Msk;
    ST_CHECK_EQ(ST_GPIO->LED, ST_GPIO_LED_GREEN_Msk);
    ST_GPIO->LED = 0xffu;
    ST_CHECK_EQ(ST_GPIO->LED, ST_GPIO_LED_RED_Msk | ST_GPIO_LED_GREEN_Msk);
    ST_GPIO->LED = 0u;
    ST_CHECK_EQ(ST_GPIO->BTN, 0u);

    ST_TEST("SIMCTRL.PUTC");
    st_uart_flush();
    static const char msg[] = "putc path ok\n";
    for (size_t i = 0; i < strlen(msg); i++) {
        ST_SIMCTRL->PUTC = (uint8_t)msg[i];
    }
    ST_CHECK_EQ(ST_SIMCTRL->IRQ, 0u);
    return st_test_done();
}
