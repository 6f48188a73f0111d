/* SPDX-License-Identifier: Apache-2.0 */
/*
 * irq_ext.c - the machine external interrupt, driven by SIMCTRL.IRQ.EXT (the accelerator's line is ORed
 * into the same input): pending in mip while masked, taken within a few cycles once enabled, the handler
 * acknowledges it, mepc returns to the interrupted code, nested masking by mstatus.MIE.
 */
#include <stdint.h>
#include <stdio.h>

#include "st_rt.h"
#include "st_test.h"

#define MIP_MEIP (1u << 11)

static volatile uint32_t count;
static volatile uint32_t saw_mcause;
static volatile uint32_t handler_mie_bit;

static void ext_handler(st_trap_frame_t *frame)
{
    saw_mcause = frame->mcause;
    /* Inside a trap mstatus.MIE is cleared by hardware (MPIE keeps the old value). */
    handler_mie_bit = ST_CSR_READ(mstatus) & ST_MSTATUS_MIE;
    count++;
    ST_SIMCTRL->IRQ = 0u; /* acknowledge: the line is level-sensitive */
}

int main(void)
{
    ST_TEST("pending while masked");
    st_irq_set_handler(ST_IRQ_EXT, ext_handler);
    ST_SIMCTRL->IRQ = ST_SIMCTRL_IRQ_EXT_Msk;
    ST_CHECK_EQ(ST_SIMCTRL->IRQ, ST_SIMCTRL_IRQ_EXT_Msk);
    for (volatile int i = 0; i < 10; i++) {
    }
    ST_CHECK_EQ(count, 0u);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MEIP, MIP_MEIP);

    ST_TEST("taken when enabled");
    st_irq_enable_global();
    __asm__ volatile("nop\nnop\nnop\nnop");
    ST_CHECK_EQ(count, 1u);
    ST_CHECK_EQ(saw_mcause, ST_MCAUSE_INTERRUPT | 11u);
    ST_CHECK_EQ(handler_mie_bit, 0u);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MEIP, 0u);
    ST_CHECK_EQ(ST_CSR_READ(mstatus) & ST_MSTATUS_MIE, ST_MSTATUS_MIE);

    ST_TEST("interrupts during a computation");
    uint32_t sum = 0;
    for (uint32_t i = 1; i <= 1000u; i++) {
        sum += i * i;
        if ((i % 100u) == 0u) {
            ST_SIMCTRL->IRQ = ST_SIMCTRL_IRQ_EXT_Msk;
        }
    }
    ST_CHECK_EQ(sum, 333833500u);
    ST_CHECK_EQ(count, 11u);

    ST_TEST("mie.MEIE masks the source");
    st_irq_set_handler(ST_IRQ_EXT, NULL);
    ST_SIMCTRL->IRQ = ST_SIMCTRL_IRQ_EXT_Msk;
    for (volatile int i = 0; i < 10; i++) {
    }
    ST_CHECK_EQ(count, 11u);
    ST_SIMCTRL->IRQ = 0u;
    st_irq_disable_global();
    return st_test_done();
}
