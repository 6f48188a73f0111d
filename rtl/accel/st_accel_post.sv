// SPDX-License-Identifier: Apache-2.0
// st_accel_post.sv - what happens to a pixel-tile's accumulators: residual add, threshold unit, output
// layer bias, and the output packer that writes PLANES words (or int32 words) to RAM. Also writes the
// max-pool unit's result. Holds the parameter memory (block RAM) of the current tile(s).
//
// Per channel p of the tile, one after the other (numerics.md §4):
//   v = acc_p + M_p * r_p                 (r_p read once per pixel-tile from RES_ADDR, res_bits planes)
//   code_p = #{k : s_p * v >= T_p[k]}     (binary search: out_bits compares through one comparator)
//   or out = v + bias_p                   (output layer: one int32 write per real channel)
// then one write per output plane. The thresholds of a channel are sorted non-decreasing (numerics.md
// §4), so "s*v >= T[k]" holds for a prefix of k and the code is found bit by bit from the top: step j
// compares T[c + 2^j - 1] (c: the code bits found so far) and sets bit j when it passes. The parameter
// memory is 33 bits wide: the loader (st_accel_feed) copies each record's sign s into bit 32 of its
// words, so without a residual a channel costs out_bits cycles, one threshold read each, back to back
// from channel to channel (2 for 2-bit outputs instead of 2 + NT = 5). With a residual, word 0 (M) is
// read first and v = acc + M*r formed: 2 + out_bits cycles.
//
// The tile's NumPe code bits are one byte lane (NumPe = 8) of the PLANES word of 32 channels, so byte
// enables replace read-modify-write; the layer's last tile also writes the lanes above it as 0 (channel
// padding).
//
// The accumulators are copied into a shadow register when the end-of-pixel marker arrives, so the array
// computes the next pixel-tile while this one is thresholded (the generator lets at most one pixel-tile
// wait here; st_accel_gen holds its addresses until done_o). A thresholded pixel-tile reports done_o a
// few cycles before it last reads the shadow (the next marker needs at least 8 cycles through the
// generator, the queue, the feeder and the array pipeline; a marker that arrives while the last
// compares run is remembered), then hands its codes and context (latched when it started) to the plane
// writer, which writes the planes while the next pixel-tile is thresholded.

module st_accel_post #(
  parameter int NumPe     = 8,
  parameter int PbufWords = 256
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          flush_i,
  input  st_accel_pkg::cfg_t            cfg_i,

  input  logic                          eop_i,     // the accumulators are final (from the array)
  input  logic                          empty_i,   // ... and nothing was accumulated: they count as 0
  input  logic [NumPe*32-1:0]           acc_i,

  // where this pixel-tile goes (held by st_accel_gen while it waits for done_o)
  input  logic [st_accel_pkg::OW-1:0]   out_base_i, // word of plane 0 (PLANES) or of channel 0 (INT32)
  input  logic [st_accel_pkg::OW-1:0]   res_base_i, // word of residual plane 0
  input  logic [$clog2(PbufWords)-1:0]  pbase_i,    // parameter record of PE 0
  input  logic [1:0]                    lane_i,     // byte lane of PE 0's bit
  input  logic                          last_tile_i,
  input  logic [5:0]                    rpe_i,      // real channels in the tile

  // parameter memory write port (loader)
  input  logic                          p_we_i,
  input  logic [$clog2(PbufWords)-1:0]  p_addr_i,
  input  logic [32:0]                   p_data_i,   // {s of the record, word}

  // max-pool result
  output logic                          mx_rd_o,    // mx_data_i is written: the next plane, please
  input  logic [31:0]                   mx_data_i,  // the max-pool result, top plane first

  // bus client
  output logic                          req_o,
  output logic [st_accel_pkg::OW-1:0]   addr_o,
  output logic                          we_o,
  output logic [3:0]                    be_o,
  output logic [31:0]                   wdata_o,
  input  logic                          ack_i,
  input  logic                          rd_valid_i,
  input  logic [31:0]                   rd_data_i,

  output logic                          busy_o,
  output logic                          p_hold_o,   // the parameter memory is being read: hold writes
  output logic                          defer_o,    // req_o may wait for the generator's reads
  output logic                          done_o      // the pixel-tile no longer needs the shadow,
                                                    // the parameters or the generator's addresses
);

  localparam int PAW = $clog2(PbufWords);
  localparam int PEW = (NumPe > 1) ? $clog2(NumPe) : 1;
  localparam int OW  = st_accel_pkg::OW;

  typedef enum logic [3:0] {
    StIdle,     // wait for an end-of-pixel (or one seen while writing) or a max-pool group
    StResRd,    // issue the residual plane reads
    StResWait,  // collect the residual planes
    StSet,      // channel p: parameter word 0 arrives (M): M * r; read the first threshold (or bias)
    StV,        // residual: v = acc + M*r
    StCmp,      // one threshold per cycle, binary search from the code's top bit
    StBias,     // output layer: + bias
    StOutW,     // output layer: write the int32
    StWr,       // write the output planes (GSUM, max pool)
    StHand,     // the codes wait for the plane writer (still writing the previous pixel-tile)
    StDone      // report done (GSUM, output layer, max pool)
  } st_e;

  st_e st_q, st_d;

  (* no_rw_check *)  // the loader never writes while the post unit reads (p_hold_o)
  logic [32:0]          pmem [PbufWords];
  logic [PAW-1:0]       praddr, padr_q, padr_d;
  logic [PAW-1:0]       pr_base;            // the probe's address: pr_base, | pr_pass if the compare passes
  logic [3:0]           pr_pass;            // (the code bit being decided: below bit 4)
  logic [32:0]          pdata_q;            // {s of the record, word}

  logic [PEW-1:0]       p_q, p_d;           // channel in the tile
  logic [4:0]           i_q, i_d;           // plane being issued / written
  logic [2:0]           ri_q, ri_d;         // residual planes received
  logic [1:0]           j_q, j_d;           // code bit the threshold being compared decides
  logic [3:0]           c_q, c_d;           // code bits found so far
  logic                 zero_q, zero_d;     // the pixel-tile accumulated nothing
  logic                 max_q, max_d;       // writing a max-pool group
  logic                 ep_q, ep_d;         // an end-of-pixel arrived while the last planes were written
  logic                 dn_q, dn_d;         // done_o given for this pixel-tile
  logic signed [31:0]   mr_q, mr_d;         // M * r
  logic signed [32:0]   v_q, v_d;           // v = acc + M*r, then v + bias for the output layer
  logic [4*NumPe-1:0]   res_q, res_d;       // residual plane i of the channels p.. at bits i*NumPe + (p..)
  logic [4*NumPe-1:0]   code_q, code_d;     // code of channel p at bits 4p+3:4p
  logic [OW-1:0]        addr_q, addr_d;     // next read / write word
  logic [OW-1:0]        ob_q, ob_d;         // the pixel-tile's output word (latched: done_o comes early)
  logic [1:0]           lane_q, lane_d;
  logic                 last_q, last_d;
  logic [5:0]           rpe_q, rpe_d;
  logic [NumPe*32-1:0]  sh_q;               // the pixel-tile's accumulators

  logic signed [31:0]   acc_p;
  logic                 sh_shift;           // the accumulator at the bottom of the shadow is taken
  logic [5:0]           lead;               // done_o at the first compare of channel rpe - lead
  logic                 sign;
  logic signed [32:0]   tx, dsum;
  logic                 ge, zero_add, pass, start;
  logic signed [5:0]    rv;
  logic [NumPe-1:0]     rbits, plane_bits;
  logic [15:0]          accw;
  logic [31:0]          plane_word;
  logic [3:0]           be_lanes;
  // the plane writer of thresholded pixel-tiles: its own copy of the codes and context, so the next
  // pixel-tile's thresholds run while it waits for bus cycles the generator does not use
  logic                 wb_q, wb_d;         // planes to write
  logic [1:0]           wi_q, wi_d;         // plane being written
  logic [OW-1:0]        wa_q, wa_d;
  logic [1:0]           wl_q, wl_d;
  logic                 wt_q, wt_d;
  logic [5:0]           wr_q, wr_d;
  logic [4*NumPe-1:0]   wc_q, wc_d;
  logic                 wload, sel_w, f_req, f_we, f_ack;
  logic [OW-1:0]        f_addr;
  logic [3:0]           f_be;
  logic [31:0]          f_wdata;
  logic [1:0]           pl_lane;
  logic                 pl_last, codes;
  logic [5:0]           pl_rpe;
  logic                 last_ch;
  logic [3:0]           c_new;
  logic [PAW-1:0]       half, rstep;
  logic [OW-1:0]        astep;

  // parameter memory: one block RAM, synchronous read
  always_ff @(posedge clk_i) begin
    if (p_we_i) begin
      pmem[p_addr_i] <= p_data_i;
    end
    pdata_q <= pmem[praddr];
  end

  // the shadow takes the accumulators at every end-of-pixel (the generator sends one only when the
  // shadow is free) and is a shift register of channels: channel p moves down one place each time the
  // threshold loop takes an accumulator, so the next one is always at the bottom (sh_q[31:0]). One
  // 2:1 LUT4 per bit in front of each flip-flop instead of a NumPe:1 select after them, and the
  // flip-flops pack with those LUTs (a lone flip-flop takes a logic cell of its own).
  always_ff @(posedge clk_i) begin
    if (eop_i) begin
      sh_q <= acc_i;
    end else if (sh_shift) begin
      sh_q <= sh_q >> 32;
    end
  end

  assign last_ch = (6'(p_q) + 6'd1 >= rpe_q);
  // the shadow moves down when v_q takes the bottom accumulator for good: in StSet (channel p), or in a
  // channel's last compare without a residual (channel p + 1; with one, StSet takes it again). Not in
  // the last channel's: the next pixel-tile's accumulators may be in the shadow already (early done).
  assign sh_shift = (st_q == StSet) ||
                    ((st_q == StCmp) && (j_q == 2'd0) && !cfg_i.res_en && !last_ch);
  assign rbits   = rd_data_i[8 * 32'(lane_q) +: NumPe];
  assign rstep   = PAW'(1) << cfg_i.p_log2;            // words per parameter record
  assign astep   = addr_q + (OW'(cfg_i.cwo) ^ {OW{max_q}}) + OW'(max_q);  // the next plane: +CWo (max: -CWo)
  assign half    = PAW'(1) << (cfg_i.p_log2 - 3'd1);   // the first probe: T[2^(b-1) - 1], or the bias

  // operands of channel p: the accumulator, the residual code of bit 0 of each residual plane
  always_comb begin
    // the accumulator v_q takes next: channel p (StSet) or, in a channel's last compare, channel p + 1
    acc_p = $signed(sh_q[31:0]);
    if (zero_q) begin
      acc_p = '0;
    end
    rv    = '0;
    for (int i = 0; i < 4; i++) begin
      if (i < 32'(cfg_i.res_bits)) begin
        rv = rv | (6'(res_q[i * NumPe]) << i);
      end
    end
    if (cfg_i.res_bip) begin
      rv = res_q[0] ? 6'sd1 : -6'sd1;
    end
    if (!cfg_i.res_en) begin
      rv = '0;
    end
    // the threshold compare: s*v >= T  <=>  v - T >= 0 (s = +1) or v + T <= 0 (s = -1); 33 bits
    // cannot overflow. The output layer adds the bias (v + T). This is the post unit's critical path
    // (the compare decides the next probe's address, docs/accelerator.md §7.2), so both sums start
    // from registers at once and the sign only picks one at the end, and the zero test of v + T does
    // not wait for its carries: a + b == 0 exactly when every sum bit's carry in, a_i ^ b_i, is the
    // carry out of the bit below, a_(i-1) | b_(i-1) (a carry in of 0 at bit 0).
    // Without a residual v_q is the accumulator itself, loaded at the start and in the previous
    // channel's last compare.
    sign     = pdata_q[32];
    tx       = 33'($signed(pdata_q[31:0]));
    dsum     = v_q + tx;
    ge       = ({!v_q[32], v_q[31:0]} >= {!tx[32], tx[31:0]});  // signed, as an unsigned compare
    zero_add = ((v_q ^ tx) == ((v_q | tx) << 1));
    c_new    = c_q | (4'(pass) << j_q);
  end

  // the plane word being written: the writer's (codes) or the state machine's (GSUM, max pool)
  assign codes   = (cfg_i.out_mode == st_accel_pkg::OutCodes);
  assign pl_lane = codes ? wl_q : lane_q;
  assign pl_last = codes ? wt_q : last_q;
  assign pl_rpe  = codes ? wr_q : rpe_q;

  always_comb begin
    accw = '0;
    for (int p = 0; p < NumPe; p++) begin
      if (cfg_i.out_mode == st_accel_pkg::OutRaw) begin
        // a GSUM has at most 16 planes (§2.5): a 16:1 select per channel, not 32:1 (-109 LUT4)
        accw          = sh_q[32*p +: 16];
        plane_bits[p] = !zero_q && accw[i_q[3:0]];
      end else begin
        plane_bits[p] = wc_q[4 * p + 32'(wi_q)];
      end
      if (p >= 32'(pl_rpe)) begin
        plane_bits[p] = 1'b0;
      end
    end
    plane_word = 32'(plane_bits) << (8 * 32'(pl_lane));
    be_lanes   = 4'(((1 << (NumPe / 8)) - 1) << pl_lane);
    if (pl_last) begin
      be_lanes = 4'hF << pl_lane;
    end
    if (max_q) begin
      plane_word = mx_data_i;
      be_lanes   = 4'hF;
    end
  end

  assign start = (st_q == StIdle) && (eop_i || ep_q);

  always_comb begin
    st_d    = st_q;
    p_d     = p_q;
    i_d     = i_q;
    ri_d    = ri_q;
    j_d     = j_q;
    c_d     = c_q;
    zero_d  = zero_q;
    max_d   = max_q;
    ep_d    = ep_q;
    dn_d    = dn_q;
    mr_d    = mr_q;
    v_d     = v_q;
    addr_d  = addr_q;
    padr_d  = padr_q;
    res_d   = res_q;
    code_d  = code_q;
    ob_d    = ob_q;
    lane_d  = lane_q;
    last_d  = last_q;
    rpe_d   = rpe_q;
    pr_base = padr_q;
    pr_pass = '0;
    f_addr  = addr_q;
    f_req   = 1'b0;
    f_we    = 1'b0;
    f_be    = 4'hF;
    f_wdata = plane_word;
    done_o  = 1'b0;
    wload   = 1'b0;

    if (eop_i) begin
      zero_d = empty_i;
      ep_d   = (st_q != StIdle);
    end

    // residual responses arrive in order while reads are still being issued
    if (rd_valid_i && ((st_q == StResRd) || (st_q == StResWait))) begin
      for (int i = 0; i < 4; i++) begin
        if (32'(ri_q) == i) begin
          res_d[i * NumPe +: NumPe] = rbits;
        end
      end
      ri_d = ri_q + 1'b1;
    end

    // A thresholded pixel-tile without residual takes its last accumulator from the shadow in the last
    // compare of channel rpe - 2 (in StSet when rpe = 1); the next end-of-pixel needs at least 8 cycles
    // to get here (generator, token queue, feeder, five array stages; 9 when it rides on the last
    // operation, which waits for its read data). So done_o goes out at the first compare of channel
    // rpe - o, o = 9, 5, 3, 3 for out_bits = 1..4 (that last read (o - 1) * out_bits - 1 <= 7 cycles
    // after done_o), or in StSet when rpe < o; with a residual in the last StSet. The
    // next group's parameters may come sooner: p_hold_o holds them in the feeder until the last
    // threshold is read. Simulation checks both below.
    unique case (cfg_i.out_bits[1:0])
      2'd1:    lead = 6'd9;
      2'd2:    lead = 6'd5;
      2'd3:    lead = 6'd3;
      default: lead = 6'd3;
    endcase
    if (!dn_q && (cfg_i.out_mode == st_accel_pkg::OutCodes) &&
        (((st_q == StSet) && (cfg_i.res_en ? last_ch : (rpe_q < lead))) ||
         ((st_q == StCmp) && !cfg_i.res_en && (j_q == 2'(cfg_i.out_bits - 5'd1)) &&
          (6'(p_q) + lead == rpe_q)))) begin
      done_o = 1'b1;
      dn_d   = 1'b1;
    end

    unique case (st_q)
      StIdle: begin
        // the context of the pixel-tile, held by the generator until done_o
        p_d    = '0;
        i_d    = '0;
        ri_d   = '0;
        padr_d = pbase_i;
        // word 0 of channel 0 arrives in StSet (without a residual StSet only takes the accumulator)
        pr_base = pbase_i;
        j_d    = 2'(cfg_i.out_bits - 5'd1);
        c_d    = '0;
        ob_d   = out_base_i;
        lane_d = lane_i;
        last_d = last_tile_i;
        rpe_d  = rpe_i;
        max_d  = (cfg_i.op == st_accel_pkg::OpMax);
        // a max-pool result comes top plane first (st_accel_maxpool's ring): from plane n-1 down, each
        // write one CWo below the last, the first below the next pixel's base (out_pix = n * CWo)
        addr_d = max_d ? out_base_i + cfg_i.out_pix : out_base_i;
        dn_d   = 1'b0;
        if (start) begin
          ep_d = 1'b0;
          if ((cfg_i.op == st_accel_pkg::OpMax) || (cfg_i.out_mode == st_accel_pkg::OutRaw)) begin
            st_d = StWr;
          end else if (cfg_i.res_en) begin
            addr_d = res_base_i;
            st_d   = StResRd;
          end else begin
            st_d = StSet;
          end
        end
      end
      StResRd: begin
        f_req = 1'b1;
        if (f_ack) begin
          addr_d = addr_q + OW'(cfg_i.cwo);
          i_d    = i_q + 1'b1;
          if (i_q + 1'b1 == 5'(cfg_i.res_bits)) begin
            st_d = StResWait;
          end
        end
      end
      StResWait: begin
        if (ri_d == cfg_i.res_bits) begin
          st_d = StSet;
        end
      end
      StSet: begin
        // pdata = word 0 of channel p; read the first threshold (or the bias: half = 1 when P = 2)
        pr_base = padr_q | half;
        mr_d   = $signed({{16{pdata_q[31]}}, pdata_q[31:16]}) * 32'(rv);
        v_d    = 33'(acc_p);
        j_d    = 2'(cfg_i.out_bits - 5'd1);
        c_d    = '0;
        if (cfg_i.res_en) begin
          st_d = StV;
        end else begin
          st_d = (cfg_i.out_mode == st_accel_pkg::OutInt32) ? StBias : StCmp;
        end
      end
      StV: begin
        pr_base = padr_q | half;
        v_d    = v_q + 33'(mr_q);
        st_d   = (cfg_i.out_mode == st_accel_pkg::OutInt32) ? StBias : StCmp;
      end
      StCmp: begin
        // pdata = T[c + 2^j - 1]; the next probe T[c' + 2^(j-1) - 1], or the next channel's word 0.
        // c' = c | pass << j has no bits below j, so c' + 2^(j-1) is an OR, and below P; the compare
        // only adds bit j (pr_pass), ORed in last
        pr_base = padr_q | PAW'(c_q) | (PAW'(1) << (j_q - 2'd1));
        pr_pass = 4'd1 << j_q;
        c_d    = c_new;
        j_d    = j_q - 2'd1;
        if (j_q == 2'd0) begin
          // the next channel: its word 0 (residual) or its first threshold
          pr_base = (padr_q + rstep) | (cfg_i.res_en ? '0 : half);
          pr_pass = '0;
          padr_d = padr_q + rstep;
          j_d    = 2'(cfg_i.out_bits - 5'd1);
          c_d    = '0;
          v_d    = 33'(acc_p);  // channel p + 1 (no residual; with one StSet reloads it)
          res_d  = res_q >> 1;
          p_d    = p_q + 1'b1;
          // c_new with j = 0: the bits found so far and this compare as bit 0 (c_q[0] is 0 here)
          for (int p = 0; p < NumPe; p++) begin
            if (32'(p_q) == p) begin
              code_d[4*p +: 4] = {c_q[3:1], pass};
            end
          end
          if (last_ch) begin
            // the codes are known (done_o went out already): to the plane writer, or wait for it
            wload = !wb_q;
            st_d  = wb_q ? StHand : StIdle;
          end else begin
            st_d = cfg_i.res_en ? StSet : StCmp;
          end
        end
      end
      StBias: begin
        pr_base = padr_q + rstep;
        v_d    = dsum;
        addr_d = ob_q + OW'(p_q);
        st_d   = StOutW;
      end
      StOutW: begin
        pr_base = padr_q + rstep;
        f_req   = 1'b1;
        f_we    = 1'b1;
        f_wdata = v_q[31:0];
        if (f_ack) begin
          res_d  = res_q >> 1;
          p_d    = p_q + 1'b1;
          padr_d = padr_q + rstep;
          st_d   = last_ch ? StDone : StSet;
        end
      end
      StWr: begin
        f_req = 1'b1;
        f_we  = 1'b1;
        f_be  = be_lanes;
        if (max_q) begin
          f_addr = astep;
        end
        if (f_ack) begin
          addr_d = astep;
          i_d    = i_q + 1'b1;
          if (i_q + 1'b1 == cfg_i.out_bits) begin
            st_d = StDone;
          end
        end
      end
      StHand: begin
        wload = !wb_q;
        if (!wb_q) begin
          st_d = StIdle;
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
      ep_d = 1'b0;
    end
  end

  // only the low 4 bits of the address take pr_pass (a code bit), the others are pr_base's
  st_accel_post_probe u_probe (
    .base_i      (pr_base[3:0]),
    .pass_addr_i (pr_pass),
    .sign_i      (sign),
    .neg_i       (dsum[32]),
    .zero_i      (zero_add),
    .ge_i        (ge),
    .pass_o      (pass),
    .addr_o      (praddr[3:0])
  );
  assign praddr[PAW-1:4] = pr_base[PAW-1:4];

  // the plane writer and the bus port: the state machine's requests (residual reads, int32 and GSUM /
  // max-pool writes) first; the writer's planes are deferrable (they wait for a cycle without a
  // generator read) unless the threshold loop waits for the writer
  assign sel_w   = wb_q && !f_req;
  assign f_ack   = ack_i && !sel_w;
  assign req_o   = f_req || wb_q;
  assign addr_o  = sel_w ? wa_q : f_addr;
  assign we_o    = sel_w || f_we;
  assign be_o    = sel_w ? be_lanes : f_be;
  assign wdata_o = sel_w ? plane_word : f_wdata;
  assign defer_o = sel_w && (st_q != StHand);

  always_comb begin
    wb_d = wb_q;
    wi_d = wi_q;
    wa_d = wa_q;
    wl_d = wl_q;
    wt_d = wt_q;
    wr_d = wr_q;
    wc_d = wc_q;
    if (sel_w && ack_i) begin
      wa_d = wa_q + OW'(cfg_i.cwo);
      wi_d = wi_q + 1'b1;
      if (5'(wi_q) + 5'd1 == cfg_i.out_bits) begin
        wb_d = 1'b0;
      end
    end
    if (wload) begin
      wb_d = 1'b1;
      wi_d = '0;
      wa_d = ob_q;
      wl_d = lane_q;
      wt_d = last_q;
      wr_d = rpe_q;
      wc_d = code_d;
    end
    if (flush_i) begin
      wb_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q   <= StIdle;
      p_q    <= '0;
      i_q    <= '0;
      ri_q   <= '0;
      j_q    <= '0;
      c_q    <= '0;
      zero_q <= 1'b0;
      max_q  <= 1'b0;
      ep_q   <= 1'b0;
      dn_q   <= 1'b0;
      mr_q   <= '0;
      v_q    <= '0;
      addr_q <= '0;
      padr_q <= '0;
      res_q  <= '0;
      code_q <= '0;
      ob_q   <= '0;
      lane_q <= '0;
      last_q <= 1'b0;
      rpe_q  <= '0;
      wb_q   <= 1'b0;
      wi_q   <= '0;
      wa_q   <= '0;
      wl_q   <= '0;
      wt_q   <= 1'b0;
      wr_q   <= '0;
      wc_q   <= '0;
    end else begin
      st_q   <= st_d;
      p_q    <= p_d;
      i_q    <= i_d;
      ri_q   <= ri_d;
      j_q    <= j_d;
      c_q    <= c_d;
      zero_q <= zero_d;
      max_q  <= max_d;
      ep_q   <= ep_d;
      dn_q   <= dn_d;
      mr_q   <= mr_d;
      v_q    <= v_d;
      addr_q <= addr_d;
      padr_q <= padr_d;
      res_q  <= res_d;
      code_q <= code_d;
      ob_q   <= ob_d;
      lane_q <= lane_d;
      last_q <= last_d;
      rpe_q  <= rpe_d;
      wb_q   <= wb_d;
      wi_q   <= wi_d;
      wa_q   <= wa_d;
      wl_q   <= wl_d;
      wt_q   <= wt_d;
      wr_q   <= wr_d;
      wc_q   <= wc_d;
    end
  end

`ifndef SYNTHESIS
  // the early done_o must never let the next pixel-tile's marker or parameters in too soon
  always_ff @(posedge clk_i) begin
    if (eop_i && ((st_q == StResRd) || (st_q == StResWait) || (st_q == StSet) ||
                  (((st_q == StV) || (st_q == StCmp)) && !last_ch) ||
                  ((st_q == StCmp) && !cfg_i.res_en && !last_ch &&
                   !((j_q == 2'd0) && (6'(p_q) + 6'd2 == rpe_q))))) begin
      $error("st_accel_post: end-of-pixel while the shadow is still in use (state %0d, channel %0d)",
             st_q, p_q);
    end
    if (p_we_i && ((st_q == StResRd) || (st_q == StResWait) || (st_q == StSet) ||
                             (st_q == StV) || (st_q == StCmp))) begin
      $error("st_accel_post: parameter write while thresholds are read (state %0d, channel %0d)",
             st_q, p_q);
    end
  end
`endif

  // the planes of a pixel-tile that reported done early are not urgent until the next end-of-pixel is
  // here: the generator's reads go first and these writes fill its gaps
  assign p_hold_o   = (st_q == StResRd) || (st_q == StResWait) || (st_q == StSet) || (st_q == StV) ||
                      (st_q == StCmp) || (st_q == StBias) || (st_q == StOutW);
  assign mx_rd_o    = max_q && (st_q == StWr) && f_ack;
  assign busy_o     = (st_q != StIdle) || ep_q || wb_q;

endmodule
