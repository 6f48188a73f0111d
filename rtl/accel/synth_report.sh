#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# synth_report.sh SYNTH_LOG - the cell counts of a Yosys synth_ice40 run, and the logic-cell estimate
# (an iCE40 logic cell holds one LUT4, one carry and one flip-flop; nextpnr's packing gives the real count).
log=$1
st=$(dirname "$0")/../../tools/yosys_stat.sh
for c in SB_LUT4 SB_CARRY SB_DFF SB_RAM40_4K SB_MAC16 SB_SPRAM256KA; do
  printf '     %-28s %6s\n' "$c" "$("$st" "$log" "^$c")"
done
lut=$("$st" "$log" '^SB_LUT4$')
ff=$("$st" "$log" '^SB_DFF')
ebr=$("$st" "$log" '^SB_RAM40_4K$')
dsp=$("$st" "$log" '^SB_MAC16$')
echo "synth-accel: $lut LUT4, $ff flip-flops, $ebr EBR (of 30), $dsp DSP (of 8); LCs >= max(LUT4, FF) = $(( lut > ff ? lut : ff )) (of 5280)"
