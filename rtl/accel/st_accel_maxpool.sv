// SPDX-License-Identifier: Apache-2.0
// st_accel_maxpool.sv - max pooling on codes, 32 channels at a time (numerics.md §5.1).
//
// The window's pixels arrive one after the other, each as its code planes MSB first (one PLANES word
// per plane, 32 channels). Per channel, a bit-serial comparison against the running maximum: while the
// new code equals the maximum so far on the higher planes, a 1 against a 0 makes it greater (it replaces
// the maximum from this plane down), a 0 against a 1 makes it smaller (ignored). Bipolar codes order like
// their values, so the same unit serves them.
//
// The maximum's planes sit in place, plane i in register i (no rotation, so each register is a plain
// enable flip-flop): a 2-bit counter names the plane being compared (n-1 at the pixel's top plane, then
// down), and one 4:1 word multiplexer serves both the comparison and the post unit's read (the generator
// never updates a window while the post unit still writes the previous one).

module st_accel_maxpool (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [2:0]  n_i,       // planes per code, 1..4
  input  logic        upd_i,     // a plane word of one window pixel (MSB first)
  input  logic [31:0] data_i,
  input  logic        first_i,   // the window's first pixel: take it
  input  logic        msb_i,     // the pixel's top plane: the comparison starts
  input  logic [1:0]  rd_plane_i,
  output logic [31:0] max_o      // plane rd_plane_i of the maximum
);

  logic [127:0] q_q;             // plane i of the maximum so far at bits 32i+31:32i
  logic [31:0] gt_q, gt_d, lt_q, lt_d;
  logic [31:0] gte, lte, c, h;
  logic [1:0]  pl_q, pl, sel;

  assign pl  = msb_i ? 2'(n_i - 3'd1) : pl_q;   // the plane arriving now
  assign sel = upd_i ? pl : rd_plane_i;
  assign c   = q_q[32 * 32'(sel) +: 32];

  always_comb begin
    gte = msb_i ? 32'd0 : gt_q;
    lte = msb_i ? 32'd0 : lt_q;
    if (first_i) begin
      h = data_i;
    end else begin
      h = (gte & data_i) | (~gte & lte & c) | (~gte & ~lte & (data_i | c));
    end
    gt_d = gt_q;
    lt_d = lt_q;
    if (upd_i) begin
      gt_d = gte | (~lte & data_i & ~c);
      lt_d = lte | (~gte & ~data_i & c);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      gt_q <= '0;
      lt_q <= '0;
      pl_q <= '0;
    end else begin
      gt_q <= gt_d;
      lt_q <= lt_d;
      if (upd_i) begin
        pl_q <= pl - 2'd1;
      end
    end
  end

  // the planes: write enables only
  always_ff @(posedge clk_i) begin
    for (int i = 0; i < 4; i++) begin
      if (upd_i && (pl == 2'(i))) begin
        q_q[32*i +: 32] <= h;
      end
    end
  end

  assign max_o = c;

endmodule
