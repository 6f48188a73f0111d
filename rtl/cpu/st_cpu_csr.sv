// SPDX-License-Identifier: Apache-2.0
// st_cpu_csr.sv - the machine-mode CSRs kept in flip-flops, the counters and the interrupt logic.
//
// Flip-flop CSRs: mstatus (MIE, MPIE; MPP reads 11), misa, mie (MTIE, MEIE), mip (MTIP, MEIP: the inputs),
// mcause, mcycle(h), minstret(h). (time(h) is a load from mtime: st_cpu_decode.) mscratch, mepc, mtval
// and mtvec live in the register-file block RAM; the core reads them as operand b (ram_old_i, zero for the
// other CSRs) and writes them back with the new value computed here (new_i). The decoder already sorted
// the CSR address into a group (st_cpu_pkg::csr_e) and checked it.
//
// Counters: 64 bits as two 32-bit halves; the carry from the low half reaches the high half one cycle
// later (a short carry chain). minstret counts retire_i one cycle late as well; counting_o tells the core
// that an increment or a carry is still on its way, so that an instret read waits a cycle and is exact.

module st_cpu_csr (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  // CSR instruction in the execute stage
  input  st_cpu_pkg::csr_e           sel_i,
  input  logic                       hi_i,         // high half of a counter
  input  logic                [1:0]  op_i,         // funct3[1:0]: 01 write, 10 set, 11 clear
  input  logic                [31:0] wsrc_i,       // rs1, or the zero-extended uimm
  input  logic                [31:0] ram_old_i,    // old value of a block-RAM CSR (used for CsrRam only)
  input  logic                       wr_i,         // the instruction writes (CSRRW*, rs1 / uimm != 0)
  input  logic                       commit_i,     // the instruction retires now: write a flip-flop CSR
  input  logic                       cnt_commit_i, // ... the same for mcycle(h) / minstret(h) (from a register)
  input  logic                       new_i,        // result_o is the new value, else the old one
  input  logic                       align_i,      // the new value is for mepc / mtvec: bits 1:0 read 0
  output logic                [31:0] result_o,

  // Trap entry / return
  input  logic                       trap_i,
  input  logic                       trap_irq_i,   // interrupt (mcause bit 31)
  input  logic                [3:0]  trap_code_i,
  input  logic                       mret_i,
  input  logic                       retire_i,     // an instruction retired (minstret)
  output logic                       counting_o,   // minstret has an increment or carry pending

  // Interrupt sources (level, synchronous to clk_i)
  input  logic                       mtip_i,
  input  logic                       meip_i,
  output logic                       irq_take_o,   // an enabled interrupt is pending and mstatus.MIE is set
  output logic                [3:0]  irq_code_o,   // its cause (external before timer)
  output logic                       wake_o,       // an interrupt is pending and enabled in mie (WFI ends), registered

  output logic                [31:0] minstret_o
);

  logic        mie_q, mie_d;        // mstatus.MIE
  logic        mpie_q, mpie_d;      // mstatus.MPIE
  logic        mtie_q, mtie_d;      // mie.MTIE
  logic        meie_q, meie_d;      // mie.MEIE
  logic        cause_irq_q, cause_irq_d;
  logic [3:0]  cause_code_q, cause_code_d;
  logic [31:0] cyc_lo_q, cyc_hi_q, ret_lo_q, ret_hi_q;
  logic        cyc_c, cyc_c_q;      // carry from the low half, added next cycle
  logic        ret_c, ret_c_q;
  logic        cyc_lo_we, cyc_hi_we, ret_lo_we, ret_hi_we;
  logic        retire_q, retire_d;  // retire_i, counted next cycle
  logic        cyc_hi_c, ret_hi_c;  // carries out of the 64-bit counters: wrap-around, ignored
  logic        unused_c;
  assign unused_c = cyc_hi_c ^ ret_hi_c;

  logic [31:0] old, wdata;
  logic        write, cnt_write;

  // ---- Read ------------------------------------------------------------------------------------
  always_comb begin
    unique case (sel_i)
      st_cpu_pkg::CsrMstatus: old = {19'd0, 2'b11, 3'd0, mpie_q, 3'd0, mie_q, 3'd0};
      st_cpu_pkg::CsrMisa:    old = st_cpu_pkg::MISA_VALUE;
      st_cpu_pkg::CsrMie:     old = {20'd0, meie_q, 3'd0, mtie_q, 7'd0};
      st_cpu_pkg::CsrMip:     old = {20'd0, meip_i, 3'd0, mtip_i, 7'd0};
      st_cpu_pkg::CsrMcause:  old = {cause_irq_q, 27'd0, cause_code_q};
      st_cpu_pkg::CsrCycle:   old = hi_i ? cyc_hi_q : cyc_lo_q;
      st_cpu_pkg::CsrInstret: old = hi_i ? ret_hi_q : ret_lo_q;
      st_cpu_pkg::CsrRam:     old = ram_old_i;
      default:                old = 32'd0;  // CsrZero
    endcase
    unique case (op_i)
      2'b10:   wdata = old | wsrc_i;
      2'b11:   wdata = old & ~wsrc_i;
      default: wdata = wsrc_i;
    endcase
  end

  assign result_o = new_i ? {wdata[31:2], wdata[1:0] & {2{!align_i}}} : old;
  assign write    = commit_i && wr_i;
  assign cnt_write = cnt_commit_i && wr_i;

  // ---- Interrupts ------------------------------------------------------------------------------
  // wake_o is registered (WFI ends a cycle later), which keeps it off the core's instruction-advance path.
  logic wake, wake_q;
  assign wake       = (mtip_i && mtie_q) || (meip_i && meie_q);
  assign wake_o     = wake_q;
  assign irq_take_o = mie_q && wake;
  assign irq_code_o = (meip_i && meie_q) ? st_cpu_pkg::IRQ_EXT_M : st_cpu_pkg::IRQ_TIMER_M;

  // ---- Update ----------------------------------------------------------------------------------
  always_comb begin
    mie_d        = mie_q;
    mpie_d       = mpie_q;
    mtie_d       = mtie_q;
    meie_d       = meie_q;
    cause_irq_d  = cause_irq_q;
    cause_code_d = cause_code_q;
    cyc_lo_we    = 1'b0;
    cyc_hi_we    = 1'b0;
    ret_lo_we    = 1'b0;
    ret_hi_we    = 1'b0;
    retire_d     = retire_i;

    if (trap_i) begin
      mpie_d       = mie_q;
      mie_d        = 1'b0;
      cause_irq_d  = trap_irq_i;
      cause_code_d = trap_code_i;
    end else if (mret_i) begin
      mie_d  = mpie_q;
      mpie_d = 1'b1;
    end

    // An explicit write wins over the counting of the same cycle; a write to minstret also replaces the
    // count of the writing instruction itself. The counters' write comes from cnt_commit_i: the core
    // writes them in the instruction's second cycle, so that the enable, which runs through the counter
    // cells' carry logic, starts at a register.
    if (cnt_write) begin
      unique case (sel_i)
        st_cpu_pkg::CsrCycle: begin
          cyc_hi_we = hi_i;
          cyc_lo_we = !hi_i;
        end
        st_cpu_pkg::CsrInstret: begin
          retire_d  = 1'b0;
          ret_hi_we = hi_i;
          ret_lo_we = !hi_i;
        end
        default: ;
      endcase
    end
    if (write) begin
      unique case (sel_i)
        st_cpu_pkg::CsrMstatus: begin
          mie_d  = wdata[3];
          mpie_d = wdata[7];
        end
        st_cpu_pkg::CsrMie: begin
          mtie_d = wdata[7];
          meie_d = wdata[11];
        end
        st_cpu_pkg::CsrMcause: begin
          cause_irq_d  = wdata[31];
          cause_code_d = wdata[3:0];
        end
        default: ;  // misa, mip and the zero CSRs ignore writes
      endcase
    end
  end

  // The four counter halves; a write replaces a half (and its carry out) in the cycle it happens.
  st_cpu_counter u_cyc_lo (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (1'b1),
    .we_i    (cyc_lo_we),
    .wdata_i (wdata),
    .q_o     (cyc_lo_q),
    .carry_o (cyc_c)
  );

  st_cpu_counter u_cyc_hi (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (cyc_c_q),
    .we_i    (cyc_hi_we),
    .wdata_i (wdata),
    .q_o     (cyc_hi_q),
    .carry_o (cyc_hi_c)
  );

  st_cpu_counter u_ret_lo (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (retire_q),
    .we_i    (ret_lo_we),
    .wdata_i (wdata),
    .q_o     (ret_lo_q),
    .carry_o (ret_c)
  );

  st_cpu_counter u_ret_hi (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (ret_c_q),
    .we_i    (ret_hi_we),
    .wdata_i (wdata),
    .q_o     (ret_hi_q),
    .carry_o (ret_hi_c)
  );

  assign counting_o = retire_q || ret_c_q;
  assign minstret_o = ret_lo_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mie_q        <= 1'b0;
      mpie_q       <= 1'b0;
      mtie_q       <= 1'b0;
      meie_q       <= 1'b0;
      cause_irq_q  <= 1'b0;
      cause_code_q <= '0;
      cyc_c_q      <= 1'b0;
      ret_c_q      <= 1'b0;
      retire_q     <= 1'b0;
      wake_q       <= 1'b0;
    end else begin
      mie_q        <= mie_d;
      mpie_q       <= mpie_d;
      mtie_q       <= mtie_d;
      meie_q       <= meie_d;
      cause_irq_q  <= cause_irq_d;
      cause_code_q <= cause_code_d;
      cyc_c_q      <= cyc_c;
      ret_c_q      <= ret_c;
      retire_q     <= retire_d;
      wake_q       <= wake;
    end
  end

endmodule
