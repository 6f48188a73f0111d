/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_model.c - libFuzzer target: st_model_parse() and st_samples_parse() on arbitrary bytes, and for every
 * model that parses (and is small enough to run quickly) st_net_run() in both forms, which must agree.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/stc/stc.mk, targets test-model-fuzz, fuzz).
 * Tip: most random mutations break the CRC; -DFUZZ_FIX_CRC (the default here) recomputes it before parsing
 * so the fuzzer reaches the deeper checks, and every 8th input is also parsed as given, CRC unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "st_golden.h"
#include "st_model.h"

#define MAX_SCRATCH (8u << 20)  /* bytes: skip running models that need more */
#define MAX_MACS (2000000ull)   /* multiply-accumulates per inference: skip slower models */

static uint64_t model_macs(const st_model_t *m)
{
    uint64_t t = 0;
    uint32_t i;
    for (i = 0; i < m->n_layers; i++) {
        const st_layer_t *l = &m->layers[i];
        t += (uint64_t)l->out.h * l->out.w * l->out.c * (l->kh ? l->kh : 1u) * (l->kw ? l->kw : 1u) * l->in.c;
    }
    return t;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void run_model(const st_model_t *m, const uint8_t *data, size_t size)
{
    size_t n_in = (size_t)m->input.h * m->input.w * m->input.c, i;
    size_t s_mac = st_net_scratch_bytes(m, ST_FORM_MAC), s_bp = st_net_scratch_bytes(m, ST_FORM_BITPLANE);
    uint8_t *input;
    void *scratch;
    int32_t *sc1, *sc2;
    uint32_t c1 = 0, c2 = 0, h = 2166136261u;

    if (s_mac == 0 || s_bp == 0) {
        /* the golden model refuses a model the parser accepted: the two checks disagree */
        abort();
    }
    if (s_mac > MAX_SCRATCH || s_bp > MAX_SCRATCH || model_macs(m) > MAX_MACS) {
        return;
    }
    /* input codes: a hash of the file, masked to the input width */
    for (i = 0; i < size; i++) {
        h = (h ^ data[i]) * 16777619u;
    }
    input = (uint8_t *)malloc(n_in);
    for (i = 0; i < n_in; i++) {
        h ^= h << 13;
        h ^= h >> 17;
        h ^= h << 5;
        input[i] = (uint8_t)(h & ((1u << m->input.bits) - 1u));
    }
    scratch = malloc(s_mac > s_bp ? s_mac : s_bp);
    sc1 = (int32_t *)calloc(m->num_classes, sizeof(int32_t));
    sc2 = (int32_t *)calloc(m->num_classes, sizeof(int32_t));
    if (st_net_run(m, ST_FORM_MAC, input, scratch, s_mac, NULL, NULL, sc1, &c1) != ST_OK ||
        st_net_run(m, ST_FORM_BITPLANE, input, scratch, s_bp, NULL, NULL, sc2, &c2) != ST_OK || c1 != c2 ||
        memcmp(sc1, sc2, m->num_classes * sizeof(int32_t)) != 0) {
        abort(); /* a valid model must run, and both forms must agree bit for bit */
    }
    free(sc1);
    free(sc2);
    free(scratch);
    free(input);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static st_model_t m;
    static uint32_t count;
    st_diag_t d;
    st_samples_t s;
    uint8_t *buf = (uint8_t *)malloc(size ? size : 1u); /* exact size: ASan flags any read past the end */

    if (size) {
        memcpy(buf, data, size);
    }
    (void)st_samples_parse(buf, size, &s, &d);
    if ((count++ & 7u) != 0u && size >= 48u) {
        put32(buf + 16, 0);
        put32(buf + 16, st_crc32(0, buf, size));
    }
    if (st_model_parse(buf, size, &m, &d) == ST_OK) {
        run_model(&m, buf, size);
    } else if (d.msg[0] == '\0' || d.status == ST_OK) {
        abort(); /* every failure must come with a message */
    }
    free(buf);
    return 0;
}
