// SPDX-License-Identifier: Apache-2.0
// st_accel_stage.sv - the first layer's staging register (BYTES input, docs/accelerator.md §5).
//
// The 8-bit network input arrives one byte per reduction position k (numerics.md §7.4: taps x channels
// packed densely). 32 bytes, one weight word's worth, are shifted in (position 31 first in, position 0
// after 32 shifts) together with a valid bit (0 for padding taps and for k beyond the kernel); the
// array then reads bit plane i of all 32 positions as one activation word, so a 3x3x3 kernel fills 27 of
// 32 SIMD lanes instead of 3. Plane 8 is the valid mask (the V plane of a bipolar input). The number of
// valid positions of each SIMD slice is counted as the bytes arrive (for PERF_MACS).

module st_accel_stage #(
  parameter int SimdWidth = 32
) (
  input  logic                           clk_i,
  input  logic                           rst_ni,
  input  logic                           flush_i,
  input  logic                           shift_i,
  input  logic [7:0]                     byte_i,
  input  logic                           valid_i,
  input  logic [3:0]                     plane_i,  // 0..7 code bit planes, 8 the valid mask
  output logic [31:0]                    plane_o,
  input  logic [$clog2(32/SimdWidth+1)-1:0] slice_i,
  output logic [5:0]                     nvalid_o  // valid positions in slice slice_i
);

  localparam int NS = 32 / SimdWidth;

  logic [9*32-1:0] st_q, st_d;     // position p at bits 9p+8:9p: {valid, byte}
  logic [4:0]      g_q, g_d;       // gather index of the next byte (its final position)
  logic [6*NS-1:0] vc_q, vc_d;     // valid positions of slice s at bits 6s+5:6s

  always_comb begin
    st_d = st_q;
    vc_d = vc_q;
    g_d  = g_q;
    if (shift_i) begin
      st_d = {valid_i, valid_i ? byte_i : 8'h00, st_q[9*32-1:9]};
      g_d  = g_q + 1'b1;
      for (int s = 0; s < NS; s++) begin
        if (g_q == 5'd0) begin
          vc_d[6*s +: 6] = '0;  // a new word starts
        end
        if ((32'(g_q) / SimdWidth) == s && valid_i) begin
          vc_d[6*s +: 6] = vc_d[6*s +: 6] + 1'b1;
        end
      end
    end
    if (flush_i) begin
      g_d = '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= '0;
      vc_q <= '0;
      g_q  <= '0;
    end else begin
      st_q <= st_d;
      vc_q <= vc_d;
      g_q  <= g_d;
    end
  end

  always_comb begin
    for (int p = 0; p < 32; p++) begin
      plane_o[p] = st_q[9*p + 32'(plane_i)];
    end
    nvalid_o = '0;
    for (int s = 0; s < NS; s++) begin
      if (32'(slice_i) == s) begin
        nvalid_o = vc_q[6*s +: 6];
      end
    end
  end

endmodule
