#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_regs.sh OUTDIR GENERATOR CC VERILATOR - tests of the register-map generator and its outputs.
set -u
out=$1; gen=$2; cc=$3; verilator=$4
mkdir -p "$out"
pass=0; fail=0
check() { # name, command...
  local name=$1; shift
  if "$@" >"$out/$name.log" 2>&1; then pass=$((pass + 1)); echo "ok   $name"
  else fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$out/$name.log" | tail -n 15; fi
}
check_fails() { # name, expected message, command... : the command must fail and print the message
  local name=$1 msg=$2; shift 2
  if "$@" >"$out/$name.log" 2>&1; then fail=$((fail + 1)); echo "FAIL $name (succeeded, should fail)"
  elif grep -q "$msg" "$out/$name.log"; then pass=$((pass + 1)); echo "ok   $name"
  else fail=$((fail + 1)); echo "FAIL $name (no '$msg')"; tail -n 5 "$out/$name.log"; fi
}
# 1. the committed files are exactly what the source generates
check drift make --no-print-directory regs-check
# 2. the C header compiles cleanly, and its static asserts hold, under C11 and pedantic warnings
check c-header sh -c "printf '#include \"st_regs.h\"\nint main(void){return ST_ACCEL_CTRL_OFFSET == 0x10u ? 0 : 1;}\n' > '$out/h.c' && $cc -std=c11 -pedantic -Wall -Wextra -Werror -Idriver -o '$out/h' '$out/h.c' && '$out/h'"
# 3. the Verilog package is accepted by Verilator's linter
check sv-package sh -c "printf 'module t (output logic [31:0] o); assign o = st_regs_pkg::ACCEL_BASE + {20%sh0, st_regs_pkg::ACCEL_CTRL_OFFSET}; endmodule\n' \"'\" > '$out/t.sv' && $verilator --lint-only -Wall rtl/lint/st_lint.vlt rtl/regs/st_regs_pkg.sv '$out/t.sv' --top-module t"
# 4. the register map is consistent with the UP5K: RAM is 128 KiB at 0
check ram-size grep -q 'define ST_RAM_SIZE 0x00020000UL' driver/st_regs.h
# 5. broken sources are rejected with a message naming the problem
for t in overlap_fields:"fields overlap" overlap_blocks:"blocks overlap" unaligned:"unaligned" order:"not increasing" reset_bits:"reset value"; do
  name=${t%%:*}; msg=${t#*:}
  check_fails "bad-$name" "$msg" sh -c "$cc -std=c99 -DST_REGS_DEF='\"$PWD/tests/regs/bad_$name.def\"' -o '$out/gen_$name' tools/reggen/st_reggen.c && '$out/gen_$name' --sv '$out/x.sv' --c '$out/x.h' --md '$out/x.md'"
done
echo "regs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
