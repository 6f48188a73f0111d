# SPDX-License-Identifier: Apache-2.0
# sim/golden/golden.mk - the C golden model of docs/numerics.md (freestanding C99) and its test suites:
#   golden-unit   hand-computed outputs for every layer type, pack/unpack against hand-written words
#   golden-sweep  >= SWEEP_LAYERS random layers, MAC form == bit-plane form (SEED= reproduces a run)
#   golden-net    st_net_run in both forms on in-memory networks, layer by layer
#   golden-asan   unit + net + a short sweep under clang ASan/UBSan
#   golden-rv32   the sources compile for rv32im freestanding and need nothing beyond libgcc
#   golden-qemu   unit, net and a sweep built for rv32im (picolibc) and run on qemu-system-riscv32; the sweep
#                 once more with the firmware's CPOP popcount (-DST_HAVE_CPOP, qemu's zbb)

GOLDEN_DIR        := sim/golden
GOLDEN_TDIR       := tests/golden
GOLDEN_BUILD      := $(BUILD)/golden
GOLDEN_SRCS       := $(addprefix $(GOLDEN_DIR)/,st_layer.c st_pack.c st_golden.c st_bitplane.c st_net.c)
GOLDEN_HDRS       := $(addprefix $(GOLDEN_DIR)/,st_golden.h st_golden_priv.h st_model.h) $(GOLDEN_DIR)/golden.mk
GOLDEN_OBJS       := $(patsubst $(GOLDEN_DIR)/%.c,$(GOLDEN_BUILD)/obj/%.o,$(GOLDEN_SRCS))
GOLDEN_LIB        := $(GOLDEN_BUILD)/libst_golden.a
GOLDEN_TESTS      := unit sweep net
GOLDEN_TEST_BINS  := $(GOLDEN_TESTS:%=$(GOLDEN_BUILD)/test_%)
GOLDEN_ASAN_BINS  := $(GOLDEN_TESTS:%=$(GOLDEN_BUILD)/asan/test_%)
GOLDEN_ASAN_LAYERS ?= 2000
GOLDEN_RV32_CC    ?= riscv64-unknown-elf-gcc
GOLDEN_RV32_FLAGS ?= -march=rv32im -mabi=ilp32 -ffreestanding -O2 -Wall -Wextra -Werror
GOLDEN_SEED_ARG    = $(if $(strip $(SEED)),--seed $(strip $(SEED)))
GOLDEN_QEMU       ?= qemu-system-riscv32
GOLDEN_QEMU_LAYERS ?= 3000
GOLDEN_QEMU_CPOP_LAYERS ?= 1000
# picolibc with semihosting on QEMU virt: code at 0x80000000, 60 MiB of RAM above it.
GOLDEN_QEMU_LDFLAGS := --specs=picolibc.specs --oslib=semihost --crt0=semihost -Wl,--defsym=__flash=0x80000000 \
  -Wl,--defsym=__flash_size=0x00400000 -Wl,--defsym=__ram=0x80400000 -Wl,--defsym=__ram_size=0x03C00000 \
  -Wl,--defsym=__stack_size=0x10000 -Wl,--no-warn-rwx-segments
GOLDEN_QEMU_BINS  := $(GOLDEN_TESTS:%=$(GOLDEN_BUILD)/qemu/test_%.elf)

HELP_TARGETS += \
  "golden|build the golden-model library $(GOLDEN_LIB) and its test programs" \
  "test-golden|run every golden-model suite (unit, sweep, net, asan, rv32, qemu)" \
  "test-golden-sweep|random MAC vs bit-plane sweep (SWEEP_LAYERS, SEED=)" \
  "golden-bench|host timing of the MAC and bit-plane forms on representative layers" \
  "golden-bench-rv32|the same built for rv32im on QEMU: retired instructions per MAC"

# Registered unconditionally: `make test` parses this before `make deps` installs the RISC-V toolchain and
# QEMU, and each suite runs in a fresh make (tests/run_suites.sh) that sees them; a missing tool fails loudly.
TEST_SUITES += golden-unit golden-sweep golden-net golden-asan golden-rv32 golden-qemu
ifneq ($(shell command -v $(GOLDEN_RV32_CC) 2>/dev/null),)
GOLDEN_HAVE_RV32 := 1
ifneq ($(and $(shell command -v $(GOLDEN_QEMU) 2>/dev/null),$(findstring /,$(shell $(GOLDEN_RV32_CC) -print-file-name=picolibc.specs 2>/dev/null))),)
GOLDEN_HAVE_QEMU := 1
endif
endif

.PHONY: golden golden-bench golden-bench-rv32 test-golden test-golden-qemu test-golden-unit test-golden-sweep test-golden-net test-golden-asan test-golden-rv32

golden: $(GOLDEN_LIB) $(GOLDEN_TEST_BINS)

$(GOLDEN_BUILD)/obj/%.o: $(GOLDEN_DIR)/%.c $(GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -I$(GOLDEN_DIR) -c $< -o $@

$(GOLDEN_LIB): $(GOLDEN_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(GOLDEN_BUILD)/test_%: $(GOLDEN_TDIR)/test_%.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -I$(GOLDEN_DIR) $< $(GOLDEN_LIB) -o $@

$(GOLDEN_BUILD)/asan/test_%: $(GOLDEN_TDIR)/test_%.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_SRCS) $(GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) -std=c99 -O1 -g -Wall -Wextra -Werror -DST_PORTABLE_POPCOUNT $(SAN_FLAGS) -I$(GOLDEN_DIR) $< $(GOLDEN_SRCS) -o $@

$(GOLDEN_BUILD)/bench_golden: $(GOLDEN_TDIR)/bench_golden.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -I$(GOLDEN_DIR) $< $(GOLDEN_LIB) -o $@

golden-bench: $(GOLDEN_BUILD)/bench_golden
	$(Q)$<

$(GOLDEN_BUILD)/qemu/bench_golden.elf: $(GOLDEN_TDIR)/bench_golden.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_SRCS) $(GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(GOLDEN_RV32_CC) -march=rv32im -mabi=ilp32 -std=c99 -O2 -Wall -Wextra -Werror $(GOLDEN_QEMU_LDFLAGS) \
	  -I$(GOLDEN_DIR) $< $(GOLDEN_SRCS) -o $@

golden-bench-rv32: $(GOLDEN_BUILD)/qemu/bench_golden.elf
	$(Q)QEMU=$(GOLDEN_QEMU) $(GOLDEN_TDIR)/run_qemu.sh $<

test-golden-unit: $(GOLDEN_BUILD)/test_unit
	$(Q)$<

test-golden-sweep: $(GOLDEN_BUILD)/test_sweep
	$(Q)$< --layers $(SWEEP_LAYERS) $(GOLDEN_SEED_ARG)

test-golden-net: $(GOLDEN_BUILD)/test_net
	$(Q)$<

test-golden-asan: $(GOLDEN_ASAN_BINS)
	$(Q)$(GOLDEN_TDIR)/sum_runs.sh "$(GOLDEN_BUILD)/asan/test_unit" "$(GOLDEN_BUILD)/asan/test_net" \
	  "$(GOLDEN_BUILD)/asan/test_sweep --layers $(GOLDEN_ASAN_LAYERS) $(GOLDEN_SEED_ARG)"

test-golden-rv32:
ifeq ($(GOLDEN_HAVE_RV32),1)
	$(Q)$(GOLDEN_TDIR)/check_rv32.sh "$(GOLDEN_RV32_CC)" "$(GOLDEN_RV32_FLAGS)" $(GOLDEN_BUILD)/rv32 \
	  $(GOLDEN_DIR) $(GOLDEN_SRCS)
else
	@echo "test-golden-rv32: $(GOLDEN_RV32_CC) not found (install gcc-riscv64-unknown-elf)"; exit 1
endif

GOLDEN_QEMU_BUILD = $(GOLDEN_RV32_CC) -march=rv32im -mabi=ilp32 -std=c99 -O2 -Wall -Wextra -Werror $(GOLDEN_QEMU_LDFLAGS) \
  -I$(GOLDEN_DIR)
$(GOLDEN_BUILD)/qemu/test_%.elf: $(GOLDEN_TDIR)/test_%.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_SRCS) $(GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(GOLDEN_QEMU_BUILD) $< $(GOLDEN_SRCS) -o $@

# The firmware's popcount (-DST_HAVE_CPOP: Zbb's CPOP, as on our core); qemu runs every program with zbb=true.
$(GOLDEN_BUILD)/qemu-cpop/test_%.elf: $(GOLDEN_TDIR)/test_%.c $(GOLDEN_TDIR)/st_test.h $(GOLDEN_SRCS) $(GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(GOLDEN_QEMU_BUILD) -DST_HAVE_CPOP=1 $< $(GOLDEN_SRCS) -o $@

test-golden-qemu:
ifeq ($(GOLDEN_HAVE_QEMU),1)
	$(Q)$(MAKE) --no-print-directory $(GOLDEN_QEMU_BINS) $(GOLDEN_BUILD)/qemu-cpop/test_sweep.elf
	$(Q)QEMU=$(GOLDEN_QEMU) QEMU_CPU=rv32,zbb=true $(GOLDEN_TDIR)/sum_runs.sh \
	  "$(GOLDEN_TDIR)/run_qemu.sh $(GOLDEN_BUILD)/qemu/test_unit.elf" \
	  "$(GOLDEN_TDIR)/run_qemu.sh $(GOLDEN_BUILD)/qemu/test_net.elf" \
	  "$(GOLDEN_TDIR)/run_qemu.sh $(GOLDEN_BUILD)/qemu/test_sweep.elf --layers $(GOLDEN_QEMU_LAYERS) $(GOLDEN_SEED_ARG)" \
	  "$(GOLDEN_TDIR)/run_qemu.sh $(GOLDEN_BUILD)/qemu-cpop/test_sweep.elf --layers $(GOLDEN_QEMU_CPOP_LAYERS) $(GOLDEN_SEED_ARG)"
else
	@echo "test-golden-qemu: needs $(GOLDEN_QEMU) and picolibc for $(GOLDEN_RV32_CC)"; exit 1
endif

test-golden: test-golden-unit test-golden-sweep test-golden-net test-golden-asan $(if $(GOLDEN_HAVE_RV32),test-golden-rv32) $(if $(GOLDEN_HAVE_QEMU),test-golden-qemu)
