#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_fpga.sh - suite `fpga`: the flow's report logic on canned logs (a design that fits and meets its
# clock, one too large, one too slow, a failed placement), the pins, and the real flow on the configured
# design: it must fit the UP5K and meet FPGA_MHZ, and give a bitstream of the UP5K's size.
#
#   test_fpga.sh OUTDIR "MAKE_FPGA_COMMAND" REPORT_JSON BITSTREAM
#
# Ends with "fpga: N passed, N failed".
set -u
out=$1 flow=$2 report=$3 bin=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# ---- The report on canned logs ------------------------------------------------------------------------
# canned NAME LC FMAX PNR_RC [ERROR]: a run directory with a synth.log and a pnr.log like the tools write.
canned() {
  local d=$out/canned/$1
  mkdir -p "$d"
  cat >"$d/synth.log" <<EOF
Printing statistics.
=== st_fpga_top ===
     SB_CARRY                      600
     SB_DFFER                      400
     SB_LUT4                      $2
     SB_MAC16                        4
     SB_RAM40_4K                    10
     SB_SPRAM256KA                   4
EOF
  {
    echo "Info: Device utilisation:"
    echo "Info: 	         ICESTORM_LC:  $2/ 5280    50%"
    echo "Info: 	        ICESTORM_RAM:    10/   30    33%"
    echo "Info: 	        ICESTORM_DSP:     4/    8    50%"
    echo "Info: 	      ICESTORM_SPRAM:     4/    4   100%"
    echo "Info: Max frequency for clock 'clk': 99.00 MHz (PASS at 24.00 MHz)"   # after placement: ignored
    [ -n "${5:-}" ] && echo "$5"
    [ "$4" = 0 ] && echo "Info: Max frequency for clock 'clk': $3 MHz (PASS at 24.00 MHz)"
  } >"$d/pnr.log"
  "$here/fpga_report.sh" "$d" "$d/r.json" 24 24.000 8 32 1 "$4" 10 20 >"$d/out.txt" 2>&1
  echo $?
}
json() { sed -nE "s/^  \"$2\": (.*),?$/\1/p" "$1" | sed 's/,$//'; }

rc=$(canned good 4000 27.50 0)
if [ "$rc" = 0 ] && [ "$(json "$out/canned/good/r.json" lc)" = 4000 ] && [ "$(json "$out/canned/good/r.json" fmax_mhz)" = 27.50 ] \
   && [ "$(json "$out/canned/good/r.json" fits)" = true ]; then
  ok "report: fits and meets 24 MHz -> exit 0, lc 4000, Fmax 27.50 (the routed figure)"
else bad report-good "exit $rc, $(tr -d '\n' <"$out/canned/good/r.json")"; fi
keys_ok=1
for k in lc lc_total ebr spram dsp fmax_mhz target_mhz pe simd; do
  [ -n "$(json "$out/canned/good/r.json" $k)" ] || { keys_ok=0; bad report-keys "key $k missing"; }
done
[ $keys_ok = 1 ] && ok "report: JSON has lc, lc_total, ebr, spram, dsp, fmax_mhz, target_mhz, pe, simd"
rc=$(canned slow 4000 21.10 0)
if [ "$rc" = 1 ] && grep -q "misses timing: Fmax 21.10 MHz < 24 MHz" "$out/canned/slow/out.txt"; then
  ok "report: Fmax below the target -> exit 1, 'misses timing'"
else bad report-slow "exit $rc"; fi
rc=$(canned big 6000 0 1 "ERROR: Unable to place cell 'x', no BELs remaining to implement cell type 'ICESTORM_LC'")
if [ "$rc" = 1 ] && grep -q "does not fit the UP5K (6000 of 5280" "$out/canned/big/out.txt" \
   && [ "$(json "$out/canned/big/r.json" fits)" = false ]; then
  ok "report: too many logic cells -> exit 1, 'does not fit', fits false"
else bad report-big "exit $rc"; fi

# ---- Cell counts (tools/yosys_stat.sh) of a design with a module kept whole ------------------------------
# Yosys prints each module's own cells, then the design hierarchy's sums; an earlier statistics block
# does not count either. Summing every section counted each cell twice. (The canned logs above are flat.)
ys=$out/yosys_hier.log
printf '%s\n' 'Printing statistics.' '=== early ===' '     SB_LUT4                      9999' \
  'Printing statistics.' '=== top ===' '   Number of cells:                103' \
  '     SB_DFFER                       40' '     SB_DFFR                         2' \
  '     SB_LUT4                        60' '     probe                           1' \
  '=== probe ===' '   Number of cells:                  5' '     SB_LUT4                         5' \
  '=== design hierarchy ===' '     top                             1' '     probe                           1' \
  '   Number of cells:                108' '     SB_DFFER                       40' \
  '     SB_DFFR                         2' '     SB_LUT4                        65' >"$ys"
lut=$("$here/../../tools/yosys_stat.sh" "$ys" '^SB_LUT4$') ff=$("$here/../../tools/yosys_stat.sh" "$ys" '^SB_DFF')
if [ "$lut" = 65 ] && [ "$ff" = 42 ]; then
  ok "yosys_stat: a kept module's cells count once (65 LUT4, 42 flip-flops: the hierarchy's sums)"
else
  bad "yosys_stat on a hierarchical log" "got $lut LUT4, $ff flip-flops; want 65, 42"
fi

# ---- Latency per inference (fpga_latency.sh) on a canned bench result -----------------------------------
# The model-level sw_cycles, not a per-layer one; ms = cycles / (MHz * 1000); the label follows the flow.
mkdir -p "$out/latency"
cat >"$out/latency/e2e.json" <<EOF
[
  {"model": "m/a.stm", "cycles_per_inference": 48000, "sw_cycles": 2400000, "pe": 8, "simd": 32,
   "layers": [{"desc": 0, "cycles": 100, "sw_cycles": 7}]},
  {"model": "m/b.stm", "cycles_per_inference": 12, "sw_cycles": 24000, "pe": 16, "simd": 8,
   "layers": [{"desc": 0, "cycles": 12, "sw_cycles": 5}]}
]
EOF
lat=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/canned/big/r.json" 24)
if grep -qF '| `m/a.stm` | 8 x 32 | 48000 | 2.00 | 2400000 | 100.0 |' <<<"$lat" \
   && grep -qF '| `m/b.stm` | 16 x 8 | 12 | 0.00 | 24000 | 1.0 |' <<<"$lat" \
   && grep -q "not achieved: .* does not fit" <<<"$lat"; then
  ok "latency: ms at 24 MHz from the model-level cycles, 'not achieved' when the design does not fit"
else bad latency "$(echo "$lat" | tr '\n' ' ')"; fi
lat=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/canned/good/r.json" 24)
if grep -q "accelerator column: achieved: make fpga FPGA_ACCEL=1 fits and meets 24 MHz (Fmax 27.50 MHz)" <<<"$lat" \
   && ! grep -q "accelerator column: not achieved" <<<"$lat"; then
  ok "latency: accelerator column 'achieved' with the Fmax when the flow with the accelerator met the clock"
else bad latency-met "$(echo "$lat" | tail -n 1)"; fi
# A report of the SoC without the accelerator covers the CPU-only column only.
sed 's/"accel": true/"accel": false/' "$out/canned/good/r.json" >"$out/latency/cpu_only.json"
lat=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/latency/cpu_only.json" 24)
if grep -q "CPU-only column: achieved: make fpga FPGA_ACCEL=0 fits and meets 24 MHz (Fmax 27.50 MHz)" <<<"$lat" \
   && grep -q "accelerator column: not achieved: .* is the SoC without the accelerator" <<<"$lat"; then
  ok "latency: a CPU-only flow report labels the CPU-only column achieved and the accelerator column not"
else bad latency-cpu-only "$(echo "$lat" | tail -n 1)"; fi

# The SoC with the coprocessor (make fpga FPGA_ACCEL=cop): accel false, cop true, its PE count; its report
# covers the CPU-only column, not the accelerator's.
mkdir -p "$out/canned/cop"
cp "$out/canned/good/synth.log" "$out/canned/good/pnr.log" "$out/canned/cop/"
"$here/fpga_report.sh" "$out/canned/cop" "$out/canned/cop/r.json" 24 24.000 4 32 cop 0 10 20 >"$out/canned/cop/out.txt" 2>&1
rc=$?
lat=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/canned/cop/r.json" 24)
if [ "$rc" = 0 ] && [ "$(json "$out/canned/cop/r.json" cop)" = true ] && [ "$(json "$out/canned/cop/r.json" accel)" = false ] \
   && [ "$(json "$out/canned/cop/r.json" pe)" = 4 ] && grep -q "SoC with the coprocessor, PE 4 x SIMD 32" "$out/canned/cop/out.txt" \
   && grep -q "CPU-only column: achieved: make fpga FPGA_ACCEL=cop fits" <<<"$lat" \
   && grep -q "accelerator column: not achieved: .* is the SoC with the coprocessor" <<<"$lat"; then
  ok "report: the SoC with the coprocessor -> cop true, accel false, PE 4; latency labels the CPU-only column"
else bad report-cop "exit $rc, $(tr -d '\n' <"$out/canned/cop/r.json"); $(echo "$lat" | tail -n 1)"; fi
# With make bench-cop's cycles: a column for the CPU with the coprocessor, matched by the model's name, its
# model-level cycles (not a layer's cop_cycles), labelled by the coprocessor SoC's report.
cat >"$out/latency/cop.json" <<EOF
[
  {"model": "a", "cycles": 1200000, "ops": 5, "layers": [{"layer": 0, "cop_cycles": 9, "ops": 1, "sw_cycles": 7}]}
]
EOF
lat=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/canned/cop/r.json" 24 "$out/latency/cop.json")
lat_big=$("$here/fpga_latency.sh" "$out/latency/e2e.json" "$out/canned/big/r.json" 24 "$out/latency/cop.json")
if grep -qF '| `m/a.stm` | 8 x 32 | 48000 | 2.00 | 2400000 | 100.0 | 1200000 | 50.0 |' <<<"$lat" \
   && grep -qF '| `m/b.stm` | 16 x 8 | 12 | 0.00 | 24000 | 1.0 | - | - |' <<<"$lat" \
   && grep -q "coprocessor column: achieved: make fpga FPGA_ACCEL=cop fits" <<<"$lat" \
   && grep -q "coprocessor column: not achieved" <<<"$lat_big"; then
  ok "latency: the CPU + coprocessor column from make bench-cop, achieved only with the coprocessor SoC's report"
else bad latency-cop "$(echo "$lat" | tr '\n' ' ')"; fi

# ---- Pins: every port of the top has exactly one pin, and nothing else is constrained -----------------
ports=$(sed -nE 's/^ *(input|output) +logic +([a-z0-9_]+),?$/\2/p' "$here/st_fpga_top.sv" | sort)
pins=$(awk '$1 == "set_io" {print $2}' "$here/icebreaker.pcf" | sort)
if [ -n "$ports" ] && [ "$ports" = "$pins" ] && [ "$(awk '$1 == "set_io" {print $3}' "$here/icebreaker.pcf" | sort | uniq -d)" = "" ]; then
  ok "pcf: the $(wc -w <<<"$ports") ports of st_fpga_top, one distinct pin each"
else bad pcf "ports [$(echo $ports)] vs pcf [$(echo $pins)]"; fi

# ---- RTL that Yosys 0.23 reads differently from the simulators ------------------------------------------
# A typed parameter initialised with '1 becomes 1 in Yosys 0.23 (docs/fpga.md §6): the netlist differs
# from every RTL simulation. Spell all ones as {N{1'b1}}.
hits=$(grep -nE "^\s*(localparam|parameter)\b[^;]*=\s*'1\b" rtl/*/*.sv fpga/icebreaker/*.sv 2>/dev/null)
if [ -z "$hits" ]; then
  ok "rtl: no typed parameter initialised with '1 (Yosys 0.23 reads it as 1)"
else bad rtl-param-ones "$(echo "$hits" | head -n 3 | tr '\n' ' ')"; fi

# ---- The real flow -------------------------------------------------------------------------------------
if [ -n "$flow" ]; then   # the real flow (test-fpga-flow); make test runs the checks above only
  start=$(date +%s)
  $flow >"$out/flow.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  sed -n '/^fpga: iCE40/,$p' "$out/flow.log"
  echo "     (flow: ${secs} s)"
  if [ -f "$report" ] && [ "$(json "$report" fits)" = true ]; then
    ok "flow: the SoC fits the UP5K ($(json "$report" lc) / 5280 LC, $(json "$report" ebr) EBR, $(json "$report" spram) SPRAM, $(json "$report" dsp) DSP)"
  else bad flow-fit "does not fit: $(json "$report" lc 2>/dev/null) LC (see $out/flow.log)"; fi
  if [ -f "$report" ] && [ "$(json "$report" timing_met)" = true ]; then
    ok "flow: meets $(json "$report" target_mhz) MHz (Fmax $(json "$report" fmax_mhz) MHz)"
  else bad flow-timing "Fmax $(json "$report" fmax_mhz 2>/dev/null) MHz, target $(json "$report" target_mhz 2>/dev/null) MHz"; fi
  # An iCE40 UP5K bitstream is 104,090 bytes (icepack); `make fpga` exits 0 exactly when it wrote it.
  if [ $rc -eq 0 ] && [ -f "$bin" ] && [ "$(stat -c %s "$bin")" -eq 104090 ]; then
    ok "flow: make fpga exits 0 and writes a UP5K bitstream ($bin)"
  else bad flow-bitstream "make fpga exit $rc, bitstream $( [ -f "$bin" ] && stat -c %s "$bin" || echo missing)"; fi
fi

echo "fpga: $pass passed, $fail failed"
[ $fail -eq 0 ]
