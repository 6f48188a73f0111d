#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_cli.sh OUTDIR STC STGEN - suite model-cli: stc info / check / run / eval on the first model with
# asserted output, bad arguments and bad files, and the drift check of models/first against stgen.
set -u
out=$1; stc=$2; stgen=$3
first=models/first
rm -rf "$out"; mkdir -p "$out"
pass=0; fail=0

ok()   { pass=$((pass + 1)); echo "ok   $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1: $2"; [ -f "$out/last.log" ] && sed 's/^/     /' "$out/last.log" | tail -n 12; }
# expect NAME RC PATTERN CMD... : run CMD, require exit code RC and an output line matching PATTERN (grep -E)
expect() {
  local name=$1 want=$2 pat=$3; shift 3
  "$@" >"$out/last.log" 2>&1; local rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$name" "exit $rc, expected $want"; return; fi
  if [ -n "$pat" ] && ! grep -Eq -- "$pat" "$out/last.log"; then bad "$name" "no line matching '$pat'"; return; fi
  ok "$name"
}

# ---- help and bad command lines ---------------------------------------------------------------------
expect help 0 '^  eval FILE SAMPLES.sti' "$stc" --help
expect help-lists-exit-codes 0 '^exit codes: 0 ok; 1 invalid' "$stc" help
expect no-args 2 '^usage: ' "$stc"
expect unknown-command 2 "unknown command 'frobnicate'" "$stc" frobnicate
expect info-no-file 2 'info takes one FILE' "$stc" info
expect run-one-arg 2 'run needs a model FILE and an INPUT' "$stc" run $first/first.stm
expect run-bad-form 2 "--form needs mac or bitplane, got 'fpga'" "$stc" run $first/first.stm $first/first.sti --form fpga
expect run-bad-index 2 "--index needs a sample number 0..65535, got 'x'" "$stc" run $first/first.stm $first/first.sti --index x
expect run-index-range 2 '--index 40 out of range, the file holds 40 samples' "$stc" run $first/first.stm $first/first.sti --index 40
expect run-unknown-option 2 "unknown option '--fast'" "$stc" run $first/first.stm $first/first.sti --fast
expect eval-bad-accuracy 2 '--min-accuracy needs a percentage' "$stc" eval $first/first.stm $first/first.sti --min-accuracy 101
expect missing-file 3 'cannot open nosuch.stm' "$stc" check nosuch.stm

# ---- info and check ---------------------------------------------------------------------------------
expect check-first 0 '^models/first/first.stm: ok \(8 layers, 10 classes, 14792 bytes\)' "$stc" check $first/first.stm
# MACs by hand: 16*16*8*9 + 8*8*16*9*8 + 2 * 8*8*16*9*16 + 4*4*32*9*16 + 32*10 = 461120
expect info-total 0 '^total: .* 461120 MACs per inference' "$stc" info $first/first.stm
expect info-layer1 0 '^  1 CONV +3x3/2 p1 +16x16x8 -> 8x8x16 +bip +1-bit bip' "$stc" info $first/first.stm
expect info-residual 0 '^  3 CONV .* \+t2 ' "$stc" info $first/first.stm
expect info-gsum 0 '^  6 GSUM +- +4x4x32 -> 1x1x32 +- +8-bit ' "$stc" info $first/first.stm
expect info-dense 0 '^  7 DENSE +\(1x1\) +1x1x32 -> 1x1x10 +8 +int32 ' "$stc" info $first/first.stm
for f in tests/model/corpus/*.stm; do
  expect "check-corpus-$(basename "$f" .stm)" 0 ': ok \(' "$stc" check "$f"
done
# broken files: the message names the error and where it is
cp $first/first.stm "$out/crc.stm"; printf '\x55' | dd of="$out/crc.stm" bs=1 seek=5000 conv=notrunc status=none
expect check-bad-crc 1 'ST_ERR_CRC: header: crc32 is' "$stc" check "$out/crc.stm"
head -c 1000 $first/first.stm >"$out/short.stm"
expect check-truncated 1 'ST_ERR_TRUNCATED: header: file_size is 14792 but the buffer holds 1000 bytes' "$stc" check "$out/short.stm"
expect check-not-a-model 1 'ST_ERR_MAGIC' "$stc" check $first/first.sti
expect info-not-a-model 1 'ST_ERR_MAGIC' "$stc" info $first/first_expected.txt

# ---- run: every sample in both forms gives exactly the expected class and scores ----------------------
rm -f "$out/last.log"
mismatch=""
while read -r idx cls scores; do
  case "$idx" in '#'*) continue ;; esac
  for form in mac bitplane; do
    "$stc" run $first/first.stm $first/first.sti --index "$idx" --form "$form" >"$out/run.log" 2>&1 || { mismatch="sample $idx $form: exit $?"; break 2; }
    got_cls=$(sed -n 's/^class: \([0-9]*\) .*/\1/p' "$out/run.log")
    got_scores=$(sed -n 's/^scores: //p' "$out/run.log")
    if [ "$got_cls" != "$cls" ] || [ "$got_scores" != "$scores" ]; then
      mismatch="sample $idx $form: expected class $cls scores '$scores', got class '$got_cls' scores '$got_scores'"; break 2
    fi
  done
done <$first/first_expected.txt
n_expected=$(grep -vc '^#' $first/first_expected.txt)
if [ -z "$mismatch" ] && [ "$n_expected" -eq 40 ]; then ok "run-all-samples-both-forms ($n_expected samples)"; else bad run-all-samples-both-forms "${mismatch:-$n_expected expected lines}"; fi

# --dump: every tensor; the last one holds the scores of the expected file
rm -f "$out/last.log"
if "$stc" run $first/first.stm $first/first.sti --index 7 --dump "$out/dump" >"$out/last.log" 2>&1 &&
   [ "$(ls "$out/dump" | tr '\n' ' ')" = "input.txt layer00.txt layer01.txt layer02.txt layer03.txt layer04.txt layer05.txt layer06.txt layer07.txt " ] &&
   [ "$(sed -n 's/^0 0: //p' "$out/dump/layer07.txt")" = "$(awk '$1 == 7 { $1 = ""; $2 = ""; sub(/^  /, ""); print }' $first/first_expected.txt)" ] &&
   grep -q '^# shape 8x8x16 (HxWxC), 1-bit bipolar' "$out/dump/layer01.txt" &&
   [ "$(grep -vc '^#' "$out/dump/layer00.txt")" -eq 256 ]; then
  ok run-dump
else
  bad run-dump "dump files missing or the output layer differs from first_expected.txt"
fi
# dumps of the two forms are identical, layer by layer
"$stc" run $first/first.stm $first/first.sti --index 11 --dump "$out/dmac" >/dev/null 2>&1
"$stc" run $first/first.stm $first/first.sti --index 11 --dump "$out/dbp" --form bitplane >/dev/null 2>&1
if [ -f "$out/dmac/layer07.txt" ] && diff -r "$out/dmac" "$out/dbp" >"$out/last.log"; then ok dump-forms-identical; else bad dump-forms-identical "mac and bitplane dumps differ"; fi

# a PGM image of sample 5 (bytes 16 + 5*257 .. +256 of the .sti) gives the same result as --index 5
{ printf 'P5\n# sample 5 of first.sti\n16 16\n255\n'; tail -c +$((16 + 5 * 257 + 1)) $first/first.sti | head -c 256; } >"$out/s5.pgm"
want=$(awk '$1 == 5 { print $2 }' $first/first_expected.txt)
expect run-pgm 0 "^class: $want \\(class$want\\)" "$stc" run $first/first.stm "$out/s5.pgm"
expect run-pgm-index 2 '--index applies to .sti sample files' "$stc" run $first/first.stm "$out/s5.pgm" --index 1
{ printf 'P5\n8 8\n255\n'; head -c 64 /dev/zero; } >"$out/small.pgm"
expect run-pgm-wrong-shape 1 'image is 8x8x1 \(HxWxC\), the model.s input is 16x16x1' "$stc" run $first/first.stm "$out/small.pgm"
{ printf 'P6\n16 16\n255\n'; head -c 768 /dev/zero; } >"$out/rgb.ppm"
expect run-ppm-wrong-channels 1 'image is 16x16x3' "$stc" run $first/first.stm "$out/rgb.ppm"
{ printf 'P5\n16 16\n65535\n'; head -c 512 /dev/zero; } >"$out/deep.pgm"
expect run-pgm-16bit 1 'maxval 65535, only 8-bit' "$stc" run $first/first.stm "$out/deep.pgm"
{ printf 'P5\n16 16\n255\n'; head -c 100 /dev/zero; } >"$out/cut.pgm"
expect run-pgm-truncated 1 'raster truncated \(100 of 256 bytes\)' "$stc" run $first/first.stm "$out/cut.pgm"
expect run-not-an-input 1 'neither a .sti sample file' "$stc" run $first/first.stm $first/first.stm

# ---- eval ---------------------------------------------------------------------------------------------
expect eval-accuracy 0 '^accuracy: 40/40 = 100.00%' "$stc" eval $first/first.stm $first/first.sti
expect eval-forms-agree 0 '^forms: mac and bitplane agree on 40/40 samples' "$stc" eval $first/first.stm $first/first.sti
expect eval-min-accuracy 0 '^accuracy: 40/40' "$stc" eval $first/first.stm $first/first.sti --min-accuracy 100 --form bitplane
# labels of another random model (seed 2) do not match this one: MISS lines, and exit 4 under --min-accuracy
"$stgen" --seed 2 --out "$out" --name other >/dev/null 2>&1
expect eval-other-labels 4 'accuracy below --min-accuracy 100%' "$stc" eval $first/first.stm "$out/other.sti" --min-accuracy 100
expect eval-other-labels-miss 4 '  MISS$' "$stc" eval $first/first.stm "$out/other.sti" --min-accuracy 100
cp $first/first.sti "$out/bad.sti"; printf '\x01' | dd of="$out/bad.sti" bs=1 seek=100 conv=notrunc status=none
expect eval-bad-crc 1 'ST_ERR_CRC: samples: crc32' "$stc" eval $first/first.stm "$out/bad.sti"

# ---- drift: the committed first model is exactly what stgen generates ---------------------------------
rm -f "$out/last.log"
if "$stgen" --seed 1 --out "$out" >"$out/last.log" 2>&1; then
  drift=""
  for f in first.stm first.sti first_expected.txt; do cmp -s "$first/$f" "$out/$f" || drift="$drift $f"; done
  if [ -z "$drift" ]; then ok "first-model-drift"; else bad first-model-drift "models/first differs from a fresh 'make first-model':$drift (run 'make first-model-update' if intended)"; fi
else
  bad first-model-drift "stgen failed"
fi
expect stgen-bad-arg 2 "bad argument '--seed' 0" "$stgen" --seed 0 --out "$out"

echo "model-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
