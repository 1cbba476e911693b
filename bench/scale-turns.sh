#!/usr/bin/env bash
# Two builds side by side on one kept scale database, in turns: the staff's everyday queries of bench/scale.sh
# (ScaleQueries, no cases opened) timed against a server of build A, then of build B, the order swapped every round.
# Two whole scale runs load two databases an hour apart; here both builds answer on the same rows, minutes apart.
# Prints a Markdown section: each round's p50 and p99 of each side, then per query the medians of the rounds and the
# median of the rounds' p50 ratios (B / A), with in how many rounds B was faster.
#
#   bash bench/scale.sh --quick --open 5000 --keep         a database to compare on (it prints its name)
#   TURNS_A_JAR=/path/to/before.jar bash bench/scale-turns.sh --database NAME [--rounds N] [--runs N] [--warmup N]
#
# TURNS_A_JAR, TURNS_B_JAR: the builds (default: this checkout's packaged jar for both); --rounds (3), --runs (40 a
# query a round, after ScaleQueries' 10 untimed ones), --warmup (1: untimed passes of all the queries first in each
# turn, for the JIT compiler; a node of bench/scale.sh has opened the cases before it is timed). Each server is
# started as bench/scale.sh starts its node and stopped after its turn. The database is kept; the queries timed only
# read, and ScaleQueries analyzes it.
set -euo pipefail
cd "$(dirname "$0")/.."

database=""
rounds=3
runs=40
warmup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "usage: bench/scale-turns.sh --database NAME [--rounds N] [--runs N] [--warmup N]" >&2; exit 2 ;;
  esac
done
[ -n "$database" ] || { echo "scale-turns: --database NAME is needed (bash bench/scale.sh --keep makes one)" >&2; exit 2; }
psql -h 127.0.0.1 -U postgres -X -tAc "select 1 from petition_case limit 1" -d "$database" >/dev/null 2>&1 ||
  { echo "scale-turns: $database holds no cases at 127.0.0.1" >&2; exit 1; }

default_jar=$(ls target/pujiang-*.jar 2>/dev/null | head -n 1 || true)
declare -A JAR
JAR[A]=$(realpath "${TURNS_A_JAR:-$default_jar}" 2>/dev/null || true)
JAR[B]=$(realpath "${TURNS_B_JAR:-$default_jar}" 2>/dev/null || true)
for s in A B; do
  [ -f "${JAR[$s]}" ] || { echo "scale-turns: the jar for $s (${JAR[$s]:-none}) is missing; mvn package builds it" >&2; exit 1; }
done
# shellcheck source=bench/scale-node.sh
. bench/scale-node.sh
scale_classpath
classpath=$SCALE_CLASSPATH
url="jdbc:postgresql://127.0.0.1:5432/$database"
work=$(mktemp -d)
app=""
stop() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then kill "$app"; wait "$app" 2>/dev/null || true; fi
  app=""
}
trap 'stop; rm -rf "$work"' EXIT

turn() { # side round
  local s=$1 port
  port=$(bash scripts/free-port.sh)
  scale_query_node_start "${JAR[$s]}" "$url" "$port" "$work/$s.log"
  app=$SCALE_NODE_PID
  scale_node_wait "$app" "$port" "$work/$s.log"
  echo "scale-turns: round $2, $s" >&2
  for _ in $(seq 1 "$warmup"); do
    java -cp "$classpath" org.pujiang.bench.ScaleQueries "http://127.0.0.1:$port" "$url" 0 "$runs" >/dev/null 2>>"$work/queries.log"
  done
  java -cp "$classpath" org.pujiang.bench.ScaleQueries "http://127.0.0.1:$port" "$url" 0 "$runs" 2>>"$work/queries.log" |
    awk -F' \\| ' -v side="$s" -v round="$2" '/^\| / && $2 ~ /^[0-9]+$/ { sub(/^\| /, "", $1); print round "\t" side "\t" $1 "\t" $3 "\t" $4 }' \
    >> "$work/rows.tsv"
  stop
}

for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then turn A "$r"; turn B "$r"; else turn B "$r"; turn A "$r"; fi
done

echo "#### The scale queries in turns on $database ($(psql -h 127.0.0.1 -U postgres -X -tAd "$database" \
  -c "select count(*) || ' cases, ' || (select count(*) from act_ru_task) || ' open tasks, ' || (select count(*) from act_ru_authorization) || ' authorizations' from petition_case"))"
echo
echo "A: ${JAR[A]}; B: ${JAR[B]}; $rounds rounds of $runs runs a query, after $warmup untimed pass(es) of them in each turn;" \
  "A first in odd rounds."
echo
python3 - "$work/rows.tsv" <<'EOF2'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    rnd, side, name, p50, p99 = line.rstrip("\n").split("\t")
    rows.setdefault(name, {}).setdefault(int(rnd), {})[side] = (float(p50), float(p99))
print("| query | round | A p50 ms | A p99 ms | B p50 ms | B p99 ms |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name, by_round in rows.items():
    for rnd, r in sorted(by_round.items()):
        a, b = r.get("A", ("", "")), r.get("B", ("", ""))
        print(f"| {name} | {rnd} | {a[0]} | {a[1]} | {b[0]} | {b[1]} |")
print()
print("| query | A p50 ms (median of the rounds) | B p50 ms | B / A p50 (median of the rounds' ratios) | B faster in"
      " | A p99 ms (median) | B p99 ms |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, by_round in rows.items():
    pairs = [r for r in by_round.values() if "A" in r and "B" in r]
    med = lambda side, i: statistics.median(r[side][i] for r in pairs)
    ratios = [r["B"][0] / r["A"][0] for r in pairs]
    faster = sum(1 for r in pairs if r["B"][0] < r["A"][0])
    print(f"| {name} | {med('A', 0):.1f} | {med('B', 0):.1f} | ×{statistics.median(ratios):.3f} | {faster} of {len(pairs)}"
          f" | {med('A', 1):.1f} | {med('B', 1):.1f} |")
EOF2
