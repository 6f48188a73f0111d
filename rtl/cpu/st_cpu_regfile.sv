// SPDX-License-Identifier: Apache-2.0
// st_cpu_regfile.sv - register file in block RAM: 64 x 32 bits, one write port, two registered read ports.
//
// Entries 0-31 are x0-x31, entries 32-63 hold the CSRs kept in RAM (mscratch, mepc, mtval, mtvec; see
// st_cpu_pkg). Yosys maps the array to SB_RAM40_4K blocks (two 256 x 16 blocks per read port, four in all;
// each read port has its own copy). Reads are synchronous: the address is presented one cycle before the
// data is used. What a read returns when it hits the
// entry written at the same clock edge is left undefined (no_rw_check): the core never uses that value
// (it forwards or waits a cycle). x0 is never written and starts at zero, so it always reads zero.

module st_cpu_regfile (
  input  logic        clk_i,
  input  logic [5:0]  raddr_a_i,
  input  logic [5:0]  raddr_b_i,
  output logic [31:0] rdata_a_o,
  output logic [31:0] rdata_b_o,
  input  logic        we_i,
  input  logic [5:0]  waddr_i,
  input  logic [31:0] wdata_i
);

  (* no_rw_check *)
  logic [31:0] mem_q [64];
  logic [31:0] rdata_a_q, rdata_b_q;

  // Block RAM contents after configuration (and in simulation): all zero, so x0 reads zero.
  initial begin
    for (int i = 0; i < 64; i++) begin
      mem_q[i] = 32'd0;
    end
  end

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

`ifndef SYNTHESIS
  // x0 is never written (the core gates the write enable).
  always_ff @(posedge clk_i) begin
    assert (!(we_i && waddr_i == 6'd0)) else $error("st_cpu_regfile: write to x0");
  end
`endif

endmodule
