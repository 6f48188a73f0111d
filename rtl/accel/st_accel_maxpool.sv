// SPDX-License-Identifier: Apache-2.0
// st_accel_maxpool.sv - max pooling on codes, 32 channels at a time (numerics.md §5.1).
//
// The window's pixels arrive one after the other, each as its code planes MSB first (one PLANES word
// per plane, 32 channels). Per channel, a bit-serial comparison against the running maximum: while the
// new code equals the maximum so far on the higher planes, a 1 against a 0 makes it greater (it replaces
// the maximum from this plane down), a 0 against a 1 makes it smaller (ignored). Bipolar codes order like
// their values, so the same unit serves them.

module st_accel_maxpool (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        upd_i,     // a plane word of one window pixel
  input  logic [31:0] data_i,
  input  logic [1:0]  plane_i,
  input  logic        first_i,   // the window's first pixel: load it
  input  logic        msb_i,     // the pixel's top plane: the comparison starts
  input  logic [1:0]  rd_plane_i,
  output logic [31:0] max_o      // plane rd_plane_i of the maximum
);

  logic [127:0] cur_q, cur_d;  // plane i at bits 32i+31:32i
  logic [31:0] gt_q, gt_d, lt_q, lt_d;
  logic [31:0] gte, lte, c;

  always_comb begin
    cur_d = cur_q;
    gt_d = gt_q;
    lt_d = lt_q;
    c    = cur_q[32*32'(plane_i) +: 32];
    gte  = msb_i ? 32'd0 : gt_q;
    lte  = msb_i ? 32'd0 : lt_q;
    if (upd_i) begin
      if (first_i) begin
        cur_d[32*32'(plane_i) +: 32] = data_i;
        gt_d = '0;
        lt_d = '0;
      end else begin
        cur_d[32*32'(plane_i) +: 32] = (gte & data_i) | (~gte & lte & c) | (~gte & ~lte & (data_i | c));
        gt_d = gte | (~lte & data_i & ~c);
        lt_d = lte | (~gte & ~data_i & c);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cur_q <= '0;
      gt_q <= '0;
      lt_q <= '0;
    end else begin
      cur_q <= cur_d;
      gt_q <= gt_d;
      lt_q <= lt_d;
    end
  end

  assign max_o = cur_q[32*32'(rd_plane_i) +: 32];

endmodule
