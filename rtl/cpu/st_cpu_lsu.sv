// SPDX-License-Identifier: Apache-2.0
// st_cpu_lsu.sv - load/store data path (combinational): byte enables, store lanes, load extraction.
//
// Accesses must be naturally aligned (halfwords on even, words on multiple-of-4 addresses); misaligned_o
// flags the others and the core raises a misaligned-access exception instead of a bus request (the
// RISC-V spec allows this; docs/cpu.md). The bus address is always word aligned; the byte enables and
// the lane of the data select the bytes (docs/bus.md).

module st_cpu_lsu (
  input  logic [1:0]  size_i,        // 0 byte, 1 half, 2 word
  input  logic [1:0]  addr_lo_i,     // address bits 1:0 of the access being issued
  input  logic [31:0] store_data_i,  // rs2
  output logic        misaligned_o,
  output logic [3:0]  be_o,
  output logic [31:0] wdata_o,
  input  logic [1:0]  rsp_addr_lo_i, // address bits 1:0 of the load whose response is on rdata_i
  input  logic [1:0]  rsp_size_i,
  input  logic        rsp_unsigned_i, // load: zero-extend (LBU, LHU)
  input  logic [31:0] rdata_i,
  output logic [31:0] load_data_o
);

  always_comb begin
    misaligned_o = 1'b0;
    unique case (size_i)
      2'd0:    be_o = 4'b0001 << addr_lo_i;
      2'd1: begin
        be_o         = addr_lo_i[1] ? 4'b1100 : 4'b0011;
        misaligned_o = addr_lo_i[0];
      end
      default: begin
        be_o         = 4'b1111;
        misaligned_o = (addr_lo_i != 2'b00);
      end
    endcase
  end

  // Replicate the low byte / halfword on every lane; the byte enables pick the right one.
  always_comb begin
    unique case (size_i)
      2'd0:    wdata_o = {4{store_data_i[7:0]}};
      2'd1:    wdata_o = {2{store_data_i[15:0]}};
      default: wdata_o = store_data_i;
    endcase
  end

  logic [15:0] shifted;  // the addressed byte / halfword at the bottom
  always_comb begin
    unique case (rsp_addr_lo_i)
      2'd1:    shifted = {8'd0, rdata_i[15:8]};
      2'd2:    shifted = rdata_i[31:16];
      2'd3:    shifted = {8'd0, rdata_i[31:24]};
      default: shifted = rdata_i[15:0];
    endcase
  end

  always_comb begin
    unique case (rsp_size_i)
      2'd0:    load_data_o = {{24{!rsp_unsigned_i && shifted[7]}}, shifted[7:0]};
      2'd1:    load_data_o = {{16{!rsp_unsigned_i && shifted[15]}}, shifted[15:0]};
      default: load_data_o = rdata_i;
    endcase
  end

endmodule
