/* SPDX-License-Identifier: Apache-2.0 */
/* example.c - the smallest complete use of the driver (docs/driver.md §4): one inference of a compiled
 * model on the accelerator. Build: make apps (it links the default model's image). */
#include <stdio.h>

#include "st_accel.h"
#include "st_app_image.h" /* the model: stc compile model.stm -o image.c */
#include "st_rt.h"        /* st_rdcycle() */

static st_accel_t accel; /* all the driver's state */

static uint32_t cycles(void)
{
    return st_rdcycle();
}

int main(void)
{
    const st_app_image_t *img = &st_app_image;
    const st_accel_caps_t need = {img->caps0, img->caps1, img->caps2, img->caps3};
    uint32_t *arena = img->arena;
    const int32_t *scores = (const int32_t *)(arena + img->out_off / 4u);
    st_accel_status_t s;
    uint32_t i, best = 0;

    /* 1. find the accelerator and check it is the configuration the image was compiled for */
    s = st_accel_probe(&accel, ST_ACCEL_BASE, &need);
    if (s != ST_ACCEL_OK) {
        printf("probe: %s\n", st_accel_err_str(s));
        return 2;
    }
    /* 2. the chain holds addresses for img->base; the linker put the arena somewhere else */
    if (st_accel_chain_relocate(arena + img->desc_off / 4u, img->n_desc, (uint32_t)arena - img->base) !=
        img->n_desc) {
        return 2;
    }
    /* 3. the input: sample 0, already packed in the input tensor's layout */
    for (i = 0; i < img->in_words; i++) {
        arena[img->in_off / 4u + i] = img->samples[i];
    }
    /* 4. run the whole network; poll, giving up (and aborting) after 10 million cycles */
    st_accel_set_mode(&accel, ST_ACCEL_WAIT_POLL, cycles);
    s = st_accel_run_chain(&accel, (uint32_t)arena + img->desc_off, 10000000u);
    if (s != ST_ACCEL_OK) {
        printf("run: %s at descriptor %lu\n", st_accel_err_str(s), (unsigned long)accel.err_desc);
        return 3;
    }
    /* 5. the output layer's int32 scores; the class is the argmax */
    for (i = 1; i < img->num_classes; i++) {
        if (scores[i] > scores[best]) {
            best = i;
        }
    }
    printf("class %lu (expected %u)\n", (unsigned long)best, img->labels[0]);
    return best == img->labels[0] ? 0 : 1;
}
