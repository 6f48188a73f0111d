# SPDX-License-Identifier: Apache-2.0
# tests/cop/cop.mk - the coprocessor's testbench (st_cop on a Verilator harness, driven through the
# driver's st_mmio.h hooks) and its suite:
#   cop   per configuration of COP_CONFIGS: the random sweep (COP_SWEEP_LAYERS items: st_cop_conv_acc_rows
#         bit-exact against the golden bit-plane and MAC forms) and the directed tests; plus the sweep and
#         the directed tests of configuration pe4 built with ASan / UBSan (COP_SAN_LAYERS items)
# `make test-cop-full` runs COP_FULL_LAYERS items and a longer register fuzz per configuration.
# One configuration by hand: make cop-run COP_CONFIG=pe8 ARGS='sweep layers=50' SEED=1 (only=K reruns item K).

COP_SIM_DIR      := $(BUILD)/cop_sim
COP_SWEEP_LAYERS ?= 500
COP_SAN_LAYERS   ?= 240
COP_FULL_LAYERS  ?= 3000
COP_FULL_FUZZ    ?= 100000
# NumPe, WbufDepth and BytesMac (MODE.BYTES; 1 when not given) of each configuration: the shipped UP5K
# geometry (pe4), the same without MODE.BYTES (pe4nb: the driver's bit-plane path for BYTES inputs), a
# wide one with a smaller memory (pe8), a PE count that is no power of two with a depth that is none either
# (pe3), and the most PEs the ACC block holds (pe16, in test-cop-full; cop-lint checks that geometry in
# every `make test`).
COP_CONFIG_pe4   := 4 512
COP_CONFIG_pe4nb := 4 512 0
COP_CONFIG_pe8   := 8 256
COP_CONFIG_pe3   := 3 384
COP_CONFIG_pe16  := 16 512
COP_CONFIGS      ?= pe4 pe4nb pe8 pe3
COP_FULL_CONFIGS ?= $(COP_CONFIGS) pe16
COP_CONFIG       ?= pe4
HELP_VARS        += COP_CONFIGS COP_FULL_CONFIGS COP_SWEEP_LAYERS COP_FULL_LAYERS

HELP_TARGETS += "cop-sim|build the coprocessor testbench of every COP_CONFIGS: $(COP_SIM_DIR)/<config>/cop_sim" \
                "cop-run|run it by hand: make cop-run COP_CONFIG=pe8 ARGS='sweep layers=50' (SEED=)" \
                "test-cop-full|the long coprocessor sweep (COP_FULL_LAYERS items) and fuzz on every COP_FULL_CONFIGS (SEED=)"
TEST_SUITES  += cop

COP_TB_CPP   := tests/cop/cop_main.cpp tests/cop/cop_sim.cpp
COP_TB_HDRS  := tests/cop/cop_sim.h tests/cop/cop_tests.h sim/accel/st_sim_harness.h driver/st_mmio.h driver/st_regs.h driver/st_cop.h \
                $(wildcard sim/golden/*.h) tests/accel/st_randnet.h tests/accel/st_rng.h
COP_TB_CSRCS := tests/cop/cop_sweep.c tests/cop/cop_directed.c driver/st_cop.c tests/accel/st_randnet.c \
                $(filter-out sim/golden/st_model_write.c,$(wildcard sim/golden/*.c))
COP_TB_INC   := -Itests/cop -Isim/accel -Idriver -Isim/golden -Itests/accel
COP_VFLAGS   ?= -O3 --x-assign fast --x-initial unique
COP_CXX_OPT  ?= -O2

# The test programs, once for all configurations ($(1): object folder, $(2): extra compiler flags).
cop_objs = $(patsubst %.c,$(1)/%.o,$(COP_TB_CSRCS))
$(COP_SIM_DIR)/cobj/%.o: %.c $(COP_TB_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -DST_HOST_SIM $(COP_TB_INC) -c $< -o $@
# The sanitizer build: the same compiler as Verilator's C++ (one ASan runtime in the binary).
$(COP_SIM_DIR)/cobj-san/%.o: %.c $(COP_TB_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -pedantic $(SAN_FLAGS) -DST_HOST_SIM $(COP_TB_INC) -c $< -o $@

$(COP_SIM_DIR)/libcop_tests.a: $(call cop_objs,$(COP_SIM_DIR)/cobj)
	$(Q)rm -f $@ && $(AR) rcs $@ $^
$(COP_SIM_DIR)/libcop_tests_san.a: $(call cop_objs,$(COP_SIM_DIR)/cobj-san)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# Verilate and build one testbench: $(1) binary, $(2) NumPe, $(3) WbufDepth, $(4) test library, $(5) extra
# C++ / link flags, $(6) C++ optimisation (default COP_CXX_OPT), $(7) BytesMac (default 1). The binary is
# removed first: Verilator's inner make would keep an old one when only the library changed.
define cop_sim_build
	@mkdir -p $(dir $(1))
	@rm -f $(1)
	$(Q)$(VERILATOR) -Wall --cc --exe --build -j 2 $(COP_VFLAGS) --trace-fst --assert \
	  --top-module st_cop -GNumPe=$(2) -GWbufDepth=$(3) -GBytesMac=$(or $(7),1) --Mdir $(dir $(1))obj -o $(abspath $(1)) \
	  -MAKEFLAGS "OPT_FAST=$(or $(6),$(COP_CXX_OPT)) OPT_GLOBAL=$(or $(6),$(COP_CXX_OPT))" \
	  -CFLAGS "-std=c++14 -Wall -DST_HOST_SIM -DCOP_NUM_PE=$(2) -DCOP_WBUF_DEPTH=$(3) -DCOP_BYTES_MAC=$(or $(7),1) $(5) \
	    $(addprefix -I$(CURDIR)/,$(patsubst -I%,%,$(COP_TB_INC)))" $(if $(5),-LDFLAGS "$(5)") \
	  rtl/lint/st_lint.vlt $(COP_RTL) $(abspath $(COP_TB_CPP)) $(abspath $(4)) \
	  > $(dir $(1))build.log 2>&1 || { tail -n 30 $(dir $(1))build.log; exit 1; }
endef

COP_SIM_DEPS = $(COP_TB_CPP) $(COP_TB_HDRS) $(COP_RTL) rtl/lint/st_lint.vlt
COP_SIMS     = $(foreach c,$(COP_CONFIGS),$(COP_SIM_DIR)/$(c)/cop_sim)
COP_FULL_SIMS = $(foreach c,$(COP_FULL_CONFIGS),$(COP_SIM_DIR)/$(c)/cop_sim)

$(COP_SIM_DIR)/%/cop_sim: $(COP_SIM_DEPS) $(COP_SIM_DIR)/libcop_tests.a
	$(call cop_sim_build,$@,$(word 1,$(COP_CONFIG_$*)),$(word 2,$(COP_CONFIG_$*)),$(COP_SIM_DIR)/libcop_tests.a,,,$(word 3,$(COP_CONFIG_$*)))

$(COP_SIM_DIR)/san/cop_sim: $(COP_SIM_DEPS) $(COP_SIM_DIR)/libcop_tests_san.a
	$(call cop_sim_build,$@,$(word 1,$(COP_CONFIG_pe4)),$(word 2,$(COP_CONFIG_pe4)),$(COP_SIM_DIR)/libcop_tests_san.a,$(SAN_FLAGS),-O1)

.PHONY: cop-sim cop-run test-cop test-cop-full
cop-sim: $(COP_SIMS)

ARGS ?=
cop-run: $(COP_SIM_DIR)/$(COP_CONFIG)/cop_sim
	$< $(ARGS) +seed=$(SEED)

# Run $(1) = "<config>@<binary>@<suite,options...>" items in turn; every run's counts add up in one line.
define cop_runs
	$(Q)p=0; f=0; for run in $(1); do \
	  cfg=$${run%%@*}; rest=$${run#*@}; bin=$${rest%%@*}; suite=$$(echo "$${rest#*@}" | tr ',' ' '); \
	  log=$(COP_SIM_DIR)/$$cfg-$${suite%% *}.log; \
	  echo "== $$cfg: $$suite"; \
	  $$bin $$suite +seed=$(SEED) > $$log 2>&1; rc=$$?; \
	  grep -E "FAIL|^  item |^     [^ ]|^sweep: .*(tried|operations|coverage|pairs|BYTES-input layers)|SEED=|cop_sim:|ERROR|runtime error" $$log | head -n 40; \
	  line=$$(grep -E '^cop-[a-z]+: [0-9]+ passed, [0-9]+ failed' $$log | tail -n 1); echo "$$line"; \
	  a=$$(echo "$$line" | sed -E 's/.* ([0-9]+) passed.*/\1/'); b=$$(echo "$$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/'); \
	  if [ -z "$$line" ]; then a=0; b=1; tail -n 20 $$log; fi; if [ $$rc -ne 0 ] && [ "$$b" = 0 ]; then b=1; fi; \
	  p=$$((p + a)); f=$$((f + b)); \
	done; echo "cop: $$p passed, $$f failed"; [ $$f -eq 0 ]
endef

COP_FAST_RUNS = $(foreach c,$(COP_CONFIGS),$(c)@$(COP_SIM_DIR)/$(c)/cop_sim@sweep,layers=$(COP_SWEEP_LAYERS) \
                  $(c)@$(COP_SIM_DIR)/$(c)/cop_sim@directed) \
                san@$(COP_SIM_DIR)/san/cop_sim@sweep,layers=$(COP_SAN_LAYERS) san@$(COP_SIM_DIR)/san/cop_sim@directed,fuzz=1000
COP_FULL_RUNS = $(foreach c,$(COP_FULL_CONFIGS),$(c)@$(COP_SIM_DIR)/$(c)/cop_sim@sweep,layers=$(COP_FULL_LAYERS) \
                  $(c)@$(COP_SIM_DIR)/$(c)/cop_sim@directed,fuzz=$(COP_FULL_FUZZ))

test-cop: $(COP_SIMS) $(COP_SIM_DIR)/san/cop_sim
	$(call cop_runs,$(COP_FAST_RUNS))

test-cop-full: $(COP_FULL_SIMS)
	$(call cop_runs,$(COP_FULL_RUNS))
