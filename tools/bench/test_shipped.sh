#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_shipped.sh - suite `shipped`: every shipped model (models/models.json) runs its first samples through
# the whole product path (stc compile -> infer firmware + driver -> accelerator in the SoC simulator) and
# every layer output and score must equal the host golden model's (infer checks them against the
# expectations stc compile embedded and prints an @summary line).
#
#   tools/bench/test_shipped.sh [--cop] SIM APPS_DIR MODEL.stm...
#
# APPS_DIR/ship-<name>/infer.elf is the model's infer built by tools/bench/bench.mk. With --cop (suite
# cop-shipped) it is the cop app on the SoC with the coprocessor instead: CONV / DENSE accumulators on the
# coprocessor, the rest on the CPU, every sample's scores and layer CRCs checked by the app against the
# same expectations (an @copsummary line). Prints one line per model and ends with
# "shipped: N passed, M failed" (cop-shipped: ...); exit status 1 if any failed.
set -u
app=infer tag=@summary suite=shipped
if [ "${1:-}" = --cop ]; then
  app=cop tag=@copsummary suite=cop-shipped
  shift
fi
sim=$1 apps=$2
shift 2
pass=0 fail=0
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
for m in "$@"; do
  name=$(basename "$m" .stm)
  elf=$apps/ship-$name/$app.elf log=$apps/ship-$name/$app.log
  "$sim" +firmware="$elf" +timeout=2000000000 >"$log" 2>&1
  rc=$?
  sum=$(grep "^$tag " "$log" | tail -n 1)
  n=$(field "$sum" samples); exact=$(field "$sum" exact); layers=$(field "$sum" layers_checked)
  cyc=$(field "$sum" cycles)
  [ $app = cop ] && layers=$(grep -c '^@copsample .*exact=1' "$log") # the cop app checks every layer CRC
  if [ "$rc" -eq 0 ] && [ -n "$sum" ] && [ "${n:-0}" -gt 0 ] && [ "$exact" = "$n" ] && [ "${layers:-0}" -gt 0 ]; then
    if [ $app = cop ]; then
      echo "ok   $name: $exact/$n samples bit-exact on the CPU + coprocessor (every layer CRC and score), $cyc cycles per inference, $(field "$sum" ops) operations"
    else
      echo "ok   $name: $exact/$n samples bit-exact ($layers layer outputs and every score), $cyc cycles per inference"
    fi
    pass=$((pass + 1))
  else
    echo "FAIL $name: exit $rc, summary '${sum:-none}' (log $log)"
    tail -n 5 "$log" | sed 's/^/     /'
    fail=$((fail + 1))
  fi
done
[ $# -gt 0 ] || { echo "FAIL no shipped model listed"; fail=1; }
echo "$suite: $pass passed, $fail failed"
[ $fail -eq 0 ]
