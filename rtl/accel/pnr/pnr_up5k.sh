#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# pnr_up5k.sh NETLIST.json LOG ICETIME_DB - the place-and-route recipe of every accelerator harness
# (make pnr-accel, pnr-accel-check, pnr-accel-blocks): nextpnr-ice40 --up5k --package sg48 --freq 30 with
# --timing-allow-fail (a design below 30 MHz reports its Fmax instead of failing) writes NETLIST.asc and
# LOG; icetime then times the routed design into NETLIST.icetime.txt. nextpnr times every SB_MAC16 port as
# a register and so misses a path through a DSP's combinational multiplier; icetime's models include it
# (docs/accelerator.md §7.2). Prints nextpnr's LC / RAM / DSP / Fmax lines and icetime's estimate; on a
# failure to place or route, the log's tail, and exits 1.
set -u
json=$1 log=$2 db=$3
asc=${json%.json}.asc
NEXTPNR=${NEXTPNR:-nextpnr-ice40}
ICETIME=${ICETIME:-icetime}
if ! $NEXTPNR --up5k --package sg48 --json "$json" --freq 30 --pcf-allow-unconstrained --timing-allow-fail \
     --asc "$asc" -l "$log" >/dev/null 2>&1; then
  tail -n 20 "$log"
  exit 1
fi
grep -E "ICESTORM_LC:|ICESTORM_RAM:|ICESTORM_DSP:|Max frequency" "$log" | tail -n 5
$ICETIME -d up5k -P sg48 -C "$db" -m -t -r "${json%.json}.icetime.txt" "$asc" 2>&1 |
  sed -n 's/^.*Timing estimate: /icetime (DSP paths included): /p'
