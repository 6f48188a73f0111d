// SPDX-License-Identifier: Apache-2.0
// st_cpu_decode.sv - RV32IM + Zicsr + Zifencei instruction decoder (combinational).
//
// Everything the execute stage needs from the instruction word: immediate, operand selects, unit, and an
// `illegal` flag for every encoding outside the executed set (also all-zero and compressed words, which
// this core does not implement). Register indices are taken from the instruction word by the caller.

module st_cpu_decode (
  input  logic                 [31:0] ir_i,
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
  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;

  assign opcode = ir_i[6:0];
  assign funct3 = ir_i[14:12];
  assign funct7 = ir_i[31:25];
  assign imm_i  = {{21{ir_i[31]}}, ir_i[30:20]};
  assign imm_s  = {{21{ir_i[31]}}, ir_i[30:25], ir_i[11:7]};
  assign imm_b  = {{20{ir_i[31]}}, ir_i[7], ir_i[30:25], ir_i[11:8], 1'b0};
  assign imm_u  = {ir_i[31:12], 12'b0};
  assign imm_j  = {{12{ir_i[31]}}, ir_i[19:12], ir_i[20], ir_i[30:21], 1'b0};

  always_comb begin
    dec_o              = '0;
    dec_o.alu_op       = st_cpu_pkg::AluAdd;
    dec_o.res_sel      = st_cpu_pkg::ResAlu;
    dec_o.mul_op       = st_cpu_pkg::MulMul;
    dec_o.imm          = imm_i;
    dec_o.mem_size     = funct3[1:0];
    dec_o.mem_unsigned = funct3[2];

    unique case (opcode)
      OPC_LUI: begin
        dec_o.imm    = imm_u;
        dec_o.b_imm  = 1'b1;
        dec_o.a_zero = 1'b1;
        dec_o.rd_we  = 1'b1;
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
            dec_o.mul     = 1'b1;
            dec_o.mul_op  = st_cpu_pkg::MulSll;
            dec_o.res_sel = st_cpu_pkg::ResMul;
            dec_o.illegal = (funct7 != 7'b0000000);
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
        end else begin
          dec_o.csr     = 1'b1;
          dec_o.res_sel = st_cpu_pkg::ResCsr;
          dec_o.rd_we   = 1'b1;
          // CSRRW(I) always writes; CSRRS(I)/CSRRC(I) only with a non-zero rs1 / uimm.
          dec_o.csr_wr  = (funct3[1:0] == 2'b01) || (ir_i[19:15] != 5'd0);
          dec_o.illegal = (funct3 == 3'b100);
        end
      end

      // Every other opcode, including all with ir[1:0] != 2'b11 (compressed encodings, the all-zero word).
      default: dec_o.illegal = 1'b1;
    endcase
  end

endmodule
