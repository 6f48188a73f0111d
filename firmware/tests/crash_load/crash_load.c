/* SPDX-License-Identifier: Apache-2.0 */
/*
 * crash_load.c - the crash report on a bus error: a load from an unmapped address (0x20000000) gets
 * rsp_err from the interconnect's default slave, the core raises a load access fault. The suite checks
 * "Load access fault", mcause 0x5, mtval 0x20000000, mepc == st_crash_load_here and exit code 133.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    uint32_t v;
    printf("about to load from an unmapped address\n");
    __asm__ volatile("li t0, 0x20000000\n"
                     ".globl st_crash_load_here\n"
                     "st_crash_load_here: lw %0, 0(t0)\n"
                     : "=r"(v)
                     :
                     : "t0");
    printf("survived the bus error: %lu\n", (unsigned long)v);
    return 0;
}
