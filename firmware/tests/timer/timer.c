/* SPDX-License-Identifier: Apache-2.0 */
/*
 * timer.c - the machine timer and its interrupt: mtime counts clock cycles, the time CSR mirrors it,
 * mtime is writable, no interrupt is taken while it is masked (but it shows in mip), periodic interrupts
 * arrive never before mtimecmp and with a bounded latency, interrupted code computes correctly, WFI wakes
 * on the interrupt and removing the handler stops it.
 */
#include <stdint.h>
#include <stdio.h>

#include "st_rt.h"
#include "st_test.h"

#define PERIOD 3000u     /* cycles between interrupts */
#define MAX_LATENCY 300u /* cycles from mtime >= mtimecmp to the handler's mtime read */
#define MIP_MTIP (1u << 7)

static volatile uint32_t ticks;
static volatile uint32_t early;
static volatile uint32_t latency_max;
static volatile uint32_t handler_mepc_bad;
static uint64_t next_cmp;

static void timer_handler(st_trap_frame_t *frame)
{
    uint64_t now = st_mtime();
    if (now < next_cmp) {
        early++;
    } else if ((uint32_t)(now - next_cmp) > latency_max) {
        latency_max = (uint32_t)(now - next_cmp);
    }
    /* mepc must point into our code (RAM bank 0), word aligned. */
    if ((frame->mepc & 3u) != 0u || frame->mepc >= 0x10000u) {
        handler_mepc_bad++;
    }
    ticks++;
    next_cmp += PERIOD;
    st_set_mtimecmp(next_cmp);
}

static uint32_t rdtime(void)
{
    uint32_t v;
    __asm__ volatile("rdtime %0" : "=r"(v));
    return v;
}

int main(void)
{
    ST_TEST("mtime counts cycles");
    uint64_t t0 = st_mtime();
    uint32_t c0 = st_rdcycle();
    for (volatile int i = 0; i < 200; i++) {
    }
    uint64_t t1 = st_mtime();
    uint32_t c1 = st_rdcycle();
    uint32_t dt = (uint32_t)(t1 - t0), dc = c1 - c0;
    printf("mtime advanced %lu, cycle %lu\n", (unsigned long)dt, (unsigned long)dc);
    ST_CHECK(dt + 50u > dc && dc + 50u > dt);
    uint32_t tcsr = rdtime();
    uint32_t tmm = (uint32_t)st_mtime();
    ST_CHECK(tmm - tcsr < 100u);

    ST_TEST("mtime is writable");
    ST_TIMER->MTIME_HI = 7u;
    ST_CHECK_EQ(ST_TIMER->MTIME_HI, 7u);
    ST_TIMER->MTIME_LO = 0xfffff000u;
    uint32_t lo = ST_TIMER->MTIME_LO;
    ST_CHECK(lo >= 0xfffff000u && lo < 0xfffff100u);
    for (volatile int i = 0; i < 2000; i++) {
    } /* carries into the high word */
    ST_CHECK_EQ(ST_TIMER->MTIME_HI, 8u);
    ST_TIMER->MTIME_HI = 0u;
    ST_TIMER->MTIME_LO = 0u;

    ST_TEST("masked interrupt is pending, not taken");
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MTIP, 0u);
    st_irq_set_handler(ST_IRQ_TIMER, timer_handler);  /* mie.MTIE on, mstatus.MIE still off */
    next_cmp = st_mtime() + 100u;
    st_set_mtimecmp(next_cmp);
    for (volatile int i = 0; i < 100; i++) {
    }
    ST_CHECK_EQ(ticks, 0u);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MTIP, MIP_MTIP);
    ST_CHECK_EQ(ST_TIMER->MTIMECMP_HI, (uint32_t)(next_cmp >> 32));
    ST_CHECK_EQ(ST_TIMER->MTIMECMP_LO, (uint32_t)next_cmp);

    ST_TEST("periodic interrupts");
    next_cmp = st_mtime() + PERIOD;
    st_set_mtimecmp(next_cmp);
    ST_CHECK_EQ(ST_CSR_READ(mip) & MIP_MTIP, 0u);
    st_irq_enable_global();
    uint32_t sum = 0, start = st_rdcycle();
    uint32_t n = 0;
    while (ticks < 10u && st_rdcycle() - start < 20u * PERIOD) {
        n++;
        sum += n * 3u; /* work the interrupts cut into */
    }
    st_irq_disable_global();
    uint32_t elapsed = st_rdcycle() - start;
    printf("ticks %lu, latency max %lu cycles, loop iterations %lu, %lu cycles\n", (unsigned long)ticks,
           (unsigned long)latency_max, (unsigned long)n, (unsigned long)elapsed);
    ST_CHECK_EQ(ticks, 10u);
    ST_CHECK_EQ(early, 0u);
    ST_CHECK(latency_max <= MAX_LATENCY);
    ST_CHECK_EQ(handler_mepc_bad, 0u);
    ST_CHECK_EQ(sum, 3u * (n * (n + 1u) / 2u));
    ST_CHECK(elapsed >= 9u * PERIOD && elapsed <= 11u * PERIOD);

    ST_TEST("wfi wakes on the timer");
    uint32_t before = ticks;
    next_cmp = st_mtime() + 500u;
    st_set_mtimecmp(next_cmp);
    st_irq_enable_global();
    __asm__ volatile("wfi");
    st_irq_disable_global();
    ST_CHECK_EQ(ticks, before + 1u);
    ST_CHECK(st_mtime() >= next_cmp - PERIOD);

    ST_TEST("handler removed: no more interrupts");
    st_irq_set_handler(ST_IRQ_TIMER, NULL);
    before = ticks;
    next_cmp = st_mtime() + 50u;
    st_set_mtimecmp(next_cmp);
    st_irq_enable_global();
    for (volatile int i = 0; i < 100; i++) {
    }
    st_irq_disable_global();
    ST_CHECK_EQ(ticks, before);
    return st_test_done();
}
