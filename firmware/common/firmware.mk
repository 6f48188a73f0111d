# SPDX-License-Identifier: Apache-2.0
# firmware/common/firmware.mk - building RISC-V firmware for the st-accel SoC (a fragment of the top Makefile).
#
# Every folder firmware/apps/<name>/ and firmware/tests/<name>/ (except tests/isa/, which builds its own
# way) is one program: all its .c and .S files, linked with the runtime in firmware/common/, give
#   $(BUILD)/fw/<apps|tests>/<name>/<name>.elf   (+ .hex for $readmemh, .lst disassembly, .map)
# Extra sources for a program (the driver, the golden model) go in FW_SRCS_<name>, extra compiler flags in
# FW_CFLAGS_<name>, set in the program owner's fragment. The flags apply to every object the program
# builds, its FW_SRCS included (an object shared by several programs is compiled once, with the flags of
# the first program that needs it, so such programs should agree on them). Other fragments may use FW_CC, FW_ARCH_FLAGS,
# FW_CFLAGS, FW_LDFLAGS and the pattern rules for .hex / .lst.

RISCV_PREFIX ?= riscv64-unknown-elf-
MARCH        ?= rv32im
MABI         ?= ilp32
FW_OPT       ?= -O2
UART_DIV     ?= 0
# FW_CPOP=1: the firmware's popcounts use our core's CPOP instruction (Zbb; docs/cpu.md), 0: SWAR (any
# rv32im core). The software path (swref, st_app_sw_net) is the bit-plane form, popcount-bound.
FW_CPOP      ?= 1
HELP_VARS    += RISCV_PREFIX MARCH MABI FW_OPT UART_DIV FW_CPOP

FW_CC      := $(RISCV_PREFIX)gcc
FW_OBJCOPY := $(RISCV_PREFIX)objcopy
FW_OBJDUMP := $(RISCV_PREFIX)objdump
FW_SIZE    := $(RISCV_PREFIX)size
FW_BUILD   := $(BUILD)/fw

# -misa-spec=2.2: CSR instructions are part of the base ISA there, so plain rv32im selects the rv32im
# multilib of gcc and picolibc (see ../shared/TOOLCHAIN.md).
FW_ARCH_FLAGS = -misa-spec=2.2 -march=$(MARCH) -mabi=$(MABI)
FW_CFLAGS     = $(FW_ARCH_FLAGS) $(FW_OPT) -g -std=c11 -Wall -Wextra -Werror -ffunction-sections \
                -fdata-sections --specs=picolibc.specs -Ifirmware/common -Idriver -DST_UART_DIV=$(UART_DIV)u \
                $(if $(filter 1,$(FW_CPOP)),-DST_HAVE_CPOP=1)
FW_ASFLAGS    = $(FW_ARCH_FLAGS) -g --specs=picolibc.specs -Ifirmware/common -Idriver
FW_LDFLAGS    = $(FW_ARCH_FLAGS) --specs=picolibc.specs -nostartfiles -T firmware/common/link.ld \
                -Wl,--gc-sections -Wl,--no-warn-rwx-segments

FW_COMMON_SRCS := $(sort $(wildcard firmware/common/*.c firmware/common/*.S))
fw_obj          = $(patsubst %,$(FW_BUILD)/obj/%.o,$(1))
FW_COMMON_OBJS := $(call fw_obj,$(FW_COMMON_SRCS))

FW_DIRS := $(patsubst %/,%,$(filter-out firmware/tests/isa/,$(sort $(wildcard firmware/apps/*/ firmware/tests/*/))))
fw_elf   = $(FW_BUILD)/$(patsubst firmware/%,%,$(1))/$(notdir $(1)).elf
FW_ELFS :=

# One program: $(1) = its folder (firmware/tests/hello). FW_SRCS_<name> is expanded a second time, when
# make needs the program, so a fragment read after this one may still set it.
.SECONDEXPANSION:
define FW_PROGRAM
$(call fw_elf,$(1)): $(call fw_obj,$(sort $(wildcard $(1)/*.c $(1)/*.S))) $$$$(call fw_obj,$$$$(FW_SRCS_$(notdir $(1)))) \
                     $(FW_COMMON_OBJS) firmware/common/link.ld
	@mkdir -p $$(@D)
	$$(Q)$$(FW_CC) $$(FW_LDFLAGS) -Wl,-Map=$$(@:.elf=.map) -o $$@ $$(filter %.o,$$^)
$(call fw_elf,$(1)): FW_EXTRA_CFLAGS = $$(FW_CFLAGS_$(notdir $(1)))
FW_ELFS += $(call fw_elf,$(1))
endef
$(foreach d,$(FW_DIRS),$(eval $(call FW_PROGRAM,$(d))))

$(FW_BUILD)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) $(FW_EXTRA_CFLAGS) -MMD -MP -c $< -o $@

$(FW_BUILD)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_ASFLAGS) -MMD -MP -c $< -o $@

# $readmemh image of 32-bit words; the @ addresses count words from address 0.
$(FW_BUILD)/%.hex: $(FW_BUILD)/%.elf
	$(Q)$(FW_OBJCOPY) -O verilog --verilog-data-width=4 $< $@

$(FW_BUILD)/%.lst: $(FW_BUILD)/%.elf
	$(Q)$(FW_OBJDUMP) -d -S $< > $@

-include $(shell find $(FW_BUILD)/obj -name '*.d' 2>/dev/null)

HELP_TARGETS += "fw|build every firmware program (apps, tests) to $(FW_BUILD)/<apps|tests>/<name>/<name>.elf/.hex"

.PHONY: fw
fw: $(FW_ELFS) $(FW_ELFS:.elf=.hex) $(FW_ELFS:.elf=.lst)
	$(Q)$(FW_SIZE) $(FW_ELFS)
