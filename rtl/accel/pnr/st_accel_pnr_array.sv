// SPDX-License-Identifier: Apache-2.0
// st_accel_pnr_array.sv - place-and-route harness for the PE array alone (make pnr-accel): every input
// bit of st_accel_array is its own bit of the st_pnr_pins shift register, and its outputs fold into one
// pin, so that nextpnr measures the array's logic cells and Fmax instead of running out of package pins.

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
  localparam int NVW = $clog2(SimdWidth + 1);
  localparam int NI  = 12 + PEW + 2 * WAW + 3 * SimdWidth + NVW + 3;  // 12 one-bit inputs and the fields below
  localparam int NO  = NumPe * 32 + 3;

  logic [NI-1:0]        pins;
  logic [NumPe*32-1:0]  acc;
  logic [NumPe*SimdWidth-1:0] w1_unused;  // the memories' read words (the coprocessor's thresholds)
  logic                 eop, empty, busy;
  logic                 flush, we, op, xsel, xr, dbl, bytes, neg, aclr, adbl, eop_in, empty_in;
  logic [PEW-1:0]       we_pe;
  logic [WAW-1:0]       waddr, raddr;
  logic [SimdWidth-1:0] wdata, a, x1;
  logic [NVW-1:0]       nv;
  logic [2:0]           bg;

  assign {empty_in, eop_in, adbl, aclr, neg, bg, bytes, dbl, xr, nv, x1, xsel, a, raddr, op, wdata, waddr,
          we_pe, we, flush} = pins;

  st_pnr_pins #(
    .NumIn  (NI),
    .NumOut (NO)
  ) u_pins (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .din_i  (din_i),
    .dout_o (dout_o),
    .in_o   (pins),
    .out_i  ({acc, eop, empty, busy})
  );

  st_accel_array #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth)
  ) u_array (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (flush),
    .we_i    (we),
    .we_pe_i (we_pe),
    .waddr_i (waddr),
    .wdata_i (wdata),
    .op_i    (op),
    .raddr_i (raddr),
    .a_i     (a),
    .xsel_i  (xsel),
    .x1_i    (x1),
    .nv_i    (nv),
    .xor_i   (xr),
    .dbl_i   (dbl),
    .bytes_i (bytes),
    .bg_i    (bg),
    .neg_i   (neg),
    .aclr_i  (aclr),
    .adbl_i  (adbl),
    .eop_i   (eop_in),
    .empty_i (empty_in),
    .acc_o   (acc),
    .w1_o    (w1_unused),
    .eop_o   (eop),
    .empty_o (empty),
    .busy_o  (busy)
  );

  logic unused;
  assign unused = ^w1_unused;

endmodule
