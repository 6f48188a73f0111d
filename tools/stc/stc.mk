# SPDX-License-Identifier: Apache-2.0
# tools/stc/stc.mk - the model file parser's tests, the model CLI `stc`, the first-model generator `stgen`
# and the parser fuzz target. Everything builds under $(BUILD)/model and $(BUILD)/tools.

MODEL_DIR       := $(BUILD)/model
STC             := $(BUILD)/tools/stc
STGEN           := $(BUILD)/tools/stgen
RISCV_PREFIX    ?= riscv64-unknown-elf-
FUZZ_CC         ?= clang
HELP_VARS       += RISCV_PREFIX FUZZ_CC

# The parser is freestanding (sim/golden/st_model.c); the writer is host-only.
MODEL_PARSER_SRC := sim/golden/st_model.c
MODEL_WRITER_SRC := sim/golden/st_model_write.c
MODEL_HDRS       := sim/golden/st_model.h sim/golden/st_model_write.h
# The golden model: every library source in sim/golden (its tests live in tests/golden).
GOLDEN_LIB_SRCS  := $(filter-out $(MODEL_WRITER_SRC),$(wildcard sim/golden/*.c))
GOLDEN_LIB_HDRS  := $(wildcard sim/golden/*.h)
MODEL_INC        := -Isim/golden -Itests/model

HELP_TARGETS += "fuzz|fuzz the model parser + golden model for FUZZ_SECONDS (libFuzzer, ASan, UBSan)"
TEST_SUITES  += model-parse model-asan

# ---- parser tests --------------------------------------------------------------------------------
MODEL_PARSE_TEST_DEPS := tests/model/test_model_parse.c tests/model/model_build.h $(MODEL_PARSER_SRC) \
                         $(MODEL_WRITER_SRC) $(MODEL_HDRS)

$(MODEL_DIR)/test_model_parse: $(MODEL_PARSE_TEST_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) $(MODEL_INC) -o $@ tests/model/test_model_parse.c $(MODEL_PARSER_SRC) $(MODEL_WRITER_SRC)

$(MODEL_DIR)/test_model_parse_asan: $(MODEL_PARSE_TEST_DEPS)
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) -std=c99 -O1 -g -Wall -Wextra -Werror $(SAN_FLAGS) $(MODEL_INC) -o $@ \
	  tests/model/test_model_parse.c $(MODEL_PARSER_SRC) $(MODEL_WRITER_SRC)

.PHONY: test-model-parse test-model-asan
test-model-parse: $(MODEL_DIR)/test_model_parse
	$(Q)tests/model/run_parse.sh $< $(RISCV_PREFIX)gcc

# the same tests under AddressSanitizer + UBSan: every parse runs on an exact-size heap copy
test-model-asan: $(MODEL_DIR)/test_model_parse_asan
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $< | sed 's/^model-parse:/model-asan:/'; \
	  exit $${PIPESTATUS[0]}
