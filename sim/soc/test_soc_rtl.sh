#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_soc_rtl.sh OUTDIR VERILATOR [SEED] - suite soc-rtl: the SoC's RTL on its own.
#   lint       verilator --lint-only -Wall on the whole SoC (core, accelerator if present, SoC), twice
#              (with and without the simulator's RAM backdoor)
#   synth-*    every rtl/soc module through yosys synth_ice40
#   xbar       the randomised interconnect testbench (sim/soc/tb_xbar.cpp); SEED= reproduces a run
#   xbar-overlap  negative control: an overlapping address map stops the interconnect's simulation
#   bus-reg-*  the randomised testbench of the register slice (sim/soc/tb_bus_reg.cpp) in the SoC's two
#              configurations, same SEED
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
# The interconnect's parameters for the testbench, and for its synthesis check (the defaults, all masks
# zero, are no usable map).
xbar_params="-GNumMasters=3 -GNumSlaves=4 -GConnect=12'hbfb -GSlaveBase=128'h00000000_10000000_00010000_00000000 \
  -GSlaveMask=128'h00000000_fffff000_ffff0000_ffff0000"
xbar_chparam=$(sed -e 's/-G\([A-Za-z]*\)=/-set \1 /g' <<<"$xbar_params")
for m in st_fifo st_soc_xbar st_soc_bus_reg st_soc_spram st_soc_ram st_soc_bootrom st_soc_uart st_soc_timer \
         st_soc_simctrl st_soc_gpio st_soc_spi st_soc_err_slave; do
  check "synth-$m" yosys -q -l "$out/yosys-$m.log" -p "read_verilog -sv $pkg rtl/common/st_fifo.sv \
    $( [ $m = st_soc_ram ] && echo rtl/soc/st_soc_spram.sv ) $(case $m in st_soc_timer|st_soc_uart|st_soc_spi) echo rtl/cpu/st_cpu_counter.sv ;; esac) $( [ $m = st_soc_xbar ] || [ $m = st_fifo ] || echo rtl/soc/$m.sv ) \
    $( [ $m = st_soc_xbar ] && echo "rtl/soc/st_soc_xbar.sv; chparam $xbar_chparam st_soc_xbar" ); \
    synth_ice40 -top $m -spram -dsp"
done

# The interconnect testbench: 3 masters, slaves at 0x0000_0000/64K, 0x0001_0000/64K, 0x1000_0000/4K (master 1
# only), default.
# Twice: round-robin among all masters (the default), and master 1 with fixed priority (the SoC's data port).
echo "xbar: SEED=$seed (reproduce: make test-soc-rtl SEED=$seed)"
for prio in 0 2; do
  tb=$out/tb_xbar_p$prio
  # shellcheck disable=SC2086  # xbar_params: several words on purpose
  check "xbar-p$prio-build" "$verilator" --cc --exe --build -j 2 -O3 --assert -Wno-fatal --top-module st_soc_xbar \
    $xbar_params -GFixedPrio=3\'d$prio --Mdir "$tb" -o "$(pwd)/$tb/tb_xbar" rtl/common/st_fifo.sv rtl/soc/st_soc_xbar.sv \
    "$(pwd)/sim/soc/tb_xbar.cpp"
  check "xbar-p$prio" "$tb/tb_xbar" "$seed" 200000 "$prio"
  grep -h "tb_xbar:" "$out/xbar-p$prio.log" | sed 's/^/     /'
done

# Negative control: a map whose regions overlap (slave 1's mask widened over slave 0) must stop the
# simulation at once with a message naming the two slaves (the decode has no priority between rules).
tb=$out/tb_xbar_overlap
check xbar-overlap-build "$verilator" --cc --exe --build -j 2 -O1 --assert -Wno-fatal --top-module st_soc_xbar \
  ${xbar_params/ffff0000_ffff0000/fffe0000_ffff0000} \
  --Mdir "$tb" -o "$(pwd)/$tb/tb_xbar" rtl/common/st_fifo.sv rtl/soc/st_soc_xbar.sv "$(pwd)/sim/soc/tb_xbar.cpp"
check xbar-overlap sh -c '! "$1" 1 100 >"$2" 2>&1 && grep -q "regions of slaves 0 and 1 overlap" "$2"' \
  sh "$tb/tb_xbar" "$out/xbar-overlap.out"

# The register slice in both configurations the SoC uses: data port (request registered), instruction port
# (response registered).
for cfg in "1 0" "0 1"; do
  set -- $cfg
  tb=$out/tb_bus_reg_$1$2
  check "bus-reg-$1$2-build" "$verilator" --cc --exe --build -j 2 -O3 --assert -Wno-fatal --top-module st_soc_bus_reg \
    -GReqReg=$1 -GRspReg=$2 --Mdir "$tb" -o "$(pwd)/$tb/tb_bus_reg" rtl/soc/st_soc_bus_reg.sv "$(pwd)/sim/soc/tb_bus_reg.cpp"
  check "bus-reg-$1$2" "$tb/tb_bus_reg" "$1" "$2" "$seed" 100000
  grep -h "tb_bus_reg:" "$out/bus-reg-$1$2.log" | sed 's/^/     /'
done

echo "soc-rtl: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
