// SPDX-License-Identifier: Apache-2.0
// st_fpga_top.sv - iCEBreaker (iCE40 UP5K-SG48) top level: PLL, reset, pins around st_soc_top.
//
// Clock: the 12 MHz oscillator (pin 35) feeds SB_PLL40_PAD; its dividers come from icepll for the
// target clock (fpga/icebreaker/fpga.mk passes them as parameters: DIVR, DIVF, DIVQ, FILTER_RANGE).
// Reset: held while the PLL is not locked, then released synchronously after 16 cycles of the system
// clock (rst_ni of st_soc_top: asynchronous assertion, synchronous de-assertion).
// Pins (icebreaker.pcf): UART on the FTDI's second channel (RX 6, TX 9), user button BTN_N (10, active
// low), LEDs LEDR_N (11) and LEDG_N (37), active low; SPI flash SCK 15, SS 16, MOSI/IO0 14, MISO/IO1 17,
// and IO2 (WP#) / IO3 (HOLD#) 12 / 13 driven high, so that a flash without the QE bit neither pauses nor
// write-protects. The SoC boots from its boot ROM (ResetVector = BOOTROM_BASE), which copies the
// application from flash into SPRAM (firmware/boot/). The simulation outputs of st_soc_top stay open.
// The SoC's accelerator, if any, is chosen by define (ST_SOC_ACCEL or ST_SOC_COP, fpga_flow.sh -a); the
// parameters of the other one are unused.

module st_fpga_top #(
  parameter logic [3:0] PllDivr        = 4'd0,   // icepll -i 12 -o 24: DIVR 0, DIVF 63, DIVQ 5, FILTER 1
  parameter logic [6:0] PllDivf        = 7'd63,
  parameter logic [2:0] PllDivq        = 3'd5,
  parameter logic [2:0] PllFilterRange = 3'd1,
  parameter int         BootRomWords   = 768,
  parameter             BootRomFile    = "",
  parameter int         AccelNumPe     = 8,    // the accelerator's geometry (with ST_SOC_ACCEL)
  parameter int         AccelSimd      = 32,
  parameter int         CopNumPe       = 4,    // the coprocessor's (with ST_SOC_COP: make fpga FPGA_ACCEL=cop)
  parameter int         CopWbufDepth   = 512
) (
  input  logic clk_12m_i,
  input  logic uart_rx_i,
  output logic uart_tx_o,
  input  logic btn_ni,
  output logic led_red_no,
  output logic led_green_no,
  output logic flash_sck_o,
  output logic flash_cs_no,
  output logic flash_mosi_o,
  input  logic flash_miso_i,
  output logic flash_wp_no,
  output logic flash_hold_no
);

  logic clk;
  logic pll_locked;

  // ---- PLL: 12 MHz -> system clock -------------------------------------------------------------------
  SB_PLL40_PAD #(
    .FEEDBACK_PATH ("SIMPLE"),
    .DIVR          (PllDivr),
    .DIVF          (PllDivf),
    .DIVQ          (PllDivq),
    .FILTER_RANGE  (PllFilterRange)
  ) u_pll (
    .PACKAGEPIN    (clk_12m_i),
    .PLLOUTCORE    (),
    .PLLOUTGLOBAL  (clk),
    .EXTFEEDBACK   (1'b0),
    .DYNAMICDELAY  (8'h00),
    .LOCK          (pll_locked),
    .BYPASS        (1'b0),
    .RESETB        (1'b1),
    .LATCHINPUTVALUE (1'b0),
    .SDO           (),
    .SDI           (1'b0),
    .SCLK          (1'b0)
  );

  // ---- Reset: asserted while unlocked, released 16 cycles after lock ------------------------------------
  logic [4:0] rst_cnt_q;
  logic       rst_n_q;

  always_ff @(posedge clk or negedge pll_locked) begin
    if (!pll_locked) begin
      rst_cnt_q <= 5'd0;
      rst_n_q   <= 1'b0;
    end else begin
      if (!rst_cnt_q[4]) begin
        rst_cnt_q <= rst_cnt_q + 5'd1;
      end
      rst_n_q <= rst_cnt_q[4];
    end
  end

  // ---- The SoC ---------------------------------------------------------------------------------------
  logic [1:0] led;

  st_soc_top #(
    .ResetVector  (st_regs_pkg::BOOTROM_BASE),
    .BootRomWords (BootRomWords),
    .BootRomFile  (BootRomFile),
    .AccelNumPe   (AccelNumPe),
    .AccelSimd    (AccelSimd),
    .CopNumPe     (CopNumPe),
    .CopWbufDepth (CopWbufDepth)
  ) u_soc (
    .clk_i           (clk),
    .rst_ni          (rst_n_q),
    .uart_rx_i       (uart_rx_i),
    .uart_tx_o       (uart_tx_o),
    .led_o           (led),
    .btn_i           (!btn_ni),
    .spi_sck_o       (flash_sck_o),
    .spi_cs_no       (flash_cs_no),
    .spi_mosi_o      (flash_mosi_o),
    .spi_miso_i      (flash_miso_i),
    .sim_exit_o      (),
    .sim_exit_code_o (),
    .sim_putc_o      (),
    .sim_putc_char_o (),
    .sim_uart_div_o  (),
    .sim_retired_o   (),
    .sim_pc_o        ()
  );

  assign led_red_no    = !led[st_regs_pkg::GPIO_LED_RED_LSB];
  assign led_green_no  = !led[st_regs_pkg::GPIO_LED_GREEN_LSB];
  assign flash_wp_no   = 1'b1;
  assign flash_hold_no = 1'b1;

endmodule
