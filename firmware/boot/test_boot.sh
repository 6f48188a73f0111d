#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_boot.sh - suite `boot`: the board's boot path in the boot simulator (the SoC with the board's reset
# vector and boot ROM, the SPI flash model), the image tools and the UART upload tool.
#
#   test_boot.sh OUTDIR BOOT_SIM MKIMAGE UPLOAD APP_ELF BOOT_ELF "SIM_ARGS" FLASH_OFFSET "HOST_CC"
#
# Every case checks what the UART prints, the exit code and, for refused images, that the application never
# ran (its output is absent and the simulation ends by timeout, not by the program's exit) and that the red
# LED blinks. Ends with "boot: N passed, N failed".
set -u
out=$1 sim=$2 mkimage=$3 upload=$4 app=$5 bootelf=$6 simargs=$7 off=$8 hostcc=$9
mkdir -p "$out"
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; [ -f "$out/$1.log" ] && tail -n 15 "$out/$1.log" | sed 's/^/     | /'; fail=$((fail + 1)); }

# run NAME EXPECTED_EXIT SIM_OPTIONS... : runs the boot simulator, log in $out/NAME.log
run() {
  local name=$1 want=$2; shift 2
  # shellcheck disable=SC2086
  "$sim" $simargs "$@" >"$out/$name.log" 2>&1
  local rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$name" "exit $rc, expected $want"; return 1; fi
  return 0
}
has() { grep -qF -- "$2" "$out/$1.log" || { bad "$1" "output lacks '$2'"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$out/$1.log" || { bad "$1" "output has '$2'"; return 1; }; }

img=$out/app.img
"$mkimage" "$app" -o "$img" >/dev/null || { bad mkimage "cannot build the image of $app"; }
APP_OK="bootapp: segments and .bss ok"
T_FAIL=1000000   # cycles: the boot ROM has read (3 KiB) and refused the image long before this
T_BLINK=8000000  # cycles: 2.6 blink phases at 24 MHz

# ---- The image tools ------------------------------------------------------------------------------------
# CRCs against an independent implementation (zlib via Python's standard library).
if /usr/bin/python3 - "$img" <<'EOF'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
w = struct.unpack('<16I', d[:64])
assert w[0] == 0x54425453 and w[1] == 1, 'magic/version'
assert zlib.crc32(d[:60]) == w[15], 'header crc'
assert zlib.crc32(d[64:]) == w[5] and len(d) - 64 == w[4], 'payload crc/length'
EOF
then ok "mkimage: header and payload CRC-32 equal zlib's"; else bad mkimage-crc "CRC differs from zlib"; fi
if "$mkimage" --info "$img" >"$out/info.log" 2>&1 && grep -q "segment 1: 0x00010000" "$out/info.log"; then
  ok "mkimage: --info accepts the image (two segments, data in bank 1)"
else bad info "--info"; fi
head -c 1000 "$img" >"$out/trunc.img"
if ! "$mkimage" --info "$out/trunc.img" >"$out/trunc.log" 2>&1 && grep -q "truncated" "$out/trunc.log"; then
  ok "mkimage: --info refuses a truncated image"; else bad trunc "truncated image not refused"; fi
if ! "$mkimage" "$bootelf" -o "$out/rom.img" >"$out/rom.log" 2>&1 && grep -q "not inside the loadable RAM" "$out/rom.log"; then
  ok "mkimage: refuses an ELF that does not load into RAM (the boot ROM's own)"; else bad rom "ROM ELF accepted"; fi
if ! "$mkimage" "$img" -o "$out/x.img" >"$out/notelf.log" 2>&1 && grep -q "not an ELF" "$out/notelf.log"; then
  ok "mkimage: refuses a non-ELF input"; else bad notelf "non-ELF accepted"; fi

# ---- Boot from flash -----------------------------------------------------------------------------------
if run flash 0 +flash="$img@$off" +timeout=20000000 && has flash "st-boot: flash: ok" && has flash "$APP_OK" \
   && has flash "sim: leds: red 0"; then
  ok "flash: image loaded from a powered-down flash, application runs"
fi
if run flash-awake 0 +flash="$img@$off" +timeout=20000000 +flash_wake=0 && has flash-awake "$APP_OK"; then
  ok "flash: flash already awake"
fi
# Negative control of the flash model: a wake-up longer than the boot ROM waits is a protocol violation
# and the flash ignores the READ.
if run flash-slow 124 +flash="$img@$off" +timeout=$T_FAIL +flash_wake=100000000 \
   && has flash-slow "bad magic 0xffffffff" && has flash-slow "SPI protocol violations" && lacks flash-slow "$APP_OK"; then
  ok "flash model: a READ within tRES1 is ignored (negative control)"
fi
# The image at another offset is not found: the offset is what the ROM reads.
if run flash-offset 124 +flash="$img@0x200000" +timeout=$T_FAIL && has flash-offset "bad magic 0xffffffff"; then
  ok "flash: nothing at the image offset -> bad magic"
fi

# ---- Refused images: message, red LED blinking, never a jump -------------------------------------------
# blinks NAME red|green: that LED changed at least 3 times (on, off, on).
blinks() {
  local n
  if [ "$2" = red ]; then n=$(sed -nE 's/.*leds: .*, ([0-9]+) \/ [0-9]+ changes/\1/p' "$out/$1.log")
  else n=$(sed -nE 's/.*leds: .*, [0-9]+ \/ ([0-9]+) changes/\1/p' "$out/$1.log"); fi
  [ "${n:-0}" -ge 3 ] || { bad "$1" "the $2 LED does not blink (${n:-no} changes)"; return 1; }
}
refuse() {  # NAME "MESSAGE" MKIMAGE-OPTIONS...
  local name=$1 msg=$2; shift 2
  "$mkimage" "$app" -o "$out/$name.img" "$@" >/dev/null || { bad "$name" "mkimage $*"; return; }
  if run "$name" 124 +flash="$out/$name.img@$off" +timeout=$T_FAIL && has "$name" "st-boot: flash: $msg" \
     && has "$name" "st-boot: uart: waiting" && lacks "$name" "$APP_OK" && has "$name" "sim: leds: red 1 green 0"; then
    ok "refused: $name -> '$msg', red LED on, no jump"
  fi
}
refuse erased "bad magic 0xffffffff" --set magic=0xffffffff --set header_crc=0xffffffff
refuse version "bad version" --set version=2
refuse header-crc "bad header crc" --set header_crc=0x12345678
refuse nsegs "bad segments" --set nsegs=0
refuse seg-stack "bad segments" --set seg1_addr=0x1fc00
refuse seg-overlap "bad segments" --set seg1_addr=0x4
refuse seg-misaligned "bad segments" --set seg0_len=0x837
refuse length "bad length" --set payload_bytes=4
refuse entry "bad entry" --set entry=0x00018000
refuse payload-crc "bad payload crc" --corrupt-payload
# One long run: the red LED blinks (1/8 s per phase) while the ROM waits, and still no jump.
if run blink 124 +flash="$out/payload-crc.img@$off" +timeout=$T_BLINK && has blink "bad payload crc" \
   && lacks blink "$APP_OK" && blinks blink red; then
  ok "refused: the red LED blinks while the boot ROM waits for an upload"
fi

# ---- UART path ------------------------------------------------------------------------------------------
"$mkimage" --stream "$img" -o "$out/stream.bin" --sync 8 || bad stream "mkimage --stream"
# After a refused flash image the ROM waits on the UART: the upload arrives later and runs.
if run upload 0 +flash="$out/payload-crc.img@$off" +uart_in_file="$out/stream.bin" +uart_in_delay=1200000 \
     +timeout=40000000 && has upload "st-boot: flash: bad payload crc" && has upload "st-boot: uart: ok" \
   && has upload "$APP_OK"; then
  ok "uart: upload after a refused flash image runs the application"
fi
# Bytes during the 2 ms window select the UART path before the flash is touched.
printf 'UUUUUUUUUUUUUUUUUUUUUUUU' >"$out/sync.bin"
if run window 124 +flash="$img@$off" +uart_in_file="$out/sync.bin" +timeout=$T_FAIL \
   && has window "st-boot: uart: waiting" && has window "sim: flash: 0 commands" && lacks window "$APP_OK"; then
  ok "uart: a byte in the window selects the UART path (flash untouched)"
fi
if run button 124 +flash="$img@$off" +btn +timeout=$T_BLINK && has button "st-boot: uart: waiting" \
   && has button "sim: flash: 0 commands" && blinks button green; then
  ok "uart: the button held at reset selects the UART path, green LED blinks"
fi

# ---- st_upload against a fake boot ROM on a pty -----------------------------------------------------------
# shellcheck disable=SC2086
if $hostcc -o "$out/test_upload" firmware/boot/tests/test_upload.c 2>"$out/test_upload.build.log"; then
  "$out/test_upload" "$upload" "$img" >"$out/upload-pty.log" 2>&1
  p=$(sed -nE 's/^upload: ([0-9]+) passed, ([0-9]+) failed/\1/p' "$out/upload-pty.log")
  f=$(sed -nE 's/^upload: ([0-9]+) passed, ([0-9]+) failed/\2/p' "$out/upload-pty.log")
  grep -E '^(ok|FAIL)' "$out/upload-pty.log" | sed 's/^ok  /ok  /'
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
else
  bad test_upload "does not build"; cat "$out/test_upload.build.log"
fi

echo "boot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
