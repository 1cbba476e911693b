#!/usr/bin/env bash
# Scale benchmark: PostgreSQL loaded with M closed cases with their full history, then the staff's everyday queries
# timed over HTTP (p50/p99). Prints a Markdown section to stdout; progress goes to stderr.
#
#   bash bench/scale.sh [--cases M] [--quick] [--keep]   M = 100000 by default; --cases 1000000 for the full scale;
#                                                        --keep leaves the database (for EXPLAIN) and names it;
#   bash bench/scale.sh --open N                         N cases opened through the API before the queries (1% of
#                                                        M, at least 300: a bureau's open cases, for the task
#                                                        queries and grants)
#   bash bench/scale.sh --database NAME [--cases M]     goes on with a kept database: no replay when it holds the base,
#                                                        and the copying resumes after the last copy it holds
#   bash bench/scale.sh --tablespace DIR [--cases M]     the new database in a tablespace at DIR (a directory owned by
#                                                        postgres), for a disk too small for M cases: a compressed file
#                                                        system, see bench/compressed-tablespace.sh
#
# The base is real: the first Pujiang day (436 cases, every outcome, supervision, extensions, return visits) replayed
# through the engine on a fresh database. ScaleLoader then copies those rows, engine history included, with new ids and
# times spread over ten years, until there are M cases; open cases (1% of M, or --open N) are then registered and assigned
# through the API, so that there are tasks to find. The database is created and dropped by this script.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=100000
open=""
quick_open=""
runs=100
keep=""
database=""
tablespace=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --quick) cases=2000; quick_open=30; runs=20; shift ;;
    --open) open="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --database) database="$2"; keep=1; shift 2 ;;
    --tablespace) tablespace="$2"; shift 2 ;;
    *) echo "usage: bench/scale.sh [--cases M] [--open N] [--quick] [--keep] [--database NAME] [--tablespace DIR]" >&2; exit 2 ;;
  esac
done
# A bureau of M cases over ten years registers M/10 a year and keeps an assigned case open for weeks, up to its
# deadline and return visit: about 1% of M open at a time (1,000 at 100,000).
[ -n "$open" ] || open=${quick_open:-$(( cases / 100 > 300 ? cases / 100 : 300 ))}

jar=$(ls target/pujiang-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -ntp -q -DskipTests package >&2
  jar=$(ls target/pujiang-*.jar | head -n 1)
fi
jar=$(realpath "$jar")
# shellcheck source=bench/scale-node.sh
. bench/scale-node.sh
scale_classpath
classpath=$SCALE_CLASSPATH

reuse=""
if [ -n "$database" ]; then reuse=1; else database="pujiang_bench_scale_$$"; fi
url="jdbc:postgresql://127.0.0.1:5432/$database"
port=$(bash scripts/free-port.sh)
work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then kill "$app"; wait "$app" 2>/dev/null || true; fi
  if [ -n "$keep" ]; then
    echo "scale: the database $database is kept; drop it with: psql -h 127.0.0.1 -U postgres -c 'drop database $database'${tablespace:+ -c 'drop tablespace ${database}_space'}" >&2
  else
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database with (force)" >/dev/null 2>&1 || true
    [ -z "$tablespace" ] || psql -h 127.0.0.1 -U postgres -qc "drop tablespace if exists ${database}_space" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$reuse" ]; then
  [ -z "$tablespace" ] ||
    psql -h 127.0.0.1 -U postgres -qc "create tablespace ${database}_space location '$(realpath "$tablespace")'" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "create database $database${tablespace:+ tablespace ${database}_space}" >/dev/null
fi

sql() { psql -h 127.0.0.1 -U postgres -d "$database" -tAc "$1"; }

start() { # profiles, extra arguments…
  scale_node_start "$jar" "$url" "$port" "$work/app.log" "$@"
  app=$SCALE_NODE_PID
}

started=$(date +%s)
if [ -n "$reuse" ] && [ "$(sql "select count(*) from day_report where kind = 'FINAL'" 2>/dev/null || echo 0)" -ge 1 ]; then
  echo "scale: $database holds the base already" >&2
else
  echo "scale: replaying the first Pujiang day on PostgreSQL for the base…" >&2
  start postgres,demo,replay --pujiang.replay.workers=1 # as the base has always been replayed
  until [ "$(sql "select count(*) from day_report where kind = 'FINAL'" 2>/dev/null || echo 0)" -ge 1 ] 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "the replay stopped; see its log:" >&2; tail -n 50 "$work/app.log" >&2; exit 1; }
    sleep 2
  done
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
fi
base_seconds=$(( $(date +%s) - started ))

echo "scale: copying to $cases cases…" >&2
started=$(date +%s)
java -cp "$classpath" org.pujiang.bench.ScaleLoader "$url" "$cases" >&2
load_seconds=$(( $(date +%s) - started ))

echo "scale: starting a node and opening $open cases…" >&2
scale_query_node_start "$jar" "$url" "$port" "$work/app.log"
app=$SCALE_NODE_PID
scale_node_wait "$app" "$port" "$work/app.log"

echo "#### The everyday queries over $(sql 'select count(*) from petition_case') cases (PostgreSQL $(sql 'show server_version'), commit $(git rev-parse --short HEAD))"
echo
if [ -n "$reuse" ]; then base="the first Pujiang day replayed through the engine (earlier, in the kept database)"
else base="the first Pujiang day replayed through the engine in ${base_seconds} s"; fi
echo "Base: $base; copied to $cases cases in ${load_seconds} s by ScaleLoader (this run's share of the copying)."
space=$(sql "select pg_tablespace_location(dattablespace) from pg_database where datname = current_database()")
if [ -n "$space" ]; then
  echo "The database in a tablespace at $space ($(findmnt -no FSTYPE,OPTIONS -T "$space" 2>/dev/null || echo "file system not known here")):" \
    "$(sql "select pg_size_pretty(pg_database_size(current_database()))") as PostgreSQL counts it," \
    "$(df -h --output=used "$space" 2>/dev/null | tail -n 1 | tr -d ' ') used on that file system."
fi
java -cp "$classpath" org.pujiang.bench.ScaleQueries "http://127.0.0.1:$port" "$url" "$open" "$runs"
echo
