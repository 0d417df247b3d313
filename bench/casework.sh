#!/usr/bin/env bash
# Casework load benchmark on PostgreSQL: a case worker's caseload page and a resident's page with 1,000 and with
# 1,000,000 residents in the database (the worker's own caseload stays the same), and the cost of the read audit
# (resident page with the access log on ÷ off, the latter only possible in the "Benchmark" environment).
#   bench/casework.sh [seconds-per-run]        results also go to bench/results/<date>.md
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}; WARMUP=${WARMUP:-15}; LARGE=${LARGE:-1000000}; SMALL=${SMALL:-1000}
AUDIT_ROUNDS=${AUDIT_ROUNDS:-2}; SIZES=${SIZES:-"$SMALL $LARGE"}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/husly-casebench.XXXXXX); chmod 755 "$WORK"
PORT=5181; BASE="http://127.0.0.1:$PORT"; APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT

echo "== publish (Release)"
dotnet publish src/Husly.Web -c Release -o "$WORK/out" -nologo -v quiet >/dev/null
PG=$(tools/pg.sh start "$WORK/pg" 55481)
PSQL=(psql "$(sed -E 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Username=/user=/; s/Password=/password=/' <<<"$PG")" -q -v ON_ERROR_STOP=1)

start_app() { # extra env assignments...
  ( cd "$WORK/out" && exec env ASPNETCORE_ENVIRONMENT=Benchmark Database__Provider=Postgres Database__MigrateOnStartup=true \
      ConnectionStrings__Default="$PG" DemoData__Enabled=true Casework__AllowSyntheticIdentityNumbers=true \
      Casework__AccessLog__CheckpointDirectory="$WORK/checkpoints" Casework__AccessLog__KeyFile="$WORK/accesslog.key" \
      DataProtection__KeyFile="$WORK/keyring.key" \
      Logging__LogLevel__Default=Warning "$@" ./Husly.Web --urls "$BASE" > "$WORK/app.log" 2>&1 ) & APP_PID=$!
  for _ in $(seq 600); do curl -sf -o /dev/null "$BASE/health/ready" && return; sleep 0.5; done
  echo "app did not start" >&2; cat "$WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

sign_in() { # email -> cookie
  local jar="$WORK/jar"; rm -f "$jar"
  local token; token=$(curl -s -c "$jar" "$BASE/account/login" | grep -oE 'name="__RequestVerificationToken" type="hidden" value="[^"]+"' | head -1 | sed -E 's/.*value="([^"]+)"/\1/')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Husly-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
  echo "husly.auth=$(awk '$6=="husly.auth" {print $7}' "$jar")"
}

# Residents beyond the demo's, in another district with another worker: they change the table sizes, not the caseload.
grow_to() { # total residents
  local missing; missing=$(( $1 - $("${PSQL[@]}" -tAc 'SELECT count(*) FROM "Residents"') ))
  [ "$missing" -le 0 ] && return
  echo "   adding $missing residents"
  "${PSQL[@]}" <<SQL
CREATE TEMP TABLE ids AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, $missing) g;
INSERT INTO "Residents" ("Id","FirstName","LastName","BirthDate","Protection","SearchName","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
  SELECT id, 'Bench', 'Person ' || g, DATE '1950-01-01' + (g % 20000), 'None', 'bench person ' || g, gen_random_uuid(), now(), 'bench', now(), 'bench' FROM ids;
INSERT INTO "LivingSituations" ("Id","ResidentId","Kind","Start") SELECT gen_random_uuid(), id, 'MunicipalRental', DATE '2024-01-01' FROM ids;
INSERT INTO "Enrolments" ("Id","ResidentId","DistrictId","TeamId","Category","OrganisationForm","ContactPersonId","Start","End","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
  SELECT gen_random_uuid(), id, (SELECT "Id" FROM "Organisations" WHERE "Name" = 'Bydel Alna'), NULL,
    'CaseManagement', 'EarmarkedPositions', (SELECT "Id" FROM "AspNetUsers" WHERE "Email" = 'saksbehandler.stovner@husly.test'),
    DATE '2024-01-01' + (g % 600), CASE WHEN g % 3 = 0 THEN DATE '2026-06-01' END, gen_random_uuid(), now(), 'bench', now(), 'bench' FROM ids;
ANALYZE "Residents", "LivingSituations", "Enrolments";
SQL
}

measure() { # url [warm-up seconds] -> "rps p95 errors"
  wrk -t2 -c16 -d"${2:-$WARMUP}s" -H "Cookie: $COOKIE" "$BASE$1" >/dev/null
  local out; out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s bench/p95.lua -H "Cookie: $COOKIE" "$BASE$1")
  echo "$(awk '/^rps/ {print $2}' <<<"$out") $(awk '/^p95/ {print $2}' <<<"$out") $(awk '/^errors/ {print $2}' <<<"$out")"
}

KARI=$(python3 -c 'import hashlib,uuid; print(uuid.UUID(bytes_le=hashlib.sha256(b"husly:resident:kari").digest()[:16]))')
CASELOAD="/casework"; RESIDENT="/casework/residents/details/$KARI"
declare -A R
for size in $SIZES; do
  echo "== $size residents"
  start_app; grow_to "$size"; COOKIE=$(sign_in saksbehandler.grorud@husly.test)
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$RESIDENT")" = 200 ] || { echo "resident page not served" >&2; exit 1; }
  R[caseload-$size]=$(measure "$CASELOAD"); R[resident-$size]=$(measure "$RESIDENT")
  echo "   caseload ${R[caseload-$size]} | resident ${R[resident-$size]}"
  if [ "$size" = "$SMALL" ]; then
    # The audit's cost: fresh starts both ways, alternating, the same long warm-up, median of the rounds.
    stop_app; : > "$WORK/audit-on"; : > "$WORK/audit-off"
    for round in $(seq "$AUDIT_ROUNDS"); do
      for mode in on off; do
        if [ "$mode" = on ]; then start_app; else start_app Casework__SkipAccessLogInBenchmark=true; fi
        COOKIE=$(sign_in saksbehandler.grorud@husly.test)
        measure "$RESIDENT" $((WARMUP * 2)) >> "$WORK/audit-$mode"
        echo "   round $round, access log $mode: $(tail -1 "$WORK/audit-$mode")"
        stop_app
      done
    done
    median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
    R[audit-on]="$(cut -d' ' -f1 "$WORK/audit-on" | median) - $(awk '{e+=$3} END {print e+0}' "$WORK/audit-on")"
    R[noaudit]="$(cut -d' ' -f1 "$WORK/audit-off" | median) - $(awk '{e+=$3} END {print e+0}' "$WORK/audit-off")"
    start_app
  fi
  stop_app
done

f() { cut -d' ' -f"$2" <<<"${R[$1]}"; }
mkdir -p bench/results; RESULT="bench/results/$(date -u +%Y-%m-%d).md"
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) casework — $(nproc) cores, PostgreSQL, wrk -t2 -c16 -d${SECONDS_PER_RUN}s after ${WARMUP}s warm-up"
  echo
  if [ "$(wc -w <<<"$SIZES")" -gt 1 ]; then
    echo "| page | $SMALL residents: req/s, p95 | $LARGE residents: req/s, p95 | p95 ratio large ÷ small | errors |"
    echo "|---|---|---|---|---|"
  fi
  for page in $( [ "$(wc -w <<<"$SIZES")" -gt 1 ] && echo caseload resident ); do
    echo "| $page | $(f $page-$SMALL 1), $(f $page-$SMALL 2) ms | $(f $page-$LARGE 1), $(f $page-$LARGE 2) ms | $(awk -v a="$(f $page-$LARGE 2)" -v b="$(f $page-$SMALL 2)" 'BEGIN {printf "%.2f", a/b}') | $(( $(f $page-$SMALL 3) + $(f $page-$LARGE 3) )) |"
  done
  echo
  echo "Read audit ($AUDIT_ROUNDS alternating fresh starts each, median): resident page $(f audit-on 1) req/s with the access log, $(f noaudit 1) without: ratio $(awk -v a="$(f audit-on 1)" -v b="$(f noaudit 1)" 'BEGIN {printf "%.2f", a/b}') (errors $(( $(f audit-on 3) + $(f noaudit 3) )))."
  echo
} | tee -a "$RESULT"
