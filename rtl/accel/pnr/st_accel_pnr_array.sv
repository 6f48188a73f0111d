// SPDX-License-Identifier: Apache-2.0
// st_accel_pnr_array.sv - place-and-route harness for the PE array alone (make pnr-accel): its inputs
// come from a shift register fed by one pin and its outputs are folded into one registered pin, so that
// nextpnr measures the array's logic cells and Fmax instead of running out of package pins.

module st_accel_pnr_array #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic din_i,
  output logic dout_o
);

  localparam int PEW = $clog2(NumPe);
  localparam int WAW = $clog2(WbufDepth);
  localparam int NI  = 12 + PEW + 2 * WAW + 3 * SimdWidth;

  logic [NI-1:0]        sh_q;
  logic [NumPe*32-1:0]  acc;
  logic                 eop, empty, busy, dout_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sh_q   <= '0;
      dout_q <= 1'b0;
    end else begin
      sh_q   <= {sh_q[NI-2:0], din_i};
      dout_q <= ^{acc, eop, empty, busy};
    end
  end

  st_accel_array #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth)
  ) u_array (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (sh_q[0]),
    .we_i    (sh_q[1]),
    .we_pe_i (sh_q[2 +: PEW]),
    .waddr_i (sh_q[2 + PEW +: WAW]),
    .wdata_i (sh_q[2 + PEW + WAW +: SimdWidth]),
    .op_i    (sh_q[2 + PEW + WAW + SimdWidth]),
    .raddr_i (sh_q[3 + PEW + WAW + SimdWidth +: WAW]),
    .a_i     (sh_q[3 + PEW + 2 * WAW + SimdWidth +: SimdWidth]),
    .xsel_i  (sh_q[3 + PEW + 2 * WAW + 2 * SimdWidth]),
    .x1_i    (sh_q[4 + PEW + 2 * WAW + 2 * SimdWidth +: SimdWidth]),
    .v_i     (sh_q[4 + PEW + 2 * WAW +: SimdWidth]),
    .xor_i   (sh_q[4 + PEW + 2 * WAW + 3 * SimdWidth]),
    .dbl_i   (sh_q[5 + PEW + 2 * WAW + 3 * SimdWidth]),
    .neg_i   (sh_q[6 + PEW + 2 * WAW + 3 * SimdWidth]),
    .aclr_i  (sh_q[7 + PEW + 2 * WAW + 3 * SimdWidth]),
    .adbl_i  (sh_q[8 + PEW + 2 * WAW + 3 * SimdWidth]),
    .eop_i   (sh_q[9 + PEW + 2 * WAW + 3 * SimdWidth]),
    .empty_i (sh_q[10 + PEW + 2 * WAW + 3 * SimdWidth]),
    .acc_o   (acc),
    .eop_o   (eop),
    .empty_o (empty),
    .busy_o  (busy)
  );

  assign dout_o = dout_q;

  logic unused;
  assign unused = sh_q[NI-1];

endmodule
