#!/usr/bin/env bash
# Builds an EF Core migration bundle per provider: a self-contained executable that applies the pending migrations,
# for pipelines that migrate with a tool of their own instead of the host's `migrate` command or the SQL scripts.
# Usage: infra/scripts/migration-bundles.sh [--output DIR] [--runtime RID] [PROVIDER...]
#   PROVIDER         Sqlite, PostgreSql and/or SqlServer (default: all three)
#   --output DIR     where the bundles go (default: artifacts/bundles), named efbundle-<provider>
#   --runtime RID    a self-contained bundle for RID (e.g. linux-x64); default: framework-dependent (needs the .NET
#                    runtime where it runs, as in the API's image)
# Run one: artifacts/bundles/efbundle-postgresql --connection "$ConnectionStrings__Membership"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/artifacts/bundles"
runtime=
providers=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -o|--output) out="${2:?--output needs a value}"; shift 2 ;;
    -r|--runtime) runtime="${2:?--runtime needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    Sqlite|PostgreSql|SqlServer) providers+=("$1"); shift ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#providers[@]} -gt 0 ]] || providers=(Sqlite PostgreSql SqlServer)

cd "$root"
mkdir -p "$out"
dotnet tool restore >/dev/null
for provider in "${providers[@]}"; do
  project="src/Membership.Migrations.$provider"
  lower="$(echo "$provider" | tr '[:upper:]' '[:lower:]')"
  echo "== $provider"
  target=()
  if [[ -n "$runtime" ]]; then
    dotnet restore "$project" -r "$runtime" -v quiet
    target=(--self-contained --runtime "$runtime")
  fi
  dotnet ef migrations bundle --project "$project" --startup-project "$project" "${target[@]}" --force --output "$out/efbundle-$lower"
done
echo "bundles in $out: run one with --connection \"<connection string>\""
