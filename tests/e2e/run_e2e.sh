#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_e2e.sh - the end-to-end suite: the whole stack (model -> stc compile -> firmware + driver ->
# accelerator in the SoC simulator) against the host golden model, the fault paths, and stc compile's
# refusals. Every check prints "ok NAME" or "FAIL NAME" with the evidence; the last line is
# "endtoend: N passed, N failed" (the summary word has no digit: tests/run_suites.sh).
#
#   tests/e2e/run_e2e.sh SIM STC APPS_DIR OUT_DIR MODEL EXPECTED_TXT MKBIG TEST_BLOB
#
# APPS_DIR/<variant>/<app>.elf are built by tests/e2e/e2e.mk (variants: keep, keep-irq, inject, badcrc,
# baddesc, timeout, e2e, selftest-inject).
set -u
sim=$1; stc=$2; apps=$3; out=$4; model=$5; expected=$6; mkbig=$7; test_blob=$8
mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }

# run VARIANT APP [plusargs]: simulator output in $out/VARIANT-APP.log, exit code in $rc
run() {
  local v=$1 a=$2; shift 2
  log=$out/$v-$a.log
  "$sim" +firmware="$apps/$v/$a.elf" +timeout=400000000 "$@" >"$log" 2>&1
  rc=$?
}
# expect NAME CODE: the last run exited with CODE
expect_rc() {
  if [ "$rc" -eq "$2" ]; then ok "$1"; else bad "$1" "exit $rc, expected $2 ($log)" "$(tail -n 4 "$log")"; fi
}
# expect_line NAME REGEX: the last run's log has a line matching REGEX
expect_line() {
  if grep -Eq "$2" "$log"; then ok "$1"; else bad "$1" "no line matching '$2' in $log" "$(tail -n 4 "$log")"; fi
}

layers=$("$stc" info "$model" | sed -n 's/^layers: *\([0-9]*\).*/\1/p')

# ---- 1. the whole stack, every layer of every sample bit-exact --------------------------------------------
run keep infer
expect_rc "infer: $model, every tensor kept, exit 0" 0
sum=$(grep '^@summary ' "$log" | tail -n 1)
n=$(field "$sum" samples); exact=$(field "$sum" exact); checked=$(field "$sum" layers_checked)
if [ -n "$n" ] && [ "$n" -ge 20 ] && [ "$exact" = "$n" ]; then
  ok "infer: $exact/$n samples bit-exact with the host golden model (>= 20)"
else
  bad "infer: at least 20 samples, all bit-exact" "summary: $sum"
fi
if [ -n "$n" ] && [ "$checked" = "$((n * layers))" ]; then
  ok "infer: every layer's output compared: $checked = $n samples x $layers layers"
else
  bad "infer: every layer compared" "layers_checked=$checked, expected $n x $layers"
fi
# the scores against the first model's expected outputs (written by stgen, independent of stc compile)
if [ -f "$expected" ]; then
  miss=0; cnt=0
  while read -r idx rest; do
    want=$(awk -v i="$idx" '$1 == i { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' "$expected")
    [ -z "$want" ] && continue
    cnt=$((cnt + 1))
    [ "$rest" = "$want" ] || { miss=$((miss + 1)); [ $miss -le 3 ] && echo "     sample $idx: scores $rest, expected $want"; }
  done < <(sed -n 's/^@scores index=\([0-9]*\) /\1 /p' "$log")
  if [ "$cnt" -ge 20 ] && [ "$miss" -eq 0 ]; then
    ok "infer: the scores of $cnt samples equal $(basename "$expected") (stgen's golden run)"
  else
    bad "infer: scores equal $(basename "$expected")" "$miss of $cnt differ"
  fi
  preds=$(grep -c '^@sample .*exact=1' "$log")
  [ "$preds" = "$n" ] && ok "infer: one @sample line per sample, all exact" || bad "infer: @sample lines" "$preds of $n"
  # the summary's means (st_app_mean: 64-bit sums divided bit by bit) against the per-sample counts
  want=$(sed -n 's/^@sample .* cycles=\([0-9]*\) busy=\([0-9]*\) stall=\([0-9]*\) .*/\1 \2 \3/p' "$log" \
         | awk '{c += $1; b += $2; s += $3; k++} END {if (k) printf "%d %d %d", int(c / k), int(b / k), int(s / k)}')
  got="$(field "$sum" cycles) $(field "$sum" busy) $(field "$sum" stall)"
  [ -n "$want" ] && [ "$got" = "$want" ] && ok "infer: the summary's mean cycles, busy and stall ($got) are the samples' means" \
    || bad "infer: summary means" "summary $got, from the @sample lines $want"
fi

run keep-irq infer
expect_rc "infer, waiting by interrupt: exit 0" 0
sum=$(grep '^@summary ' "$log" | tail -n 1)
if [ "$(field "$sum" exact)" = "$(field "$sum" samples)" ] && [ "$(field "$sum" irqs)" = "$(field "$sum" samples)" ]; then
  ok "infer, interrupt mode: bit-exact, one accelerator interrupt per inference ($(field "$sum" irqs))"
else
  bad "infer, interrupt mode" "summary: $sum"
fi

# ---- 2. the checks catch wrong outputs, and name layer and word ----------------------------------------------
run inject infer
expect_rc "a flipped output bit (test hook): infer exits 1" 1
expect_line "  ... reported at sample 5, layer 3" '^  sample 5 layer 3 \(CONV\): output CRC'
expect_line "  ... recomputed on the CPU: layer 3, word 7" '^@mismatch layer=3 word=7 '
sum=$(grep '^@summary ' "$log" | tail -n 1)
[ "$(field "$sum" exact)" = "$(( $(field "$sum" samples) - 1 ))" ] && ok "  ... only that sample fails" \
  || bad "  ... only that sample fails" "summary: $sum"

run badcrc infer
expect_rc "a wrong golden expectation (stc --corrupt-crc 4,2): infer exits 1" 1
expect_line "  ... reported at sample 4, layer 2" '^  sample 4 layer 2 \(CONV\): output CRC'

# ---- 3. faults --------------------------------------------------------------------------------------------
run baddesc infer
expect_rc "corrupted descriptor 3 (stc --corrupt-desc 3): infer reports a driver error, exit 3" 3
expect_line "  ... the hardware's error, named: BAD_BITS at descriptor 3" \
  '^sample 0: accelerator error: BAD_BITS \(2\): Activation or weight bit width out of range / unsupported, at descriptor 3$'
expect_line "  ... @error line" '^@error sample=0 status=2 name=BAD_BITS desc=3$'

run timeout infer
expect_rc "a chain that cannot finish in the time limit (300 cycles): infer exits 3, no hang" 3
expect_line "  ... the driver timed out" '^@error sample=0 status=261 name=TIMEOUT'
cyc=$(sed -n 's/^sim: \([0-9]*\) cycles.*/\1/p' "$log")
if [ -n "$cyc" ] && [ "$cyc" -lt 2000000 ]; then ok "  ... the whole program ended after $cyc cycles"
else bad "  ... bounded" "ran $cyc cycles"; fi

run e2e faults
expect_rc "faults: timeout + recovery, abort, busy, 5 corrupted descriptors, interrupts (firmware test)" 0
expect_line "  ... its checks" '^[0-9]+ passed, 0 failed$'

# ---- 4. the other applications ----------------------------------------------------------------------------
run e2e example
expect_rc "example (docs/driver.md §4): exit 0" 0
expect_line "  ... right class" '^class ([0-9]+) \(expected \1\)$'

run e2e swref
expect_rc "swref: exit 0" 0
expect_line "  ... bit-exact" '^@swsummary .*exact=1 '

run e2e profile
expect_rc "profile (per-layer cycles, make bench): exit 0" 0
expect_line "  ... both paths bit-exact" '^@profsummary .*hw_exact=1 sw_exact=1$'
nd=$(sed -n 's/.* layers in \([0-9]*\) descriptors.*/\1/p' "$log" | head -n 1)
[ -n "$nd" ] && [ "$(grep -c '^@layerprof ' "$log")" = "$nd" ] && ok "  ... one @layerprof line per descriptor ($nd)" \
  || bad "  ... one @layerprof line per descriptor" "$(grep -c '^@layerprof ' "$log") lines, $nd descriptors"

run e2e selftest +uart_in='seed=4242\n' +uart_in_delay=100000
expect_rc "selftest (hardware vs software per layer, random data, seed 4242 over the UART): exit 0" 0
expect_line "  ... seed taken from the UART" 'seed 4242 '
expect_line "  ... summary" '^selftest: [1-9][0-9]* passed, 0 failed$'

run selftest-inject selftest
expect_rc "selftest with a flipped hardware bit (test hook): exit 1" 1
expect_line "  ... names layer 2 and the word" '^@mismatch layer=2 word=[0-9]+ expected=[0-9a-f]{8} actual=[0-9a-f]{8}$'

# ---- 5. stc compile refuses what does not fit ---------------------------------------------------------------
"$mkbig" "$out/big.stm" 72 && "$mkbig" "$out/huge.stm" 96 || bad "mkbig" "could not write the test models"
"$stc" compile "$out/big.stm" -o "$out/big.c" --count 0 >"$out/big.log" 2>&1; rc=$?; log=$out/big.log
expect_rc "compile: a model larger than the RAM budget fails, exit 6" 6
expect_line "  ... naming the need and the budget" 'does not fit the RAM budget: it needs [0-9]+ bytes, the budget is 65536 bytes \(--ram-budget\)'
expect_line "  ... and where the bytes go" 'activation buffers [0-9]+'
[ ! -e "$out/big.c" ] && ok "  ... and writes no output" || bad "  ... writes no output" "$out/big.c exists"
"$stc" compile "$out/huge.stm" -o "$out/huge.c" --count 0 >"$out/huge.log" 2>&1; rc=$?; log=$out/huge.log
expect_rc "compile: a model larger than the whole RAM fails, exit 6" 6
expect_line "  ... naming the RAM" "does not fit the SoC's RAM \(131072 bytes"
"$stc" compile "$model" -o "$out/x.c" --ram-budget 4000 >"$out/budget.log" 2>&1; rc=$?; log=$out/budget.log
expect_rc "compile: the first model with --ram-budget 4000 fails, exit 6" 6
"$stc" compile "$model" -o "$out/x.c" --caps ff0f2008,01000040,1f101008 >"$out/wbuf.log" 2>&1; rc=$?; log=$out/wbuf.log
expect_rc "compile: a weight buffer too small (CAPS1 64 words) fails, exit 6" 6
expect_line "  ... naming layer and buffer" 'ST_IMG_ERR_WBUF: layer [0-9]+ \(CONV\): one tile.s weights'
"$stc" compile "$model" -o "$out/x.c" --caps f70f2008,01000800,1f101008 >"$out/wbits.log" 2>&1; rc=$?; log=$out/wbits.log
expect_rc "compile: hardware without 4-bit weights (CAPS0.WBITS 0xf7) fails, exit 6" 6
expect_line "  ... naming the layer and WBITS" 'ST_IMG_ERR_BITS: layer 0 \(CONV\): .*WBITS 0x000000f7'
"$mkbig" "$out/wide.stm" wide || bad "mkbig wide" "could not write the test model"
"$stc" compile "$out/wide.stm" -o "$out/wide.c" --count 0 >"$out/wide.log" 2>&1; rc=$?; log=$out/wide.log
expect_rc "compile: a 7x7x32 first layer larger than the first-layer window buffer fails, exit 6" 6
expect_line "  ... naming layer 0 and CAPS3" 'layer 0 \(CONV\): its 7x7x32 BYTES window is 49 weight words, the first-layer buffer holds 28 \(CAPS3.BYTES_KWORDS\)'
"$stc" compile "$model" >"$out/noout.log" 2>&1; rc=$?; log=$out/noout.log
expect_rc "compile: no -o is a usage error, exit 2" 2
"$stc" compile "$model" -o "$out/x.txt" >"$out/suffix.log" 2>&1; rc=$?; log=$out/suffix.log
expect_rc "compile: an output that is neither .c nor .bin, exit 2" 2

# ---- 6. the binary image matches the C source ----------------------------------------------------------------
"$stc" compile "$model" -o "$out/img.c" --keep-tensors --base 0x4000 --quiet && \
  "$stc" compile "$model" -o "$out/img.bin" --keep-tensors --base 0x4000 --quiet
if "$test_blob" "$out/img.bin" "$out/img.c" >"$out/blob.log" 2>&1; then
  ok "binary image: layout of docs/driver.md §5.2, CRC, chain, same words as the C source ($(tail -n 1 "$out/blob.log"))"
else
  bad "binary image" "$(grep FAIL "$out/blob.log" | head -n 3)"
fi

# ---- 7. the documented example is the built one ---------------------------------------------------------------
if awk '/^```c$/ { inblk = 1; next } /^```$/ { inblk = 0 } inblk' docs/driver.md | diff -q - firmware/apps/example/example.c >/dev/null; then
  ok "docs/driver.md §4 shows firmware/apps/example/example.c verbatim"
else
  bad "docs/driver.md §4 example drifted from firmware/apps/example/example.c"
fi

echo "endtoend: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
