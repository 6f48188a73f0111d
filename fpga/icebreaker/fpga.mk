# SPDX-License-Identifier: Apache-2.0
# fpga/icebreaker/fpga.mk - the iCEBreaker flow: `make fpga` (bitstream + resource / timing report),
# `make prog`, `make prog-app APP=...`, `make upload APP=...`, the PE x SIMD sweep, the estimates for other
# FPGA families, and suite `fpga`. Board clock FPGA_MHZ and the boot ROM: firmware/boot/boot.mk.
# docs/fpga.md explains the flow and lists its numbers.

# FPGA_ACCEL: cop (the default, the board's build) the SoC with the coprocessor (rtl/cop/st_cop.sv,
# FPGA_COP_PE x 32, FPGA_COP_WBUF weight words per PE), built in $(BUILD)/fpga-cop; 1 the SoC with the
# descriptor accelerator (FPGA_PE x FPGA_SIMD; it does not fit the UP5K), 0 the CPU-only SoC, both in
# $(BUILD)/fpga. The report is $(FPGA_REPORT) in every case.
FPGA_ACCEL  ?= cop
FPGA_PE     ?= 8
FPGA_SIMD   ?= 32
FPGA_COP_PE ?= 4
FPGA_COP_WBUF ?= 512
FPGA_SEED   ?= 1
FPGA_PORT   ?= /dev/ttyUSB1
HELP_VARS   += FPGA_ACCEL FPGA_PE FPGA_SIMD FPGA_COP_PE FPGA_COP_WBUF FPGA_SEED FPGA_PORT
fpga_cop     = $(filter cop,$(FPGA_ACCEL))

FPGA_DIR    := $(BUILD)/fpga$(if $(fpga_cop),-cop)
FPGA_BIN    := $(FPGA_DIR)/st_fpga.bin
FPGA_REPORT := $(BUILD)/bench/fpga.json

# The SoC's RTL (rtl/soc/soc.mk) without the accelerator when FPGA_ACCEL=0, with the coprocessor instead
# when FPGA_ACCEL=cop, and the board top. The PE count and SIMD width the flow passes and reports: the
# coprocessor's with cop (its SIMD is 32).
FPGA_SOC_RTL = $(if $(fpga_cop),$(SOC_COP_ALL_RTL),$(if $(filter 1,$(FPGA_ACCEL)),$(SOC_ACCEL_ALL_RTL),$(filter-out rtl/accel/%,$(SOC_ACCEL_ALL_RTL))))
FPGA_RTL = $(FPGA_SOC_RTL) fpga/icebreaker/st_fpga_top.sv
FPGA_PE_USED   = $(if $(fpga_cop),$(FPGA_COP_PE),$(FPGA_PE))
FPGA_SIMD_USED = $(if $(fpga_cop),32,$(FPGA_SIMD))
FPGA_FLOW = fpga/icebreaker/fpga_flow.sh -m $(FPGA_MHZ) -p $(FPGA_PE_USED) -s $(FPGA_SIMD_USED) -a $(FPGA_ACCEL)$(if $(fpga_cop), -d $(FPGA_COP_WBUF)) \
            -b $(abspath $(BOOT_HEX)) -w $(BOOT_ROM_WORDS) -r $(FPGA_SEED)

# Rebuild when the configuration changes, not only the sources.
FPGA_CFG_LINE = mhz=$(FPGA_MHZ) accel=$(FPGA_ACCEL) pe=$(FPGA_PE_USED) simd=$(FPGA_SIMD_USED) seed=$(FPGA_SEED)$(if $(fpga_cop), wbuf=$(FPGA_COP_WBUF))
$(FPGA_DIR)/fpga.cfg: boot-cfg-force
	@mkdir -p $(@D)
	@echo '$(FPGA_CFG_LINE)' | cmp -s - $@ || echo '$(FPGA_CFG_LINE)' > $@

HELP_TARGETS += "fpga|bitstream for the iCEBreaker ($(FPGA_BIN)); LC/EBR/SPRAM/DSP/Fmax -> $(FPGA_REPORT); fails if it does not fit or misses FPGA_MHZ (FPGA_ACCEL=1, 0 or cop)" \
                "prog|flash the bitstream with iceprog (offset 0)" \
                "prog-app|flash APP=app.elf (default: BOARD_APP of RUN_MODEL built for the board's UART) as a boot image at BOOT_FLASH_OFFSET" \
                "upload|send APP=app.elf to the boot ROM over the UART (FPGA_PORT), no flash write" \
                "fpga-sweep|synthesise PE x SIMD smallest first (skipping any that contain one over 5,280 LUT4), place and route from the largest down: the largest that fits" \
                "fpga-estimate|yosys synth_xilinx / synth_ecp5 resource estimates of a large configuration" \
                "test-fpga|suite fpga (in make test): the report and latency logic on canned logs, the pins against the top" \
                "test-fpga-flow|the real flow: make fpga must fit the UP5K, meet FPGA_MHZ and write the bitstream (FPGA_ACCEL=1: fails, the accelerator does not fit; 0 and cop pass)" \
                "test-fpga-flow-cop|suite fpga-flow-cop (in make test): test-fpga-flow for the board's build (FPGA_ACCEL=cop)"
TEST_SUITES += fpga fpga-flow-cop

.PHONY: fpga prog prog-app upload fpga-sweep fpga-estimate test-fpga test-fpga-flow test-fpga-flow-cop

$(FPGA_BIN): $$(FPGA_RTL) $(BOOT_HEX) fpga/icebreaker/icebreaker.pcf fpga/icebreaker/fpga_flow.sh \
             fpga/icebreaker/fpga_report.sh $(FPGA_DIR)/fpga.cfg
	$(Q)$(FPGA_FLOW) -o $(FPGA_DIR) -j $(FPGA_REPORT) -- $(FPGA_RTL)

fpga: $(FPGA_BIN)
	$(Q)cat $(FPGA_DIR)/summary.txt 2>/dev/null || true

prog: $(FPGA_BIN)
	iceprog $(FPGA_BIN)

# Applications for the board: the same build in $(BOARD_BUILD) with the UART divisor of the board clock
# (the simulator's builds use UART_DIV=0, one clock per bit). APP=path/to/app.elf uses that file as it is
# (build it with UART_DIV=$(BOARD_UART_DIV) yourself); BOARD_APP names one of firmware/apps/ (default: the
# one for FPGA_ACCEL's SoC: cop with the coprocessor, infer with the accelerator, swref on the CPU alone).
BOARD_BUILD    := $(BUILD)/board
BOARD_APP      ?= $(if $(fpga_cop),cop,$(if $(filter 1,$(FPGA_ACCEL)),infer,swref))
BOARD_UART_DIV  = $(shell echo $$(( ($(FPGA_CLK_HZ) + $(BOOT_BAUD) / 2) / $(BOOT_BAUD) - 1 )))
HELP_VARS      += BOARD_APP
PROG_APP        = $(or $(APP),$(BOARD_BUILD)/apps/default/$(BOARD_APP).elf)

.PHONY: board-app
board-app:
	$(Q)$(if $(APP),true,$(MAKE) --no-print-directory BUILD=$(BOARD_BUILD) UART_DIV=$(BOARD_UART_DIV) \
	  $(BOARD_BUILD)/apps/default/$(BOARD_APP).elf)

prog-app: $(MKIMAGE) board-app
	@mkdir -p $(BOOT_DIR)
	$(Q)$(MKIMAGE) $(PROG_APP) -o $(BOOT_DIR)/prog-app.img
	$(Q)$(MKIMAGE) --info $(BOOT_DIR)/prog-app.img
	iceprog -o $$(( $(BOOT_FLASH_OFFSET) )) $(BOOT_DIR)/prog-app.img

upload: $(MKIMAGE) $(UPLOAD) board-app
	@mkdir -p $(BOOT_DIR)
	$(Q)$(MKIMAGE) $(PROG_APP) -o $(BOOT_DIR)/upload.img
	$(Q)$(UPLOAD) -p $(FPGA_PORT) --reset 'iceprog -t' --timeout 0 $(BOOT_DIR)/upload.img

# ---- The PE x SIMD sweep and the estimates for other families (separate targets: tens of minutes) --------
FPGA_EST_PE   ?= 32
FPGA_EST_SIMD ?= 32
HELP_VARS     += FPGA_EST_PE FPGA_EST_SIMD
fpga-sweep: $(BOOT_HEX)
	$(Q)fpga/icebreaker/fpga_sweep.sh $(FPGA_DIR)/sweep $(BUILD)/bench/fpga_sweep.json \
	  "-m $(FPGA_MHZ) -a 1 -b $(abspath $(BOOT_HEX)) -w $(BOOT_ROM_WORDS) -r $(FPGA_SEED)" -- $(SOC_ACCEL_ALL_RTL) \
	  fpga/icebreaker/st_fpga_top.sv

# The estimates are of the SoC with the descriptor accelerator (what a larger FPGA holds), unless
# FPGA_ACCEL=0 asks for the CPU-only SoC.
fpga-estimate:
	$(Q)fpga/icebreaker/fpga_estimate.sh $(FPGA_DIR)/estimate $(BUILD)/bench/fpga_estimate.json $(FPGA_EST_PE) \
	  $(FPGA_EST_SIMD) $(if $(filter 0,$(FPGA_ACCEL)),0,1) -- $(SOC_ACCEL_ALL_RTL)

HELP_TARGETS += "fpga-blocks|LUT4 / FF / EBR / DSP per block of the SoC (synth_ice40, blocks kept, interconnect flattened into the top): where the logic goes"
.PHONY: fpga-blocks
fpga-blocks: $(BOOT_HEX)
	$(Q)fpga/icebreaker/fpga_blocks.sh $(FPGA_DIR)/blocks $(FPGA_PE_USED) $(FPGA_SIMD_USED) $(FPGA_ACCEL) $(abspath $(BOOT_HEX)) \
	  $(BOOT_ROM_WORDS) -- $(FPGA_SOC_RTL)

HELP_TARGETS += "fpga-latency|ms per inference of each shipped model at the board clock (cycles from make bench and make bench-cop)"
.PHONY: fpga-latency
fpga-latency:
	$(Q)fpga/icebreaker/fpga_latency.sh $(BUILD)/bench/e2e.json $(FPGA_REPORT) $(FPGA_MHZ) $(BUILD)/bench/cop.json

# Suite fpga checks the flow's logic on canned logs; test-fpga-flow runs the real flow (suite fpga-flow-cop
# for the board's build; with FPGA_ACCEL=1 it fails by design: that SoC does not fit, docs/fpga.md §5).
test-fpga:
	$(Q)fpga/icebreaker/test_fpga.sh $(BUILD)/test-fpga "" "" ""

test-fpga-flow:
	$(Q)fpga/icebreaker/test_fpga.sh $(BUILD)/test-fpga-flow "$(MAKE) --no-print-directory fpga" $(FPGA_REPORT) $(FPGA_BIN)

# The board's build through the real flow in make test (about 2 minutes: Yosys 14 s, nextpnr 95 s here).
test-fpga-flow-cop:
	$(Q)$(MAKE) --no-print-directory test-fpga-flow FPGA_ACCEL=cop
