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
# With COP_JSON (make bench-cop: build/bench/cop.json) a column for the board's build, the CPU with the
# coprocessor, whose clock a report of that SoC (cop true) covers.
#
#   fpga_latency.sh E2E_JSON FPGA_JSON TARGET_MHZ [COP_JSON]
#
# Prints a Markdown table (docs/fpga.md §7).
set -u
e2e=$1 fpga=$2 target=$3 copj=${4:-}
[ -n "$copj" ] && [ ! -f "$copj" ] && copj=""
[ -f "$e2e" ] || { echo "fpga-latency: $e2e missing: run make bench first"; exit 2; }
hw_note="accelerator column: not achieved: no flow report of the SoC with the accelerator ($fpga missing, run make fpga FPGA_ACCEL=1)"
sw_note="CPU-only column: not shown achieved: no flow report of the SoC without the accelerator (make fpga FPGA_ACCEL=0)"
cop_note="coprocessor column: not achieved: no flow report of the SoC with the coprocessor (make fpga)"
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
    cop_note="coprocessor column: ${status/make fpga/make fpga FPGA_ACCEL=cop}"
    hw_note="accelerator column: not achieved: $fpga is the SoC with the coprocessor, not the accelerator (run make fpga FPGA_ACCEL=1 for the other)"
  elif grep -q '"accel": false' "$fpga"; then
    sw_note="CPU-only column: ${status/make fpga/make fpga FPGA_ACCEL=0}"
    hw_note="accelerator column: not achieved: $fpga is the SoC without the accelerator (run make fpga FPGA_ACCEL=1 for the other)"
  else
    hw_note="accelerator column: ${status/make fpga/make fpga FPGA_ACCEL=1}"
  fi
fi
if [ -n "$copj" ]; then
  echo "| model | accelerator PE x SIMD | cycles per inference | ms at $target MHz | CPU only (swref) cycles | ms at $target MHz | CPU + coprocessor cycles | ms at $target MHz |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
else
  echo "| model | accelerator PE x SIMD | cycles per inference | ms at $target MHz | CPU only (swref) cycles | ms at $target MHz |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
fi
# shellcheck disable=SC2086
awk -v f="$target" -v withcop="${copj:+1}" '
  function val(key,    r) {
    if (match($0, "\"" key "\": *[^,}]*")) { r = substr($0, RSTART, RLENGTH); sub(/^[^:]*: */, "", r); gsub(/"/, "", r); return r }
    return ""
  }
  function ms(x) { return sprintf("%.1f", x / (f * 1000.0)) }
  # COP_JSON first: one model per line, its model-level cycles before the per-layer ones
  withcop && FILENAME == ARGV[1] { v = val("model"); if (v != "" && val("cycles") != "") cop[v] = val("cycles"); next }
  { v = val("model"); if (v != "") { m = v; order[++n] = m }
    v = val("cycles_per_inference"); if (v != "") c[m] = v
    # The model-level sw_cycles sits on the line of cycles_per_inference; per-layer ones come later.
    if (val("cycles_per_inference") != "") { v = val("sw_cycles"); if (v != "") sw[m] = v }
    v = val("pe"); if (v != "") pe[m] = v
    v = val("simd"); if (v != "") simd[m] = v }
  END { for (i = 1; i <= n; i++) { m = order[i]; b = m; sub(/.*\//, "", b); sub(/\.stm$/, "", b)
          printf "| `%s` | %s x %s | %d | %.2f | %s | %s |", m, pe[m], simd[m], c[m], c[m] / (f * 1000.0),
                 (m in sw) ? sw[m] : "-", (m in sw) ? ms(sw[m]) : "-"
          if (withcop) printf " %s | %s |", (b in cop) ? cop[b] : "-", (b in cop) ? ms(cop[b]) : "-"
          printf "\n" } }' $copj "$e2e"
echo
echo "(clock $target MHz; $hw_note; $sw_note${copj:+; $cop_note}; cycles from $e2e${copj:+ and $copj})"
