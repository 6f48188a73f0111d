/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_boot_image.h
 * @brief The boot image format: what `tools/mkimage` writes to SPI flash (or sends over the UART) and what
 *        the boot ROM (firmware/boot/boot.c) checks and copies into RAM. Shared by both, so the two cannot
 *        disagree. Documented in docs/fpga.md §3.
 *
 * An image is a 64-byte header followed by the payload: the bytes of each segment back to back, in header
 * order. All words are little-endian.
 *
 * | word | field |
 * | --- | --- |
 * | 0 | magic `ST_BOOT_MAGIC` ("STBT") |
 * | 1 | version `ST_BOOT_VERSION` |
 * | 2 | entry address (must lie inside a segment) |
 * | 3 | segment count, 1 .. `ST_BOOT_MAX_SEGS` |
 * | 4 | payload bytes: the sum of the segment lengths |
 * | 5 | CRC-32 of the payload |
 * | 6 .. 13 | per segment: RAM address, length in bytes (both multiples of 4; unused segments 0, 0) |
 * | 14 | reserved, 0 |
 * | 15 | CRC-32 of words 0 .. 14 |
 *
 * Segments lie inside RAM below `ST_BOOT_RAM_LIMIT` (the boot ROM keeps its stack above it) and do not
 * overlap. CRC-32 is zlib's (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF).
 */
#ifndef ST_BOOT_IMAGE_H
#define ST_BOOT_IMAGE_H

#include <stdint.h>

#define ST_BOOT_MAGIC       0x54425453u /**< "STBT" in little-endian byte order */
#define ST_BOOT_VERSION     1u
#define ST_BOOT_MAX_SEGS    4u
#define ST_BOOT_HEADER_SIZE 64u
/** Default flash offset of the application image: 1 MiB, above the UP5K bitstream (about 104 KiB). */
#define ST_BOOT_FLASH_OFFSET 0x00100000u
/** RAM the image may fill: [0, ST_BOOT_RAM_LIMIT). The last 1 KiB of the 128 KiB RAM is the boot ROM's
 *  stack while it copies (applications keep their stack there too, which is never part of an image). */
#define ST_BOOT_RAM_BASE  0x00000000u
#define ST_BOOT_RAM_LIMIT 0x0001FC00u

/** Header as words (the boot ROM assembles them from bytes; the host writes them little-endian). */
typedef struct {
    uint32_t magic;
    uint32_t version;
    uint32_t entry;
    uint32_t nsegs;
    uint32_t payload_bytes;
    uint32_t payload_crc;
    uint32_t seg[2u * ST_BOOT_MAX_SEGS]; /**< address, length pairs */
    uint32_t reserved;
    uint32_t header_crc;
} st_boot_header_t;

_Static_assert(sizeof(st_boot_header_t) == ST_BOOT_HEADER_SIZE, "boot header is 64 bytes");

/** Reasons a header is refused (and what the boot ROM prints for each). */
typedef enum {
    ST_BOOT_OK = 0,
    ST_BOOT_ERR_MAGIC,      /**< not an image (0xFFFFFFFF: erased flash) */
    ST_BOOT_ERR_VERSION,    /**< an image of another format version */
    ST_BOOT_ERR_HEADER_CRC, /**< header corrupted */
    ST_BOOT_ERR_SEGMENTS,   /**< segment count, alignment, range or overlap */
    ST_BOOT_ERR_LENGTH,     /**< payload bytes != sum of segment lengths */
    ST_BOOT_ERR_ENTRY,      /**< entry outside every segment */
    ST_BOOT_ERR_PAYLOAD_CRC /**< payload corrupted */
} st_boot_err_t;

/** One table step of CRC-32 per nibble: small enough for the boot ROM, fast enough for the UART path. */
static const uint32_t st_boot_crc_nibble[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
    0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu, 0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};

/**
 * @brief Adds one byte to a running CRC-32 (start with 0xFFFFFFFF, XOR the result with 0xFFFFFFFF).
 * @param crc the running value
 * @param b   the next byte
 * @return the updated running value
 */
static inline uint32_t st_boot_crc32_byte(uint32_t crc, uint8_t b)
{
    crc ^= b;
    crc = (crc >> 4) ^ st_boot_crc_nibble[crc & 15u];
    crc = (crc >> 4) ^ st_boot_crc_nibble[crc & 15u];
    return crc;
}

/**
 * @brief CRC-32 of the header's words 0 .. 14 in their little-endian byte order (the value of word 15).
 * @param h the header, words in host order
 * @return the CRC
 */
static inline uint32_t st_boot_header_crc(const st_boot_header_t *h)
{
    const uint32_t *w = (const uint32_t *)h;
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < 15u; i++) {
        for (uint32_t k = 0; k < 32u; k += 8u) {
            crc = st_boot_crc32_byte(crc, (uint8_t)(w[i] >> k));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

/**
 * @brief Checks every field of a header except the payload CRC (which needs the payload).
 * @param h          the header, words already in host order
 * @param header_crc CRC-32 of the header's first 60 bytes as they were read (the boot ROM computes it
 *                   while the bytes arrive; st_boot_header_crc() computes it from the words)
 * @return ST_BOOT_OK or the first reason it is refused, in the order of the enumeration
 */
static inline st_boot_err_t st_boot_check_header(const st_boot_header_t *h, uint32_t header_crc)
{
    uint32_t sum = 0;
    int entry_ok = 0;
    if (h->magic != ST_BOOT_MAGIC) {
        return ST_BOOT_ERR_MAGIC;
    }
    if (h->version != ST_BOOT_VERSION) {
        return ST_BOOT_ERR_VERSION;
    }
    if (header_crc != h->header_crc) {
        return ST_BOOT_ERR_HEADER_CRC;
    }
    if (h->nsegs == 0u || h->nsegs > ST_BOOT_MAX_SEGS || h->reserved != 0u) {
        return ST_BOOT_ERR_SEGMENTS;
    }
    for (uint32_t i = 0; i < h->nsegs; i++) {
        uint32_t a = h->seg[2u * i], n = h->seg[2u * i + 1u];
        if (((a | n) & 3u) != 0u || a >= ST_BOOT_RAM_LIMIT || n == 0u ||  /* RAM starts at 0 */
            n > ST_BOOT_RAM_LIMIT - a) {
            return ST_BOOT_ERR_SEGMENTS;
        }
        for (uint32_t j = 0; j < i; j++) {
            uint32_t b = h->seg[2u * j], m = h->seg[2u * j + 1u];
            if (a < b + m && b < a + n) {
                return ST_BOOT_ERR_SEGMENTS;
            }
        }
        sum += n;
        if (h->entry >= a && h->entry - a < n) {
            entry_ok = 1;
        }
    }
    for (uint32_t i = h->nsegs; i < ST_BOOT_MAX_SEGS; i++) {
        if (h->seg[2u * i] != 0u || h->seg[2u * i + 1u] != 0u) {
            return ST_BOOT_ERR_SEGMENTS;
        }
    }
    if (sum != h->payload_bytes) {
        return ST_BOOT_ERR_LENGTH;
    }
    if (!entry_ok || (h->entry & 3u) != 0u) {
        return ST_BOOT_ERR_ENTRY;
    }
    return ST_BOOT_OK;
}

#endif
