// SPDX-License-Identifier: Apache-2.0
// st_cpu_counter.sv - 32-bit loadable counter (a half of mcycle / minstret): one iCE40 logic cell per bit.
//
//   q <= we_i ? wdata_i : q + inc_i;     carry_o = the carry out of bit 31 (zero while loading)
//
// Written behaviourally, synthesis gives two cells per bit (an adder cell, then a multiplexer). For
// iCE40 synthesis (yosys defines SYNTHESIS; define ST_GENERIC for other targets) each bit is one logic
// cell instead: the LUT computes we ? wdata : q ^ carry_in, the cell's carry logic q & carry_in (or
// garbage while loading, when every bit is replaced anyway and carry_o is masked), and the cell's
// flip-flop holds q. `make test-cpu-equiv` proves the two versions equivalent with yosys.

module st_cpu_counter (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        inc_i,
  input  logic        we_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] q_o,
  output logic        carry_o
);

`ifdef SYNTHESIS
`ifndef ST_GENERIC
`define ST_CPU_COUNTER_ICE40
`endif
`endif

`ifdef ST_CPU_COUNTER_ICE40
  logic [32:0] c;   // carry into bit i
  logic [31:0] d;

  assign c[0] = inc_i;

  for (genvar i = 0; i < 32; i++) begin : gen_bit
    // LUT inputs I0 = wdata, I1 = q, I2 = we, I3 = carry in; output = I2 ? I0 : I1 ^ I3.
    SB_LUT4 #(
      .LUT_INIT (16'b1010_0011_1010_1100)
    ) u_lut (
      .O  (d[i]),
      .I0 (wdata_i[i]),
      .I1 (q_o[i]),
      .I2 (we_i),
      .I3 (c[i])
    );
    // Carry logic on the same cell: inputs are the LUT's I1 and I2.
    SB_CARRY u_carry (
      .CO (c[i + 1]),
      .I0 (q_o[i]),
      .I1 (we_i),
      .CI (c[i])
    );
    SB_DFFR u_ff (
      .Q (q_o[i]),
      .C (clk_i),
      .R (!rst_ni),
      .D (d[i])
    );
  end

  assign carry_o = c[32] && !we_i;
`undef ST_CPU_COUNTER_ICE40
`else
  logic [31:0] q_q, q_d;
  logic        c_d;

  assign {c_d, q_d} = we_i ? {1'b0, wdata_i} : {1'b0, q_q} + {32'd0, inc_i};
  assign q_o        = q_q;
  assign carry_o    = c_d;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_q <= '0;
    end else begin
      q_q <= q_d;
    end
  end
`endif

endmodule
