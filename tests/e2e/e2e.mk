# SPDX-License-Identifier: Apache-2.0
# tests/e2e/e2e.mk - end-to-end tests of the product path (model -> stc compile -> firmware + driver ->
# accelerator in the SoC simulator), and their host-side pieces. Suites:
#   e2e-host   the golden model's band API that swref uses (random layers, SEED=)

E2E_DIR          := $(BUILD)/e2e
E2E_GOLDEN_SRCS  := $(filter-out sim/golden/st_model_write.c,$(wildcard sim/golden/*.c))
E2E_GOLDEN_HDRS  := $(wildcard sim/golden/*.h)
E2E_BAND_LAYERS  ?= 2000
HELP_VARS        += E2E_BAND_LAYERS

TEST_SUITES += e2e-host

.PHONY: test-e2e-host
$(E2E_DIR)/test_bands: tests/e2e/test_bands.c tests/accel/st_randnet.c tests/accel/st_randnet.h $(E2E_GOLDEN_SRCS) $(E2E_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -Isim/golden -Itests/accel -o $@ tests/e2e/test_bands.c tests/accel/st_randnet.c \
	  $(E2E_GOLDEN_SRCS)

test-e2e-host: $(E2E_DIR)/test_bands
	$(Q)$(E2E_DIR)/test_bands "$(SEED)" $(E2E_BAND_LAYERS)
