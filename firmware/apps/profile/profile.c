/* SPDX-License-Identifier: Apache-2.0 */
/*
 * profile.c - per-layer cycles of the compiled model on sample 0, on the accelerator and on the CPU.
 *
 * Accelerator: each descriptor of the chain runs as a chain of its own, in order, on the real data (the
 * buffers chain exactly as in one run), and its performance counters are read: busy cycles, bus stalls,
 * executed bit-MACs (PERF_MACS: the plane pairs a BYTES layer skips are not counted), and the array's
 * utilisation executed bit-MACs / (busy cycles x PE x SIMD). CPU: each layer in the
 * software path (golden bit-plane form, as swref). Both results are checked against the host golden model
 * before anything is printed as a figure. One `@layerprof` line per descriptor for tools/bench.
 * Exit: 0 both bit-exact, 1 a mismatch, 2 unusable image, 3 a driver error.
 */
#include <stdio.h>

#include "st_app.h"
#include "st_rt.h"

static st_accel_t g_accel;
static uint32_t g_rec[ST_DESC_WORDS] __attribute__((aligned(64)));

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const uint32_t limit = st_app_time_limit(img);
    uint32_t pe, simd, i, k, checked, bad_hw, bad_sw;
    uint32_t hw_total = 0, sw_total = 0;
    uint32_t hw_cyc[ST_MAX_LAYERS], hw_busy[ST_MAX_LAYERS], hw_stall[ST_MAX_LAYERS], hw_macs[ST_MAX_LAYERS];
    uint32_t sw_cyc[ST_MAX_LAYERS];
    int first_bad;

    printf("profile: model %s, %u layers in %u descriptors, sample 0\n", img->model_name, (unsigned)img->n_layers,
           (unsigned)img->n_desc);
    if (img->n_samples == 0u || st_app_crc_selfcheck() != 0) {
        printf("profile: no samples, or the CRC self-check failed\n");
        return ST_APP_EXIT_IMAGE;
    }
    if (st_app_probe(&g_accel, img) != ST_ACCEL_OK || st_app_prepare(img) != 0) {
        return ST_APP_EXIT_IMAGE;
    }
    st_accel_set_mode(&g_accel, ST_ACCEL_WAIT_POLL, st_app_clock);
    pe = (g_accel.caps.caps0 & ST_ACCEL_CAPS0_PE_Msk) >> ST_ACCEL_CAPS0_PE_Pos;
    simd = (g_accel.caps.caps0 & ST_ACCEL_CAPS0_SIMD_Msk) >> ST_ACCEL_CAPS0_SIMD_Pos;

    /* ---- the accelerator, one descriptor at a time ----------------------------------------------- */
    st_app_load_input(img, 0u);
    for (k = 0; k < img->n_desc; k++) {
        const uint32_t *rec = st_app_ptr(img, img->desc_off) + k * ST_DESC_WORDS;
        st_accel_perf_t perf;
        st_accel_status_t st;
        uint32_t t0, t1, w;
        for (w = 0; w < ST_DESC_WORDS; w++) {
            g_rec[w] = rec[w];
        }
        g_rec[ST_DESC_OP] |= ST_DESC_F_LAST;
        t0 = st_rdcycle();
        st = st_accel_run_chain(&g_accel, (uint32_t)(uintptr_t)g_rec, limit);
        t1 = st_rdcycle();
        if (st != ST_ACCEL_OK) {
            printf("descriptor %u: ", (unsigned)k);
            st_app_print_status("accelerator error", st, &g_accel);
            return ST_APP_EXIT_ACCEL;
        }
        (void)st_accel_perf(&g_accel, &perf);
        hw_cyc[k] = t1 - t0;
        hw_busy[k] = perf.busy_cycles;
        hw_stall[k] = perf.stall_cycles;
        hw_macs[k] = perf.macs;
        hw_total += t1 - t0;
    }
    bad_hw = st_app_check_outputs(img, 0u, 0, &checked, &first_bad);

    /* ---- the CPU, one layer at a time (a fused GSUM counts with the descriptor it is fused into) ---- */
    for (k = 0; k < img->n_desc; k++) {
        sw_cyc[k] = 0;
    }
    st_app_load_input(img, 0u);
    for (i = 0; i < img->n_layers; i++) {
        const st_app_layer_t *al = &img->layers[i];
        uint32_t t0, t1;
        int rc;
        t0 = st_rdcycle();
        rc = st_app_sw_net_layer(img, i);
        t1 = st_rdcycle();
        if (rc != 0) {
            return ST_APP_EXIT_IMAGE;
        }
        sw_cyc[al->desc >= 0 ? (uint32_t)al->desc : (uint32_t)img->layers[i + 1u].desc] += t1 - t0;
        sw_total += t1 - t0;
    }
    bad_sw = st_app_check_outputs(img, 0u, 0, &checked, &first_bad);

    printf("%-5s %-13s %10s %10s %8s %12s %6s %12s %8s\n", "desc", "layer", "cycles", "busy", "stall", "bit-MACs",
           "util%", "CPU cycles", "speedup");
    for (k = 0; k < img->n_desc; k++) {
        uint32_t layer = 0, util10;
        const char *type;
        char label[24], name[32];
        for (i = 0; i < img->n_layers; i++) {
            if (img->layers[i].desc == (int16_t)k) {
                layer = i;
            }
        }
        type = st_layer_type_str(img->layers[layer].layer.type);
        if (layer > 0u && img->layers[layer - 1u].desc < 0) {
            snprintf(label, sizeof label, "GSUM+%s", type);
        } else {
            snprintf(label, sizeof label, "%s", type);
        }
        snprintf(name, sizeof name, "%u %s", (unsigned)layer, label);
        util10 = hw_busy[k] != 0u ? (uint32_t)(((uint64_t)hw_macs[k] * 1000u) / ((uint64_t)hw_busy[k] * pe * simd)) : 0u;
        printf("%-5u %-13s %10lu %10lu %8lu %12lu %4lu.%lu %12lu %7lux\n", (unsigned)k, name, (unsigned long)hw_cyc[k],
               (unsigned long)hw_busy[k], (unsigned long)hw_stall[k], (unsigned long)hw_macs[k],
               (unsigned long)(util10 / 10u), (unsigned long)(util10 % 10u), (unsigned long)sw_cyc[k],
               (unsigned long)(hw_cyc[k] != 0u ? sw_cyc[k] / hw_cyc[k] : 0u));
        printf("@layerprof desc=%u layer=%u name=%s cycles=%lu busy=%lu stall=%lu bitmacs=%lu util_permille=%lu "
               "sw_cycles=%lu\n",
               (unsigned)k, (unsigned)layer, label, (unsigned long)hw_cyc[k],
               (unsigned long)hw_busy[k], (unsigned long)hw_stall[k], (unsigned long)hw_macs[k],
               (unsigned long)util10, (unsigned long)sw_cyc[k]);
    }
    printf("total: accelerator %lu cycles (descriptor by descriptor), CPU %lu cycles\n", (unsigned long)hw_total,
           (unsigned long)sw_total);
    printf("bit-exact with the host golden model: accelerator %s, CPU %s\n", bad_hw == 0u ? "yes" : "NO",
           bad_sw == 0u ? "yes" : "NO");
    printf("@profsummary pe=%u simd=%u hw_cycles=%lu sw_cycles=%lu hw_exact=%u sw_exact=%u\n", (unsigned)pe,
           (unsigned)simd, (unsigned long)hw_total, (unsigned long)sw_total, bad_hw == 0u ? 1u : 0u,
           bad_sw == 0u ? 1u : 0u);
    return (bad_hw == 0u && bad_sw == 0u) ? ST_APP_EXIT_OK : ST_APP_EXIT_MISMATCH;
}
