#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_report.sh - reads the logs of one flow run (fpga_flow.sh) and writes the resource / timing report.
#
#   fpga_report.sh OUTDIR JSON TARGET_MHZ PLL_MHZ PE SIMD ACCEL PNR_RC SYNTH_S PNR_S
#
# From nextpnr's log (OUTDIR/pnr.log): logic cells, block RAM, SPRAM, DSP in use ("Device utilisation")
# and the achieved Fmax of the system clock (the last "Max frequency for clock" lines: after routing; the
# lowest if there are several clocks). From yosys's log (OUTDIR/synth.log): the cell counts, which stand in
# when place and route did not run or failed (a design larger than the device). Writes JSON with the keys
# lc, lc_total, ebr, spram, dsp, fmax_mhz, target_mhz, pe, simd (plus fits, timing_met, accel, cop, pll_mhz,
# yosys_lut4, yosys_ff, yosys_carry, lc_source, synth_s, pnr_s, error) and prints a table. ACCEL 1: the SoC
# with the accelerator (accel true); 0: without it; cop: with the coprocessor instead (accel false, cop
# true; PE and SIMD are the coprocessor's).
# Exit status: 0 fits and meets TARGET_MHZ, 1 otherwise.
set -u
out=$1 json=$2 target=$3 pll=$4 pe=$5 simd=$6 accel=$7 pnr_rc=$8 synth_s=$9 pnr_s=${10}
synth=$out/synth.log pnr=$out/pnr.log

# Yosys: the last statistics block (the whole flattened design).
ystat() { "$(dirname "$0")/../../tools/yosys_stat.sh" "$synth" "^$1\$"; }
y_lut=$(ystat SB_LUT4) y_carry=$(ystat SB_CARRY) y_ram=$(ystat SB_RAM40_4K) y_spram=$(ystat SB_SPRAM256KA)
y_dsp=$(ystat SB_MAC16)
y_ff=0
for c in SB_DFF SB_DFFE SB_DFFR SB_DFFS SB_DFFER SB_DFFES SB_DFFSR SB_DFFSS SB_DFFESR SB_DFFESS; do
  y_ff=$((y_ff + $(ystat $c)))
done

# nextpnr: utilisation and Fmax.
util() { [ -f "$pnr" ] && awk -v k="$1:" '$2 == k {split($3, a, "/"); print a[1] + 0; exit}' "$pnr"; }
lc=$(util ICESTORM_LC) ebr=$(util ICESTORM_RAM) spram=$(util ICESTORM_SPRAM) dsp=$(util ICESTORM_DSP)
lc_total=5280
fmax=
if [ -f "$pnr" ] && [ "$pnr_rc" = 0 ]; then
  # The final report follows "Routing" / the last timing analysis: take the last block of Max frequency lines.
  fmax=$(awk '/Max frequency for clock/ {for (i = 1; i <= NF; i++) if ($i == "MHz") {v = $(i - 1); break}
                                          line[NR] = v; last = NR}
              END {m = ""; for (n = last; n in line; n--) if (m == "" || line[n] + 0 < m + 0) m = line[n]; print m}' "$pnr")
fi
err=
if [ "$pnr_rc" != 0 ] && [ "$pnr_rc" != skipped ]; then
  err=$(grep -m1 -E '^ERROR' "$pnr" 2>/dev/null | sed 's/"/'"'"'/g')
fi
lc_source=nextpnr
if [ -z "$lc" ]; then
  # No placement report: estimate logic cells from yosys (one LUT4 per cell; carries pack with LUTs).
  lc=$y_lut lc_source=yosys_lut4 ebr=$y_ram spram=$y_spram dsp=$y_dsp
fi

fits=false timing=false
[ "$lc" -le "$lc_total" ] && [ "$ebr" -le 30 ] && [ "$spram" -le 4 ] && [ "$dsp" -le 8 ] && fits=true
[ "$pnr_rc" = 0 ] || fits=$([ "$pnr_rc" = skipped ] && echo "$fits" || echo false)
if [ -n "$fmax" ] && awk -v f="$fmax" -v t="$target" 'BEGIN {exit !(f + 0 >= t + 0)}'; then timing=true; fi

mkdir -p "$(dirname "$json")"
cat >"$json" <<EOF
{
  "lc": $lc,
  "lc_total": $lc_total,
  "ebr": $ebr,
  "spram": $spram,
  "dsp": $dsp,
  "fmax_mhz": ${fmax:-null},
  "target_mhz": $target,
  "pll_mhz": $pll,
  "pe": $pe,
  "simd": $simd,
  "accel": $([ "$accel" = 1 ] && echo true || echo false),
  "cop": $([ "$accel" = cop ] && echo true || echo false),
  "fits": $fits,
  "timing_met": $timing,
  "lc_source": "$lc_source",
  "yosys_lut4": $y_lut,
  "yosys_carry": $y_carry,
  "yosys_ff": $y_ff,
  "synth_s": $synth_s,
  "pnr_s": $pnr_s,
  "error": "$err"
}
EOF

report() {
  printf '\nfpga: iCE40 UP5K-SG48, %s, PE %s x SIMD %s\n' "$(case $accel in 1) echo "SoC with the accelerator" ;;
    cop) echo "SoC with the coprocessor" ;; *) echo "SoC without the accelerator" ;; esac)" "$pe" "$simd"
  printf '  %-14s %6s / %-5s %s\n' "logic cells" "$lc" "$lc_total" "$([ "$lc_source" = yosys_lut4 ] && echo "(yosys SB_LUT4 count: not placed)")"
  printf '  %-14s %6s / %-5s\n' "block RAM" "$ebr" 30 "SPRAM" "$spram" 4 "DSP" "$dsp" 8
  printf '  %-14s %6s MHz (target %s MHz, PLL %s MHz)\n' "Fmax" "${fmax:-n/a}" "$target" "$pll"
  printf '  %-14s yosys %s s, nextpnr %s s\n' "time" "$synth_s" "$pnr_s"
  printf '  report: %s\n' "$json"
  if [ "$fits" != true ]; then
    echo "fpga: FAIL: the design does not fit the UP5K (${lc} of ${lc_total} logic cells, $ebr/30 EBR, $spram/4 SPRAM, $dsp/8 DSP)${err:+: $err}"
    exit 1
  fi
  if [ "$pnr_rc" = skipped ]; then
    echo "fpga: synthesis only (no place and route): no Fmax"
    exit 0
  fi
  if [ "$timing" != true ]; then
    echo "fpga: FAIL: misses timing: Fmax ${fmax:-unknown} MHz < ${target} MHz"
    exit 1
  fi
  echo "fpga: ok: fits and meets ${target} MHz; bitstream $out/st_fpga.bin"
  exit 0
}
report | tee "$out/summary.txt"
exit "${PIPESTATUS[0]}"
