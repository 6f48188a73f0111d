// SPDX-License-Identifier: Apache-2.0
// st_accel_pe.sv - one processing element: an output channel's weight memory, the AND / XOR popcount
// and the two shift-accumulate registers of the bit-plane form (numerics.md §6).
//
// Per operation the PE combines a SimdWidth-bit activation slice a with the weight slice w at rd_addr:
//   pc   = popcount(a & w)              (popcount(a ^ w) in XOR mode)
//   term = pc, or 2*pc - corr           (bipolar weights / XOR: corr is a shared popcount, see st_accel_array)
//   t    = (t_clr ? 0 : t_dbl ? 2t : t) +/- term     Horner over weight planes j (MSB first)
//   acc  = (acc_clr ? 0 : acc_dbl ? 2acc : acc) + t  after the last weight plane; Horner over activation planes
// Pipeline: read (0) | popcount groups (1) | popcount sum (2) | t (3) | acc (4). The control inputs
// arrive already aligned to their stage (st_accel_array delays them). acc is int32 and wraps modulo
// 2^32: intermediate Horner values may exceed int32 while the final sum (numerics.md §8) does not.

module st_accel_pe #(
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,

  // weight memory: write port (the loader) and read address (stage 0)
  input  logic                          we_i,
  input  logic [$clog2(WbufDepth)-1:0]  waddr_i,
  input  logic [SimdWidth-1:0]          wdata_i,
  input  logic [$clog2(WbufDepth)-1:0]  raddr_i,

  // stage 1: the activation slice and the operation
  input  logic [SimdWidth-1:0]          a1_i,
  input  logic                          xor1_i,

  // stage 3: the term
  input  logic                          v3_i,      // an operation (not a bubble)
  input  logic                          dbl3_i,    // term = 2*pc - corr
  input  logic                          neg3_i,    // subtract the term
  input  logic [$clog2(SimdWidth+1)-1:0] corr3_i,
  input  logic                          tclr3_i,
  input  logic                          tdbl3_i,

  // stage 4: the accumulator
  input  logic                          last4_i,   // t is complete: fold it into acc
  input  logic                          aclr4_i,
  input  logic                          adbl4_i,

  output logic [31:0]                   acc_o
);

  localparam int CNTW = $clog2(SimdWidth + 1);
  localparam int TW   = 18;  // |t| <= 2*SimdWidth*(2^8 - 1) * 32/SimdWidth < 2^15, with margin

  logic [SimdWidth-1:0] mem [WbufDepth];
  logic [SimdWidth-1:0] w1_q;
  logic [SimdWidth-1:0] x1;
  logic [CNTW-1:0]      pc3;
  logic signed [CNTW+1:0] term3;
  logic signed [TW-1:0] t_q, t_d;
  logic [31:0]          acc_q, acc_d;

  // the weight memory: one block RAM per PE (synchronous read)
  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem[waddr_i] <= wdata_i;
    end
    w1_q <= mem[raddr_i];
  end

  assign x1 = xor1_i ? (a1_i ^ w1_q) : (a1_i & w1_q);

  st_accel_popcount #(
    .Width (SimdWidth)
  ) u_pc (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .x_i    (x1),
    .cnt_o  (pc3)
  );

  always_comb begin
    if (dbl3_i) begin
      term3 = $signed({1'b0, pc3, 1'b0}) - $signed({2'b00, corr3_i});
    end else begin
      term3 = $signed({2'b00, pc3});
    end
    t_d = t_q;
    if (v3_i) begin
      if (tclr3_i) begin
        t_d = '0;
      end else if (tdbl3_i) begin
        t_d = t_q <<< 1;
      end
      if (neg3_i) begin
        t_d = t_d - TW'(term3);
      end else begin
        t_d = t_d + TW'(term3);
      end
    end
    acc_d = acc_q;
    if (last4_i) begin
      if (aclr4_i) begin
        acc_d = '0;
      end else if (adbl4_i) begin
        acc_d = acc_q << 1;
      end
      acc_d = acc_d + 32'(t_q);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      t_q   <= '0;
      acc_q <= '0;
    end else begin
      t_q   <= t_d;
      acc_q <= acc_d;
    end
  end

  assign acc_o = acc_q;

endmodule
