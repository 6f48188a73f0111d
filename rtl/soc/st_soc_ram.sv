// SPDX-License-Identifier: Apache-2.0
// st_soc_ram.sv - one 64 KiB bank of the SoC RAM: two SPRAM blocks side by side as the 16-bit halves.
//
// The 128 KiB RAM is two of these banks (address bit 16 selects the bank). Each bank is its own slave on
// the interconnect, so the CPU can fetch from one bank while it (or the accelerator) loads from the other.
// Bus slave per docs/bus.md: always ready, the response one cycle after the request, no wait states.

module st_soc_ram #(
  parameter int Bank = 0  // 0 or 1: which bank, names the SPRAM blocks 2*Bank and 2*Bank + 1
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [31:0] req_addr_i,
  input  logic        req_we_i,
  input  logic [3:0]  req_be_i,
  input  logic [31:0] req_wdata_i,
  output logic        rsp_valid_o,
  output logic [31:0] rsp_rdata_o,
  output logic        rsp_err_o
);

  logic        rsp_valid_q;
  logic [13:0] word_addr;

  assign word_addr   = req_addr_i[15:2];
  assign req_ready_o = 1'b1;

  st_soc_spram #(
    .BlockId (2 * Bank)
  ) u_lo (
    .clk_i   (clk_i),
    .en_i    (req_valid_i),
    .we_i    (req_we_i),
    .addr_i  (word_addr),
    .be_i    (req_be_i[1:0]),
    .wdata_i (req_wdata_i[15:0]),
    .rdata_o (rsp_rdata_o[15:0])
  );

  st_soc_spram #(
    .BlockId (2 * Bank + 1)
  ) u_hi (
    .clk_i   (clk_i),
    .en_i    (req_valid_i),
    .we_i    (req_we_i),
    .addr_i  (word_addr),
    .be_i    (req_be_i[3:2]),
    .wdata_i (req_wdata_i[31:16]),
    .rdata_o (rsp_rdata_o[31:16])
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rsp_valid_q <= 1'b0;
    end else begin
      rsp_valid_q <= req_valid_i;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_err_o   = 1'b0;

  // Only the bank's own offset bits and the word index are decoded; the interconnect selected the bank.
  logic unused_addr;
  assign unused_addr = ^{req_addr_i[31:16], req_addr_i[1:0]};

endmodule
