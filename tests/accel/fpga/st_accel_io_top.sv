// SPDX-License-Identifier: Apache-2.0
// st_accel_io_top.sv - the HX8K place-and-route harness of the whole accelerator (make bench-accel-fpga's
// Fmax estimate): every port that carries information is a package pin (175 of the ct256's 206 I/Os), so
// the harness adds no logic at all. The UP5K's sg48 package has 39 I/Os, hence st_accel_pnr_top.sv and its
// shift register there. Left out: the register offset's bits the slave does not decode (it reads
// s_req_addr[11:2]) and the master address's constant bits (RamBase + the 18-bit byte offset of a RAM of
// up to 256 KiB: st_accel_pkg::BW), which need no logic.
module st_accel_io_top #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        s_req_valid_i,
  output logic        s_req_ready_o,
  input  logic [11:2] s_req_addr_i,
  input  logic        s_req_we_i,
  input  logic [3:0]  s_req_be_i,
  input  logic [31:0] s_req_wdata_i,
  output logic        s_rsp_valid_o,
  output logic [31:0] s_rsp_rdata_o,
  output logic        s_rsp_err_o,
  output logic        m_req_valid_o,
  input  logic        m_req_ready_i,
  output logic [17:2] m_req_addr_o,
  output logic        m_req_we_o,
  output logic [3:0]  m_req_be_o,
  output logic [31:0] m_req_wdata_o,
  input  logic        m_rsp_valid_i,
  input  logic [31:0] m_rsp_rdata_i,
  input  logic        m_rsp_err_i,
  output logic        irq_o
);
  logic [31:0] m_addr;
  st_accel_top #(.NumPe(NumPe), .SimdWidth(SimdWidth)) u_accel (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .s_req_valid_i(s_req_valid_i), .s_req_ready_o(s_req_ready_o),
    .s_req_addr_i({20'd0, s_req_addr_i, 2'b00}), .s_req_we_i(s_req_we_i), .s_req_be_i(s_req_be_i),
    .s_req_wdata_i(s_req_wdata_i), .s_rsp_valid_o(s_rsp_valid_o), .s_rsp_rdata_o(s_rsp_rdata_o),
    .s_rsp_err_o(s_rsp_err_o), .m_req_valid_o(m_req_valid_o), .m_req_ready_i(m_req_ready_i),
    .m_req_addr_o(m_addr), .m_req_we_o(m_req_we_o), .m_req_be_o(m_req_be_o), .m_req_wdata_o(m_req_wdata_o),
    .m_rsp_valid_i(m_rsp_valid_i), .m_rsp_rdata_i(m_rsp_rdata_i), .m_rsp_err_i(m_rsp_err_i), .irq_o(irq_o));
  assign m_req_addr_o = m_addr[17:2];

  logic unused;
  assign unused = ^{m_addr[31:18], m_addr[1:0]};
endmodule
