#!/usr/bin/env bash
# Side-by-side NMEA decoding on this machine, the numbers src/EdgeSdk.Nmea/README.md quotes.
#   tests/bench/compare.sh [--rounds N] [--ms MILLISECONDS] [--baseline GITREV]
# In-process, CPU time per thread (clock_gettime CLOCK_THREAD_CPUTIME_ID), ns per accepted sentence, each contender
# warmed up and then run for --ms of CPU per round: EdgeSdk portable, fast path, parse + fuse (EpochFusion) for both,
# the checksum-only floor (find line ends, XOR), minmea (when a C compiler and minmea.c/.h are in tests/bench/minmea
# or MINMEA_DIR), and the portable path of the library at --baseline (built from `git archive`, default: none).
# Whole processes, user+sys CPU of the process: gpsdecode (Debian gpsd-clients) and `NmeaCpu once` (parse + fuse,
# start-up included) on the same input, and `edgesdk fixes` when EDGESDK names a built CLI.
# Rounds are interleaved (every contender once per round, the order rotating), so load that comes and goes on the
# shared machine hits all of them; ratios are taken within a round and reported as median [min-max] over rounds.
# Input: the first 7,500 lines of tests/TestData/gpsd/*.log (name order) holding a sentence type that every contender
# decodes (RMC GGA GSA GSV GLL VTG ZDA GST GBS, any talker) and, for the in-process contenders, every capture whole
# (comments, binary and all). Times are per sentence line (a line starting with '$' or '!'), the same unit for all. Needs: dotnet, bash, awk; optional cc, gpsdecode.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rounds=7; ms=400; baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --ms) ms=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    *) echo "usage: tests/bench/compare.sh [--rounds N] [--ms MILLISECONDS] [--baseline GITREV]" >&2; exit 2 ;;
  esac
done
out="$root/.artifacts/bench"; mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 LC_ALL=C

# --- inputs ---------------------------------------------------------------------------------------------
corpus="$out/corpus-7500.nmea"; all="$out/all-captures.nmea"
awk '/^[$!]..(RMC|GGA|GSA|GSV|GLL|VTG|ZDA|GST|GBS),/ && n < 7500 { print; n++ }' "$root"/tests/TestData/gpsd/*.log > "$corpus"
cat "$root"/tests/TestData/gpsd/*.log > "$all"
[ "$(wc -l < "$corpus")" -eq 7500 ] || { echo "expected 7,500 sentence lines in the captures" >&2; exit 2; }

# --- builds ---------------------------------------------------------------------------------------------
dotnet build "$here/NmeaCpu/NmeaCpu.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/nmeacpu" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; echo "NmeaCpu does not build" >&2; exit 2; }
cpu=("$out/nmeacpu/NmeaCpu")
base=()
if [ -n "$baseline" ]; then
  rm -rf "$out/baseline-src" && mkdir -p "$out/baseline-src"
  git -C "$root" archive "$baseline" src/EdgeSdk.Nmea src/EdgeSdk.Gnss src/EdgeSdk.Positioning Directory.Build.props Directory.Packages.props global.json \
    tests/Directory.Build.props | tar -x -C "$out/baseline-src"
  # This driver, built beside the old sources so its relative references pick them up.
  mkdir -p "$out/baseline-src/tests/bench/NmeaCpu" && cp "$here/NmeaCpu/NmeaCpu.csproj" "$here/NmeaCpu/Program.cs" "$out/baseline-src/tests/bench/NmeaCpu/"
  dotnet build "$out/baseline-src/tests/bench/NmeaCpu/NmeaCpu.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/nmeacpu-baseline" \
    >"$out/build-baseline.log" 2>&1 || { cat "$out/build-baseline.log"; echo "the baseline ($baseline) does not build" >&2; exit 2; }
  base=("$out/nmeacpu-baseline/NmeaCpu")
fi
minmea_dir="${MINMEA_DIR:-$here/minmea}"
minmea=()
if command -v cc >/dev/null && [ -f "$minmea_dir/minmea.c" ] && [ -f "$minmea_dir/minmea.h" ]; then
  cc -O2 -march=native -I"$minmea_dir" -o "$out/minmea-bench" "$here/minmea-bench.c" "$minmea_dir/minmea.c"
  minmea=("$out/minmea-bench")
else
  echo "(minmea left out: needs cc and minmea.c/minmea.h in $minmea_dir or MINMEA_DIR)"
fi
gpsdecode=$(command -v gpsdecode || true)
[ -n "$gpsdecode" ] || echo "(gpsdecode left out: sudo apt-get install -y gpsd-clients)"

# --- rounds ---------------------------------------------------------------------------------------------
results="$out/results.txt"; : > "$results"   # lines: round input contender value
TIMEFORMAT='%3U %3S'
proc_cpu() { # user+sys milliseconds of one whole process; stdout discarded
  local t; t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ); awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.1f\n", (a[1] + a[2]) * 1000 }'
}
for ((r = 1; r <= rounds; r++)); do
  for input in corpus all; do
    file=$corpus; [ $input = all ] && file=$all
    steps=(ours); [ ${#base[@]} -gt 0 ] && steps+=(base); [ ${#minmea[@]} -gt 0 ] && steps+=(minmea)
    n=${#steps[@]}
    for ((k = 0; k < n; k++)); do
      step=${steps[$(( (k + r) % n ))]}
      case $step in
        ours) "${cpu[@]}" rounds "$file" "$ms" ;;
        base) "${base[@]}" rounds "$file" "$ms" portable | sed 's/^portable /baseline-portable /' ;;
        minmea) "${minmea[@]}" "$file" "$ms" ;;
      esac | awk -v r=$r -v i=$input '{ print r, i, $1, $2; print r, i, $1 "-accepted", $4 }' >> "$results"
    done
  done
  # Whole processes on the 7,500-line input, order rotating.
  procs=(once); [ -n "$gpsdecode" ] && procs+=(gpsdecode); [ -n "${EDGESDK:-}" ] && procs+=(edgesdk)
  n=${#procs[@]}
  for ((k = 0; k < n; k++)); do
    p=${procs[$(( (k + r) % n ))]}
    case $p in
      once) v=$(proc_cpu "${cpu[@]}" once "$corpus") ;;
      gpsdecode) v=$(proc_cpu sh -c "\"$gpsdecode\" < \"$corpus\"") ;;
      edgesdk) v=$(proc_cpu "$EDGESDK" fixes "$corpus") ;;
    esac
    echo "$r process $p-ms $v" >> "$results"
  done
  echo "round $r/$rounds done"
done

# --- report ---------------------------------------------------------------------------------------------
awk -v rounds="$rounds" '
function stats(list,   n, a, i, j, t, med) {
  n = split(list, a, " ");
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2;
  return sprintf("%8.2f  [%.2f-%.2f]", med, a[1], a[n]);
}
{ v[$1, $2, $3] = $4; seen[$2, $3] = 1; if (!($2 in inputs)) { inputs[$2] = 1; order[++ni] = $2 } }
END {
  split("portable fast portable+fuse fast+fuse floor baseline-portable minmea", names, " ");
  split("once-ms gpsdecode-ms edgesdk-ms", pnames, " ");
  for (ii = 1; ii <= ni; ii++) {
    in_ = order[ii];
    if (in_ == "process") continue;
    printf "\n%s: ns per sentence line (CPU time per thread), median [min-max] over %d rounds\n", in_, rounds;
    for (k = 1; k <= 7; k++) if (seen[in_, names[k]]) {
      l = ""; for (r = 1; r <= rounds; r++) if ((r, in_, names[k]) in v) l = l " " v[r, in_, names[k]];
      printf "  %-18s %s\n", names[k], stats(l);
    }
    for (k = 1; k <= 7; k++) if (v[rounds, in_, names[k] "-accepted"] > 0) printf "  %s accepts %d of the lines\n", names[k], v[rounds, in_, names[k] "-accepted"];
    printf "%s: ratios within a round, median [min-max]\n", in_;
    ratio(in_, "minmea", "fast", "fast path speed / minmea speed (target >= 3)");
    ratio(in_, "minmea", "portable", "portable speed / minmea speed");
    ratio(in_, "floor", "fast", "fast path speed / checksum-only floor speed (target >= 0.35)");
    ratio(in_, "floor", "portable", "portable speed / checksum-only floor speed");
    ratio(in_, "fast+fuse", "fast", "parse+fuse time / parse time, fast (target <= 1.15)");
    ratio(in_, "portable+fuse", "portable", "parse+fuse time / parse time, portable");
    ratio(in_, "portable", "fast", "fast path speed / portable speed");
    ratio(in_, "baseline-portable", "portable", "portable speed now / portable speed at the baseline (>= 1: not slower)");
  }
  printf "\nwhole processes on the 7,500 lines: CPU ms (user+sys), median [min-max]\n";
  for (k = 1; k <= 3; k++) if (seen["process", pnames[k]]) {
    l = ""; for (r = 1; r <= rounds; r++) if ((r, "process", pnames[k]) in v) l = l " " v[r, "process", pnames[k]];
    printf "  %-18s %s\n", pnames[k], stats(l);
  }
  ratio("process", "once-ms", "gpsdecode-ms", "NmeaCpu once CPU / gpsdecode CPU");
  ratio("process", "edgesdk-ms", "gpsdecode-ms", "edgesdk fixes CPU / gpsdecode CPU");
}
function ratio(in_, a, b, label,   l, r) {
  if (!seen[in_, a] || !seen[in_, b]) return;
  l = ""; for (r = 1; r <= rounds; r++) if (((r, in_, a) in v) && ((r, in_, b) in v) && v[r, in_, b] > 0) l = l " " (v[r, in_, a] / v[r, in_, b]);
  printf "  %-75s %s\n", label, stats(l);
}' "$results" | tee "$out/report.txt"
echo
echo "machine: $(nproc) cores, $(awk -F: '/model name/ { print $2; exit }' /proc/cpuinfo | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /')"
echo "raw rounds: $results"
