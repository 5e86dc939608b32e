#!/usr/bin/env bash
# Regenerates the compiled EF Core models (src/Membership/Data/CompiledModels/<Provider>), one per provider, with
# `dotnet ef dbcontext optimize`. The host uses them instead of building the model from the entity configurations at
# its first query (README "Start-up and memory"); a model change must regenerate them, or CompiledModelTests fails.
# add-migration.sh runs this script after adding the migrations, so a model change cannot forget it.
# Usage: infra/scripts/compile-model.sh [--no-build]
#   --no-build   the migrations projects are built already (add-migration.sh builds them first)
set -euo pipefail

build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=""; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
# One build serves all three: the design-time model comes from the entity configurations, never from a compiled model.
[[ -n "$build" ]] && dotnet build src/Membership.Api/Membership.Api.csproj -nologo -v quiet -clp:NoSummary

for provider in Sqlite PostgreSql SqlServer; do
  folder="Data/CompiledModels/$provider"
  echo "== $provider: compiling the model into src/Membership/$folder"
  rm -rf "src/Membership/$folder"
  dotnet ef dbcontext optimize --project src/Membership --startup-project "src/Membership.Migrations.$provider" \
    --output-dir "$folder" --namespace "Membership.Data.CompiledModels.$provider" --no-build >/dev/null
  # DatabaseSetup.CompiledModel picks the provider's model; the attribute would make EF pick one for every provider.
  rm -f "src/Membership/$folder/MembershipDbContextAssemblyAttributes.cs"
  # Each generation draws a new random model id: keep the committed one when nothing else changed (no noise in diffs).
  builder="src/Membership/$folder/MembershipDbContextModelBuilder.cs"
  if git cat-file -e "HEAD:$builder" 2>/dev/null && diff -q <(git show "HEAD:$builder" | sed 's/modelId: new Guid("[^"]*")//') \
      <(sed 's/modelId: new Guid("[^"]*")//' "$builder") >/dev/null; then
    git checkout -q HEAD -- "$builder"
  fi
done
echo "Compiled models regenerated for Sqlite, PostgreSql and SqlServer; build again to use them."
