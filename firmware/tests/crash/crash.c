/* SPDX-License-Identifier: Apache-2.0 */
/*
 * crash.c - the crash report on an illegal instruction. The program plants known values in s2/s3 and
 * executes the all-zero word (defined illegal) at the global label st_crash_here. The suite checks the
 * report: cause name, mcause 0x2, mepc == address of st_crash_here (from nm), s2/s3 as planted, exit code
 * 130 (ST_EXIT_CRASH_BASE + 2) and that nothing after the crash ran.
 */
#include <stdio.h>

int main(void)
{
    printf("about to execute an illegal instruction\n");
    __asm__ volatile("li s2, 0x5a5a1234\n"
                     "li s3, 0xc0ffee00\n"
                     ".globl st_crash_here\n"
                     "st_crash_here: .word 0\n"
                     :
                     :
                     : "s2", "s3");
    printf("survived the illegal instruction\n");
    return 0;
}
