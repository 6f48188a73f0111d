// SPDX-License-Identifier: Apache-2.0
// st_soc_gpio.sv - LEDs (outputs) and the user button (input, synchronised).
//
// Registers (block GPIO): LED (RW, 1 = on; the board top inverts for active-low LEDs), BTN (RO, 1 =
// pressed). Bus slave per docs/bus.md: response one cycle after acceptance, rsp_err for an offset that is
// no register or a write to BTN.

module st_soc_gpio (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [31:0] req_addr_i,
  input  logic        req_we_i,
  input  logic [3:0]  req_be_i,
  input  logic [31:0] req_wdata_i,
  output logic        rsp_valid_o,
  output logic [31:0] rsp_rdata_o,
  output logic        rsp_err_o,

  output logic [1:0]  led_o,
  input  logic        btn_i
);

  logic [1:0]  led_q, led_d;
  logic [1:0]  btn_sync_q;  // two-flop synchroniser, [1] is the synchronised button
  logic [31:0] rdata_d, rdata_q;
  logic        err_d, err_q, rsp_valid_q;

  assign req_ready_o = 1'b1;

  always_comb begin
    led_d   = led_q;
    rdata_d = 32'h0;
    err_d   = 1'b0;
    if (req_valid_i) begin
      unique case (req_addr_i[11:0])
        st_regs_pkg::GPIO_LED_OFFSET: begin
          rdata_d[1:0] = led_q;
          if (req_we_i && req_be_i[0]) begin
            led_d = req_wdata_i[1:0];
          end
        end
        st_regs_pkg::GPIO_BTN_OFFSET: begin
          rdata_d[st_regs_pkg::GPIO_BTN_USER_LSB] = btn_sync_q[1];
          err_d = req_we_i;
        end
        default: err_d = 1'b1;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      led_q       <= st_regs_pkg::GPIO_LED_RESET[1:0];
      btn_sync_q  <= 2'b00;
      rdata_q     <= 32'h0;
      err_q       <= 1'b0;
      rsp_valid_q <= 1'b0;
    end else begin
      led_q       <= led_d;
      btn_sync_q  <= {btn_sync_q[0], btn_i};
      rdata_q     <= rdata_d;
      err_q       <= err_d;
      rsp_valid_q <= req_valid_i;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;
  assign led_o       = led_q;

  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i[3:1], req_wdata_i[31:2]};

endmodule
