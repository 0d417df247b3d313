#!/usr/bin/env bash
# Runs every Husly test: installs what the tests need if it is missing (Debian's postgresql and chromium),
# starts a throwaway PostgreSQL on loopback, builds, checks both migration sets, runs unit, integration
# (SQLite + PostgreSQL) and browser tests, stops what it started, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
T0=$SECONDS; step() { echo "== [+$((SECONDS-T0))s] $*"; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DEBIAN_FRONTEND=noninteractive
WORK=$(mktemp -d /tmp/husly-test.XXXXXX); chmod 755 "$WORK"

step "system packages"
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
if ((${#need[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  timeout 600 $SUDO apt-get update -qq
  timeout 1200 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

step "postgres"
PGPORT=${PGPORT:-55432}
while (echo > /dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; do PGPORT=$((PGPORT+1)); done
cleanup() { tools/pg.sh stop "$WORK/pg"; }
trap cleanup EXIT
export TEST_PG; TEST_PG=$(tools/pg.sh start "$WORK/pg" "$PGPORT")
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}
export SCREENSHOT_DIR="$WORK/screenshots"

step "restore + build"
dotnet tool restore >/dev/null
timeout 1200 dotnet build Husly.slnx -c Release -nologo -v quiet
step "formatting"
dotnet format whitespace Husly.slnx --verify-no-changes
step "migrations match the model (SQLite and PostgreSQL)"
for ctx in SqliteHuslyDbContext PostgresHuslyDbContext; do
  dotnet ef migrations has-pending-model-changes --project src/Husly.Web --context $ctx --no-build --configuration Release
done

step "tests"
set +e
timeout 3000 dotnet test --solution Husly.slnx -c Release --no-build --report-xunit-trx --results-directory "$WORK/trx" 2>&1 | tee "$WORK/test.log"
rc=${PIPESTATUS[0]}
set -e
# The run's own summary counts every assembly. (Its TRX files are named by timestamp, and two assemblies finishing in the
# same microsecond overwrite each other's: once 18 browser tests went uncounted.)
summary() { grep -E "^[[:space:]]+$1: [0-9]+$" "$WORK/test.log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(summary succeeded); failed=$(summary failed); skipped=$(summary skipped)
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crash or build problem counts as a failure
step "done"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
