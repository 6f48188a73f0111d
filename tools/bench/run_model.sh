#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_model.sh - `make run`: the compiled model's infer (accelerator) and swref (CPU only) in the SoC
# simulator, then one summary: predictions, cycles per inference, the speedup over swref, and whether
# every output matched the host golden model.
#
#   tools/bench/run_model.sh --sim SIM --dir APPDIR --model M.stm [--timeout CYCLES] [--json FILE]
#
# APPDIR holds infer.elf and swref.elf (make apps). The applications check their own outputs against the
# golden expectations stc compile embedded; this script adds them up from their `@` lines. Exit 0 only if
# both ran, every checked output was bit-exact and nothing failed.
set -u
sim=""; dir=""; model=""; timeout=2000000000; json=""
while [ $# -gt 0 ]; do
  case $1 in
    --sim) sim=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --json) json=$2; shift 2 ;;
    --stc|--samples) shift 2 ;;  # accepted for symmetry with make run's variables
    *) echo "run_model.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for f in "$sim" "$dir/infer.elf" "$dir/swref.elf"; do
  [ -e "$f" ] || { echo "run_model.sh: $f not found (make apps sim)" >&2; exit 2; }
done
ilog=$dir/infer.log; slog=$dir/swref.log
echo "== infer: $model on the accelerator (SoC simulator) =="
"$sim" +firmware="$dir/infer.elf" +timeout="$timeout" +stats="$dir/infer.stats.json" >"$ilog" 2>&1
irc=$?
grep -v '^@' "$ilog" | grep -v '^sim:'
echo
echo "== swref: the same network on the CPU alone (golden bit-plane form) =="
"$sim" +firmware="$dir/swref.elf" +timeout="$timeout" +stats="$dir/swref.stats.json" >"$slog" 2>&1
src=$?
grep -v '^@' "$slog" | grep -v '^sim:'
echo

field() { # LINE KEY -> value of KEY=value in LINE
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}
isum=$(grep '^@summary ' "$ilog" | tail -n 1)
ssum=$(grep '^@swsummary ' "$slog" | tail -n 1)
speed=$(grep -o '[0-9]* simulated cycles/s' "$ilog" | tail -n 1 | cut -d' ' -f1)
echo "== summary =="
ok=1
if [ "$irc" -ne 0 ] || [ -z "$isum" ]; then
  echo "infer FAILED (exit $irc); log: $ilog"; tail -n 5 "$ilog"; ok=0
fi
if [ "$src" -ne 0 ] || [ -z "$ssum" ]; then
  echo "swref FAILED (exit $src); log: $slog"; tail -n 5 "$slog"; ok=0
fi
if [ -n "$isum" ] && [ -n "$ssum" ]; then
  n=$(field "$isum" samples); correct=$(field "$isum" correct); exact=$(field "$isum" exact)
  cyc=$(field "$isum" cycles); busy=$(field "$isum" busy); checked=$(field "$isum" layers_checked)
  sn=$(field "$ssum" samples); sexact=$(field "$ssum" exact); scyc=$(field "$ssum" cycles)
  speedup=$(awk -v a="$scyc" -v b="$cyc" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')
  acc=$(awk -v c="$correct" -v n="$n" 'BEGIN { printf "%.2f", (n > 0) ? 100 * c / n : 0 }')
  echo "model:                  $model"
  echo "predictions:            $correct/$n samples match their labels ($acc %)"
  echo "cycles per inference:   $cyc on the accelerator path (accelerator busy $busy), $scyc on the CPU alone (swref)"
  echo "speedup over swref:     ${speedup}x"
  echo "bit-exact vs golden:    infer $exact/$n samples ($checked layer outputs and all scores), swref $sexact/$sn"
  [ -n "$speed" ] && echo "simulator speed:        $speed simulated cycles/s"
  [ "$exact" = "$n" ] && [ "$sexact" = "$sn" ] || ok=0
  if [ -n "$json" ]; then
    printf '{"model": "%s", "cycles_per_inference": %s, "sw_cycles": %s, "speedup": %s, "bit_exact": %s, "accuracy_on_samples": %s}\n' \
      "$model" "$cyc" "$scyc" "$speedup" "$([ $ok = 1 ] && echo true || echo false)" "$acc" >"$json"
  fi
fi
if [ $ok = 1 ]; then
  echo "result:                 every output matched the host golden model"
else
  echo "result:                 FAILED (see above)"
fi
[ $ok = 1 ]
