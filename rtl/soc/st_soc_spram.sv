// SPDX-License-Identifier: Apache-2.0
// st_soc_spram.sv - one 16K x 16-bit single-port RAM: the iCE40 UP5K's SB_SPRAM256KA or its model.
//
// Synthesis (Yosys defines SYNTHESIS) instantiates the hard SPRAM block. Simulation uses a behavioural
// model with the same timing: the read data appears on rdata_o the cycle after the access and holds until
// the next read. Writes use a per-byte enable (the primitive's MASKWREN has one bit per nibble).
// With ST_SIM_BACKDOOR defined the model fills itself at time 0 from the simulator's firmware image through
// the DPI function st_sim_ram_init (sim/soc/); the hardware cannot be initialised (a UP5K SPRAM powers up
// with undefined contents), so nothing else may rely on an initial value.

module st_soc_spram #(
  parameter int BlockId = 0  // which of the four SPRAM blocks, for the simulation backdoor
) (
  input  logic        clk_i,
  input  logic        en_i,     // access this cycle
  input  logic        we_i,     // 1 write, 0 read
  input  logic [13:0] addr_i,   // 16-bit word index
  input  logic [1:0]  be_i,     // byte enables of a write
  input  logic [15:0] wdata_i,
  output logic [15:0] rdata_o
);

`ifdef SYNTHESIS
  SB_SPRAM256KA u_spram (
    .ADDRESS    (addr_i),
    .DATAIN     (wdata_i),
    .MASKWREN   ({be_i[1], be_i[1], be_i[0], be_i[0]}),
    .WREN       (we_i),
    .CHIPSELECT (en_i),
    .CLOCK      (clk_i),
    .STANDBY    (1'b0),
    .SLEEP      (1'b0),
    .POWEROFF   (1'b1),  // active low: keep the block powered
    .DATAOUT    (rdata_o)
  );
`else
  logic [15:0] mem_q [16384];
  logic [15:0] rdata_q;

`ifdef ST_SIM_BACKDOOR
  // Returns the 16-bit half-word `index` of SPRAM block `block` from the loaded firmware image.
  import "DPI-C" function int st_sim_ram_init(input int block, input int index);
  initial begin
    for (int i = 0; i < 16384; i++) begin
      mem_q[i] = 16'(st_sim_ram_init(BlockId, i));
    end
  end
`endif

  always_ff @(posedge clk_i) begin
    if (en_i && we_i) begin
      if (be_i[0]) mem_q[addr_i][7:0] <= wdata_i[7:0];
      if (be_i[1]) mem_q[addr_i][15:8] <= wdata_i[15:8];
    end
    if (en_i && !we_i) begin
      rdata_q <= mem_q[addr_i];
    end
  end

  assign rdata_o = rdata_q;
`endif

endmodule
