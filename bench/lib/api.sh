# shellcheck shell=bash
# The API as a deployment runs it: published, Production, keys from files, PostgreSQL. Source this file after
# cluster.sh; it needs $bench_work, $bench_root, $pg_conn and defines api_publish, api_env, api_command, api_setup.
bench_webhook_secret=whsec_benchmark_secret_0123456789

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

api_publish() { # the API's publish script (what the container image runs) into $bench_work/api
  "$bench_root/infra/scripts/publish.sh" --output "$bench_work/api" >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$bench_work/signing.pem" 2>/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$bench_work/encryption.pem" 2>/dev/null
  [[ "$(id -u)" -eq 0 ]] && chmod 644 "$bench_work"/*.pem
  return 0
}

# The verification limits, raised for the one load-driver address; the baseline applies the same ones.
verification_limits=(Verification__LookupsPerMinute=100000000 Verification__PartnerBatchesPerMinute=100000000
  Verification__PartnerMissesPerHour=100000000)

# Production settings. Only limits and background jobs differ from a deployment's defaults, each for a reason:
# the per-address limits would answer RATE_LIMITED after 30 lookups from the one load-driver address, and the
# background jobs (mail, ticket expiry, reconciliation, partner webhooks and their watch, renewal reminders, audit purge)
# would add statements of their own to the counting pass.
api_env() { # port: sets api_vars, the environment of an API process
  local port="$1"
  api_vars=(ASPNETCORE_ENVIRONMENT=Production "ASPNETCORE_URLS=http://127.0.0.1:$port"
    Database__Provider=PostgreSql "ConnectionStrings__Membership=$pg_conn;ApplicationName=bench-api"
    "Oidc__SigningKeyPath=$bench_work/signing.pem" "Oidc__EncryptionKeyPath=$bench_work/encryption.pem"
    "Oidc__PublicBaseUrl=http://127.0.0.1:$port" Oidc__AllowHttp=true Mail__SmtpHost=127.0.0.1 Mail__SendEverySeconds=0
    "Stripe__WebhookSecret=$bench_webhook_secret" Stripe__ReconcileEveryMinutes=0 Tickets__ExpireEverySeconds=0
    Webhooks__DispatchEverySeconds=0 Webhooks__WatchEveryMinutes=0 Reminders__RunEveryMinutes=0 Audit__PurgeEveryMinutes=0
    "${verification_limits[@]}" Tickets__AnonymousRequestsPerAddressPerHour=100000000
    Oidc__SignInsPerAddressPerMinute=1000 Logging__LogLevel__Default=Warning)
}

api_command() { # host command args...: the published API's host commands (migrate, create-client, create-staff)
  api_env 0
  env -C "$bench_work/api" "${api_vars[@]}" dotnet Membership.Api.dll "$@"
}

# The clients and the member account the workloads use, made the way an operator would: host commands, then one SQL
# step that a front end would do through joining and e-mail confirmation (a Production host has no demo identities).
api_setup() { # writes $bench_work/clients.env
  local partner_ori staff_secret partner_secret
  partner_ori="$(psql_bench -At -c 'SELECT "OriCode" FROM "Agencies" ORDER BY "OriCode" LIMIT 1')"
  staff_secret="$(api_command create-client --kind staff-script --client-id bench-staff --name 'Benchmark staff script' | sed -n 's/^client_secret: //p')"
  partner_secret="$(api_command create-client --kind partner --client-id bench-partner --name 'Benchmark partner' --agency "$partner_ori" | sed -n 's/^client_secret: //p')"
  api_command create-client --kind public --client-id bench-portal --name 'Benchmark portal' --redirect-uri http://127.0.0.1:9/callback >/dev/null
  [[ -n "$staff_secret" && -n "$partner_secret" ]] || { echo "create-client printed no secret" >&2; return 1; }
  # create-staff hashes the password with the API's own hasher; the account then becomes the sign-in of member 6 (who
  # holds a certificate and paid dues online): linked, e-mail confirmed, no staff role, as joining and confirming leave it.
  local email member_id
  read -r member_id email < <(psql_bench -At -F ' ' -c 'SELECT "Id", "EmailNormalized" FROM "Members" WHERE "Number" = 6')
  MEMBERSHIP_STAFF_PASSWORD='Bench-Member-2026!' api_command create-staff --email "$email" --name 'Benchmark member' >/dev/null
  psql_bench -c "UPDATE \"AspNetUsers\" SET \"MemberId\" = '$member_id', \"EmailConfirmed\" = true WHERE \"NormalizedEmail\" = upper('$email')" \
    -c "DELETE FROM \"AspNetUserRoles\" WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$email'))" >/dev/null
  cat >"$bench_work/clients.env" <<ENV
BENCH_STAFF_SECRET=$staff_secret
BENCH_PARTNER_SECRET=$partner_secret
BENCH_MEMBER_EMAIL=$email
BENCH_MEMBER_PASSWORD=Bench-Member-2026!
ENV
}
