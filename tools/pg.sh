#!/usr/bin/env bash
# Throwaway PostgreSQL on loopback for tests and benchmarks.
#   tools/pg.sh start DIR [PORT]   initdb into DIR, start on 127.0.0.1:PORT, create role/db app/app; prints the connection string
#   tools/pg.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data directory}; port=${3:-55432}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
AS_PG="runuser -u postgres --"; [ "$(id -u)" -ne 0 ] && AS_PG=""   # initdb and pg_ctl refuse to run as root
case "$cmd" in
  start)
    mkdir -p "$dir/data" "$dir/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
    $AS_PG "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    $AS_PG "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB" -c "CREATE DATABASE appdb OWNER app" -c "GRANT pg_signal_backend TO app" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=appdb;Username=app;Password=app"
    ;;
  stop)
    $AS_PG "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
