// SPDX-License-Identifier: Apache-2.0
// st_soc_err_slave.sv - a bus slave that answers every request with rsp_err.
//
// The interconnect's default slave (unmapped addresses) and the stand-in for blocks a configuration leaves
// out (the accelerator, the SPI flash master). Always ready; the error response follows one cycle later.

module st_soc_err_slave (
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

  logic rsp_valid_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rsp_valid_q <= 1'b0;
    end else begin
      rsp_valid_q <= req_valid_i;
    end
  end

  assign req_ready_o = 1'b1;
  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = 32'h0;
  assign rsp_err_o   = 1'b1;

  logic unused;
  assign unused = ^{req_addr_i, req_we_i, req_be_i, req_wdata_i};

endmodule
