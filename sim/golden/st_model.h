/* SPDX-License-Identifier: Apache-2.0 */
/* st_model.h - the parsed view of a model file (docs/model-format.md) and shared status codes. */
#ifndef ST_MODEL_H
#define ST_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define ST_MODEL_MAGIC "STNN"
#define ST_MODEL_VERSION_MAJOR 1u
#define ST_MODEL_VERSION_MINOR 0u
#define ST_MODEL_HEADER_SIZE 48u
#define ST_MODEL_META_SIZE 64u       /* plus 24 bytes per class name */
#define ST_MODEL_CLASS_NAME_LEN 24u
#define ST_MODEL_LAYER_SIZE 64u
#define ST_MAX_LAYERS 64u
#define ST_MAX_CLASSES 1024u
#define ST_MAX_CHANNELS 1024u
#define ST_MAX_TENSOR_ELEMS (1ul << 26) /* H*W*C of any tensor (model-format.md §4) */
#define ST_SAMPLES_MAGIC "STIN"
#define ST_SAMPLES_HEADER_SIZE 16u

/** Status codes shared by the parser, the golden model and the host tools. */
typedef enum {
    ST_OK = 0,
    ST_ERR_TRUNCATED,  /**< buffer shorter than the header or file_size */
    ST_ERR_MAGIC,      /**< magic is not "STNN" */
    ST_ERR_VERSION,    /**< unsupported major version */
    ST_ERR_HEADER,     /**< header sizes / section offsets inconsistent */
    ST_ERR_CRC,        /**< CRC-32 mismatch */
    ST_ERR_META,       /**< bad metadata field */
    ST_ERR_LAYER_TYPE, /**< unknown layer type */
    ST_ERR_FIELD,      /**< a layer field out of range */
    ST_ERR_SHAPE,      /**< shapes do not chain / impossible output shape */
    ST_ERR_BLOB,       /**< blob missing, wrong size, misaligned, overlapping or out of bounds */
    ST_ERR_WEIGHT,     /**< weight outside the range of its width */
    ST_ERR_THRESH,     /**< thresholds not sorted */
    ST_ERR_SIGN,       /**< sign other than +1 / -1 */
    ST_ERR_MULT,       /**< residual multiplier outside int16, or bad residual source */
    ST_ERR_OVERFLOW,   /**< accumulator bound or size computation overflows */
    ST_ERR_NETWORK,    /**< network-level rule broken */
    ST_ERR_ARG,        /**< bad argument to an API call (NULL, buffer too small) */
    ST_ERR_COUNT
} st_status_t;

/** Name of a status code, e.g. "ST_ERR_CRC". */
const char *st_status_str(st_status_t s);

typedef enum {
    ST_LAYER_CONV = 1,
    ST_LAYER_DENSE = 2,
    ST_LAYER_MAXPOOL = 3,
    ST_LAYER_GSUM = 4
} st_layer_type_t;

/** Shape and encoding of one tensor (numerics.md §1-2). */
typedef struct {
    uint16_t h, w, c;
    uint8_t bits;    /**< code width: 1..8 for the input, 1..4 hidden, up to 16 after GSUM; 32 for int32 */
    uint8_t bipolar; /**< 1: a 1-bit code q stands for 2q-1 */
    uint8_t is_int32;/**< 1: int32 output-layer results */
} st_tensor_t;

/** One layer, with pointers into the (4-byte aligned) file buffer. */
typedef struct {
    uint8_t type;        /**< st_layer_type_t */
    uint8_t kh, kw;      /**< kernel; DENSE: equal to the input h, w after parsing */
    uint8_t stride, pad; /**< DENSE: 1, 0 after parsing */
    uint8_t w_bits;      /**< 1 = bipolar, 2..8 two's complement */
    uint8_t out_bits;    /**< 1..4; 0 = output layer (int32 + bias) */
    uint8_t out_bipolar; /**< 1-bit output flagged bipolar */
    int16_t res_src;     /**< residual source tensor index, -1 if none */
    st_tensor_t in, out;
    const int8_t *weights;     /**< OHWI, out.c * kh * kw * in.c; NULL for pool layers */
    const int32_t *thresholds; /**< out.c * (2^out_bits - 1); NULL for the output layer */
    const int8_t *signs;       /**< out.c, +1 / -1; NULL for the output layer */
    const int32_t *res_mult;   /**< out.c (int16 range); NULL without residual */
    const int32_t *bias;       /**< out.c; NULL when absent */
} st_layer_t;

/** A parsed model: a view into the caller's buffer, no heap. */
typedef struct {
    char name[32];
    char dataset[16];
    st_tensor_t input;
    uint16_t num_classes;
    uint16_t in_scale_num, in_scale_den;
    const char *class_names; /**< num_classes fields of ST_MODEL_CLASS_NAME_LEN bytes */
    uint32_t n_layers;
    st_layer_t layers[ST_MAX_LAYERS];
} st_model_t;

/** Where a parse failed, for a message that names layer and field. */
typedef struct {
    st_status_t status;
    int layer;       /**< failing layer index, -1 for header / metadata */
    char msg[160];   /**< human-readable, NUL-terminated */
} st_diag_t;

/**
 * Parse and strictly validate a model file held in memory.
 * @param buf   the whole file, 4-byte aligned (int32 blobs are referenced in place)
 * @param size  its length in bytes
 * @param m     filled on success
 * @param diag  optional: receives the status, layer and a message on failure
 * @return ST_OK or the first error found
 */
st_status_t st_model_parse(const void *buf, size_t size, st_model_t *m, st_diag_t *diag);

/** Tensor t of a parsed model: 0 = input, t >= 1 = output of layer t-1. */
const st_tensor_t *st_model_tensor(const st_model_t *m, uint32_t t);

/** CRC-32 (zlib polynomial), continuing from crc (start with 0). */
uint32_t st_crc32(uint32_t crc, const void *data, size_t len);

/** Name of a layer type ("CONV", "DENSE", "MAXPOOL", "GSUM"), "?" for anything else. */
const char *st_layer_type_str(uint32_t type);

/**
 * Fill in every layer's in / out tensors from m->input and the layer parameters, as the parser does
 * (numerics.md §2, §5.2): for use by writers that build a model in memory. The caller sets type, kh, kw,
 * stride, pad, out_bits, out_bipolar and out.c (CONV / DENSE); DENSE gets kh = in.h, kw = in.w, stride 1,
 * pad 0. It does not validate the ranges the parser checks.
 * @return ST_OK, ST_ERR_ARG (n_layers), ST_ERR_LAYER_TYPE, ST_ERR_FIELD (stride 0) or ST_ERR_SHAPE
 */
st_status_t st_model_infer_shapes(st_model_t *m);

/** A parsed sample file (.sti, docs/model-format.md §6): a view into the caller's buffer. */
typedef struct {
    uint16_t h, w, c, count;
    uint32_t record_bytes;    /**< h*w*c: the input codes of one record (the label follows) */
    const uint8_t *records;   /**< count records of record_bytes + 1 bytes */
} st_samples_t;

/**
 * Parse and validate a sample file held in memory (any alignment).
 * @return ST_OK, ST_ERR_TRUNCATED, ST_ERR_MAGIC, ST_ERR_HEADER, ST_ERR_CRC or ST_ERR_ARG
 */
st_status_t st_samples_parse(const void *buf, size_t size, st_samples_t *s, st_diag_t *diag);
/** The h*w*c NHWC input codes of sample i, or NULL when i is out of range. */
const uint8_t *st_samples_input(const st_samples_t *s, uint32_t i);
/** The label of sample i (0..255), or -1 when i is out of range. */
int st_samples_label(const st_samples_t *s, uint32_t i);

#endif /* ST_MODEL_H */
