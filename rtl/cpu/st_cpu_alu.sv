// SPDX-License-Identifier: Apache-2.0
// st_cpu_alu.sv - the execute stage's ALU: one 32-bit adder/subtractor, logic operations, comparisons.
//
// The adder also forms load/store and JALR addresses (a + imm) and, for branches, a - b, whose borrow and
// sign give the less-than results. Equality has its own XOR tree so that BEQ/BNE do not wait for the carry
// chain. Shifts are not here: they run on the multiplier (st_cpu_mul), which saves a barrel shifter.
// The sum and the logic result come out separately (the core selects among them in the same AND-OR as
// the other register-write sources, which keeps the adder's path short); the comparisons for branches
// and SLT / SLTU are formed in the core from eq_o, carry_o and the sign bits, and registered there.

module st_cpu_alu (
  input  logic               [1:0]  logic_op_i,  // 00 none, 01 XOR, 10 OR, 11 AND (decoded ahead)
  input  logic                      sub_i,   // subtract (SUB, SLT, SLTU, branches; decoded ahead)
  input  logic               [31:0] a_i,
  input  logic                      b_imm_i, // operand b is imm_i, else rs2_i
  input  logic               [31:0] imm_i,
  input  logic               [31:0] rs2_i,
  output logic               [31:0] b_o,     // operand b as the adder sees it: b, or ~b when subtracting
  output logic               [31:0] logic_o, // a ^ b, a | b or a & b (AluXor, AluOr, AluAnd), else 0
                                             // (sub_i is low for these)
  output logic               [31:0] sum_o,   // a + b, or a - b for every operation but AluAdd
  output logic                      eq_o,    // a == b (when subtracting)
  output logic                      carry_o  // the adder's carry out: a >= b unsigned when subtracting
);

  logic [32:0] sum33;
  logic [31:0] b_add;

  // The adder's operand: selection and inversion in one LUT level. It is also the multiplier's operand
  // (multiplies and shifts add: b_o = b) and the base of equality (a == b iff a ^ ~b is all ones).
  assign b_add = (b_imm_i ? imm_i : rs2_i) ^ {32{sub_i}};
  assign b_o   = b_add;
  assign sum33 = {1'b0, a_i} + {1'b0, b_add} + {32'd0, sub_i};
  assign sum_o = sum33[31:0];
  assign eq_o  = &(a_i ^ b_add);
  // a - b borrows (no carry out) exactly when a < b unsigned; signed a < b is the sign of a if the signs
  // differ, else the sign of the difference (the core combines these with its own timing in mind).
  assign carry_o = sum33[32];

  always_comb begin
    unique case (logic_op_i)
      2'b01:   logic_o = a_i ^ b_add;
      2'b10:   logic_o = a_i | b_add;
      2'b11:   logic_o = a_i & b_add;
      default: logic_o = 32'd0;
    endcase
  end

endmodule
