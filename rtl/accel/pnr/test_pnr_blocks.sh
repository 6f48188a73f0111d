#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# test_pnr_blocks.sh VERILATOR OUTDIR ICETIME_DB RTL... - suite accel-pnr-blocks: make pnr-accel-blocks's flow
# (pnr_blocks.sh) on two small blocks, max pool and the bus master (about 30 s):
#   1. the flow places and routes both and writes a JSON row for each, with logic cells above the harness's
#      flip-flops and an Fmax from nextpnr and from icetime;
#   2. each generated harness passes verilator --lint-only -Wall (but the packages' unused constants): every
#      port connected, at its width.
# Prints one line per check and ends with "N passed, N failed".
set -u
VERILATOR=$1 OUT=$2 DB=$3
shift 3
pass=0 fail=0
ok()  { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
blocks="maxpool bus"
json=$OUT/blocks.json
rm -f "$json"
if rtl/accel/pnr/pnr_blocks.sh "$OUT" "$json" "$DB" "$blocks" "$@" >"$OUT.log" 2>&1; then
  ok "pnr_blocks.sh places and routes: $blocks"
else
  bad "pnr_blocks.sh places and routes: $blocks"; sed 's/^/     /' "$OUT.log" | tail -n 10
fi
for b in $blocks; do
  row=$(grep "\"block\": \"$b\"" "$json" 2>/dev/null)
  num() { echo "$row" | sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
  lc=$(num lc) hff=$(num harness_ff) f=$(num fmax_mhz) ice=$(num icetime_mhz)
  if [ -n "$lc" ] && [ -n "$hff" ] && [ -n "$f" ] && [ -n "$ice" ] && [ "$lc" -gt "$hff" ] && \
     awk -v f="$f" -v i="$ice" 'BEGIN { exit !(f > 0 && i > 0) }'; then
    ok "$b: $lc LC ($hff harness flip-flops), $f MHz (icetime $ice)"
  else
    bad "$b: a JSON row with lc > harness_ff and both Fmax (got: ${row:-none})"
  fi
  h=$OUT/$b/st_accel_pnr_$b.sv
  # -Wno-UNUSEDPARAM: the packages' constants that this block alone does not use
  if [ -f "$h" ] && "$VERILATOR" --lint-only -Wall -Wno-UNUSEDPARAM rtl/lint/st_lint.vlt "$@" rtl/accel/pnr/st_pnr_pins.sv "$h" \
       --top-module "st_accel_pnr_$b" >"$OUT/$b/lint.log" 2>&1; then
    ok "$b: the generated harness lints clean (verilator -Wall)"
  else
    bad "$b: the generated harness lints clean (verilator -Wall)"; sed 's/^/     /' "$OUT/$b/lint.log" 2>/dev/null | head -n 10
  fi
done
echo "accel-pnr-blocks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
