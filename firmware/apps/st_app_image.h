/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_app_image.h
 * @brief A compiled model as the firmware sees it: the C source that `stc compile -o image.c` writes
 *        defines one `const st_app_image_t st_app_image` of these types (docs/driver.md §5).
 *
 * The accelerator image lives in one word array, the *arena*: the descriptor chain, the packed weights and
 * per-channel parameters (initialised), and the activation buffers (zero). Every offset below is in bytes
 * from the arena's start. The descriptors hold bus addresses computed for `base`; wherever the linker puts
 * the arena, st_app_image_prepare() (st_app.c) adds the difference once before the first run.
 *
 * Besides the image it carries what the applications need to check themselves: sample inputs already
 * packed in tensor 0's layout, their labels, and from the host golden model (MAC form) the CRC-32 of every
 * layer's output in its RAM layout and the output scores.
 */
#ifndef ST_APP_IMAGE_H
#define ST_APP_IMAGE_H

#include <stdint.h>

#include "st_model.h"

#define ST_APP_IMAGE_VERSION 1u

/** One layer of the compiled model. */
typedef struct {
    st_layer_t layer;   /**< geometry only (type, kernel, widths, tensors, res_src); weight / threshold
                             pointers are NULL: the packed copies are in the arena */
    int16_t desc;       /**< index of the descriptor computing this layer; -1: fused into the next layer */
    uint8_t in_bytes;   /**< the layer reads the network input in BYTES layout */
    uint8_t checkable;  /**< the output buffer still holds this layer's output after the whole chain */
    uint32_t in_off;    /**< input tensor buffer (unused when the previous layer was fused away) */
    uint32_t out_off;   /**< output tensor buffer */
    uint32_t out_words; /**< its size in words; 0 when the layer is fused away (no buffer) */
    uint32_t w_off;     /**< packed weights (CONV / DENSE) */
    uint32_t p_off;     /**< per-channel parameter records (CONV / DENSE) */
    uint32_t res_off;   /**< residual source tensor buffer (layer.res_src >= 0) */
} st_app_layer_t;

/** A compiled model with its samples and expectations. */
typedef struct {
    uint32_t version;           /**< ST_APP_IMAGE_VERSION */
    const char *model_name;     /**< the model file's name field */
    const char *model_file;     /**< the path stc compiled */
    uint32_t *arena;            /**< the arena (writable: activations, and the chain is relocated once) */
    uint32_t arena_words;
    uint32_t base;              /**< bus address the descriptors were computed for */
    uint32_t caps0, caps1, caps2, caps3; /**< the accelerator configuration the image was built for */
    uint32_t flags;             /**< ST_APP_IMG_F_* */
    uint32_t n_layers;
    uint32_t n_desc;
    uint32_t desc_off;          /**< the chain: n_desc records of ST_DESC_BYTES */
    uint32_t in_off, in_words;  /**< tensor 0 (network input) */
    uint32_t input_is_bytes;    /**< tensor 0 in BYTES layout (else PLANES) */
    uint32_t out_off, out_words;/**< the output layer's int32 scores */
    uint32_t num_classes;
    const char *class_names;    /**< num_classes fields of ST_MODEL_CLASS_NAME_LEN bytes */
    const st_app_layer_t *layers;
    uint32_t n_samples;
    const uint32_t *samples;    /**< n_samples records of in_words words: tensor 0 exactly as the arena holds it */
    const uint8_t *labels;      /**< n_samples labels from the sample file */
    const uint32_t *expect_crc; /**< n_samples * n_layers: CRC-32 of each layer's output in its RAM layout */
    const int32_t *expect_scores; /**< n_samples * num_classes: the golden output scores */
    uint64_t macs;              /**< multiply-accumulates per inference (padding taps included, as stc info) */
} st_app_image_t;

#define ST_APP_IMG_F_KEEP_TENSORS (1u << 0) /**< every tensor has its own buffer: every layer is checkable */
#define ST_APP_IMG_F_FUSED (1u << 1)        /**< at least one GSUM is fused into the following DENSE */

/** The image stc compiled for this firmware (defined by the generated image.c). */
extern const st_app_image_t st_app_image;

#endif /* ST_APP_IMAGE_H */
