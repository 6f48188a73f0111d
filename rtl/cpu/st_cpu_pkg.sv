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
    ResAlu,    // ALU result (also LUI: zero + immediate)
    ResPcImm,  // pc + immediate (AUIPC)
    ResPc4,    // pc + 4 (JAL, JALR link)
    ResCsr,    // old CSR value
    ResLoad,   // aligned, extended load data
    ResMul,    // multiplier / shifter result
    ResDiv     // divider result
  } res_sel_e;

  // Multiplier operations. Shifts run on the multiplier: a << s = a * 2^s, a >> s = hi(a * 2^(32-s)).
  typedef enum logic [2:0] {
    MulMul,
    MulMulh,
    MulMulhsu,
    MulMulhu,
    MulSll,
    MulSrl,
    MulSra
  } mul_op_e;

  // Decoded instruction (st_cpu_decode -> execute stage).
  typedef struct packed {
    logic        illegal;     // not an RV32IM/Zicsr/Zifencei instruction we execute
    logic [31:0] imm;         // the immediate of the instruction's format (4 for FENCE.I)
    logic        b_imm;       // ALU operand b is the immediate (else rs2)
    logic        a_zero;      // ALU operand a is zero (LUI)
    alu_op_e     alu_op;
    res_sel_e    res_sel;
    logic        rd_we;       // writes rd (rd may still be x0)
    logic        load;
    logic        store;
    logic [1:0]  mem_size;    // 0 byte, 1 half, 2 word
    logic        mem_unsigned;
    logic        branch;
    logic        jal;
    logic        jalr;
    logic        mul;         // MUL* or a shift (runs on the multiplier)
    mul_op_e     mul_op;
    logic        div;         // DIV, DIVU, REM, REMU
    logic        csr;         // CSRRW/S/C and their immediate forms
    logic        csr_wr;      // the CSR instruction writes (CSRRW*, or rs1/uimm != 0)
    logic        ecall;
    logic        ebreak;
    logic        mret;
    logic        wfi;
    logic        fence_i;     // refetch: flush the prefetched instructions
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
