#!/usr/bin/env bash
# The Tasklist walk-through in headless Chromium: starts the built jar with the demo profile on a free port and a
# fresh H2 database in a temporary folder, walks two cases through Tasklist (e2e/walkthrough.test.mjs), and stops
# the application again, whatever happened. Then, where PostgreSQL answers at 127.0.0.1:5432, the same on a
# throwaway PostgreSQL database that the test takes away and gives back (e2e/outage.test.mjs). Screenshots of every
# step go to target/e2e/. Run from anywhere, after `mvn verify` (or `mvn -DskipTests package`); builds the jar if
# there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jar=$(ls target/pujiang-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -ntp -q -DskipTests package
  jar=$(ls target/pujiang-*.jar | head -n 1)
fi

bash scripts/install-browser.sh
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

port=${E2E_PORT:-18080}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
done

work=$(mktemp -d)
app=
outage_db=
stop_app() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
    kill "$app"
    wait "$app" 2>/dev/null || true
  fi
  app=
}
stop() {
  stop_app
  if [ -n "$outage_db" ]; then
    psql -h 127.0.0.1 -U postgres -X -q -d postgres -c "drop database if exists $outage_db with (force)" >/dev/null 2>&1 || true
  fi
  mkdir -p "$root/target/e2e"
  cp "$work"/*.log "$root/target/e2e/" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

# Waits until the application answers healthy at $url; exits the script if it does not (log file in $1).
wait_healthy() {
  for _ in $(seq 1 180); do
    if curl -sf "$url/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      return
    fi
    if ! kill -0 "$app" 2>/dev/null; then
      echo "The application did not start:" >&2
      tail -n 50 "$1" >&2
      exit 1
    fi
    sleep 1
  done
  echo "The application is not healthy after three minutes:" >&2
  tail -n 50 "$1" >&2
  exit 1
}

rm -rf target/e2e
mkdir -p target/e2e
echo "Starting $jar on port $port (demo profile, database in $work)"
# The application's own database settings (application.yaml): its ./data/ folder is the one in $work.
(cd "$work" && exec java -jar "$root/$jar" --spring.profiles.active=demo --server.port="$port" \
  >"$work/app.log" 2>&1) &
app=$!

url="http://localhost:$port"
wait_healthy "$work/app.log"

echo "Walking through Tasklist at $url"
status=0
PUJIANG_URL=$url E2E_SHOTS="$root/target/e2e" \
  node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec e2e/walkthrough.test.mjs || status=$?
stop_app

if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  outage_db="pujiang_e2e_outage_$$"
  psql -h 127.0.0.1 -U postgres -X -q -d postgres -c "create database $outage_db"
  echo "Starting $jar on port $port (postgres and demo profiles, database $outage_db)"
  (cd "$work" && PUJIANG_DB_URL="jdbc:postgresql://127.0.0.1:5432/$outage_db" PUJIANG_DB_USER=postgres \
    PUJIANG_DB_PASSWORD= exec java -jar "$root/$jar" --spring.profiles.active=postgres,demo --server.port="$port" \
    >"$work/app-outage.log" 2>&1) &
  app=$!
  wait_healthy "$work/app-outage.log"
  echo "Tasklist while its database is out of reach, at $url"
  PUJIANG_URL=$url PUJIANG_DB=$outage_db E2E_SHOTS="$root/target/e2e" \
    node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec e2e/outage.test.mjs || status=$?
else
  echo "No PostgreSQL answers at 127.0.0.1:5432: the walk-through of an outage is skipped"
fi
echo "Screenshots and the application's logs in target/e2e/"
exit "$status"
