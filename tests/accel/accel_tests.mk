# SPDX-License-Identifier: Apache-2.0
# tests/accel/accel_tests.mk - accelerator verification suites:
#   accel-ram        unit tests of the testbench's RAM model (wait states, checkers)
#   accel-image      the image builder (tools/compile) on random layers / chains, proved with the
#                    descriptor-level reference; error paths
#   accel-image-asan accel-image (300 networks) under ASan / UBSan
#   accel-image-rv32 the image builder compiles freestanding for rv32im and needs nothing beyond the golden
#                    model and libgcc
#   accel-sweep      RTL: random layers + chains with random wait states, bit-exact against the golden model
#   accel-directed   RTL: every ACCEL error code, soft reset mid-layer, back-to-back chains, IRQ, counters,
#                    CAPS / ID / VERSION, random malformed descriptors against the reference's verdict
#   accel-bench      RTL: representative layers, cycles vs docs/accelerator.md §4 and array utilisation
# `make test-rtl-full` runs the long sweep (ACCEL_FULL_LAYERS layers, ACCEL_FULL_CHAINS chains).

ACCEL_TEST_DIR      := $(BUILD)/accel_test
ACCEL_SWEEP_LAYERS  ?= 300
ACCEL_SWEEP_CHAINS  ?= 20
ACCEL_FULL_LAYERS   ?= 2000
ACCEL_FULL_CHAINS   ?= 100
ACCEL_IMAGE_COUNT   ?= 600
HELP_VARS           += ACCEL_SWEEP_LAYERS ACCEL_SWEEP_CHAINS ACCEL_FULL_LAYERS ACCEL_FULL_CHAINS

HELP_TARGETS += "bench-accel|cycles of representative, ResNet-8 and Fashion-MNIST layers vs the cycle model, utilisation -> build/bench/accel.json" \
                "test-rtl-full|the full accelerator sweep: ACCEL_FULL_LAYERS layers + ACCEL_FULL_CHAINS chains (SEED=)" \
                "test-rtl-configs|sweep + directed tests on the other array configurations of accel_sim.mk (SEED=)"
TEST_SUITES  += accel-ram accel-image accel-image-asan
ifneq ($(shell command -v $(GOLDEN_RV32_CC) 2>/dev/null),)
TEST_SUITES  += accel-image-rv32
endif
# The RTL suites join `make test` once the accelerator's top exists.
ifneq ($(wildcard rtl/accel/st_accel_top.sv),)
TEST_SUITES  += accel-sweep accel-directed accel-bench
# the small (SimdWidth 8, FifoDepth 2 in flip-flops, BUF_SMALL reachable) and wide (32 x 16, FifoDepth 8) arrays: 13 s
# of runs, two more Verilator builds
TEST_SUITES  += rtl-configs
endif

.PHONY: test-accel-ram test-accel-image test-accel-image-asan test-accel-image-rv32 test-accel-sweep test-accel-directed test-rtl-full \
        test-rtl-configs test-accel-bench bench-accel

$(ACCEL_TEST_DIR):
	@mkdir -p $@

$(ACCEL_TEST_DIR)/ram_model_test: tests/accel/ram_model_test.cpp sim/accel/st_ram_model.cpp sim/accel/st_ram_model.h
	@mkdir -p $(@D)
	$(Q)$(CXX) -std=c++14 -O2 -g -Wall -Wextra -Werror -Isim/accel tests/accel/ram_model_test.cpp \
	  sim/accel/st_ram_model.cpp -o $@

test-accel-ram: $(ACCEL_TEST_DIR)/ram_model_test
	$(Q)$<

ACCEL_IMAGE_SRCS := tests/accel/image_test.c tests/accel/st_randnet.c tests/accel/st_desc_ref.c tests/accel/st_check.c \
                    tools/compile/st_image.c $(filter-out sim/golden/st_model_write.c,$(wildcard sim/golden/*.c))

$(ACCEL_TEST_DIR)/image_test: $(ACCEL_IMAGE_SRCS) $(ACCEL_TEST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -Isim/golden -Itools/compile -Idriver -Itests/accel $(ACCEL_IMAGE_SRCS) -o $@

test-accel-image: $(ACCEL_TEST_DIR)/image_test
	$(Q)$< "$(SEED)" $(ACCEL_IMAGE_COUNT)

# The same host test under ASan / UBSan (the builder and the reference index a lot of packed words).
$(ACCEL_TEST_DIR)/image_test_asan: $(ACCEL_IMAGE_SRCS) $(ACCEL_TEST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) -std=c99 -O1 -g -Wall -Wextra -Werror $(SAN_FLAGS) -Isim/golden -Itools/compile -Idriver -Itests/accel \
	  $(ACCEL_IMAGE_SRCS) -o $@

test-accel-image-asan: $(ACCEL_TEST_DIR)/image_test_asan
	$(Q)$< "$(SEED)" 300

test-accel-image-rv32:
	$(Q)tests/golden/check_rv32.sh $(GOLDEN_RV32_CC) "$(GOLDEN_RV32_FLAGS) -std=c99 -Idriver -Itools/compile" \
	  $(ACCEL_TEST_DIR)/rv32 sim/golden tools/compile/st_image.c $(GOLDEN_SRCS) sim/golden/st_model.c

test-accel-sweep: $(ACCEL_SIM)
	$(Q)$(ACCEL_SIM) sweep +seed=$(SEED) layers=$(ACCEL_SWEEP_LAYERS) chains=$(ACCEL_SWEEP_CHAINS)

test-accel-directed: $(ACCEL_SIM)
	$(Q)$(ACCEL_SIM) directed +seed=$(SEED)

# Representative layers: cycles vs the cycle model and array utilisation (each also checked bit-exact).
test-accel-bench bench-accel: $(ACCEL_SIM)
	@mkdir -p $(BUILD)/bench
	$(Q)$(ACCEL_SIM) bench +seed=$(SEED) json=$(BUILD)/bench/accel.json

test-rtl-full: $(ACCEL_SIM)
	$(Q)$(ACCEL_SIM) sweep +seed=$(SEED) layers=$(ACCEL_FULL_LAYERS) chains=$(ACCEL_FULL_CHAINS)

# Each configuration: 500 layers + 40 chains and the directed suite; the counts add up in one summary line.
test-rtl-configs: $(ACCEL_CONFIG_SIMS) | $(ACCEL_TEST_DIR)
	$(Q)p=0; f=0; for c in $(ACCEL_CONFIGS); do \
	  for suite in "sweep layers=500 chains=40" directed; do \
	    echo "== $$c: $$suite"; \
	    log=$(ACCEL_TEST_DIR)/config-$$c-$${suite%% *}.log; \
	    $(BUILD)/accel_sim_$$c/accel_sim $$suite +seed=$(SEED) > $$log 2>&1; rc=$$?; \
	    grep -E "FAIL|^ *[a-z]+: |SEED=" $$log | grep -v "^ok" | tail -n 40; \
	    line=$$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' $$log | tail -n 1); \
	    a=$$(echo "$$line" | sed -E 's/.* ([0-9]+) passed.*/\1/'); b=$$(echo "$$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/'); \
	    if [ -z "$$line" ]; then a=0; b=1; fi; if [ $$rc -ne 0 ] && [ "$$b" = 0 ]; then b=1; fi; \
	    p=$$((p + a)); f=$$((f + b)); \
	  done; done; echo "rtl-configs: $$p passed, $$f failed"; [ $$f -eq 0 ]
