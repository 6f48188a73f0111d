// SPDX-License-Identifier: Apache-2.0
// st_soc_top.sv - the st-accel SoC: RV32IM core, interconnect, 128 KiB RAM, boot ROM, peripherals, accelerator.
//
// Masters: the core's instruction port (0, reaches RAM and boot ROM), its data port (1, everything), the
// accelerator's DMA port (2, RAM only; only with ST_SOC_ACCEL).
// Slaves, decoded from the register map (rtl/regs/st_regs.def via st_regs_pkg):
//   0 RAM bank 0 (0x0000_0000, 64 KiB)   1 RAM bank 1 (0x0001_0000, 64 KiB)   2 boot ROM
//   3 UART   4 TIMER   5 SIMCTRL   6 GPIO   7 ACCEL registers, or the COP block with ST_SOC_COP
//   8 SPI flash master   9 default: rsp_err
// Interrupts: timer -> machine timer interrupt; accelerator irq | SIMCTRL.IRQ.EXT -> machine external.
// Which accelerator, if any (rtl/soc/soc.mk chooses; at most one of the two defines):
//   ST_SOC_ACCEL  the full accelerator st_accel_top (rtl/soc/soc.mk defines it once rtl/accel/st_accel_top.sv
//                 exists): slave 7 is its register block ACCEL, master 2 its DMA port, its irq.
//   ST_SOC_COP    the coprocessor st_cop (rtl/cop/, SOC_COP=1; the UP5K build's accelerator): slave 7
//                 decodes the COP block (COP_BASE, COP_SIZE) instead of ACCEL, which then is not decoded
//                 and answers rsp_err through the default slave; two masters (st_cop is a plain slave,
//                 no DMA), no accelerator interrupt. Geometry: CopNumPe x 32, CopWbufDepth weight words
//                 per PE.
//   neither       the CPU-only SoC: the ACCEL block answers rsp_err, two masters.
// Both defines together stop the elaboration ($error).
// The sim_* outputs serve the simulator (sim/soc/); a board top leaves them open.

module st_soc_top #(
  parameter logic [31:0] ResetVector  = st_regs_pkg::RAM_BASE,  // simulation: firmware preloaded in RAM
  parameter int          BootRomWords = 256,
  parameter              BootRomFile  = "",
  parameter int          AccelNumPe   = 8,    // the accelerator's output channels in parallel (st_accel_top NumPe)
  parameter int          AccelSimd    = 32,   // its input bits per PE per cycle (SimdWidth)
  parameter int          CopNumPe     = 4,    // the coprocessor's PEs (st_cop NumPe; ST_SOC_COP only)
  parameter int          CopWbufDepth = 512   // its weight words per PE (st_cop WbufDepth)
) (
  input  logic        clk_i,
  input  logic        rst_ni,  // asynchronous assertion, synchronous de-assertion (the board top syncs it)

  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  output logic [1:0]  led_o,
  input  logic        btn_i,

  // SPI flash (st_soc_spi, the boot path; the simulator models the flash: sim/soc/st_sim_flash.cpp)
  output logic        spi_sck_o,
  output logic        spi_cs_no,
  output logic        spi_mosi_o,
  input  logic        spi_miso_i,

  output logic        sim_exit_o,       // SIMCTRL.EXIT written this cycle
  output logic [31:0] sim_exit_code_o,
  output logic        sim_putc_o,       // SIMCTRL.PUTC written this cycle
  output logic [7:0]  sim_putc_char_o,
  output logic [15:0] sim_uart_div_o,   // UART bit period minus one, to decode uart_tx_o
  output logic [31:0] sim_retired_o,    // instructions retired by the core
  output logic [31:0] sim_pc_o          // pc of the instruction in the core's E stage (+profile)
);

`ifdef ST_SOC_ACCEL
`ifdef ST_SOC_COP
  $error("st_soc_top: ST_SOC_ACCEL and ST_SOC_COP are exclusive: build the SoC with one accelerator (rtl/soc/soc.mk: SOC_COP)");
`endif
`endif

  // Without the accelerator its DMA master does not exist: a crossbar port tied off would still cost
  // logic wherever the synthesis keeps the hierarchy (and in the interconnect's decode of its address).
`ifdef ST_SOC_ACCEL
  localparam int NM = 3;
  localparam logic [NM-1:0] FIXED_PRIO = 3'b010;  // the core's data port
  localparam logic [NM-1:0] WRITERS    = 3'b110;  // all but the instruction port
  localparam int            MAX_OUT    = 7;       // the DMA streams
`else
  localparam int NM = 2;
  localparam logic [NM-1:0] FIXED_PRIO = 2'b10;
  localparam logic [NM-1:0] WRITERS    = 2'b10;
  localparam int            MAX_OUT    = 2;       // the core: two fetches, one load / store
`endif
  localparam int NS = 10;

  localparam logic [31:0] RAM_BANK_SIZE = st_regs_pkg::RAM_SIZE / 2;

  // Slave 7: the accelerator's register block, or the coprocessor's block instead.
`ifdef ST_SOC_COP
  localparam logic [31:0] SLOT7_BASE = st_regs_pkg::COP_BASE;
  localparam logic [31:0] SLOT7_SIZE = st_regs_pkg::COP_SIZE;
`else
  localparam logic [31:0] SLOT7_BASE = st_regs_pkg::ACCEL_BASE;
  localparam logic [31:0] SLOT7_SIZE = st_regs_pkg::ACCEL_SIZE;
`endif

  // Slave s at bits 32s+31:32s; the last slave (default) has no rule.
  localparam logic [NS*32-1:0] SLAVE_BASE = {
    32'h0,
    st_regs_pkg::SPI_BASE,
    SLOT7_BASE,
    st_regs_pkg::GPIO_BASE,
    st_regs_pkg::SIMCTRL_BASE,
    st_regs_pkg::TIMER_BASE,
    st_regs_pkg::UART_BASE,
    st_regs_pkg::BOOTROM_BASE,
    st_regs_pkg::RAM_BASE + RAM_BANK_SIZE,
    st_regs_pkg::RAM_BASE
  };
  localparam logic [NS*32-1:0] SLAVE_MASK = {
    32'h0,
    ~(st_regs_pkg::SPI_SIZE - 32'd1),
    ~(SLOT7_SIZE - 32'd1),
    ~(st_regs_pkg::GPIO_SIZE - 32'd1),
    ~(st_regs_pkg::SIMCTRL_SIZE - 32'd1),
    ~(st_regs_pkg::TIMER_SIZE - 32'd1),
    ~(st_regs_pkg::UART_SIZE - 32'd1),
    ~(st_regs_pkg::BOOTROM_SIZE - 32'd1),
    ~(RAM_BANK_SIZE - 32'd1),
    ~(RAM_BANK_SIZE - 32'd1)
  };

  // Which slaves each master reaches (bit s); anything else answers rsp_err. Instruction fetch: RAM and the
  // boot ROM. The accelerator's DMA: RAM only. The core's data port: everything.
  localparam logic [NS-1:0] IBUS_REACH = 10'b10_0000_0111;
  localparam logic [NS-1:0] DBUS_REACH = 10'b11_1111_1111;
  localparam logic [NS-1:0] DMA_REACH  = 10'b10_0000_0011;

  // ---- Bus wires ------------------------------------------------------------------------------------
  logic [NM-1:0]    m_req_valid, m_req_ready, m_req_we, m_rsp_valid, m_rsp_err;
  logic [NM*32-1:0] m_req_addr, m_req_wdata, m_rsp_rdata;
  logic [NM*4-1:0]  m_req_be;
  logic [NS-1:0]    s_req_valid, s_req_ready, s_req_we, s_rsp_valid, s_rsp_err;
  logic [NS*32-1:0] s_req_addr, s_req_wdata, s_rsp_rdata;
  logic [NS*4-1:0]  s_req_be;

  // The core's ports, before their register slices (u_ibus_reg, u_dbus_reg)
  logic        ibus_req_valid, ibus_req_ready, ibus_req_we, ibus_rsp_valid, ibus_rsp_err;
  logic [31:0] ibus_req_addr, ibus_req_wdata, ibus_rsp_rdata;
  logic [3:0]  ibus_req_be;
  logic        dbus_req_valid, dbus_req_ready, dbus_req_we, dbus_rsp_valid, dbus_rsp_err;
  logic [31:0] dbus_req_addr, dbus_req_wdata, dbus_rsp_rdata;
  logic [3:0]  dbus_req_be;

  logic [63:0] mtime;
  logic        irq_timer, irq_accel, irq_sim;

  // ---- CPU --------------------------------------------------------------------------------------------
  st_cpu_core #(
    .ResetVector (ResetVector)
  ) u_cpu (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .ibus_req_valid_o (ibus_req_valid),
    .ibus_req_ready_i (ibus_req_ready),
    .ibus_req_addr_o  (ibus_req_addr),
    .ibus_req_we_o    (ibus_req_we),
    .ibus_req_be_o    (ibus_req_be),
    .ibus_req_wdata_o (ibus_req_wdata),
    .ibus_rsp_valid_i (ibus_rsp_valid),
    .ibus_rsp_rdata_i (ibus_rsp_rdata),
    .ibus_rsp_err_i   (ibus_rsp_err),
    .dbus_req_valid_o (dbus_req_valid),
    .dbus_req_ready_i (dbus_req_ready),
    .dbus_req_addr_o  (dbus_req_addr),
    .dbus_req_we_o    (dbus_req_we),
    .dbus_req_be_o    (dbus_req_be),
    .dbus_req_wdata_o (dbus_req_wdata),
    .dbus_rsp_valid_i (dbus_rsp_valid),
    .dbus_rsp_rdata_i (dbus_rsp_rdata),
    .dbus_rsp_err_i   (dbus_rsp_err),
    .irq_timer_i      (irq_timer),
    .irq_ext_i        (irq_accel | irq_sim),
    .mtime_i          (mtime),
    .retired_o        (sim_retired_o),
    .pc_o             (sim_pc_o)
  );

  // Register slices between the core and the interconnect (timing: docs/fpga.md §5). The data port's
  // request is registered: the core's address comes from its adder late in the cycle, and the slave
  // decode, the RAM bank's arbitration and req_ready back into the core's state machine would follow it in
  // the same cycle (a load or store costs one cycle more). The instruction port's response is registered:
  // the SPRAM's data arrives late, and the decode and the register-file read address would follow it (one
  // cycle more after every jump). The accelerator's DMA goes straight in.
  st_soc_bus_reg #(
    .ReqReg (1'b0),
    .RspReg (1'b1)
  ) u_ibus_reg (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .m_req_valid_i (ibus_req_valid),
    .m_req_ready_o (ibus_req_ready),
    .m_req_addr_i  (ibus_req_addr),
    .m_req_we_i    (ibus_req_we),
    .m_req_be_i    (ibus_req_be),
    .m_req_wdata_i (ibus_req_wdata),
    .m_rsp_valid_o (ibus_rsp_valid),
    .m_rsp_rdata_o (ibus_rsp_rdata),
    .m_rsp_err_o   (ibus_rsp_err),
    .s_req_valid_o (m_req_valid[0]),
    .s_req_ready_i (m_req_ready[0]),
    .s_req_addr_o  (m_req_addr[0*32 +: 32]),
    .s_req_we_o    (m_req_we[0]),
    .s_req_be_o    (m_req_be[0*4 +: 4]),
    .s_req_wdata_o (m_req_wdata[0*32 +: 32]),
    .s_rsp_valid_i (m_rsp_valid[0]),
    .s_rsp_rdata_i (m_rsp_rdata[0*32 +: 32]),
    .s_rsp_err_i   (m_rsp_err[0])
  );

  st_soc_bus_reg #(
    .ReqReg  (1'b1),
    .RspReg  (1'b0),
    .ReqHold (1'b1)  // a load / store waits in E for its response with its operands unchanged
  ) u_dbus_reg (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .m_req_valid_i (dbus_req_valid),
    .m_req_ready_o (dbus_req_ready),
    .m_req_addr_i  (dbus_req_addr),
    .m_req_we_i    (dbus_req_we),
    .m_req_be_i    (dbus_req_be),
    .m_req_wdata_i (dbus_req_wdata),
    .m_rsp_valid_o (dbus_rsp_valid),
    .m_rsp_rdata_o (dbus_rsp_rdata),
    .m_rsp_err_o   (dbus_rsp_err),
    .s_req_valid_o (m_req_valid[1]),
    .s_req_ready_i (m_req_ready[1]),
    .s_req_addr_o  (m_req_addr[1*32 +: 32]),
    .s_req_we_o    (m_req_we[1]),
    .s_req_be_o    (m_req_be[1*4 +: 4]),
    .s_req_wdata_o (m_req_wdata[1*32 +: 32]),
    .s_rsp_valid_i (m_rsp_valid[1]),
    .s_rsp_rdata_i (m_rsp_rdata[1*32 +: 32]),
    .s_rsp_err_i   (m_rsp_err[1])
  );

  // ---- Interconnect ---------------------------------------------------------------------------------
  st_soc_xbar #(
    .NumMasters (NM),
    .NumSlaves  (NS),
    .SlaveBase  (SLAVE_BASE),
    .SlaveMask  (SLAVE_MASK),
`ifdef ST_SOC_ACCEL
    .Connect    ({DMA_REACH, DBUS_REACH, IBUS_REACH}),
`else
    .Connect    ({DBUS_REACH, IBUS_REACH}),
`endif
    .FixedPrio  (FIXED_PRIO),
    .Writers    (WRITERS),
    .FifoDepth  (2),  // every slave shared by several masters answers in one cycle: two entries keep up
    .MaxOutstanding (MAX_OUT)
  ) u_xbar (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .m_req_valid_i (m_req_valid),
    .m_req_ready_o (m_req_ready),
    .m_req_addr_i  (m_req_addr),
    .m_req_we_i    (m_req_we),
    .m_req_be_i    (m_req_be),
    .m_req_wdata_i (m_req_wdata),
    .m_rsp_valid_o (m_rsp_valid),
    .m_rsp_rdata_o (m_rsp_rdata),
    .m_rsp_err_o   (m_rsp_err),
    .s_req_valid_o (s_req_valid),
    .s_req_ready_i (s_req_ready),
    .s_req_addr_o  (s_req_addr),
    .s_req_we_o    (s_req_we),
    .s_req_be_o    (s_req_be),
    .s_req_wdata_o (s_req_wdata),
    .s_rsp_valid_i (s_rsp_valid),
    .s_rsp_rdata_i (s_rsp_rdata),
    .s_rsp_err_i   (s_rsp_err)
  );

  // ---- RAM: two banks of two SPRAM blocks ------------------------------------------------------------
  for (genvar b = 0; b < 2; b++) begin : gen_ram
    st_soc_ram #(
      .Bank (b)
    ) u_ram (
      .clk_i       (clk_i),
      .rst_ni      (rst_ni),
      .req_valid_i (s_req_valid[b]),
      .req_ready_o (s_req_ready[b]),
      .req_addr_i  (s_req_addr[b*32 +: 32]),
      .req_we_i    (s_req_we[b]),
      .req_be_i    (s_req_be[b*4 +: 4]),
      .req_wdata_i (s_req_wdata[b*32 +: 32]),
      .rsp_valid_o (s_rsp_valid[b]),
      .rsp_rdata_o (s_rsp_rdata[b*32 +: 32]),
      .rsp_err_o   (s_rsp_err[b])
    );
  end

  // ---- Boot ROM ---------------------------------------------------------------------------------------
  st_soc_bootrom #(
    .Words    (BootRomWords),
    .InitFile (BootRomFile)
  ) u_bootrom (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[2]),
    .req_ready_o (s_req_ready[2]),
    .req_addr_i  (s_req_addr[2*32 +: 32]),
    .req_we_i    (s_req_we[2]),
    .req_be_i    (s_req_be[2*4 +: 4]),
    .req_wdata_i (s_req_wdata[2*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[2]),
    .rsp_rdata_o (s_rsp_rdata[2*32 +: 32]),
    .rsp_err_o   (s_rsp_err[2])
  );

  // ---- Peripherals --------------------------------------------------------------------------------
  st_soc_uart u_uart (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[3]),
    .req_ready_o (s_req_ready[3]),
    .req_addr_i  (s_req_addr[3*32 +: 32]),
    .req_we_i    (s_req_we[3]),
    .req_be_i    (s_req_be[3*4 +: 4]),
    .req_wdata_i (s_req_wdata[3*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[3]),
    .rsp_rdata_o (s_rsp_rdata[3*32 +: 32]),
    .rsp_err_o   (s_rsp_err[3]),
    .rx_i        (uart_rx_i),
    .tx_o        (uart_tx_o),
    .div_o       (sim_uart_div_o)
  );

  st_soc_timer u_timer (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[4]),
    .req_ready_o (s_req_ready[4]),
    .req_addr_i  (s_req_addr[4*32 +: 32]),
    .req_we_i    (s_req_we[4]),
    .req_be_i    (s_req_be[4*4 +: 4]),
    .req_wdata_i (s_req_wdata[4*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[4]),
    .rsp_rdata_o (s_rsp_rdata[4*32 +: 32]),
    .rsp_err_o   (s_rsp_err[4]),
    .mtime_o     (mtime),
    .irq_o       (irq_timer)
  );

  st_soc_simctrl u_simctrl (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[5]),
    .req_ready_o (s_req_ready[5]),
    .req_addr_i  (s_req_addr[5*32 +: 32]),
    .req_we_i    (s_req_we[5]),
    .req_be_i    (s_req_be[5*4 +: 4]),
    .req_wdata_i (s_req_wdata[5*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[5]),
    .rsp_rdata_o (s_rsp_rdata[5*32 +: 32]),
    .rsp_err_o   (s_rsp_err[5]),
    .exit_o      (sim_exit_o),
    .exit_code_o (sim_exit_code_o),
    .putc_o      (sim_putc_o),
    .putc_char_o (sim_putc_char_o),
    .irq_ext_o   (irq_sim)
  );

  st_soc_gpio u_gpio (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[6]),
    .req_ready_o (s_req_ready[6]),
    .req_addr_i  (s_req_addr[6*32 +: 32]),
    .req_we_i    (s_req_we[6]),
    .req_be_i    (s_req_be[6*4 +: 4]),
    .req_wdata_i (s_req_wdata[6*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[6]),
    .rsp_rdata_o (s_rsp_rdata[6*32 +: 32]),
    .rsp_err_o   (s_rsp_err[6]),
    .led_o       (led_o),
    .btn_i       (btn_i)
  );

  // ---- Accelerator ----------------------------------------------------------------------------------
`ifdef ST_SOC_ACCEL
  st_accel_top #(
    .NumPe     (AccelNumPe),
    .SimdWidth (AccelSimd)
  ) u_accel (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .s_req_valid_i (s_req_valid[7]),
    .s_req_ready_o (s_req_ready[7]),
    .s_req_addr_i  (s_req_addr[7*32 +: 32]),
    .s_req_we_i    (s_req_we[7]),
    .s_req_be_i    (s_req_be[7*4 +: 4]),
    .s_req_wdata_i (s_req_wdata[7*32 +: 32]),
    .s_rsp_valid_o (s_rsp_valid[7]),
    .s_rsp_rdata_o (s_rsp_rdata[7*32 +: 32]),
    .s_rsp_err_o   (s_rsp_err[7]),
    .m_req_valid_o (m_req_valid[2]),
    .m_req_ready_i (m_req_ready[2]),
    .m_req_addr_o  (m_req_addr[2*32 +: 32]),
    .m_req_we_o    (m_req_we[2]),
    .m_req_be_o    (m_req_be[2*4 +: 4]),
    .m_req_wdata_o (m_req_wdata[2*32 +: 32]),
    .m_rsp_valid_i (m_rsp_valid[2]),
    .m_rsp_rdata_i (m_rsp_rdata[2*32 +: 32]),
    .m_rsp_err_i   (m_rsp_err[2]),
    .irq_o         (irq_accel)
  );
`elsif ST_SOC_COP
  // The coprocessor: a plain slave (no DMA master, no interrupt).
  st_cop #(
    .NumPe     (CopNumPe),
    .WbufDepth (CopWbufDepth)
  ) u_cop (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[7]),
    .req_ready_o (s_req_ready[7]),
    .req_addr_i  (s_req_addr[7*32 +: 32]),
    .req_we_i    (s_req_we[7]),
    .req_be_i    (s_req_be[7*4 +: 4]),
    .req_wdata_i (s_req_wdata[7*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[7]),
    .rsp_rdata_o (s_rsp_rdata[7*32 +: 32]),
    .rsp_err_o   (s_rsp_err[7])
  );
  assign irq_accel = 1'b0;
  logic unused_dma_reach;
  assign unused_dma_reach = ^DMA_REACH;
`else
  st_soc_err_slave u_accel_stub (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[7]),
    .req_ready_o (s_req_ready[7]),
    .req_addr_i  (s_req_addr[7*32 +: 32]),
    .req_we_i    (s_req_we[7]),
    .req_be_i    (s_req_be[7*4 +: 4]),
    .req_wdata_i (s_req_wdata[7*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[7]),
    .rsp_rdata_o (s_rsp_rdata[7*32 +: 32]),
    .rsp_err_o   (s_rsp_err[7])
  );
  assign irq_accel = 1'b0;
  logic unused_dma_reach;
  assign unused_dma_reach = ^DMA_REACH;
`endif

  // ---- SPI flash master (slave 8): the boot ROM loads the application through it -----------------------
  st_soc_spi u_spi (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[8]),
    .req_ready_o (s_req_ready[8]),
    .req_addr_i  (s_req_addr[8*32 +: 32]),
    .req_we_i    (s_req_we[8]),
    .req_be_i    (s_req_be[8*4 +: 4]),
    .req_wdata_i (s_req_wdata[8*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[8]),
    .rsp_rdata_o (s_rsp_rdata[8*32 +: 32]),
    .rsp_err_o   (s_rsp_err[8]),
    .spi_sck_o   (spi_sck_o),
    .spi_cs_no   (spi_cs_no),
    .spi_mosi_o  (spi_mosi_o),
    .spi_miso_i  (spi_miso_i)
  );

  // ---- Default slave: unmapped addresses -----------------------------------------------------------------
  st_soc_err_slave u_default (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_valid_i (s_req_valid[9]),
    .req_ready_o (s_req_ready[9]),
    .req_addr_i  (s_req_addr[9*32 +: 32]),
    .req_we_i    (s_req_we[9]),
    .req_be_i    (s_req_be[9*4 +: 4]),
    .req_wdata_i (s_req_wdata[9*32 +: 32]),
    .rsp_valid_o (s_rsp_valid[9]),
    .rsp_rdata_o (s_rsp_rdata[9*32 +: 32]),
    .rsp_err_o   (s_rsp_err[9])
  );

endmodule
