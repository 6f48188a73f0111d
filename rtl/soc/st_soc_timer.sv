// SPDX-License-Identifier: Apache-2.0
// st_soc_timer.sv - the RISC-V machine timer: 64-bit mtime counting clock cycles, mtimecmp, the interrupt.
//
// Registers (block TIMER): MTIME_LO/HI, MTIMECMP_LO/HI. A write replaces the whole word whatever its byte
// enables: byte merging would cost ~130 LUTs on 128 bits that software only ever writes as words. The timer
// interrupt is level-sensitive and pending while mtime >= mtimecmp (unsigned); software clears it by moving
// mtimecmp forward. The reset value of mtimecmp is all ones, so no interrupt is pending after reset. mtime
// also feeds the core's `time` CSR port. Bus slave per docs/bus.md: response one cycle after acceptance,
// rsp_err for an offset that is no register.
//
// Sized for the iCE40 (docs/fpga.md §5): mtime is two st_cpu_counter halves, one logic cell per bit; the low
// half's carry goes straight into the high half (no cycle of delay, so mtime never reads 2^32 behind). A
// counter's write enable runs through its carry chain, so an mtime write is registered first (wdata_q,
// wr_*_q) and lands one cycle after the request: mtime then counts on from the written value a cycle later,
// before any later request can read it (the response takes that cycle). A write to MTIME_LO replaces the
// low half and drops the carry of that cycle (the high half is unchanged). A write to MTIMECMP_HI is
// registered the same way, from wdata_q: then each half's inverter (below) feeds its 32 flip-flops alone and
// shares their logic cells (one inverter for both halves would drive 64 flip-flops, each then in a cell of
// its own: 32 cells more). mtimecmp is kept inverted, so that mtime >= mtimecmp is the carry out
// of mtime + ~mtimecmp + 1: one carry chain with no inverter in front of it (a plain >= puts a LUT per bit
// there); the read multiplexer inverts it back for free. The read data is not cleared between responses: the
// interconnect selects it only with this block's response.

module st_soc_timer (
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
  output logic        rsp_err_o,

  output logic [63:0] mtime_o,
  output logic        irq_o
);

  // The four registers are 0x0, 0x4, 0x8, 0xC: bit 3 selects mtimecmp, bit 2 the high half.
  localparam logic [11:0] REG_MASK = 12'hff3;

  logic [31:0] mtime_lo, mtime_hi;
  logic        lo_carry, hi_carry;
  logic [63:0] cmp_n_q, cmp_n_d;  // ~mtimecmp
  logic [31:0] rdata_d, rdata_q;
  logic        err_q, rsp_valid_q, irq_q;
  logic        hit, wr;
  logic [1:0]  sel;  // 0 MTIME_LO, 1 MTIME_HI, 2 MTIMECMP_LO, 3 MTIMECMP_HI
  logic        ge;
  logic        wr_lo_q, wr_hi_q;  // write mtime's low / high half from wdata_q this cycle
  logic        wr_cmp_hi_q;       // write mtimecmp's high half from wdata_q this cycle
  logic [31:0] wdata_q;

  assign req_ready_o = 1'b1;
  assign hit         = ((req_addr_i[11:0] & REG_MASK) == (st_regs_pkg::TIMER_MTIME_LO_OFFSET & REG_MASK));
  assign sel         = req_addr_i[3:2];
  assign wr          = req_valid_i && req_we_i && hit;

  st_cpu_counter #(
    .ResetValue (st_regs_pkg::TIMER_MTIME_LO_RESET)
  ) u_lo (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (1'b1),
    .we_i    (wr_lo_q),
    .wdata_i (wdata_q),
    .q_o     (mtime_lo),
    .carry_o (lo_carry)
  );

  st_cpu_counter #(
    .ResetValue (st_regs_pkg::TIMER_MTIME_HI_RESET)
  ) u_hi (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (lo_carry),
    .we_i    (wr_hi_q),
    .wdata_i (wdata_q),
    .q_o     (mtime_hi),
    .carry_o (hi_carry)  // mtime wraps around
  );

  always_comb begin
    cmp_n_d = cmp_n_q;
    if (wr && sel == 2'd2) begin
      cmp_n_d[31:0] = ~req_wdata_i;
    end
    if (wr_cmp_hi_q) begin
      cmp_n_d[63:32] = ~wdata_q;
    end
    unique case (sel)
      2'd0:    rdata_d = mtime_lo;
      2'd1:    rdata_d = mtime_hi;
      2'd2:    rdata_d = ~cmp_n_q[31:0];
      default: rdata_d = ~cmp_n_q[63:32];
    endcase
  end

  // mtime - mtimecmp = mtime + ~mtimecmp + 1 carries out exactly when mtime >= mtimecmp.
  logic [63:0] unused_diff;
  assign {ge, unused_diff} = {1'b0, mtime_hi, mtime_lo} + {1'b0, cmp_n_q} + 65'd1;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cmp_n_q     <= ~{st_regs_pkg::TIMER_MTIMECMP_HI_RESET, st_regs_pkg::TIMER_MTIMECMP_LO_RESET};
      err_q       <= 1'b0;
      rsp_valid_q <= 1'b0;
      irq_q       <= 1'b0;
      wr_lo_q     <= 1'b0;
      wr_hi_q     <= 1'b0;
      wr_cmp_hi_q <= 1'b0;
    end else begin
      cmp_n_q     <= cmp_n_d;
      err_q       <= req_valid_i && !hit;
      rsp_valid_q <= req_valid_i;
      // Registered, one cycle behind: the 64-bit compare is a long carry chain, kept off the interrupt path.
      irq_q       <= ge;
      wr_lo_q     <= wr && sel == 2'd0;
      wr_hi_q     <= wr && sel == 2'd1;
      wr_cmp_hi_q <= wr && sel == 2'd3;
    end
  end

  // Read data: no reset, loaded with every request.
  always_ff @(posedge clk_i) begin
    if (req_valid_i) begin
      rdata_q <= rdata_d;
    end
    if (wr) begin
      wdata_q <= req_wdata_i;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;
  assign mtime_o     = {mtime_hi, mtime_lo};
  assign irq_o       = irq_q;

  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i, hi_carry, unused_diff};

endmodule
