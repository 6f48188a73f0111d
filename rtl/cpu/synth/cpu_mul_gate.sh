#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cpu_mul_gate.sh OUTDIR - st_cpu_mul through synth_ice40 -dsp, its netlist simulated with iverilog and
# yosys's iCE40 cell models (SB_MAC16 included) against rtl/cpu/tb/st_cpu_mul_gate_tb.v. SEED / COUNT
# in the environment pick the random seed (default 1) and the number of vectors (default 4000).
# Ends with "N passed, M failed" (one per operation) for the test-suite runner.
set -u
out=$1
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
cells=$(dirname "$(command -v yosys)")/../share/yosys/ice40/cells_sim.v
if ! yosys -q -l "$out/yosys.log" -p "read_verilog -sv $here/../st_cpu_pkg.sv $here/../st_cpu_mul.sv; \
    synth_ice40 -dsp -top st_cpu_mul; rename st_cpu_mul st_cpu_mul_gate; \
    write_verilog -noattr $out/st_cpu_mul_gate.v" >/dev/null 2>&1; then
  tail -n 20 "$out/yosys.log"; echo "cpu-mul-gate: 0 passed, 1 failed"; exit 1
fi
if ! grep -q SB_MAC16 "$out/st_cpu_mul_gate.v"; then
  echo "FAIL the netlist has no SB_MAC16 (not what the FPGA build uses)"; echo "cpu-mul-gate: 0 passed, 1 failed"; exit 1
fi
# NO_ICE40_DEFAULT_ASSIGNMENTS: iverilog does not take the models' default values on input ports.
if ! iverilog -DNO_ICE40_DEFAULT_ASSIGNMENTS -o "$out/tb.vvp" "$here/../tb/st_cpu_mul_gate_tb.v" "$out/st_cpu_mul_gate.v" "$cells" \
    >"$out/iverilog.log" 2>&1; then
  grep -v -i warning "$out/iverilog.log" | head -n 20; echo "cpu-mul-gate: 0 passed, 1 failed"; exit 1
fi
vvp -n "$out/tb.vvp" +seed="${SEED:-1}" +count="${COUNT:-4000}" >"$out/run.log" 2>&1
grep -E "^(st_cpu_mul_gate_tb|ok|FAIL|MISMATCH)" "$out/run.log"
pass=$(grep -c "^ok " "$out/run.log")
fail=$(grep -c "^FAIL " "$out/run.log")
[ $((pass + fail)) -eq 8 ] || { tail -n 5 "$out/run.log"; fail=$((8 - pass)); }
echo "cpu-mul-gate: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
