# SPDX-License-Identifier: Apache-2.0
# fpga/icebreaker/gate.mk - `make test-gate`: the Yosys netlist of the board's SoC (synth_ice40, the cells
# the bitstream is made of) simulated with Yosys's iCE40 cell models in Verilator, booting an application
# from the SPI-flash model and running one inference; its UART transcript must equal the RTL boot
# simulator's, byte for byte (cycle counts included). A separate target (not in `make test`): from a clean
# build it took 11 to 24 minutes here, depending on the machine's load (docs/fpga.md §6).
#
# The netlist is st_soc_top with the board's parameters (reset vector and boot ROM, FPGA_PE x FPGA_SIMD),
# synthesised exactly as in the flow; the PLL and pads of st_fpga_top are not in it (the simulator drives
# the SoC's clock and pins directly), and the simulation outputs (SIMCTRL) are kept.
# FPGA_ACCEL=cop: the SoC with the coprocessor (FPGA_COP_PE, FPGA_COP_WBUF; the board's build) in
# $(BUILD)/gate-cop, running the cop application (one sample, no CPU-alone layer table) instead of infer,
# which needs the descriptor accelerator; the RTL boot simulator it is compared with must be the same SoC:
# pass SOC_COP=1 as well (rtl/soc/soc.mk).

GATE_DIR      := $(BUILD)/gate$(if $(fpga_cop),-cop)
GATE_NETLIST  := $(GATE_DIR)/st_soc_gate.v
GATE_SIM      := $(GATE_DIR)/st_soc_gate_sim
GATE_APP_DIR  := $(GATE_DIR)/app
# the model's name for the test folder (RUN_MODEL comes from mk/run.mk, read after this file)
GATE_MODEL     = $(notdir $(basename $(RUN_MODEL)))
GATE_APP      := $(if $(fpga_cop),cop,infer)
GATE_APP_ELF  := $(GATE_APP_DIR)/$(GATE_APP).elf
GATE_APP_IMG  := $(GATE_APP_DIR)/$(GATE_APP).img
# the cop app at gate level: one inference with the coprocessor, checked against the golden model, and
# not the layer table of sample 0 on the CPU alone (which would double the run)
GATE_APP_CFLAGS_cop := -DST_COP_LAYERS=0 -DST_COP_SAMPLES=1u
YOSYS_DATDIR  ?= $(shell yosys-config --datdir 2>/dev/null || echo /usr/share/yosys)
GATE_TIMEOUT  ?= $(if $(fpga_cop),40000000,20000000)
HELP_VARS     += GATE_TIMEOUT

HELP_TARGETS += "test-gate|gate-level check: FPGA_ACCEL's SoC as a synth_ice40 netlist boots from flash and runs one inference of RUN_MODEL, same UART output as RTL (cop: ~6 min; 1: ~25 min)"

.PHONY: test-gate gate-sim

# The flow's RTL list (fpga.mk: FPGA_SOC_RTL), define and geometry for FPGA_ACCEL.
GATE_DEFINES  = $(if $(fpga_cop),-DST_SOC_COP,$(if $(filter 1,$(FPGA_ACCEL)),$(if $(SOC_FULL_ACCEL_RTL),-DST_SOC_ACCEL)))
GATE_GEOMETRY = $(if $(fpga_cop),-set CopNumPe $(FPGA_COP_PE) -set CopWbufDepth $(FPGA_COP_WBUF),-set AccelNumPe $(FPGA_PE) -set AccelSimd $(FPGA_SIMD))

$(GATE_NETLIST): $$(FPGA_SOC_RTL) $(BOOT_HEX) $(FPGA_DIR)/fpga.cfg
	@mkdir -p $(@D)
	@echo "gate: yosys synth_ice40 of st_soc_top (board parameters) -> $@"
	$(Q)yosys -q -l $(GATE_DIR)/synth.log -p "read_verilog -sv $(GATE_DEFINES) $(FPGA_SOC_RTL); \
	  chparam -set ResetVector 32'h00100000 -set BootRomWords $(BOOT_ROM_WORDS) -set BootRomFile \"$(abspath $(BOOT_HEX))\" \
	          $(GATE_GEOMETRY) st_soc_top; \
	  synth_ice40 -top st_soc_top -spram -dsp; write_verilog -noattr $@" >/dev/null

# Verilator on the netlist and the cell models; the same harness as the RTL simulators, without the RAM
# backdoor (the RAM is SB_SPRAM256KA models: it starts at zero, and only the boot ROM fills it).
$(GATE_SIM): $(GATE_NETLIST) $$(SOC_SIM_SRCS) $$(SOC_SIM_HDRS)
	@echo "gate: verilator on the netlist + $(YOSYS_DATDIR)/ice40/cells_sim.v -> $@"
	$(Q)$(VERILATOR) --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast --trace-fst \
	  -Wno-fatal -Wno-lint -Wno-style -Wno-MULTIDRIVEN -DNO_ICE40_DEFAULT_ASSIGNMENTS --top-module st_soc_top \
	  --Mdir $(GATE_DIR)/obj -o $(abspath $@) -MAKEFLAGS "OPT_FAST=-O1 OPT_GLOBAL=-O1" \
	  -CFLAGS "-std=c++17 -DST_SIM_NO_BACKDOOR $(if $(fpga_cop),-DST_SIM_COP,$(if $(filter 1,$(FPGA_ACCEL)),-DST_SIM_ACCEL))" \
	  $(GATE_NETLIST) $(YOSYS_DATDIR)/ice40/cells_sim.v $(abspath $(SOC_SIM_SRCS)) > $(GATE_DIR)/build.log 2>&1 \
	  || { tail -n 30 $(GATE_DIR)/build.log; exit 1; }

# The application: GATE_APP for RUN_MODEL with one sample (mk/run.mk builds the same with RUN_COUNT).
# image.cmd records the model and samples, so that another RUN_MODEL rebuilds the image.
$(GATE_APP_DIR)/image.cmd: apps-always
	@mkdir -p $(@D)
	@echo '$(RUN_MODEL) $(RUN_SAMPLES)' | cmp -s - $@ || echo '$(RUN_MODEL) $(RUN_SAMPLES)' > $@
$(GATE_APP_DIR)/image.c: $$(RUN_MODEL) $$(RUN_SAMPLES) $$(APPS_STC) $(GATE_APP_DIR)/image.cmd
	@mkdir -p $(@D)
	$(Q)$(APPS_STC) compile $(RUN_MODEL) -o $@ --quiet --samples $(RUN_SAMPLES) --count 1
$(GATE_APP_DIR)/image.o: $(GATE_APP_DIR)/image.c firmware/apps/st_app_image.h sim/golden/st_model.h
	$(Q)$(FW_CC) $(FW_CFLAGS) $(APP_INC) -c $< -o $@
$(GATE_APP_DIR)/$(GATE_APP).o: firmware/apps/$(GATE_APP)/$(GATE_APP).c $$(APP_HDRS) firmware/common/st_rt.h
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) $(APP_INC) $(GATE_APP_CFLAGS_$(GATE_APP)) -c $< -o $@
$(GATE_APP_ELF): $(GATE_APP_DIR)/$(GATE_APP).o $(GATE_APP_DIR)/image.o $$(call app_obj,$$(APP_SHARED_SRCS)) \
                 $$(FW_COMMON_OBJS) firmware/common/link.ld
	$(Q)$(FW_CC) $(FW_LDFLAGS) $(APP_LDFLAGS) $(APP_LDFLAGS_$(GATE_APP)) -o $@ $(filter %.o,$^)
$(GATE_APP_IMG): $(GATE_APP_ELF) $(MKIMAGE)
	$(Q)$(MKIMAGE) $< -o $@ >/dev/null

gate-sim: $(GATE_SIM)

# The RTL boot simulator must be the same SoC as the netlist. SOC_COP (rtl/soc/soc.mk, read after this file)
# chooses it when the makefiles are read, so for the coprocessor's netlist without SOC_COP=1 on the command
# line test-gate runs again with it.
ifneq ($(fpga_cop),)
ifneq ($(SOC_COP),1)
GATE_SOC_AGAIN := 1
endif
endif
ifeq ($(GATE_SOC_AGAIN),1)
test-gate:
	$(Q)$(MAKE) --no-print-directory test-gate SOC_COP=1
else
test-gate: $(GATE_SIM) $(BOOT_SIM) $(GATE_APP_IMG)
	@[ "$(if $(fpga_cop),cop)" = "$(if $(filter 1,$(SOC_COP)),cop)" ] \
	  || { echo "test-gate: SOC_COP=1 goes with FPGA_ACCEL=cop only (the netlist and the RTL boot simulator must be the same SoC)"; exit 2; }
	$(Q)fpga/icebreaker/test_gate.sh $(GATE_DIR)/test-$(GATE_MODEL) $(BOOT_SIM) $(GATE_SIM) $(GATE_APP_IMG) $(BOOT_FLASH_OFFSET) \
	  "$(BOOT_SIM_ARGS) +timeout=$(GATE_TIMEOUT)"
endif

# ---- Suite gate-cop (in make test): the board's SoC (with the coprocessor) at gate level, on the small
# models/first network, which has every encoding (BYTES first layer in MODE.BYTES, bipolar weights and
# codes, residual, 4-bit codes, GSUM, the output layer): boot from flash and one inference, the UART
# transcript equal to RTL's. About 4 M cycles at gate level; `make test-gate FPGA_ACCEL=cop SOC_COP=1` is
# the same on the default model (about 18 M).
GATE_COP_MODEL ?= models/first/first.stm
HELP_VARS      += GATE_COP_MODEL
HELP_TARGETS   += "test-gate-cop|suite gate-cop: the board's SoC (coprocessor) netlist boots and runs one GATE_COP_MODEL inference, same UART output as RTL (in make test)"
TEST_SUITES    += gate-cop
.PHONY: test-gate-cop
test-gate-cop:
	$(Q)$(MAKE) --no-print-directory test-gate FPGA_ACCEL=cop SOC_COP=1 RUN_MODEL=$(GATE_COP_MODEL) \
	  RUN_SAMPLES=$(basename $(GATE_COP_MODEL)).sti

# ---- The accelerator alone at gate level: its own testbench (sim/accel) on its synth_ice40 netlist --------
# Faster than test-gate (one module, no boot) and the accelerator's random sweep and directed suites find
# what differs between its RTL and its netlist. GATE_ACCEL_MODULE=st_accel_check keeps every other module
# as RTL and replaces only that one by its netlist, to find which module differs.
GATE_ACCEL_DIR    := $(BUILD)/gate-accel
GATE_ACCEL_MODULE ?=
GATE_ACCEL_ARGS   ?= sweep layers=50 chains=5
# 1: that module's RTL and netlist side by side, every netlist output compared each cycle (gate_accel.sh)
GATE_ACCEL_LOCKSTEP ?= 0
HELP_VARS         += GATE_ACCEL_MODULE GATE_ACCEL_ARGS GATE_ACCEL_LOCKSTEP
HELP_TARGETS      += "gate-accel-run|the accelerator's testbench (GATE_ACCEL_ARGS) on its synth_ice40 netlist (GATE_ACCEL_MODULE=one module only)" \
                     "test-gate-accel|suite gate-accel: random sweep + directed suites on the accelerator's netlist (in make test)"
TEST_SUITES       += gate-accel
.PHONY: gate-accel-run test-gate-accel
gate-accel-run: $$(ACCEL_SIM_LIB) $$(ACCEL_SIM_RTL) $$(ACCEL_SIM_CPP)
	$(Q)GATE_ACCEL_LOCKSTEP=$(GATE_ACCEL_LOCKSTEP) fpga/icebreaker/gate_accel.sh $(GATE_ACCEL_DIR)/$(or $(GATE_ACCEL_MODULE),all) "$(GATE_ACCEL_MODULE)" \
	  "$(ACCEL_PARAMS)" "$(GATE_ACCEL_ARGS) +seed=$(or $(SEED),1)" $(YOSYS_DATDIR)/ice40/cells_sim.v \
	  "$(ACCEL_SIM_CPP) $(ACCEL_SIM_LIB)" "$(ACCEL_TEST_INC)" -- $(ACCEL_SIM_RTL)

# Suite gate-accel (in make test, about 4 minutes): the whole accelerator as a netlist, its random sweep and
# its directed suites; the sum of both results.
test-gate-accel:
	@mkdir -p $(GATE_ACCEL_DIR)
	$(Q)$(MAKE) --no-print-directory gate-accel-run GATE_ACCEL_MODULE= \
	  GATE_ACCEL_ARGS='sweep layers=30 chains=3' > $(GATE_ACCEL_DIR)/suite-sweep.log 2>&1; \
	  $(GATE_ACCEL_DIR)/all/accel_sim directed +seed=$(or $(SEED),1) > $(GATE_ACCEL_DIR)/suite-directed.log 2>&1; \
	  p=0; f=0; for l in sweep directed; do \
	    line=$$(grep -E '[0-9]+ passed, [0-9]+ failed' $(GATE_ACCEL_DIR)/suite-$$l.log | tail -n 1); \
	    [ -n "$$line" ] || line="no result: 0 passed, 1 failed"; echo "gate-accel $$l: $$line"; \
	    p=$$((p + $$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$$line"))); f=$$((f + $$(sed -E 's/.*passed, ([0-9]+) failed.*/\1/' <<<"$$line"))); \
	  done; grep -h FAILED $(GATE_ACCEL_DIR)/suite-*.log | head -n 5; \
	  echo "gate-accel: $$p passed, $$f failed"; [ $$f -eq 0 ]
