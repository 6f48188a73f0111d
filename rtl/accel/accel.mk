# SPDX-License-Identifier: Apache-2.0
# rtl/accel/accel.mk - the accelerator RTL: its file list, lint, synthesis for the iCE40 UP5K, and the
# suite accel-lint (Verilator -Wall and Yosys synth_ice40 on every file, zero warnings).

ACCEL_RTL := rtl/regs/st_regs_pkg.sv rtl/accel/st_accel_pkg.sv rtl/accel/st_accel_ucode_pkg.sv \
             rtl/common/st_fifo.sv rtl/accel/st_accel_bus.sv rtl/accel/st_accel_regs.sv \
             rtl/accel/st_accel_popcount.sv rtl/accel/st_accel_pe.sv rtl/accel/st_accel_array.sv \
             rtl/accel/st_accel_stage.sv rtl/accel/st_accel_maxpool.sv rtl/accel/st_accel_feed.sv \
             rtl/accel/st_accel_post_probe.sv rtl/accel/st_accel_post.sv rtl/accel/st_accel_ucode.sv rtl/accel/st_accel_check.sv rtl/accel/st_accel_gen.sv \
             rtl/accel/st_accel_ctrl.sv rtl/accel/st_accel_top.sv
ACCEL_BUILD := $(BUILD)/accel
YOSYS       ?= yosys
NEXTPNR     ?= nextpnr-ice40
ACCEL_SYNTH_PARAMS ?=
HELP_VARS   += YOSYS NEXTPNR ACCEL_SYNTH_PARAMS

HELP_TARGETS += "lint-accel|Verilator -Wall lint of the accelerator (waivers only in rtl/lint/st_lint.vlt)" \
                "synth-accel|Yosys synth_ice40 of st_accel_top alone: LC / EBR / DSP use (ACCEL_SYNTH_PARAMS='-set NumPe 8')" \
                "synth-accel-blocks|the same with -noflatten: LUT4 / flip-flops per module (one PE; the three queues summed)" \
                "pnr-accel|nextpnr-ice40 --up5k of the PE array in a harness: logic cells, EBR, Fmax (ACCEL_PNR_PARAMS)" \
                "pnr-accel-check|nextpnr-ice40 --up5k of the descriptor checker in a harness: logic cells, Fmax" \
                "pnr-accel-blocks|every accelerator block alone on the UP5K (ACCEL_PNR_BLOCKS): LC, Fmax, critical path -> build/bench/accel-blocks.json"
TEST_SUITES  += accel-lint

.PHONY: lint-accel synth-accel synth-accel-blocks pnr-accel pnr-accel-check pnr-accel-blocks test-accel-pnr-blocks test-accel-lint

lint-accel:
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(ACCEL_RTL) --top-module st_accel_top
	@echo "lint-accel: clean"

$(ACCEL_BUILD)/accel.json: $(ACCEL_RTL)
	@mkdir -p $(@D)
	$(Q)$(YOSYS) -q -l $(ACCEL_BUILD)/synth.log -p "read_verilog -sv $(ACCEL_RTL); \
	  chparam $(ACCEL_SYNTH_PARAMS) st_accel_top; synth_ice40 -top st_accel_top -dsp -json $@" >/dev/null

synth-accel: $(ACCEL_BUILD)/accel.json
	$(Q)rtl/accel/synth_report.sh $(ACCEL_BUILD)/synth.log

# Per block (docs/accelerator.md §7.1): the same synthesis with -noflatten, LUT4 / flip-flops of each module.
$(ACCEL_BUILD)/blocks/synth.log: $(ACCEL_RTL)
	@mkdir -p $(@D)
	$(Q)$(YOSYS) -q -l $@.tmp -p "read_verilog -sv $(ACCEL_RTL); \
	  chparam $(ACCEL_SYNTH_PARAMS) st_accel_top; synth_ice40 -top st_accel_top -dsp -noflatten" >/dev/null && mv $@.tmp $@

synth-accel-blocks: $(ACCEL_BUILD)/blocks/synth.log
	$(Q)awk '/Printing statistics/{p=1} p && /^=== /{m=$$2; sub(/^[$$]paramod[$$][0-9a-f]*[\\]/, "", m); \
	  sub(/^[$$]paramod[\\]/, "", m); sub(/[\\].*/, "", m); if (m == "design") m = "(whole design)"} \
	  p && /SB_LUT4/{l[m]+=$$2} p && /SB_DFF/{f[m]+=$$2} \
	  END{for (k in l) printf "%-18s %6d LUT4 %6d FF\n", k, l[k], f[k]}' $< | sort

# The whole accelerator does not fit the UP5K (docs/accelerator.md §7.1): place and route the PE array in a
# pin-saving harness for its logic cells and Fmax.
ACCEL_PNR_PARAMS ?= -set NumPe 8 -set SimdWidth 32
ACCEL_ARRAY_RTL  := rtl/accel/st_accel_popcount.sv rtl/accel/st_accel_pe.sv rtl/accel/st_accel_array.sv \
                    rtl/accel/pnr/st_pnr_pins.sv rtl/accel/pnr/st_accel_pnr_array.sv
$(ACCEL_BUILD)/pnr/array.json: $(ACCEL_ARRAY_RTL)
	@mkdir -p $(@D)
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(ACCEL_ARRAY_RTL) --top-module st_accel_pnr_array
	$(Q)$(YOSYS) -q -l $(@D)/synth.log -p "read_verilog -sv $(ACCEL_ARRAY_RTL); \
	  chparam $(ACCEL_PNR_PARAMS) st_accel_pnr_array; synth_ice40 -top st_accel_pnr_array -dsp -json $@" >/dev/null

# $(call accel_pnr,NETLIST,LOG): place and route a harness on the UP5K and print its logic cells, EBR, DSP
# and Fmax, nextpnr's and icetime's (rtl/accel/pnr/pnr_up5k.sh). icetime's chip database comes from
# icebox_chipdb, once.
ICETIME     ?= icetime
ICETIME_DB  := $(BUILD)/icestorm/chipdb-5k.txt
$(ICETIME_DB):
	@mkdir -p $(@D)
	$(Q)icebox_chipdb -5 > $@.tmp && mv $@.tmp $@

define accel_pnr
	$(Q)NEXTPNR="$(NEXTPNR)" ICETIME="$(ICETIME)" rtl/accel/pnr/pnr_up5k.sh $(1) $(2) $(ICETIME_DB)
endef

pnr-accel: $(ACCEL_BUILD)/pnr/array.json | $(ICETIME_DB)
	$(call accel_pnr,$<,$(ACCEL_BUILD)/pnr/pnr.log)

# The descriptor checker alone: its one-cycle microcode step is the whole accelerator's critical path
# (docs/accelerator.md §7.2). Its RTL is the accelerator's (packages, microcode ROM) plus the harness.
ACCEL_CHECK_PNR := rtl/accel/pnr/st_pnr_pins.sv rtl/accel/pnr/st_accel_pnr_check.sv
$(ACCEL_BUILD)/pnr/check.json: $(ACCEL_RTL) $(ACCEL_CHECK_PNR)
	@mkdir -p $(@D)
	$(Q)$(YOSYS) -q -l $(@D)/check_synth.log -p "read_verilog -sv $(ACCEL_RTL) $(ACCEL_CHECK_PNR); \
	  synth_ice40 -top st_accel_pnr_check -dsp -json $@" >/dev/null

pnr-accel-check: $(ACCEL_BUILD)/pnr/check.json | $(ICETIME_DB)
	$(call accel_pnr,$<,$(ACCEL_BUILD)/pnr/check_pnr.log)

# Every block alone, in a harness generated from its ports (rtl/accel/pnr/pnr_blocks.sh): logic cells,
# nextpnr's and icetime's Fmax, the critical path -> $(BUILD)/bench/accel-blocks.json. Not in make test.
ACCEL_PNR_BLOCKS ?= gen post feed check ctrl regs stage maxpool bus array
pnr-accel-blocks: $(ACCEL_RTL) | $(ICETIME_DB)
	$(Q)NEXTPNR="$(NEXTPNR)" YOSYS="$(YOSYS)" ICETIME="$(ICETIME)" rtl/accel/pnr/pnr_blocks.sh \
	  $(ACCEL_BUILD)/pnr/blocks $(BUILD)/bench/accel-blocks.json $(ICETIME_DB) "$(ACCEL_PNR_BLOCKS)" $(ACCEL_RTL)

# suite accel-pnr-blocks: that flow on two small blocks, and its generated harnesses lint clean
TEST_SUITES += accel-pnr-blocks
test-accel-pnr-blocks: $(ACCEL_RTL) | $(ICETIME_DB)
	$(Q)NEXTPNR="$(NEXTPNR)" YOSYS="$(YOSYS)" ICETIME="$(ICETIME)" rtl/accel/pnr/test_pnr_blocks.sh "$(VERILATOR)" \
	  $(ACCEL_BUILD)/test-pnr-blocks $(ICETIME_DB) $(ACCEL_RTL)

test-accel-lint:
	$(Q)ACCEL_PNR_RTL="$(ACCEL_ARRAY_RTL)" ACCEL_FPGA_HARNESS="$(ACCEL_FPGA_HARNESS) rtl/accel/pnr/st_accel_pnr_check.sv" rtl/accel/lint_suite.sh "$(VERILATOR)" "$(YOSYS)" $(ACCEL_BUILD)/lint $(ACCEL_RTL)
