// SPDX-License-Identifier: Apache-2.0
// st_accel_array.sv - the compute array: NumPe PEs side by side, each with its own weight memory, fed
// with the same SimdWidth-bit activation slice per cycle; the shared "corr" popcount; the control
// pipeline that delays each operation's flags to the PE stage that uses them.
//
// corr is popcount(a) for bipolar weights (term = 2 popcount(a & w) - popcount(a)) and popcount(v) of
// the valid-channel mask in XOR mode (term = popcount(v) - 2 popcount(a ^ w), negated): one popcount for
// all PEs, so bipolar weights and XNOR layers cost no per-PE logic beyond the AND / XOR select. The
// feeder counts popcount(v) already (the slice's real channels, for PERF_MACS), so that count travels
// down the pipeline (CNTW bits) instead of the SimdWidth-bit mask and a multiplexer before the popcount.
// The activation slice comes from the feeder (a bus word) or, for a BYTES input, from the im2col memory
// of st_accel_stage, whose read data arrives in stage 1 like the weights.
// An end-of-pixel marker (eop) travels through the same pipeline and leaves with the final accumulators:
// it may ride on the pixel-tile's last operation (no cycle of its own), so it leaves from stage 5, one
// cycle after that operation's accumulate, when acc_q is final.
// BytesMac = 1 (the coprocessor only; st_accel_pe) adds the bytes multiply-accumulate mode (bytes_i): the
// operation's byte group bg_i travels to stage 1, where the slice's byte pairs x_2q + x_2q+1 are added once
// for all PEs; in MODE.BYTES corr is the slice's byte sum (those pairs added in stage 2).

module st_accel_array #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256,
  parameter int BytesMac  = 0   // 1: the bytes multiply-accumulate mode (st_accel_pe)
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          flush_i,  // drop the operations in flight (abort)

  // weight loader
  input  logic                          we_i,
  input  logic [$clog2(NumPe)-1:0]      we_pe_i,
  input  logic [$clog2(WbufDepth)-1:0]  waddr_i,
  input  logic [SimdWidth-1:0]          wdata_i,

  // one operation per cycle (stage 0, registered by the feeder)
  input  logic                          op_i,
  input  logic [$clog2(WbufDepth)-1:0]  raddr_i,
  input  logic [SimdWidth-1:0]          a_i,      // the activation slice (bus word or mask)
  input  logic                          xsel_i,   // take the slice from the im2col memory instead
  input  logic [SimdWidth-1:0]          x1_i,     // im2col slice (stage 1)
  input  logic [$clog2(SimdWidth+1)-1:0] nv_i,    // real channels in the slice (XOR mode corr)
  input  logic                          xor_i,    // layer mode: XOR and corr = popcount(v)
  input  logic                          dbl_i,    // layer mode: term = 2 pc - corr
  input  logic                          bytes_i,  // layer mode (BytesMac): bytes multiply-accumulate
  input  logic [2:0]                    bg_i,     // BytesMac: the operation's byte group (stage 0)
  input  logic                          neg_i,
  input  logic                          aclr_i,
  input  logic                          adbl_i,
  input  logic                          eop_i,    // end-of-pixel marker (alone, or with the last operation)
  input  logic                          empty_i,  // with eop: nothing was accumulated (result 0)

  output logic [NumPe*32-1:0]           acc_o,    // PE p at bits 32p+31:32p
  output logic [NumPe*SimdWidth-1:0]    w1_o,     // each PE's memory word read at raddr one cycle before
  output logic                          eop_o,    // the accumulators are final
  output logic                          empty_o,
  output logic                          busy_o    // an operation or marker is in the pipeline
);

  localparam int CNTW = $clog2(SimdWidth + 1);
  localparam int NB   = SimdWidth / 8;
  localparam int BSW  = $clog2(255 * NB + 1);
  localparam int CW   = (BytesMac != 0) ? BSW : CNTW;  // the PEs' corr

  // control pipeline: stage s holds the flags of the operation now in stage s (bit indices below)
  localparam int C_OP = 0, C_NEG = 1, C_ACLR = 2, C_ADBL = 3, C_EOP = 4, C_EMPTY = 5, NC = 6;

  logic [NC-1:0]        ctl0, ctl1_q, ctl2_q, ctl3_q, ctl4_q;
  logic [SimdWidth-1:0] a1_q, a1;
  logic                 xsel1_q, xor1_q, xor2_q, xor3_q, dbl3_q, dbl2_q;
  logic                 eop5_q, empty5_q;
  logic [CNTW-1:0]      nv1_q, nv2_q, nv3_q, pc3;
  logic [CW-1:0]        corr3;
  logic [2:0]           bg1;                // BytesMac: stage 1's byte group
  logic [(NB >= 2 ? NB / 2 : 1) * 9 - 1:0] bp1;  // BytesMac: x_2q + x_2q+1 of the stage-1 slice (SimdWidth < 16: none)
  logic                 bytes3;             // BytesMac: MODE.BYTES at stage 3

  assign ctl0 = {empty_i, eop_i, adbl_i, aclr_i, neg_i, op_i};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ctl1_q  <= '0;
      ctl2_q  <= '0;
      ctl3_q  <= '0;
      ctl4_q  <= '0;
      eop5_q   <= 1'b0;
      empty5_q <= 1'b0;
      a1_q    <= '0;
      nv1_q   <= '0;
      nv2_q   <= '0;
      nv3_q   <= '0;
      xsel1_q <= 1'b0;
      xor1_q  <= 1'b0;
      xor2_q  <= 1'b0;
      xor3_q  <= 1'b0;
      dbl2_q  <= 1'b0;
      dbl3_q  <= 1'b0;
    end else begin
      ctl1_q  <= flush_i ? '0 : ctl0;
      ctl2_q  <= flush_i ? '0 : ctl1_q;
      ctl3_q  <= flush_i ? '0 : ctl2_q;
      ctl4_q  <= flush_i ? '0 : ctl3_q;
      eop5_q   <= ctl4_q[C_EOP] && !flush_i;
      empty5_q <= ctl4_q[C_EMPTY];
      a1_q    <= a_i;
      nv1_q   <= nv_i;
      nv2_q   <= nv1_q;
      nv3_q   <= nv2_q;
      xsel1_q <= xsel_i;
      xor1_q  <= xor_i;
      xor2_q  <= xor1_q;
      xor3_q  <= xor2_q;
      dbl2_q  <= dbl_i;
      dbl3_q  <= dbl2_q;
    end
  end

  assign a1 = xsel1_q ? x1_i : a1_q;

  st_accel_popcount #(
    .Width (SimdWidth)
  ) u_corr (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .x_i    (a1),
    .cnt_o  (pc3)
  );

  if (BytesMac != 0) begin : gen_bytes
    logic [2:0]        bg1_q;
    logic              bytes2_q, bytes3_q;
    logic [NB/2*9-1:0] bp2_q;
    logic [BSW-1:0]    bsum_d, bsum3_q;

    always_comb begin
      for (int q = 0; q < NB / 2; q++) begin
        bp1[9*q +: 9] = {1'b0, a1[16*q +: 8]} + {1'b0, a1[16*q + 8 +: 8]};
      end
      bsum_d = '0;
      for (int q = 0; q < NB / 2; q++) begin
        bsum_d = bsum_d + {{(BSW - 9){1'b0}}, bp2_q[9*q +: 9]};
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        bg1_q    <= '0;
        bytes2_q <= 1'b0;
        bytes3_q <= 1'b0;
        bp2_q    <= '0;
        bsum3_q  <= '0;
      end else begin
        bg1_q    <= bg_i;
        bytes2_q <= bytes_i;
        bytes3_q <= bytes2_q;
        bp2_q    <= bp1;
        bsum3_q  <= bsum_d;
      end
    end

    assign bg1    = bg1_q;
    assign bytes3 = bytes3_q;
    assign corr3  = bytes3_q ? bsum3_q : {{(BSW - CNTW){1'b0}}, xor3_q ? nv3_q : pc3};
  end else begin : gen_pc
    assign corr3  = xor3_q ? nv3_q : pc3;
    assign bg1    = '0;
    assign bp1    = '0;
    assign bytes3 = 1'b0;
    logic unused_bytes;
    assign unused_bytes = ^{bytes_i, bg_i};
  end

  for (genvar p = 0; p < NumPe; p++) begin : gen_pe
    st_accel_pe #(
      .SimdWidth (SimdWidth),
      .WbufDepth (WbufDepth),
      .BytesMac  (BytesMac)
    ) u_pe (
      .clk_i   (clk_i),
      .rst_ni  (rst_ni),
      .we_i    (we_i && (we_pe_i == p[$clog2(NumPe)-1:0])),
      .waddr_i (waddr_i),
      .wdata_i (wdata_i),
      .raddr_i (raddr_i),
      .a1_i    (a1),
      .xor1_i  (xor1_q),
      .bg1_i   (bg1),
      .bp1_i   (bp1),
      .dbl3_i  (dbl3_q),
      .corr3_i (corr3),
      .bytes3_i (bytes3),
      .op4_i   (ctl4_q[C_OP]),
      .neg4_i  (ctl4_q[C_NEG]),
      .aclr4_i (ctl4_q[C_ACLR]),
      .adbl4_i (ctl4_q[C_ADBL]),
      .acc_o   (acc_o[32*p +: 32]),
      .w1_o    (w1_o[SimdWidth*p +: SimdWidth])
    );
  end

`ifdef ST_ACCEL_DEBUG
  always_ff @(posedge clk_i) begin
    if (ctl1_q[C_OP]) $display("%t op1 a1 %08x xsel %0d w0 %08x", $time, a1, xsel1_q, gen_pe[0].u_pe.w1_q);
    if (ctl4_q[C_OP]) $display("%t op4 neg %0d clr %0d dbl %0d acc0 %0d", $time, ctl4_q[C_NEG], ctl4_q[C_ACLR], ctl4_q[C_ADBL], $signed(acc_o[31:0]));
  end
`endif

  assign eop_o   = eop5_q;
  assign empty_o = empty5_q;
  assign busy_o  = |{ctl1_q[C_OP], ctl2_q[C_OP], ctl3_q[C_OP], ctl4_q[C_OP],
                     ctl1_q[C_EOP], ctl2_q[C_EOP], ctl3_q[C_EOP], ctl4_q[C_EOP], eop5_q};

endmodule
