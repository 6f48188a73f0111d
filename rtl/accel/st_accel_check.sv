// SPDX-License-Identifier: Apache-2.0
// st_accel_check.sv - checks one descriptor and derives the layer configuration (docs/accelerator.md
// §2.5 gives the checks in the order they are reported).
//
// Cheap field checks (opcode, flags, bit widths, zero or too large dimensions, alignment) are
// combinational. Everything that needs a product runs as a fixed sequence of steps through one
// saturating 18 x 18 multiplier and one adder: output-shape consistency, buffer sizes, strides, range,
// overlap and on-chip buffer fit. Sizes saturate at 2^18 - 1, above any RAM size the accelerator
// supports (<= 2^16 words), so no size can wrap into range. The window strides and the origin offset are
// not sizes: they are kept exact modulo 2^18 (byte addresses of a 256 KiB RAM), as the generator's address
// arithmetic needs them, whatever their true size (a large padding puts the origin of a one-row input
// far before it). About 40 cycles per descriptor.

module st_accel_check #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int WbufDepth = 256,   // entries of SimdWidth bits per PE
  parameter int PbufWords = 256,
  parameter int XbufWords = 256,   // im2col words (9 per kernel word of a BYTES input)
  parameter int RamWords  = 32768
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 flush_i,   // abort: back to idle
  input  logic                 start_i,   // the descriptor fields are complete
  input  st_accel_pkg::desc_t  d_i,
  output logic                 done_o,    // pulse: err_o and cfg_o are valid
  output logic [7:0]           err_o,
  output st_accel_pkg::cfg_t   cfg_o
);

  localparam int OW    = st_accel_pkg::OW;
  localparam int EW    = st_accel_pkg::EW;
  localparam int DW    = st_accel_pkg::DW;
  localparam int NS    = 32 / SimdWidth;
  localparam int ZW    = st_accel_pkg::OW + 2;  // saturating size width = byte offset width (18)
  localparam int RW    = ZW + 2;              // sums
  localparam logic [ZW-1:0] ZMAX = {ZW{1'b1}};  // not '1: Yosys 0.23 makes a typed parameter '1 equal to 1

  typedef enum logic [1:0] {
    StIdle,   // wait for a descriptor
    StSteps,  // run the step sequence
    StDone    // report
  } st_e;

  st_e   st_q, st_d;
  logic [7:0] err_q, err_d;

  // decoded flags
  logic is_conv, is_max, is_gsum, f_bytes, f_ibip, f_int32, f_obip, f_res, f_rbip, f_wsh;
  assign is_conv = (d_i.opcode == st_accel_pkg::OPC_CONV);
  assign is_max  = (d_i.opcode == st_accel_pkg::OPC_MAXPOOL);
  assign is_gsum = (d_i.opcode == st_accel_pkg::OPC_GSUM);
  assign f_bytes = d_i.flags[st_accel_pkg::F_IN_BYTES - 8];
  assign f_ibip  = d_i.flags[st_accel_pkg::F_IN_BIPOLAR - 8];
  assign f_int32 = d_i.flags[st_accel_pkg::F_OUT_INT32 - 8];
  assign f_obip  = d_i.flags[st_accel_pkg::F_OUT_BIPOLAR - 8];
  assign f_res   = d_i.flags[st_accel_pkg::F_RES - 8];
  assign f_rbip  = d_i.flags[st_accel_pkg::F_RES_BIPOLAR - 8];
  assign f_wsh   = d_i.flags[st_accel_pkg::F_W_SHARED - 8];

  // effective geometry: a GSUM is a whole-input window with stride 1
  logic [DW-1:0] kh_e, kw_e, oh_m1, ow_m1;
  logic [3:0]    code_max;  // GSUM: 2^in_bits - 1 (in_bits 1..4)
  logic [3:0]  s_e, p_e;
  logic [5:0]  cw, cwo;
  logic [7:0]  tiles;
  logic [2:0]  p_log2;
  assign kh_e   = is_gsum ? d_i.in_h : d_i.kh;
  assign kw_e   = is_gsum ? d_i.in_w : d_i.kw;
  assign s_e    = is_gsum ? 4'd1 : d_i.stride;
  assign p_e    = is_conv ? d_i.pad : 4'd0;
  assign cw     = 6'((12'(d_i.in_c) + 12'd31) >> 5);
  assign cwo    = 6'((12'(d_i.out_c) + 12'd31) >> 5);
  assign tiles  = 8'((12'(d_i.out_c) + 12'(NumPe - 1)) / 12'(NumPe));
  assign p_log2 = f_int32 ? 3'd1 : 3'(d_i.out_bits);
  assign code_max = ~(4'hF << d_i.in_bits[2:0]);
  assign oh_m1  = d_i.out_h - DW'(1);
  assign ow_m1  = d_i.out_w - DW'(1);

  // ---- combinational field checks --------------------------------------------------------------
  logic bad_op, bad_flags, bad_bits, bad_dim0;
  logic [4:0] used;  // in, out, w, p, res
  always_comb begin
    bad_op = !(is_conv || is_max || is_gsum);

    bad_flags = 1'b0;
    if (is_max) begin
      bad_flags = f_bytes || f_int32 || f_res || f_rbip || f_wsh;
    end else if (is_gsum) begin
      bad_flags = f_bytes || f_ibip || f_int32 || f_obip || f_res || f_rbip || f_wsh;
    end else begin
      bad_flags = (f_rbip && !f_res) || (f_obip && f_int32) || (f_wsh && f_bytes);
    end

    bad_bits = 1'b0;
    if (is_conv) begin
      bad_bits = (d_i.in_bits == 5'd0) || (d_i.in_bits > (f_bytes ? 5'd8 : 5'd16)) ||
                 (d_i.w_bits == 4'd0) || (d_i.w_bits > 4'd8) ||
                 (!f_int32 && ((d_i.out_bits == 5'd0) || (d_i.out_bits > 5'd4))) ||
                 (f_res && ((d_i.res_bits == 4'd0) || (d_i.res_bits > 4'd4))) ||
                 (f_ibip && (d_i.in_bits != 5'd1)) || (f_obip && (d_i.out_bits != 5'd1)) ||
                 (f_rbip && (d_i.res_bits != 4'd1));
    end else if (is_max) begin
      bad_bits = (d_i.in_bits == 5'd0) || (d_i.in_bits > 5'd4) || (d_i.out_bits != d_i.in_bits) ||
                 (f_ibip && (d_i.in_bits != 5'd1)) || (f_obip && (d_i.out_bits != 5'd1));
    end else begin
      bad_bits = (d_i.in_bits == 5'd0) || (d_i.in_bits > 5'd4) ||
                 (d_i.out_bits == 5'd0) || (d_i.out_bits > 5'd16);
    end

    // a field above MAX_DIM = 2^DW - 1 is flagged big by st_accel_ctrl
    bad_dim0 = (|d_i.big[5:0]) || (d_i.in_h == '0) || (d_i.in_w == '0) || (d_i.out_h == '0) ||
               (d_i.out_w == '0) || (d_i.in_c == '0) || (d_i.in_c > DW'(st_accel_pkg::MAX_CH)) ||
               (d_i.out_c == '0) || (d_i.out_c > DW'(st_accel_pkg::MAX_CH));
    if (is_conv || is_max) begin
      bad_dim0 = bad_dim0 || (|d_i.big[7:6]) || (d_i.kh == '0) || (d_i.kw == '0) || (d_i.stride == 4'd0);
    end
    if (is_conv) begin
      bad_dim0 = bad_dim0 || ((DW'(d_i.pad) >= d_i.kh) && (DW'(d_i.pad) >= d_i.kw));
    end
    if (is_max) begin
      bad_dim0 = bad_dim0 || (d_i.pad != 4'd0) || (d_i.out_c != d_i.in_c);
    end
    if (is_gsum) begin
      bad_dim0 = bad_dim0 || (d_i.out_h != DW'(1)) || (d_i.out_w != DW'(1)) || (d_i.out_c != d_i.in_c);
    end

    used = 5'b00011;
    if (is_conv) begin
      used = {f_res, 4'b1111};
    end
  end

  // ---- the step sequence -------------------------------------------------------------------------
  // Each step computes r = sat(ma * mb) + mc (or mc - ..., for none here) and either keeps r in one of
  // the registers the configuration needs, or keeps it in acc for the next step, or checks it.
  localparam logic [4:0] DH1 = 5'd0, DH2 = 5'd1, DW1 = 5'd2, DW2 = 5'd3, G1 = 5'd4, G2 = 5'd5,
                         MIS = 5'd6, SPIX = 5'd7, SROW = 5'd8, SSX = 5'd9, SSY = 5'd10, SO0 = 5'd11,
                         SO1 = 5'd12, SKK = 5'd13, SKW = 5'd14, SCHW = 5'd15, SOPX = 5'd16,
                         SRPX = 5'd17, OHW = 5'd18, AOUT = 5'd19, INSZ = 5'd20, AIN = 5'd21, AW = 5'd22,
                         AP = 5'd23, OHW2 = 5'd24, ARES = 5'd25, SAW = 5'd26, SAP = 5'd27, BUF = 5'd28,
                         FIN = 5'd29;

  logic [4:0]    step_q, step_d;
  logic [ZW-1:0] acc_q, acc_d;                         // the running product
  logic [ZW-1:0] pix_q, pix_d, roww_q, roww_d, sx_q, sx_d, sy_q, sy_d, org0_q, org0_d;
  logic [ZW-1:0] kwords_q, kwords_d, chw_q, chw_d, opix_q, opix_d, rpix_q, rpix_d;
  logic [RW-1:0] oend_q, oend_d;                       // end of the output buffer (words)
  logic          fitw_q, fitw_d, fitp_q, fitp_d;
  logic          pass_q, pass_d;                       // buffer steps: 0 range, 1 overlap
  logic          rbig_q, rbig_d;                       // the input row is 2^18 or more (roww_q: modulo)

  logic [DW-1:0]   ma;   // every step has one operand below 2^DW: it goes here (one SB_MAC16)
  logic [ZW-1:0]   mb;
  logic [RW-1:0]   mc;
  logic [DW+ZW-1:0] prod;
  logic [DW-1:0]   ma16, ma17;
  logic [ZW-1:0]   psat;
  logic [RW-1:0]   r;
  logic            fail;
  logic [7:0]      fail_code;
  logic            skip;
  logic            r_gt_lim;
  logic [RW-1:0]   hw_lim;                             // in_h + 2 pad, or in_w + 2 pad
  logic [ZW-1:0]   tile_ent;
  logic            use_w, use_p, use_res;

  // ma x mb[15:0] in one SB_MAC16, the two top bits of mb (ZW = 18) as shifted adds
  assign ma16     = mb[16] ? ma : '0;
  assign ma17     = mb[17] ? ma : '0;
  assign prod     = (DW + ZW)'(ma * mb[15:0]) + ((DW + ZW)'(ma16) << 16) + ((DW + ZW)'(ma17) << 17);
  assign psat     = (prod > (DW + ZW)'(ZMAX)) ? ZMAX : prod[ZW-1:0];
  assign r        = mc + RW'(psat);
  assign r_gt_lim = r > hw_lim;
  assign tile_ent = chw_q * ZW'(NS);
  assign use_w    = used[2];
  assign use_p    = used[3];
  assign use_res  = used[4];

  // operands: each step names its sources (asel, bsel, csel), and one multiplexer per port picks them,
  // so a source used by several steps costs one multiplexer input, not one per step
  typedef enum logic [4:0] {
    AZero, AOne, AOhM1, AOutH, AOwM1, AOutW, ACodeMax, AInBits, AInW, AStride, APad, AKh, AWBits,
    AOutBits, AResBits, AInH, AOutC, ATiles, ATilesPe, AInC, ACw, AOpix, ARpix
  } asel_e;
  typedef enum logic [4:0] {
    BZero, BOne, BStride, BInH, BInW, BInC, BCw, BPix, BRowW, BKw, BKwords, BOutC, BCwo, BOutW, BOpix,
    BChw, BPw, BRpix, BTileEnt, BAcc
  } bsel_e;
  typedef enum logic [3:0] {
    CZero, CKh, CKw, CAcc, CRound32, CRound4, COutOff, CInOff, CWOff, CPOff, CResOff
  } csel_e;

  asel_e asel;
  bsel_e bsel;
  csel_e csel;

  always_comb begin
    asel = AZero;
    bsel = BZero;
    csel = CZero;
    unique case (step_q)
      DH1:  begin asel = AOhM1; bsel = BStride; csel = CKh; end
      DH2:  begin asel = AOutH; bsel = BStride; csel = CKh; end
      DW1:  begin asel = AOwM1; bsel = BStride; csel = CKw; end
      DW2:  begin asel = AOutW; bsel = BStride; csel = CKw; end
      // 2^in_bits - 1; only a GSUM (in_bits 1..4, checked before the steps) uses the result
      G1:   begin asel = ACodeMax; bsel = BInH; end
      G2:   begin asel = AInW; bsel = BAcc; end
      SPIX: begin asel = f_bytes ? AOne : AInBits; bsel = f_bytes ? BInC : BCw; end
      SROW: begin asel = AInW; bsel = BPix; end
      SSX:  begin asel = AStride; bsel = BPix; end
      SSY:  begin asel = AStride; bsel = BRowW; end
      SO0:  begin asel = APad; bsel = BRowW; end
      SO1:  begin asel = APad; bsel = BPix; csel = CAcc; end
      SKK:  begin asel = AKh; bsel = BKw; end
      SKW:  begin
        asel = f_bytes ? AInC : ACw;
        bsel = (f_wsh || is_gsum) ? BOne : BAcc;
        csel = f_bytes ? CRound32 : CZero;  // BYTES: ceil(/32) below
      end
      SCHW: begin asel = is_gsum ? AOne : AWBits; bsel = is_gsum ? BOne : BKwords; end
      SOPX: begin
        asel = f_int32 ? AOne : (is_max ? AInBits : AOutBits);
        bsel = f_int32 ? BOutC : BCwo;
      end
      SRPX: begin asel = AResBits; bsel = BCwo; end
      OHW, OHW2: begin asel = AOutH; bsel = BOutW; end
      AOUT: begin asel = AOpix; bsel = BAcc; csel = COutOff; end
      INSZ: begin asel = AInH; bsel = BRowW; csel = f_bytes ? CRound4 : CZero; end  // BYTES: ceil(/4)
      AIN:  begin asel = AOne; bsel = BAcc; csel = CInOff; end
      AW:   begin asel = AOutC; bsel = BChw; csel = CWOff; end
      AP:   begin asel = AOutC; bsel = BPw; csel = CPOff; end
      ARES: begin asel = ARpix; bsel = BAcc; csel = CResOff; end
      SAW:  begin asel = ATiles; bsel = BTileEnt; end
      SAP:  begin asel = ATilesPe; bsel = BPw; end
      default: ;
    endcase
  end

  always_comb begin
    unique case (asel)
      AOne:     ma = DW'(1);
      AOhM1:    ma = oh_m1;
      AOutH:    ma = d_i.out_h;
      AOwM1:    ma = ow_m1;
      AOutW:    ma = d_i.out_w;
      ACodeMax: ma = DW'(code_max);
      AInBits:  ma = DW'(d_i.in_bits);
      AInW:     ma = d_i.in_w;
      AStride:  ma = DW'(s_e);
      APad:     ma = DW'(p_e);
      AKh:      ma = kh_e;
      AWBits:   ma = DW'(d_i.w_bits);
      AOutBits: ma = DW'(d_i.out_bits);
      AResBits: ma = DW'(d_i.res_bits);
      AInH:     ma = d_i.in_h;
      AOutC:    ma = d_i.out_c;
      ATiles:   ma = DW'(tiles);
      ATilesPe: ma = DW'(tiles) * DW'(NumPe);  // <= 1024 + NumPe - 1
      AInC:     ma = d_i.in_c;
      ACw:      ma = DW'(cw);
      // words per output / residual pixel: at most out_c <= 1024 (INT32) or 16 planes x 32 words
      AOpix:    ma = opix_q[DW-1:0];
      ARpix:    ma = rpix_q[DW-1:0];
      default:  ma = '0;
    endcase
    unique case (bsel)
      BOne:     mb = ZW'(1);
      BStride:  mb = ZW'(s_e);
      BInH:     mb = ZW'(d_i.in_h);
      BInW:     mb = ZW'(d_i.in_w);
      BInC:     mb = ZW'(d_i.in_c);
      BCw:      mb = ZW'(cw);
      BPix:     mb = pix_q;
      BRowW:    mb = roww_q;
      BKw:      mb = ZW'(kw_e);
      BKwords:  mb = kwords_q;
      BOutC:    mb = ZW'(d_i.out_c);
      BCwo:     mb = ZW'(cwo);
      BOutW:    mb = ZW'(d_i.out_w);
      BOpix:    mb = opix_q;
      BChw:     mb = chw_q;
      BPw:      mb = ZW'(1) << p_log2;
      BRpix:    mb = rpix_q;
      BTileEnt: mb = tile_ent;
      BAcc:     mb = acc_q;
      default:  mb = '0;
    endcase
    unique case (csel)
      CKh:      mc = RW'(kh_e);
      CKw:      mc = RW'(kw_e);
      CAcc:     mc = RW'(acc_q);
      CRound32: mc = RW'(31);
      CRound4:  mc = RW'(3);
      COutOff:  mc = RW'(d_i.out_off);
      CInOff:   mc = RW'(d_i.in_off);
      CWOff:    mc = RW'(d_i.w_off);
      CPOff:    mc = RW'(d_i.p_off);
      CResOff:  mc = RW'(d_i.res_off);
      default:  mc = '0;
    endcase
    hw_lim = RW'(d_i.in_h) + RW'({p_e, 1'b0});
    if ((step_q == DW1) || (step_q == DW2)) begin
      hw_lim = RW'(d_i.in_w) + RW'({p_e, 1'b0});
    end
  end

  // results and checks
  always_comb begin
    st_d      = st_q;
    step_d    = step_q;
    err_d     = err_q;
    acc_d     = acc_q;
    pix_d     = pix_q;
    roww_d    = roww_q;
    sx_d      = sx_q;
    sy_d      = sy_q;
    org0_d    = org0_q;
    kwords_d  = kwords_q;
    chw_d     = chw_q;
    opix_d    = opix_q;
    rpix_d    = rpix_q;
    oend_d    = oend_q;
    fitw_d    = fitw_q;
    fitp_d    = fitp_q;
    pass_d    = pass_q;
    rbig_d    = rbig_q;
    fail      = 1'b0;
    fail_code = st_regs_pkg::ACCEL_ERR_BAD_ADDR;
    skip      = 1'b0;
    done_o    = 1'b0;

    unique case (step_q)
      DH1, DW1: begin
        skip      = is_gsum;
        fail      = r_gt_lim;
        fail_code = st_regs_pkg::ACCEL_ERR_BAD_DIM;
      end
      DH2, DW2: begin
        skip      = is_gsum;
        fail      = !r_gt_lim;
        fail_code = st_regs_pkg::ACCEL_ERR_BAD_DIM;
      end
      G1:   acc_d = psat;
      G2: begin
        fail      = is_gsum && (psat >= (ZW'(1) << d_i.out_bits));
        fail_code = st_regs_pkg::ACCEL_ERR_BAD_BITS;
      end
      MIS: begin
        fail      = |(d_i.mis & used);
        fail_code = st_regs_pkg::ACCEL_ERR_MISALIGNED;
      end
      // strides and the origin: exact modulo 2^ZW (a product's low bits are exact modulo 2^ZW)
      SPIX: pix_d  = prod[ZW-1:0];
      SROW: begin
        roww_d = prod[ZW-1:0];
        rbig_d = (psat == ZMAX);
      end
      SSX:  sx_d   = prod[ZW-1:0];
      SSY:  sy_d   = prod[ZW-1:0];
      SO0:  acc_d  = prod[ZW-1:0];
      SO1:  org0_d = r[ZW-1:0];
      SKK:  acc_d  = psat;
      // BYTES rounds up through the adder (19 bits: no wrap); a saturated product stays saturated, so a
      // huge window or input can never shrink into range
      SKW:  kwords_d = (f_bytes && (psat != ZMAX)) ? ZW'(r >> 5) : psat;
      SCHW: chw_d  = psat;
      SOPX: opix_d = psat;
      SRPX: rpix_d = psat;
      OHW, OHW2: acc_d = psat;
      // the input size, saturated also when the row itself was (roww_q is then only its low bits)
      INSZ: acc_d = rbig_q ? ZMAX : ((f_bytes && (psat != ZMAX)) ? ZW'(r >> 2) : psat);
      AOUT, AIN, AW, AP, ARES: begin
        // pass 0: every buffer inside RAM (BAD_ADDR); pass 1: none overlaps the output (OVERLAP)
        if (step_q == AOUT) begin
          oend_d = r;
        end
        skip = ((step_q == AW) && !use_w) || ((step_q == AP) && !use_p) || ((step_q == ARES) && !use_res);
        if (!pass_q) begin
          fail = d_i.outside[step_q == AOUT ? 1 : (step_q == AIN ? 0 : (step_q == AW ? 2 :
                             (step_q == AP ? 3 : 4)))] || (r > RW'(RamWords));
        end else begin
          fail      = (step_q != AOUT) && (RW'(d_i.out_off) < r) && (mc < oend_q);
          fail_code = st_regs_pkg::ACCEL_ERR_OVERLAP;
        end
      end
      SAW: fitw_d = (psat <= ZW'(WbufDepth));
      SAP: fitp_d = (psat <= ZW'(PbufWords));
      BUF: begin
        skip      = !is_conv && !is_gsum;
        fail      = (tile_ent > ZW'(WbufDepth)) || ((ZW'(NumPe) << p_log2) > ZW'(PbufWords) && is_conv) ||
                    (f_bytes && is_conv && (kwords_q > ZW'(XbufWords / 9)));
        fail_code = st_regs_pkg::ACCEL_ERR_BUF_SMALL;
      end
      default: ;
    endcase
    if (skip) begin
      fail = 1'b0;
    end

    unique case (st_q)
      StIdle: begin
        if (start_i) begin
          step_d = DH1;
          pass_d = 1'b0;
          err_d  = st_regs_pkg::ACCEL_ERR_NONE;
          st_d   = StSteps;
          if (bad_op) begin
            err_d = st_regs_pkg::ACCEL_ERR_BAD_OPCODE;
            st_d  = StDone;
          end else if (bad_flags) begin
            err_d = st_regs_pkg::ACCEL_ERR_BAD_FLAGS;
            st_d  = StDone;
          end else if (bad_bits) begin
            err_d = st_regs_pkg::ACCEL_ERR_BAD_BITS;
            st_d  = StDone;
          end else if (bad_dim0) begin
            err_d = st_regs_pkg::ACCEL_ERR_BAD_DIM;
            st_d  = StDone;
          end
        end
      end
      StSteps: begin
        if (fail) begin
          err_d = fail_code;
          st_d  = StDone;
        end else if (step_q == FIN) begin
          st_d = StDone;
        end else if ((step_q == ARES) && !pass_q) begin
          step_d = OHW;  // the buffer steps again, for overlap
          pass_d = 1'b1;
        end else begin
          step_d = step_q + 1'b1;
        end
      end
      StDone: begin
        done_o = 1'b1;
        st_d   = StIdle;
      end
      default: st_d = StIdle;
    endcase
    if (flush_i) begin
      st_d = StIdle;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q     <= StIdle;
      step_q   <= DH1;
      err_q    <= '0;
      acc_q    <= '0;
      pix_q    <= '0;
      roww_q   <= '0;
      sx_q     <= '0;
      sy_q     <= '0;
      org0_q   <= '0;
      kwords_q <= '0;
      chw_q    <= '0;
      opix_q   <= '0;
      rpix_q   <= '0;
      oend_q   <= '0;
      fitw_q   <= 1'b0;
      fitp_q   <= 1'b0;
      pass_q   <= 1'b0;
      rbig_q   <= 1'b0;
    end else begin
      st_q     <= st_d;
      step_q   <= step_d;
      err_q    <= err_d;
      acc_q    <= acc_d;
      pix_q    <= pix_d;
      roww_q   <= roww_d;
      sx_q     <= sx_d;
      sy_q     <= sy_d;
      org0_q   <= org0_d;
      kwords_q <= kwords_d;
      chw_q    <= chw_d;
      opix_q   <= opix_d;
      rpix_q   <= rpix_d;
      oend_q   <= oend_d;
      fitw_q   <= fitw_d;
      fitp_q   <= fitp_d;
      pass_q   <= pass_d;
      rbig_q   <= rbig_d;
    end
  end

  // ---- the configuration ---------------------------------------------------------------------------
  always_comb begin
    cfg_o = '0;
    cfg_o.op        = is_max ? st_accel_pkg::OpMax : (is_gsum ? st_accel_pkg::OpGsum : st_accel_pkg::OpConv);
    cfg_o.out_mode  = is_gsum ? st_accel_pkg::OutRaw :
                      (f_int32 ? st_accel_pkg::OutInt32 : st_accel_pkg::OutCodes);
    cfg_o.in_bytes  = f_bytes && is_conv;
    cfg_o.in_bip    = f_ibip && is_conv;
    cfg_o.w_bip     = is_conv && (d_i.w_bits == 4'd1);
    cfg_o.w_sign    = is_conv && (d_i.w_bits >= 4'd2);
    cfg_o.xor_mode  = is_conv && f_ibip && (d_i.w_bits == 4'd1) && !f_bytes;
    cfg_o.w_shared  = f_wsh || is_gsum;
    cfg_o.res_en    = f_res && is_conv;
    cfg_o.res_bip   = f_rbip && is_conv;
    cfg_o.all_fit   = is_max || (fitw_q && (is_gsum || fitp_q));
    cfg_o.in_h      = d_i.in_h;
    cfg_o.in_w      = d_i.in_w;
    cfg_o.in_c      = d_i.in_c;
    cfg_o.out_h     = d_i.out_h;
    cfg_o.out_w     = d_i.out_w;
    cfg_o.out_c     = d_i.out_c;
    cfg_o.kh        = kh_e;
    cfg_o.kw        = kw_e;
    cfg_o.stride    = s_e;
    cfg_o.pad       = p_e;
    cfg_o.in_bits   = d_i.in_bits;
    cfg_o.out_bits  = is_max ? d_i.in_bits : d_i.out_bits;
    cfg_o.w_bits    = is_gsum ? 4'd1 : d_i.w_bits;
    cfg_o.res_bits  = 3'(d_i.res_bits);
    cfg_o.cw        = cw;
    cfg_o.cwo       = cwo;
    cfg_o.c_rem     = d_i.in_c[4:0];
    cfg_o.in_off    = d_i.in_off;
    cfg_o.out_off   = d_i.out_off;
    cfg_o.w_off     = d_i.w_off;
    cfg_o.p_off     = d_i.p_off;
    cfg_o.res_off   = d_i.res_off;
    cfg_o.pix_words = pix_q;
    cfg_o.row_words = roww_q;
    cfg_o.step_x    = sx_q;
    cfg_o.step_y    = sy_q;
    cfg_o.org0      = org0_q;
    cfg_o.out_pix   = OW'(opix_q);
    cfg_o.res_pix   = OW'(rpix_q);
    cfg_o.kwords    = is_gsum ? EW'(1) : EW'(kwords_q);
    cfg_o.kws       = is_gsum ? EW'(NS) : EW'(kwords_q * ZW'(NS));
    cfg_o.tile_ent  = EW'(tile_ent);
    cfg_o.ch_words  = OW'(chw_q);
    cfg_o.p_log2    = p_log2;
    cfg_o.n_thr     = 4'(~(5'h1F << d_i.out_bits));  // 2^out_bits - 1
    cfg_o.tiles     = is_max ? 8'(cw) : tiles;  // MAXPOOL: one channel word per tile
  end

  assign err_o = err_q;

endmodule
