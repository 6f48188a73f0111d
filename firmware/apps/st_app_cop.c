/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_app_cop.c - the ST coprocessor in the applications' software path: the probe (safe on a SoC without
 * it) and the accumulator hook that hands CONV / DENSE layers to driver/st_cop.c. Only applications that
 * call st_app_use_cop() link it (and the coprocessor's driver).
 */
#include <stdio.h>

#include "st_app.h"
#include "st_golden.h"
#include "st_mmio.h"
#include "st_rt.h"

static st_cop_t *g_cop;
/* one output pixel's gathered window (a word and its operation address per activation plane and k-word)
 * and, when it fits (st_cop_scratch_words_whole), the pixel's operations as a program the driver replays
 * for every tile: 1,296 words for fmnist-a4's DENSE layer (4 planes x 8-bit weights x 18 k-words), the
 * largest of the shipped models */
#define ST_APP_COP_SCRATCH_WORDS 1536u
static uint32_t g_scratch[ST_APP_COP_SCRATCH_WORDS];

static volatile uint32_t g_probe_faults;

static bool probe_hook(st_trap_frame_t *frame)
{
    if (frame->mcause == 5u) { /* load access fault: nothing answers at ST_COP_BASE */
        g_probe_faults++;
        frame->mepc += 4u;
        return true;
    }
    return false;
}

st_cop_status_t st_app_cop_probe(st_cop_t *c)
{
    st_cop_status_t s;
    uint32_t id;

    g_probe_faults = 0;
    st_set_exception_hook(probe_hook);
    id = st_mmio_read32(ST_COP_BASE + ST_COP_ID_OFFSET);
    st_set_exception_hook(NULL);
    if (g_probe_faults != 0u || id != ST_COP_ID_RESET) {
        c->pe = 0;
        return ST_COP_ERR_ID;
    }
    s = st_cop_probe(c, ST_COP_BASE);
    if (s != ST_COP_OK) {
        printf("coprocessor: %s\n", st_cop_strerror(s));
    }
    return s;
}

/* Whether layer al runs on the coprocessor. A BYTES-input (first) layer runs there in MODE.BYTES when the
 * coprocessor has it (4 pixel bytes per store and weight plane: fmnist-a4's first layer 6.2 M cycles, of
 * which 1.2 M accumulate, against 8.0 M on the CPU, 2.9 M of them the bytes-MAC form). Without it (or for a
 * bipolar BYTES input, which takes the bit planes) such a layer stays on the CPU whenever the bytes-MAC
 * form takes it: that form is the faster then (19.5 M cycles through the bit planes, whose 8 input planes
 * x 4 weight planes cost 32 stores per tile for a 9-bit window; docs/coprocessor.md). */
static int cop_takes(const st_app_layer_t *al)
{
    const st_layer_t *l = &al->layer;
    if (g_cop == NULL || st_cop_layer_check(g_cop, l, al->in_bytes) != ST_COP_OK ||
        st_cop_scratch_words(l, al->in_bytes) > ST_APP_COP_SCRATCH_WORDS) {
        return 0;
    }
    return !al->in_bytes || st_cop_bytes_mode(g_cop, l, al->in_bytes) ||
           st_bytes_mac_wbuf_len(l) > ST_APP_WDEC_ENTRIES ||
           st_layer_kh(l) * st_layer_kw(l) * l->in.c > ST_BYTES_MAC_MAX_K;
}

static int cop_rows(const st_app_image_t *img, const st_app_layer_t *al, const uint32_t *in, uint32_t y0, uint32_t y1,
                    int32_t *acc)
{
    return st_cop_conv_acc_rows(g_cop, &al->layer, al->in_bytes, in, st_app_ptr(img, al->w_off), y0, y1, acc,
                                g_scratch, ST_APP_COP_SCRATCH_WORDS) == ST_COP_OK
               ? 0
               : -1;
}

/* A thresholded layer's codes from the coprocessor's threshold unit (CAPS.THR): no accumulator is read back
 * and the CPU's threshold search is skipped. -1 (nothing written) when the unit cannot take the layer. */
static int cop_codes(const st_app_image_t *img, const st_app_layer_t *al, const uint32_t *in, uint32_t *out)
{
    return st_cop_conv_codes_rows(g_cop, &al->layer, al->in_bytes, in, st_app_ptr(img, al->w_off),
                                  st_app_ptr(img, al->p_off), 0, al->layer.out.h, out, g_scratch,
                                  ST_APP_COP_SCRATCH_WORDS) == ST_COP_OK
               ? 0
               : -1;
}

static const st_app_acc_hook_t g_cop_hook = {cop_takes, cop_rows, cop_codes};

void st_app_use_cop(st_cop_t *c)
{
    g_cop = c;
    if (c != NULL) {
        st_cop_invalidate(c); /* the weights in RAM may be another model's */
    }
    st_app_set_acc_hook(c != NULL ? &g_cop_hook : NULL);
}
