// SPDX-License-Identifier: Apache-2.0
// st_accel_gen.sv - the address generator: walks a layer's loop nest and emits the token stream
// (docs/accelerator.md §3), issuing the bus read of every token that carries data.
//
// A token is pushed into the token FIFO in the cycle its read is accepted (or at once when it needs no
// data), so every outstanding read has a token waiting for it and the data FIFO, as deep as the token
// FIFO, can never overflow. Loop nest of a CONV (tiles outer when the layer's weights do not fit):
//
//   for each tile group:  load the group's weights and parameters
//     for y, x (output pixels):  for t in the group (tiles):
//       [BYTES: gather the 32 bytes of the kernel window]
//       for each activation plane p (MSB first; a bipolar input: Q then the valid mask V):
//         for ky, kx (valid taps only):  for cw:  one activation word
//       end-of-pixel-tile; wait until st_accel_post has written it
//
// The window origin, tap and output addresses advance by additions only (strides come from st_accel_check).

module st_accel_gen #(
  parameter int NumPe     = 8,
  parameter int SimdWidth = 32,
  parameter int PbufWords = 256
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

  input  logic                          post_done_i,
  output logic [st_accel_pkg::OW-1:0]   out_base_o,
  output logic [st_accel_pkg::OW-1:0]   res_base_o,
  output logic [$clog2(PbufWords)-1:0]  pbase_o,
  output logic [1:0]                    lane_o,
  output logic                          last_tile_o,
  output logic [5:0]                    rpe_o
);

  localparam int OW  = st_accel_pkg::OW;
  localparam int SW  = st_accel_pkg::SW;
  localparam int DW  = st_accel_pkg::DW;
  localparam int EW  = st_accel_pkg::EW;
  localparam int PAW = $clog2(PbufWords);
  localparam int NS  = 32 / SimdWidth;
  localparam int YW  = DW + 2;  // signed coordinates (window origins may be negative)

  typedef enum logic [4:0] {
    StIdle,     // wait for a command
    StDesc,     // descriptor words
    StGroup,    // start a tile group: reset the pixel loop
    StLoadW,    // the group's weights
    StLoadP,    // the group's parameter records
    StPix,      // start a pixel-tile
    StPlane,    // start an activation plane
    StTap,      // PLANES: one word per valid tap and channel word
    StStage,    // BYTES: one staging word per kernel word
    StGather,   // BYTES: 32 bytes into the staging register
    StEop,      // end of the pixel-tile
    StWait,     // wait for st_accel_post, then advance tile / pixel
    StMaxTap,   // MAXPOOL: the window's plane words
    StMaxEnd,   // MAXPOOL: end of a word group
    StMaxWait,  // MAXPOOL: wait for the write, then advance channel word / pixel
    StDone      // report done
  } st_e;

  st_e st_q, st_d, gret_q, gret_d;

  // descriptor fetch
  logic [4:0]           idx_q, idx_d;
  logic [OW-1:0]        dbase_q, dbase_d;
  // tile group and tile
  logic [7:0]           tlo_q, tlo_d, thi_q, thi_d, t_q, t_d;
  logic [DW-1:0]        olo_q, olo_d, ob_q, ob_d;       // first channel of the group / of the tile
  logic [EW-1:0]        tb_q, tb_d;                     // weight entry base of the tile
  logic [PAW-1:0]       pb_q, pb_d;                     // parameter word base of the tile
  // output pixel
  logic [DW-1:0]        y_q, y_d, x_q, x_d;
  logic signed [YW-1:0] oy_q, oy_d, ox_q, ox_d;
  logic signed [SW-1:0] rorg_q, rorg_d, org_q, org_d;
  logic [OW-1:0]        opix_q, opix_d, rpix_q, rpix_d;
  // planes and taps
  logic [4:0]           vp_q, vp_d;
  logic [OW-1:0]        poff_q, poff_d;
  logic [DW-1:0]        ky_q, ky_d, kx_q, kx_d;
  logic signed [YW-1:0] iy_q, iy_d, ix_q, ix_d;
  logic signed [SW-1:0] tap_q, tap_d, row_q, row_d;
  logic [EW-1:0]        kwb_q, kwb_d;
  logic [5:0]           cw_q, cw_d;
  logic                 pixf_q, pixf_d, plf_q, plf_d;
  // BYTES
  logic [EW-1:0]        kword_q, kword_d;
  logic                 gdone_q, gdone_d;
  logic [5:0]           gk_q, gk_d;
  logic [OW-1:0]        gkt_q, gkt_d;
  logic [DW-1:0]        gc_q, gc_d, gkx_q, gkx_d, gky_q, gky_d;
  logic signed [YW-1:0] giy_q, giy_d, gix_q, gix_d;
  logic signed [SW-1:0] ga_q, ga_d;
  // loads
  logic [OW-1:0]        la_q, la_d;       // next weight word in RAM (continues across groups)
  logic [OW-1:0]        lpa_q, lpa_d;     // next parameter word in RAM
  logic [OW-1:0]        le_q, le_d;       // word within the channel
  logic [DW-1:0]        lo_q, lo_d;       // channel
  logic [$clog2(NumPe)-1:0] lp_q, lp_d;   // PE
  logic [EW-1:0]        ltb_q, ltb_d, lent_q, lent_d;
  logic [PAW:0]         lpn_q, lpn_d;

  // derived
  logic [DW-1:0]        oend;             // one past the group's last real channel
  logic [PAW+1:0]       pcount;           // parameter words of the group
  logic [5:0]           cw_lo, cw_hi;
  logic [4:0]           nvp;              // virtual planes
  logic                 vplane_v;         // the current plane is the valid mask
  logic                 tap_ok, gvalid;
  logic signed [SW-1:0] base0;
  logic [DW-1:0]        rem;

  st_accel_pkg::tok_t   tok;
  logic                 tvalid;           // a token is offered this cycle
  logic                 go;               // ... and pushed

  assign oend   = ((DW'(thi_q) + 1'b1) * DW'(NumPe) > cfg_i.out_c) ? cfg_i.out_c
                                                                    : (DW'(thi_q) + 1'b1) * DW'(NumPe);
  assign pcount = (PAW + 2)'(oend - olo_q) << cfg_i.p_log2;
  assign cw_lo  = (cfg_i.op == st_accel_pkg::OpGsum) ? 6'(ob_q[DW-1:5]) : 6'd0;
  assign cw_hi  = (cfg_i.op == st_accel_pkg::OpGsum) ? 6'(ob_q[DW-1:5]) : cfg_i.cw - 6'd1;
  assign nvp    = cfg_i.xor_mode ? 5'd1 : (cfg_i.in_bip ? 5'd2 : cfg_i.in_bits);
  assign vplane_v = cfg_i.in_bip && !cfg_i.xor_mode && (vp_q == 5'd0);
  assign tap_ok = (iy_q >= 0) && (iy_q < $signed({2'b00, cfg_i.in_h})) &&
                  (ix_q >= 0) && (ix_q < $signed({2'b00, cfg_i.in_w}));
  assign gvalid = (gkt_q < cfg_i.kk_c) && (giy_q >= 0) && (giy_q < $signed({2'b00, cfg_i.in_h})) &&
                  (gix_q >= 0) && (gix_q < $signed({2'b00, cfg_i.in_w}));
  assign base0  = (cfg_i.in_bytes ? SW'(cfg_i.in_byte_off) : SW'(cfg_i.in_off)) - SW'(cfg_i.org0);
  assign rem    = cfg_i.out_c - ob_q;

  // ---- the token offered in this state ----------------------------------------------------------
  always_comb begin
    tok    = '0;
    tvalid = 1'b0;
    addr_o = '0;
    unique case (st_q)
      StDesc: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokDesc;
        tok.rd   = 1'b1;
        tok.idx  = idx_q;
        addr_o   = dbase_q + OW'(idx_q);
      end
      StLoadW: begin
        tvalid     = 1'b1;
        tok.kind   = st_accel_pkg::TokLoadW;
        tok.rd     = (cfg_i.op != st_accel_pkg::OpGsum);
        tok.mfirst = (cfg_i.op == st_accel_pkg::OpGsum);
        tok.idx    = lo_q[4:0];
        tok.pe     = 6'(lp_q);
        tok.addr   = lent_q;
        addr_o     = la_q;
      end
      StLoadP: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokLoadP;
        tok.rd   = 1'b1;
        tok.addr = EW'(lpn_q);
        addr_o   = lpa_q;
      end
      StTap: begin
        tvalid      = tap_ok;
        tok.kind    = vplane_v ? st_accel_pkg::TokVmask : st_accel_pkg::TokWord;
        tok.rd      = !vplane_v;
        tok.last_cw = (cw_q == cfg_i.cw - 6'd1);
        tok.neg     = vplane_v;
        tok.useful  = !vplane_v && (cfg_i.op == st_accel_pkg::OpConv);
        tok.acc_clr = pixf_q;
        tok.acc_dbl = plf_q && !pixf_q;
        tok.pe      = (rem > DW'(NumPe)) ? 6'(NumPe) : 6'(rem);
        if (cfg_i.op == st_accel_pkg::OpGsum) begin
          tok.addr = tb_q;
        end else if (cfg_i.w_shared) begin
          tok.addr = tb_q + EW'(cw_q) * EW'(NS);
        end else begin
          tok.addr = tb_q + (kwb_q + EW'(cw_q)) * EW'(NS);
        end
        addr_o = OW'(tap_q + SW'(poff_q) + SW'(cw_q));
      end
      StStage: begin
        tvalid      = !(cfg_i.kwords != EW'(1) && !gdone_q);
        tok.kind    = st_accel_pkg::TokStage;
        tok.plane   = cfg_i.in_bip ? ((vp_q == 5'd1) ? 4'd0 : 4'd8) : vp_q[3:0];
        tok.neg     = cfg_i.in_bip && (vp_q == 5'd0);
        tok.useful  = !(cfg_i.in_bip && (vp_q == 5'd0));
        tok.acc_clr = pixf_q;
        tok.acc_dbl = plf_q && !pixf_q;
        tok.pe      = (rem > DW'(NumPe)) ? 6'(NumPe) : 6'(rem);
        tok.addr    = tb_q + kword_q * EW'(NS);
      end
      StGather: begin
        tvalid     = 1'b1;
        tok.kind   = st_accel_pkg::TokGather;
        tok.rd     = gvalid;
        tok.gvalid = gvalid;
        tok.lane   = ga_q[1:0];
        addr_o     = OW'(ga_q >>> 2);
      end
      StEop: begin
        tvalid      = 1'b1;
        tok.kind    = st_accel_pkg::TokEop;
        tok.acc_clr = pixf_q;
      end
      StMaxTap: begin
        tvalid     = 1'b1;
        tok.kind   = st_accel_pkg::TokMax;
        tok.rd     = 1'b1;
        tok.plane  = vp_q[3:0];
        tok.mfirst = (ky_q == '0) && (kx_q == '0);
        tok.mmsb   = (vp_q == cfg_i.in_bits - 5'd1);
        addr_o     = OW'(tap_q + SW'(poff_q) + SW'(cw_q));
      end
      StMaxEnd: begin
        tvalid   = 1'b1;
        tok.kind = st_accel_pkg::TokMaxEnd;
      end
      default: ;
    endcase
    req_o = tvalid && tok.rd && !full_i && !flush_i;
  end

  assign go     = tvalid && !full_i && (!tok.rd || ack_i) && !flush_i;
  assign push_o = go;
  assign tok_o  = tok;

  // ---- the loop nest ------------------------------------------------------------------------------
  always_comb begin
    st_d    = st_q;
    gret_d  = gret_q;
    idx_d   = idx_q;
    dbase_d = dbase_q;
    tlo_d   = tlo_q;
    thi_d   = thi_q;
    t_d     = t_q;
    olo_d   = olo_q;
    ob_d    = ob_q;
    tb_d    = tb_q;
    pb_d    = pb_q;
    y_d     = y_q;
    x_d     = x_q;
    oy_d    = oy_q;
    ox_d    = ox_q;
    rorg_d  = rorg_q;
    org_d   = org_q;
    opix_d  = opix_q;
    rpix_d  = rpix_q;
    vp_d    = vp_q;
    poff_d  = poff_q;
    ky_d    = ky_q;
    kx_d    = kx_q;
    iy_d    = iy_q;
    ix_d    = ix_q;
    tap_d   = tap_q;
    row_d   = row_q;
    kwb_d   = kwb_q;
    cw_d    = cw_q;
    pixf_d  = pixf_q;
    plf_d   = plf_q;
    kword_d = kword_q;
    gdone_d = gdone_q;
    gk_d    = gk_q;
    gkt_d   = gkt_q;
    gc_d    = gc_q;
    gkx_d   = gkx_q;
    gky_d   = gky_q;
    giy_d   = giy_q;
    gix_d   = gix_q;
    ga_d    = ga_q;
    la_d    = la_q;
    lpa_d   = lpa_q;
    le_d    = le_q;
    lo_d    = lo_q;
    lp_d    = lp_q;
    ltb_d   = ltb_q;
    lent_d  = lent_q;
    lpn_d   = lpn_q;
    done_o  = 1'b0;

    unique case (st_q)
      StIdle: begin
        if (desc_i) begin
          idx_d   = '0;
          dbase_d = desc_off_i;
          st_d    = StDesc;
        end else if (layer_i) begin
          tlo_d = '0;
          thi_d = cfg_i.all_fit ? (cfg_i.tiles - 8'd1) : 8'd0;
          olo_d = '0;
          la_d  = cfg_i.w_off;
          lpa_d = cfg_i.p_off;
          st_d  = StGroup;
        end
      end

      StDesc: begin
        if (go) begin
          idx_d = idx_q + 1'b1;
          if (idx_q == 5'(st_accel_pkg::DESC_WORDS_READ - 1)) begin
            st_d = StDone;
          end
        end
      end

      StGroup: begin
        // the pixel loop of this group starts at (0, 0) with its first tile
        y_d    = '0;
        x_d    = '0;
        oy_d   = -$signed({{(YW - 4){1'b0}}, cfg_i.pad});
        ox_d   = -$signed({{(YW - 4){1'b0}}, cfg_i.pad});
        rorg_d = base0;
        org_d  = base0;
        opix_d = cfg_i.out_off;
        rpix_d = cfg_i.res_off;
        t_d    = tlo_q;
        ob_d   = olo_q;
        tb_d   = '0;
        pb_d   = '0;
        lo_d   = olo_q;
        le_d   = '0;
        lp_d   = '0;
        ltb_d  = '0;
        lent_d = '0;
        lpn_d  = '0;
        cw_d   = '0;
        st_d   = (cfg_i.op == st_accel_pkg::OpMax) ? StPix : StLoadW;
      end

      StLoadW: begin
        if (go) begin
          if (tok.rd) begin
            la_d = la_q + 1'b1;
          end
          lent_d = lent_q + EW'(NS);
          le_d   = le_q + 1'b1;
          if (le_q == cfg_i.ch_words - 1'b1) begin
            le_d = '0;
            lo_d = lo_q + 1'b1;
            lp_d = lp_q + 1'b1;
            lent_d = ltb_q;
            if (32'(lp_q) == NumPe - 1) begin
              lp_d   = '0;
              ltb_d  = ltb_q + cfg_i.tile_ent;
              lent_d = ltb_q + cfg_i.tile_ent;
            end
            if (lo_q + 1'b1 == oend) begin
              st_d = (cfg_i.op == st_accel_pkg::OpGsum) ? StPix : StLoadP;
            end
          end
        end
      end

      StLoadP: begin
        if (go) begin
          lpa_d = lpa_q + 1'b1;
          lpn_d = lpn_q + 1'b1;
          if ((PAW + 2)'(lpn_q) + 1'b1 == pcount) begin
            st_d = StPix;
          end
        end
      end

      StPix: begin
        pixf_d = 1'b1;
        vp_d   = nvp - 5'd1;
        poff_d = (cfg_i.in_bip || cfg_i.in_bytes) ? '0 : cfg_i.pix_words - OW'(cfg_i.cw);
        cw_d   = cw_lo;
        if (cfg_i.op == st_accel_pkg::OpMax) begin
          vp_d   = cfg_i.in_bits - 5'd1;
          poff_d = cfg_i.pix_words - OW'(cfg_i.cw);
          ky_d   = '0;
          kx_d   = '0;
          tap_d  = org_q;
          row_d  = org_q;
          st_d   = StMaxTap;
        end else if (cfg_i.in_bytes && (cfg_i.kwords == EW'(1)) && (t_q == tlo_q)) begin
          // the window's bytes once per pixel, for every plane and every tile of the group
          gk_d   = '0;
          gkt_d  = '0;
          gc_d   = '0;
          gkx_d  = '0;
          gky_d  = '0;
          giy_d  = oy_q;
          gix_d  = ox_q;
          ga_d   = org_q;
          gret_d = StPlane;
          st_d   = StGather;
        end else begin
          st_d = StPlane;
        end
      end

      StPlane: begin
        plf_d   = 1'b1;
        ky_d    = '0;
        kx_d    = '0;
        iy_d    = oy_q;
        ix_d    = ox_q;
        tap_d   = org_q;
        row_d   = org_q;
        kwb_d   = '0;
        cw_d    = cw_lo;
        kword_d = '0;
        gdone_d = 1'b0;
        if (cfg_i.in_bytes && (cfg_i.kwords != EW'(1))) begin
          gk_d  = '0;
          gkt_d = '0;
          gc_d  = '0;
          gkx_d = '0;
          gky_d = '0;
          giy_d = oy_q;
          gix_d = ox_q;
          ga_d  = org_q;
        end
        st_d = cfg_i.in_bytes ? StStage : StTap;
      end

      StTap: begin
        if (go || !tap_ok) begin
          if (go) begin
            pixf_d = 1'b0;
            plf_d  = 1'b0;
          end
          if (go && (cw_q != cw_hi)) begin
            cw_d = cw_q + 1'b1;
          end else begin
            // next tap
            cw_d  = cw_lo;
            kx_d  = kx_q + 1'b1;
            ix_d  = ix_q + 1'b1;
            tap_d = tap_q + SW'(cfg_i.pix_words);
            kwb_d = kwb_q + EW'(cfg_i.cw);
            if (kx_q == cfg_i.kw - 1'b1) begin
              kx_d  = '0;
              ix_d  = ox_q;
              ky_d  = ky_q + 1'b1;
              iy_d  = iy_q + 1'b1;
              row_d = row_q + SW'(cfg_i.row_words);
              tap_d = row_q + SW'(cfg_i.row_words);
              if (ky_q == cfg_i.kh - 1'b1) begin
                // plane done
                if (vp_q == 5'd0) begin
                  st_d = StEop;
                end else begin
                  vp_d   = vp_q - 1'b1;
                  poff_d = poff_q - OW'(cfg_i.cw);
                  if (cfg_i.in_bip) begin
                    poff_d = '0;
                  end
                  st_d = StPlane;
                end
              end
            end
          end
        end
      end

      StStage: begin
        if (!tvalid) begin
          gret_d = StStage;
          st_d   = StGather;
        end else if (go) begin
          pixf_d  = 1'b0;
          plf_d   = 1'b0;
          gdone_d = 1'b0;
          kword_d = kword_q + 1'b1;
          if (kword_q == cfg_i.kwords - 1'b1) begin
            if (vp_q == 5'd0) begin
              st_d = StEop;
            end else begin
              vp_d = vp_q - 1'b1;
              st_d = StPlane;
            end
          end
        end
      end

      StGather: begin
        if (go) begin
          gk_d = gk_q + 1'b1;
          if (gkt_q < cfg_i.kk_c) begin
            gkt_d = gkt_q + 1'b1;
            gc_d  = gc_q + 1'b1;
            gix_d = gix_q;
            ga_d  = ga_q + SW'(1);
            if (gc_q == cfg_i.in_c - 1'b1) begin
              gc_d  = '0;
              gkx_d = gkx_q + 1'b1;
              gix_d = gix_q + 1'b1;
              if (gkx_q == cfg_i.kw - 1'b1) begin
                gkx_d = '0;
                gix_d = ox_q;
                gky_d = gky_q + 1'b1;
                giy_d = giy_q + 1'b1;
                ga_d  = ga_q + SW'(1) + cfg_i.row_skip;
              end
            end
          end
          if (gk_q == 6'd31) begin
            gk_d    = '0;
            gdone_d = 1'b1;
            st_d    = gret_q;
          end
        end
      end

      StEop: begin
        if (go) begin
          st_d = StWait;
        end
      end

      StWait: begin
        if (post_done_i) begin
          if (t_q != thi_q) begin
            t_d  = t_q + 1'b1;
            ob_d = ob_q + DW'(NumPe);
            tb_d = tb_q + cfg_i.tile_ent;
            pb_d = pb_q + (PAW'(NumPe) << cfg_i.p_log2);
            st_d = StPix;
          end else begin
            t_d    = tlo_q;
            ob_d   = olo_q;
            tb_d   = '0;
            pb_d   = '0;
            st_d   = StPix;
            opix_d = opix_q + cfg_i.out_pix;
            rpix_d = rpix_q + cfg_i.res_pix;
            if (x_q != cfg_i.out_w - 1'b1) begin
              x_d   = x_q + 1'b1;
              ox_d  = ox_q + $signed({{(YW - 4){1'b0}}, cfg_i.stride});
              org_d = org_q + SW'(cfg_i.step_x);
            end else begin
              x_d    = '0;
              ox_d   = -$signed({{(YW - 4){1'b0}}, cfg_i.pad});
              y_d    = y_q + 1'b1;
              oy_d   = oy_q + $signed({{(YW - 4){1'b0}}, cfg_i.stride});
              rorg_d = rorg_q + SW'(cfg_i.step_y);
              org_d  = rorg_q + SW'(cfg_i.step_y);
              if (y_q == cfg_i.out_h - 1'b1) begin
                // the group is done
                if (thi_q == cfg_i.tiles - 8'd1) begin
                  st_d = StDone;
                end else begin
                  tlo_d = thi_q + 1'b1;
                  thi_d = thi_q + 1'b1;
                  olo_d = oend;
                  st_d  = StGroup;
                end
              end
            end
          end
        end
      end

      StMaxTap: begin
        if (go) begin
          vp_d   = vp_q - 1'b1;
          poff_d = poff_q - OW'(cfg_i.cw);
          if (vp_q == 5'd0) begin
            vp_d   = cfg_i.in_bits - 5'd1;
            poff_d = cfg_i.pix_words - OW'(cfg_i.cw);
            kx_d   = kx_q + 1'b1;
            tap_d  = tap_q + SW'(cfg_i.pix_words);
            if (kx_q == cfg_i.kw - 1'b1) begin
              kx_d  = '0;
              ky_d  = ky_q + 1'b1;
              row_d = row_q + SW'(cfg_i.row_words);
              tap_d = row_q + SW'(cfg_i.row_words);
              if (ky_q == cfg_i.kh - 1'b1) begin
                st_d = StMaxEnd;
              end
            end
          end
        end
      end

      StMaxEnd: begin
        if (go) begin
          st_d = StMaxWait;
        end
      end

      StMaxWait: begin
        if (post_done_i) begin
          ky_d  = '0;
          kx_d  = '0;
          tap_d = org_q;
          row_d = org_q;
          if (cw_q != cfg_i.cw - 6'd1) begin
            cw_d = cw_q + 1'b1;
            st_d = StMaxTap;
          end else begin
            cw_d   = '0;
            st_d   = StPix;
            opix_d = opix_q + cfg_i.out_pix;
            if (x_q != cfg_i.out_w - 1'b1) begin
              x_d   = x_q + 1'b1;
              org_d = org_q + SW'(cfg_i.step_x);
            end else begin
              x_d    = '0;
              y_d    = y_q + 1'b1;
              rorg_d = rorg_q + SW'(cfg_i.step_y);
              org_d  = rorg_q + SW'(cfg_i.step_y);
              if (y_q == cfg_i.out_h - 1'b1) begin
                st_d = StDone;
              end
            end
          end
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
      st_q    <= StIdle;
      gret_q  <= StPlane;
      idx_q   <= '0;
      dbase_q <= '0;
      tlo_q   <= '0;
      thi_q   <= '0;
      t_q     <= '0;
      olo_q   <= '0;
      ob_q    <= '0;
      tb_q    <= '0;
      pb_q    <= '0;
      y_q     <= '0;
      x_q     <= '0;
      oy_q    <= '0;
      ox_q    <= '0;
      rorg_q  <= '0;
      org_q   <= '0;
      opix_q  <= '0;
      rpix_q  <= '0;
      vp_q    <= '0;
      poff_q  <= '0;
      ky_q    <= '0;
      kx_q    <= '0;
      iy_q    <= '0;
      ix_q    <= '0;
      tap_q   <= '0;
      row_q   <= '0;
      kwb_q   <= '0;
      cw_q    <= '0;
      pixf_q  <= 1'b0;
      plf_q   <= 1'b0;
      kword_q <= '0;
      gdone_q <= 1'b0;
      gk_q    <= '0;
      gkt_q   <= '0;
      gc_q    <= '0;
      gkx_q   <= '0;
      gky_q   <= '0;
      giy_q   <= '0;
      gix_q   <= '0;
      ga_q    <= '0;
      la_q    <= '0;
      lpa_q   <= '0;
      le_q    <= '0;
      lo_q    <= '0;
      lp_q    <= '0;
      ltb_q   <= '0;
      lent_q  <= '0;
      lpn_q   <= '0;
    end else begin
      st_q    <= st_d;
      gret_q  <= gret_d;
      idx_q   <= idx_d;
      dbase_q <= dbase_d;
      tlo_q   <= tlo_d;
      thi_q   <= thi_d;
      t_q     <= t_d;
      olo_q   <= olo_d;
      ob_q    <= ob_d;
      tb_q    <= tb_d;
      pb_q    <= pb_d;
      y_q     <= y_d;
      x_q     <= x_d;
      oy_q    <= oy_d;
      ox_q    <= ox_d;
      rorg_q  <= rorg_d;
      org_q   <= org_d;
      opix_q  <= opix_d;
      rpix_q  <= rpix_d;
      vp_q    <= vp_d;
      poff_q  <= poff_d;
      ky_q    <= ky_d;
      kx_q    <= kx_d;
      iy_q    <= iy_d;
      ix_q    <= ix_d;
      tap_q   <= tap_d;
      row_q   <= row_d;
      kwb_q   <= kwb_d;
      cw_q    <= cw_d;
      pixf_q  <= pixf_d;
      plf_q   <= plf_d;
      kword_q <= kword_d;
      gdone_q <= gdone_d;
      gk_q    <= gk_d;
      gkt_q   <= gkt_d;
      gc_q    <= gc_d;
      gkx_q   <= gkx_d;
      gky_q   <= gky_d;
      giy_q   <= giy_d;
      gix_q   <= gix_d;
      ga_q    <= ga_d;
      la_q    <= la_d;
      lpa_q   <= lpa_d;
      le_q    <= le_d;
      lo_q    <= lo_d;
      lp_q    <= lp_d;
      ltb_q   <= ltb_d;
      lent_q  <= lent_d;
      lpn_q   <= lpn_d;
    end
  end

  // ---- where st_accel_post writes this pixel-tile ------------------------------------------------
  always_comb begin
    if (cfg_i.op == st_accel_pkg::OpMax) begin
      out_base_o = opix_q + OW'(cw_q);
    end else if (cfg_i.out_mode == st_accel_pkg::OutInt32) begin
      out_base_o = opix_q + OW'(ob_q);
    end else begin
      out_base_o = opix_q + OW'(ob_q[DW-1:5]);
    end
    res_base_o  = rpix_q + OW'(ob_q[DW-1:5]);
    pbase_o     = pb_q;
    lane_o      = ob_q[4:3];
    last_tile_o = (t_q == cfg_i.tiles - 8'd1);
    rpe_o       = (rem > DW'(NumPe)) ? 6'(NumPe) : 6'(rem);
  end

endmodule
