// SPDX-License-Identifier: Apache-2.0
// st_accel_pe.sv - one processing element: an output channel's weight memory, the AND / XOR popcount
// and the shift-accumulator of the bit-plane form (numerics.md §6).
//
// The generator orders the plane pairs (i, j) by decreasing significance s = i + j, so one register is
// enough: the accumulator doubles when s steps down (Horner) and adds or subtracts one term per cycle:
//   pc   = popcount(a & w)              (popcount(a ^ w) in XOR mode)
//   term = pc, or 2*pc - corr           (bipolar weights, XOR: corr is a shared popcount, st_accel_array)
//   acc  = (clr ? 0 : dbl ? 2*acc : acc) +/- term
// Pipeline: weight read (0) | popcount groups (1) | popcount sum (2) | term (3) | acc (4); the control
// inputs arrive aligned to their stage. acc is int32 and wraps modulo 2^32: a Horner prefix may exceed
// int32 while the final sum (bounded by numerics.md §8) does not.

module st_accel_pe #(
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256
) (
  input  logic                           clk_i,
  input  logic                           rst_ni,

  // weight memory: write port (the loader) and read address (stage 0)
  input  logic                           we_i,
  input  logic [$clog2(WbufDepth)-1:0]   waddr_i,
  input  logic [SimdWidth-1:0]           wdata_i,
  input  logic [$clog2(WbufDepth)-1:0]   raddr_i,

  // stage 1: the activation slice and the operation
  input  logic [SimdWidth-1:0]           a1_i,
  input  logic                           xor1_i,

  // stage 3: the term
  input  logic                           dbl3_i,    // term = 2*pc - corr
  input  logic [$clog2(SimdWidth+1)-1:0] corr3_i,

  // stage 4: the accumulator
  input  logic                           op4_i,
  input  logic                           neg4_i,    // subtract the term
  input  logic                           aclr4_i,   // the accumulator restarts
  input  logic                           adbl4_i,   // the accumulator doubles first

  output logic [31:0]                    acc_o
);

  localparam int CNTW = $clog2(SimdWidth + 1);
  localparam int TW   = CNTW + 2;  // -SimdWidth .. 2*SimdWidth, signed

  (* no_rw_check *)  // the loader never writes while the array reads
  logic [SimdWidth-1:0] mem [WbufDepth];
  logic [SimdWidth-1:0] w1_q;
  logic [CNTW-1:0]      pc3;
  logic [TW-1:0]        term_d, term_q;
  logic [31:0]          base, acc_q, acc_d, tinv;
  logic [32:0]          sum;     // bit 0 only carries the +1 of a subtraction
  logic                 unused_sum;

  // the weight memory: one block RAM per PE (synchronous read)
  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem[waddr_i] <= wdata_i;
    end
    w1_q <= mem[raddr_i];
  end

  st_accel_popcount #(
    .Width (SimdWidth)
  ) u_pc (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .x_i    (xor1_i ? (a1_i ^ w1_q) : (a1_i & w1_q)),
    .cnt_o  (pc3)
  );

  always_comb begin
    if (dbl3_i) begin
      term_d = {1'b0, pc3, 1'b0} - {2'b00, corr3_i};
    end else begin
      term_d = {2'b00, pc3};
    end
    base = acc_q;
    if (aclr4_i) begin
      base = '0;
    end else if (adbl4_i) begin
      base = acc_q << 1;
    end
    // One adder for both signs: base - t = base + ~t + 1, the carry-in rides in a 33rd bit below the
    // sum (an add and a subtract with a multiplexer would cost three 32-bit LUT rows instead of one).
    tinv = {{(32 - TW){term_q[TW-1]}}, term_q} ^ {32{neg4_i}};
    sum  = {base, 1'b1} + {tinv, neg4_i};
    acc_d = op4_i ? sum[32:1] : acc_q;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      term_q <= '0;
      acc_q  <= '0;
    end else begin
      term_q <= term_d;
      acc_q  <= acc_d;
    end
  end

  assign acc_o      = acc_q;
  assign unused_sum = sum[0];

endmodule
