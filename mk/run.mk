# SPDX-License-Identifier: Apache-2.0
# mk/run.mk - the product flow: compile a model for the accelerator (stc compile), link it into the
# applications of firmware/apps/ (infer, swref, selftest), and `make run`: infer and swref on the SoC
# simulator for the default model, with predictions, cycles per inference, the speedup over swref and the
# bit-exactness against the host golden model.
#
# Read after firmware/common/firmware.mk (sorted order), so FW_* and .SECONDEXPANSION are set; read before
# tools/stc/stc.mk, so stc's path is spelled out here (the rule that builds it is stc.mk's).

APPS_DIR      := $(BUILD)/apps
APPS_STC      := $(BUILD)/tools/stc
APPS_SIM      := $(BUILD)/sim/soc/st_soc_sim
# The default model: the shipped trained model marked "default" in models/models.json, else the one with the
# best accuracy there, else the first model (tools/bench/models.py); its samples: models.json's, else the .sti
# beside it.
APPS_MODELS_PY := /usr/bin/python3 tools/bench/models.py
RUN_MODEL     ?= $(or $(if $(wildcard models/models.json),$(shell $(APPS_MODELS_PY) default)),models/first/first.stm)
RUN_SAMPLES   ?= $(if $(wildcard models/models.json),$(shell $(APPS_MODELS_PY) samples $(RUN_MODEL)),$(basename $(RUN_MODEL)).sti)
RUN_COUNT     ?= 20
SWREF_COUNT   ?= 1
RUN_TIMEOUT   ?= 2000000000
HELP_VARS     += RUN_MODEL RUN_SAMPLES RUN_COUNT SWREF_COUNT

HELP_TARGETS += "run-soc|infer + swref for RUN_MODEL in the SoC simulator (what make run does once the accelerator exists)" \
                "run-golden|the default model on its samples with the host golden model only (stc eval)" \
                "apps|build infer, swref and selftest for RUN_MODEL into $(APPS_DIR)/default/" \
                "selftest|run selftest (hardware vs software layer by layer, random data) in the SoC simulator"

# Firmware objects every application links: the driver, the shared application code, the golden model's
# bit-plane path (swref, mismatch localisation, selftest) and its CRC / names (st_model.c).
APP_SHARED_SRCS := driver/st_accel.c driver/st_cop.c firmware/apps/st_app.c firmware/apps/st_app_cop.c sim/golden/st_bitplane.c sim/golden/st_layer.c \
                   sim/golden/st_pack.c sim/golden/st_golden.c sim/golden/st_model.c
APP_INC         := -Isim/golden -Ifirmware/apps
APP_HDRS        := firmware/apps/st_app.h firmware/apps/st_app_image.h driver/st_accel.h driver/st_cop.h driver/st_desc.h \
                   driver/st_regs.h driver/st_mmio.h sim/golden/st_golden.h sim/golden/st_model.h
# The applications put their code in the first 32 KiB of RAM and everything else (image, samples, stack)
# in the remaining 96 KiB: the split stc compile's default --ram-budget assumes (docs/driver.md §5).
# Every application links picolibc's integer-only printf (none prints a floating-point value): about 7 KiB
# of the 32 KiB code region (the cop app is 26.5 KiB with it and was over without it; e2e's infer variant
# with the interrupt path came within 36 bytes of the limit). The means over samples go through
# st_app_mean, not libgcc's 64-bit division (about 1 KiB): the CIFAR-10 cop app's code is 31,436 bytes
# and the interrupt-mode infer's 24,308 (25,244 with the division), measured with objdump -h.
APP_LDFLAGS     := -Wl,--defsym=__st_code_size=0x8000 -DPICOLIBC_INTEGER_PRINTF_SCANF
APP_NAMES       := infer swref selftest example faults profile cop

app_obj = $(patsubst %,$(FW_BUILD)/obj/%.o,$(1))
$(call app_obj,$(APP_SHARED_SRCS)): FW_EXTRA_CFLAGS = $(APP_INC)
$(call app_obj,$(APP_SHARED_SRCS)): $(APP_HDRS)

# ---- one image + one application build -------------------------------------------------------------------
# $(call APP_VARIANT,variant,model,stc-flags): $(APPS_DIR)/variant/image.c and its object.
# image.cmd records the stc command line, so that changing the model or the options rebuilds the image.
define APP_VARIANT
$(APPS_DIR)/$(1)/image.cmd: apps-always
	@mkdir -p $$(@D)
	@echo '$(2) $(3)' | cmp -s - $$@ || echo '$(2) $(3)' > $$@
$(APPS_DIR)/$(1)/image.c: $(2) $(APPS_STC) $(APPS_DIR)/$(1)/image.cmd
	@mkdir -p $$(@D)
	$$(Q)$(APPS_STC) compile $(2) -o $$@ --quiet $(3)
$(APPS_DIR)/$(1)/image.o: $(APPS_DIR)/$(1)/image.c firmware/apps/st_app_image.h sim/golden/st_model.h
	$$(Q)$$(FW_CC) $$(FW_CFLAGS) $(APP_INC) -c $$< -o $$@
endef

# $(call APP_ELF,variant,app,cflags): $(APPS_DIR)/variant/app.elf from firmware/apps/app/app.c built with
# the extra cflags, the shared objects, the runtime and the variant's image; linked with APP_LDFLAGS_<app>.
define APP_ELF
$(APPS_DIR)/$(1)/$(2).o: firmware/apps/$(2)/$(2).c $(APP_HDRS) firmware/common/st_rt.h
	@mkdir -p $$(@D)
	$$(Q)$$(FW_CC) $$(FW_CFLAGS) $(APP_INC) $(3) -c $$< -o $$@
$(APPS_DIR)/$(1)/$(2).elf: $(APPS_DIR)/$(1)/$(2).o $(APPS_DIR)/$(1)/image.o $(call app_obj,$(APP_SHARED_SRCS)) \
                           $(FW_COMMON_OBJS) firmware/common/link.ld
	$$(Q)$$(FW_CC) $$(FW_LDFLAGS) $(APP_LDFLAGS) $(APP_LDFLAGS_$(2)) -Wl,-Map=$$(@:.elf=.map) -o $$@ $$(filter %.o,$$^)
endef
# APP_LDFLAGS_<app>: extra link flags of one application (none today).

# The default model's applications (what `make run` and `make selftest` use).
$(eval $(call APP_VARIANT,default,$(RUN_MODEL),--samples $(RUN_SAMPLES) --count $(RUN_COUNT) --fit))
$(eval $(call APP_ELF,default,infer,))
$(eval $(call APP_ELF,default,swref,-DST_SWREF_SAMPLES=$(SWREF_COUNT)u))
$(eval $(call APP_ELF,default,selftest,))
$(eval $(call APP_ELF,default,example,))
$(eval $(call APP_ELF,default,faults,))
$(eval $(call APP_ELF,default,profile,))
$(eval $(call APP_ELF,default,cop,))

# firmware.mk also links every firmware/apps/<app>/ on its own (`make fw`): give it the same pieces.
$(foreach a,$(APP_NAMES),$(eval FW_SRCS_$(a) := $(APP_SHARED_SRCS) $(APPS_DIR)/default/image.c))
$(foreach a,$(APP_NAMES),$(eval FW_CFLAGS_$(a) := $(APP_INC)))
$(call app_obj,$(APPS_DIR)/default/image.c): FW_EXTRA_CFLAGS = $(APP_INC)
$(foreach a,$(APP_NAMES),$(eval $(FW_BUILD)/apps/$(a)/$(a).elf: FW_LDFLAGS += $(APP_LDFLAGS)))

.PHONY: run run-golden apps selftest apps-always
apps-always:
apps: $(foreach a,$(APP_NAMES),$(APPS_DIR)/default/$(a).elf)

# ---- make run ------------------------------------------------------------------------------------------------
# The SoC flow when the SoC has the accelerator (rtl/soc/soc.mk adds it once rtl/accel/st_accel_top.sv
# exists), else the host golden model. Expanded after every fragment is read (.SECONDEXPANSION), because
# soc.mk sorts after this file. BOOT=flash: the same infer, booted from a flash image by the boot ROM
# (firmware/boot/boot.mk: run-flash).
run: $$(if $$(filter flash,$$(BOOT)),run-flash,$$(if $$(filter 1,$$(SOC_COP)),run-cop,$$(if $$(SOC_ACCEL_RTL),run-soc,run-golden-note)))

# SOC_COP=1: the SoC with the coprocessor (the UP5K build), the cop application: sample 0 layer by layer
# with the coprocessor and on the CPU alone, then every sample, each checked against the golden model.
.PHONY: run-cop
run-cop: deps $(APPS_STC) $$(SOC_SIM) $(APPS_DIR)/default/cop.elf
	$(Q)$(APPS_STC) info $(RUN_MODEL)
	@echo
	$(Q)$(SOC_SIM) +firmware=$(APPS_DIR)/default/cop.elf +timeout=$(RUN_TIMEOUT)

.PHONY: run-golden-note
run-golden-note: run-golden
	@echo
	@echo "make run: the SoC has no accelerator (rtl/accel/st_accel_top.sv is missing); this was the host"
	@echo "          golden model."

.PHONY: run-soc
run-soc: deps $(APPS_STC) $(APPS_SIM) apps
	$(Q)$(APPS_STC) info $(RUN_MODEL)
	@echo
	$(Q)tools/bench/run_model.sh --sim $(APPS_SIM) --stc $(APPS_STC) --dir $(APPS_DIR)/default \
	  --model $(RUN_MODEL) --samples $(RUN_SAMPLES) --timeout $(RUN_TIMEOUT)

run-golden: deps $(APPS_STC)
	$(Q)$(APPS_STC) info $(RUN_MODEL)
	@echo
	$(Q)$(APPS_STC) eval $(RUN_MODEL) $(RUN_SAMPLES) --verbose

selftest: $(APPS_SIM) $(APPS_DIR)/default/selftest.elf
	$(Q)$(APPS_SIM) +firmware=$(APPS_DIR)/default/selftest.elf +timeout=$(RUN_TIMEOUT) $(if $(SEED),+uart_in='seed=$(SEED)\n' +uart_in_delay=100000)
