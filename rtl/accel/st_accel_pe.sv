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
//
// BytesMac = 1 (the coprocessor, rtl/cop/st_cop.sv; the accelerator leaves it 0 and has none of this
// logic) adds the bytes multiply-accumulate mode for a BYTES network input (numerics.md §7.2): the
// activation slice holds NB = SimdWidth / 8 unsigned bytes x_b, and the byte group bg1_i selects the NB
// weight bits that belong to them (bits NB*bg .. NB*bg + NB-1: 8 groups per weight word):
//   bsum = sum_b x_b * w[NB*bg + b]      (the bytes whose weight bit is set: 0 .. 255 NB)
//   term = bsum, or 2*bsum - corr        (MODE.DBL; corr is then the slice's byte sum, st_accel_array)
// in the popcount's stages: byte pairs (1: each pair's two weight bits pick 0, x_2q, x_2q+1 or their
// sum, which the array adds once for all PEs) | the pairs' sum (2) | the term (3, bytes3_i selects it).

module st_accel_pe #(
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256,
  parameter int BytesMac  = 0   // 1: the bytes multiply-accumulate mode (SimdWidth a multiple of 16)
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
  input  logic [2:0]                     bg1_i,     // BytesMac: the byte group of the weight word
  // BytesMac: x_2q + x_2q+1 at bits 9q +: 9 (9 unused bits when SimdWidth < 16: no BytesMac, no pairs)
  input  logic [(SimdWidth >= 16 ? SimdWidth / 16 : 1) * 9 - 1:0] bp1_i,

  // stage 3: the term
  input  logic                           dbl3_i,    // term = 2*pc - corr
  // popcount(a) / popcount(v) (BytesMac: or the byte sum in MODE.BYTES, so 0 .. 255 SimdWidth/8)
  input  logic [((BytesMac != 0) ? $clog2(255*(SimdWidth/8)+1) : $clog2(SimdWidth+1))-1:0] corr3_i,
  input  logic                           bytes3_i,  // BytesMac: MODE.BYTES, the term is the bytes'

  // stage 4: the accumulator
  input  logic                           op4_i,
  input  logic                           neg4_i,    // subtract the term
  input  logic                           aclr4_i,   // the accumulator restarts
  input  logic                           adbl4_i,   // the accumulator doubles first

  output logic [31:0]                    acc_o,
  output logic [SimdWidth-1:0]           w1_o       // the memory's read word (the coprocessor's thresholds)
);

  localparam int CNTW = $clog2(SimdWidth + 1);
  localparam int NB   = SimdWidth / 8;          // bytes per slice (BytesMac)
  localparam int BSW  = $clog2(255 * NB + 1);   // a byte sum, 0 .. 255 NB (BytesMac)
  // the term, signed: -SimdWidth .. 2*SimdWidth; BytesMac: also -255 NB .. 255 NB (2 bsum - corr with
  // bsum <= corr, or bsum), and BSW + 1 > CNTW + 2 for every NB
  localparam int TW   = (BytesMac != 0) ? BSW + 1 : CNTW + 2;

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

  if (BytesMac != 0) begin : gen_bytes
    logic [NB-1:0]       wsel;             // the byte group's weight bits (stage 1)
    logic [NB/2*9-1:0]   pair_d, pair_q;   // pair q: x_2q and x_2q+1 kept by their weight bits
    logic [BSW-1:0]      bsum_d, bsum_q;   // stage 2: the pairs' sum
    logic [BSW-1:0]      val;              // stage 3: the sum the term is made of, bsum or pc

    assign wsel = w1_q[NB*bg1_i +: NB];

    always_comb begin
      for (int q = 0; q < NB / 2; q++) begin
        unique case (wsel[2*q +: 2])
          2'b00:   pair_d[9*q +: 9] = '0;
          2'b01:   pair_d[9*q +: 9] = {1'b0, a1_i[16*q +: 8]};
          2'b10:   pair_d[9*q +: 9] = {1'b0, a1_i[16*q + 8 +: 8]};
          default: pair_d[9*q +: 9] = bp1_i[9*q +: 9];
        endcase
      end
      bsum_d = '0;
      for (int q = 0; q < NB / 2; q++) begin
        bsum_d = bsum_d + {{(BSW - 9){1'b0}}, pair_q[9*q +: 9]};
      end
      val = bytes3_i ? bsum_q : {{(BSW - CNTW){1'b0}}, pc3};
      if (dbl3_i) begin
        term_d = {val, 1'b0} - {1'b0, corr3_i};
      end else begin
        term_d = {1'b0, val};
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        pair_q <= '0;
        bsum_q <= '0;
      end else begin
        pair_q <= pair_d;
        bsum_q <= bsum_d;
      end
    end
  end else begin : gen_pc
    always_comb begin
      if (dbl3_i) begin
        term_d = {1'b0, pc3, 1'b0} - {2'b00, corr3_i};
      end else begin
        term_d = {2'b00, pc3};
      end
    end
    logic unused_bytes;
    assign unused_bytes = ^{bg1_i, bp1_i, bytes3_i};
  end

  always_comb begin
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
  assign w1_o       = w1_q;
  assign unused_sum = sum[0];

endmodule
