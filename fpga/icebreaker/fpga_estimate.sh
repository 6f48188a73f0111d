#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fpga_estimate.sh - resource estimates of the SoC for larger FPGAs: yosys synth_xilinx -family xc7 and
# synth_ecp5 (synthesis only, no place and route, so no Fmax), for one PE x SIMD configuration.
#
#   fpga_estimate.sh OUTDIR JSON PE SIMD ACCEL(0|1) -- RTL_FILES...
#
# The UP5K's SPRAM primitive (SB_SPRAM256KA, four of them: the 128 KiB RAM) stays a black box: on those
# families the RAM would be block RAM, counted separately by the user's own memory choice. ST_GENERIC
# selects the portable version of the iCE40-specific CPU cells (rtl/cpu/st_cpu_counter.sv).
set -u
out=$1 json=$2 pe=$3 simd=$4 accel=$5
shift 5
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
defines="-DST_GENERIC"
[ "$accel" = 1 ] && defines="$defines -DST_SOC_ACCEL"
cat >"$out/blackbox.v" <<'EOF'
(* blackbox *)
module SB_SPRAM256KA (input [13:0] ADDRESS, input [15:0] DATAIN, input [3:0] MASKWREN, input WREN,
                      input CHIPSELECT, input CLOCK, input STANDBY, input SLEEP, input POWEROFF,
                      output [15:0] DATAOUT);
endmodule
EOF

# stat_of LOG CELL-REGEX: the number of matching cells in the last statistics block (tools/yosys_stat.sh).
stat_of() { "$(dirname "$0")/../../tools/yosys_stat.sh" "$1" "$2"; }

run() {  # NAME SYNTH-COMMAND
  local name=$1 cmd=$2 t0
  shift 2
  t0=$(date +%s)
  if ! yosys -q -l "$out/$name.log" -p "read_verilog -sv $defines $out/blackbox.v $*; \
       chparam -set AccelNumPe $pe -set AccelSimd $simd st_soc_top; $cmd; stat" >/dev/null 2>"$out/$name.err"; then
    echo "fpga-estimate: $name failed (see $out/$name.log)"; tail -n 5 "$out/$name.log"; return 1
  fi
  echo "$(( $(date +%s) - t0 ))" >"$out/$name.time"
}

files="$*"
run xc7 "synth_xilinx -family xc7 -top st_soc_top -flatten" $files || exit 2
run ecp5 "synth_ecp5 -top st_soc_top" $files || exit 2
run ice40 "synth_ice40 -top st_soc_top -dsp" $files || exit 2

x_lut=$(stat_of "$out/xc7.log" '^LUT[1-6]$') x_ff=$(stat_of "$out/xc7.log" '^FD[CPRSE]+$')
x_bram=$(stat_of "$out/xc7.log" '^RAMB(18|36)E1$') x_lutram=$(stat_of "$out/xc7.log" '^RAM(32|64|128|256)')
x_dsp=$(stat_of "$out/xc7.log" '^DSP48E1$') x_carry=$(stat_of "$out/xc7.log" '^CARRY4$')
e_lut=$(stat_of "$out/ecp5.log" '^LUT4$') e_ff=$(stat_of "$out/ecp5.log" '^TRELLIS_FF$')
e_ccu=$(stat_of "$out/ecp5.log" '^CCU2C$') e_bram=$(stat_of "$out/ecp5.log" '^DP16KD$')
e_dsp=$(stat_of "$out/ecp5.log" '^MULT18X18D$') e_lutram=$(stat_of "$out/ecp5.log" '^TRELLIS_DPR16X4$')
i_lut=$(stat_of "$out/ice40.log" '^SB_LUT4$') i_ram=$(stat_of "$out/ice40.log" '^SB_RAM40_4K$')

mkdir -p "$(dirname "$json")"
cat >"$json" <<EOF
{
  "pe": $pe,
  "simd": $simd,
  "accel": $([ "$accel" = 1 ] && echo true || echo false),
  "xc7": {"lut": $x_lut, "ff": $x_ff, "carry4": $x_carry, "lutram": $x_lutram, "ramb": $x_bram, "dsp48e1": $x_dsp},
  "ecp5": {"lut4": $e_lut, "ff": $e_ff, "ccu2c": $e_ccu, "lutram": $e_lutram, "dp16kd": $e_bram, "mult18x18d": $e_dsp},
  "ice40": {"lut4": $i_lut, "ram40_4k": $i_ram},
  "note": "synthesis only (no place and route); the 128 KiB RAM (4 x SB_SPRAM256KA) is a black box"
}
EOF
echo
echo "fpga-estimate: SoC$([ "$accel" = 1 ] && echo " with the accelerator PE $pe x SIMD $simd" || echo " without the accelerator"), yosys synthesis only"
printf '  %-22s %8s %8s %8s %8s %8s\n' family LUT FF carry "BRAM" DSP
printf '  %-22s %8s %8s %8s %8s %8s\n' "Xilinx 7 (xc7)" "$x_lut" "$x_ff" "$x_carry" "$x_bram" "$x_dsp"
printf '  %-22s %8s %8s %8s %8s %8s\n' "Lattice ECP5" "$e_lut" "$e_ff" "$e_ccu" "$e_bram" "$e_dsp"
printf '  %-22s %8s %8s %8s %8s %8s\n' "iCE40 (for reference)" "$i_lut" "-" "-" "$i_ram" "-"
echo "  (plus LUT-RAM: xc7 $x_lutram, ECP5 $e_lutram; RAM 128 KiB not included) -> $json"
