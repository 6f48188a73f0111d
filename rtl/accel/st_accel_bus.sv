// SPDX-License-Identifier: Apache-2.0
// st_accel_bus.sv - the accelerator's bus master port (docs/bus.md): one request register, an
// outstanding-request limit and in-order response routing.
//
// Clients offer a request (a RAM word offset, not a bus address) and see ack_o when the request register
// takes it; from then on the register holds it stable on m_req_* until the slave accepts it (rule 1), so
// an abort never retracts a request. At most MaxOut requests are accepted and unanswered or waiting in
// the register, so a client that reserved room for MaxOut responses never overflows. Each accepted
// request pushes "is a write" and the client's tag into a small queue; a response pops it and read data
// goes out on rd_* with the tag (the generator's and the post unit's reads interleave). Write responses
// only count. Any rsp_err pulses err_o (the controller stops the chain).

module st_accel_bus #(
  parameter logic [31:0] RamBase = 32'h0,
  parameter int          MaxOut  = 4  // a power of two
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  // client side
  input  logic                       req_i,
  input  logic [st_accel_pkg::OW-1:0] req_addr_i,  // RAM word offset
  input  logic                       req_we_i,
  input  logic [3:0]                 req_be_i,
  input  logic [31:0]                req_wdata_i,
  input  logic                       req_tag_i,   // returned with the read response
  output logic                       ack_o,
  output logic                       rd_valid_o,  // a read response
  output logic                       rd_tag_o,
  output logic [31:0]                rd_data_o,
  output logic                       err_o,       // a response with rsp_err
  output logic                       idle_o,      // nothing waiting and nothing outstanding
  output logic                       stall_o,     // a request waits for req_ready

  // bus master port
  output logic                       m_req_valid_o,
  input  logic                       m_req_ready_i,
  output logic [31:0]                m_req_addr_o,
  output logic                       m_req_we_o,
  output logic [3:0]                 m_req_be_o,
  output logic [31:0]                m_req_wdata_o,
  input  logic                       m_rsp_valid_i,
  input  logic [31:0]                m_rsp_rdata_i,
  input  logic                       m_rsp_err_i
);

  localparam int OW = st_accel_pkg::OW;
  localparam int CW = $clog2(MaxOut) + 1;

  logic          vld_q, vld_d;
  logic [OW-1:0] addr_q, addr_d;
  logic          we_q, we_d;
  logic [3:0]    be_q, be_d;
  logic [31:0]   wdata_q, wdata_d;
  logic          tag_q, tag_d;
  logic [CW-1:0] out_q, out_d;  // accepted, unanswered

  logic       fire, can_take, kind_empty, kind_full;
  logic [1:0] kind;             // {tag, is a write} of the oldest outstanding request

  assign fire     = vld_q && m_req_ready_i;
  assign can_take = (!vld_q || m_req_ready_i) && ((out_q + CW'(vld_q)) < CW'(MaxOut));
  assign ack_o    = req_i && can_take;

  always_comb begin
    vld_d   = vld_q;
    addr_d  = addr_q;
    we_d    = we_q;
    be_d    = be_q;
    wdata_d = wdata_q;
    tag_d   = tag_q;
    out_d   = out_q;
    if (fire) begin
      vld_d = 1'b0;
    end
    if (ack_o) begin
      vld_d   = 1'b1;
      addr_d  = req_addr_i;
      we_d    = req_we_i;
      be_d    = req_we_i ? req_be_i : 4'hF;
      wdata_d = req_wdata_i;
      tag_d   = req_tag_i;
    end
    if (fire && !m_rsp_valid_i) begin
      out_d = out_q + 1'b1;
    end else if (!fire && m_rsp_valid_i) begin
      out_d = out_q - 1'b1;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      vld_q   <= 1'b0;
      addr_q  <= '0;
      we_q    <= 1'b0;
      be_q    <= 4'h0;
      wdata_q <= '0;
      tag_q   <= 1'b0;
      out_q   <= '0;
    end else begin
      vld_q   <= vld_d;
      addr_q  <= addr_d;
      we_q    <= we_d;
      be_q    <= be_d;
      wdata_q <= wdata_d;
      tag_q   <= tag_d;
      out_q   <= out_d;
    end
  end

  // which outstanding requests are writes, and whose, oldest first
  st_fifo #(
    .Width (2),
    .Depth (MaxOut)
  ) u_kind (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .push_i  (fire),
    .data_i  ({tag_q, we_q}),
    .pop_i   (m_rsp_valid_i),
    .data_o  (kind),
    .empty_o (kind_empty),
    .full_o  (kind_full)
  );

  assign m_req_valid_o = vld_q;
  assign m_req_addr_o  = RamBase + {{(30 - OW){1'b0}}, addr_q, 2'b00};
  assign m_req_we_o    = we_q;
  assign m_req_be_o    = be_q;
  assign m_req_wdata_o = wdata_q;

  assign rd_valid_o = m_rsp_valid_i && !kind[0];
  assign rd_tag_o   = kind[1];
  assign rd_data_o  = m_rsp_rdata_i;
  assign err_o      = m_rsp_valid_i && m_rsp_err_i;
  assign idle_o     = !vld_q && (out_q == '0);
  assign stall_o    = vld_q && !m_req_ready_i;

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    assert (!(m_rsp_valid_i && kind_empty)) else $error("st_accel_bus: response without a request");
    assert (!(fire && kind_full && !m_rsp_valid_i)) else $error("st_accel_bus: too many outstanding");
  end
`endif

endmodule
