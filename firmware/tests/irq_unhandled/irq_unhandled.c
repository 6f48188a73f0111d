/* SPDX-License-Identifier: Apache-2.0 */
/*
 * irq_unhandled.c - an enabled interrupt without a handler is reported, not ignored: the program enables
 * the machine external interrupt in mie by hand (no handler registered) and raises SIMCTRL.IRQ.EXT. The
 * suite expects the crash report naming "Machine external interrupt" and exit code 127.
 */
#include <stdio.h>

#include "st_rt.h"

int main(void)
{
    printf("raising an external interrupt nobody handles\n");
    ST_CSR_SET(mie, ST_MIE_MEIE);
    st_irq_enable_global();
    ST_SIMCTRL->IRQ = ST_SIMCTRL_IRQ_EXT_Msk;
    for (volatile int i = 0; i < 100; i++) {
    }
    printf("the interrupt was not taken\n");
    return 0;
}
