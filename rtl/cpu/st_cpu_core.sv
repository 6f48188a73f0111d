// SPDX-License-Identifier: Apache-2.0
// st_cpu_core.sv - the st-accel RISC-V core: RV32IM + Zicsr (+ Zifencei), machine mode only.
//
// Pipeline (docs/cpu.md has the diagrams and the cycle counts):
//   F  st_cpu_fetch: requests the next sequential instruction every cycle, two-entry queue.
//   D  the instruction arriving (or at the queue head) addresses the block-RAM register file; the read
//      completes at the clock edge where the instruction enters E.
//   E  decode, forward, ALU, branch decision, CSR access, load/store request, register write. Loads and
//      stores wait in E for their response (StMem); multiply/shift and divide wait for their unit.
// Branches and jumps resolve in E and refetch from the target (two lost cycles when taken). Traps and
// interrupts are precise: taken in E, mepc = the pc of the instruction in E.
//
// Bus ports follow docs/bus.md; both tolerate any wait states and late responses.

module st_cpu_core #(
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
  output logic [31:0] retired_o      // instructions retired (minstret bits 31:0)
);

  // ---- Fetch -----------------------------------------------------------------------------------
  logic        redirect, redirect_ok;
  logic [31:2] redirect_pc;
  logic        instr_valid, instr_err, instr_take;
  logic [31:0] instr;

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
    .redirect_pc_i    (redirect_pc),
    .redirect_ok_o    (redirect_ok),
    .instr_valid_o    (instr_valid),
    .instr_o          (instr),
    .instr_err_o      (instr_err),
    .instr_take_i     (instr_take)
  );

  // ---- Execute-stage state ---------------------------------------------------------------------
  typedef enum logic [1:0] {
    StRun,     // first cycle of an instruction, and stalls before it has any effect
    StMem,     // load/store accepted by the bus, waiting for the response
    StMulDiv,  // waiting for the multiplier or divider
    StFault    // the load/store got a bus error: take the access-fault trap
  } state_e;

  state_e      state_q, state_d;
  logic        e_valid_q, e_valid_d;   // an instruction is in E
  logic [31:0] e_ir_q, e_ir_d;
  logic        e_err_q, e_err_d;       // its fetch failed
  logic [31:2] e_pc_q, e_pc_d;         // its pc (or of the last one, while E is empty)
  logic        e_seq_q, e_seq_d;       // the next instruction is at e_pc + 4 (else at e_pc: redirected)
  logic        e_first_q, e_first_d;   // E's instruction has done nothing yet: interrupts may be taken
  logic        wb_valid_q;             // forwarding: the register written at the last clock edge
  logic [4:0]  wb_rd_q;
  logic [31:0] wb_data_q;
  logic        mtip_q, meip_q;         // interrupt inputs, registered

  st_cpu_pkg::decode_t dec;
  logic [4:0]  rs1, rs2, rd;
  logic [31:0] rf_a, rf_b, op_a, op_b, alu_b;
  logic [4:0]  raddr_a, raddr_b;

  assign rs1 = e_ir_q[19:15];
  assign rs2 = e_ir_q[24:20];
  assign rd  = e_ir_q[11:7];

  st_cpu_decode u_decode (
    .ir_i  (e_ir_q),
    .dec_o (dec)
  );

  // ---- Register file (read for the instruction that is in E in the next cycle) ----------------
  logic        e_done, rf_we;
  logic [31:0] rf_wdata;

  // While E holds its instruction it keeps reading that one's registers, so that the RAM outputs stay
  // valid; otherwise it reads for the instruction it is about to take.
  assign raddr_a = (e_valid_q && !e_done) ? rs1 : instr[19:15];
  assign raddr_b = (e_valid_q && !e_done) ? rs2 : instr[24:20];

  st_cpu_regfile u_regfile (
    .clk_i     (clk_i),
    .raddr_a_i (raddr_a),
    .raddr_b_i (raddr_b),
    .rdata_a_o (rf_a),
    .rdata_b_o (rf_b),
    .we_i      (rf_we),
    .waddr_i   (rd),
    .wdata_i   (rf_wdata)
  );

  // x0 reads zero; the register written at the edge where the RAM was read comes from wb_data_q.
  always_comb begin
    if (rs1 == 5'd0 || dec.a_zero) begin
      op_a = 32'd0;
    end else if (wb_valid_q && wb_rd_q == rs1) begin
      op_a = wb_data_q;
    end else begin
      op_a = rf_a;
    end
    if (rs2 == 5'd0) begin
      op_b = 32'd0;
    end else if (wb_valid_q && wb_rd_q == rs2) begin
      op_b = wb_data_q;
    end else begin
      op_b = rf_b;
    end
  end

  assign alu_b = dec.b_imm ? dec.imm : op_b;

  // ---- ALU, pc adders, branch decision -------------------------------------------------------
  logic [31:0] alu_result, sum, pc_imm, pc4;
  logic        eq, lt, ltu, taken;

  st_cpu_alu u_alu (
    .op_i     (dec.alu_op),
    .a_i      (op_a),
    .b_i      (alu_b),
    .result_o (alu_result),
    .sum_o    (sum),
    .eq_o     (eq),
    .lt_o     (lt),
    .ltu_o    (ltu)
  );

  assign pc_imm = {e_pc_q, 2'b00} + dec.imm;
  assign pc4    = {e_pc_q + 30'd1, 2'b00};

  always_comb begin
    unique case (e_ir_q[14:12])
      3'b000:  taken = eq;
      3'b001:  taken = !eq;
      3'b100:  taken = lt;
      3'b101:  taken = !lt;
      3'b110:  taken = ltu;
      default: taken = !ltu;  // 3'b111 (010, 011 are illegal)
    endcase
  end

  // ---- Load/store unit -------------------------------------------------------------------------
  logic        mem_misaligned;
  logic [31:0] load_data;

  st_cpu_lsu u_lsu (
    .size_i         (dec.mem_size),
    .addr_lo_i      (sum[1:0]),
    .store_data_i   (op_b),
    .misaligned_o   (mem_misaligned),
    .be_o           (dbus_req_be_o),
    .wdata_o        (dbus_req_wdata_o),
    .rsp_addr_lo_i  (sum[1:0]),
    .rsp_size_i     (dec.mem_size),
    .rsp_unsigned_i (dec.mem_unsigned),
    .rdata_i        (dbus_rsp_rdata_i),
    .load_data_o    (load_data)
  );

  assign dbus_req_addr_o = {sum[31:2], 2'b00};
  assign dbus_req_we_o   = dec.store;

  // ---- Multiplier (and shifts), divider --------------------------------------------------------
  logic        mul_start, mul_done, div_start, div_done;
  logic [31:0] mul_result, div_result;

  st_cpu_mul u_mul (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (mul_start),
    .op_i     (dec.mul_op),
    .a_i      (op_a),
    .b_i      (alu_b),
    .done_o   (mul_done),
    .result_o (mul_result)
  );

  st_cpu_div u_div (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (div_start),
    .op_i     (e_ir_q[13:12]),
    .a_i      (op_a),
    .b_i      (op_b),
    .done_o   (div_done),
    .result_o (div_result)
  );

  // ---- CSRs ------------------------------------------------------------------------------------
  logic [31:0] csr_rdata, trap_tval;
  logic        csr_illegal, csr_commit, irq_take, wake, retire, trap, trap_irq, mret;
  logic [3:0]  irq_code, trap_code;
  logic [31:2] mtvec, mepc;

  st_cpu_csr u_csr (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .addr_i      (e_ir_q[31:20]),
    .op_i        (e_ir_q[13:12]),
    .wsrc_i      (e_ir_q[14] ? {27'd0, rs1} : op_a),
    .wr_i        (dec.csr_wr),
    .commit_i    (csr_commit),
    .rdata_o     (csr_rdata),
    .illegal_o   (csr_illegal),
    .trap_i      (trap),
    .trap_irq_i  (trap_irq),
    .trap_code_i (trap_code),
    .trap_pc_i   (e_pc_q),
    .trap_tval_i (trap_tval),
    .mret_i      (mret),
    .retire_i    (retire),
    .mtip_i      (mtip_q),
    .meip_i      (meip_q),
    .mtime_i     (mtime_i),
    .irq_take_o  (irq_take),
    .irq_code_o  (irq_code),
    .wake_o      (wake),
    .mtvec_o     (mtvec),
    .mepc_o      (mepc),
    .minstret_o  (retired_o)
  );

  // ---- Exceptions ------------------------------------------------------------------------------
  logic [31:0] jump_target;
  logic        control, exc, jump_misaligned;

  // Every instruction that may change the flow; it completes only when the fetch can be redirected.
  assign control     = dec.branch || dec.jal || dec.jalr || dec.mret || dec.fence_i;
  assign jump_target = dec.jalr ? {sum[31:1], 1'b0} : pc_imm;
  assign jump_misaligned = jump_target[1] && (dec.jal || dec.jalr || (dec.branch && taken));

  // Synchronous exceptions of the instruction in E, by the spec's priority.
  always_comb begin
    exc       = 1'b1;
    trap_code = st_cpu_pkg::EXC_ILLEGAL;
    trap_tval = 32'd0;
    if (e_err_q) begin
      trap_code = st_cpu_pkg::EXC_INSN_FAULT;
      trap_tval = {e_pc_q, 2'b00};
    end else if (dec.illegal || (dec.csr && csr_illegal)) begin
      trap_code = st_cpu_pkg::EXC_ILLEGAL;
      trap_tval = e_ir_q;
    end else if (dec.ecall) begin
      trap_code = st_cpu_pkg::EXC_ECALL_M;
    end else if (dec.ebreak) begin
      trap_code = st_cpu_pkg::EXC_BREAKPOINT;
    end else if (jump_misaligned) begin
      trap_code = st_cpu_pkg::EXC_INSN_MISALIGNED;
      trap_tval = jump_target;
    end else if ((dec.load || dec.store) && mem_misaligned) begin
      trap_code = dec.store ? st_cpu_pkg::EXC_STORE_MISALIGNED : st_cpu_pkg::EXC_LOAD_MISALIGNED;
      trap_tval = sum;
    end else begin
      exc = 1'b0;
    end
    // A bus error on the accepted load/store (StFault).
    if (state_q == StFault) begin
      exc       = 1'b1;
      trap_code = dec.store ? st_cpu_pkg::EXC_STORE_FAULT : st_cpu_pkg::EXC_LOAD_FAULT;
      trap_tval = sum;
    end
    // An interrupt is taken on the first cycle of an instruction, before it has any effect (not on WFI:
    // WFI completes first, so mepc points after it).
    trap_irq = e_first_q && irq_take && !dec.wfi;
    if (trap_irq) begin
      trap_code = irq_code;
      trap_tval = 32'd0;
    end
  end

  // ---- Execute control -------------------------------------------------------------------------
  always_comb begin
    state_d          = state_q;
    e_done           = 1'b0;
    retire           = 1'b0;
    trap             = 1'b0;
    mret             = 1'b0;
    redirect         = 1'b0;
    redirect_pc      = jump_target[31:2];
    dbus_req_valid_o = 1'b0;
    mul_start        = 1'b0;
    div_start        = 1'b0;

    if (e_valid_q) begin
      unique case (state_q)
        StRun: begin
          if (trap_irq || exc) begin
            if (redirect_ok) begin
              e_done      = 1'b1;
              trap        = 1'b1;
              redirect    = 1'b1;
              redirect_pc = mtvec;
            end
          end else if (dec.load || dec.store) begin
            dbus_req_valid_o = 1'b1;
            if (dbus_req_ready_i) begin
              state_d = StMem;
            end
          end else if (dec.mul) begin
            mul_start = 1'b1;
            state_d   = StMulDiv;
          end else if (dec.div) begin
            div_start = 1'b1;
            state_d   = StMulDiv;
          end else if (dec.wfi) begin
            // Wait for an interrupt enabled in mie (taken after WFI if mstatus.MIE is set).
            if (wake) begin
              e_done = 1'b1;
              retire = 1'b1;
            end
          end else if (control) begin
            if (redirect_ok) begin
              e_done   = 1'b1;
              retire   = 1'b1;
              mret     = dec.mret;
              redirect = dec.jal || dec.jalr || dec.fence_i || dec.mret || (dec.branch && taken);
              if (dec.mret) begin
                redirect_pc = mepc;
              end
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
        StMulDiv: begin
          if (mul_done || div_done) begin
            e_done  = 1'b1;
            retire  = 1'b1;
            state_d = StRun;
          end
        end
        default: begin  // StFault
          if (redirect_ok) begin
            e_done      = 1'b1;
            trap        = 1'b1;
            redirect    = 1'b1;
            redirect_pc = mtvec;
            state_d     = StRun;
          end
        end
      endcase
    end
  end

  assign csr_commit = retire && dec.csr;
  assign instr_take = (!e_valid_q || e_done) && !redirect && instr_valid;

  // ---- Writeback -------------------------------------------------------------------------------
  always_comb begin
    unique case (dec.res_sel)
      st_cpu_pkg::ResPcImm: rf_wdata = pc_imm;
      st_cpu_pkg::ResPc4:   rf_wdata = pc4;
      st_cpu_pkg::ResCsr:   rf_wdata = csr_rdata;
      st_cpu_pkg::ResLoad:  rf_wdata = load_data;
      st_cpu_pkg::ResMul:   rf_wdata = mul_result;
      st_cpu_pkg::ResDiv:   rf_wdata = div_result;
      default:              rf_wdata = alu_result;
    endcase
  end

  assign rf_we = retire && dec.rd_we && (rd != 5'd0);

  // ---- Next instruction into E -----------------------------------------------------------------
  always_comb begin
    e_valid_d = e_valid_q;
    e_ir_d    = e_ir_q;
    e_err_d   = e_err_q;
    e_pc_d    = e_pc_q;
    e_seq_d   = e_seq_q;
    // Interrupts stay takeable while the instruction waits in StRun without any effect yet (e.g. for
    // redirect_ok); a presented data request or a started unit ends that.
    e_first_d = e_first_q && !e_done && !dbus_req_valid_o && (state_d == StRun);
    if (redirect) begin
      e_valid_d = 1'b0;
      e_pc_d    = redirect_pc;
      e_seq_d   = 1'b0;
    end else if (instr_take) begin
      e_valid_d = 1'b1;
      e_ir_d    = instr;
      e_err_d   = instr_err;
      e_pc_d    = e_seq_q ? (e_pc_q + 30'd1) : e_pc_q;
      e_seq_d   = 1'b1;
      e_first_d = 1'b1;
    end else if (e_done) begin
      e_valid_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= StRun;
      e_valid_q  <= 1'b0;
      e_ir_q     <= '0;
      e_err_q    <= 1'b0;
      e_pc_q     <= ResetVector[31:2];
      e_seq_q    <= 1'b0;
      e_first_q  <= 1'b0;
      wb_valid_q <= 1'b0;
      wb_rd_q    <= '0;
      wb_data_q  <= '0;
      mtip_q     <= 1'b0;
      meip_q     <= 1'b0;
    end else begin
      state_q    <= state_d;
      e_valid_q  <= e_valid_d;
      e_ir_q     <= e_ir_d;
      e_err_q    <= e_err_d;
      e_pc_q     <= e_pc_d;
      e_seq_q    <= e_seq_d;
      e_first_q  <= e_first_d;
      wb_valid_q <= rf_we;
      wb_rd_q    <= rd;
      wb_data_q  <= rf_wdata;
      mtip_q     <= irq_timer_i;
      meip_q     <= irq_ext_i;
    end
  end

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
