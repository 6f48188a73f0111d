// SPDX-License-Identifier: Apache-2.0
// st_accel_maxpool.sv - max pooling on codes, 32 channels at a time (numerics.md §5.1).
//
// The window's pixels arrive one after the other, each as its code planes MSB first (one PLANES word
// per plane, 32 channels). Per channel, a bit-serial comparison against the running maximum: while the
// new code equals the maximum so far on the higher planes, a 1 against a 0 makes it greater (it replaces
// the maximum from this plane down), a 0 against a 1 makes it smaller (ignored). Bipolar codes order like
// their values, so the same unit serves them.
//
// The maximum's planes sit in a rotating queue of n words: the head is always the plane being compared,
// and each update writes the new head value to the tail. After a pixel's n planes the queue holds the
// planes MSB first again, so only the head is ever combined with incoming data (no plane multiplexer).

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

  logic [127:0] q_q, q_d;        // queue entry k at bits 32k+31:32k; entry 0 is the head
  logic [31:0]  gt_q, gt_d, lt_q, lt_d;
  logic [31:0]  gte, lte, c, h;

  always_comb begin
    c   = q_q[31:0];
    gte = msb_i ? 32'd0 : gt_q;
    lte = msb_i ? 32'd0 : lt_q;
    if (first_i) begin
      h = data_i;
    end else begin
      h = (gte & data_i) | (~gte & lte & c) | (~gte & ~lte & (data_i | c));
    end
    q_d  = q_q;
    gt_d = gt_q;
    lt_d = lt_q;
    if (upd_i) begin
      for (int k = 0; k < 3; k++) begin
        q_d[32*k +: 32] = (32'(n_i) - 1 == k) ? h : q_q[32*(k+1) +: 32];
      end
      q_d[127:96] = h;
      gt_d = gte | (~lte & data_i & ~c);
      lt_d = lte | (~gte & ~data_i & c);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_q  <= '0;
      gt_q <= '0;
      lt_q <= '0;
    end else begin
      q_q  <= q_d;
      gt_q <= gt_d;
      lt_q <= lt_d;
    end
  end

  // plane i of the maximum is queue entry n-1-i
  assign max_o = q_q[32 * (32'(n_i) - 1 - 32'(rd_plane_i)) +: 32];

endmodule
