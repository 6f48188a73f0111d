// SPDX-License-Identifier: Apache-2.0
// st_soc_xbar.sv - the SoC interconnect: NumMasters x NumSlaves crossbar for the bus of docs/bus.md.
//
// Address decode: slave s (s < NumSlaves - 1) is selected when (addr & SlaveMask[s]) == SlaveBase[s]; the
// first match wins. An address no rule matches goes to the last slave, the default slave, which the SoC
// ties to an error responder. Each slave has its own round-robin arbiter, so masters that use different
// slaves proceed in the same cycle (the CPU fetches from one RAM bank while it loads from the other).
//
// Response routing: every slave answers in order, so a FIFO per slave records which master each accepted
// request came from and routes the responses back. A master's responses must also come back in its own
// request order; a master may therefore have requests outstanding at one slave only: a request to another
// slave waits (req_ready low) until the earlier ones have been answered. Requests to the same slave
// pipeline freely (one per cycle from single-cycle RAM). No combinational path runs from a response to a
// request except through req_ready of the same master.

module st_soc_xbar #(
  parameter int                      NumMasters     = 3,
  parameter int                      NumSlaves      = 4,   // including the default (last) slave
  parameter logic [NumSlaves*32-1:0] SlaveBase      = '0,  // slave s at bits 32s+31:32s
  parameter logic [NumSlaves*32-1:0] SlaveMask      = '0,
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
  localparam int SW = (NumSlaves > 1) ? $clog2(NumSlaves) : 1;    // slave index width
  localparam int CW = $clog2(MaxOutstanding + 1);                 // outstanding counter width

  // ---- Per master: decode, outstanding requests -------------------------------------------------
  logic [NumMasters*SW-1:0] sel;          // slave addressed by the current request
  logic [NumMasters*SW-1:0] last_q, last_d;  // slave of the outstanding requests
  logic [NumMasters*CW-1:0] cnt_q, cnt_d;    // outstanding requests
  logic [NumMasters-1:0]    mreq;         // request allowed to compete for its slave

  always_comb begin
    for (int m = 0; m < NumMasters; m++) begin
      sel[m*SW +: SW] = SW'(NumSlaves - 1);
      for (int s = NumSlaves - 2; s >= 0; s--) begin
        if ((m_req_addr_i[m*32 +: 32] & SlaveMask[s*32 +: 32]) == SlaveBase[s*32 +: 32]) begin
          sel[m*SW +: SW] = SW'(s);
        end
      end
      mreq[m] = m_req_valid_i[m]
                && (cnt_q[m*CW +: CW] == '0 || last_q[m*SW +: SW] == sel[m*SW +: SW])
                && (cnt_q[m*CW +: CW] != CW'(MaxOutstanding));
    end
  end

  // ---- Per slave: round-robin arbitration, forwarding ---------------------------------------------
  logic [NumSlaves*MW-1:0] gnt;           // granted master
  logic [NumSlaves*MW-1:0] ptr_q, ptr_d;  // round-robin: the master with priority next
  logic [NumSlaves-1:0]    any_req;
  logic [NumSlaves-1:0]    fifo_full, fifo_empty;
  logic [NumSlaves*MW-1:0] fifo_head;
  logic [NumSlaves-1:0]    accept;

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin : b_arb
      logic found;
      int idx;
      found = 1'b0;
      gnt[s*MW +: MW] = '0;
      for (int i = 0; i < NumMasters; i++) begin
        idx = 32'(ptr_q[s*MW +: MW]) + i;
        if (idx >= NumMasters) begin
          idx = idx - NumMasters;
        end
        if (!found && mreq[idx] && sel[idx*SW +: SW] == SW'(s)) begin
          found = 1'b1;
          gnt[s*MW +: MW] = MW'(idx);
        end
      end
      any_req[s] = found;
    end
  end

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin : b_slave
      int g;
      g = 32'(gnt[s*MW +: MW]);
      s_req_valid_o[s]           = any_req[s] && !fifo_full[s];
      s_req_addr_o[s*32 +: 32]   = m_req_addr_i[g*32 +: 32];
      s_req_we_o[s]              = m_req_we_i[g];
      s_req_be_o[s*4 +: 4]       = m_req_be_i[g*4 +: 4];
      s_req_wdata_o[s*32 +: 32]  = m_req_wdata_i[g*32 +: 32];
    end
  end

  // Kept apart from the forwarding above: the slaves' req_ready may depend on what is forwarded.
  assign accept = s_req_valid_o & s_req_ready_i;

  always_comb begin
    for (int s = 0; s < NumSlaves; s++) begin : b_slave
      int g;
      g = 32'(gnt[s*MW +: MW]);
      ptr_d[s*MW +: MW] = ptr_q[s*MW +: MW];
      if (accept[s]) begin
        ptr_d[s*MW +: MW] = (g == NumMasters - 1) ? '0 : MW'(g + 1);
      end
    end
  end

  // ---- Back to the masters: ready, responses ----------------------------------------------------
  always_comb begin
    for (int m = 0; m < NumMasters; m++) begin : b_master
      int s, l;
      s = 32'(sel[m*SW +: SW]);
      l = 32'(last_q[m*SW +: SW]);
      m_req_ready_o[m] = mreq[m] && accept[s] && gnt[s*MW +: MW] == MW'(m);
      // Only the slave of the outstanding requests can answer this master.
      m_rsp_valid_o[m]          = (cnt_q[m*CW +: CW] != '0) && s_rsp_valid_i[l]
                                  && !fifo_empty[l] && fifo_head[l*MW +: MW] == MW'(m);
      m_rsp_rdata_o[m*32 +: 32] = s_rsp_rdata_i[l*32 +: 32];
      m_rsp_err_o[m]            = s_rsp_err_i[l];

      last_d[m*SW +: SW] = last_q[m*SW +: SW];
      cnt_d[m*CW +: CW]  = cnt_q[m*CW +: CW];
      if (m_req_ready_o[m]) begin
        last_d[m*SW +: SW] = sel[m*SW +: SW];
      end
      if (m_req_ready_o[m] && !m_rsp_valid_o[m]) begin
        cnt_d[m*CW +: CW] = cnt_q[m*CW +: CW] + 1'b1;
      end else if (!m_req_ready_o[m] && m_rsp_valid_o[m]) begin
        cnt_d[m*CW +: CW] = cnt_q[m*CW +: CW] - 1'b1;
      end
    end
  end

  for (genvar s = 0; s < NumSlaves; s++) begin : gen_slave
    st_soc_fifo #(
      .Width (MW),
      .Depth (FifoDepth)
    ) u_route (
      .clk_i   (clk_i),
      .rst_ni  (rst_ni),
      .push_i  (accept[s]),
      .data_i  (gnt[s*MW +: MW]),
      .pop_i   (s_rsp_valid_i[s]),
      .data_o  (fifo_head[s*MW +: MW]),
      .empty_o (fifo_empty[s]),
      .full_o  (fifo_full[s])
    );
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      last_q <= '0;
      cnt_q  <= '0;
      ptr_q  <= '0;
    end else begin
      last_q <= last_d;
      cnt_q  <= cnt_d;
      ptr_q  <= ptr_d;
    end
  end

`ifndef SYNTHESIS
  // Bus rule 2: a response needs an outstanding request. A slave that answers without one is broken.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni) begin
      for (int s = 0; s < NumSlaves; s++) begin
        assert (!(s_rsp_valid_i[s] && fifo_empty[s]))
          else $error("st_soc_xbar: slave %0d responded with no request outstanding", s);
      end
    end
  end
`endif

endmodule
