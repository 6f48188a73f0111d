#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench_soc.sh SIM BENCH_ELF OUTDIR - `make bench-soc`: runs the C benchmark (firmware/tests/bench) in the
# SoC simulator three times, takes the median simulated cycles per second (per second of the simulator's
# own CPU time, so that other processes on a shared machine do not count; the wall-clock rate is recorded
# too) and the benchmark's CPI (its own rdcycle/rdinstret measurement of the kernels), merges the core's LC
# count and Fmax from OUTDIR/cpu.json (`make bench-soc` redoes `make cpu-synth` first when the core changed)
# when that exists, and writes OUTDIR/soc.json.
set -u
sim=$1; elf=$2; outdir=$3
mkdir -p "$outdir"
speeds=(); walls=()
for i in 1 2 3; do
  if ! "$sim" +firmware="$elf" +timeout=200000000 +stats="$outdir/soc-run$i.json" >"$outdir/soc-run$i.log" 2>&1; then
    echo "bench-soc: the benchmark failed (run $i), see $outdir/soc-run$i.log"; tail -n 15 "$outdir/soc-run$i.log"; exit 1
  fi
  speeds+=("$(sed -E 's/.*"sim_cycles_per_sec": ([0-9]+).*/\1/' "$outdir/soc-run$i.json")")
  walls+=("$(sed -E 's/.*"sim_cycles_per_sec_wall": ([0-9]+).*/\1/' "$outdir/soc-run$i.json")")
done
speed=$(printf '%s\n' "${speeds[@]}" | sort -n | sed -n 2p)
wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
accel=$(sed -E 's/.*"accelerator": (true|false).*/\1/' "$outdir/soc-run1.json")
line=$(grep '^bench total' "$outdir/soc-run1.log")
cpi=$(echo "$line" | sed -E 's/.*CPI ([0-9.]+).*/\1/')
kcycles=$(echo "$line" | sed -E 's/.*cycles +([0-9]+).*/\1/')
kinstret=$(echo "$line" | sed -E 's/.*instret +([0-9]+).*/\1/')
run=$(cat "$outdir/soc-run1.json")
cycles=$(echo "$run" | sed -E 's/.*"cycles": ([0-9]+).*/\1/')
instret=$(echo "$run" | sed -E 's/.*"instret": ([0-9]+).*/\1/')
run_cpi=$(echo "$run" | sed -E 's/.*"cpi": ([0-9.]+).*/\1/')

core_lc=null; core_fmax=null
if [ -f "$outdir/cpu.json" ]; then
  v=$(grep -oE '"core_lc": *[0-9.]+' "$outdir/cpu.json" | grep -oE '[0-9.]+$'); [ -n "$v" ] && core_lc=$v
  v=$(grep -oE '"core_fmax_mhz": *[0-9.]+' "$outdir/cpu.json" | grep -oE '[0-9.]+$'); [ -n "$v" ] && core_fmax=$v
fi
host=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
cat >"$outdir/soc.json" <<JSON
{
  "sim_cycles_per_sec": $speed,
  "sim_cycles_per_sec_runs": [$(IFS=,; echo "${speeds[*]}")],
  "sim_cycles_per_sec_wall": $wall,
  "sim_includes_accelerator": $accel,
  "cpi": $cpi,
  "cpi_note": "firmware/tests/bench kernels (CRC-32, quicksort, matmul, snprintf), measured by the core's cycle and instret counters",
  "bench_kernel_cycles": $kcycles,
  "bench_kernel_instret": $kinstret,
  "run_cycles": $cycles,
  "run_instret": $instret,
  "run_cpi": $run_cpi,
  "core_lc": $core_lc,
  "core_fmax_mhz": $core_fmax,
  "host": "$host, one thread; load average $(cut -d' ' -f1-3 /proc/loadavg)",
  "verilator": "$(verilator --version | head -1)"
}
JSON
cat "$outdir/soc.json"
echo "bench-soc: $speed simulated cycles/s (floor 1000000), CPI $cpi -> $outdir/soc.json"
awk -v s="$speed" 'BEGIN { exit !(s >= 1000000) }' || { echo "bench-soc: below the 1,000,000 cycles/s floor"; exit 1; }
