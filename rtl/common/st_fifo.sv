// SPDX-License-Identifier: Apache-2.0
// st_fifo.sv - a small synchronous FIFO, shared by the accelerator (token and data queues) and the SoC
// interconnect (response-routing queues).
//
// Push and pop in the same cycle are allowed, also when full (the pop frees the entry the push takes).
// flush_i empties it (the accelerator aborts a chain with it; the SoC ties it to 0). A push while full
// without a pop, or a pop while empty, is a caller bug and an assertion failure.
//
// The entries are flip-flops, or with Ebr block RAM, with the same behaviour cycle for cycle. On the
// iCE40 a flip-flop entry is a logic cell per bit (a flip-flop fed straight from data_i packs with no
// LUT), and the read multiplexer adds about two more: Depth + 2 cells per bit. With Ebr a bit costs two
// cells, a bypass register and its multiplexer, and every 16 bits of Width one SB_RAM40_4K.

module st_fifo #(
  parameter int Width = 32,
  parameter int Depth = 4,    // a power of two, >= 1
  parameter bit Ebr   = 1'b0  // the entries in block RAM
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             flush_i,
  input  logic             push_i,
  input  logic [Width-1:0] data_i,
  input  logic             pop_i,
  output logic [Width-1:0] data_o,  // the oldest entry, valid while !empty_o
  output logic             empty_o,
  output logic             full_o
);

  // A one-entry FIFO still needs a 1-bit pointer type; its pointers stay at 0 (see below).
  localparam int AW = (Depth > 1) ? $clog2(Depth) : 1;

  logic [AW-1:0]    rd_q, rd_d, wr_q, wr_d;
  logic [AW:0]      cnt_q, cnt_d;

  always_comb begin
    rd_d  = rd_q;
    wr_d  = wr_q;
    cnt_d = cnt_q;
    // Depth is a power of two, so the pointers wrap by overflow; with one entry they never move
    // (a 1-bit pointer would otherwise index past mem_q).
    if (push_i && Depth > 1) begin
      wr_d = wr_q + 1'b1;
    end
    if (pop_i && Depth > 1) begin
      rd_d = rd_q + 1'b1;
    end
    if (push_i && !pop_i) begin
      cnt_d = cnt_q + 1'b1;
    end else if (pop_i && !push_i) begin
      cnt_d = cnt_q - 1'b1;
    end
    if (flush_i) begin
      rd_d  = '0;
      wr_d  = '0;
      cnt_d = '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q  <= '0;
      wr_q  <= '0;
      cnt_q <= '0;
    end else begin
      rd_q  <= rd_d;
      wr_q  <= wr_d;
      cnt_q <= cnt_d;
    end
  end

  // storage without reset: only entries below the count are ever read
  if (Ebr) begin : g_ebr
    // The block RAM reads synchronously, and a read of the address written in the same cycle is
    // undefined (no_rw_check: Yosys adds no logic for it). So every cycle reads the entry that is the
    // oldest in the next cycle (rd_d); when that entry is written in this cycle (a push into an empty
    // FIFO, or a push and a pop with one entry left), the next cycle's output is the pushed word, kept
    // in the bypass register. The read is a process of its own, the block RAM's read port.
    (* ram_style = "block", no_rw_check *) logic [Width-1:0] mem_q [Depth];
    logic [Width-1:0] rdata_q, byp_data_q;
    logic             byp_q;

    always_ff @(posedge clk_i) begin
      if (push_i) begin
        mem_q[wr_q] <= data_i;
      end
    end
    always_ff @(posedge clk_i) begin
      rdata_q    <= mem_q[rd_d];
      byp_data_q <= data_i;
    end
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        byp_q <= 1'b0;
      end else begin
        byp_q <= push_i && (wr_q == rd_d);
      end
    end
    assign data_o = byp_q ? byp_data_q : rdata_q;
  end else begin : g_ff
    logic [Width-1:0] mem_q [Depth];

    always_ff @(posedge clk_i) begin
      if (push_i) begin
        mem_q[wr_q] <= data_i;
      end
    end
    assign data_o = mem_q[rd_q];
  end

  assign empty_o = (cnt_q == '0);
  assign full_o  = (cnt_q == (AW + 1)'(Depth));

`ifndef SYNTHESIS
  // checked only out of reset and when not flushing (a flush makes any pop/push in that cycle moot)
  // (reset in the sensitivity list like the counters: a reset used both ways is a Verilator warning)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni && !flush_i) begin
      assert (!(push_i && !pop_i && full_o)) else $error("st_fifo: push while full");
      assert (!(pop_i && empty_o)) else $error("st_fifo: pop while empty");
    end
  end
`endif

endmodule
