# SPDX-License-Identifier: Apache-2.0
# tests/accel/fpga/bench_fpga.mk - make bench-accel-fpga: the whole accelerator, synthesised and placed
# and routed on the iCE40 UP5K for several PE x SIMD configurations (not in `make test`: many minutes).
ACCEL_FPGA_CONFIGS ?= 8x32 8x16 8x8 16x32
ACCEL_FPGA_DEFAULT := 8x32
# the harnesses: st_accel_pnr_top (UP5K, 39 pins: a shift register), st_accel_io_top (HX8K, ports as pins);
# make test-accel-lint lints them
ACCEL_FPGA_HARNESS := rtl/accel/pnr/st_pnr_pins.sv tests/accel/fpga/st_accel_pnr_top.sv \
                      tests/accel/fpga/st_accel_io_top.sv
HELP_VARS    += ACCEL_FPGA_CONFIGS
HELP_TARGETS += "bench-accel-fpga|accelerator alone on the UP5K per PE x SIMD (ACCEL_FPGA_CONFIGS): LC, EBR, DSP, Fmax -> build/bench/accel-fpga.json"

.PHONY: bench-accel-fpga
bench-accel-fpga:
	@mkdir -p $(BUILD)/bench
	$(Q)nice tests/accel/fpga/bench_fpga.sh $(BUILD)/accel_fpga $(BUILD)/bench/accel-fpga.json \
	  "$(ACCEL_FPGA_CONFIGS)" $(ACCEL_FPGA_DEFAULT) $(ACCEL_RTL) $(ACCEL_FPGA_HARNESS)
