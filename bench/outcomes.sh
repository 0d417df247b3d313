#!/usr/bin/env bash
# Outcomes benchmark (issue 13 §5), on PostgreSQL:
#  1. the results job over RESIDENTS residents' histories (default 1,000,000: two living-situation periods, one enrolment,
#     one decision and four entries of delivered hours each) — seconds from start to done, residents and records per second;
#  2. the programme dashboard (/outcomes) over a published run of PERSONS persons' results (default 100,000) across the 15
#     districts × YEARS years (default 10) — the first request (the figures built and suppressed) and then wrk p95 and
#     requests per second, interleaved with ../shared/ceiling in the same rounds after a warm-up; target p95 < 300 ms.
#   bench/outcomes.sh [rounds] [seconds-per-round]        results also go to bench/results/<date>.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECONDS_PER_ROUND=${2:-10}; WARMUP=${WARMUP:-20}; RESIDENTS=${RESIDENTS:-1000000}; PERSONS=${PERSONS:-100000}; YEARS=${YEARS:-10}
BATCH=${BATCH:-2000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/husly-outcomebench.XXXXXX); chmod 755 "$WORK"
PORT=5184; BASE="http://127.0.0.1:$PORT"; APP_PID=""; CEILING_PID=""
CEILING_DIR="$(cd "$(dirname "$0")/../.." && pwd)/shared/ceiling"; CEILING_PORT=5194; CEILING="http://127.0.0.1:$CEILING_PORT/fortunes"
[ -x "$CEILING_DIR/run.sh" ] || { echo "the ceiling app is missing: $CEILING_DIR" >&2; exit 1; }
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; [ -n "$CEILING_PID" ] && kill "$CEILING_PID" 2>/dev/null || true; tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT

echo "== publish (Release)"
dotnet publish src/Husly.Web -c Release -o "$WORK/out" -nologo -v quiet >/dev/null
PG=$(tools/pg.sh start "$WORK/pg" 55484)
PSQL=(psql "$(sed -E 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Username=/user=/; s/Password=/password=/' <<<"$PG")" -q -v ON_ERROR_STOP=1)

start_app() { # job-enabled
  ( cd "$WORK/out" && exec env ASPNETCORE_ENVIRONMENT=Benchmark Database__Provider=Postgres Database__MigrateOnStartup=true \
      ConnectionStrings__Default="$PG" DemoData__Enabled=true DemoData__HistoryResidents=0 Outcomes__JobEnabled="$1" Outcomes__BatchSize="$BATCH" \
      Concerns__EscalationEnabled=false Casework__AccessLog__CheckpointDirectory="$WORK/checkpoints" Casework__AccessLog__KeyFile="$WORK/accesslog.key" \
      DataProtection__KeyFile="$WORK/keyring.key" Logging__LogLevel__Default=Warning ./Husly.Web --urls "$BASE" > "$WORK/app.log" 2>&1 ) & APP_PID=$!
  for _ in $(seq 1200); do curl -sf -o /dev/null "$BASE/health/ready" && return; sleep 0.5; done
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
measure() { # url [cookie] -> "rps p95 errors"
  local out
  if [ -n "${2:-}" ]; then out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/p95.lua -H "Cookie: $2" "$1"); else out=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUND}s" -s bench/p95.lua "$1"); fi
  echo "$(awk '/^rps/ {print $2}' <<<"$out") $(awk '/^p95/ {print $2}' <<<"$out") $(awk '/^errors/ {print $2}' <<<"$out")"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== migrate and seed the demo (job off)"
start_app false; stop_app

echo "== $RESIDENTS residents' histories"
"${PSQL[@]}" <<SQL
CREATE TEMP TABLE d AS SELECT row_number() OVER (ORDER BY "Name") - 1 AS n, "Id" FROM "Organisations" WHERE "Kind" = 'District';
CREATE TEMP TABLE p AS SELECT row_number() OVER (ORDER BY "Name") - 1 AS n, "Id" FROM "Projects" ORDER BY "Name" LIMIT 40;
CREATE TEMP TABLE r AS SELECT g, gen_random_uuid() AS id, gen_random_uuid() AS e, gen_random_uuid() AS dec,
  (date '2016-01-01' + (g % 3600)) AS start FROM generate_series(1, $RESIDENTS) g;
INSERT INTO "Residents" ("Id","FirstName","LastName","BirthDate","Protection","SearchName","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
SELECT id, 'Bench', 'Person ' || g, date '1950-01-01' + (g % 20000), 'None', 'bench person ' || g, gen_random_uuid(), now(), 'bench', now(), 'bench' FROM r;
INSERT INTO "LivingSituations" ("Id","ResidentId","Kind","Start","End")
SELECT gen_random_uuid(), id, (ARRAY['Institution','TemporaryAccommodation','Homeless','WithFriends','Prison'])[1 + g % 5], start - 90, start + (g % 200) - 1 FROM r
UNION ALL SELECT gen_random_uuid(), id, (ARRAY['MunicipalRental','PrivateRental','OwnHome'])[1 + g % 3], start + (g % 200), NULL FROM r;
INSERT INTO "Enrolments" ("Id","ResidentId","DistrictId","Category","OrganisationForm","ContactPersonId","ProjectId","Start","End","EndReason","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
SELECT e, id, (SELECT "Id" FROM d WHERE d.n = r.g % 15), (ARRAY['SupportedHousing','OutreachTeam','CaseManagement','CriticalTimeIntervention'])[1 + g % 4],
  (ARRAY['OrdinaryPositions','EarmarkedPositions','Team'])[1 + g % 3], (SELECT "Id" FROM "AspNetUsers" ORDER BY "Email" LIMIT 1),
  CASE WHEN g % 3 = 0 THEN NULL ELSE (SELECT "Id" FROM p WHERE p.n = r.g % 40) END,
  start, CASE WHEN g % 2 = 0 THEN start + 400 + (g % 700) END, CASE WHEN g % 2 = 0 THEN 'GoalsReached' END, gen_random_uuid(), now(), 'bench', now(), 'bench' FROM r;
INSERT INTO "Decisions" ("Id","EnrolmentId","Status","ValidFrom","Justification","DecidedAt","Version","CreatedAt","CreatedBy","ChangedAt","ChangedBy")
SELECT dec, e, 'Decided', start + 7, 'Bench', now(), gen_random_uuid(), now(), 'bench', now(), 'bench' FROM r;
INSERT INTO "DecisionServices" ("Id","DecisionId","Kind","HoursPerWeek") SELECT gen_random_uuid(), dec, 'HousingFollowUp', 2 + g % 6 FROM r;
INSERT INTO "DeliveredHours" ("Id","EnrolmentId","Kind","Date","Hours","WorkerId","LoggedAt")
SELECT gen_random_uuid(), e, 'HousingFollowUp', start + 30 * k, 10 + k, (SELECT "Id" FROM "AspNetUsers" ORDER BY "Email" LIMIT 1), now()
FROM r, generate_series(1, 4) k;
ANALYZE "Residents"; ANALYZE "LivingSituations"; ANALYZE "Enrolments"; ANALYZE "Decisions"; ANALYZE "DecisionServices"; ANALYZE "DeliveredHours";
SQL

echo "== the results job"
start_app true
started=$(date +%s.%N)
while :; do
  state=$("${PSQL[@]}" -At -c 'SELECT "Status" || '"' '"' || "Processed" || '"' '"' || "Records" FROM "OutcomeRuns" ORDER BY "StartedAt" DESC LIMIT 1' 2>/dev/null || true)
  case "$state" in Completed*) break;; esac
  sleep 2
done
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
read -r _ processed records <<<"$state"
echo "   $processed residents, $records records in ${seconds}s"
stop_app

echo "== a published run of $PERSONS persons × $YEARS years"
"${PSQL[@]}" <<SQL
CREATE TEMP TABLE d AS SELECT row_number() OVER (ORDER BY "Name") - 1 AS n, "Id" FROM "Organisations" WHERE "Kind" = 'District';
CREATE TEMP TABLE p AS SELECT row_number() OVER (ORDER BY "Name") - 1 AS n, "Id" FROM "Projects" ORDER BY "Name" LIMIT 40;
DELETE FROM "OutcomeRecords"; DELETE FROM "ConcernRecords"; DELETE FROM "PublishedYears";
INSERT INTO "OutcomeRuns" ("Id","Status","StartedAt","StartedBy","AsOf","FinishedAt","Total","Processed","Records","ConcernRecords")
VALUES ('00000000-0000-0000-0000-0000000000b1', 'Completed', now(), 'bench', current_date, now() + interval '1 day', $PERSONS, $PERSONS, $PERSONS * $YEARS, 0);
INSERT INTO "OutcomeRecords" ("RunId","PersonKey","Year","DistrictId","ProjectId","Category","OrganisationForm","AgeBand","HousingAtStart","HousingAtEnd",
  "Settled","HomeMonths","Evictions","InstitutionDays","PrisonDays","TemporaryDays","HomelessDays","PlannedHours","DeliveredHours","FollowUpDays")
SELECT '00000000-0000-0000-0000-0000000000b1', md5(g::text)::uuid, extract(year FROM current_date)::int - y, (SELECT "Id" FROM d WHERE d.n = g % 15),
  CASE WHEN g % 3 = 0 THEN NULL ELSE (SELECT "Id" FROM p WHERE p.n = g % 40) END,
  (ARRAY['SupportedHousing','OutreachTeam','CaseManagement','CriticalTimeIntervention'])[1 + g % 4], (ARRAY['OrdinaryPositions','EarmarkedPositions','Team'])[1 + g % 3],
  (ARRAY['From18To24','From25To34','From35To49','From50To66'])[1 + (g + y) % 4],
  (ARRAY['Institution','Temporary','Homeless','MunicipalRental','PrivateRental'])[1 + (g * 7 + y) % 5], (ARRAY['MunicipalRental','PrivateRental','Temporary','Institution'])[1 + (g + y) % 4],
  (g + y) % 5 = 0, (g * 3 + y) % 36, CASE WHEN (g + y) % 97 = 0 THEN 1 ELSE 0 END, ((g + y) % 4) * 15, ((g + y) % 11) * 2, ((g + y) % 3) * 10, ((g + y) % 5) * 6,
  100 + (g % 200), 80 + (g % 150), 365
FROM generate_series(1, $PERSONS) g, generate_series(0, $YEARS - 1) y;
INSERT INTO "PublishedYears" ("Year","RunId","PublishedAt")
SELECT extract(year FROM current_date)::int - y, '00000000-0000-0000-0000-0000000000b1', now() FROM generate_series(0, $YEARS - 1) y;
ANALYZE "OutcomeRecords";
SQL

[ -n "$CEILING_PID" ] && { kill "$CEILING_PID" 2>/dev/null || true; }
"$CEILING_DIR/run.sh" $CEILING_PORT "${PG/Database=appdb/Database=ceiling}" > "$WORK/ceiling.log" 2>&1 & CEILING_PID=$!
for _ in $(seq 600); do curl -sf -o /dev/null "$CEILING" && break; sleep 0.5; done
start_app false
COOKIE=$(sign_in programleder@husly.test)
first=$(curl -s -o "$WORK/dashboard.html" -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" "$BASE/outcomes")
[ "${first%% *}" = 200 ] && grep -q 'table-utvikling' "$WORK/dashboard.html" || { echo "dashboard not served: $first" >&2; exit 1; }
echo "   first request (figures built and suppressed): ${first#* }s"
wrk -t2 -c16 -d"${WARMUP}s" "$CEILING" >/dev/null; wrk -t2 -c16 -d"${WARMUP}s" -H "Cookie: $COOKIE" "$BASE/outcomes" >/dev/null
: > "$WORK/q"; : > "$WORK/c"
for r in $(seq "$ROUNDS"); do
  measure "$CEILING" >> "$WORK/c"; measure "$BASE/outcomes" "$COOKIE" >> "$WORK/q"
  echo "   round $r: dashboard $(tail -1 "$WORK/q") | ceiling $(tail -1 "$WORK/c")"
done
Q=$(cut -d' ' -f1 "$WORK/q" | median); P=$(cut -d' ' -f2 "$WORK/q" | median); C=$(cut -d' ' -f1 "$WORK/c" | median)
E=$(cat "$WORK/q" "$WORK/c" | awk '{e+=$3} END {print e+0}')
stop_app

TABLE="$WORK/table.md"
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) outcomes (PostgreSQL) — $(nproc) cores; dashboard: wrk -t2 -c16 -d${SECONDS_PER_ROUND}s × $ROUNDS rounds after ${WARMUP}s warm-up"
  echo
  echo "| results job: residents | records | seconds | residents/s | records/s | batch |"
  echo "|---|---|---|---|---|---|"
  echo "| $processed | $records | $seconds | $(awk -v r="$processed" -v s="$seconds" 'BEGIN {printf "%.0f", r/s}') | $(awk -v r="$records" -v s="$seconds" 'BEGIN {printf "%.0f", r/s}') | $BATCH |"
  echo
  echo "| dashboard over $PERSONS persons × $YEARS years | first request s | req/s (median) | p95 ms (median) | ceiling req/s (median) | ÷ ceiling | errors |"
  echo "|---|---|---|---|---|---|---|"
  echo "| /outcomes (programme) | ${first#* } | $Q | $P | $C | $(awk -v s="$Q" -v c="$C" 'BEGIN {printf "%.3f", s/c}') | $E |"
} > "$TABLE"
mkdir -p bench/results; RESULT="bench/results/$(date -u +%Y-%m-%d).md"
tee -a "$RESULT" < "$TABLE"; echo >> "$RESULT"
