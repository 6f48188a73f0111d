// SPDX-License-Identifier: Apache-2.0
// st_cpu_mul.sv - multiplier for MUL/MULH/MULHSU/MULHU, which also executes the shifts.
//
// One unsigned 32 x 32 -> 64 product (four SB_MAC16 DSP tiles on the iCE40, inferred from `*`). Signed
// high halves are corrected afterwards: with a = a_u - 2^32 a31 and b = b_u - 2^32 b31,
//   hi(a * b) = hi(a_u * b_u) - (a31 ? b_u : 0) - (b31 ? a_u : 0)    (mod 2^32).
// Shifts reuse the product instead of a 32-bit barrel shifter (~200 LUTs saved):
//   a << s  = lo(a * 2^s)
//   a >> s  = hi(a * 2^(32-s))           for s != 0 (and lo(a * 1) for s = 0)
//   a >>> s = hi(a_signed * 2^(32-s))    the same MULHSU correction as above.
//
// Timing: start (operands latched) -> StProd (product and correction registered) -> StOut (done_o, the
// result). The execute stage holds the instruction for the three cycles.

module st_cpu_mul (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  input  logic                      start_i,   // pulse: begin with op_i, a_i, b_i (ignored while busy)
  input  st_cpu_pkg::mul_op_e       op_i,
  input  logic               [31:0] a_i,
  input  logic               [31:0] b_i,       // for shifts: b_i[4:0] is the shift amount
  output logic                      done_o,    // result_o is valid (one cycle)
  output logic               [31:0] result_o
);

  typedef enum logic [1:0] {
    StIdle,  // waiting for start_i
    StProd,  // the DSP product of the latched operands
    StOut    // subtract the sign correction, present the result
  } state_e;

  state_e      state_q, state_d;
  logic [31:0] a_q, a_d, b_q, b_d;
  logic        a_signed_q, a_signed_d, b_signed_q, b_signed_d;
  logic        hi_q, hi_d;                 // the result is the high half of the product
  logic [63:0] prod_q, prod_d;
  logic [31:0] corr_q, corr_d;

  logic        shift, shift_right;
  logic [4:0]  shamt, pow;                 // shift amount, and the power of two the shift multiplies by
  logic [31:0] pow2;

  always_comb begin
    shift       = (op_i == st_cpu_pkg::MulSll) || (op_i == st_cpu_pkg::MulSrl)
                  || (op_i == st_cpu_pkg::MulSra);
    shift_right = (op_i == st_cpu_pkg::MulSrl) || (op_i == st_cpu_pkg::MulSra);
    shamt       = b_i[4:0];
    pow         = shift_right ? (5'd0 - shamt) : shamt;  // 32 - s mod 32
    for (int i = 0; i < 32; i++) begin
      pow2[i] = (pow == 5'(i));
    end
  end

  always_comb begin
    state_d    = state_q;
    a_d        = a_q;
    b_d        = b_q;
    a_signed_d = a_signed_q;
    b_signed_d = b_signed_q;
    hi_d       = hi_q;
    prod_d     = prod_q;
    corr_d     = corr_q;
    done_o     = 1'b0;

    unique case (state_q)
      // Latch the operands; a shift's b becomes the power of two.
      StIdle: begin
        if (start_i) begin
          a_d        = a_i;
          b_d        = shift ? pow2 : b_i;
          a_signed_d = (op_i == st_cpu_pkg::MulMulh) || (op_i == st_cpu_pkg::MulMulhsu)
                       || (op_i == st_cpu_pkg::MulSra);
          b_signed_d = (op_i == st_cpu_pkg::MulMulh);
          hi_d       = (op_i == st_cpu_pkg::MulMulh) || (op_i == st_cpu_pkg::MulMulhsu)
                       || (op_i == st_cpu_pkg::MulMulhu) || (shift_right && shamt != 5'd0);
          state_d    = StProd;
        end
      end
      // The unsigned product and the signed-high correction, both registered.
      StProd: begin
        prod_d  = {32'd0, a_q} * {32'd0, b_q};
        corr_d  = ((a_signed_q && a_q[31]) ? b_q : 32'd0) + ((b_signed_q && b_q[31]) ? a_q : 32'd0);
        state_d = StOut;
      end
      // Result out for the execute stage to write back.
      StOut: begin
        done_o  = 1'b1;
        state_d = StIdle;
      end
      default: state_d = StIdle;
    endcase
  end

  assign result_o = hi_q ? (prod_q[63:32] - corr_q) : prod_q[31:0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= StIdle;
      a_q        <= '0;
      b_q        <= '0;
      a_signed_q <= 1'b0;
      b_signed_q <= 1'b0;
      hi_q       <= 1'b0;
      prod_q     <= '0;
      corr_q     <= '0;
    end else begin
      state_q    <= state_d;
      a_q        <= a_d;
      b_q        <= b_d;
      a_signed_q <= a_signed_d;
      b_signed_q <= b_signed_d;
      hi_q       <= hi_d;
      prod_q     <= prod_d;
      corr_q     <= corr_d;
    end
  end

endmodule
