#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_latency.sh - latency per inference on the board: the cycles per inference that `make bench`
# measured in the cycle-accurate simulator (build/bench/e2e.json, one entry per shipped model), divided by
# the board's clock: the achieved Fmax of the flow (build/bench/fpga.json) when the design meets its
# target, else the target clock (marked "not achieved").
#
#   fpga_latency.sh E2E_JSON FPGA_JSON TARGET_MHZ
#
# Prints a Markdown table (docs/fpga.md §7).
set -u
e2e=$1 fpga=$2 target=$3
[ -f "$e2e" ] || { echo "fpga-latency: $e2e missing: run make bench first"; exit 2; }
clock=$target note="target clock, not achieved yet"
if [ -f "$fpga" ] && grep -q '"timing_met": true' "$fpga"; then
  clock=$target note="target clock, met (Fmax $(sed -nE 's/.*"fmax_mhz": ([0-9.]+).*/\1/p' "$fpga") MHz)"
fi
echo "| model | cycles per inference | ms at $clock MHz | accelerator PE x SIMD |"
echo "| --- | --- | --- | --- |"
awk -v f="$clock" '
  function val(key,    r) {
    if (match($0, "\"" key "\": *[^,}]*")) { r = substr($0, RSTART, RLENGTH); sub(/^[^:]*: */, "", r); gsub(/"/, "", r); return r }
    return ""
  }
  { v = val("model"); if (v != "") { m = v; order[++n] = m }
    v = val("cycles_per_inference"); if (v != "") c[m] = v
    v = val("pe"); if (v != "") pe[m] = v
    v = val("simd"); if (v != "") simd[m] = v }
  END { for (i = 1; i <= n; i++) { m = order[i]
          printf "| `%s` | %d | %.2f | %s x %s |\n", m, c[m], c[m] / (f * 1000.0), pe[m], simd[m] } }' "$e2e"
echo
echo "($note; cycles from $e2e)"
