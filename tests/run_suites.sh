#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_suites.sh LOGDIR SUITE... - run `make test-SUITE` for each suite, show progress, and add up the
# "N passed, N failed" line each suite prints last. A suite that exits non-zero without failing a test
# (a build error, a crash) counts as one failed test. Exits non-zero if anything failed.
set -u
logdir=$1; shift
mkdir -p "$logdir"
total_pass=0; total_fail=0; failed_suites=()
for s in "$@"; do
  log="$logdir/$s.log"
  start=$(date +%s%N)
  [ -t 1 ] && printf '[ %-22s ] running...\r' "$s"
  make --no-print-directory "test-$s" >"$log" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 )); secs="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
  line=$(grep -E '^([A-Za-z_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  p=0; f=0
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ -z "$line" ] && [ "$rc" -eq 0 ]; then f=1; echo "suite $s printed no summary line" >>"$log"; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  if [ "$f" -ne 0 ]; then
    status=FAIL; failed_suites+=("$s")
  else
    status=ok
  fi
  printf '[ %-22s ] %-4s %6d passed, %d failed  (%ss)\n' "$s" "$status" "$p" "$f" "$secs"
done
if [ ${#failed_suites[@]} -ne 0 ]; then
  for s in "${failed_suites[@]}"; do
    echo
    echo "==== $s: last lines of $logdir/$s.log ===="
    tail -n 25 "$logdir/$s.log"
  done
fi
echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
