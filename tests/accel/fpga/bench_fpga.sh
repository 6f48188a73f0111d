#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench_fpga.sh OUTDIR JSON "PExSIMD ..." DEFAULT RTL... - synthesise the whole accelerator (in the
# pin-saving harness st_accel_pnr_top.sv) for each PE x SIMD configuration with Yosys synth_ice40 -dsp,
# place and route it with nextpnr-ice40 --up5k, and write JSON: a list of {pe, simd, lc, ebr, dsp,
# fmax_mhz, default, fits_up5k, lut4, ff, bit_macs_per_cycle, notes}. A configuration that does not fit
# the UP5K gets lc = the logic cells nextpnr packed before it gave up, its Yosys LUT4 count and nextpnr's
# error; if it could fit the HX8K (7680 LCs) it is placed there for an Fmax estimate, labelled as such
# (fmax_source): ct256, whose 206 I/Os take the accelerator's ports as pins (st_accel_io_top.sv, no harness
# logic), synthesised without -dsp (the HX8K has no DSP blocks, so the multipliers are LUT4s there).
# nextpnr runs with --timing-allow-fail: a design that places and routes below the target frequency
# reports its Fmax instead of counting as not fitting.
set -u
st=$(dirname "$0")/../../../tools/yosys_stat.sh  # the cell counts of a Yosys log
out=$1; json=$2; configs=$3; default=$4; shift 4
rtl=("$@")
yosys=${YOSYS:-yosys}; nextpnr=${NEXTPNR:-nextpnr-ice40}; freq=${ACCEL_FPGA_MHZ:-30}
mkdir -p "$out"
rtlrev="$(git log -1 --format=%h -- rtl/accel 2>/dev/null)$(git diff --quiet -- rtl/accel 2>/dev/null || echo '+dirty')"
# One snapshot of the sources for every configuration, so that edits during the run do not mix revisions.
rm -rf "$out/src"; mkdir -p "$out/src"
snap=()
for f in "${rtl[@]}"; do
  cp "$f" "$out/src/" || { echo "bench-accel-fpga: cannot read $f" >&2; exit 1; }
  snap+=("$out/src/$(basename "$f")")
done
rtl=("${snap[@]}")
first=1
echo "[" > "$json.tmp"
printf "%-9s %6s %6s %5s %4s %9s %-6s %s\n" "PE x SIMD" "LUT4" "LC" "EBR" "DSP" "Fmax" "UP5K" "notes"
for cfg in $configs; do
  pe=${cfg%x*}; simd=${cfg#*x}; d="$out/${pe}x${simd}"; mkdir -p "$d"
  t0=$(date +%s)
  if ! "$yosys" -q -l "$d/synth.log" -p "read_verilog -sv ${rtl[*]}; chparam -set NumPe $pe -set SimdWidth $simd \
       st_accel_pnr_top; synth_ice40 -top st_accel_pnr_top -dsp -json $d/up5k.json" > /dev/null 2>&1; then
    echo "bench-accel-fpga: ${pe}x${simd}: yosys failed, see $d/synth.log" >&2; exit 1
  fi
  lut=$("$st" "$d/synth.log" '^SB_LUT4$')
  ff=$("$st" "$d/synth.log" '^SB_DFF')
  lc=null; ebr=null; dsp=null; fmax=null; fits=false; src=null; notes=""
  harness=tests/accel/fpga/st_accel_pnr_top.sv
  if "$nextpnr" --up5k --package sg48 --json "$d/up5k.json" --freq "$freq" --pcf-allow-unconstrained \
       --timing-allow-fail -l "$d/up5k.log" > /dev/null 2>&1; then
    fits=true; src='"up5k"'
    lc=$(grep -E "ICESTORM_LC:" "$d/up5k.log" | tail -n 1 | sed -E 's/.*ICESTORM_LC: *([0-9]+).*/\1/')
    ebr=$(grep -E "ICESTORM_RAM:" "$d/up5k.log" | tail -n 1 | sed -E 's/.*ICESTORM_RAM: *([0-9]+).*/\1/')
    dsp=$(grep -E "ICESTORM_DSP:" "$d/up5k.log" | tail -n 1 | sed -E 's/.*ICESTORM_DSP: *([0-9]+).*/\1/')
    fmax=$(grep -E "Max frequency for clock" "$d/up5k.log" | tail -n 1 | sed -E 's/.*: ([0-9.]+) MHz.*/\1/')
  else
    err=$(grep -m1 -E "ERROR" "$d/up5k.log" | sed 's/"/'"'"'/g')
    # nextpnr prints the packed logic-cell demand before it gives up placing
    lc=$(grep -E "ICESTORM_LC:" "$d/up5k.log" | tail -n 1 | sed -E 's/.*ICESTORM_LC: *([0-9]+).*/\1/')
    [ -n "$lc" ] || lc=null
    ebr=$("$st" "$d/synth.log" '^SB_RAM40_4K$')
    dsp=$("$st" "$d/synth.log" '^SB_MAC16$')
    notes="does not fit the UP5K: needs $lc logic cells after packing (of 5280; Yosys: $lut LUT4, $ff FF); nextpnr: $err"
    # the HX8K harness has no shift register (st_accel_pnr_top.sv's 105 flip-flops and about 40 LUT4),
    # so a packing up to that much above 7680 is still worth a try
    if [ "$lc" != null ] && [ "$lc" -gt $((7680 + 105 + 40)) ]; then
      notes="$notes; more than the 7680 of the largest iCE40 (HX8K) too, so no placed Fmax"
    # Fmax estimate on the HX8K (7680 LCs, no DSP): synthesised again without -dsp.
    elif "$yosys" -q -l "$d/synth_hx.log" -p "read_verilog -sv ${rtl[*]}; chparam -set NumPe $pe -set SimdWidth $simd \
         st_accel_io_top; synth_ice40 -top st_accel_io_top -json $d/hx8k.json" > /dev/null 2>&1 &&
       "$nextpnr" --hx8k --package ct256 --json "$d/hx8k.json" --freq "$freq" --pcf-allow-unconstrained \
         --timing-allow-fail -l "$d/hx8k.log" > /dev/null 2>&1; then
      fmax=$(grep -E "Max frequency for clock" "$d/hx8k.log" | tail -n 1 | sed -E 's/.*: ([0-9.]+) MHz.*/\1/')
      hlc=$(grep -E "ICESTORM_LC:" "$d/hx8k.log" | tail -n 1 | sed -E 's/.*ICESTORM_LC: *([0-9]+).*/\1/')
      src='"hx8k-estimate"'; harness="$harness, tests/accel/fpga/st_accel_io_top.sv (HX8K)"
      notes="$notes; Fmax is an HX8K ct256 estimate ($hlc LCs there with st_accel_io_top.sv, no DSP)"
    else
      e2=$(grep -m1 -E "ERROR" "$d/hx8k.log" 2>/dev/null | sed 's/"/'"'"'/g')
      notes="$notes; does not fit the HX8K either: $e2"
    fi
  fi
  t1=$(date +%s)
  isdef=false; [ "$cfg" = "$default" ] && isdef=true
  [ $first -eq 1 ] || echo "," >> "$json.tmp"; first=0
  printf '  {"pe": %s, "simd": %s, "lc": %s, "ebr": %s, "dsp": %s, "fmax_mhz": %s, "default": %s, "fits_up5k": %s, "fmax_source": %s, "lut4": %s, "ff": %s, "bit_macs_per_cycle": %s, "seconds": %s, "rtl": "%s", "harness": "%s", "notes": "%s"}' \
    "$pe" "$simd" "$lc" "$ebr" "$dsp" "$fmax" "$isdef" "$fits" "$src" "$lut" "$ff" "$((pe * simd))" "$((t1 - t0))" \
    "$rtlrev" "$harness" "$notes" >> "$json.tmp"
  printf "%-9s %6s %6s %5s %4s %9s %-6s %s\n" "${pe}x${simd}" "$lut" "$lc" "$ebr" "$dsp" "$fmax" "$fits" \
    "$([ $t1 -ge $t0 ] && echo "$((t1 - t0)) s") $notes"
done
printf "\n]\n" >> "$json.tmp"
mv "$json.tmp" "$json"
echo "bench-accel-fpga: wrote $json"
