// SPDX-License-Identifier: Apache-2.0
// st_accel_check.sv - checks one descriptor and derives the layer configuration with a microcoded
// sequencer (docs/accelerator.md §2.5 gives the checks in the order they are reported, §7.3 the design).
//
// The record's words are written into a block RAM as they arrive (dimensions as {above 2047, 11 bits},
// addresses as {outside RAM, word offset} and a misaligned bit); opcode, flags and the GEOM word stay in
// flip-flops. A microprogram (st_accel_ucode, a block RAM initialised at synthesis; its source with one
// comment per step is tools/ucode/st_ucode.c) then runs every check of §2.5 in order through one
// multiplier (one SB_MAC16), one adder and a zero test, one step per cycle in a pipeline:
//     sum = P + B    P = 0 | acc | sat(acc * x) | acc * x mod 2^18    B = x | ~x | ~x + 1 | imm
// with x from the RAM's read port (low or high view of an entry) or from a field / constant. A step may
// end the sequence with an error code, set the flag, or write sum into the accumulator, a RAM entry and
// one configuration register: the configuration registers load straight from the sum (a fixed slice
// each), so they need no multiplexers. Sizes saturate at 2^18 - 1, above any RAM the accelerator supports
// (<= 2^16 words); the window strides and the origin are exact modulo 2^18.
//
// The step is pipelined (docs/accelerator.md §7.3):
//   S1  the ROM word and the RAM operand: x, B and the zero test of x into the E registers;
//   S2  a product only, two cycles: the SB_MAC16 between flip-flops (its operands and its product:
//       nothing else in that cycle; nextpnr does not time a path through a DSP, icetime does), then
//       the correction of the top bits into pv_q; the next word waits those two cycles in S1;
//   E   P (0, acc or pv_q) + B, the predicate, the writes;
//   W   a check only: its fail test on E's registered carry and zero. A failing check stops the machine
//       and keeps the step behind it in E from executing, so nothing is written after it.
// E reads acc itself, so a step sees the accumulator the step before it wrote; a product's DSP input
// register takes the accumulator E writes in the cycle the product leaves S1. A RAM operand is read while the step before it is in S1, so the
// step two before may be writing that entry in the same cycle: then S1 holds its word one cycle and reads
// the operand again (the assembler keeps a step from reading the entry the step just before it writes).
// Holds depend on the program only, never on the data, so tools/ucode/st_ucode.c counts the cycles of
// each segment for the cycle model (tests/accel/st_accel_ucode.h).
//
// Once a record has passed, the same machine walks the generator's output pixels (its outer loop, §7.3):
// st_accel_gen starts the subroutine INIT (a tile group's first pixel) or ADVANCE (the pixel after the
// next) while the machine is idle; they keep the walk's state in scratch-RAM entries and load the next
// pixel (window origin, output and residual word offsets, "no next pixel") into registers that the
// generator copies when it moves on. A subroutine's END raises no done_o.

module st_accel_check #(
  parameter int          NumPe     = 8,
  parameter int          SimdWidth = 32,
  parameter int          WbufDepth = 256,   // entries of SimdWidth bits per PE
  parameter int          PbufWords = 256,
  parameter int          XbufWords = 256,   // im2col words (9 per kernel word of a BYTES input)
  parameter logic [31:0] RamBase   = 32'h0,
  parameter logic [31:0] RamSize   = 32'h20000
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 flush_i,   // abort: back to idle
  // the record's words as they arrive
  input  logic                 dw_we_i,
  input  logic [4:0]           dw_idx_i,
  input  logic [31:0]          dw_data_i,
  input  logic                 start_i,   // every word has arrived
  output logic                 done_o,    // pulse: err_o and cfg_o are valid
  output logic [7:0]           err_o,
  output st_accel_pkg::cfg_t   cfg_o,
  // the pixel walk (st_accel_gen), only after a record passed
  input  logic                 px_init_i,  // start INIT (only while px_busy_o is low)
  input  logic                 px_adv_i,   // start ADVANCE (only while px_busy_o is low)
  output logic                 px_busy_o,  // a subroutine runs: the next pixel below is not valid yet
  output logic signed [st_accel_pkg::DW+1:0] px_ox_o,  // the next pixel's window origin: input column,
  output logic signed [st_accel_pkg::DW+1:0] px_oy_o,  // input row,
  output logic [st_accel_pkg::BW-1:0]        px_org_o, // input word (BYTES: byte) offset mod 2^18
  output logic [st_accel_pkg::OW-1:0]        px_opix_o, // its output word offset
  output logic [st_accel_pkg::OW-1:0]        px_rpix_o, // its residual word offset
  output logic                 px_end_o    // there is no next pixel: the tile group's walk is done
);

  localparam int OW  = st_accel_pkg::OW;
  localparam int BW  = st_accel_pkg::BW;
  localparam int EW  = st_accel_pkg::EW;
  localparam int DW  = st_accel_pkg::DW;
  localparam int ZW  = BW;                   // accumulator and RAM value width (18)
  localparam int SUMW = ZW + 2;              // the adder
  localparam int LPE = $clog2(NumPe);
  localparam logic [ZW-1:0] ZMAX = {ZW{1'b1}};

  // ---- the microword (encoding: st_accel_ucode_pkg, generated with the program) ------------------------
  logic [31:0] uw;       // the step's word (block RAM output)
  logic [4:0]  u_pred;
  logic [1:0]  u_xsrc, u_mop, u_bop;
  logic        u_fset;
  logic [5:0]  u_raddr, u_dst;
  logic [4:0]  u_imm;
  logic [2:0]  u_fail;
  assign u_pred  = uw[4:0];
  assign u_xsrc  = uw[6:5];
  assign u_mop   = uw[8:7];
  assign u_bop   = uw[10:9];
  assign u_raddr = uw[16:11];
  assign u_dst   = uw[22:17];
  assign u_imm   = uw[27:23];
  assign u_fail  = uw[30:28];
  assign u_fset  = uw[31];

  // ---- sequencer --------------------------------------------------------------------------------------
  logic       run_q, run_d;
  logic [7:0] pc_q, pc_d;      // the word S1 shows (uw = ROM[pc_q])
  logic       done_q, done_d;
  logic [7:0] err_q, err_d;
  logic       flag_q, flag_d;
  logic       sub_q, sub_d;    // a pixel-walk subroutine runs (its END raises no done_o)
  logic       fit_q, fit_d;    // all_fit, kept when the subroutines reuse the flag
  logic [ZW-1:0] acc_q, acc_d;
  logic       hold;            // S1 keeps its word this cycle: a product in S2, or its operand read again
  logic       latch;           // S1's word moves on to E (or to S2)
  logic       ve_q, ve_d;      // E holds a step
  logic       m_q, m_d;        // S2 holds a product in the DSP (E is empty this cycle)
  logic       m2_q, m2_d;      // ... in its correction (E is empty this cycle)
  logic       rr_q, rr_d;      // the operand S1 read last cycle was being written: read it again
  logic [5:0] ra, ra_q;        // the RAM read address presented now; the one the last word to move on gave

  logic [31:0] rdata;
  logic        ram_we;
  logic [5:0]  ram_wa;
  logic [31:0] ram_wd;

  // the microprogram ROM and the scratch RAM (record words 1..4, 6..10, intermediate values, constants)
  st_accel_ucode #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth),
    .PbufWords (PbufWords),
    .XbufWords (XbufWords),
    .RamWords  (RamSize >> 2)
  ) u_ucode (
    .clk_i (clk_i),
    .pc_i  (pc_d),
    .uw_o  (uw),
    .we_i  (ram_we),
    .wa_i  (ram_wa),
    .wd_i  (ram_wd),
    .ra_i  (ra),       // the operand of the word after S1's
    .rd_o  (rdata)
  );

  // ---- record fields kept in flip-flops: opcode and flags (word 0), GEOM (word 5) ----------------------
  logic [10:0] w0_q, w0_d;  // flags 15:9, opcode
  logic [25:0] w5_q, w5_d;  // GEOM bits 28:16 and 12:0

  always_comb begin
    w0_d = w0_q;
    w5_d = w5_q;
    if (dw_we_i && (dw_idx_i == 5'd0)) begin
      w0_d = {dw_data_i[15:9], dw_data_i[3:0]};
    end
    if (dw_we_i && (dw_idx_i == 5'd5)) begin
      w5_d = {dw_data_i[28:16], dw_data_i[12:0]};
    end
  end

  logic [3:0] opcode, stride, pad, w_bits, res_bits;
  logic [4:0] in_bits, out_bits;
  logic is_conv, is_max, is_gsum, f_bytes, f_ibip, f_int32, f_obip, f_res, f_rbip, f_wsh;
  assign opcode   = w0_q[3:0];
  assign f_bytes  = w0_q[4 + st_accel_pkg::F_IN_BYTES - 9];
  assign f_ibip   = w0_q[4 + st_accel_pkg::F_IN_BIPOLAR - 9];
  assign f_int32  = w0_q[4 + st_accel_pkg::F_OUT_INT32 - 9];
  assign f_obip   = w0_q[4 + st_accel_pkg::F_OUT_BIPOLAR - 9];
  assign f_res    = w0_q[4 + st_accel_pkg::F_RES - 9];
  assign f_rbip   = w0_q[4 + st_accel_pkg::F_RES_BIPOLAR - 9];
  assign f_wsh    = w0_q[4 + st_accel_pkg::F_W_SHARED - 9];
  assign stride   = w5_q[3:0];
  assign pad      = w5_q[7:4];
  assign in_bits  = w5_q[12:8];
  assign w_bits   = w5_q[16:13];
  assign res_bits = w5_q[20:17];
  assign out_bits = w5_q[25:21];
  assign is_conv  = (opcode == st_accel_pkg::OPC_CONV);
  assign is_max   = (opcode == st_accel_pkg::OPC_MAXPOOL);
  assign is_gsum  = (opcode == st_accel_pkg::OPC_GSUM);

  logic       bad_op, bad_flags;
  logic [3:0] s_e, p_e;
  logic [2:0] p_log2;
  assign bad_op = !(is_conv || is_max || is_gsum);
  always_comb begin
    if (is_max) begin
      bad_flags = f_bytes || f_int32 || f_res || f_rbip || f_wsh;
    end else if (is_gsum) begin
      bad_flags = f_bytes || f_ibip || f_int32 || f_obip || f_res || f_rbip || f_wsh;
    end else begin
      bad_flags = (f_rbip && !f_res) || (f_obip && f_int32) || (f_wsh && f_bytes);
    end
  end
  assign s_e    = is_gsum ? 4'd1 : stride;
  assign p_e    = is_conv ? pad : 4'd0;
  assign p_log2 = f_int32 ? 3'd1 : 3'(out_bits);

  // ---- E's registers: what S1 decoded from the word (and S2's product) ---------------------------------
  logic [4:0]      e_pred;
  logic [1:0]      e_mop;
  logic [2:0]      e_fail;
  logic            e_fset, e_cin, e_xzero;
  logic            e_wr;    // a write step with a destination (whatever its predicate)
  logic [5:0]      e_dst;
  logic [SUMW-1:0] e_opb;
  logic [DW-1:0]   m_xm;    // S2: the product's x
  logic [1:0]      m_ah;    // S2: the product's acc[17:16]
  logic [ZW-1:0]   pv_q;    // S2 -> E: the product, saturated or modulo 2^18

  // ---- what the record's words leave in the scratch RAM: entry = {hi[13:0], lo[17:0]} ------------------
  logic [31:0] rec_wd;
  logic [31:0] rel;
  logic [SUMW-1:0] sum;
  logic        exec;    // E holds a step and its predicate holds
  logic        cfg_we;  // ... and it writes its destination (a RAM entry and its configuration register)
  assign cfg_we = exec && e_wr;

  assign rel = dw_data_i - RamBase;
  always_comb begin
    if (dw_idx_i <= 5'd4) begin
      // two dimensions: {above MAX_DIM, low DW bits} each (the limits are 2047 / 1024)
      rec_wd = {2'b0, (dw_data_i[31:16] > 16'(st_accel_pkg::MAX_DIM)), dw_data_i[16 +: DW],
                (ZW - DW - 1)'(0), (dw_data_i[15:0] > 16'(st_accel_pkg::MAX_DIM)), dw_data_i[DW-1:0]};
    end else begin
      // an address: lo = {outside the RAM window, word offset}, hi = misaligned
      rec_wd = {13'b0, (dw_data_i[1:0] != 2'b00), 1'b0, (rel >= RamSize), rel[OW+1:2]};
    end
  end
  assign ram_we = run_q ? cfg_we : dw_we_i;
  assign ram_wa = run_q ? e_dst : 6'(dw_idx_i);
  assign ram_wd = run_q ? {sum[ZW:5], sum[ZW-1:0]} : rec_wd;

  // ---- S1: x (the RAM's low or high view, or a field / constant) and B ---------------------------------
  logic [ZW-1:0] fld, x;
  logic [5:0]  cw_q, cwo_q;
  logic [7:0]  tiles_q;
  logic [3:0]  code_max;
  logic [SUMW-1:0] opb;
  assign code_max = ~(4'hF << in_bits[2:0]);
  always_comb begin
    unique case (u_imm)
      st_accel_ucode_pkg::F_BADOP:    fld = ZW'(bad_op);
      st_accel_ucode_pkg::F_BADFLAGS:    fld = ZW'(bad_flags);
      st_accel_ucode_pkg::F_STRIDE:    fld = ZW'(s_e);
      st_accel_ucode_pkg::F_PAD_E:    fld = ZW'(p_e);
      st_accel_ucode_pkg::F_PAD:    fld = ZW'(pad);
      st_accel_ucode_pkg::F_IN_BITS:    fld = ZW'(in_bits);
      st_accel_ucode_pkg::F_W_BITS:    fld = is_gsum ? ZW'(1) : ZW'(w_bits);
      st_accel_ucode_pkg::F_OUT_BITS:    fld = ZW'(out_bits);
      st_accel_ucode_pkg::F_RES_BITS:    fld = ZW'(res_bits);
      st_accel_ucode_pkg::F_CODE_MAX:    fld = ZW'(code_max);                          // 2^in_bits - 1 (GSUM, in_bits 1..4)
      st_accel_ucode_pkg::F_P:   fld = ZW'(1) << p_log2;                       // P: 2^p_log2 parameter words (CONV)
      st_accel_ucode_pkg::F_Q3:   fld = out_bits[3] ? ZW'(256) : ZW'(1);        // GSUM: 2^out_bits = P * Q3 * Q4 * Q4
      st_accel_ucode_pkg::F_Q4:   fld = out_bits[4] ? ZW'(256) : ZW'(1);
      st_accel_ucode_pkg::F_TILES:   fld = ZW'(tiles_q);  // (the assembler keeps it from following C_TILES)
      default: fld = '0;
    endcase
    unique case (u_xsrc)
      st_accel_ucode_pkg::X_LO: x = rdata[ZW-1:0];
      st_accel_ucode_pkg::X_HI: x = ZW'(rdata[31:ZW]);
      default: x = fld;
    endcase
    unique case (u_bop)
      st_accel_ucode_pkg::B_X:   opb = SUMW'(x);
      st_accel_ucode_pkg::B_NX,
      st_accel_ucode_pkg::B_NX1: opb = ~(SUMW'(x));
      default: opb = (u_xsrc == st_accel_ucode_pkg::X_FLD) ? '0 : {{(SUMW - 5){u_imm[4]}}, u_imm};  // FLD: the index
    endcase
  end

  // S1 -> E (and S2): loaded when the word moves on (clock enables, no multiplexers)
  always_ff @(posedge clk_i) begin
    if (latch) begin
      e_pred  <= u_pred;
      e_mop   <= u_mop;
      e_fail  <= u_fail;
      e_fset  <= u_fset;
      e_wr    <= (u_fail == st_accel_ucode_pkg::FAIL_NONE) && !u_fset && (u_dst != '0);
      e_dst   <= u_dst;
      e_opb   <= opb;
      e_cin   <= (u_bop == st_accel_ucode_pkg::B_NX1);
      e_xzero <= (x == '0);
      m_xm    <= x[DW-1:0];
      m_ah    <= acc_d[ZW-1:ZW-2];
    end
  end

  // ---- S2: acc through the multiplier (only the M_MULS / M_MULM steps use pv_q) --------------------------
  // x * acc = p16 + x * acc[17:16] * 2^16 with p16 = x * acc[15:0] in one SB_MAC16. Its input registers
  // take x and the accumulator E leaves (acc_d) every cycle, its output register the product: the cycle
  // a product leaves S1 loads its operands, the next (m_q) its p16. Only the sum's low 18 bits and whether
  // it reaches 2^18 matter, so the top term needs only x[1:0] * acc[17:16] (bits 17:16, ph) and whether
  // x >= 4 while acc >= 2^16 (then the product is at least 2^18): no wide adds (m2_q: into pv_q).
  logic [DW-1:0]    dsp_a;
  logic [15:0]      dsp_b;
  logic [DW+15:0]   p16_q;
  logic [3:0]       ph;
  logic             ovf;
  always_ff @(posedge clk_i) begin
    dsp_a <= x[DW-1:0];
    dsp_b <= acc_d[15:0];
    p16_q <= (DW + 16)'(dsp_a * dsp_b);
  end
  assign ph  = 4'(m_xm[1:0] * m_ah) + 4'(p16_q[17:16]);
  assign ovf = (|p16_q[DW+15:ZW]) || ((|m_xm[DW-1:2]) && (|m_ah)) || (|ph[3:2]);
  always_ff @(posedge clk_i) begin
    pv_q <= ((e_mop == st_accel_ucode_pkg::M_MULS) && ovf) ? ZMAX : {ph[1:0], p16_q[15:0]};
  end

  // ---- E: P and the adder ---------------------------------------------------------------------------
  logic [ZW-1:0]    popa;   // P: 0, acc or the product
  logic             carry, zero;
  assign popa = e_mop[1] ? pv_q : (e_mop[0] ? acc_q : '0);
  assign {carry, sum} = (SUMW + 1)'(popa) + (SUMW + 1)'(e_opb) + (SUMW + 1)'(e_cin);
  assign zero = (sum == '0);

  // ---- predicates -------------------------------------------------------------------------------------
  logic pred;
  always_comb begin
    unique case (e_pred)
      st_accel_ucode_pkg::P_ALWAYS:    pred = 1'b1;
      st_accel_ucode_pkg::P_CONV:    pred = is_conv;
      st_accel_ucode_pkg::P_MAX:    pred = is_max;
      st_accel_ucode_pkg::P_GSUM:    pred = is_gsum;
      st_accel_ucode_pkg::P_NCONV:    pred = !is_conv;
      st_accel_ucode_pkg::P_NMAX:    pred = !is_max;
      st_accel_ucode_pkg::P_NGSUM:    pred = !is_gsum;
      st_accel_ucode_pkg::P_BYTES:    pred = f_bytes;
      st_accel_ucode_pkg::P_NBYTES:    pred = !f_bytes;
      st_accel_ucode_pkg::P_INT32:    pred = f_int32;
      st_accel_ucode_pkg::P_NINT32:   pred = !f_int32;
      st_accel_ucode_pkg::P_RES:   pred = f_res;
      st_accel_ucode_pkg::P_IBIP:   pred = f_ibip;
      st_accel_ucode_pkg::P_OBIP:   pred = f_obip;
      st_accel_ucode_pkg::P_RBIP:   pred = f_rbip;
      st_accel_ucode_pkg::P_OUTCHK:   pred = is_gsum || (is_conv && !f_int32);
      st_accel_ucode_pkg::P_WSH:   pred = f_wsh;
      st_accel_ucode_pkg::P_PLAIN:   pred = !f_bytes && !f_wsh && !is_gsum;
      st_accel_ucode_pkg::P_BYTES_FLAG:   pred = f_bytes && flag_q;
      st_accel_ucode_pkg::P_CONV_NFLAG:   pred = is_conv && !flag_q;
      default: pred = 1'b0;
    endcase
  end
  logic wfail;  // W: the check E ran last cycle fails (declared here: E's writes wait for it)
  assign exec = run_q && ve_q && pred && !wfail;

  // ---- W: a check's fail test, a cycle after its E ------------------------------------------------------
  // The flag a FAIL_FLAG_C check reads is flag_q now: only the step behind it could have changed it since,
  // and that one's write lands at the end of this cycle.
  logic       w_v, w_carry, w_zero, w_xzero;
  logic [2:0] w_fail;
  logic [5:0] w_err;
  logic       fail;
  always_comb begin
    unique case (w_fail)
      st_accel_ucode_pkg::FAIL_RANGE:  fail = w_xzero || !w_carry;
      st_accel_ucode_pkg::FAIL_C:      fail = w_carry;
      st_accel_ucode_pkg::FAIL_NC:     fail = !w_carry;
      st_accel_ucode_pkg::FAIL_Z:      fail = w_zero;
      st_accel_ucode_pkg::FAIL_NZ:     fail = !w_zero;
      st_accel_ucode_pkg::FAIL_FLAG_C: fail = flag_q && w_carry;
      default:     fail = 1'b0;
    endcase
  end
  assign wfail = run_q && w_v && fail;
  always_ff @(posedge clk_i) begin
    w_carry <= carry;
    w_zero  <= zero;
    w_xzero <= e_xzero;
    w_fail  <= e_fail;
    w_err   <= e_dst;
  end

  // ---- the pipeline's flow: hold, move on, read again ----------------------------------------------------
  // A hold keeps S1's word (the ROM reads pc_q again) and presents the read address of the word before it
  // again (ra_q), so the operand is read once more. A product holds the next word for its two cycles in
  // S2; an operand read in the cycle E wrote its entry is read again. Neither looks at the predicate or the data.
  assign hold  = m_q || m2_q || rr_q;
  assign latch = run_q && !hold;
  assign ra    = hold ? ra_q : u_raddr;
  assign ve_d  = (latch && !u_mop[1]) || (run_q && m2_q);
  assign m_d   = latch && u_mop[1];
  assign m2_d  = run_q && m_q;
  assign rr_d  = run_q && ve_q && e_wr && (ra == e_dst);

  always_comb begin
    run_d  = run_q;
    pc_d   = '0;
    done_d = 1'b0;
    err_d  = err_q;
    flag_d = flag_q;
    sub_d  = sub_q;
    fit_d  = fit_q;
    acc_d  = acc_q;
    if (run_q) begin
      // the next word, whatever E and W do: a stop leaves the words behind it unexecuted
      pc_d = hold ? pc_q : pc_q + 8'd1;
      if (wfail) begin
        err_d  = 8'(w_err);
        run_d  = 1'b0;
        done_d = 1'b1;
      end
      if (exec) begin
        if (e_fail == st_accel_ucode_pkg::FAIL_END) begin
          run_d  = 1'b0;
          done_d = !sub_q;
          sub_d  = 1'b0;
          if (!sub_q) begin
            fit_d = !flag_q;  // flag: the tiles' weights (CONV: or parameters) do not fit at once
          end
        end else if (e_fail != st_accel_ucode_pkg::FAIL_NONE) begin
          // a check: W tests it next cycle
        end else if (e_fset) begin
          flag_d = carry;
        end else begin
          acc_d = sum[ZW-1:0];
        end
      end
    end else if (start_i) begin
      run_d = 1'b1;
      err_d = st_regs_pkg::ACCEL_ERR_NONE;
    end else if (px_init_i || px_adv_i) begin
      run_d = 1'b1;
      sub_d = 1'b1;
      // ADVANCE: the flag (set by the subroutine before) says whether the next pixel stays in its row
      pc_d  = px_init_i ? st_accel_ucode_pkg::U_INIT :
              (flag_q ? st_accel_ucode_pkg::U_ADV : st_accel_ucode_pkg::U_ADVW);
    end
    if (flush_i) begin
      run_d  = 1'b0;
      done_d = 1'b0;
      sub_d  = 1'b0;
      pc_d   = '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      run_q  <= 1'b0;
      pc_q   <= '0;
      done_q <= 1'b0;
      err_q  <= '0;
      flag_q <= 1'b0;
      sub_q  <= 1'b0;
      fit_q  <= 1'b0;
      acc_q  <= '0;
      w0_q   <= '0;
      w5_q   <= '0;
      ve_q   <= 1'b0;
      m_q    <= 1'b0;
      m2_q   <= 1'b0;
      rr_q   <= 1'b0;
      ra_q   <= '0;
      w_v    <= 1'b0;
    end else begin
      run_q  <= run_d;
      pc_q   <= pc_d;
      done_q <= done_d;
      err_q  <= err_d;
      flag_q <= flag_d;
      sub_q  <= sub_d;
      fit_q  <= fit_d;
      acc_q  <= acc_d;
      w0_q   <= w0_d;
      w5_q   <= w5_d;
      // a flush empties the pipeline; a new run starts with it empty (ve, m, rr follow run_q)
      ve_q   <= ve_d && !flush_i;
      m_q    <= m_d && !flush_i;
      m2_q   <= m2_d && !flush_i;
      rr_q   <= rr_d && !flush_i;
      w_v    <= exec && !flush_i && (e_fail != st_accel_ucode_pkg::FAIL_NONE) &&
                (e_fail != st_accel_ucode_pkg::FAIL_END);
      if (latch) begin
        ra_q <= u_raddr;
      end
    end
  end

  // ---- the configuration registers: each loads a fixed slice of sum when a step names it -------------
  logic [DW-1:0] in_h_q, in_w_q, in_c_q, out_h_q, out_w_q, out_c_q, kh_q, kw_q;
  logic [OW-1:0] in_off_q, out_off_q, w_off_q, p_off_q, res_off_q, opix_q, rpix_q, chw_q;
  logic [BW-1:0] pix_q, row_q, sx_q, sy_q, org0_q;
  logic [EW-1:0] kwords_q, kws_q, tent_q, kwcw_q;
  logic signed [DW+1:0] nox_q, noy_q;
  logic [BW-1:0] norg_q;
  logic [OW-1:0] nopx_q, nrpx_q;
  logic          nend_q;

  // no reset: a configuration is only read after a record passed, and every field is loaded by then
  always_ff @(posedge clk_i) begin
    if (cfg_we) begin
      unique case (e_dst)
        st_accel_ucode_pkg::C_IN_H: in_h_q    <= sum[DW-1:0];
        st_accel_ucode_pkg::C_IN_W: in_w_q    <= sum[DW-1:0];
        st_accel_ucode_pkg::C_IN_C: in_c_q    <= sum[DW-1:0];
        st_accel_ucode_pkg::C_OUT_H: out_h_q   <= sum[DW-1:0];
        st_accel_ucode_pkg::C_OUT_W: out_w_q   <= sum[DW-1:0];
        st_accel_ucode_pkg::C_OUT_C: out_c_q   <= sum[DW-1:0];
        st_accel_ucode_pkg::C_KH: kh_q      <= sum[DW-1:0];
        st_accel_ucode_pkg::C_KW: kw_q      <= sum[DW-1:0];
        st_accel_ucode_pkg::C_IN_OFF: in_off_q  <= sum[OW-1:0];
        st_accel_ucode_pkg::C_OUT_OFF: out_off_q <= sum[OW-1:0];
        st_accel_ucode_pkg::C_W_OFF: w_off_q   <= sum[OW-1:0];
        st_accel_ucode_pkg::C_P_OFF: p_off_q   <= sum[OW-1:0];
        st_accel_ucode_pkg::C_RES_OFF: res_off_q <= sum[OW-1:0];
        st_accel_ucode_pkg::C_CW: cw_q      <= sum[10:5];          // (in_c + 31) / 32
        st_accel_ucode_pkg::C_CWO: cwo_q     <= sum[10:5];          // (out_c + 31) / 32
        st_accel_ucode_pkg::C_TILES: tiles_q   <= sum[LPE +: 8];      // (out_c + NumPe - 1) / NumPe
        st_accel_ucode_pkg::C_PIX: pix_q     <= sum[BW-1:0];
        st_accel_ucode_pkg::C_ROW: row_q     <= sum[BW-1:0];
        st_accel_ucode_pkg::C_SX: sx_q      <= sum[BW-1:0];
        st_accel_ucode_pkg::C_SY: sy_q      <= sum[BW-1:0];
        st_accel_ucode_pkg::C_ORG0:   org0_q    <= sum[BW-1:0];
        st_accel_ucode_pkg::C_OPIX: opix_q    <= sum[OW-1:0];
        st_accel_ucode_pkg::C_RPIX: rpix_q    <= sum[OW-1:0];
        st_accel_ucode_pkg::C_KWORDS: kwords_q  <= sum[EW-1:0];
        st_accel_ucode_pkg::C_KWS: kws_q     <= sum[EW-1:0];
        st_accel_ucode_pkg::C_TILE_ENT: tent_q    <= sum[EW-1:0];
        st_accel_ucode_pkg::C_CHW: chw_q     <= sum[OW-1:0];
        st_accel_ucode_pkg::C_NOX:  nox_q  <= sum[DW+1:0];
        st_accel_ucode_pkg::C_NOY:  noy_q  <= sum[DW+1:0];
        st_accel_ucode_pkg::C_NORG: norg_q <= sum[BW-1:0];
        st_accel_ucode_pkg::C_NOPX: nopx_q <= sum[OW-1:0];
        st_accel_ucode_pkg::C_NRPX: nrpx_q <= sum[OW-1:0];
        st_accel_ucode_pkg::C_NEND: nend_q <= sum[ZW-1];         // YR - 1 below 0
        st_accel_ucode_pkg::C_KWCW: kwcw_q <= sum[EW-1:0];
        default: ;
      endcase
    end
  end

  always_comb begin
    cfg_o = '0;
    cfg_o.op        = is_max ? st_accel_pkg::OpMax : (is_gsum ? st_accel_pkg::OpGsum : st_accel_pkg::OpConv);
    cfg_o.out_mode  = is_gsum ? st_accel_pkg::OutRaw :
                      (f_int32 ? st_accel_pkg::OutInt32 : st_accel_pkg::OutCodes);
    cfg_o.in_bytes  = f_bytes && is_conv;
    cfg_o.in_bip    = f_ibip && is_conv;
    cfg_o.w_bip     = is_conv && (w_bits == 4'd1);
    cfg_o.w_sign    = is_conv && (w_bits >= 4'd2);
    cfg_o.xor_mode  = is_conv && f_ibip && (w_bits == 4'd1) && !f_bytes;
    cfg_o.w_shared  = f_wsh || is_gsum;
    cfg_o.res_en    = f_res && is_conv;
    cfg_o.res_bip   = f_rbip && is_conv;
    cfg_o.all_fit   = is_max || fit_q;
    cfg_o.in_h      = in_h_q;
    cfg_o.in_w      = in_w_q;
    cfg_o.in_c      = in_c_q;
    cfg_o.out_h     = out_h_q;
    cfg_o.out_w     = out_w_q;
    cfg_o.out_c     = out_c_q;
    cfg_o.kh        = kh_q;
    cfg_o.kw        = kw_q;
    cfg_o.stride    = s_e;
    cfg_o.pad       = p_e;
    cfg_o.in_bits   = in_bits;
    cfg_o.out_bits  = is_max ? in_bits : out_bits;
    cfg_o.w_bits    = is_gsum ? 4'd1 : w_bits;
    cfg_o.res_bits  = 3'(res_bits);
    cfg_o.cw        = cw_q;
    cfg_o.cwo       = cwo_q;
    cfg_o.c_rem     = in_c_q[4:0];
    cfg_o.in_off    = in_off_q;
    cfg_o.out_off   = out_off_q;
    cfg_o.w_off     = w_off_q;
    cfg_o.p_off     = p_off_q;
    cfg_o.res_off   = res_off_q;
    cfg_o.pix_words = pix_q;
    cfg_o.row_words = row_q;
    cfg_o.step_x    = sx_q;
    cfg_o.step_y    = sy_q;
    cfg_o.org0      = org0_q;
    cfg_o.out_pix   = opix_q;
    cfg_o.res_pix   = rpix_q;
    cfg_o.kwords    = kwords_q;
    cfg_o.kws       = kws_q;
    cfg_o.kwcw      = kwcw_q;
    cfg_o.tile_ent  = tent_q;
    cfg_o.ch_words  = chw_q;
    cfg_o.p_log2    = p_log2;
    cfg_o.n_thr     = 4'(~(5'h1F << out_bits));  // 2^out_bits - 1
    cfg_o.tiles     = tiles_q;
  end

  assign done_o = done_q;
  assign err_o  = err_q;

  assign px_busy_o = run_q;
  assign px_ox_o   = nox_q;
  assign px_oy_o   = noy_q;
  assign px_org_o  = norg_q;
  assign px_opix_o = nopx_q;
  assign px_rpix_o = nrpx_q;
  assign px_end_o  = nend_q;

`ifndef SYNTHESIS
  // the generator asks for a subroutine only while the machine is idle (a request while it runs would be
  // dropped and the generator would wait for a next pixel that never comes)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni && !flush_i) begin
      assert (!((px_init_i || px_adv_i) && (run_q || start_i))) else $error("st_accel_check: pixel-walk request while busy");
      assert (!(px_init_i && px_adv_i)) else $error("st_accel_check: INIT and ADVANCE at once");
    end
  end
`endif

endmodule
