// SPDX-License-Identifier: Apache-2.0
// st_cpu_mul_gate_tb.v - st_cpu_mul's synth_ice40 netlist (SB_MAC16 tiles, yosys's cells_sim.v models)
// against Verilog's own arithmetic: random operands plus the corner values, every operation (MUL, MULH,
// MULHSU, MULHU, SLL, SRL, SRA, CPOP), result checked in the fourth cycle (done_o). The RTL simulations run
// the behavioural `*` and `+`; this checks what the DSP tiles were actually built to do (partial
// products summed through their accumulators, the middle one's carry out).
// Plusargs: +seed=N (default 1), +count=N vectors (default 4000). Prints one line per operation,
// "op NAME: N vectors ok" or the first mismatches (operation, a, b, expected, actual), then a summary.
`timescale 1ns / 1ps
module st_cpu_mul_gate_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         start = 1'b0;
  reg  [2:0]  op;
  reg  [31:0] a, b;
  wire        done;
  wire [31:0] res;

  st_cpu_mul_gate dut (
    .clk_i (clk), .rst_ni (rst_n), .start_i (start), .op_i (op), .a_i (a), .b_i (b), .sum_i (a + b),
    .done_o (done), .result_o (res)
  );

  always #5 clk = ~clk;

  reg  [63:0] p;
  reg  [31:0] expect;
  integer     seed, count, i, k, errs;
  integer     n_op [0:7];
  integer     e_op [0:7];
  reg  [8*6:1] name [0:7];

  initial begin
    name[0] = "MUL"; name[1] = "MULH"; name[2] = "MULHSU"; name[3] = "MULHU";
    name[4] = "SLL"; name[5] = "SRL"; name[6] = "SRA"; name[7] = "CPOP";
    for (k = 0; k < 8; k = k + 1) begin
      n_op[k] = 0;
      e_op[k] = 0;
    end
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("count=%d", count)) count = 4000;
    $display("st_cpu_mul_gate_tb: seed %0d (SEED=%0d reproduces), %0d vectors", seed, seed, count);
    errs = 0;
    #12 rst_n = 1'b1;
    for (i = 0; i < count; i = i + 1) begin
      op = i % 8;
      a  = $random(seed);
      b  = $random(seed);
      // Corner operands: the most negative value, -1, zero, shift amounts 0 and 31.
      case ((i / 8) % 8)
        1: a = 32'h8000_0000;
        2: b = 32'hffff_ffff;
        3: a = 32'hffff_ffff;
        4: b = 32'h8000_0000;
        5: b = {b[31:5], 5'd0};
        6: b = {b[31:5], 5'd31};
        7: a = 32'd0;
        default: ;
      endcase
      case (op)
        3'd0: begin p = a * b; expect = p[31:0]; end
        3'd1: begin p = {{32{a[31]}}, a} * {{32{b[31]}}, b}; expect = p[63:32]; end
        3'd2: begin p = {{32{a[31]}}, a} * {32'd0, b}; expect = p[63:32]; end
        3'd3: begin p = {32'd0, a} * {32'd0, b}; expect = p[63:32]; end
        3'd4: expect = a << b[4:0];
        3'd5: expect = a >> b[4:0];
        3'd6: expect = $signed(a) >>> b[4:0];
        default: begin
          expect = 32'd0;
          for (k = 0; k < 32; k = k + 1) expect = expect + {31'd0, a[k]};
        end
      endcase
      @(negedge clk) start = 1'b1;
      @(negedge clk) start = 1'b0;
      for (k = 0; k < 2; k = k + 1) @(negedge clk);
      n_op[op] = n_op[op] + 1;
      if (!done || res !== expect) begin
        e_op[op] = e_op[op] + 1;
        errs = errs + 1;
        if (errs <= 10) begin
          $display("MISMATCH op %0s a=%08x b=%08x expected=%08x actual=%08x done=%b", name[op], a, b,
                   expect, res, done);
        end
      end
      @(negedge clk);
      if (done) begin
        errs = errs + 1;
        e_op[op] = e_op[op] + 1;
        $display("MISMATCH op %0s: done_o longer than one cycle", name[op]);
      end
    end
    for (k = 0; k < 8; k = k + 1) begin
      if (e_op[k] == 0) $display("ok   op %0s: %0d vectors", name[k], n_op[k]);
      else              $display("FAIL op %0s: %0d of %0d vectors wrong", name[k], e_op[k], n_op[k]);
    end
    $finish;
  end
endmodule
