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

  // descriptor words from the feeder (st_accel_check stores them; here: count them, keep LAST)
  input  logic                          dw_we_i,
  input  logic [4:0]                    dw_idx_i,
  input  logic                          dw_last_i,   // bit LAST of the word (word 0)

  // checker
  output logic                          chk_start_o,
  input  logic                          chk_done_i,
  input  logic [7:0]                    chk_err_i,

  // datapath
  input  logic                          bus_err_i,
  input  logic                          bus_idle_i,
  input  logic                          dp_busy_i,   // array or post still working
  output logic                          flush_o
);

  localparam int OW = st_accel_pkg::OW;
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

  logic        last_q, last_d;      // the record's LAST flag

  assign ptr_rel = desc_ptr_i - RamBase;
  assign last_d  = (dw_we_i && (dw_idx_i == 5'd0)) ? dw_last_i : last_q;

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
          if (last_q) begin
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
      last_q <= 1'b0;
    end else begin
      st_q  <= st_d;
      idx_q <= idx_d;
      rec_q <= rec_d;
      oob_q <= oob_d;
      nw_q  <= nw_d;
      err_q <= err_d;
      last_q <= last_d;
    end
  end

  assign busy_o         = (st_q != StIdle);
  assign end_err_o      = err_q;
  assign end_desc_o     = idx_q;
  assign gen_desc_off_o = OW'(rec_q >> 2);

endmodule
