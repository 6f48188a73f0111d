// SPDX-License-Identifier: Apache-2.0
// st_soc_timer.sv - the RISC-V machine timer: 64-bit mtime counting clock cycles, mtimecmp, the interrupt.
//
// Registers (block TIMER): MTIME_LO/HI, MTIMECMP_LO/HI. A write replaces the whole word whatever its byte
// enables: byte merging would cost ~130 LUTs on 128 bits that software only ever writes as words. The timer interrupt is level-sensitive
// and pending while mtime >= mtimecmp (unsigned); software clears it by moving mtimecmp forward. The reset
// value of mtimecmp is all ones, so no interrupt is pending after reset. mtime also feeds the core's `time`
// CSR. Bus slave per docs/bus.md: response one cycle after acceptance, rsp_err for an offset that is no
// register.

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

  logic [63:0] mtime_q, mtime_d, cmp_q, cmp_d;
  logic [31:0] rdata_d, rdata_q;
  logic        err_d, err_q, rsp_valid_q, irq_q;
  logic [11:0] off;

  assign off         = req_addr_i[11:0];
  assign req_ready_o = 1'b1;

  always_comb begin
    mtime_d = mtime_q + 64'd1;
    cmp_d   = cmp_q;
    rdata_d = 32'h0;
    err_d   = 1'b0;
    if (req_valid_i) begin
      unique case (off)
        st_regs_pkg::TIMER_MTIME_LO_OFFSET: begin
          rdata_d = mtime_q[31:0];
          if (req_we_i) mtime_d[31:0] = req_wdata_i;
        end
        st_regs_pkg::TIMER_MTIME_HI_OFFSET: begin
          rdata_d = mtime_q[63:32];
          if (req_we_i) mtime_d[63:32] = req_wdata_i;
        end
        st_regs_pkg::TIMER_MTIMECMP_LO_OFFSET: begin
          rdata_d = cmp_q[31:0];
          if (req_we_i) cmp_d[31:0] = req_wdata_i;
        end
        st_regs_pkg::TIMER_MTIMECMP_HI_OFFSET: begin
          rdata_d = cmp_q[63:32];
          if (req_we_i) cmp_d[63:32] = req_wdata_i;
        end
        default: err_d = 1'b1;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mtime_q     <= {st_regs_pkg::TIMER_MTIME_HI_RESET, st_regs_pkg::TIMER_MTIME_LO_RESET};
      cmp_q       <= {st_regs_pkg::TIMER_MTIMECMP_HI_RESET, st_regs_pkg::TIMER_MTIMECMP_LO_RESET};
      rdata_q     <= 32'h0;
      err_q       <= 1'b0;
      rsp_valid_q <= 1'b0;
      irq_q       <= 1'b0;
    end else begin
      mtime_q     <= mtime_d;
      cmp_q       <= cmp_d;
      rdata_q     <= rdata_d;
      err_q       <= err_d;
      rsp_valid_q <= req_valid_i;
      // Registered, one cycle behind: the 64-bit compare is a long carry chain, kept off the interrupt path.
      irq_q       <= (mtime_q >= cmp_q);
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;
  assign mtime_o     = mtime_q;
  assign irq_o       = irq_q;

  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i};

endmodule
