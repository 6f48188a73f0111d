/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bootapp.c - a small program for the boot path's tests (firmware/boot/test_boot.sh): loaded by the boot
 * ROM from flash or over the UART, it checks that both of its segments arrived intact (initialised data
 * in bank 1, code in bank 0) and that crt0 cleared .bss over the garbage SPRAM starts with, then exits 0.
 * Small (no printf) so that the UART upload test stays short at 115200 Bd.
 */
#include <stdint.h>

#include "st_rt.h"

static uint32_t g_data[16] = {0x01234567u, 0x89abcdefu, 0xdeadbeefu, 0x0badf00du, 1u,  2u,  3u,  5u,
                              8u,          13u,         21u,         34u,         55u, 89u, 144u, 233u};
static uint32_t g_bss[64];
static const char k_text[] = "bootapp: segments and .bss ok\n";

int main(void)
{
    uint32_t sum = 0, zero = 0;
    for (unsigned i = 0; i < 16u; i++) {
        sum = sum * 31u + g_data[i];
    }
    for (unsigned i = 0; i < 64u; i++) {
        zero |= g_bss[i];
    }
    if (sum != 0x289e58f6u || zero != 0u) {
        st_uart_puts("bootapp: FAILED: data sum ");
        st_uart_puthex(sum);
        st_uart_puts(" bss ");
        st_uart_puthex(zero);
        st_uart_puts("\n");
        return 1;
    }
    st_uart_puts(k_text);
    return 0;
}
