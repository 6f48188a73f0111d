#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_qemu.sh ELF [ARG...] - run an rv32im test program (picolibc, semihosting) on QEMU's virt machine
# (QEMU_CPU: its -cpu, default rv32; rv32,zbb=true for programs built with -DST_HAVE_CPOP).
# Output comes through semihosting; the program's exit status becomes ours. A hang (e.g. a trap loop with
# no handler) is cut off by the timeout and reported as failure.
set -u
elf=$1; shift
args="arg=$(basename "$elf")"
for a in "$@"; do args="$args,arg=$a"; done
timeout "${QEMU_TIMEOUT:-300}" "${QEMU:-qemu-system-riscv32}" -machine virt -cpu "${QEMU_CPU:-rv32}" -m 128M -bios none -nographic \
  -monitor none -serial none -semihosting-config "enable=on,target=native,$args" -kernel "$elf"
rc=$?
[ "$rc" -eq 124 ] && echo "run_qemu: $elf timed out"
exit "$rc"
