// SPDX-License-Identifier: Apache-2.0
// st_accel_gen.sv - the address generator: walks a layer's loop nest and emits the token stream
// (docs/accelerator.md §3), issuing the bus read of every token that carries data.
//
// A token is pushed into the token FIFO in the cycle its read is accepted (or at once when it needs no
// data), so every outstanding read has a token waiting for it and the data FIFO, as deep as the token
// FIFO, never overflows. The loop nest of a CONV (tile groups only when the weights do not all fit):
//
//   for each tile group:  load the group's weights and parameter records
//     for y, x (output pixels):  for t (tiles of the group):
//       [BYTES, first tile: gather the window's bytes, transpose them into the im2col memory]
//       for s = i + j from the top down:  for the plane pairs (i, j) of s:
//         PLANES: for ky, kx (valid taps):  for cw:  activation word (plane i) x weight plane j
//         BYTES:  for kw:                           im2col word (plane i)    x weight plane j
//       the last operation carries the end-of-pixel marker (a marker token of its own when the last
//       tap is padding); it waits until st_accel_post has taken the previous pixel-tile
//
// A MAXPOOL runs the same nest with a "tile" of 32 channels (one channel word) and the planes innermost:
// for each window tap the pixel's planes MSB first, as the bit-serial compare of st_accel_maxpool wants.
//
// No cycle without a token between the pairs of a pixel-tile or between the tiles of a pixel: a pair's
// first tap and a tile's first pair are set up in the cycle that issues the previous one's last token;
// only a new pixel takes one cycle (StPix), and a padding tap one cycle without a token.
//
// Ordering the pairs by significance lets each PE keep a single accumulator (Horner). Every address
// advances by additions of strides that st_accel_check computed; loop limits count down to zero.
//
// The pixel loop is not here: st_accel_check's microcode walks the output pixels (docs/accelerator.md
// §7.3) with its state in block RAM, one pixel ahead. The generator starts INIT with a tile group,
// copies the next pixel (window origin, output / residual word offsets) when it moves on and starts
// ADVANCE at once; the pixel-tile's last token waits if ADVANCE is still running then.

module st_accel_gen #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int PbufWords = 256,
  parameter int WbufDepth = 256
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          flush_i,
  input  st_accel_pkg::cfg_t            cfg_i,

  input  logic                          desc_i,      // fetch a descriptor's words
  input  logic [st_accel_pkg::OW-1:0]   desc_off_i,
  input  logic                          layer_i,     // run the layer of cfg_i
  output logic                          done_o,      // the command is complete

  output st_accel_pkg::tok_t            tok_o,
  output logic                          push_o,
  input  logic                          full_i,
  output logic                          req_o,
  output logic [st_accel_pkg::OW-1:0]   addr_o,
  input  logic                          ack_i,

  // the pixel walk in st_accel_check
  output logic                          px_init_o,
  output logic                          px_adv_o,
  input  logic                          px_busy_i,
  input  logic signed [st_accel_pkg::DW+1:0] px_ox_i,
  input  logic signed [st_accel_pkg::DW+1:0] px_oy_i,
  input  logic [st_accel_pkg::BW-1:0]   px_org_i,
  input  logic [st_accel_pkg::OW-1:0]   px_opix_i,
  input  logic [st_accel_pkg::OW-1:0]   px_rpix_i,
  input  logic                          px_end_i,

  input  logic                          post_done_i,
  input  logic [3:0]                    hp_i,        // BYTES: the window's highest non-zero plane + 1 (stage)
  output logic                          nz_rd_o,     // hp_i decides the pixel-tile's first pair (checks)
  output logic [st_accel_pkg::OW-1:0]   out_base_o,
  output logic [st_accel_pkg::OW-1:0]   res_base_o,
  output logic [$clog2(PbufWords)-1:0]  pbase_o,
  output logic [1:0]                    lane_o,
  output logic                          last_tile_o,
  output logic [5:0]                    rpe_o
);

  localparam int OW  = st_accel_pkg::OW;
  localparam int BW  = st_accel_pkg::BW;
  localparam int DW  = st_accel_pkg::DW;
  localparam int EW  = st_accel_pkg::EW;
  localparam int XW  = st_accel_pkg::XW;
  localparam int PAW = $clog2(PbufWords);
  localparam int PEW = $clog2(NumPe);
  // weight entries of one PE: every entry the layer or a tile group uses is below WbufDepth (st_accel_check's
  // BUF_SMALL and all_fit; the tile groups, below), so the entry counters wrap at WbufDepth
  localparam int WAW = $clog2(WbufDepth);
  // BYTES kernel words: KWORDS <= BYTES_KWORDS = 2^XW / 9 (im2col words of 9 planes; BUF_SMALL)
  localparam int KWW = $clog2((1 << XW) / 9 + 1);
  localparam int NS  = 32 / SimdWidth;
  localparam int YW  = DW + 2;  // signed coordinates (window origins may be negative)
  // plane offsets: at most (16 - 1) * 32 words (PLANES: in_bits <= 16, CW <= 32), BYTES 8 (checked)
  localparam int PW  = 9;

  typedef enum logic [4:0] {
    StIdle,     // wait for a command
    StDesc,     // descriptor words
    StGroup,    // start a tile group: the pixel loop and the loads
    StLoadW,    // the group's weights
    StLoadP,    // the group's parameter records
    StPix,      // start a pixel-tile
    StGath,     // BYTES: 32 bytes into the staging register
    StXp,       // BYTES: 9 transposes into im2col
    StTap,      // PLANES: one word per valid tap and channel word
    StStage,    // BYTES: one im2col word per kernel word
    StEop,      // a marker of its own: the last tap was padding (or MAXPOOL)
    StWait,     // MAXPOOL: advance once the post unit has written the maximum
    StDone      // report done
  } st_e;

  st_e st_q, st_d;

  // descriptor fetch and generic counter
  logic [4:0]           idx_q, idx_d;
  // tile group and tile
  logic [7:0]           tlo_q, tlo_d, thi_q, thi_d, t_q, t_d;
  logic                 tth_q, tth_d;                     // t_q == thi_q: the group's last tile
  logic [DW-1:0]        olo, ob_q, ob_d;                  // olo: the group's first channel
  logic [WAW-1:0]       tb_q, tb_d;
  logic [PAW-1:0]       pb_q, pb_d;
  // output pixel (copied from st_accel_check's walk)
  logic signed [YW-1:0] oy_q, ox_q;
  logic [BW-1:0]        org_q;
  logic [OW-1:0]        opix_q, rpix_q;
  logic                 cur_ld;                           // take the next pixel
  logic                 grp1_q, grp1_d;                   // a tile group's first pixel is not taken yet
  logic                 ini_q, ini_d;                     // INIT already started for the next group
  logic                 hold;                             // the walk's ADVANCE still runs
  // plane pairs
  logic [4:0]           s_q, s_d, i_q, i_d, i0_q, i0_d;
  logic                 s0_q, s0_d;                       // s_q == 0: the pixel-tile's last pair
  logic [3:0]           j_q, j_d, j0_q, j0_d;
  logic [PW-1:0]        poff_q, poff_d, poff0_q, poff0_d;  // PLANES: plane offset i * CW words
  logic [WAW-1:0]       jb_q, jb_d, jb0_q, jb0_d;          // j * kws
  logic                 pixf_q, pixf_d, sf_q, sf_d;        // no token yet in this pixel-tile / s
  // taps (also the BYTES gather)
  logic [DW-1:0]        kxr_q, kxr_d, kyr_q, kyr_d;
  logic                 wf_q, wf_d;                        // MAXPOOL: the window's first tap
  logic signed [YW-1:0] iy_q, iy_d, ix_q, ix_d;
  logic [BW-1:0]        tap_q, tap_d, row_q, row_d;   // word (BYTES: byte) offsets mod 2^18
  logic [WAW-1:0]       kwb_q, kwb_d;          // kernel word of the tap
  logic [WAW-1:0]       kwr_q, kwr_d;          // kernel word of the row's first tap
  logic [5:0]           cw_q, cw_d;
  logic [DW-1:0]        gc_q, gc_d;
  logic                 gend_q, gend_d;
  logic [KWW-1:0]       kword_q, kword_d;       // BYTES: the kernel word
  logic [XW-1:0]        kx9_q, kx9_d;           // im2col word of plane 0 of kword
  // loads
  logic [OW-1:0]        la_q, la_d, lpa_q, lpa_d;
  logic [DW-1:0]        lo_q, lo_d;
  logic [PEW-1:0]       lp;                               // the loaded channel's PE
  logic                 grp_end;                         // the group's last channel
  logic [WAW-1:0]       ltb_q, ltb_d, lrel_q, lrel_d;   // the PE's tile base, the word's entry in it
  logic [PAW:0]         lpn_q, lpn_d;
  logic [PAW-1:0]       prec_hi;                          // the word-count bits above a record's words

  logic [4:0]           nvp, nvp_q;
  logic [5:0]           cw_lo, cw_inc;
  logic                 cw_last;
  logic [KWW-1:0]       kword_inc;
  logic [WAW-1:0]       c_kws, c_te, c_kwcw;             // the configuration's entry counts, mod WbufDepth
  logic [XW-1:0]        xoff;
  logic                 vplane, tap_ok, is_gsum, is_max;
  logic                 row_ok;
  // The tap state's tests, each a flip-flop set wherever its counter is, from the value the counter
  // takes: the tap inside the input (tin) and its row inside it (yin), the kernel row's / column's last
  // tap (kx1, ky1), the tap's last channel word (cwl, PLANES), the last kernel word (kwl, BYTES). A
  // token's valid and the loop nest's decisions then start from flip-flops, not from the 12-bit edge
  // subtractions and counter compares (the generator's critical path, §7.2).
  logic                 tin_q, tin_d, yin_q, yin_d;
  logic                 kx1_q, kx1_d, ky1_q, ky1_d, cwl_q, cwl_d, kwl_q, kwl_d;
  // the row's last tap to visit (col_last: the kernel row's last, or the input's last column), the
  // window's last row (row_last), both (wl: the pair's last tap): flip-flops too, set from each
  // candidate's own flags (clx1 ... rlyo below), so the pixel-tile's last operation (last_op, the
  // advance to the next tile) is one LUT level from registers
  logic                 col_last_q, col_last_d, row_last_q, row_last_d, wl_q, wl_d;
  logic                 clx1, clxo, rly1, rlyo;
  // the candidates: EX1 ix + 1, EXO the window origin's ox, EY1 iy + 1, EYO oy
  localparam int EX1 = 0, EXO = 1, EY1 = 2, EYO = 3;
  logic signed [YW-1:0] ix1, iy1;
  logic [4*YW-1:0]      ecand;                          // (flat: Yosys 0.23 has no 2-D packed arrays)
  logic signed [YW-1:0] edist;                          // a candidate's distance to the far edge
  logic [3:0]           ein, eend;                      // inside the input; at or beyond its last
  logic                 cw1;                            // CW == 1: a new tap's first word is its last
  logic [BW-1:0]        tap_next, row_next;
  logic [OW-1:0]        addr_inc;                    // input column / row less in_w / in_h
  logic [5:0]           rem;
  logic                 tlast;
  logic [5:0]           rpe;
  logic [PW-1:0]        pstep, ptop;
  logic [3:0]           bplane;
  logic                 pair_end;
  // BYTES zero-plane skip: the pixel-tile starts at the first pair whose activation plane is non-zero
  logic                 skip_now;
  logic [4:0]           ks, ki0, km2, km2_q;
  logic [3:0]           kj0;
  logic [5:0]           kd, kc1, kc1_q;
  logic                 kpos;      // j0 > 0
  logic [WAW-1:0]       kjb0, kws3, kws5, kws3_q, kws5_q;
  // one step of the window walk, shared by the BYTES gather and the PLANES tap walk: the next tap's
  // address (tstep), the next column (cstep), the next row (rstep, over cstep); one plane lower (pdn:
  // a MAXPOOL pixel's next plane, a plane pair's successor of the same significance); the next kernel
  // word (kstep: a BYTES transpose group or im2col word)
  logic                 tstep, cstep, rstep, pdn, kstep;
  // what the cycle starts: a pixel-tile (pair state, gather), a plane pair (tap state); advance tile / pixel
  logic                 pix_init, pair_init, adv, nxt_pix;
  logic                 last_op;          // the pixel-tile's last operation: it carries the end marker
  // the post unit's job: at most one pixel-tile between the end-of-pixel token and post_done_i
  logic                 pend_q, pend_d;
  logic [OW-1:0]        out_base, res_base, sob_q, sob_d, srb_q, srb_d;
  logic [PAW-1:0]       spb_q, spb_d;
  logic [1:0]           sln_q, sln_d;
  logic                 slt_q, slt_d;
  logic [5:0]           srpe_q, srpe_d;

  st_accel_pkg::tok_t   tok;
  logic                 tvalid, go;
  // the loop nest advances as if the token it offers were taken (gadv), and a stall (offered, not taken)
  // holds it: the late go (the queue's full, the bus's ack) then only gates the registers' enables
  logic                 gadv, stall, eop_adv;

  assign is_gsum = (cfg_i.op == st_accel_pkg::OpGsum);
  assign is_max  = (cfg_i.op == st_accel_pkg::OpMax);
  assign nvp     = cfg_i.xor_mode ? 5'd1 : (cfg_i.in_bip ? 5'd2 : cfg_i.in_bits);
  assign cw_lo   = (is_gsum || is_max) ? 6'(ob_q[DW-1:5]) : 6'd0;
  assign cw_inc  = cw_q + 6'd1;
  // the next tap: the gather (BYTES) steps one byte, the tap walk (PLANES) one pixel
  assign tap_next = tap_q + (cfg_i.in_bytes ? BW'(1) : BW'(cfg_i.pix_words));
  assign row_next = row_q + BW'(cfg_i.row_words);
  assign kword_inc = kword_q + 1'b1;
  assign c_kws     = WAW'(cfg_i.kws);
  assign c_te      = WAW'(cfg_i.tile_ent);
  assign c_kwcw    = WAW'(cfg_i.kwcw);
  // the tap's last channel word: PLANES cw_q + 1 == CW; GSUM / MAXPOOL read one word per tap
  assign cw_last = (is_gsum || is_max) || cwl_q;
  assign vplane  = cfg_i.in_bip && !cfg_i.xor_mode && (i_q == 5'd0);
  // The edge flags of the two values a coordinate can take next: one more (the next column / row) or
  // the window origin's (a new row / pair). One subtraction per candidate serves both tests against the
  // far edge: d < 0 is "inside", d >= -1 "at or beyond the last row / column" (d = -1: all ones).
  assign ix1     = ix_q + 1'b1;
  assign iy1     = iy_q + 1'b1;
  assign ecand   = {oy_q, iy1, ox_q, ix1};
  always_comb begin
    for (int e = 0; e < 4; e++) begin
      edist   = $signed(ecand[e*YW +: YW]) - $signed({2'b00, (e < EY1) ? cfg_i.in_w : cfg_i.in_h});
      ein[e]  = !ecand[e*YW + YW-1] && edist[YW-1];
      eend[e] = !ecand[e*YW + YW-1] && (!edist[YW-1] || (&edist));
    end
  end
  assign cw1     = (cfg_i.cw == 6'd1);
  assign row_ok  = yin_q;
  assign tap_ok  = tin_q;
  // Padding taps after the last valid one of a row or below the last valid row are never visited: the
  // row ends at the input's last column, the pair at its last row (a padding row above the input takes
  // one cycle, a padding tap left of it one cycle).
  assign clx1 = (kxr_q == DW'(2)) || eend[EX1];
  assign clxo = (cfg_i.kw == DW'(1)) || eend[EXO];
  assign rly1 = (kyr_q == DW'(2)) || eend[EY1];
  assign rlyo = (cfg_i.kh == DW'(1)) || eend[EYO];
  // real channels of the tile: NumPe but in the layer's last tile (MAXPOOL: 32 channels per tile, at
  // most NumPe of them real for the post unit's count)
  assign tlast   = (t_q == cfg_i.tiles - 8'd1);
  // the loads' last channel: the layer's, or the tile's when the tiles are loaded one by one
  // (a group starts at a multiple of NumPe channels: the loaded channel's PE is its channel number's low
  // bits, the group's first channel its first tile's)
  assign olo     = DW'(tlo_q) << PEW;
  assign lp      = lo_q[PEW-1:0];
  assign grp_end = (lo_q + 1'b1 == cfg_i.out_c) || ((32'(lp) == NumPe - 1) && (8'(lo_q >> PEW) == thi_q));
  assign rem     = is_max ? 6'({cfg_i.out_c[4:0] == 5'd0, cfg_i.out_c[4:0]})
                          : 6'({cfg_i.out_c[PEW-1:0] == PEW'(0), cfg_i.out_c[PEW-1:0]});
  assign rpe     = (tlast && (rem < 6'(NumPe))) ? rem : 6'(NumPe);
  // A parameter record's last word has the low p_log2 bits of the word count all ones. Written with a
  // part-select of lpn_q and this PAW-bit wire, no size casts: Yosys 0.23 evaluates an expression around
  // a narrowing cast of a signal at the signal's width (PAW'(lpn_q) as PAW + 1 bits), so
  // (PAW'(lpn_q) | (PAW'('1) << p_log2)) == PAW'('1) kept bit PAW of the shifted ones and was never true
  // for p_log2 > 0 in the netlist (Verilator: PAW bits, as the standard says; docs/accelerator.md §7.3)
  assign prec_hi = {PAW{1'b1}} << cfg_i.p_log2;
  // PLANES plane offsets: i*CW words (the two bipolar planes both read plane 0)
  assign pstep   = cfg_i.in_bip ? '0 : PW'(cfg_i.cw);
  assign ptop    = cfg_i.in_bip ? '0 : PW'(cfg_i.pix_words) - PW'(cfg_i.cw);
  // BYTES: the im2col plane of activation plane i is i (bipolar: plane 0, the V plane is the staging
  // valid plane 8); the PLANES plane offset is not kept for it
  assign bplane  = cfg_i.in_bip ? {(i_q == 5'd0), 3'b000} : i_q[3:0];
  // the zero-plane skip's layer constants (below): m - 2, n + 1 - m, 3 kws and 5 kws
  assign km2     = 5'(cfg_i.w_bits) - 5'd2;
  assign kc1     = 6'(nvp) + 6'd1 - 6'(cfg_i.w_bits);
  assign kws3    = c_kws + (c_kws << 1);
  assign kws5    = c_kws + (c_kws << 2);

  // The last operation of a pixel-tile carries its end-of-pixel marker, so it may only leave once the
  // post unit has taken the previous pixel-tile (pend_q clear). MAXPOOL has a marker token of its own.
  assign last_op = !is_max && s0_q &&
                   ((st_q == StStage) ? kwl_q : (wl_q && cw_last));

  // ---- the token offered in this state ----------------------------------------------------------
  // Fields that mean the same in every state are set once; the state picks kind, rd, first and addresses.
  logic [WAW-1:0] entry;   // weight entry of the activation word: tile + weight plane + kernel word
  logic [WAW-1:0] kidx;

  always_comb begin
    if (is_gsum) begin
      kidx = '0;
    end else if (cfg_i.in_bytes) begin
      kidx = WAW'(kword_q);
    end else if (cfg_i.w_shared) begin
      kidx = WAW'(cw_q);
    end else begin
      kidx = kwb_q + WAW'(cw_q);
    end
    entry = tb_q + jb_q + kidx * WAW'(NS);

    tok         = '0;
    tok.pe      = (st_q == StLoadW) ? 6'(lp) : rpe;
    tok.lane    = tap_q[1:0];
    tok.gvalid  = !gend_q && tap_ok;
    tok.mmsb    = (i_q == cfg_i.in_bits - 5'd1);
    tok.last_cw = (cw_inc == cfg_i.cw);
    tok.neg     = vplane ^ (cfg_i.w_sign && (j_q == cfg_i.w_bits - 4'd1)) ^ cfg_i.xor_mode;
    tok.useful  = !vplane && (cfg_i.op == st_accel_pkg::OpConv);
    tok.acc_clr = pixf_q;
    tok.acc_dbl = sf_q && !pixf_q;
    tok.idx     = (st_q == StDesc) ? idx_q : lo_q[4:0];
    // the im2col word: a transpose writes plane idx_q of the kernel word, a stage token reads plane bplane
    xoff        = (st_q == StXp) ? XW'(idx_q) : XW'(bplane);
    tok.xaddr   = kx9_q + xoff;
    tok.addr    = EW'(entry);
    tvalid      = 1'b0;
    addr_o      = OW'(tap_q + BW'(poff_q) + BW'(cw_q));
    unique case (st_q)
      StDesc: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokDesc;
        tok.rd   = 1'b1;
        addr_o   = la_q;  // the load address counter walks the descriptor's words too
      end
      StLoadW: begin
        tvalid    = 1'b1;
        tok.kind  = st_accel_pkg::TokLoadW;
        tok.rd    = !is_gsum;
        tok.first = is_gsum;
        tok.addr  = EW'(WAW'(ltb_q + lrel_q));
        addr_o    = la_q;
      end
      StLoadP: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokLoadP;
        tok.rd   = 1'b1;
        tok.addr = EW'(lpn_q);
        addr_o   = lpa_q;
      end
      StGath: begin
        tvalid    = 1'b1;
        tok.kind  = st_accel_pkg::TokGather;
        tok.rd    = !gend_q && tap_ok;
        tok.first = (kword_q == '0) && (idx_q == 5'd0);
        addr_o    = OW'(tap_q >> 2);
      end
      StXp: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokXpose;
      end
      StTap: begin
        tvalid    = tap_ok && !(last_op && (pend_q || hold));
        tok.kind  = is_max ? st_accel_pkg::TokMax :
                    (vplane ? st_accel_pkg::TokVmask : st_accel_pkg::TokWord);
        tok.first = wf_q;
        tok.rd    = !vplane;
        tok.eop   = last_op;
      end
      StStage: begin
        tvalid    = !(last_op && (pend_q || hold));
        tok.kind  = st_accel_pkg::TokStage;
        tok.first = (kword_q == '0);
        tok.eop   = last_op;
      end
      StEop: begin
        tvalid   = !pend_q && (is_max || !hold);
        tok.kind = st_accel_pkg::TokEop;
        tok.eop  = 1'b1;
      end
      default: ;
    endcase
    req_o = tvalid && tok.rd && !full_i && !flush_i;
  end

  // a pixel's last token moves on to the next pixel: the walk must have it ready
  assign hold   = px_busy_i && tth_q;
  // the descriptor and load states read la_q / lpa_q through addr_o: one incrementer for both counters
  assign addr_inc = addr_o + 1'b1;
  assign go     = tvalid && !full_i && (!tok.rd || ack_i) && !flush_i;
  // offered: a state with a token, a tap inside the input (a padding tap advances without one)
  always_comb begin
    unique case (st_q)
      StDesc, StLoadW, StLoadP, StGath, StXp, StStage, StEop: gadv = 1'b1;
      StTap:                                                 gadv = tap_ok;
      default:                                               gadv = 1'b0;
    endcase
  end
  assign stall   = gadv && !go;
  assign eop_adv = gadv && tok.eop;
  assign push_o = go;
  assign tok_o  = tok;
  assign nz_rd_o = skip_now;

  always_comb begin
    // The first pair's significance is ks = hp_i + m - 2 (0 for an all-zero window), its activation plane
    // i0 = min(ks, n - 1) and weight plane j0 = ks - i0 = max(0, kd), kd = hp_i - (n + 1 - m): each a short
    // carry chain from the stage's registered hp_i, and j0 * kws is picked from the layer's multiples
    // (j0 <= m - 2 <= 6 when the window skips: hp_i < n), so no adder follows another on this path.
    kd   = 6'(hp_i) - kc1_q;
    kpos = (hp_i != 4'd0) && !kd[5] && (kd != 6'd0);
    ks   = (hp_i == 4'd0) ? 5'd0 : 5'(hp_i) + km2_q;
    ki0  = kpos ? nvp_q - 5'd1 : ks;
    kj0  = kpos ? kd[3:0] : 4'd0;
    unique case (kpos ? kd[2:0] : 3'd0)
      3'd1:    kjb0 = c_kws;
      3'd2:    kjb0 = c_kws << 1;
      3'd3:    kjb0 = kws3_q;
      3'd4:    kjb0 = c_kws << 2;
      3'd5:    kjb0 = kws5_q;
      3'd6:    kjb0 = kws3_q << 1;
      default: kjb0 = '0;
    endcase
  end

  // ---- the loop nest ------------------------------------------------------------------------------
  always_comb begin
    st_d    = st_q;
    idx_d   = idx_q;
    t_d     = t_q;
    tth_d   = tth_q;
    ob_d    = ob_q;
    tb_d    = tb_q;
    pb_d    = pb_q;
    s_d     = s_q;
    s0_d    = s0_q;
    i_d     = i_q;
    i0_d    = i0_q;
    j_d     = j_q;
    j0_d    = j0_q;
    poff_d  = poff_q;
    poff0_d = poff0_q;
    jb_d    = jb_q;
    jb0_d   = jb0_q;
    pixf_d  = pixf_q;
    sf_d    = sf_q;
    kxr_d   = kxr_q;
    kyr_d   = kyr_q;
    kx1_d   = kx1_q;
    ky1_d   = ky1_q;
    tin_d   = tin_q;
    col_last_d = col_last_q;
    yin_d   = yin_q;
    row_last_d = row_last_q;
    wl_d    = wl_q;
    cwl_d   = cwl_q;
    kwl_d   = kwl_q;
    wf_d    = wf_q;
    iy_d    = iy_q;
    ix_d    = ix_q;
    tap_d   = tap_q;
    row_d   = row_q;
    kwb_d   = kwb_q;
    kwr_d   = kwr_q;
    cw_d    = cw_q;
    gc_d    = gc_q;
    gend_d  = gend_q;
    la_d    = la_q;
    lpa_d   = lpa_q;
    lo_d    = lo_q;
    ltb_d   = ltb_q;
    lrel_d  = lrel_q;
    lpn_d   = lpn_q;
    kx9_d   = kx9_q;
    kword_d = kword_q;
    pend_d  = pend_q;
    grp1_d  = grp1_q;
    ini_d   = ini_q;
    cur_ld  = 1'b0;
    px_init_o = 1'b0;
    px_adv_o  = 1'b0;
    sob_d   = sob_q;
    srb_d   = srb_q;
    spb_d   = spb_q;
    sln_d   = sln_q;
    slt_d   = slt_q;
    srpe_d  = srpe_q;
    pair_end = 1'b0;
    tstep    = 1'b0;
    cstep    = 1'b0;
    rstep    = 1'b0;
    pdn      = 1'b0;
    kstep    = 1'b0;
    pix_init  = 1'b0;
    pair_init = 1'b0;
    adv       = 1'b0;
    nxt_pix   = 1'b0;
    if (post_done_i) begin
      pend_d = 1'b0;
    end
    done_o  = 1'b0;

    // A stall holds every register (the defaults above) but pend, which post_done_i clears: the
    // states that offer a token change nothing without it (a padding tap is not offered). Past it, a
    // token state's token was taken; gadv only tells StTap's taken tap from its skipped padding tap.
    skip_now = 1'b0;
    if (!stall) begin
      unique case (st_q)
        StIdle: begin
          if (desc_i) begin
            idx_d   = '0;
            la_d    = desc_off_i;
            st_d    = StDesc;
          end else if (layer_i) begin
            // the walk's INIT for the first tile group runs meanwhile (st_accel_check is idle now)
            px_init_o = 1'b1;
            ini_d  = 1'b1;
            la_d   = cfg_i.w_off;
            lpa_d  = cfg_i.p_off;
            idx_d  = '0;
            st_d   = StGroup;
          end
        end

        StDesc: begin
          idx_d = idx_q + 1'b1;
          la_d  = addr_inc;
          if (idx_q == 5'(st_accel_pkg::DESC_WORDS_READ - 1)) begin
            st_d = StDone;
          end
        end

        StGroup: begin
          // the pixel loop of this group starts at (0, 0) with the group's first tile; new parameter
          // records only once the post unit no longer reads the old ones
          if (pend_q || (!ini_q && px_busy_i)) begin
            st_d = StGroup;
          end else begin
            st_d      = is_max ? StPix : StLoadW;
            px_init_o = !ini_q;
            ini_d     = 1'b0;
            grp1_d    = 1'b1;
          end
          t_d    = tlo_q;
          tth_d  = (tlo_q == thi_q);
          ob_d   = olo;
          tb_d   = '0;
          pb_d   = '0;
          cw_d   = '0;
          cwl_d  = cw1;
          lo_d   = olo;
          ltb_d  = '0;
          lrel_d = '0;
          lpn_d  = '0;
        end

        StLoadW: begin
          if (tok.rd) begin
            la_d = addr_inc;
          end
          // a channel's tile_ent entries, NS per word (its last word: the next entry would be tile_ent)
          lrel_d = lrel_q + WAW'(NS);
          if (lrel_q + WAW'(NS) == c_te) begin
            lrel_d = '0;
            lo_d   = lo_q + 1'b1;
            if (32'(lp) == NumPe - 1) begin
              ltb_d  = ltb_q + c_te;
            end
            if (grp_end) begin
              // the parameter records count the group's channels again
              st_d = is_gsum ? StPix : StLoadP;
              lo_d = olo;
            end
          end
        end

        StLoadP: begin
          lpa_d = addr_inc;
          lpn_d = lpn_q + 1'b1;
          // a channel's record ends at its last word (2^p_log2 words per record)
          if (&(lpn_q[PAW-1:0] | prec_hi)) begin
            lo_d = lo_q + 1'b1;
            if (grp_end) begin
              st_d = StPix;
            end
          end
        end

        StPix: begin
          if (grp1_q) begin
            // a tile group's first pixel: take it once INIT is done, start ADVANCE (one cycle)
            if (!px_busy_i) begin
              cur_ld   = 1'b1;
              px_adv_o = 1'b1;
              grp1_d   = 1'b0;
            end
          end else begin
            // the first pair of the pixel-tile follows at once (its tap state is set with the pair state)
            pix_init = 1'b1;
            if (cfg_i.in_bytes && (t_q == tlo_q)) begin
              st_d = StGath;
            end else begin
              st_d = cfg_i.in_bytes ? StStage : StTap;
            end
          end
        end

        StGath: begin
          idx_d = idx_q + 1'b1;
          if (!gend_q) begin
            // the next byte; after the tap's in_c bytes the next tap, after the row's kw taps the next row
            tstep = 1'b1;
            gc_d  = gc_q - 1'b1;
            if (gc_q == DW'(1)) begin
              gc_d  = cfg_i.in_c;
              cstep = 1'b1;
              rstep = kx1_q;
              if (kx1_q && ky1_q) begin
                gend_d = 1'b1;
              end
            end
          end
          if (idx_q == 5'd31) begin
            idx_d = '0;
            st_d  = StXp;
          end
        end

        StXp: begin
          idx_d = idx_q + 1'b1;
          if (idx_q == 5'd8) begin
            idx_d   = '0;
            kstep   = 1'b1;
            st_d    = StGath;
            if (kwl_q) begin
              pair_init = 1'b1;
              st_d      = StStage;
            end
          end
        end

        StTap, StStage: begin
          if (st_q == StStage) begin
            pixf_d  = 1'b0;
            sf_d    = 1'b0;
            kstep   = 1'b1;
            pair_end = kwl_q;
          end else if (gadv && is_max && (i_q != 5'd0)) begin
            // MAXPOOL: the next lower plane of the same window pixel
            pdn = 1'b1;
          end else begin
            // StTap steps: a tap inside the input was taken (gadv), a padding tap is skipped
            if (gadv) begin
              pixf_d = 1'b0;
              sf_d   = 1'b0;
            end
            if (is_max) begin
              i_d    = cfg_i.in_bits - 5'd1;
              poff_d = ptop;
              wf_d   = 1'b0;
            end
            if (gadv && !cw_last) begin
              cw_d  = cw_inc;
              cwl_d = (cw_inc + 6'd1 == cfg_i.cw);
            end else begin
              // the next tap; the next row when the rest of this one is padding, or all of it
              cw_d     = cw_lo;
              cwl_d    = cw1;
              tstep    = 1'b1;
              cstep    = 1'b1;
              rstep    = col_last_q || !row_ok;
              pair_end = rstep && row_last_q;
            end
          end
          if (pair_end) begin
            // the next pair's first token follows at once; the last pair's last token carried the marker
            // (last_op), else (its last tap was padding) a marker of its own follows
            pair_init = 1'b1;
            if (is_max) begin
              st_d = StEop;
            end else if ((i_q != 5'd0) && (j_q != cfg_i.w_bits - 4'd1)) begin
              // the next pair of the same significance
              pdn    = 1'b1;
              j_d    = j_q + 1'b1;
              jb_d   = jb_q + c_kws;
            end else if (s0_q) begin
              if (!gadv) begin
                st_d = StEop;
              end
            end else begin
              // the first pair of the next lower significance
              s_d  = s_q - 1'b1;
              s0_d = (s_q == 5'd1);
              sf_d = 1'b1;
              if (j0_q != 4'd0) begin
                i_d    = i0_q;
                j0_d   = j0_q - 1'b1;
                j_d    = j0_q - 1'b1;
                jb0_d  = jb0_q - c_kws;
                jb_d   = jb0_q - c_kws;
                poff_d = poff0_q;
              end else begin
                i0_d    = i0_q - 1'b1;
                i_d     = i0_q - 1'b1;
                j_d     = '0;
                jb_d    = '0;
                jb0_d   = '0;
                poff0_d = poff0_q - pstep;
                poff_d  = poff0_q - pstep;
              end
            end
          end
        end

        StEop, StWait: ;  // below: the end of the pixel-tile and the advance

        StDone: begin
          // the layer is done when its last pixel-tile is written
          if (!pend_q) begin
            done_o = 1'b1;
            st_d   = StIdle;
          end
        end

        default: st_d = StIdle;
      endcase

      // ---- the window walk's step (overridden below when a pair or pixel-tile starts) ----------------
      if (tstep) begin
        tap_d = tap_next;
      end
      if (cstep) begin
        kxr_d  = kxr_q - 1'b1;
        kx1_d  = (kxr_q == DW'(2));
        ix_d   = ix1;
        tin_d  = yin_q && ein[EX1];
        col_last_d = clx1;
        wl_d   = row_last_q && clx1;
        kwb_d = kwb_q + WAW'(cfg_i.cw);
      end
      // (a row's first column is set here and again for a new pair, below: written once under
      // rstep || pair_init, the same logic mapped 15 logic cells larger and at 28.0-31.0 MHz over three
      // placement seeds instead of 31.0-31.4, docs/accelerator.md §7.2)
      if (rstep) begin
        kxr_d  = cfg_i.kw;
        kx1_d  = (cfg_i.kw == DW'(1));
        ix_d   = ox_q;
        col_last_d = clxo;
        kyr_d  = kyr_q - 1'b1;
        ky1_d  = (kyr_q == DW'(2));
        iy_d   = iy1;
        yin_d  = ein[EY1];
        tin_d  = ein[EY1] && ein[EXO];
        row_last_d = rly1;
        wl_d   = rly1 && clxo;
        row_d = row_next;
        tap_d = row_next;
        kwr_d = kwr_q + c_kwcw;
        kwb_d = kwr_q + c_kwcw;
      end
      if (pdn) begin
        i_d    = i_q - 1'b1;
        poff_d = poff_q - pstep;
      end
      if (kstep) begin
        kword_d = kword_inc;
        kwl_d   = (kword_inc + 1'b1 == KWW'(cfg_i.kwords));
        kx9_d   = kx9_q + XW'(9);
      end

      // ---- the end of a pixel-tile --------------------------------------------------------------------
      if (eop_adv) begin
        // the post unit's addresses for this pixel-tile, held until it is done
        pend_d = 1'b1;
        sob_d  = out_base;
        srb_d  = res_base;
        spb_d  = pb_q;
        sln_d  = ob_q[4:3];
        slt_d  = tlast;
        srpe_d = rpe;
        if (is_max) begin
          st_d = StWait;  // the max-pool unit holds the result until the post unit has written it
        end else begin
          adv = 1'b1;
        end
      end
      if ((st_q == StWait) && !pend_q && !hold) begin
        adv = 1'b1;
      end
      // the next tile of the same pixel starts in this cycle (its first pair's taps are the pixel's);
      // the next pixel takes one cycle (StPix) to copy its window origin into the tap state
      if (adv) begin
        st_d = StPix;
        if (!tth_q) begin
          if (!is_max && !is_gsum) begin  // (GSUM: the next tile reads another channel word)
            pix_init = 1'b1;
            st_d     = cfg_i.in_bytes ? StStage : StTap;
          end
          t_d  = t_q + 1'b1;
          tth_d = (t_q + 1'b1 == thi_q);
          ob_d = ob_q + (is_max ? DW'(32) : DW'(NumPe));
          tb_d = tb_q + c_te;
          pb_d = pb_q + (PAW'(NumPe) << cfg_i.p_log2);
        end else begin
          t_d     = tlo_q;
          tth_d   = (tlo_q == thi_q);  // (the next group's StGroup sets it again)
          ob_d    = olo;
          tb_d    = '0;
          pb_d    = '0;
          nxt_pix = 1'b1;
          if (px_end_i) begin
            // the group is done (the next group's parameters wait for the post unit: StGroup)
            st_d = (thi_q == cfg_i.tiles - 8'd1) ? StDone : StGroup;
          end else begin
            // the next pixel (ADVANCE is done: hold), and the one after it
            cur_ld   = 1'b1;
            px_adv_o = 1'b1;
          end
        end
      end

      // ---- a new pixel-tile: its first plane pair, the gather ---------------------------------------
      if (pix_init) begin
        pair_init = 1'b1;
        pixf_d  = 1'b1;
        s_d     = nvp_q + 5'(cfg_i.w_bits) - 5'd2;
        s0_d    = (nvp_q == 5'd1) && (cfg_i.w_bits == 4'd1);
        i_d     = nvp_q - 5'd1;
        i0_d    = nvp_q - 5'd1;
        j_d     = cfg_i.w_bits - 4'd1;
        j0_d    = cfg_i.w_bits - 4'd1;
        poff_d  = ptop;
        poff0_d = ptop;
        jb_d    = c_te - c_kws;
        jb0_d   = c_te - c_kws;
        gc_d    = cfg_i.in_c;
        gend_d  = 1'b0;
        idx_d   = '0;
        if (is_max) begin
          s_d  = '0;
          s0_d = 1'b1;
          j_d  = '0;
          jb_d = '0;
        end
      end
      // ---- BYTES: skip the leading pairs of all-zero activation planes ------------------------------
      // Decided in the cycle the first tile's last transpose is issued (the pixel's gather tokens, nine or
      // more tokens earlier, have left the token queue by then as long as it holds at most 8: the stage's
      // flags are final; st_accel_top checks both) and at each later tile of the pixel. Nothing of the
      // pixel-tile has been issued yet, so the accumulator is still to be cleared and the doublings of the
      // skipped levels do not matter. The first issued pair is (h, w_bits-1), h the highest non-zero plane;
      // an all-zero window still issues the last pair (0, 0), which clears and carries the marker. Bipolar
      // BYTES (the V plane) never skips (XOR mode is PLANES only).
      // (the two cycles written from registers: StXp's pair_init, StStage's pix_init through its last_op
      // and adv; not from those signals, which the PLANES tap flags also drive)
      skip_now = cfg_i.in_bytes && !cfg_i.in_bip &&
                 ((st_q == StXp && idx_q == 5'd8 && kwl_q) ||
                  (st_q == StStage && kwl_q && s0_q && !is_max && !is_gsum && !tth_q));
      if (skip_now && (5'(hp_i) != nvp_q)) begin
        s_d     = ks;
        s0_d    = (hp_i == 4'd0) || ((hp_i == 4'd1) && (cfg_i.w_bits == 4'd1));
        i0_d    = ki0;
        j0_d    = kj0;
        jb0_d   = kjb0;
        if (hp_i == 4'd0) begin
          i_d    = '0;
          j_d    = '0;
          jb_d   = '0;
        end else begin
          i_d    = 5'(hp_i) - 5'd1;
          j_d    = cfg_i.w_bits - 4'd1;
          jb_d   = c_te - c_kws;
        end
      end
      // ---- a new plane pair: the window's first tap (also the gather's start) -----------------------
      if (pair_init) begin
        kyr_d   = cfg_i.kh;
        ky1_d   = (cfg_i.kh == DW'(1));
        kxr_d   = cfg_i.kw;
        kx1_d   = (cfg_i.kw == DW'(1));
        iy_d    = oy_q;
        yin_d   = ein[EYO];
        tin_d   = ein[EYO] && ein[EXO];
        row_last_d = rlyo;
        wl_d    = rlyo && clxo;
        ix_d    = ox_q;
        col_last_d = clxo;
        tap_d   = org_q;
        row_d   = org_q;
        kwb_d   = '0;
        kwr_d   = '0;
        cw_d    = cw_lo;
        cwl_d   = cw1;
        kword_d = '0;
        kwl_d   = (cfg_i.kwords == EW'(1));
        kx9_d   = '0;
        wf_d    = 1'b1;
      end

    end

    if (flush_i) begin
      st_d      = StIdle;
      pend_d    = 1'b0;
      grp1_d    = 1'b0;
      ini_d     = 1'b0;
      px_init_o = 1'b0;
      px_adv_o  = 1'b0;
    end
  end

  // ---- the tile groups ------------------------------------------------------------------------------
  // When not every tile fits, a group holds tpg + 1 tiles: the largest power of two whose weights and
  // parameters fit the buffers together (one tile always fits: st_accel_check's BUF_SMALL), so a BYTES
  // layer gathers each window once per group, not once per tile. The limits are constants: a shift each.
  // Both tests only weaken as k falls, so tpg is a thermometer code: bit k-1 is the test of 2^k tiles,
  // one compare with a constant each (not a priority chain over k).
  localparam int PL = $clog2(PbufWords) - $clog2(NumPe);  // log2 of the tiles whose 1-word records fit
  logic [7:0] tpg;  // tiles per group - 1
  always_comb begin
    tpg = 8'd0;
    for (int k = 1; k < 8; k++) begin
      tpg[k-1] = (cfg_i.op == st_accel_pkg::OpConv) && ({1'b0, cfg_i.tile_ent} <= (EW + 1)'(WbufDepth >> k)) &&
                 (6'(cfg_i.p_log2) + 6'(k) <= 6'(PL));
    end
  end

  // The next group's last tile, up to tpg + 1 tiles on, is computed a cycle ahead from registers (the
  // layer's tpg kept in gsz_q): a group lasts many cycles, and tpg's compares and the two carry chains of
  // this sum were the generator's critical path in the cycle the group advances.
  // The layer's n (nvp) and the zero-plane skip's constants are kept the same way: they are only read
  // during the layer.
  logic [7:0] gsz_q, nhi_q;  // (no reset: loaded before they are read)
  logic       lstart;        // a layer starts (the loop nest's StIdle -> StGroup)
  assign lstart = (st_q == StIdle) && !desc_i && layer_i;
  always_ff @(posedge clk_i) begin
    if (lstart) begin
      gsz_q  <= tpg;
      nvp_q  <= nvp;
      km2_q  <= km2;
      kc1_q  <= kc1;
      kws3_q <= kws3;
      kws5_q <= kws5;
    end
    nhi_q <= (9'(thi_q) + 9'(gsz_q) + 9'd1 >= 9'(cfg_i.tiles)) ? cfg_i.tiles - 8'd1 : thi_q + gsz_q + 8'd1;
  end

  // (its own block: with these registers in the loop nest's, Yosys 0.23 loses their clock enables)
  always_comb begin
    tlo_d  = tlo_q;
    thi_d  = thi_q;
    if (lstart) begin
      tlo_d = '0;
      thi_d = cfg_i.all_fit ? (cfg_i.tiles - 8'd1) : tpg;
    end
    if (nxt_pix && px_end_i && (thi_q != cfg_i.tiles - 8'd1)) begin
      // the next tile group
      tlo_d = thi_q + 1'b1;
      thi_d = nhi_q;
    end
  end

  // the current pixel: one source each, the walk's next pixel (no reset: loaded before it is read)
  always_ff @(posedge clk_i) begin
    if (cur_ld) begin
      oy_q   <= px_oy_i;
      ox_q   <= px_ox_i;
      org_q  <= px_org_i;
      opix_q <= px_opix_i;
      rpix_q <= px_rpix_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q    <= StIdle;
      pend_q  <= 1'b0;
      grp1_q  <= 1'b0;
      ini_q   <= 1'b0;
      sob_q   <= '0;
      srb_q   <= '0;
      spb_q   <= '0;
      sln_q   <= '0;
      slt_q   <= 1'b0;
      srpe_q  <= '0;
      idx_q   <= '0;
      tlo_q   <= '0;
      thi_q   <= '0;
      t_q     <= '0;
      tth_q   <= 1'b1;
      ob_q    <= '0;
      tb_q    <= '0;
      pb_q    <= '0;
      s_q     <= '0;
      s0_q    <= 1'b1;
      i_q     <= '0;
      i0_q    <= '0;
      j_q     <= '0;
      j0_q    <= '0;
      poff_q  <= '0;
      poff0_q <= '0;
      jb_q    <= '0;
      jb0_q   <= '0;
      pixf_q  <= 1'b0;
      sf_q    <= 1'b0;
      kxr_q   <= '0;
      kyr_q   <= '0;
      kx1_q   <= 1'b0;
      ky1_q   <= 1'b0;
      tin_q   <= 1'b0;
      col_last_q <= 1'b0;
      yin_q   <= 1'b0;
      row_last_q <= 1'b0;
      wl_q    <= 1'b0;
      cwl_q   <= 1'b0;
      kwl_q   <= 1'b0;
      wf_q    <= 1'b0;
      iy_q    <= '0;
      ix_q    <= '0;
      tap_q   <= '0;
      row_q   <= '0;
      kwb_q   <= '0;
      kwr_q   <= '0;
      cw_q    <= '0;
      gc_q    <= '0;
      gend_q  <= 1'b0;
      kword_q <= '0;
      kx9_q   <= '0;
      la_q    <= '0;
      lpa_q   <= '0;
      lo_q    <= '0;
      ltb_q   <= '0;
      lrel_q  <= '0;
      lpn_q   <= '0;
    end else begin
      st_q    <= st_d;
      pend_q  <= pend_d;
      grp1_q  <= grp1_d;
      ini_q   <= ini_d;
      sob_q   <= sob_d;
      srb_q   <= srb_d;
      spb_q   <= spb_d;
      sln_q   <= sln_d;
      slt_q   <= slt_d;
      srpe_q  <= srpe_d;
      idx_q   <= idx_d;
      tlo_q   <= tlo_d;
      thi_q   <= thi_d;
      t_q     <= t_d;
      tth_q   <= tth_d;
      ob_q    <= ob_d;
      tb_q    <= tb_d;
      pb_q    <= pb_d;
      s_q     <= s_d;
      s0_q    <= s0_d;
      i_q     <= i_d;
      i0_q    <= i0_d;
      j_q     <= j_d;
      j0_q    <= j0_d;
      poff_q  <= poff_d;
      poff0_q <= poff0_d;
      jb_q    <= jb_d;
      jb0_q   <= jb0_d;
      pixf_q  <= pixf_d;
      sf_q    <= sf_d;
      kxr_q   <= kxr_d;
      kyr_q   <= kyr_d;
      kx1_q   <= kx1_d;
      ky1_q   <= ky1_d;
      tin_q   <= tin_d;
      col_last_q <= col_last_d;
      yin_q   <= yin_d;
      row_last_q <= row_last_d;
      wl_q    <= wl_d;
      cwl_q   <= cwl_d;
      kwl_q   <= kwl_d;
      wf_q    <= wf_d;
      iy_q    <= iy_d;
      ix_q    <= ix_d;
      tap_q   <= tap_d;
      row_q   <= row_d;
      kwb_q   <= kwb_d;
      kwr_q   <= kwr_d;
      cw_q    <= cw_d;
      gc_q    <= gc_d;
      gend_q  <= gend_d;
      kword_q <= kword_d;
      kx9_q   <= kx9_d;
      la_q    <= la_d;
      lpa_q   <= lpa_d;
      lo_q    <= lo_d;
      ltb_q   <= ltb_d;
      lrel_q  <= lrel_d;
      lpn_q   <= lpn_d;
    end
  end

  // ---- where st_accel_post writes this pixel-tile ------------------------------------------------
  always_comb begin
    if (cfg_i.out_mode == st_accel_pkg::OutInt32) begin
      out_base = opix_q + OW'(ob_q);
    end else begin
      out_base = opix_q + OW'(ob_q[DW-1:5]);
    end
    res_base = rpix_q + OW'(ob_q[DW-1:5]);
  end

`ifndef SYNTHESIS
  // the next pixel is taken only once the walk has finished it (hold, the group's first pixel)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (rst_ni && !flush_i) begin
      assert (!(cur_ld && px_busy_i)) else $error("st_accel_gen: next pixel taken while the walk runs");
    end
  end
`endif

  assign out_base_o  = sob_q;
  assign res_base_o  = srb_q;
  assign pbase_o     = spb_q;
  assign lane_o      = sln_q;
  assign last_tile_o = slt_q;
  assign rpe_o       = srpe_q;

endmodule
