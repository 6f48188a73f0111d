// SPDX-License-Identifier: Apache-2.0
// st_accel_feed.sv - the consumer of the token stream: pairs each token with its read data (in order)
// and turns it into the work of one or more cycles: descriptor words, weight and parameter writes,
// staging shifts and transposes, max-pool updates, end-of-pixel markers and the array's operations.
//
// An activation token (TokWord / TokVmask / TokStage) stands for one plane pair (i, j) on one 32-bit
// word and expands into 32/SimdWidth operations, one SIMD slice per cycle. Operation fields leave through
// registers (stage 0 of st_accel_array).

module st_accel_feed #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256,
  parameter int PbufWords = 256
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic                         flush_i,
  input  st_accel_pkg::cfg_t           cfg_i,

  input  st_accel_pkg::tok_t           tok_i,
  input  logic                         tok_empty_i,
  output logic                         tok_pop_o,
  input  logic [31:0]                  data_i,
  input  logic                         data_empty_i,
  output logic                         data_pop_o,

  output logic                         desc_we_o,
  output logic [4:0]                   desc_idx_o,
  output logic [31:0]                  desc_data_o,

  output logic                         w_we_o,
  output logic [$clog2(NumPe)-1:0]     w_pe_o,
  output logic [$clog2(WbufDepth)-1:0] w_addr_o,
  output logic [SimdWidth-1:0]         w_data_o,

  input  logic                         p_hold_i,   // the post unit still reads the parameters: a
                                                   // parameter word waits (st_accel_post's early done)
  output logic                         p_we_o,
  output logic [$clog2(PbufWords)-1:0] p_addr_o,
  output logic [32:0]                  p_data_o,   // {s of the record (word 0 bit 0), word}

  // staging register and im2col memory (st_accel_stage)
  output logic                         g_shift_o,
  output logic [7:0]                   g_byte_o,
  output logic                         g_valid_o,
  output logic                         g_first_o,
  output logic                         g_xpose_o,
  output logic [st_accel_pkg::XW-1:0]  g_waddr_o,
  output logic [st_accel_pkg::XW-1:0]  x_raddr_o,
  output logic [$clog2(32/SimdWidth+1)-1:0] x_slice_o,
  input  logic [9:0]                   nvalid_i,

  output logic                         op_o,
  output logic [$clog2(WbufDepth)-1:0] raddr_o,
  output logic [SimdWidth-1:0]         a_o,
  output logic                         xsel_o,
  output logic [$clog2(SimdWidth+1)-1:0] nv_o,  // real channels in the slice (XOR mode corr)
  output logic                         neg_o,
  output logic                         aclr_o,
  output logic                         adbl_o,
  output logic                         eop_o,
  output logic                         empty_o,

  output logic                         mx_upd_o,
  output logic [31:0]                  mx_data_o,
  output logic                         mx_msb_o,

  output logic [15:0]                  macs_o,    // useful bit-MACs of the operation issued last cycle
  output logic                         starve_o   // the head token waits for its read data
);

  localparam int NS   = 32 / SimdWidth;
  localparam int SLW  = $clog2(NS + 1);
  localparam int WAW  = $clog2(WbufDepth);
  localparam int PAW  = $clog2(PbufWords);
  localparam int PEW  = $clog2(NumPe);
  localparam int CNTW = $clog2(SimdWidth + 1);

  st_accel_pkg::tok_t tok;
  assign tok = tok_i;

  logic           head_ok, is_pe, multi, fin;
  logic [SLW-1:0] s_q, s_d;
  logic [31:0]    vmask, word, gword;
  logic [5:0]     nvalid;
  logic           last_s;

  // registered outputs
  logic                 desc_we_q, w_we_q, p_we_q, op_q, xsel_q, eop_q, empty_q, mx_upd_q;
  logic [4:0]           desc_idx_q;
  logic [31:0]          desc_data_q, mx_data_q;
  logic [32:0]          p_data_q;
  logic                 psign_q, psign;  // the sign bit of the parameter record being loaded
  logic [PEW-1:0]       w_pe_q;
  logic [WAW-1:0]       w_addr_q, raddr_q;
  logic [SimdWidth-1:0] w_data_q, a_q;
  logic [CNTW-1:0]      nv_q;
  logic [PAW-1:0]       p_addr_q;
  logic                 neg_q, aclr_q, adbl_q;
  logic                 mx_msb_q;
  logic [15:0]          macs_q, macs_d;
  logic [st_accel_pkg::XW-1:0] xaddr_q;
  logic [SLW-1:0]       slice_q;

  assign head_ok = !tok_empty_i && (!tok.rd || !data_empty_i) &&
                   !(p_hold_i && (tok.kind == st_accel_pkg::TokLoadP));
  assign is_pe   = (tok.kind == st_accel_pkg::TokWord) || (tok.kind == st_accel_pkg::TokVmask) ||
                   (tok.kind == st_accel_pkg::TokStage);
  assign multi   = is_pe || (tok.kind == st_accel_pkg::TokLoadW);
  assign last_s  = (s_q == SLW'(NS - 1));
  assign fin     = head_ok && (!multi || last_s);

  assign tok_pop_o  = fin;
  assign data_pop_o = fin && tok.rd;
  assign starve_o   = !tok_empty_i && tok.rd && data_empty_i;

  always_comb begin
    s_d = s_q;
    if (head_ok && multi) begin
      s_d = last_s ? '0 : s_q + 1'b1;
    end
    if (flush_i) begin
      s_d = '0;
    end
  end

  // the operand word of this token
  always_comb begin
    // the real channels of the word: bits below c_rem (a shifted constant, no subtractor)
    if (tok.last_cw && (cfg_i.c_rem != 5'd0)) begin
      vmask = ~(32'hFFFF_FFFF << cfg_i.c_rem);
    end else begin
      vmask = 32'hFFFF_FFFF;
    end
    word  = (tok.kind == st_accel_pkg::TokVmask) ? vmask : data_i;
    gword = tok.first ? (32'd1 << tok.idx) : data_i;
  end

  // valid channels of the slice: PERF_MACS of a PLANES word, and the array's corr in XOR mode
  // (popcount of the slice's valid-channel mask, counted here instead of in the array)
  always_comb begin
    if (tok.last_cw && (cfg_i.c_rem != 5'd0)) begin
      if (32'(cfg_i.c_rem) <= 32'(s_q) * SimdWidth) begin
        nvalid = '0;
      end else if (32'(cfg_i.c_rem) - 32'(s_q) * SimdWidth >= SimdWidth) begin
        nvalid = 6'(SimdWidth);
      end else begin
        nvalid = 6'(32'(cfg_i.c_rem) - 32'(s_q) * SimdWidth);
      end
    end else begin
      nvalid = 6'(SimdWidth);
    end
    macs_d = '0;
    if (head_ok && is_pe && tok.useful) begin
      if (tok.kind == st_accel_pkg::TokStage) begin
        // the pixel's valid bytes, once per plane pair
        if (tok.first && (s_q == '0)) begin
          macs_d = 16'(nvalid_i) * 16'(tok.pe);
        end
      end else begin
        macs_d = 16'(nvalid) * 16'(tok.pe);
      end
    end
  end

  // A record's words arrive in order, word 0 first: every word carries the record's sign in bit 32, so
  // the threshold unit needs no word-0 read per channel (st_accel_post).
  assign psign = ((tok.addr & ((st_accel_pkg::EW'(1) << cfg_i.p_log2) - 1'b1)) == '0) ? data_i[0] : psign_q;

  assign g_shift_o = head_ok && (tok.kind == st_accel_pkg::TokGather) && !flush_i;
  assign g_byte_o  = (tok.rd && tok.gvalid) ? data_i[8 * tok.lane +: 8] : 8'h00;
  assign g_valid_o = tok.gvalid;
  assign g_first_o = tok.first;
  assign g_xpose_o = head_ok && (tok.kind == st_accel_pkg::TokXpose) && !flush_i;
  assign g_waddr_o = tok.xaddr;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s_q         <= '0;
      desc_we_q   <= 1'b0;
      desc_idx_q  <= '0;
      desc_data_q <= '0;
      w_we_q      <= 1'b0;
      w_pe_q      <= '0;
      w_addr_q    <= '0;
      w_data_q    <= '0;
      p_we_q      <= 1'b0;
      p_addr_q    <= '0;
      p_data_q    <= '0;
      psign_q     <= 1'b0;
      op_q        <= 1'b0;
      raddr_q     <= '0;
      a_q         <= '0;
      xsel_q      <= 1'b0;
      xaddr_q     <= '0;
      slice_q     <= '0;
      nv_q        <= '0;
      neg_q       <= 1'b0;
      aclr_q      <= 1'b0;
      adbl_q      <= 1'b0;
      eop_q       <= 1'b0;
      empty_q     <= 1'b0;
      mx_upd_q    <= 1'b0;
      mx_data_q   <= '0;
      mx_msb_q    <= 1'b0;
      macs_q      <= '0;
    end else begin
      s_q         <= s_d;
      desc_we_q   <= head_ok && (tok.kind == st_accel_pkg::TokDesc) && !flush_i;
      desc_idx_q  <= tok.idx;
      desc_data_q <= data_i;
      w_we_q      <= head_ok && (tok.kind == st_accel_pkg::TokLoadW) && !flush_i;
      w_pe_q      <= PEW'(tok.pe);
      w_addr_q    <= WAW'(tok.addr) + WAW'(s_q);
      w_data_q    <= gword[32'(s_q) * SimdWidth +: SimdWidth];
      p_we_q      <= head_ok && (tok.kind == st_accel_pkg::TokLoadP) && !flush_i;
      p_addr_q    <= PAW'(tok.addr);
      p_data_q    <= {psign, data_i};
      if (head_ok && (tok.kind == st_accel_pkg::TokLoadP)) begin
        psign_q <= psign;
      end
      op_q        <= head_ok && is_pe && !flush_i;
      raddr_q     <= WAW'(tok.addr) + WAW'(s_q);
      a_q         <= word[32'(s_q) * SimdWidth +: SimdWidth];
      xsel_q      <= (tok.kind == st_accel_pkg::TokStage);
      xaddr_q     <= tok.xaddr;
      slice_q     <= s_q;
      nv_q        <= CNTW'(nvalid);
      neg_q       <= tok.neg;
      aclr_q      <= tok.acc_clr && (s_q == '0);
      adbl_q      <= tok.acc_dbl && (s_q == '0);
      // the marker leaves with the token's last slice; only a marker of its own can close an empty
      // pixel-tile (every tap padding)
      eop_q       <= head_ok && tok.eop && (!multi || last_s) && !flush_i;
      empty_q     <= tok.acc_clr && (tok.kind == st_accel_pkg::TokEop);
      mx_upd_q    <= head_ok && (tok.kind == st_accel_pkg::TokMax) && !flush_i;
      mx_data_q   <= data_i;
      mx_msb_q    <= tok.mmsb;
      macs_q      <= flush_i ? '0 : macs_d;
    end
  end

  assign desc_we_o   = desc_we_q;
  assign desc_idx_o  = desc_idx_q;
  assign desc_data_o = desc_data_q;
  assign w_we_o      = w_we_q;
  assign w_pe_o      = w_pe_q;
  assign w_addr_o    = w_addr_q;
  assign w_data_o    = w_data_q;
  assign p_we_o      = p_we_q;
  assign p_addr_o    = p_addr_q;
  assign p_data_o    = p_data_q;
  assign x_raddr_o   = xaddr_q;
  assign x_slice_o   = slice_q;
  assign op_o        = op_q;
  assign raddr_o     = raddr_q;
  assign a_o         = a_q;
  assign xsel_o      = xsel_q;
  assign nv_o        = nv_q;
  assign neg_o       = neg_q;
  assign aclr_o      = aclr_q;
  assign adbl_o      = adbl_q;
  assign eop_o       = eop_q;
  assign empty_o     = empty_q;
  assign mx_upd_o    = mx_upd_q;
  assign mx_data_o   = mx_data_q;
  assign mx_msb_o    = mx_msb_q;
  assign macs_o      = macs_q;

endmodule
