#!/usr/bin/env bash
# Raspberry Pi gate: publish edgesdk self-contained for RID (linux-arm64 = Raspberry Pi OS
# 64-bit, linux-arm = 32-bit), run it under user-mode QEMU with a sysroot made from Debian's
# arm64/armhf packages, and check what it prints for a real L76K capture excerpt.
# Usage: tests/pi-gate/run.sh linux-arm64|linux-arm
set -euo pipefail
rid=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case "$rid" in
  linux-arm64) arch=arm64; qemu=qemu-aarch64-static ;;
  linux-arm)   arch=armhf; qemu=qemu-arm-static ;;
  *) echo "unknown RID $rid"; exit 2 ;;
esac

out="$root/.artifacts/pi/$rid"
log="$root/.artifacts/pi/$rid.publish.log"
mkdir -p "$(dirname "$log")"
if ! dotnet publish "$root/src/EdgeSdk.Cli" -c Release -r "$rid" --self-contained -nologo -v q -o "$out" >"$log" 2>&1; then
  # A feed without the target's runtime pack cannot produce the binary at all: report it as
  # skipped (exit 77) with the reason, rather than as a pass or a code failure.
  if grep -q "NU1101: Unable to find package Microsoft.NETCore.App.Runtime.$rid" "$log"; then
    echo "$rid: skipped: the NuGet feed does not serve Microsoft.NETCore.App.Runtime.$rid"
    exit 77
  fi
  cat "$log"; exit 1
fi

# Sysroot: Debian's own libraries for the target, cached outside the repo (a fresh machine
# builds it once; nothing in it is needed by anything but this gate).
cache=${XDG_CACHE_HOME:-$HOME/.cache}/edgesdk/sysroot-$arch
if [ ! -f "$cache/.complete" ]; then
  echo "building $arch sysroot in $cache"
  rm -rf "$cache" && mkdir -p "$cache/debs"
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch"
    apt-get update -qq || echo "apt-get update reported errors; trying the download anyway"
  fi
  icu=$(apt-cache depends libicu-dev 2>/dev/null | sed -n 's/.*Depends: \(libicu[0-9]*\)$/\1/p' | head -1)
  ssl=$(apt-cache policy libssl3t64 2>/dev/null | grep -q Candidate && echo libssl3t64 || echo libssl3)
  (cd "$cache/debs" && apt-get download -qq "libc6:$arch" "libgcc-s1:$arch" "libstdc++6:$arch" \
      "${icu:-libicu72}:$arch" "$ssl:$arch" "zlib1g:$arch")
  for d in "$cache"/debs/*.deb; do dpkg -x "$d" "$cache"; done
  touch "$cache/.complete"
fi

run() { "$qemu" -L "$cache" "$out/edgesdk" "$@"; }
version=$(run --version)
expected=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
[[ "$version" == "$expected"* ]] \
  || { echo "$rid: --version printed '$version'"; exit 1; }

# 14 receiver lines: every one has a valid checksum and a known type.
stats=$(run nmea "$here/l76k-excerpt.nmea" --stats)
echo "$rid: $stats"
grep -q '"accepted":14' <<<"$stats" && grep -q '"rejected":0' <<<"$stats" \
  || { echo "$rid: expected 14 accepted, 0 rejected"; exit 1; }
