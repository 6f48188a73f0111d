# SPDX-License-Identifier: Apache-2.0
# rtl/cpu/cpu.mk - the RISC-V core: file list, lint, synthesis measurement, core testbench, ISA tests.

CPU_RTL := rtl/cpu/st_cpu_pkg.sv rtl/cpu/st_cpu_decode.sv rtl/cpu/st_cpu_alu.sv rtl/cpu/st_cpu_lsu.sv \
           rtl/cpu/st_cpu_mul.sv rtl/cpu/st_cpu_div.sv rtl/cpu/st_cpu_counter.sv rtl/cpu/st_cpu_csr.sv \
           rtl/cpu/st_cpu_regfile.sv \
           rtl/cpu/st_cpu_fetch.sv rtl/cpu/st_cpu_core.sv

# ---- ISA tests (firmware/tests/isa): one program per .S file, for the SoC and for qemu ---------------
ISA_DIR     := firmware/tests/isa
ISA_TESTS   := $(filter-out st_isa_rt,$(basename $(notdir $(sort $(wildcard $(ISA_DIR)/*.S)))))
ISA_BUILD   := $(BUILD)/isa
ISA_CC      := $(RISCV_PREFIX)gcc
ISA_FLAGS   := -misa-spec=2.2 -march=rv32im -mabi=ilp32 -nostdlib -nostartfiles -I$(ISA_DIR) \
               -T $(ISA_DIR)/link.ld -Wl,--no-warn-rwx-segments
ISA_DEPS    := $(ISA_DIR)/st_isa.h $(ISA_DIR)/st_isa_rt.S $(ISA_DIR)/link.ld
ISA_SELFTESTS := $(basename $(notdir $(sort $(wildcard $(ISA_DIR)/selftest/*.S))))
ISA_SOC_ELFS  := $(patsubst %,$(ISA_BUILD)/soc/%.elf,$(ISA_TESTS) $(ISA_SELFTESTS))
ISA_QEMU_ELFS := $(patsubst %,$(ISA_BUILD)/qemu/%.elf,$(ISA_TESTS) $(ISA_SELFTESTS))
QEMU_RV32   ?= qemu-system-riscv32
HELP_VARS   += QEMU_RV32

$(ISA_BUILD)/soc/%.elf: $(ISA_DIR)/%.S $(ISA_DEPS)
	@mkdir -p $(@D)
	$(Q)$(ISA_CC) $(ISA_FLAGS) -Wl,--defsym=ST_RAM_BASE=0x00000000 -o $@ $< $(ISA_DIR)/st_isa_rt.S

$(ISA_BUILD)/qemu/%.elf: $(ISA_DIR)/%.S $(ISA_DEPS)
	@mkdir -p $(@D)
	$(Q)$(ISA_CC) $(ISA_FLAGS) -DST_QEMU -Wl,--defsym=ST_RAM_BASE=0x80000000 -o $@ $< $(ISA_DIR)/st_isa_rt.S

$(ISA_BUILD)/soc/%.elf: $(ISA_DIR)/selftest/%.S $(ISA_DEPS)
	@mkdir -p $(@D)
	$(Q)$(ISA_CC) $(ISA_FLAGS) -Wl,--defsym=ST_RAM_BASE=0x00000000 -o $@ $< $(ISA_DIR)/st_isa_rt.S

$(ISA_BUILD)/qemu/%.elf: $(ISA_DIR)/selftest/%.S $(ISA_DEPS)
	@mkdir -p $(@D)
	$(Q)$(ISA_CC) $(ISA_FLAGS) -DST_QEMU -Wl,--defsym=ST_RAM_BASE=0x80000000 -o $@ $< $(ISA_DIR)/st_isa_rt.S

.PHONY: isa-fw
isa-fw: $(ISA_SOC_ELFS) $(ISA_QEMU_ELFS)

HELP_TARGETS += "isa-fw|build the ISA test programs (SoC and qemu variants) under $(ISA_BUILD)/" \
                "test-isa|run every ISA test program in the SoC simulator" \
                "test-isa-qemu|run the same ISA test programs on qemu-system-riscv32 (virt) as a reference"
TEST_SUITES  += isa isa-qemu

.PHONY: test-isa test-isa-qemu
test-isa: $$(SOC_SIM) $(ISA_SOC_ELFS)
	$(Q)$(ISA_DIR)/run_isa.sh soc $(SOC_SIM) $(BUILD)/test/isa $(ISA_SOC_ELFS)

test-isa-qemu: $(ISA_QEMU_ELFS)
	$(Q)$(ISA_DIR)/run_isa.sh qemu $(QEMU_RV32) $(BUILD)/test/isa-qemu $(ISA_QEMU_ELFS)

# ---- Core testbench (rtl/cpu/tb): the core alone, memory with random wait states ---------------------
# CPU_FORWARD=0|1 builds the testbench and cpu-synth with that value of st_cpu_core's Forward parameter
# (empty: the core's default, which is what the SoC uses).
CPU_FORWARD  ?=
# CPU_CPOP=0|1: cpu-synth with that value of the core's Cpop parameter (empty: the default, 1, as in the SoC)
CPU_CPOP     ?=
HELP_VARS    += CPU_FORWARD CPU_CPOP
CPU_GFLAGS   := $(if $(CPU_FORWARD),-GForward=1\'b$(CPU_FORWARD))
CPU_TB_DIR   := $(BUILD)/cpu-tb
CPU_TB       := $(CPU_TB_DIR)/st_cpu_tb
CPU_TB_SEEDS ?= 0 1 2 3
HELP_VARS    += CPU_TB_SEEDS
HELP_TARGETS += "cpu-tb|build the core testbench $(CPU_TB) (Verilator, random bus wait states)" \
                "test-cpu-tb|run every ISA test on the core alone, once per seed in CPU_TB_SEEDS (0 = no waits; SEED=N: one seed)"
TEST_SUITES  += cpu-tb

$(CPU_TB): rtl/cpu/tb/st_cpu_tb.cpp $(CPU_RTL) rtl/lint/st_lint.vlt $(CPU_TB_DIR)/.forward-$(CPU_FORWARD)
	@mkdir -p $(CPU_TB_DIR)
	$(Q)$(VERILATOR) --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast --assert $(CPU_GFLAGS) \
	  --top-module st_cpu_core --Mdir $(CPU_TB_DIR)/obj -o $(abspath $@) \
	  -MAKEFLAGS "OPT_FAST=-O2 OPT_GLOBAL=-O2" -CFLAGS "-std=c++17 -Wall" \
	  rtl/lint/st_lint.vlt $(CPU_RTL) $(abspath rtl/cpu/tb/st_cpu_tb.cpp) > $(CPU_TB_DIR)/build.log 2>&1 \
	  || { tail -n 30 $(CPU_TB_DIR)/build.log; exit 1; }

# Rebuild the testbench when CPU_FORWARD changes.
$(CPU_TB_DIR)/.forward-$(CPU_FORWARD):
	@mkdir -p $(@D)
	@rm -f $(CPU_TB_DIR)/.forward-*
	@touch $@

.PHONY: cpu-tb test-cpu-tb
cpu-tb: $(CPU_TB)

test-cpu-tb: $(CPU_TB) $(ISA_SOC_ELFS)
	$(Q)SEEDS="$(CPU_TB_SEEDS)" $(ISA_DIR)/run_isa.sh tb $(CPU_TB) $(BUILD)/test/cpu-tb $(ISA_SOC_ELFS)

# ---- CPI on compiled C (rtl/cpu/tb/cpi), core testbench without wait states ----------------------------
CPU_CPI_ELF := $(BUILD)/cpu-tb/cpi_bench.elf
HELP_TARGETS += "cpu-cpi|CPI of the core on compiled C (-O2), single-cycle memory -> $(BUILD)/bench/cpu_cpi.json"

$(CPU_CPI_ELF): rtl/cpu/tb/cpi/cpi_bench.c firmware/tests/bench/bench_kernels.h rtl/cpu/tb/cpi/start.S $(ISA_DIR)/link.ld
	@mkdir -p $(@D)
	$(Q)$(ISA_CC) -misa-spec=2.2 -march=rv32im -mabi=ilp32 -O2 -ffreestanding -nostdlib -nostartfiles \
	  -Wall -Wextra -Werror -I firmware/tests/bench -T $(ISA_DIR)/link.ld -Wl,--defsym=ST_RAM_BASE=0 -Wl,--no-warn-rwx-segments \
	  -o $@ rtl/cpu/tb/cpi/start.S rtl/cpu/tb/cpi/cpi_bench.c -lgcc

.PHONY: cpu-cpi
cpu-cpi: $(CPU_TB) $(CPU_CPI_ELF)
	@mkdir -p $(BUILD)/bench
	$(Q)$(CPU_TB) +firmware=$(CPU_CPI_ELF) +waits=0 2> $(BUILD)/cpu-tb/cpi.log; rc=$$?; cat $(BUILD)/cpu-tb/cpi.log; \
	  [ $$rc -eq 0 ] || { echo "cpu-cpi: the benchmark failed (exit $$rc)"; exit 1; }; \
	  line=$$(grep -o '[0-9]* cycles, [0-9]* instructions retired, CPI [0-9.]*' $(BUILD)/cpu-tb/cpi.log); \
	  set -- $$line; printf '{\n  "program": "cpi_bench.c -O2",\n  "cycles": %s,\n  "instret": %s,\n  "cpi": %s\n}\n' $$1 $$3 $$7 \
	  > $(BUILD)/bench/cpu_cpi.json; cat $(BUILD)/bench/cpu_cpi.json

# ---- The core alone on the UP5K: logic cells and Fmax ----------------------------------------------------
HELP_TARGETS += "cpu-synth|yosys + nextpnr-ice40 (UP5K) on the core alone -> $(BUILD)/bench/cpu.json (core_lc, core_fmax_mhz)" \
                "cpu-lint|verilator --lint-only -Wall on the core"

.PHONY: cpu-synth cpu-lint
cpu-synth:
	$(Q)FORWARD=$(CPU_FORWARD) CPOP=$(CPU_CPOP) rtl/cpu/synth/cpu_synth.sh $(BUILD)/cpu-synth $(BUILD)/bench/cpu.json $(CPU_RTL)

# The same figures as a file target, redone only when the core or the flow changed: make bench-soc copies
# core_lc / core_fmax_mhz from it, so they always describe the RTL that was simulated.
CPU_SYNTH_JSON := $(BUILD)/bench/cpu.json
$(CPU_SYNTH_JSON): $(CPU_RTL) rtl/cpu/synth/st_cpu_synth_top.sv rtl/cpu/synth/cpu_synth.sh rtl/cpu/synth/st_cpu_synth.pcf
	$(Q)FORWARD=$(CPU_FORWARD) CPOP=$(CPU_CPOP) rtl/cpu/synth/cpu_synth.sh $(BUILD)/cpu-synth $@ $(CPU_RTL)

cpu-lint:
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(CPU_RTL) --top-module st_cpu_core
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(CPU_RTL) --top-module st_cpu_core -GCpop=1\'b0
	$(Q)$(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(CPU_RTL) rtl/cpu/synth/st_cpu_synth_top.sv --top-module st_cpu_synth_top
	@echo "cpu-lint: clean"

# ---- Formal check: the iCE40-primitive counter equals its behavioural model ----------------------------
HELP_TARGETS += "test-cpu-equiv|yosys equivalence proof: st_cpu_counter's iCE40 primitives vs its behavioural model"
TEST_SUITES  += cpu-equiv

.PHONY: test-cpu-equiv
test-cpu-equiv: rtl/cpu/st_cpu_counter.sv
	$(Q)rtl/cpu/synth/cpu_equiv.sh $(BUILD)/cpu-equiv

# ---- Gate-level check: the multiplier as synth_ice40 builds it (SB_MAC16 accumulators) ----------------
HELP_TARGETS += "test-cpu-mul-gate|st_cpu_mul's synth_ice40 netlist (iverilog + yosys cell models) against Verilog arithmetic (SEED=, COUNT=)"
TEST_SUITES  += cpu-mul-gate

.PHONY: test-cpu-mul-gate
test-cpu-mul-gate: rtl/cpu/st_cpu_pkg.sv rtl/cpu/st_cpu_mul.sv rtl/cpu/tb/st_cpu_mul_gate_tb.v
	$(Q)rtl/cpu/synth/cpu_mul_gate.sh $(BUILD)/cpu-mul-gate
