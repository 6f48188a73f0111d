// SPDX-License-Identifier: Apache-2.0
// st_cop.sv - the ST coprocessor: the accelerator's PE array (st_accel_array) behind a plain bus slave,
// with the CPU as its address generator. It is what fits the iCE40 UP5K beside our core: no descriptor
// engine, no DMA, no post unit (docs/coprocessor.md).
//
// The CPU loads each PE's weight memory through WPTR / WDATA, sets MODE for the layer's encoding, and
// issues operations by storing activation words into the operation window (block COP, offset 0x8000):
// the store's address carries the weight entry (RADDR) and the accumulator flags (NEG, CLR, ADBL),
// its data the 32-bit activation word, so one `sw` is one operation on every PE, with no register write
// in between. Every PE then computes acc = (CLR ? 0 : ADBL ? 2 acc : acc) +/- term with
// term = popcount(a & w) or, in MODE.DBL (bipolar weights), 2 popcount(a & w) - popcount(a) (numerics §6;
// st_accel_pe). Bipolar inputs take two planes, Q and the valid mask V (negated), so the array's XOR mode
// is not needed. The CPU reads ACC<p> back and applies thresholds, residuals and pooling itself (the
// golden model's code).
//
// MODE.BYTES (BytesMac = 1; CAPS.BYTES says so): the bytes multiply-accumulate mode for a BYTES network
// input. The activation word holds 4 unsigned bytes x_b (4 taps of the window in k order), the window
// address's RADDR field is {entry[5:0], BG[2:0]}, and term = sum_b x_b * w[4 BG + b], the bytes whose
// weight bit is set (in MODE.DBL: 2 term - sum_b x_b). One store covers 4 taps of one weight plane, and
// the entries reachable are 0..63.
//
// The threshold unit (ThrUnit = 1, where NumPe divides 32 and is at most 8; CAPS.THR says so): a write of
// THR {ENTRY, BITS} makes every PE count the thresholds its accumulator passes, reading a record from its
// own weight memory one word per cycle:
// entry ENTRY holds the sign word (bit 0: s = -1), entries ENTRY + 1 .. ENTRY + NT the NT = 2^BITS - 1
// thresholds. code = #{k : acc >= T[k]}, inverted in BITS bits when s = -1. The driver stores 1 - T[k] for
// such a channel, so that the code is #{k : -acc >= T[k]} (numerics.md §4: acc <= -T <=> not acc >= 1 - T,
// and NT - count is the count's complement). CODES returns the codes plane-major: bit 8j + p is bit j of
// PE p's code (NumPe <= 8). The count takes NT + 3 cycles after the array's pipeline is empty.
//
// Bus slave per docs/bus.md. Writes answer one cycle after acceptance. An ACC read is accepted only when
// no operation is registered or in the array's pipeline (five stages), so it returns the final sum
// without the CPU polling. rsp_err: an offset that is no register, a read of WDATA or of the window, a
// write to a read-only register, a partial (byte-enable) write of WDATA, THR or the window. While a threshold
// count runs every request waits (at most 18 cycles); a THR write waits for the array's pipeline too.

module st_cop #(
  parameter int NumPe     = 8,
  parameter int WbufDepth = 512,  // weight words per PE (512 x 32 bits: 4 EBR); at most 512 (OP.RADDR)
  parameter int BytesMac  = 1,   // 1: MODE.BYTES, the bytes multiply-accumulate mode (st_accel_pe)
  parameter int ThrUnit   = 1    // 1: the threshold unit (THR / CODES), where NumPe divides 32 and is <= 8
) (
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
  output logic        rsp_err_o
);

  localparam int Simd = 32;
  localparam int PW   = $clog2(NumPe);
  localparam int AW   = $clog2(WbufDepth);

  localparam bit   Thr = (ThrUnit != 0) && (NumPe <= 8) && (32 % NumPe == 0);  // a tile in one plane word
  localparam logic [31:0] CAPS = {2'd0, Thr, (BytesMac != 0), 12'(WbufDepth), 8'(Simd), 8'(NumPe)};

  // A request's offset inside the block; the window is offset bit 15.
  logic [15:0] off;
  logic        in_window, is_acc, is_thr, acc_hold;
  logic [PW-1:0] acc_sel;

  assign off       = req_addr_i[15:0];
  assign in_window = off[15];  // bits 14:11 of a window offset: ADBL, CLR, NEG (bit 14 unused)
  assign is_acc    = !in_window && (off[14:8] == '0) && (off[7:6] == 2'b01) && ({1'b0, off[5:2]} < 5'(NumPe));
  assign acc_sel   = off[2 +: PW];
  assign is_thr    = (off == 16'(st_regs_pkg::COP_THR_OFFSET)) && Thr;

  // ---- registers -----------------------------------------------------------------------------------------
  logic             dbl_q, bytes_q;
  logic [2:0]       bg_q;            // MODE.BYTES: the operation's byte group
  logic [8:0]       raddr_op;        // the operation's weight entry (RADDR, or its bits 8:3 in MODE.BYTES)
  logic [AW-1:0]    waddr_q;
  logic [PW-1:0]    wpe_q;
  logic [31:0]      ops_q;
  logic             we_q;            // a WDATA write, registered into the PE memories
  logic [31:0]      wdata_q;
  logic             op_q;            // an operation, registered into the array's stage 0
  logic [AW-1:0]    raddr_q;
  logic [31:0]      a_q;
  logic             neg_q, clr_q, adbl_q;
  logic             rsp_valid_q, err_q;
  logic [31:0]      rdata_q;
  logic [NumPe*32-1:0] acc;
  logic             arr_busy, arr_eop, arr_empty;
  logic [NumPe*32-1:0] w1;           // each PE's memory word read at raddr_q one cycle before
  // the threshold unit's state
  logic             th_rd_q;         // raddr_q holds a record entry (the memories read it at this edge)
  logic             th_first_q;      // ... and it is the sign word
  logic             th_cmp_q;        // w1 holds a record word
  logic             th_sgn_q;        // ... and it is the sign word
  logic [3:0]       th_left_q;       // record words still to address after this one
  logic [3:0]       th_nt_q;         // NT = 2^BITS - 1: the code's mask
  logic             th_busy;
  logic [31:0]      codes;           // CODES: bit 8j + p = bit j of PE p's code

  assign th_busy = th_rd_q || th_cmp_q;

  logic [3:0] th_nt_d;  // NT of a THR write's BITS (1..4)
  always_comb begin
    unique case (req_wdata_i[17:16])
      2'd1:    th_nt_d = 4'd1;
      2'd2:    th_nt_d = 4'd3;
      2'd3:    th_nt_d = 4'd7;
      default: th_nt_d = 4'd15;
    endcase
  end

  // An ACC read or a THR write waits while an operation is registered or in the pipeline; every request
  // waits while a threshold count runs.
  assign acc_hold    = th_busy || (((is_acc && !req_we_i) || (is_thr && req_we_i)) && (op_q || arr_busy));
  assign req_ready_o = !acc_hold;

  logic accept;
  assign accept = req_valid_i && !acc_hold;

  logic        full_word;
  assign full_word = (req_be_i == 4'hF);
  assign raddr_op  = bytes_q ? {3'd0, off[10:5]} : off[10:2];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      dbl_q       <= 1'b0;
      bytes_q     <= 1'b0;
      bg_q        <= '0;
      waddr_q     <= '0;
      wpe_q       <= '0;
      ops_q       <= '0;
      we_q        <= 1'b0;
      wdata_q     <= '0;
      op_q        <= 1'b0;
      raddr_q     <= '0;
      a_q         <= '0;
      neg_q       <= 1'b0;
      clr_q       <= 1'b0;
      adbl_q      <= 1'b0;
      rsp_valid_q <= 1'b0;
      err_q       <= 1'b0;
      rdata_q     <= '0;
      th_rd_q     <= 1'b0;
      th_first_q  <= 1'b0;
      th_left_q   <= '0;
      th_nt_q     <= '0;
    end else begin
      rsp_valid_q <= accept;
      if (th_rd_q) begin
        raddr_q    <= raddr_q + AW'(1);
        th_left_q  <= th_left_q - 4'd1;
        th_rd_q    <= (th_left_q != 4'd0);
        th_first_q <= 1'b0;
      end
      err_q       <= 1'b0;
      rdata_q     <= '0;
      we_q        <= 1'b0;
      op_q        <= 1'b0;
      if (op_q) begin
        ops_q <= ops_q + 32'd1;
      end
      if (we_q) begin
        waddr_q <= waddr_q + AW'(1);
      end
      if (accept) begin
        if (in_window) begin
          if (req_we_i && full_word) begin
            op_q    <= 1'b1;
            raddr_q <= raddr_op[AW-1:0];
            bg_q    <= off[4:2];
            neg_q   <= off[11];
            clr_q   <= off[12];
            adbl_q  <= off[13];
            a_q     <= req_wdata_i;
          end else begin
            err_q <= 1'b1;
          end
        end else if (is_acc) begin
          if (req_we_i) begin
            err_q <= 1'b1;
          end else begin
            rdata_q <= acc[32*acc_sel +: 32];
          end
        end else begin
          unique case (off)
            16'(st_regs_pkg::COP_ID_OFFSET): begin
              err_q   <= req_we_i;
              rdata_q <= st_regs_pkg::COP_ID_RESET;
            end
            16'(st_regs_pkg::COP_CAPS_OFFSET): begin
              err_q   <= req_we_i;
              rdata_q <= CAPS;
            end
            16'(st_regs_pkg::COP_MODE_OFFSET): begin
              if (req_we_i && req_be_i[0]) begin
                dbl_q   <= req_wdata_i[0];
                bytes_q <= req_wdata_i[1] && (BytesMac != 0);
              end
              rdata_q <= {30'd0, bytes_q, dbl_q};
            end
            16'(st_regs_pkg::COP_WPTR_OFFSET): begin
              if (req_we_i && full_word) begin
                waddr_q <= req_wdata_i[AW-1:0];
                wpe_q   <= req_wdata_i[16 +: PW];
              end else if (req_we_i) begin
                err_q <= 1'b1;
              end
              rdata_q <= {8'd0, {(8 - PW){1'b0}}, wpe_q, {(16 - AW){1'b0}}, waddr_q};
            end
            16'(st_regs_pkg::COP_WDATA_OFFSET): begin
              if (req_we_i && full_word) begin
                we_q    <= 1'b1;
                wdata_q <= req_wdata_i;
              end else begin
                err_q <= 1'b1;
              end
            end
            16'(st_regs_pkg::COP_STATUS_OFFSET): begin
              err_q   <= req_we_i;
              rdata_q <= {31'd0, op_q || arr_busy};
            end
            16'(st_regs_pkg::COP_THR_OFFSET): begin
              // NT = 2^BITS - 1 thresholds after the sign word; BITS outside 1..4 is an error
              if (req_we_i && full_word && Thr && (req_wdata_i[18:16] != 3'd0) && (req_wdata_i[18:16] <= 3'd4)) begin
                raddr_q    <= req_wdata_i[AW-1:0];
                th_rd_q    <= 1'b1;
                th_first_q <= 1'b1;
                th_left_q  <= th_nt_d;
                th_nt_q    <= th_nt_d;
              end else begin
                err_q <= 1'b1;
              end
            end
            16'(st_regs_pkg::COP_CODES_OFFSET): begin
              err_q   <= req_we_i || !Thr;
              rdata_q <= codes;
            end
            16'(st_regs_pkg::COP_OPS_OFFSET): begin
              if (req_we_i) begin
                ops_q <= '0;
              end
              rdata_q <= ops_q;
            end
            default: err_q <= 1'b1;
          endcase
        end
      end
    end
  end

  // ---- threshold unit: per PE a comparator and a 4-bit count ---------------------------------------------
  if (Thr) begin : gen_thr
    logic [NumPe*4-1:0] cnt_q;
    logic [NumPe-1:0]   sgn_q;

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        th_cmp_q <= 1'b0;
        th_sgn_q <= 1'b0;
        cnt_q    <= '0;
        sgn_q    <= '0;
      end else begin
        th_cmp_q <= th_rd_q;
        th_sgn_q <= th_rd_q && th_first_q;
        for (int p = 0; p < NumPe; p++) begin
          if (th_sgn_q) begin
            sgn_q[p]        <= w1[32*p];
            cnt_q[4*p +: 4] <= '0;
          end else if (th_cmp_q && ($signed(acc[32*p +: 32]) >= $signed(w1[32*p +: 32]))) begin
            cnt_q[4*p +: 4] <= cnt_q[4*p +: 4] + 4'd1;
          end
        end
      end
    end

    always_comb begin
      codes = '0;
      for (int p = 0; p < NumPe; p++) begin
        for (int j = 0; j < 4; j++) begin
          codes[8*j + p] = cnt_q[4*p + j] ^ (sgn_q[p] && th_nt_q[j]);
        end
      end
    end
  end else begin : gen_no_thr
    assign th_cmp_q = 1'b0;
    assign th_sgn_q = 1'b0;
    assign codes    = '0;
    logic unused_thr;
    assign unused_thr = ^{w1, th_first_q, th_nt_q, th_sgn_q};
  end

  st_accel_array #(
    .NumPe     (NumPe),
    .SimdWidth (Simd),
    .WbufDepth (WbufDepth),
    .BytesMac  (BytesMac)
  ) u_array (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .we_i    (we_q),
    .we_pe_i (wpe_q),
    .waddr_i (waddr_q),
    .wdata_i (wdata_q),
    .op_i    (op_q),
    .raddr_i (raddr_q),
    .a_i     (a_q),
    .xsel_i  (1'b0),
    .x1_i    ('0),
    .nv_i    ('0),
    .xor_i   (1'b0),
    .dbl_i   (dbl_q),
    .bytes_i (bytes_q),
    .bg_i    (bg_q),
    .neg_i   (neg_q),
    .aclr_i  (clr_q),
    .adbl_i  (adbl_q),
    .eop_i   (1'b0),
    .empty_i (1'b0),
    .acc_o   (acc),
    .w1_o    (w1),
    .eop_o   (arr_eop),
    .empty_o (arr_empty),
    .busy_o  (arr_busy)
  );

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;

  logic unused;
  assign unused = ^{arr_eop, arr_empty, req_addr_i[31:16], raddr_op};

endmodule
