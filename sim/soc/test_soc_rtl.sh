#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_soc_rtl.sh OUTDIR VERILATOR [SEED] - suite soc-rtl: the SoC's RTL on its own.
#   lint       verilator --lint-only -Wall on the whole SoC (core, accelerator if present, SoC), twice
#              (with and without the simulator's RAM backdoor)
#   synth-*    every rtl/soc module through yosys synth_ice40
#   xbar       the randomised interconnect testbench (sim/soc/tb_xbar.cpp); SEED= reproduces a run
set -u
out=$1; verilator=$2; seed=${3:-}
[ -n "$seed" ] || seed=$(( $(date +%s) % 100000 ))
mkdir -p "$out"
pass=0; fail=0
check() { # name, command...
  local name=$1; shift
  if "$@" >"$out/$name.log" 2>&1; then pass=$((pass + 1)); echo "ok   $name"
  else fail=$((fail + 1)); echo "FAIL $name (log $out/$name.log)"; tail -n 15 "$out/$name.log" | sed 's/^/     /'; fi
}

check lint make --no-print-directory soc-lint

pkg=rtl/regs/st_regs_pkg.sv
for m in st_soc_fifo st_soc_xbar st_soc_spram st_soc_ram st_soc_bootrom st_soc_uart st_soc_timer \
         st_soc_simctrl st_soc_gpio st_soc_spi st_soc_err_slave; do
  check "synth-$m" yosys -q -l "$out/yosys-$m.log" -p "read_verilog -sv $pkg rtl/soc/st_soc_fifo.sv \
    $( [ $m = st_soc_ram ] && echo rtl/soc/st_soc_spram.sv ) $( [ $m = st_soc_xbar ] || [ $m = st_soc_fifo ] || echo rtl/soc/$m.sv ) \
    $( [ $m = st_soc_xbar ] && echo rtl/soc/st_soc_xbar.sv ); synth_ice40 -top $m -spram -dsp"
done

# The interconnect testbench: 3 masters, slaves at 0x0000_0000/64K, 0x0001_0000/64K, 0x1000_0000/4K (master 1
# only), default.
tb=$out/tb_xbar
check xbar-build "$verilator" --cc --exe --build -j 2 -O3 --assert -Wno-fatal --top-module st_soc_xbar \
  -GNumMasters=3 -GNumSlaves=4 "-GConnect=12'hbfb" \
  "-GSlaveBase=128'h00000000_10000000_00010000_00000000" "-GSlaveMask=128'h00000000_fffff000_ffff0000_ffff0000" \
  --Mdir "$tb" -o "$(pwd)/$tb/tb_xbar" rtl/soc/st_soc_fifo.sv rtl/soc/st_soc_xbar.sv "$(pwd)/sim/soc/tb_xbar.cpp"
echo "xbar: SEED=$seed (reproduce: make test-soc-rtl SEED=$seed)"
check xbar "$tb/tb_xbar" "$seed" 200000
grep -h "tb_xbar:" "$out/xbar.log" | sed 's/^/     /'

echo "soc-rtl: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
