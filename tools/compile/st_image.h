/* SPDX-License-Identifier: Apache-2.0 */
/* st_image.h - the accelerator-image builder: lays out a chain of layers in a RAM arena (descriptors,
 * packed weights, per-channel parameters, activation buffers) for the st-accel accelerator.
 *
 * Freestanding C99 (no heap, no stdio, no libc calls): it builds for the host (tests, the model compiler
 * `stc compile`) and for rv32im (firmware that builds its image at boot). It relies on the golden model for
 * the packed layouts (numerics.md §7: st_pack_weights, st_pack_params, st_tensor_words ...) and on
 * driver/st_desc.h for the descriptor format (docs/accelerator.md §2), and checks every layer against the
 * hardware's CAPS registers before it writes anything, so that a chain it returns never trips a descriptor
 * check of the accelerator.
 *
 * Addresses: the arena is `bytes` bytes of memory that the CPU sees at host pointer `mem` and the
 * accelerator at bus address `addr` (on the target both are the same number; on the host `mem` is the
 * simulator's RAM array). Words are stored in host byte order: the host must be little-endian like the SoC.
 */
#ifndef ST_IMAGE_H
#define ST_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "st_desc.h"
#include "st_golden.h"
#include "st_model.h"

/** Errors of the image builder. */
typedef enum {
    ST_IMG_OK = 0,
    ST_IMG_ERR_ARG,         /**< NULL pointer, no layers, too many layers, bad flag combination */
    ST_IMG_ERR_LAYER,       /**< a layer the golden model rejects (st_layer_check), or shapes that do not chain */
    ST_IMG_ERR_UNSUPPORTED, /**< an operation or encoding the hardware does not offer (CAPS2) */
    ST_IMG_ERR_BITS,        /**< an activation / weight / input width the hardware does not offer (CAPS0/2) */
    ST_IMG_ERR_FIELD,       /**< a value that does not fit its descriptor field or the hardware limits */
    ST_IMG_ERR_WBUF,        /**< one tile's weights exceed the on-chip weight buffer (CAPS1.WBUF_WORDS) */
    ST_IMG_ERR_PBUF,        /**< one tile's parameter records exceed the parameter buffer (CAPS1.PBUF_WORDS) */
    ST_IMG_ERR_ARENA,       /**< the arena is misaligned, or not inside RAM */
    ST_IMG_ERR_NO_SPACE,    /**< the image does not fit the arena */
    ST_IMG_ERR_XBUF,        /**< a BYTES input's kernel window exceeds the first-layer buffer (CAPS3.BYTES_KWORDS) */
    ST_IMG_ERR_COUNT
} st_img_status_t;

/** Name of a status, e.g. "ST_IMG_ERR_WBUF". */
const char *st_img_status_str(st_img_status_t s);

/** What the hardware offers, decoded from CAPS0..3 (docs/registers.md). */
typedef struct {
    uint32_t pe;          /**< output channels per tile (CAPS0.PE) */
    uint32_t simd;        /**< input bits per PE per cycle (CAPS0.SIMD) */
    uint32_t abits;       /**< mask of output code widths 1..4 (bit n-1 = n bits) */
    uint32_t wbits;       /**< mask of weight widths (bit 0 = bipolar, bit m-1 = m bits) */
    uint32_t wbuf_words;  /**< weight buffer, all PEs together, 32-bit words */
    uint32_t pbuf_words;  /**< parameter buffer, 32-bit words */
    uint32_t bytes_bits;  /**< widest BYTES (network input) code */
    uint32_t planes_bits; /**< widest PLANES input of a CONV */
    uint32_t gsum_bits;   /**< widest GSUM output */
    uint32_t ops;         /**< ST_IMG_CAP_* */
    uint32_t bytes_kwords;/**< largest BYTES kernel window ceil(kh*kw*in_c/32) (CAPS3.BYTES_KWORDS);
                               0 = not known (st_img_caps_decode() without CAPS3): not checked */
} st_img_caps_t;

#define ST_IMG_CAP_MAXPOOL  (1u << 0)
#define ST_IMG_CAP_GSUM     (1u << 1)
#define ST_IMG_CAP_RES      (1u << 2)
#define ST_IMG_CAP_W_SHARED (1u << 3)
#define ST_IMG_CAP_BIPOLAR  (1u << 4)

/** Decode the CAPS0, CAPS1, CAPS2, CAPS3 register values (use this one). */
void st_img_caps_decode_all(uint32_t caps0, uint32_t caps1, uint32_t caps2, uint32_t caps3, st_img_caps_t *caps);

/** Decode CAPS0..2 only: bytes_kwords stays 0 and the first-layer window is then not checked (kept for
 *  callers written before CAPS3 existed; they must check CAPS3.BYTES_KWORDS themselves). */
void st_img_caps_decode(uint32_t caps0, uint32_t caps1, uint32_t caps2, st_img_caps_t *caps);

/* ---- build options (st_image_build flags) ----------------------------------------------------------- */
/** Tensor 0 in PLANES layout (default: BYTES when the first layer is a CONV / DENSE reading it and no
 *  residual reads it, else PLANES). */
#define ST_IMG_F_INPUT_PLANES (1u << 0)
/** Tensor 0 in BYTES layout (error if the first layer cannot read it). */
#define ST_IMG_F_INPUT_BYTES  (1u << 1)
/** Keep every tensor in its own buffer (default: buffers of tensors whose lifetimes do not overlap share
 *  memory, so intermediate tensors and even the input buffer may be overwritten by later layers: write the
 *  input before every run, read only the last tensor). Tests use it to compare every intermediate tensor. */
#define ST_IMG_F_KEEP_TENSORS (1u << 2)
/** Fuse a GSUM followed by a DENSE / 1x1 CONV into one W_SHARED CONV when the hardware offers it and the
 *  GSUM output has no other reader (the GSUM tensor then has no buffer). */
#define ST_IMG_F_FUSE_GSUM    (1u << 3)

/** A buffer in the accelerator's address space. words 0: the tensor has no buffer (fused away). */
typedef struct {
    uint32_t addr;
    uint32_t words;
} st_img_buf_t;

/** The layout of a built image. Tensor t is the input of layer t (tensor 0: network input). */
typedef struct {
    uint32_t n_layers;
    uint32_t n_desc;                          /**< descriptors in the chain (fewer than layers when fused) */
    uint32_t desc_addr;                       /**< write this to DESC_PTR */
    int input_is_bytes;                       /**< tensor 0 in BYTES layout */
    int16_t layer_desc[ST_MAX_LAYERS];        /**< descriptor index computing layer i, -1 if fused away */
    int16_t desc_layer[ST_MAX_LAYERS];        /**< the layer whose output descriptor j writes */
    st_img_buf_t desc;                        /**< the descriptor array */
    st_img_buf_t tensor[ST_MAX_LAYERS + 1u];  /**< activation buffers */
    st_img_buf_t weights[ST_MAX_LAYERS];      /**< packed weights (CONV / DENSE) */
    st_img_buf_t params[ST_MAX_LAYERS];       /**< per-channel records (CONV / DENSE) */
    uint32_t used_bytes;                      /**< bytes of the arena in use, from its start */
} st_image_t;

/** Where and why a build failed. */
typedef struct {
    st_img_status_t status;
    int layer;     /**< failing layer, -1 for the arena / arguments */
    char msg[160]; /**< NUL-terminated, e.g. "layer 3 (CONV): 6 weight bits not supported (CAPS0.WBITS 0x81)" */
} st_img_diag_t;

/**
 * The descriptor of one layer, without addresses (checks the hardware limits, not CAPS).
 * @param l         the layer (in / out tensors filled in)
 * @param in_bytes  the input is in BYTES layout
 * @param res_t     the residual source tensor when l->res_src >= 0 (else ignored)
 * @param d         receives the fields
 * @return ST_IMG_OK, ST_IMG_ERR_FIELD or ST_IMG_ERR_LAYER
 */
st_img_status_t st_image_layer_desc(const st_layer_t *l, int in_bytes, const st_tensor_t *res_t, st_desc_t *d);

/**
 * Check a descriptor (addresses ignored) against the hardware's capabilities and buffer sizes.
 * @return ST_IMG_OK, ST_IMG_ERR_UNSUPPORTED, _BITS, _WBUF, _PBUF or _XBUF
 */
st_img_status_t st_image_check_caps(const st_desc_t *d, const st_img_caps_t *caps);

/**
 * Build the image of a chain of layers in an arena: descriptors, packed weights and parameters, and
 * activation buffers (inputs are not written: see st_image_set_input()).
 * @param layers       n_layers layers; layer i reads tensor i (its `in`) and writes tensor i + 1; a residual
 *                     reads tensor res_src (shape = the layer's output shape)
 * @param caps         the hardware's capabilities (st_img_caps_decode())
 * @param flags        ST_IMG_F_*
 * @param mem          host pointer to the arena (4-byte aligned)
 * @param addr         the arena's bus address (word aligned)
 * @param bytes        the arena's size
 * @param ram_base     the accelerator's RAM window: the arena must lie inside [ram_base, ram_base + ram_size)
 * @param img          receives the layout
 * @param diag         optional: status, layer and message of a failure
 * @return ST_IMG_OK or the first error (nothing useful is in the arena then)
 */
st_img_status_t st_image_build(const st_layer_t *layers, uint32_t n_layers, const st_img_caps_t *caps,
                               uint32_t flags, void *mem, uint32_t addr, uint32_t bytes, uint32_t ram_base,
                               uint32_t ram_size, st_image_t *img, st_img_diag_t *diag);

/** st_image_build() for a parsed model (its layers, tensor 0 = the model input). */
st_img_status_t st_image_build_model(const st_model_t *m, const st_img_caps_t *caps, uint32_t flags, void *mem,
                                     uint32_t addr, uint32_t bytes, uint32_t ram_base, uint32_t ram_size,
                                     st_image_t *img, st_img_diag_t *diag);

/** Host pointer to the words of a buffer of the image. */
uint32_t *st_image_ptr(const st_image_t *img, void *mem, uint32_t arena_addr, const st_img_buf_t *buf);

/**
 * Write the network input (NHWC codes, one byte each) into tensor 0's buffer, packed in its layout.
 * @param t  tensor 0's shape and width (layers[0].in)
 */
void st_image_set_input(const st_image_t *img, void *mem, uint32_t arena_addr, const st_tensor_t *t,
                        const uint8_t *codes);

#endif /* ST_IMAGE_H */
