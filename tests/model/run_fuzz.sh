#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_fuzz.sh FUZZER SECONDS WORKDIR NAME - run the libFuzzer target of the model parser for SECONDS,
# seeded from tests/model/corpus and models/first; new interesting inputs are kept in WORKDIR (under build/).
# A crash, leak, sanitizer report or timeout leaves the input in WORKDIR/artifacts and fails the run.
set -u
fuzzer=$1; secs=$2; work=$3; name=$4
mkdir -p "$work/corpus" "$work/artifacts"
log="$work/$name.log"
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" tests/model/corpus models/first >"$log" 2>&1
rc=$?
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
grep -E '^(Done|INFO: seed corpus|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' "$log"
if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
  echo "$name: ${runs} inputs in ${secs} s, no crash, leak, sanitizer report or form mismatch"
  echo "$name: 1 passed, 0 failed"
else
  tail -n 40 "$log"
  echo "$name: fuzzer exit $rc; the failing input is in $work/artifacts/ (reproduce: $fuzzer FILE)"
  echo "$name: 0 passed, 1 failed"
  exit 1
fi
