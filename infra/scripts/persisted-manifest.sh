#!/usr/bin/env bash
# Rewrites schema/persisted/manifest.json: each persisted document's file name and its id (sha256: + hex SHA-256 of
# the file's bytes), the id a client sends as documentId. A test fails while the manifest is out of date.
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=schema/persisted
entries=()
while IFS= read -r file; do
  entries+=("  \"$(basename "$file")\": \"sha256:$(sha256sum "$file" | cut -d' ' -f1)\"")
done < <(find "$folder" -maxdepth 1 -name '*.graphql' | LC_ALL=C sort)
{
  echo "{"
  for i in "${!entries[@]}"; do
    if (( i < ${#entries[@]} - 1 )); then echo "${entries[$i]},"; else echo "${entries[$i]}"; fi
  done
  echo "}"
} > "$folder/manifest.json"
echo "wrote $folder/manifest.json (${#entries[@]} documents)"
