#!/usr/bin/env bash
# Two builds or settings of the intake side by side, in turns: two servers, each on a throwaway PostgreSQL database of
# its own, fed the same load by wrk in short slices, one server then the other, the order swapped every round. Whole
# intake runs minutes apart cannot tell a difference of a few percent on this kind of machine, where the same build's
# CPU a registration nearly doubled within an hour; slices seconds apart can. Prints a Markdown section: per round,
# the CPU a registration took in each server's JVM and in its database's PostgreSQL backends, and p99; then the
# medians, the median of the rounds' ratios (B / A) and in how many rounds B took less.
#
#   TURNS_A_OPTS='-D…=false' TURNS_B_OPTS='-D…=true' bash bench/intake-turns.sh [--quick]
#   TURNS_A_JAR, TURNS_B_JAR: the builds (default: the packaged jar for both); TURNS_A_OPTS, TURNS_B_OPTS: JVM
#   options of each; TURNS_ROUNDS (12), TURNS_SECONDS (10, a slice), TURNS_RATE (60 requests/s: below what saturates
#   the two cores, so that a slice measures the work, not the queue), TURNS_WARMUP (8 slices of 30 s each, in turns,
#   not timed: the JIT compiler's work).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${TURNS_ROUNDS:-12}
SLICE=${TURNS_SECONDS:-10}
RATE=${TURNS_RATE:-60}
WARMUP=${TURNS_WARMUP:-8}
WARMUP_SECONDS=30
if [ "${1:-}" = "--quick" ]; then
  ROUNDS=2
  SLICE=2
  WARMUP=1
  WARMUP_SECONDS=2
fi
THREADS=2
CONNECTIONS=8
DEFAULT_JAR=$(ls target/pujiang-*.jar 2>/dev/null | head -n 1 || true)
OUT=target/bench
mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
TICKS=$(getconf CLK_TCK)
command -v wrk >/dev/null || { echo "intake-turns: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

declare -A JAR OPTS PORT PID DB NEXT CASES GOT
JAR[A]=${TURNS_A_JAR:-$DEFAULT_JAR}
JAR[B]=${TURNS_B_JAR:-$DEFAULT_JAR}
OPTS[A]=${TURNS_A_OPTS:-}
OPTS[B]=${TURNS_B_OPTS:-}
for s in A B; do
  [ -f "${JAR[$s]}" ] || { echo "intake-turns: the jar for $s (${JAR[$s]:-none}) is missing; mvn package builds it" >&2; exit 1; }
  DB[$s]="pujiang_bench_turns_${s,,}_$$"
  PID[$s]=""
  # Each server its own petition numbers from here on: its database has seen none of them.
  NEXT[$s]=0
done

# shellcheck source=bench/server.sh
. bench/server.sh
cleanup() {
  for s in A B; do
    server_stop "${PID[$s]}" "${DB[$s]}"
  done
}
trap cleanup EXIT

start() { # server
  local s=$1
  "${PSQL[@]}" -d postgres -c "create database ${DB[$s]}"
  PORT[$s]=$(bash scripts/free-port.sh)
  : > "$OUT/intake-turns-${s,,}.log"
  server_start java "${JAR[$s]}" "${OPTS[$s]}" "${DB[$s]}" "${PORT[$s]}" "$OUT/intake-turns-${s,,}.log"
  PID[$s]=$SERVER_PID
  server_wait_up "${PID[$s]}" "${PORT[$s]}" "$OUT/intake-turns-${s,,}.log" "intake-turns (server $s)"
  # The first request initialises Spring MVC's dispatcher; it is nobody's petition.
  curl -fsS -m 120 -o /dev/null "http://127.0.0.1:${PORT[$s]}/api/categories"
}
# One at a time, so that the second's start-up does not slow the first's.
start A
start B

ticks_of() { # pids…
  local total=0 t p
  for p in "$@"; do
    t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) || continue
    total=$((total + t))
  done
  echo "$total"
}

# One slice on one server; leaves "jvm_ms pg_ms p50 p99 requests errors" in GOT[server], CPU in ms per request
# answered (not run in a subshell, so that the server's next petition number moves on).
slice() { # server seconds
  local s=$1 backends jvm0 pg0 jvm1 pg1 result n
  # The pool's connections stay open; a backend that a slice opens counts from its birth.
  read -ra backends <<< "$("${PSQL[@]}" -d postgres -Atc \
    "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '${DB[$s]}'")"
  jvm0=$(ticks_of "${PID[$s]}")
  pg0=$(ticks_of "${backends[@]}")
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 10s -s bench/petitions.lua "http://127.0.0.1:${PORT[$s]}" \
    -- "$RATE" "${NEXT[$s]}" "$THREADS" | grep '^RESULT ') || { echo "intake-turns: wrk failed" >&2; exit 1; }
  jvm1=$(ticks_of "${PID[$s]}")
  read -ra backends <<< "$("${PSQL[@]}" -d postgres -Atc \
    "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '${DB[$s]}'")"
  pg1=$(ticks_of "${backends[@]}")
  NEXT[$s]=$(( NEXT[$s] + RATE * $2 * 2 + 1000 ))
  n=$(tr ' ' '\n' <<< "$result" | awk -F= '$1 == "requests" { print $2 }')
  GOT[$s]=$(tr ' ' '\n' <<< "$result" | awk -F= -v j=$((jvm1 - jvm0)) -v p=$((pg1 - pg0)) -v n="$n" -v hz="$TICKS" '
    { v[$1] = $2 }
    END { n = n > 0 ? n : 1
      printf "%.2f %.2f %s %s %d %d\n", j * 1000 / hz / n, p * 1000 / hz / n, v["p50"], v["p99"], v["requests"],
        v["other"] + v["repeats"] + v["connect"] + v["read"] + v["write"] + v["timeout"] }')
}

echo "[intake-turns] warming both servers up: $WARMUP slice(s) of $WARMUP_SECONDS s each, in turns" >&2
for _ in $(seq 1 "$WARMUP"); do
  slice A "$WARMUP_SECONDS"
  slice B "$WARMUP_SECONDS"
done

ROWS=()
ERRORS=0
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then first=A; second=B; else first=B; second=A; fi
  slice "$first" "$SLICE"
  slice "$second" "$SLICE"
  read -r aj ap _ a99 an ae <<< "${GOT[A]}"
  read -r bj bp _ b99 bn be <<< "${GOT[B]}"
  ERRORS=$((ERRORS + ae + be))
  ROWS+=("$r $first $aj $ap $a99 $an $bj $bp $b99 $bn")
  echo "[intake-turns] round $r ($first first): A $aj + $ap ms, B $bj + $bp ms a registration" >&2
done

# Every registration answered stored once, in each database.
for s in A B; do
  CASES[$s]=$("${PSQL[@]}" -d "${DB[$s]}" -Atc "select count(*) from petition_case")
done

label() { # server
  local l="${JAR[$1]##*/}"
  echo "\`$l\`${OPTS[$1]:+ with \`${OPTS[$1]}\`}"
}
echo "### Intake in turns — A: $(label A); B: $(label B)"
echo
echo "Two servers on PostgreSQL $("${PSQL[@]}" -d postgres -Atc "show server_version" | cut -d' ' -f1), each on a database of its own; wrk at $RATE requests/s, $THREADS threads and"
echo "$CONNECTIONS connections, in slices of $SLICE s, one server then the other, the order swapped every round, after $WARMUP"
echo "untimed slice(s) of $WARMUP_SECONDS s each. CPU in ms per request answered, from \`/proc\`: the server's JVM (all its"
echo "threads) and the PostgreSQL backends of its database; latencies in ms. $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1))."
echo
echo "| round | first | A: JVM | A: PostgreSQL | A: p99 | A: requests | B: JVM | B: PostgreSQL | B: p99 | B: requests | B / A, JVM + PostgreSQL |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${ROWS[@]}"; do
  awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.3f |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
    ($7 + $8) / ($3 + $4) }' <<< "$row"
done
echo
printf '%s\n' "${ROWS[@]}" | awk -v rounds="$ROUNDS" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { n++; aj[n] = $3; ap[n] = $4; bj[n] = $7; bp[n] = $8; rj[n] = $7 / $3; rp[n] = $8 / $4; rt[n] = ($7 + $8) / ($3 + $4)
    lj += $7 < $3; lp += $8 < $4; lt += $7 + $8 < $3 + $4 }
  END {
    print "| | JVM | PostgreSQL | both |"
    print "| --- | ---: | ---: | ---: |"
    for (i = 1; i <= n; i++) { at[i] = aj[i] + ap[i]; bt[i] = bj[i] + bp[i] }
    printf "| A: median, ms a registration | %.2f | %.2f | %.2f |\n", median(aj, n), median(ap, n), median(at, n)
    printf "| B: median, ms a registration | %.2f | %.2f | %.2f |\n", median(bj, n), median(bp, n), median(bt, n)
    printf "| B / A: the median of the rounds'"'"' ratios | %.3f | %.3f | %.3f |\n", median(rj, n), median(rp, n), median(rt, n)
    printf "| rounds in which B took less | %d of %d | %d of %d | %d of %d |\n", lj, n, lp, n, lt, n
  }'
echo
echo "Errors and socket errors: $ERRORS. Cases stored: A ${CASES[A]}, B ${CASES[B]} (every slice's and warm-up's"
echo "registrations that were answered, and those on their way when wrk stopped)."
[ "$ERRORS" -eq 0 ] || { echo "intake-turns: $ERRORS requests failed" >&2; exit 1; }
