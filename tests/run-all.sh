#!/usr/bin/env bash
# The one test command (README): installs what the tests need on a fresh Debian/Ubuntu
# machine, builds the solution, runs every test project and the two portability gates
# (nanoFramework compile gate, Raspberry Pi binaries under QEMU), and ends with
#   tests: N passed, N failed, N skipped
# counted from the real results. Exit code 0 only when nothing failed.
set -uo pipefail
# A shell without job control starts background commands with SIGINT and SIGQUIT ignored, and every child
# inherits that (bash cannot undo it). The tests stop the processes they start with Ctrl+C (SIGINT), so
# start over with both signals at their defaults, whatever started this script.
if [ -z "${EDGESDK_SIGNALS_RESET:-}" ]; then
  EDGESDK_SIGNALS_RESET=1 exec env --default-signal=INT,QUIT bash "$0" "$@"
fi
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/.artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*"; }

# --- OS packages ---------------------------------------------------------------------------
packages=(mosquitto postgresql-15 postgresql-15-postgis-3 socat qemu-user-static gpsd gpsd-clients openssl unzip nodejs python3-grpcio python3-grpc-tools protobuf-compiler protobuf-compiler-grpc libprotobuf-dev chromium afl++ chrony clang lld llvm)
# libprotobuf-dev holds the well-known types (google/protobuf/timestamp.proto) that protoc needs for the python client.
# npm runs the independent JavaScript implementations the tests compare against (candied, gcoord, ...).
# Some nodejs builds bundle npm; Debian's own nodejs needs the separate package.
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install failed"; exit 1; }
  else
    echo "missing OS packages; run: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi
# Installing gpsd may start its system daemon; the tests start their own on free ports.
systemctl stop gpsd.socket gpsd >/dev/null 2>&1 || true

passed=0; failed=0; skipped=0
gate() { # name, command...: a gate counts as one test; exit code 77 means skipped
  local name=$1; shift
  "$@"; local rc=$?
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); echo "gate passed: $name"
  elif [ $rc -eq 77 ]; then skipped=$((skipped + 1)); echo "gate skipped: $name"
  else failed=$((failed + 1)); echo "gate FAILED: $name"; fi
}

# --- layout -----------------------------------------------------------------------------------
# Every project must be in the solution, or the build and the tests silently skip it.
projects_in_solution() {
  local missing
  missing=$(comm -23 <(git ls-files '*.csproj' | sort) <(dotnet sln EdgeSdk.sln list | grep '\.csproj$' | sort))
  [ -z "$missing" ] || { echo "not in EdgeSdk.sln: $missing"; return 1; }
}
say "layout"
gate "every project is in EdgeSdk.sln" projects_in_solution

# --- build -----------------------------------------------------------------------------------
say "build (Release, warnings are errors)"
if ! dotnet build EdgeSdk.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed, 0 skipped (the build failed)"
  exit 1
fi

# --- nanoFramework gate ------------------------------------------------------------------------
# The solution build above already compiled firmware/EdgeSdk.Nano. Self-check: the same project
# with one file that uses System.Text.StringBuilder must fail, or the gate proves nothing.
nano_self_check() {
  local log="$results/nano-probe.log"
  if dotnet build firmware/EdgeSdk.Nano -c Release -p:PortabilityProbe=true -nologo -o "$results/nano-probe" >"$log" 2>&1; then
    echo "the nanoFramework gate compiled StringBuilder: it is not using nanoFramework's mscorlib"; return 1
  fi
  grep -q "error CS0234: The type or namespace name 'Text' does not exist in the namespace 'System'" "$log" \
    || { echo "the probe failed for another reason:"; tail -5 "$log"; return 1; }
}
say "nanoFramework gate"
gate "firmware/EdgeSdk.Nano rejects non-portable code (StringBuilder probe)" nano_self_check
# The tracker firmware's logic is compiled by EdgeSdk.Nano above; its board glue needs nanoFramework's own packages (skipped where not served).
gate "firmware/EdgeSdk.Tracker.Board (UART, Wi-Fi, M2Mqtt glue) builds against nanoFramework's packages" firmware/EdgeSdk.Tracker.Board/gate.sh

# --- test projects ------------------------------------------------------------------------------
say "test projects"
for proj in tests/*.Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  # A test that waits forever is cut after 10 min and named in the log (blame), not left to the session timeout.
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --blame-hang-timeout 10min --blame-hang-dump-type none \
    --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000 \
    || true
done
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  ex=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  to=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  ab=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${to:-0} + ${ab:-0}))
  skipped=$((skipped + ${total:-0} - ${ex:-0}))
done
# A test project that produced no results (crashed host) is a failure, not a silent pass.
for proj in tests/*.Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  [ -f "$results/$name.trx" ] || { failed=$((failed + 1)); echo "no results from $name"; }
done

# --- the NMEA fast path's narrower scans ------------------------------------------------------------------
# The tests above ran the fast path's AVX2 scan (this VM has AVX2). Arm64 boards and NativeAOT's default x64 target
# take its 16-byte scan, a machine without SIMD the byte loop: the same fast-path tests (differential against the
# portable path over every capture, dirty inputs, fuzz findings) run on each of them here.
fast_path_scans() {
  local rc=0 env
  for env in DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0; do
    if ! env "$env" dotnet test tests/EdgeSdk.Nmea.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~FastPath" \
        >"$results/fast-path-${env%=0}.log" 2>&1; then
      echo "fast-path tests failed with $env:"; tail -30 "$results/fast-path-${env%=0}.log"; rc=1
    fi
  done
  return $rc
}
say "NMEA fast path without AVX2 and without SIMD"
gate "fast-path differential tests with the 16-byte scan and with the byte loop" fast_path_scans

# --- NuGet packages (tests/pack-gate/run.sh: pack, check metadata and symbols, install the edgesdk tool) -------
say "NuGet packages"
gate "packages carry their metadata and symbols; the edgesdk tool installs from .artifacts/packages" tests/pack-gate/run.sh

# --- fuzzing (tests/fuzz/README.md: self-check, then each harness ~12 s under afl-fuzz; a crash prints its input) ---
say "fuzzing"; gate "fuzz harnesses: the canary is found, no crash or hang in any target" tests/fuzz/gate.sh

# --- Raspberry Pi gate ----------------------------------------------------------------------------
say "Raspberry Pi gate (linux-arm64 and linux-arm under QEMU)"
for rid in linux-arm64 linux-arm; do
  gate "edgesdk $rid under qemu-user" tests/pi-gate/run.sh "$rid"
done

# --- NativeAOT gate (tests/aot/README.md): x64 natively, arm64 cross-linked and run under QEMU; same bytes as the JIT build ---
say "NativeAOT gate (linux-x64 native, linux-arm64 under QEMU)"
for rid in linux-x64 linux-arm64; do
  gate "edgesdk NativeAOT $rid: no trimming/AOT warnings, prints the JIT build's bytes" tests/aot/publish.sh "$rid"
done

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
