// SPDX-License-Identifier: Apache-2.0
// st_accel_regs.sv - the accelerator's register block on the slave port (ACCEL block of
// rtl/regs/st_regs.def, docs/registers.md): control, status, interrupt and performance counters.
//
// The slave accepts every request at once (req_ready = 1) and answers the next cycle. Only the low 12
// address bits are decoded. An offset without a register, or a write to a read-only register, answers
// rsp_err (and the write has no effect). Writes honour the byte enables.

module st_accel_regs #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufWords = 2048,  // all PEs together, in 32-bit words
  parameter int PbufWords = 256,
  parameter int XbufWords = 256   // im2col words (9 per kernel word)
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        s_req_valid_i,
  output logic        s_req_ready_o,
  input  logic [31:0] s_req_addr_i,
  input  logic        s_req_we_i,
  input  logic [3:0]  s_req_be_i,
  input  logic [31:0] s_req_wdata_i,
  output logic        s_rsp_valid_o,
  output logic [31:0] s_rsp_rdata_o,
  output logic        s_rsp_err_o,

  output logic        start_o,       // CTRL.START written with 1 while idle
  output logic        soft_reset_o,  // CTRL.SOFT_RESET written with 1
  output logic [31:0] desc_ptr_o,
  input  logic        busy_i,        // a chain runs or the bus drains
  input  logic        end_i,         // the chain ended (pulse)
  input  logic [7:0]  end_err_i,
  input  logic [15:0] end_desc_i,
  input  logic [15:0] perf_macs_i,   // useful bit-MACs to add this cycle
  input  logic        perf_stall_i,  // a bus stall cycle
  input  logic        perf_layer_i,  // a descriptor completed
  output logic        irq_o
);

  localparam logic [31:0] CAPS0 = {8'hFF, 8'h0F, 8'(SimdWidth), 8'(NumPe)};
  localparam logic [31:0] CAPS1 = {16'(PbufWords), 16'(WbufWords)};
  localparam logic [31:0] CAPS2 = {3'b000, 5'b11111, 3'b000, 5'd16, 3'b000, 5'd16, 3'b000, 5'd8};
  localparam logic [31:0] CAPS3 = {16'd0, 16'(XbufWords / 9)};

  logic        irq_en_q, irq_en_d;
  logic        done_q, done_d;
  logic [7:0]  err_q, err_d;
  logic [15:0] err_desc_q, err_desc_d;
  logic [31:0] desc_ptr_q, desc_ptr_d;
  logic        irq_st_q, irq_st_d;
  logic [31:0] pbusy_q, pbusy_d, pmacs_q, pmacs_d, pstall_q, pstall_d, player_q, player_d;
  logic        rsp_valid_q, rsp_valid_d;
  logic [31:0] rdata_q, rdata_d;
  logic        rerr_q, rerr_d;

  logic [9:0]  off;
  logic [31:0] bmask, wmask;
  logic        wr;

  assign off   = s_req_addr_i[11:2];
  assign bmask = {{8{s_req_be_i[3]}}, {8{s_req_be_i[2]}}, {8{s_req_be_i[1]}}, {8{s_req_be_i[0]}}};
  assign wmask = s_req_wdata_i & bmask;
  assign wr    = s_req_valid_i && s_req_we_i;

  always_comb begin
    irq_en_d    = irq_en_q;
    done_d      = done_q;
    err_d       = err_q;
    err_desc_d  = err_desc_q;
    desc_ptr_d  = desc_ptr_q;
    irq_st_d    = irq_st_q;
    pbusy_d     = pbusy_q + 32'(busy_i);
    pmacs_d     = pmacs_q + 32'(perf_macs_i);
    pstall_d    = pstall_q + 32'(perf_stall_i);
    player_d    = player_q + 32'(perf_layer_i);
    rsp_valid_d = s_req_valid_i;
    rdata_d     = '0;
    rerr_d      = 1'b0;
    start_o     = 1'b0;
    soft_reset_o = 1'b0;

    if (s_req_valid_i) begin
      unique case ({off, 2'b00})
        st_regs_pkg::ACCEL_ID_OFFSET:          rdata_d = st_regs_pkg::ACCEL_ID_RESET;
        st_regs_pkg::ACCEL_VERSION_OFFSET:     rdata_d = st_regs_pkg::ACCEL_VERSION_RESET;
        st_regs_pkg::ACCEL_CAPS0_OFFSET:       rdata_d = CAPS0;
        st_regs_pkg::ACCEL_CAPS1_OFFSET:       rdata_d = CAPS1;
        st_regs_pkg::ACCEL_CAPS2_OFFSET:       rdata_d = CAPS2;
        st_regs_pkg::ACCEL_CAPS3_OFFSET:       rdata_d = CAPS3;
        st_regs_pkg::ACCEL_CTRL_OFFSET:        rdata_d = {29'd0, irq_en_q, 2'b00};
        st_regs_pkg::ACCEL_STATUS_OFFSET:      rdata_d = {err_desc_q, err_q, 6'd0, done_q, busy_i};
        st_regs_pkg::ACCEL_DESC_PTR_OFFSET:    rdata_d = desc_ptr_q;
        st_regs_pkg::ACCEL_IRQ_STATUS_OFFSET:  rdata_d = {31'd0, irq_st_q};
        st_regs_pkg::ACCEL_PERF_BUSY_OFFSET:   rdata_d = pbusy_q;
        st_regs_pkg::ACCEL_PERF_MACS_OFFSET:   rdata_d = pmacs_q;
        st_regs_pkg::ACCEL_PERF_STALL_OFFSET:  rdata_d = pstall_q;
        st_regs_pkg::ACCEL_PERF_LAYERS_OFFSET: rdata_d = player_q;
        default:                               rerr_d  = 1'b1;
      endcase
      if (s_req_we_i) begin
        rdata_d = '0;
        unique case ({off, 2'b00})
          st_regs_pkg::ACCEL_CTRL_OFFSET,
          st_regs_pkg::ACCEL_DESC_PTR_OFFSET,
          st_regs_pkg::ACCEL_IRQ_STATUS_OFFSET: rerr_d = 1'b0;
          default:                              rerr_d = 1'b1;
        endcase
      end
    end

    // register writes
    if (wr && ({off, 2'b00} == st_regs_pkg::ACCEL_CTRL_OFFSET)) begin
      if (s_req_be_i[0]) begin
        irq_en_d     = s_req_wdata_i[st_regs_pkg::ACCEL_CTRL_IRQ_EN_LSB];
        soft_reset_o = s_req_wdata_i[st_regs_pkg::ACCEL_CTRL_SOFT_RESET_LSB];
        start_o      = s_req_wdata_i[st_regs_pkg::ACCEL_CTRL_START_LSB] && !busy_i && !soft_reset_o;
      end
    end
    if (wr && ({off, 2'b00} == st_regs_pkg::ACCEL_DESC_PTR_OFFSET)) begin
      desc_ptr_d = (desc_ptr_q & ~bmask) | wmask;
    end
    if (wr && ({off, 2'b00} == st_regs_pkg::ACCEL_IRQ_STATUS_OFFSET)) begin
      if (wmask[st_regs_pkg::ACCEL_IRQ_STATUS_DONE_LSB]) begin
        irq_st_d = 1'b0;
      end
    end

    // a new chain clears the status and the counters of the last one
    if (start_o) begin
      done_d     = 1'b0;
      err_d      = '0;
      err_desc_d = '0;
      pbusy_d    = '0;
      pmacs_d    = '0;
      pstall_d   = '0;
      player_d   = '0;
    end
    if (end_i) begin
      done_d     = 1'b1;
      err_d      = end_err_i;
      err_desc_d = end_desc_i;
      irq_st_d   = 1'b1;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      irq_en_q    <= 1'b0;
      done_q      <= 1'b0;
      err_q       <= '0;
      err_desc_q  <= '0;
      desc_ptr_q  <= '0;
      irq_st_q    <= 1'b0;
      pbusy_q     <= '0;
      pmacs_q     <= '0;
      pstall_q    <= '0;
      player_q    <= '0;
      rsp_valid_q <= 1'b0;
      rdata_q     <= '0;
      rerr_q      <= 1'b0;
    end else begin
      irq_en_q    <= irq_en_d;
      done_q      <= done_d;
      err_q       <= err_d;
      err_desc_q  <= err_desc_d;
      desc_ptr_q  <= desc_ptr_d;
      irq_st_q    <= irq_st_d;
      pbusy_q     <= pbusy_d;
      pmacs_q     <= pmacs_d;
      pstall_q    <= pstall_d;
      player_q    <= player_d;
      rsp_valid_q <= rsp_valid_d;
      rdata_q     <= rdata_d;
      rerr_q      <= rerr_d;
    end
  end

  assign s_req_ready_o = 1'b1;
  assign s_rsp_valid_o = rsp_valid_q;
  assign s_rsp_rdata_o = rdata_q;
  assign s_rsp_err_o   = rerr_q;
  assign desc_ptr_o    = desc_ptr_q;
  assign irq_o         = irq_en_q && irq_st_q;

  // only the block offset is decoded (the interconnect selected the block); word accesses only
  logic unused_addr;
  assign unused_addr = ^{s_req_addr_i[31:12], s_req_addr_i[1:0]};

endmodule
