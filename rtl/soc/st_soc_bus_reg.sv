// SPDX-License-Identifier: Apache-2.0
// st_soc_bus_reg.sv - a register slice for one master of the bus of docs/bus.md: request, response, or both.
//
// ReqReg = 1: the master's request is taken into flip-flops and presented to the interconnect from there
// in the next cycle. It cuts the timing path master address -> interconnect decode and arbitration ->
// req_ready -> master state (for the core's data port: the ALU's adder, the slave decode, the RAM bank's
// arbiter and the core's state machine in one cycle; docs/fpga.md §5). req_ready to the master is
// !full_q, a flip-flop: nothing from the interconnect reaches the master combinationally. The price is
// one cycle per request, and one request per two cycles at most (a full slice accepts the next one only
// after it has handed on the one it holds): it suits a master with one request outstanding at a time
// (the core's data port), not a streaming one (the accelerator's DMA).
//
// ReqHold = 1 (with ReqReg): only req_valid and req_addr are registered; req_we, req_be and req_wdata pass
// straight through. Valid only for a master that keeps those three unchanged from the acceptance of a
// request until its response, with at most one request outstanding (the core's data port: a load or store
// waits in the execute stage for its response, its operands unchanged; st_cpu_core asserts it). It saves
// 37 flip-flops (37 logic cells on the iCE40) where only the address is timing-critical.
//
// RspReg = 1: the response (valid, data, error) is registered on its way back, one cycle later. It cuts
// the path slave output (the SPRAM's slow clock-to-out) -> response routing -> whatever the master does
// with the data in the same cycle (the core's instruction decode and register-file read address). It
// costs one cycle of latency and no throughput.
//
// Bus rules hold on both sides: a held request stays unchanged until the interconnect accepts it (rule 1);
// every request accepted here is forwarded exactly once and its response comes back unchanged, in order
// (rule 2; there is no response back-pressure, so a registered response needs no handshake); wait states
// on either side are allowed (rule 4).

module st_soc_bus_reg #(
  parameter bit ReqReg = 1'b1,  // register the request (one cycle, one request per two cycles at most)
  parameter bit RspReg = 1'b0,  // register the response (one cycle)
  parameter bit ReqHold = 1'b0  // with ReqReg: the master holds we / be / wdata until the response
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // From the master
  input  logic        m_req_valid_i,
  output logic        m_req_ready_o,
  input  logic [31:0] m_req_addr_i,
  input  logic        m_req_we_i,
  input  logic [3:0]  m_req_be_i,
  input  logic [31:0] m_req_wdata_i,
  output logic        m_rsp_valid_o,
  output logic [31:0] m_rsp_rdata_o,
  output logic        m_rsp_err_o,

  // To the interconnect
  output logic        s_req_valid_o,
  input  logic        s_req_ready_i,
  output logic [31:0] s_req_addr_o,
  output logic        s_req_we_o,
  output logic [3:0]  s_req_be_o,
  output logic [31:0] s_req_wdata_o,
  input  logic        s_rsp_valid_i,
  input  logic [31:0] s_rsp_rdata_i,
  input  logic        s_rsp_err_i
);

  if (ReqReg) begin : gen_req_reg
    logic        full_q, full_d;
    logic [31:0] addr_q, addr_d, wdata_q, wdata_d;
    logic        we_q, we_d;
    logic [3:0]  be_q, be_d;

    always_comb begin
      full_d  = full_q;
      addr_d  = addr_q;
      we_d    = we_q;
      be_d    = be_q;
      wdata_d = wdata_q;
      if (!full_q) begin
        // The data registers follow the master whenever the slice is empty, whether or not it requests:
        // their enable is then one flip-flop, not the master's late req_valid.
        full_d  = m_req_valid_i;
        addr_d  = m_req_addr_i;
        we_d    = m_req_we_i;
        be_d    = m_req_be_i;
        wdata_d = m_req_wdata_i;
      end else if (s_req_ready_i) begin
        full_d = 1'b0;
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        full_q <= 1'b0;
      end else begin
        full_q <= full_d;
      end
    end

    // Data registers without reset: they are only presented while full_q says they hold a request.
    always_ff @(posedge clk_i) begin
      addr_q  <= addr_d;
      we_q    <= we_d;
      be_q    <= be_d;
      wdata_q <= wdata_d;
    end

    assign m_req_ready_o = !full_q;
    assign s_req_valid_o = full_q;
    assign s_req_addr_o  = addr_q;
    if (ReqHold) begin : gen_hold
      assign s_req_we_o    = m_req_we_i;
      assign s_req_be_o    = m_req_be_i;
      assign s_req_wdata_o = m_req_wdata_i;
      logic unused_hold;
      assign unused_hold = ^{we_q, be_q, wdata_q};
    end else begin : gen_copy
      assign s_req_we_o    = we_q;
      assign s_req_be_o    = be_q;
      assign s_req_wdata_o = wdata_q;
    end

`ifndef SYNTHESIS
    // ReqHold's premise: while the request waits here, the master still presents what it was accepted with.
    always_ff @(posedge clk_i) begin
      if (ReqHold && rst_ni && full_q) begin
        assert (m_req_we_i == we_q && m_req_be_i == be_q && m_req_wdata_i == wdata_q)
          else $error("st_soc_bus_reg: ReqHold, but the master changed we / be / wdata before the request went on");
      end
    end
`endif
  end else begin : gen_req_wire
    assign m_req_ready_o = s_req_ready_i;
    assign s_req_valid_o = m_req_valid_i;
    assign s_req_addr_o  = m_req_addr_i;
    assign s_req_we_o    = m_req_we_i;
    assign s_req_be_o    = m_req_be_i;
    assign s_req_wdata_o = m_req_wdata_i;
  end

  if (RspReg) begin : gen_rsp_reg
    logic        valid_q, err_q;
    logic [31:0] rdata_q;

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        valid_q <= 1'b0;
      end else begin
        valid_q <= s_rsp_valid_i;
      end
    end

    // Data without reset, loaded every cycle: only read with valid_q.
    always_ff @(posedge clk_i) begin
      rdata_q <= s_rsp_rdata_i;
      err_q   <= s_rsp_err_i;
    end

    assign m_rsp_valid_o = valid_q;
    assign m_rsp_rdata_o = rdata_q;
    assign m_rsp_err_o   = err_q;
  end else begin : gen_rsp_wire
    assign m_rsp_valid_o = s_rsp_valid_i;
    assign m_rsp_rdata_o = s_rsp_rdata_i;
    assign m_rsp_err_o   = s_rsp_err_i;
  end

endmodule
