#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_sweep.sh - the largest accelerator (PE x SIMD) whose SoC fits the UP5K and meets the clock.
#
#   fpga_sweep.sh OUTDIR JSON "FLOW_ARGS" -- RTL_FILES...
#
# 1. Synthesis only (yosys) of every configuration the accelerator supports (NumPe, SimdWidth in 8, 16,
#    32): the SB_LUT4 count, a lower bound of the logic cells.
# 2. From the largest PE x SIMD down, place and route every configuration whose LUT count is at most the
#    UP5K's 5,280 cells, until one fits and meets the clock: that is the answer.
# FLOW_ARGS are fpga_flow.sh's options except -o, -j, -p, -s, -n. Writes JSON (one entry per
# configuration plus "largest") and prints a table. Exit 0 when a configuration fits, 1 when none does.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$1 json=$2 flow_args=$3
shift 3
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
configs="32:32 32:16 16:32 32:8 16:16 8:32 16:8 8:16 8:8"   # by PE x SIMD, largest first
jv() { sed -nE "s/^  \"$2\": (.*),?$/\1/p" "$1" | sed 's/,$//'; }

echo "fpga-sweep: synthesis of every PE x SIMD ..."
for c in $configs; do
  pe=${c%:*} simd=${c#*:} d=$out/pe${pe}_simd${simd}
  # shellcheck disable=SC2086
  "$here/fpga_flow.sh" -o "$d" -j "$d/synth.json" -p "$pe" -s "$simd" -n $flow_args -- "$@" >"$d.synth.txt" 2>&1
  printf '  PE %2s x SIMD %2s: %6s SB_LUT4, %3s EBR (yosys)\n' "$pe" "$simd" "$(jv "$d/synth.json" yosys_lut4)" \
         "$(jv "$d/synth.json" ebr)"
done

largest=
echo "fpga-sweep: place and route, largest first ..."
for c in $configs; do
  pe=${c%:*} simd=${c#*:} d=$out/pe${pe}_simd${simd}
  lut=$(jv "$d/synth.json" yosys_lut4)
  if [ -z "$lut" ] || [ "$lut" -gt 5280 ]; then
    continue
  fi
  # shellcheck disable=SC2086
  if "$here/fpga_flow.sh" -o "$d" -j "$d/pnr.json" -p "$pe" -s "$simd" $flow_args -- "$@" >"$d.pnr.txt" 2>&1; then
    largest=$c
    echo "  PE $pe x SIMD $simd: fits, $(jv "$d/pnr.json" lc) LC, Fmax $(jv "$d/pnr.json" fmax_mhz) MHz"
    break
  fi
  echo "  PE $pe x SIMD $simd: $(tail -n 1 "$d.pnr.txt")"
done

{
  echo "{"
  echo "  \"configs\": ["
  sep=
  for c in $configs; do
    pe=${c%:*} simd=${c#*:} d=$out/pe${pe}_simd${simd}
    pj=null
    [ -f "$d/pnr.json" ] && pj="{\"lc\": $(jv "$d/pnr.json" lc), \"fmax_mhz\": $(jv "$d/pnr.json" fmax_mhz), \"fits\": $(jv "$d/pnr.json" fits), \"timing_met\": $(jv "$d/pnr.json" timing_met)}"
    printf '%s    {"pe": %s, "simd": %s, "yosys_lut4": %s, "ebr": %s, "pnr": %s}' "$sep" "$pe" "$simd" \
           "$(jv "$d/synth.json" yosys_lut4)" "$(jv "$d/synth.json" ebr)" "$pj"
    sep=$',\n'
  done
  echo
  echo "  ],"
  if [ -n "$largest" ]; then
    echo "  \"largest\": {\"pe\": ${largest%:*}, \"simd\": ${largest#*:}}"
  else
    echo "  \"largest\": null"
  fi
  echo "}"
} >"$json"
if [ -n "$largest" ]; then
  echo "fpga-sweep: largest configuration that fits and meets the clock: PE ${largest%:*} x SIMD ${largest#*:} ($json)"
  exit 0
fi
echo "fpga-sweep: no PE x SIMD configuration fits the UP5K and meets the clock ($json)"
exit 1
