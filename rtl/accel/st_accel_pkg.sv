// SPDX-License-Identifier: Apache-2.0
// st_accel_pkg.sv - accelerator-internal types: the checked layer configuration and the stream tokens.
//
// The descriptor layout itself is in driver/st_desc.h and docs/accelerator.md §2; the constants here
// mirror it for the RTL (st_accel_desc decodes with them).

package st_accel_pkg;

  // ---- descriptor (docs/accelerator.md §2) -------------------------------------------------------
  localparam int DESC_WORDS_READ = 11;  // words 0..10 are read; 11..15 are reserved
  localparam int DESC_BYTES      = 64;

  localparam logic [3:0] OPC_CONV    = 4'd1;
  localparam logic [3:0] OPC_MAXPOOL = 4'd2;
  localparam logic [3:0] OPC_GSUM    = 4'd3;

  // flag bits of word 0
  localparam int F_LAST        = 8;
  localparam int F_IN_BYTES    = 9;
  localparam int F_IN_BIPOLAR  = 10;
  localparam int F_OUT_INT32   = 11;
  localparam int F_OUT_BIPOLAR = 12;
  localparam int F_RES         = 13;
  localparam int F_RES_BIPOLAR = 14;
  localparam int F_W_SHARED    = 15;

  // ---- widths --------------------------------------------------------------------------------------
  localparam int OW = 16;  // RAM word offsets (RAM up to 256 KiB)
  localparam int BW = OW + 2;  // RAM byte offsets; window strides and origins (modulo 2^BW)
  localparam int DW = 11;  // dimensions 1..2047, channels 1..1024
  localparam int EW = 12;  // weight-buffer entry index (WbufDepth up to 4096)
  localparam int MAX_DIM = 2047;
  localparam int MAX_CH  = 1024;

  typedef enum logic [1:0] {
    OpConv = 2'd1,
    OpMax  = 2'd2,
    OpGsum = 2'd3
  } op_e;

  // What the PEs' last stage writes out after a pixel-tile.
  typedef enum logic [1:0] {
    OutCodes = 2'd0,  // threshold unit: codes of out_bits planes
    OutRaw   = 2'd1,  // GSUM: the accumulator's low out_bits bits as planes
    OutInt32 = 2'd2   // output layer: acc + bias, one word per channel
  } out_e;

  // The checked configuration of one layer: the descriptor's fields and everything derived from them.
  typedef struct packed {
    op_e             op;
    out_e            out_mode;
    logic            in_bytes;     // input in BYTES layout
    logic            in_bip;       // bipolar input (2 virtual planes, or XOR)
    logic            xor_mode;     // bipolar input and bipolar weights in PLANES: one XOR plane
    logic            w_bip;        // bipolar weights (w_bits = 1): term = 2 pc - corr
    logic            w_sign;       // the top weight plane is a two's-complement sign plane (w_bits >= 2)
    logic            w_shared;     // one 1x1 kernel for every tap (W_SHARED, GSUM)
    logic            res_en;
    logic            res_bip;
    logic            all_fit;      // every tile's weights and parameters fit at once
    logic [DW-1:0]   in_h, in_w, in_c, out_h, out_w, out_c, kh, kw;
    logic [3:0]      stride, pad;
    logic [4:0]      in_bits;      // activation planes n (PLANES up to 16, BYTES up to 8)
    logic [4:0]      out_bits;     // output planes
    logic [3:0]      w_bits;       // m
    logic [2:0]      res_bits;
    logic [5:0]      cw;           // ceil(in_c / 32)
    logic [5:0]      cwo;          // ceil(out_c / 32)
    logic [4:0]      c_rem;        // in_c % 32 (0: the last word is full)
    logic [OW-1:0]   in_off, out_off, w_off, p_off, res_off;  // RAM word offsets
    // window strides and origin, modulo 2^BW (only addresses inside the input are ever read)
    logic [BW-1:0]   pix_words;    // PLANES: n*CW words per input pixel; BYTES: in_c bytes
    logic [BW-1:0]   row_words;    // PLANES: in_w*pix_words; BYTES: in_w*in_c bytes
    logic [BW-1:0]   step_x;       // stride*pix_words
    logic [BW-1:0]   step_y;       // stride*row_words
    logic [BW-1:0]   org0;         // pad*(row_words + pix_words): origin of pixel (0,0) before the input
    logic [OW-1:0]   out_pix;      // output words per pixel (planes*CWo, or out_c for INT32)
    logic [OW-1:0]   res_pix;      // residual words per pixel
    logic [EW-1:0]   kwords;       // weight words per plane per channel (KWORDS)
    logic [EW-1:0]   kwcw;         // kw * CW: kernel words of one kernel row (PLANES)
    logic [EW-1:0]   kws;          // KWORDS * slices: weight entries per weight plane
    logic [EW-1:0]   tile_ent;     // w_bits * kws: entries per channel (per PE and tile)
    logic [OW-1:0]   ch_words;     // w_bits * KWORDS: weight words of one channel in RAM
    logic [2:0]      p_log2;       // log2 of parameter words per channel
    logic [3:0]      n_thr;        // thresholds per channel (2^out_bits - 1)
    logic [7:0]      tiles;        // ceil(out_c / NumPe)
  } cfg_t;

  // ---- the token stream (st_accel_gen -> FIFO -> st_accel_feed) --------------------------------
  typedef enum logic [3:0] {
    TokDesc   = 4'd0,   // a descriptor word (data) for st_accel_ctrl
    TokLoadW  = 4'd1,   // a weight word (data, or the GSUM identity) into a PE's weight memory
    TokLoadP  = 4'd2,   // a parameter word (data) into the parameter memory
    TokGather = 4'd3,   // BYTES: shift one byte (data lane, or 0) into the staging register
    TokXpose  = 4'd4,   // BYTES: write the staging register's bit plane 0 to im2col, rotate
    TokWord   = 4'd5,   // an activation plane word (data): PE operations
    TokVmask  = 4'd6,   // the valid-channel mask of a tap word (no data): PE operations
    TokStage  = 4'd7,   // BYTES: an im2col plane word (no data): PE operations
    TokEop    = 4'd8,   // end of a pixel-tile: hand the accumulators to st_accel_post
    TokMax    = 4'd9    // MAXPOOL: a plane word of one window pixel (data)
  } tok_kind_e;

  localparam int XW = 8;  // im2col word index

  typedef struct packed {
    tok_kind_e     kind;
    logic          rd;        // the token waits for a read response
    logic [1:0]    lane;      // TokGather: byte lane of the word
    logic          gvalid;    // TokGather: a real byte (else a zero with the valid bit clear)
    logic          first;     // TokGather: the pixel's first byte; TokStage: a pair's first word;
                              // TokMax: the window's first pixel; TokLoadW: GSUM identity word
    logic          mmsb;      // TokMax: the pixel's most significant plane
    logic          last_cw;   // TokWord / TokVmask: the tap's last channel word (partial mask)
    logic          neg;       // subtract the term
    logic          useful;    // counts towards PERF_MACS
    logic          acc_clr;   // first word of the pixel-tile: the accumulator restarts
    logic          acc_dbl;   // first word of a lower significance: the accumulator doubles first
    logic          eop;       // TokEop, or the pixel-tile's last PE operation carrying its end marker
    logic [5:0]    pe;        // TokLoadW: destination PE; PE operations: real channels in the tile
    logic [EW-1:0] addr;      // TokLoadW: entry; TokLoadP: word; PE operations: weight entry
    logic [XW-1:0] xaddr;     // TokXpose / TokStage: im2col word
    logic [4:0]    idx;       // TokDesc: word index; TokLoadW (GSUM): bit to set
  } tok_t;

  localparam int TOK_W = 27 + EW + XW;  // $bits(tok_t) (Yosys 0.23 cannot take $bits of a package type)

endpackage
