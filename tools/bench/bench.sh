#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench.sh - `make bench`: every shipped model through infer, swref and profile in the SoC simulator.
#
#   tools/bench/bench.sh SIM APPS_DIR OUT_DIR MODEL.stm...
#
# For each model the firmware is APPS_DIR/bench-<name>/{infer,swref,profile}.elf (tools/bench/bench.mk).
# Writes OUT_DIR/<name>.{infer,swref,profile}.log, OUT_DIR/<name>.layers.csv, and then OUT_DIR/e2e.json
# (a list: model, cycles_per_inference, sw_cycles, speedup, bit_exact, accuracy_on_samples, plus detail),
# OUT_DIR/e2e.md (tables) and OUT_DIR/e2e_layers.png (per-layer cycles; tools/bench/plot.py). Exits
# non-zero if a program fails or an output is not bit-exact.
set -u
sim=$1; apps=$2; out=$3; shift 3
mkdir -p "$out"
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
speed_of() { grep -o '[0-9]* simulated cycles/s' "$1" | tail -n 1 | cut -d' ' -f1; }
ok=1
json="$out/e2e.json"
md="$out/e2e.md"
echo "[" >"$json"
first=1
{
  echo "# st-accel end-to-end benchmark"
  echo
  echo "SoC simulator (Verilator), RV32IM core + accelerator; cycles are SoC clock cycles measured by the core's"
  echo "cycle counter. *Accelerator path*: input copy + descriptor chain + result collection by the driver."
  echo "*CPU only*: swref, the golden model's bit-plane path on the same core with pre-packed weights."
  echo "Every figure comes from runs whose outputs matched the host golden model (scores and layer CRCs)."
  echo
  echo "| model | MACs | cycles / inference (accelerator) | accelerator busy | CPU only (swref) | speedup | bit-exact | accuracy on samples | sim speed (cycles/s) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
} >"$md"
layers_md=""
for model in "$@"; do
  name=$(basename "${model%.stm}")
  dir=$apps/bench-$name
  for app in infer swref profile; do
    echo "bench: $name: $app"
    "$sim" +firmware="$dir/$app.elf" +timeout=4000000000 >"$out/$name.$app.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "bench: $name: $app FAILED (exit $rc), see $out/$name.$app.log"; tail -n 5 "$out/$name.$app.log"; ok=0
    fi
  done
  isum=$(grep '^@summary ' "$out/$name.infer.log" | tail -n 1)
  ssum=$(grep '^@swsummary ' "$out/$name.swref.log" | tail -n 1)
  psum=$(grep '^@profsummary ' "$out/$name.profile.log" | tail -n 1)
  [ -n "$isum" ] && [ -n "$ssum" ] && [ -n "$psum" ] || { echo "bench: $name: missing results"; ok=0; continue; }
  n=$(field "$isum" samples); correct=$(field "$isum" correct); exact=$(field "$isum" exact)
  cyc=$(field "$isum" cycles); busy=$(field "$isum" busy); stall=$(field "$isum" stall)
  scyc=$(field "$ssum" cycles); sexact=$(field "$ssum" exact); sn=$(field "$ssum" samples)
  hw_exact=$(field "$psum" hw_exact); sw_exact=$(field "$psum" sw_exact); pe=$(field "$psum" pe); simd=$(field "$psum" simd)
  macs=$(sed -n 's/.*, \([0-9]*\) MACs$/\1/p' "$out/$name.swref.log" | tail -n 1)
  speed=$(speed_of "$out/$name.infer.log")
  bit_exact=false
  if [ "$exact" = "$n" ] && [ "$sexact" = "$sn" ] && [ "$hw_exact" = 1 ] && [ "$sw_exact" = 1 ]; then bit_exact=true; else ok=0; fi
  speedup=$(awk -v a="$scyc" -v b="$cyc" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')
  acc=$(awk -v c="$correct" -v n="$n" 'BEGIN { printf "%.2f", (n > 0) ? 100 * c / n : 0 }')
  # per-layer figures
  csv="$out/$name.layers.csv"
  echo "desc,layer,name,cycles,busy,stall,bitmacs,util_pct,sw_cycles" >"$csv"
  grep '^@layerprof ' "$out/$name.profile.log" | while read -r line; do
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$(field "$line" desc)" "$(field "$line" layer)" "$(field "$line" name)" \
      "$(field "$line" cycles)" "$(field "$line" busy)" "$(field "$line" stall)" "$(field "$line" bitmacs)" \
      "$(awk -v u="$(field "$line" util_permille)" 'BEGIN { printf "%.1f", u / 10 }')" "$(field "$line" sw_cycles)"
  done >>"$csv"
  layers_json=$(awk -F, 'NR > 1 { printf "%s{\"desc\": %s, \"layer\": %s, \"name\": \"%s\", \"cycles\": %s, \"busy\": %s, \"stall\": %s, \"bitmacs\": %s, \"utilization_pct\": %s, \"sw_cycles\": %s}", (NR > 2 ? ", " : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$csv")
  [ $first = 1 ] || echo "," >>"$json"
  first=0
  printf '  {"model": "%s", "cycles_per_inference": %s, "sw_cycles": %s, "speedup": %s, "bit_exact": %s, "accuracy_on_samples": %s,\n   "samples": %s, "sw_samples": %s, "accelerator_busy_cycles": %s, "bus_stall_cycles": %s, "macs": %s, "pe": %s, "simd": %s, "sim_cycles_per_s": %s,\n   "layers": [%s]}' \
    "$model" "$cyc" "$scyc" "$speedup" "$bit_exact" "$acc" "$n" "$sn" "$busy" "$stall" "${macs:-0}" "$pe" "$simd" "${speed:-0}" "$layers_json" >>"$json"
  echo "| \`$model\` | ${macs:-?} | $cyc | $busy | $scyc | ${speedup}x | $bit_exact ($exact/$n, swref $sexact/$sn) | $acc % ($correct/$n) | ${speed:-?} |" >>"$md"
  layers_md="$layers_md
### \`$model\` (PE $pe x SIMD $simd), sample 0, descriptor by descriptor

| descriptor | layer | cycles | busy | bus stalls | useful bit-MACs | utilisation | CPU cycles | speedup |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(awk -F, 'NR > 1 { printf "| %s | %s %s | %s | %s | %s | %s | %s %% | %s | %.1fx |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, ($4 > 0 ? $9 / $4 : 0) }' "$csv")
"
  echo "bench: $name: $cyc cycles/inference, swref $scyc, speedup ${speedup}x, bit-exact $bit_exact, accuracy $acc %"
done
echo "" >>"$json"
echo "]" >>"$json"
{
  echo
  echo "Utilisation = useful bit-MACs / (busy cycles x PE x SIMD): the share of the array's operand-bit slots"
  echo "doing work. The per-layer chart is e2e_layers.png."
  echo
  echo "## Per layer"
  echo "$layers_md"
} >>"$md"
if /usr/bin/python3 tools/bench/plot.py "$out" "$@" >"$out/plot.log" 2>&1; then
  echo "bench: wrote $json, $md, $out/e2e_layers.png"
else
  echo "bench: the chart failed (see $out/plot.log); wrote $json, $md"; ok=0
fi
# the floor of the issue: speedup over swref of at least 100x on the largest shipped model (by MACs; among
# models of equal MACs, e.g. one network at several bit widths, the one with the lowest speedup)
floor=$(/usr/bin/python3 - "$json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if d:
    most = max(e["macs"] for e in d)
    big = min((e for e in d if e["macs"] == most), key=lambda e: e["speedup"])
    print(f'{big["model"]} {big["macs"]} {big["speedup"]} {"met" if big["speedup"] >= 100 else "MISSED"}')
PY
)
set -- $floor
{
  echo
  echo "Floor (speedup over swref >= 100x on the largest shipped model): $1, $2 MACs, ${3}x: **$4**"
} >>"$md"
sed -n '1,/^Utilisation/p' "$md" | sed '$d'
echo "floor: speedup >= 100x on the largest shipped model ($1, $2 MACs): ${3}x, $4"
[ "$4" = "met" ] || ok=0
[ $ok = 1 ]
