/* SPDX-License-Identifier: Apache-2.0 */
/*
 * swref.c - the software baseline: the same compiled network on the CPU alone, in the fastest honest
 * software form we have, the golden model's bit-plane popcount path (numerics.md §6), on the weights and
 * parameters that stc compile packed once at build time (nothing is re-packed per inference). It reads
 * and writes the same arena buffers the accelerator would, so the same golden checks apply: every
 * inference is checked against the host golden model (scores and layer CRCs) before its cycles count.
 *
 * Prints per sample the predicted class and the cycles, then the mean cycles per inference (`@` lines for
 * scripts). Runs the first ST_SWREF_SAMPLES samples (default 2: the CPU path is slow to simulate).
 * Exit: 0 all bit-exact, 1 a mismatch, 2 unusable image.
 */
#include <stdio.h>

#include "st_app.h"
#include "st_rt.h"

#ifndef ST_SWREF_SAMPLES
#define ST_SWREF_SAMPLES 2u
#endif

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const uint32_t n = img->n_samples < ST_SWREF_SAMPLES ? img->n_samples : ST_SWREF_SAMPLES;
    uint64_t sum_cycles = 0, sum_instret = 0;
    uint32_t s, exact = 0, correct = 0, layers_checked = 0;

    printf("swref: model %s, %u layers on the CPU (golden bit-plane form, pre-packed weights), %u samples\n",
           img->model_name, (unsigned)img->n_layers, (unsigned)n);
    if (n == 0u || st_app_crc_selfcheck() != 0) {
        printf("swref: no samples in the image, or the CRC self-check failed\n");
        return ST_APP_EXIT_IMAGE;
    }
    for (s = 0; s < n; s++) {
        uint32_t t0, t1, i0, i1, pred, label = img->labels[s], bad, checked;
        int first_bad, rc;

        t0 = st_rdcycle();
        i0 = st_rdinstret();
        st_app_load_input(img, s);
        rc = st_app_sw_net(img);
        i1 = st_rdinstret();
        t1 = st_rdcycle();
        if (rc != 0) {
            return ST_APP_EXIT_IMAGE;
        }
        pred = st_app_predicted(img);
        bad = st_app_check_outputs(img, s, 0, &checked, &first_bad);
        layers_checked += checked;
        exact += bad == 0u;
        correct += pred == label;
        sum_cycles += t1 - t0;
        sum_instret += i1 - i0;
        printf("sample %2u: predicted %2u %-12s expected %2u %-12s %10lu cycles %10lu instructions%s\n", (unsigned)s,
               (unsigned)pred, st_app_class_name(img, pred), (unsigned)label, st_app_class_name(img, label),
               (unsigned long)(t1 - t0), (unsigned long)(i1 - i0), bad == 0u ? "" : "  MISMATCH");
        printf("@swsample index=%u pred=%u label=%u cycles=%lu instret=%lu exact=%u\n", (unsigned)s, (unsigned)pred,
               (unsigned)label, (unsigned long)(t1 - t0), (unsigned long)(i1 - i0), bad == 0u ? 1u : 0u);
    }
    printf("software cycles per inference: %lu (mean of %u), %lu instructions, %lu MACs\n",
           (unsigned long)st_app_mean(sum_cycles, n), (unsigned)n, (unsigned long)st_app_mean(sum_instret, n),
           (unsigned long)img->macs);
    printf("bit-exact with the host golden model: %u/%u samples (%u layer outputs compared)\n", (unsigned)exact,
           (unsigned)n, (unsigned)layers_checked);
    printf("@swsummary samples=%u correct=%u exact=%u cycles=%lu instret=%lu\n", (unsigned)n, (unsigned)correct,
           (unsigned)exact, (unsigned long)st_app_mean(sum_cycles, n), (unsigned long)st_app_mean(sum_instret, n));
    return exact == n ? ST_APP_EXIT_OK : ST_APP_EXIT_MISMATCH;
}
