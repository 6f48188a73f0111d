// SPDX-License-Identifier: Apache-2.0
// st_cpu_core.sv - the st-accel RISC-V core: RV32IM + Zicsr (+ Zifencei), machine mode only.
//
// Pipeline (docs/cpu.md has the diagrams and the cycle counts):
//   F  st_cpu_fetch: requests the next sequential instruction every cycle, two-entry queue.
//   D  the instruction arriving (or at the queue head) is decoded (st_cpu_decode) and addresses the
//      block-RAM register file; decode and read complete at the clock edge where it enters E.
//   E  ALU, branch decision, CSR access, load/store request, register write. Loads and stores wait in E
//      for their response; multiply/shift and divide wait for their unit.
// Jumps redirect the fetch from E (two cycles lost). A conditional branch takes two cycles in E: it
// decides in the first and redirects (or not) in the second from the registered decision, which keeps the
// comparator's carry chain out of the paths that advance the pipeline (taken: three cycles lost). Traps and
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
  parameter logic [31:0] TimeAddr    = 32'h1000_1000,  // the platform timer's mtime (st_regs TIMER block)
  parameter bit          Forward     = 1'b0,
  parameter bit          Cpop        = 1'b1   // Zbb's CPOP (docs/cpu.md section 9); 0: RV32IM only
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
  input  logic [63:0] mtime_i,       // unused: time/timeh are read from mtime at TimeAddr (docs/cpu.md)
  output logic [31:0] retired_o,     // instructions retired (minstret bits 31:0, one cycle late)
  output logic [31:0] pc_o           // pc of the instruction in E (of the last one while E is empty):
                                     // the simulator's profiler charges each cycle to it
);

  // ---- Fetch and decode (F, D) -----------------------------------------------------------------
  logic        redirect, redirect_ok;
  logic        fetch_hold;  // E may redirect in this cycle: the fetch starts no request
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
    .hold_i           (fetch_hold),
    .redirect_ok_o    (redirect_ok),
    .instr_valid_o    (instr_valid),
    .instr_o          (instr),
    .instr_err_o      (instr_err),
    .instr_take_i     (instr_take)
  );

  st_cpu_decode #(
    .TimeAddr (TimeAddr),
    .Cpop     (Cpop)
  ) u_decode (
    .ir_i  (instr),
    .err_i (instr_err),
    .dec_o (dec_d)
  );

  // time / timeh are loads from the timer (st_cpu_decode), so the 64-bit mtime input is not needed; the
  // port stays for the interface the SoC was built against.
  logic unused_mtime;
  assign unused_mtime = ^mtime_i;

  // ---- Execute-stage state ---------------------------------------------------------------------
  typedef enum logic [3:0] {
    StRun,     // first cycle of an instruction, and stalls before it has any effect
    StMem,     // load/store accepted by the bus, waiting for the response
    StMul,     // waiting for the multiplier (multiply or shift)
    StDiv,     // waiting for the divider
    StFault,   // the load/store got a bus error: start the access-fault trap
    StBranch,  // a branch's second cycle: jump if taken (trap if the target is misaligned)
    StJalr,    // JALR's second cycle: jump, or trap on a misaligned target
    StSlt,     // SLT(I)(U)'s second cycle: write the registered comparison
    StCsrWb,   // CSR instruction: rd <- old value (registered in csr_q)
    StCsrCnt,  // a CSR instruction that writes a counter: the write, rd <- old value
    StCsr1,    // block-RAM CSR: new value -> csr_q
    StCsr2,    // block-RAM CSR: CSR <- new value, old value -> csr_q
    StCsr3,    // block-RAM CSR: rd <- old value
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
  logic        irq_q;                  // an interrupt is pending and enabled (mie, mstatus.MIE), registered
  logic [3:0]  irq_code_q;
  logic        in_trap;                // the trap entry writes mtval / mepc
  logic        sum31_q, carry_q, sum1_q;  // adder bits of the last cycle (second cycle of branches, SLT, JALR)
  logic        eq_q, diff_q, a31_q;       // ... equality, signs differ, the sign of a

  assign in_trap = (state_q == StTrap0) || (state_q == StTrap1);

  // ---- Register file ---------------------------------------------------------------------------
  logic        rf_we;
  logic [5:0]  rf_waddr, raddr_a, raddr_b;
  logic [31:0] rf_wdata, rf_a, rf_b, op_a, op_b;
  logic        hit_a_q, hit_b_q;       // the operand read at the last edge missed the write of that edge
  logic [31:0] wb_data_q;              // the value written at the last edge (forwarding)
  logic        e_done;

  // The instruction entering E reads its registers; otherwise E's instruction keeps reading its own, so
  // that the RAM outputs stay valid while it waits (the trap entry reads x0 and mtvec).
  always_comb begin
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

  // hit_*: the read at this edge collides with the write at this edge. Both candidate addresses are
  // compared in parallel, so that the late instr_take only selects.
  (* keep *) logic hit_a_take, hit_b_take, hit_a_keep, hit_b_keep;
  logic            hit_a_d, hit_b_d;
  assign hit_a_take = rf_we && (rf_waddr == dec_d.ra);
  assign hit_b_take = rf_we && (rf_waddr == dec_d.rb);
  assign hit_a_keep = rf_we && (rf_waddr == ((state_q == StTrap1 || state_q == StTrap2) ? 6'd0 : dec_q.ra));
  assign hit_b_keep = rf_we && (rf_waddr == ((state_q == StTrap1 || state_q == StTrap2) ? st_cpu_pkg::RF_MTVEC
                                                                                         : dec_q.rb));
  assign hit_a_d    = instr_take ? hit_a_take : hit_a_keep;
  assign hit_b_d    = instr_take ? hit_b_take : hit_b_keep;

  st_cpu_regfile u_regfile (
    .clk_i     (clk_i),
    .raddr_a_i (raddr_a),
    .raddr_b_i (raddr_b),
    .rdata_a_o (rf_a),
    .rdata_b_o (rf_b),
    .we_i      (rf_we),
    .waddr_i   (rf_waddr),
    .wdata_i   (rf_wdata)
  );

  logic       stale;     // Forward = 0: an operand of the instruction in StRun missed the last write
  logic       wr_we_q;   // the last edge's register write
  logic [5:0] wr_addr_q;
  if (Forward) begin : gen_forward
    assign op_a  = hit_a_q ? wb_data_q : rf_a;
    assign op_b  = hit_b_q ? wb_data_q : rf_b;
    assign stale = 1'b0;
    logic unused_wr;
    assign unused_wr = ^{wr_we_q, wr_addr_q};
  end else begin : gen_no_forward
    assign op_a  = rf_a;
    assign op_b  = rf_b;
    assign stale = hit_a_q || hit_b_q;
    logic unused_wb;
    assign unused_wb = ^{wb_data_q, wr_we_q, wr_addr_q};
  end

  // ---- ALU, pc adders, branch decision -------------------------------------------------------
  logic                [31:0] alu_b, alu_logic, sum, pc_imm;
  logic                [31:2] pc4;
  logic                       eq, carry, taken;

  st_cpu_alu u_alu (
    .logic_op_i (dec_q.alu_logic & {2{!in_trap}}),
    .sub_i    (dec_q.alu_sub),
    .a_i      (op_a),
    .b_imm_i  (dec_q.b_imm),
    .imm_i    (dec_q.imm),
    .rs2_i    (op_b),
    .b_o      (alu_b),
    .logic_o  (alu_logic),
    .sum_o    (sum),
    .eq_o     (eq),
    .carry_o  (carry)
  );

  assign pc_imm = {e_pc_q, 2'b00} + dec_q.imm;
  // e_seq_q is set while an instruction is in E: pc4 is its pc + 4 (the link of JAL / JALR) and the pc
  // of the next instruction; after a redirect it is clear and pc4 = e_pc_q = the target.
  assign pc4    = e_pc_q + {29'd0, e_seq_q};
  assign pc_o   = {e_pc_q, 2'b00};


  // JALR, MRET (x0 + mepc) and the trap entry (x0 + mtvec) jump to the ALU sum; branches, JAL and
  // FENCE.I to pc + imm.
  assign target = dec_q.tgt_sum ? sum[31:2] : pc_imm[31:2];

  // ---- Load/store unit -------------------------------------------------------------------------
  logic        mem_misaligned;
  logic [31:0] load_data;
  logic [1:0]  addr_lo_q;  // address bits 1:0 of the load in StMem (kept off the adder's path)

  st_cpu_lsu u_lsu (
    .size_i         (dec_q.funct3[1:0]),
    .addr_lo_i      (sum[1:0]),
    .store_data_i   (op_b),
    .misaligned_o   (mem_misaligned),
    .be_o           (dbus_req_be_o),
    .wdata_o        (dbus_req_wdata_o),
    .rsp_addr_lo_i  (addr_lo_q),
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

  st_cpu_mul #(
    .Cpop     (Cpop)
  ) u_mul (
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
  logic        csr_commit, cnt_commit, csr_new, irq_take, wake, retire, trap_irq, mret, counting;
  logic [3:0]  irq_code, trap_code;
  logic [31:0] csr_result;
  logic        csr_load;               // csr_q <- csr_result (else csr_q <- 0)
  logic [31:0] csr_q;                  // the CSR value for the register write, zero when not in use

  st_cpu_csr u_csr (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .sel_i       (dec_q.csr_sel),
    .hi_i        (dec_q.csr_hi),
    .op_i        (dec_q.funct3[1:0]),
    .wsrc_i      ({op_a[31:5], op_a[4:0] | dec_q.imm[4:0]}),  // rs1 | 0, or x0 | uimm (decoder's imm)
    .ram_old_i   (op_b),               // the block-RAM CSR (for the CsrRam group)
    .wr_i        (dec_q.csr_wr),
    .commit_i    (csr_commit),
    .cnt_commit_i (cnt_commit),
    .new_i       (csr_new),
    .align_i     (dec_q.rb[1:0] == 2'b01),  // RF_MEPC, RF_MTVEC (IALIGN = 32, mtvec direct mode only)
    .result_o    (csr_result),
    .trap_i      (state_q == StTrap0),  // the cause was registered when the trap started
    .trap_irq_i  (trap_irq_q),
    .trap_code_i (trap_code_q),
    .mret_i      (mret),
    .retire_i    (retire),
    .counting_o  (counting),
    .mtip_i      (mtip_q),
    .meip_i      (meip_q),
    .irq_take_o  (irq_take),
    .irq_code_o  (irq_code),
    .wake_o      (wake),
    .minstret_o  (retired_o)
  );

  // ---- Exceptions ------------------------------------------------------------------------------
  st_cpu_pkg::res_sel_e tval_sel;     // the value for mtval: pc + imm, the ALU sum, or zero
  st_cpu_pkg::res_sel_e tval_sel_q, tval_sel_d;  // ... kept for StTrap0 (operands, pc + imm still valid)
  logic                 trap_irq_q, trap_irq_d;  // the trap's cause, kept for StTrap0 (mcause, mstatus)
  logic [3:0]           trap_code_q, trap_code_d;
  logic                 jump, exc_dec, exc_jump, exc_mem;

  // Jumps redirect the fetch at once; they complete only when the fetch can be redirected.
  assign jump     = dec_q.jal || dec_q.jalr || dec_q.mret || dec_q.fence_i;
  // Exceptions known from the instruction alone; a misaligned jump target (bit 1: imm[1] for JAL, as the
  // pc is aligned; the sum's bit 1, early in the carry chain, for JALR; StBrChk for branches); a
  // misaligned data address. The last is kept out of the paths that decide whether E advances.
  assign exc_dec  = dec_q.fault || dec_q.illegal || dec_q.ecall || dec_q.ebreak;
  assign exc_jump = dec_q.jal && dec_q.imm[1];  // JALR: in StJalr, branches: in StBranch
  assign exc_mem  = mem_misaligned;

  // Synchronous exceptions of the instruction in E, by the spec's priority. A bus error (StFault) comes
  // after the instruction was accepted; an interrupt comes first of all.
  always_comb begin
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
    end else if (exc_jump || state_q == StBranch || state_q == StJalr) begin
      trap_code = st_cpu_pkg::EXC_INSN_MISALIGNED;
      tval_sel  = dec_q.jalr ? st_cpu_pkg::ResAlu : st_cpu_pkg::ResPcImm;
    end else if ((dec_q.load || dec_q.store) && exc_mem) begin
      trap_code = dec_q.store ? st_cpu_pkg::EXC_STORE_MISALIGNED : st_cpu_pkg::EXC_LOAD_MISALIGNED;
      tval_sel  = st_cpu_pkg::ResAlu;
    end
    if (state_q == StFault) begin
      trap_code = dec_q.store ? st_cpu_pkg::EXC_STORE_FAULT : st_cpu_pkg::EXC_LOAD_FAULT;
      tval_sel  = st_cpu_pkg::ResAlu;
    end
    // Not on WFI: WFI completes first, so that mepc points after it.
    trap_irq = e_first_q && irq_q && !dec_q.wfi && (state_q == StRun) && e_valid_q;
    if (trap_irq) begin
      trap_code = irq_code_q;
      tval_sel  = st_cpu_pkg::ResNone;
    end
  end

  // ---- Execute control -------------------------------------------------------------------------
  always_comb begin
    state_d          = state_q;
    e_done           = 1'b0;
    retire           = 1'b0;
    mret             = 1'b0;
    redirect         = 1'b0;
    csr_new          = 1'b0;
    csr_load         = 1'b0;
    dbus_req_valid_o = 1'b0;
    mul_start        = 1'b0;
    div_start        = 1'b0;

    if (e_valid_q) begin
      unique case (state_q)
        StRun: begin
          if (trap_irq) begin
            state_d = StTrap0;
          end else if (stale) begin
            // wait: the operands are read again at this edge
          end else if (dec_q.load || dec_q.store) begin
            if (exc_dec || exc_mem) begin
                state_d = StTrap0;
            end else begin
              dbus_req_valid_o = 1'b1;
              if (dbus_req_ready_i) begin
                state_d = StMem;
              end
            end
          end else if (exc_dec || exc_jump) begin
            state_d = StTrap0;
          end else if (dec_q.branch) begin
            state_d = StBranch;
          end else if (dec_q.alu_op == st_cpu_pkg::AluSlt || dec_q.alu_op == st_cpu_pkg::AluSltu) begin
            state_d = StSlt;
          end else if (dec_q.mul) begin
            mul_start = 1'b1;
            state_d   = StMul;
          end else if (dec_q.div) begin
            div_start = 1'b1;
            state_d   = StDiv;
          end else if (dec_q.csr) begin
            // The value read goes to rd from a register (csr_q) in a later cycle: the CSR read
            // multiplexer stays off the register-write path.
            if (dec_q.csr_sel == st_cpu_pkg::CsrRam) begin
              // This cycle has no write: the operands read at its end are fresh.
              state_d = StCsr1;
            end else if (!(dec_q.csr_sel == st_cpu_pkg::CsrInstret && counting)) begin
              csr_load = 1'b1;
              if (dec_q.csr_wr && (dec_q.csr_sel == st_cpu_pkg::CsrCycle
                                   || dec_q.csr_sel == st_cpu_pkg::CsrInstret)) begin
                // The counters' write enable drives their carry chains: take it from a register.
                state_d = StCsrCnt;
              end else begin
                state_d = StCsrWb;
              end
            end
          end else if (dec_q.wfi) begin
            // Wait for an interrupt enabled in mie (taken after WFI if mstatus.MIE is set).
            if (wake) begin
              e_done = 1'b1;
              retire = 1'b1;
            end
          end else if (dec_q.jalr) begin
            state_d = StJalr;  // the target's bit 1 is known at the end of this cycle (taken)
          end else if (jump) begin
            if (redirect_ok) begin
              e_done   = 1'b1;
              retire   = 1'b1;
              mret     = dec_q.mret;
              redirect = 1'b1;
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
          state_d = StTrap0;
        end
        StJalr: begin
          if (taken) begin
            state_d = StTrap0;
          end else if (redirect_ok) begin
            e_done   = 1'b1;
            retire   = 1'b1;
            redirect = 1'b1;
            state_d  = StRun;
          end
        end
        StBranch: begin
          if (!taken) begin
            e_done  = 1'b1;
            retire  = 1'b1;
            state_d = StRun;
          end else if (dec_q.imm[1]) begin
            state_d = StTrap0;  // misaligned target (never from compiled code: no C extension)
          end else if (redirect_ok) begin
            e_done   = 1'b1;
            retire   = 1'b1;
            redirect = 1'b1;
            state_d  = StRun;
          end
        end
        StSlt: begin
          e_done  = 1'b1;
          retire  = 1'b1;
          state_d = StRun;
        end
        StCsrWb, StCsrCnt, StCsr3: begin
          e_done  = 1'b1;
          retire  = 1'b1;
          state_d = StRun;
        end
        StCsr1: begin
          csr_new  = 1'b1;
          csr_load = 1'b1;
          state_d  = StCsr2;
        end
        StCsr2: begin
          csr_load = 1'b1;
          state_d  = StCsr3;
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

  // The cycles in which E may redirect, from registers only (taken: registered comparison bits): a jump
  // in its first cycle, JALR's and a taken branch's second, the trap entry's last. The fetch starts no
  // request in them (it would be on the old path), so redirect_ok, which says that no request is presented
  // and unaccepted, is a flip-flop: a redirect never waits for the instruction port's req_ready.
  assign fetch_hold = e_valid_q
                      && ((state_q == StRun && jump && !dec_q.jalr) || state_q == StJalr
                          || (state_q == StBranch && taken) || state_q == StTrap2);

  // Loaded in every state a trap can start from (not only when it does: keeps the exception logic off
  // the enables); StTrap0, which always follows a trap start, uses them.
  logic trap_load;
  assign trap_load   = (state_q != StTrap0) && (state_q != StTrap1) && (state_q != StTrap2);
  assign tval_sel_d  = trap_load ? tval_sel : tval_sel_q;
  assign trap_irq_d  = trap_load ? trap_irq : trap_irq_q;
  assign trap_code_d = trap_load ? trap_code : trap_code_q;

  // The comparison of a branch or SLT(U), and JALR's misaligned-target check, are decided in the
  // instruction's second cycle (StBranch, StSlt, StJalr) from bits registered at the end of the first:
  // sum[31], the carry out, sum[1], equality and whether the signs differ. The comparator's logic so
  // ends at flip-flops and the second cycle's decision is two LUT levels from them.
  //   signed a < b:   signs differ ? a[31] : sum[31]        unsigned a < b:  !carry
  logic cmp_signed, cmp_unsigned, cmp_ge;

  always_comb begin
    cmp_signed   = (dec_q.branch && dec_q.funct3[2:1] == 2'b10) || dec_q.alu_op == st_cpu_pkg::AluSlt;
    cmp_unsigned = (dec_q.branch && dec_q.funct3[2:1] == 2'b11) || dec_q.alu_op == st_cpu_pkg::AluSltu;
    cmp_ge       = dec_q.branch && dec_q.funct3[0];  // BGE, BGEU (BNE: with eq)
    if (dec_q.jalr) begin
      taken = sum1_q;
    end else if (dec_q.branch && dec_q.funct3[2:1] == 2'b00) begin
      taken = (eq_q != dec_q.funct3[0]);                     // BEQ, BNE
    end else if (cmp_signed) begin
      taken = (diff_q ? a31_q : sum31_q) != cmp_ge;          // BLT, BGE, SLT
    end else begin
      taken = cmp_unsigned && (carry_q == cmp_ge);          // BLTU, BGEU, SLTU
    end
  end

  // A flip-flop CSR is written when its instruction retires (a counter in StCsrCnt); a block-RAM CSR by
  // the register write. (The same as retire && csr for these, written out so that it does not wait for
  // the bus handshakes that retire also depends on.)
  assign csr_commit = e_valid_q && (state_q == StRun) && dec_q.csr && (dec_q.csr_sel != st_cpu_pkg::CsrRam)
                      && !trap_irq && !stale && !exc_dec
                      && !(dec_q.csr_sel == st_cpu_pkg::CsrInstret && counting);
  assign cnt_commit = e_valid_q && (state_q == StCsrCnt);
  // The next instruction enters E when E is empty or its instruction completes without a redirect (an
  // instruction that redirects completes with its jump, and the next one comes from the new path). That
  // is e_done && !redirect, written flat for the path to the fetch queue and the E registers: it leaves
  // out everything that only decides a redirect (the fetch's redirect_ok, the jump conditions), as an
  // instruction that may redirect never completes otherwise (simulation asserts that both agree).
  logic e_next_fast;
  always_comb begin
    unique case (state_q)
      StRun:    e_next_fast = !trap_irq && !stale && (dec_q.simple || (dec_q.wfi && wake));
      StMem:    e_next_fast = dbus_rsp_valid_i && !dbus_rsp_err_i;
      StMul:    e_next_fast = mul_done;
      StDiv:    e_next_fast = div_done;
      StBranch: e_next_fast = !taken;
      StSlt, StCsrWb, StCsrCnt, StCsr3: e_next_fast = 1'b1;
      default:  e_next_fast = 1'b0;  // StFault, StCsr1, StCsr2, StTrap*, StJalr: a trap or a redirect
    endcase
  end

  assign instr_take = instr_valid && (!e_valid_q || e_next_fast);

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
    end else if (state_q == StCsr2) begin
      rf_we    = 1'b1;
      rf_waddr = dec_q.rb;
    end else begin
      rf_we    = retire && dec_q.rd_we && (dec_q.rd != 5'd0);
    end
  end

  // One-hot AND-OR selection of the written value; the multiplier and divider results are zero except
  // in their done cycle, so they need no selection. The adder's sum, the latest of the sources, joins
  // in the last level only: wdata_rest is kept as a net so that synthesis does not fold the sum into a
  // deeper tree.
  logic        sum_sel;
  (* keep *) logic [31:0] wdata_rest;

  assign sum_sel = (res_sel == st_cpu_pkg::ResAlu)
                   && (dec_q.alu_op == st_cpu_pkg::AluAdd || dec_q.alu_op == st_cpu_pkg::AluSub);

  always_comb begin
    wdata_rest = mul_result | div_result;
    // The logic result is zero unless the instruction is a logic operation, the CSR result unless it is
    // a CSR instruction (the trap entry's writes switch both off: in_trap), so neither needs a selection.
    wdata_rest = wdata_rest | alu_logic | csr_q;
    if (res_sel == st_cpu_pkg::ResAlu) begin
      wdata_rest = wdata_rest | {31'd0, state_q == StSlt && taken};  // SLT: the registered comparison
    end
    // pc + imm (AUIPC, mepc, mtval) or pc + 4 (links): one source.
    if (res_sel == st_cpu_pkg::ResPcImm || res_sel == st_cpu_pkg::ResPc4) begin
      wdata_rest = wdata_rest | ((res_sel == st_cpu_pkg::ResPc4) ? {pc4, 2'b00} : pc_imm);
    end
    if (res_sel == st_cpu_pkg::ResLoad) begin
      wdata_rest = wdata_rest | load_data;
    end
  end

  // A misaligned JALR target reported in mtval has bit 0 cleared, as the jump would have.
  assign rf_wdata = wdata_rest
                    | ({sum[31:1], sum[0] && !(state_q == StTrap0 && dec_q.jalr)} & {32{sum_sel}});

  // ---- Next instruction into E -----------------------------------------------------------------
  always_comb begin
    e_valid_d = e_valid_q;
    e_pc_d    = e_pc_q;
    e_seq_d   = e_seq_q;
    // Interrupts stay takeable while the instruction waits in StRun without any effect yet (stale
    // operands, redirect_ok; trap_irq also requires StRun). A load or store may present its bus request
    // in its first cycle, after which it must complete: for those, only the first cycle.
    e_first_d = e_first_q && !dec_q.load && !dec_q.store;
    if (redirect) begin
      e_valid_d = 1'b0;
      e_pc_d    = target;
      e_seq_d   = 1'b0;
    end else if (instr_take) begin
      e_valid_d = 1'b1;
      e_pc_d    = pc4;
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
    end else if (state_q == StTrap1) begin
      // StTrap2 adds x0 + mtvec and jumps there.
      dec_next.b_imm     = 1'b0;
      dec_next.alu_op    = st_cpu_pkg::AluAdd;
      dec_next.alu_sub   = 1'b0;
      dec_next.alu_logic = 2'b00;
      dec_next.tgt_sum   = 1'b1;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q   <= StRun;
      e_valid_q <= 1'b0;
      sum31_q   <= 1'b0;
      carry_q   <= 1'b0;
      sum1_q    <= 1'b0;
      eq_q      <= 1'b0;
      diff_q    <= 1'b0;
      a31_q     <= 1'b0;
      e_pc_q    <= ResetVector[31:2];
      e_seq_q   <= 1'b0;
      e_first_q <= 1'b0;
      dec_q      <= '0;
      tval_sel_q <= st_cpu_pkg::ResNone;
      trap_irq_q <= 1'b0;
      trap_code_q <= '0;
      hit_a_q    <= 1'b0;
      hit_b_q   <= 1'b0;
      wr_we_q    <= 1'b0;
      wr_addr_q  <= '0;
      mtip_q    <= 1'b0;
      irq_q     <= 1'b0;
      irq_code_q <= '0;
      meip_q    <= 1'b0;
    end else begin
      state_q   <= state_d;
      e_valid_q <= e_valid_d;
      sum31_q   <= sum[31];
      carry_q   <= carry;
      sum1_q    <= sum[1];
      eq_q      <= eq;
      diff_q    <= op_a[31] == alu_b[31];  // alu_b is ~b: the comparisons subtract
      a31_q     <= op_a[31];
      e_pc_q    <= e_pc_d;
      e_seq_q   <= e_seq_d;
      e_first_q <= e_first_d;
      dec_q      <= dec_next;
      tval_sel_q <= tval_sel_d;
      trap_irq_q <= trap_irq_d;
      trap_code_q <= trap_code_d;
      hit_a_q    <= hit_a_d;
      hit_b_q    <= hit_b_d;
      wr_we_q    <= rf_we;
      wr_addr_q  <= rf_waddr;
      mtip_q    <= irq_timer_i;
      irq_q     <= irq_take;
      irq_code_q <= irq_code;
      meip_q    <= irq_ext_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      csr_q <= '0;
    end else begin
      csr_q <= csr_load ? csr_result : 32'd0;
    end
  end

  // Data registers without reset: wb_data_q is only read when hit_*_q says it was written, addr_lo_q in
  // StMem (the address is stable while the request waits).
  always_ff @(posedge clk_i) begin
    wb_data_q <= rf_wdata;
    addr_lo_q <= sum[1:0];
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
    if (rst_ni && state_q == StTrap0) begin
      $display("cpu: %0t trap pc=%08x irq=%0d code=%0d", $time, {e_pc_q, 2'b00}, trap_irq_q, trap_code_q);
    end
    if (rst_ni && redirect) begin
      $display("cpu: %0t redirect -> %08x (a=%08x b=%08x st=%0d ra=%0d rb=%0d)", $time, {target, 2'b00}, op_a, op_b, state_q, raddr_a, raddr_b);
    end
  end
`endif

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      assert (instr_take == ((!e_valid_q || e_done) && !redirect && instr_valid))
        else $error("st_cpu_core: instr_take differs from its definition");
    end
  end

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
