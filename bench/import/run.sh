#!/usr/bin/env bash
# The member import benchmark: 10,000 generated CSV lines sent to importMembers over HTTP (multipart), against a
# throwaway PostgreSQL cluster that the test fixture starts; timed as a dry run, a real run and a second run of the
# same file (which changes nothing). Prints the three times.
#   bash bench/import/run.sh [LINES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lines="${1:-10000}"
cd "$root"
dotnet build tests/Membership.Tests -c Release -nologo -v quiet -clp:NoSummary
MEMBERSHIP_BENCH_IMPORT="$lines" dotnet test tests/Membership.Tests -c Release --no-build \
  --filter "FullyQualifiedName~MemberImportBenchmark" --logger "console;verbosity=detailed" | sed -n '/lines, .* KiB, PostgreSQL/,/second run/p'
