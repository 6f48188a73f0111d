// SPDX-License-Identifier: Apache-2.0
// st_accel_post_probe.sv - the last two LUT levels of the post unit's threshold compare: whether
// s * v >= T passed, and the next probe's address (the low 4 bits: the code bit the compare decides).
//
// A module of its own, kept as one in synthesis (keep_hierarchy), because the inputs come late from
// two 33-bit carry chains (ge_i, neg_i): Yosys's ABC sees a carry chain's output as arriving at time 0,
// so inside st_accel_post it folded them into the deepest leaves of the address logic, four LUT levels
// after the chains. Behind this boundary they meet only these two functions, one LUT level each.
// The post unit alone on the UP5K went from 24.9 to 30.1-30.8 MHz over three placement seeds (make
// pnr-accel-blocks, docs/accelerator.md §7.2).

(* keep_hierarchy *)
module st_accel_post_probe (
  input  logic [3:0] base_i,       // the probe address if the compare fails
  input  logic [3:0] pass_addr_i,  // ... ORed in if it passes
  input  logic       sign_i,       // s = -1
  input  logic       neg_i,        // v + T < 0
  input  logic       zero_i,       // v + T == 0
  input  logic       ge_i,         // v >= T
  output logic       pass_o,       // s * v >= T
  output logic [3:0] addr_o
);
  assign pass_o = sign_i ? (neg_i || zero_i) : ge_i;
  assign addr_o = base_i | (pass_o ? pass_addr_i : 4'd0);
endmodule
