# SPDX-License-Identifier: Apache-2.0
# mk/deps.mk - the Debian packages the project needs; `make deps` installs the missing ones.

DEPS_PKGS ?= gcc make clang libclang-rt-14-dev verilator yosys nextpnr-ice40 fpga-icestorm iverilog \
             gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc \
             python3 python3-numpy python3-matplotlib
DEPS_TRAIN_PKGS ?= python3-torch python3-numpy python3-pil python3-matplotlib dataset-fashion-mnist

HELP_TARGETS += "deps-train|install the extra Debian packages for training (PyTorch, datasets)"

.PHONY: deps deps-train
deps:
	$(Q)tools/deps.sh $(DEPS_PKGS)

deps-train:
	$(Q)tools/deps.sh $(DEPS_PKGS) $(DEPS_TRAIN_PKGS)
