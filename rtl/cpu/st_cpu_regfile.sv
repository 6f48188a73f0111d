// SPDX-License-Identifier: Apache-2.0
// st_cpu_regfile.sv - 32 x 32 register file in block RAM: one write port, two registered read ports.
//
// Yosys maps the array to SB_RAM40_4K blocks (two 256 x 16 blocks per read port, so four in all; each
// read port gets its own copy of the data). Reads are synchronous: the address is presented one cycle
// before the data is used, and a read in the same cycle as a write to the same register returns the old
// value; the core forwards the value written in that cycle (st_cpu_core). x0 is never written and the
// core ignores what is read for it, so the array needs no initialisation.

module st_cpu_regfile (
  input  logic        clk_i,
  input  logic [4:0]  raddr_a_i,
  input  logic [4:0]  raddr_b_i,
  output logic [31:0] rdata_a_o,
  output logic [31:0] rdata_b_o,
  input  logic        we_i,
  input  logic [4:0]  waddr_i,
  input  logic [31:0] wdata_i
);

  (* no_rw_check *)
  logic [31:0] mem_q [32];
  logic [31:0] rdata_a_q, rdata_b_q;

  // A block RAM has no reset; this process is the RAM itself (write port, two read ports).
  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem_q[waddr_i] <= wdata_i;
    end
    rdata_a_q <= mem_q[raddr_a_i];
    rdata_b_q <= mem_q[raddr_b_i];
  end

  assign rdata_a_o = rdata_a_q;
  assign rdata_b_o = rdata_b_q;

endmodule
