/* SPDX-License-Identifier: Apache-2.0 */
/*
 * accel.c - the accelerator as a part of the SoC: its registers on the bus (slave port), descriptor reads
 * from RAM (master port, through the interconnect) and its interrupt into the core. The data path itself
 * is the accelerator testbench's and the selftest app's business; here descriptors that the accelerator
 * must reject are enough, because it can only reject them after reading them from RAM:
 *   opcode 15 -> BAD_OPCODE, a MAXPOOL with zero bit widths -> BAD_BITS (a different record, so a stale
 *   read cannot pass), with CTRL.IRQ_EN the end of the chain raises the machine external interrupt; the
 *   handler acknowledges it through IRQ_STATUS (write 1 to clear); without IRQ_EN nothing is raised.
 * Built without the accelerator, the SoC answers its block with bus errors; the test checks that instead.
 */
#include <stdint.h>
#include <stdio.h>

#include "st_desc.h"
#include "st_rt.h"
#include "st_test.h"

#define ST_ACCEL ((st_accel_regs_t *)ST_ACCEL_BASE)
#define MIP_MEIP (1u << 11)
#define WAIT_CYCLES 20000u

static uint32_t desc_a[ST_DESC_WORDS] __attribute__((aligned(64)));
static uint32_t desc_b[ST_DESC_WORDS] __attribute__((aligned(64)));

static volatile uint32_t irq_count, irq_status;

static void accel_handler(st_trap_frame_t *frame)
{
    (void)frame;
    irq_count++;
    irq_status = ST_ACCEL->STATUS;
    ST_ACCEL->IRQ_STATUS = ST_ACCEL_IRQ_STATUS_DONE_Msk; /* acknowledge: the line drops */
}

static volatile uint32_t bus_errors;

static bool count_bus_errors(st_trap_frame_t *frame)
{
    if (frame->mcause == 5u || frame->mcause == 7u) {
        bus_errors++;
        frame->mepc += 4u;
        return true;
    }
    return false;
}

/* Runs a chain and waits for its end (interrupt or DONE); returns STATUS. */
static uint32_t run_chain(const uint32_t *desc, bool irq)
{
    uint32_t before = irq_count;
    ST_ACCEL->DESC_PTR = (uint32_t)desc;
    ST_ACCEL->CTRL = ST_ACCEL_CTRL_START_Msk | (irq ? ST_ACCEL_CTRL_IRQ_EN_Msk : 0u);
    uint32_t t0 = st_rdcycle();
    while (st_rdcycle() - t0 < WAIT_CYCLES) {
        if (irq ? (irq_count != before) : ((ST_ACCEL->STATUS & ST_ACCEL_STATUS_DONE_Msk) != 0u)) {
            break;
        }
    }
    return irq ? irq_status : ST_ACCEL->STATUS;
}

static uint32_t err_of(uint32_t status)
{
    return (status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos;
}

int main(void)
{
    st_set_exception_hook(count_bus_errors);
    uint32_t id = ST_ACCEL->ID;
    if (bus_errors != 0u) {
        ST_TEST("SoC built without the accelerator");
        printf("accelerator absent\n");
        ST_CHECK_EQ(bus_errors, 1u);
        ST_ACCEL->CTRL = ST_ACCEL_CTRL_START_Msk;
        ST_CHECK_EQ(bus_errors, 2u);
        return st_test_done();
    }
    st_set_exception_hook(NULL);

    ST_TEST("registers through the slave port");
    ST_CHECK_EQ(id, ST_ACCEL_ID_RESET);
    ST_CHECK_EQ(ST_ACCEL->STATUS & ST_ACCEL_STATUS_BUSY_Msk, 0u);
    ST_ACCEL->DESC_PTR = 0x00012340u;
    ST_CHECK_EQ(ST_ACCEL->DESC_PTR, 0x00012340u);
    uint32_t caps0 = ST_ACCEL->CAPS0;
    printf("accelerator: PE %lu, SIMD %lu\n", (unsigned long)(caps0 & ST_ACCEL_CAPS0_PE_Msk),
           (unsigned long)((caps0 & ST_ACCEL_CAPS0_SIMD_Msk) >> ST_ACCEL_CAPS0_SIMD_Pos));
    ST_CHECK((caps0 & ST_ACCEL_CAPS0_PE_Msk) != 0u);

    ST_TEST("descriptor read over the bus, interrupt at the end");
    desc_a[ST_DESC_OP] = 0xfu | ST_DESC_F_LAST;
    desc_b[ST_DESC_OP] = ST_DESC_OPC_MAXPOOL | ST_DESC_F_LAST; /* widths 0: BAD_BITS */
    st_irq_set_handler(ST_IRQ_EXT, accel_handler);
    st_irq_enable_global();
    uint32_t st = run_chain(desc_a, true);
    ST_CHECK_EQ(irq_count, 1u);
    ST_CHECK_EQ(err_of(st), ST_ACCEL_ERR_BAD_OPCODE);
    ST_CHECK_EQ(st & (ST_ACCEL_STATUS_DONE_Msk | ST_ACCEL_STATUS_BUSY_Msk), ST_ACCEL_STATUS_DONE_Msk);
    ST_CHECK_EQ((st & ST_ACCEL_STATUS_ERR_DESC_Msk) >> ST_ACCEL_STATUS_ERR_DESC_Pos, 0u);
    ST_CHECK_EQ(ST_ACCEL->IRQ_STATUS & ST_ACCEL_IRQ_STATUS_DONE_Msk, 0u);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MEIP, 0u);

    st = run_chain(desc_b, true);
    ST_CHECK_EQ(irq_count, 2u);
    ST_CHECK_EQ(err_of(st), ST_ACCEL_ERR_BAD_BITS);

    ST_TEST("no interrupt without IRQ_EN");
    st = run_chain(desc_a, false);
    ST_CHECK_EQ(err_of(st), ST_ACCEL_ERR_BAD_OPCODE);
    ST_CHECK_EQ(st & ST_ACCEL_STATUS_DONE_Msk, ST_ACCEL_STATUS_DONE_Msk);
    for (volatile int i = 0; i < 20; i++) {
    }
    ST_CHECK_EQ(irq_count, 2u);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MEIP, 0u);
    ST_ACCEL->IRQ_STATUS = ST_ACCEL_IRQ_STATUS_DONE_Msk;
    st_irq_disable_global();
    st_irq_set_handler(ST_IRQ_EXT, NULL);
    return st_test_done();
}
