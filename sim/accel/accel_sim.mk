# SPDX-License-Identifier: Apache-2.0
# sim/accel/accel_sim.mk - the Verilator testbench of the accelerator alone ($(ACCEL_SIM)): st_accel_top,
# the RAM model with random wait states, the register port driven through driver/st_mmio.h, and the test
# programs of tests/accel/ (C, linked in as one library with the golden model and the image builder).
# The suites that run it are registered by tests/accel/accel_tests.mk.

ACCEL_SIM_DIR    := $(BUILD)/accel_sim
ACCEL_SIM        := $(ACCEL_SIM_DIR)/accel_sim
ACCEL_SIM_LIB    := $(ACCEL_SIM_DIR)/libaccel_tests.a
ACCEL_SIM_CPP    := sim/accel/accel_main.cpp sim/accel/accel_sim.cpp sim/accel/st_ram_model.cpp
ACCEL_SIM_HDRS   := sim/accel/accel_sim.h sim/accel/st_ram_model.h sim/accel/st_sim_harness.h driver/st_mmio.h driver/st_regs.h driver/st_desc.h
# Array parameters for the testbench build, e.g. ACCEL_PARAMS='-GNumPe=4 -GSimdWidth=32' (the tests read the
# geometry from CAPS, so any legal configuration runs unchanged; use a separate BUILD= per configuration).
ACCEL_PARAMS     ?=
ACCEL_VFLAGS     ?= -O3 --x-assign fast --x-initial fast
ACCEL_CXX_OPT    ?= -O2
HELP_VARS        += ACCEL_PARAMS

# The accelerator's RTL: its owner's list if rtl/accel defines one, else every .sv there, packages first.
accel_sv_files    = $(filter %_pkg.sv,$(sort $(wildcard $(1)/*.sv))) $(filter-out %_pkg.sv,$(sort $(wildcard $(1)/*.sv)))
ACCEL_SIM_RTL     = rtl/regs/st_regs_pkg.sv $(filter-out rtl/regs/st_regs_pkg.sv,$(if $(ACCEL_RTL),$(ACCEL_RTL),$(call accel_sv_files,rtl/accel)))

# C sources of the test programs: the golden model (with the model parser), the image builder, tests/accel.
ACCEL_TEST_CSRCS := $(filter-out sim/golden/st_model_write.c,$(wildcard sim/golden/*.c)) tools/compile/st_image.c \
                    $(filter-out tests/accel/image_test.c,$(wildcard tests/accel/*.c))
ACCEL_TEST_HDRS  := $(wildcard sim/golden/*.h) tools/compile/st_image.h $(wildcard tests/accel/*.h) $(ACCEL_SIM_HDRS)
ACCEL_TEST_INC   := -Isim/golden -Itools/compile -Idriver -Isim/accel -Itests/accel
ACCEL_TEST_OBJS  := $(patsubst %.c,$(ACCEL_SIM_DIR)/cobj/%.o,$(ACCEL_TEST_CSRCS))

HELP_TARGETS += "accel-sim|build the accelerator testbench $(ACCEL_SIM) (Verilator)" \
                "accel-run|run one accelerator suite: make accel-run ARGS='sweep layers=50 +trace' (SEED=)"

.PHONY: accel-sim accel-run
accel-sim: $(ACCEL_SIM)

$(ACCEL_SIM_DIR)/cobj/%.o: %.c $(ACCEL_TEST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -DST_HOST_SIM $(ACCEL_TEST_INC) -c $< -o $@

$(ACCEL_SIM_LIB): $(ACCEL_TEST_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# Verilate and build one testbench: $(1) output binary, $(2) array parameters (-G...). The binary is removed
# first: Verilator's inner make links it from its own objects only, so a changed libaccel_tests.a alone
# would otherwise leave the old binary in place (a stale testbench that can pass or fail wrongly).
define accel_sim_build
	@mkdir -p $(dir $(1))
	@rm -f $(1)
	@[ -f rtl/accel/st_accel_top.sv ] || { echo "accel-sim: rtl/accel/st_accel_top.sv does not exist yet"; exit 1; }
	$(Q)$(VERILATOR) -Wall --cc --exe --build -j 2 $(ACCEL_VFLAGS) --trace-fst --assert \
	  --top-module st_accel_top --Mdir $(dir $(1))obj -o $(abspath $(1)) $(2) \
	  -MAKEFLAGS "OPT_FAST=$(ACCEL_CXX_OPT) OPT_GLOBAL=$(ACCEL_CXX_OPT)" \
	  -CFLAGS "-std=c++14 -Wall -DST_HOST_SIM $(addprefix -I$(CURDIR)/,$(patsubst -I%,%,$(ACCEL_TEST_INC)))" \
	  rtl/lint/st_lint.vlt $(ACCEL_SIM_RTL) $(abspath $(ACCEL_SIM_CPP)) $(abspath $(ACCEL_SIM_LIB)) \
	  > $(dir $(1))build.log 2>&1 || { tail -n 30 $(dir $(1))build.log; exit 1; }
endef

ACCEL_SIM_DEPS = $(ACCEL_SIM_CPP) $(ACCEL_SIM_HDRS) $(ACCEL_SIM_LIB) $(ACCEL_SIM_RTL) rtl/lint/st_lint.vlt

# The RTL list is expanded when make reads this rule: after rtl/accel's fragment, which sorts first.
$(ACCEL_SIM): $(ACCEL_SIM_DEPS)
	$(call accel_sim_build,$@,$(ACCEL_PARAMS))

# Other array configurations (tests/accel/accel_tests.mk runs them in test-rtl-configs): small buffers
# (weight tiles, parameter BUF_SMALL reachable, short FIFOs in flip-flops) and a wide array.
ACCEL_CONFIG_small := -GNumPe=16 -GSimdWidth=8 -GWbufDepth=64 -GPbufWords=128 -GFifoDepth=2 -GQueueEbr=0
ACCEL_CONFIG_wide  := -GNumPe=32 -GSimdWidth=16 -GWbufDepth=512 -GPbufWords=1024 -GFifoDepth=8
ACCEL_CONFIGS      := small wide
ACCEL_CONFIG_SIMS  := $(foreach c,$(ACCEL_CONFIGS),$(BUILD)/accel_sim_$(c)/accel_sim)

$(BUILD)/accel_sim_%/accel_sim: $(ACCEL_SIM_DEPS)
	$(call accel_sim_build,$@,$(ACCEL_CONFIG_$*))

ARGS ?=
accel-run: $(ACCEL_SIM)
	$(ACCEL_SIM) $(ARGS) +seed=$(SEED)
