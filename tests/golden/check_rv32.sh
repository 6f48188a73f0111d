#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# check_rv32.sh CC "FLAGS" OUTDIR INCDIR SRC... - the golden model builds for our RV32IM core:
#   1. each source compiles with CC FLAGS -c (freestanding rv32im, warnings are errors);
#   2. each object's undefined symbols (nm -u) are defined by the other golden objects or by that
#      target's libgcc.a: no libc (memset, memcpy, printf...) and nothing else slipped in;
#   3. all objects link together with -nostdlib and libgcc only (no missing or duplicate symbols).
# Prints one line per check and ends with "N passed, N failed".
set -u
cc=$1; flags=$2; out=$3; inc=$4; shift 4
nm=${cc%gcc}nm
pass=0; fail=0
ok()  { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
mkdir -p "$out"
# shellcheck disable=SC2086
libgcc=$($cc $flags -print-libgcc-file-name)
if [ ! -f "$libgcc" ]; then
  bad "libgcc for '$flags' not found ($libgcc)"
  echo "$pass passed, $fail failed"; exit 1
fi
"$nm" --defined-only -g "$libgcc" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u >"$out/libgcc.syms"
objs=()
for src in "$@"; do
  obj="$out/$(basename "${src%.c}").o"
  # shellcheck disable=SC2086
  if $cc $flags -I"$inc" -c "$src" -o "$obj" 2>"$out/$(basename "$src").log"; then
    ok "compile $src ($cc $flags)"
    objs+=("$obj")
  else
    bad "compile $src:"; cat "$out/$(basename "$src").log"
  fi
done
# What the golden objects define for each other, plus libgcc: everything an object may leave undefined.
"$nm" --defined-only -g "${objs[@]}" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u >"$out/golden.syms"
sort -u "$out/libgcc.syms" "$out/golden.syms" >"$out/allowed.syms"
for obj in "${objs[@]}"; do
  undef=$("$nm" -u "$obj" | awk '{print $NF}' | sort -u)
  extra=$(comm -23 <(printf '%s\n' $undef | sed '/^$/d') "$out/allowed.syms")
  from_libgcc=$(comm -12 <(printf '%s\n' $undef | sed '/^$/d') "$out/libgcc.syms" | tr '\n' ' ')
  if [ -z "$extra" ]; then
    ok "$(basename "$obj"): every undefined symbol is a golden-model function or in libgcc (libgcc: ${from_libgcc:-none})"
  else
    bad "$(basename "$obj") needs symbols neither the golden model nor libgcc provides: $(echo $extra)"
  fi
done
# Link: a freestanding entry point keeps every public function alive through --undefined.
syms=$("$nm" -g --defined-only "${objs[@]}" 2>/dev/null | awk '$2 == "T" {print "-Wl,--undefined=" $3}' | sort -u)
# shellcheck disable=SC2086
if $cc $flags -nostdlib -nostartfiles -Wl,-e,st_net_run -Wl,--no-warn-rwx-segments $syms "${objs[@]}" -lgcc \
     -o "$out/golden.elf" 2>"$out/link.log"; then
  ok "link all objects with -nostdlib -lgcc ($(wc -l <<<"$syms") public functions kept)"
else
  bad "link with -nostdlib -lgcc:"; cat "$out/link.log"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
