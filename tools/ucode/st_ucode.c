/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_ucode.c - the descriptor checker's microprogram (docs/accelerator.md §2.5, §7.3) and its assembler.
 *
 * usage: st_ucode ROM.sv PKG.sv HDR.h
 *                                writes the module st_accel_ucode (rtl/accel/st_accel_ucode.sv: the program
 *                                ROM and the scratch RAM with its constants), the package
 *                                st_accel_ucode_pkg (rtl/accel/st_accel_ucode_pkg.sv: the word's encoding)
 *                                and the C header tests/accel/st_accel_ucode.h (the program's length for
 *                                the cycle model of docs/accelerator.md §4)
 *
 * The table `prog` below is the one source of truth: one line per step, in the order of §2.5, each with
 * the check it implements. The RAM read is registered: the read address of step i+1 is presented while
 * step i executes, so it travels in step i's word; a step's destination (an entry) is the write address.
 * The assembler inserts a no-op where a step reads the entry the step before it writes, checks every
 * field's range, simulates the checker's pipeline for each segment (pipe_cycles: a step must not see a
 * stale RAM entry, tile count or accumulator; the cycle counts go to the header) and writes the ROM as an
 * initialised memory, which Yosys maps to block RAM. Any problem is an error (exit 1).
 *
 * The machine (rtl/accel/st_accel_check.sv) has one accumulator `acc` (18 bits) and executes per step
 *     sum = P + B         P = 0 | acc | sat(acc * x) | (acc * x) mod 2^18      (mop)
 *                         B = x | ~x | ~x + 1 | imm                           (bop)
 * with x from the scratch RAM (LO: bits 17:0 of an entry, HI: bits 31:18) or from a field (FLD). A step
 * whose predicate is false does nothing. Otherwise: a failing check ends the sequence with its error
 * code; a check or flag step leaves acc alone; any other step writes sum into acc and, when it has a
 * destination, into that RAM entry (lo = sum[17:0], hi = sum[18:5]: the hi view of v + 31 is
 * ceil(v / 32)) and the configuration register mapped to the entry (cfg_entry).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_regs.h"

/* ---- the machine's fields (mirrored in rtl/accel/st_accel_check.sv) ------------------------------ */

enum { X_NONE = 0, X_LO = 1, X_HI = 2, X_FLD = 3 };       /* source of x (ROM code: LO 0, HI 1, FLD 2) */
enum { M_ZERO = 0, M_KEEP = 1, M_MULS = 2, M_MULM = 3 };   /* P */
enum { B_X = 0, B_NX = 1, B_NX1 = 2, B_IMM = 3 };          /* B (B_NX1: acc - x, B_NX: acc - x - 1) */
enum {                                                      /* the step fails when ... */
  FAIL_NONE = 0, FAIL_RANGE = 1 /* x == 0 or acc < x (with GE) */, FAIL_C = 2, FAIL_NC = 3, FAIL_Z = 4, FAIL_NZ = 5, FAIL_FLAG_C = 6,
  END = 7                                                   /* the last step: the record passed */
};

/* predicates (the checker decodes them from the opcode and flags) */
#define ITEM(n) n,
#define NAME(n) #n,
#define PREDS(X) \
  X(P_ALWAYS) X(P_CONV) X(P_MAX) X(P_GSUM) X(P_NCONV) X(P_NMAX) X(P_NGSUM) X(P_BYTES) X(P_NBYTES) \
  X(P_INT32) X(P_NINT32) X(P_RES) X(P_IBIP) X(P_OBIP) X(P_RBIP) X(P_OUTCHK) X(P_WSH) X(P_PLAIN) \
  X(P_BYTES_FLAG) X(P_CONV_NFLAG)
enum { PREDS(ITEM) P_COUNT };

/* FLD sources: the opcode / flag checks, record fields (word 0 / word 5, in flip-flops), the tile count */
#define FLDS(X) \
  X(F_BADOP) X(F_BADFLAGS) X(F_STRIDE) X(F_PAD_E) X(F_PAD) X(F_IN_BITS) X(F_W_BITS) X(F_OUT_BITS) \
  X(F_RES_BITS) X(F_CODE_MAX) X(F_P) X(F_Q3) X(F_Q4) X(F_TILES)
enum { FLDS(ITEM) F_COUNT };

/* configuration registers a step can load (0: none) */
#define CFGS(X) \
  X(C_NONE) X(C_IN_H) X(C_IN_W) X(C_IN_C) X(C_OUT_H) X(C_OUT_W) X(C_OUT_C) X(C_KH) X(C_KW) X(C_IN_OFF) \
  X(C_OUT_OFF) X(C_W_OFF) X(C_P_OFF) X(C_RES_OFF) X(C_CW) X(C_CWO) X(C_TILES) X(C_PIX) X(C_ROW) X(C_SX) \
  X(C_SY) X(C_ORG0) X(C_OPIX) X(C_RPIX) X(C_KWORDS) X(C_KWS) X(C_TILE_ENT) X(C_CHW) \
  X(C_NOX) X(C_NOY) X(C_NORG) X(C_NOPX) X(C_NRPX) X(C_NEND) X(C_KWCW)
enum { CFGS(ITEM) C_COUNT };

static const char *const pred_names[] = { PREDS(NAME) };
static const char *const fld_names[] = { FLDS(NAME) };
static const char *const cfg_names[] = { CFGS(NAME) };


/* scratch RAM entries: 1..4 and 6..10 are the record's words as they arrive (dimensions: lo = the low
 * half, hi = the high half, each {above 2047, 11 bits}; addresses: lo = {outside RAM, word offset},
 * hi = misaligned); the rest hold intermediate values. A step's destination is one entry: the RAM
 * writes it, and the configuration register mapped to it (cfg_entry) loads too. */
enum {
  R_IN_SHAPE = 1, R_CHANNELS = 2, R_OUT_SHAPE = 3, R_KERNEL = 4,
  R_C_KWS = 5, /* the GEOM word's entry (its fields are in flip-flops): free for a register's value */
  R_IN_ADDR = 6, R_OUT_ADDR = 7, R_W_ADDR = 8, R_P_ADDR = 9, R_RES_ADDR = 10,
  R_PIX = 11, R_ROWW, R_ROWS, R_KK, R_KW, R_KB, R_CHW, R_TE, R_OPIX, R_RPIX, R_OHW, R_OSZ, R_ISZ, R_WSZ,
  R_PSZ, R_RSZ, R_OEND, R_FO, R_LIM, R_CWT, R_CWOT, R_GB,
  /* the entries of configuration registers whose value the program does not read back */
  R_C_IN_H, R_C_IN_W, R_C_IN_C, R_C_OUT_H, R_C_OUT_W, R_C_OUT_C, R_C_KH, R_C_KW, R_C_IN_OFF, R_C_OUT_OFF,
  R_C_W_OFF, R_C_P_OFF, R_C_RES_OFF, R_C_TILES, R_C_SX, R_C_SY, R_C_ORG0, R_COUNT,
  /* constants: initialised with the block RAM, never written */
  K_C16 = R_COUNT, K_C31, K_MAX_DIM, K_MAX_CH, K_RAMWORDS, K_WBUF, K_PBUF, K_XB9, K_ZMAX, K_NUMPE, K_NUMPE_M1,
  K_NS, K_FOUR, K_END
};

/* The pixel walk (the generator's outer loop, docs/accelerator.md §7.3) keeps its state in entries the
 * checks use only as intermediate values: they are free once a record has passed, and the next record's
 * checks write them before reading them. The state describes the *next* output pixel of the tile group. */
enum {
  G_XR = R_ROWS,   /* pixels after the next one in its output row */
  G_YR = R_OHW,    /* output rows after the next pixel's row (register C_NEND: sum bit 17, the walk ended) */
  G_OX = R_OSZ,    /* the next pixel's window origin: input column (register C_NOX) */
  G_OY = R_ISZ,    /* ... input row (register C_NOY) */
  G_ORG = R_WSZ,   /* ... input word (BYTES: byte) offset, modulo 2^18 (register C_NORG) */
  G_RORG = R_PSZ,  /* the window origin of the next pixel's row's first pixel */
  G_OPX = R_RSZ,   /* the next pixel's output word offset (register C_NOPX) */
  G_RPX = R_OEND   /* the next pixel's residual word offset (register C_NRPX) */
};

/* the RAM entry each configuration register is mapped to */
static const uint8_t cfg_entry[C_COUNT] = {
  [C_IN_H] = R_C_IN_H, [C_IN_W] = R_C_IN_W, [C_IN_C] = R_C_IN_C, [C_OUT_H] = R_C_OUT_H,
  [C_OUT_W] = R_C_OUT_W, [C_OUT_C] = R_C_OUT_C, [C_KH] = R_C_KH, [C_KW] = R_C_KW, [C_IN_OFF] = R_C_IN_OFF,
  [C_OUT_OFF] = R_C_OUT_OFF, [C_W_OFF] = R_C_W_OFF, [C_P_OFF] = R_C_P_OFF, [C_RES_OFF] = R_C_RES_OFF,
  [C_CW] = R_CWT, [C_CWO] = R_CWOT, [C_TILES] = R_C_TILES, [C_PIX] = R_PIX, [C_ROW] = R_ROWW, [C_SX] = R_C_SX,
  [C_SY] = R_C_SY, [C_ORG0] = R_C_ORG0, [C_OPIX] = R_OPIX, [C_RPIX] = R_RPIX, [C_KWORDS] = R_KW,
  [C_KWS] = R_C_KWS, [C_TILE_ENT] = R_TE, [C_CHW] = R_CHW,
  [C_NOX] = G_OX, [C_NOY] = G_OY, [C_NORG] = G_ORG, [C_NOPX] = G_OPX, [C_NRPX] = G_RPX, [C_NEND] = G_YR,
  [C_KWCW] = R_FO, /* (FO is not read after the overlap checks) */
};

/* the constants' values: SystemVerilog expressions of the checker's parameters */
static const struct { int entry; const char *value; } konst[] = {
  { K_C16, "16" }, { K_C31, "31" }, { K_MAX_DIM, "st_accel_pkg::MAX_DIM" }, { K_MAX_CH, "st_accel_pkg::MAX_CH" },
  { K_RAMWORDS, "RamWords" }, { K_WBUF, "WbufDepth" }, { K_PBUF, "PbufWords" }, { K_XB9, "XbufWords / 9" },
  { K_ZMAX, "2 ** 18 - 1" }, { K_NUMPE, "NumPe" }, { K_NUMPE_M1, "NumPe - 1" }, { K_NS, "32 / SimdWidth" },
  { K_FOUR, "4" },
};

typedef struct {
  uint8_t pred, xsrc, xa, mop, bop;
  int8_t imm;
  uint8_t wr, wa, dst, fail, fset, err;
  const char *why;
} ust_t;

/* ---- a small vocabulary for the table ------------------------------------------------------------- */
#define IF(p)      .pred = (p)
#define LO(a)      .xsrc = X_LO, .xa = (a)
#define HI(a)      .xsrc = X_HI, .xa = (a)
#define FL(f)      .xsrc = X_FLD, .xa = (f)
#define LD         .mop = M_ZERO, .bop = B_X                 /* acc = x */
#define LDI(k)     .mop = M_ZERO, .bop = B_IMM, .imm = (k)   /* acc = k */
#define ADD        .mop = M_KEEP, .bop = B_X                 /* acc += x */
#define ADDI(k)    .mop = M_KEEP, .bop = B_IMM, .imm = (k)   /* acc += k */
#define SUB        .mop = M_KEEP, .bop = B_NX1               /* acc -= x */
#define MULS       .mop = M_MULS, .bop = B_IMM               /* acc = sat(acc * x), x < 2^11 */
#define MULM       .mop = M_MULM, .bop = B_IMM               /* acc = (acc * x) mod 2^18 */
#define GE         .mop = M_KEEP, .bop = B_NX1               /* carry = acc >= x, zero = acc == x */
#define GT         .mop = M_KEEP, .bop = B_NX                /* carry = acc > x */
#define ISX        .mop = M_ZERO, .bop = B_X                 /* zero = x == 0 */
#define NEG        .mop = M_ZERO, .bop = B_NX1               /* acc = -x */
#define FAIL(c, e) .fail = (c), .err = (e)
#define FLAG       .fset = 1                                 /* flag = carry */
#define ST(a)      .wr = 1, .wa = (a)
#define CFG(c)     .dst = (c)
#define WHY(s)     .why = (s)

#define E_OPC   ST_ACCEL_ERR_BAD_OPCODE
#define E_FLAGS ST_ACCEL_ERR_BAD_FLAGS
#define E_BITS  ST_ACCEL_ERR_BAD_BITS
#define E_DIM   ST_ACCEL_ERR_BAD_DIM
#define E_MIS   ST_ACCEL_ERR_MISALIGNED
#define E_ADDR  ST_ACCEL_ERR_BAD_ADDR
#define E_OVL   ST_ACCEL_ERR_OVERLAP
#define E_BUF   ST_ACCEL_ERR_BUF_SMALL

/* x in 1..acc */
#define IN_RANGE(p, src, e, s) { IF(p), src, GE, FAIL(FAIL_RANGE, e), WHY(s " 0 or above the limit in acc") }

/* §2.5.4 (CONV, MAXPOOL; pad 0 for MAXPOOL): (out - 1) * stride + k <= in + 2 pad < out * stride + k for
 * the height (V = LO: in_h, out_h, kh) or the width (V = HI) */
#define OUT_SHAPE(V, d) \
  { IF(P_NGSUM), FL(F_PAD_E), LD, WHY("4 BAD_DIM: acc = pad") }, \
  { IF(P_NGSUM), FL(F_PAD_E), ADD, WHY("4 BAD_DIM: acc = 2 pad") }, \
  { IF(P_NGSUM), V(R_IN_SHAPE), ADD, ST(R_LIM), WHY("4 BAD_DIM: LIM = in_" d " + 2 pad") }, \
  { IF(P_NGSUM), V(R_OUT_SHAPE), LD, WHY("4 BAD_DIM: acc = out_" d) }, \
  { IF(P_NGSUM), FL(F_STRIDE), MULS, WHY("4 BAD_DIM: acc = out_" d " * stride") }, \
  { IF(P_NGSUM), V(R_KERNEL), ADD, WHY("4 BAD_DIM: acc = out_" d " * stride + k" d) }, \
  { IF(P_NGSUM), FL(F_STRIDE), SUB, WHY("4 BAD_DIM: acc = (out_" d " - 1) * stride + k" d) }, \
  { IF(P_NGSUM), LO(R_LIM), GT, FAIL(FAIL_C, E_DIM), \
    WHY("4 BAD_DIM: the last window leaves the input (k" d " > in_" d " + 2 pad or out_" d " too large)") }, \
  { IF(P_NGSUM), FL(F_STRIDE), ADD, WHY("4 BAD_DIM: acc = out_" d " * stride + k" d) }, \
  { IF(P_NGSUM), LO(R_LIM), GT, FAIL(FAIL_NC, E_DIM), WHY("4 BAD_DIM: out_" d " too small") }

/* §2.5.6: the buffer at word offset entry `off` with `size` words lies inside RAM */
#define RANGE(p, off, size, s) \
  { IF(p), LO(K_RAMWORDS), LD, WHY(s ": acc = RamWords") }, \
  { IF(p), LO(off), GE, FAIL(FAIL_NC, E_ADDR), WHY(s ": offset beyond RAM (or outside the window)") }, \
  { IF(p), LO(off), SUB, WHY(s ": acc = words left after the offset") }, \
  { IF(p), LO(size), GE, FAIL(FAIL_NC, E_ADDR), WHY(s ": the buffer runs past the end of RAM") }

/* §2.5.7: [off, off + size) and the output buffer [out_off, OEND) do not overlap (flag: the first
 * half of the test) */
#define OVERLAP(p, off, size, s) \
  { IF(p), LO(off), LD, WHY(s ": acc = offset") }, \
  { IF(p), LO(size), ADD, WHY(s ": acc = end") }, \
  { IF(p), LO(R_OUT_ADDR), GT, FLAG, WHY(s ": flag = out_off < end") }, \
  { IF(p), LO(R_OEND), LD, WHY(s ": acc = output end") }, \
  { IF(p), LO(off), GT, FAIL(FAIL_FLAG_C, E_OVL), WHY(s ": overlaps the output buffer") }

static const ust_t prog[] = {
  /* §2.5 step 1 */
  { FL(F_BADOP), ISX, FAIL(FAIL_NZ, E_OPC), WHY("1 BAD_OPCODE: opcode not 1, 2 or 3") },
  /* step 2 */
  { FL(F_BADFLAGS), ISX, FAIL(FAIL_NZ, E_FLAGS), WHY("2 BAD_FLAGS: a flag the opcode does not allow") },

  /* step 3: BAD_BITS */
  { LO(K_C16), LD, WHY("3 BAD_BITS: in_bits limit 16 (CONV PLANES)") },
  { IF(P_BYTES), LDI(8), WHY("3 BAD_BITS: in_bits limit 8 (BYTES)") },
  { IF(P_NCONV), LDI(4), WHY("3 BAD_BITS: in_bits limit 4 (MAXPOOL, GSUM)") },
  IN_RANGE(P_ALWAYS, FL(F_IN_BITS), E_BITS, "3 BAD_BITS: in_bits"),
  { LDI(8), WHY("3 BAD_BITS: w_bits limit 8") },
  IN_RANGE(P_CONV, FL(F_W_BITS), E_BITS, "3 BAD_BITS: CONV w_bits"),
  { LDI(4), WHY("3 BAD_BITS: out_bits limit 4 (CONV)") },
  { IF(P_GSUM), LO(K_C16), LD, WHY("3 BAD_BITS: out_bits limit 16 (GSUM)") },
  IN_RANGE(P_OUTCHK, FL(F_OUT_BITS), E_BITS, "3 BAD_BITS: out_bits (CONV without OUT_INT32, GSUM)"),
  { IF(P_MAX), FL(F_IN_BITS), LD, WHY("3 BAD_BITS: MAXPOOL: acc = in_bits") },
  { IF(P_MAX), FL(F_OUT_BITS), GE, FAIL(FAIL_NZ, E_BITS), WHY("3 BAD_BITS: MAXPOOL out_bits != in_bits") },
  { LDI(4), WHY("3 BAD_BITS: res_bits limit 4") },
  IN_RANGE(P_RES, FL(F_RES_BITS), E_BITS, "3 BAD_BITS: RES res_bits"),
  { LDI(1), WHY("3 BAD_BITS: a bipolar width must be 1") },
  { IF(P_IBIP), FL(F_IN_BITS), GE, FAIL(FAIL_NZ, E_BITS), WHY("3 BAD_BITS: IN_BIPOLAR with in_bits != 1") },
  { IF(P_OBIP), FL(F_OUT_BITS), GE, FAIL(FAIL_NZ, E_BITS), WHY("3 BAD_BITS: OUT_BIPOLAR with out_bits != 1") },
  { IF(P_RBIP), FL(F_RES_BITS), GE, FAIL(FAIL_NZ, E_BITS), WHY("3 BAD_BITS: RES_BIPOLAR with res_bits != 1") },

  /* step 4: BAD_DIM (a dimension above 2047 reads as 2048 or more) */
  { LO(K_MAX_DIM), LD, WHY("4 BAD_DIM: acc = 2047") },
  IN_RANGE(P_ALWAYS, LO(R_IN_SHAPE), E_DIM, "4 BAD_DIM: in_h"),
  IN_RANGE(P_ALWAYS, HI(R_IN_SHAPE), E_DIM, "4 BAD_DIM: in_w"),
  IN_RANGE(P_ALWAYS, LO(R_OUT_SHAPE), E_DIM, "4 BAD_DIM: out_h"),
  IN_RANGE(P_ALWAYS, HI(R_OUT_SHAPE), E_DIM, "4 BAD_DIM: out_w"),
  IN_RANGE(P_NGSUM, LO(R_KERNEL), E_DIM, "4 BAD_DIM: CONV / MAXPOOL kh"),
  IN_RANGE(P_NGSUM, HI(R_KERNEL), E_DIM, "4 BAD_DIM: CONV / MAXPOOL kw"),
  { LO(K_MAX_CH), LD, WHY("4 BAD_DIM: acc = 1024") },
  IN_RANGE(P_ALWAYS, LO(R_CHANNELS), E_DIM, "4 BAD_DIM: in_c"),
  IN_RANGE(P_ALWAYS, HI(R_CHANNELS), E_DIM, "4 BAD_DIM: out_c"),
  { IF(P_NGSUM), FL(F_STRIDE), ISX, FAIL(FAIL_Z, E_DIM), WHY("4 BAD_DIM: CONV / MAXPOOL stride 0") },
  { IF(P_CONV), FL(F_PAD), LD, WHY("4 BAD_DIM: CONV: acc = pad") },
  { IF(P_CONV), LO(R_KERNEL), GE, FLAG, WHY("4 BAD_DIM: CONV: flag = pad >= kh") },
  { IF(P_CONV), HI(R_KERNEL), GE, FAIL(FAIL_FLAG_C, E_DIM), WHY("4 BAD_DIM: CONV pad > max(kh, kw) - 1") },
  { IF(P_MAX), FL(F_PAD), ISX, FAIL(FAIL_NZ, E_DIM), WHY("4 BAD_DIM: MAXPOOL pad != 0") },
  { IF(P_NCONV), LO(R_CHANNELS), LD, WHY("4 BAD_DIM: MAXPOOL / GSUM: acc = in_c") },
  { IF(P_NCONV), HI(R_CHANNELS), GE, FAIL(FAIL_NZ, E_DIM), WHY("4 BAD_DIM: MAXPOOL / GSUM out_c != in_c") },
  { LDI(1), WHY("4 BAD_DIM: acc = 1") },
  { IF(P_GSUM), LO(R_OUT_SHAPE), GE, FAIL(FAIL_NZ, E_DIM), WHY("4 BAD_DIM: GSUM out_h != 1") },
  { IF(P_GSUM), HI(R_OUT_SHAPE), GE, FAIL(FAIL_NZ, E_DIM), WHY("4 BAD_DIM: GSUM out_w != 1") },
  /* the output shape: (oh - 1) * stride + kh <= in_h + 2 pad < oh * stride + kh (pad 0 for MAXPOOL) */
  OUT_SHAPE(LO, "h"),
  OUT_SHAPE(HI, "w"),
  /* then, for GSUM, BAD_BITS when the sum can wrap */
  { IF(P_GSUM), FL(F_P), LD, WHY("4 GSUM: acc = 2^(out_bits mod 8)") },
  { IF(P_GSUM), FL(F_Q3), MULS, WHY("4 GSUM: acc = 2^(out_bits mod 16)") },
  { IF(P_GSUM), FL(F_Q4), MULS, WHY("4 GSUM: times 2^8 when out_bits = 16") },
  { IF(P_GSUM), FL(F_Q4), MULS, ST(R_GB), WHY("4 GSUM: GB = 2^out_bits") },
  { IF(P_GSUM), LO(R_IN_SHAPE), LD, WHY("4 GSUM: acc = in_h") },
  { IF(P_GSUM), FL(F_CODE_MAX), MULS, WHY("4 GSUM: acc = (2^in_bits - 1) * in_h") },
  { IF(P_GSUM), HI(R_IN_SHAPE), MULS, WHY("4 GSUM: acc = (2^in_bits - 1) * in_h * in_w") },
  { IF(P_GSUM), LO(R_GB), GE, FAIL(FAIL_C, E_BITS), WHY("4 GSUM BAD_BITS: the largest sum needs more than out_bits") },

  /* step 5: MISALIGNED (hi of an address entry: the two low bits are not 0) */
  { HI(R_IN_ADDR), ISX, FAIL(FAIL_NZ, E_MIS), WHY("5 MISALIGNED: IN_ADDR") },
  { HI(R_OUT_ADDR), ISX, FAIL(FAIL_NZ, E_MIS), WHY("5 MISALIGNED: OUT_ADDR") },
  { IF(P_CONV), HI(R_W_ADDR), ISX, FAIL(FAIL_NZ, E_MIS), WHY("5 MISALIGNED: W_ADDR (CONV)") },
  { IF(P_CONV), HI(R_P_ADDR), ISX, FAIL(FAIL_NZ, E_MIS), WHY("5 MISALIGNED: P_ADDR (CONV)") },
  { IF(P_RES), HI(R_RES_ADDR), ISX, FAIL(FAIL_NZ, E_MIS), WHY("5 MISALIGNED: RES_ADDR (RES)") },

  /* the configuration: fields, strides and sizes (no check fails here) */
  { LO(R_IN_SHAPE), LD, CFG(C_IN_H), WHY("cfg in_h") },
  { HI(R_IN_SHAPE), LD, CFG(C_IN_W), WHY("cfg in_w") },
  { LO(R_OUT_SHAPE), LD, CFG(C_OUT_H), WHY("cfg out_h") },
  { HI(R_OUT_SHAPE), LD, CFG(C_OUT_W), WHY("cfg out_w") },
  { IF(P_NGSUM), LO(R_KERNEL), LD, CFG(C_KH), WHY("cfg kh") },
  { IF(P_GSUM), LO(R_IN_SHAPE), LD, CFG(C_KH), WHY("cfg kh: GSUM, the whole input") },
  { IF(P_NGSUM), HI(R_KERNEL), MULS, ST(R_KK), WHY("KK = kh * kw") },
  { IF(P_GSUM), HI(R_IN_SHAPE), MULS, ST(R_KK), WHY("KK = in_h * in_w (GSUM)") },
  { IF(P_NGSUM), HI(R_KERNEL), LD, CFG(C_KW), WHY("cfg kw") },
  { IF(P_GSUM), HI(R_IN_SHAPE), LD, CFG(C_KW), WHY("cfg kw: GSUM, the whole input") },
  { LO(R_IN_ADDR), LD, CFG(C_IN_OFF), WHY("cfg in_off") },
  { LO(R_OUT_ADDR), LD, CFG(C_OUT_OFF), WHY("cfg out_off") },
  { LO(R_W_ADDR), LD, CFG(C_W_OFF), WHY("cfg w_off") },
  { LO(R_P_ADDR), LD, CFG(C_P_OFF), WHY("cfg p_off") },
  { LO(R_RES_ADDR), LD, CFG(C_RES_OFF), WHY("cfg res_off") },
  { HI(R_CHANNELS), LD, CFG(C_OUT_C), WHY("cfg out_c") },
  { LO(K_C31), ADD, ST(R_CWOT), CFG(C_CWO), WHY("CWOT = out_c + 31 (hi: cwo); cfg cwo") },
  { HI(R_CHANNELS), LD, WHY("acc = out_c") },
  { LO(K_NUMPE_M1), ADD, CFG(C_TILES), WHY("cfg tiles = (out_c + NumPe - 1) / NumPe") },
  { LO(R_CHANNELS), LD, CFG(C_IN_C), WHY("cfg in_c") },
  { LO(K_C31), ADD, ST(R_CWT), CFG(C_CW), WHY("CWT = in_c + 31 (hi: cw); cfg cw") },
  { IF(P_MAX), HI(R_CWT), LD, WHY("MAXPOOL: acc = cw") },
  { IF(P_MAX), LO(K_NUMPE), MULS, WHY("MAXPOOL: acc = cw * NumPe") },
  { IF(P_MAX), LO(K_NUMPE_M1), ADD, CFG(C_TILES), WHY("cfg tiles = cw (MAXPOOL: one channel word per tile)") },
  { IF(P_BYTES), LO(R_CHANNELS), LD, ST(R_PIX), CFG(C_PIX), WHY("PIX = in_c bytes per pixel (BYTES)") },
  { IF(P_NBYTES), FL(F_IN_BITS), LD, WHY("acc = in_bits") },
  { IF(P_NBYTES), HI(R_CWT), MULM, ST(R_PIX), CFG(C_PIX), WHY("PIX = in_bits * cw words per pixel") },
  { HI(R_IN_SHAPE), MULM, ST(R_ROWW), CFG(C_ROW), WHY("ROWW = in_w * PIX mod 2^18") },
  { LO(R_PIX), LD, WHY("acc = PIX") },
  { HI(R_IN_SHAPE), MULS, ST(R_ROWS), WHY("ROWS = sat(in_w * PIX)") },
  { LO(R_PIX), LD, WHY("acc = PIX") },
  { FL(F_STRIDE), MULM, CFG(C_SX), WHY("cfg step_x = stride * PIX mod 2^18") },
  { LO(R_ROWW), LD, WHY("acc = ROWW") },
  { FL(F_STRIDE), MULM, CFG(C_SY), WHY("cfg step_y = stride * ROWW mod 2^18") },
  { LO(R_ROWW), LD, WHY("acc = ROWW") },
  { LO(R_PIX), ADD, WHY("acc = ROWW + PIX") },
  { FL(F_PAD_E), MULM, CFG(C_ORG0), WHY("cfg org0 = pad * (ROWW + PIX) mod 2^18") },
  { IF(P_PLAIN), LO(R_KK), LD, WHY("acc = KK") },
  { IF(P_PLAIN), HI(R_CWT), MULS, ST(R_KW), CFG(C_KWORDS), WHY("KW = KWORDS = sat(kh * kw * cw)") },
  { IF(P_WSH), HI(R_CWT), LD, ST(R_KW), CFG(C_KWORDS), WHY("KW = KWORDS = cw (W_SHARED)") },
  { IF(P_GSUM), LDI(1), ST(R_KW), CFG(C_KWORDS), WHY("KW = KWORDS = 1 (GSUM: only the tile's channel word)") },
  { IF(P_BYTES), LO(R_KK), LD, WHY("BYTES: acc = KK") },
  { IF(P_BYTES), LO(R_CHANNELS), MULS, WHY("BYTES: acc = sat(kh * kw * in_c)") },
  { IF(P_BYTES), LO(K_ZMAX), GE, FLAG, WHY("BYTES: flag = the product saturated") },
  { IF(P_BYTES), LO(K_C31), ADD, ST(R_KB), WHY("BYTES: KB = kh * kw * in_c + 31 (hi: / 32)") },
  { IF(P_BYTES), HI(R_KB), LD, ST(R_KW), CFG(C_KWORDS), WHY("KW = KWORDS = ceil(kh * kw * in_c / 32) (BYTES)") },
  { IF(P_BYTES_FLAG), LO(K_ZMAX), LD, ST(R_KW), CFG(C_KWORDS), WHY("KW = saturated (BYTES): stays out of range") },
  { LO(R_KW), LD, WHY("acc = KW") },
  { LO(K_NS), MULM, CFG(C_KWS), WHY("cfg kws = KWORDS * slices") },
  { LO(R_KW), LD, WHY("acc = KW") },
  { FL(F_W_BITS), MULS, ST(R_CHW), CFG(C_CHW), WHY("CHW = sat(w_bits * KWORDS) weight words per channel") },
  { LO(K_NS), MULM, ST(R_TE), CFG(C_TILE_ENT), WHY("TE = CHW * slices mod 2^18: entries per channel") },
  { IF(P_INT32), HI(R_CHANNELS), LD, ST(R_OPIX), CFG(C_OPIX), WHY("OPIX = out_c words per pixel (OUT_INT32)") },
  { IF(P_NINT32), FL(F_OUT_BITS), LD, WHY("acc = out_bits") },
  { IF(P_NINT32), HI(R_CWOT), MULS, ST(R_OPIX), CFG(C_OPIX), WHY("OPIX = out_bits * cwo words per pixel") },
  { FL(F_RES_BITS), LD, WHY("acc = res_bits") },
  { HI(R_CWOT), MULS, ST(R_RPIX), CFG(C_RPIX), WHY("RPIX = res_bits * cwo words per residual pixel") },
  { LO(R_OUT_SHAPE), LD, WHY("acc = out_h") },
  { HI(R_OUT_SHAPE), MULS, ST(R_OHW), WHY("OHW = sat(out_h * out_w)") },
  { LO(R_OPIX), MULS, ST(R_OSZ), WHY("OSZ = sat(OHW * OPIX) output words") },
  { LO(R_ROWS), LD, WHY("acc = ROWS") },
  { LO(R_IN_SHAPE), MULS, ST(R_ISZ), WHY("ISZ = sat(in_h * ROWS) input words (BYTES: bytes)") },
  { IF(P_BYTES), ADDI(-1), ST(R_ISZ), WHY("ISZ = bytes - 1 (BYTES)") },
  { IF(P_CONV), LO(R_CHW), LD, WHY("acc = CHW") },
  { IF(P_CONV), HI(R_CHANNELS), MULS, ST(R_WSZ), WHY("WSZ = sat(out_c * CHW) weight words") },
  { IF(P_CONV), FL(F_P), LD, WHY("acc = P parameter words per channel") },
  { IF(P_CONV), HI(R_CHANNELS), MULS, ST(R_PSZ), WHY("PSZ = out_c * P parameter words") },
  { IF(P_RES), LO(R_OHW), LD, WHY("acc = OHW") },
  { IF(P_RES), LO(R_RPIX), MULS, ST(R_RSZ), WHY("RSZ = sat(OHW * RPIX) residual words") },

  /* step 6: BAD_ADDR, output, input, weights, parameters, residual */
  RANGE(P_ALWAYS, R_OUT_ADDR, R_OSZ, "6 BAD_ADDR: output"),
  { LO(K_RAMWORDS), LD, WHY("6 BAD_ADDR: input: acc = RamWords") },
  { LO(R_IN_ADDR), GE, FAIL(FAIL_NC, E_ADDR), WHY("6 BAD_ADDR: input offset beyond RAM (or outside the window)") },
  { IF(P_BYTES), LO(K_ZMAX), LD, WHY("6 BAD_ADDR: BYTES: acc = 2^18 - 1") },
  { IF(P_BYTES), LO(R_ISZ), GT, FAIL(FAIL_Z, E_ADDR), WHY("6 BAD_ADDR: BYTES input size saturated") },
  { IF(P_BYTES), LO(K_RAMWORDS), LD, WHY("6 BAD_ADDR: BYTES: acc = RamWords") },
  { LO(R_IN_ADDR), SUB, WHY("6 BAD_ADDR: input: acc = words left after the offset") },
  { IF(P_BYTES), LO(K_FOUR), MULS, WHY("6 BAD_ADDR: BYTES: acc = bytes left") },
  { IF(P_BYTES), LO(R_ISZ), GT, FAIL(FAIL_NC, E_ADDR), WHY("6 BAD_ADDR: BYTES input runs past the end of RAM") },
  { IF(P_NBYTES), LO(R_ISZ), GE, FAIL(FAIL_NC, E_ADDR), WHY("6 BAD_ADDR: input runs past the end of RAM") },
  RANGE(P_CONV, R_W_ADDR, R_WSZ, "6 BAD_ADDR: weights"),
  RANGE(P_CONV, R_P_ADDR, R_PSZ, "6 BAD_ADDR: parameters"),
  RANGE(P_RES, R_RES_ADDR, R_RSZ, "6 BAD_ADDR: residual"),

  /* step 7: OVERLAP with the output buffer [out_off, OEND) */
  { LO(R_OUT_ADDR), LD, WHY("7 OVERLAP: acc = out_off") },
  { LO(R_OSZ), ADD, ST(R_OEND), WHY("7 OVERLAP: OEND = out_off + OSZ") },
  { IF(P_BYTES), LO(R_OUT_ADDR), LD, WHY("7 OVERLAP: BYTES: acc = out_off") },
  { IF(P_BYTES), LO(K_FOUR), MULS, ST(R_FO), WHY("7 OVERLAP: BYTES: FO = 4 out_off") },
  { IF(P_BYTES), LO(R_IN_ADDR), LD, WHY("7 OVERLAP: BYTES: acc = in_off") },
  { IF(P_BYTES), LO(K_FOUR), MULS, WHY("7 OVERLAP: BYTES: acc = 4 in_off") },
  { IF(P_BYTES), LO(R_ISZ), ADD, WHY("7 OVERLAP: BYTES: acc = 4 in_off + bytes - 1") },
  { IF(P_BYTES), LO(R_FO), GE, FLAG, WHY("7 OVERLAP: BYTES: flag = out_off < in_off + ceil(bytes / 4)") },
  { IF(P_NBYTES), LO(R_IN_ADDR), LD, WHY("7 OVERLAP: input: acc = in_off") },
  { IF(P_NBYTES), LO(R_ISZ), ADD, WHY("7 OVERLAP: input: acc = input end") },
  { IF(P_NBYTES), LO(R_OUT_ADDR), GT, FLAG, WHY("7 OVERLAP: input: flag = out_off < input end") },
  { LO(R_OEND), LD, WHY("7 OVERLAP: input: acc = output end") },
  { LO(R_IN_ADDR), GT, FAIL(FAIL_FLAG_C, E_OVL), WHY("7 OVERLAP: the input overlaps the output buffer") },
  OVERLAP(P_CONV, R_W_ADDR, R_WSZ, "7 OVERLAP: weights"),
  OVERLAP(P_CONV, R_P_ADDR, R_PSZ, "7 OVERLAP: parameters"),
  OVERLAP(P_RES, R_RES_ADDR, R_RSZ, "7 OVERLAP: residual"),

  /* step 8: BUF_SMALL; first the flag all_fit reads: flag = the tiles do not all fit at once */
  { LO(R_TE), LD, WHY("8 fit: acc = TE") },
  { FL(F_TILES), MULS, WHY("8 fit: acc = sat(tiles * TE) weight entries of the layer") },
  { LO(K_WBUF), GT, FLAG, WHY("8 fit: flag = the layer's weights exceed WbufDepth") },
  { IF(P_CONV_NFLAG), FL(F_TILES), LD, WHY("8 fit: CONV: acc = tiles") },
  { IF(P_CONV_NFLAG), LO(K_NUMPE), MULS, WHY("8 fit: CONV: acc = tiles * NumPe") },
  { IF(P_CONV_NFLAG), FL(F_P), MULS, WHY("8 fit: CONV: acc = tiles * NumPe * P") },
  { IF(P_CONV_NFLAG), LO(K_PBUF), GT, FLAG, WHY("8 fit: CONV: flag = the layer's parameters exceed PbufWords") },
  { IF(P_NMAX), LO(K_WBUF), LD, WHY("8 BUF_SMALL: acc = WbufDepth") },
  { IF(P_NMAX), LO(R_TE), GE, FAIL(FAIL_NC, E_BUF), WHY("8 BUF_SMALL: one tile's weights exceed WbufDepth") },
  { IF(P_CONV), LO(K_NUMPE), LD, WHY("8 BUF_SMALL: CONV: acc = NumPe") },
  { IF(P_CONV), FL(F_P), MULS, WHY("8 BUF_SMALL: CONV: acc = NumPe * P") },
  { IF(P_CONV), LO(K_PBUF), GT, FAIL(FAIL_C, E_BUF), WHY("8 BUF_SMALL: one tile's parameters exceed PbufWords") },
  { IF(P_BYTES), LO(R_KW), LD, WHY("8 BUF_SMALL: BYTES: acc = KWORDS") },
  { IF(P_BYTES), LO(K_XB9), GT, FAIL(FAIL_C, E_BUF), WHY("8 BUF_SMALL: BYTES kernel window above CAPS3.BYTES_KWORDS") },
  /* the generator's kernel-row step (its weight entry advances by kw * CW from one kernel row to the next) */
  { HI(R_KERNEL), LD, WHY("acc = kw") },
  { HI(R_CWT), MULM, ST(R_FO), CFG(C_KWCW), WHY("cfg kwcw = kw * cw mod 2^18 (GSUM: not read)") },
  { FAIL(END, 0), WHY("the record passed every check") },
};

/* The pixel walk: three subroutines the generator starts once the record has passed (st_accel_gen asks
 * while this machine is idle; a subroutine's END raises no done). INIT: the walk of a tile group starts
 * at output pixel (0, 0). ADVANCE: the next pixel becomes the one after it; the machine starts ADV when
 * the flag says the next pixel is not the last of its row, else ADVW (a new row), so that neither path
 * spends cycles on the other's predicated-off steps. The registers C_NOX .. C_NEND hold the next pixel
 * for the generator, which copies them when it moves on and starts the next ADVANCE at once (it waits
 * only when a pixel ends before ADVANCE does); C_NEND (bit 17 of YR - 1) says there is no next pixel. */
static const ust_t init_prog[] = {
  { FL(F_PAD_E), NEG, CFG(C_NOX), WHY("INIT: OX = -pad") },
  { ADDI(0), CFG(C_NOY), WHY("INIT: OY = -pad") },
  { HI(R_OUT_SHAPE), LD, WHY("INIT: acc = out_w") },
  { ADDI(-1), ST(G_XR), WHY("INIT: XR = out_w - 1") },
  { ADDI(-1), FLAG, WHY("INIT: flag = XR >= 1: the next ADVANCE stays in the row") },
  { LO(R_OUT_SHAPE), LD, WHY("INIT: acc = out_h") },
  { ADDI(-1), ST(G_YR), CFG(C_NEND), WHY("INIT: YR = out_h - 1 (bit 17 clear: the walk goes on)") },
  { LO(R_C_OUT_OFF), LD, ST(G_OPX), CFG(C_NOPX), WHY("INIT: OPX = out_off") },
  { LO(R_C_RES_OFF), LD, ST(G_RPX), CFG(C_NRPX), WHY("INIT: RPX = res_off") },
  { LO(R_C_IN_OFF), LD, WHY("INIT: acc = in_off") },
  { IF(P_BYTES), LO(K_FOUR), MULM, WHY("INIT: BYTES: acc = 4 in_off (bytes)") },
  { LO(R_C_ORG0), SUB, ST(G_RORG), WHY("INIT: RORG = in_off - org0 mod 2^18") },
  { ADDI(0), ST(G_ORG), CFG(C_NORG), WHY("INIT: ORG = RORG") },
  { FAIL(END, 0), WHY("INIT: done") },
};

static const ust_t adv_prog[] = {
  { FL(F_STRIDE), LD, WHY("ADV: acc = stride") },
  { LO(G_OX), ADD, ST(G_OX), CFG(C_NOX), WHY("ADV: OX += stride") },
  { LO(G_ORG), LD, WHY("ADV: acc = ORG") },
  { LO(R_C_SX), ADD, ST(G_ORG), CFG(C_NORG), WHY("ADV: ORG += step_x") },
  { LO(G_OPX), LD, WHY("ADV: acc = OPX") },
  { LO(R_OPIX), ADD, ST(G_OPX), CFG(C_NOPX), WHY("ADV: OPX += out_pix") },
  { LO(G_RPX), LD, WHY("ADV: acc = RPX") },
  { LO(R_RPIX), ADD, ST(G_RPX), CFG(C_NRPX), WHY("ADV: RPX += res_pix") },
  { LO(G_XR), LD, WHY("ADV: acc = XR") },
  { ADDI(-1), ST(G_XR), WHY("ADV: XR = XR - 1") },
  { ADDI(-1), FLAG, WHY("ADV: flag = XR >= 1: the next ADVANCE stays in the row") },
  { FAIL(END, 0), WHY("ADV: done") },
};

static const ust_t advw_prog[] = {
  { FL(F_PAD_E), NEG, ST(G_OX), CFG(C_NOX), WHY("ADVW: OX = -pad") },
  { HI(R_OUT_SHAPE), LD, WHY("ADVW: acc = out_w") },
  { ADDI(-1), ST(G_XR), WHY("ADVW: XR = out_w - 1") },
  { ADDI(-1), FLAG, WHY("ADVW: flag = XR >= 1: the next ADVANCE stays in the row") },
  { LO(G_OY), LD, WHY("ADVW: acc = OY") },
  { FL(F_STRIDE), ADD, ST(G_OY), CFG(C_NOY), WHY("ADVW: OY += stride") },
  { LO(G_RORG), LD, WHY("ADVW: acc = RORG") },
  { LO(R_C_SY), ADD, ST(G_RORG), WHY("ADVW: RORG += step_y") },
  { ADDI(0), ST(G_ORG), CFG(C_NORG), WHY("ADVW: ORG = RORG") },
  { LO(G_OPX), LD, WHY("ADVW: acc = OPX") },
  { LO(R_OPIX), ADD, ST(G_OPX), CFG(C_NOPX), WHY("ADVW: OPX += out_pix") },
  { LO(G_RPX), LD, WHY("ADVW: acc = RPX") },
  { LO(R_RPIX), ADD, ST(G_RPX), CFG(C_NRPX), WHY("ADVW: RPX += res_pix") },
  { LO(G_YR), LD, WHY("ADVW: acc = YR") },
  { ADDI(-1), ST(G_YR), CFG(C_NEND), WHY("ADVW: YR - 1; bit 17 set (YR was 0): the walk ended") },
  { FAIL(END, 0), WHY("ADVW: done") },
};

#define NPROG ((int)(sizeof prog / sizeof prog[0]))
#define ROM_DEPTH 256

/* ROM word: [4:0] pred, [6:5] xsrc, [8:7] mop, [10:9] bop, [16:11] raddr (the next step's),
 * [22:17] dst (RAM entry and register) / error code, [27:23] imm / FLD index, [30:28] fail, [31] fset */
static unsigned dest(const ust_t *s) {
  return (s->dst != C_NONE) ? cfg_entry[s->dst] : (s->wr ? s->wa : 0u);
}

static uint32_t pack(const ust_t *s, unsigned raddr) {
  unsigned imm = (s->xsrc == X_FLD) ? s->xa : ((unsigned)s->imm & 0x1Fu);
  unsigned dst = (s->fail != FAIL_NONE) ? s->err : dest(s);
  unsigned xcode = (s->xsrc == X_HI) ? 1u : ((s->xsrc == X_FLD) ? 2u : 0u);
  return (uint32_t)s->pred | ((uint32_t)xcode << 5) | ((uint32_t)s->mop << 7) | ((uint32_t)s->bop << 9) |
         ((uint32_t)raddr << 11) | ((uint32_t)dst << 17) | ((uint32_t)imm << 23) | ((uint32_t)s->fail << 28) |
         ((uint32_t)s->fset << 31);
}

static int reads_ram(const ust_t *s) { return s->xsrc == X_LO || s->xsrc == X_HI; }

static int readable(int a) {
  return (a >= R_IN_SHAPE && a <= R_KERNEL) || (a >= R_IN_ADDR && a < R_COUNT) || (a >= K_C16 && a < K_END);
}

static int check_step(int i, const ust_t *s) {
  const char *bad = NULL;
  if (s->pred >= P_COUNT) {
    bad = "predicate";
  } else if (s->xsrc == X_FLD && s->xa >= F_COUNT) {
    bad = "FLD index";
  } else if (reads_ram(s) && !readable(s->xa)) {
    bad = "RAM entry";
  } else if (s->wr && (s->wa < R_PIX || s->wa >= R_COUNT)) {
    bad = "RAM write entry (record words and constants are read-only)";
  } else if (s->wr && s->dst != C_NONE && cfg_entry[s->dst] != s->wa) {
    bad = "RAM entry and configuration register that are not mapped to each other";
  } else if (s->xsrc == X_FLD && s->bop == B_IMM && s->mop != M_MULS && s->mop != M_MULM) {
    bad = "FLD source with an immediate (they share a field)";
  } else if (s->bop == B_IMM && (s->imm < -16 || s->imm > 15)) {
    bad = "immediate";
  } else if (s->dst >= C_COUNT || (s->fail != FAIL_NONE && s->dst != C_NONE)) {
    bad = "configuration destination";
  } else if ((s->fail != FAIL_NONE || s->fset) && s->wr) {
    bad = "check that writes the RAM";
  } else if (s->fail != FAIL_NONE && s->fail != END && (s->err == 0 || s->err > 31)) {
    bad = "error code";
  } else if (s->fail == END && s->pred != P_ALWAYS) {
    bad = "predicated END";
  } else if (s->why == NULL) {
    bad = "missing comment";
  }
  if (bad != NULL) {
    fprintf(stderr, "st_ucode: step %d (%s): bad %s\n", i, s->why ? s->why : "?", bad);
    return 1;
  }
  return 0;
}

/* an output file: NULL (reported) when it cannot be opened */
static FILE *open_out(const char *path) {
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
  }
  return f;
}

/* closes an output file: 1 (reported) when a write failed */
static int close_out(FILE *f, const char *path) {
  if (fclose(f) != 0) {
    perror(path);
    return 1;
  }
  return 0;
}

/* the package st_accel_check decodes the word with: field positions and every code the table uses */
static int entry_init, entry_adv, entry_advw;

static int write_pkg(const char *path) {
  FILE *f = open_out(path);
  if (f == NULL) {
    return 1;
  }
  fprintf(f, "// SPDX-License-Identifier: Apache-2.0\n");
  fprintf(f, "// st_accel_ucode_pkg.sv - the encoding of the descriptor checker's microprogram words.\n");
  fprintf(f, "// GENERATED by tools/ucode/st_ucode.c (make accel-ucode); do not edit.\n\n");
  fprintf(f, "package st_accel_ucode_pkg;\n\n");
  fprintf(f, "  // fields of a word: [4:0] pred, [6:5] xsrc, [8:7] mop, [10:9] bop, [16:11] raddr (the next step's),\n");
  fprintf(f, "  // [22:17] dst (RAM entry and register; 0: none) / error code, [27:23] imm / FLD index, [30:28] fail,\n");
  fprintf(f, "  // [31] fset\n");
  fprintf(f, "  localparam logic [1:0] X_LO = 2'd0, X_HI = 2'd1, X_FLD = 2'd2;\n");
  fprintf(f, "  localparam logic [1:0] M_ZERO = 2'd%d, M_KEEP = 2'd%d, M_MULS = 2'd%d, M_MULM = 2'd%d;\n", M_ZERO, M_KEEP,
          M_MULS, M_MULM);
  fprintf(f, "  localparam logic [1:0] B_X = 2'd%d, B_NX = 2'd%d, B_NX1 = 2'd%d, B_IMM = 2'd%d;\n", B_X, B_NX, B_NX1, B_IMM);
  fprintf(f, "  localparam logic [2:0] FAIL_NONE = 3'd%d, FAIL_RANGE = 3'd%d, FAIL_C = 3'd%d, FAIL_NC = 3'd%d,\n",
          FAIL_NONE, FAIL_RANGE, FAIL_C, FAIL_NC);
  fprintf(f, "                         FAIL_Z = 3'd%d, FAIL_NZ = 3'd%d, FAIL_FLAG_C = 3'd%d, FAIL_END = 3'd%d;\n\n",
          FAIL_Z, FAIL_NZ, FAIL_FLAG_C, END);
  fprintf(f, "  // predicates\n");
  for (int i = 0; i < P_COUNT; i++) {
    fprintf(f, "  localparam logic [4:0] %s = 5'd%d;\n", pred_names[i], i);
  }
  fprintf(f, "\n  // FLD sources\n");
  for (int i = 0; i < F_COUNT; i++) {
    fprintf(f, "  localparam logic [4:0] %s = 5'd%d;\n", fld_names[i], i);
  }
  fprintf(f, "\n  // entry steps of the pixel walk's subroutines (st_accel_gen starts them)\n");
  fprintf(f, "  localparam logic [7:0] U_INIT = 8'd%d;\n", entry_init);
  fprintf(f, "  localparam logic [7:0] U_ADV = 8'd%d;\n", entry_adv);
  fprintf(f, "  localparam logic [7:0] U_ADVW = 8'd%d;\n", entry_advw);
  fprintf(f, "\n  // configuration registers: the destination (RAM entry) each one loads with\n");
  for (int i = 1; i < C_COUNT; i++) {
    fprintf(f, "  localparam logic [5:0] %s = 6'd%d;\n", cfg_names[i], cfg_entry[i]);
  }
  fprintf(f, "\nendpackage\n");
  return close_out(f, path);
}

/* The pipeline of rtl/accel/st_accel_check.sv, cycle by cycle, for one segment out[start..end) run with
 * every predicate true (a predicate only removes writes, and the holds never look at it): S1 shows the
 * word at pc; a word that moves on (latch) goes to E next cycle, or to S2 and then E when it is a product;
 * S1 holds its word while S2 holds a product (two cycles: the DSP, the correction), and for one cycle when
 * the operand it read (the address presented the cycle before) was the entry E wrote in that cycle.
 * Returns the cycle in which END is in E (cycle 0: the start request; the word of cycle 1 is the
 * segment's first), or -1 after printing a step that would see a stale value: a RAM operand read before
 * its writer's write landed, the tile count read in S1 before C_TILES was written, a product whose DSP
 * register takes acc (as E leaves it, in the cycle the product leaves S1) before the step before it ran. */
static int pipe_cycles(const ust_t *out, const uint32_t *rom, int start, int end) {
  int wcyc[64];      /* cycle in which the last E write of each entry landed (-1: none in this segment) */
  int tiles_cyc = -1;
  int ecyc[ROM_DEPTH]; /* the cycle each word of the segment was in E (-1: not yet) */
  for (int a = 0; a < 64; a++) {
    wcyc[a] = -1;
  }
  for (int i = 0; i < ROM_DEPTH; i++) {
    ecyc[i] = -1;
  }
  int pc = start, m = 0, m2 = 0, rr = 0, ve = 0, e = -1, s2 = -1;
  unsigned ra_q = 0, ra_prev = 0;  /* the read address presented last cycle (c - 1) */
  for (int c = 1; c < 4 * ROM_DEPTH; c++) {
    int hold = m || m2 || rr;
    unsigned ra = hold ? ra_q : ((rom[pc] >> 11) & 0x3Fu);
    int e_wr = 0;
    if (ve) {
      const ust_t *st = &out[e];
      if (st->fail == END) {
        return c;
      }
      e_wr = st->fail == FAIL_NONE && !st->fset && dest(st) != 0u;
      ecyc[e] = c;
    }
    if (e_wr) {
      wcyc[dest(&out[e])] = c;
      if (out[e].dst == C_TILES) {
        tiles_cyc = c;
      }
    }
    /* S1's word leaves now: its operand is what the address presented last cycle read */
    if (!hold) {
      const ust_t *st = &out[pc];
      if (reads_ram(st) && (pc == start || ra_prev != st->xa || c - 1 <= wcyc[st->xa])) {
        fprintf(stderr, "st_ucode: step %d (%s) reads entry %u before its write lands\n", pc, st->why, st->xa);
        return -1;
      }
      if (st->xsrc == X_FLD && st->xa == F_TILES && tiles_cyc >= c) {
        fprintf(stderr, "st_ucode: step %d (%s) reads the tile count before it is written\n", pc, st->why);
        return -1;
      }
    }
    int latch = !hold, mul = out[pc].mop == M_MULS || out[pc].mop == M_MULM;
    if (latch && mul && pc > start && (ecyc[pc - 1] < 0 || ecyc[pc - 1] > c)) {
      fprintf(stderr, "st_ucode: step %d (%s) multiplies acc before it is written\n", pc, out[pc].why);
      return -1;
    }
    int rr_d = e_wr && ra == dest(&out[e]);
    int ve_d = (latch && !mul) || m2;
    int m_d = latch && mul;
    int e_d = m2 ? s2 : (latch ? pc : e);
    if (latch) {
      ra_q = (rom[pc] >> 11) & 0x3Fu;
      if (mul) {
        s2 = pc;
      }
    }
    ra_prev = ra;
    e = e_d;
    ve = ve_d;
    m2 = m;
    m = m_d;
    rr = rr_d;
    pc = hold ? pc : pc + 1;
    if (pc > end) {
      break;
    }
  }
  fprintf(stderr, "st_ucode: segment at %d does not reach its END\n", start);
  return -1;
}

/* the C header of the cycle model (tests/accel): the program's timing, so that no test keeps it by hand */
static int write_hdr(const char *path, int steps, int nops, const int cyc[4]) {
  FILE *f = open_out(path);
  if (f == NULL) {
    return 1;
  }
  fprintf(f, "/* SPDX-License-Identifier: Apache-2.0 */\n");
  fprintf(f, "/* st_accel_ucode.h - the descriptor checker's microprogram as the cycle model sees it.\n");
  fprintf(f, " * GENERATED by tools/ucode/st_ucode.c (make accel-ucode); do not edit. */\n");
  fprintf(f, "#ifndef ST_ACCEL_UCODE_H\n#define ST_ACCEL_UCODE_H\n\n");
  fprintf(f, "/** Steps of the check's microprogram, inserted no-ops included. */\n");
  fprintf(f, "#define ST_UCODE_STEPS %du\n\n", steps);
  fprintf(f, "/** Of those, the no-ops the assembler inserted (a step reading the entry the step before it writes). */\n");
  fprintf(f, "#define ST_UCODE_NOPS %du\n\n", nops);
  fprintf(f, "/** Cycles from the start to the cycle the END step executes: the checker's pipeline runs every step\n");
  fprintf(f, " *  whatever the opcode (predicated-off steps too), one per cycle plus a cycle per product and per\n");
  fprintf(f, " *  operand read again, so a record that passes spends this many cycles in it (docs/accelerator.md\n");
  fprintf(f, " *  §4, §7.3). */\n");
  fprintf(f, "#define ST_UCODE_CYCLES %du\n\n", cyc[0]);
  fprintf(f, "/** The pixel walk's subroutines (st_accel_gen starts them; docs/accelerator.md §4, §7.3): INIT at a tile\n");
  fprintf(f, " *  group's start, ADVANCE for each next pixel (ADV within a row, ADVW into the next row), in cycles\n");
  fprintf(f, " *  as above. */\n");
  fprintf(f, "#define ST_UCODE_INIT_CYCLES %du\n", cyc[1]);
  fprintf(f, "#define ST_UCODE_ADV_CYCLES %du\n", cyc[2]);
  fprintf(f, "#define ST_UCODE_ADVW_CYCLES %du\n\n", cyc[3]);
  fprintf(f, "#endif /* ST_ACCEL_UCODE_H */\n");
  return close_out(f, path);
}

/* st_ucode --selftest: pipe_cycles on small segments, assembled as main assembles (the raddr of a word
 * is the next word's operand), with the verdict and cycle count each must give. A hazard the pipeline
 * does not resolve is rejected; one it resolves costs the cycles it should. */
static int selftest_one(const char *name, const ust_t *t, int len, int want) {
  static uint32_t rom[ROM_DEPTH];
  for (int i = 0; i < len; i++) {
    unsigned raddr = (i + 1 < len && reads_ram(&t[i + 1])) ? t[i + 1].xa : 0u;
    rom[i] = pack(&t[i], raddr);
  }
  fprintf(stderr, "  %s: ", name);
  int got = pipe_cycles(t, rom, 0, len);
  if (got < 0) {
    fprintf(stderr, "  (rejected)\n");
  } else {
    fprintf(stderr, "%d cycles\n", got);
  }
  if (got != want) {
    printf("FAIL %s: %d, expected %d\n", name, got, want);
    return 1;
  }
  printf("ok   %s: %s\n", name, want < 0 ? "rejected" : "cycles as expected");
  return 0;
}

static int selftest(void) {
  const ust_t N = { .mop = M_KEEP, .bop = B_IMM, .why = "nop" };
  const ust_t W = { LDI(1), ST(R_KK), WHY("KK = 1") };
  const ust_t R = { LO(R_KK), ADD, WHY("acc += KK") };
  const ust_t T = { LDI(1), CFG(C_TILES), WHY("tiles = 1") };
  const ust_t F = { FL(F_TILES), ADD, WHY("acc += tiles") };
  const ust_t M = { FL(F_STRIDE), MULS, WHY("acc *= stride") };
  const ust_t E = { FAIL(END, 0), WHY("end") };
  const ust_t plain[] = { N, N, N, E };            /* 3 steps and END: END in E at cycle 5 */
  const ust_t raw1[] = { W, R, E };                /* reads the entry the step before writes */
  const ust_t raw2[] = { W, N, R, E };             /* two before: read again, one cycle */
  const ust_t raw3[] = { W, N, N, R, E };          /* three before: no hold */
  const ust_t tiles1[] = { T, F, E };              /* the tile count right after its write */
  const ust_t tiles2[] = { T, N, F, E };
  const ust_t mul[] = { N, M, N, E };              /* a product: two cycles more */
  int f = 0;
  f += selftest_one("4 plain steps", plain, 4, 5);
  f += selftest_one("RAM read after the step before's write", raw1, 3, -1);
  f += selftest_one("RAM read two steps after the write (read again)", raw2, 4, 6);
  f += selftest_one("RAM read three steps after the write", raw3, 5, 6);
  f += selftest_one("tile count right after C_TILES", tiles1, 3, -1);
  f += selftest_one("tile count two steps after C_TILES", tiles2, 4, 5);
  f += selftest_one("a product", mul, 4, 7);
  printf("st_ucode selftest: %d failed\n", f);
  return f != 0;
}

int main(int argc, char **argv) {
  static ust_t out[ROM_DEPTH];
  static uint32_t rom[ROM_DEPTH];
  static const ust_t nop = { .mop = M_KEEP, .bop = B_IMM, .why = "(no-op: the next step reads the entry written now)" };
  int n = 0;
  int err = 0;
  if (argc == 2 && strcmp(argv[1], "--selftest") == 0) {
    return selftest();
  }
  if (argc != 4) {
    fprintf(stderr, "usage: st_ucode ROM.sv PKG.sv HDR.h | st_ucode --selftest\n");
    return 2;
  }
  /* the check, then the pixel walk's subroutines; a segment's first step that reads the RAM gets a no-op
   * before it (its read address travels in the word before, which is not the segment's) */
  const struct { const ust_t *t; int len; int *entry; } seg[4] = {
    { prog, NPROG, NULL },
    { init_prog, (int)(sizeof init_prog / sizeof init_prog[0]), &entry_init },
    { adv_prog, (int)(sizeof adv_prog / sizeof adv_prog[0]), &entry_adv },
    { advw_prog, (int)(sizeof advw_prog / sizeof advw_prog[0]), &entry_advw },
  };
  int len[4] = { 0, 0, 0, 0 };
  int nops = 0;
  for (int g = 0; g < 4; g++) {
    int start = n;
    if (seg[g].entry != NULL) {
      *seg[g].entry = n;
    }
    if (seg[g].t[seg[g].len - 1].fail != END) {
      fprintf(stderr, "st_ucode: segment %d must end with END\n", g);
      return 1;
    }
    for (int i = 0; i < seg[g].len; i++) {
      const ust_t *st = &seg[g].t[i];
      err |= check_step(i, st);
      /* a read of the RAM needs its address one step earlier: never in a segment's first step, never
       * right after a write (the write uses the same address field) */
      int gap = reads_ram(st) && (n == start || (dest(&out[n - 1]) == st->xa && out[n - 1].fail == FAIL_NONE &&
                                                 !out[n - 1].fset));
      if (n + gap + 1 > ROM_DEPTH) {
        fprintf(stderr, "st_ucode: more than %d steps\n", ROM_DEPTH);
        return 1;
      }
      if (gap) {
        out[n++] = nop;
        nops++;
      }
      out[n++] = *st;
    }
    len[g] = n - start;
  }
  if (err) {
    return 1;
  }
  for (int i = 0; i < n; i++) {
    unsigned raddr = (i + 1 < n && reads_ram(&out[i + 1])) ? out[i + 1].xa : 0u;
    rom[i] = pack(&out[i], raddr);
  }
  int cyc[4];
  for (int g = 0, at = 0; g < 4; at += len[g], g++) {
    cyc[g] = pipe_cycles(out, rom, at, at + len[g]);
    if (cyc[g] < 0) {
      return 1;
    }
  }

  FILE *f = open_out(argv[1]);
  if (f == NULL) {
    return 1;
  }
  fprintf(f, "// SPDX-License-Identifier: Apache-2.0\n");
  fprintf(f, "// st_accel_ucode.sv - the descriptor checker's microprogram ROM (%d steps) and scratch RAM.\n", n);
  fprintf(f, "// GENERATED by tools/ucode/st_ucode.c (make accel-ucode); do not edit.\n");
  fprintf(f, "// Step comments name the check of docs/accelerator.md §2.5 each step implements. Both memories are\n");
  fprintf(f, "// block RAMs initialised at configuration: the ROM with the program, the RAM with the constants\n");
  fprintf(f, "// the program reads (entries %d..%d, never written); entry = {hi = lo >> 5 (14 bits), lo (18 bits)}.\n\n",
          K_C16, K_END - 1);
  fprintf(f, "module st_accel_ucode #(\n");
  fprintf(f, "  parameter int NumPe     = 8,\n");
  fprintf(f, "  parameter int SimdWidth = 32,\n");
  fprintf(f, "  parameter int WbufDepth = 256,\n");
  fprintf(f, "  parameter int PbufWords = 256,\n");
  fprintf(f, "  parameter int XbufWords = 256,\n");
  fprintf(f, "  parameter int RamWords  = 32768\n");
  fprintf(f, ") (\n");
  fprintf(f, "  input  logic        clk_i,\n");
  fprintf(f, "  input  logic [7:0]  pc_i,     // the step whose word data_o shows next cycle\n");
  fprintf(f, "  output logic [31:0] uw_o,\n");
  fprintf(f, "  input  logic        we_i,     // scratch RAM write\n");
  fprintf(f, "  input  logic [5:0]  wa_i,\n");
  fprintf(f, "  input  logic [31:0] wd_i,\n");
  fprintf(f, "  input  logic [5:0]  ra_i,     // scratch RAM read: rd_o next cycle\n");
  fprintf(f, "  output logic [31:0] rd_o\n");
  fprintf(f, ");\n\n");
  fprintf(f, "  logic [31:0] rom [256];\n");
  fprintf(f, "  // no_rw_check: a step never uses what it reads from the entry written in the same cycle (st_ucode\n");
  fprintf(f, "  // inserts a no-op there, or the checker reads it again), so Yosys needs no read-during-write bypass\n");
  fprintf(f, "  (* no_rw_check *) logic [31:0] ram [256];\n\n");
  fprintf(f, "  initial begin\n");
  fprintf(f, "    for (int i = 0; i < 256; i++) begin\n      rom[i] = 32'h0;\n      ram[i] = 32'h0;\n    end\n");
  for (size_t k = 0; k < sizeof konst / sizeof konst[0]; k++) {
    fprintf(f, "    ram[%d] = {14'((%s) >> 5), 18'(%s)};\n", konst[k].entry, konst[k].value, konst[k].value);
  }
  for (int i = 0; i < n; i++) {
    fprintf(f, "    rom[%3d] = 32'h%08x;  // %s\n", i, (unsigned)rom[i], out[i].why);
  }
  fprintf(f, "  end\n\n");
  fprintf(f, "  always_ff @(posedge clk_i) begin\n");
  fprintf(f, "    uw_o <= rom[pc_i];\n");
  fprintf(f, "    if (we_i) begin\n      ram[8'(wa_i)] <= wd_i;\n    end\n");
  fprintf(f, "    rd_o <= ram[8'(ra_i)];\n");
  fprintf(f, "  end\n\n");
  fprintf(f, "endmodule\n");
  if (close_out(f, argv[1]) != 0) {
    return 1;
  }
  if (write_pkg(argv[2]) != 0) {
    return 1;
  }
  if (write_hdr(argv[3], len[0], len[0] - NPROG, cyc) != 0) {
    return 1;
  }
  printf("st_ucode: %d steps (%d no-ops; check %d, INIT %d, ADV %d, ADVW %d); cycles: check %d, INIT %d, ADV %d, "
         "ADVW %d -> %s, %s, %s\n", n, nops, len[0], len[1], len[2], len[3], cyc[0], cyc[1], cyc[2], cyc[3], argv[1],
         argv[2], argv[3]);
  return 0;
}
