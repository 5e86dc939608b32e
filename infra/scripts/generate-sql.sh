#!/usr/bin/env bash
# Regenerates the idempotent migration scripts for deployments:
#   infra/sql/sqlserver.sql   (T-SQL, SqlServer provider)
#   infra/sql/postgresql.sql  (PostgreSQL, Npgsql provider)
# Usage: infra/scripts/generate-sql.sh [--no-build] [--configuration Debug|Release] [--output DIR]
#   --no-build       use the assemblies already built in that configuration (CI builds Release first)
#   --output DIR     write into DIR instead of infra/sql (the CI drift check compares the two)
# The output is normalised (no BOM, LF line endings, no trailing whitespace, one final newline)
# so that regenerating is byte-stable.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration=Debug
no_build=false
out="$root/infra/sql"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) no_build=true; shift ;;
    -c|--configuration) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    -o|--output) out="${2:?--output needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"

dotnet tool restore >/dev/null

if [[ "$no_build" == false ]]; then
  for provider in SqlServer PostgreSql; do
    dotnet build "src/Membership.Migrations.$provider" -c "$configuration" -nologo -v quiet -clp:NoSummary
  done
fi

# Strip a UTF-8 BOM, CRs and trailing whitespace; drop trailing blank lines; end with one newline.
normalise() {
  LC_ALL=C sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' -e 's/[[:space:]]*$//' "$1" \
    | LC_ALL=C sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' >"$1.tmp"
  mv "$1.tmp" "$1"
}

generate() { # provider file
  local project="src/Membership.Migrations.$1" file="$out/$2"
  dotnet ef migrations script --idempotent --no-build --configuration "$configuration" \
    --project "$project" --startup-project "$project" -o "$file" >/dev/null
  normalise "$file"
  echo "wrote $file"
}

generate SqlServer sqlserver.sql
generate PostgreSql postgresql.sql
