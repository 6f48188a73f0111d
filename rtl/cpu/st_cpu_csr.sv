// SPDX-License-Identifier: Apache-2.0
// st_cpu_csr.sv - machine-mode CSRs (Zicsr), trap entry and return state, counters, interrupt pending.
//
// Implemented (docs/cpu.md has the table): mstatus (MIE, MPIE; MPP reads 11), misa, mie (MTIE, MEIE),
// mip (MTIP, MEIP, read-only, from the inputs), mtvec (direct mode only), mepc, mcause, mtval, mscratch,
// mcycle(h), minstret(h), the user counters cycle(h), time(h), instret(h), and mvendorid, marchid, mimpid,
// mhartid, mstatush, mhpmcounter3-31(h), mhpmevent3-31, hpmcounter3-31(h) reading zero. Any other address,
// and a write to a read-only CSR (address bits 11:10 = 11), is an illegal instruction.

module st_cpu_csr (
  input  logic        clk_i,
  input  logic        rst_ni,

  // CSR instruction in the execute stage
  input  logic [11:0] addr_i,
  input  logic [1:0]  op_i,         // funct3[1:0]: 01 write, 10 set, 11 clear
  input  logic [31:0] wsrc_i,       // rs1 or the zero-extended uimm
  input  logic        wr_i,         // the instruction writes (CSRRW*, or a non-zero rs1/uimm)
  input  logic        commit_i,     // the instruction retires this cycle: apply the write
  output logic [31:0] rdata_o,      // old value (to rd)
  output logic        illegal_o,    // unknown CSR, or a write to a read-only one

  // Trap entry / return (mutually exclusive with commit_i)
  input  logic        trap_i,
  input  logic        trap_irq_i,   // interrupt (mcause bit 31)
  input  logic [3:0]  trap_code_i,
  input  logic [31:2] trap_pc_i,    // -> mepc
  input  logic [31:0] trap_tval_i,  // -> mtval
  input  logic        mret_i,
  input  logic        retire_i,     // an instruction retired (minstret)

  // Interrupt sources (level, synchronous to clk_i) and the machine timer
  input  logic        mtip_i,
  input  logic        meip_i,
  input  logic [63:0] mtime_i,
  output logic        irq_take_o,   // an enabled interrupt is pending and mstatus.MIE is set
  output logic [3:0]  irq_code_o,   // its cause (external before timer)
  output logic        wake_o,       // an interrupt is pending and enabled in mie (WFI ends), MIE or not

  output logic [31:2] mtvec_o,
  output logic [31:2] mepc_o,
  output logic [31:0] minstret_o
);

  logic        mie_q, mie_d;      // mstatus.MIE
  logic        mpie_q, mpie_d;    // mstatus.MPIE
  logic        mtie_q, mtie_d;    // mie.MTIE
  logic        meie_q, meie_d;    // mie.MEIE
  logic [31:2] mtvec_q, mtvec_d;
  logic [31:2] mepc_q, mepc_d;
  logic        mcause_irq_q, mcause_irq_d;
  logic [3:0]  mcause_code_q, mcause_code_d;
  logic [31:0] mtval_q, mtval_d;
  logic [31:0] mscratch_q, mscratch_d;
  logic [63:0] mcycle_q, mcycle_d;
  logic [63:0] minstret_q, minstret_d;

  logic [31:0] mstatus, mie, mip, wdata;
  logic        known, read_only, write;

  assign mstatus = {19'd0, 2'b11, 3'd0, mpie_q, 3'd0, mie_q, 3'd0};
  assign mie     = {20'd0, meie_q, 3'd0, mtie_q, 7'd0};
  assign mip     = {20'd0, meip_i, 3'd0, mtip_i, 7'd0};

  // ---- Read ------------------------------------------------------------------------------------
  always_comb begin
    known   = 1'b1;
    rdata_o = 32'd0;
    unique case (addr_i)
      12'h300: rdata_o = mstatus;
      12'h301: rdata_o = st_cpu_pkg::MISA_VALUE;
      12'h304: rdata_o = mie;
      12'h305: rdata_o = {mtvec_q, 2'b00};
      12'h340: rdata_o = mscratch_q;
      12'h341: rdata_o = {mepc_q, 2'b00};
      12'h342: rdata_o = {mcause_irq_q, 27'd0, mcause_code_q};
      12'h343: rdata_o = mtval_q;
      12'h344: rdata_o = mip;
      12'hB00, 12'hC00: rdata_o = mcycle_q[31:0];
      12'hB80, 12'hC80: rdata_o = mcycle_q[63:32];
      12'hB02, 12'hC02: rdata_o = minstret_q[31:0];
      12'hB82, 12'hC82: rdata_o = minstret_q[63:32];
      12'hC01: rdata_o = mtime_i[31:0];
      12'hC81: rdata_o = mtime_i[63:32];
      // mstatush, mvendorid, marchid, mimpid, mhartid: zero.
      12'h310, 12'hF11, 12'hF12, 12'hF13, 12'hF14: rdata_o = 32'd0;
      default: begin
        // Zero-valued hardware performance counters and event selectors 3..31 (the spec requires them):
        // mhpmevent (0x323-0x33F), mhpmcounter(h) (0xB03-0xB1F, 0xB83-0xB9F), hpmcounter(h) (0xC03-...).
        known = (addr_i[4:0] >= 5'd3)
                && ((addr_i[11:5] == 7'b0011001) || (addr_i[11:5] == 7'b1011000)
                    || (addr_i[11:5] == 7'b1011100) || (addr_i[11:5] == 7'b1100000)
                    || (addr_i[11:5] == 7'b1100100));
      end
    endcase
  end

  assign read_only = (addr_i[11:10] == 2'b11);
  assign illegal_o = !known || (wr_i && read_only);
  assign write     = commit_i && wr_i;

  always_comb begin
    unique case (op_i)
      2'b10:   wdata = rdata_o | wsrc_i;
      2'b11:   wdata = rdata_o & ~wsrc_i;
      default: wdata = wsrc_i;
    endcase
  end

  // ---- Interrupts ------------------------------------------------------------------------------
  assign wake_o     = (mtip_i && mtie_q) || (meip_i && meie_q);
  assign irq_take_o = mie_q && wake_o;
  assign irq_code_o = (meip_i && meie_q) ? st_cpu_pkg::IRQ_EXT_M : st_cpu_pkg::IRQ_TIMER_M;

  // ---- Update ----------------------------------------------------------------------------------
  always_comb begin
    mie_d         = mie_q;
    mpie_d        = mpie_q;
    mtie_d        = mtie_q;
    meie_d        = meie_q;
    mtvec_d       = mtvec_q;
    mepc_d        = mepc_q;
    mcause_irq_d  = mcause_irq_q;
    mcause_code_d = mcause_code_q;
    mtval_d       = mtval_q;
    mscratch_d    = mscratch_q;
    mcycle_d      = mcycle_q + 64'd1;
    minstret_d    = minstret_q + {63'd0, retire_i};

    if (trap_i) begin
      mpie_d        = mie_q;
      mie_d         = 1'b0;
      mepc_d        = trap_pc_i;
      mcause_irq_d  = trap_irq_i;
      mcause_code_d = trap_code_i;
      mtval_d       = trap_tval_i;
    end else if (mret_i) begin
      mie_d  = mpie_q;
      mpie_d = 1'b1;
    end

    // An explicit write wins over the counter increment of the same cycle.
    if (write) begin
      unique case (addr_i)
        12'h300: begin
          mie_d  = wdata[3];
          mpie_d = wdata[7];
        end
        12'h304: begin
          mtie_d = wdata[7];
          meie_d = wdata[11];
        end
        12'h305: mtvec_d = wdata[31:2];
        12'h340: mscratch_d = wdata;
        12'h341: mepc_d = wdata[31:2];
        12'h342: begin
          mcause_irq_d  = wdata[31];
          mcause_code_d = wdata[3:0];
        end
        12'h343: mtval_d = wdata;
        12'hB00: mcycle_d[31:0] = wdata;
        12'hB80: mcycle_d[63:32] = wdata;
        12'hB02: minstret_d[31:0] = wdata;
        12'hB82: minstret_d[63:32] = wdata;
        default: ;  // misa, mip and the zero registers ignore writes
      endcase
    end
  end

  assign mtvec_o    = mtvec_q;
  assign mepc_o     = mepc_q;
  assign minstret_o = minstret_q[31:0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mie_q         <= 1'b0;
      mpie_q        <= 1'b0;
      mtie_q        <= 1'b0;
      meie_q        <= 1'b0;
      mtvec_q       <= '0;
      mepc_q        <= '0;
      mcause_irq_q  <= 1'b0;
      mcause_code_q <= '0;
      mtval_q       <= '0;
      mscratch_q    <= '0;
      mcycle_q      <= '0;
      minstret_q    <= '0;
    end else begin
      mie_q         <= mie_d;
      mpie_q        <= mpie_d;
      mtie_q        <= mtie_d;
      meie_q        <= meie_d;
      mtvec_q       <= mtvec_d;
      mepc_q        <= mepc_d;
      mcause_irq_q  <= mcause_irq_d;
      mcause_code_q <= mcause_code_d;
      mtval_q       <= mtval_d;
      mscratch_q    <= mscratch_d;
      mcycle_q      <= mcycle_d;
      minstret_q    <= minstret_d;
    end
  end

endmodule
