// SPDX-License-Identifier: Apache-2.0
// st_pnr_pins.sv - the pin-saving shell of the place-and-route harnesses (st_accel_pnr_array, and
// tests/accel/fpga/st_accel_pnr_top for the whole accelerator): a design with more ports than the
// package has pins gets its NumIn inputs from a shift register fed by one pin, and its NumOut outputs
// XOR-folded into one registered pin, so that no logic is optimised away and nextpnr measures the design's
// logic cells and Fmax (the shell adds NumIn + 1 flip-flops, NumOut more with RegOut, and about NumOut / 3
// LUT4).

module st_pnr_pins #(
  parameter int NumIn  = 8,
  parameter int NumOut = 8,
  parameter bit RegOut = 1'b0  // register every output bit before the fold (pnr_blocks.sh), so a path
                               // out of the design ends at a flip-flop, not at the XOR tree
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              din_i,   // the one input pin
  output logic              dout_o,  // the one output pin
  output logic [NumIn-1:0]  in_o,    // to the design's inputs
  input  logic [NumOut-1:0] out_i    // from the design's outputs
);

  logic [NumIn-1:0]  sh_q;
  logic [NumOut-1:0] out;
  logic              dout_q;

  if (RegOut) begin : g_reg
    logic [NumOut-1:0] out_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        out_q <= '0;
      end else begin
        out_q <= out_i;
      end
    end
    assign out = out_q;
  end else begin : g_comb
    assign out = out_i;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sh_q   <= '0;
      dout_q <= 1'b0;
    end else begin
      sh_q   <= {sh_q[NumIn-2:0], din_i};
      dout_q <= ^out;
    end
  end

  assign in_o   = sh_q;
  assign dout_o = dout_q;

endmodule
