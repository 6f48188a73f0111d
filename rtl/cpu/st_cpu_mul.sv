// SPDX-License-Identifier: Apache-2.0
// st_cpu_mul.sv - multiplier for MUL/MULH/MULHSU/MULHU, which also executes the shifts and CPOP. Four cycles.
//
// One unsigned 32 x 32 -> 64 product from four 16 x 16 partial products, one SB_MAC16 DSP tile each
// (inferred from `*` and `+`): each tile's accumulator adds the partial sum of the tile before, so the
// product needs no adder and no register in logic cells. Signed high halves are corrected afterwards: with a = a_u - 2^32 a31 and b = b_u - 2^32 b31,
//   hi(a * b) = hi(a_u * b_u) - (a31 ? b_u : 0) - (b31 ? a_u : 0)    (mod 2^32).
// When both corrections apply (MULH, both negative) their sum is a + b, which the ALU computes anyway.
// Shifts reuse the product instead of a 32-bit barrel shifter (~200 LUTs saved):
//   a << s  = lo(a * 2^s)
//   a >> s  = hi(a * 2^(32-s))           for s != 0 (and lo(a * 1) for s = 0)
//   a >>> s = hi(a_signed * 2^(32-s))    the MULHSU correction with b = 2^(32-s).
//
// CPOP (population count of a) runs on the same four-cycle schedule in an adder tree of its own: the
// nibble counts of a are registered, then their sum (a_i is stable for the four cycles), so the count adds
// two short register stages and no path longer than the core's others (80 logic cells: make cpu-synth,
// Cpop 1 against 0).
//
// Cycle 1 (start_i): the operands enter the DSP input registers. Cycle 2: the partial products are
// registered (the tiles' pipeline registers). Cycle 3: their sum is registered (the output registers).
// Cycle 4: done_o with the result. The execute stage holds op_i, a_i, b_i and sum_i stable over the four
// cycles, so the correction, registered every cycle, is that of the operation.

module st_cpu_mul #(
  parameter bit Cpop = 1'b1  // build CPOP's adder tree (else MulCpop never comes: the decoder traps it)
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  input  logic                      start_i,   // first cycle of a multiply or shift
  input  st_cpu_pkg::mul_op_e       op_i,
  input  logic               [31:0] a_i,
  input  logic               [31:0] b_i,       // for shifts: b_i[4:0] is the shift amount
  input  logic               [31:0] sum_i,     // a_i + b_i (from the ALU)
  output logic                      done_o,    // fourth cycle: result_o is valid
  output logic               [31:0] result_o
);

  logic [2:0]  busy_q;
  logic [31:0] a_q, b_q;
  logic [31:0] p0_q, p1_q, p2_q, p3_q;  // the four 16 x 16 partial products
  logic [63:0] prod_q;
  logic [31:0] corr_q, corr_d;

  logic        shift, shift_right, a_signed, b_signed, hi, ca, cb;
  logic [4:0]  shamt, pow;     // shift amount, and the power of two the shift multiplies by
  logic [31:0] b_in;

  always_comb begin
    shift       = (op_i == st_cpu_pkg::MulSll) || (op_i == st_cpu_pkg::MulSrl) || (op_i == st_cpu_pkg::MulSra);
    shift_right = (op_i == st_cpu_pkg::MulSrl) || (op_i == st_cpu_pkg::MulSra);
    a_signed    = (op_i == st_cpu_pkg::MulMulh) || (op_i == st_cpu_pkg::MulMulhsu) || (op_i == st_cpu_pkg::MulSra);
    b_signed    = (op_i == st_cpu_pkg::MulMulh);
    shamt       = b_i[4:0];
    pow         = shift_right ? (5'd0 - shamt) : shamt;  // 32 - s mod 32
    hi          = (op_i == st_cpu_pkg::MulMulh) || (op_i == st_cpu_pkg::MulMulhsu)
                  || (op_i == st_cpu_pkg::MulMulhu) || (shift_right && shamt != 5'd0);
    for (int i = 0; i < 32; i++) begin
      b_in[i] = shift ? (pow == 5'(i)) : b_i[i];
    end
    ca = a_signed && a_i[31];
    cb = b_signed && b_i[31];
    // (ca ? b : 0) + (cb ? a : 0); with both, a + b = sum_i (b_in = b_i then: MULH is no shift).
    if (ca && cb) begin
      corr_d = sum_i;
    end else if (ca) begin
      corr_d = b_in;
    end else if (cb) begin
      corr_d = a_i;
    end else begin
      corr_d = 32'd0;
    end
  end

  // Datapath registers without reset, all but corr_q inside the DSP tiles: a_q, b_q are their input
  // registers, p*_q their pipeline registers after the multipliers, prod_q their output registers after
  // the accumulators, which sum the partial products (each tile adds the previous one's result through
  // its C / D inputs, the middle one with its carry out), so that no adder in logic cells is needed.
  logic [31:0] mid_lo;   // p1 + p0[31:16]: no carry out (at most (2^16 - 1)^2 + 2^16 - 1 < 2^32)
  logic [32:0] mid;      // p2 + mid_lo
  always_comb begin
    mid_lo = p1_q + {16'd0, p0_q[31:16]};
    mid    = {1'b0, p2_q} + {1'b0, mid_lo};
  end

  always_ff @(posedge clk_i) begin
    a_q     <= a_i;
    b_q     <= b_in;
    p0_q    <= a_q[15:0] * b_q[15:0];
    p1_q    <= a_q[15:0] * b_q[31:16];
    p2_q    <= a_q[31:16] * b_q[15:0];
    p3_q    <= a_q[31:16] * b_q[31:16];
    prod_q  <= {p3_q + {15'd0, mid[32:16]}, mid[15:0], p0_q[15:0]};
    corr_q  <= corr_d;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 3'b000;
    end else begin
      busy_q <= {busy_q[1:0], start_i};
    end
  end

  // CPOP: eight nibble counts (3 bits each), then their sum (0..32).
  logic [5:0] pop_q;
  if (Cpop) begin : gen_cpop
    logic [23:0] nib_q;
    logic [5:0]  pop_d;
    always_comb begin
      pop_d = 6'd0;
      for (int n = 0; n < 8; n++) begin
        pop_d = pop_d + {3'd0, nib_q[3 * n +: 3]};
      end
    end

    always_ff @(posedge clk_i) begin
      for (int n = 0; n < 8; n++) begin
        nib_q[3 * n +: 3] <= {2'd0, a_i[4 * n]} + {2'd0, a_i[4 * n + 1]} + {2'd0, a_i[4 * n + 2]}
                             + {2'd0, a_i[4 * n + 3]};
      end
      pop_q <= pop_d;
    end
  end else begin : gen_no_cpop
    assign pop_q = 6'd0;
  end

  // Result selects, one-hot and registered in the cycle before done (op_i, b_i are stable), zero in every
  // other cycle: the result is zero except in the done cycle, so that the core can OR it with the other
  // results, and each result bit is one LUT4 (two for the six bits CPOP shares).
  logic sel_hi_q, sel_lo_q, sel_pop_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sel_hi_q  <= 1'b0;
      sel_lo_q  <= 1'b0;
      sel_pop_q <= 1'b0;
    end else begin
      sel_hi_q  <= busy_q[1] && op_i != st_cpu_pkg::MulCpop && hi;
      sel_lo_q  <= busy_q[1] && op_i != st_cpu_pkg::MulCpop && !hi;
      sel_pop_q <= Cpop && busy_q[1] && op_i == st_cpu_pkg::MulCpop;
    end
  end

  assign done_o   = busy_q[2];
  assign result_o = ({32{sel_hi_q}} & (prod_q[63:32] - corr_q)) | ({32{sel_lo_q}} & prod_q[31:0])
                  | ({32{sel_pop_q}} & {26'd0, pop_q});

endmodule
