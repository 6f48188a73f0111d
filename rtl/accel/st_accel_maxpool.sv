// SPDX-License-Identifier: Apache-2.0
// st_accel_maxpool.sv - max pooling on codes, 32 channels at a time (numerics.md §5.1).
//
// The window's pixels arrive one after the other, each as its code planes MSB first (one PLANES word
// per plane, 32 channels). Per channel, a bit-serial comparison against the running maximum: while the
// new code equals the maximum so far on the higher planes, a 1 against a 0 makes it greater (it replaces
// the maximum from this plane down), a 0 against a 1 makes it smaller (ignored). Bipolar codes order like
// their values, so the same unit serves them.
//
// The maximum's n planes sit in a ring of n registers that turns by one at every plane: r[0] is always
// the plane being compared, the result enters at r[n-1], so after a pixel's n planes the ring is back
// where it started (r[0] the top plane). No word multiplexer picks the plane (one 2:1 LUT4 in front of
// each register instead of a 4:1 select after them, and every flip-flop packs with its LUT). The post
// unit reads the result the same way, top plane first: each read turns the ring and shifts a 0 in, so
// after the window's n reads the maximum is back to 0, the smallest code (bipolar: -1), and the next
// window's first pixel needs no case of its own. A flush, and the first cycle out of reset, clear the
// ring; the comparison flags clear with each pixel's last plane. These clears are the flip-flops'
// synchronous resets, so a plane's next value and each flag's is one LUT4 of four inputs (flags, new bit,
// old bit).

module st_accel_maxpool (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        flush_i,   // abort: forget the window
  input  logic [2:0]  n_i,       // planes per code, 1..4
  input  logic        upd_i,     // a plane word of one window pixel (MSB first)
  input  logic [31:0] data_i,
  input  logic        msb_i,     // the pixel's top plane: the comparison starts
  input  logic        rd_i,      // the post unit has written max_o: the ring turns, a 0 enters
  output logic [31:0] max_o      // the next plane of the maximum to write, top plane first
);

  logic [127:0] r_q;             // the ring, register k at bits 32k+31:32k: r_q[31:0] the plane
                                 // compared (or written) next
  logic [31:0] gt_q, lt_q;       // per channel: greater / smaller than the maximum on the planes seen
  logic [31:0] c, h;
  logic [1:0]  pl_q, pl, top;
  logic        init_q, clr_all, last;

  assign top     = 2'(n_i - 3'd1);                 // the ring's end: r_q[n-1]
  assign pl      = msb_i ? top : pl_q;             // the plane arriving now
  assign c       = r_q[31:0];
  assign last    = upd_i && (pl == 2'd0);          // the pixel's last plane: the flags restart
  assign clr_all = flush_i || init_q;

  // greater so far: take the new bit; smaller: keep; equal: the larger bit (a 1 against a 0 decides)
  assign h = (gt_q & data_i) | (lt_q & c) | (~gt_q & ~lt_q & (data_i | c));

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      init_q <= 1'b1;
      pl_q   <= '0;
    end else begin
      init_q <= 1'b0;
      if (upd_i) begin
        pl_q <= pl - 2'd1;
      end
    end
  end

  // the flags and the ring have synchronous clears only (init_q: the first cycle out of reset)
  always_ff @(posedge clk_i) begin
    if (clr_all || last) begin
      gt_q <= '0;
      lt_q <= '0;
    end else if (upd_i) begin
      gt_q <= gt_q | (~lt_q & data_i & ~c);
      lt_q <= lt_q | (~gt_q & ~data_i & c);
    end
  end

  // registers above the ring's end (k > n-1) keep their 0
  always_ff @(posedge clk_i) begin
    for (int k = 0; k < 4; k++) begin
      if (clr_all || (rd_i && (top == 2'(k)))) begin
        r_q[32*k +: 32] <= '0;
      end else if ((upd_i || rd_i) && (2'(k) <= top)) begin
        // the last register is only ever the ring's end (enabled only when n = 4): no multiplexer
        r_q[32*k +: 32] <= ((top == 2'(k)) || (k == 3)) ? h : r_q[32*((k + 1) % 4) +: 32];
      end
    end
  end

  assign max_o = c;

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (upd_i && rd_i) begin
      $error("st_accel_maxpool: a window pixel while the post unit writes the maximum");
    end
  end
`endif

endmodule
