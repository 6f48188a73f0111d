# SPDX-License-Identifier: Apache-2.0
# st-accel - the one entry point. `make` (= `make help`) lists targets and variables.
# Every artifact goes under $(BUILD). Sub-makefiles are *.mk fragments included below; each one adds
# its targets, its help lines (HELP_TARGETS) and its test suites (TEST_SUITES).

.DEFAULT_GOAL := help
SHELL := /bin/bash

# ---- overridable variables ---------------------------------------------------------------------
BUILD        ?= build
CC           ?= cc
HOST_CFLAGS  ?= -std=c99 -O2 -g -Wall -Wextra -Werror -pedantic
SAN_CC       ?= clang
SAN_FLAGS    ?= -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SEED         ?=
SWEEP_LAYERS ?= 10000
FUZZ_SECONDS ?= 60
MODEL        ?=
V            ?= 0

ifeq ($(V),0)
Q := @
else
Q :=
endif

HELP_TARGETS :=
HELP_TARGETS += \
  "help|this list (default)" \
  "deps|install the Debian packages the project needs (as root), or print the apt-get command" \
  "test|build and run every test suite; ends with 'N passed, N failed'" \
  "run|the main job: run the default model on its sample inputs" \
  "clean|remove $(BUILD)/"

HELP_VARS := BUILD CC HOST_CFLAGS SAN_CC SEED SWEEP_LAYERS FUZZ_SECONDS MODEL V
TEST_SUITES :=

# Every *.mk fragment in the tree (up to three folders deep) is included exactly once, in sorted order.
# Fragments must not include each other.
MK_FRAGMENTS := $(filter-out build/% $(BUILD)/%,$(sort $(wildcard */*.mk */*/*.mk */*/*/*.mk)))
include $(filter-out tests/tests.mk,$(MK_FRAGMENTS))
include tests/tests.mk

.PHONY: help clean
help:
	@echo "st-accel - Squeeze-and-Threshold networks on an iCE40 UP5K"
	@echo
	@echo "Targets:"
	@for t in $(HELP_TARGETS); do printf '  %-18s %s\n' "$${t%%|*}" "$${t#*|}"; done
	@echo
	@echo "Variables (override as make VAR=value):"
	@$(foreach v,$(HELP_VARS),printf '  %-18s = %s\n' '$(v)' '$($(v))';)

clean:
	rm -rf $(BUILD)
