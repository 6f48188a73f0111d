#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_shipped.sh - suite `shipped`: every shipped model (models/models.json) runs its first samples through
# the whole product path (stc compile -> infer firmware + driver -> accelerator in the SoC simulator) and
# every layer output and score must equal the host golden model's (infer checks them against the
# expectations stc compile embedded and prints an @summary line).
#
#   tools/bench/test_shipped.sh SIM APPS_DIR MODEL.stm...
#
# APPS_DIR/ship-<name>/infer.elf is the model's infer built by tools/bench/bench.mk. Prints one line per
# model and ends with "shipped: N passed, M failed"; exit status 1 if any failed.
set -u
sim=$1 apps=$2
shift 2
pass=0 fail=0
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
for m in "$@"; do
  name=$(basename "$m" .stm)
  elf=$apps/ship-$name/infer.elf log=$apps/ship-$name/infer.log
  "$sim" +firmware="$elf" +timeout=200000000 >"$log" 2>&1
  rc=$?
  sum=$(grep '^@summary ' "$log" | tail -n 1)
  n=$(field "$sum" samples); exact=$(field "$sum" exact); layers=$(field "$sum" layers_checked)
  cyc=$(field "$sum" cycles)
  if [ "$rc" -eq 0 ] && [ -n "$sum" ] && [ "${n:-0}" -gt 0 ] && [ "$exact" = "$n" ] && [ "${layers:-0}" -gt 0 ]; then
    echo "ok   $name: $exact/$n samples bit-exact ($layers layer outputs and every score), $cyc cycles per inference"
    pass=$((pass + 1))
  else
    echo "FAIL $name: exit $rc, summary '${sum:-none}' (log $log)"
    tail -n 5 "$log" | sed 's/^/     /'
    fail=$((fail + 1))
  fi
done
[ $# -gt 0 ] || { echo "FAIL no shipped model listed"; fail=1; }
echo "shipped: $pass passed, $fail failed"
[ $fail -eq 0 ]
