# SPDX-License-Identifier: Apache-2.0
# firmware/boot/boot.mk - the boot ROM (flash / UART loader), boot images, the boot simulator and the boot
# path's tests (suite `boot`). The board flow itself is fpga/icebreaker/fpga.mk; docs/fpga.md explains it.
#
# Read before fpga/icebreaker/fpga.mk and sim/soc/soc_sim.mk (sorted order): what this file needs from
# them is expanded late (recipes, $$ prerequisites under .SECONDEXPANSION, set in firmware.mk).

.SECONDEXPANSION:

# ---- The board clock (also the PLL target of fpga/icebreaker/fpga.mk) ----------------------------------
FPGA_MHZ      ?= 24
# The frequency the PLL achieves for FPGA_MHZ from 12 MHz (icepll), in Hz: the boot ROM's UART divisor
# and the latency figures use it.
FPGA_CLK_HZ   := $(shell awk -v m="$$(icepll -i 12 -o $(FPGA_MHZ) 2>/dev/null | awk '/achieved/ {print $$2}')" \
                   'BEGIN {if (m == "") m = $(FPGA_MHZ); printf "%d", m * 1000000 + 0.5}')
HELP_VARS     += FPGA_MHZ

# ---- The boot ROM ------------------------------------------------------------------------------------------
BOOT_DIR        := $(BUILD)/boot
BOOT_ELF        := $(BOOT_DIR)/boot.elf
BOOT_HEX        := $(BOOT_DIR)/boot.hex
BOOT_ROM_WORDS  := 768
BOOT_SRCS       := firmware/boot/start.S firmware/boot/boot.c
BOOT_HDRS       := firmware/boot/st_boot_image.h driver/st_regs.h
BOOT_FLASH_OFFSET ?= 0x100000
BOOT_BAUD       ?= 115200
HELP_VARS       += BOOT_FLASH_OFFSET BOOT_BAUD

# The configuration the ROM is built for; rewritten only when it changes, so the ROM (and the bitstream,
# and the boot simulator) are rebuilt exactly then.
BOOT_CFG_LINE = -DBOOT_CLK_HZ=$(FPGA_CLK_HZ)u -DBOOT_BAUD=$(BOOT_BAUD)u -DBOOT_FLASH_OFFSET=$(BOOT_FLASH_OFFSET)u
.PHONY: boot-cfg-force
$(BOOT_DIR)/boot.cfg: boot-cfg-force
	@mkdir -p $(@D)
	@echo '$(BOOT_CFG_LINE)' | cmp -s - $@ || echo '$(BOOT_CFG_LINE)' > $@

$(BOOT_ELF): $(BOOT_SRCS) $(BOOT_HDRS) firmware/boot/boot.ld $(BOOT_DIR)/boot.cfg
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_ARCH_FLAGS) -Os -msave-restore -g -std=c11 -Wall -Wextra -Werror -ffreestanding -nostdlib \
	  -nostartfiles -ffunction-sections -Idriver -Ifirmware/boot $$(cat $(BOOT_DIR)/boot.cfg) \
	  -Wl,--defsym=__boot_rom_size=$$(( $(BOOT_ROM_WORDS) * 4 )) -T firmware/boot/boot.ld -Wl,--gc-sections \
	  -Wl,--no-warn-rwx-segments -Wl,-Map=$(BOOT_DIR)/boot.map -o $@ $(BOOT_SRCS) -lgcc
	$(Q)$(FW_OBJDUMP) -d $@ > $(BOOT_DIR)/boot.lst

$(BOOT_HEX): $(BOOT_ELF)
	$(Q)$(FW_OBJCOPY) -O verilog --verilog-data-width=4 --change-addresses=-0x00100000 $< $@

# ---- Boot images (tools/mkimage) -----------------------------------------------------------------------------
MKIMAGE := $(BUILD)/tools/st_mkimage
UPLOAD  := $(BUILD)/tools/st_upload
$(MKIMAGE): tools/mkimage/st_mkimage.c firmware/boot/st_boot_image.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -Ifirmware/boot -o $@ $<
$(UPLOAD): tools/mkimage/st_upload.c firmware/boot/st_boot_image.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -D_DEFAULT_SOURCE -Ifirmware/boot -o $@ $<

# Any firmware ELF -> its boot image: $(BUILD)/boot/img/<path of the ELF under $(BUILD)>.img
$(BOOT_DIR)/img/%.img: $(BUILD)/%.elf $(MKIMAGE)
	@mkdir -p $(@D)
	$(Q)$(MKIMAGE) $< -o $@ > /dev/null

# The boot path's test program (firmware/boot/tests/bootapp.c) with the firmware runtime.
BOOT_APP_ELF := $(BOOT_DIR)/bootapp.elf
$(BOOT_APP_ELF): $$(FW_BUILD)/obj/firmware/boot/tests/bootapp.c.o $$(FW_COMMON_OBJS) firmware/common/link.ld
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_LDFLAGS) -o $@ $(filter %.o,$^)

# ---- The boot simulator: the SoC simulator with the board's reset vector and boot ROM -------------------
# Same harness and RTL as $(SOC_SIM); the core starts in the boot ROM, which loads the application from
# the flash model (+flash=) or the UART, exactly as on the board.
# SOC_COP=1 (rtl/soc/soc.mk, read after this file: spelled out here): the SoC with the coprocessor, in its
# own folder.
BOOT_SIM_DIR := $(BUILD)/sim/soc-boot$(if $(filter 1,$(SOC_COP)),-cop)
BOOT_SIM     := $(BOOT_SIM_DIR)/st_soc_sim
# tRES1 (3 us) at the board clock, for the flash model
BOOT_SIM_ARGS = +flash_pd +flash_wake=$$(( $(FPGA_CLK_HZ) * 3 / 1000000 + 1 ))

$(BOOT_SIM): $$(SOC_SIM_SRCS) $$(SOC_SIM_HDRS) $$(SOC_ALL_RTL) $(BOOT_HEX) rtl/lint/st_lint.vlt
	@mkdir -p $(BOOT_SIM_DIR)
	$(Q)$(VERILATOR) --cc --exe --build -j 2 $(SOC_VFLAGS) --trace-fst --assert \
	  --top-module st_soc_top --Mdir $(BOOT_SIM_DIR)/obj -o $(abspath $@) \
	  +define+ST_SIM_BACKDOOR $(SOC_DEFINES) -GResetVector=32\'h00100000 -GBootRomWords=$(BOOT_ROM_WORDS) \
	  -GBootRomFile='"$(abspath $(BOOT_HEX))"' \
	  -Wno-fatal -MAKEFLAGS "OPT_FAST=$(SOC_SIM_CXX_OPT) OPT_GLOBAL=$(SOC_SIM_CXX_OPT)" \
	  -CFLAGS "-std=c++17 -Wall $(SOC_SIM_CDEFS)" \
	  rtl/lint/st_lint.vlt $(SOC_ALL_RTL) $(abspath $(SOC_SIM_SRCS)) > $(BOOT_SIM_DIR)/build.log 2>&1 \
	  || { tail -n 30 $(BOOT_SIM_DIR)/build.log; exit 1; }

HELP_TARGETS += "boot|build the boot ROM ($(BOOT_HEX)), the image tools and the boot simulator" \
                "run-flash|make run BOOT=flash: the default model's infer app (cop with SOC_COP=1) as a flash image, booted by the boot ROM in the simulator" \
                "image|boot image of APP=path/to/app.elf -> $(BOOT_DIR)/img/... (tools/mkimage)"
TEST_SUITES  += boot

.PHONY: boot run-flash image test-boot
boot: $(BOOT_HEX) $(MKIMAGE) $(UPLOAD) $(BOOT_SIM)
	$(Q)$(FW_SIZE) $(BOOT_ELF)

APP ?=
HELP_VARS += APP BOOT
image: $(MKIMAGE)
	@[ -n "$(APP)" ] || { echo "image: pass APP=path/to/app.elf"; exit 2; }
	@mkdir -p $(BOOT_DIR)
	$(Q)$(MKIMAGE) $(APP) -o $(BOOT_DIR)/$(notdir $(basename $(APP))).img
	$(Q)$(MKIMAGE) --info $(BOOT_DIR)/$(notdir $(basename $(APP))).img

# `make run BOOT=flash` (mk/run.mk) lands here: the default model's `infer` app (`cop` with SOC_COP=1, the
# board's SoC), built as for `make run`, becomes a flash image at BOOT_FLASH_OFFSET; the boot simulator
# wakes the flash, checks and copies it and runs it.
RUN_FLASH_IMG := $(BOOT_DIR)/img/apps/default/$(if $(filter 1,$(SOC_COP)),cop,infer).img
run-flash: $(BOOT_SIM) $(RUN_FLASH_IMG)
	$(Q)$(MKIMAGE) --info $(RUN_FLASH_IMG)
	@echo
	$(Q)$(BOOT_SIM) +flash=$(RUN_FLASH_IMG)@$(BOOT_FLASH_OFFSET) $(BOOT_SIM_ARGS) +timeout=$(RUN_TIMEOUT)

test-boot: $(BOOT_SIM) $(MKIMAGE) $(UPLOAD) $(BOOT_ELF) $(BOOT_APP_ELF)
	$(Q)firmware/boot/test_boot.sh $(BUILD)/test/boot $(BOOT_SIM) $(MKIMAGE) $(UPLOAD) $(BOOT_APP_ELF) $(BOOT_ELF) \
	  "$(BOOT_SIM_ARGS)" $(BOOT_FLASH_OFFSET) "$(CC) $(HOST_CFLAGS) -Ifirmware/boot"
