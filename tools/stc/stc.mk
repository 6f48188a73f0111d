# SPDX-License-Identifier: Apache-2.0
# tools/stc/stc.mk - the model file format's tools and tests:
#   stc          the model CLI (tools/stc/stc.c): info, check, run, eval
#   stgen        the first-model generator (tools/stgen/stgen.c)
#   suites       model-parse (parser tests + rv32im freestanding build), model-asan (the same under
#                ASan/UBSan), model-cli (stc on the first model, drift check of models/first), model-fuzz
#                (libFuzzer, 10 s)
# Everything builds under $(BUILD)/tools and $(BUILD)/model.

MODEL_DIR       := $(BUILD)/model
STC             := $(BUILD)/tools/stc
STGEN           := $(BUILD)/tools/stgen
FIRST_DIR       := $(BUILD)/first-model
RISCV_PREFIX    ?= riscv64-unknown-elf-
FUZZ_CC         ?= clang
FUZZ_TEST_SECONDS ?= 10
HELP_VARS       += FUZZ_CC FUZZ_TEST_SECONDS

# The parser is freestanding (sim/golden/st_model.c); the writer is host-only.
MODEL_PARSER_SRC := sim/golden/st_model.c
MODEL_WRITER_SRC := sim/golden/st_model_write.c
MODEL_HDRS       := sim/golden/st_model.h sim/golden/st_model_write.h
# The golden model: every library source in sim/golden (its tests live in tests/golden), compiled into
# each tool directly, so the tools do not depend on how golden.mk packages its objects.
STC_GOLDEN_SRCS  := $(filter-out $(MODEL_WRITER_SRC),$(wildcard sim/golden/*.c))
STC_GOLDEN_HDRS  := $(wildcard sim/golden/*.h)
MODEL_INC        := -Isim/golden -Itests/model
FIRST_FILES      := first.stm first.sti first_expected.txt

HELP_TARGETS += \
  "stc|build the model tool $(STC) (info, check, run, eval; see tools/stc/README.md)" \
  "first-model|regenerate the first model into $(FIRST_DIR)/ (stgen, seed 1)" \
  "first-model-update|regenerate models/first/ in place (after a deliberate change to stgen)" \
  "fuzz|fuzz the model parser + golden model for FUZZ_SECONDS (libFuzzer, ASan, UBSan)"
TEST_SUITES  += model-parse model-asan model-cli model-fuzz

.PHONY: stc first-model first-model-update fuzz test-model-parse test-model-asan test-model-cli test-model-fuzz
stc: $(STC)

# `stc compile` (the driver issue) adds the accelerator-image builder and the descriptor format.
STC_COMPILE_SRCS := tools/compile/st_image.c
STC_COMPILE_HDRS := tools/compile/st_image.h driver/st_desc.h
$(STC): tools/stc/stc.c $(STC_GOLDEN_SRCS) $(STC_GOLDEN_HDRS) $(STC_COMPILE_SRCS) $(STC_COMPILE_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -Isim/golden -Itools/compile -Idriver -o $@ tools/stc/stc.c $(STC_GOLDEN_SRCS) \
	  $(STC_COMPILE_SRCS)

$(STGEN): tools/stgen/stgen.c $(STC_GOLDEN_SRCS) $(MODEL_WRITER_SRC) $(STC_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -Isim/golden -o $@ tools/stgen/stgen.c $(STC_GOLDEN_SRCS) $(MODEL_WRITER_SRC)

# ---- the first model ---------------------------------------------------------------------------------
first-model: $(STGEN)
	@mkdir -p $(FIRST_DIR)
	$(Q)$(STGEN) --seed 1 --out $(FIRST_DIR)

first-model-update: first-model
	$(Q)cp $(addprefix $(FIRST_DIR)/,$(FIRST_FILES)) models/first/ && echo "models/first/ updated"

# ---- parser tests ----------------------------------------------------------------------------------
MODEL_PARSE_TEST_DEPS := tests/model/test_model_parse.c tests/model/model_build.h $(MODEL_PARSER_SRC) \
                         $(MODEL_WRITER_SRC) $(MODEL_HDRS)

$(MODEL_DIR)/test_model_parse: $(MODEL_PARSE_TEST_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) $(MODEL_INC) -o $@ tests/model/test_model_parse.c $(MODEL_PARSER_SRC) $(MODEL_WRITER_SRC)

$(MODEL_DIR)/test_model_parse_asan: $(MODEL_PARSE_TEST_DEPS)
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) -std=c99 -O1 -g -Wall -Wextra -Werror $(SAN_FLAGS) $(MODEL_INC) -o $@ \
	  tests/model/test_model_parse.c $(MODEL_PARSER_SRC) $(MODEL_WRITER_SRC)

test-model-parse: $(MODEL_DIR)/test_model_parse
	$(Q)tests/model/run_parse.sh $< $(RISCV_PREFIX)gcc

# the same tests under AddressSanitizer + UBSan: every parse runs on an exact-size heap copy
test-model-asan: $(MODEL_DIR)/test_model_parse_asan
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $< | sed 's/^model-parse:/model-asan:/'; \
	  exit $${PIPESTATUS[0]}

# ---- the CLI on the first model, and the drift check of models/first --------------------------------
test-model-cli: $(STC) $(STGEN)
	$(Q)tests/model/test_cli.sh $(MODEL_DIR)/cli $(STC) $(STGEN)

# ---- fuzzing ---------------------------------------------------------------------------------------
$(MODEL_DIR)/fuzz_model: tests/model/fuzz_model.c $(STC_GOLDEN_SRCS) $(STC_GOLDEN_HDRS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) -std=c99 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer -Isim/golden -o $@ tests/model/fuzz_model.c $(STC_GOLDEN_SRCS)

# seeds: tests/model/corpus (committed) and models/first; new inputs go to $(MODEL_DIR)/fuzz-corpus
test-model-fuzz: $(MODEL_DIR)/fuzz_model
	$(Q)tests/model/run_fuzz.sh $< $(FUZZ_TEST_SECONDS) $(MODEL_DIR)/fuzz-corpus model-fuzz

fuzz: $(MODEL_DIR)/fuzz_model
	$(Q)tests/model/run_fuzz.sh $< $(FUZZ_SECONDS) $(MODEL_DIR)/fuzz-corpus fuzz
