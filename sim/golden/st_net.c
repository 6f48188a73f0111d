/* SPDX-License-Identifier: Apache-2.0 */
/* st_net.c - the whole-network runner: checks a model, lays out a caller-provided scratch buffer and
 * runs the layers in order in one of the two forms, calling back after each layer (for dumps).
 *
 * Every tensor keeps its own region for the whole run, because a residual may refer back to any earlier
 * tensor; networks for this accelerator are small, so this costs little and keeps the runner simple.
 * MAC form: tensors are canonical uint16 codes (int32 for the output layer).
 * Bit-plane form: tensors are in their RAM layouts (BYTES input, PLANES codes, INT32 output), weights and
 * channel records are packed per layer into one reused region, as the model compiler lays them out.
 *
 * Freestanding C99: no libc calls, no heap, no globals. */
#include "st_golden_priv.h"

static const st_tensor_t *tensor_of(const st_model_t *m, uint32_t t)
{
    return t == 0u ? &m->input : &m->layers[t - 1u].out;
}

static int same_tensor(const st_tensor_t *a, const st_tensor_t *b)
{
    return a->h == b->h && a->w == b->w && a->c == b->c && a->bits == b->bits && a->bipolar == b->bipolar &&
           a->is_int32 == b->is_int32;
}

static const char *type_name(uint32_t type)
{
    switch (type) {
    case ST_LAYER_CONV: return "CONV";
    case ST_LAYER_DENSE: return "DENSE";
    case ST_LAYER_MAXPOOL: return "MAXPOOL";
    case ST_LAYER_GSUM: return "GSUM";
    default: return "?";
    }
}

/* Prefix diag->msg with "layer N (TYPE): " and set diag->layer. */
static st_status_t layer_fail(st_diag_t *diag, st_status_t s, uint32_t li, uint32_t type, const char *what)
{
    if (diag != NULL) {
        char tail[sizeof diag->msg];
        st_msg_t b;
        uint32_t i;

        for (i = 0; i + 1u < (uint32_t)sizeof tail && what != NULL && what[i] != '\0'; i++) {
            tail[i] = what[i];
        }
        tail[i] = '\0';
        diag->status = s;
        diag->layer = (int)li;
        st_msg_init(&b, diag->msg, (uint32_t)sizeof diag->msg);
        st_msg_str(&b, "layer ");
        st_msg_int(&b, li);
        st_msg_str(&b, " (");
        st_msg_str(&b, type_name(type));
        st_msg_str(&b, "): ");
        st_msg_str(&b, tail);
    }
    return s;
}

st_status_t st_net_check(const st_model_t *m, st_diag_t *diag)
{
    const st_tensor_t *in;
    uint32_t li;

    if (m == NULL) {
        return st_diag_set(diag, ST_ERR_ARG, "model is NULL", 0, 0, "");
    }
    if (m->n_layers < 1u || m->n_layers > ST_MAX_LAYERS) {
        return st_diag_set(diag, ST_ERR_NETWORK, "n_layers", 1, m->n_layers, " outside 1..64");
    }
    in = &m->input;
    if (in->is_int32 || in->bits < 1u || in->bits > 8u || (in->bipolar && in->bits != 1u) || in->h == 0u ||
        in->w == 0u || in->c == 0u || in->h > 256u || in->w > 256u || in->c > ST_MAX_CHANNELS) {
        return st_diag_set(diag, ST_ERR_META, "network input tensor invalid (1..8 bits, 1..256 x 1..256 x 1..1024)",
                           0, 0, "");
    }
    for (li = 0; li < m->n_layers; li++) {
        const st_layer_t *l = &m->layers[li];
        const st_tensor_t *res_t = NULL;
        const int is_out = (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) && l->out_bits == 0u;
        st_status_t st;

        if (!same_tensor(&l->in, tensor_of(m, li))) {
            return layer_fail(diag, ST_ERR_SHAPE, li, l->type, "input differs from the previous tensor");
        }
        if (l->res_src >= 0) {
            if ((uint32_t)l->res_src > li) {
                return layer_fail(diag, ST_ERR_MULT, li, l->type, "residual source is not an earlier tensor");
            }
            res_t = tensor_of(m, (uint32_t)l->res_src);
        }
        st = st_layer_check(l, res_t, diag);
        if (st != ST_OK) {
            return layer_fail(diag, st, li, l->type, diag != NULL ? diag->msg : "");
        }
        if (is_out != (li == m->n_layers - 1u)) {
            return layer_fail(diag, ST_ERR_NETWORK, li, l->type,
                              is_out ? "output layer before the last layer" : "last layer is not an output layer");
        }
        if (is_out && (l->out.h != 1u || l->out.w != 1u || l->out.c != m->num_classes)) {
            return layer_fail(diag, ST_ERR_NETWORK, li, l->type, "output is not 1 x 1 x num_classes");
        }
    }
    if (diag != NULL) {
        diag->status = ST_OK;
        diag->layer = -1;
        diag->msg[0] = '\0';
    }
    return ST_OK;
}

/* ---- scratch layout ------------------------------------------------------------------------- */

typedef struct {
    uint32_t tensor_off[ST_MAX_LAYERS + 1u]; /* word offset of each tensor */
    uint32_t acc_off, w_off, p_off, dump_off;
    uint64_t words;
} st_plan_t;

static uint32_t code_words(const st_tensor_t *t)
{
    const uint32_t elems = (uint32_t)t->h * t->w * t->c;
    return t->is_int32 ? elems : (elems + 1u) / 2u; /* uint16 codes, two per word */
}

/* Word offsets of every region; sizes are summed in 64 bits so nothing can wrap. */
static void plan(const st_model_t *m, st_form_t form, st_plan_t *pl)
{
    uint64_t off = 0, acc = 0, wmax = 0, pmax = 0, dmax = 0;
    uint32_t t, li;

    for (t = 0; t <= m->n_layers; t++) {
        const st_tensor_t *tt = tensor_of(m, t);
        pl->tensor_off[t] = (uint32_t)off; /* a wrapped offset is never used: the total is checked */
        off += (form == ST_FORM_MAC) ? code_words(tt) : st_tensor_words(tt, t == 0u);
        if (!tt->is_int32 && code_words(tt) > dmax) {
            dmax = code_words(tt);
        }
    }
    for (li = 0; li < m->n_layers; li++) {
        const st_layer_t *l = &m->layers[li];
        if (l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE) {
            const uint64_t a = (uint64_t)l->out.h * l->out.w * l->out.c;
            acc = a > acc ? a : acc;
            if (form == ST_FORM_BITPLANE) {
                const uint64_t wsz = (uint64_t)l->out.c * l->w_bits * st_weight_kwords(l, li == 0u);
                const uint64_t psz = st_param_words(l);
                wmax = wsz > wmax ? wsz : wmax;
                pmax = psz > pmax ? psz : pmax;
            }
        }
    }
    pl->acc_off = (uint32_t)off;
    off += acc;
    pl->w_off = (uint32_t)off;
    off += wmax;
    pl->p_off = (uint32_t)off;
    off += pmax;
    pl->dump_off = (uint32_t)off;
    if (form == ST_FORM_BITPLANE) {
        off += dmax; /* canonical view of a packed tensor for the callback */
    }
    pl->words = off;
}

/* Bytes for a plan, plus 3 for aligning the caller's buffer; 0 when it does not fit size_t. */
static size_t plan_bytes(const st_plan_t *pl)
{
    const uint64_t bytes = pl->words * 4u + 3u;

    if (pl->words > 0xFFFFFFFFu || bytes > (uint64_t)(size_t)-1) {
        return 0;
    }
    return (size_t)bytes;
}

size_t st_net_scratch_bytes(const st_model_t *m, st_form_t form)
{
    st_plan_t pl;

    if (st_net_check(m, NULL) != ST_OK) {
        return 0;
    }
    plan(m, form, &pl);
    return plan_bytes(&pl);
}

/* ---- running ---------------------------------------------------------------------------------- */

st_status_t st_net_run(const st_model_t *m, st_form_t form, const uint8_t *input, void *scratch,
                       size_t scratch_bytes, st_layer_cb_t cb, void *user, int32_t *scores, uint32_t *cls)
{
    st_plan_t pl;
    st_status_t st;
    uint32_t *ws;
    uint32_t li, e, elems;
    size_t need;

    if (m == NULL || input == NULL || scratch == NULL || (form != ST_FORM_MAC && form != ST_FORM_BITPLANE)) {
        return ST_ERR_ARG;
    }
    st = st_net_check(m, NULL);
    if (st != ST_OK) {
        return st;
    }
    plan(m, form, &pl);
    need = plan_bytes(&pl);
    if (need == 0u) {
        return ST_ERR_OVERFLOW;
    }
    if (scratch_bytes < need) {
        return ST_ERR_ARG;
    }
    /* Align to 4 bytes inside the buffer (need includes the 3 spare bytes). */
    ws = (uint32_t *)(void *)((uint8_t *)scratch + ((4u - ((uintptr_t)scratch & 3u)) & 3u));

    /* The input codes must fit the declared width (a bipolar input is 1-bit, codes 0 / 1). */
    elems = (uint32_t)m->input.h * m->input.w * m->input.c;
    for (e = 0; e < elems; e++) {
        if ((uint32_t)input[e] >> m->input.bits != 0u) {
            return ST_ERR_ARG;
        }
    }
    if (form == ST_FORM_MAC) {
        uint16_t *t0 = (uint16_t *)(void *)(ws + pl.tensor_off[0]);
        for (e = 0; e < elems; e++) {
            t0[e] = input[e];
        }
    } else {
        uint32_t *t0 = ws + pl.tensor_off[0];
        st_zero_words(t0, (elems + 3u) / 4u);
        for (e = 0; e < elems; e++) {
            t0[e / 4u] |= (uint32_t)input[e] << (8u * (e % 4u)); /* BYTES layout */
        }
    }

    for (li = 0; li < m->n_layers; li++) {
        const st_layer_t *l = &m->layers[li];
        const int conv = l->type == ST_LAYER_CONV || l->type == ST_LAYER_DENSE;
        const st_tensor_t *res_t = l->res_src >= 0 ? tensor_of(m, (uint32_t)l->res_src) : NULL;
        uint32_t *in = ws + pl.tensor_off[li];
        uint32_t *out = ws + pl.tensor_off[li + 1u];
        int32_t *acc = (int32_t *)(void *)(ws + pl.acc_off);
        const uint16_t *codes = NULL;
        const int32_t *ints = NULL;

        if (form == ST_FORM_MAC) {
            const uint16_t *in16 = (const uint16_t *)(const void *)in;
            uint16_t *out16 = (uint16_t *)(void *)out;
            if (conv) {
                const uint16_t *res =
                    res_t != NULL ? (const uint16_t *)(const void *)(ws + pl.tensor_off[l->res_src]) : NULL;
                st_conv_acc_mac(l, in16, acc);
                st_finish(l, acc, res_t, res, out16, (int32_t *)(void *)out);
            } else if (l->type == ST_LAYER_MAXPOOL) {
                st_maxpool(l, in16, out16);
            } else {
                st_gsum(l, in16, out16);
            }
            if (l->out.is_int32) {
                ints = (const int32_t *)(const void *)out;
            } else {
                codes = out16;
            }
        } else {
            const int in_bytes = (li == 0u);
            if (conv) {
                uint32_t *wbuf = ws + pl.w_off, *pbuf = ws + pl.p_off;
                const uint32_t *res = res_t != NULL ? ws + pl.tensor_off[l->res_src] : NULL;
                st_pack_weights(l, in_bytes, wbuf);
                st_pack_params(l, pbuf);
                st_conv_acc_bitplane(l, in_bytes, in, wbuf, acc);
                st_finish_packed(l, pbuf, acc, res_t, l->res_src == 0, res, out);
            } else if (l->type == ST_LAYER_MAXPOOL) {
                st_maxpool_packed(l, in_bytes, in, out);
            } else {
                st_gsum_packed(l, in_bytes, in, out);
            }
            if (l->out.is_int32) {
                ints = (const int32_t *)(const void *)out;
            } else if (cb != NULL) {
                uint16_t *dump = (uint16_t *)(void *)(ws + pl.dump_off);
                st_unpack_planes(&l->out, out, dump);
                codes = dump;
            }
        }
        if (cb != NULL && cb(user, li, &l->out, codes, ints) != 0) {
            return ST_OK; /* stopped by the caller: scores and cls are not written */
        }
    }

    {
        const st_layer_t *last = &m->layers[m->n_layers - 1u];
        const int32_t *res = (const int32_t *)(const void *)(ws + pl.tensor_off[m->n_layers]);
        uint32_t k;
        if (scores != NULL) {
            for (k = 0; k < last->out.c; k++) {
                scores[k] = res[k];
            }
        }
        if (cls != NULL) {
            *cls = st_argmax(res, last->out.c);
        }
    }
    return ST_OK;
}
