#!/usr/bin/env bash
# The benchmarks of issue 8, in one command:
#
#   bash bench/run.sh           the full run (38–46 minutes here, a quarter of it the scale load); results in bench/results/
#   bash bench/run.sh --quick   a smoke run for CI (small numbers, a couple of minutes); results in target/bench/
#   bash bench/run.sh --scale-from FILE   the full run, but section 3 is FILE, the output of an earlier
#                               `bash bench/scale.sh` (about half an hour here without the scale load)
#
# Sections, in order: 1 lifecycle throughput against a bare baseline and against the same diagram without
# Pujiang's steps (H2 in memory, then PostgreSQL); 2 the replay
# (bench/replay.sh) and 3 scale (bench/scale.sh), where present; 4 and 5 intake under load, memory and start-up
# (bench/intake.sh). Each prints Markdown; the whole is written with a header naming the date, the commit and the
# machine. The quick run fails only when something is broken, never on a missed target.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=""
SCALE_FROM=""
case "${1:-}" in
  "") ;;
  --quick) QUICK="--quick" ;;
  --scale-from) SCALE_FROM=$(realpath "${2:?--scale-from needs the file bench/scale.sh wrote}") ;;
  *) echo "usage: bash bench/run.sh [--quick | --scale-from FILE]" >&2; exit 2 ;;
esac

OUT=target/bench
mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
BEGAN=$(date +%s)

# What the run needs: PostgreSQL, wrk, the jar, the test classes and their class path.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not reachable at 127.0.0.1:5432" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
echo "[bench] building" >&2
mvn -B -ntp -q -DskipTests package
mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CLASSPATH_BENCH="target/classes:target/test-classes:$(cat target/bench.classpath)"

COMMIT=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain)" ] || COMMIT="$COMMIT+dirty"
DATE=$(date -u +%Y-%m-%d)
H2_VERSION=$(tr ':' '\n' < target/bench.classpath | sed -n 's#.*/h2-\([0-9.]*\)\.jar#\1#p' | head -n 1)
PG_VERSION=$("${PSQL[@]}" -d postgres -Atc "show server_version" | cut -d' ' -f1)

# Section 1: lifecycle throughput, in a JVM of its own per database.
if [ -n "$QUICK" ]; then
  SIZES=(--cases=12 --rounds=1 --warmup=6 --warmup-rounds=1 --counted=1)
else
  SIZES=(--cases=436 --rounds=3 --warmup=436 --counted=10)
fi
lifecycle() { # database [url]
  echo "[bench] lifecycle on $1" >&2
  java -XX:FlightRecorderOptions=stackdepth=512 -cp "$CLASSPATH_BENCH" org.pujiang.bench.LifecycleBench \
    --database="$1" ${2:+--url="$2"} "${SIZES[@]}" --out="$OUT/lifecycle-$1.md" --log="$OUT/lifecycle-$1.log"
}
LIFECYCLE_DB="pujiang_bench_lifecycle_$$"
trap '"${PSQL[@]}" -d postgres -c "drop database if exists $LIFECYCLE_DB with (force)" >/dev/null 2>&1 || true' EXIT
lifecycle h2
"${PSQL[@]}" -d postgres -c "create database $LIFECYCLE_DB"
lifecycle postgres "jdbc:postgresql://127.0.0.1:5432/$LIFECYCLE_DB"
"${PSQL[@]}" -d postgres -c "drop database if exists $LIFECYCLE_DB with (force)"

# Sections 2 and 3, written by others to the same convention: Markdown on stdout.
section() { # number name script
  if [ -f "$3" ]; then
    echo "[bench] $2" >&2
    { printf '### %s\n\n' "$2"; bash "$3" $QUICK; echo; } > "$OUT/section-$1.md"
  else
    printf '### %s\n\n%s is not there yet: skipped.\n\n' "$2" "$3" > "$OUT/section-$1.md"
    echo "[bench] $3 is not there yet: section $1 skipped" >&2
  fi
}
section 2 "Replay of the first Pujiang day" bench/replay.sh
if [ -n "$QUICK" ]; then
  # Scale replays the first day on PostgreSQL and copies it before it measures: minutes, not a smoke test.
  printf '### %s\n\n%s\n\n' "Scale" "Not part of the quick run (a replay on PostgreSQL and the copying take minutes): \`bash bench/scale.sh --quick\` runs it small." > "$OUT/section-3.md"
elif [ -n "$SCALE_FROM" ]; then
  { printf '### Scale\n\nMeasured on its own by `bash bench/scale.sh` (%s), not in this run:\n\n' \
      "$(date -u -r "$SCALE_FROM" '+%Y-%m-%d %H:%M UTC')"; cat "$SCALE_FROM"; } > "$OUT/section-3.md"
else
  section 3 "Scale" bench/scale.sh
fi

# Sections 4 and 5.
echo "[bench] intake under load" >&2
bash bench/intake.sh $QUICK > "$OUT/intake.md"

MINUTES=$(( ($(date +%s) - BEGAN + 30) / 60 ))
REPORT="$OUT/report.md"
{
  echo "# Benchmarks — $DATE, commit $COMMIT${QUICK:+ (quick smoke run: small numbers, not for comparison)}"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| date (UTC) | $(date -u '+%Y-%m-%d %H:%M') |"
  echo "| commit | $COMMIT |"
  echo "| machine | $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(. /etc/os-release && echo "$PRETTY_NAME") |"
  echo "| load average (1, 5, 15 min) | $LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (the benchmark's own load included) |"
  echo "| Java | $(java -version 2>&1 | head -n 1) |"
  echo "| databases | H2 $H2_VERSION (in memory, in the JVM); PostgreSQL $PG_VERSION at 127.0.0.1 (loopback) |"
  echo "| command | \`bash bench/run.sh${QUICK:+ --quick}${SCALE_FROM:+ --scale-from …}\`, $MINUTES min |"
  echo
  cat "$OUT/lifecycle-h2.md" "$OUT/lifecycle-postgres.md" "$OUT/section-2.md" "$OUT/section-3.md" "$OUT/intake.md"
} > "$REPORT"

if [ -z "$QUICK" ]; then
  mkdir -p bench/results
  cp "$REPORT" "bench/results/$DATE-${COMMIT/+/-}.md"
  cp "$REPORT" bench/results/latest.md
  echo "[bench] written to bench/results/$DATE-${COMMIT/+/-}.md and bench/results/latest.md" >&2
else
  echo "[bench] quick run written to $REPORT" >&2
fi
cat "$REPORT"
