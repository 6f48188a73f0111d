#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# gate_accel.sh - the accelerator's Verilator testbench (sim/accel) on its synth_ice40 netlist.
#
#   gate_accel.sh OUTDIR MODULE "-GNumPe=.. (ACCEL_PARAMS)" "SUITE ARGS" CELLS_SIM "CPP_AND_LIB" "INCLUDES" -- RTL...
#
# MODULE empty: the whole st_accel_top as a netlist. MODULE=st_accel_xxx: only that module as a netlist
# (synthesised with the parameters st_accel_top gives it at the default geometry), the rest RTL. The
# netlist module gets dummy parameters so that its parent's parameter list still binds. Prints the suite's
# output; exit status is the suite's.
#
# GATE_ACCEL_LOCKSTEP=1 (with a MODULE): the module's RTL and its netlist run side by side on the same
# inputs; the RTL drives the rest, so the run goes on after the first difference, and at each falling
# clock edge every output of the netlist is compared with the RTL's (the first 3 differences of each output
# printed with their cycle, a count per output at the end). Outputs that are don't-care in some cycles
# (an address while no request is made) may differ there legitimately; the first cycle of a real
# difference is what this finds (it found the Yosys width bug of docs/accelerator.md §7.3 in one run).
set -u
out=$1 module=$2 params=$3 args=$4 cells=$5 cpp=$6 inc=$7
shift 7
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
rtl="$*"
top_params=$(sed -E 's/-G([A-Za-z]+)=([0-9]+)/-set \1 \2/g' <<<"$params")
if [ -z "$module" ]; then
  yosys -q -l "$out/synth.log" -p "read_verilog -sv $rtl; ${top_params:+chparam $top_params st_accel_top;} \
    synth_ice40 -top st_accel_top -dsp; write_verilog -noattr $out/gate.v" >/dev/null || { echo "yosys failed"; exit 2; }
  keep=$(tr ' ' '\n' <<<"$rtl" | grep -v '^rtl/accel/' | tr '\n' ' ')
else
  # The specialisation of MODULE that st_accel_top elaborates (its parameters at this geometry): take it
  # from yosys's module list after `hierarchy`, rename it to MODULE and synthesise it alone.
  yosys -q -l "$out/hier.log" -p "read_verilog -sv $rtl; ${top_params:+chparam $top_params st_accel_top;} \
    hierarchy -top st_accel_top; ls" >/dev/null || { echo "yosys failed"; exit 2; }
  pm=$(grep -E "^ +[^ ]*\\\\?$module\$|^ +$module\$" "$out/hier.log" | head -n 1 | tr -d ' ')
  [ -n "$pm" ] || { echo "gate-accel: $module is not part of st_accel_top"; exit 2; }
  cat >"$out/synth.ys" <<YS
read_verilog -sv $rtl
${top_params:+chparam $top_params st_accel_top}
hierarchy -top st_accel_top
rename $pm ${module}_gate_tmp
synth_ice40 -top ${module}_gate_tmp -dsp
rename ${module}_gate_tmp $module
write_verilog -noattr $out/gate.v
YS
  yosys -q -l "$out/synth.log" -s "$out/synth.ys" >/dev/null || { echo "yosys failed (see $out/synth.log)"; exit 2; }
  plist=$(sed -nE 's/.*parameter +(int +)?([A-Za-z]+) *=.*/\2/p' "rtl/accel/$module.sv" | sort -u \
          | awk '{printf "%sparameter %s = 0", (n++ ? ", " : ""), $1}')
  [ -n "$plist" ] && sed -i "s/^module $module(/module $module #($plist) (/" "$out/gate.v"
  keep=$(tr ' ' '\n' <<<"$rtl" | grep -v "^rtl/accel/$module.sv\$" | tr '\n' ' ')
  echo "gate-accel: $module ($pm) as a netlist, the rest RTL"
  if [ "${GATE_ACCEL_LOCKSTEP:-0}" = 1 ]; then
    # the netlist and the RTL renamed; a wrapper with the RTL's own header (ports, parameters) holds both
    sed -i "s/^module $module #/module ${module}_gate #/" "$out/gate.v"
    sed -E "s/^module $module( |#|\$)/module ${module}_rtl\1/" "rtl/accel/$module.sv" >"$out/${module}_rtl.sv"
    hdr=$(sed -n "/^module $module\b/,/^ *) *; *\$/p" "rtl/accel/$module.sv")
    outs=$(sed 's,//.*,,' <<<"$hdr" | grep -w output | grep -oE '\b[A-Za-z0-9_]+_o\b' | sort -u)
    pnames=$(sed -nE 's/.*parameter +(int +)?([A-Za-z]+) *=.*/\2/p' <<<"$hdr" | sort -u)
    [ -n "$outs" ] || { echo "gate-accel: no outputs named *_o in $module's header"; exit 2; }
    {
      echo "$hdr"
      echo "  ${module}_rtl #($(for n in $pnames; do echo -n ".$n($n), "; done | sed 's/, $//')) u_rtl (.*);"
      for o in $outs; do
        echo "  logic [\$bits($o)-1:0] g_$o, r_$o;"; echo "  assign r_$o = $o;"; echo "  int unsigned n_$o = 0;"
      done
      echo "  ${module}_gate u_gate (.*$(for o in $outs; do echo -n ", .$o(g_$o)"; done));"
      echo "  int unsigned cyc = 0;"
      echo "  always @(negedge clk_i) begin"
      echo "    cyc <= cyc + 1;"
      echo "    if (rst_ni) begin"
      for o in $outs; do
        echo "      if (g_$o !== r_$o) begin"
        echo "        if (n_$o < 3) \$display(\"lockstep: cycle %0d: $o RTL %h netlist %h\", cyc, r_$o, g_$o);"
        echo "        n_$o <= n_$o + 1;"
        echo "      end"
      done
      echo "    end"
      echo "  end"
      echo "  final begin"
      for o in $outs; do echo "    \$display(\"lockstep: $o differs in %0d cycles\", n_$o);"; done
      echo "  end"
      echo "endmodule"
    } >"$out/${module}_lockstep.sv"
    keep="$keep $out/${module}_rtl.sv $out/${module}_lockstep.sv"
    echo "gate-accel: lockstep: $module's RTL drives, its netlist is compared on $(wc -w <<<"$outs") outputs"
  fi
fi
cpp_abs=$(for f in $cpp; do echo -n "$(realpath "$f") "; done)
inc_abs=$(for i in $inc; do echo -n "-I$(realpath "${i#-I}") "; done)
verilator --cc --exe --build -j 2 -O3 --x-assign 0 --x-initial 0 -Wno-fatal -Wno-lint -Wno-style -Wno-MULTIDRIVEN \
  -Wno-PINNOTFOUND -DNO_ICE40_DEFAULT_ASSIGNMENTS --top-module st_accel_top --Mdir "$out/obj" -o "$(realpath "$out")/accel_sim" \
  $params -MAKEFLAGS "OPT_FAST=-O1 OPT_GLOBAL=-O1" -CFLAGS "-std=c++14 -DST_HOST_SIM $inc_abs" \
  $keep "$out/gate.v" "$cells" $cpp_abs >"$out/build.log" 2>&1 || { grep -m5 '%Error' "$out/build.log"; exit 2; }
# shellcheck disable=SC2086
"$out/accel_sim" $args
