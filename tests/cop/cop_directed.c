/* SPDX-License-Identifier: Apache-2.0 */
/* cop_directed.c - directed tests of the coprocessor (rtl/cop/st_cop.sv) and its driver (driver/st_cop.c).
 *
 *   cop_sim directed [+seed=S] [fuzz=ACCESSES] [only=NAME]
 *
 * Register level, against a reference model of the register block (ref_t below: the weight memories, the
 * accumulators, MODE, WPTR, OPS; an operation is acc = (CLR ? 0 : ADBL ? 2 acc : acc) +/- term with
 * term = popcount(a & w), or 2 popcount(a & w) - popcount(a) in MODE.DBL; in MODE.BYTES the address's
 * RADDR field is {entry, BG} and term = s = sum_b x_b w[4 BG + b] over the 4 bytes x_b of a, or
 * 2 s - sum_b x_b in MODE.DBL):
 *   reset        after reset MODE, WPTR, STATUS, OPS and every ACC read 0
 *   id-caps      ID = 'STCP'; CAPS = the build's NumPe, SIMD 32, WbufDepth, BYTES (BytesMac); st_cop_probe
 *                agrees
 *   mode         MODE.DBL and MODE.BYTES (0 in a build without it) read back; the other bits read 0; a
 *                write without byte 0 changes nothing
 *   bytes-op     MODE.BYTES by hand: a weight word whose 8 nibbles (byte groups) are 1 8 C 3 A 5 7 F (its
 *                complement in every other PE) at entry 63, the bytes 10 20 30 200: every BG gives the sum
 *                of the bytes its nibble selects (10 200 230 30 220 40 60 260), NEG its negation, MODE.DBL
 *                2 s - 260; CLR / ADBL / NEG over several BG values; all-ones bytes against all-ones and
 *                all-zero words (+-1020); then random MODE.BYTES operations against the model
 *   wptr         WPTR reads back (ADDR masked to the memory's address bits, PE to the PE index bits)
 *   wdata        WDATA writes advance WPTR.ADDR by one each, wrapping at the top of the address range
 *   placement    every entry of every PE memory written through WPTR / WDATA (plus writes to PE indices
 *                beyond NumPe, which must land nowhere) reads back through operations: 32 single-bit
 *                activation words 1<<31 .. 1<<0 (CLR, then ADBL) leave exactly the weight word in ACC<p>
 *   bus-errors   rsp_err, and no change to MODE / WPTR / OPS / ACC / STATUS / the weight memories, for:
 *                reads of unmapped offsets, of WDATA and of the window; writes to ID, CAPS, STATUS and
 *                every ACC; partial-byte-enable writes of WDATA, WPTR and the window (a rejected window
 *                write issues no operation); every mapped register reads without rsp_err
 *   acc-hold     bursts of operations back to back, then ACC<p> read after 0..7 idle cycles: always the
 *                final value without polling; a read right after the burst waits on req_ready;
 *                STATUS.BUSY is 1 right after an operation and 0 once the pipeline drained
 *   ops          OPS counts operations only (not WDATA writes, not rejected window writes, not reads) and
 *                any write clears it, also a partial one
 *   reset-busy   a reset with operations in flight leaves ACC, OPS, STATUS, MODE and WPTR at 0
 *   fuzz         random sequences of register accesses (valid and invalid, random byte enables, random
 *                idle gaps, MODE changes between operations) against the reference model
 *   thr          the threshold unit: accumulators and thresholds at the int32 edges, raw records (unsorted,
 *                junk above the sign bit) against the count, records as the driver writes them (1 - T for
 *                s = -1) against st_threshold(); THR right after operations waits for the array; THR / CODES
 *                errors in bus-errors
 *   pipelined    bursts of requests from a master with several outstanding (bus rule 3): ACC reads in the
 *                cycle after an operation still wait for it, STATUS.BUSY shows it; rsp_err and the final
 *                state exact
 * Driver level:
 *   drv-check    st_cop_layer_check: pools, GSUM, wide bipolar, int32 input, w_bits outside 1..8 give
 *                ERR_LAYER; w_bits * KWORDS = the weight memory runs (and is exact), one word more gives
 *                ERR_WBUF; a short scratch buffer gives ERR_SCRATCH; nothing is issued for an error
 *   drv-resident a layer's weights stay in the PE memories across bands: weights changed in RAM without
 *                st_cop_invalidate still give the old weights' accumulators, after it the new ones
 *   drv-zero     all-zero BYTES input and a layer whose windows are all padding: accumulators 0
 *   drv-bytes    MODE.BYTES's 64 weight entries: unsigned BYTES layers with w_bits x KWORDS = 64 run (exact),
 *                65 give ERR_WBUF, 40 run one tile per group (reloaded for every call); the 65-entry layer
 *                runs through bit planes (MODE.BYTES 0) when the driver is told the mode is absent, and a
 *                bipolar BYTES input always does; MODE after each layer */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cop_sim.h"
#include "cop_tests.h"
#include "st_cop.h"
#include "st_mmio.h"
#include "st_randnet.h"
#include "st_regs.h"

#define MAX_PE 16u
#define MAX_DEPTH 512u

/* ---- reference model of the register block ---------------------------------------------------------- */

typedef struct {
    uint32_t pe, depth, amask, pmask;
    uint32_t mem[MAX_PE][MAX_DEPTH];
    uint32_t acc[MAX_PE];
    uint32_t dbl, bytes, bcap, waddr, wpe, ops; /* bcap: the build has MODE.BYTES */
    uint32_t thr;                               /* the build has the threshold unit (CAPS.THR) */
} ref_t;

static ref_t g_ref;
static st_rng_t g_rng;
static uint32_t g_fail_msgs;

static uint32_t clog2(uint32_t v)
{
    uint32_t n = 0;
    while ((1u << n) < v) {
        n++;
    }
    return n;
}

static uint32_t pc32(uint32_t x)
{
    return (uint32_t)__builtin_popcount(x);
}

/* The bytes multiply-accumulate of a 32-bit word a against byte group bg of w: sum_b x_b w[4 bg + b]. */
static uint32_t bytes_s(uint32_t a, uint32_t w, uint32_t bg)
{
    uint32_t s = 0;
    for (uint32_t b = 0; b < 4u; b++) {
        s += ((a >> (8u * b)) & 0xFFu) * ((w >> (4u * bg + b)) & 1u);
    }
    return s;
}

/* An operation at RADDR field value raddr (9 bits). */
static void ref_op(ref_t *r, uint32_t raddr, int neg, int clr, int adbl, uint32_t a)
{
    const uint32_t entry = (r->bytes ? raddr >> 3 : raddr) & r->amask, bg = raddr & 7u;
    for (uint32_t p = 0; p < r->pe; p++) {
        const uint32_t w = r->mem[p][entry];
        uint32_t term;
        if (r->bytes) {
            /* corr: the byte sum of a (every weight bit set) */
            term = r->dbl ? 2u * bytes_s(a, w, bg) - bytes_s(a, 0xFFFFFFFFu, 0) : bytes_s(a, w, bg);
        } else {
            term = r->dbl ? 2u * pc32(a & w) - pc32(a) : pc32(a & w);
        }
        const uint32_t base = clr ? 0u : (adbl ? r->acc[p] << 1 : r->acc[p]);
        r->acc[p] = neg ? base - term : base + term;
    }
    r->ops++;
}

/* ---- bus helpers ------------------------------------------------------------------------------------- */

static uint32_t rd(uint32_t off)
{
    return cop_sim_access(ST_COP_BASE + off, 0, 0xFu, 0);
}

static void wr(uint32_t off, uint32_t v)
{
    (void)cop_sim_access(ST_COP_BASE + off, 1, 0xFu, v);
}

static uint32_t op_off(uint32_t raddr, int neg, int clr, int adbl)
{
    return ST_COP_OP_OFFSET + (raddr << ST_COP_OP_RADDR_Pos) + (neg ? ST_COP_OP_NEG_Msk : 0u) +
           (clr ? ST_COP_OP_CLR_Msk : 0u) + (adbl ? ST_COP_OP_ADBL_Msk : 0u);
}

/* Issue one operation on the RTL and the model. */
static void op(uint32_t raddr, int neg, int clr, int adbl, uint32_t a)
{
    wr(op_off(raddr, neg, clr, adbl), a);
    ref_op(&g_ref, raddr & 0x1FFu, neg, clr, adbl, a);
}

/* The model's MODE register. */
static uint32_t ref_mode(void)
{
    return g_ref.dbl | (g_ref.bytes << 1);
}

/* A MODE write of v (all byte enables) on the RTL and the model. */
static void ref_mode_write(uint32_t v)
{
    g_ref.dbl = v & 1u;
    g_ref.bytes = (v >> 1) & g_ref.bcap;
}

static void set_mode(uint32_t v)
{
    wr(ST_COP_MODE_OFFSET, v);
    ref_mode_write(v);
}

/* Write words to PE p from entry a on (the model follows). */
static void load_words(uint32_t p, uint32_t a, const uint32_t *w, uint32_t n)
{
    wr(ST_COP_WPTR_OFFSET, (p << ST_COP_WPTR_PE_Pos) | a);
    g_ref.wpe = p & g_ref.pmask;
    g_ref.waddr = a & g_ref.amask;
    for (uint32_t i = 0; i < n; i++) {
        wr(ST_COP_WDATA_OFFSET, w[i]);
        if (g_ref.wpe < g_ref.pe && g_ref.waddr < g_ref.depth) {
            g_ref.mem[g_ref.wpe][g_ref.waddr] = w[i];
        }
        g_ref.waddr = (g_ref.waddr + 1u) & g_ref.amask;
    }
}

/* Fill every entry of every PE with random words. */
static void fill_all(void)
{
    static uint32_t w[MAX_DEPTH];
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        for (uint32_t i = 0; i < g_ref.depth; i++) {
            w[i] = (uint32_t)st_rng_next(&g_rng);
        }
        load_words(p, 0, w, g_ref.depth);
    }
}

/* Entry raddr of every PE, read back through 32 operations (Horner over single-bit activation words). */
static void read_entry(uint32_t raddr, uint32_t *out)
{
    const uint32_t mode = ref_mode();
    if (mode) {
        set_mode(0);
    }
    for (uint32_t b = 32u; b-- > 0u;) {
        op(raddr, 0, b == 31u, b != 31u, 1u << b);
    }
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        out[p] = rd(ST_COP_ACC0_OFFSET + 4u * p);
    }
    if (mode) {
        set_mode(mode);
    }
}

/* ---- result bookkeeping -------------------------------------------------------------------------------- */

static int g_test_ok;

static void check(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void check(int cond, const char *fmt, ...)
{
    if (cond) {
        return;
    }
    g_test_ok = 0;
    if (g_fail_msgs++ < 40u) {
        va_list ap;
        printf("     ");
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    }
}

/* Every state the register block shows, for "changed nothing" checks (reads have no side effects). */
typedef struct {
    uint32_t mode, wptr, ops, status, acc[MAX_PE];
} snap_t;

static void snap(snap_t *s)
{
    s->mode = rd(ST_COP_MODE_OFFSET);
    s->wptr = rd(ST_COP_WPTR_OFFSET);
    s->ops = rd(ST_COP_OPS_OFFSET);
    s->status = rd(ST_COP_STATUS_OFFSET);
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        s->acc[p] = rd(ST_COP_ACC0_OFFSET + 4u * p);
    }
}

static int snap_eq(const snap_t *a, const snap_t *b)
{
    return a->mode == b->mode && a->wptr == b->wptr && a->ops == b->ops && a->status == b->status &&
           memcmp(a->acc, b->acc, sizeof(uint32_t) * g_ref.pe) == 0;
}

/* The model's view of the visible registers. */
static void check_model(const char *where)
{
    const uint32_t wptr = rd(ST_COP_WPTR_OFFSET), mode = rd(ST_COP_MODE_OFFSET), ops = rd(ST_COP_OPS_OFFSET);
    check(mode == ref_mode(), "%s: MODE 0x%x, expected 0x%x", where, (unsigned)mode, (unsigned)ref_mode());
    check(wptr == ((g_ref.wpe << 16) | g_ref.waddr), "%s: WPTR 0x%08x, expected 0x%08x", where, (unsigned)wptr,
          (unsigned)((g_ref.wpe << 16) | g_ref.waddr));
    check(ops == g_ref.ops, "%s: OPS %u, expected %u", where, (unsigned)ops, (unsigned)g_ref.ops);
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        const uint32_t a = rd(ST_COP_ACC0_OFFSET + 4u * p);
        check(a == g_ref.acc[p], "%s: ACC%u 0x%08x, expected 0x%08x", where, (unsigned)p, (unsigned)a,
              (unsigned)g_ref.acc[p]);
    }
}

/* ---- register-level tests ------------------------------------------------------------------------------- */

static void t_reset(void)
{
    check(rd(ST_COP_MODE_OFFSET) == 0u, "MODE after reset is not 0");
    check(rd(ST_COP_WPTR_OFFSET) == 0u, "WPTR after reset is not 0");
    check(rd(ST_COP_STATUS_OFFSET) == 0u, "STATUS after reset is not 0");
    check(rd(ST_COP_OPS_OFFSET) == 0u, "OPS after reset is not 0");
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        uint32_t a = rd(ST_COP_ACC0_OFFSET + 4u * p);
        check(a == 0u, "ACC%u after reset is 0x%08x", (unsigned)p, (unsigned)a);
    }
}

static void t_id_caps(void)
{
    st_cop_t c;
    const uint32_t id = rd(ST_COP_ID_OFFSET), caps = rd(ST_COP_CAPS_OFFSET);
    const uint32_t want = (g_ref.thr << ST_COP_CAPS_THR_Pos) | (g_ref.bcap << ST_COP_CAPS_BYTES_Pos) |
                          (g_ref.depth << ST_COP_CAPS_WBUF_DEPTH_Pos) | (32u << ST_COP_CAPS_SIMD_Pos) |
                          (g_ref.pe << ST_COP_CAPS_PE_Pos);
    st_cop_status_t s;
    check(id == ST_COP_ID_RESET, "ID 0x%08x, expected 0x%08x ('STCP')", (unsigned)id, (unsigned)ST_COP_ID_RESET);
    check(caps == want, "CAPS 0x%08x, expected 0x%08x (PE %u, SIMD 32, WbufDepth %u, BYTES %u)", (unsigned)caps,
          (unsigned)want, (unsigned)g_ref.pe, (unsigned)g_ref.depth, (unsigned)g_ref.bcap);
    s = st_cop_probe(&c, ST_COP_BASE);
    check(s == ST_COP_OK && c.pe == g_ref.pe && c.depth == g_ref.depth && c.bytes == g_ref.bcap && c.thr == g_ref.thr &&
              c.ops == 0u &&
              c.wwords == 0u,
          "st_cop_probe: %s, pe %u depth %u bytes %u", st_cop_strerror(s), (unsigned)c.pe, (unsigned)c.depth,
          (unsigned)c.bytes);
}

static void t_mode(void)
{
    static const uint32_t vals[] = {1u, 0u, 0xFFFFFFFFu, 0xFFFFFFFEu, 3u, 2u, 0xFFFFFFFCu, 0x6u, 0x1u};
    const uint32_t mask = ST_COP_MODE_DBL_Msk | (g_ref.bcap ? ST_COP_MODE_BYTES_Msk : 0u);
    for (uint32_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        uint32_t m;
        wr(ST_COP_MODE_OFFSET, vals[i]);
        m = rd(ST_COP_MODE_OFFSET);
        check(m == (vals[i] & mask) && !cop_sim_last_err(), "MODE write 0x%08x reads 0x%08x, expected 0x%08x",
              (unsigned)vals[i], (unsigned)m, (unsigned)(vals[i] & mask));
    }
    wr(ST_COP_MODE_OFFSET, 3u);
    (void)cop_sim_access(ST_COP_BASE + ST_COP_MODE_OFFSET, 1, 0xEu, 0u); /* byte 0 not enabled */
    check(!cop_sim_last_err() && rd(ST_COP_MODE_OFFSET) == mask, "MODE write without byte 0 changed MODE or erred");
    (void)cop_sim_access(ST_COP_BASE + ST_COP_MODE_OFFSET, 1, 0x1u, 0u); /* byte 0 alone */
    check(!cop_sim_last_err() && rd(ST_COP_MODE_OFFSET) == 0u, "MODE write of byte 0 alone did not take");
    g_ref.dbl = 0;
    g_ref.bytes = 0;
}

static void t_wptr(void)
{
    for (uint32_t i = 0; i < 40u; i++) {
        uint32_t v = i == 0u ? 0xFFFFFFFFu : (uint32_t)st_rng_next(&g_rng);
        uint32_t want = (((v >> 16) & g_ref.pmask) << 16) | (v & g_ref.amask), got;
        if (i >= 20u) {
            v = (st_rng_below(&g_rng, g_ref.pe) << 16) | st_rng_below(&g_rng, g_ref.depth);
            want = v;
        }
        wr(ST_COP_WPTR_OFFSET, v);
        got = rd(ST_COP_WPTR_OFFSET);
        check(got == want && !cop_sim_last_err(), "WPTR write 0x%08x reads 0x%08x, expected 0x%08x", (unsigned)v,
              (unsigned)got, (unsigned)want);
    }
    g_ref.wpe = g_ref.pe - 1u;
    g_ref.waddr = 5u;
    wr(ST_COP_WPTR_OFFSET, (g_ref.wpe << 16) | g_ref.waddr);
}

static void t_wdata(void)
{
    uint32_t w[8], got;
    const uint32_t top = g_ref.amask; /* the last ADDR value: the next WDATA wraps to 0 */
    for (uint32_t i = 0; i < 8u; i++) {
        w[i] = (uint32_t)st_rng_next(&g_rng);
    }
    load_words(0, 3, w, 5);
    got = rd(ST_COP_WPTR_OFFSET);
    check(got == 8u, "WPTR after 5 WDATA writes from 3: 0x%08x, expected 8", (unsigned)got);
    load_words(g_ref.pe - 1u, top - 1u, w, 3);
    got = rd(ST_COP_WPTR_OFFSET);
    check(got == (((g_ref.pe - 1u) << 16) | 1u), "WPTR after 3 WDATA writes from 0x%x: 0x%08x, expected 0x%08x",
          (unsigned)(top - 1u), (unsigned)got, (unsigned)(((g_ref.pe - 1u) << 16) | 1u));
}

static void t_placement(void)
{
    uint32_t out[MAX_PE];
    uint32_t bad = 0;
    fill_all();
    /* writes addressed to PE indices that do not exist must land nowhere */
    for (uint32_t p = g_ref.pe; p <= g_ref.pmask; p++) {
        uint32_t junk[4] = {0xDEADBEEFu, 0x12345678u, 0xFFFFFFFFu, 0u};
        wr(ST_COP_WPTR_OFFSET, (p << 16) | 0u);
        for (uint32_t i = 0; i < 4u; i++) {
            wr(ST_COP_WDATA_OFFSET, junk[i]);
        }
    }
    /* a few words over a random pointer, several times (auto-increment from anywhere) */
    for (uint32_t t = 0; t < 8u; t++) {
        uint32_t w[16];
        uint32_t p = st_rng_below(&g_rng, g_ref.pe), a = st_rng_below(&g_rng, g_ref.depth);
        uint32_t n = 1u + st_rng_below(&g_rng, 16u);
        if (a + n > g_ref.depth) {
            n = g_ref.depth - a;
        }
        for (uint32_t i = 0; i < n; i++) {
            w[i] = (uint32_t)st_rng_next(&g_rng);
        }
        load_words(p, a, w, n);
    }
    set_mode(0);
    for (uint32_t r = 0; r < g_ref.depth; r++) {
        read_entry(r, out);
        for (uint32_t p = 0; p < g_ref.pe; p++) {
            if (out[p] != g_ref.mem[p][r]) {
                check(bad++ >= 4u, "PE %u entry %u reads back 0x%08x, expected 0x%08x", (unsigned)p, (unsigned)r,
                      (unsigned)out[p], (unsigned)g_ref.mem[p][r]);
                g_test_ok = 0;
            }
        }
    }
    check(bad == 0u, "%u weight words read back wrong", (unsigned)bad);
    check_model("after placement");
}

/* One access expected to answer rsp_err and change nothing. */
static void expect_err(const char *what, uint32_t off, int we, uint32_t be, uint32_t wdata)
{
    snap_t a, b;
    snap(&a);
    (void)cop_sim_access(ST_COP_BASE + off, we, be, wdata);
    check(cop_sim_last_err() == 1, "%s (offset 0x%04x, %s, be 0x%x): no rsp_err", what, (unsigned)off,
          we ? "write" : "read", (unsigned)be);
    snap(&b);
    check(snap_eq(&a, &b), "%s (offset 0x%04x): changed the registers (MODE %x->%x WPTR %x->%x OPS %u->%u ACC0 %x->%x)",
          what, (unsigned)off, (unsigned)a.mode, (unsigned)b.mode, (unsigned)a.wptr, (unsigned)b.wptr,
          (unsigned)a.ops, (unsigned)b.ops, (unsigned)a.acc[0], (unsigned)b.acc[0]);
}

static void t_bus_errors(void)
{
    static const uint32_t partial_be[] = {0x0u, 0x1u, 0x3u, 0x7u, 0xEu, 0xCu, 0x8u};
    static const uint32_t mapped[] = {ST_COP_ID_OFFSET, ST_COP_CAPS_OFFSET, ST_COP_MODE_OFFSET, ST_COP_WPTR_OFFSET,
                                      ST_COP_STATUS_OFFSET, ST_COP_OPS_OFFSET};
    uint32_t out[MAX_PE], wptr;
    /* a known state: weights everywhere, non-zero accumulators, OPS counting, MODE set */
    fill_all();
    set_mode(1);
    for (uint32_t i = 0; i < 5u; i++) {
        op(st_rng_below(&g_rng, g_ref.depth), (int)(i & 1u), i == 0u, i == 3u, (uint32_t)st_rng_next(&g_rng));
    }
    wr(ST_COP_WPTR_OFFSET, ((g_ref.pe - 1u) << 16) | 7u);
    g_ref.wpe = g_ref.pe - 1u;
    g_ref.waddr = 7u;
    for (uint32_t i = 0; i < sizeof mapped / sizeof mapped[0]; i++) {
        (void)rd(mapped[i]);
        check(!cop_sim_last_err(), "read of offset 0x%03x answered rsp_err", (unsigned)mapped[i]);
    }
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        (void)rd(ST_COP_ACC0_OFFSET + 4u * p);
        check(!cop_sim_last_err(), "read of ACC%u answered rsp_err", (unsigned)p);
    }
    /* THR and CODES (without the threshold unit: unmapped) */
    if (g_ref.thr) {
        (void)rd(ST_COP_CODES_OFFSET);
        check(!cop_sim_last_err(), "read of CODES answered rsp_err");
        expect_err("read of THR", ST_COP_THR_OFFSET, 0, 0xFu, 0);
        expect_err("write to CODES", ST_COP_CODES_OFFSET, 1, 0xFu, 0);
        expect_err("THR with BITS 0", ST_COP_THR_OFFSET, 1, 0xFu, 0u);
        expect_err("THR with BITS 5", ST_COP_THR_OFFSET, 1, 0xFu, 5u << ST_COP_THR_BITS_Pos);
        expect_err("THR with BITS 7", ST_COP_THR_OFFSET, 1, 0xFu, 7u << ST_COP_THR_BITS_Pos);
        for (uint32_t i = 0; i < sizeof partial_be / sizeof partial_be[0]; i++) {
            expect_err("partial write of THR", ST_COP_THR_OFFSET, 1, partial_be[i], 2u << ST_COP_THR_BITS_Pos);
        }
    } else {
        for (uint32_t off = ST_COP_THR_OFFSET; off <= ST_COP_CODES_OFFSET; off += 4u) {
            expect_err("read of THR / CODES without the threshold unit", off, 0, 0xFu, 0);
            expect_err("write of THR / CODES without the threshold unit", off, 1, 0xFu, 1u << ST_COP_THR_BITS_Pos);
        }
    }
    /* unmapped offsets: the gap after CODES, ACC beyond NumPe, past the ACC block, up to the window */
    for (uint32_t off = ST_COP_CODES_OFFSET + 4u; off < 0x40u; off += 4u) {
        expect_err("read of an unmapped offset", off, 0, 0xFu, 0);
        expect_err("write of an unmapped offset", off, 1, 0xFu, 0xFFFFFFFFu);
    }
    for (uint32_t p = g_ref.pe; p < 16u; p++) {
        expect_err("read of ACC beyond NumPe", ST_COP_ACC0_OFFSET + 4u * p, 0, 0xFu, 0);
    }
    {
        static const uint32_t offs[] = {0x80u, 0x84u, 0xC0u, 0x100u, 0x140u, 0x400u, 0x1000u, 0x4040u, 0x7FFCu,
                                        0x7F40u};
        for (uint32_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
            expect_err("read of an unmapped offset", offs[i], 0, 0xFu, 0);
            expect_err("write of an unmapped offset", offs[i], 1, 0xFu, 0x1u);
        }
    }
    expect_err("read of WDATA", ST_COP_WDATA_OFFSET, 0, 0xFu, 0);
    for (uint32_t i = 0; i < 6u; i++) {
        uint32_t off = op_off(st_rng_below(&g_rng, g_ref.depth), (int)(i & 1u), (int)(i & 2u), (int)(i & 4u));
        expect_err("read of the operation window", off, 0, 0xFu, 0);
    }
    expect_err("read of the operation window's top", 0xFFFCu, 0, 0xFu, 0);
    expect_err("write to ID", ST_COP_ID_OFFSET, 1, 0xFu, 0);
    expect_err("write to CAPS", ST_COP_CAPS_OFFSET, 1, 0xFu, 0xFFFFFFFFu);
    expect_err("write to STATUS", ST_COP_STATUS_OFFSET, 1, 0xFu, 0xFFFFFFFFu);
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        expect_err("write to ACC", ST_COP_ACC0_OFFSET + 4u * p, 1, 0xFu, 0x12345678u);
    }
    wptr = rd(ST_COP_WPTR_OFFSET);
    for (uint32_t i = 0; i < sizeof partial_be / sizeof partial_be[0]; i++) {
        expect_err("partial write of WDATA", ST_COP_WDATA_OFFSET, 1, partial_be[i], 0xA5A5A5A5u);
        expect_err("partial write of WPTR", ST_COP_WPTR_OFFSET, 1, partial_be[i], 0x00000001u);
        expect_err("partial write of the operation window (no operation)",
                   op_off(st_rng_below(&g_rng, g_ref.depth), 0, (int)(i & 1u), 0), 1, partial_be[i],
                   0xFFFFFFFFu);
    }
    check(rd(ST_COP_WPTR_OFFSET) == wptr, "a rejected access moved WPTR");
    /* the entry under WPTR was not written by the rejected WDATA writes */
    read_entry(g_ref.waddr, out);
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        check(out[p] == g_ref.mem[p][g_ref.waddr], "PE %u entry %u changed by a rejected WDATA write", (unsigned)p,
              (unsigned)g_ref.waddr);
    }
    check_model("after the rejected accesses");
}

static void t_acc_hold(void)
{
    const uint32_t idle = cop_sim_get_idle();
    uint32_t stalls_first = 0;
    cop_sim_set_idle(0);
    fill_all();
    for (uint32_t gap = 0; gap < 8u; gap++) {
        for (uint32_t rep = 0; rep < 4u; rep++) {
            const uint32_t n = 1u + st_rng_below(&g_rng, rep == 0u ? 3u : 60u);
            set_mode(st_rng_below(&g_rng, 4u)); /* DBL, BYTES */
            for (uint32_t i = 0; i < n; i++) {
                op(st_rng_below(&g_rng, g_ref.depth), st_rng_pct(&g_rng, 30u), i == 0u || st_rng_pct(&g_rng, 5u),
                   st_rng_pct(&g_rng, 20u), (uint32_t)st_rng_next(&g_rng));
            }
            cop_sim_step(gap);
            for (uint32_t k = 0; k < g_ref.pe; k++) {
                const uint32_t p = (k + rep) % g_ref.pe; /* the first read is any PE */
                const uint32_t a = rd(ST_COP_ACC0_OFFSET + 4u * p);
                if (k == 0u && gap == 0u) {
                    stalls_first += cop_sim_last_stall() != 0u;
                }
                check(a == g_ref.acc[p], "gap %u, %u operations: ACC%u read 0x%08x, final value 0x%08x", (unsigned)gap,
                      (unsigned)n, (unsigned)p, (unsigned)a, (unsigned)g_ref.acc[p]);
            }
        }
    }
    check(stalls_first == 4u, "an ACC read right after an operation waited on req_ready %u of 4 times",
          (unsigned)stalls_first);
    /* STATUS.BUSY */
    op(0, 0, 1, 0, 0xFFFFFFFFu);
    check((rd(ST_COP_STATUS_OFFSET) & ST_COP_STATUS_BUSY_Msk) != 0u, "STATUS.BUSY is 0 right after an operation");
    cop_sim_step(8);
    check((rd(ST_COP_STATUS_OFFSET) & ST_COP_STATUS_BUSY_Msk) == 0u, "STATUS.BUSY is 1 after the pipeline drained");
    check_model("after acc-hold");
    cop_sim_set_idle(idle);
}

static void t_ops(void)
{
    uint32_t n = 1u + st_rng_below(&g_rng, 100u), w = 0x5u;
    fill_all();
    wr(ST_COP_OPS_OFFSET, 0xFFFFFFFFu);
    g_ref.ops = 0;
    check(rd(ST_COP_OPS_OFFSET) == 0u, "OPS after a write of 0xFFFFFFFF is not 0");
    for (uint32_t i = 0; i < n; i++) {
        op(st_rng_below(&g_rng, g_ref.depth), 0, 1, 0, (uint32_t)st_rng_next(&g_rng));
        if (i % 10u == 0u) {
            load_words(0, 0, &w, 1);                          /* WDATA: not an operation */
            (void)cop_sim_access(ST_COP_BASE + op_off(0, 0, 0, 0), 1, 0x3u, 1u); /* rejected: not one */
            (void)rd(ST_COP_ACC0_OFFSET);
        }
    }
    check(rd(ST_COP_OPS_OFFSET) == n, "OPS after %u operations: %u", (unsigned)n, (unsigned)rd(ST_COP_OPS_OFFSET));
    check(rd(ST_COP_OPS_OFFSET) == n, "reading OPS changed it");
    (void)cop_sim_access(ST_COP_BASE + ST_COP_OPS_OFFSET, 1, 0x2u, 0x1234u);
    g_ref.ops = 0;
    check(!cop_sim_last_err() && rd(ST_COP_OPS_OFFSET) == 0u, "a partial write did not clear OPS");
    op(1, 0, 1, 0, 3u);
    check(rd(ST_COP_OPS_OFFSET) == 1u, "OPS does not count after a clear");
    check_model("after ops");
}

/* MODE.BYTES by hand. The weight word W = 0xF75A3C81 has the nibbles (byte groups 0..7) 1 8 C 3 A 5 7 F; the
 * activation word A = 0xC81E140A holds the bytes x_0..x_3 = 10 20 30 200 (sum 260). Byte group g's
 * term is the sum of the bytes whose nibble bit is set: */
static const int32_t g_bytes_s[8] = {10, 200, 230, 30, 220, 40, 60, 260};

/* The accumulators after the operations so far against expectations want_even (PEs with W) and want_odd
 * (PEs with ~W). */
static void expect_accs(const char *what, int32_t want_even, int32_t want_odd)
{
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        const int32_t a = (int32_t)rd(ST_COP_ACC0_OFFSET + 4u * p), want = (p & 1u) ? want_odd : want_even;
        check(a == want && (uint32_t)a == g_ref.acc[p], "%s: ACC%u %d, expected %d (model %d)", what, (unsigned)p,
              (int)a, (int)want, (int)g_ref.acc[p]);
    }
}

static void t_bytes_op(void)
{
    const uint32_t W = 0xF75A3C81u, A = 0xC81E140Au, top = 63u;
    char what[96];
    if (!g_ref.bcap) {
        /* no MODE.BYTES: it reads 0 and RADDR stays a weight entry */
        set_mode(ST_COP_MODE_BYTES_Msk);
        check(rd(ST_COP_MODE_OFFSET) == 0u, "MODE.BYTES reads 1 in a build without it");
        fill_all();
        for (uint32_t g = 0; g < 8u; g++) {
            op(8u * (g_ref.depth / 8u - 1u) + g, 0, 1, 0, A);
            check_model("a build without MODE.BYTES");
        }
        return;
    }
    check(g_ref.depth >= 64u, "a build with MODE.BYTES and fewer than 64 weight words");
    fill_all();
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        const uint32_t w63 = (p & 1u) ? ~W : W, ones = 0xFFFFFFFFu, zero = 0u;
        load_words(p, top, &w63, 1);
        load_words(p, top - 1u, &ones, 1);
        load_words(p, 0, &zero, 1);
    }
    set_mode(ST_COP_MODE_BYTES_Msk);
    check(rd(ST_COP_MODE_OFFSET) == ST_COP_MODE_BYTES_Msk, "MODE.BYTES does not read back");
    /* every byte group, alone (CLR), added and subtracted */
    for (uint32_t g = 0; g < 8u; g++) {
        op(8u * top + g, 0, 1, 0, A);
        snprintf(what, sizeof what, "entry 63, BG %u", (unsigned)g);
        expect_accs(what, g_bytes_s[g], 260 - g_bytes_s[g]);
        op(8u * top + g, 1, 1, 0, A);
        snprintf(what, sizeof what, "entry 63, BG %u, NEG", (unsigned)g);
        expect_accs(what, -g_bytes_s[g], g_bytes_s[g] - 260);
    }
    /* Horner over several groups: CLR BG 1, ADBL BG 2, NEG BG 3, ADBL + NEG BG 7 */
    op(8u * top + 1u, 0, 1, 0, A);
    op(8u * top + 2u, 0, 0, 1, A);
    op(8u * top + 3u, 1, 0, 0, A);
    op(8u * top + 7u, 1, 0, 1, A);
    expect_accs("CLR BG 1, ADBL BG 2, NEG BG 3, ADBL NEG BG 7", ((200 * 2 + 230) - 30) * 2 - 260,
                ((60 * 2 + 30) - 230) * 2 - 0);
    /* MODE.DBL: 2 s - 260 */
    set_mode(ST_COP_MODE_BYTES_Msk | ST_COP_MODE_DBL_Msk);
    for (uint32_t g = 0; g < 8u; g++) {
        op(8u * top + g, 0, 1, 0, A);
        snprintf(what, sizeof what, "MODE.DBL, entry 63, BG %u", (unsigned)g);
        expect_accs(what, 2 * g_bytes_s[g] - 260, 260 - 2 * g_bytes_s[g]);
        op(8u * top + g, 1, 0, 1, A);
        snprintf(what, sizeof what, "MODE.DBL, entry 63, BG %u, ADBL NEG", (unsigned)g);
        expect_accs(what, 2 * g_bytes_s[g] - 260, 260 - 2 * g_bytes_s[g]);
    }
    /* the extremes: all-ones bytes against all-ones (entry 62) and all-zero (entry 0) words */
    for (uint32_t g = 0; g < 8u; g++) {
        op(8u * (top - 1u) + g, 0, 1, 0, 0xFFFFFFFFu);
        expect_accs("MODE.DBL, all ones", 1020, 1020);
        op(g, 0, 0, 0, 0xFFFFFFFFu);
        expect_accs("MODE.DBL, all ones + all-zero weights", 0, 0);
        op(g, 1, 0, 1, 0xFFFFFFFFu);
        expect_accs("MODE.DBL, ADBL NEG all-zero weights", 1020, 1020);
    }
    set_mode(ST_COP_MODE_BYTES_Msk);
    op(8u * (top - 1u) + 5u, 0, 1, 0, 0xFFFFFFFFu);
    op(8u * (top - 1u) + 6u, 0, 0, 1, 0xFFFFFFFFu);
    op(8u * (top - 1u) + 4u, 1, 0, 1, 0x01FF00FFu);
    expect_accs("all ones, Horner", (1020 * 2 + 1020) * 2 - 511, (1020 * 2 + 1020) * 2 - 511);
    /* random operations in both modes against the model (random entries 0..63, any BG) */
    fill_all();
    for (uint32_t i = 0; i < 400u; i++) {
        if (i % 50u == 0u) {
            set_mode(ST_COP_MODE_BYTES_Msk | st_rng_below(&g_rng, 2u));
        }
        op(st_rng_below(&g_rng, 512u), st_rng_pct(&g_rng, 30u), i % 50u == 0u || st_rng_pct(&g_rng, 5u),
           st_rng_pct(&g_rng, 20u), st_rng_pct(&g_rng, 20u) ? 0xFFFFFFFFu : (uint32_t)st_rng_next(&g_rng));
        if (i % 25u == 24u) {
            check_model("random MODE.BYTES operations");
        }
    }
    set_mode(0);
    check_model("after bytes-op");
}

static void t_reset_busy(void)
{
    cop_sim_set_idle(0);
    set_mode(1);
    wr(ST_COP_WPTR_OFFSET, 0x10003u);
    for (uint32_t i = 0; i < 6u; i++) {
        op(i, 0, i == 0u, 0, 0xFFFFFFFFu);
    }
    cop_sim_reset(3);
    t_reset();
    /* the memories keep their contents through a reset (block RAM): the model stays valid for them */
    memset(g_ref.acc, 0, sizeof g_ref.acc);
    g_ref.dbl = g_ref.bytes = g_ref.waddr = g_ref.wpe = g_ref.ops = 0;
}

/* Random register traffic against the model. */
/* Set every PE's accumulator to v[p] exactly: the word at entry e, read back through operations. */
static void set_accs(uint32_t e, const uint32_t *v)
{
    uint32_t out[MAX_PE];
    for (uint32_t p = 0; p < g_ref.pe; p++) {
        load_words(p, e, &v[p], 1u);
    }
    read_entry(e, out);
}

/* An accumulator or threshold value, a third of them at the int32 edges. */
static uint32_t edge_value(void)
{
    static const uint32_t edges[] = {0x80000000u, 0x80000001u, 0x80000002u, 0xFFFFFFFFu, 0u, 1u, 0x7FFFFFFEu,
                                     0x7FFFFFFFu};
    const uint32_t r = st_rng_below(&g_rng, 3u);
    if (r == 0u) {
        return edges[st_rng_below(&g_rng, 8u)];
    }
    return r == 1u ? (uint32_t)st_rng_next(&g_rng) : (uint32_t)((int32_t)st_rng_below(&g_rng, 41u) - 20);
}

/* The threshold unit by hand. Raw: accumulators and records at the int32 edges, unsorted thresholds, junk
 * above the sign bit: CODES bit 8j + p = bit j of #{k : acc_p >= R_p[k]}, inverted for s = 1. As the driver
 * uses it: sorted thresholds T, stored as 1 - T for s = -1: the code equals st_threshold(acc, s, T) (the
 * golden model) for every acc, also INT32_MIN with s = -1. A THR right after operations counts on the final
 * accumulators; the weights and accumulators stay as they were. */
static void t_thr(void)
{
    uint32_t acc[MAX_PE], rec[MAX_PE][16];
    if (!g_ref.thr) {
        printf("     thr: this build has no threshold unit (NumPe %u)\n", (unsigned)g_ref.pe);
        return;
    }
    fill_all();
    for (uint32_t trial = 0; trial < 300u && g_test_ok; trial++) {
        const uint32_t n = 1u + st_rng_below(&g_rng, 4u), nt = (1u << n) - 1u;
        const uint32_t base = st_rng_below(&g_rng, g_ref.depth - nt), sorted = trial % 2u;
        const int after_ops = st_rng_pct(&g_rng, 25u);
        uint32_t want = 0, got;
        for (uint32_t p = 0; p < g_ref.pe; p++) {
            int32_t t[15];
            const uint32_t neg = st_rng_below(&g_rng, 2u);
            acc[p] = edge_value();
            for (uint32_t k = 0; k < nt; k++) {
                t[k] = (int32_t)edge_value();
                if (sorted && neg && t[k] < INT32_MIN + 2) {
                    t[k] = INT32_MIN + 2; /* the driver refuses lower ones with s = -1 */
                }
            }
            if (sorted) {
                for (uint32_t i = 1; i < nt; i++) { /* insertion sort */
                    for (uint32_t j = i; j > 0u && t[j - 1u] > t[j]; j--) {
                        const int32_t x = t[j];
                        t[j] = t[j - 1u];
                        t[j - 1u] = x;
                    }
                }
            }
            rec[p][0] = neg | (sorted ? 0u : ((uint32_t)st_rng_next(&g_rng) & ~1u)); /* junk above bit 0 */
            for (uint32_t k = 0; k < nt; k++) {
                rec[p][1u + k] = (sorted && neg) ? 1u - (uint32_t)t[k] : (uint32_t)t[k];
            }
            if (sorted) {
                const uint32_t code = st_threshold((int32_t)acc[p], neg ? -1 : 1, t, nt);
                for (uint32_t j = 0; j < n; j++) {
                    want |= ((code >> j) & 1u) << (8u * j + p);
                }
            } else {
                uint32_t cnt = 0;
                for (uint32_t k = 0; k < nt; k++) {
                    cnt += (int32_t)acc[p] >= (int32_t)rec[p][1u + k];
                }
                cnt ^= neg ? nt : 0u;
                for (uint32_t j = 0; j < n; j++) {
                    want |= ((cnt >> j) & 1u) << (8u * j + p);
                }
            }
            load_words(p, base, rec[p], nt + 1u);
        }
        if (after_ops) {
            /* the accumulators from operations issued right before THR: acc = 2^31 - 1 - popcount terms */
            set_mode(0);
            op(0, 0, 1, 0, (uint32_t)st_rng_next(&g_rng));
            op(0, 1, 0, 1, (uint32_t)st_rng_next(&g_rng));
            wr(ST_COP_THR_OFFSET, base | (n << ST_COP_THR_BITS_Pos)); /* no idle cycle: waits for the array */
            got = rd(ST_COP_CODES_OFFSET);
            want = 0;
            for (uint32_t p = 0; p < g_ref.pe; p++) {
                uint32_t cnt = 0;
                for (uint32_t k = 0; k < nt; k++) {
                    cnt += (int32_t)g_ref.acc[p] >= (int32_t)rec[p][1u + k];
                }
                cnt ^= (rec[p][0] & 1u) ? nt : 0u;
                for (uint32_t j = 0; j < n; j++) {
                    want |= ((cnt >> j) & 1u) << (8u * j + p);
                }
            }
        } else {
            set_accs((base + nt + 1u) % g_ref.depth, acc);
            wr(ST_COP_THR_OFFSET, base | (n << ST_COP_THR_BITS_Pos));
            got = rd(ST_COP_CODES_OFFSET);
        }
        check(!cop_sim_last_err() && got == want,
              "trial %u (%s, %u bits, record at %u%s): CODES 0x%08x, expected 0x%08x (ACC0 0x%08x, sign %u, T0 0x%08x)",
              (unsigned)trial, sorted ? "as the driver" : "raw", (unsigned)n, (unsigned)base,
              after_ops ? ", right after operations" : "", (unsigned)got, (unsigned)want,
              (unsigned)(after_ops ? g_ref.acc[0] : acc[0]), (unsigned)(rec[0][0] & 1u), (unsigned)rec[0][1]);
    }
    check_model("after the threshold counts");
}

static void t_fuzz(uint32_t n)
{
    static const uint32_t bes[] = {0xFu, 0xFu, 0xFu, 0x1u, 0x3u, 0xEu, 0x0u, 0x8u};
    fill_all();
    for (uint32_t i = 0; i < n && g_test_ok; i++) {
        const uint32_t r = st_rng_below(&g_rng, 100u);
        const uint32_t be = bes[st_rng_below(&g_rng, 8u)];
        const uint32_t v = (uint32_t)st_rng_next(&g_rng);
        uint32_t got;
        cop_sim_set_idle(st_rng_pct(&g_rng, 60u) ? 0u : 1u + st_rng_below(&g_rng, 4u));
        if (r < 45u) { /* an operation (sometimes a partial write: rejected) */
            const uint32_t ra = st_rng_below(&g_rng, g_ref.depth);
            const int neg = st_rng_pct(&g_rng, 30u), clr = st_rng_pct(&g_rng, 10u), adbl = st_rng_pct(&g_rng, 20u);
            const uint32_t a = st_rng_pct(&g_rng, 10u) ? 0u : v;
            (void)cop_sim_access(ST_COP_BASE + op_off(ra, neg, clr, adbl), 1, be, a);
            if (be == 0xFu) {
                ref_op(&g_ref, ra, neg, clr, adbl, a);
            }
            check(cop_sim_last_err() == (be != 0xFu), "fuzz %u: window write be 0x%x: rsp_err %d", (unsigned)i,
                  (unsigned)be, cop_sim_last_err());
        } else if (r < 60u) { /* ACC read */
            const uint32_t p = st_rng_below(&g_rng, 16u);
            got = cop_sim_access(ST_COP_BASE + ST_COP_ACC0_OFFSET + 4u * p, 0, be, 0);
            if (p < g_ref.pe) {
                check(!cop_sim_last_err() && got == g_ref.acc[p], "fuzz %u: ACC%u 0x%08x, expected 0x%08x", (unsigned)i,
                      (unsigned)p, (unsigned)got, (unsigned)g_ref.acc[p]);
            } else {
                check(cop_sim_last_err(), "fuzz %u: ACC%u (beyond NumPe) read without rsp_err", (unsigned)i,
                      (unsigned)p);
            }
        } else if (r < 68u) { /* WDATA */
            (void)cop_sim_access(ST_COP_BASE + ST_COP_WDATA_OFFSET, 1, be, v);
            if (be == 0xFu) {
                if (g_ref.wpe < g_ref.pe && g_ref.waddr < g_ref.depth) {
                    g_ref.mem[g_ref.wpe][g_ref.waddr] = v;
                }
                g_ref.waddr = (g_ref.waddr + 1u) & g_ref.amask;
            }
            check(cop_sim_last_err() == (be != 0xFu), "fuzz %u: WDATA write be 0x%x: rsp_err %d", (unsigned)i,
                  (unsigned)be, cop_sim_last_err());
        } else if (r < 74u) { /* WPTR write (inside the memory) */
            const uint32_t w = (st_rng_below(&g_rng, g_ref.pmask + 1u) << 16) | st_rng_below(&g_rng, g_ref.depth);
            (void)cop_sim_access(ST_COP_BASE + ST_COP_WPTR_OFFSET, 1, be, w);
            if (be == 0xFu) {
                g_ref.wpe = w >> 16;
                g_ref.waddr = w & 0xFFFFu;
            }
            check(cop_sim_last_err() == (be != 0xFu), "fuzz %u: WPTR write be 0x%x: rsp_err %d", (unsigned)i,
                  (unsigned)be, cop_sim_last_err());
        } else if (r < 80u) { /* MODE write, also between operations */
            (void)cop_sim_access(ST_COP_BASE + ST_COP_MODE_OFFSET, 1, be, v);
            if (be & 1u) {
                ref_mode_write(v);
            }
            check(!cop_sim_last_err(), "fuzz %u: MODE write answered rsp_err", (unsigned)i);
        } else if (r < 84u) { /* OPS: read or clear */
            if (st_rng_pct(&g_rng, 30u)) {
                (void)cop_sim_access(ST_COP_BASE + ST_COP_OPS_OFFSET, 1, be, v);
                g_ref.ops = 0;
            } else {
                got = rd(ST_COP_OPS_OFFSET);
                check(got == g_ref.ops, "fuzz %u: OPS %u, expected %u", (unsigned)i, (unsigned)got,
                      (unsigned)g_ref.ops);
            }
        } else if (r < 90u) { /* register reads */
            got = rd(ST_COP_WPTR_OFFSET);
            check(got == ((g_ref.wpe << 16) | g_ref.waddr), "fuzz %u: WPTR 0x%08x, expected 0x%08x", (unsigned)i,
                  (unsigned)got, (unsigned)((g_ref.wpe << 16) | g_ref.waddr));
            got = rd(ST_COP_MODE_OFFSET);
            check(got == ref_mode(), "fuzz %u: MODE %u, expected %u", (unsigned)i, (unsigned)got,
                  (unsigned)ref_mode());
            (void)rd(ST_COP_STATUS_OFFSET);
        } else { /* an access that must fail */
            static const uint32_t bad[] = {0x24u, 0x3Cu, 0x80u, 0x200u, 0x7FFCu};
            const uint32_t k = st_rng_below(&g_rng, 9u);
            if (k < 5u) {
                (void)cop_sim_access(ST_COP_BASE + bad[k], st_rng_pct(&g_rng, 50u), be, v);
            } else if (k == 5u) {
                (void)cop_sim_access(ST_COP_BASE + ST_COP_WDATA_OFFSET, 0, be, 0);
            } else if (k == 6u) {
                (void)cop_sim_access(ST_COP_BASE + op_off(st_rng_below(&g_rng, g_ref.depth), 0, 0, 0), 0, be, 0);
            } else if (k == 7u) {
                (void)cop_sim_access(ST_COP_BASE + ST_COP_ACC0_OFFSET + 4u * st_rng_below(&g_rng, g_ref.pe), 1, be, v);
            } else {
                (void)cop_sim_access(ST_COP_BASE + (st_rng_pct(&g_rng, 50u) ? ST_COP_CAPS_OFFSET : ST_COP_STATUS_OFFSET),
                                     1, be, v);
            }
            check(cop_sim_last_err(), "fuzz %u: an invalid access (kind %u) answered without rsp_err", (unsigned)i,
                  (unsigned)k);
        }
    }
    cop_sim_set_idle(0);
    check_model("after the fuzz");
}

/* A master with several requests outstanding (bus rule 3), against the model in request order. ACC reads,
 * MODE reads and every rsp_err must be exact; the state after each burst too. OPS and WPTR read in the cycle
 * right after an operation / WDATA write was accepted may show the value before it (the slave updates them
 * a cycle later; the core's data port has one request outstanding and cannot see this): counted, printed. */
static void t_pipelined(void)
{
    static cop_sim_req_t req[16];
    static uint32_t want[16], got[16];
    static uint8_t err[16], want_err[16], kind[16];
    uint32_t stale_ops = 0, stale_wptr = 0, acc_reads = 0, after_op = 0;
    enum { K_OTHER, K_ACC, K_OPS, K_WPTR, K_MODE, K_BUSY };
    uint32_t busy_reads = 0;
    cop_sim_set_idle(0);
    fill_all();
    for (uint32_t b = 0; b < 400u && g_test_ok; b++) {
        uint32_t n = 2u + st_rng_below(&g_rng, 9u);
        const int tail = st_rng_pct(&g_rng, 50u); /* end with an operation and an ACC read right after it */
        if (tail) {
            n -= 2u;
        }
        for (uint32_t i = 0; i < n + (tail ? 2u : 0u); i++) {
            const uint32_t r = (tail && i >= n) ? (i == n ? 0u : (st_rng_pct(&g_rng, 25u) ? 100u : 45u))
                                                : st_rng_below(&g_rng, 100u);
            const uint32_t v = (uint32_t)st_rng_next(&g_rng);
            cop_sim_req_t *q = &req[i];
            q->be = 0xFu;
            q->we = 1u;
            q->wdata = v;
            kind[i] = K_OTHER;
            want_err[i] = 0;
            want[i] = 0;
            if (r < 40u) {
                const uint32_t ra = st_rng_below(&g_rng, g_ref.depth);
                const int neg = st_rng_pct(&g_rng, 30u), clr = st_rng_pct(&g_rng, 10u), adbl = st_rng_pct(&g_rng, 20u);
                q->addr = ST_COP_BASE + op_off(ra, neg, clr, adbl);
                ref_op(&g_ref, ra, neg, clr, adbl, v);
            } else if (r < 65u) {
                const uint32_t p = st_rng_below(&g_rng, g_ref.pe);
                q->addr = ST_COP_BASE + ST_COP_ACC0_OFFSET + 4u * p;
                q->we = 0u;
                kind[i] = K_ACC;
                want[i] = g_ref.acc[p];
                acc_reads++;
                after_op += i > 0u && req[i - 1u].we && req[i - 1u].addr >= ST_COP_BASE + ST_COP_OP_OFFSET &&
                            req[i - 1u].be == 0xFu;
            } else if (r < 75u) {
                q->addr = ST_COP_BASE + ST_COP_WDATA_OFFSET;
                if (g_ref.wpe < g_ref.pe && g_ref.waddr < g_ref.depth) {
                    g_ref.mem[g_ref.wpe][g_ref.waddr] = v;
                }
                g_ref.waddr = (g_ref.waddr + 1u) & g_ref.amask;
            } else if (r < 80u) {
                q->addr = ST_COP_BASE + ST_COP_WPTR_OFFSET;
                q->wdata = (st_rng_below(&g_rng, g_ref.pe) << 16) | st_rng_below(&g_rng, g_ref.depth);
                g_ref.wpe = q->wdata >> 16;
                g_ref.waddr = q->wdata & 0xFFFFu;
            } else if (r < 85u) {
                q->addr = ST_COP_BASE + ST_COP_OPS_OFFSET;
                q->we = 0u;
                kind[i] = K_OPS;
                want[i] = g_ref.ops;
            } else if (r < 88u) {
                q->addr = ST_COP_BASE + ST_COP_OPS_OFFSET;
                g_ref.ops = 0;
            } else if (r < 92u) {
                q->addr = ST_COP_BASE + ST_COP_WPTR_OFFSET;
                q->we = 0u;
                kind[i] = K_WPTR;
                want[i] = (g_ref.wpe << 16) | g_ref.waddr;
            } else if (r == 100u) { /* STATUS in the cycle after an operation: BUSY */
                q->addr = ST_COP_BASE + ST_COP_STATUS_OFFSET;
                q->we = 0u;
                kind[i] = K_BUSY;
                want[i] = ST_COP_STATUS_BUSY_Msk;
                busy_reads++;
            } else if (r < 95u) {
                q->addr = ST_COP_BASE + ST_COP_MODE_OFFSET;
                q->we = 0u;
                kind[i] = K_MODE;
                want[i] = ref_mode();
            } else {
                /* rejected: a window read or a partial window write (no operation) */
                q->addr = ST_COP_BASE + op_off(st_rng_below(&g_rng, g_ref.depth), 0, 1, 0);
                q->we = st_rng_pct(&g_rng, 50u);
                q->be = q->we ? 0x7u : 0xFu;
                want_err[i] = 1;
            }
        }
        n += tail ? 2u : 0u;
        cop_sim_burst(req, n, got, err);
        for (uint32_t i = 0; i < n; i++) {
            check(err[i] == want_err[i], "burst %u request %u (0x%08x %s): rsp_err %u", (unsigned)b, (unsigned)i,
                  (unsigned)req[i].addr, req[i].we ? "write" : "read", (unsigned)err[i]);
            if (kind[i] == K_ACC || kind[i] == K_MODE || kind[i] == K_BUSY) {
                check(got[i] == want[i], "burst %u request %u (read 0x%08x): 0x%08x, expected 0x%08x", (unsigned)b,
                      (unsigned)i, (unsigned)req[i].addr, (unsigned)got[i], (unsigned)want[i]);
            } else if (kind[i] == K_OPS) {
                stale_ops += got[i] != want[i];
            } else if (kind[i] == K_WPTR) {
                stale_wptr += got[i] != want[i];
            }
        }
        if (b % 50u == 49u) {
            check_model("after a pipelined burst");
        }
    }
    check(after_op != 0u && busy_reads != 0u, "no ACC / STATUS read followed an operation back to back");
    check_model("after the pipelined bursts");
    printf("     pipelined: %u ACC reads (%u in the cycle after an operation), exact; OPS / WPTR reads that did "
           "not yet show the request before them: %u / %u (one-cycle-late update, not visible to a "
           "one-outstanding master)\n",
           (unsigned)acc_reads, (unsigned)after_op, (unsigned)stale_ops, (unsigned)stale_wptr);
    cop_sim_set_idle(2);
}

/* ---- driver-level tests ---------------------------------------------------------------------------------- */

static uint8_t *g_pool_mem;
#define POOL_BYTES (8u << 20)

/* Run layer 0 of net through the driver in one call and compare with the MAC form. Returns mismatches. */
static uint32_t drv_run(st_cop_t *c, const st_rand_net_t *net, const uint32_t *w_packed, const int32_t *want,
                        st_cop_status_t *status)
{
    const st_layer_t *l = &net->l[0];
    const int bytes = net->input_is_bytes;
    const uint32_t nout = (uint32_t)l->out.h * l->out.w * l->out.c, sw = st_cop_scratch_words(l, bytes);
    uint32_t *in = (uint32_t *)malloc(4u * st_tensor_words(&l->in, bytes) + 4u);
    uint32_t *scratch = (uint32_t *)malloc(4u * sw);
    int32_t *acc = (int32_t *)malloc(4u * nout + 4u);
    uint32_t bad = 0;
    if (bytes) {
        st_pack_bytes(&l->in, net->codes[0], in);
    } else {
        st_pack_planes(&l->in, net->codes[0], in);
    }
    *status = st_cop_conv_acc_rows(c, l, bytes, in, w_packed, 0, l->out.h, acc, scratch, sw);
    if (*status == ST_COP_OK) {
        for (uint32_t e = 0; e < nout; e++) {
            if (acc[e] != want[e]) {
                if (bad < 4u) {
                    printf("     element %u: cop %d, expected %d\n", (unsigned)e, (int)acc[e], (int)want[e]);
                }
                bad++;
            }
        }
    }
    free(in);
    free(scratch);
    free(acc);
    return bad;
}

static int32_t *mac_of(st_pool_t *pool, const st_rand_net_t *net)
{
    const st_layer_t *l = &net->l[0];
    int32_t *acc = (int32_t *)st_pool_alloc(pool, 4u * l->out.h * l->out.w * l->out.c);
    if (acc != NULL) {
        st_conv_acc_mac(l, net->codes[0], acc);
    }
    return acc;
}

static st_layer_t dense_shape(uint32_t in_h, uint32_t in_w, uint32_t in_c, uint32_t bits, uint32_t w_bits,
                              uint32_t out_c)
{
    st_layer_t s;
    memset(&s, 0, sizeof s);
    s.type = ST_LAYER_DENSE;
    s.res_src = -1;
    s.in.h = (uint16_t)in_h;
    s.in.w = (uint16_t)in_w;
    s.in.c = (uint16_t)in_c;
    s.in.bits = (uint8_t)bits;
    s.kh = (uint8_t)in_h; /* the generator sizes DENSE weights by kh x kw: at most 255 each */
    s.kw = (uint8_t)in_w;
    s.stride = 1u;
    s.w_bits = (uint8_t)w_bits;
    s.out_bits = 0u;
    s.out.h = s.out.w = 1u;
    s.out.c = (uint16_t)out_c;
    s.out.bits = 32u;
    s.out.is_int32 = 1u;
    return s;
}

static void t_drv_check(void)
{
    static st_rand_net_t net;
    st_cop_t c;
    st_pool_t pool;
    st_layer_t l;
    st_cop_status_t s;
    const uint32_t depth = g_ref.depth;
    check(st_cop_probe(&c, ST_COP_BASE) == ST_COP_OK, "st_cop_probe failed");
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    /* layer kinds the coprocessor does not compute */
    l = dense_shape(2, 2, 8, 2, 2, 3);
    l.type = ST_LAYER_MAXPOOL;
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "MAXPOOL not rejected with ERR_LAYER");
    l.type = ST_LAYER_GSUM;
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "GSUM not rejected with ERR_LAYER");
    l = dense_shape(2, 2, 8, 2, 2, 3);
    l.in.bipolar = 1u;
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "a 2-bit bipolar input not rejected");
    l = dense_shape(2, 2, 8, 2, 2, 3);
    l.in.is_int32 = 1u;
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "an int32 input not rejected");
    l = dense_shape(2, 2, 8, 2, 0, 3);
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "w_bits 0 not rejected");
    l.w_bits = 9u;
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "w_bits 9 not rejected");
    l = dense_shape(2, 2, 8, 17, 2, 3);
    check(st_cop_layer_check(&c, &l, 0) == ST_COP_ERR_LAYER, "a 17-bit input not rejected");
    check(st_cop_layer_check(&c, &l, 0) != ST_COP_OK, "unreachable");
    for (uint32_t s2 = 0; s2 <= ST_COP_ERR_CODES + 1u; s2++) {
        check(st_cop_strerror((st_cop_status_t)s2) != NULL, "st_cop_strerror(%u) is NULL", (unsigned)s2);
    }
    /* the weight memory's edge: w_bits * KWORDS = depth fits exactly (and computes right), +1 word does not */
    {
        static const uint32_t wbs[] = {1u, 2u, 8u};
        for (uint32_t i = 0; i < sizeof wbs / sizeof wbs[0]; i++) {
            const uint32_t m = wbs[i], kwords = depth / m;
            const uint32_t out_c = 2u * g_ref.pe + 1u; /* several tiles, one per group */
            uint32_t h = 1;
            st_layer_t shape;
            while (kwords % h != 0u || kwords / h > 255u) { /* in.h x in.w = kwords taps of 32 channels */
                h++;
            }
            shape = dense_shape(h, kwords / h, 32, 1 + (i % 2u), m, out_c);
            int32_t *want;
            uint32_t *w, ops0 = c.ops, bad;
            st_pool_reset(&pool);
            if (depth % m != 0u) {
                continue;
            }
            if (st_rand_fixed_layer(&g_rng, &pool, &shape, 0, &net) != ST_OK || (want = mac_of(&pool, &net)) == NULL) {
                check(0, "cannot build the %u-bit edge layer", (unsigned)m);
                continue;
            }
            w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 0));
            st_pack_weights(&net.l[0], 0, w);
            check(st_cop_layer_check(&c, &net.l[0], 0) == ST_COP_OK, "w_bits %u x %u k-words = depth rejected",
                  (unsigned)m, (unsigned)kwords);
            bad = drv_run(&c, &net, w, want, &s);
            check(s == ST_COP_OK && bad == 0u, "w_bits %u x %u k-words = depth: %s, %u mismatches", (unsigned)m,
                  (unsigned)kwords, st_cop_strerror(s), (unsigned)bad);
            {
                /* an all-zero input needs no operation (the driver writes the zero accumulators itself) */
                const uint32_t n_in = (uint32_t)net.l[0].in.h * net.l[0].in.w * net.l[0].in.c;
                uint32_t nz = 0;
                for (uint32_t e = 0; e < n_in; e++) {
                    nz += net.codes[0][e] != 0u;
                }
                check(nz == 0u || (rd(ST_COP_OPS_OFFSET) != 0u && c.ops != ops0),
                      "the edge layer (%u non-zero input codes) issued no operation", (unsigned)nz);
            }
            /* one more k-word: the in.c = 33rd channel adds a word per tap */
            net.l[0].in.c = 33u;
            check(st_cop_layer_check(&c, &net.l[0], 0) == ST_COP_ERR_WBUF,
                  "w_bits %u x %u k-words (> depth) not rejected with ERR_WBUF", (unsigned)m, (unsigned)(2u * kwords));
            /* a BYTES input packs 32 channels per k-word: depth / m k-words of BYTES fit again through bit
             * planes (a bipolar input, or a coprocessor without MODE.BYTES); MODE.BYTES reaches 64 entries */
            {
                st_cop_t cb = c;
                const st_cop_status_t want_bm = (c.bytes && depth > 64u) ? ST_COP_ERR_WBUF : ST_COP_OK;
                cb.bytes = 0;
                net.l[0].in.c = 32u;
                check(st_cop_layer_check(&cb, &net.l[0], 1) == ST_COP_OK, "the BYTES edge layer rejected");
                check(st_cop_layer_check(&c, &net.l[0], 1) == want_bm,
                      "the BYTES edge layer (w_bits x KWORDS = %u) in MODE.BYTES: %s", (unsigned)depth,
                      st_cop_strerror(st_cop_layer_check(&c, &net.l[0], 1)));
                net.l[0].in.bits = 1u;
                net.l[0].in.bipolar = 1u;
                check(st_cop_layer_check(&c, &net.l[0], 1) == ST_COP_OK, "the bipolar BYTES edge layer rejected");
                net.l[0].in.w = (uint16_t)(net.l[0].in.w + 1u);
                check(st_cop_layer_check(&c, &net.l[0], 1) == ST_COP_ERR_WBUF,
                      "the bipolar BYTES layer one k-word over accepted");
                net.l[0].in.bipolar = 0u;
                check(st_cop_layer_check(&cb, &net.l[0], 1) == ST_COP_ERR_WBUF,
                      "the BYTES layer one k-word over accepted");
            }
        }
    }
    /* a short scratch buffer and a rejected layer issue nothing */
    {
        st_layer_t shape = dense_shape(2, 3, 40, 2, 3, 5);
        uint32_t *w, sw, ops = c.ops, ww = c.wwords, opsr;
        int32_t acc[5] = {7, 7, 7, 7, 7};
        uint32_t *in, scratch[64];
        st_pool_reset(&pool);
        if (st_rand_fixed_layer(&g_rng, &pool, &shape, 0, &net) != ST_OK) {
            check(0, "cannot build the scratch layer");
            return;
        }
        w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 0));
        in = (uint32_t *)st_pool_alloc(&pool, 4u * st_tensor_words(&net.l[0].in, 0));
        st_pack_weights(&net.l[0], 0, w);
        st_pack_planes(&net.l[0].in, net.codes[0], in);
        sw = st_cop_scratch_words(&net.l[0], 0);
        check(sw == 2u * 2u * 12u, "st_cop_scratch_words %u, expected 2 x 2 planes x 12 k-words (a word and its address per plane and k-word)", (unsigned)sw);
        opsr = rd(ST_COP_OPS_OFFSET);
        s = st_cop_conv_acc_rows(&c, &net.l[0], 0, in, w, 0, 1, acc, scratch, sw - 1u);
        check(s == ST_COP_ERR_SCRATCH, "a short scratch buffer gave %s", st_cop_strerror(s));
        net.l[0].w_bits = 0u;
        s = st_cop_conv_acc_rows(&c, &net.l[0], 0, in, w, 0, 1, acc, scratch, sw);
        check(s == ST_COP_ERR_LAYER, "w_bits 0 gave %s", st_cop_strerror(s));
        check(acc[0] == 7 && acc[4] == 7 && c.ops == ops && c.wwords == ww && rd(ST_COP_OPS_OFFSET) == opsr,
              "a call that failed wrote accumulators or issued operations");
    }
}

static void t_drv_resident(void)
{
    static st_rand_net_t net, net2;
    st_cop_t c;
    st_pool_t pool;
    st_layer_t shape;
    uint32_t *w, *in, *scratch, sw, nrow, ww0, per;
    int32_t *old_acc, *new_acc, *acc;
    st_cop_status_t s;
    memset(&shape, 0, sizeof shape);
    shape.type = ST_LAYER_CONV;
    shape.res_src = -1;
    shape.in.h = 5u;
    shape.in.w = 4u;
    shape.in.c = 37u;
    shape.in.bits = 2u;
    shape.kh = shape.kw = 3u;
    shape.stride = 1u;
    shape.pad = 1u;
    shape.w_bits = 3u;
    shape.out.h = 5u;
    shape.out.w = 4u;
    shape.out.c = (uint16_t)(g_ref.pe + 2u);
    shape.out.bits = 32u;
    shape.out.is_int32 = 1u;
    check(st_cop_probe(&c, ST_COP_BASE) == ST_COP_OK, "st_cop_probe failed");
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    nrow = (uint32_t)shape.out.w * shape.out.c;
    /* two weight sets for the same input whose accumulators differ (the generator may draw all-equal
     * weights or an all-zero input now and then: draw again) */
    for (uint32_t t = 0;; t++) {
        st_pool_reset(&pool);
        if (t == 20u || st_rand_fixed_layer(&g_rng, &pool, &shape, 0, &net) != ST_OK ||
            st_rand_fixed_layer_codes(&g_rng, &pool, &shape, 0, net.codes[0], &net2) != ST_OK) {
            check(0, "cannot build the residency layers");
            return;
        }
        old_acc = mac_of(&pool, &net);
        new_acc = mac_of(&pool, &net2);
        if (memcmp(old_acc, new_acc, 4u * nrow * shape.out.h) != 0) {
            break;
        }
    }
    per = shape.w_bits * st_weight_kwords(&net.l[0], 0);
    w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 0));
    in = (uint32_t *)st_pool_alloc(&pool, 4u * st_tensor_words(&net.l[0].in, 0));
    sw = st_cop_scratch_words(&net.l[0], 0);
    scratch = (uint32_t *)st_pool_alloc(&pool, 4u * sw);
    acc = (int32_t *)st_pool_alloc(&pool, 4u * nrow * shape.out.h);
    st_pack_weights(&net.l[0], 0, w);
    st_pack_planes(&net.l[0].in, net.codes[0], in);
    ww0 = c.wwords;
    s = st_cop_conv_acc_rows(&c, &net.l[0], 0, in, w, 0, 1, acc, scratch, sw);
    check(s == ST_COP_OK && memcmp(acc, old_acc, 4u * nrow) == 0, "band 0..1 wrong");
    check(c.wwords - ww0 == shape.out.c * per, "the first band wrote %u weight words, expected %u",
          (unsigned)(c.wwords - ww0), (unsigned)(shape.out.c * per));
    ww0 = c.wwords;
    s = st_cop_conv_acc_rows(&c, &net.l[0], 0, in, w, 1, shape.out.h, acc + nrow, scratch, sw);
    check(s == ST_COP_OK && memcmp(acc, old_acc, 4u * nrow * shape.out.h) == 0, "band 1..h wrong");
    check(c.wwords == ww0, "the second band reloaded %u weight words", (unsigned)(c.wwords - ww0));
    /* new weights in the same buffer, no invalidate: the resident (old) weights are used */
    st_pack_weights(&net2.l[0], 0, w);
    s = st_cop_conv_acc_rows(&c, &net2.l[0], 0, in, w, 0, shape.out.h, acc, scratch, sw);
    check(s == ST_COP_OK && memcmp(acc, old_acc, 4u * nrow * shape.out.h) == 0 && c.wwords == ww0,
          "without st_cop_invalidate the weights were reloaded (or the result is wrong)");
    st_cop_invalidate(&c);
    s = st_cop_conv_acc_rows(&c, &net2.l[0], 0, in, w, 2, 4, acc, scratch, sw);
    check(s == ST_COP_OK && memcmp(acc, new_acc + 2u * nrow, 4u * nrow * 2u) == 0 &&
              c.wwords - ww0 == shape.out.c * per,
          "after st_cop_invalidate: wrong accumulators or %u weight words", (unsigned)(c.wwords - ww0));
}

static void t_drv_zero(void)
{
    static st_rand_net_t net;
    st_cop_t c;
    st_pool_t pool;
    st_layer_t shape;
    st_cop_status_t s;
    uint16_t codes[6 * 5 * 3];
    int32_t *want;
    uint32_t *w, bad;
    check(st_cop_probe(&c, ST_COP_BASE) == ST_COP_OK, "st_cop_probe failed");
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    /* BYTES input of zeros: every k-word is dropped, every accumulator 0 without an operation */
    memset(&shape, 0, sizeof shape);
    shape.type = ST_LAYER_CONV;
    shape.res_src = -1;
    shape.in.h = 6u;
    shape.in.w = 5u;
    shape.in.c = 3u;
    shape.in.bits = 8u;
    shape.kh = shape.kw = 3u;
    shape.stride = 2u;
    shape.pad = 1u;
    shape.w_bits = 4u;
    shape.out.h = 3u;
    shape.out.w = 3u;
    shape.out.c = (uint16_t)(g_ref.pe + 1u);
    shape.out.bits = 32u;
    shape.out.is_int32 = 1u;
    memset(codes, 0, sizeof codes);
    if (st_rand_fixed_layer_codes(&g_rng, &pool, &shape, 1, codes, &net) != ST_OK ||
        (want = mac_of(&pool, &net)) == NULL) {
        check(0, "cannot build the zero layer");
        return;
    }
    w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 1));
    st_pack_weights(&net.l[0], 1, w);
    wr(ST_COP_OPS_OFFSET, 0);
    bad = drv_run(&c, &net, w, want, &s);
    check(s == ST_COP_OK && bad == 0u, "all-zero BYTES input: %s, %u mismatches", st_cop_strerror(s), (unsigned)bad);
    check(rd(ST_COP_OPS_OFFSET) == 0u, "all-zero BYTES input issued %u operations", (unsigned)rd(ST_COP_OPS_OFFSET));
    /* windows entirely in the padding (pad < kernel size, but a 1-row kernel with pad 2 has output rows
     * 0, 1 and 4, 5 reading only padding rows): those accumulators are 0 without an operation; a bipolar
     * input, so the V plane of the valid taps is exercised too */
    memset(&shape, 0, sizeof shape);
    shape.type = ST_LAYER_CONV;
    shape.res_src = -1;
    shape.in.h = 2u;
    shape.in.w = 3u;
    shape.in.c = 5u;
    shape.in.bits = 1u;
    shape.in.bipolar = 1u;
    shape.kh = 1u;
    shape.kw = 3u;
    shape.stride = 1u;
    shape.pad = 2u;
    shape.w_bits = 1u;
    shape.out.h = 6u; /* (2 + 4 - 1) / 1 + 1 */
    shape.out.w = 5u; /* (3 + 4 - 3) / 1 + 1 */
    shape.out.c = 3u;
    shape.out.bits = 32u;
    shape.out.is_int32 = 1u;
    st_pool_reset(&pool);
    if (st_rand_fixed_layer(&g_rng, &pool, &shape, 0, &net) != ST_OK || (want = mac_of(&pool, &net)) == NULL) {
        check(0, "cannot build the padding layer");
        return;
    }
    w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 0));
    st_pack_weights(&net.l[0], 0, w);
    bad = drv_run(&c, &net, w, want, &s);
    check(s == ST_COP_OK && bad == 0u, "bipolar padded layer: %s, %u mismatches", st_cop_strerror(s), (unsigned)bad);
}

/* MODE.BYTES's 64 weight entries, through the driver. */
static void t_drv_bytes(void)
{
    static st_rand_net_t net;
    /* in.h x in.w x in.c (8-bit BYTES codes), w_bits, out_c in PE units (+1), what w_bits x KWORDS is */
    static const struct {
        uint32_t h, w, c, bits, bip, m, tiles;
        const char *what;
    } cases[] = {
        {4, 4, 32, 8, 0, 4, 2, "w4 x 16 k-words = 64 entries: fits, one tile per group"},
        {4, 4, 26, 8, 0, 5, 2, "w5 x 13 k-words = 65 entries: ERR_WBUF in MODE.BYTES, bit planes without it"},
        {4, 4, 16, 8, 0, 5, 3, "w5 x 8 k-words = 40 entries: one tile per group, reloaded every call"},
        {2, 2, 8, 8, 0, 8, 4, "w8 x 1 k-word: 8 tiles per group"},
        {4, 4, 26, 1, 1, 5, 1, "bipolar BYTES input, w5 x 13 k-words: bit planes (MODE.BYTES 0)"},
        {3, 5, 7, 3, 0, 1, 2, "3-bit BYTES codes, bipolar weights: MODE.BYTES + MODE.DBL"},
    };
    st_cop_t c;
    st_pool_t pool;
    check(st_cop_probe(&c, ST_COP_BASE) == ST_COP_OK, "st_cop_probe failed");
    st_pool_init(&pool, g_pool_mem, POOL_BYTES);
    for (uint32_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        st_layer_t shape = dense_shape(cases[i].h, cases[i].w, cases[i].c, cases[i].bits, cases[i].m,
                                       cases[i].tiles * g_ref.pe + 1u);
        const uint32_t kk = cases[i].h * cases[i].w * cases[i].c, per = cases[i].m * ((kk + 31u) / 32u);
        const int bm = g_ref.bcap && !cases[i].bip;
        const uint32_t cap = bm ? 64u : g_ref.depth, group = cap / per;
        const uint32_t want_mode = (cases[i].m == 1u ? ST_COP_MODE_DBL_Msk : 0u) | (bm ? ST_COP_MODE_BYTES_Msk : 0u);
        st_cop_status_t s, want_s = per > cap ? ST_COP_ERR_WBUF : ST_COP_OK;
        uint32_t *w, bad, ww0;
        int32_t *want;
        shape.in.bipolar = (uint8_t)cases[i].bip;
        st_pool_reset(&pool);
        if (st_rand_fixed_layer(&g_rng, &pool, &shape, 1, &net) != ST_OK || (want = mac_of(&pool, &net)) == NULL) {
            check(0, "cannot build the layer '%s'", cases[i].what);
            continue;
        }
        w = (uint32_t *)st_pool_alloc(&pool, 4u * st_weight_words(&net.l[0], 1));
        st_pack_weights(&net.l[0], 1, w);
        st_cop_invalidate(&c);
        check(st_cop_bytes_mode(&c, &net.l[0], 1) == bm, "%s: st_cop_bytes_mode %d", cases[i].what,
              st_cop_bytes_mode(&c, &net.l[0], 1));
        s = st_cop_layer_check(&c, &net.l[0], 1);
        check(s == want_s, "%s: st_cop_layer_check says %s", cases[i].what, st_cop_strerror(s));
        ww0 = c.wwords;
        bad = drv_run(&c, &net, w, want, &s);
        check(s == want_s && bad == 0u, "%s: %s, %u mismatches", cases[i].what, st_cop_strerror(s), (unsigned)bad);
        if (s != ST_COP_OK) {
            /* told that MODE.BYTES is absent, the driver takes the bit-plane path (the memory's limit) */
            st_cop_t cb = c;
            cb.bytes = 0;
            bad = drv_run(&cb, &net, w, want, &s);
            check(s == ST_COP_OK && bad == 0u && rd(ST_COP_MODE_OFFSET) == (cases[i].m == 1u ? 1u : 0u),
                  "%s: through bit planes: %s, %u mismatches, MODE 0x%x", cases[i].what, st_cop_strerror(s),
                  (unsigned)bad, (unsigned)rd(ST_COP_MODE_OFFSET));
            continue;
        }
        check(rd(ST_COP_MODE_OFFSET) == want_mode, "%s: MODE 0x%x after the layer, expected 0x%x", cases[i].what,
              (unsigned)rd(ST_COP_MODE_OFFSET), (unsigned)want_mode);
        check(c.wwords - ww0 == net.l[0].out.c * per, "%s: %u weight words written, expected %u", cases[i].what,
              (unsigned)(c.wwords - ww0), (unsigned)(net.l[0].out.c * per));
        /* a second call: resident when every tile fits one group, else reloaded */
        ww0 = c.wwords;
        bad = drv_run(&c, &net, w, want, &s);
        {
            const uint32_t tiles = (net.l[0].out.c + g_ref.pe - 1u) / g_ref.pe;
            const uint32_t want_ww = group >= tiles ? 0u : net.l[0].out.c * per;
            check(s == ST_COP_OK && bad == 0u && c.wwords - ww0 == want_ww,
                  "%s: second call %s, %u mismatches, %u weight words (expected %u: %u tiles, %u per group)",
                  cases[i].what, st_cop_strerror(s), (unsigned)bad, (unsigned)(c.wwords - ww0), (unsigned)want_ww,
                  (unsigned)tiles, (unsigned)group);
        }
    }
}

/* ---- the suite ------------------------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    void (*fn)(void);
} test_t;

static uint32_t g_fuzz_n;
static void t_fuzz_n(void)
{
    t_fuzz(g_fuzz_n);
}

int cop_directed(uint64_t seed, int argc, char **argv)
{
    static const test_t tests[] = {
        {"reset", t_reset},           {"id-caps", t_id_caps},     {"mode", t_mode},
        {"bytes-op", t_bytes_op},
        {"wptr", t_wptr},             {"wdata", t_wdata},         {"placement", t_placement},
        {"bus-errors", t_bus_errors}, {"acc-hold", t_acc_hold},   {"ops", t_ops},
        {"reset-busy", t_reset_busy}, {"fuzz", t_fuzz_n},         {"pipelined", t_pipelined},
        {"thr", t_thr},
        {"drv-check", t_drv_check},
        {"drv-resident", t_drv_resident}, {"drv-zero", t_drv_zero}, {"drv-bytes", t_drv_bytes},
    };
    const char *only = cop_arg_str(argc, argv, "only");
    uint32_t pass = 0, fail = 0;
    memset(&g_ref, 0, sizeof g_ref);
    g_ref.pe = cop_sim_build_pe();
    g_ref.depth = cop_sim_build_depth();
    g_ref.amask = (1u << clog2(g_ref.depth)) - 1u;
    g_ref.pmask = (1u << clog2(g_ref.pe)) - 1u;
    g_ref.bcap = cop_sim_build_bytes() ? 1u : 0u;
    g_ref.thr = (g_ref.pe <= 8u && 32u % g_ref.pe == 0u) ? 1u : 0u; /* st_cop's ThrUnit default */
    g_fuzz_n = (uint32_t)cop_arg(argc, argv, "fuzz", 4000);
    if (g_ref.pe == 0u || g_ref.pe > MAX_PE || g_ref.depth == 0u || g_ref.depth > MAX_DEPTH) {
        printf("directed: unsupported build (NumPe %u, WbufDepth %u)\ncop-directed: 0 passed, 1 failed\n",
               (unsigned)g_ref.pe, (unsigned)g_ref.depth);
        return 1;
    }
    st_rng_seed(&g_rng, seed ^ 0xD1EC7EDull);
    g_pool_mem = (uint8_t *)malloc(POOL_BYTES);
    cop_sim_set_idle((uint32_t)cop_arg(argc, argv, "idle", 2));
    for (uint32_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        const uint64_t c0 = cop_sim_cycles();
        if (only != NULL && strcmp(only, tests[i].name) != 0) {
            continue;
        }
        g_test_ok = 1;
        g_fail_msgs = 0;
        tests[i].fn();
        if (g_test_ok) {
            pass++;
            printf("ok   %-13s (%llu cycles)\n", tests[i].name, (unsigned long long)(cop_sim_cycles() - c0));
        } else {
            fail++;
            printf("FAIL %-13s SEED=%llu only=%s\n", tests[i].name, (unsigned long long)seed, tests[i].name);
        }
        fflush(stdout);
    }
    free(g_pool_mem);
    printf("cop-directed: %u passed, %u failed\n", (unsigned)pass, (unsigned)fail);
    return fail != 0u;
}
