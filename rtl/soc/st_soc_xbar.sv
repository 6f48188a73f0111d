// SPDX-License-Identifier: Apache-2.0
// st_soc_xbar.sv - the SoC interconnect: NumMasters x NumSlaves crossbar for the bus of docs/bus.md.
//
// Address decode: slave s (s < NumSlaves - 1) is selected when (addr & SlaveMask[s]) == SlaveBase[s]. The
// regions must not overlap (checked in simulation): each rule is then decoded on its own, with no priority
// chain between them, which keeps the decode two or three LUT levels deep (it is on the SoC's critical
// path: address -> decode -> arbitration -> RAM / req_ready). An address no rule matches, or a slave the
// master is not connected to (Connect), goes to the last slave, the default slave, which the SoC ties to
// an error responder. Each slave has its own
// round-robin arbiter, so masters that use different slaves proceed in the same cycle (the CPU fetches
// from one RAM bank while it loads from the other). Unconnected master/slave pairs cost no logic.
//
// Response routing: every slave answers in order, so a FIFO per slave records which master each accepted
// request came from and routes the responses back (a slave only one master reaches needs none). A master's responses must also come back in its own
// request order; a master may therefore have requests outstanding at one slave only: a request to another
// slave waits (req_ready low) until the earlier ones have been answered. Requests to the same slave
// pipeline freely (one per cycle from single-cycle RAM). req_ready never depends on a response of the same
// cycle.

module st_soc_xbar #(
  parameter int                      NumMasters     = 3,
  parameter int                      NumSlaves      = 4,   // including the default (last) slave
  parameter logic [NumSlaves*32-1:0] SlaveBase      = '0,  // slave s at bits 32s+31:32s
  parameter logic [NumSlaves*32-1:0] SlaveMask      = '0,
  // [m*NumSlaves + s]: master m may reach slave s. A request to a slave its master does not reach goes to
  // the default slave (rsp_err); every master must reach the default slave.
  // (all ones spelt out: Yosys 0.23 reads a typed parameter's '1 as 1)
  parameter logic [NumMasters*NumSlaves-1:0] Connect = {(NumMasters*NumSlaves){1'b1}},
  // Masters that win every arbitration they take part in (lowest first among them); the others share
  // round-robin. The SoC gives it to the core's data port: its grant then does not wait for the other
  // masters' address decode, and it has at most one request per three cycles, so nobody starves.
  parameter logic [NumMasters-1:0]   FixedPrio      = '0,
  // Masters that may write (the others always present req_we = 0, e.g. an instruction port): a slave's
  // req_wdata is meaningful only with req_we, so it comes from the writers alone, and ungated when a single
  // writer reaches the slave. (all ones spelt out, as for Connect)
  parameter logic [NumMasters-1:0]   Writers        = {NumMasters{1'b1}},
  parameter int                      FifoDepth      = 4,   // requests one slave may have outstanding
  parameter int                      MaxOutstanding = 7    // requests one master may have outstanding
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,

  // Masters (CPU instruction port, CPU data port, accelerator DMA, ...), master m at its slice
  input  logic [NumMasters-1:0]    m_req_valid_i,
  output logic [NumMasters-1:0]    m_req_ready_o,
  input  logic [NumMasters*32-1:0] m_req_addr_i,
  input  logic [NumMasters-1:0]    m_req_we_i,
  input  logic [NumMasters*4-1:0]  m_req_be_i,
  input  logic [NumMasters*32-1:0] m_req_wdata_i,
  output logic [NumMasters-1:0]    m_rsp_valid_o,
  output logic [NumMasters*32-1:0] m_rsp_rdata_o,
  output logic [NumMasters-1:0]    m_rsp_err_o,

  // Slaves, slave s at its slice
  output logic [NumSlaves-1:0]     s_req_valid_o,
  input  logic [NumSlaves-1:0]     s_req_ready_i,
  output logic [NumSlaves*32-1:0]  s_req_addr_o,
  output logic [NumSlaves-1:0]     s_req_we_o,
  output logic [NumSlaves*4-1:0]   s_req_be_o,
  output logic [NumSlaves*32-1:0]  s_req_wdata_o,
  input  logic [NumSlaves-1:0]     s_rsp_valid_i,
  input  logic [NumSlaves*32-1:0]  s_rsp_rdata_i,
  input  logic [NumSlaves-1:0]     s_rsp_err_i
);

  localparam int MW = (NumMasters > 1) ? $clog2(NumMasters) : 1;  // master index width
  localparam int CW = $clog2(MaxOutstanding + 1);                 // outstanding counter width

  // Internally everything is one-hot (slave selects, grants), so that every loop below has constant
  // indices and the multiplexers are AND-OR trees: cheap in LUTs and fast in Verilator.

  // ---- Per master: decode, outstanding requests -------------------------------------------------
  logic [NumMasters*NumSlaves-1:0] sel;             // [m*NumSlaves + s]: master m addresses slave s
  logic [NumMasters*NumSlaves-1:0] last_q, last_d;  // slave of master m's outstanding requests
  logic [NumMasters*CW-1:0]        cnt_q, cnt_d;    // outstanding requests
  logic [NumMasters*NumSlaves-1:0] mreq;            // [m*NumSlaves + s]: master m competes for slave s

  always_comb begin
    for (int m = 0; m < NumMasters; m++) begin
      logic hit;
      hit = 1'b0;
      for (int s = 0; s < NumSlaves - 1; s++) begin
        sel[m*NumSlaves + s] = Connect[m*NumSlaves + s]
            && ((m_req_addr_i[m*32 +: 32] & SlaveMask[s*32 +: 32]) == SlaveBase[s*32 +: 32]);
        hit = hit | sel[m*NumSlaves + s];
      end
      sel[m*NumSlaves + NumSlaves - 1] = !hit;
      // sel is one-hot, so "its outstanding requests are at the slave it addresses" is last_q[s] for the
      // slave s it selects: one flat term per slave, no reduction over the slaves on the decode path.
      for (int s = 0; s < NumSlaves; s++) begin
        mreq[m*NumSlaves + s] = m_req_valid_i[m] && sel[m*NumSlaves + s]
                                && (cnt_q[m*CW +: CW] == '0 || last_q[m*NumSlaves + s])
                                && (cnt_q[m*CW +: CW] != CW'(MaxOutstanding));
      end
    end
  end

  // ---- Per slave: round-robin arbitration, forwarding ---------------------------------------------
  logic [NumSlaves*NumMasters-1:0] gnt;             // one-hot: the master slave s serves
  logic [NumSlaves*NumMasters-1:0] prio_q, prio_d;  // masters that come before the others next time
  logic [NumSlaves-1:0]            any_req;
  logic [NumSlaves-1:0]            fifo_full, fifo_empty;
  logic [NumSlaves*MW-1:0]         gnt_idx, fifo_head;
  logic [NumSlaves-1:0]            accept;

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin
      logic [NumMasters-1:0] r, hi, pick;  // requesters, those with priority, the one served
      for (int m = 0; m < NumMasters; m++) begin
        r[m] = mreq[m*NumSlaves + s];
      end
      // Lowest requester among those with priority, else lowest requester: x & -x isolates the lowest 1.
      hi   = r & prio_q[s*NumMasters +: NumMasters];
      pick = (hi != '0) ? (hi & (~hi + 1'b1)) : (r & (~r + 1'b1));
      if ((r & FixedPrio) != '0) begin
        pick = (r & FixedPrio) & (~(r & FixedPrio) + 1'b1);
      end
      gnt[s*NumMasters +: NumMasters] = pick;
      any_req[s] = (r != '0);
      gnt_idx[s*MW +: MW] = '0;
      for (int m = 0; m < NumMasters; m++) begin
        if (pick[m]) begin
          gnt_idx[s*MW +: MW] = gnt_idx[s*MW +: MW] | MW'(m);
        end
      end
    end
  end

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin
      s_req_valid_o[s]          = any_req[s] && !fifo_full[s];
      s_req_addr_o[s*32 +: 32]  = '0;
      s_req_we_o[s]             = 1'b0;
      s_req_be_o[s*4 +: 4]      = '0;
      s_req_wdata_o[s*32 +: 32] = '0;
      for (int m = 0; m < NumMasters; m++) begin
        // A slave only one master reaches takes that master's fields as they are (its req_valid says when
        // they count): no gating, no logic. Several masters: AND-OR by the one-hot grant. Write data
        // likewise among the writers only.
        logic g, gw;
        g  = gnt[s*NumMasters + m] || (masters_of(s) == 1 && Connect[m*NumSlaves + s]);
        gw = Writers[m] && (gnt[s*NumMasters + m] || (writers_of(s) == 1 && Connect[m*NumSlaves + s]));
        s_req_addr_o[s*32 +: 32]  = s_req_addr_o[s*32 +: 32]  | ({32{g}} & m_req_addr_i[m*32 +: 32]);
        s_req_we_o[s]             = s_req_we_o[s]             | (g & m_req_we_i[m]);
        s_req_be_o[s*4 +: 4]      = s_req_be_o[s*4 +: 4]      | ({4{g}} & m_req_be_i[m*4 +: 4]);
        s_req_wdata_o[s*32 +: 32] = s_req_wdata_o[s*32 +: 32] | ({32{gw}} & m_req_wdata_i[m*32 +: 32]);
      end
    end
  end

  // Kept apart from the forwarding above: the slaves' req_ready may depend on what is forwarded.
  assign accept = s_req_valid_o & s_req_ready_i;

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin
      logic [NumMasters-1:0] g;
      g = gnt[s*NumMasters +: NumMasters];
      prio_d[s*NumMasters +: NumMasters] = prio_q[s*NumMasters +: NumMasters];
      if (accept[s]) begin
        // Next time the masters above the one served come first.
        prio_d[s*NumMasters +: NumMasters] = ~(g | (g - 1'b1));
      end
    end
  end

  // ---- Back to the masters: ready, responses ----------------------------------------------------
  always_comb begin
    for (int m = 0; m < NumMasters; m++) begin
      m_req_ready_o[m]          = 1'b0;
      m_rsp_valid_o[m]          = 1'b0;
      m_rsp_rdata_o[m*32 +: 32] = '0;
      m_rsp_err_o[m]            = 1'b0;
      for (int s = 0; s < NumSlaves; s++) begin
        logic l;
        // gnt implies a request at s: accept[s] without its any_req term, so that a master's req_ready
        // does not wait for the other masters' decode when its grant does not.
        m_req_ready_o[m] = m_req_ready_o[m] | (gnt[s*NumMasters + m] & !fifo_full[s] & s_req_ready_i[s]);
        // Only the slave of the outstanding requests can answer this master. last_q is one-hot: an AND-OR
        // selection, no priority chain between the slaves (the read data arrives late from the SPRAM).
        l = last_q[m*NumSlaves + s] && Connect[m*NumSlaves + s];
        m_rsp_valid_o[m]          = m_rsp_valid_o[m]
                                    | (l && s_rsp_valid_i[s] && !fifo_empty[s] && fifo_head[s*MW +: MW] == MW'(m));
        m_rsp_rdata_o[m*32 +: 32] = m_rsp_rdata_o[m*32 +: 32] | ({32{l}} & s_rsp_rdata_i[s*32 +: 32]);
        m_rsp_err_o[m]            = m_rsp_err_o[m] | (l & s_rsp_err_i[s]);
      end
      m_rsp_valid_o[m] = m_rsp_valid_o[m] && (cnt_q[m*CW +: CW] != '0);

      last_d[m*NumSlaves +: NumSlaves] = last_q[m*NumSlaves +: NumSlaves];
      cnt_d[m*CW +: CW] = cnt_q[m*CW +: CW];
      if (m_req_ready_o[m]) begin
        last_d[m*NumSlaves +: NumSlaves] = sel[m*NumSlaves +: NumSlaves];
      end
      if (m_req_ready_o[m] && !m_rsp_valid_o[m]) begin
        cnt_d[m*CW +: CW] = cnt_q[m*CW +: CW] + 1'b1;
      end else if (!m_req_ready_o[m] && m_rsp_valid_o[m]) begin
        cnt_d[m*CW +: CW] = cnt_q[m*CW +: CW] - 1'b1;
      end
    end
  end

  // Masters connected to slave s, and the lowest of them (constant functions, for the generate below).
  function automatic int masters_of(input int s);
    masters_of = 0;
    for (int m = 0; m < NumMasters; m++) begin
      if (Connect[m*NumSlaves + s]) begin
        masters_of = masters_of + 1;
      end
    end
  endfunction

  function automatic int writers_of(input int s);
    writers_of = 0;
    for (int m = 0; m < NumMasters; m++) begin
      if (Connect[m*NumSlaves + s] && Writers[m]) begin
        writers_of = writers_of + 1;
      end
    end
  endfunction

  function automatic int first_master_of(input int s);
    first_master_of = 0;
    for (int m = NumMasters - 1; m >= 0; m--) begin
      if (Connect[m*NumSlaves + s]) begin
        first_master_of = m;
      end
    end
  endfunction

  for (genvar s = 0; s < NumSlaves; s++) begin : gen_slave
    if (masters_of(s) > 1) begin : gen_route
      st_fifo #(
        .Width (MW),
        .Depth (FifoDepth)
      ) u_route (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .flush_i (1'b0),
        .push_i  (accept[s]),
        .data_i  (gnt_idx[s*MW +: MW]),
        .pop_i   (s_rsp_valid_i[s]),
        .data_o  (fifo_head[s*MW +: MW]),
        .empty_o (fifo_empty[s]),
        .full_o  (fifo_full[s])
      );
    end else begin : gen_direct
      // One master only: every response is its own, and its outstanding count bounds the requests.
      assign fifo_head[s*MW +: MW] = MW'(first_master_of(s));
      assign fifo_empty[s]         = 1'b0;
      assign fifo_full[s]          = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      last_q <= '0;
      cnt_q  <= '0;
      prio_q <= '0;
    end else begin
      last_q <= last_d;
      cnt_q  <= cnt_d;
      prio_q <= prio_d;
    end
  end

`ifndef SYNTHESIS
  // The decode has no priority between rules, so the map must not overlap: two regions overlap when their
  // bases agree on every bit both masks compare.
  initial begin
    for (int a = 0; a < NumSlaves - 1; a++) begin
      for (int b = a + 1; b < NumSlaves - 1; b++) begin
        if (((SlaveBase[a*32 +: 32] ^ SlaveBase[b*32 +: 32]) & SlaveMask[a*32 +: 32] & SlaveMask[b*32 +: 32])
            == 32'd0) begin
          $fatal(1, "st_soc_xbar: the address regions of slaves %0d and %0d overlap", a, b);
        end
      end
    end
  end

  // Bus rule 2: a response needs an outstanding request. A slave that answers without one is broken: its
  // routing queue is empty, or the master it would go to has nothing outstanding there.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni) begin
      for (int s = 0; s < NumSlaves; s++) begin
        if (s_rsp_valid_i[s]) begin
          assert (!fifo_empty[s])
            else $error("st_soc_xbar: slave %0d responded with no request outstanding", s);
          for (int m = 0; m < NumMasters; m++) begin
            if (!fifo_empty[s] && fifo_head[s*MW +: MW] == MW'(m)) begin
              assert (cnt_q[m*CW +: CW] != '0 && last_q[m*NumSlaves + s])
                else $error("st_soc_xbar: slave %0d responded to master %0d, which waits for none", s, m);
            end
          end
        end
      end
    end
  end
`endif

endmodule
