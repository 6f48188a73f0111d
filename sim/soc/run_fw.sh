#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_fw.sh - run firmware programs in the SoC simulator and check their exit codes.
#
#   sim/soc/run_fw.sh [-s SIM] [-t CYCLES] [-e CODE] [-l LOGDIR] [-a 'SIM ARGS'] PROGRAM.elf|.hex...
#
# Each program runs once (+firmware=PROGRAM +timeout=CYCLES); it passes when the simulator exits with
# CODE (default 0). Prints "ok   NAME" or "FAIL NAME (exit X, expected Y)" plus the last lines of its log,
# and finally "N passed, N failed"; exits 1 if any failed. Logs: LOGDIR/NAME.log (default
# build/test/run_fw). SIM defaults to build/sim/soc/st_soc_sim (make sim).
set -u
sim=build/sim/soc/st_soc_sim
timeout=10000000
expect=0
logdir=build/test/run_fw
extra=""
while getopts "s:t:e:l:a:h" opt; do
  case $opt in
    s) sim=$OPTARG ;;
    t) timeout=$OPTARG ;;
    e) expect=$OPTARG ;;
    l) logdir=$OPTARG ;;
    a) extra=$OPTARG ;;
    *) sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
  echo "run_fw.sh: no program given (usage: run_fw.sh [-s SIM] [-t CYCLES] [-e CODE] [-l LOGDIR] PROGRAM...)" >&2
  exit 2
fi
if [ ! -x "$sim" ]; then
  echo "run_fw.sh: simulator '$sim' not found (make sim)" >&2
  exit 2
fi
mkdir -p "$logdir"
pass=0; fail=0
for prog in "$@"; do
  name=$(basename "${prog%.*}")
  log="$logdir/$name.log"
  # shellcheck disable=SC2086  # extra holds several plusargs
  "$sim" +firmware="$prog" +timeout="$timeout" $extra >"$log" 2>&1
  rc=$?
  if [ "$rc" -eq "$expect" ]; then
    pass=$((pass + 1)); echo "ok   $name"
  else
    fail=$((fail + 1)); echo "FAIL $name (exit $rc, expected $expect; log $log)"
    tail -n 12 "$log" | sed 's/^/     /'
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
