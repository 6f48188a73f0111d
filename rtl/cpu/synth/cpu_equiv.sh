#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cpu_equiv.sh OUTDIR - prove with yosys that the iCE40 primitive version of st_cpu_counter (what
# synth_ice40 builds) is equivalent to its behavioural version (what the simulations run). The models of
# SB_LUT4, SB_CARRY and SB_DFFR are yosys's own (share/yosys/ice40/cells_sim.v), copied out of that file
# (reading all of it would also elaborate the SPRAM model, which takes minutes).
# Ends with "N passed, N failed" for the test-suite runner.
set -u
out=$1
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
rtl=$here/../st_cpu_counter.sv
cells=$(dirname "$(command -v yosys)")/../share/yosys/ice40/cells_sim.v
{
  echo '`define SB_DFF_INIT'
  echo '`define ICE40_DEFAULT_ASSIGNMENT_0'
  for m in SB_LUT4 SB_CARRY SB_DFFR SB_DFFS; do
    awk -v m="$m" '$0 ~ "^module " m "[ (]" { on = 1 } on { print } on && /^endmodule/ { exit }' "$cells"
  done
} >"$out/prims.v"
# Three configurations: the counter halves (32 bits, reset 0), the fetch address (30 bits, a reset value
# with both 0 and 1 bits, like a non-zero reset vector), and the UART's / SPI's bit-period counters (16 bits,
# loading the inverted value).
pass=0; fail=0
for cfg in "32 32'h0 0" "30 30'h2aaa_5555 0" "16 16'h0 1"; do
  set -- $cfg
  name="st_cpu_counter Width=$1 ResetValue=$2 InvertLoad=$3"
  cat >"$out/equiv.ys" <<YS
read_verilog -sv $rtl
chparam -set Width $1 -set ResetValue $2 -set InvertLoad $3 st_cpu_counter
rename st_cpu_counter gate
read_verilog -noblackbox $out/prims.v
read_verilog -sv -DST_GENERIC $rtl
chparam -set Width $1 -set ResetValue $2 -set InvertLoad $3 st_cpu_counter
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
  log="$out/equiv-$1.log"
  if yosys -q -l "$log" -s "$out/equiv.ys" >/dev/null 2>&1; then
    pass=$((pass + 1))
    echo "ok   $name: iCE40 primitives == behavioural model ($(grep -o 'Found [0-9]* \$equiv cells' "$log" | tail -n 1))"
  else
    fail=$((fail + 1))
    echo "FAIL $name: not proven equivalent (log: $log)"
    grep -E "unproven|ERROR" "$log" | head -n 10
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
