#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# yosys_stat.sh LOG CELL-REGEX - the number of cells whose type matches CELL-REGEX (awk, on the type
# alone: '^SB_LUT4$', 'SB_DFF') in a Yosys log's last statistics block: the whole design.
# When a module is kept whole (keep_hierarchy, e.g. st_accel_post_probe), Yosys prints each module's
# own cells and then the design hierarchy's sums; only those sums count, else a summing reader counts
# every cell twice. One reader for every flow that counts cells (docs/accelerator.md §7.2).
set -eu
[ $# -eq 2 ] || { echo "usage: $0 LOG CELL-REGEX" >&2; exit 2; }
[ -r "$1" ] || { echo "yosys_stat: cannot read $1" >&2; exit 1; }
awk '/Printing statistics/ || /=== design hierarchy ===/ {blk = ""} {blk = blk $0 "\n"} END {printf "%s", blk}' "$1" \
  | awk -v re="$2" '$1 ~ re && $2 ~ /^[0-9]+$/ {n += $2} END {print n + 0}'
