#!/usr/bin/env bash
# Publishes the API (framework-dependent, Release, ReadyToRun) into one folder: what the container image runs and what
# CI starts and probes. The Dockerfile and .ci/run both call this script, so CI checks the very output the image ships.
# ReadyToRun compiles the assemblies ahead of time for one runtime identifier, so the first requests run native code
# instead of waiting for the JIT (README "Start-up and memory"); it needs that identifier's runtime and crossgen packs,
# which restore brings from the same package source as every other package.
# Usage: infra/scripts/publish.sh [--output DIR] [--configuration Release|Debug] [--runtime RID] [--no-restore]
#   --output DIR      where to put it (default: artifacts/publish)
#   --runtime RID     the runtime identifier to compile for (default: this machine's, e.g. linux-x64)
#   --no-restore      packages are restored already for that runtime identifier with ReadyToRun (the Dockerfile does;
#                     a plain `dotnet restore` of the solution does not bring the packs)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration=Release
out="$root/artifacts/publish"
restore=()
runtime=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    -o|--output) out="${2:?--output needs a value}"; shift 2 ;;
    -c|--configuration) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    -r|--runtime) runtime="${2:?--runtime needs a value}"; shift 2 ;;
    --no-restore) restore=(--no-restore); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[[ -n "$runtime" ]] || runtime="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)"
[[ -n "$runtime" ]] || { echo "could not tell this machine's runtime identifier: pass --runtime" >&2; exit 1; }
dotnet publish src/Membership.Api/Membership.Api.csproj -c "$configuration" -o "$out" "${restore[@]}" \
  -r "$runtime" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false -nologo -v quiet -clp:NoSummary
echo "published to $out (start: dotnet $out/Membership.Api.dll; probe: dotnet $out/Membership.Api.dll health)"
