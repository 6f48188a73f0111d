// SPDX-License-Identifier: Apache-2.0
// st_cpu_alu.sv - the execute stage's ALU: one 32-bit adder/subtractor, logic operations, comparisons.
//
// The adder also forms load/store and JALR addresses (a + imm) and, for branches, a - b, whose borrow and
// sign give the less-than results. Equality has its own XOR tree so that BEQ/BNE do not wait for the carry
// chain. Shifts are not here: they run on the multiplier (st_cpu_mul), which saves a barrel shifter.

module st_cpu_alu (
  input  st_cpu_pkg::alu_op_e        op_i,
  input  logic               [31:0] a_i,
  input  logic               [31:0] b_i,
  output logic               [31:0] result_o,
  output logic               [31:0] sum_o,   // a + b, or a - b for every operation but AluAdd
  output logic                      eq_o,    // a == b
  output logic                      lt_o,    // a < b, signed
  output logic                      ltu_o    // a < b, unsigned
);

  logic        sub;
  logic [32:0] sum33;

  assign sub   = (op_i != st_cpu_pkg::AluAdd);
  assign sum33 = {1'b0, a_i} + {1'b0, b_i ^ {32{sub}}} + {32'd0, sub};
  assign sum_o = sum33[31:0];
  assign eq_o  = (a_i == b_i);
  // a - b borrows (no carry out) exactly when a < b unsigned; signed: the sign of a if the signs differ.
  assign ltu_o = !sum33[32];
  assign lt_o  = (a_i[31] != b_i[31]) ? a_i[31] : sum33[31];

  always_comb begin
    unique case (op_i)
      st_cpu_pkg::AluSlt:  result_o = {31'd0, lt_o};
      st_cpu_pkg::AluSltu: result_o = {31'd0, ltu_o};
      st_cpu_pkg::AluXor:  result_o = a_i ^ b_i;
      st_cpu_pkg::AluOr:   result_o = a_i | b_i;
      st_cpu_pkg::AluAnd:  result_o = a_i & b_i;
      default:             result_o = sum_o;  // AluAdd, AluSub
    endcase
  end

endmodule
