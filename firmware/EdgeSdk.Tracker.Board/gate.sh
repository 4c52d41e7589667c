#!/usr/bin/env bash
# Builds the tracker firmware's board glue (EdgeSdk.Tracker.Board.proj) against nanoFramework's own packages.
# Exit 0: built. Exit 77: skipped, because this machine's NuGet feed does not serve those packages (NU1101),
# the same way tests/pi-gate/run.sh skips a runtime pack the feed lacks. Anything else is a failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
log="$root/.artifacts/firmware-board/build.log"
mkdir -p "$(dirname "$log")"
if dotnet build "$here/EdgeSdk.Tracker.Board.proj" -c Release -nologo -o "$root/.artifacts/firmware-board/bin" >"$log" 2>&1; then
  echo "board glue built against nanoFramework's packages"
  exit 0
fi
missing=$(grep -o "NU1101: Unable to find package nanoFramework[A-Za-z0-9.]*" "$log" | sed 's/.*package //; s/\.$//' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
  echo "board glue: skipped: the NuGet feed does not serve ${missing% }"
  exit 77
fi
cat "$log"; exit 1
