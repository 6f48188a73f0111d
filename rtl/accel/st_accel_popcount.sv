// SPDX-License-Identifier: Apache-2.0
// st_accel_popcount.sv - a two-stage pipelined population count.
//
// A one-cycle 64-bit popcount limits a UP5K to about 29 MHz, so the tree is cut once: stage 1 counts
// groups of 8 bits (a few LUT levels each) into a register, stage 2 adds the group counts. Latency 2.

module st_accel_popcount #(
  parameter int Width = 32  // a multiple of 8
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  input  logic [Width-1:0]           x_i,
  output logic [$clog2(Width+1)-1:0] cnt_o   // popcount(x_i) two cycles earlier
);

  localparam int NG = Width / 8;
  localparam int RW = $clog2(Width + 1);

  logic [4*NG-1:0] grp_d, grp_q;  // group g at bits 4g+3:4g
  logic [RW-1:0] sum_d, sum_q;

  always_comb begin
    grp_d = '0;
    for (int g = 0; g < NG; g++) begin
      for (int b = 0; b < 8; b++) begin
        grp_d[4*g +: 4] = grp_d[4*g +: 4] + {3'b000, x_i[8*g + b]};
      end
    end
    sum_d = '0;
    for (int g = 0; g < NG; g++) begin
      sum_d = sum_d + RW'(grp_q[4*g +: 4]);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      grp_q <= '0;
      sum_q <= '0;
    end else begin
      grp_q <= grp_d;
      sum_q <= sum_d;
    end
  end

  assign cnt_o = sum_q;

endmodule
