#!/usr/bin/env bash
# Regenerates the declared public API of every library (src/* except the CLI, hardware-sim/*) from the code:
# PublicAPI.Unshipped.txt is rewritten from the Public API analyzer's own diagnostics — every public symbol the
# files lack (RS0016) is added, and an API that PublicAPI.Shipped.txt declares but the code no longer has
# (RS0017) is recorded as `*REMOVED*` in Unshipped. A library without the files (a new project) gets them.
# One solution build does it all (the analyzer's messages carry the exact line the file needs), so a run takes
# one build, not one per library. Run it after a deliberate public change or a merge of branches that each added
# API, then review the diff of the PublicAPI.*.txt files: that diff is the public change. At a release, move
# Unshipped's lines into Shipped.
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
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Builds everything with the two API diagnostics as warnings (so one library's gap does not stop the build of
# the libraries after it) and prints "csproj<TAB>line" for each, where line is what Unshipped must gain.
api_diagnostics() {
  dotnet build EdgeSdk.sln -c Release -nologo --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 || {
    grep -E ' error ' "$log" | sort -u | head -20 >&2
    echo "public API: the build failed for another reason (above)" >&2
    exit 2
  }
  sed -nE "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API .*\[(.*\.csproj)\]$/\2\t\1/p; \
           s/.*warning RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found .*\[(.*\.csproj)\]$/\2\t*REMOVED*\1/p" "$log" \
    | sort -u
}

if $check; then
  out=$(api_diagnostics)
  if [[ -n $out ]]; then
    printf '%s\n' "$out" | sed "s|^$root/||" | head -50
    echo "public API out of date ($(printf '%s\n' "$out" | wc -l) symbols): run tests/public-api/update.sh"
    exit 1
  fi
  echo "public API: ${#projects[@]} libraries, declared API matches the code"
  exit 0
fi

for p in "${projects[@]}"; do
  d=$(dirname "$p")
  [[ -f $d/PublicAPI.Shipped.txt ]] || printf '%s\n' "$header" > "$d/PublicAPI.Shipped.txt"
  printf '%s\n' "$header" > "$d/PublicAPI.Unshipped.txt" # regenerated from the code below
done

diagnostics=$(api_diagnostics) # exits here when the build fails for another reason
while IFS=$'\t' read -r project line; do
  [[ -n $project ]] && printf '%s\n' "$line" >> "$(dirname "$project")/PublicAPI.Unshipped.txt"
done <<< "$diagnostics"

for p in "${projects[@]}"; do
  d=$(dirname "$p")
  # One order for every run (ordinal), header first: merges of parallel branches then conflict only where they should.
  { printf '%s\n' "$header"; { grep -vx "$header" "$d/PublicAPI.Unshipped.txt" || true; } | LC_ALL=C sort -u; } > "$d/PublicAPI.Unshipped.txt.tmp"
  mv "$d/PublicAPI.Unshipped.txt.tmp" "$d/PublicAPI.Unshipped.txt"
  echo "$d: $(($(wc -l < "$d/PublicAPI.Unshipped.txt") - 1)) unshipped, $(($(wc -l < "$d/PublicAPI.Shipped.txt") - 1)) shipped"
done

"$0" --check
