// SPDX-License-Identifier: Apache-2.0
// st_cpu_div.sv - iterative divider for DIV, DIVU, REM, REMU: one quotient bit per cycle, 35 cycles.
//
// Restoring division of |a| by |b|, then the signs: the quotient is negative when the operand signs
// differ, the remainder takes the sign of the dividend. The corner cases come out as the RISC-V spec
// wants without extra logic except one flag:
//   x / 0          : every trial subtraction of 0 succeeds, so q = 2^32 - 1 (-1) and r = x. The quotient
//                    is never negated (b_zero), so DIV gives -1 for either sign of x; the remainder x.
//   -2^31 / -1     : |a| = 2^31, q = 2^31, negated (signs equal: no) = 0x80000000 = -2^31, r = 0.
// The operands stay stable while the execute stage waits (they are not copied here); the divisor enters
// the adder as b or ~b so that r + addend + cin = r - |b| in 33 bits, whatever the sign of b. One
// negator serves both ends: it loads |a| into the quotient register at the start and the signed result
// into it at the end.

module st_cpu_div (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,    // pulse: begin (ignored while busy); a_i, b_i, op_i then stay stable
  input  logic [1:0]  op_i,       // funct3[1:0]: 00 DIV, 01 DIVU, 10 REM, 11 REMU
  input  logic [31:0] a_i,        // dividend
  input  logic [31:0] b_i,        // divisor
  output logic        done_o,     // result_o is valid (one cycle)
  output logic [31:0] result_o    // zero outside a division (the core ORs it with its other results)
);

  typedef enum logic [1:0] {
    StIdle,  // waiting for start_i
    StStep,  // one trial subtraction per cycle, 32 cycles
    StSign,  // the signed result into the quotient register
    StOut    // present the result
  } state_e;

  state_e      state_q, state_d;
  logic [31:0] rem_q, rem_d;      // partial remainder
  logic [31:0] quot_q, quot_d;    // dividend bits shift out at the top, quotient bits in at the bottom
  logic [31:0] addend;            // b if b < 0 (signed), else ~b
  logic        cin;               // 1 with ~b
  logic [4:0]  cnt_q, cnt_d;
  logic        neg_q, neg_d;      // negate the result
  logic        rem_op_q, rem_op_d;

  logic        is_signed, a_neg, b_neg, neg_en;
  logic [31:0] neg_in, neg_out;
  logic [32:0] trial;             // {rem, next dividend bit} - |b|; bit 32 is zero when kept
  logic        trial_carry;       // no borrow: the subtraction succeeded

  assign is_signed = !op_i[0];
  assign a_neg     = is_signed && a_i[31];
  assign b_neg     = is_signed && b_i[31];
  assign addend    = b_neg ? b_i : ~b_i;
  assign cin       = !b_neg;

  assign {trial_carry, trial} = {1'b0, rem_q, quot_q[31]} + {2'b01, addend} + {33'd0, cin};

  // The negator: |a| at the start, the signed quotient or remainder at the end.
  assign neg_in  = (state_q == StIdle) ? a_i : (rem_op_q ? rem_q : quot_q);
  assign neg_en  = (state_q == StIdle) ? a_neg : neg_q;
  assign neg_out = (neg_in ^ {32{neg_en}}) + {31'd0, neg_en};

  // A kept difference is below |b| < 2^32: bit 32 is always zero then.
  logic unused_trial;
  assign unused_trial = trial[32];

  always_comb begin
    state_d  = state_q;
    rem_d    = rem_q;
    quot_d   = quot_q;
    cnt_d    = cnt_q;
    neg_d    = neg_q;
    rem_op_d = rem_op_q;
    done_o   = 1'b0;

    unique case (state_q)
      // Load |a|, decide the result's sign.
      StIdle: begin
        if (start_i) begin
          rem_d    = '0;
          quot_d   = neg_out;
          cnt_d    = '0;
          rem_op_d = op_i[1];
          // Remainder: sign of the dividend. Quotient: signs differ, except for a zero divisor.
          neg_d    = op_i[1] ? a_neg : ((a_neg != b_neg) && (b_i != 32'd0));
          state_d  = StStep;
        end
      end
      // Shift in the next dividend bit; keep the difference if it did not borrow.
      StStep: begin
        rem_d  = trial_carry ? trial[31:0] : {rem_q[30:0], quot_q[31]};
        quot_d = {quot_q[30:0], trial_carry};
        cnt_d  = cnt_q + 5'd1;
        if (cnt_q == 5'd31) begin
          state_d = StSign;
        end
      end
      StSign: begin
        quot_d  = neg_out;
        state_d = StOut;
      end
      // Result out for the execute stage to write back.
      StOut: begin
        done_o  = 1'b1;
        quot_d  = '0;  // zero again: result_o is the register itself (the core waits, writing nothing,
        state_d = StIdle;  // while a division runs, so its intermediate values go nowhere)
      end
      default: state_d = StIdle;
    endcase
  end

  assign result_o = quot_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q  <= StIdle;
      rem_q    <= '0;
      quot_q   <= '0;
      cnt_q    <= '0;
      neg_q    <= 1'b0;
      rem_op_q <= 1'b0;
    end else begin
      state_q  <= state_d;
      rem_q    <= rem_d;
      quot_q   <= quot_d;
      cnt_q    <= cnt_d;
      neg_q    <= neg_d;
      rem_op_q <= rem_op_d;
    end
  end

endmodule
