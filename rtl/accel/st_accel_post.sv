// SPDX-License-Identifier: Apache-2.0
// st_accel_post.sv - what happens to a pixel-tile's accumulators: residual add, threshold unit, output
// layer bias, and the output packer that writes PLANES words (or int32 words) to RAM. Also writes the
// max-pool unit's result. Holds the parameter memory (block RAM) of the current tile(s).
//
// Per channel p of the tile, one after the other (numerics.md §4):
//   v = acc_p + M_p * r_p                 (r_p read once per pixel-tile from RES_ADDR, res_bits planes)
//   code_p = #{k : s_p * v >= T_p[k]}     (one threshold per cycle through a single comparator)
//   or out = v + bias_p                   (output layer: one int32 write per real channel)
// then one write per output plane. The tile's NumPe code bits are one byte lane (NumPe = 8) of the PLANES
// word of 32 channels, so byte enables replace read-modify-write; the layer's last tile also writes the
// lanes above it as 0 (channel padding). Residual bits and codes move through shift registers, so no
// multiplexer is indexed by the channel number except the accumulator select.
//
// The accumulators are copied into a shadow register when the end-of-pixel marker arrives, so the array
// computes the next pixel-tile while this one is thresholded and written (the generator lets at most
// one pixel-tile wait here; st_accel_gen holds its addresses until done_o).

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
  input  logic [31:0]                   p_data_i,

  // max-pool result
  output logic [1:0]                    mx_plane_o,
  input  logic [31:0]                   mx_data_i,

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
  output logic                          done_o      // the pixel-tile (or max group) is written
);

  localparam int PAW = $clog2(PbufWords);
  localparam int PEW = (NumPe > 1) ? $clog2(NumPe) : 1;
  localparam int OW  = st_accel_pkg::OW;

  typedef enum logic [3:0] {
    StIdle,     // wait for an end-of-pixel or a max-pool group
    StResRd,    // issue the residual plane reads
    StResWait,  // collect the residual planes
    StPw0,      // channel p: read parameter word 0
    StPm,       // sign and multiplier arrive: M * r
    StPs,       // s * (acc + M*r)
    StThr,      // one threshold per cycle
    StBias,     // output layer: + bias
    StOutW,     // output layer: write the int32
    StWr,       // write the output planes
    StDone      // report done
  } st_e;

  st_e st_q, st_d;

  (* no_rw_check *)  // the loader never writes while the post unit reads
  logic [31:0]          pmem [PbufWords];
  logic [PAW-1:0]       praddr, padr_q, padr_d;
  logic [31:0]          pdata_q;

  logic [PEW-1:0]       p_q, p_d;           // channel in the tile
  logic [4:0]           i_q, i_d;           // plane being issued / written
  logic [2:0]           ri_q, ri_d;         // residual planes received
  logic [3:0]           k_q, k_d;           // thresholds compared
  logic [3:0]           cnt_q, cnt_d;       // thresholds passed
  logic                 zero_q, zero_d;     // the pixel-tile accumulated nothing
  logic                 max_q, max_d;       // writing a max-pool group
  logic                 sign_q, sign_d;
  logic signed [31:0]   mr_q, mr_d;         // M * r
  logic signed [32:0]   v_q, v_d;           // v = acc + M*r, then v + bias for the output layer
  logic [4*NumPe-1:0]   res_q, res_d;       // residual plane i of the channels p.. at bits i*NumPe + (p..)
  logic [4*NumPe-1:0]   code_q, code_d;     // codes, channel p at bits 4p+3:4p after the last channel
  logic [OW-1:0]        addr_q, addr_d;     // next read / write word
  logic [NumPe*32-1:0]  sh_q, sh_d;         // the pixel-tile's accumulators

  logic signed [31:0]   acc_p;
  logic signed [32:0]   v, tx, dsum;
  logic                 sub_t, pass;
  logic signed [5:0]    rv;
  logic [NumPe-1:0]     rbits, plane_bits;
  logic [15:0]          accw;
  logic [31:0]          plane_word;
  logic [3:0]           be_lanes;
  logic                 real_ch, last_ch;

  // parameter memory: one block RAM, synchronous read
  always_ff @(posedge clk_i) begin
    if (p_we_i) begin
      pmem[p_addr_i] <= p_data_i;
    end
    pdata_q <= pmem[praddr];
  end

  assign real_ch = (6'(p_q) < rpe_i);
  assign last_ch = (32'(p_q) == NumPe - 1);
  assign rbits   = rd_data_i[8 * 32'(lane_i) +: NumPe];

  // operands of channel p: the accumulator, the residual code of bit 0 of each residual plane
  always_comb begin
    acc_p = '0;
    for (int p = 0; p < NumPe; p++) begin
      if (32'(p_q) == p) begin
        acc_p = $signed(sh_q[32*p +: 32]);
      end
    end
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
    v = 33'(acc_p) + 33'(mr_q);
    // one adder for the threshold compare and the bias: s*v >= T  <=>  v - T >= 0 (s = +1)
    // or v + T <= 0 (s = -1); 33 bits cannot overflow. The output layer adds the bias.
    sub_t = !sign_q && (cfg_i.out_mode == st_accel_pkg::OutCodes);
    tx    = 33'($signed(pdata_q)) ^ {33{sub_t}};
    dsum  = v_q + tx + 33'(sub_t);
    pass  = sign_q ? (dsum[32] || (dsum == '0)) : !dsum[32];
  end

  // the plane word being written
  always_comb begin
    accw = '0;
    for (int p = 0; p < NumPe; p++) begin
      if (cfg_i.out_mode == st_accel_pkg::OutRaw) begin
        // a GSUM has at most 16 planes (§2.5): a 16:1 select per channel, not 32:1 (-109 LUT4)
        accw          = sh_q[32*p +: 16];
        plane_bits[p] = !zero_q && accw[i_q[3:0]];
      end else begin
        plane_bits[p] = code_q[4 * p + 32'(i_q[1:0])];
      end
      if (p >= 32'(rpe_i)) begin
        plane_bits[p] = 1'b0;
      end
    end
    plane_word = 32'(plane_bits) << (8 * 32'(lane_i));
    be_lanes   = 4'(((1 << (NumPe / 8)) - 1) << lane_i);
    if (last_tile_i) begin
      be_lanes = 4'hF << lane_i;
    end
    if (max_q) begin
      plane_word = mx_data_i;
      be_lanes   = 4'hF;
    end
  end

  always_comb begin
    st_d    = st_q;
    p_d     = p_q;
    i_d     = i_q;
    ri_d    = ri_q;
    k_d     = k_q;
    cnt_d   = cnt_q;
    zero_d  = zero_q;
    max_d   = max_q;
    sign_d  = sign_q;
    mr_d    = mr_q;
    v_d     = v_q;
    addr_d  = addr_q;
    padr_d  = padr_q;
    res_d   = res_q;
    code_d  = code_q;
    sh_d    = sh_q;
    praddr  = padr_q;
    addr_o  = addr_q;
    req_o   = 1'b0;
    we_o    = 1'b0;
    be_o    = 4'hF;
    wdata_o = plane_word;
    done_o  = 1'b0;

    // residual responses arrive in order while reads are still being issued
    if (rd_valid_i && ((st_q == StResRd) || (st_q == StResWait))) begin
      for (int i = 0; i < 4; i++) begin
        if (32'(ri_q) == i) begin
          res_d[i * NumPe +: NumPe] = rbits;
        end
      end
      ri_d = ri_q + 1'b1;
    end

    unique case (st_q)
      StIdle: begin
        p_d    = '0;
        i_d    = '0;
        ri_d   = '0;
        zero_d = empty_i;
        padr_d = pbase_i;
        if (eop_i) begin
          sh_d = acc_i;
        end
        max_d  = (cfg_i.op == st_accel_pkg::OpMax);
        if (eop_i && (cfg_i.op == st_accel_pkg::OpMax)) begin
          addr_d = out_base_i;
          st_d   = StWr;
        end else if (eop_i) begin
          addr_d = res_base_i;
          if (cfg_i.out_mode == st_accel_pkg::OutRaw) begin
            addr_d = out_base_i;
            st_d   = StWr;
          end else if (cfg_i.res_en) begin
            st_d = StResRd;
          end else begin
            st_d = StPw0;
          end
        end
      end
      StResRd: begin
        req_o = 1'b1;
        if (ack_i) begin
          addr_d = addr_q + OW'(cfg_i.cwo);
          i_d    = i_q + 1'b1;
          if (i_q + 1'b1 == 5'(cfg_i.res_bits)) begin
            st_d = StResWait;
          end
        end
      end
      StResWait: begin
        if (ri_d == cfg_i.res_bits) begin
          st_d = StPw0;
        end
      end
      StPw0: begin
        // praddr = padr: word 0 (sign, multiplier)
        addr_d = out_base_i + OW'(p_q);
        if (!real_ch) begin
          code_d = {4'd0, code_q[4*NumPe-1:4]};
          res_d  = res_q >> 1;
          p_d    = p_q + 1'b1;
          if (last_ch) begin
            i_d    = '0;
            addr_d = out_base_i;
            st_d   = (cfg_i.out_mode == st_accel_pkg::OutInt32) ? StDone : StWr;
          end
        end else begin
          st_d = StPm;
        end
      end
      StPm: begin
        praddr = padr_q + 1'b1;
        sign_d = pdata_q[0];
        mr_d   = $signed({{16{pdata_q[31]}}, pdata_q[31:16]}) * 32'(rv);
        st_d   = StPs;
      end
      StPs: begin
        praddr = padr_q + 1'b1;
        v_d    = v;
        k_d    = '0;
        cnt_d  = '0;
        st_d   = (cfg_i.out_mode == st_accel_pkg::OutInt32) ? StBias : StThr;
      end
      StThr: begin
        praddr = padr_q + PAW'(k_q) + PAW'(2);
        if (pass) begin
          cnt_d = cnt_q + 1'b1;
        end
        k_d = k_q + 1'b1;
        if (k_q + 1'b1 == cfg_i.n_thr) begin
          code_d = {cnt_d, code_q[4*NumPe-1:4]};
          res_d  = res_q >> 1;
          p_d    = p_q + 1'b1;
          padr_d = padr_q + (PAW'(1) << cfg_i.p_log2);
          // this cycle's read address is the next record's word 0 (P = NT + 1 words per record):
          // a real next channel skips StPw0
          st_d   = (6'(p_q) + 6'd1 < rpe_i) ? StPm : StPw0;
          if (last_ch) begin
            i_d    = '0;
            addr_d = out_base_i;
            st_d   = StWr;
          end
        end
      end
      StBias: begin
        v_d  = dsum;
        st_d = StOutW;
      end
      StOutW: begin
        req_o   = 1'b1;
        we_o    = 1'b1;
        wdata_o = v_q[31:0];
        if (ack_i) begin
          res_d  = res_q >> 1;
          p_d    = p_q + 1'b1;
          padr_d = padr_q + (PAW'(1) << cfg_i.p_log2);
          st_d   = last_ch ? StDone : StPw0;
        end
      end
      StWr: begin
        req_o = 1'b1;
        we_o  = 1'b1;
        be_o  = be_lanes;
        if (ack_i) begin
          addr_d = addr_q + OW'(cfg_i.cwo);
          i_d    = i_q + 1'b1;
          if (i_q + 1'b1 == cfg_i.out_bits) begin
            st_d = StDone;
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
      st_q   <= StIdle;
      p_q    <= '0;
      i_q    <= '0;
      ri_q   <= '0;
      k_q    <= '0;
      cnt_q  <= '0;
      zero_q <= 1'b0;
      max_q  <= 1'b0;
      sign_q <= 1'b0;
      mr_q   <= '0;
      v_q    <= '0;
      addr_q <= '0;
      padr_q <= '0;
      res_q  <= '0;
      code_q <= '0;
      sh_q   <= '0;
    end else begin
      st_q   <= st_d;
      p_q    <= p_d;
      i_q    <= i_d;
      ri_q   <= ri_d;
      k_q    <= k_d;
      cnt_q  <= cnt_d;
      zero_q <= zero_d;
      max_q  <= max_d;
      sign_q <= sign_d;
      mr_q   <= mr_d;
      v_q    <= v_d;
      addr_q <= addr_d;
      padr_q <= padr_d;
      res_q  <= res_d;
      code_q <= code_d;
      sh_q   <= sh_d;
    end
  end

  assign mx_plane_o = i_q[1:0];
  assign busy_o     = (st_q != StIdle);

endmodule
