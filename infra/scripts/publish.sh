#!/usr/bin/env bash
# Publishes the API (framework-dependent, Release) into one folder: what the container image runs and what CI starts
# and probes. The Dockerfile and .ci/run both call this script, so CI checks the very output the image ships.
# Usage: infra/scripts/publish.sh [--output DIR] [--configuration Release|Debug] [--no-restore]
#   --output DIR      where to put it (default: artifacts/publish)
#   --no-restore      packages are restored already (CI restores the solution once)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration=Release
out="$root/artifacts/publish"
restore=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -o|--output) out="${2:?--output needs a value}"; shift 2 ;;
    -c|--configuration) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    --no-restore) restore=(--no-restore); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/Membership.Api/Membership.Api.csproj -c "$configuration" -o "$out" "${restore[@]}" \
  -p:UseAppHost=false -nologo -v quiet -clp:NoSummary
echo "published to $out (start: dotnet $out/Membership.Api.dll; probe: dotnet $out/Membership.Api.dll health)"
