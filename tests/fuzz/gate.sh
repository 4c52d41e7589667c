#!/usr/bin/env bash
# The fuzz gate of tests/run-all.sh: first the self-check (the canary target must be found and reported as a crash,
# or a clean run proves nothing), then every target for FUZZ_GATE_SECONDS (default 12) from its seeds.
# A crash or hang fails the gate and prints the input's path. Exit 77 (skipped) when afl-fuzz is missing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: sudo apt-get install -y afl++"; exit 77; }
export FUZZ_TIMEOUT_MS=${FUZZ_TIMEOUT_MS:-10000}  # a hang is an input over 10 s: a stalled shared machine is not one
# The canary stops as soon as it is found (27 s here under load); 150 s is the budget for a very busy machine.
AFL_BENCH_UNTIL_CRASH=1 "$here/run.sh" canary 150 >"${TMPDIR:-/tmp}/edgesdk-fuzz-canary.log" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q "the canary input was found" "${TMPDIR:-/tmp}/edgesdk-fuzz-canary.log"; then
  cat "${TMPDIR:-/tmp}/edgesdk-fuzz-canary.log"
  echo "fuzz self-check failed (run.sh exit $rc): afl-fuzz did not find and report the canary's crash"
  [ $rc -eq 77 ] && exit 77
  exit 1
fi
echo "fuzz self-check: $(grep '^fuzz canary:' "${TMPDIR:-/tmp}/edgesdk-fuzz-canary.log" | head -1)"
# The inputs fuzzing found earlier (found/TARGET/*, each also a regression test in its test project) must pass.
root=$(cd "$here/../.." && pwd)
for dir in "$here"/found/*/; do
  dotnet "$root/.artifacts/fuzz/bin/EdgeSdk.Fuzz.dll" run "$(basename "$dir")" "$dir" || { echo "a fuzz finding in $dir fails again"; exit 1; }
done
FUZZ_NO_BUILD=1 "$here/run.sh" all "${FUZZ_GATE_SECONDS:-12}"
