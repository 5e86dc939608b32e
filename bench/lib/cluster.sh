# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster on a private port and socket folder (as tests/…/PostgresCluster.cs does).
# Source this file; it needs $bench_work (a private folder) and defines pg_start, pg_stop, psql_bench.

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  return 1
}

pg_as_owner() { # command...: initdb and pg_ctl refuse root, so run them as postgres when root
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() { # port: initdb and start; settings sized for a benchmark, durability off (the data is thrown away)
  local bin
  bin="$(pg_bin)"
  pg_port="$1"
  pg_root="$bench_work/pg"
  mkdir -p "$pg_root"
  [[ "$(id -u)" -eq 0 ]] && chown postgres "$pg_root" && chmod 700 "$pg_root"
  pg_as_owner "$bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$bench_work/initdb.log"
  local opts="-p $pg_port -k $pg_root -c listen_addresses=127.0.0.1 -c max_connections=300"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB -c work_mem=16MB"
  opts+=" -c maintenance_work_mem=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min -c log_line_prefix='%m|%p|%a|'"
  opts+=" -c logging_collector=off -c jit=off"
  pg_as_owner "$bin/pg_ctl" -D "$pg_root/data" -o "$opts" -l "$pg_root/server.log" -w -t 60 start >/dev/null
  pg_started=1
  pg_conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=membership"
}

pg_stop() {
  [[ -n "${pg_started:-}" ]] || return 0
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$pg_root/data" -m immediate -w stop >/dev/null 2>&1 || true
  pg_started=
}

psql_bench() { # psql arguments...: against the benchmark database
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d membership "$@"
}

pg_log_statements() { # on|off: log every statement (the counting pass) or none
  local value=-1
  [[ "$1" == on ]] && value=0
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c "ALTER SYSTEM SET log_min_duration_statement = $value" -c "SELECT pg_reload_conf()" >/dev/null
}
