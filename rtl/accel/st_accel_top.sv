// SPDX-License-Identifier: Apache-2.0
// st_accel_top.sv - the ST accelerator: register slave, DMA master and interrupt (docs/accelerator.md).
//
//   regs --start--> ctrl --desc/layer--> gen --tokens--> [token FIFO] --> feed --ops--> array --eop--> post
//                    ^  \--check                 \--reads--> bus --data--> [data FIFO] --^      |
//                    |                                        ^-------------- writes -----------/
// ctrl walks the chain; st_accel_check validates each record; gen walks the layer's loop nest and
// issues reads; feed pairs tokens with data and drives the PE array; post thresholds and writes.

module st_accel_top #(
  parameter int          NumPe     = 8,    // output channels in parallel: 8, 16 or 32
  parameter int          SimdWidth = 32,   // input bits per PE per cycle: 8, 16 or 32
  parameter int          WbufDepth = 256,  // weight memory entries (SimdWidth bits) per PE
  parameter int          PbufWords = 256,  // parameter memory words
  parameter int          FifoDepth = 4,    // token / data queue depth (outstanding reads)
  parameter bit          QueueEbr  = 1'b1, // the token and data queues in block RAM, else flip-flops (st_fifo)
  parameter logic [31:0] RamBase   = st_regs_pkg::RAM_BASE,
  parameter logic [31:0] RamSize   = st_regs_pkg::RAM_SIZE
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        s_req_valid_i,
  output logic        s_req_ready_o,
  input  logic [31:0] s_req_addr_i,
  input  logic        s_req_we_i,
  input  logic [3:0]  s_req_be_i,
  input  logic [31:0] s_req_wdata_i,
  output logic        s_rsp_valid_o,
  output logic [31:0] s_rsp_rdata_o,
  output logic        s_rsp_err_o,

  output logic        m_req_valid_o,
  input  logic        m_req_ready_i,
  output logic [31:0] m_req_addr_o,
  output logic        m_req_we_o,
  output logic [3:0]  m_req_be_o,
  output logic [31:0] m_req_wdata_o,
  input  logic        m_rsp_valid_i,
  input  logic [31:0] m_rsp_rdata_i,
  input  logic        m_rsp_err_i,

  output logic        irq_o
);

  localparam int OW  = st_accel_pkg::OW;
  localparam int WAW = $clog2(WbufDepth);
  localparam int PAW = $clog2(PbufWords);
  localparam int PEW = $clog2(NumPe);
  localparam int TW  = st_accel_pkg::TOK_W;

  // ---- registers ---------------------------------------------------------------------------------
  logic        start, soft_reset, busy, chain_end, layer_done, stall;
  logic [31:0] desc_ptr;
  logic [7:0]  end_err;
  logic [15:0] end_desc;
  logic [15:0] macs;

  st_accel_regs #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufWords (NumPe * WbufDepth * SimdWidth / 32),
    .PbufWords (PbufWords),
    .XbufWords (1 << st_accel_pkg::XW)
  ) u_regs (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .s_req_valid_i (s_req_valid_i),
    .s_req_ready_o (s_req_ready_o),
    .s_req_addr_i  (s_req_addr_i),
    .s_req_we_i    (s_req_we_i),
    .s_req_be_i    (s_req_be_i),
    .s_req_wdata_i (s_req_wdata_i),
    .s_rsp_valid_o (s_rsp_valid_o),
    .s_rsp_rdata_o (s_rsp_rdata_o),
    .s_rsp_err_o   (s_rsp_err_o),
    .start_o       (start),
    .soft_reset_o  (soft_reset),
    .desc_ptr_o    (desc_ptr),
    .busy_i        (busy),
    .end_i         (chain_end),
    .end_err_i     (end_err),
    .end_desc_i    (end_desc),
    .perf_macs_i   (macs),
    .perf_stall_i  (stall),
    .perf_layer_i  (layer_done),
    .irq_o         (irq_o)
  );

  // ---- chain control and checks ------------------------------------------------------------------
  logic                gen_desc, gen_layer, gen_done, chk_start, chk_done, flush;
  logic [OW-1:0]       gen_desc_off;
  logic                dw_we;
  logic [4:0]          dw_idx;
  logic [31:0]         dw_data;
  logic [7:0]          chk_err;
  st_accel_pkg::cfg_t  cfg;
  logic                bus_err, bus_idle, array_busy, post_busy;

  st_accel_ctrl #(
    .RamBase (RamBase),
    .RamSize (RamSize)
  ) u_ctrl (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .start_i        (start),
    .soft_reset_i   (soft_reset),
    .desc_ptr_i     (desc_ptr),
    .busy_o         (busy),
    .end_o          (chain_end),
    .end_err_o      (end_err),
    .end_desc_o     (end_desc),
    .layer_done_o   (layer_done),
    .gen_desc_o     (gen_desc),
    .gen_desc_off_o (gen_desc_off),
    .gen_layer_o    (gen_layer),
    .gen_done_i     (gen_done),
    .dw_we_i        (dw_we),
    .dw_idx_i       (dw_idx),
    .dw_last_i      (dw_data[st_accel_pkg::F_LAST]),
    .chk_start_o    (chk_start),
    .chk_done_i     (chk_done),
    .chk_err_i      (chk_err),
    .bus_err_i      (bus_err),
    .bus_idle_i     (bus_idle),
    .dp_busy_i      (array_busy || post_busy),
    .flush_o        (flush)
  );

  // the pixel walk: st_accel_check's microcode runs the generator's pixel loop (docs/accelerator.md §7.3)
  logic                              px_init, px_adv, px_busy, px_end;
  logic signed [st_accel_pkg::DW+1:0] px_ox, px_oy;
  logic [st_accel_pkg::BW-1:0]       px_org;
  logic [OW-1:0]                     px_opix, px_rpix;

  st_accel_check #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth),
    .PbufWords (PbufWords),
    .XbufWords (1 << st_accel_pkg::XW),
    .RamBase   (RamBase),
    .RamSize   (RamSize)
  ) u_check (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .flush_i   (flush),
    .dw_we_i   (dw_we),
    .dw_idx_i  (dw_idx),
    .dw_data_i (dw_data),
    .start_i   (chk_start),
    .done_o    (chk_done),
    .err_o     (chk_err),
    .cfg_o     (cfg),
    .px_init_i (px_init),
    .px_adv_i  (px_adv),
    .px_busy_o (px_busy),
    .px_ox_o   (px_ox),
    .px_oy_o   (px_oy),
    .px_org_o  (px_org),
    .px_opix_o (px_opix),
    .px_rpix_o (px_rpix),
    .px_end_o  (px_end)
  );

  // ---- generator, queues, feeder ----------------------------------------------------------------
  st_accel_pkg::tok_t tok_in, tok_out;
  logic               tok_push, tok_pop, tok_empty, tok_full;
  logic               data_push, data_pop, data_empty, data_full;
  logic [31:0]        data_out;
  logic               gen_req, gen_ack, post_done;
  logic [OW-1:0]      gen_addr;
  logic               nz_rd;
  logic [OW-1:0]      ctx_out, ctx_res;
  logic [PAW-1:0]     ctx_pbase;
  logic [1:0]         ctx_lane;
  logic               ctx_last;
  logic [5:0]         ctx_rpe;

  st_accel_gen #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .PbufWords (PbufWords),
    .WbufDepth (WbufDepth)
  ) u_gen (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .flush_i     (flush),
    .cfg_i       (cfg),
    .desc_i      (gen_desc),
    .desc_off_i  (gen_desc_off),
    .layer_i     (gen_layer),
    .done_o      (gen_done),
    .tok_o       (tok_in),
    .push_o      (tok_push),
    .full_i      (tok_full),
    .req_o       (gen_req),
    .addr_o      (gen_addr),
    .ack_i       (gen_ack),
    .px_init_o   (px_init),
    .px_adv_o    (px_adv),
    .px_busy_i   (px_busy),
    .px_ox_i     (px_ox),
    .px_oy_i     (px_oy),
    .px_org_i    (px_org),
    .px_opix_i   (px_opix),
    .px_rpix_i   (px_rpix),
    .px_end_i    (px_end),
    .post_done_i (post_done),
    .hp_i        (x_hp),
    .nz_rd_o     (nz_rd),
    .out_base_o  (ctx_out),
    .res_base_o  (ctx_res),
    .pbase_o     (ctx_pbase),
    .lane_o      (ctx_lane),
    .last_tile_o (ctx_last),
    .rpe_o       (ctx_rpe)
  );

  logic [TW-1:0] tok_out_bits;

  st_fifo #(
    .Width (TW),
    .Depth (FifoDepth),
    .Ebr   (QueueEbr)
  ) u_tokq (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (flush),
    .push_i  (tok_push),
    .data_i  (tok_in),
    .pop_i   (tok_pop),
    .data_o  (tok_out_bits),
    .empty_o (tok_empty),
    .full_o  (tok_full)
  );
  assign tok_out = tok_out_bits;

  logic        rd_valid, rd_tag;
  logic [31:0] rd_data;

  assign data_push = rd_valid && !rd_tag && !flush;  // the generator's reads (tag 0)

  st_fifo #(
    .Width (32),
    .Depth (FifoDepth),
    .Ebr   (QueueEbr)
  ) u_dataq (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (flush),
    .push_i  (data_push),
    .data_i  (rd_data),
    .pop_i   (data_pop),
    .data_o  (data_out),
    .empty_o (data_empty),
    .full_o  (data_full)
  );

  logic                 w_we, p_we, p_hold, op, xsel, neg, aclr, adbl, eop, empty;
  logic [PEW-1:0]       w_pe;
  logic [WAW-1:0]       w_addr, raddr;
  logic [SimdWidth-1:0] w_data, a_op, x1;
  logic [$clog2(SimdWidth+1)-1:0] nv_op;
  logic [PAW-1:0]       p_addr;
  logic [32:0]          p_data;
  logic                 mx_upd, mx_msb, starve;
  logic [31:0]          mx_data, mx_max;
  logic                 mx_rd;
  logic                 g_shift, g_valid, g_first, g_xpose;
  logic [7:0]           g_byte;
  logic [st_accel_pkg::XW-1:0] g_waddr, x_raddr;
  logic [$clog2(32/SimdWidth+1)-1:0] x_slice;
  logic [9:0]           nvalid;
  logic [3:0]           x_hp;

  st_accel_feed #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth),
    .PbufWords (PbufWords)
  ) u_feed (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (flush),
    .cfg_i        (cfg),
    .tok_i        (tok_out),
    .tok_empty_i  (tok_empty),
    .tok_pop_o    (tok_pop),
    .data_i       (data_out),
    .data_empty_i (data_empty),
    .data_pop_o   (data_pop),
    .desc_we_o    (dw_we),
    .desc_idx_o   (dw_idx),
    .desc_data_o  (dw_data),
    .w_we_o       (w_we),
    .w_pe_o       (w_pe),
    .w_addr_o     (w_addr),
    .w_data_o     (w_data),
    .p_hold_i     (p_hold),
    .p_we_o       (p_we),
    .p_addr_o     (p_addr),
    .p_data_o     (p_data),
    .g_shift_o    (g_shift),
    .g_byte_o     (g_byte),
    .g_valid_o    (g_valid),
    .g_first_o    (g_first),
    .g_xpose_o    (g_xpose),
    .g_waddr_o    (g_waddr),
    .x_raddr_o    (x_raddr),
    .x_slice_o    (x_slice),
    .nvalid_i     (nvalid),
    .op_o         (op),
    .raddr_o      (raddr),
    .a_o          (a_op),
    .xsel_o       (xsel),
    .nv_o         (nv_op),
    .neg_o        (neg),
    .aclr_o       (aclr),
    .adbl_o       (adbl),
    .eop_o        (eop),
    .empty_o      (empty),
    .mx_upd_o     (mx_upd),
    .mx_data_o    (mx_data),
    .mx_msb_o     (mx_msb),
    .macs_o       (macs),
    .starve_o     (starve)
  );

  st_accel_stage #(
    .SimdWidth (SimdWidth),
    .XbufWords (1 << st_accel_pkg::XW)
  ) u_stage (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .shift_i  (g_shift),
    .byte_i   (g_byte),
    .valid_i  (g_valid),
    .first_i  (g_first),
    .xpose_i  (g_xpose),
    .waddr_i  (g_waddr),
    .raddr_i  (x_raddr),
    .slice_i  (x_slice),
    .x1_o     (x1),
    .nvalid_o (nvalid),
    .bits_i   (cfg.in_bits),
    .hp_o     (x_hp)
  );

  // ---- compute array, max pool, post ------------------------------------------------------------
  logic [NumPe*32-1:0] acc;
  logic [NumPe*SimdWidth-1:0] w1_unused;  // the memories' read words: the coprocessor's thresholds, not used here
  logic                eop_out, empty_out;

  st_accel_array #(
    .NumPe     (NumPe),
    .SimdWidth (SimdWidth),
    .WbufDepth (WbufDepth)
  ) u_array (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (flush),
    .we_i    (w_we),
    .we_pe_i (w_pe),
    .waddr_i (w_addr),
    .wdata_i (w_data),
    .op_i    (op),
    .raddr_i (raddr),
    .a_i     (a_op),
    .xsel_i  (xsel),
    .x1_i    (x1),
    .nv_i    (nv_op),
    .xor_i   (cfg.xor_mode),
    .dbl_i   (cfg.w_bip || cfg.xor_mode),
    .bytes_i (1'b0),   // BytesMac is the coprocessor's
    .bg_i    (3'd0),
    .neg_i   (neg),
    .aclr_i  (aclr),
    .adbl_i  (adbl),
    .eop_i   (eop),
    .empty_i (empty),
    .acc_o   (acc),
    .w1_o    (w1_unused),
    .eop_o   (eop_out),
    .empty_o (empty_out),
    .busy_o  (array_busy)
  );

  st_accel_maxpool u_max (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (flush),
    .n_i        (cfg.in_bits[2:0]),
    .upd_i      (mx_upd),
    .data_i     (mx_data),
    .msb_i      (mx_msb),
    .rd_i       (mx_rd),
    .max_o      (mx_max)
  );

  logic                post_req, post_we, post_ack, post_defer, post_sel;
  logic [OW-1:0]       post_addr;
  logic [3:0]          post_be;
  logic [31:0]         post_wdata;

  st_accel_post #(
    .NumPe     (NumPe),
    .PbufWords (PbufWords)
  ) u_post (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .flush_i     (flush),
    .cfg_i       (cfg),
    .eop_i       (eop_out),
    .empty_i     (empty_out),
    .acc_i       (acc),
    .out_base_i  (ctx_out),
    .res_base_i  (ctx_res),
    .pbase_i     (ctx_pbase),
    .lane_i      (ctx_lane),
    .last_tile_i (ctx_last),
    .rpe_i       (ctx_rpe),
    .p_we_i      (p_we),
    .p_addr_i    (p_addr),
    .p_data_i    (p_data),
    .mx_rd_o     (mx_rd),
    .mx_data_i   (mx_max),
    .req_o       (post_req),
    .addr_o      (post_addr),
    .we_o        (post_we),
    .be_o        (post_be),
    .wdata_o     (post_wdata),
    .ack_i       (post_ack),
    .rd_valid_i  (rd_valid && rd_tag),
    .rd_data_i   (rd_data),
    .busy_o      (post_busy),
    .p_hold_o    (p_hold),
    .defer_o     (post_defer),
    .done_o      (post_done)
  );

  // ---- bus master: the post unit first (it holds a finished pixel-tile), else the generator ------
  // Each read carries a tag (1: the post unit's residual) so that interleaved responses find their owner.
  // Planes the post unit may defer (its pixel-tile already reported done) wait for a cycle without a
  // generator read, so that they fill the generator's gaps instead of stalling the array.
  logic          bus_req, bus_we, bus_ack, bus_stall;
  logic [OW-1:0] bus_addr;
  logic [3:0]    bus_be;
  logic [31:0]   bus_wdata;

  assign post_sel  = post_req && !(post_defer && gen_req);
  assign bus_req   = post_req || gen_req;
  assign bus_addr  = post_sel ? post_addr : gen_addr;
  assign bus_we    = post_sel && post_we;
  assign bus_be    = post_be;
  assign bus_wdata = post_wdata;
  assign post_ack  = post_sel && bus_ack;
  assign gen_ack   = !post_sel && bus_ack;

  st_accel_bus #(
    .RamBase (RamBase),
    .MaxOut  (FifoDepth)
  ) u_bus (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .req_i         (bus_req && !flush),
    .req_addr_i    (bus_addr),
    .req_we_i      (bus_we),
    .req_be_i      (bus_be),
    .req_wdata_i   (bus_wdata),
    .req_tag_i     (post_sel),
    .ack_o         (bus_ack),
    .rd_valid_o    (rd_valid),
    .rd_tag_o      (rd_tag),
    .rd_data_o     (rd_data),
    .err_o         (bus_err),
    .idle_o        (bus_idle),
    .stall_o       (bus_stall),
    .m_req_valid_o (m_req_valid_o),
    .m_req_ready_i (m_req_ready_i),
    .m_req_addr_o  (m_req_addr_o),
    .m_req_we_o    (m_req_we_o),
    .m_req_be_o    (m_req_be_o),
    .m_req_wdata_o (m_req_wdata_o),
    .m_rsp_valid_i (m_rsp_valid_i),
    .m_rsp_rdata_i (m_rsp_rdata_i),
    .m_rsp_err_i   (m_rsp_err_i)
  );

  assign stall = busy && (bus_stall || starve);

  // ---- elaboration checks (simulation and lint; Yosys 0.23 reads no assertions) -----------------
`ifndef SYNTHESIS
  initial begin
    assert (NumPe == 8 || NumPe == 16 || NumPe == 32) else $error("NumPe must be 8, 16 or 32");
    assert (SimdWidth == 8 || SimdWidth == 16 || SimdWidth == 32) else $error("SimdWidth must be 8, 16 or 32");
    assert (RamSize <= 32'h40000) else $error("RamSize above 256 KiB: widen st_accel_pkg::OW");
    assert (RamBase[1:0] == 2'b00) else $error("RamBase must be word aligned");
    assert (WbufDepth <= 4096 && PbufWords <= 4096) else $error("buffers above the entry index width");
    assert ($bits(st_accel_pkg::tok_t) == TW) else $error("st_accel_pkg::TOK_W is stale");
    // the BYTES zero-plane skip reads the stage's flags when the last of 9 transposes is issued: the
    // window's gather tokens must have left the token queue by then (st_accel_gen)
    assert (FifoDepth <= 8) else $error("FifoDepth above 8: the BYTES zero-plane skip would read the flags early");
  end

  // ... and at run time: no gather token may still be queued when the generator reads the flags
  int unsigned gath_q;  // gather tokens in the token queue
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      gath_q <= 0;
    end else if (flush) begin
      gath_q <= 0;
    end else begin
      assert (!(nz_rd && (gath_q != 0)))
        else $error("st_accel_top: the generator reads the BYTES plane flags with %0d gather token(s) queued",
                    gath_q);
      gath_q <= gath_q + 32'(tok_push && (tok_in.kind == st_accel_pkg::TokGather))
                       - 32'(tok_pop && (tok_out.kind == st_accel_pkg::TokGather));
    end
  end
`endif

  logic unused;
  assign unused = ^{data_full, w1_unused};

endmodule
