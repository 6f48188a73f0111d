# SPDX-License-Identifier: Apache-2.0
# rtl/cop/cop.mk - the coprocessor RTL (st_cop: the accelerator's PE array behind a bus slave): its file
# list, lint and synthesis for the iCE40 UP5K, and the suite cop-lint (Verilator -Wall at several
# geometries, every file parsed by Yosys, synth_ice40, all without a warning). Its testbench and test suite
# are tests/cop/cop.mk.

COP_RTL        := rtl/regs/st_regs_pkg.sv rtl/accel/st_accel_popcount.sv rtl/accel/st_accel_pe.sv \
                  rtl/accel/st_accel_array.sv rtl/cop/st_cop.sv
COP_BUILD      := $(BUILD)/cop
# Geometries (NumPe:WbufDepth[:BytesMac], BytesMac 1 when not given) the lint suite checks; cop-synth
# reports COP_SYNTH_GEOMS (NumPe:WbufDepth).
COP_LINT_GEOMS ?= 4:512 8:256 3:384 16:512 2:64 4:512:0
COP_SYNTH_GEOMS ?= 4:512 8:256
HELP_VARS      += COP_LINT_GEOMS COP_SYNTH_GEOMS

HELP_TARGETS += "cop-lint|Verilator -Wall lint of the coprocessor st_cop at every COP_LINT_GEOMS NumPe:WbufDepth" \
                "cop-synth|Yosys synth_ice40 of st_cop: LUT4 / FF / EBR per COP_SYNTH_GEOMS NumPe:WbufDepth"
TEST_SUITES  += cop-lint

.PHONY: cop-lint cop-synth test-cop-lint

# -G options of a lint geometry $$g (NumPe:WbufDepth[:BytesMac])
cop_lint_g = -GNumPe=$$(echo $$g | cut -d: -f1) -GWbufDepth=$$(echo $$g | cut -d: -f2) \
             -GBytesMac=$$(echo $$g: | cut -d: -f3 | sed 's/^$$/1/')

cop-lint:
	$(Q)for g in $(COP_LINT_GEOMS); do \
	  $(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(COP_RTL) --top-module st_cop \
	    $(cop_lint_g) || exit 1; done
	@echo "cop-lint: clean ($(COP_LINT_GEOMS))"

# $(COP_BUILD)/synth-<NumPe>-<WbufDepth>.log
$(COP_BUILD)/synth-%.log: $(COP_RTL)
	@mkdir -p $(@D)
	$(Q)pe=$$(echo $* | cut -d- -f1); d=$$(echo $* | cut -d- -f2); \
	$(YOSYS) -q -l $@.tmp -p "read_verilog -sv $(COP_RTL); chparam -set NumPe $$pe -set WbufDepth $$d st_cop; \
	  synth_ice40 -top st_cop -dsp" >/dev/null && mv $@.tmp $@

cop-synth: $(foreach g,$(COP_SYNTH_GEOMS),$(COP_BUILD)/synth-$(subst :,-,$(g)).log)
	$(Q)for g in $(COP_SYNTH_GEOMS); do \
	  log=$(COP_BUILD)/synth-$${g%%:*}-$${g##*:}.log; \
	  awk -v g="$$g" '/Printing statistics/{p=1} p && /SB_LUT4/{l+=$$2} p && /SB_DFF/{f+=$$2} \
	    p && /SB_RAM40_4K/{e+=$$2} p && /SB_CARRY/{c+=$$2} \
	    END{split(g, a, ":"); printf "cop-synth: NumPe %2d WbufDepth %3d: %5d LUT4 %5d FF %4d carry %3d EBR (of 30)\n", \
	    a[1], a[2], l, f, c, e}' $$log; done

# The suite: one line per check, then "N passed, N failed".
test-cop-lint:
	@mkdir -p $(COP_BUILD)/lint
	$(Q)p=0; f=0; out=$(COP_BUILD)/lint; \
	for g in $(COP_LINT_GEOMS); do \
	  vlog=$$out/verilator-$$(echo $$g | tr : -).log; \
	  if $(VERILATOR) --lint-only -Wall rtl/lint/st_lint.vlt $(COP_RTL) --top-module st_cop \
	       $(cop_lint_g) > $$vlog 2>&1; then \
	    p=$$((p+1)); echo "ok   verilator -Wall st_cop NumPe:WbufDepth[:BytesMac] $$g"; \
	  else f=$$((f+1)); echo "FAIL verilator -Wall st_cop NumPe:WbufDepth[:BytesMac] $$g"; head -n 20 $$vlog; fi; \
	done; \
	log=$$out/parse_st_cop.log; \
	if $(YOSYS) -q -l $$log -p "read_verilog -sv rtl/regs/st_regs_pkg.sv rtl/cop/st_cop.sv" >/dev/null 2>&1 && \
	   ! grep -q "^Warning" $$log; then p=$$((p+1)); echo "ok   yosys read rtl/cop/st_cop.sv"; \
	else f=$$((f+1)); echo "FAIL yosys read rtl/cop/st_cop.sv"; head -n 20 $$log; fi; \
	for g in $(COP_SYNTH_GEOMS); do \
	  log=$$out/synth-$${g%%:*}-$${g##*:}.log; \
	  if $(YOSYS) -q -l $$log -p "read_verilog -sv $(COP_RTL); chparam -set NumPe $${g%%:*} -set WbufDepth $${g##*:} st_cop; \
	       synth_ice40 -top st_cop -dsp" >/dev/null 2>&1 && ! grep -q "^Warning" $$log; then \
	    p=$$((p+1)); echo "ok   yosys synth_ice40 st_cop NumPe:WbufDepth $$g"; \
	  else f=$$((f+1)); echo "FAIL yosys synth_ice40 st_cop NumPe:WbufDepth $$g"; grep -A2 "^Warning\|ERROR" $$log | head -n 20; fi; \
	done; \
	echo "cop-lint: $$p passed, $$f failed"; [ $$f -eq 0 ]
