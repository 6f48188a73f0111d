#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# synth_report.sh SYNTH_LOG - the cell counts of a Yosys synth_ice40 run, and the logic-cell estimate
# (an iCE40 logic cell holds one LUT4, one carry and one flip-flop; nextpnr's packing gives the real count).
log=$1
stats=$(awk '/Printing statistics/{p=1} p' "$log" | grep -E "SB_(LUT4|CARRY|DFF[A-Z]*|RAM40_4K|MAC16|SPRAM256KA)" )
echo "$stats"
lut=$(echo "$stats" | awk '/SB_LUT4/{s+=$2} END{print s+0}')
ff=$(echo "$stats" | awk '/SB_DFF/{s+=$2} END{print s+0}')
ebr=$(echo "$stats" | awk '/SB_RAM40_4K/{s+=$2} END{print s+0}')
dsp=$(echo "$stats" | awk '/SB_MAC16/{s+=$2} END{print s+0}')
echo "synth-accel: $lut LUT4, $ff flip-flops, $ebr EBR (of 30), $dsp DSP (of 8); LCs >= max(LUT4, FF) = $(( lut > ff ? lut : ff )) (of 5280)"
