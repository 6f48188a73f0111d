// SPDX-License-Identifier: Apache-2.0
// st_cpu_decode.sv - RV32IM + Zicsr + Zifencei instruction decoder (combinational, in the D stage).
//
// Decodes the instruction about to enter the execute stage; the core registers the result, so that E
// starts from flip-flops. Besides the unit controls it picks the register-file addresses to read
// (x0 where an operand must be zero: LUI's a, the CSR immediate forms' a, the b of an instruction without
// rs2, so that these never wait for a register written just before) and sorts CSR addresses into groups.
// `illegal` covers every encoding outside the executed set, the all-zero word and compressed encodings
// (no C extension), unknown CSRs and writes to read-only CSRs.

module st_cpu_decode #(
  parameter logic [31:0] TimeAddr = 32'h1000_1000, // mtime's bus address (8-byte aligned), see below
  parameter bit          Cpop     = 1'b1           // decode CPOP (else it is illegal, as all of Zbb)
) (
  input  logic                 [31:0] ir_i,
  input  logic                        err_i,   // the fetch of ir_i failed
  output st_cpu_pkg::decode_t         dec_o
);

  localparam logic [6:0] OPC_LOAD     = 7'b0000011;
  localparam logic [6:0] OPC_MISC_MEM = 7'b0001111;
  localparam logic [6:0] OPC_OP_IMM   = 7'b0010011;
  localparam logic [6:0] OPC_AUIPC    = 7'b0010111;
  localparam logic [6:0] OPC_STORE    = 7'b0100011;
  localparam logic [6:0] OPC_OP       = 7'b0110011;
  localparam logic [6:0] OPC_LUI      = 7'b0110111;
  localparam logic [6:0] OPC_BRANCH   = 7'b1100011;
  localparam logic [6:0] OPC_JALR     = 7'b1100111;
  localparam logic [6:0] OPC_JAL      = 7'b1101111;
  localparam logic [6:0] OPC_SYSTEM   = 7'b1110011;

  logic [6:0]  opcode;
  logic [2:0]  funct3;
  logic [6:0]  funct7;
  logic [5:0]  rs1, rs2, ra, rb;
  logic [11:0] csr_addr;
  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;

  assign opcode   = ir_i[6:0];
  assign funct3   = ir_i[14:12];
  assign funct7   = ir_i[31:25];
  assign rs1      = {1'b0, ir_i[19:15]};
  assign rs2      = {1'b0, ir_i[24:20]};
  assign csr_addr = ir_i[31:20];
  assign imm_i    = {{21{ir_i[31]}}, ir_i[30:20]};
  assign imm_s    = {{21{ir_i[31]}}, ir_i[30:25], ir_i[11:7]};
  assign imm_b    = {{20{ir_i[31]}}, ir_i[7], ir_i[30:25], ir_i[11:8], 1'b0};
  assign imm_u    = {ir_i[31:12], 12'b0};
  assign imm_j    = {{12{ir_i[31]}}, ir_i[19:12], ir_i[20], ir_i[30:21], 1'b0};

  // ---- CSR address -> group -------------------------------------------------------------------
  st_cpu_pkg::csr_e csr_sel;
  logic             csr_known, csr_hi;
  logic [5:0]       csr_slot;

  always_comb begin
    csr_known = 1'b1;
    csr_hi    = csr_addr[7];
    unique case (csr_addr[2:0])  // the block-RAM CSRs differ in address bits 2:0
      3'b000:  csr_slot = st_cpu_pkg::RF_MSCRATCH;  // 0x340
      3'b001:  csr_slot = st_cpu_pkg::RF_MEPC;      // 0x341
      3'b011:  csr_slot = st_cpu_pkg::RF_MTVAL;     // 0x343
      default: csr_slot = st_cpu_pkg::RF_MTVEC;     // 0x305
    endcase
    unique case (csr_addr)
      12'h300: csr_sel = st_cpu_pkg::CsrMstatus;
      12'h301: csr_sel = st_cpu_pkg::CsrMisa;
      12'h304: csr_sel = st_cpu_pkg::CsrMie;
      12'h344: csr_sel = st_cpu_pkg::CsrMip;
      12'h342: csr_sel = st_cpu_pkg::CsrMcause;
      12'h305, 12'h340, 12'h341, 12'h343: csr_sel = st_cpu_pkg::CsrRam;
      12'hB00, 12'hB80, 12'hC00, 12'hC80: csr_sel = st_cpu_pkg::CsrCycle;
      12'hB02, 12'hB82, 12'hC02, 12'hC82: csr_sel = st_cpu_pkg::CsrInstret;
      12'hC01, 12'hC81: csr_sel = st_cpu_pkg::CsrTime;
      // mstatush, mvendorid, marchid, mimpid, mhartid: zero.
      12'h310, 12'hF11, 12'hF12, 12'hF13, 12'hF14: csr_sel = st_cpu_pkg::CsrZero;
      default: begin
        // Hardware performance counters and event selectors 3..31 read zero (the spec requires them):
        // mhpmevent (0x323-0x33F), mhpmcounter(h) (0xB03-0xB1F, 0xB83-0xB9F), hpmcounter(h) (0xC03-...).
        csr_sel   = st_cpu_pkg::CsrZero;
        csr_known = (csr_addr[4:0] >= 5'd3)
                    && ((csr_addr[11:5] == 7'b0011001) || (csr_addr[11:5] == 7'b1011000)
                        || (csr_addr[11:5] == 7'b1011100) || (csr_addr[11:5] == 7'b1100000)
                        || (csr_addr[11:5] == 7'b1100100));
      end
    endcase
  end

  // ---- Instruction ------------------------------------------------------------------------------
  always_comb begin
    dec_o         = '0;
    dec_o.alu_op  = st_cpu_pkg::AluAdd;
    dec_o.res_sel = st_cpu_pkg::ResAlu;
    dec_o.mul_op  = st_cpu_pkg::MulMul;
    dec_o.csr_sel = st_cpu_pkg::CsrZero;
    dec_o.imm     = imm_i;
    dec_o.rd      = ir_i[11:7];
    dec_o.funct3  = funct3;

    unique case (opcode)
      OPC_LUI: begin
        dec_o.imm   = imm_u;
        dec_o.b_imm = 1'b1;
        dec_o.rd_we = 1'b1;
      end

      OPC_AUIPC: begin
        dec_o.imm     = imm_u;
        dec_o.res_sel = st_cpu_pkg::ResPcImm;
        dec_o.rd_we   = 1'b1;
      end

      OPC_JAL: begin
        dec_o.imm     = imm_j;
        dec_o.jal     = 1'b1;
        dec_o.res_sel = st_cpu_pkg::ResPc4;
        dec_o.rd_we   = 1'b1;
      end

      OPC_JALR: begin
        dec_o.b_imm   = 1'b1;
        dec_o.jalr    = 1'b1;
        dec_o.tgt_sum = 1'b1;
        dec_o.res_sel = st_cpu_pkg::ResPc4;
        dec_o.rd_we   = 1'b1;
        dec_o.illegal = (funct3 != 3'b000);
      end

      OPC_BRANCH: begin
        // The ALU subtracts rs1 - rs2 for the comparison; the target is pc + imm.
        dec_o.imm     = imm_b;
        dec_o.alu_op  = st_cpu_pkg::AluSub;
        dec_o.branch  = 1'b1;
        dec_o.illegal = (funct3 == 3'b010) || (funct3 == 3'b011);
      end

      OPC_LOAD: begin
        dec_o.b_imm   = 1'b1;
        dec_o.load    = 1'b1;
        dec_o.res_sel = st_cpu_pkg::ResLoad;
        dec_o.rd_we   = 1'b1;
        dec_o.illegal = (funct3 == 3'b011) || (funct3 == 3'b110) || (funct3 == 3'b111);
      end

      OPC_STORE: begin
        dec_o.imm     = imm_s;
        dec_o.b_imm   = 1'b1;
        dec_o.store   = 1'b1;
        dec_o.illegal = (funct3[2] == 1'b1) || (funct3[1:0] == 2'b11);
      end

      OPC_OP_IMM: begin
        dec_o.b_imm = 1'b1;
        dec_o.rd_we = 1'b1;
        unique case (funct3)
          3'b000: dec_o.alu_op = st_cpu_pkg::AluAdd;
          3'b010: dec_o.alu_op = st_cpu_pkg::AluSlt;
          3'b011: dec_o.alu_op = st_cpu_pkg::AluSltu;
          3'b100: dec_o.alu_op = st_cpu_pkg::AluXor;
          3'b110: dec_o.alu_op = st_cpu_pkg::AluOr;
          3'b111: dec_o.alu_op = st_cpu_pkg::AluAnd;
          3'b001: begin
            // SLLI, or CPOP (Zbb: funct7 0110000, rs2 field 00010); the other Zbb unary operations trap.
            dec_o.mul     = 1'b1;
            dec_o.mul_op  = (Cpop && funct7 == 7'b0110000) ? st_cpu_pkg::MulCpop : st_cpu_pkg::MulSll;
            dec_o.res_sel = st_cpu_pkg::ResMul;
            dec_o.illegal = (funct7 != 7'b0000000) && !(Cpop && funct7 == 7'b0110000 && ir_i[24:20] == 5'b00010);
          end
          default: begin  // 3'b101
            dec_o.mul     = 1'b1;
            dec_o.mul_op  = funct7[5] ? st_cpu_pkg::MulSra : st_cpu_pkg::MulSrl;
            dec_o.res_sel = st_cpu_pkg::ResMul;
            dec_o.illegal = (funct7 != 7'b0000000) && (funct7 != 7'b0100000);
          end
        endcase
      end

      OPC_OP: begin
        dec_o.rd_we = 1'b1;
        if (funct7 == 7'b0000001) begin
          if (funct3[2]) begin
            dec_o.div     = 1'b1;
            dec_o.res_sel = st_cpu_pkg::ResDiv;
          end else begin
            dec_o.mul     = 1'b1;
            dec_o.res_sel = st_cpu_pkg::ResMul;
            unique case (funct3[1:0])
              2'b00:   dec_o.mul_op = st_cpu_pkg::MulMul;
              2'b01:   dec_o.mul_op = st_cpu_pkg::MulMulh;
              2'b10:   dec_o.mul_op = st_cpu_pkg::MulMulhsu;
              default: dec_o.mul_op = st_cpu_pkg::MulMulhu;
            endcase
          end
        end else begin
          // funct7 0000000 for every operation; 0100000 only for SUB and SRA.
          dec_o.illegal = !((funct7 == 7'b0000000)
                            || (funct7 == 7'b0100000 && (funct3 == 3'b000 || funct3 == 3'b101)));
          unique case (funct3)
            3'b000:  dec_o.alu_op = funct7[5] ? st_cpu_pkg::AluSub : st_cpu_pkg::AluAdd;
            3'b010:  dec_o.alu_op = st_cpu_pkg::AluSlt;
            3'b011:  dec_o.alu_op = st_cpu_pkg::AluSltu;
            3'b100:  dec_o.alu_op = st_cpu_pkg::AluXor;
            3'b110:  dec_o.alu_op = st_cpu_pkg::AluOr;
            3'b111:  dec_o.alu_op = st_cpu_pkg::AluAnd;
            3'b001: begin
              dec_o.mul     = 1'b1;
              dec_o.mul_op  = st_cpu_pkg::MulSll;
              dec_o.res_sel = st_cpu_pkg::ResMul;
            end
            default: begin  // 3'b101
              dec_o.mul     = 1'b1;
              dec_o.mul_op  = funct7[5] ? st_cpu_pkg::MulSra : st_cpu_pkg::MulSrl;
              dec_o.res_sel = st_cpu_pkg::ResMul;
            end
          endcase
        end
      end

      OPC_MISC_MEM: begin
        // FENCE orders nothing here (one in-order hart, no caches): a no-op. FENCE.I drops the prefetched
        // instructions and refetches from pc + 4, so code written by stores before it is seen.
        dec_o.imm     = 32'd4;
        dec_o.fence_i = (funct3 == 3'b001);
        dec_o.illegal = (funct3 != 3'b000) && (funct3 != 3'b001);
      end

      OPC_SYSTEM: begin
        if (funct3 == 3'b000) begin
          dec_o.ecall   = (ir_i == 32'h0000_0073);
          dec_o.ebreak  = (ir_i == 32'h0010_0073);
          dec_o.mret    = (ir_i == 32'h3020_0073);
          dec_o.wfi     = (ir_i == 32'h1050_0073);
          dec_o.illegal = !(dec_o.ecall || dec_o.ebreak || dec_o.mret || dec_o.wfi);
          // MRET jumps to x0 + mepc (the ALU adds; mepc is in the register-file RAM: rb below).
          dec_o.b_imm   = 1'b0;
          dec_o.tgt_sum = dec_o.mret;
        end else begin
          dec_o.csr     = 1'b1;
          dec_o.csr_sel = csr_sel;
          dec_o.csr_hi  = csr_hi;
          dec_o.res_sel = st_cpu_pkg::ResCsr;
          dec_o.rd_we   = 1'b1;
          // CSRRW(I) always writes; CSRRS(I)/CSRRC(I) only with a non-zero rs1 / uimm.
          dec_o.csr_wr  = (funct3[1:0] == 2'b01) || (ir_i[19:15] != 5'd0);
          // The write source is operand a | imm: rs1 and 0, or x0 (ra below) and the zero-extended uimm.
          dec_o.imm     = funct3[2] ? {27'd0, ir_i[19:15]} : 32'd0;
          dec_o.illegal = (funct3 == 3'b100) || !csr_known
                          || (dec_o.csr_wr && csr_addr[11:10] == 2'b11);
          // time / timeh: a word load from the platform timer's mtime (x0 + TimeAddr, + 4 for the high
          // half), which is what the CSR holds; this keeps a 64-bit source out of the CSR multiplexer.
          // (Any write to them is illegal above, and the loaded register is rd as for the CSR read.)
          if (csr_sel == st_cpu_pkg::CsrTime) begin
            dec_o.csr     = 1'b0;
            dec_o.load    = 1'b1;
            dec_o.funct3  = 3'b010;
            dec_o.b_imm   = 1'b1;
            dec_o.res_sel = st_cpu_pkg::ResLoad;
            dec_o.imm     = {TimeAddr[31:3], csr_hi, 2'b00};
          end
        end
      end

      // Every other opcode, including all with ir[1:0] != 2'b11 (compressed encodings, the all-zero word).
      default: dec_o.illegal = 1'b1;
    endcase

    // The adder subtracts for SUB, SLT(U) and branches; logic operations see b unchanged (the multiplier
    // takes the adder's operand b too, and multiplies and shifts decode as AluAdd).
    dec_o.alu_sub = (dec_o.alu_op == st_cpu_pkg::AluSub) || (dec_o.alu_op == st_cpu_pkg::AluSlt)
                    || (dec_o.alu_op == st_cpu_pkg::AluSltu);
    unique case (dec_o.alu_op)
      st_cpu_pkg::AluXor: dec_o.alu_logic = 2'b01;
      st_cpu_pkg::AluOr:  dec_o.alu_logic = 2'b10;
      st_cpu_pkg::AluAnd: dec_o.alu_logic = 2'b11;
      default:            dec_o.alu_logic = 2'b00;
    endcase

    dec_o.simple = !(dec_o.load || dec_o.store || dec_o.mul || dec_o.div || dec_o.csr || dec_o.wfi
                     || dec_o.jal || dec_o.jalr || dec_o.mret || dec_o.fence_i || dec_o.branch
                     || dec_o.illegal || dec_o.ecall || dec_o.ebreak
                     || dec_o.alu_op == st_cpu_pkg::AluSlt || dec_o.alu_op == st_cpu_pkg::AluSltu);

    // A failed fetch: nothing of the word counts; imm = 0 so that pc + imm is the faulting pc (mtval).
    if (err_i) begin
      dec_o       = '0;
      dec_o.fault = 1'b1;
    end
    dec_o.ra = ra;
    dec_o.rb = rb;
  end

  // Register-file addresses, decoded apart from the rest (this path reaches the RAM's address pins; a
  // failed fetch reads whatever its word names, unused). Operand a reads x0 for LUI (x0 + imm), the CSR
  // immediate forms (x0 | uimm), and AUIPC, JAL and FENCE, which have no rs1; otherwise rs1 (MRET's rs1
  // field is x0). Operand b: rs2 for branches, stores and OP; for SYSTEM the block-RAM CSR named by
  // address bits 2:0 (st_cpu_csr uses that value only for mscratch, mepc, mtval, mtvec) or, for MRET and
  // the other funct3 = 0 instructions, mepc; else x0.
  (* keep *) logic ra_zero;
  always_comb begin
    ra_zero = (opcode[4:2] == 3'b101) || (opcode[4:2] == 3'b011) || (opcode == OPC_SYSTEM && funct3[2]);
    ra      = ra_zero ? 6'd0 : rs1;
    if (opcode == OPC_SYSTEM) begin
      rb = (funct3 == 3'b000) ? st_cpu_pkg::RF_MEPC : csr_slot;
    end else if ((opcode == OPC_BRANCH) || (opcode == OPC_STORE) || (opcode == OPC_OP)) begin
      rb = rs2;
    end else begin
      rb = 6'd0;
    end
  end

endmodule
