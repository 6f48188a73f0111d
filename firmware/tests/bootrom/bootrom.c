/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bootrom.c - the boot ROM runs and hands over to RAM. First run: leave a mark in .noinit (crt0 does not
 * clear it) and jump to BOOTROM_BASE. The ROM program jumps to RAM address 0, crt0 starts this program
 * again, the second run finds the mark and passes. A ROM that does not jump back ends in a timeout or a
 * crash, never in "N passed, 0 failed".
 */
#include <stdint.h>
#include <stdio.h>

#include "st_rt.h"
#include "st_test.h"

#define MAGIC 0xb007b007u

__attribute__((section(".noinit"))) static volatile uint32_t boot_mark;
__attribute__((section(".noinit"))) static volatile uint32_t first_cycle;

int main(void)
{
    if (boot_mark != MAGIC) {
        printf("first run: jumping to the boot ROM at 0x%08lx\n", (unsigned long)ST_BOOTROM_BASE);
        boot_mark = MAGIC;
        first_cycle = st_rdcycle();
        st_uart_flush();
        ((void (*)(void))ST_BOOTROM_BASE)();
        printf("the boot ROM returned\n");
        return 1;
    }
    ST_TEST("second run after the boot ROM");
    printf("back from the boot ROM\n");
    ST_CHECK_EQ(boot_mark, MAGIC);
    ST_CHECK(st_rdcycle() > first_cycle); /* the counters kept running: no reset happened */
    boot_mark = 0u;
    return st_test_done();
}
