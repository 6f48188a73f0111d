// SPDX-License-Identifier: Apache-2.0
// st_accel_pnr_check.sv - place-and-route harness for the descriptor checker alone (make pnr-accel-check):
// its inputs are bits of the st_pnr_pins shift register and its outputs fold into one pin, so that nextpnr
// measures the checker's logic cells and Fmax on the UP5K. The checker's one-cycle microcode step is the
// critical path of the whole accelerator on the HX8K (docs/accelerator.md §7.2); this measures it on the
// UP5K, with its multiplier in a DSP block.

module st_accel_pnr_check (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic din_i,
  output logic dout_o
);

  localparam int DW = st_accel_pkg::DW;
  localparam int BW = st_accel_pkg::BW;
  localparam int OW = st_accel_pkg::OW;
  localparam int NI = 42;  // flush, dw_we, dw_idx (5), dw_data (32), start, px_init, px_adv

  logic [NI-1:0]        pins;
  logic                 done, busy, pend;
  logic [7:0]           err;
  st_accel_pkg::cfg_t   cfg;
  logic signed [DW+1:0] ox, oy;
  logic [BW-1:0]        org;
  logic [OW-1:0]        opix, rpix;

  localparam int NO = 1 + 8 + $bits(cfg) + 1 + 2 * (DW + 2) + BW + 2 * OW + 1;

  st_pnr_pins #(
    .NumIn  (NI),
    .NumOut (NO)
  ) u_pins (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .din_i  (din_i),
    .dout_o (dout_o),
    .in_o   (pins),
    .out_i  ({done, err, cfg, busy, ox, oy, org, opix, rpix, pend})
  );

  st_accel_check u_check (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .flush_i   (pins[0]),
    .dw_we_i   (pins[1]),
    .dw_idx_i  (pins[6:2]),
    .dw_data_i (pins[38:7]),
    .start_i   (pins[39]),
    .done_o    (done),
    .err_o     (err),
    .cfg_o     (cfg),
    .px_init_i (pins[40]),
    .px_adv_i  (pins[41]),
    .px_busy_o (busy),
    .px_ox_o   (ox),
    .px_oy_o   (oy),
    .px_org_o  (org),
    .px_opix_o (opix),
    .px_rpix_o (rpix),
    .px_end_o  (pend)
  );

endmodule
