#!/usr/bin/env bash
# Adds an EF Core migration named NAME to all three providers (Sqlite, PostgreSql, SqlServer).
# Usage: infra/scripts/add-migration.sh NAME
# It also regenerates the compiled models (infra/scripts/compile-model.sh): a model change that needs a migration
# changes them too. Afterwards regenerate the SQL scripts: infra/scripts/generate-sql.sh
set -euo pipefail

if [[ $# -ne 1 || -z "$1" || "$1" == -* ]]; then
  echo "usage: $0 NAME" >&2
  exit 2
fi
name="$1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

dotnet tool restore >/dev/null

# Build once (the API references all three migrations projects); each add then runs with --no-build:
# adding a migration to one provider does not change the others' assemblies.
dotnet build src/Membership.Api/Membership.Api.csproj -nologo -v quiet -clp:NoSummary

done_providers=()
trap 'if [[ ${#done_providers[@]} -gt 0 ]]; then echo "Failed part-way: migration $name was already added to: ${done_providers[*]}. Undo with: dotnet ef migrations remove --force --project src/Membership.Migrations.<Provider> --startup-project src/Membership.Migrations.<Provider>" >&2; fi' ERR

for provider in Sqlite PostgreSql SqlServer; do
  project="src/Membership.Migrations.$provider"
  echo "== $provider: adding migration $name"
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project "$project" \
    --output-dir Migrations --no-build
  done_providers+=("$provider")
done
trap - ERR

echo "Added migration '$name' to Sqlite, PostgreSql and SqlServer."
"$root/infra/scripts/compile-model.sh" --no-build
echo "Next: infra/scripts/generate-sql.sh (refreshes infra/sql/*.sql), then build and test."
