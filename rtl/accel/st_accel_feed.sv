// SPDX-License-Identifier: Apache-2.0
// st_accel_feed.sv - the consumer of the token stream: pairs each token with its read data (in order)
// and turns it into the work of one or more cycles: descriptor words, weight and parameter writes,
// staging shifts, max-pool updates, end-of-pixel markers and the array's operations.
//
// An activation token (TokWord / TokVmask / TokStage) expands into 32/SimdWidth slices x w_bits weight
// planes, one operation per cycle: slices outer, weight planes inner from the sign plane down, so that
// the PE's t register is a Horner sum over j and is folded into the accumulator once per slice.
// Operation fields leave through registers (stage 0 of st_accel_array).

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

  output logic                         p_we_o,
  output logic [$clog2(PbufWords)-1:0] p_addr_o,
  output logic [31:0]                  p_data_o,

  output logic                         op_o,
  output logic [$clog2(WbufDepth)-1:0] raddr_o,
  output logic [SimdWidth-1:0]         a_o,
  output logic [SimdWidth-1:0]         v_o,
  output logic                         dbl_o,
  output logic                         neg_o,
  output logic                         tclr_o,
  output logic                         tdbl_o,
  output logic                         last_o,
  output logic                         aclr_o,
  output logic                         adbl_o,
  output logic                         eop_o,
  output logic                         empty_o,

  output logic                         mx_upd_o,
  output logic [31:0]                  mx_data_o,
  output logic [1:0]                   mx_plane_o,
  output logic                         mx_first_o,
  output logic                         mx_msb_o,
  output logic                         maxend_o,

  output logic [11:0]                  macs_o,    // useful bit-MACs of the operation issued last cycle
  output logic                         starve_o   // the head token waits for its read data
);

  localparam int NS   = 32 / SimdWidth;
  localparam int SLW  = $clog2(NS + 1);
  localparam int WAW  = $clog2(WbufDepth);
  localparam int PAW  = $clog2(PbufWords);
  localparam int PEW  = $clog2(NumPe);
  localparam int EW   = st_accel_pkg::EW;

  st_accel_pkg::tok_t tok;
  assign tok = tok_i;

  logic           head_ok, is_pe, fin;
  logic [SLW-1:0] s_q, s_d;
  logic [3:0]     jj_q, jj_d;        // weight planes done in this slice (j = m-1-jj)
  logic [EW-1:0]  roff_q, roff_d;    // j * kws of the current weight plane
  logic [EW-1:0]  roff;
  logic [31:0]    vmask, word, gword;
  logic [SimdWidth-1:0] a_slice, v_slice;
  logic [31:0]    stage_plane;
  logic [5:0]     stage_nv, nvalid;
  logic           last_j, last_s;
  logic [7:0]     gbyte;

  // registered outputs
  logic                 desc_we_q, w_we_q, p_we_q, op_q, eop_q, empty_q, mx_upd_q, maxend_q;
  logic [4:0]           desc_idx_q;
  logic [31:0]          desc_data_q, p_data_q, mx_data_q;
  logic [PEW-1:0]       w_pe_q;
  logic [WAW-1:0]       w_addr_q, raddr_q;
  logic [SimdWidth-1:0] w_data_q, a_q, v_q;
  logic [PAW-1:0]       p_addr_q;
  logic                 dbl_q, neg_q, tclr_q, tdbl_q, last_q, aclr_q, adbl_q;
  logic [1:0]           mx_plane_q;
  logic                 mx_first_q, mx_msb_q;
  logic [11:0]          macs_q;
  logic                 desc_we_d, w_we_d, p_we_d, op_d, eop_d, empty_d, mx_upd_d, maxend_d;
  logic [WAW-1:0]       w_addr_d, raddr_d;
  logic [SimdWidth-1:0] w_data_d;
  logic                 neg_d;
  logic [11:0]          macs_d;

  assign head_ok = !tok_empty_i && (!tok.rd || !data_empty_i);
  assign is_pe   = (tok.kind == st_accel_pkg::TokWord) || (tok.kind == st_accel_pkg::TokVmask) ||
                   (tok.kind == st_accel_pkg::TokStage);
  assign last_j  = (jj_q == cfg_i.w_bits - 4'd1);
  assign last_s  = (s_q == SLW'(NS - 1));
  assign roff    = (jj_q == 4'd0) ? cfg_i.joff : roff_q;

  always_comb begin
    if (tok.kind == st_accel_pkg::TokLoadW) begin
      fin = head_ok && last_s;
    end else if (is_pe) begin
      fin = head_ok && last_s && last_j;
    end else begin
      fin = head_ok;
    end
  end

  assign tok_pop_o  = fin;
  assign data_pop_o = fin && tok.rd;
  assign starve_o   = !tok_empty_i && tok.rd && data_empty_i;

  always_comb begin
    s_d    = s_q;
    jj_d   = jj_q;
    roff_d = roff_q;
    if (head_ok) begin
      if (fin) begin
        s_d  = '0;
        jj_d = '0;
      end else if (tok.kind == st_accel_pkg::TokLoadW) begin
        s_d = s_q + 1'b1;
      end else if (is_pe) begin
        roff_d = roff - cfg_i.kws;
        if (last_j) begin
          jj_d = '0;
          s_d  = s_q + 1'b1;
        end else begin
          jj_d = jj_q + 1'b1;
        end
      end
    end
    if (flush_i) begin
      s_d  = '0;
      jj_d = '0;
    end
  end

  // the operand word of this token
  always_comb begin
    if (tok.last_cw && (cfg_i.c_rem != 5'd0)) begin
      vmask = (32'd1 << cfg_i.c_rem) - 32'd1;
    end else begin
      vmask = 32'hFFFF_FFFF;
    end
    unique case (tok.kind)
      st_accel_pkg::TokWord:  word = data_i;
      st_accel_pkg::TokVmask: word = vmask;
      default:                word = stage_plane;
    endcase
    a_slice = word[32'(s_q) * SimdWidth +: SimdWidth];
    v_slice = vmask[32'(s_q) * SimdWidth +: SimdWidth];
    gword   = tok.mfirst ? (32'd1 << tok.idx) : data_i;
    gbyte   = (tok.rd && tok.gvalid) ? data_i[8 * tok.lane +: 8] : 8'h00;
  end

  // valid positions of the slice (PERF_MACS)
  always_comb begin
    if (tok.kind == st_accel_pkg::TokStage) begin
      nvalid = stage_nv;
    end else if (tok.last_cw && (cfg_i.c_rem != 5'd0)) begin
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
  end

  st_accel_stage #(
    .SimdWidth (SimdWidth)
  ) u_stage (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .flush_i  (flush_i),
    .shift_i  (head_ok && (tok.kind == st_accel_pkg::TokGather)),
    .byte_i   (gbyte),
    .valid_i  (tok.gvalid),
    .plane_i  (tok.plane),
    .plane_o  (stage_plane),
    .slice_i  (s_q),
    .nvalid_o (stage_nv)
  );

  always_comb begin
    desc_we_d = head_ok && (tok.kind == st_accel_pkg::TokDesc);
    w_we_d    = head_ok && (tok.kind == st_accel_pkg::TokLoadW);
    w_addr_d  = WAW'(tok.addr) + WAW'(s_q);
    w_data_d  = gword[32'(s_q) * SimdWidth +: SimdWidth];
    p_we_d    = head_ok && (tok.kind == st_accel_pkg::TokLoadP);
    op_d      = head_ok && is_pe;
    raddr_d   = WAW'(tok.addr) + WAW'(s_q) + WAW'(roff);
    neg_d     = tok.neg ^ (cfg_i.w_sign && (jj_q == 4'd0)) ^ cfg_i.xor_mode;
    eop_d     = head_ok && (tok.kind == st_accel_pkg::TokEop);
    empty_d   = tok.acc_clr;
    mx_upd_d  = head_ok && (tok.kind == st_accel_pkg::TokMax);
    maxend_d  = head_ok && (tok.kind == st_accel_pkg::TokMaxEnd);
    macs_d    = '0;
    if (op_d && tok.useful) begin
      macs_d = 12'(nvalid) * 12'(tok.pe);
    end
    if (flush_i) begin
      desc_we_d = 1'b0;
      w_we_d    = 1'b0;
      p_we_d    = 1'b0;
      op_d      = 1'b0;
      eop_d     = 1'b0;
      mx_upd_d  = 1'b0;
      maxend_d  = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s_q         <= '0;
      jj_q        <= '0;
      roff_q      <= '0;
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
      op_q        <= 1'b0;
      raddr_q     <= '0;
      a_q         <= '0;
      v_q         <= '0;
      dbl_q       <= 1'b0;
      neg_q       <= 1'b0;
      tclr_q      <= 1'b0;
      tdbl_q      <= 1'b0;
      last_q      <= 1'b0;
      aclr_q      <= 1'b0;
      adbl_q      <= 1'b0;
      eop_q       <= 1'b0;
      empty_q     <= 1'b0;
      mx_upd_q    <= 1'b0;
      mx_data_q   <= '0;
      mx_plane_q  <= '0;
      mx_first_q  <= 1'b0;
      mx_msb_q    <= 1'b0;
      maxend_q    <= 1'b0;
      macs_q      <= '0;
    end else begin
      s_q         <= s_d;
      jj_q        <= jj_d;
      roff_q      <= roff_d;
      desc_we_q   <= desc_we_d;
      desc_idx_q  <= tok.idx;
      desc_data_q <= data_i;
      w_we_q      <= w_we_d;
      w_pe_q      <= PEW'(tok.pe);
      w_addr_q    <= w_addr_d;
      w_data_q    <= w_data_d;
      p_we_q      <= p_we_d;
      p_addr_q    <= PAW'(tok.addr);
      p_data_q    <= data_i;
      op_q        <= op_d;
      raddr_q     <= raddr_d;
      a_q         <= a_slice;
      v_q         <= v_slice;
      dbl_q       <= cfg_i.w_bip || cfg_i.xor_mode;
      neg_q       <= neg_d;
      tclr_q      <= (jj_q == 4'd0);
      tdbl_q      <= (jj_q != 4'd0);
      last_q      <= last_j;
      aclr_q      <= tok.acc_clr && (s_q == '0);
      adbl_q      <= tok.acc_dbl && (s_q == '0);
      eop_q       <= eop_d;
      empty_q     <= empty_d;
      mx_upd_q    <= mx_upd_d;
      mx_data_q   <= data_i;
      mx_plane_q  <= tok.plane[1:0];
      mx_first_q  <= tok.mfirst;
      mx_msb_q    <= tok.mmsb;
      maxend_q    <= maxend_d;
      macs_q      <= macs_d;
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
  assign op_o        = op_q;
  assign raddr_o     = raddr_q;
  assign a_o         = a_q;
  assign v_o         = v_q;
  assign dbl_o       = dbl_q;
  assign neg_o       = neg_q;
  assign tclr_o      = tclr_q;
  assign tdbl_o      = tdbl_q;
  assign last_o      = last_q;
  assign aclr_o      = aclr_q;
  assign adbl_o      = adbl_q;
  assign eop_o       = eop_q;
  assign empty_o     = empty_q;
  assign mx_upd_o    = mx_upd_q;
  assign mx_data_o   = mx_data_q;
  assign mx_plane_o  = mx_plane_q;
  assign mx_first_o  = mx_first_q;
  assign mx_msb_o    = mx_msb_q;
  assign maxend_o    = maxend_q;
  assign macs_o      = macs_q;

endmodule
