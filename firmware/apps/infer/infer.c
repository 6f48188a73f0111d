/* SPDX-License-Identifier: Apache-2.0 */
/*
 * infer.c - the product's main job: run the compiled model (stc compile) on the accelerator for every
 * sample input embedded in the image, through the driver.
 *
 * For each sample: copy the input into tensor 0, run the descriptor chain (st_accel_run_chain), and check
 * the result against the host golden model: the output scores word by word and the CRC-32 of every layer
 * output still in RAM (all of them when the image was compiled with --keep-tensors). On a mismatch the
 * first differing layer is recomputed on the CPU from the accelerator's own input, which names the word.
 * Prints per sample the predicted and expected class and the cycles, then the accuracy on the samples and
 * the mean cycles per inference; `@` lines are for scripts (docs/driver.md §6).
 *
 * Build options (FW_CFLAGS_infer): -DST_INFER_IRQ=1 waits by interrupt instead of polling;
 * -DST_INFER_TIMEOUT=N sets the driver's time limit in cycles (default: st_app_time_limit());
 * -DST_INFER_INJECT_LAYER=L (tests only) flips bit 0 of word ST_INFER_INJECT_WORD of layer L's output after
 * the chain of sample ST_INFER_INJECT_SAMPLE, to prove that the checks catch and locate a wrong output.
 * Exit: 0 all bit-exact, 1 a mismatch, 2 unusable image / probe failure, 3 a driver error (reported).
 */
#include <stdio.h>

#include "st_app.h"
#include "st_rt.h"

#ifndef ST_INFER_IRQ
#define ST_INFER_IRQ 0
#endif
#ifndef ST_INFER_TIMEOUT
#define ST_INFER_TIMEOUT 0
#endif
#ifndef ST_INFER_INJECT_LAYER
#define ST_INFER_INJECT_LAYER (-1)
#endif
#ifndef ST_INFER_INJECT_SAMPLE
#define ST_INFER_INJECT_SAMPLE 0
#endif
#ifndef ST_INFER_INJECT_WORD
#define ST_INFER_INJECT_WORD 0
#endif

static st_accel_t g_accel;
static uint32_t g_irqs;

/* Machine external interrupt: the accelerator's completion (the driver acknowledges it). */
static void on_ext_irq(st_trap_frame_t *frame)
{
    (void)frame;
    if (st_accel_isr(&g_accel)) {
        g_irqs++;
    }
}

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    uint64_t sum_cycles = 0, sum_busy = 0, sum_stall = 0;
    uint32_t limit, s, correct = 0, exact = 0, layers_checked = 0;
    st_accel_status_t st;

    printf("infer: model %s (%s), %u layers in %u descriptors, %u samples\n", img->model_name, img->model_file,
           (unsigned)img->n_layers, (unsigned)img->n_desc, (unsigned)img->n_samples);
    if (st_app_crc_selfcheck() != 0) {
        printf("infer: CRC self-check failed\n");
        return ST_APP_EXIT_IMAGE;
    }
    if (img->n_samples == 0u) {
        printf("infer: the image has no samples (stc compile --samples)\n");
        return ST_APP_EXIT_IMAGE;
    }
    if (st_app_probe(&g_accel, img) != ST_ACCEL_OK || st_app_prepare(img) != 0) {
        return ST_APP_EXIT_IMAGE;
    }
    printf("infer: accelerator %lu.%lu.%lu, PE %lu x SIMD %lu, wait by %s\n",
           (unsigned long)((g_accel.version >> 16) & 0xFFu), (unsigned long)((g_accel.version >> 8) & 0xFFu),
           (unsigned long)(g_accel.version & 0xFFu),
           (unsigned long)((g_accel.caps.caps0 & ST_ACCEL_CAPS0_PE_Msk) >> ST_ACCEL_CAPS0_PE_Pos),
           (unsigned long)((g_accel.caps.caps0 & ST_ACCEL_CAPS0_SIMD_Msk) >> ST_ACCEL_CAPS0_SIMD_Pos),
           ST_INFER_IRQ ? "interrupt" : "polling");
    limit = ST_INFER_TIMEOUT != 0 ? (uint32_t)ST_INFER_TIMEOUT : st_app_time_limit(img);
    if (ST_INFER_IRQ) {
        st_irq_set_handler(ST_IRQ_EXT, on_ext_irq);
        st_irq_enable_global();
        st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_IRQ, st_app_clock);
    } else {
        st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_POLL, st_app_clock);
    }

    for (s = 0; s < img->n_samples; s++) {
        st_accel_perf_t perf;
        uint32_t t0, t1, pred, label = img->labels[s], bad, checked;
        int first_bad;

        /* one inference: the input into tensor 0, the chain, the result collected */
        t0 = st_rdcycle();
        st_app_load_input(img, s);
        st = st_accel_run_chain(&g_accel, st_app_addr(img, img->desc_off), limit);
        t1 = st_rdcycle();
        if (st != ST_ACCEL_OK) {
            printf("sample %u: ", (unsigned)s);
            st_app_print_status("accelerator error", st, &g_accel);
            printf("@error sample=%u status=%lu name=%s desc=%lu\n", (unsigned)s, (unsigned long)st,
                   st_accel_err_str(st), (unsigned long)g_accel.err_desc);
            return ST_APP_EXIT_ACCEL;
        }
        (void)st_accel_perf(&g_accel, &perf);
        if (ST_INFER_INJECT_LAYER >= 0 && s == ST_INFER_INJECT_SAMPLE) {
            st_app_ptr(img, img->layers[ST_INFER_INJECT_LAYER].out_off)[ST_INFER_INJECT_WORD] ^= 1u;
            printf("sample %u: test hook: flipped bit 0 of word %u of layer %d's output\n", (unsigned)s,
                   (unsigned)ST_INFER_INJECT_WORD, ST_INFER_INJECT_LAYER);
        }
        pred = st_app_predicted(img);
        bad = st_app_check_outputs(img, s, 0, &checked, &first_bad);
        layers_checked += checked;
        if (bad == 0u) {
            exact++;
        } else if (first_bad >= 0) {
            /* name the word: recompute that layer on the CPU from the accelerator's own input */
            const st_app_layer_t *al = &img->layers[first_bad];
            const uint32_t in_off =
                (first_bad > 0 && img->layers[first_bad - 1].desc < 0) ? img->layers[first_bad - 1].in_off : al->in_off;
            (void)st_app_sw_compare(img, (uint32_t)first_bad, st_app_ptr(img, in_off), st_app_ptr(img, al->out_off));
        }
        correct += pred == label;
        sum_cycles += t1 - t0;
        sum_busy += perf.busy_cycles;
        sum_stall += perf.stall_cycles;
        printf("sample %2u: predicted %2u %-12s expected %2u %-12s %8lu cycles (accelerator %lu)%s\n", (unsigned)s,
               (unsigned)pred, st_app_class_name(img, pred), (unsigned)label, st_app_class_name(img, label),
               (unsigned long)(t1 - t0), (unsigned long)perf.busy_cycles, bad == 0u ? "" : "  MISMATCH");
        printf("@sample index=%u pred=%u label=%u cycles=%lu busy=%lu stall=%lu macs=%lu layers=%lu exact=%u "
               "checked=%u\n",
               (unsigned)s, (unsigned)pred, (unsigned)label, (unsigned long)(t1 - t0),
               (unsigned long)perf.busy_cycles, (unsigned long)perf.stall_cycles, (unsigned long)perf.macs,
               (unsigned long)perf.layers, bad == 0u ? 1u : 0u, (unsigned)checked);
        printf("@scores index=%u", (unsigned)s);
        for (uint32_t c = 0; c < img->num_classes; c++) {
            printf(" %ld", (long)((const int32_t *)st_app_ptr(img, img->out_off))[c]);
        }
        printf("\n");
    }
    printf("accuracy on the samples: %u/%u = %u.%02u%%\n", (unsigned)correct, (unsigned)img->n_samples,
           (unsigned)(correct * 100u / img->n_samples), (unsigned)((correct * 10000u / img->n_samples) % 100u));
    printf("cycles per inference: %lu (mean), accelerator busy %lu, bus stalls %lu\n",
           (unsigned long)st_app_mean(sum_cycles, img->n_samples),
           (unsigned long)st_app_mean(sum_busy, img->n_samples),
           (unsigned long)st_app_mean(sum_stall, img->n_samples));
    printf("bit-exact with the host golden model: %u/%u samples (%u layer outputs and every score compared)\n",
           (unsigned)exact, (unsigned)img->n_samples, (unsigned)layers_checked);
    printf("@summary samples=%u correct=%u exact=%u cycles=%lu busy=%lu stall=%lu layers_checked=%u irqs=%u\n",
           (unsigned)img->n_samples, (unsigned)correct, (unsigned)exact,
           (unsigned long)st_app_mean(sum_cycles, img->n_samples),
           (unsigned long)st_app_mean(sum_busy, img->n_samples),
           (unsigned long)st_app_mean(sum_stall, img->n_samples),
           (unsigned)layers_checked, (unsigned)g_irqs);
    return exact == img->n_samples ? ST_APP_EXIT_OK : ST_APP_EXIT_MISMATCH;
}
