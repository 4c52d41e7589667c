#!/usr/bin/env bash
# Regenerates the declared public API of every library (src/* except the CLI, hardware-sim/*) from the code:
# PublicAPI.Unshipped.txt is rewritten with the Public API analyzer's own code fix (RS0016, through
# `dotnet format analyzers`), and an API that PublicAPI.Shipped.txt declares but the code no longer has
# (RS0017) is recorded as `*REMOVED*` in Unshipped. A library without the files (a new project) gets them.
# Run it after a deliberate public change or a merge of branches that each added API, then review the diff of
# the PublicAPI.*.txt files: that diff is the public change. At a release, move Unshipped's lines into Shipped.
#
#   tests/public-api/update.sh            # all libraries
#   tests/public-api/update.sh --check    # only build and report; exit 1 when a file is out of date
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
check=false
[[ ${1:-} == --check ]] && check=true

mapfile -t projects < <(ls src/*/*.csproj hardware-sim/*/*.csproj | grep -v '^src/EdgeSdk.Cli/' | sort)
header='#nullable enable'

build_errors() { # prints "project|RSnnnn|message" for the public API diagnostics of one project
  dotnet build "$1" -c Release -nologo -clp:NoSummary 2>&1 \
    | grep -oE "(error|warning) RS00(16|17|26|27|36|37|41|48|50|51|59|60|61): .*\[" | sed 's/ \[$//' | sort -u | sed "s|^|$1 |" || true
}

if $check; then
  failed=0
  for p in "${projects[@]}"; do
    out=$(build_errors "$p")
    if [[ -n $out ]]; then echo "$out"; failed=1; fi
  done
  [[ $failed == 0 ]] && echo "public API: ${#projects[@]} libraries, declared API matches the code" || echo "public API out of date: run tests/public-api/update.sh"
  exit $failed
fi

for p in "${projects[@]}"; do
  d=$(dirname "$p")
  [[ -f $d/PublicAPI.Shipped.txt ]] || printf '%s\n' "$header" > "$d/PublicAPI.Shipped.txt"
  printf '%s\n' "$header" > "$d/PublicAPI.Unshipped.txt" # regenerated from the code below
done

for p in "${projects[@]}"; do
  # RS0016's code fix adds every public symbol missing from the files to PublicAPI.Unshipped.txt.
  # --include-generated: generated types that are deliberately public (the kuksa.val.v2 contract in EdgeSdk.Vehicle) count too.
  dotnet format analyzers "$p" --diagnostics RS0016 --severity warn --include-generated >/dev/null
  d=$(dirname "$p")
  # Shipped API the code no longer has: declared removed in Unshipped (RS0017 has no code fix for that). Only a
  # library with shipped API can have such lines, so only those are built here.
  [[ $(grep -cvx "$header" "$d/PublicAPI.Shipped.txt" || true) == 0 ]] || while IFS= read -r symbol; do
    [[ -n $symbol ]] && printf '*REMOVED*%s\n' "$symbol" >> "$d/PublicAPI.Unshipped.txt"
  done < <(dotnet build "$p" -c Release -nologo 2>&1 | grep -oE "RS0017: Symbol '.*' is part of the declared API" \
             | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API$/\1/" | sort -u)
  # One order for every run (ordinal), header first: merges of parallel branches then conflict only where they should.
  { printf '%s\n' "$header"; { grep -vx "$header" "$d/PublicAPI.Unshipped.txt" || true; } | LC_ALL=C sort -u; } > "$d/PublicAPI.Unshipped.txt.tmp"
  mv "$d/PublicAPI.Unshipped.txt.tmp" "$d/PublicAPI.Unshipped.txt"
  echo "$d: $(($(wc -l < "$d/PublicAPI.Unshipped.txt") - 1)) unshipped, $(($(wc -l < "$d/PublicAPI.Shipped.txt") - 1)) shipped"
done

"$0" --check
