#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_flow.sh - the iCEBreaker flow: yosys synth_ice40 -> nextpnr-ice40 --up5k --package sg48 -> icepack,
# then the resource / timing report (fpga_report.sh) into a JSON file.
#
#   fpga_flow.sh -o OUTDIR -j BENCH_JSON -m MHZ -p PE -s SIMD -a ACCEL(0|1|cop) -b BOOT_HEX -w BOOT_WORDS
#                [-d WBUF_DEPTH] [-r SEED] [-n (synthesis only)] -- RTL_FILES...
#
# ACCEL 1: the SoC with the accelerator (ST_SOC_ACCEL, PE x SIMD), 0: without it, cop: with the
# coprocessor (ST_SOC_COP; PE is its PE count, SIMD must be 32, WBUF_DEPTH its weight words per PE,
# default st_soc_top's).
#
# OUTDIR gets synth.log, st_fpga.json (netlist), pnr.log, st_fpga.asc, st_fpga.bin, flow.time. The PLL
# dividers come from icepll for MHZ. nextpnr runs with --timing-allow-fail so that a design that misses its
# clock still yields a report; the exit status says whether the design fits and meets MHZ:
#   0 fits and meets timing, 1 does not fit or misses timing (the report says which), 2 a tool failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out= json= mhz= pe= simd= accel= boot= words= seed=1 synth_only=0 wbuf=
while getopts "o:j:m:p:s:a:b:w:r:d:n" opt; do
  case $opt in
    o) out=$OPTARG ;; j) json=$OPTARG ;; m) mhz=$OPTARG ;; p) pe=$OPTARG ;; s) simd=$OPTARG ;;
    a) accel=$OPTARG ;; b) boot=$OPTARG ;; w) words=$OPTARG ;; r) seed=$OPTARG ;; d) wbuf=$OPTARG ;;
    n) synth_only=1 ;;
    *) echo "fpga_flow: bad option" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
if [ -z "$out" ] || [ -z "$json" ] || [ -z "$mhz" ] || [ -z "$pe" ] || [ -z "$simd" ] || [ -z "$accel" ] \
   || [ -z "$boot" ] || [ -z "$words" ] || [ $# -eq 0 ]; then
  echo "usage: fpga_flow.sh -o OUTDIR -j JSON -m MHZ -p PE -s SIMD -a 0|1|cop -b BOOT_HEX -w WORDS [-d WBUF] [-r SEED] [-n] -- FILES" >&2
  exit 2
fi
case $accel in
  0|1) ;;
  cop) [ "$simd" = 32 ] || { echo "fpga_flow: the coprocessor's SIMD is 32, not $simd" >&2; exit 2; } ;;
  *) echo "fpga_flow: -a must be 0, 1 or cop, not '$accel'" >&2; exit 2 ;;
esac
for t in yosys nextpnr-ice40 icepack icepll; do
  command -v $t >/dev/null || { echo "fpga_flow: $t not found (make deps installs it)" >&2; exit 2; }
done
[ -f "$boot" ] || { echo "fpga_flow: boot ROM image '$boot' missing" >&2; exit 2; }
mkdir -p "$out"

# ---- PLL dividers from icepll ------------------------------------------------------------------------
pll=$(icepll -i 12 -o "$mhz" -p 2>&1) || { echo "fpga_flow: icepll -o $mhz failed: $pll" >&2; exit 2; }
field() { awk -v k="$1" '$1 == k":" {print $2}' <<<"$pll"; }
divr=$(field DIVR) divf=$(field DIVF) divq=$(field DIVQ) filt=$(field FILTER_RANGE)
achieved=$(awk '/achieved/ {print $2}' <<<"$pll")
[ -n "$divr" ] && [ -n "$divf" ] && [ -n "$divq" ] && [ -n "$filt" ] \
  || { echo "fpga_flow: cannot read icepll's dividers for $mhz MHz" >&2; exit 2; }
echo "fpga: PLL 12 MHz -> $achieved MHz (DIVR $divr DIVF $divf DIVQ $divq FILTER_RANGE $filt)"

defines= geometry="-set AccelNumPe $pe -set AccelSimd $simd"
[ "$accel" = 1 ] && defines=-DST_SOC_ACCEL
if [ "$accel" = cop ]; then
  defines=-DST_SOC_COP geometry="-set CopNumPe $pe${wbuf:+ -set CopWbufDepth $wbuf}"
fi

# ---- Synthesis ---------------------------------------------------------------------------------------------
t0=$(date +%s)
echo "fpga: yosys synth_ice40 (log $out/synth.log) ..."
yosys -q -l "$out/synth.log" -p "read_verilog -sv $defines $*; \
  chparam -set PllDivr $divr -set PllDivf $divf -set PllDivq $divq -set PllFilterRange $filt \
          -set BootRomFile \"$boot\" -set BootRomWords $words $geometry st_fpga_top; \
  synth_ice40 -top st_fpga_top -spram -dsp -json $out/st_fpga.json; stat" >/dev/null 2>"$out/synth.err"
rc=$?
t1=$(date +%s)
if [ $rc -ne 0 ]; then
  echo "fpga: yosys failed:"; tail -n 20 "$out/synth.log"; exit 2
fi

# ---- Place and route ---------------------------------------------------------------------------------------
pnr_rc=skipped
if [ "$synth_only" = 0 ]; then
  echo "fpga: nextpnr-ice40 --up5k --package sg48 --freq $mhz (log $out/pnr.log) ..."
  nextpnr-ice40 --up5k --package sg48 --pcf "$here/icebreaker.pcf" --json "$out/st_fpga.json" \
    --asc "$out/st_fpga.asc" --freq "$mhz" --seed "$seed" --timing-allow-fail -q -l "$out/pnr.log" \
    >/dev/null 2>"$out/pnr.err"
  pnr_rc=$?
  rm -f "$out/st_fpga.bin" "$out/st_fpga_failing.bin"
  if [ $pnr_rc -eq 0 ]; then
    icepack "$out/st_fpga.asc" "$out/st_fpga.tmp.bin" || { echo "fpga: icepack failed"; exit 2; }
  else
    rm -f "$out/st_fpga.asc"
  fi
fi
t2=$(date +%s)
echo "synth_s $((t1 - t0)) pnr_s $((t2 - t1))" >"$out/flow.time"

"$here/fpga_report.sh" "$out" "$json" "$mhz" "$achieved" "$pe" "$simd" "$accel" "$pnr_rc" "$((t1 - t0))" "$((t2 - t1))"
rc=$?
# Only a design that fits and meets its clock becomes st_fpga.bin (what make prog flashes); a bitstream that
# misses timing is kept as st_fpga_failing.bin for inspection.
if [ -f "$out/st_fpga.tmp.bin" ]; then
  if [ $rc -eq 0 ]; then mv "$out/st_fpga.tmp.bin" "$out/st_fpga.bin"; else mv "$out/st_fpga.tmp.bin" "$out/st_fpga_failing.bin"; fi
fi
exit $rc
