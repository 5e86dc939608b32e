#!/usr/bin/env bash
# Regenerates schema/membership.graphql (the SDL of the GraphQL API) with the host command `print-schema`.
# Usage: infra/scripts/print-schema.sh [--no-build] [--configuration Debug|Release] [--output FILE]
#   --no-build       use the API already built in that configuration (CI builds Release first)
#   --output FILE    write FILE instead of schema/membership.graphql (the CI drift check compares the two)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration=Debug
no_build=false
out="$root/schema/membership.graphql"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) no_build=true; shift ;;
    -c|--configuration) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    -o|--output) out="${2:?--output needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
cd "$root"

if [[ "$no_build" == false ]]; then
  dotnet build src/Membership.Api -c "$configuration" -nologo -v quiet -clp:NoSummary
fi

# The schema does not depend on the environment or the database; a throwaway data folder keeps
# the host from creating data/ in the work tree (it resolves the SQLite path at start-up).
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

ASPNETCORE_ENVIRONMENT=Production DataDirectory="$data" Logging__LogLevel__Default=Warning \
  dotnet run --project src/Membership.Api -c "$configuration" --no-build --no-launch-profile \
  -- print-schema "$out"

echo "wrote $out"
