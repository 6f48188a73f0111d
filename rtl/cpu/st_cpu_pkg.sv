// SPDX-License-Identifier: Apache-2.0
// st_cpu_pkg.sv - types and constants shared by the st_cpu_* modules (RV32IM + Zicsr core).

package st_cpu_pkg;

  // ALU operation (the execute stage's adder and logic unit).
  typedef enum logic [2:0] {
    AluAdd,
    AluSub,
    AluSlt,
    AluSltu,
    AluXor,
    AluOr,
    AluAnd
  } alu_op_e;

  // Where the destination register's value comes from.
  typedef enum logic [2:0] {
    ResAlu,    // ALU result (also LUI: x0 + immediate)
    ResPcImm,  // pc + immediate (AUIPC)
    ResPc4,    // pc + 4 (JAL, JALR link)
    ResCsr,    // CSR value (old value to rd, or the new value of a block-RAM CSR)
    ResLoad,   // aligned, extended load data
    ResMul,    // multiplier / shifter result
    ResDiv,    // divider result
    ResNone    // nothing (writes zero: mtval of an illegal instruction or interrupt)
  } res_sel_e;

  // Multiplier operations. Shifts run on the multiplier: a << s = a * 2^s, a >> s = hi(a * 2^(32-s));
  // so does CPOP (Zbb's population count, the one Zbb instruction the core has), in its own adder tree.
  typedef enum logic [2:0] {
    MulMul,
    MulMulh,
    MulMulhsu,
    MulMulhu,
    MulSll,
    MulSrl,
    MulSra,
    MulCpop
  } mul_op_e;

  // CSR groups as the decoder sorts them (st_cpu_csr reads and writes by group).
  typedef enum logic [3:0] {
    CsrZero,     // read-only zero (ids, mstatush, hpm counters and events)
    CsrMstatus,
    CsrMisa,
    CsrMie,
    CsrMip,
    CsrMcause,
    CsrCycle,    // mcycle / cycle (csr_hi: the high half)
    CsrInstret,  // minstret / instret
    CsrTime,     // time (read-only; executed as a load from mtime, st_cpu_decode)
    CsrRam       // mscratch, mepc, mtval, mtvec: kept in the register-file block RAM
  } csr_e;

  // Register-file block RAM: x0-x31, then the CSRs kept there (6-bit register addresses).
  localparam logic [5:0] RF_MSCRATCH = 6'd32;  // CSR 0x340
  localparam logic [5:0] RF_MEPC     = 6'd33;  // CSR 0x341
  localparam logic [5:0] RF_MTVAL    = 6'd35;  // CSR 0x343
  localparam logic [5:0] RF_MTVEC    = 6'd37;  // CSR 0x305

  // Decoded instruction: the D stage decodes the instruction entering E and registers this.
  typedef struct packed {
    logic        illegal;     // not an instruction we execute (incl. a bad CSR access)
    logic        fault;       // the fetch failed (instruction access fault)
    logic [31:0] imm;         // the immediate of the instruction's format (4 for FENCE.I, 0 on a fault)
    logic        b_imm;       // ALU operand b is the immediate (else rs2)
    alu_op_e     alu_op;
    logic        alu_sub;     // the adder subtracts (SUB, SLT, SLTU, branches)
    logic [1:0]  alu_logic;   // logic result: 00 none (zero), 01 XOR, 10 OR, 11 AND
    res_sel_e    res_sel;
    logic        rd_we;       // writes rd (rd may still be x0)
    logic [4:0]  rd;
    logic [5:0]  ra;          // register-file address read for operand a (x0 where a must be zero)
    logic [5:0]  rb;          // ... for operand b (or the block-RAM CSR)
    logic [2:0]  funct3;
    logic        load;
    logic        store;
    logic        branch;
    logic        jal;
    logic        jalr;
    logic        tgt_sum;     // the jump target is the ALU sum (JALR, MRET; the trap entry sets it)
    logic        mul;         // MUL* or a shift (runs on the multiplier)
    mul_op_e     mul_op;
    logic        div;         // DIV, DIVU, REM, REMU
    logic        csr;         // CSRRW/S/C and the immediate forms
    csr_e        csr_sel;
    logic        csr_hi;      // the high half of a counter
    logic        csr_wr;      // the CSR instruction writes (CSRRW*, or rs1 / uimm != 0)
    logic        ecall;
    logic        ebreak;
    logic        mret;
    logic        wfi;
    logic        fence_i;     // refetch from pc + 4, dropping the prefetched instructions
    logic        simple;      // completes in its first cycle in E: ALU (not SLT), LUI, AUIPC, FENCE
  } decode_t;

  // mcause exception codes (RISC-V privileged spec, table 3.6).
  localparam logic [3:0] EXC_INSN_MISALIGNED  = 4'd0;
  localparam logic [3:0] EXC_INSN_FAULT       = 4'd1;
  localparam logic [3:0] EXC_ILLEGAL          = 4'd2;
  localparam logic [3:0] EXC_BREAKPOINT       = 4'd3;
  localparam logic [3:0] EXC_LOAD_MISALIGNED  = 4'd4;
  localparam logic [3:0] EXC_LOAD_FAULT       = 4'd5;
  localparam logic [3:0] EXC_STORE_MISALIGNED = 4'd6;
  localparam logic [3:0] EXC_STORE_FAULT      = 4'd7;
  localparam logic [3:0] EXC_ECALL_M          = 4'd11;
  // Interrupt codes (with mcause bit 31 set).
  localparam logic [3:0] IRQ_TIMER_M          = 4'd7;
  localparam logic [3:0] IRQ_EXT_M            = 4'd11;

  // misa: MXL = 1 (32 bit), extensions I and M.
  localparam logic [31:0] MISA_VALUE = 32'h4000_1100;

endpackage
