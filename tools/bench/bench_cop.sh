#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench_cop.sh - `make bench-cop`: every shipped model through the cop app on the SoC with the coprocessor
# (SOC_COP=1): sample 0 layer by layer with the coprocessor and on the CPU alone, side by side in one run
# on the same core, then the mean cycles per inference over the image's samples (every one bit-exact).
#
#   tools/bench/bench_cop.sh SIM APPS_DIR OUT_DIR MODEL.stm...
#
# APPS_DIR/bench-<name>/cop.elf per model (tools/bench/bench.mk). Writes OUT_DIR/cop.json (a list: model,
# cycles, ops, sw_cycles0, cop_cycles0, speedup0, samples, exact, layers: [{layer, cop_cycles, ops,
# sw_cycles}]) and OUT_DIR/cop.md (the table); exit 1 if a model fails or is not bit-exact.
set -u
sim=$1 apps=$2 out=$3
shift 3
mkdir -p "$out"
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
json="[" sep="" fail=0
md="| model | cycles / inference, CPU + coprocessor | sample 0: CPU + coprocessor | sample 0: CPU alone | speedup | operations |
| --- | ---: | ---: | ---: | ---: | ---: |"
for m in "$@"; do
  name=$(basename "$m" .stm)
  log=$out/$name.cop.log
  echo "bench-cop: $name ..." >&2
  "$sim" +firmware="$apps/bench-$name/cop.elf" +timeout=20000000000 >"$log" 2>&1
  rc=$?
  sum=$(grep '^@copsummary ' "$log" | tail -n 1)
  n=$(field "$sum" samples) exact=$(field "$sum" exact)
  if [ "$rc" -ne 0 ] || [ -z "$sum" ] || [ "$exact" != "$n" ]; then
    echo "FAIL $name: exit $rc, summary '${sum:-none}' (log $log)" >&2
    fail=1
    continue
  fi
  cyc=$(field "$sum" cycles) ops=$(field "$sum" ops) sw0=$(field "$sum" sw_cycles) cop0=$(field "$sum" cop_cycles0)
  sp=$(awk -v a="$sw0" -v b="$cop0" 'BEGIN { printf "%.2f", a / b }')
  layers=$(grep '^@coplayer ' "$log" | awk '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%s{\"layer\": %s, \"cop_cycles\": %s, \"ops\": %s, \"sw_cycles\": %s}", (NR > 1 ? ", " : ""), v["layer"], v["cop_cycles"], v["ops"], v["sw_cycles"] }')
  json="$json$sep
  {\"model\": \"$name\", \"cycles\": $cyc, \"ops\": $ops, \"sw_cycles0\": $sw0, \"cop_cycles0\": $cop0, \"speedup0\": $sp, \"samples\": $n, \"exact\": $exact, \"layers\": [$layers]}"
  sep=","
  md="$md
| $name | $cyc | $cop0 | $sw0 | ${sp}x | $ops |"
  echo "ok   $name: $cyc cycles per inference (mean of $n, bit-exact); sample 0: $cop0 with the coprocessor, $sw0 on the CPU alone: ${sp}x" >&2
done
printf '%s\n]\n' "$json" >"$out/cop.json"
printf '%s\n' "$md" >"$out/cop.md"
cat "$out/cop.md"
exit $fail
