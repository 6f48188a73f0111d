# SPDX-License-Identifier: Apache-2.0
# tools/ucode/ucode.mk - the descriptor checker's microprogram: tools/ucode/st_ucode.c holds the table (the
# one source of truth) and assembles it into rtl/accel/st_accel_ucode.sv (committed, like the register
# files, so that every RTL consumer reads it without a build step); accel-ucode-check fails on drift.

UCODE_BUILD := $(BUILD)/ucode
UCODE_SV    := rtl/accel/st_accel_ucode.sv

HELP_TARGETS += "accel-ucode|assemble tools/ucode/st_ucode.c into $(UCODE_SV)" \
                "accel-ucode-check|fail if $(UCODE_SV) differs from what tools/ucode/st_ucode.c assembles"

.PHONY: accel-ucode accel-ucode-check

$(UCODE_BUILD)/st_ucode: tools/ucode/st_ucode.c driver/st_regs.h
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Idriver $< -o $@

accel-ucode: $(UCODE_BUILD)/st_ucode
	$(Q)$< $(UCODE_SV)

accel-ucode-check: $(UCODE_BUILD)/st_ucode
	$(Q)$< $(UCODE_BUILD)/st_accel_ucode.sv >/dev/null
	$(Q)if cmp -s $(UCODE_BUILD)/st_accel_ucode.sv $(UCODE_SV); then \
	  echo "accel-ucode-check: $(UCODE_SV) matches tools/ucode/st_ucode.c"; \
	else echo "accel-ucode-check: $(UCODE_SV) drifted from tools/ucode/st_ucode.c; run 'make accel-ucode'"; \
	  diff -u $(UCODE_SV) $(UCODE_BUILD)/st_accel_ucode.sv | head -20; exit 1; fi
