#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_soc_fw.sh SIM FWDIR OUTDIR "CC ARCHFLAGS" RISCV_PREFIX - suite soc-fw: the firmware tests
# (firmware/tests/*) in the SoC simulator, each with its expected exit code and output, and the
# simulator's own behaviour (loaders, exit codes, timeout, trace, stats, bad arguments).
set -u
sim=$1; fw=$2; out=$3; fwcc=$4; prefix=$5
mkdir -p "$out"
pass=0; fail=0

ok()   { pass=$((pass + 1)); echo "ok   $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1: $2"; [ -f "$out/$1.log" ] && tail -n 15 "$out/$1.log" | sed 's/^/     /'; }

# run NAME EXPECTED_RC SIMARGS... : runs the simulator, output in $out/NAME.log (stdout: NAME.out).
run() {
  local name=$1 want=$2; shift 2
  "$sim" "$@" >"$out/$name.out" 2>"$out/$name.err"
  local rc=$?
  cat "$out/$name.out" "$out/$name.err" >"$out/$name.log"
  if [ "$rc" -ne "$want" ]; then
    bad "$name" "exit code $rc, expected $want"
    return 1
  fi
  return 0
}

# has NAME TEXT... : every TEXT (fixed string) occurs in the program's stdout.
has() {
  local name=$1 t; shift
  for t in "$@"; do
    if ! grep -qF -- "$t" "$out/$name.out"; then
      bad "$name" "output lacks '$t'"
      return 1
    fi
  done
  return 0
}

# hasnt NAME TEXT : TEXT does not occur in stdout.
hasnt() {
  if grep -qF -- "$2" "$out/$1.out"; then
    bad "$1" "output has '$2'"
    return 1
  fi
  return 0
}

addr_of() { # ELF SYMBOL -> 0x%08x
  printf '0x%08x' "0x$("${prefix}nm" "$1" | awk -v s="$2" '$3 == s {print $1}')"
}

T=100000000  # generous cycle limits: a hang ends as a timeout, not a stuck suite
t=$fw/tests

# ---- hello: printf through the UART, the exact text ----------------------------------------------------
if run hello 0 +firmware="$t/hello/hello.elf" +timeout=2000000; then
  {
    echo "Hello from st-accel!"
    echo "dec 12345 hex 0x00c0ffee str ok char Z neg -42"
    echo "0^2=0 1^2=1 2^2=4 3^2=9"
    printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ%.0s' 1 2 3; echo "ABCDEFGHIJKLMNOPQRSTUV"
    echo "test: uart status"
    echo "3 passed, 0 failed"
  } >"$out/hello.expect"
  if cmp -s "$out/hello.expect" "$out/hello.out"; then ok hello
  else bad hello "UART output differs: $(diff "$out/hello.expect" "$out/hello.out" | head -5 | tr '\n' ' ')"; fi
fi

# ---- the same program from its $readmemh image -----------------------------------------------------------
if run hello-hex 0 +firmware="$t/hello/hello.hex" +timeout=2000000 \
   && cmp -s "$out/hello.out" "$out/hello-hex.out"; then ok hello-hex
elif [ -f "$out/hello-hex.out" ]; then bad hello-hex "output differs from the ELF run"; fi

# ---- crash reports -------------------------------------------------------------------------------------
elf=$t/crash/crash.elf
if run crash 130 +firmware="$elf" +timeout=2000000 \
   && has crash "*** CRASH: Illegal instruction (mcause 0x00000002)" \
                "mepc $(addr_of "$elf" st_crash_here)  mtval 0x00000000" \
                "s2  0x5a5a1234" "s3  0xc0ffee00" "sp  0x0001fff" "t6  0x" \
   && hasnt crash "survived"; then ok crash; fi

elf=$t/crash_load/crash_load.elf
if run crash-load 133 +firmware="$elf" +timeout=2000000 \
   && has crash-load "*** CRASH: Load access fault (mcause 0x00000005)" \
                     "mepc $(addr_of "$elf" st_crash_load_here)  mtval 0x20000000" "t0  0x20000000" \
   && hasnt crash-load "survived"; then ok crash-load; fi

if run irq-unhandled 127 +firmware="$t/irq_unhandled/irq_unhandled.elf" +timeout=2000000 \
   && has irq-unhandled "*** CRASH: Machine external interrupt (mcause 0x8000000b)" "no handler for this interrupt" \
   && hasnt irq-unhandled "was not taken"; then ok irq-unhandled; fi

# ---- self-checking programs: exit code 0 and a clean summary ------------------------------------------------
selfcheck() { # NAME PROGRAM SIMARGS...
  local name=$1 prog=$2; shift 2
  if run "$name" 0 +firmware="$prog" "$@" && has "$name" " passed, 0 failed" && hasnt "$name" "FAIL"; then
    ok "$name"
  fi
}
selfcheck timer "$t/timer/timer.elf" +timeout=$T
selfcheck irq-ext "$t/irq_ext/irq_ext.elf" +timeout=$T
selfcheck buserr "$t/buserr/buserr.elf" +timeout=$T
selfcheck soc "$t/soc/soc.elf" +timeout=$T && has soc "putc path ok" >/dev/null
selfcheck uart-rx "$t/uart_rx/uart_rx.elf" +timeout=$T '+uart_in=ping\x00\xff\nAB' && has uart-rx "got ping" >/dev/null
if run bootrom 0 +firmware="$t/bootrom/bootrom.elf" +timeout=$T \
   && has bootrom "first run: jumping to the boot ROM" "back from the boot ROM" "2 passed, 0 failed"; then ok bootrom; fi
selfcheck bench "$t/bench/bench.elf" +timeout=$T
selfcheck accel "$t/accel/accel.elf" +timeout=$T

# ---- every other program under firmware/tests (added later) must at least pass its own checks -------------
known=" hello crash crash_load irq_unhandled timer irq_ext buserr soc uart_rx bootrom bench accel "
for d in firmware/tests/*/; do
  n=$(basename "$d")
  [ "$n" = isa ] && continue
  case "$known" in *" $n "*) continue ;; esac
  selfcheck "$n" "$t/$n/$n.elf" +timeout=$T
done

# ---- the simulator itself ------------------------------------------------------------------------------
# Tiny programs assembled here: exit with a code, or spin forever.
mk_prog() { # NAME ASM [LINKFLAGS]
  printf '%s\n' "  .globl _start" "_start:" "$2" >"$out/$1.S"
  # shellcheck disable=SC2086  # fwcc is "gcc + arch flags"
  $fwcc -nostdlib -nostartfiles -Wl,-Ttext=0 -Wl,--no-warn-rwx-segments ${3:-} -o "$out/$1.elf" "$out/$1.S" \
    && "${prefix}objcopy" -O verilog --verilog-data-width=4 "$out/$1.elf" "$out/$1.hex"
}
# exit42: two instructions retire before the store that ends the run (three if stores retire when accepted).
mk_prog exit42 "  li t0, 0x10002000
  li t1, 42
  sw t1, 0(t0)
1: j 1b"
mk_prog exit256 "  li t0, 0x10002000
  li t1, 0x100
  sw t1, 0(t0)
1: j 1b"
mk_prog spin "1: j 1b"
mk_prog far "  nop
  .section .data
  .word 1" -Wl,--section-start=.data=0x20000000

run exit-code 42 +firmware="$out/exit42.hex" +timeout=10000 && ok exit-code
run exit-code-256 1 +firmware="$out/exit256.elf" +timeout=10000 && ok exit-code-256
if run timeout 124 +firmware="$out/spin.hex" +timeout=5000 && grep -q "TIMEOUT after 5000 cycles" "$out/timeout.err"; then
  ok timeout
fi
if run missing-file 2 +firmware="$out/no-such-file.elf" && grep -q "cannot open" "$out/missing-file.err"; then
  ok missing-file
fi
if run elf-outside-ram 2 +firmware="$out/far.elf" && grep -q "lies outside RAM" "$out/elf-outside-ram.err"; then
  ok elf-outside-ram
fi
printf '@00000000\n0000006f zz\n' >"$out/bad.hex"
if run bad-hex 2 +firmware="$out/bad.hex" && grep -q "line 2: bad token 'zz'" "$out/bad-hex.err"; then ok bad-hex; fi
printf '@00008000\n0000006f\n' >"$out/far.hex"
if run hex-outside-ram 2 +firmware="$out/far.hex" && grep -q "outside RAM" "$out/hex-outside-ram.err"; then
  ok hex-outside-ram
fi
if run bad-arg 2 +firmware="$out/exit42.hex" +no_such_option && grep -q "unknown argument" "$out/bad-arg.err"; then
  ok bad-arg
fi
if run stats 42 +firmware="$out/exit42.hex" +stats="$out/stats.json" \
   && grep -q '"exit_code": 42' "$out/stats.json" && grep -q '"sim_cycles_per_sec": [0-9]' "$out/stats.json" \
   && grep -qE '"instret": [23],' "$out/stats.json"; then
  ok stats
else
  bad stats "stats JSON: $(cat "$out/stats.json" 2>/dev/null)"
fi
rm -f "$out/full.fst" "$out/window.fst"
if run trace 0 +firmware="$t/soc/soc.elf" +trace="$out/full.fst" +timeout=$T \
   && run trace-window 0 +firmware="$t/soc/soc.elf" +trace="$out/window.fst" +trace_start=1000 +trace_end=1100 +timeout=$T; then
  full=$(stat -c %s "$out/full.fst" 2>/dev/null || echo 0); win=$(stat -c %s "$out/window.fst" 2>/dev/null || echo 0)
  if [ "$win" -gt 0 ] && [ "$full" -gt "$win" ]; then ok trace; else bad trace "FST sizes: full $full, window $win"; fi
fi

# ---- +profile: every cycle charged to a pc, summed per function with the ELF's symbols ---------------------
# The header's count equals the run's cycles (stderr), the per-function and per-pc lines each add up to it,
# main is named, a window counts exactly its cycles, and the options are checked.
if run profile 0 +firmware="$t/hello/hello.elf" +timeout=2000000 +profile="$out/profile.txt" \
   && run profile-window 0 +firmware="$t/hello/hello.elf" +timeout=2000000 +profile="$out/profile-window.txt" \
        +profile_start=1000 +profile_end=1100; then
  cyc=$(sed -n 's/^sim: \([0-9]*\) cycles, .*/\1/p' "$out/profile.err")
  counted=$(sed -n 's/^# cycles .*: \([0-9]*\) cycles counted.*/\1/p' "$out/profile.txt")
  fsum=$(awk '/^#/ {next} $3 !~ /\+0x/ {s += $1} END {print s + 0}' "$out/profile.txt")
  psum=$(awk '/^0x/ {s += $2} END {print s + 0}' "$out/profile.txt")
  wsum=$(awk '/^0x/ {s += $2} END {print s + 0}' "$out/profile-window.txt")
  if [ -n "$cyc" ] && [ "$counted" = "$cyc" ] && [ "$fsum" = "$cyc" ] && [ "$psum" = "$cyc" ] && [ "$wsum" = 100 ] \
     && grep -qE '^[0-9]+ [0-9.]+ main$' "$out/profile.txt" && grep -q "sim: profile: .* main" "$out/profile.err"; then
    ok profile
  else
    bad profile "run $cyc cycles, header $counted, functions $fsum, pcs $psum, window $wsum (want 100), main named?"
  fi
fi
if run profile-bad-window 2 +firmware="$t/hello/hello.elf" +profile="$out/p.txt" +profile_start=5 +profile_end=5 \
   && run profile-no-file 2 +firmware="$t/hello/hello.elf" +profile_start=5 \
   && grep -q "must be after" "$out/profile-bad-window.err" && grep -q "need +profile=FILE" "$out/profile-no-file.err"; then
  ok profile-args
fi

echo "soc-fw: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
