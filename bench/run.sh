#!/usr/bin/env bash
# Repeatable load benchmark of Husly's pages against the ceiling (../shared/ceiling: a bare Razor page reading 12 rows,
# outside Husly), on SQLite and PostgreSQL: the project list (programme manager), the caseload and a resident's page
# (Grorud's case worker, with the access-log write), and Husly's in-app reference page for diagnosis.
# Loopback only, bounded in time. Publishes Release, seeds 2,000 demo projects, warms each endpoint for WARMUP seconds
# (default 20), then runs rounds in which each page is measured right after the ceiling, and prints medians and
# page ÷ ceiling. Each database runs twice: as configured (list pages cached, the default) and with
# Portfolio__ProjectListCacheSeconds=0, so the uncached list's cost stays visible (only the list is measured then).
#   bench/run.sh [rounds] [seconds-per-round]        results also go to bench/results/<date>.md
# A subset: ONLY="overview" RUNS="Sqlite:30 Postgres:30" APPLICATIONS=500 bench/run.sh 2 10 measures the programme
# manager's call overview (/calls/{id}/assessment) with 500 submitted, reviewed applications in the open demo call;
# ONLY="report" RUNS="Sqlite:30 Postgres:30" PROJECTS=200 RESULT_YEARS=5 bench/run.sh 2 10 the programme results report
# over every BOSin project with five years of approved indicator figures (three shared indicators, two reports a year).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECONDS_PER_ROUND=${2:-10}; WARMUP=${WARMUP:-20}; PROJECTS=${PROJECTS:-2000}; APPLICATIONS=${APPLICATIONS:-0}; RESULT_YEARS=${RESULT_YEARS:-0}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/husly-bench.XXXXXX); chmod 755 "$WORK"
ACCESSLOG_KEY=$(head -c 32 /dev/urandom | base64)   # production requires a configured access-log key
KEYRING_KEY=$(head -c 32 /dev/urandom | base64)     # and a key for the data-protection key ring
PORT=5180; BASE="http://127.0.0.1:$PORT"
APP_PID=""; CEILING_PID=""; CEILING_DB=""
CEILING_DIR="$(cd "$(dirname "$0")/../.." && pwd)/shared/ceiling"; CEILING_PORT=5190; CEILING="http://127.0.0.1:$CEILING_PORT/fortunes"
[ -x "$CEILING_DIR/run.sh" ] || { echo "the ceiling app is missing: $CEILING_DIR" >&2; exit 1; }
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; [ -n "$CEILING_PID" ] && kill "$CEILING_PID" 2>/dev/null || true; tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT

echo "== publish (Release)"
dotnet publish src/Husly.Web -c Release -o "$WORK/out" -nologo -v quiet >/dev/null
PG=$(tools/pg.sh start "$WORK/pg" 55480)

LIST="/portfolio/projects?status=Active&sort=Start"
REFERENCE="/bench/reference"
CASELOAD="/casework"
# Kari, the demo resident with a decision, hours and history (her id is derived the way the demo seed derives it).
KARI=$(python3 -c 'import hashlib,uuid; print(uuid.UUID(bytes_le=hashlib.sha256(b"husly:resident:kari").digest()[:16]))')
RESIDENT="/casework/residents/details/$KARI"
NEXTCALL=$(python3 -c 'import hashlib,uuid; print(uuid.UUID(bytes_le=hashlib.sha256(b"husly:call:bosin:next-year").digest()[:16]))')
OVERVIEW="/calls/$NEXTCALL/assessment"
BOSIN=$(python3 -c 'import hashlib,uuid; print(uuid.UUID(bytes_le=hashlib.sha256(b"husly:programme:BOSin").digest()[:16]))')
YEAR=$(date -u +%Y)
REPORT="/portfolio/programmes/$BOSIN/results?From=$((YEAR - 4))&To=$YEAR"
mkdir -p bench/results
RESULT="bench/results/$(date -u +%Y-%m-%d).md"
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, $PROJECTS projects, wrk -t2 -c32 -d${SECONDS_PER_ROUND}s × $ROUNDS rounds after ${WARMUP}s warm-up"
  echo
  echo "| database | page | list cache | req/s (median) | p99 (worst round) | ceiling req/s (median, same rounds) | page ÷ ceiling | errors |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$WORK/table.md"

run_wrk() { # url (path on Husly, or a full URL) -> prints "rps p99 errors"
  local url=$1; [[ $url == http* ]] || url="$BASE$url"
  local out; out=$(wrk -t2 -c32 -d"${SECONDS_PER_ROUND}s" --latency -H "Cookie: $COOKIE" "$url")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ {e+=$5} /Socket errors/ {gsub(",", ""); e+=$4+$6+$8+$10} END {print e+0}' <<<"$out")
  echo "$rps $p99 $errors"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for run in ${RUNS:-Sqlite:30 Sqlite:0 Postgres:30 Postgres:0}; do
  db=${run%%:*}; CACHE=${run##*:}; [ "$CACHE" = 0 ] && MODE=off || MODE=on
  echo "== $db, list cache $MODE: start with $PROJECTS projects"
  if [ "$db" = Sqlite ]; then CS="Data Source=$WORK/bench.db"; else CS="$PG"; fi
  # The ceiling on the same database kind, started once per database and measured in the same rounds.
  if [ -z "$CEILING_PID" ] || [ "$CEILING_DB" != "$db" ]; then
    [ -n "$CEILING_PID" ] && { kill "$CEILING_PID" 2>/dev/null || true; wait "$CEILING_PID" 2>/dev/null || true; }
    if [ "$db" = Sqlite ]; then "$CEILING_DIR/run.sh" $CEILING_PORT > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!
    else "$CEILING_DIR/run.sh" $CEILING_PORT "${PG/Database=appdb/Database=ceiling}" > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!; fi
    CEILING_DB=$db
    for _ in $(seq 600); do curl -sf -o /dev/null "$CEILING" && break; sleep 0.5; done
    curl -sf -o /dev/null "$CEILING" || { echo "the ceiling app did not start" >&2; cat "$WORK/ceiling.log" >&2; exit 1; }
  fi
  ( cd "$WORK/out" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=$db Database__MigrateOnStartup=true \
      ConnectionStrings__Default="$CS" DemoData__Enabled=true DemoData__Projects=$PROJECTS DemoData__Applications=$APPLICATIONS DemoData__ResultYears=$RESULT_YEARS Bench__Enabled=true \
      Portfolio__ProjectListCacheSeconds=$CACHE Casework__AccessLog__Keys__bench="$ACCESSLOG_KEY" Casework__AccessLog__CurrentKeyId=bench \
      Casework__AccessLog__CheckpointDirectory="$WORK/checkpoints" DataProtection__Key="$KEYRING_KEY" \
      Logging__LogLevel__Default=Warning exec ./Husly.Web --urls "$BASE" > "$WORK/app-$db.log" 2>&1 ) & APP_PID=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "$BASE/health/ready" && break; sleep 0.5; done

  # Sign in with the real form; wrk then sends the auth cookie.
  sign_in() { # email -> cookie
    local jar="$WORK/cookies-$db" token
    rm -f "$jar"
    token=$(curl -s -c "$jar" "$BASE/account/login" | grep -oE 'name="__RequestVerificationToken" type="hidden" value="[^"]+"' | head -1 | sed -E 's/.*value="([^"]+)"/\1/')
    curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=$1" \
      --data-urlencode "Input.Password=Husly-demo-2026" --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
    echo "husly.auth=$(awk '$6=="husly.auth" {print $7}' "$jar")"
  }
  MANAGER=$(sign_in programleder@husly.test); WORKER=$(sign_in saksbehandler.grorud@husly.test)
  declare -A URL=([list]="$LIST" [caseload]="$CASELOAD" [resident]="$RESIDENT" [reference]="$REFERENCE" [overview]="$OVERVIEW" [report]="$REPORT")
  declare -A WHO=([list]="$MANAGER" [caseload]="$WORKER" [resident]="$WORKER" [reference]="$MANAGER" [overview]="$MANAGER" [report]="$MANAGER")
  if [ -n "${ONLY:-}" ]; then PAGES=$ONLY; elif [ "$MODE" = on ]; then PAGES="list caseload resident reference"; else PAGES="list"; fi
  for page in $PAGES; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${WHO[$page]}" "$BASE${URL[$page]}")" = 200 ] || { echo "$page not served after sign-in" >&2; exit 1; }
  done

  echo "   warm-up ${WARMUP}s each"
  wrk -t2 -c32 -d"${WARMUP}s" "$CEILING" >/dev/null
  for page in $PAGES; do COOKIE=${WHO[$page]}; wrk -t2 -c32 -d"${WARMUP}s" -H "Cookie: $COOKIE" "$BASE${URL[$page]}" >/dev/null; done
  for page in $PAGES; do : > "$WORK/$page-$db-$MODE"; : > "$WORK/ceil-$page-$db-$MODE"; done
  for r in $(seq "$ROUNDS"); do
    for page in $PAGES; do
      COOKIE=""; run_wrk "$CEILING" >> "$WORK/ceil-$page-$db-$MODE"
      COOKIE=${WHO[$page]}; run_wrk "${URL[$page]}" >> "$WORK/$page-$db-$MODE"
      echo "   round $r: $page $(tail -1 "$WORK/$page-$db-$MODE") | ceiling $(tail -1 "$WORK/ceil-$page-$db-$MODE")"
    done
  done
  for page in $PAGES; do
    P=$(cut -d' ' -f1 "$WORK/$page-$db-$MODE" | median); C=$(cut -d' ' -f1 "$WORK/ceil-$page-$db-$MODE" | median)
    PP=$(cut -d' ' -f2 "$WORK/$page-$db-$MODE" | sort -n | tail -1)
    ERR=$(cat "$WORK/$page-$db-$MODE" "$WORK/ceil-$page-$db-$MODE" | awk '{e+=$3} END {print e+0}')
    echo "| $db | $page | $MODE | $P | $PP | $C | $(awk -v p="$P" -v c="$C" 'BEGIN {printf "%.3f", p/c}') | $ERR |" >> "$WORK/table.md"
  done
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
done
cat "$WORK/table.md" | tee -a "$RESULT"
echo >> "$RESULT"
