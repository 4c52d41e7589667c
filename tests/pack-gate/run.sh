#!/usr/bin/env bash
# NuGet gate: packs every library and the `edgesdk` dotnet tool into .artifacts/packages (deterministic
# ContinuousIntegrationBuild), checks that each package carries its metadata (readme, licence, repository
# with commit, project URL, tags, description, authors), a symbol package with SourceLink beside it, then
# installs the tool from that folder into a temporary tool path and runs it. Exit 0 = pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.artifacts/packages"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

repository=https://github.com/edgesdk/edgesdk
libraries=(EdgeSdk.Nmea EdgeSdk.Gnss EdgeSdk.Telemetry EdgeSdk.Simulation EdgeSdk.Jt808)
tool=edgesdk
failures=0
fail() { echo "pack gate: $*"; failures=$((failures + 1)); }

rm -rf "$out" && mkdir -p "$out"
if ! dotnet pack "$root/EdgeSdk.sln" -c Release -o "$out" -p:ContinuousIntegrationBuild=true -nologo >"$work/pack.log" 2>&1; then
  echo "pack gate: dotnet pack failed:"; grep -E "error" "$work/pack.log" | sort -u | tail -20
  exit 1
fi

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)

# Exactly these packages, each with its symbol package.
expected=$(printf '%s\n' "${libraries[@]/%/.$version.nupkg}" "${libraries[@]/%/.$version.snupkg}" "$tool.$version.nupkg" "$tool.$version.snupkg" | sort)
actual=$(ls "$out" | sort)
[ "$expected" = "$actual" ] || fail "packages in $out differ from the expected set:
$(diff <(echo "$expected") <(echo "$actual"))"

check_package() { # id, kind (lib|tool)
  local id=$1 kind=$2 nupkg="$out/$1.$version.nupkg" snupkg="$out/$1.$version.snupkg"
  [ -f "$nupkg" ] || { fail "$id: no $nupkg"; return; }
  local nuspec files
  nuspec=$(unzip -p "$nupkg" "$id.nuspec" | tr -d '\r')
  files=$(unzip -Z1 "$nupkg")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT licence expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: no <readme>"
  grep -qx 'README.md' <<<"$files" || fail "$id: README.md is not in the package"
  grep -q "<projectUrl>$repository</projectUrl>" <<<"$nuspec" || fail "$id: no project URL"
  grep -qE "<repository type=\"git\" url=\"$repository\"[^>]* commit=\"$commit\"" <<<"$nuspec" || fail "$id: no repository with commit $commit"
  grep -qE '<tags>[^<]+</tags>' <<<"$nuspec" || fail "$id: no tags"
  grep -qE '<description>[^<]{20,}</description>' <<<"$nuspec" || fail "$id: no description"
  grep -q '<authors>EdgeSdk contributors</authors>' <<<"$nuspec" || fail "$id: no authors"
  local dll
  if [ "$kind" = lib ]; then
    dll="lib/net10.0/$id.dll"
    grep -qx "lib/net10.0/$id.xml" <<<"$files" || fail "$id: no XML documentation"
  else
    dll="tools/net10.0/any/$id.dll"
    grep -q '<packageType name="DotnetTool" />' <<<"$nuspec" || fail "$id: not a DotnetTool package"
  fi
  grep -qx "$dll" <<<"$files" || fail "$id: no $dll"
  # Symbols: the PDB is in the .snupkg beside the package, and its SourceLink points at the commit's sources.
  local pdb="${dll%.dll}.pdb"
  [ -f "$snupkg" ] || { fail "$id: no symbol package $snupkg"; return; }
  unzip -p "$snupkg" "$pdb" >"$work/$id.pdb" 2>/dev/null || { fail "$id: no $pdb in the symbol package"; return; }
  grep -aq "https://raw.githubusercontent.com/edgesdk/edgesdk/$commit/\*" "$work/$id.pdb" || fail "$id: the PDB has no SourceLink to commit $commit"
  # A deterministic CI build maps the source root to /_/: the DLL names its PDB by that path, not this machine's.
  unzip -p "$nupkg" "$dll" >"$work/$id.dll"
  grep -aq "/_/.*/$id.pdb" "$work/$id.dll" || fail "$id: the DLL names its PDB by a machine path (not a ContinuousIntegrationBuild)"
  ! grep -aq "$root" "$work/$id.dll" "$work/$id.pdb" || fail "$id: the DLL or PDB contains the build path $root"
}
for id in "${libraries[@]}"; do check_package "$id" lib; done
check_package "$tool" tool

# The tool installs from the local folder and runs. A private package cache, so an older build of the same
# version cached by an earlier run is never installed instead.
if NUGET_PACKAGES="$work/nuget" dotnet tool install "$tool" --version "$version" --tool-path "$work/tools" \
     --add-source "$out" >"$work/install.log" 2>&1; then
  reported=$("$work/tools/edgesdk" --version 2>&1)
  [ "$reported" = "$version+$commit" ] || fail "edgesdk --version printed '$reported', expected '$version+$commit'"
  line='$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13'
  json=$(echo "$line" | "$work/tools/edgesdk" nmea - 2>&1)
  grep -q '"latitude_deg":47.66198166666667' <<<"$json" || fail "the installed edgesdk did not decode a sentence: $json"
else
  fail "dotnet tool install $tool from $out failed:"; tail -5 "$work/install.log"
fi

if [ "$failures" -gt 0 ]; then
  echo "pack gate: $failures check(s) failed (pack log: rerun 'dotnet pack EdgeSdk.sln -c Release -o $out')"
  exit 1
fi
echo "pack gate: ${#libraries[@]} libraries + the $tool tool packed with metadata, symbols and SourceLink; $tool $version installed and ran"
