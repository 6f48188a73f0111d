# SPDX-License-Identifier: Apache-2.0
# rtl/cpu/cpu.mk - the RISC-V core: file list, lint, synthesis measurement, core testbench, ISA tests.

CPU_RTL := rtl/cpu/st_cpu_pkg.sv rtl/cpu/st_cpu_decode.sv rtl/cpu/st_cpu_alu.sv rtl/cpu/st_cpu_lsu.sv \
           rtl/cpu/st_cpu_mul.sv rtl/cpu/st_cpu_div.sv rtl/cpu/st_cpu_csr.sv rtl/cpu/st_cpu_regfile.sv \
           rtl/cpu/st_cpu_fetch.sv rtl/cpu/st_cpu_core.sv
