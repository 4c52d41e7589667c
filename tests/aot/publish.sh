#!/usr/bin/env bash
# NativeAOT gate (issue 14 item 3, issue 18 item 3): publish `edgesdk` NativeAOT for RID and check that the binary
# prints, byte for byte, what the JIT build prints: the exit code, size and SHA-256 of `edgesdk nmea` and
# `edgesdk fixes` on gpsd's captures are recorded in tests/aot/expected-output.sha256, and of `edgesdk sim` and
# `edgesdk can sim` on built-in scenarios in tests/aot/expected-commands.sha256; JsonOutputIdentityTests holds the
# JIT build to both. linux-x64 runs natively on every capture; linux-arm64 is cross-compiled (clang +
# lld against a Debian arm64 sysroot, tests/aot/sysroot.sh) and runs under qemu-aarch64-static on the quick subset.
# The publish must be free of trimming and AOT warnings.
# Usage: tests/aot/publish.sh linux-x64|linux-arm64    (the binary is left in .artifacts/aot/RID/edgesdk)
set -euo pipefail
rid=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/.artifacts/aot/$rid"
log="$root/.artifacts/aot/$rid.publish.log"
captures="$root/tests/TestData/gpsd"
mkdir -p "$(dirname "$log")"

extra=()
launcher=()   # what runs a binary built for RID on this machine (nothing on x64, QEMU for arm64)
run() { "${launcher[@]}" "$out/edgesdk" "$@"; }
case "$rid" in
  linux-x64) ;;
  linux-arm64)
    # Cross-linking: clang drives lld for aarch64 against Debian's arm64 C runtime, libgcc, libstdc++ and zlib.
    for tool in clang ld.lld llvm-objcopy qemu-aarch64-static; do
      command -v "$tool" >/dev/null || { echo "$rid: $tool is missing (apt-get install clang lld llvm qemu-user-static)"; exit 1; }
    done
    sysroot=$("$here/sysroot.sh" | tail -1)
    extra=(-p:SysRoot="$sysroot" -p:LinkerFlavor=lld -p:ObjCopyName=llvm-objcopy)
    launcher=(qemu-aarch64-static -L "$sysroot")
    ;;
  *) echo "unknown RID $rid"; exit 2 ;;
esac

if ! dotnet publish "$root/src/EdgeSdk.Cli" -c Release -r "$rid" -p:PublishAot=true "${extra[@]}" -nologo -o "$out" >"$log" 2>&1; then
  if grep -q "NU1101: Unable to find package runtime.$rid.Microsoft.DotNet.ILCompiler" "$log"; then
    echo "$rid: skipped: the NuGet feed does not serve the ILCompiler pack for $rid"; exit 77
  fi
  grep -E "error|warning" "$log" | sort -u | head -40; echo "$rid: publish failed (log: $log)"; exit 1
fi
# Trimming (IL2xxx) and AOT (IL3xxx) analysis: the NativeAOT binary must behave as the JIT build, so none may remain.
if grep -E "warning (IL[0-9]+|[A-Z]+[0-9]+)" "$log" | sort -u | grep .; then
  echo "$rid: the publish reported warnings (log: $log)"; exit 1
fi
echo "$rid: $(stat -c %s "$out/edgesdk") bytes, $(file -b "$out/edgesdk" | cut -d, -f1-2)"

version=$(run --version)
expected=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
[[ "$version" == "$expected"* ]] || { echo "$rid: --version printed '$version', expected $expected"; exit 1; }

# Every capture natively; under QEMU the quick subset the transport tests use (tests/Shared/GpsdCaptures.cs).
if [ "$rid" = linux-x64 ]; then
  names=$(awk '{print $1}' "$here/expected-output.sha256" | sort -u)
else
  names="beidou-bd.log beidou-gb.log nmea-fuzzy-cases.log quectel-l76k-nmea.log skytraq-dgps.log tcp-torture.log ublox-neo-m9n-nmea.log unicore-um621.log"
fi
checked=0; differ=0
# check EXIT BYTES SHA256 ARGS...: runs `edgesdk ARGS` and compares its exit code and stdout with the JIT build's.
check() {
  local rc=$1 size=$2 sum=$3 got_rc=0 got_size got; shift 3
  run "$@" >"$out/.stdout" 2>/dev/null || got_rc=$?
  got_size=$(stat -c %s "$out/.stdout")
  got=$(sha256sum <"$out/.stdout" | cut -d' ' -f1)
  if [ "$got_rc" != "$rc" ] || [ "$got_size" != "$size" ] || [ "$got" != "$sum" ]; then
    echo "$rid: edgesdk $*: exit $got_rc, $got_size bytes, sha256 $got; the JIT build: exit $rc, $size bytes, $sum"
    differ=$((differ + 1))
  fi
  checked=$((checked + 1))
}
cd "$captures"
for name in $names; do
  for command in nmea fixes; do
    read -r _ _ rc size sum < <(grep "^$name $command " "$here/expected-output.sha256")
    check "$rc" "$size" "$sum" "$command" "$name"
  done
done
# Simulators (scenario files and the CAN-to-VSS mapping, read with source-generated JSON): each line of
# expected-commands.sha256 is "EXIT BYTES SHA256 ARGS...", the JIT build's output, held by JsonOutputIdentityTests.
while read -r rc size sum args; do
  # shellcheck disable=SC2086 # ARGS are words without spaces
  check "$rc" "$size" "$sum" $args
done <"$here/expected-commands.sha256"
rm -f "$out/.stdout"
echo "$rid: $checked outputs compared with the JIT build's, $differ differ"
[ "$differ" -eq 0 ]

# The tracker-only sample (samples/AotTracker, the < 25 MB RSS tracker): NativeAOT without warnings, and it starts:
# --help, and the one-line error with exit code 1 for a serial port that does not exist (arm64 under QEMU).
{
  tracker="$root/.artifacts/aot/$rid-tracker"
  tlog="$root/.artifacts/aot/$rid-tracker.publish.log"
  dotnet publish "$root/samples/AotTracker" -c Release -r "$rid" -p:PublishAot=true "${extra[@]}" -nologo -o "$tracker" >"$tlog" 2>&1 \
    || { grep -E "error|warning" "$tlog" | sort -u | head -40; echo "AotTracker: publish failed (log: $tlog)"; exit 1; }
  if grep -E "warning (IL[0-9]+|[A-Z]+[0-9]+)" "$tlog" | sort -u | grep .; then
    echo "AotTracker: the publish reported warnings (log: $tlog)"; exit 1
  fi
  "${launcher[@]}" "$tracker/AotTracker" --help | head -1 | grep -q "^Usage: AotTracker SOURCE" || { echo "AotTracker: --help printed no usage"; exit 1; }
  got_rc=0
  got=$("${launcher[@]}" "$tracker/AotTracker" serial:/dev/ttyEdgeSdkMissing0 --mqtt mqtt://127.0.0.1:9 --device aot --queue "$tracker/queue" 2>&1 >/dev/null) || got_rc=$?
  expected_error="AotTracker: the GNSS source cannot be read: serial port /dev/ttyEdgeSdkMissing0 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)"
  [ "$got_rc" = 1 ] && [ "$got" = "$expected_error" ] || { echo "AotTracker: missing port: exit $got_rc, '$got'"; exit 1; }
  rm -rf "$tracker/queue"
  echo "$rid: AotTracker $(stat -c %s "$tracker/AotTracker") bytes, --help and the missing-port error as the JIT build"
}
