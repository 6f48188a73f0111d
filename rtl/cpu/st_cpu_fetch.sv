// SPDX-License-Identifier: Apache-2.0
// st_cpu_fetch.sv - instruction fetch: sequential prefetch on the instruction bus, a two-entry queue.
//
// One fetch request per cycle from single-cycle memory. At most two instructions are requested or queued
// at any time (in flight + queued <= 2), so the queue never overflows: the bus has no response
// back-pressure (docs/bus.md rule 2). The queue head, or the response of this cycle when the queue is
// empty, is offered to the execute stage (instr_*), which also reads its registers with it.
//
// A redirect (taken branch, jump, trap, mret, fence.i) empties the queue and drops the responses of every
// request still in flight. A request presented and not accepted must stay unchanged until accepted (rule
// 1), so the execute stage redirects only while redirect_ok_o. That is a flip-flop, not the bus's
// req_ready (the SoC's timing, docs/fpga.md §5): the execute stage raises hold_i, from its registers, in
// every cycle in which it may redirect, the fetch then starts no new request (it would be on the old path
// anyway), and redirect_ok_o says that none is left waiting from an earlier cycle (wait_q).

module st_cpu_fetch #(
  parameter logic [31:0] ResetVector = 32'h0000_0000
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  output logic        ibus_req_valid_o,
  input  logic        ibus_req_ready_i,
  output logic [31:0] ibus_req_addr_o,
  output logic        ibus_req_we_o,
  output logic [3:0]  ibus_req_be_o,
  output logic [31:0] ibus_req_wdata_o,
  input  logic        ibus_rsp_valid_i,
  input  logic [31:0] ibus_rsp_rdata_i,
  input  logic        ibus_rsp_err_i,

  input  logic        hold_i,          // start no request: a redirect may come in this cycle
  input  logic        redirect_i,      // fetch from redirect_pc_i next (only with hold_i and redirect_ok_o)
  input  logic [31:2] redirect_pc_i,
  output logic        redirect_ok_o,

  output logic        instr_valid_o,   // an instruction is offered
  output logic [31:0] instr_o,
  output logic        instr_err_o,     // its fetch got a bus error
  input  logic        instr_take_i     // the execute stage takes it this cycle
);

  logic [31:2] pc_q, pc_d;            // address of the next fetch request
  logic [1:0]  inflight_q, inflight_d;  // accepted requests without a response yet
  logic [1:0]  kill_q, kill_d;        // responses still to drop (wrong path after a redirect)
  logic [1:0]  count_q, count_d;      // queued instructions
  logic [32:0] buf0_q, buf0_d;        // {err, instruction}, the queue head
  logic [32:0] buf1_q, buf1_d;

  logic        accept, arrive, take;
  logic [32:0] rsp;

  logic        wait_q;  // the request presented in the last cycle was not accepted: it is presented again

  // (in flight + queued only falls while no request is accepted, so a waiting request keeps its slot)
  assign ibus_req_valid_o = ((inflight_q + count_q) < 2'd2) && (!hold_i || wait_q);
  assign ibus_req_addr_o  = {pc_q, 2'b00};
  assign ibus_req_we_o    = 1'b0;
  assign ibus_req_be_o    = 4'b1111;
  assign ibus_req_wdata_o = 32'd0;

  assign accept        = ibus_req_valid_o && ibus_req_ready_i;
  assign redirect_ok_o = !wait_q;
  assign rsp           = {ibus_rsp_err_i, ibus_rsp_rdata_i};
  // A response for the current path (not killed); dropped too when a redirect happens in this cycle.
  assign arrive        = ibus_rsp_valid_i && (kill_q == 2'd0) && !redirect_i;
  // The execute stage takes the offered instruction only when it is valid and no redirect happens
  // (asserted below), so instr_take_i is used as it is.
  assign take          = instr_take_i;

  assign instr_valid_o = (count_q != 2'd0) || (ibus_rsp_valid_i && (kill_q == 2'd0));
  assign instr_o       = (count_q != 2'd0) ? buf0_q[31:0] : ibus_rsp_rdata_i;
  assign instr_err_o   = (count_q != 2'd0) ? buf0_q[32] : ibus_rsp_err_i;

  // The queue's data: written as if no redirect happened (a redirect empties the queue, so what the
  // entries then hold does not matter), and into free entries whenever that is harmless, so that the
  // write enables depend on the late take decision as little as possible and not at all on a redirect.
  // buf1 takes every response: it is free whenever one can arrive (in flight + queued <= 2, so a response
  // finds at most one instruction queued, in buf0). buf0 takes every response while the queue is empty
  // (one taken at once leaves it free again), else the next queued instruction when the head is taken.
  always_comb begin
    buf0_d = buf0_q;
    buf1_d = buf1_q;
    if (ibus_rsp_valid_i) begin
      buf1_d = rsp;
    end
    if (count_q == 2'd0) begin
      if (ibus_rsp_valid_i) begin
        buf0_d = rsp;
      end
    end else if (take) begin
      buf0_d = (count_q == 2'd2) ? buf1_q : rsp;  // count 1: the arriving one, if any (else unused)
    end
  end

  always_comb begin
    pc_d       = accept ? (pc_q + 30'd1) : pc_q;
    inflight_d = inflight_q + {1'b0, accept} - {1'b0, ibus_rsp_valid_i};
    kill_d     = kill_q;
    count_d    = count_q;

    if (ibus_rsp_valid_i && kill_q != 2'd0) begin
      kill_d = kill_q - 2'd1;
    end

    if (redirect_i) begin
      // Everything requested so far is on the old path.
      pc_d    = redirect_pc_i;
      kill_d  = inflight_d;
      count_d = 2'd0;
    end else begin
      // An arriving instruction the execute stage does not take waits in the queue.
      count_d = count_q + {1'b0, arrive} - {1'b0, take};
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pc_q       <= ResetVector[31:2];
      wait_q     <= 1'b0;
      inflight_q <= '0;
      kill_q     <= '0;
      count_q    <= '0;
      buf0_q     <= '0;
      buf1_q     <= '0;
    end else begin
      pc_q       <= pc_d;
      wait_q     <= ibus_req_valid_o && !ibus_req_ready_i;
      inflight_q <= inflight_d;
      kill_q     <= kill_d;
      count_q    <= count_d;
      buf0_q     <= buf0_d;
      buf1_q     <= buf1_d;
    end
  end

`ifndef SYNTHESIS
  // The in-flight + queued bound is what makes the two-entry queue enough.
  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      assert ({1'b0, inflight_q} + {1'b0, count_q} <= 3'd2)
        else $error("st_cpu_fetch: %0d in flight + %0d queued > 2", inflight_q, count_q);
      assert (!(ibus_rsp_valid_i && inflight_q == 2'd0))
        else $error("st_cpu_fetch: instruction response without a request");
      assert (!(count_q == 2'd2 && ibus_rsp_valid_i))
        else $error("st_cpu_fetch: instruction response with a full queue");
      assert (!(instr_take_i && (!instr_valid_o || redirect_i)))
        else $error("st_cpu_fetch: instruction taken while none is offered or with a redirect");
      assert (!(redirect_i && ibus_req_valid_o))
        else $error("st_cpu_fetch: redirect while a request is presented");
    end
  end
`endif

endmodule
