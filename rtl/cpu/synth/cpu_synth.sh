#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cpu_synth.sh OUTDIR JSON RTL... - the core alone on the UP5K: yosys synth_ice40 -dsp, nextpnr-ice40
# --up5k --package sg48, then logic cells of the core (cells under u_core; the harness
# st_cpu_synth_top is not counted) and its Fmax, written to JSON (keys core_lc, core_fmax_mhz).
# The core keeps its own hierarchy level (keep_hierarchy) so that harness and core are not merged, but
# is flattened inside. Place and route runs once per placer seed in SEEDS (default "1 2 3 4 5"); the
# JSON gives every seed's Fmax, their median and, as core_fmax_mhz, the best (the bitstream of that seed
# meets it; the LC count is read from that seed's placement).
# FREQ is nextpnr's target (default 30 MHz); FORWARD=0|1 and CPOP=0|1 override the core's Forward and
# Cpop parameters.
set -eu
out=$1; json=$2; shift 2
seeds=${SEEDS:-1 2 3 4 5}
freq=${FREQ:-30}
mkdir -p "$out" "$(dirname "$json")"
here=$(dirname "$0")

yosys -q -l "$out/yosys.log" -p "read_verilog -sv $* $here/st_cpu_synth_top.sv; \
  ${FORWARD:+chparam -set Forward $FORWARD st_cpu_core;} ${CPOP:+chparam -set Cpop $CPOP st_cpu_core;} hierarchy -top st_cpu_synth_top; setattr -mod -set keep_hierarchy 1 st_cpu_core; \
  synth_ice40 -dsp ${SYNTH_OPTS:-} -top st_cpu_synth_top -json $out/top.json; \
  select -module st_cpu_core; stat; select -clear" || { tail -n 20 "$out/yosys.log"; exit 1; }
best=""; best_seed=""; list=""
for seed in $seeds; do
  log="$out/nextpnr-$seed.log"
  nextpnr-ice40 --up5k --package sg48 --pcf "$here/st_cpu_synth.pcf" --json "$out/top.json" \
    --asc "$out/top-$seed.asc" --write "$out/placed-$seed.json" --freq "$freq" --seed "$seed" \
    --timing-allow-fail -l "$log" >/dev/null 2>&1 || { grep -E "ERROR|error" "$log" | tail -n 5; exit 1; }
  f=$(grep -E "Max frequency for clock +'clk_i" "$log" | tail -n 1 | sed -E 's/.*: *([0-9.]+) MHz.*/\1/')
  [ -n "$f" ] || { echo "cpu_synth: no Fmax in $log"; exit 1; }
  list="$list${list:+, }$f"
  if [ -z "$best" ] || awk -v a="$f" -v b="$best" 'BEGIN { exit !(a > b) }'; then
    best=$f; best_seed=$seed
  fi
done
cp "$out/nextpnr-$best_seed.log" "$out/nextpnr.log"
cp "$out/placed-$best_seed.json" "$out/placed.json"

# Logic cells whose name lies under u_core (nextpnr keeps the instance path in the cell names).
lc=$(awk '/^        "[^"]*": \{$/ { name = $1 } /"type": "ICESTORM_LC"/ { if (name ~ /^"u_core\./) n++ } END { print n + 0 }' \
       "$out/placed.json")
all_lc=$(grep -E "ICESTORM_LC:" "$out/nextpnr.log" | tail -n 1 | sed -E 's/.*ICESTORM_LC: *([0-9]+).*/\1/')
ram=$(grep -E "ICESTORM_RAM:" "$out/nextpnr.log" | tail -n 1 | sed -E 's/.*ICESTORM_RAM: *([0-9]+).*/\1/')
dsp=$(grep -E "ICESTORM_DSP:" "$out/nextpnr.log" | tail -n 1 | sed -E 's/.*ICESTORM_DSP: *([0-9]+).*/\1/')
fmax=$best
# Median over the seeds (the lower middle one for an even count): what one arbitrary seed typically gives.
median=$(echo "$list" | tr ',' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
if [ -z "$lc" ] || [ "$lc" -eq 0 ]; then
  echo "cpu_synth: could not count the core's cells in $out/placed.json"
  exit 1
fi
cat >"$json" <<JSON
{
  "core_lc": $lc,
  "core_fmax_mhz": $fmax,
  "core_ebr": $ram,
  "core_dsp": $dsp,
  "harness_and_core_lc": $all_lc,
  "device": "iCE40 UP5K-SG48 (5280 LC)",
  "forward": "${FORWARD:-default}",
  "cpop": "${CPOP:-default}",
  "core_fmax_mhz_median": $median,
  "core_fmax_mhz_per_seed": [$list],
  "nextpnr_seeds": "$seeds",
  "nextpnr_best_seed": $best_seed,
  "nextpnr_target_mhz": $freq
}
JSON
cat "$json"
