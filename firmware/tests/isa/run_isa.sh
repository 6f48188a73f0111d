#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_isa.sh MODE RUNNER OUTDIR ELF... - run ISA test programs and report each, then "N passed, N failed".
#   MODE soc   RUNNER = the SoC simulator (st_soc_sim); a program passes when it exits 0
#   MODE tb    RUNNER = the core testbench (st_cpu_tb). Each program runs once per seed in $SEEDS (default
#              "1 2 3"; seed 0 = no wait states, others = random wait states from that seed). SEED=N
#              runs only seed N, to reproduce a failure.
#   MODE qemu  RUNNER = qemu-system-riscv32 (virt machine)
# Programs under a selftest/ folder are negative controls: they must exit with the code in their name's
# table below (a failing check and an unexpected trap must be reported, not passed). Exits non-zero if
# anything failed.
set -u
mode=$1; runner=$2; out=$3; shift 3
mkdir -p "$out"
pass=0; fail=0

# Exit code each negative control must produce.
expected_rc() {
  case "$1" in
    fail_check) echo 5 ;;
    fail_trap)  echo 137 ;;
    *)          echo 0 ;;
  esac
}

# Programs qemu cannot run, with the reason (printed, never passed silently).
qemu_skip() {
  case "$1" in
    irq_ext) echo "needs MEIP from SIMCTRL.IRQ; qemu virt routes external interrupts through its PLIC" ;;
    *)       echo "" ;;
  esac
}

if [ "$mode" = qemu ] && ! command -v "$runner" >/dev/null 2>&1; then
  echo "isa-qemu: '$runner' not found: install qemu-system-misc (make deps)"
  echo "0 passed, 1 failed"
  exit 1
fi

seeds=${SEED:-${SEEDS:-1 2 3}}
[ "$mode" = tb ] || seeds=none

for elf in "$@"; do
 for seed in $seeds; do
  name=$(basename "$elf" .elf)
  base=$name
  [ "$mode" = tb ] && name="$name/seed$seed"
  log="$out/${name//\//_}.log"
  if [ "$mode" = qemu ]; then
    why=$(qemu_skip "$base")
    if [ -n "$why" ]; then
      echo "skip $name: $why"
      continue
    fi
  fi
  want=$(expected_rc "$base")
  case "$mode" in
    soc)  "$runner" +firmware="$elf" +timeout=5000000 >"$log" 2>&1 ;;
    tb)   if [ "$seed" = 0 ]; then waits=0; else waits=1; fi
          "$runner" +firmware="$elf" +timeout=5000000 +seed="$seed" +waits=$waits >"$log" 2>&1 ;;
    # -icount: qemu's mtime follows the instruction count (16 ns each), not the host clock, so the timer
    # tests see the same number of interrupts however loaded the machine is.
    qemu) timeout 30 "$runner" -machine virt -cpu rv32,c=false,a=false,zbb=true -icount shift=4 -bios none -nographic \
            -kernel "$elf" >"$log" 2>&1 </dev/null ;;
    *)    echo "run_isa.sh: unknown mode '$mode'"; exit 2 ;;
  esac
  rc=$?
  if [ "$rc" -eq "$want" ]; then
    pass=$((pass + 1))
    if [ "$want" -eq 0 ]; then
      echo "ok   $name"
    else
      echo "ok   $name (negative control: exit $rc as required)"
    fi
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit code $rc, expected $want (log: $log)"
    tail -n 5 "$log" | sed 's/^/     /'
  fi
 done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
