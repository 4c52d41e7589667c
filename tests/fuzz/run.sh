#!/usr/bin/env bash
# Fuzzes one target (or all) for a time budget: tests/fuzz/run.sh TARGET|all SECONDS
# Builds the harness, instruments the EdgeSdk libraries with SharpFuzz (AFL edge coverage), and runs Debian's
# afl-fuzz on it in SharpFuzz's persistent in-process mode, starting from tests/fuzz/seeds/TARGET.
# Findings: .artifacts/fuzz/findings/TARGET (AFL's queue, crashes/, hangs/, fuzzer_stats). A crash or hang fails the
# run: its input is copied to .artifacts/fuzz/crashes/TARGET-*, the path printed, and the input replayed on the
# uninstrumented build to print the exception. Exit: 0 clean, 1 crash/hang found, 2 setup error, 77 afl-fuzz missing.
# Environment: FUZZ_OUT (instead of .artifacts/fuzz, for a campaign beside other runs), FUZZ_TIMEOUT_MS (afl-fuzz -t, default 5000: a busy shared machine), FUZZ_FINDINGS (findings dir),
# FUZZ_NO_BUILD=1 (reuse the instrumented build of an earlier call), FUZZ_RESUME=1 (continue an earlier campaign in FUZZ_FINDINGS instead of starting from the seeds).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
[ $# -eq 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "usage: tests/fuzz/run.sh TARGET|all SECONDS (targets: $(ls "$here/seeds" | tr '\n' ' '))"; exit 2; }
target=$1; seconds=$2
out="${FUZZ_OUT:-$root/.artifacts/fuzz}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: sudo apt-get install -y afl++"; exit 77; }

# --- build and instrument (once per run.sh call) -------------------------------------------------
mkdir -p "$out"
if [ "${FUZZ_NO_BUILD:-0}" = 1 ] && [ -f "$out/instrumented/EdgeSdk.Fuzz.dll" ]; then :; else
dotnet build "$here/EdgeSdk.Fuzz.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/bin" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; echo "the fuzz harness does not build"; exit 2; }
sharpfuzz=$(command -v sharpfuzz || echo "$out/tools/sharpfuzz")
if [ ! -x "$sharpfuzz" ]; then
  dotnet tool install --tool-path "$out/tools" SharpFuzz.CommandLine --version 2.3.0 >"$out/tool.log" 2>&1 \
    || { cat "$out/tool.log"; echo "cannot install the sharpfuzz tool (SharpFuzz.CommandLine 2.3.0) from NuGet"; exit 2; }
fi
rm -rf "$out/instrumented" && cp -r "$out/bin" "$out/instrumented"
# Not the harness itself (it calls SharpFuzz, and instrumenting it aborts the fork server); the canary's library is.
for dll in "$out"/instrumented/EdgeSdk.*.dll; do
  [ "$(basename "$dll")" = EdgeSdk.Fuzz.dll ] && continue
  "$sharpfuzz" "$dll" >>"$out/instrument.log" 2>&1 || { cat "$out/instrument.log"; echo "sharpfuzz could not instrument $dll"; exit 2; }
done
fi

# --- one target ------------------------------------------------------------------------------------
fuzz_one() { # target seconds
  local t=$1 s=$2
  local findings=${FUZZ_FINDINGS:-$out/findings/$t}
  local input="$here/seeds/$t"
  [ "$t" = canary ] && input="$here/canary-seed"
  [ -d "$input" ] || { echo "unknown target '$t' (targets: $(ls "$here/seeds" | tr '\n' ' '))"; return 2; }
  if [ "${FUZZ_RESUME:-0}" = 1 ] && [ -d "$findings/default" ]; then input=-; else rm -rf "$findings"; fi
  mkdir -p "$findings"
  local dict=(); [ -f "$here/dict/$t.dict" ] && dict=(-x "$here/dict/$t.dict")
  # Persistent mode: one dotnet process runs many inputs; AFL_SKIP_BIN_CHECK because dotnet itself is not an AFL
  # binary; no CPU binding or frequency checks on a shared VM; crashes are exceptions, so no core dumps are needed.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
  AFL_FAST_CAL=1 AFL_SKIP_CRASHES=0 AFL_QUIET=1 \
    timeout -k 10 $((s + 120)) afl-fuzz -V "$s" -i "$input" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none "${dict[@]}" \
      -- dotnet "$out/instrumented/EdgeSdk.Fuzz.dll" afl "$t" >"$findings/afl.log" 2>&1
  local rc=$?
  local stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    tail -25 "$findings/afl.log"; echo "fuzz $t: afl-fuzz did not start (exit $rc; log $findings/afl.log)"; return 2
  fi
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  echo "fuzz $t: $(stat execs_done) executions in $(stat run_time 2>/dev/null || echo "$s") s ($(stat execs_per_sec) exec/s), corpus $(stat corpus_count), edges $(stat edges_found), crashes $(stat saved_crashes), hangs $(stat saved_hangs)"
  local bad=0 f
  mkdir -p "$out/crashes"
  for f in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
    [ -f "$f" ] || continue
    bad=$((bad + 1))
    local kind=crash; [ "$(basename "$(dirname "$f")")" = hangs ] && kind=hang
    local saved="$out/crashes/$t-$kind-$(sha1sum "$f" | cut -c1-12)"
    cp "$f" "$saved"
    echo "fuzz $t: $kind input: $saved (replay: dotnet $out/bin/EdgeSdk.Fuzz.dll run $t $saved)"
    [ "$kind" = crash ] && timeout 60 dotnet "$out/bin/EdgeSdk.Fuzz.dll" run "$t" "$saved" 2>&1 | head -15
  done
  [ $bad -eq 0 ] || return 1
}

if [ "$target" = all ]; then
  status=0
  for t in $(ls "$here/seeds"); do
    # FUZZ_SKIP: targets left out of 'all' (for a target with an open finding, see README "Open findings").
    if [[ " ${FUZZ_SKIP:-} " == *" $t "* ]]; then echo "fuzz $t: skipped (FUZZ_SKIP)"; continue; fi
    fuzz_one "$t" "$seconds" || status=$(( status > $? ? status : $? ))
  done
  exit $status
fi
fuzz_one "$target" "$seconds"
