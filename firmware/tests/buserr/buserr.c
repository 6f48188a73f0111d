/* SPDX-License-Identifier: Apache-2.0 */
/*
 * buserr.c - exceptions the SoC causes and firmware survives: bus errors (unmapped addresses, an SPI
 * offset with no register, a write to the boot ROM or to a read-only register, an undefined register
 * offset, the end of the ROM) become access faults with mtval = the address, a jump to a peripheral an
 * instruction access fault;
 * misaligned accesses, ecall, ebreak and an illegal instruction trap with their causes. An exception hook
 * records each trap and skips the instruction.
 */
#include <stdint.h>
#include <stdio.h>

#include "st_rt.h"
#include "st_test.h"

static volatile uint32_t traps, last_cause, last_tval, last_insn;

static volatile uint32_t last_epc;

static bool hook(st_trap_frame_t *frame)
{
    traps++;
    last_cause = frame->mcause;
    last_tval = frame->mtval;
    last_epc = frame->mepc;
    if (frame->mcause == 1u) {
        /* Instruction access fault after a call to a bad address: return to the caller. */
        last_insn = 0u;
        frame->mepc = frame->x[0];
        return true;
    }
    last_insn = *(const uint32_t *)frame->mepc;
    frame->mepc += 4u;
    return true;
}

/* Inline assembly, not C accesses: GCC splits an access it knows to be misaligned into byte accesses. */
static uint32_t load(uint32_t addr)
{
    uint32_t v = 0;
    __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(addr) : "memory");
    return v;
}

static void load_half(uint32_t addr)
{
    uint32_t v = 0;
    __asm__ volatile("lh %0, 0(%1)" : "+r"(v) : "r"(addr) : "memory");
}

static void store(uint32_t addr, uint32_t v)
{
    __asm__ volatile("sw %0, 0(%1)" : : "r"(v), "r"(addr) : "memory");
}

/* Expects exactly one trap with this cause and (if check_tval) mtval since the last call. */
static void expect_trap(uint32_t before, uint32_t cause, uint32_t tval, bool check_tval, uint32_t opcode)
{
    ST_CHECK_EQ(traps, before + 1u);
    ST_CHECK_EQ(last_cause, cause);
    if (check_tval) {
        ST_CHECK_EQ(last_tval, tval);
    }
    ST_CHECK_EQ(last_insn & 0x7fu, opcode);
}

#define OP_LOAD 0x03u
#define OP_STORE 0x23u
#define OP_SYSTEM 0x73u

int main(void)
{
    uint32_t t;
    st_set_exception_hook(hook);

    ST_TEST("load access faults");
    static const uint32_t bad_loads[] = {
        0x20000000u,            /* unmapped */
        0x00020000u,            /* just past RAM */
        ST_SPI_BASE + 0x10u,    /* no such SPI register */
        ST_BOOTROM_BASE + 0x800u, /* past the 1 KiB of boot ROM */
        ST_UART_BASE + 0x10u,   /* no such UART register */
        ST_TIMER_BASE + 0x10u,
        ST_SIMCTRL_BASE + 0x0cu,
        ST_GPIO_BASE + 0x08u,
    };
    for (unsigned i = 0; i < sizeof bad_loads / sizeof bad_loads[0]; i++) {
        t = traps;
        (void)load(bad_loads[i]);
        expect_trap(t, 5u, bad_loads[i], true, OP_LOAD);
    }

    ST_TEST("store access faults");
    static const uint32_t bad_stores[] = {
        0x20000000u,
        ST_BOOTROM_BASE,                               /* ROM */
        ST_UART_BASE + ST_UART_STATUS_OFFSET,          /* read-only register */
        ST_GPIO_BASE + ST_GPIO_BTN_OFFSET,
        ST_SPI_BASE + ST_SPI_STATUS_OFFSET,            /* read-only register */
    };
    for (unsigned i = 0; i < sizeof bad_stores / sizeof bad_stores[0]; i++) {
        t = traps;
        store(bad_stores[i], 0x1234u);
        expect_trap(t, 7u, bad_stores[i], true, OP_STORE);
    }
    /* The failed ROM write had no effect. */
    uint32_t rom0 = load(ST_BOOTROM_BASE);
    ST_CHECK(rom0 != 0x1234u && rom0 != 0u);

    ST_TEST("instruction fetch outside RAM and ROM");
    /* The instruction port reaches only RAM and the boot ROM: a jump to a peripheral faults. */
    static const uint32_t bad_pcs[] = {ST_UART_BASE, ST_GPIO_BASE, 0x20000000u};
    for (unsigned i = 0; i < sizeof bad_pcs / sizeof bad_pcs[0]; i++) {
        t = traps;
        ((void (*)(void))bad_pcs[i])();
        ST_CHECK_EQ(traps, t + 1u);
        ST_CHECK_EQ(last_cause, 1u);
        ST_CHECK_EQ(last_epc, bad_pcs[i]);
    }

    ST_TEST("accelerator registers");
    t = traps;
    uint32_t id = load(ST_ACCEL_BASE + ST_ACCEL_ID_OFFSET);
    if (traps == t) {
        printf("accelerator present: ID 0x%08lx\n", (unsigned long)id);
        ST_CHECK_EQ(id, ST_ACCEL_ID_RESET);
    } else {
        printf("accelerator absent: its block answers with bus errors\n");
        expect_trap(t, 5u, ST_ACCEL_BASE, true, OP_LOAD);
    }

    ST_TEST("misaligned accesses");
    static uint32_t buf[4];
    uint32_t a = (uint32_t)&buf[1] + 2u;
    t = traps;
    (void)load(a);
    expect_trap(t, 4u, a, true, OP_LOAD);
    t = traps;
    store(a, 1u);
    expect_trap(t, 6u, a, true, OP_STORE);
    t = traps;
    load_half((uint32_t)&buf[1] + 1u);
    expect_trap(t, 4u, (uint32_t)&buf[1] + 1u, true, OP_LOAD);

    ST_TEST("ecall, ebreak, illegal");
    t = traps;
    __asm__ volatile("ecall");
    expect_trap(t, 11u, 0u, false, OP_SYSTEM);
    t = traps;
    __asm__ volatile("ebreak");
    expect_trap(t, 3u, 0u, false, OP_SYSTEM);
    t = traps;
    __asm__ volatile(".word 0xffffffff");
    ST_CHECK_EQ(traps, t + 1u);
    ST_CHECK_EQ(last_cause, 2u);
    t = traps;
    __asm__ volatile("csrr t0, 0x7ff" ::: "t0"); /* no such CSR */
    expect_trap(t, 2u, 0u, false, OP_SYSTEM);

    st_set_exception_hook(NULL);
    return st_test_done();
}
