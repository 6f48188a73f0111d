/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cop.c - the compiled network on the CPU with the ST coprocessor (rtl/cop: the accelerator of the UP5K
 * build): every CONV / DENSE layer's accumulators on the coprocessor, thresholds, residuals, pooling and
 * the output layer on the CPU (st_app_sw_net with st_app_use_cop). Every inference is checked against the
 * host golden model (scores and layer CRCs) before its cycles count; then the same samples' software path
 * (the CPU alone, swref's code) runs for a side-by-side speedup on this core.
 *
 * First (ST_COP_LAYERS = 1, the default) sample 0 layer by layer, with the coprocessor and on the CPU alone
 * (`@coplayer` lines), then the image's samples (at most ST_COP_SAMPLES) with the predicted class and the
 * cycles, then the means (`@copsummary`; sw_cycles: sample 0 on the CPU alone, 0 without the table).
 * Exit: 0 all bit-exact, 1 a mismatch, 2 unusable image or no coprocessor.
 */
#include <stdio.h>

#include "st_app.h"
#include "st_rt.h"

#ifndef ST_COP_SAMPLES
#define ST_COP_SAMPLES 20u
#endif
#ifndef ST_COP_LAYERS
#define ST_COP_LAYERS 1
#endif

static st_cop_t g_cop;

/* Sample s through the network (cop: with the coprocessor); checks it; returns its cycles (0: mismatch). */
static uint32_t run_sample(const st_app_image_t *img, uint32_t s, int cop, uint32_t *pred, uint32_t *ops)
{
    uint32_t t0, t1, bad, checked, ops0 = g_cop.ops;
    int first_bad, rc;

    st_app_use_cop(cop ? &g_cop : NULL);
    t0 = st_rdcycle();
    st_app_load_input(img, s);
    rc = st_app_sw_net(img);
    t1 = st_rdcycle();
    *ops = g_cop.ops - ops0;
    if (rc != 0) {
        return 0;
    }
    *pred = st_app_predicted(img);
    bad = st_app_check_outputs(img, s, 0, &checked, &first_bad);
    if (bad != 0u) {
        printf("sample %u: %u outputs differ from the golden model (first layer %d)%s\n", (unsigned)s, (unsigned)bad,
               first_bad, cop ? " with the coprocessor" : " on the CPU");
        return 0;
    }
    return t1 - t0;
}

/* Per-layer cycles of sample 0, with the coprocessor and on the CPU alone, side by side (`@coplayer`);
 * their sums in *cop_total and *sw_total. */
static int layer_table(const st_app_image_t *img, uint32_t *cop_total, uint32_t *sw_total)
{
    uint32_t i, cop_cyc[ST_MAX_LAYERS], cop_ops[ST_MAX_LAYERS];

    *cop_total = 0;
    *sw_total = 0;
    for (int cop = 1; cop >= 0; cop--) {
        st_app_use_cop(cop ? &g_cop : NULL);
        st_app_load_input(img, 0u);
        for (i = 0; i < img->n_layers; i++) {
            const uint32_t ops0 = g_cop.ops, t0 = st_rdcycle();
            const int rc = st_app_sw_net_layer(img, i);
            const uint32_t t1 = st_rdcycle();
            if (rc != 0) {
                return -1;
            }
            if (cop) {
                cop_cyc[i] = t1 - t0;
                cop_ops[i] = g_cop.ops - ops0;
                *cop_total += t1 - t0;
            } else {
                *sw_total += t1 - t0;
                const st_layer_t *l = &img->layers[i].layer;
                printf("layer %2u %-7s %3ux%3ux%4u -> %3ux%3ux%4u: %9lu cycles with the coprocessor (%lu operations), "
                       "%9lu on the CPU alone\n",
                       (unsigned)i, st_layer_type_str(l->type), (unsigned)l->in.h, (unsigned)l->in.w, (unsigned)l->in.c,
                       (unsigned)l->out.h, (unsigned)l->out.w, (unsigned)l->out.c, (unsigned long)cop_cyc[i],
                       (unsigned long)cop_ops[i], (unsigned long)(t1 - t0));
                printf("@coplayer layer=%u cop_cycles=%lu ops=%lu sw_cycles=%lu\n", (unsigned)i,
                       (unsigned long)cop_cyc[i], (unsigned long)cop_ops[i], (unsigned long)(t1 - t0));
            }
        }
    }
    return 0;
}

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const uint32_t n = img->n_samples < ST_COP_SAMPLES ? img->n_samples : ST_COP_SAMPLES;
    uint64_t sum_cop = 0, sum_ops = 0;
    uint32_t s, exact = 0, correct = 0, st, t_cop = 0, t_sw = 0;

    printf("cop: model %s, %u layers, %u samples, CONV / DENSE on the coprocessor\n", img->model_name,
           (unsigned)img->n_layers, (unsigned)n);
    if (n == 0u || st_app_crc_selfcheck() != 0) {
        printf("cop: no samples in the image, or the CRC self-check failed\n");
        return ST_APP_EXIT_IMAGE;
    }
    st = st_app_cop_probe(&g_cop);
    if (st != ST_COP_OK) {
        printf("cop: %s: this SoC was built without the coprocessor (make ... SOC_COP=1)\n", st_cop_strerror(st));
        return ST_APP_EXIT_IMAGE;
    }
    printf("coprocessor: %u PEs x 32 bits, %u weight words per PE%s\n", (unsigned)g_cop.pe, (unsigned)g_cop.depth,
           g_cop.bytes ? ", MODE.BYTES" : "");
    if (ST_COP_LAYERS) {
        if (layer_table(img, &t_cop, &t_sw) != 0) {
            return ST_APP_EXIT_IMAGE;
        }
        printf("sample 0 layer by layer: %lu cycles with the coprocessor, %lu on the CPU alone: speedup %lu.%02lux\n",
               (unsigned long)t_cop, (unsigned long)t_sw, (unsigned long)(t_sw / t_cop),
               (unsigned long)((100u * (t_sw % t_cop)) / t_cop));
    }
    for (s = 0; s < n; s++) {
        uint32_t pred = 0, ops = 0, label = img->labels[s];
        const uint32_t cyc = run_sample(img, s, 1, &pred, &ops);
        if (cyc == 0u) {
            continue;
        }
        exact++;
        correct += pred == label;
        sum_cop += cyc;
        sum_ops += ops;
        printf("sample %2u: predicted %2u %-12s expected %2u %-12s %10lu cycles, %u layers on the coprocessor, %lu "
               "operations\n",
               (unsigned)s, (unsigned)pred, st_app_class_name(img, pred), (unsigned)label,
               st_app_class_name(img, label), (unsigned long)cyc, (unsigned)st_app_hook_layers(), (unsigned long)ops);
        printf("@copsample index=%u pred=%u label=%u cycles=%lu ops=%lu exact=1\n", (unsigned)s, (unsigned)pred,
               (unsigned)label, (unsigned long)cyc, (unsigned long)ops);
    }
    if (exact == 0u) {
        return ST_APP_EXIT_MISMATCH;
    }
    printf("coprocessor cycles per inference: %lu (mean of %u), %lu operations\n",
           (unsigned long)st_app_mean(sum_cop, exact), (unsigned)exact,
           (unsigned long)st_app_mean(sum_ops, exact));
    printf("bit-exact with the host golden model: %u/%u samples, accuracy %u/%u\n", (unsigned)exact, (unsigned)n,
           (unsigned)correct, (unsigned)exact);
    printf("@copsummary samples=%u correct=%u exact=%u cycles=%lu ops=%lu sw_cycles=%lu cop_cycles0=%lu\n", (unsigned)n,
           (unsigned)correct, (unsigned)exact, (unsigned long)st_app_mean(sum_cop, exact),
           (unsigned long)st_app_mean(sum_ops, exact),
           (unsigned long)t_sw, (unsigned long)t_cop);
    return exact == n ? ST_APP_EXIT_OK : ST_APP_EXIT_MISMATCH;
}
