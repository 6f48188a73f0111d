// SPDX-License-Identifier: Apache-2.0
// st_soc_bootrom.sv - the boot ROM: a read-only bus slave in block RAM, filled by $readmemh.
//
// Block RAM (unlike SPRAM) is initialised by the bitstream, so this is where the first instructions live
// on the board. The ROM occupies the first Words * 4 bytes of the BOOTROM block; a read beyond them or any
// write gets rsp_err. One cycle from request to response, no wait states.

module st_soc_bootrom #(
  parameter int Words    = 256,  // 1 KiB: two EBR blocks of the UP5K
  parameter     InitFile = ""    // $readmemh image (32-bit words); empty: all zero
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

  localparam int AW = $clog2(Words);

  logic [31:0]   rom_q [Words];
  logic [31:0]   rdata_q;
  logic          rsp_valid_q, rsp_err_q;
  logic          in_range;
  logic [AW-1:0] index;

  // Either the file or zeros, not both: Yosys turns every assignment of this block into a memory
  // initialisation and lets the zero loop win over $readmemh whatever their order (an all-zero ROM in the
  // bitstream; found by the gate-level simulation, fpga/icebreaker/gate.mk).
  initial begin
    if (InitFile != "") begin
      $readmemh(InitFile, rom_q);
    end else begin
      for (int i = 0; i < Words; i++) begin
        rom_q[i] = 32'h0;
      end
    end
  end

  assign index       = req_addr_i[AW+1:2];
  assign in_range    = ({1'b0, req_addr_i[11:2]} < 11'(Words));
  assign req_ready_o = 1'b1;

  // The read port alone is clocked, without reset, so that Yosys maps the array to SB_RAM40_4K.
  always_ff @(posedge clk_i) begin
    if (req_valid_i) begin
      rdata_q <= rom_q[index];
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rsp_valid_q <= 1'b0;
      rsp_err_q   <= 1'b0;
    end else begin
      rsp_valid_q <= req_valid_i;
      rsp_err_q   <= req_valid_i && (req_we_i || !in_range);
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = rsp_err_q;

  // The interconnect decoded the block; a ROM has no use for write data or byte enables.
  logic unused;
  assign unused = ^{req_addr_i[31:12], req_addr_i[1:0], req_be_i, req_wdata_i};

endmodule
