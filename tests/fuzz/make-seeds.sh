#!/usr/bin/env bash
# Rebuilds seeds/ from the project's test data (run from anywhere; the result is committed, so the gate does not
# depend on this script). Small inputs: AFL works best on seeds of a few hundred bytes to a few KB.
set -eu  # no pipefail: head closing a pipe early is expected here
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rm -rf "$here/seeds" && mkdir -p "$here/seeds"/{nmea,fusion,fixbatch,queue,queue-crc,gpsd,dbc,candump,jt808,rdss}
gpsd="$root/tests/TestData/gpsd"
# NMEA and fusion: the first 1.5 KB (one to a few epochs) of gpsd's receiver captures, BeiDou and u-blox first.
for log in beidou-bd beidou-gb bu353-glonass bundg_zeus_9 ac12 ch-4701 GPSmap-76S bt451; do
  [ -f "$gpsd/$log.log" ] || continue
  grep -av '^#' "$gpsd/$log.log" | head -c 1536 > "$here/seeds/nmea/$log"
  grep -av '^#' "$gpsd/$log.log" | head -c 3072 > "$here/seeds/fusion/$log"
done
# RDSS: the sentences of tests/EdgeSdk.Nmea.Tests (CASIC/BDS RDSS examples), one seed per kind.
grep -ho '"\$[A-Z][A-Z]\(TCI\|TXA\|FKI\|ICI\|BSI\|RMO\|TCQ\|PWI\|ICA\|TXR\)[^"]*"' "$root/tests/EdgeSdk.Nmea.Tests/"*.cs \
  | tr -d '"' | sort -u | awk -v d="$here/seeds/rdss" '{ printf "%s\r\n", $0 > (d "/" NR) }'
# JT/T 808: the frames of tests/EdgeSdk.Jt808.Tests/TestData/jt808/vectors.txt (SmallChi/JT808, MIT).
grep -o 'hex: [0-9A-Fa-f]*' "$root/tests/EdgeSdk.Jt808.Tests/TestData/jt808/vectors.txt" | awk '{print $2}' \
  | while read -r hex; do echo "$hex" | xxd -r -p > "$here/seeds/jt808/$(echo "$hex" | md5sum | cut -c1-12)"; done
# DBC: the two small real DBC files (opendbc, MIT).
cp "$root/tests/EdgeSdk.Can.Tests/TestData/dbc/hongqi_hs5.dbc" "$here/seeds/dbc/"
head -c 4096 "$root/tests/EdgeSdk.Can.Tests/TestData/dbc/gwm_haval_h6_phev_2024.dbc" > "$here/seeds/dbc/gwm_haval_head.dbc"
# candump: the log lines of tests/EdgeSdk.Can.Tests.
grep -ho '"([0-9.]*) [a-z0-9]* [^"]*"' "$root/tests/EdgeSdk.Can.Tests/"*.cs | tr -d '"' | sort -u > "$here/seeds/candump/lines"
# gpsd: what gpsd clients send.
printf '?WATCH={"enable":true,"json":true};\n' > "$here/seeds/gpsd/watch"
printf '?POLL;\n?DEVICES;\n?VERSION;\n' > "$here/seeds/gpsd/poll"
printf '?WATCH={"enable":false};?WATCH={"nmea":true}\n' > "$here/seeds/gpsd/unwatch"
# FixBatch and queue: written by the harness's own encoder (real encoder output, not hand-made bytes).
out="$root/.artifacts/fuzz/seed-writer"
dotnet build "$here/EdgeSdk.Fuzz.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out" >/dev/null
dotnet "$out/EdgeSdk.Fuzz.dll" seeds "$here/seeds"
cp "$here"/seeds/queue/* "$here/seeds/queue-crc/"
