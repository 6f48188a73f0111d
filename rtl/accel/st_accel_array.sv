// SPDX-License-Identifier: Apache-2.0
// st_accel_array.sv - the compute array: NumPe PEs side by side, each with its own weight memory, fed
// with the same SimdWidth-bit activation slice per cycle; the shared "corr" popcount; the control
// pipeline that delays each operation's flags to the PE stage that uses them.
//
// corr is popcount(a) for bipolar weights (term = 2 popcount(a & w) - popcount(a)) and popcount(v) of
// the valid-channel mask in XOR mode (term = popcount(v) - 2 popcount(a ^ w)): one popcount for all
// PEs, so bipolar weights and XNOR layers cost no per-PE logic beyond the AND/XOR select.
// An end-of-pixel marker (eop) travels through the same pipeline and leaves with the final accumulators.

module st_accel_array #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,

  // weight loader
  input  logic                          we_i,
  input  logic [$clog2(NumPe)-1:0]      we_pe_i,
  input  logic [$clog2(WbufDepth)-1:0]  waddr_i,
  input  logic [SimdWidth-1:0]          wdata_i,

  // one operation per cycle (stage 0, registered by the feeder)
  input  logic                          op_i,
  input  logic [$clog2(WbufDepth)-1:0]  raddr_i,
  input  logic [SimdWidth-1:0]          a_i,
  input  logic [SimdWidth-1:0]          v_i,      // valid-channel mask slice (XOR mode corr)
  input  logic                          xor_i,    // layer mode: XOR operation and corr = popcount(v)
  input  logic                          dbl_i,
  input  logic                          neg_i,
  input  logic                          tclr_i,
  input  logic                          tdbl_i,
  input  logic                          last_i,
  input  logic                          aclr_i,
  input  logic                          adbl_i,
  input  logic                          eop_i,    // end-of-pixel marker (no operation)
  input  logic                          empty_i,  // with eop: nothing was accumulated (result 0)

  output logic [NumPe*32-1:0]           acc_o,    // PE p at bits 32p+31:32p
  output logic                          eop_o,    // the accumulators are final
  output logic                          empty_o,
  output logic                          busy_o    // an operation or marker is in the pipeline
);

  localparam int CNTW = $clog2(SimdWidth + 1);

  // control pipeline: stage s holds the flags of the operation now in stage s (bit indices below)
  localparam int C_OP = 0, C_DBL = 1, C_NEG = 2, C_TCLR = 3, C_TDBL = 4, C_LAST = 5, C_ACLR = 6,
                 C_ADBL = 7, C_EOP = 8, C_EMPTY = 9, NC = 10;

  logic [NC-1:0]        ctl0, ctl1_q, ctl2_q, ctl3_q, ctl4_q;
  logic [SimdWidth-1:0] a1_q, v1_q;
  logic                 xor1_q;
  logic [CNTW-1:0]      corr3;

  assign ctl0 = {empty_i, eop_i, adbl_i, aclr_i, last_i, tdbl_i, tclr_i, neg_i, dbl_i, op_i};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ctl1_q <= '0;
      ctl2_q <= '0;
      ctl3_q <= '0;
      ctl4_q <= '0;
      a1_q   <= '0;
      v1_q   <= '0;
      xor1_q <= 1'b0;
    end else begin
      ctl1_q <= ctl0;
      ctl2_q <= ctl1_q;
      ctl3_q <= ctl2_q;
      ctl4_q <= ctl3_q;
      a1_q   <= a_i;
      v1_q   <= v_i;
      xor1_q <= xor_i;
    end
  end

  st_accel_popcount #(
    .Width (SimdWidth)
  ) u_corr (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .x_i    (xor1_q ? v1_q : a1_q),
    .cnt_o  (corr3)
  );

  for (genvar p = 0; p < NumPe; p++) begin : gen_pe
    st_accel_pe #(
      .SimdWidth (SimdWidth),
      .WbufDepth (WbufDepth)
    ) u_pe (
      .clk_i   (clk_i),
      .rst_ni  (rst_ni),
      .we_i    (we_i && (we_pe_i == p[$clog2(NumPe)-1:0])),
      .waddr_i (waddr_i),
      .wdata_i (wdata_i),
      .raddr_i (raddr_i),
      .a1_i    (a1_q),
      .xor1_i  (xor1_q),
      .v3_i    (ctl3_q[C_OP]),
      .dbl3_i  (ctl3_q[C_DBL]),
      .neg3_i  (ctl3_q[C_NEG]),
      .corr3_i (corr3),
      .tclr3_i (ctl3_q[C_TCLR]),
      .tdbl3_i (ctl3_q[C_TDBL]),
      .last4_i (ctl4_q[C_OP] && ctl4_q[C_LAST]),
      .aclr4_i (ctl4_q[C_ACLR]),
      .adbl4_i (ctl4_q[C_ADBL]),
      .acc_o   (acc_o[32*p +: 32])
    );
  end

  assign eop_o   = ctl4_q[C_EOP];
  assign empty_o = ctl4_q[C_EMPTY];
  assign busy_o  = ctl1_q[C_OP] || ctl2_q[C_OP] || ctl3_q[C_OP] || ctl4_q[C_OP] ||
                   ctl1_q[C_EOP] || ctl2_q[C_EOP] || ctl3_q[C_EOP] || ctl4_q[C_EOP];

endmodule
