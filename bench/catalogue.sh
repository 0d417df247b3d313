#!/usr/bin/env bash
# Catalogue search benchmark (issue 11 §6): the public search page, anonymous, rotating through 16 searches (bench/search.lua),
# with 10,000 generated solutions on SQLite and 100,000 on PostgreSQL; the output cache off (every search runs its
# queries) and on (the default, 60 s). Each measurement runs right after the ceiling (../shared/ceiling) in the same round,
# after a warm-up; medians of the rounds. Rate limiting is lifted for the load generator's single address.
#   bench/catalogue.sh [rounds] [seconds-per-round]        results also go to bench/results/<date>.md
#   RUNS="Sqlite:10000 Postgres:100000" (default) chooses databases and sizes; CACHES="0" measures only uncached.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECONDS_PER_ROUND=${2:-10}; WARMUP=${WARMUP:-20}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/husly-catbench.XXXXXX); chmod 755 "$WORK"
ACCESSLOG_KEY=$(head -c 32 /dev/urandom | base64); KEYRING_KEY=$(head -c 32 /dev/urandom | base64)   # production requires both
PORT=5182; BASE="http://127.0.0.1:$PORT"; APP_PID=""; CEILING_PID=""
CEILING_DIR="$(cd "$(dirname "$0")/../.." && pwd)/shared/ceiling"; CEILING_PORT=5192; CEILING="http://127.0.0.1:$CEILING_PORT/fortunes"
[ -x "$CEILING_DIR/run.sh" ] || { echo "the ceiling app is missing: $CEILING_DIR" >&2; exit 1; }
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; [ -n "$CEILING_PID" ] && kill "$CEILING_PID" 2>/dev/null || true; tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT

echo "== publish (Release)"
dotnet publish src/Husly.Web -c Release -o "$WORK/out" -nologo -v quiet >/dev/null
PG=$(tools/pg.sh start "$WORK/pg" 55482)

measure() { # url-or-script -> "rps p95 errors"
  local out
  if [ "$1" = search ]; then out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/search.lua "$BASE")
  else out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/p95.lua "$1"); fi
  echo "$(awk '/^rps/ {print $2}' <<<"$out") $(awk '/^p95/ {print $2}' <<<"$out") $(awk '/^errors/ {print $2}' <<<"$out")"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

TABLE="$WORK/table.md"
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) catalogue search — $(nproc) cores, wrk -t2 -c16 -d${SECONDS_PER_ROUND}s × $ROUNDS rounds after ${WARMUP}s warm-up, 16 rotating searches"
  echo
  echo "| database | solutions | output cache | req/s (median) | p95 ms (median) | ceiling req/s (median) | search ÷ ceiling | errors |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$TABLE"

for run in ${RUNS:-Sqlite:10000 Postgres:100000}; do
  db=${run%%:*}; size=${run##*:}
  if [ "$db" = Sqlite ]; then CS="Data Source=$WORK/bench.db"; else CS="$PG"; fi
  [ -n "$CEILING_PID" ] && { kill "$CEILING_PID" 2>/dev/null || true; wait "$CEILING_PID" 2>/dev/null || true; }
  if [ "$db" = Sqlite ]; then "$CEILING_DIR/run.sh" $CEILING_PORT > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!
  else "$CEILING_DIR/run.sh" $CEILING_PORT "${PG/Database=appdb/Database=ceiling}" > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!; fi
  for _ in $(seq 600); do curl -sf -o /dev/null "$CEILING" && break; sleep 0.5; done
  for cache in ${CACHES:-0 60}; do
    echo "== $db, $size solutions, output cache ${cache}s"
    ( cd "$WORK/out" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=$db Database__MigrateOnStartup=true \
        ConnectionStrings__Default="$CS" DemoData__Enabled=true DemoData__Solutions=$size Catalogue__CacheSeconds=$cache \
        Catalogue__RequestsPerMinute=0 Casework__AccessLog__Keys__bench="$ACCESSLOG_KEY" Casework__AccessLog__CurrentKeyId=bench \
        Casework__AccessLog__CheckpointDirectory="$WORK/checkpoints" DataProtection__Key="$KEYRING_KEY" Logging__LogLevel__Default=Warning ./Husly.Web --urls "$BASE" > "$WORK/app-$db.log" 2>&1 ) & APP_PID=$!
    for _ in $(seq 1800); do curl -sf -o /dev/null "$BASE/health/ready" && break; kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    curl -sf -o /dev/null "$BASE/health/ready" || { echo "app did not start" >&2; cat "$WORK/app-$db.log" >&2; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/losninger?q=bolig")" = 200 ] || { echo "search not served" >&2; exit 1; }
    echo "   $(curl -s "$BASE/api/v1/solutions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"], "published solutions")')"
    echo "   warm-up ${WARMUP}s each"
    wrk -t2 -c16 -d"${WARMUP}s" "$CEILING" >/dev/null; wrk -t2 -c16 -d"${WARMUP}s" -s bench/search.lua "$BASE" >/dev/null
    : > "$WORK/s"; : > "$WORK/c"
    for r in $(seq "$ROUNDS"); do
      measure "$CEILING" >> "$WORK/c"; measure search >> "$WORK/s"
      echo "   round $r: search $(tail -1 "$WORK/s") | ceiling $(tail -1 "$WORK/c")"
    done
    S=$(cut -d' ' -f1 "$WORK/s" | median); P=$(cut -d' ' -f2 "$WORK/s" | median); C=$(cut -d' ' -f1 "$WORK/c" | median)
    E=$(cat "$WORK/s" "$WORK/c" | awk '{e+=$3} END {print e+0}')
    echo "| $db | $size | $([ "$cache" = 0 ] && echo off || echo "${cache}s") | $S | $P | $C | $(awk -v s="$S" -v c="$C" 'BEGIN {printf "%.3f", s/c}') | $E |" >> "$TABLE"
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  done
  [ "$db" = Sqlite ] && rm -f "$WORK/bench.db"*
done
mkdir -p bench/results; RESULT="bench/results/$(date -u +%Y-%m-%d).md"
tee -a "$RESULT" < "$TABLE"; echo >> "$RESULT"
