/* SPDX-License-Identifier: Apache-2.0 */
/*
 * uart_rx.c - the UART receiver. The suite runs it with
 *   +uart_in=ping\x00\xff\nAB
 * (the simulator drives the RX line at the UART's current divisor). The program switches to 8 cycles per
 * bit, reads the first seven bytes and compares them, then stops reading while "AB" arrive: A stays in
 * DATA, B is lost and sets RX_OVERRUN; reading DATA returns A and clears both flags. It prints
 * "got ping" at the end so the suite also sees the result on TX.
 */
#include <stdint.h>
#include <stdio.h>

#include "st_rt.h"
#include "st_test.h"

int main(void)
{
    static const uint8_t expect[7] = {'p', 'i', 'n', 'g', 0x00, 0xff, '\n'};
    st_uart_set_div(7u);

    ST_TEST("receive");
    for (int i = 0; i < 7; i++) {
        int c = st_uart_getc();
        ST_CHECK_EQ(c, expect[i]);
    }
    ST_CHECK_EQ(ST_UART->STATUS & ST_UART_STATUS_RX_OVERRUN_Msk, 0u);

    ST_TEST("overrun");
    while ((ST_UART->STATUS & ST_UART_STATUS_RX_VALID_Msk) == 0u) {
    }
    /* 'A' is in DATA; wait three frames (8 cycles x 11 bits each) so that 'B' arrives and is dropped. */
    uint32_t t0 = st_rdcycle();
    while (st_rdcycle() - t0 < 3u * 88u) {
    }
    uint32_t status = ST_UART->STATUS;
    ST_CHECK_EQ(status & ST_UART_STATUS_RX_VALID_Msk, ST_UART_STATUS_RX_VALID_Msk);
    ST_CHECK_EQ(status & ST_UART_STATUS_RX_OVERRUN_Msk, ST_UART_STATUS_RX_OVERRUN_Msk);
    ST_CHECK_EQ(ST_UART->DATA, (uint32_t)'A');
    ST_CHECK_EQ(ST_UART->STATUS & (ST_UART_STATUS_RX_VALID_Msk | ST_UART_STATUS_RX_OVERRUN_Msk), 0u);
    ST_CHECK_EQ(st_uart_try_getc(), -1);
    printf("got ping\n");
    st_uart_set_div(0u);
    return st_test_done();
}
