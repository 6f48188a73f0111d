#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_latency.sh - latency per inference on the board: the cycles per inference that `make bench`
# measured in the cycle-accurate simulator (build/bench/e2e.json, one entry per shipped model: the
# accelerator path and the CPU-only swref path), divided by the board clock TARGET_MHZ. Whether the flow
# (build/bench/fpga.json) met that clock is stated under the table for the column it covers: a report of
# the SoC with the accelerator (accel true) for the accelerator column, one of the SoC without it
# (make fpga FPGA_ACCEL=0, accel false; or with the coprocessor, FPGA_ACCEL=cop, cop true) for the CPU-only
# column; a column without a report that meets the clock is labelled "not achieved".
#
#   fpga_latency.sh E2E_JSON FPGA_JSON TARGET_MHZ
#
# Prints a Markdown table (docs/fpga.md §7).
set -u
e2e=$1 fpga=$2 target=$3
[ -f "$e2e" ] || { echo "fpga-latency: $e2e missing: run make bench first"; exit 2; }
hw_note="accelerator column: not achieved: no flow report of the SoC with the accelerator ($fpga missing, run make fpga FPGA_ACCEL=1)"
sw_note="CPU-only column: not shown achieved: no flow report of the SoC without the accelerator (make fpga FPGA_ACCEL=0)"
if [ -f "$fpga" ]; then
  fmax=$(sed -nE 's/.*"fmax_mhz": ([0-9.]+|null).*/\1/p' "$fpga")
  if grep -q '"timing_met": true' "$fpga"; then
    status="achieved: make fpga fits and meets $target MHz (Fmax $fmax MHz)"
  elif grep -q '"fits": false' "$fpga"; then
    status="not achieved: the design of $fpga does not fit the UP5K"
  else
    status="not achieved: the design of $fpga fits but its Fmax is $fmax MHz"
  fi
  if grep -q '"cop": true' "$fpga"; then
    # The SoC with the coprocessor (make fpga FPGA_ACCEL=cop): the same core and clock for swref, no accelerator.
    sw_note="CPU-only column: ${status/make fpga/make fpga FPGA_ACCEL=cop} (the SoC with the coprocessor)"
    hw_note="accelerator column: not achieved: $fpga is the SoC with the coprocessor, not the accelerator (run make fpga FPGA_ACCEL=1 for the other)"
  elif grep -q '"accel": false' "$fpga"; then
    sw_note="CPU-only column: ${status/make fpga/make fpga FPGA_ACCEL=0}"
    hw_note="accelerator column: not achieved: $fpga is the SoC without the accelerator (run make fpga FPGA_ACCEL=1 for the other)"
  else
    hw_note="accelerator column: ${status/make fpga/make fpga FPGA_ACCEL=1}"
  fi
fi
echo "| model | accelerator PE x SIMD | cycles per inference | ms at $target MHz | CPU only (swref) cycles | ms at $target MHz |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
awk -v f="$target" '
  function val(key,    r) {
    if (match($0, "\"" key "\": *[^,}]*")) { r = substr($0, RSTART, RLENGTH); sub(/^[^:]*: */, "", r); gsub(/"/, "", r); return r }
    return ""
  }
  { v = val("model"); if (v != "") { m = v; order[++n] = m }
    v = val("cycles_per_inference"); if (v != "") c[m] = v
    # The model-level sw_cycles sits on the line of cycles_per_inference; per-layer ones come later.
    if (val("cycles_per_inference") != "") { v = val("sw_cycles"); if (v != "") sw[m] = v }
    v = val("pe"); if (v != "") pe[m] = v
    v = val("simd"); if (v != "") simd[m] = v }
  END { for (i = 1; i <= n; i++) { m = order[i]
          printf "| `%s` | %s x %s | %d | %.2f | %s | %s |\n", m, pe[m], simd[m], c[m], c[m] / (f * 1000.0),
                 (m in sw) ? sw[m] : "-", (m in sw) ? sprintf("%.1f", sw[m] / (f * 1000.0)) : "-" } }' "$e2e"
echo
echo "(clock $target MHz; $hw_note; $sw_note; cycles from $e2e)"
