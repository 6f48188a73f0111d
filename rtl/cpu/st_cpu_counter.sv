// SPDX-License-Identifier: Apache-2.0
// st_cpu_counter.sv - loadable counter, one iCE40 logic cell per bit: a half of mcycle / minstret, the
// fetch address (load = jump, increment = next word), and in the SoC a half of the timer's mtime and the
// UART's and SPI master's bit-period counters.
//
//   q <= we_i ? wdata_i : q + inc_i;     carry_o = the carry out of the top bit (zero while loading)
//   (InvertLoad: q <= ~wdata_i on a load. Counting up from ~n to all ones takes n + 1 cycles, as a
//   down-counter from n to zero does, without the down-counter's second cell per bit for the reload.)
//
// Written behaviourally, synthesis gives two cells per bit (an adder cell, then a multiplexer). For
// iCE40 synthesis (yosys defines SYNTHESIS; define ST_GENERIC for other targets) each bit is one logic
// cell instead: the LUT computes we ? wdata : q ^ carry_in, the cell's carry logic q & carry_in (or
// garbage while loading, when every bit is replaced anyway and carry_o is masked), and the cell's
// flip-flop holds q. `make test-cpu-equiv` proves the two versions equivalent with yosys.

module st_cpu_counter #(
  parameter int unsigned      Width      = 32,
  parameter logic [Width-1:0] ResetValue = '0,
  parameter bit               InvertLoad = 1'b0   // load ~wdata_i (an up-counter that ends at all ones
                                                  // counts wdata_i + 1 cycles: a down-counter's timing)
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             inc_i,
  input  logic             we_i,
  input  logic [Width-1:0] wdata_i,
  output logic [Width-1:0] q_o,
  output logic             carry_o
);

`ifdef SYNTHESIS
`ifndef ST_GENERIC
`define ST_CPU_COUNTER_ICE40
`endif
`endif

`ifdef ST_CPU_COUNTER_ICE40
  logic [Width:0]   c;   // carry into bit i
  logic [Width-1:0] d;

  assign c[0] = inc_i;

  for (genvar i = 0; i < Width; i++) begin : gen_bit
    // LUT inputs I0 = wdata, I1 = q, I2 = we, I3 = carry in; output = I2 ? I0 : I1 ^ I3 (~I0 with
    // InvertLoad).
    SB_LUT4 #(
      .LUT_INIT (InvertLoad ? 16'b0101_0011_0101_1100 : 16'b1010_0011_1010_1100)
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
    if (ResetValue[i]) begin : gen_set
      SB_DFFS u_ff (
        .Q (q_o[i]),
        .C (clk_i),
        .S (!rst_ni),
        .D (d[i])
      );
    end else begin : gen_reset
      SB_DFFR u_ff (
        .Q (q_o[i]),
        .C (clk_i),
        .R (!rst_ni),
        .D (d[i])
      );
    end
  end

  assign carry_o = c[Width] && !we_i;
`undef ST_CPU_COUNTER_ICE40
`else
  logic [Width-1:0] q_q, q_d;
  logic             c_d;

  assign {c_d, q_d} = we_i ? {1'b0, InvertLoad ? ~wdata_i : wdata_i} : {1'b0, q_q} + {{Width{1'b0}}, inc_i};
  assign q_o        = q_q;
  assign carry_o    = c_d;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_q <= ResetValue;
    end else begin
      q_q <= q_d;
    end
  end
`endif

endmodule
