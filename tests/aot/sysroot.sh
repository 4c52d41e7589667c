#!/usr/bin/env bash
# Builds (once) the linux-arm64 sysroot the NativeAOT gate needs, from Debian's own arm64 packages:
#  - to link: the C runtime objects, libgcc, libstdc++ and zlib of the target (clang + lld link against them);
#  - to run under qemu-aarch64-static -L SYSROOT: the loader and the shared libraries the binaries load.
# Kept in the repo's .artifacts/ (git-ignored) so a clean checkout rebuilds it from apt and nothing else uses it.
# Usage: tests/aot/sysroot.sh   -> prints the sysroot path on its last line
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sysroot="$root/.artifacts/aot/sysroot-arm64"
arch=arm64
if [ ! -f "$sysroot/.complete" ]; then
  echo "building $arch sysroot in $sysroot" >&2
  rm -rf "$sysroot" && mkdir -p "$sysroot/debs"
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch"
    apt-get update -qq || echo "apt-get update reported errors; trying the download anyway" >&2
  fi
  icu=$(apt-cache depends libicu-dev 2>/dev/null | sed -n 's/.*Depends: \(libicu[0-9]*\)$/\1/p' | head -1)
  ssl=$(apt-cache policy libssl3t64 2>/dev/null | grep -q Candidate && echo libssl3t64 || echo libssl3)
  gcc=$(gcc -dumpversion | cut -d. -f1)   # the host's gcc major: the same Debian release ships the same for arm64
  (cd "$sysroot/debs" && apt-get download -qq \
      "libc6:$arch" "libc6-dev:$arch" "linux-libc-dev:$arch" "libgcc-s1:$arch" "libgcc-$gcc-dev:$arch" \
      "libstdc++6:$arch" "libstdc++-$gcc-dev:$arch" "zlib1g:$arch" "zlib1g-dev:$arch" \
      "${icu:-libicu72}:$arch" "$ssl:$arch")
  for d in "$sysroot"/debs/*.deb; do dpkg -x "$d" "$sysroot"; done
  rm -rf "$sysroot/debs"
  # The -dev packages link libm.so, libz.so, ... by absolute path (/lib/aarch64-linux-gnu/libm.so.6), which on this
  # machine dangles or names the host's library; the linker then falls back to libm.a and fails (undefined __frexp).
  # Point every absolute link at its file inside the sysroot, relative, so the folder can move.
  find "$sysroot" -type l -lname '/*' | while read -r link; do
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$(readlink "$link")")" "$link"
  done
  touch "$sysroot/.complete"
fi
echo "$sysroot"
