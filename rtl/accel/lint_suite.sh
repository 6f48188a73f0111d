#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# lint_suite.sh VERILATOR YOSYS OUTDIR FILES... - the accel-lint suite:
#   1. verilator --lint-only -Wall of the whole accelerator (waivers only in rtl/lint/st_lint.vlt)
#   2. every file parses in Yosys (with the packages) without a warning
#   3. synth_ice40 of st_accel_top (which instantiates every module) ends without a warning or error
#   4. with ACCEL_PNR_RTL (accel.mk's ACCEL_ARRAY_RTL): verilator -Wall of make pnr-accel's harness of the PE
#      array, so that the harness keeps up with the array's ports (it once connected a removed one)
#   5. with ACCEL_FPGA_HARNESS (bench_fpga.mk's files and make pnr-accel-check's): verilator -Wall of
#      make bench-accel-fpga's two harnesses of the whole accelerator (st_accel_pnr_top for the UP5K,
#      st_accel_io_top for the HX8K) and of the checker's (st_accel_pnr_check)
# Prints one line per check and ends with "N passed, N failed".
set -u
VERILATOR=$1; YOSYS=$2; OUT=$3; shift 3
FILES=("$@")
mkdir -p "$OUT"
pass=0; fail=0
ok()  { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -n 20; }

if "$VERILATOR" --lint-only -Wall rtl/lint/st_lint.vlt "${FILES[@]}" --top-module st_accel_top >"$OUT/verilator.log" 2>&1; then
  ok "verilator -Wall st_accel_top"
else
  bad "verilator -Wall st_accel_top" "$OUT/verilator.log"
fi

PKGS=()
for f in "${FILES[@]}"; do
  case "$f" in *_pkg.sv) PKGS+=("$f");; esac
done
for f in "${FILES[@]}"; do
  case "$f" in *_pkg.sv) continue;; esac
  log="$OUT/parse_$(basename "$f" .sv).log"
  if "$YOSYS" -q -l "$log" -p "read_verilog -sv ${PKGS[*]} $f" >/dev/null 2>&1 && ! grep -q "^Warning" "$log"; then
    ok "yosys read $f"
  else
    bad "yosys read $f" "$log"
  fi
done

log="$OUT/synth.log"
if "$YOSYS" -q -l "$log" -p "read_verilog -sv ${FILES[*]}; synth_ice40 -top st_accel_top -dsp" >/dev/null 2>&1 &&
   ! grep -q "^Warning" "$log"; then
  ok "yosys synth_ice40 st_accel_top (every module)"
else
  bad "yosys synth_ice40 st_accel_top (every module)" <(grep -A2 "^Warning\|ERROR" "$log")
fi

if [ -n "${ACCEL_PNR_RTL:-}" ]; then
  # shellcheck disable=SC2086
  if "$VERILATOR" --lint-only -Wall rtl/lint/st_lint.vlt $ACCEL_PNR_RTL --top-module st_accel_pnr_array >"$OUT/pnr.log" 2>&1; then
    ok "verilator -Wall st_accel_pnr_array (make pnr-accel's harness)"
  else
    bad "verilator -Wall st_accel_pnr_array (make pnr-accel's harness)" "$OUT/pnr.log"
  fi
fi

if [ -n "${ACCEL_FPGA_HARNESS:-}" ]; then
  for top in st_accel_pnr_top st_accel_io_top st_accel_pnr_check; do
    # a harness of one block uses only its share of the packages' constants (rtl/lint/st_lint_partial.vlt)
    vlt=rtl/lint/st_lint.vlt; [ "$top" = st_accel_pnr_check ] && vlt="$vlt rtl/lint/st_lint_partial.vlt"
    # shellcheck disable=SC2086
    if "$VERILATOR" --lint-only -Wall $vlt "${FILES[@]}" $ACCEL_FPGA_HARNESS --top-module $top \
         >"$OUT/$top.log" 2>&1; then
      ok "verilator -Wall $top (a place-and-route harness)"
    else
      bad "verilator -Wall $top (a place-and-route harness)" "$OUT/$top.log"
    fi
  done
fi

echo "accel-lint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
