#!/usr/bin/env bash
# In-process micro-benchmarks of the API's per-request work (bench/Micro, BenchmarkDotNet, allocations per operation):
#   bash bench/micro.sh                         every benchmark, a short job (a few minutes on a busy 2-core machine)
#   bash bench/micro.sh --filter '*Page*'       BenchmarkDotNet's options pass through (--filter, --list flat, …)
#   bash bench/micro.sh --full                  BenchmarkDotNet's default job: more warm-up and iterations, tighter figures
#   bash bench/micro.sh --allocations page [N]  no benchmark: N requests (300) of page, node or plans, allocations sampled by type
# Builds bench/Micro in Release (it is not in Membership.sln), then runs it; the reports go to bench/results/micro/.
set -euo pipefail

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

args=("$@")
if [[ "${1:-}" != --allocations && " ${args[*]} " != *" --filter "* && " ${args[*]} " != *" -f "* && " ${args[*]} " != *" --list "* ]]; then
  args+=(--filter '*') # without a filter BenchmarkDotNet asks which benchmark to run
fi

echo "building bench/Micro (Release)…"
dotnet build "$bench_root/bench/Micro/Micro.csproj" -c Release -nologo -v quiet -clp:NoSummary
echo "machine load before: $(uptime)"
cd "$bench_root"
if [[ "${1:-}" == --allocations ]]; then
  dotnet "bench/Micro/bin/Release/net10.0/Membership.Micro.dll" "${args[@]}"
else
  dotnet "bench/Micro/bin/Release/net10.0/Membership.Micro.dll" --artifacts "$bench_root/bench/results/micro" "${args[@]}"
fi
echo "machine load after: $(uptime)"
