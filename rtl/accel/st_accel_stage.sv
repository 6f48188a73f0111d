// SPDX-License-Identifier: Apache-2.0
// st_accel_stage.sv - the first layer's staging register and im2col memory (BYTES input,
// docs/accelerator.md §5).
//
// The network input arrives one byte per reduction position k (numerics.md §7.4: taps x channels packed
// densely). 32 bytes, one weight word's worth, are shifted in with a valid bit each (0 for padding taps
// and for k beyond the kernel); position 31 enters first and ends at position 0. Then nine transpose
// steps each write the register's bit plane 0 (bit 0 of all 32 bytes) as one word into the im2col block
// RAM and rotate every byte right by one, so planes 0..7 and the valid plane (the V plane of a bipolar
// input) land in memory without a 9:1 plane multiplexer. The array reads these plane words back as its
// activation operand, as often as the plane pairs and tiles need them: each byte is fetched once per
// pixel. The valid bytes of a pixel are counted for PERF_MACS.

module st_accel_stage #(
  parameter int SimdWidth = 32,
  parameter int XbufWords = 256
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,
  input  logic                              shift_i,   // gather one byte
  input  logic [7:0]                        byte_i,
  input  logic                              valid_i,
  input  logic                              first_i,   // ... the pixel's first: restart the count
  input  logic                              xpose_i,   // write plane 0 and rotate
  input  logic [4:0]                        bits_i,    // the input's planes (cfg in_bits)
  input  logic [$clog2(XbufWords)-1:0]      waddr_i,
  input  logic [$clog2(XbufWords)-1:0]      raddr_i,   // stage 0
  input  logic [$clog2(32/SimdWidth+1)-1:0] slice_i,   // stage 0
  output logic [SimdWidth-1:0]              x1_o,      // stage 1: slice of the word at raddr_i
  output logic [9:0]                        nvalid_o,  // valid bytes gathered for this pixel
  output logic [3:0]                        hp_o       // the window's highest non-zero plane + 1 (0: none)
);

  localparam int SLW = $clog2(32 / SimdWidth + 1);

  logic [9*32-1:0] st_q, st_d;      // position p at bits 9p+8:9p: {valid, byte}
  logic [31:0]     plane0;
  logic [9:0]      nv_q, nv_d;
  logic [7:0]      nz_q, nz_d;      // OR of the window's bytes (padding bytes enter as 0)
  // the highest non-zero plane + 1 of nz_q below bits_i, kept in a register of its own so that the
  // generator's zero-plane skip starts from a flip-flop (it is final in the same cycle as nz_q)
  logic [7:0]      nzm;
  logic [3:0]      hp_q, hp_d;
  (* no_rw_check *)  // transposes and array reads never overlap
  logic [31:0]     mem [XbufWords];
  logic [31:0]     rd1_q;
  logic [SLW-1:0]  slice1_q;

  always_comb begin
    st_d = st_q;
    nv_d = nv_q;
    nz_d = nz_q;
    if (shift_i) begin
      nz_d = (first_i ? 8'h00 : nz_q) | (valid_i ? byte_i : 8'h00);
      st_d = {valid_i, valid_i ? byte_i : 8'h00, st_q[9*32-1:9]};
      if (first_i) begin
        nv_d = 10'(valid_i);
      end else begin
        nv_d = nv_q + 10'(valid_i);
      end
    end else if (xpose_i) begin
      for (int p = 0; p < 32; p++) begin
        st_d[9*p +: 9] = {st_q[9*p], st_q[9*p+1 +: 8]};
      end
    end
    for (int p = 0; p < 32; p++) begin
      plane0[p] = st_q[9*p];
    end
    nzm  = nz_d & ~(8'hff << bits_i);
    hp_d = 4'd0;
    for (int b = 0; b < 8; b++) begin
      if (nzm[b]) begin
        hp_d = 4'(b + 1);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q     <= '0;
      nv_q     <= '0;
      nz_q     <= '0;
      hp_q     <= '0;
      slice1_q <= '0;
    end else begin
      st_q     <= st_d;
      nv_q     <= nv_d;
      nz_q     <= nz_d;
      hp_q     <= hp_d;
      slice1_q <= slice_i;
    end
  end

  // the im2col memory: block RAM, synchronous read
  always_ff @(posedge clk_i) begin
    if (xpose_i) begin
      mem[waddr_i] <= plane0;
    end
    rd1_q <= mem[raddr_i];
  end

`ifdef ST_ACCEL_DEBUG
  always_ff @(posedge clk_i) begin
    if (shift_i) $display("%t gather byte %02x valid %0d first %0d", $time, byte_i, valid_i, first_i);
    if (xpose_i) $display("%t xpose [%0d] <= %08x", $time, waddr_i, plane0);
  end
`endif

  assign x1_o     = rd1_q[32'(slice1_q) * SimdWidth +: SimdWidth];
  assign nvalid_o = nv_q;
  assign hp_o     = hp_q;

endmodule
