// SPDX-License-Identifier: Apache-2.0
// st_soc_uart.sv - UART, 8N1, with a TX holding register, a one-byte RX buffer and a baud divisor.
//
// Registers (rtl/regs/st_regs.def, block UART): DATA, STATUS, DIV. Every bit lasts DIV + 1 clock cycles.
// The reset value DIV = 0 (one cycle per bit) makes the simulator print fast; firmware for the board sets
// DIV = f_clk / baud - 1 (103 for 115200 Bd at 12 MHz).
//
// TX: a write to DATA goes to the holding register and from there to the shift register as soon as that is
// free, so one byte can wait while another is sent. A write while the holding register is full is held
// off with req_ready low until it empties (STATUS.TX_FULL says when a write would wait).
// RX: the line is synchronised, a start bit is checked at its middle and the bits are sampled at their
// middles. A byte with a valid stop bit lands in DATA (STATUS.RX_VALID); a byte that arrives while DATA
// still holds an unread one is dropped and sets STATUS.RX_OVERRUN. Reading DATA clears both.
// Bus slave per docs/bus.md: response one cycle after acceptance; an offset that is no register, or a write
// to STATUS, gets rsp_err.
// The two bit-period counters are st_cpu_counter (one logic cell per bit) counting up from the inverted
// divisor to all ones: DIV + 1 cycles, as a down-counter from DIV to zero.

module st_soc_uart (
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

  input  logic        rx_i,
  output logic        tx_o,
  output logic [15:0] div_o  // the bit period minus one, for simulation monitors that decode tx_o
);

  // ---- Register access ----------------------------------------------------------------------------
  logic        is_data, is_status, is_div;
  logic        wr, rd, stall;
  logic [31:0] rdata_d, rdata_q;
  logic        err_d, err_q, rsp_valid_q;
  logic [15:0] div_q, div_d;

  assign is_data   = (req_addr_i[11:0] == st_regs_pkg::UART_DATA_OFFSET);
  assign is_status = (req_addr_i[11:0] == st_regs_pkg::UART_STATUS_OFFSET);
  assign is_div    = (req_addr_i[11:0] == st_regs_pkg::UART_DIV_OFFSET);

  // TX holding register and shifter
  logic       hold_valid_q, hold_valid_d;
  logic [7:0] hold_q, hold_d;
  logic       tx_active_q, tx_active_d;
  logic [9:0] tx_shift_q, tx_shift_d;  // {stop, data[7:0], start}, sent LSB first
  logic [3:0] tx_bits_q, tx_bits_d;    // bits left to send
  logic [15:0] tx_cnt_q;               // counts up from ~div: the bit ends at all ones (div + 1 cycles)
  logic        tx_load, tx_end;

  // RX
  typedef enum logic [1:0] {
    RxIdle,   // waiting for the falling edge of a start bit
    RxStart,  // waiting for the middle of the start bit
    RxData,   // sampling the eight data bits
    RxStop    // sampling the stop bit
  } rx_state_e;

  rx_state_e   rx_state_q, rx_state_d;
  logic [1:0]  rx_sync_q;  // two-flop synchroniser, [1] is the synchronised line
  logic [15:0] rx_cnt_q;               // as tx_cnt_q; loaded with ~div, or ~(div / 2) for the start bit
  logic        rx_load, rx_half, rx_end;
  logic [2:0]  rx_bit_q, rx_bit_d;
  logic [7:0]  rx_shift_q, rx_shift_d;
  logic [7:0]  rx_data_q, rx_data_d;
  logic        rx_valid_q, rx_valid_d;
  logic        rx_overrun_q, rx_overrun_d;
  logic        rx_done;  // a complete byte with a good stop bit this cycle

  // A DATA write waits while the holding register is full.
  assign stall       = req_we_i && is_data && hold_valid_q;
  assign req_ready_o = !stall;
  assign wr          = req_valid_i && req_we_i && !stall;
  assign rd          = req_valid_i && !req_we_i;

  always_comb begin
    rdata_d = 32'h0;
    err_d   = 1'b0;
    div_d   = div_q;
    begin
      if (is_data) begin
        rdata_d[7:0] = rx_data_q;
      end else if (is_status) begin
        rdata_d[st_regs_pkg::UART_STATUS_TX_BUSY_LSB]    = tx_active_q || hold_valid_q;
        rdata_d[st_regs_pkg::UART_STATUS_RX_VALID_LSB]   = rx_valid_q;
        rdata_d[st_regs_pkg::UART_STATUS_TX_FULL_LSB]    = hold_valid_q;
        rdata_d[st_regs_pkg::UART_STATUS_RX_OVERRUN_LSB] = rx_overrun_q;
        err_d = req_we_i;
      end else if (is_div) begin
        rdata_d[15:0] = div_q;
        if (wr) begin
          if (req_be_i[0]) div_d[7:0] = req_wdata_i[7:0];
          if (req_be_i[1]) div_d[15:8] = req_wdata_i[15:8];
        end
      end else begin
        err_d = 1'b1;
      end
    end
  end

  // ---- TX -----------------------------------------------------------------------------------------
  always_comb begin
    hold_valid_d = hold_valid_q;
    hold_d       = hold_q;
    tx_active_d  = tx_active_q;
    tx_shift_d   = tx_shift_q;
    tx_bits_d    = tx_bits_q;
    tx_load      = 1'b0;
    if (tx_active_q) begin
      if (tx_end) begin
        tx_shift_d = {1'b1, tx_shift_q[9:1]};
        tx_bits_d  = tx_bits_q - 1'b1;
        tx_load    = 1'b1;
        if (tx_bits_q == 4'd1) begin
          tx_active_d = 1'b0;
        end
      end
    end else if (hold_valid_q) begin
      tx_active_d  = 1'b1;
      tx_shift_d   = {1'b1, hold_q, 1'b0};
      tx_bits_d    = 4'd10;
      tx_load      = 1'b1;
      hold_valid_d = 1'b0;
    end
    if (wr && is_data && req_be_i[0]) begin
      hold_valid_d = 1'b1;
      hold_d       = req_wdata_i[7:0];
    end
  end

  assign tx_o = tx_active_q ? tx_shift_q[0] : 1'b1;

  // The bit-period counters count up (one logic cell per bit, st_cpu_counter) from the inverted divisor.
  assign tx_end = (tx_cnt_q == 16'hffff);
  assign rx_end = (rx_cnt_q == 16'hffff);

  logic unused_carry;
  logic tx_carry, rx_carry;
  assign unused_carry = tx_carry ^ rx_carry;

  st_cpu_counter #(
    .Width      (16),
    .InvertLoad (1'b1)
  ) u_tx_cnt (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (1'b1),
    .we_i    (tx_load),
    .wdata_i (div_q),
    .q_o     (tx_cnt_q),
    .carry_o (tx_carry)
  );

  st_cpu_counter #(
    .Width      (16),
    .InvertLoad (1'b1)
  ) u_rx_cnt (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .inc_i   (1'b1),
    .we_i    (rx_load),
    .wdata_i (rx_half ? {1'b0, div_q[15:1]} : div_q),
    .q_o     (rx_cnt_q),
    .carry_o (rx_carry)
  );

  // ---- RX -----------------------------------------------------------------------------------------
  always_comb begin
    rx_state_d   = rx_state_q;
    rx_load      = 1'b0;
    rx_half      = 1'b0;
    rx_bit_d     = rx_bit_q;
    rx_shift_d   = rx_shift_q;
    rx_done      = 1'b0;
    unique case (rx_state_q)
      RxIdle: begin
        if (!rx_sync_q[1]) begin
          // The first low sample of a start bit. Its middle is div/2 cycles away; with one or two cycles
          // per bit that is now, and the start bit is confirmed.
          if (div_q[15:1] == 15'h0) begin
            rx_state_d = RxData;
            rx_load    = 1'b1;
            rx_bit_d   = 3'd0;
          end else begin
            // div/2 cycles to the middle: count down from div/2 and stop at 1 (no subtractor for div/2 - 1)
            rx_state_d = RxStart;
            rx_load    = 1'b1;
            rx_half    = 1'b1;
          end
        end
      end
      RxStart: begin
        if (rx_cnt_q == 16'hfffe) begin
          // A glitch shorter than half a bit is no start bit.
          if (rx_sync_q[1]) begin
            rx_state_d = RxIdle;
          end else begin
            rx_state_d = RxData;
          end
          rx_load    = 1'b1;
          rx_bit_d   = 3'd0;
        end
      end
      RxData: begin
        if (rx_end) begin
          rx_shift_d = {rx_sync_q[1], rx_shift_q[7:1]};
          rx_load    = 1'b1;
          rx_bit_d   = rx_bit_q + 1'b1;
          if (rx_bit_q == 3'd7) begin
            rx_state_d = RxStop;
          end
        end
      end
      RxStop: begin
        if (rx_end) begin
          // A low stop bit is a framing error: the byte is dropped.
          rx_done    = rx_sync_q[1];
          rx_state_d = RxIdle;
        end
      end
      default: rx_state_d = RxIdle;
    endcase
  end

  always_comb begin
    rx_data_d    = rx_data_q;
    rx_valid_d   = rx_valid_q;
    rx_overrun_d = rx_overrun_q;
    if (rd && is_data) begin
      rx_valid_d   = 1'b0;
      rx_overrun_d = 1'b0;
    end
    if (rx_done) begin
      if (rx_valid_d) begin
        rx_overrun_d = 1'b1;
      end else begin
        rx_data_d  = rx_shift_q;
        rx_valid_d = 1'b1;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rdata_q      <= 32'h0;
      err_q        <= 1'b0;
      rsp_valid_q  <= 1'b0;
      div_q        <= st_regs_pkg::UART_DIV_RESET[15:0];
      hold_valid_q <= 1'b0;
      hold_q       <= 8'h0;
      tx_active_q  <= 1'b0;
      tx_shift_q   <= 10'h3ff;
      tx_bits_q    <= 4'h0;
      rx_state_q   <= RxIdle;
      rx_sync_q    <= 2'b11;
      rx_bit_q     <= 3'h0;
      rx_shift_q   <= 8'h0;
      rx_data_q    <= 8'h0;
      rx_valid_q   <= 1'b0;
      rx_overrun_q <= 1'b0;
    end else begin
      if (req_valid_i && !stall) begin
        rdata_q      <= rdata_d;
        err_q        <= err_d;
      end
      rsp_valid_q  <= req_valid_i && !stall;
      div_q        <= div_d;
      hold_valid_q <= hold_valid_d;
      hold_q       <= hold_d;
      tx_active_q  <= tx_active_d;
      tx_shift_q   <= tx_shift_d;
      tx_bits_q    <= tx_bits_d;
      rx_state_q   <= rx_state_d;
      rx_sync_q    <= {rx_sync_q[0], rx_i};
      rx_bit_q     <= rx_bit_d;
      rx_shift_q   <= rx_shift_d;
      rx_data_q    <= rx_data_d;
      rx_valid_q   <= rx_valid_d;
      rx_overrun_q <= rx_overrun_d;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;
  assign div_o       = div_q;

  // The interconnect decoded the block; the registers use byte lanes 0 and 1 only.
  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i[3:2], req_wdata_i[31:16]};

endmodule
