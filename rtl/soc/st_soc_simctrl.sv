// SPDX-License-Identifier: Apache-2.0
// st_soc_simctrl.sv - simulation control: the firmware's exit code, a console byte, a test interrupt.
//
// Registers (block SIMCTRL): a write to EXIT ends the simulation with the written value as the exit code
// (0 = pass), a write to PUTC prints one byte on the simulator console, IRQ.EXT drives the machine external
// interrupt so that firmware tests can exercise the interrupt path without the accelerator. The simulator
// watches exit_o / putc_o at the clock edge; on the board nothing does and the writes are harmless.
// Bus slave per docs/bus.md: response one cycle after acceptance, rsp_err for an offset that is no
// register.

module st_soc_simctrl (
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

  output logic        exit_o,       // one cycle: EXIT was written
  output logic [31:0] exit_code_o,  // the value written, valid with exit_o
  output logic        putc_o,       // one cycle: PUTC was written
  output logic [7:0]  putc_char_o,
  output logic        irq_ext_o
);

  logic        exit_q, exit_d, putc_q, putc_d, irq_q, irq_d;
  logic [31:0] code_q, code_d, rdata_d, rdata_q;
  logic [7:0]  char_q, char_d;
  logic        err_d, err_q, rsp_valid_q;

  assign req_ready_o = 1'b1;

  always_comb begin
    exit_d  = 1'b0;
    putc_d  = 1'b0;
    code_d  = code_q;
    char_d  = char_q;
    irq_d   = irq_q;
    rdata_d = 32'h0;
    err_d   = 1'b0;
    if (req_valid_i) begin
      unique case (req_addr_i[11:0])
        st_regs_pkg::SIMCTRL_EXIT_OFFSET: begin
          if (req_we_i) begin
            exit_d = 1'b1;
            code_d = req_wdata_i;
          end
        end
        st_regs_pkg::SIMCTRL_PUTC_OFFSET: begin
          if (req_we_i && req_be_i[0]) begin
            putc_d = 1'b1;
            char_d = req_wdata_i[7:0];
          end
        end
        st_regs_pkg::SIMCTRL_IRQ_OFFSET: begin
          rdata_d[st_regs_pkg::SIMCTRL_IRQ_EXT_LSB] = irq_q;
          if (req_we_i && req_be_i[0]) begin
            irq_d = req_wdata_i[st_regs_pkg::SIMCTRL_IRQ_EXT_LSB];
          end
        end
        default: err_d = 1'b1;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      exit_q      <= 1'b0;
      putc_q      <= 1'b0;
      code_q      <= 32'h0;
      char_q      <= 8'h0;
      irq_q       <= 1'b0;
      rdata_q     <= 32'h0;
      err_q       <= 1'b0;
      rsp_valid_q <= 1'b0;
    end else begin
      exit_q      <= exit_d;
      putc_q      <= putc_d;
      code_q      <= code_d;
      char_q      <= char_d;
      irq_q       <= irq_d;
      rdata_q     <= rdata_d;
      err_q       <= err_d;
      rsp_valid_q <= req_valid_i;
    end
  end

  assign rsp_valid_o = rsp_valid_q;
  assign rsp_rdata_o = rdata_q;
  assign rsp_err_o   = err_q;
  assign exit_o      = exit_q;
  assign exit_code_o = code_q;
  assign putc_o      = putc_q;
  assign putc_char_o = char_q;
  assign irq_ext_o   = irq_q;

  logic unused;
  assign unused = ^{req_addr_i[31:12], req_be_i[3:1]};

endmodule
