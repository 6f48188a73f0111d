/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hello.c - the UART test: printf through picolibc and the UART, read back by the simulator, which
 * decodes the TX line. The suite checks the exact text (tests/... in sim/soc/soc.mk): the greeting,
 * formatted numbers and a long line that needs the TX holding register to keep up.
 */
#include <stdio.h>
#include <string.h>

#include "st_rt.h"
#include "st_test.h"

int main(void)
{
    printf("Hello from st-accel!\n");
    printf("dec %d hex 0x%08x str %s char %c neg %ld\n", 12345, 0xC0FFEEu, "ok", 'Z', -42L);
    for (int i = 0; i < 4; i++) {
        printf("%d^2=%d%s", i, i * i, (i == 3) ? "\n" : " ");
    }
    /* 100 characters in one line, printed with fputs to exercise back-to-back writes. */
    static char line[101];
    for (int i = 0; i < 100; i++) {
        line[i] = (char)('A' + (i % 26));
    }
    line[100] = '\0';
    fputs(line, stdout);
    fputc('\n', stdout);

    ST_TEST("uart status");
    st_uart_flush();
    ST_CHECK_EQ(ST_UART->STATUS & (ST_UART_STATUS_TX_BUSY_Msk | ST_UART_STATUS_TX_FULL_Msk), 0u);
    ST_CHECK_EQ(ST_UART->DIV, ST_UART_DIV);
    ST_CHECK_EQ(strlen(line), 100u);
    return st_test_done();
}
