#!/usr/bin/env bash
# The Tasklist walk-through in headless Chromium: starts the built jar with the demo profile on a free port and a
# fresh H2 database in a temporary folder, walks two cases through Tasklist (e2e/walkthrough.test.mjs), and stops
# the application again, whatever happened. Screenshots of every step go to target/e2e/. Run from anywhere, after
# `mvn verify` (or `mvn -DskipTests package`); builds the jar if there is none.
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
stop() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
    kill "$app"
    wait "$app" 2>/dev/null || true
  fi
  mkdir -p "$root/target/e2e"
  cp "$work/app.log" "$root/target/e2e/app.log" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

rm -rf target/e2e
mkdir -p target/e2e
echo "Starting $jar on port $port (demo profile, database in $work)"
# The application's own database settings (application.yaml): its ./data/ folder is the one in $work.
(cd "$work" && exec java -jar "$root/$jar" --spring.profiles.active=demo --server.port="$port" \
  >"$work/app.log" 2>&1) &
app=$!

url="http://localhost:$port"
for _ in $(seq 1 180); do
  if curl -sf "$url/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    break
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "The application did not start:" >&2
    tail -n 50 "$work/app.log" >&2
    exit 1
  fi
  sleep 1
done
if ! curl -sf "$url/actuator/health" >/dev/null 2>&1; then
  echo "The application is not healthy after three minutes:" >&2
  tail -n 50 "$work/app.log" >&2
  exit 1
fi

echo "Walking through Tasklist at $url"
status=0
PUJIANG_URL=$url E2E_SHOTS="$root/target/e2e" \
  node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec e2e/walkthrough.test.mjs || status=$?
echo "Screenshots and the application's log in target/e2e/"
exit "$status"
