# SPDX-License-Identifier: Apache-2.0
# rtl/soc/soc.mk - the SoC's RTL: file lists, boot ROM image, lint and synthesis checks.

# (st_cpu_counter, the core's one-cell-per-bit counter, also serves the timer, the UART and the SPI master.)
SOC_RTL := rtl/regs/st_regs_pkg.sv rtl/cpu/st_cpu_counter.sv \
           rtl/common/st_fifo.sv rtl/soc/st_soc_xbar.sv rtl/soc/st_soc_bus_reg.sv rtl/soc/st_soc_spram.sv rtl/soc/st_soc_ram.sv \
           rtl/soc/st_soc_bootrom.sv rtl/soc/st_soc_uart.sv rtl/soc/st_soc_timer.sv rtl/soc/st_soc_simctrl.sv \
           rtl/soc/st_soc_gpio.sv rtl/soc/st_soc_spi.sv rtl/soc/st_soc_err_slave.sv rtl/soc/st_soc_top.sv

# SOC_COP=1: the SoC with the coprocessor (rtl/cop/st_cop.sv and the accelerator's PE array it wraps,
# define ST_SOC_COP) instead of the full accelerator, with simulators of its own ($(BUILD)/sim/soc-cop,
# $(BUILD)/sim/soc-boot-cop). Give it on the command line (or in the environment): fragments read before
# this one (firmware/boot/boot.mk) name their build folders from it. The FPGA flow chooses by FPGA_ACCEL
# (fpga/icebreaker/fpga.mk: FPGA_ACCEL=cop), whatever SOC_COP says.
SOC_COP      ?= 0
HELP_VARS    += SOC_COP
soc_cop       = $(filter 1,$(SOC_COP))

# The core and the accelerator: their owners' lists if their fragments define them, else every .sv file
# of the folder, packages first. SOC_ACCEL_RTL is empty with SOC_COP=1 (no full accelerator).
soc_sv_files = $(filter %_pkg.sv,$(sort $(wildcard $(1)/*.sv))) $(filter-out %_pkg.sv,$(sort $(wildcard $(1)/*.sv)))
SOC_CPU_RTL   = $(if $(CPU_RTL),$(CPU_RTL),$(call soc_sv_files,rtl/cpu))
SOC_FULL_ACCEL_RTL = $(if $(wildcard rtl/accel/st_accel_top.sv),$(if $(ACCEL_RTL),$(ACCEL_RTL),$(call soc_sv_files,rtl/accel)))
SOC_ACCEL_RTL = $(if $(soc_cop),,$(SOC_FULL_ACCEL_RTL))
# The coprocessor: st_cop and the three accelerator modules of its PE array (no package).
SOC_COP_RTL  := rtl/accel/st_accel_popcount.sv rtl/accel/st_accel_pe.sv rtl/accel/st_accel_array.sv rtl/cop/st_cop.sv
SOC_DEFINES   = $(if $(soc_cop),+define+ST_SOC_COP,$(if $(SOC_ACCEL_RTL),+define+ST_SOC_ACCEL))
soc_uniq      = $(if $(1),$(firstword $(1)) $(call soc_uniq,$(filter-out $(firstword $(1)),$(1))))
# Both SoCs' lists whatever SOC_COP says (the FPGA flow picks one by FPGA_ACCEL), and the one SOC_COP picks.
SOC_ACCEL_ALL_RTL = $(call soc_uniq,rtl/regs/st_regs_pkg.sv $(SOC_CPU_RTL) $(SOC_FULL_ACCEL_RTL) $(SOC_RTL))
SOC_COP_ALL_RTL   = $(call soc_uniq,rtl/regs/st_regs_pkg.sv $(SOC_CPU_RTL) $(SOC_COP_RTL) $(SOC_RTL))
SOC_ALL_RTL   = $(if $(soc_cop),$(SOC_COP_ALL_RTL),$(SOC_ACCEL_ALL_RTL))
# The simulators' build folders and -D flags for the harness (sim/soc/st_soc_sim.cpp): "-cop" folders with
# SOC_COP=1, so that both SoCs' simulators coexist.
SOC_SIM_SUFFIX = $(if $(soc_cop),-cop)
SOC_SIM_CDEFS  = $(if $(soc_cop),-DST_SIM_COP,$(if $(SOC_ACCEL_RTL),-DST_SIM_ACCEL))

# The boot ROM image: rtl/soc/bootrom.S linked at BOOTROM_BASE, as $readmemh words from the ROM's start.
SOC_BOOTROM_BASE := 0x00100000
SOC_BOOTROM_ELF  := $(BUILD)/soc/bootrom.elf
SOC_BOOTROM_HEX  := $(BUILD)/soc/bootrom.hex

$(SOC_BOOTROM_ELF): rtl/soc/bootrom.S
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_ARCH_FLAGS) -nostdlib -nostartfiles -Wl,-Ttext=$(SOC_BOOTROM_BASE) -Wl,--no-warn-rwx-segments -o $@ $<

$(SOC_BOOTROM_HEX): $(SOC_BOOTROM_ELF)
	$(Q)$(FW_OBJCOPY) -O verilog --verilog-data-width=4 --change-addresses=-$(SOC_BOOTROM_BASE) $< $@

HELP_TARGETS += "soc-lint|verilator --lint-only -Wall on the SoC (with the core and the accelerator; SOC_COP=1: the coprocessor)" \
                "soc-synth|yosys synth_ice40 on every rtl/soc module and on the whole SoC; LC report"

.PHONY: soc-lint soc-synth
soc-lint:
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(SOC_DEFINES) $(SOC_ALL_RTL) --top-module st_soc_top
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt +define+ST_SIM_BACKDOOR $(SOC_DEFINES) $(SOC_ALL_RTL) --top-module st_soc_top
	@echo "soc-lint: clean"

# Each SoC module on its own (so that a module the top optimises away is still checked), then the SoC.
SOC_SYNTH_MODULES := st_fifo st_soc_xbar st_soc_bus_reg st_soc_spram st_soc_ram st_soc_bootrom st_soc_uart st_soc_timer \
                     st_soc_simctrl st_soc_gpio st_soc_spi st_soc_err_slave
soc-synth: $(SOC_BOOTROM_HEX)
	@mkdir -p $(BUILD)/soc/synth
	$(Q)for m in $(SOC_SYNTH_MODULES); do \
	  yosys -q -l $(BUILD)/soc/synth/$$m.log -p "read_verilog -sv $(SOC_RTL); synth_ice40 -top $$m -spram -dsp" >/dev/null \
	    || { echo "soc-synth: $$m FAILED, see $(BUILD)/soc/synth/$$m.log"; exit 1; }; \
	  printf '  %-18s %5s LUT4\n' $$m "$$(awk '/SB_LUT4/ {n=$$2} END {print n+0}' $(BUILD)/soc/synth/$$m.log)"; \
	done
	$(Q)yosys -q -l $(BUILD)/soc/synth/st_soc_top.log -p "read_verilog -sv $(subst +define+,-D,$(SOC_DEFINES)) $(SOC_ALL_RTL); \
	  chparam -set BootRomFile \"$(SOC_BOOTROM_HEX)\" st_soc_top; synth_ice40 -top st_soc_top -spram -dsp -json $(BUILD)/soc/synth/st_soc_top.json; stat" >/dev/null \
	  || { echo "soc-synth: st_soc_top FAILED, see $(BUILD)/soc/synth/st_soc_top.log"; exit 1; }
	$(Q)awk '/=== st_soc_top ===/ {n++; b=""} n {b = b $$0 "\n"} END {printf "%s", b}' $(BUILD)/soc/synth/st_soc_top.log \
	  | grep -E 'SB_(LUT4|RAM40_4K|SPRAM256KA|MAC16|CARRY)|cells' | sed 's/^ */  st_soc_top: /' || true
	@echo "soc-synth: ok"
