#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_gate.sh - gate level against RTL: the same flash image booted by the RTL boot simulator and by the
# simulator of the synth_ice40 netlist (fpga/icebreaker/gate.mk). Both must exit 0 (the application's
# bit-exactness check passed) and print the same UART transcript, byte for byte: boot messages,
# predictions, scores and cycle counts.
#
#   test_gate.sh OUTDIR RTL_SIM GATE_SIM IMAGE FLASH_OFFSET "SIM_ARGS"
#
# Ends with "gate: N passed, N failed".
set -u
out=$1 rtl=$2 gate=$3 img=$4 off=$5 args=$6
mkdir -p "$out"
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# shellcheck disable=SC2086
"$rtl" +flash="$img@$off" $args >"$out/rtl.out" 2>"$out/rtl.err"
rc_rtl=$?
t0=$(date +%s)
# shellcheck disable=SC2086
"$gate" +flash="$img@$off" $args >"$out/gate.out" 2>"$out/gate.err"
rc_gate=$?
secs=$(( $(date +%s) - t0 ))
tail -n 3 "$out/gate.err" | sed 's/^/     gate /'

if [ $rc_rtl -eq 0 ] && grep -q "st-boot: flash: ok" "$out/rtl.out" && grep -qE "^@(cop)?summary" "$out/rtl.out"; then
  ok "RTL: boot from flash and one inference, exit 0"
else bad "RTL: exit $rc_rtl (see $out/rtl.out)"; fi
if [ $rc_gate -eq 0 ] && grep -q "st-boot: flash: ok" "$out/gate.out" && grep -qE "^@(cop)?summary" "$out/gate.out"; then
  ok "gate level: boot from flash and one inference, exit 0 (${secs} s)"
else bad "gate level: exit $rc_gate (see $out/gate.out, $out/gate.err)"; fi
if [ -s "$out/rtl.out" ] && cmp -s "$out/rtl.out" "$out/gate.out"; then
  ok "gate level == RTL: the UART transcripts are identical ($(wc -l <"$out/rtl.out") lines)"
else
  bad "gate level != RTL: first difference:"
  diff "$out/rtl.out" "$out/gate.out" | head -n 10 | sed 's/^/     /'
fi
grep -E "^sample|^accuracy|^cycles per|^coprocessor|^bit-exact" "$out/gate.out" | sed 's/^/     /'
echo "gate: $pass passed, $fail failed"
[ $fail -eq 0 ]
