// SPDX-License-Identifier: Apache-2.0
// st_soc_fifo.sv - a small synchronous FIFO in flip-flops (the interconnect's response-routing queues).
//
// Push and pop in the same cycle are allowed, also when full (the pop frees the entry the push takes).
// A push while full without a pop, or a pop while empty, is a caller bug and an assertion failure.

module st_soc_fifo #(
  parameter int Width = 2,
  parameter int Depth = 4  // a power of two
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             push_i,
  input  logic [Width-1:0] data_i,
  input  logic             pop_i,
  output logic [Width-1:0] data_o,  // the oldest entry, valid while !empty_o
  output logic             empty_o,
  output logic             full_o
);

  localparam int PW = (Depth > 1) ? $clog2(Depth) : 1;

  logic [Width-1:0] mem_q [Depth];
  logic [PW-1:0]    rd_q, rd_d, wr_q, wr_d;
  logic [PW:0]      cnt_q, cnt_d;

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

  // Storage without reset: an entry is only read after it was written.
  always_ff @(posedge clk_i) begin
    if (push_i) begin
      mem_q[wr_q] <= data_i;
    end
  end

  assign data_o  = mem_q[rd_q];
  assign empty_o = (cnt_q == '0);
  assign full_o  = (cnt_q == (PW + 1)'(Depth));

`ifndef SYNTHESIS
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni) begin
      assert (!(pop_i && empty_o)) else $error("st_soc_fifo: pop while empty");
      assert (!(push_i && full_o && !pop_i)) else $error("st_soc_fifo: push while full");
    end
  end
`endif

endmodule
