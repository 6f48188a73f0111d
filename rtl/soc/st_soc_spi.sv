// SPDX-License-Identifier: Apache-2.0
// st_soc_spi.sv - SPI flash master (mode 0, MSB first, one byte per transfer) for the boot path.
//
// Registers (rtl/regs/st_regs.def, block SPI): CTRL (CS, DIV), DATA, STATUS (BUSY).
// CTRL.CS drives the chip select directly (cs_no = !CS): the firmware frames a flash command (command byte,
// address, data) by setting CS, moving bytes through DATA and clearing CS. A write to DATA starts a
// transfer: eight SCK periods of 2 * (DIV + 1) clock cycles, MOSI changing after each falling SCK edge and
// MISO sampled at each rising edge (the flash shifts its output on falling edges). 16 * (DIV + 1) cycles
// per byte.
// An access to DATA (read or write) while a transfer runs is held off (req_ready low) until it ends, so
// `write DATA; read DATA` returns the byte of that transfer without polling STATUS.
// Bus slave per docs/bus.md: response one cycle after acceptance; an offset that is no register, or a
// write to STATUS, gets rsp_err. The SCK half-period counter is an st_cpu_counter counting up from ~DIV.
//
// Board timing at DIV = 0: SCK rises at clock edge t and falls at t + 1; the flash's output changes after
// the falling edge (tCLQV <= 7 ns on a W25Q128) and is captured at t + 2, one clock period after the
// falling edge leaves the FPGA. The boot ROM uses DIV = 1 for margin (firmware/boot/README.md).

module st_soc_spi (
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

  output logic        spi_sck_o,
  output logic        spi_cs_no,
  output logic        spi_mosi_o,
  input  logic        spi_miso_i
);

  logic        is_ctrl, is_data, is_status;
  logic        stall, acc, wr;
  logic [31:0] rdata_d, rdata_q;
  logic        err_d, err_q, rsp_valid_q;

  logic       cs_q, cs_d;
  logic [7:0] div_q, div_d;
  logic       busy_q, busy_d;
  logic [7:0] cnt_q;             // counts up from ~div: the SCK half period ends at all ones (div + 1 cycles)
  logic       cnt_load, cnt_carry;
  logic [2:0] bit_q, bit_d;      // bits done
  logic       sck_q, sck_d;
  logic [7:0] shift_q, shift_d;  // [7] drives MOSI; received bits enter at [0]
  logic       miso_q, miso_d;    // MISO sampled at the rising edge, shifted in at the falling edge

  assign is_ctrl   = (req_addr_i[11:0] == st_regs_pkg::SPI_CTRL_OFFSET);
  assign is_data   = (req_addr_i[11:0] == st_regs_pkg::SPI_DATA_OFFSET);
  assign is_status = (req_addr_i[11:0] == st_regs_pkg::SPI_STATUS_OFFSET);

  assign stall       = busy_q && is_data;
  assign req_ready_o = !stall;
  assign acc         = req_valid_i && !stall;
  assign wr          = acc && req_we_i;

  // ---- Register access ------------------------------------------------------------------------------
  always_comb begin
    rdata_d = 32'h0;
    err_d   = 1'b0;
    cs_d    = cs_q;
    div_d   = div_q;
    if (acc) begin
      unique case (1'b1)
        is_ctrl: begin
          rdata_d[st_regs_pkg::SPI_CTRL_CS_LSB] = cs_q;
          rdata_d[st_regs_pkg::SPI_CTRL_DIV_LSB +: 8] = div_q;
          if (wr && req_be_i[0]) begin
            cs_d = req_wdata_i[st_regs_pkg::SPI_CTRL_CS_LSB];
          end
          if (wr && req_be_i[1]) begin
            div_d = req_wdata_i[st_regs_pkg::SPI_CTRL_DIV_LSB +: 8];
          end
        end
        is_data: begin
          rdata_d[7:0] = shift_q;
        end
        is_status: begin
          rdata_d[st_regs_pkg::SPI_STATUS_BUSY_LSB] = busy_q;
          err_d = req_we_i;
        end
        default: err_d = 1'b1;
      endcase
    end
  end

  // ---- Shifter --------------------------------------------------------------------------------------
  always_comb begin
    busy_d   = busy_q;
    cnt_load = 1'b0;
    bit_d    = bit_q;
    sck_d   = sck_q;
    shift_d = shift_q;
    miso_d  = miso_q;
    if (busy_q) begin
      if (cnt_q == 8'hff) begin
        cnt_load = 1'b1;
        sck_d = !sck_q;
        if (!sck_q) begin
          miso_d = spi_miso_i;                  // rising edge: sample
        end else begin
          shift_d = {shift_q[6:0], miso_q};     // falling edge: next MOSI bit, received bit in
          bit_d   = bit_q + 3'd1;
          busy_d  = (bit_q != 3'd7);
        end
      end
    end else if (wr && is_data && req_be_i[0]) begin
      busy_d  = 1'b1;
      cnt_load = 1'b1;
      bit_d   = 3'd0;
      shift_d = req_wdata_i[7:0];
    end
  end

  // The half-period counter: one logic cell per bit (st_cpu_counter), loaded with ~div.
  st_cpu_counter #(
    .Width      (8),
    .InvertLoad (1'b1)
  ) u_cnt (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (1'b1),
    .we_i    (cnt_load),
    .wdata_i (div_q),
    .q_o     (cnt_q),
    .carry_o (cnt_carry)  // wraps only while idle: unused
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cs_q        <= 1'b0;
      div_q       <= 8'h0;
      busy_q      <= 1'b0;
      bit_q       <= 3'd0;
      sck_q       <= 1'b0;
      shift_q     <= 8'h0;
      miso_q      <= 1'b0;
      rdata_q     <= 32'h0;
      err_q       <= 1'b0;
      rsp_valid_q <= 1'b0;
    end else begin
      cs_q        <= cs_d;
      div_q       <= div_d;
      busy_q      <= busy_d;
      bit_q       <= bit_d;
      sck_q       <= sck_d;
      shift_q     <= shift_d;
      miso_q      <= miso_d;
      rdata_q     <= rdata_d;
      err_q       <= err_d;
      rsp_valid_q <= acc;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;

  assign spi_sck_o  = sck_q;
  assign spi_cs_no  = !cs_q;
  assign spi_mosi_o = shift_q[7];

  // The interconnect decoded the block; registers are at most 16 bits wide.
  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i[3:2], req_wdata_i[31:16], cnt_carry};

endmodule
