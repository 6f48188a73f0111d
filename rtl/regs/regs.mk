# SPDX-License-Identifier: Apache-2.0
# rtl/regs/regs.mk - the register map: one source (st_regs.def), three generated files, a drift check.

REGS_DEF  := rtl/regs/st_regs.def
REGS_GEN  := $(BUILD)/tools/st_reggen
REGS_OUT  := rtl/regs/st_regs_pkg.sv driver/st_regs.h docs/registers.md
VERILATOR ?= verilator
HELP_VARS += VERILATOR

HELP_TARGETS += "regs|regenerate rtl/regs/st_regs_pkg.sv, driver/st_regs.h, docs/registers.md" \
                "regs-check|fail if a generated register file differs from rtl/regs/st_regs.def"
TEST_SUITES += regs

$(REGS_GEN): tools/reggen/st_reggen.c $(REGS_DEF)
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O1 -Wall -Wextra -Werror -o $@ $<

.PHONY: regs regs-check test-regs
regs: $(REGS_GEN)
	$(Q)$(REGS_GEN) --sv rtl/regs/st_regs_pkg.sv --c driver/st_regs.h --md docs/registers.md

regs-check: $(REGS_GEN)
	@mkdir -p $(BUILD)/regs
	$(Q)$(REGS_GEN) --sv $(BUILD)/regs/st_regs_pkg.sv --c $(BUILD)/regs/st_regs.h --md $(BUILD)/regs/registers.md
	$(Q)ok=1; for f in $(REGS_OUT); do \
	  if ! cmp -s $$f $(BUILD)/regs/$$(basename $$f); then \
	    echo "regs-check: $$f drifted from $(REGS_DEF); run 'make regs'"; diff -u $$f $(BUILD)/regs/$$(basename $$f) | head -20; ok=0; \
	  fi; done; [ $$ok = 1 ] && echo "regs-check: generated files match $(REGS_DEF)"

test-regs: $(REGS_GEN)
	$(Q)tests/regs/test_regs.sh $(BUILD)/regs-test $(REGS_GEN) "$(CC)" "$(VERILATOR)"
