#!/usr/bin/env bash
# Concerns benchmark (issue 12 §4), on SQLite and PostgreSQL:
#  1. importing a rent ledger of 100,000 rows (plus 200 bad ones, which must be reported) through the API — seconds from
#     upload to done and rows per second; target: under 60 s on PostgreSQL;
#  2. the triage queue (/concerns, a team leader's open concerns) with 100,000 concerns in the database — wrk p95 and
#     requests per second, interleaved with ../shared/ceiling in the same rounds after a warm-up.
#   bench/concerns.sh [rounds] [seconds-per-round]        results also go to bench/results/<date>.md
#   DATABASES="Sqlite Postgres" (default); ROWS=100000; CONCERNS=100000
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECONDS_PER_ROUND=${2:-10}; WARMUP=${WARMUP:-20}; ROWS=${ROWS:-100000}; CONCERNS=${CONCERNS:-100000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/husly-concernbench.XXXXXX); chmod 755 "$WORK"
PORT=5183; BASE="http://127.0.0.1:$PORT"; APP_PID=""; CEILING_PID=""; KEY="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
CEILING_DIR="$(cd "$(dirname "$0")/../.." && pwd)/shared/ceiling"; CEILING_PORT=5193; CEILING="http://127.0.0.1:$CEILING_PORT/fortunes"
[ -x "$CEILING_DIR/run.sh" ] || { echo "the ceiling app is missing: $CEILING_DIR" >&2; exit 1; }
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; [ -n "$CEILING_PID" ] && kill "$CEILING_PID" 2>/dev/null || true; tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT

echo "== publish (Release)"
dotnet publish src/Husly.Web -c Release -o "$WORK/out" -nologo -v quiet >/dev/null
PG=$(tools/pg.sh start "$WORK/pg" 55483)
PSQL=(psql "$(sed -E 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Username=/user=/; s/Password=/password=/' <<<"$PG")" -q -v ON_ERROR_STOP=1)
echo "== a ledger of $ROWS rows and 200 bad ones"
python3 tools/rent-sample.py "$ROWS" --bad 200 > "$WORK/ledger.csv"

start_app() { # database connection-string
  ( cd "$WORK/out" && exec env ASPNETCORE_ENVIRONMENT=Benchmark Database__Provider="$1" Database__MigrateOnStartup=true \
      ConnectionStrings__Default="$2" DemoData__Enabled=true Casework__AllowSyntheticIdentityNumbers=true Concerns__Import__ApiKey="$KEY" \
      Concerns__EscalationEnabled=false Casework__AccessLog__CheckpointDirectory="$WORK/checkpoints" Casework__AccessLog__KeyFile="$WORK/accesslog.key" \
      DataProtection__KeyFile="$WORK/keyring.key" Logging__LogLevel__Default=Warning ./Husly.Web --urls "$BASE" > "$WORK/app-$1.log" 2>&1 ) & APP_PID=$!
  for _ in $(seq 1200); do curl -sf -o /dev/null "$BASE/health/ready" && return; sleep 0.5; done
  echo "app did not start" >&2; cat "$WORK/app-$1.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

sign_in() { # email -> cookie
  local jar="$WORK/jar"; rm -f "$jar"
  local token; token=$(curl -s -c "$jar" "$BASE/account/login" | grep -oE 'name="__RequestVerificationToken" type="hidden" value="[^"]+"' | head -1 | sed -E 's/.*value="([^"]+)"/\1/')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Husly-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
  echo "husly.auth=$(awk '$6=="husly.auth" {print $7}' "$jar")"
}

measure() { # url [cookie] -> "rps p95 errors"
  local out
  if [ -n "${2:-}" ]; then out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/p95.lua -H "Cookie: $2" "$1"); else out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/p95.lua "$1"); fi
  echo "$(awk '/^rps/ {print $2}' <<<"$out") $(awk '/^p95/ {print $2}' <<<"$out") $(awk '/^errors/ {print $2}' <<<"$out")"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Concerns beyond the demo's: most in Alna and closed, 2,000 open in Grorud (what the team leader's queue reads from).
grow_concerns() { # database
  if [ "$1" = Postgres ]; then
    "${PSQL[@]}" <<SQL
INSERT INTO "Concerns" ("Id","SubmissionId","ReceiptHash","ReportedAt","PersonName","WhatSeen","Urgency","Relation","DistrictId","Status","DueAt","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
SELECT gen_random_uuid(), gen_random_uuid(), md5(g::text) || md5((g * 7)::text), now() - (g % 700) * interval '1 hour', 'Bench person ' || g, 'Bekymret.',
  CASE g % 3 WHEN 0 THEN 'Urgent' WHEN 1 THEN 'Soon' ELSE 'Normal' END, 'Neighbour',
  (SELECT "Id" FROM "Organisations" WHERE "Name" = CASE WHEN g % 50 = 0 THEN 'Bydel Grorud' ELSE 'Bydel Alna' END),
  CASE WHEN g % 50 = 0 THEN 'Received' ELSE 'Closed' END, now() + (g % 240) * interval '1 hour', gen_random_uuid(), now(), 'bench', now(), 'bench'
FROM generate_series(1, $CONCERNS) g;
ANALYZE "Concerns";
SQL
  else
    python3 - "$WORK/bench.db" "$CONCERNS" <<'PY'
import sqlite3, sys, uuid, hashlib, datetime
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
ids = dict(db.execute("SELECT Name, Id FROM Organisations WHERE Name IN ('Bydel Grorud', 'Bydel Alna')").fetchall())
now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S.%f")
rows = []
for g in range(1, n + 1):
    grorud = g % 50 == 0
    rows.append((str(uuid.uuid4()).upper(), str(uuid.uuid4()).upper(), hashlib.sha256(str(g).encode()).hexdigest(), fmt(now - datetime.timedelta(hours=g % 700)),
                 f"Bench person {g}", "Bekymret.", ["Urgent", "Soon", "Normal"][g % 3], "Neighbour", ids["Bydel Grorud" if grorud else "Bydel Alna"],
                 "Received" if grorud else "Closed", fmt(now + datetime.timedelta(hours=g % 240)), str(uuid.uuid4()).upper(), fmt(now), "bench", fmt(now), "bench"))
db.executemany('INSERT INTO "Concerns" ("Id","SubmissionId","ReceiptHash","ReportedAt","PersonName","WhatSeen","Urgency","Relation","DistrictId","Status","DueAt","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', rows)
db.commit(); db.execute("ANALYZE"); db.close()
PY
  fi
}

TABLE="$WORK/table.md"
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) concerns — $(nproc) cores; import of $ROWS rows + 200 bad; queue: wrk -t2 -c16 -d${SECONDS_PER_ROUND}s × $ROUNDS rounds after ${WARMUP}s warm-up"
  echo
  echo "| database | import seconds | rows/s | rejected reported | alerts | queue req/s (median) | queue p95 ms (median) | ceiling req/s (median) | queue ÷ ceiling | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$TABLE"

for db in ${DATABASES:-Sqlite Postgres}; do
  if [ "$db" = Sqlite ]; then CS="Data Source=$WORK/bench.db"; else CS="$PG"; fi
  echo "== $db: import"
  start_app "$db" "$CS"
  started=$(date +%s.%N)
  location=$(curl -s -D - -o /dev/null -H "X-Api-Key: $KEY" -H "Content-Type: text/csv" -H "X-File-Name: bench.csv" --data-binary "@$WORK/ledger.csv" "$BASE/api/v1/rent-ledger" | awk -F': ' 'tolower($1)=="location" {print $2}' | tr -d '\r')
  [ -n "$location" ] || { echo "upload refused" >&2; exit 1; }
  while :; do
    status=$(curl -s -H "X-Api-Key: $KEY" "$BASE$location")
    state=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' <<<"$status")
    [ "$state" = Done ] || [ "$state" = Failed ] && break
    sleep 0.5
  done
  seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  read -r added rejected alerts < <(python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["added"], s["rejected"], s["alertsCreated"])' <<<"$status")
  echo "   $state in ${seconds}s: $added added, $rejected rejected, $alerts alerts"
  [ "$state" = Done ] && [ "$rejected" = 200 ] || { echo "import did not finish as expected: $status" | head -c 2000 >&2; exit 1; }
  rate=$(awk -v r="$ROWS" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')
  stop_app

  echo "== $db: queue with $CONCERNS more concerns"
  grow_concerns "$db"
  [ -n "$CEILING_PID" ] && { kill "$CEILING_PID" 2>/dev/null || true; wait "$CEILING_PID" 2>/dev/null || true; }
  if [ "$db" = Sqlite ]; then "$CEILING_DIR/run.sh" $CEILING_PORT > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!
  else "$CEILING_DIR/run.sh" $CEILING_PORT "${PG/Database=appdb/Database=ceiling}" > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!; fi
  for _ in $(seq 600); do curl -sf -o /dev/null "$CEILING" && break; sleep 0.5; done
  start_app "$db" "$CS"
  COOKIE=$(sign_in teamleder.grorud@husly.test)
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/concerns?view=Open")" = 200 ] || { echo "queue not served" >&2; exit 1; }
  wrk -t2 -c16 -d"${WARMUP}s" "$CEILING" >/dev/null; wrk -t2 -c16 -d"${WARMUP}s" -H "Cookie: $COOKIE" "$BASE/concerns?view=Open" >/dev/null
  : > "$WORK/q"; : > "$WORK/c"
  for r in $(seq "$ROUNDS"); do
    measure "$CEILING" >> "$WORK/c"; measure "$BASE/concerns?view=Open" "$COOKIE" >> "$WORK/q"
    echo "   round $r: queue $(tail -1 "$WORK/q") | ceiling $(tail -1 "$WORK/c")"
  done
  Q=$(cut -d' ' -f1 "$WORK/q" | median); P=$(cut -d' ' -f2 "$WORK/q" | median); C=$(cut -d' ' -f1 "$WORK/c" | median)
  E=$(cat "$WORK/q" "$WORK/c" | awk '{e+=$3} END {print e+0}')
  echo "| $db | $seconds | $rate | $rejected of 200 | $alerts | $Q | $P | $C | $(awk -v s="$Q" -v c="$C" 'BEGIN {printf "%.3f", s/c}') | $E |" >> "$TABLE"
  stop_app
done
mkdir -p bench/results; RESULT="bench/results/$(date -u +%Y-%m-%d).md"
tee -a "$RESULT" < "$TABLE"; echo >> "$RESULT"
