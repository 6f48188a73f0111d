/* SPDX-License-Identifier: Apache-2.0 */
/*
 * faults.c - the driver's error paths on the real accelerator (in the SoC), with the compiled model:
 *   - a chain that cannot finish within the limit: st_accel_wait returns TIMEOUT after a bounded time,
 *     the accelerator is left idle (ABORTED), and the next inference is bit-exact again;
 *   - abort in the middle of a chain; start while busy;
 *   - corrupted descriptors (unknown opcode, output outside RAM, misaligned input, stride 0): the driver
 *     returns the hardware's error code with the failing descriptor's index, named from the register map;
 *     after the repair the chain runs bit-exact again;
 *   - interrupt mode (the ISR hook), and interrupt mode with interrupts off (NO_IRQ, no hang).
 * Ends with "N passed, N failed" (firmware/common/st_test.h); exit 0 when all passed.
 */
#include <stdio.h>
#include <string.h>

#include "st_app.h"
#include "st_rt.h"
#include "st_test.h"

static st_accel_t g_accel;
static uint32_t g_irqs;

static void on_ext_irq(st_trap_frame_t *frame)
{
    (void)frame;
    if (st_accel_isr(&g_accel)) {
        g_irqs++;
    }
}

/* One inference of sample 0; returns the driver status and checks the result when it is OK. */
static st_accel_status_t infer(const st_app_image_t *img, uint32_t limit, int check)
{
    uint32_t checked;
    int first_bad;
    st_accel_status_t s;

    st_app_load_input(img, 0u);
    s = st_accel_run_chain(&g_accel, st_app_addr(img, img->desc_off), limit);
    if (s == ST_ACCEL_OK && check) {
        ST_CHECK_EQ(st_app_check_outputs(img, 0u, 0, &checked, &first_bad), 0u);
    }
    return s;
}

static uint32_t err_of(uint32_t status)
{
    return (status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos;
}

/* Corrupt one word of descriptor k, expect hardware error `code` at k, repair, expect a clean run. */
static void corrupt(const st_app_image_t *img, const char *what, uint32_t k, uint32_t word, uint32_t value,
                    uint32_t code, uint32_t limit)
{
    uint32_t *rec = st_app_ptr(img, img->desc_off) + k * ST_DESC_WORDS;
    const uint32_t saved = rec[word];
    st_accel_status_t s;

    ST_TEST(what);
    rec[word] = value;
    s = infer(img, limit, 0);
    rec[word] = saved;
    printf("  descriptor %lu: driver returned %s (%lu) at descriptor %lu\n", (unsigned long)k, st_accel_err_str(s),
           (unsigned long)s, (unsigned long)g_accel.err_desc);
    ST_CHECK_EQ(s, code);
    ST_CHECK_EQ(g_accel.err_desc, k);
    ST_CHECK_EQ(err_of(st_accel_status_reg(&g_accel)), code);
    ST_CHECK(strcmp(st_accel_err_str(s), "UNKNOWN") != 0);
    ST_CHECK_EQ(st_accel_status_reg(&g_accel) & ST_ACCEL_STATUS_BUSY_Msk, 0u);
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK); /* repaired: bit-exact again */
}

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const uint32_t limit = st_app_time_limit(img);
    const uint32_t last = img->n_desc - 1u;
    uint32_t t0, t1, spent, chain_cycles;
    st_accel_status_t s;

    printf("faults: model %s, %u descriptors\n", img->model_name, (unsigned)img->n_desc);
    ST_TEST("probe and a clean inference");
    ST_CHECK_EQ(st_app_probe(&g_accel, img), ST_ACCEL_OK);
    ST_CHECK_EQ(st_app_prepare(img), 0u);
    ST_CHECK(img->n_samples > 0u);
    if (st_test_failed() != 0u) {
        return st_test_done();
    }
    st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_POLL, st_app_clock);
    t0 = st_rdcycle();
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK);
    chain_cycles = st_rdcycle() - t0;

    ST_TEST("a chain that does not finish within the limit: TIMEOUT, bounded, aborted");
    t0 = st_rdcycle();
    s = infer(img, 200u, 0);
    t1 = st_rdcycle();
    spent = t1 - t0;
    printf("  driver returned %s after %lu cycles (limit 200)\n", st_accel_err_str(s), (unsigned long)spent);
    ST_CHECK_EQ(s, ST_ACCEL_E_TIMEOUT);
    ST_CHECK(spent < 20000u); /* the limit, the abort's bounded wait and the input copy */
    ST_CHECK_EQ(st_accel_status_reg(&g_accel) & ST_ACCEL_STATUS_BUSY_Msk, 0u);
    ST_CHECK_EQ(err_of(g_accel.last_status), ST_ACCEL_ERR_ABORTED);
    ST_CHECK_EQ(g_accel.state, ST_ACCEL_STATE_IDLE);
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK); /* and it works again */

    ST_TEST("abort in the middle of a chain");
    ST_CHECK_EQ(st_accel_start(&g_accel, st_app_addr(img, img->desc_off)), ST_ACCEL_OK);
    t0 = st_rdcycle();
    while ((uint32_t)(st_rdcycle() - t0) < 2000u) {
    }
    ST_CHECK(st_accel_status_reg(&g_accel) & ST_ACCEL_STATUS_BUSY_Msk);
    ST_CHECK_EQ(st_accel_abort(&g_accel, 10000u), ST_ACCEL_OK);
    ST_CHECK_EQ(err_of(g_accel.last_status), ST_ACCEL_ERR_ABORTED);
    ST_CHECK_EQ(st_accel_wait(&g_accel, 100u), ST_ACCEL_E_IDLE);
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK);

    ST_TEST("start while busy");
    ST_CHECK_EQ(st_accel_start(&g_accel, st_app_addr(img, img->desc_off)), ST_ACCEL_OK);
    ST_CHECK_EQ(st_accel_start(&g_accel, st_app_addr(img, img->desc_off)), ST_ACCEL_E_BUSY);
    ST_CHECK_EQ(st_accel_wait(&g_accel, limit), ST_ACCEL_OK);

    corrupt(img, "corrupted descriptor: unknown opcode in the last record", last, ST_DESC_OP,
            (st_app_ptr(img, img->desc_off)[last * ST_DESC_WORDS] | ST_DESC_OP_OPCODE_Msk), ST_ACCEL_ERR_BAD_OPCODE,
            limit);
    corrupt(img, "corrupted descriptor: unknown opcode in record 1", img->n_desc > 1u ? 1u : 0u, ST_DESC_OP,
            (st_app_ptr(img, img->desc_off)[img->n_desc > 1u ? ST_DESC_WORDS : 0u] & ~ST_DESC_OP_OPCODE_Msk),
            ST_ACCEL_ERR_BAD_OPCODE,
            limit);
    corrupt(img, "corrupted descriptor: output buffer outside RAM", 0u, ST_DESC_OUT_ADDR, ST_RAM_BASE + ST_RAM_SIZE,
            ST_ACCEL_ERR_BAD_ADDR, limit);
    corrupt(img, "corrupted descriptor: misaligned input", 0u, ST_DESC_IN_ADDR,
            st_app_ptr(img, img->desc_off)[ST_DESC_IN_ADDR] + 2u, ST_ACCEL_ERR_MISALIGNED, limit);
    corrupt(img, "corrupted descriptor: stride 0", 0u, ST_DESC_GEOM,
            st_app_ptr(img, img->desc_off)[ST_DESC_GEOM] & ~ST_DESC_GEOM_STRIDE_Msk, ST_ACCEL_ERR_BAD_DIM, limit);

    ST_TEST("interrupt mode");
    st_irq_set_handler(ST_IRQ_EXT, on_ext_irq);
    st_irq_enable_global();
    st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_IRQ, st_app_clock);
    g_irqs = 0;
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK);
    ST_CHECK_EQ(g_irqs, 1u);
    ST_CHECK_EQ(g_accel.irq_seen, 1u);

    ST_TEST("interrupt mode with interrupts off: NO_IRQ, not a hang");
    st_irq_disable_global();
    g_irqs = 0;
    ST_CHECK_EQ(infer(img, 3u * chain_cycles + 10000u, 0), ST_ACCEL_E_NO_IRQ); /* a few chains' time */
    ST_CHECK_EQ(g_irqs, 0u);
    st_irq_set_handler(ST_IRQ_EXT, NULL);

    ST_TEST("polling again");
    st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_POLL, st_app_clock);
    t0 = st_rdcycle();
    ST_CHECK_EQ(infer(img, limit, 1), ST_ACCEL_OK);
    chain_cycles = st_rdcycle() - t0;
    return st_test_done();
}
