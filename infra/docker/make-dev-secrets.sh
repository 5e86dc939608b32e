#!/usr/bin/env bash
# Makes the OIDC signing and encryption keys (RSA, PEM) that compose.yaml mounts as secrets; keeps existing ones.
# Every instance must use the same two files: tokens signed by one instance are checked by all.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "$dir"
for key in oidc-signing oidc-encryption; do
  [[ -f "$dir/$key.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/$key.pem" 2>/dev/null
done
chmod 644 "$dir"/*.pem   # the container's non-root user reads them; keep this folder out of version control
echo "keys in $dir"
