// SPDX-License-Identifier: Apache-2.0
// st_cpu_synth_top.sv - a harness that gives st_cpu_core pins, for measuring it alone on the UP5K.
//
// Not part of the SoC. Every core input comes from a flip-flop of a 64-bit shift register fed by one pin,
// every core output goes into a flip-flop (packed into the logic cell of the LUT that drives it), and the
// registered outputs are XOR-folded onto one pin, so nothing of the core is optimised away and every
// timing path of the core starts and ends at a flip-flop. rtl/cpu/cpu.mk counts only the logic cells
// whose names lie under u_core (the core is synthesised without flattening into the harness).

module st_cpu_synth_top (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic din_i,
  output logic dout_o
);

  logic [63:0] in_q;
  logic [31:0] ibus_addr, ibus_wdata, dbus_addr, dbus_wdata, retired;
  logic [3:0]  ibus_be, dbus_be;
  logic        ibus_valid, ibus_we, dbus_valid, dbus_we;

  st_cpu_core u_core (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .ibus_req_valid_o (ibus_valid),
    .ibus_req_ready_i (in_q[0]),
    .ibus_req_addr_o  (ibus_addr),
    .ibus_req_we_o    (ibus_we),
    .ibus_req_be_o    (ibus_be),
    .ibus_req_wdata_o (ibus_wdata),
    .ibus_rsp_valid_i (in_q[1]),
    .ibus_rsp_rdata_i (in_q[63:32]),
    .ibus_rsp_err_i   (in_q[2]),
    .dbus_req_valid_o (dbus_valid),
    .dbus_req_ready_i (in_q[3]),
    .dbus_req_addr_o  (dbus_addr),
    .dbus_req_we_o    (dbus_we),
    .dbus_req_be_o    (dbus_be),
    .dbus_req_wdata_o (dbus_wdata),
    .dbus_rsp_valid_i (in_q[4]),
    .dbus_rsp_rdata_i ({in_q[31:8], in_q[47:40]}),
    .dbus_rsp_err_i   (in_q[5]),
    .irq_timer_i      (in_q[6]),
    .irq_ext_i        (in_q[7]),
    .mtime_i          ({in_q[15:0], in_q[63:16]}),
    .retired_o        (retired),
    .pc_o             ()
  );

  logic [171:0] out_q;
  logic         dout_q;

  always_ff @(posedge clk_i) begin
    in_q   <= {in_q[62:0], din_i};
    out_q  <= {ibus_valid, ibus_addr, ibus_we, ibus_be, ibus_wdata,
               dbus_valid, dbus_addr, dbus_we, dbus_be, dbus_wdata, retired};
    dout_q <= ^out_q;
  end

  assign dout_o = dout_q;

endmodule
