#!/usr/bin/env bash
# What PostgreSQL does for one registration: the packaged jar on a PostgreSQL cluster of its own (initdb'd in a
# temporary directory, on a free port, with pg_stat_statements loaded, which the shared cluster at 5432 does not
# load), fed POST /api/petitions by wrk at an everyday rate until its JIT compiler is done, then measured for a minute
# at that rate. Prints a Markdown section: per registration, the statements, commits, rows written, WAL records and
# bytes, the CPU of PostgreSQL's processes and of the server's JVM; the statements' execution time by table (the
# engine's history, the engine's runtime, Pujiang's own tables) and the statements that took most of it.
#
#   bash bench/intake-statements.sh [--quick]
#   STATEMENTS_JAR=other.jar, STATEMENTS_RATE (60/s), STATEMENTS_SECONDS (60), STATEMENTS_WARMUP (150 s, untimed)
#
# The cluster and its directory are removed at the end. It runs the server's binaries of the PostgreSQL that
# pg_config names (the Debian package's), as the postgres user when started as root.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${STATEMENTS_RATE:-60}
SECONDS_MEASURED=${STATEMENTS_SECONDS:-60}
SECONDS_WARMUP=${STATEMENTS_WARMUP:-150}
QUICK=""
if [ "${1:-}" = "--quick" ]; then
  QUICK=" (quick smoke run: small numbers, not for comparison)"
  SECONDS_MEASURED=5
  SECONDS_WARMUP=5
fi
JAR=${STATEMENTS_JAR:-target/pujiang-0.1.0-SNAPSHOT.jar}
OUT=target/bench
mkdir -p "$OUT"
LOG="$OUT/intake-statements-app.log"
DB=pujiang_statements

[ -f "$JAR" ] || { echo "intake-statements: $JAR is missing; mvn -DskipTests package builds it" >&2; exit 1; }
command -v wrk >/dev/null || { echo "intake-statements: wrk is not installed; bench/run.sh installs it" >&2; exit 1; }
BIN=$(pg_config --bindir 2>/dev/null || true)
[ -x "$BIN/initdb" ] || BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$BIN/initdb" ] || { echo "intake-statements: PostgreSQL's initdb not found" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

CLUSTER=$(mktemp -d /tmp/pujiang-statements.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$CLUSTER"
PG_PORT=$(bash scripts/free-port.sh)
export BENCH_PG_PORT=$PG_PORT
# shellcheck source=bench/server.sh
. bench/server.sh
APP_PID=""
cleanup() {
  server_stop "$APP_PID" "$DB"
  as_postgres "$BIN/pg_ctl" -D "$CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER"
}
trap cleanup EXIT

as_postgres "$BIN/initdb" -D "$CLUSTER/data" -A trust -U postgres -E UTF8 >/dev/null
cat >> "$CLUSTER/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$CLUSTER'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 5000
pg_stat_statements.track = all
CONF
as_postgres "$BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/postgres.log" -w start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "create database $DB"
"${PSQL[@]}" -d "$DB" -c "create extension pg_stat_statements"
POSTMASTER=$(head -n 1 "$CLUSTER/data/postmaster.pid")

PORT=$(bash scripts/free-port.sh)
: > "$LOG"
server_start java "$JAR" "" "$DB" "$PORT" "$LOG"
APP_PID=$SERVER_PID
server_wait_up "$APP_PID" "$PORT" "$LOG" intake-statements
curl -fsS -m 120 -o /dev/null "http://127.0.0.1:$PORT/api/categories"

# CPU so far, in clock ticks: the private cluster's processes (the postmaster and its children), and the JVM.
pg_ticks() {
  local t sum=0
  for t in "$POSTMASTER" $(pgrep -P "$POSTMASTER"); do
    sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$t/stat" 2>/dev/null || echo 0)))
  done
  echo "$sum"
}
jvm_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
TICKS=$(getconf CLK_TCK)

feed() { # seconds first-petition-number
  wrk -t2 -c8 -d"$1"s --timeout 10s -s bench/petitions.lua "http://127.0.0.1:$PORT" -- "$RATE" "$2" 2 | grep '^RESULT '
}
feed "$SECONDS_WARMUP" 1 > /dev/null

"${PSQL[@]}" -d "$DB" -c "checkpoint" -c "select pg_stat_statements_reset()" -c "select pg_stat_reset()" \
  -c "select pg_stat_reset_shared('wal')" > /dev/null
PG_BEFORE=$(pg_ticks)
JVM_BEFORE=$(jvm_ticks)
RESULT=$(feed "$SECONDS_MEASURED" 1000000)
PG_AFTER=$(pg_ticks)
JVM_AFTER=$(jvm_ticks)
# wrk stops without waiting for the answers on their way; let them commit before the counters are read.
sleep 2
field() { echo "$RESULT" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
N=$(field requests)
[ "${N:-0}" -gt 0 ] || { echo "intake-statements: no registration answered: $RESULT" >&2; exit 1; }
[ "$(field other)" = 0 ] && [ "$(field timeout)" = 0 ] || { echo "intake-statements: errors: $RESULT" >&2; exit 1; }
CORES=$(nproc)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
PGVERSION=$("${PSQL[@]}" -d "$DB" -At -c "show server_version" | awk '{ print $1 }')

# The statements as they are counted: a query's table is the first one it names (an insert's, an update's, a
# delete's or the first of a select's from clause; the foreign keys' checks name theirs with ONLY "public"."…").
"${PSQL[@]}" -d "$DB" -At -F'|' > "$OUT/intake-statements.tsv" <<SQL
with s as (
  select calls, total_exec_time, rows, query,
    lower(coalesce(
      substring(query from '(?i)^\s*insert\s+into\s+([a-z_0-9]+)'),
      substring(query from '(?i)^\s*update\s+([a-z_0-9]+)'),
      substring(query from '(?i)^\s*delete\s+from\s+([a-z_0-9]+)'),
      substring(query from '(?i)from\s+only\s+"public"\."([a-z_0-9]+)"'),
      substring(query from '(?i)\sfrom\s+([a-z_0-9]+)'),
      '(' || split_part(trim(query), ' ', 1) || ')')) as tbl
  from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
)
select tbl, sum(calls), sum(total_exec_time), sum(rows),
  (select string_agg(x, ',') from (select distinct lower(split_part(trim(query), ' ', 1)) x from s s2
    where s2.tbl = s.tbl) k)
from s group by tbl order by 3 desc;
SQL
read -r COMMITS INSERTED UPDATED DELETED <<<"$("${PSQL[@]}" -d "$DB" -At -F' ' -c \
  "select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = current_database()")"
read -r WAL_RECORDS WAL_FPI WAL_BYTES <<<"$("${PSQL[@]}" -d "$DB" -At -F' ' -c \
  "select wal_records, wal_fpi, wal_bytes from pg_stat_wal")"
TOP=$("${PSQL[@]}" -d "$DB" -At -F$'\t' -c "select calls, total_exec_time,
    left(regexp_replace(regexp_replace(query, '\s+', ' ', 'g'), '\(([^()]{60})[^()]*\)', '(\1…)', 'g'), 110)
  from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
  order by total_exec_time desc limit 12")

per() { awk -v a="$1" -v n="$N" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, a / n }'; }
ms_per() { awk -v a="$1" -v n="$N" -v t="$TICKS" 'BEGIN { printf "%.2f", a * 1000 / t / n }'; }
EXEC_TOTAL=$(awk -F'|' '{ s += $3 } END { printf "%.3f", s }' "$OUT/intake-statements.tsv")
CALLS_TOTAL=$(awk -F'|' '{ s += $2 } END { print s }' "$OUT/intake-statements.tsv")

cat <<MD
### What PostgreSQL does for a registration — PostgreSQL $PGVERSION, a cluster of the benchmark's own$QUICK

\`bash bench/intake-statements.sh\`: the packaged jar (profile \`postgres\`) on a PostgreSQL cluster started for the
run with \`pg_stat_statements\`, $CORES cores, $MEM; \`POST /api/petitions\` by wrk at $RATE/s, every petition valid and
distinct (\`bench/petitions.lua\`), $SECONDS_WARMUP s untimed while the JIT compiler works, then $SECONDS_MEASURED s
measured: $N registrations answered (p50 $(field p50) ms, p99 $(field p99) ms). Everything in the cluster's database
counts, the notice dispatcher's sending of the registrations' notices too. Figures per registration.

| per registration | |
| --- | ---: |
| statements | $(per "$CALLS_TOTAL") |
| their execution time in PostgreSQL, ms | $(awk -v a="$EXEC_TOTAL" -v n="$N" 'BEGIN { printf "%.2f", a / n }') |
| CPU of PostgreSQL's processes, ms | $(ms_per $((PG_AFTER - PG_BEFORE))) |
| CPU of the server's JVM, ms | $(ms_per $((JVM_AFTER - JVM_BEFORE))) |
| commits | $(per "$COMMITS" 2) |
| rows inserted / updated / deleted | $(per "$INSERTED") / $(per "$UPDATED") / $(per "$DELETED") |
| WAL records; full-page images; WAL bytes | $(per "$WAL_RECORDS" 0); $(per "$WAL_FPI" 2); $(per "$WAL_BYTES" 0) |

The statements' execution time by the table they name (the engine's history ACT_HI_*, its runtime and repository
ACT_RU_*, ACT_RE_*, ACT_GE_*, and Pujiang's own tables); a statement of the JDBC driver's joined inserts counts once
however many rows it carries:

| table | statements | rows | ms | share of the execution time | kinds |
| --- | ---: | ---: | ---: | ---: | --- |
$(awk -F'|' -v n="$N" -v total="$EXEC_TOTAL" '{ printf "| %s | %.2f | %.2f | %.3f | %.1f%% | %s |\n", $1, $2 / n, $4 / n, $3 / n, 100 * $3 / total, $5 }' "$OUT/intake-statements.tsv")

By whose tables:

| tables | statements | ms | share |
| --- | ---: | ---: | ---: |
$(awk -F'|' -v n="$N" -v total="$EXEC_TOTAL" '
  { g = ($1 ~ /^act_hi_/) ? "the engine'"'"'s history (act_hi_*)" : ($1 ~ /^act_/) ? "the engine'"'"'s runtime and repository (act_ru_*, act_re_*, act_ge_*)" : ($1 ~ /^\(/) ? "transaction control and the like" : "Pujiang'"'"'s own"
    c[g] += $2; t[g] += $3 }
  END { for (g in c) printf "| %s | %.2f | %.3f | %.1f%% |\n", g, c[g] / n, t[g] / n, 100 * t[g] / total }' \
  "$OUT/intake-statements.tsv" | sort -t'|' -k4 -rn)

The statements that took most of the execution time (all of the run, not per registration):

| calls | ms | statement |
| ---: | ---: | --- |
$(echo "$TOP" | awk -F'\t' '{ gsub(/\|/, "\\|", $3); printf "| %d | %.1f | `%s` |\n", $1, $2, $3 }')
MD
