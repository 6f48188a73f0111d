# SPDX-License-Identifier: Apache-2.0
# sim/soc/soc_sim.mk - the Verilator SoC simulator, its test suites and the SoC benchmark.

# SOC_COP=1 (rtl/soc/soc.mk): the SoC with the coprocessor, built in $(BUILD)/sim/soc-cop beside the other.
SOC_SIM_DIR   := $(BUILD)/sim/soc$(SOC_SIM_SUFFIX)
SOC_SIM       := $(SOC_SIM_DIR)/st_soc_sim
SOC_SIM_SRCS  := sim/soc/st_soc_sim.cpp sim/soc/st_sim_flash.cpp sim/soc/st_sim_profile.cpp
SOC_SIM_HDRS  := sim/soc/st_sim_flash.h sim/soc/st_sim_profile.h
SOC_VFLAGS    ?= -O3 --x-assign fast --x-initial fast
SOC_SIM_CXX_OPT ?= -O2
FW            ?=
SIM_ARGS      ?=
HELP_VARS     += FW SIM_ARGS

HELP_TARGETS += "sim|build the SoC simulator $(SOC_SIM) (Verilator; +firmware= ELF or hex; SOC_COP=1: the SoC with the coprocessor, in $(BUILD)/sim/soc-cop)" \
                "sim-run|run FW=path/to/prog.elf in the SoC simulator (extra options: SIM_ARGS='+trace ...')" \
                "bench-soc|measure simulated cycles/s and CPI (C benchmark) -> $(BUILD)/bench/soc.json"
TEST_SUITES  += soc-rtl soc-fw

.PHONY: sim sim-run bench-soc test-soc-rtl test-soc-fw
sim: $(SOC_SIM)

# The RTL lists are evaluated when make reads this rule, after rtl/soc/soc.mk and the core's fragment.
$(SOC_SIM): $(SOC_SIM_SRCS) $(SOC_SIM_HDRS) $$(SOC_ALL_RTL) $(SOC_BOOTROM_HEX) rtl/lint/st_lint.vlt
	@mkdir -p $(SOC_SIM_DIR)
	$(Q)$(VERILATOR) --cc --exe --build -j 2 $(SOC_VFLAGS) --trace-fst --assert \
	  --top-module st_soc_top --Mdir $(SOC_SIM_DIR)/obj -o $(abspath $@) \
	  +define+ST_SIM_BACKDOOR $(SOC_DEFINES) -GBootRomFile='"$(abspath $(SOC_BOOTROM_HEX))"' \
	  -Wno-fatal -MAKEFLAGS "OPT_FAST=$(SOC_SIM_CXX_OPT) OPT_GLOBAL=$(SOC_SIM_CXX_OPT)" -CFLAGS "-std=c++17 -Wall $(SOC_SIM_CDEFS)" \
	  rtl/lint/st_lint.vlt $(SOC_ALL_RTL) $(abspath $(SOC_SIM_SRCS)) > $(SOC_SIM_DIR)/build.log 2>&1 \
	  || { tail -n 30 $(SOC_SIM_DIR)/build.log; exit 1; }

sim-run: $(SOC_SIM) $(FW)
	@[ -n "$(FW)" ] || { echo "sim-run: pass FW=path/to/program.elf (or .hex)"; exit 2; }
	$(SOC_SIM) +firmware=$(FW) $(SIM_ARGS)

# Only the test programs: an application that does not build is not this suite's failure.
SOC_FW_TEST_ELFS = $(filter $(FW_BUILD)/tests/%,$(FW_ELFS))
test-soc-fw: $(SOC_SIM) $$(SOC_FW_TEST_ELFS) $(FW_BUILD)/tests/hello/hello.hex
	$(Q)sim/soc/test_soc_fw.sh $(SOC_SIM) $(FW_BUILD) $(BUILD)/test/soc-fw "$(FW_CC) $(FW_ARCH_FLAGS)" $(RISCV_PREFIX)

test-soc-rtl: $(SOC_BOOTROM_HEX)
	$(Q)sim/soc/test_soc_rtl.sh $(BUILD)/test/soc-rtl "$(VERILATOR)" "$(SEED)"

SOC_BENCH_ELF := $(FW_BUILD)/tests/bench/bench.elf
bench-soc: $(SOC_SIM) $(SOC_BENCH_ELF) $$(CPU_SYNTH_JSON)
	@mkdir -p $(BUILD)/bench
	$(Q)sim/soc/bench_soc.sh $(SOC_SIM) $(SOC_BENCH_ELF) $(BUILD)/bench
