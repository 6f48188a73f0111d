// SPDX-License-Identifier: Apache-2.0
// st_cpu_core.sv - the st-accel RISC-V core: RV32IM + Zicsr (+ Zifencei), machine mode only.
//
// Pipeline (docs/cpu.md has the diagrams and the cycle counts):
//   F  st_cpu_fetch: requests the next sequential instruction every cycle, two-entry queue.
//   D  the instruction arriving (or at the queue head) is decoded (st_cpu_decode) and addresses the
//      block-RAM register file; decode and read complete at the clock edge where it enters E.
//   E  ALU, branch decision, CSR access, load/store request, register write. Loads and stores wait in E
//      for their response; multiply/shift and divide wait for their unit.
// Branches and jumps resolve in E and refetch from the target (two cycles lost when taken). Traps and
// interrupts are precise: taken in E, mepc = the pc of the instruction in E; the trap entry writes mtval
// and mepc into the register-file RAM and reads mtvec from it (st_cpu_pkg::RF_*), four cycles.
//
// A value written to the register file at the clock edge where the next instruction reads its operands
// reaches that instruction through a forwarding register (Forward = 1), or the instruction waits one
// cycle and reads again (Forward = 0: fewer logic cells, more cycles).
//
// Bus ports follow docs/bus.md; both tolerate any wait states and late responses.

module st_cpu_core #(
  parameter logic [31:0] ResetVector = 32'h0000_0000,
  parameter bit          Forward     = 1'b1
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

  output logic        dbus_req_valid_o,
  input  logic        dbus_req_ready_i,
  output logic [31:0] dbus_req_addr_o,
  output logic        dbus_req_we_o,
  output logic [3:0]  dbus_req_be_o,
  output logic [31:0] dbus_req_wdata_o,
  input  logic        dbus_rsp_valid_i,
  input  logic [31:0] dbus_rsp_rdata_i,
  input  logic        dbus_rsp_err_i,

  input  logic        irq_timer_i,   // level: machine timer interrupt (MTIP)
  input  logic        irq_ext_i,     // level: machine external interrupt (MEIP), the accelerator
  input  logic [63:0] mtime_i,       // for the time/timeh CSRs
  output logic [31:0] retired_o      // instructions retired (minstret bits 31:0, one cycle late)
);

  // ---- Fetch and decode (F, D) -----------------------------------------------------------------
  logic        redirect, redirect_ok;
  logic [31:2] target;
  logic        instr_valid, instr_err, instr_take;
  logic [31:0] instr;
  st_cpu_pkg::decode_t dec_d, dec_q;

  st_cpu_fetch #(
    .ResetVector (ResetVector)
  ) u_fetch (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .ibus_req_valid_o (ibus_req_valid_o),
    .ibus_req_ready_i (ibus_req_ready_i),
    .ibus_req_addr_o  (ibus_req_addr_o),
    .ibus_req_we_o    (ibus_req_we_o),
    .ibus_req_be_o    (ibus_req_be_o),
    .ibus_req_wdata_o (ibus_req_wdata_o),
    .ibus_rsp_valid_i (ibus_rsp_valid_i),
    .ibus_rsp_rdata_i (ibus_rsp_rdata_i),
    .ibus_rsp_err_i   (ibus_rsp_err_i),
    .redirect_i       (redirect),
    .redirect_pc_i    (target),
    .redirect_ok_o    (redirect_ok),
    .instr_valid_o    (instr_valid),
    .instr_o          (instr),
    .instr_err_o      (instr_err),
    .instr_take_i     (instr_take)
  );

  st_cpu_decode u_decode (
    .ir_i  (instr),
    .err_i (instr_err),
    .dec_o (dec_d)
  );

  // ---- Execute-stage state ---------------------------------------------------------------------
  typedef enum logic [3:0] {
    StRun,     // first cycle of an instruction, and stalls before it has any effect
    StMem,     // load/store accepted by the bus, waiting for the response
    StMul,     // second cycle of a multiply or shift
    StDiv,     // waiting for the divider
    StFault,   // the load/store got a bus error: start the access-fault trap
    StCsr1,    // block-RAM CSR: rd <- old value
    StCsr2,    // block-RAM CSR: CSR <- new value
    StTrap0,   // trap entry: mtval <- the faulting address (or zero)
    StTrap1,   // trap entry: mepc <- pc, read mtvec
    StTrap2    // trap entry: jump to mtvec
  } state_e;

  state_e      state_q, state_d;
  logic        e_valid_q, e_valid_d;   // an instruction is in E
  logic [31:2] e_pc_q, e_pc_d;         // its pc (or of the last one, while E is empty)
  logic        e_seq_q, e_seq_d;       // the next instruction is at e_pc + 4 (else at e_pc: redirected)
  logic        e_first_q, e_first_d;   // E's instruction has done nothing yet: interrupts may be taken
  logic        mtip_q, meip_q;         // interrupt inputs, registered

  // ---- Register file ---------------------------------------------------------------------------
  logic        rf_we, re_a;
  logic [5:0]  rf_waddr, raddr_a, raddr_b;
  logic [31:0] rf_wdata, rf_a, rf_b, op_a, op_b;
  logic        hit_a_q, hit_b_q;       // the operand read at the last edge missed the write of that edge
  logic [31:0] wb_data_q;              // the value written at the last edge (forwarding)
  logic        e_done, trap_start;

  // The instruction entering E reads its registers; otherwise E's instruction keeps reading its own, so
  // that the RAM outputs stay valid while it waits (the trap entry reads x0 and mtvec).
  always_comb begin
    re_a = (state_q != StCsr1);  // a block-RAM CSR write needs rs1 as read before rd was written
    // (StTrap2 may wait for redirect_ok and keeps reading x0 and mtvec meanwhile.)
    if (instr_take) begin
      raddr_a = dec_d.ra;
      raddr_b = dec_d.rb;
    end else if (state_q == StTrap1 || state_q == StTrap2) begin
      raddr_a = 6'd0;
      raddr_b = st_cpu_pkg::RF_MTVEC;
    end else begin
      raddr_a = dec_q.ra;
      raddr_b = dec_q.rb;
    end
  end

  st_cpu_regfile u_regfile (
    .clk_i     (clk_i),
    .re_a_i    (re_a),
    .raddr_a_i (raddr_a),
    .raddr_b_i (raddr_b),
    .rdata_a_o (rf_a),
    .rdata_b_o (rf_b),
    .we_i      (rf_we),
    .waddr_i   (rf_waddr),
    .wdata_i   (rf_wdata)
  );

  logic stale;  // Forward = 0: an operand missed the last write; read again
  if (Forward) begin : gen_forward
    assign op_a  = hit_a_q ? wb_data_q : rf_a;
    assign op_b  = hit_b_q ? wb_data_q : rf_b;
    assign stale = 1'b0;
  end else begin : gen_no_forward
    assign op_a  = rf_a;
    assign op_b  = rf_b;
    assign stale = hit_a_q || hit_b_q;
    logic unused_wb;
    assign unused_wb = ^wb_data_q;
  end

  // ---- ALU, pc adders, branch decision -------------------------------------------------------
  logic                [31:0] alu_b, alu_result, sum, pc_imm;
  logic                [31:2] pc4;
  logic                       eq, lt, ltu, taken, trap_jump;
  st_cpu_pkg::alu_op_e        alu_op;

  // The trap entry's last cycle adds x0 + mtvec.
  assign trap_jump = (state_q == StTrap2);
  assign alu_op    = trap_jump ? st_cpu_pkg::AluAdd : dec_q.alu_op;
  assign alu_b     = (dec_q.b_imm && !trap_jump) ? dec_q.imm : op_b;

  st_cpu_alu u_alu (
    .op_i     (alu_op),
    .a_i      (op_a),
    .b_i      (alu_b),
    .result_o (alu_result),
    .sum_o    (sum),
    .eq_o     (eq),
    .lt_o     (lt),
    .ltu_o    (ltu)
  );

  assign pc_imm = {e_pc_q, 2'b00} + dec_q.imm;
  assign pc4    = e_pc_q + 30'd1;

  always_comb begin
    unique case (dec_q.funct3)
      3'b000:  taken = eq;
      3'b001:  taken = !eq;
      3'b100:  taken = lt;
      3'b101:  taken = !lt;
      3'b110:  taken = ltu;
      default: taken = !ltu;  // 3'b111 (010, 011 are illegal)
    endcase
  end

  // JALR, MRET (x0 + mepc) and the trap entry (x0 + mtvec) jump to the ALU sum; the others to pc + imm.
  assign target = (dec_q.jalr || dec_q.mret || trap_jump) ? sum[31:2] : pc_imm[31:2];

  // ---- Load/store unit -------------------------------------------------------------------------
  logic        mem_misaligned;
  logic [31:0] load_data;

  st_cpu_lsu u_lsu (
    .size_i         (dec_q.funct3[1:0]),
    .addr_lo_i      (sum[1:0]),
    .store_data_i   (op_b),
    .misaligned_o   (mem_misaligned),
    .be_o           (dbus_req_be_o),
    .wdata_o        (dbus_req_wdata_o),
    .rsp_addr_lo_i  (sum[1:0]),
    .rsp_size_i     (dec_q.funct3[1:0]),
    .rsp_unsigned_i (dec_q.funct3[2]),
    .rdata_i        (dbus_rsp_rdata_i),
    .load_data_o    (load_data)
  );

  assign dbus_req_addr_o = {sum[31:2], 2'b00};
  assign dbus_req_we_o   = dec_q.store;

  // ---- Multiplier (and shifts), divider --------------------------------------------------------
  logic        mul_start, mul_done, div_start, div_done;
  logic [31:0] mul_result, div_result;

  st_cpu_mul u_mul (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (mul_start),
    .op_i     (dec_q.mul_op),
    .a_i      (op_a),
    .b_i      (alu_b),
    .sum_i    (sum),
    .done_o   (mul_done),
    .result_o (mul_result)
  );

  st_cpu_div u_div (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (div_start),
    .op_i     (dec_q.funct3[1:0]),
    .a_i      (op_a),
    .b_i      (op_b),
    .done_o   (div_done),
    .result_o (div_result)
  );

  // ---- CSRs ------------------------------------------------------------------------------------
  logic        csr_commit, csr_new, irq_take, wake, retire, trap_irq, mret, counting;
  logic [3:0]  irq_code, trap_code;
  logic [31:0] csr_result;

  st_cpu_csr u_csr (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .sel_i       (dec_q.csr_sel),
    .hi_i        (dec_q.csr_hi),
    .op_i        (dec_q.funct3[1:0]),
    .wsrc_i      (op_a | dec_q.imm),  // rs1 | 0, or x0 | uimm (the decoder set imm so)
    .ram_old_i   (op_b),               // block-RAM CSR, else x0
    .wr_i        (dec_q.csr_wr),
    .commit_i    (csr_commit),
    .new_i       (csr_new),
    .align_i     (dec_q.rb[1:0] == 2'b01),  // RF_MEPC, RF_MTVEC (IALIGN = 32, mtvec direct mode only)
    .result_o    (csr_result),
    .trap_i      (trap_start),
    .trap_irq_i  (trap_irq),
    .trap_code_i (trap_code),
    .mret_i      (mret),
    .retire_i    (retire),
    .counting_o  (counting),
    .mtip_i      (mtip_q),
    .meip_i      (meip_q),
    .mtime_i     (mtime_i),
    .irq_take_o  (irq_take),
    .irq_code_o  (irq_code),
    .wake_o      (wake),
    .minstret_o  (retired_o)
  );

  // ---- Exceptions ------------------------------------------------------------------------------
  st_cpu_pkg::res_sel_e tval_sel;     // the value for mtval: pc + imm, the ALU sum, or zero
  st_cpu_pkg::res_sel_e tval_sel_q, tval_sel_d;  // ... kept for StTrap0 (operands, pc + imm still valid)
  logic                 control, exc, jump_misaligned;

  // Every instruction that may change the flow; it completes only when the fetch can be redirected.
  assign control         = dec_q.branch || dec_q.jal || dec_q.jalr || dec_q.mret || dec_q.fence_i;
  assign jump_misaligned = dec_q.jalr ? sum[1] : ((dec_q.jal || (dec_q.branch && taken)) && pc_imm[1]);

  // Synchronous exceptions of the instruction in E, by the spec's priority. A bus error (StFault) comes
  // after the instruction was accepted; an interrupt comes first of all.
  always_comb begin
    exc       = 1'b1;
    trap_code = st_cpu_pkg::EXC_ILLEGAL;
    tval_sel  = st_cpu_pkg::ResNone;
    if (dec_q.fault) begin
      trap_code = st_cpu_pkg::EXC_INSN_FAULT;
      tval_sel  = st_cpu_pkg::ResPcImm;  // imm = 0: the pc
    end else if (dec_q.illegal) begin
      trap_code = st_cpu_pkg::EXC_ILLEGAL;
    end else if (dec_q.ecall) begin
      trap_code = st_cpu_pkg::EXC_ECALL_M;
    end else if (dec_q.ebreak) begin
      trap_code = st_cpu_pkg::EXC_BREAKPOINT;
    end else if (jump_misaligned) begin
      trap_code = st_cpu_pkg::EXC_INSN_MISALIGNED;
      tval_sel  = dec_q.jalr ? st_cpu_pkg::ResAlu : st_cpu_pkg::ResPcImm;
    end else if ((dec_q.load || dec_q.store) && mem_misaligned) begin
      trap_code = dec_q.store ? st_cpu_pkg::EXC_STORE_MISALIGNED : st_cpu_pkg::EXC_LOAD_MISALIGNED;
      tval_sel  = st_cpu_pkg::ResAlu;
    end else begin
      exc = 1'b0;
    end
    if (state_q == StFault) begin
      trap_code = dec_q.store ? st_cpu_pkg::EXC_STORE_FAULT : st_cpu_pkg::EXC_LOAD_FAULT;
      tval_sel  = st_cpu_pkg::ResAlu;
    end
    // Not on WFI: WFI completes first, so that mepc points after it.
    trap_irq = e_first_q && irq_take && !dec_q.wfi && (state_q == StRun);
    if (trap_irq) begin
      trap_code = irq_code;
      tval_sel  = st_cpu_pkg::ResNone;
    end
  end

  // ---- Execute control -------------------------------------------------------------------------
  always_comb begin
    state_d          = state_q;
    e_done           = 1'b0;
    retire           = 1'b0;
    trap_start       = 1'b0;
    mret             = 1'b0;
    redirect         = 1'b0;
    csr_new          = 1'b0;
    dbus_req_valid_o = 1'b0;
    mul_start        = 1'b0;
    div_start        = 1'b0;

    if (e_valid_q) begin
      unique case (state_q)
        StRun: begin
          if (trap_irq) begin
            trap_start = 1'b1;
            state_d    = StTrap0;
          end else if (stale) begin
            // wait: the operands are read again at this edge
          end else if (exc) begin
            trap_start = 1'b1;
            state_d    = StTrap0;
          end else if (dec_q.load || dec_q.store) begin
            dbus_req_valid_o = 1'b1;
            if (dbus_req_ready_i) begin
              state_d = StMem;
            end
          end else if (dec_q.mul) begin
            mul_start = 1'b1;
            state_d   = StMul;
          end else if (dec_q.div) begin
            div_start = 1'b1;
            state_d   = StDiv;
          end else if (dec_q.csr) begin
            if (dec_q.csr_sel == st_cpu_pkg::CsrRam) begin
              // This cycle has no write: the operands read at its end are fresh, rs1 is kept from there.
              state_d = StCsr1;
            end else if (!(dec_q.csr_sel == st_cpu_pkg::CsrInstret && counting)) begin
              e_done = 1'b1;
              retire = 1'b1;
            end
          end else if (dec_q.wfi) begin
            // Wait for an interrupt enabled in mie (taken after WFI if mstatus.MIE is set).
            if (wake) begin
              e_done = 1'b1;
              retire = 1'b1;
            end
          end else if (control) begin
            if (redirect_ok) begin
              e_done   = 1'b1;
              retire   = 1'b1;
              mret     = dec_q.mret;
              redirect = dec_q.jal || dec_q.jalr || dec_q.fence_i || dec_q.mret || (dec_q.branch && taken);
            end
          end else begin
            e_done = 1'b1;
            retire = 1'b1;
          end
        end
        StMem: begin
          if (dbus_rsp_valid_i) begin
            if (dbus_rsp_err_i) begin
              state_d = StFault;
            end else begin
              e_done  = 1'b1;
              retire  = 1'b1;
              state_d = StRun;
            end
          end
        end
        StMul: begin
          if (mul_done) begin
            e_done  = 1'b1;
            retire  = 1'b1;
            state_d = StRun;
          end
        end
        StDiv: begin
          if (div_done) begin
            e_done  = 1'b1;
            retire  = 1'b1;
            state_d = StRun;
          end
        end
        StFault: begin
          trap_start = 1'b1;
          state_d    = StTrap0;
        end
        StCsr1: begin
          state_d = StCsr2;
        end
        StCsr2: begin
          csr_new = 1'b1;
          e_done  = 1'b1;
          retire  = 1'b1;
          state_d = StRun;
        end
        StTrap0: begin
          state_d = StTrap1;
        end
        StTrap1: begin
          state_d = StTrap2;
        end
        default: begin  // StTrap2
          if (redirect_ok) begin
            e_done   = 1'b1;
            redirect = 1'b1;
            state_d  = StRun;
          end
        end
      endcase
    end
  end

  assign tval_sel_d = trap_start ? tval_sel : tval_sel_q;

  // A flip-flop CSR is written when its instruction retires; a block-RAM CSR by the register write.
  assign csr_commit = retire && dec_q.csr && (dec_q.csr_sel != st_cpu_pkg::CsrRam);
  assign instr_take = (!e_valid_q || e_done) && !redirect && instr_valid;

  // ---- Register write --------------------------------------------------------------------------
  st_cpu_pkg::res_sel_e res_sel;

  always_comb begin
    rf_we    = 1'b0;
    rf_waddr = {1'b0, dec_q.rd};
    res_sel  = dec_q.res_sel;
    if (state_q == StTrap0) begin
      rf_we    = 1'b1;
      rf_waddr = st_cpu_pkg::RF_MTVAL;
      res_sel  = tval_sel_q;
    end else if (state_q == StTrap1) begin
      rf_we    = 1'b1;
      rf_waddr = st_cpu_pkg::RF_MEPC;
      res_sel  = st_cpu_pkg::ResPcImm;  // the immediate was cleared: the pc
    end else if (state_q == StCsr1) begin
      rf_we    = dec_q.rd != 5'd0;
    end else if (state_q == StCsr2) begin
      rf_we    = 1'b1;
      rf_waddr = dec_q.rb;
    end else begin
      rf_we    = retire && dec_q.rd_we && (dec_q.rd != 5'd0);
    end
  end

  // One-hot AND-OR selection of the written value.
  always_comb begin
    rf_wdata = 32'd0;
    if (res_sel == st_cpu_pkg::ResAlu) begin
      // A misaligned JALR target reported in mtval has bit 0 cleared, as the jump would have.
      rf_wdata = rf_wdata | {alu_result[31:1], alu_result[0] && !(state_q == StTrap0 && dec_q.jalr)};
    end
    if (res_sel == st_cpu_pkg::ResPcImm) begin
      rf_wdata = rf_wdata | pc_imm;
    end
    if (res_sel == st_cpu_pkg::ResPc4) begin
      rf_wdata = rf_wdata | {pc4, 2'b00};
    end
    if (res_sel == st_cpu_pkg::ResCsr) begin
      rf_wdata = rf_wdata | csr_result;
    end
    if (res_sel == st_cpu_pkg::ResLoad) begin
      rf_wdata = rf_wdata | load_data;
    end
    if (res_sel == st_cpu_pkg::ResMul) begin
      rf_wdata = rf_wdata | mul_result;
    end
    if (res_sel == st_cpu_pkg::ResDiv) begin
      rf_wdata = rf_wdata | div_result;
    end
  end

  // ---- Next instruction into E -----------------------------------------------------------------
  always_comb begin
    e_valid_d = e_valid_q;
    e_pc_d    = e_pc_q;
    e_seq_d   = e_seq_q;
    // Interrupts stay takeable while the instruction waits in StRun without any effect yet (stale
    // operands, redirect_ok); a presented data request or a started unit ends that.
    e_first_d = e_first_q && !e_done && !dbus_req_valid_o && (state_d == StRun);
    if (redirect) begin
      e_valid_d = 1'b0;
      e_pc_d    = target;
      e_seq_d   = 1'b0;
    end else if (instr_take) begin
      e_valid_d = 1'b1;
      e_pc_d    = e_seq_q ? pc4 : e_pc_q;
      e_seq_d   = 1'b1;
      e_first_d = 1'b1;
    end else if (e_done) begin
      e_valid_d = 1'b0;
    end
  end

  // Decoded-instruction register: loaded with the instruction entering E. The trap entry clears the
  // immediate after mtval was written, so that pc + imm is the pc for mepc.
  st_cpu_pkg::decode_t dec_next;
  always_comb begin
    dec_next = dec_q;
    if (instr_take) begin
      dec_next = dec_d;
    end else if (state_q == StTrap0) begin
      dec_next.imm = 32'd0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q   <= StRun;
      e_valid_q <= 1'b0;
      e_pc_q    <= ResetVector[31:2];
      e_seq_q   <= 1'b0;
      e_first_q <= 1'b0;
      dec_q      <= '0;
      tval_sel_q <= st_cpu_pkg::ResNone;
      hit_a_q    <= 1'b0;
      hit_b_q   <= 1'b0;
      mtip_q    <= 1'b0;
      meip_q    <= 1'b0;
    end else begin
      state_q   <= state_d;
      e_valid_q <= e_valid_d;
      e_pc_q    <= e_pc_d;
      e_seq_q   <= e_seq_d;
      e_first_q <= e_first_d;
      dec_q      <= dec_next;
      tval_sel_q <= tval_sel_d;
      hit_a_q    <= rf_we && re_a && (rf_waddr == raddr_a);
      hit_b_q   <= rf_we && (rf_waddr == raddr_b);
      mtip_q    <= irq_timer_i;
      meip_q    <= irq_ext_i;
    end
  end

  // Forwarding data register: no reset needed (only read when hit_*_q says it was written).
  always_ff @(posedge clk_i) begin
    wb_data_q <= rf_wdata;
  end

`ifdef ST_CPU_TRACE
  // Debug trace (build with +define+ST_CPU_TRACE): retirements, register writes and traps.
  always_ff @(posedge clk_i) begin
    if (rst_ni && retire) begin
      $display("cpu: %0t retire pc=%08x", $time, {e_pc_q, 2'b00});
    end
    if (rst_ni && rf_we) begin
      $display("cpu: %0t   x%0d <= %08x", $time, rf_waddr, rf_wdata);
    end
    if (rst_ni && trap_start) begin
      $display("cpu: %0t trap pc=%08x irq=%0d code=%0d", $time, {e_pc_q, 2'b00}, trap_irq, trap_code);
    end
    if (rst_ni && redirect) begin
      $display("cpu: %0t redirect -> %08x (a=%08x b=%08x st=%0d ra=%0d rb=%0d)", $time, {target, 2'b00}, op_a, op_b, state_q, raddr_a, raddr_b);
    end
  end
`endif

`ifndef SYNTHESIS
  // Bus rule 1 for the data port: a presented request stays until accepted, unchanged.
  logic        dreq_wait_q;
  logic [31:0] dreq_addr_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      dreq_wait_q <= 1'b0;
      dreq_addr_q <= '0;
    end else begin
      dreq_wait_q <= dbus_req_valid_o && !dbus_req_ready_i;
      dreq_addr_q <= dbus_req_addr_o;
    end
  end
  always_ff @(posedge clk_i) begin
    if (rst_ni && dreq_wait_q) begin
      assert (dbus_req_valid_o && dbus_req_addr_o == dreq_addr_q)
        else $error("st_cpu_core: data request withdrawn or changed before it was accepted");
    end
  end
`endif

endmodule
