#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# sum_runs.sh CMD... - run each command (a string, word-split), show its output, and add up the last
# "N passed, N failed" line of each. A command that exits non-zero without a failed test, or prints no
# summary line, counts as one failure. Ends with the total line; exits non-zero if anything failed.
set -u
p=0; f=0
for cmd in "$@"; do
  echo "== $cmd"
  out=$($cmd 2>&1); rc=$?
  printf '%s\n' "$out"
  line=$(printf '%s\n' "$out" | grep -E '^([A-Za-z_-]+: )?[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$line" ]; then
    f=$((f + 1)); echo "sum_runs: no summary line from: $cmd"
    continue
  fi
  cp=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
  cf=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
  if [ "$rc" -ne 0 ] && [ "$cf" -eq 0 ]; then cf=1; echo "sum_runs: exit status $rc from: $cmd"; fi
  p=$((p + cp)); f=$((f + cf))
done
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
