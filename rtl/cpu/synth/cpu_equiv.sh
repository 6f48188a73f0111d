#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cpu_equiv.sh OUTDIR - prove with yosys that the iCE40 primitive version of st_cpu_counter (what
# synth_ice40 builds) is equivalent to its behavioural version (what the simulations run). The models of
# SB_LUT4, SB_CARRY and SB_DFFR are yosys's own (share/yosys/ice40/cells_sim.v), copied out of that file
# (reading all of it would also elaborate the SPRAM model, which takes minutes).
# Prints "1 passed, 0 failed" (or 0, 1) for the test-suite runner.
set -u
out=$1
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
rtl=$here/../st_cpu_counter.sv
cells=$(dirname "$(command -v yosys)")/../share/yosys/ice40/cells_sim.v
{
  echo '`define SB_DFF_INIT'
  echo '`define ICE40_DEFAULT_ASSIGNMENT_0'
  for m in SB_LUT4 SB_CARRY SB_DFFR; do
    awk -v m="$m" '$0 ~ "^module " m "[ (]" { on = 1 } on { print } on && /^endmodule/ { exit }' "$cells"
  done
} >"$out/prims.v"
cat >"$out/equiv.ys" <<YS
read_verilog -sv $rtl
rename st_cpu_counter gate
read_verilog -noblackbox $out/prims.v
read_verilog -sv -DST_GENERIC $rtl
rename st_cpu_counter gold
hierarchy -check
proc
flatten gate
opt_clean
async2sync
equiv_make gold gate equiv
hierarchy -top equiv
equiv_simple -seq 2
equiv_induct
equiv_status -assert
YS
if yosys -q -l "$out/equiv.log" -s "$out/equiv.ys" >/dev/null 2>&1; then
  echo "ok   st_cpu_counter: iCE40 primitives == behavioural model ($(grep -o 'Found [0-9]* \$equiv cells' "$out/equiv.log" | tail -n 1))"
  echo "1 passed, 0 failed"
else
  echo "FAIL st_cpu_counter: not proven equivalent (log: $out/equiv.log)"
  grep -E "unproven|ERROR" "$out/equiv.log" | head -n 10
  echo "0 passed, 1 failed"
  exit 1
fi
