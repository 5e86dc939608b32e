#!/usr/bin/env bash
# Cold start of the published output (infra/scripts/publish.sh): seconds from process start to the first GraphQL
# answer, in Production, on a database migrated beforehand (as a deployment runs `migrate` once, then the instances).
# Usage: infra/scripts/cold-start.sh [--runs N] [--postgres CONNECTION_STRING] [--publish DIR] [-- extra env KEY=VALUE...]
#   --runs N        starts to time (default 5); prints each and the median
#   --postgres CS   an empty or migrated PostgreSQL database (default: a SQLite file in a temporary folder)
#   --publish DIR   a published output (default: artifacts/publish, published now when missing)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=5 postgres="" publish="$root/artifacts/publish" extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?}"; shift 2 ;;
    --postgres) postgres="${2:?}"; shift 2 ;;
    --publish) publish="${2:?}"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

[[ -f "$publish/Membership.Api.dll" ]] || "$root/infra/scripts/publish.sh" --output "$publish"
work="$(mktemp -d -t membership-cold.XXXXXX)"
trap 'rm -rf "$work"' EXIT
for key in signing encryption; do openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$key.pem" 2>/dev/null; done
database=(Database__Provider=Sqlite DataDirectory="$work/data")
[[ -n "$postgres" ]] && database=(Database__Provider=PostgreSql ConnectionStrings__Membership="$postgres")
common=(ASPNETCORE_ENVIRONMENT=Production Oidc__SigningKeyPath="$work/signing.pem" Oidc__EncryptionKeyPath="$work/encryption.pem"
  Oidc__PublicBaseUrl=http://127.0.0.1 Oidc__AllowHttp=true Mail__SmtpHost=127.0.0.1 Logging__LogLevel__Default=Warning "${database[@]}" "${extra[@]}")
(cd "$publish" && env "${common[@]}" dotnet Membership.Api.dll migrate >/dev/null)

python3 - "$publish" "$runs" "${common[@]}" <<'PY'
import json, os, socket, statistics, subprocess, sys, time, urllib.request
publish, runs, env = sys.argv[1], int(sys.argv[2]), dict(os.environ)
env.update(kv.split("=", 1) for kv in sys.argv[3:])
body = json.dumps({"query": "{ membershipPlans { code } }"}).encode()
times, cpu = [], []
for run in range(runs):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    env["ASPNETCORE_URLS"] = f"http://127.0.0.1:{port}"
    start = time.monotonic()
    process = subprocess.Popen(["dotnet", "Membership.Api.dll"], cwd=publish, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if process.poll() is not None: sys.exit(f"the API exited ({process.returncode}) before answering")
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"content-type": "application/json"})
                with urllib.request.urlopen(request, timeout=30) as answer:
                    if answer.status == 200 and b"membershipPlans" in answer.read(): break
            except OSError:
                time.sleep(0.01)
        times.append(time.monotonic() - start)
        with open(f"/proc/{process.pid}/stat") as stat:  # utime + stime: the start-up's own work, whatever the machine's load
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        print(f"run {run + 1}: {times[-1]:.2f} s to the first answer, {cpu[-1]:.2f} s of CPU")
    finally:
        process.terminate(); process.wait()
print(f"median {statistics.median(times):.2f} s to the first answer, {statistics.median(cpu):.2f} s of CPU, over {runs} runs (load average {os.getloadavg()[0]:.1f})")
PY
