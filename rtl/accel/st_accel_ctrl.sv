// SPDX-License-Identifier: Apache-2.0
// st_accel_ctrl.sv - walks the descriptor chain: fetch a record, have it checked, run the layer, wait
// until every write is acknowledged, go on with the next record until LAST; stop on the first error,
// a bus error or a soft reset (docs/accelerator.md §6).
//
// On an error the datapath is flushed (every state machine back to idle, the queues emptied) and held
// so until the bus master has no request waiting or outstanding; only then does the chain end, so a
// late read response can never reach the next chain and BUSY = 0 means the bus is quiet.

module st_accel_ctrl #(
  parameter logic [31:0] RamBase = 32'h0,
  parameter logic [31:0] RamSize = 32'h20000
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,

  // registers
  input  logic                          start_i,
  input  logic                          soft_reset_i,
  input  logic [31:0]                   desc_ptr_i,
  output logic                          busy_o,
  output logic                          end_o,
  output logic [7:0]                    end_err_o,
  output logic [15:0]                   end_desc_o,
  output logic                          layer_done_o,

  // generator
  output logic                          gen_desc_o,
  output logic [st_accel_pkg::OW-1:0]   gen_desc_off_o,
  output logic                          gen_layer_o,
  input  logic                          gen_done_i,

  // descriptor words from the feeder
  input  logic                          dw_we_i,
  input  logic [4:0]                    dw_idx_i,
  input  logic [31:0]                   dw_data_i,

  // checker
  output logic                          chk_start_o,
  output st_accel_pkg::desc_t           desc_o,
  input  logic                          chk_done_i,
  input  logic [7:0]                    chk_err_i,

  // datapath
  input  logic                          bus_err_i,
  input  logic                          bus_idle_i,
  input  logic                          dp_busy_i,   // array or post still working
  output logic                          flush_o
);

  localparam int OW = st_accel_pkg::OW;
  localparam int DW = st_accel_pkg::DW;
  localparam int RCW = $clog2(RamSize) + 1;
  localparam logic [RCW-1:0] RecLast = RCW'(RamSize - 32'(st_accel_pkg::DESC_BYTES));  // last record start

  typedef enum logic [2:0] {
    StIdle,   // wait for START
    StRec,    // the record at rec_q: word aligned and inside RAM?
    StFetch,  // read the record's words
    StCheck,  // st_accel_check runs
    StRun,    // the generator runs the layer
    StDrain,  // wait for the last write responses
    StErr,    // flush and wait for the bus to be quiet
    StEnd     // report the end of the chain
  } st_e;

  st_e         st_q, st_d;
  logic [15:0] idx_q, idx_d;        // record index in the chain
  // byte offset of the record from RamBase, as wide as the RAM window needs: a chain's records advance
  // only while inside RAM, so once DESC_PTR is inside the offset never exceeds RamSize
  logic [RCW-1:0] rec_q, rec_d;
  logic           oob_q, oob_d;     // DESC_PTR is outside the RAM window
  logic [31:0]    ptr_rel;
  logic [3:0]  nw_q, nw_d;          // words captured
  logic [7:0]  err_q, err_d;

  // the record's words as captured (each register loads when its word arrives)
  logic [11:0] w0_q, w0_d;          // flags, opcode
  // words 1..4 hold two 16-bit dimensions each, kept as {above 2^DW - 1, low DW bits}: the limits are
  // 2047 / 1024, so the checker needs no more
  logic [2*DW+1:0] w1_q, w1_d, w2_q, w2_d, w3_q, w3_d, w4_q, w4_d;
  logic [2*DW+1:0] dims;
  logic [28:0] w5_q, w5_d;
  logic [5*(OW+2)-1:0] ad_q, ad_d;  // address word 6+k at (OW+2)k: {outside, misaligned, word offset}

  logic [31:0] rel;

  assign rel     = dw_data_i - RamBase;
  assign ptr_rel = desc_ptr_i - RamBase;
  assign dims = {(dw_data_i[31:16] > 16'(st_accel_pkg::MAX_DIM)), dw_data_i[16 +: DW],
                 (dw_data_i[15:0] > 16'(st_accel_pkg::MAX_DIM)), dw_data_i[DW-1:0]};

  always_comb begin
    w0_d = w0_q;
    w1_d = w1_q;
    w2_d = w2_q;
    w3_d = w3_q;
    w4_d = w4_q;
    w5_d = w5_q;
    ad_d = ad_q;
    if (dw_we_i) begin
      unique case (dw_idx_i)
        5'd0:    w0_d = {dw_data_i[15:8], dw_data_i[3:0]};
        5'd1:    w1_d = dims;
        5'd2:    w2_d = dims;
        5'd3:    w3_d = dims;
        5'd4:    w4_d = dims;
        5'd5:    w5_d = dw_data_i[28:0];
        default: begin
          for (int k = 0; k < 5; k++) begin
            if (32'(dw_idx_i) == 6 + k) begin
              ad_d[(OW+2)*k +: OW+2] = {(rel >= RamSize), (dw_data_i[1:0] != 2'b00), rel[OW+1:2]};
            end
          end
        end
      endcase
    end
  end

  always_comb begin
    desc_o          = '0;
    desc_o.opcode   = w0_q[3:0];
    desc_o.flags    = w0_q[11:4];
    desc_o.in_h     = w1_q[DW-1:0];
    desc_o.in_w     = w1_q[DW+1 +: DW];
    desc_o.in_c     = w2_q[DW-1:0];
    desc_o.out_c    = w2_q[DW+1 +: DW];
    desc_o.out_h    = w3_q[DW-1:0];
    desc_o.out_w    = w3_q[DW+1 +: DW];
    desc_o.kh       = w4_q[DW-1:0];
    desc_o.kw       = w4_q[DW+1 +: DW];
    desc_o.big      = {w4_q[2*DW+1], w4_q[DW], w3_q[2*DW+1], w3_q[DW], w2_q[2*DW+1], w2_q[DW],
                       w1_q[2*DW+1], w1_q[DW]};
    desc_o.stride   = w5_q[3:0];
    desc_o.pad      = w5_q[7:4];
    desc_o.in_bits  = w5_q[12:8];
    desc_o.w_bits   = w5_q[19:16];
    desc_o.res_bits = w5_q[23:20];
    desc_o.out_bits = w5_q[28:24];
    for (int k = 0; k < 5; k++) begin
      desc_o.outside[k] = ad_q[(OW+2)*k + OW + 1];
      desc_o.mis[k]     = ad_q[(OW+2)*k + OW];
    end
    desc_o.in_off  = ad_q[0*(OW+2) +: OW];
    desc_o.out_off = ad_q[1*(OW+2) +: OW];
    desc_o.w_off   = ad_q[2*(OW+2) +: OW];
    desc_o.p_off   = ad_q[3*(OW+2) +: OW];
    desc_o.res_off = ad_q[4*(OW+2) +: OW];
  end

  always_comb begin
    st_d  = st_q;
    idx_d = idx_q;
    rec_d = rec_q;
    oob_d = oob_q;
    nw_d  = nw_q;
    err_d = err_q;
    gen_desc_o   = 1'b0;
    gen_layer_o  = 1'b0;
    chk_start_o  = 1'b0;
    end_o        = 1'b0;
    layer_done_o = 1'b0;
    flush_o      = 1'b0;
    if (dw_we_i) begin
      nw_d = nw_q + 1'b1;
    end

    unique case (st_q)
      StIdle: begin
        if (start_i) begin
          idx_d = '0;
          rec_d = ptr_rel[RCW-1:0];
          oob_d = (ptr_rel >= RamSize);
          err_d = st_regs_pkg::ACCEL_ERR_NONE;
          st_d  = StRec;
        end
      end
      StRec: begin
        nw_d = '0;
        if (rec_q[1:0] != 2'b00) begin
          err_d = st_regs_pkg::ACCEL_ERR_MISALIGNED;
          st_d  = StErr;
        end else if (oob_q || (RamSize < 32'(st_accel_pkg::DESC_BYTES)) || (rec_q > RecLast)) begin
          err_d = st_regs_pkg::ACCEL_ERR_BAD_ADDR;
          st_d  = StErr;
        end else begin
          gen_desc_o = 1'b1;
          st_d       = StFetch;
        end
      end
      StFetch: begin
        if (nw_q == 4'(st_accel_pkg::DESC_WORDS_READ)) begin
          chk_start_o = 1'b1;
          st_d        = StCheck;
        end
      end
      StCheck: begin
        if (chk_done_i) begin
          if (chk_err_i != st_regs_pkg::ACCEL_ERR_NONE) begin
            err_d = chk_err_i;
            st_d  = StErr;
          end else begin
            gen_layer_o = 1'b1;
            st_d        = StRun;
          end
        end
      end
      StRun: begin
        if (gen_done_i) begin
          st_d = StDrain;
        end
      end
      StDrain: begin
        if (bus_idle_i && !dp_busy_i) begin
          layer_done_o = 1'b1;
          if (w0_q[4 + st_accel_pkg::F_LAST - 8]) begin
            st_d = StEnd;
          end else begin
            idx_d = idx_q + 1'b1;
            rec_d = rec_q + RCW'(st_accel_pkg::DESC_BYTES);
            st_d  = StRec;
          end
        end
      end
      StErr: begin
        flush_o = 1'b1;
        if (bus_idle_i) begin
          st_d = StEnd;
        end
      end
      StEnd: begin
        end_o = 1'b1;
        st_d  = StIdle;
      end
      default: st_d = StIdle;
    endcase

    // a bus error or a soft reset stops a running chain
    if ((st_q != StIdle) && (st_q != StErr) && (st_q != StEnd)) begin
      if (soft_reset_i) begin
        err_d = st_regs_pkg::ACCEL_ERR_ABORTED;
        st_d  = StErr;
      end else if (bus_err_i) begin
        err_d = st_regs_pkg::ACCEL_ERR_BUS;
        st_d  = StErr;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q  <= StIdle;
      idx_q <= '0;
      rec_q <= '0;
      oob_q <= 1'b0;
      nw_q  <= '0;
      err_q <= '0;
      w0_q  <= '0;
      w1_q  <= '0;
      w2_q  <= '0;
      w3_q  <= '0;
      w4_q  <= '0;
      w5_q  <= '0;
      ad_q  <= '0;
    end else begin
      st_q  <= st_d;
      idx_q <= idx_d;
      rec_q <= rec_d;
      oob_q <= oob_d;
      nw_q  <= nw_d;
      err_q <= err_d;
      w0_q  <= w0_d;
      w1_q  <= w1_d;
      w2_q  <= w2_d;
      w3_q  <= w3_d;
      w4_q  <= w4_d;
      w5_q  <= w5_d;
      ad_q  <= ad_d;
    end
  end

  assign busy_o         = (st_q != StIdle);
  assign end_err_o      = err_q;
  assign end_desc_o     = idx_q;
  assign gen_desc_off_o = OW'(rec_q >> 2);

endmodule
