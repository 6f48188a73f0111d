# SPDX-License-Identifier: Apache-2.0
# tools/bench/bench.mk - `make bench`: for every shipped model (tools/bench/models.py list), infer, swref
# and profile in the SoC simulator: cycles per inference, per-layer cycles and utilisation, the software
# baseline and the speedup, simulator speed. Results: $(BENCH_DIR)/e2e.json, e2e.md, e2e_layers.png.
# Read after mk/run.mk (APP_VARIANT, APP_ELF).

BENCH_DIR      := $(BUILD)/bench
BENCH_COUNT    ?= 10
BENCH_SW_COUNT ?= 1
BENCH_SIM      ?= $(BUILD)/sim/soc/st_soc_sim
HELP_VARS      += BENCH_COUNT BENCH_SW_COUNT BENCH_SIM
HELP_TARGETS   += "bench|every shipped model on the SoC: cycles/inference, per-layer cycles, swref speedup -> $(BENCH_DIR)/e2e.{json,md,png}"

# "model.stm:samples.sti" pairs; one firmware variant per model: $(APPS_DIR)/bench-<name>/
BENCH_PAIRS  := $(if $(wildcard models/models.json),$(shell /usr/bin/python3 tools/bench/models.py list),models/first/first.stm:models/first/first.sti)
bench_model   = $(word 1,$(subst :, ,$(1)))
bench_samples = $(word 2,$(subst :, ,$(1)))
bench_name    = bench-$(notdir $(basename $(call bench_model,$(1))))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_VARIANT,$(call bench_name,$(p)),$(call bench_model,$(p)),--samples $(call bench_samples,$(p)) --count $(BENCH_COUNT) --fit)))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call bench_name,$(p)),infer,)))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call bench_name,$(p)),swref,-DST_SWREF_SAMPLES=$(BENCH_SW_COUNT)u)))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call bench_name,$(p)),profile,)))
BENCH_ELFS := $(foreach p,$(BENCH_PAIRS),$(addprefix $(APPS_DIR)/$(call bench_name,$(p))/,infer.elf swref.elf profile.elf))

.PHONY: bench
bench: $(BENCH_ELFS) $(BENCH_SIM)
	$(Q)tools/bench/bench.sh $(BENCH_SIM) $(APPS_DIR) $(BENCH_DIR) $(foreach p,$(BENCH_PAIRS),$(call bench_model,$(p)))

# ---- suite shipped: every shipped model's first SHIP_COUNT samples, bit-exact on the SoC (make test) ----------
SHIP_COUNT   ?= 2
HELP_VARS    += SHIP_COUNT
HELP_TARGETS += "test-shipped|suite shipped: every shipped model's first SHIP_COUNT samples through infer on the SoC, bit-exact"
TEST_SUITES  += shipped
ship_name     = ship-$(notdir $(basename $(call bench_model,$(1))))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_VARIANT,$(call ship_name,$(p)),$(call bench_model,$(p)),--samples $(call bench_samples,$(p)) --count $(SHIP_COUNT) --fit)))
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call ship_name,$(p)),infer,)))

.PHONY: test-shipped
test-shipped: $(foreach p,$(BENCH_PAIRS),$(APPS_DIR)/$(call ship_name,$(p))/infer.elf) $(BENCH_SIM)
	$(Q)tools/bench/test_shipped.sh $(BENCH_SIM) $(APPS_DIR) $(foreach p,$(BENCH_PAIRS),$(call bench_model,$(p)))

# ---- suite cop-shipped: the same, through the cop app on the SoC with the coprocessor (SOC_COP=1) ---------------
# The coprocessor's SoC simulator is a build of its own ($(BUILD)/sim/soc-cop), made by a make of its own
# (SOC_COP selects the SoC's RTL list when the makefiles are read).
COP_SOC_SIM  := $(BUILD)/sim/soc-cop/st_soc_sim
HELP_TARGETS += "test-cop-shipped|suite cop-shipped: every shipped model's first SHIP_COUNT samples through the cop app on the SoC with the coprocessor, bit-exact"
TEST_SUITES  += cop-shipped
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call ship_name,$(p)),cop,-DST_COP_SAMPLES=$(SHIP_COUNT)u -DST_COP_LAYERS=0)))

.PHONY: test-cop-shipped cop-soc-sim
cop-soc-sim:
	$(Q)$(MAKE) --no-print-directory SOC_COP=1 sim

test-cop-shipped: $(foreach p,$(BENCH_PAIRS),$(APPS_DIR)/$(call ship_name,$(p))/cop.elf) cop-soc-sim
	$(Q)tools/bench/test_shipped.sh --cop $(COP_SOC_SIM) $(APPS_DIR) $(foreach p,$(BENCH_PAIRS),$(call bench_model,$(p)))

# ---- make bench-cop: the shipped models on the SoC with the coprocessor ---------------------------------------
HELP_TARGETS += "bench-cop|every shipped model on the SoC with the coprocessor: cycles/inference, per layer vs the CPU alone -> $(BENCH_DIR)/cop.{json,md}"
$(foreach p,$(BENCH_PAIRS),$(eval $(call APP_ELF,$(call bench_name,$(p)),cop,-DST_COP_SAMPLES=$(BENCH_COUNT)u)))

.PHONY: bench-cop
bench-cop: $(foreach p,$(BENCH_PAIRS),$(APPS_DIR)/$(call bench_name,$(p))/cop.elf) cop-soc-sim
	$(Q)tools/bench/bench_cop.sh $(COP_SOC_SIM) $(APPS_DIR) $(BENCH_DIR) $(foreach p,$(BENCH_PAIRS),$(call bench_model,$(p)))
