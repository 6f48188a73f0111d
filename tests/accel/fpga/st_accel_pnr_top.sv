// SPDX-License-Identifier: Apache-2.0
// st_accel_pnr_top.sv - place-and-route harness for the whole accelerator (make bench-accel-fpga): its
// 105 input bits come from the shift register of rtl/accel/pnr/st_pnr_pins.sv, fed by one pin, and its 106
// output bits are folded into one registered pin, so that nextpnr measures the accelerator's logic cells
// and Fmax instead of running out of package pins. The harness itself costs about 105 flip-flops and 40 LUT4 (counted in the results).

module st_accel_pnr_top #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic din_i,
  output logic dout_o
);

  localparam int NI = 105;  // the slave request and the master's ready / response
  localparam int NO = 106;  // everything st_accel_top drives

  logic [NI-1:0] pins;
  logic          s_req_ready, s_rsp_valid, s_rsp_err, m_req_valid, m_req_we, irq;
  logic [31:0]   s_rsp_rdata, m_req_addr, m_req_wdata;
  logic [3:0]    m_req_be;

  st_pnr_pins #(
    .NumIn  (NI),
    .NumOut (NO)
  ) u_pins (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .din_i  (din_i),
    .dout_o (dout_o),
    .in_o   (pins),
    .out_i  ({s_req_ready, s_rsp_valid, s_rsp_rdata, s_rsp_err, m_req_valid, m_req_addr, m_req_we, m_req_be,
              m_req_wdata, irq})
  );

  st_accel_top #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth)
  ) u_accel (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .s_req_valid_i (pins[0]),
    .s_req_ready_o (s_req_ready),
    .s_req_addr_i  (pins[1 +: 32]),
    .s_req_we_i    (pins[33]),
    .s_req_be_i    (pins[34 +: 4]),
    .s_req_wdata_i (pins[38 +: 32]),
    .s_rsp_valid_o (s_rsp_valid),
    .s_rsp_rdata_o (s_rsp_rdata),
    .s_rsp_err_o   (s_rsp_err),
    .m_req_valid_o (m_req_valid),
    .m_req_ready_i (pins[70]),
    .m_req_addr_o  (m_req_addr),
    .m_req_we_o    (m_req_we),
    .m_req_be_o    (m_req_be),
    .m_req_wdata_o (m_req_wdata),
    .m_rsp_valid_i (pins[71]),
    .m_rsp_rdata_i (pins[72 +: 32]),
    .m_rsp_err_i   (pins[104]),
    .irq_o         (irq)
  );


endmodule
