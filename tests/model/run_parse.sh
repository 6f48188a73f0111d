#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_parse.sh TEST_BINARY [RV_CC] - suite model-parse: the C parser tests, then a check that the parser
# builds freestanding for rv32im and needs nothing from a C library (only libgcc helpers).
set -u
bin=$1; rvcc=${2:-riscv64-unknown-elf-gcc}
out=$("$bin"); rc=$?
echo "$out"
line=$(echo "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
pass=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/'); fail=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
[ -n "$pass" ] || { pass=0; fail=1; }
[ "$rc" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
dir=$(dirname "$bin")
if command -v "$rvcc" >/dev/null 2>&1; then
  if "$rvcc" -std=c99 -Os -Wall -Wextra -Werror -pedantic -ffreestanding -march=rv32im -mabi=ilp32 \
       -c sim/golden/st_model.c -o "$dir/st_model_rv32.o" &&
     undef=$(riscv64-unknown-elf-nm -u "$dir/st_model_rv32.o" | awk '{print $2}' | grep -v '^__' | tr '\n' ' ') &&
     [ -z "$undef" ]; then
    pass=$((pass + 1)); echo "ok   rv32im-freestanding ($(riscv64-unknown-elf-size "$dir/st_model_rv32.o" | awk 'NR==2{print $1}') bytes of text)"
  else
    fail=$((fail + 1)); echo "FAIL rv32im-freestanding: does not build, or needs C library symbols: ${undef:-}"
  fi
else
  fail=$((fail + 1)); echo "FAIL rv32im-freestanding: $rvcc not found (make deps)"
fi
echo "model-parse: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
