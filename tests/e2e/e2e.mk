# SPDX-License-Identifier: Apache-2.0
# tests/e2e/e2e.mk - end-to-end tests of the product path (model -> stc compile -> firmware + driver ->
# accelerator in the SoC simulator) and their host-side pieces. Suites:
#   e2e-host   the golden model's band API that swref uses (random layers, SEED=)
#   e2e-cosim  the driver (host build) on the Verilated accelerator: every layer bit-exact, wait states,
#              interrupts, an accelerator that never finishes (the bus stuck), recovery
#   e2e        tests/e2e/run_e2e.sh: >= 20 samples through the whole stack bit-exact on every layer (also by
#              interrupt), checks that catch injected errors, corrupted descriptor / timeout / fault paths,
#              example, swref, selftest, stc compile refusals, the binary image
# Read after mk/run.mk (APP_VARIANT, APP_ELF) and sim/soc/soc_sim.mk (SOC_SIM).

E2E_DIR          := $(BUILD)/e2e
E2E_GOLDEN_SRCS  := $(filter-out sim/golden/st_model_write.c,$(wildcard sim/golden/*.c))
E2E_GOLDEN_HDRS  := $(wildcard sim/golden/*.h)
E2E_BAND_LAYERS  ?= 2000
E2E_MODEL        ?= models/first/first.stm
E2E_COUNT        ?= 24
E2E_SIM          ?= $(SOC_SIM)
HELP_VARS        += E2E_BAND_LAYERS E2E_MODEL E2E_COUNT E2E_SIM

TEST_SUITES += e2e-host e2e

.PHONY: test-e2e-host test-e2e e2e-apps
$(E2E_DIR)/test_bands: tests/e2e/test_bands.c tests/accel/st_randnet.c tests/accel/st_randnet.h $(E2E_GOLDEN_SRCS) $(E2E_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -Isim/golden -Itests/accel -o $@ tests/e2e/test_bands.c tests/accel/st_randnet.c \
	  $(E2E_GOLDEN_SRCS)

test-e2e-host: $(E2E_DIR)/test_bands
	$(Q)$(E2E_DIR)/test_bands "$(SEED)" $(E2E_BAND_LAYERS)

$(E2E_DIR)/mkbig: tests/e2e/mkbig.c tests/model/model_build.h sim/golden/st_model_write.c $(E2E_GOLDEN_SRCS) $(E2E_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -Isim/golden -Itests/model -o $@ tests/e2e/mkbig.c sim/golden/st_model_write.c \
	  $(E2E_GOLDEN_SRCS)

$(E2E_DIR)/test_blob: tests/e2e/test_blob.c driver/st_desc.h $(E2E_GOLDEN_SRCS) $(E2E_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -Isim/golden -Idriver -o $@ tests/e2e/test_blob.c $(E2E_GOLDEN_SRCS)

# ---- the firmware variants run_e2e.sh runs ---------------------------------------------------------------
e2e_comma := ,
E2E_S    := --samples $(basename $(E2E_MODEL)).sti --count $(E2E_COUNT)
E2E_KEEP := $(E2E_S) --keep-tensors
$(eval $(call APP_VARIANT,keep,$(E2E_MODEL),$(E2E_KEEP)))
$(eval $(call APP_ELF,keep,infer,))
$(eval $(call APP_VARIANT,keep-irq,$(E2E_MODEL),$(E2E_KEEP)))
$(eval $(call APP_ELF,keep-irq,infer,-DST_INFER_IRQ=1))
$(eval $(call APP_VARIANT,inject,$(E2E_MODEL),$(E2E_KEEP)))
$(eval $(call APP_ELF,inject,infer,-DST_INFER_INJECT_LAYER=3 -DST_INFER_INJECT_SAMPLE=5 -DST_INFER_INJECT_WORD=7))
$(eval $(call APP_VARIANT,badcrc,$(E2E_MODEL),$(E2E_KEEP) --corrupt-crc 4$(e2e_comma)2))
$(eval $(call APP_ELF,badcrc,infer,))
$(eval $(call APP_VARIANT,baddesc,$(E2E_MODEL),$(E2E_S) --corrupt-desc 3))
$(eval $(call APP_ELF,baddesc,infer,))
$(eval $(call APP_VARIANT,timeout,$(E2E_MODEL),$(E2E_S)))
$(eval $(call APP_ELF,timeout,infer,-DST_INFER_TIMEOUT=300))
$(eval $(call APP_VARIANT,e2e,$(E2E_MODEL),$(E2E_S)))
$(eval $(call APP_ELF,e2e,faults,))
$(eval $(call APP_ELF,e2e,example,))
$(eval $(call APP_ELF,e2e,profile,))
$(eval $(call APP_ELF,e2e,swref,-DST_SWREF_SAMPLES=1u))
$(eval $(call APP_ELF,e2e,selftest,-DST_SELFTEST_ROUNDS=1u))
$(eval $(call APP_VARIANT,selftest-inject,$(E2E_MODEL),$(E2E_S)))
$(eval $(call APP_ELF,selftest-inject,selftest,-DST_SELFTEST_ROUNDS=1u -DST_SELFTEST_INJECT_LAYER=2 -DST_SELFTEST_STOP=1))

E2E_ELFS := $(addprefix $(APPS_DIR)/,keep/infer.elf keep-irq/infer.elf inject/infer.elf badcrc/infer.elf \
              baddesc/infer.elf timeout/infer.elf e2e/faults.elf e2e/example.elf e2e/swref.elf e2e/selftest.elf e2e/profile.elf \
              selftest-inject/selftest.elf)
e2e-apps: $(E2E_ELFS)

test-e2e: $(E2E_ELFS) $(E2E_DIR)/mkbig $(E2E_DIR)/test_blob $(APPS_STC) $(E2E_SIM)
	$(Q)tests/e2e/run_e2e.sh $(E2E_SIM) $(APPS_STC) $(APPS_DIR) $(E2E_DIR)/run $(E2E_MODEL) \
	  $(basename $(E2E_MODEL))_expected.txt $(E2E_DIR)/mkbig $(E2E_DIR)/test_blob

# ---- e2e-cosim: the driver's host build against the Verilated accelerator ------------------------------
# sim/accel's harness (accel_sim.cpp, the RAM model) provides st_host_mmio_*; cosim.c is the main program.
E2E_COSIM_DIR   := $(E2E_DIR)/cosim
E2E_COSIM       := $(E2E_COSIM_DIR)/cosim
E2E_COSIM_CSRCS := tests/e2e/cosim.c driver/st_accel.c $(E2E_GOLDEN_SRCS)
E2E_COSIM_OBJS  := $(patsubst %.c,$(E2E_COSIM_DIR)/cobj/%.o,$(E2E_COSIM_CSRCS))
E2E_COSIM_INC   := -Isim/golden -Idriver -Isim/accel
TEST_SUITES     += e2e-cosim

$(E2E_COSIM_DIR)/cobj/%.o: %.c $(E2E_GOLDEN_HDRS) driver/st_accel.h driver/st_mmio.h driver/st_regs.h sim/accel/accel_sim.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -DST_HOST_SIM $(E2E_COSIM_INC) -c $< -o $@

$(E2E_COSIM_DIR)/libcosim.a: $(E2E_COSIM_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(E2E_COSIM): $(E2E_COSIM_DIR)/libcosim.a sim/accel/accel_sim.cpp sim/accel/st_ram_model.cpp sim/accel/st_ram_model.h \
              $$(ACCEL_SIM_RTL) rtl/lint/st_lint.vlt
	@mkdir -p $(E2E_COSIM_DIR)
	@rm -f $@ # Verilator's inner make would not relink for a changed libcosim.a (sim/accel/accel_sim.mk)
	@[ -f rtl/accel/st_accel_top.sv ] || { echo "e2e-cosim: rtl/accel/st_accel_top.sv does not exist yet"; exit 1; }
	$(Q)$(VERILATOR) --cc --exe --build -j 2 $(ACCEL_VFLAGS) --assert -Wno-fatal \
	  --top-module st_accel_top --Mdir $(E2E_COSIM_DIR)/obj -o $(abspath $@) $(ACCEL_PARAMS) \
	  -MAKEFLAGS "OPT_FAST=$(ACCEL_CXX_OPT) OPT_GLOBAL=$(ACCEL_CXX_OPT)" \
	  -CFLAGS "-std=c++14 -Wall -DST_HOST_SIM $(addprefix -I$(CURDIR)/,$(patsubst -I%,%,$(E2E_COSIM_INC)))" \
	  rtl/lint/st_lint.vlt $(ACCEL_SIM_RTL) $(abspath sim/accel/accel_sim.cpp sim/accel/st_ram_model.cpp) \
	  $(abspath $(E2E_COSIM_DIR)/libcosim.a) > $(E2E_COSIM_DIR)/build.log 2>&1 \
	  || { tail -n 30 $(E2E_COSIM_DIR)/build.log; exit 1; }

$(E2E_COSIM_DIR)/image.bin: $(E2E_MODEL) $(APPS_STC)
	@mkdir -p $(@D)
	$(Q)$(APPS_STC) compile $(E2E_MODEL) -o $@ --keep-tensors --count 0 --quiet

.PHONY: test-e2e-cosim
test-e2e-cosim: $(E2E_COSIM) $(E2E_COSIM_DIR)/image.bin
	$(Q)$(E2E_COSIM) $(E2E_COSIM_DIR)/image.bin $(E2E_MODEL) $(basename $(E2E_MODEL)).sti $(or $(SEED),1)
