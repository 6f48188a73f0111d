#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_blocks.sh - where the logic goes: yosys synth_ice40 of st_soc_top (board parameters) with the
# hierarchy kept, and the SB_LUT4 / flip-flop / EBR / DSP count of each block, children included (CPU and
# its parts, each peripheral, the accelerator and its main parts).
#
#   fpga_blocks.sh OUTDIR PE SIMD ACCEL(0|1|cop) BOOT_HEX BOOT_WORDS -- RTL_FILES...
#
# Prints the table and writes OUTDIR/blocks.txt. Every module keeps its hierarchy except the glue between
# the blocks: the interconnect, the register slices, the RAM banks' wrappers and the error responders are
# flattened into st_soc_top and counted as its own logic ("interconnect ..."), because kept apart they
# would carry logic for address and data bits no slave uses and for ports tied off outside (the flow
# removes that). The sum is still a few percent above the flow's count (`make fpga`'s yosys_lut4): no
# optimisation across the kept boundaries.
set -u
out=$1 pe=$2 simd=$3 accel=$4 boot=$5 words=$6
shift 6
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
defines= geometry="-set AccelNumPe $pe -set AccelSimd $simd"
[ "$accel" = 1 ] && defines=-DST_SOC_ACCEL
# cop: the SoC with the coprocessor (rtl/cop/st_cop.sv), PE its PE count (its SIMD is 32)
[ "$accel" = cop ] && defines=-DST_SOC_COP geometry="-set CopNumPe $pe"
yosys -q -l "$out/blocks.log" -p "read_verilog -sv $defines $*; \
  chparam -set ResetVector 32'h00100000 -set BootRomWords $words -set BootRomFile \"$boot\" \
          $geometry st_soc_top; \
  hierarchy -top st_soc_top; setattr -mod -set keep_hierarchy 1 *; \
  setattr -mod -unset keep_hierarchy *st_soc_xbar* *st_soc_bus_reg* *st_soc_ram* *st_soc_spram* *st_soc_err_slave* *st_fifo*; \
  synth_ice40 -top st_soc_top -spram -dsp -json $out/blocks.json; stat" >/dev/null 2>"$out/blocks.err" \
  || { echo "fpga-blocks: yosys failed (see $out/blocks.log)"; exit 2; }

# Roll the per-module counts of the last statistics block up the hierarchy, then print the instances of
# st_soc_top and of the accelerator top.
awk '
  /Printing statistics/ { n = 0; delete own; delete kids; delete mods }
  /^=== .* ===$/ { m = $2; mods[m] = 1; next }
  m != "" && NF == 2 && $2 ~ /^[0-9]+$/ {
    c = $1
    if (c == "SB_LUT4") own[m, "lut"] += $2
    else if (c ~ /^SB_DFF/) own[m, "ff"] += $2
    else if (c == "SB_RAM40_4K") own[m, "ebr"] += $2
    else if (c == "SB_MAC16") own[m, "dsp"] += $2
    else if (c ~ /^SB_/) { }
    else { kids[m] = kids[m] " " c ":" $2 }
  }
  /design hierarchy/ { m = "" }
  function total(mod, k,    s, i, n, parts, kv) {
    s = own[mod, k] + 0
    n = split(kids[mod], parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); if (kv[1] in mods) s += kv[2] * total(kv[1], k) }
    return s
  }
  function short(x) { sub(/^\$paramod[^\\]*\\/, "", x); sub(/^\$paramod\\/, "", x); sub(/\\.*/, "", x); return x }
  END {
    top = "st_soc_top"
    printf "%-22s %5s %6s %6s %4s %4s\n", "block", "count", "LUT4", "FF", "EBR", "DSP"
    printf "%-22s %5s %6d %6d %4d %4d\n", "st_soc_top (all)", 1, total(top, "lut"), total(top, "ff"), total(top, "ebr"), total(top, "dsp")
    n = split(kids[top], parts, " ")
    for (i = 1; i <= n; i++) {
      split(parts[i], kv, ":")
      printf "  %-20s %5d %6d %6d %4d %4d\n", short(kv[1]), kv[2], kv[2] * total(kv[1], "lut"), kv[2] * total(kv[1], "ff"), kv[2] * total(kv[1], "ebr"), kv[2] * total(kv[1], "dsp")
      if (short(kv[1]) == "st_accel_top") acc = kv[1]
      if (short(kv[1]) == "st_cpu_core") cpu = kv[1]
    }
    printf "  %-20s %5s %6d %6d\n", "(interconnect, glue)", "", own[top, "lut"], own[top, "ff"]
    if (cpu != "") { print "st_cpu_core:"; n = split(kids[cpu], parts, " ")
      for (i = 1; i <= n; i++) { split(parts[i], kv, ":")
        printf "  %-20s %5d %6d %6d %4d %4d\n", short(kv[1]), kv[2], kv[2] * total(kv[1], "lut"), kv[2] * total(kv[1], "ff"), kv[2] * total(kv[1], "ebr"), kv[2] * total(kv[1], "dsp") }
      printf "  %-20s %5s %6d %6d\n", "(own logic)", "", own[cpu, "lut"], own[cpu, "ff"] }
    if (acc != "") { print "st_accel_top:"; n = split(kids[acc], parts, " ")
      for (i = 1; i <= n; i++) { split(parts[i], kv, ":")
        printf "  %-20s %5d %6d %6d %4d %4d\n", short(kv[1]), kv[2], kv[2] * total(kv[1], "lut"), kv[2] * total(kv[1], "ff"), kv[2] * total(kv[1], "ebr"), kv[2] * total(kv[1], "dsp") }
      printf "  %-20s %5s %6d %6d\n", "(own logic)", "", own[acc, "lut"], own[acc, "ff"] }
  }' "$out/blocks.log" | tee "$out/blocks.txt"
