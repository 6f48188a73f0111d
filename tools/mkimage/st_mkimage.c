/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_mkimage.c - builds, checks and streams boot images (firmware/boot/st_boot_image.h).
 *
 *   st_mkimage ELF -o IMAGE                  RAM image of a firmware ELF: its loadable bytes, per segment
 *   st_mkimage --info IMAGE                  print and check an image (header, segments, payload CRC)
 *   st_mkimage --stream IMAGE -o FILE [--sync N]
 *                                            the byte stream st_upload sends over the UART: N sync bytes
 *                                            (0x55, default 16) then the image (simulator +uart_in_file=)
 *   st_mkimage ELF -o IMAGE --set FIELD=VALUE ...
 *                                            tests only: overwrite a header field after building (magic,
 *                                            version, entry, nsegs, payload_bytes, payload_crc, seg0_addr,
 *                                            seg0_len, ..., reserved, header_crc); the header CRC is
 *                                            recomputed unless header_crc itself is set. --corrupt-payload
 *                                            flips one payload bit (the payload CRC is left stale).
 *
 * The image holds each PT_LOAD segment's file bytes (.text, .rodata, .data), padded to a multiple of 4;
 * what lies beyond a segment's file size (.bss) is cleared by the program's crt0, not by the loader.
 * Exit codes: 0 ok, 1 bad input (message names the file and the problem), 2 usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_boot_image.h"

#define MAX_IMAGE (ST_BOOT_HEADER_SIZE + ST_BOOT_MAX_SEGS * ST_BOOT_RAM_LIMIT) /* before the overlap check */
#define MAX_FILE  (16u << 20)

static uint8_t g_file[MAX_FILE];
static uint8_t g_image[MAX_IMAGE];

static const char *const k_err_names[] = {
    "ok", "bad magic", "bad version", "bad header crc", "bad segments", "bad length", "bad entry", "bad payload crc",
};

static void usage(FILE *f)
{
    fprintf(f, "usage: st_mkimage ELF -o IMAGE [--set FIELD=VALUE]... [--corrupt-payload]\n"
               "       st_mkimage --info IMAGE\n"
               "       st_mkimage --stream IMAGE -o FILE [--sync N]\n");
}

static uint32_t rd16(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
    return rd16(p) | (rd16(p + 2) << 16);
}

static void wr32(uint8_t *p, uint32_t v)
{
    for (int k = 0; k < 4; k++) {
        p[k] = (uint8_t)(v >> (8 * k));
    }
}

static uint32_t crc32_buf(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc = st_boot_crc32_byte(crc, p[i]);
    }
    return crc ^ 0xFFFFFFFFu;
}

/* Reads a whole file into g_file; returns its size or -1 (message printed). */
static long read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "st_mkimage: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = fread(g_file, 1, sizeof g_file, f);
    int err = ferror(f);
    int more = fgetc(f) != EOF;
    fclose(f);
    if (err) {
        fprintf(stderr, "st_mkimage: error reading '%s'\n", path);
        return -1;
    }
    if (more) {
        fprintf(stderr, "st_mkimage: '%s' is larger than %u bytes\n", path, MAX_FILE);
        return -1;
    }
    return (long)n;
}

static int write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "st_mkimage: cannot write '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t w = fwrite(p, 1, n, f);
    int bad = (w != n) || fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "st_mkimage: error writing '%s'\n", path);
        return -1;
    }
    return 0;
}

static void header_to_bytes(const st_boot_header_t *h, uint8_t *p)
{
    const uint32_t *w = (const uint32_t *)h;
    for (unsigned i = 0; i < ST_BOOT_HEADER_SIZE / 4u; i++) {
        wr32(p + 4u * i, w[i]);
    }
}

static void header_from_bytes(const uint8_t *p, st_boot_header_t *h)
{
    uint32_t *w = (uint32_t *)h;
    for (unsigned i = 0; i < ST_BOOT_HEADER_SIZE / 4u; i++) {
        w[i] = rd32(p + 4u * i);
    }
}

/* Builds the image of an ELF file (in g_file, n bytes) in g_image; returns its size or -1. */
static long build_from_elf(const char *path, size_t n, st_boot_header_t *h)
{
    const uint8_t *d = g_file;
    if (n < 52 || memcmp(d, "\177ELF", 4) != 0) {
        fprintf(stderr, "st_mkimage: '%s': not an ELF file\n", path);
        return -1;
    }
    if (d[4] != 1 || d[5] != 1) {
        fprintf(stderr, "st_mkimage: '%s': not a 32-bit little-endian ELF file\n", path);
        return -1;
    }
    if (rd16(d + 18) != 243) {
        fprintf(stderr, "st_mkimage: '%s': e_machine %u is not RISC-V (243)\n", path, rd16(d + 18));
        return -1;
    }
    uint32_t entry = rd32(d + 24), phoff = rd32(d + 28);
    uint32_t phentsize = rd16(d + 42), phnum = rd16(d + 44);
    if (phentsize != 32 || (uint64_t)phoff + (uint64_t)phnum * 32u > n) {
        fprintf(stderr, "st_mkimage: '%s': program header table outside the file (offset %u, %u entries)\n", path,
                phoff, phnum);
        return -1;
    }
    memset(h, 0, sizeof *h);
    h->magic = ST_BOOT_MAGIC;
    h->version = ST_BOOT_VERSION;
    h->entry = entry;
    size_t pos = ST_BOOT_HEADER_SIZE;
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + 32u * i;
        uint32_t type = rd32(ph), off = rd32(ph + 4), paddr = rd32(ph + 12), filesz = rd32(ph + 16);
        if (type != 1u || filesz == 0u) {
            continue; /* not PT_LOAD, or nothing to copy (.bss only) */
        }
        if ((uint64_t)off + filesz > n) {
            fprintf(stderr, "st_mkimage: '%s': segment %u: bytes 0x%x+0x%x outside the file\n", path, i, off, filesz);
            return -1;
        }
        uint32_t len = (filesz + 3u) & ~3u;
        if ((paddr & 3u) != 0u || paddr >= ST_BOOT_RAM_LIMIT || len > ST_BOOT_RAM_LIMIT - paddr) {
            fprintf(stderr,
                    "st_mkimage: '%s': segment %u at 0x%08x (0x%x bytes) is not word aligned or not inside the "
                    "loadable RAM 0x%08x-0x%08x\n",
                    path, i, paddr, filesz, ST_BOOT_RAM_BASE, ST_BOOT_RAM_LIMIT - 1u);
            return -1;
        }
        if (h->nsegs == ST_BOOT_MAX_SEGS) {
            fprintf(stderr, "st_mkimage: '%s': more than %u loadable segments\n", path, ST_BOOT_MAX_SEGS);
            return -1;
        }
        h->seg[2u * h->nsegs] = paddr;
        h->seg[2u * h->nsegs + 1u] = len;
        h->nsegs++;
        memcpy(g_image + pos, d + off, filesz);
        memset(g_image + pos + filesz, 0, len - filesz);
        pos += len;
    }
    if (h->nsegs == 0u) {
        fprintf(stderr, "st_mkimage: '%s': no loadable segment with contents\n", path);
        return -1;
    }
    h->payload_bytes = (uint32_t)(pos - ST_BOOT_HEADER_SIZE);
    h->payload_crc = crc32_buf(g_image + ST_BOOT_HEADER_SIZE, h->payload_bytes);
    h->header_crc = st_boot_header_crc(h);
    st_boot_err_t e = st_boot_check_header(h, h->header_crc);
    if (e != ST_BOOT_OK) {
        fprintf(stderr, "st_mkimage: '%s': the image would be refused: %s (entry 0x%08x)\n", path, k_err_names[e],
                entry);
        return -1;
    }
    header_to_bytes(h, g_image);
    return (long)pos;
}

/* --set FIELD=VALUE on a built header. */
static int set_field(st_boot_header_t *h, const char *spec, int *header_crc_set)
{
    static const char *const names[] = {"magic",     "version",  "entry",     "nsegs",    "payload_bytes",
                                        "payload_crc", "seg0_addr", "seg0_len", "seg1_addr", "seg1_len",
                                        "seg2_addr", "seg2_len", "seg3_addr", "seg3_len", "reserved",
                                        "header_crc"};
    const char *eq = strchr(spec, '=');
    if (eq == NULL) {
        fprintf(stderr, "st_mkimage: --set %s: expected FIELD=VALUE\n", spec);
        return -1;
    }
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(eq + 1, &end, 0);
    if (eq[1] == '\0' || *end != '\0' || errno != 0 || v > 0xFFFFFFFFul) {
        fprintf(stderr, "st_mkimage: --set %s: bad value\n", spec);
        return -1;
    }
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i]) == (size_t)(eq - spec) && strncmp(names[i], spec, (size_t)(eq - spec)) == 0) {
            ((uint32_t *)h)[i] = (uint32_t)v;
            if (i == 15u) {
                *header_crc_set = 1;
            }
            return 0;
        }
    }
    fprintf(stderr, "st_mkimage: --set %s: unknown field\n", spec);
    return -1;
}

/* Checks an image in g_file (n bytes); prints what it finds. Returns 0 when the boot ROM would take it. */
static int info(const char *path, size_t n)
{
    st_boot_header_t h;
    if (n < ST_BOOT_HEADER_SIZE) {
        fprintf(stderr, "st_mkimage: '%s': %zu bytes, shorter than the %u-byte header\n", path, n,
                ST_BOOT_HEADER_SIZE);
        return 1;
    }
    header_from_bytes(g_file, &h);
    printf("image %s: %zu bytes\n", path, n);
    printf("  magic 0x%08x version %u entry 0x%08x segments %u payload %u bytes crc 0x%08x header crc 0x%08x\n",
           h.magic, h.version, h.entry, h.nsegs, h.payload_bytes, h.payload_crc, h.header_crc);
    for (unsigned i = 0; i < ST_BOOT_MAX_SEGS && i < h.nsegs; i++) {
        printf("  segment %u: 0x%08x .. 0x%08x (%u bytes)\n", i, h.seg[2u * i], h.seg[2u * i] + h.seg[2u * i + 1u],
               h.seg[2u * i + 1u]);
    }
    st_boot_err_t e = st_boot_check_header(&h, crc32_buf(g_file, ST_BOOT_HEADER_SIZE - 4u));
    if (e == ST_BOOT_OK && n < (size_t)ST_BOOT_HEADER_SIZE + h.payload_bytes) {
        fprintf(stderr, "st_mkimage: '%s': truncated: %zu payload bytes of %u\n", path, n - ST_BOOT_HEADER_SIZE,
                h.payload_bytes);
        return 1;
    }
    if (e == ST_BOOT_OK) {
        uint32_t crc = crc32_buf(g_file + ST_BOOT_HEADER_SIZE, h.payload_bytes);
        if (crc != h.payload_crc) {
            e = ST_BOOT_ERR_PAYLOAD_CRC;
        }
    }
    if (e != ST_BOOT_OK) {
        fprintf(stderr, "st_mkimage: '%s': the boot ROM refuses it: %s\n", path, k_err_names[e]);
        return 1;
    }
    printf("  ok\n");
    return 0;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    int mode_info = 0, mode_stream = 0, corrupt = 0;
    unsigned long sync = 16;
    const char *sets[32];
    unsigned nsets = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--info") == 0) {
            mode_info = 1;
        } else if (strcmp(a, "--stream") == 0) {
            mode_stream = 1;
        } else if (strcmp(a, "--sync") == 0 && i + 1 < argc) {
            char *end = NULL;
            sync = strtoul(argv[++i], &end, 0);
            if (*end != '\0' || sync > 65536ul) {
                fprintf(stderr, "st_mkimage: --sync %s: expected 0 .. 65536\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--set") == 0 && i + 1 < argc) {
            if (nsets == sizeof sets / sizeof sets[0]) {
                fprintf(stderr, "st_mkimage: too many --set options\n");
                return 2;
            }
            sets[nsets++] = argv[++i];
        } else if (strcmp(a, "--corrupt-payload") == 0) {
            corrupt = 1;
        } else if (a[0] == '-') {
            fprintf(stderr, "st_mkimage: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (in == NULL) {
            in = a;
        } else {
            fprintf(stderr, "st_mkimage: more than one input ('%s', '%s')\n", in, a);
            return 2;
        }
    }
    if (in == NULL || (!mode_info && out == NULL) || (mode_info && mode_stream)) {
        usage(stderr);
        return 2;
    }
    long n = read_file(in);
    if (n < 0) {
        return 1;
    }
    if (mode_info) {
        return info(in, (size_t)n);
    }
    if (mode_stream) {
        if (info(in, (size_t)n) != 0) {
            return 1;
        }
        FILE *f = fopen(out, "wb");
        if (f == NULL) {
            fprintf(stderr, "st_mkimage: cannot write '%s': %s\n", out, strerror(errno));
            return 1;
        }
        for (unsigned long i = 0; i < sync; i++) {
            fputc(0x55, f);
        }
        int bad = fwrite(g_file, 1, (size_t)n, f) != (size_t)n;
        bad |= fclose(f) != 0;
        if (bad) {
            fprintf(stderr, "st_mkimage: error writing '%s'\n", out);
            return 1;
        }
        return 0;
    }
    st_boot_header_t h;
    long size = build_from_elf(in, (size_t)n, &h);
    if (size < 0) {
        return 1;
    }
    if (nsets != 0u || corrupt) {
        int header_crc_set = 0;
        for (unsigned i = 0; i < nsets; i++) {
            if (set_field(&h, sets[i], &header_crc_set) != 0) {
                return 2;
            }
        }
        if (!header_crc_set) {
            h.header_crc = st_boot_header_crc(&h);
        }
        header_to_bytes(&h, g_image);
        if (corrupt) {
            g_image[ST_BOOT_HEADER_SIZE + (size - ST_BOOT_HEADER_SIZE) / 2] ^= 0x10u;
        }
    }
    if (write_file(out, g_image, (size_t)size) != 0) {
        return 1;
    }
    printf("st_mkimage: %s: %u segment(s), %u payload bytes, crc 0x%08x, entry 0x%08x\n", out, h.nsegs,
           h.payload_bytes, h.payload_crc, h.entry);
    return 0;
}
