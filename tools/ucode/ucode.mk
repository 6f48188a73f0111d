# SPDX-License-Identifier: Apache-2.0
# tools/ucode/ucode.mk - the descriptor checker's microprogram: tools/ucode/st_ucode.c holds the table (the
# one source of truth) and assembles it into rtl/accel/st_accel_ucode.sv and st_accel_ucode_pkg.sv and the cycle
# model's header tests/accel/st_accel_ucode.h (committed, like the register files, so that every consumer reads
# them without a build step); accel-ucode-check fails on drift.

UCODE_BUILD := $(BUILD)/ucode
UCODE_SV    := rtl/accel/st_accel_ucode.sv
UCODE_PKG   := rtl/accel/st_accel_ucode_pkg.sv
UCODE_HDR   := tests/accel/st_accel_ucode.h
UCODE_OUT   := $(UCODE_SV) $(UCODE_PKG) $(UCODE_HDR)

HELP_TARGETS += "accel-ucode|assemble tools/ucode/st_ucode.c into $(UCODE_SV), $(UCODE_PKG) and $(UCODE_HDR)" \
                "accel-ucode-check|fail if $(UCODE_SV), $(UCODE_PKG) or $(UCODE_HDR) differs from what tools/ucode/st_ucode.c assembles (suite accel-ucode)"

TEST_SUITES  += accel-ucode

.PHONY: accel-ucode accel-ucode-check test-accel-ucode

$(UCODE_BUILD)/st_ucode: tools/ucode/st_ucode.c driver/st_regs.h
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Idriver $< -o $@

accel-ucode: $(UCODE_BUILD)/st_ucode
	$(Q)$< $(UCODE_OUT)

accel-ucode-check: $(UCODE_BUILD)/st_ucode
	$(Q)$< $(addprefix $(UCODE_BUILD)/,$(notdir $(UCODE_OUT))) >/dev/null
	$(Q)ok=1; for f in $(UCODE_OUT); do \
	  if ! cmp -s $(UCODE_BUILD)/$$(basename $$f) $$f; then ok=0; \
	    echo "accel-ucode-check: $$f drifted from tools/ucode/st_ucode.c; run 'make accel-ucode'"; \
	    diff -u $$f $(UCODE_BUILD)/$$(basename $$f) | head -20; fi; done; \
	[ $$ok = 1 ] && echo "accel-ucode-check: $(UCODE_OUT) match tools/ucode/st_ucode.c"

# Suite accel-ucode: the table assembles (every step passes the assembler's checks, its pipeline
# simulation included), the three committed files are what it assembles, and the pipeline simulation
# rejects the hazards it must and counts the cycles it should on small programs (st_ucode --selftest).
test-accel-ucode: $(UCODE_BUILD)/st_ucode
	$(Q)p=0; f=0; \
	if $< $(addprefix $(UCODE_BUILD)/,$(notdir $(UCODE_OUT))); then p=$$((p + 1)); \
	else echo "FAIL the table does not assemble"; f=$$((f + 1)); fi; \
	if $< --selftest 2>/dev/null; then p=$$((p + 1)); \
	else echo "FAIL st_ucode --selftest"; f=$$((f + 1)); fi; \
	for x in $(UCODE_OUT); do \
	  if cmp -s $(UCODE_BUILD)/$$(basename $$x) $$x; then echo "ok   $$x matches the table"; p=$$((p + 1)); \
	  else echo "FAIL $$x drifted from tools/ucode/st_ucode.c (make accel-ucode)"; f=$$((f + 1)); fi; done; \
	echo "accel-ucode: $$p passed, $$f failed"; [ $$f -eq 0 ]
