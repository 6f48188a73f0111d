// SPDX-License-Identifier: Apache-2.0
// st_accel_fifo.sv - a small synchronous FIFO in flip-flops (the accelerator's token and data queues).
//
// Push and pop in the same cycle are allowed, also when full (the pop frees the entry the push takes).
// flush_i empties it (used when a chain is aborted). A push while full without a pop, or a pop while
// empty, is a caller bug and an assertion failure.

module st_accel_fifo #(
  parameter int Width = 32,
  parameter int Depth = 4  // a power of two, >= 2
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

  localparam int AW = $clog2(Depth);

  logic [Width-1:0] mem_q [Depth];
  logic [AW-1:0]    rd_q, rd_d, wr_q, wr_d;
  logic [AW:0]      cnt_q, cnt_d;

  always_comb begin
    rd_d  = rd_q;
    wr_d  = wr_q;
    cnt_d = cnt_q;
    if (push_i) begin
      wr_d = wr_q + 1'b1;
    end
    if (pop_i) begin
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
  always_ff @(posedge clk_i) begin
    if (push_i) begin
      mem_q[wr_q] <= data_i;
    end
  end

  assign data_o  = mem_q[rd_q];
  assign empty_o = (cnt_q == '0);
  assign full_o  = (cnt_q == (AW + 1)'(Depth));

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (!flush_i) begin
      assert (!(push_i && !pop_i && full_o)) else $error("st_accel_fifo: push while full");
      assert (!(pop_i && empty_o)) else $error("st_accel_fifo: pop while empty");
    end
  end
`endif

endmodule
