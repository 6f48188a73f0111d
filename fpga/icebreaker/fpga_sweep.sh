#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_sweep.sh - the largest accelerator (PE x SIMD) whose SoC fits the UP5K and meets the clock.
#
#   fpga_sweep.sh OUTDIR JSON "FLOW_ARGS" -- RTL_FILES...
#
# 1. Synthesis only (yosys) of the configurations the accelerator supports (NumPe, SimdWidth in 8, 16,
#    32), smallest first: the SB_LUT4 count, a lower bound of the logic cells. A configuration at least as
#    large in both PE and SIMD as one already above 5,280 LUT4 is skipped, not synthesised: it cannot be
#    smaller (the array, its buffers and its datapaths only grow), and one synthesis takes minutes.
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
smallest_first="8:8 8:16 16:8 8:32 16:16 32:8 16:32 32:16 32:32"
jv() { sed -nE "s/^  \"$2\": (.*),?$/\1/p" "$1" | sed 's/,$//'; }

echo "fpga-sweep: synthesis, smallest PE x SIMD first ..."
over=   # configurations already above 5,280 LUT4
for c in $smallest_first; do
  pe=${c%:*} simd=${c#*:} d=$out/pe${pe}_simd${simd}
  rm -f "$d/synth.json" "$d/pnr.json"   # nothing from an earlier sweep
  dom=
  for o in $over; do
    [ "$pe" -ge "${o%:*}" ] && [ "$simd" -ge "${o#*:}" ] && { dom=$o; break; }
  done
  if [ -n "$dom" ]; then
    printf '  PE %2s x SIMD %2s: skipped, at least PE %s x SIMD %s, which is above 5280 SB_LUT4\n' "$pe" "$simd" \
           "${dom%:*}" "${dom#*:}"
    continue
  fi
  # shellcheck disable=SC2086
  "$here/fpga_flow.sh" -o "$d" -j "$d/synth.json" -p "$pe" -s "$simd" -n $flow_args -- "$@" >"$d.synth.txt" 2>&1
  lut=$(jv "$d/synth.json" yosys_lut4 2>/dev/null)
  printf '  PE %2s x SIMD %2s: %6s SB_LUT4, %3s EBR (yosys)\n' "$pe" "$simd" "${lut:-failed}" \
         "$(jv "$d/synth.json" ebr 2>/dev/null)"
  if [ -z "$lut" ]; then
    echo "fpga-sweep: synthesis of PE $pe x SIMD $simd failed (see $d.synth.txt)"; exit 2
  fi
  [ "$lut" -gt 5280 ] && over="$over $c"
done

largest=
echo "fpga-sweep: place and route, largest first ..."
for c in $configs; do
  pe=${c%:*} simd=${c#*:} d=$out/pe${pe}_simd${simd}
  lut=$(jv "$d/synth.json" yosys_lut4 2>/dev/null)
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
    lut=$(jv "$d/synth.json" yosys_lut4 2>/dev/null) ebr=$(jv "$d/synth.json" ebr 2>/dev/null)
    printf '%s    {"pe": %s, "simd": %s, "yosys_lut4": %s, "ebr": %s, "pnr": %s}' "$sep" "$pe" "$simd" \
           "${lut:-null}" "${ebr:-null}" "$pj"
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
