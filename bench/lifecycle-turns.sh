#!/usr/bin/env bash
# Two builds or settings of the lifecycle side by side, in turns: two JVMs running LifecycleBench --turns, each on a
# database of its own, told one after the other to drive the same rounds of the first day's mix through Pujiang's
# process, the same diagram without its steps and the bare baseline at one thread, the order swapped every round.
# Full lifecycle runs minutes apart move by a fifth on this kind of machine; turns seconds apart do not drift apart.
# But each JVM compiles the same code its own way, and one JVM may stay 5–15% faster than another at a process for
# its whole life (two JVMs of the same build showed it): so the turns run in several pairs of fresh JVMs (forks), the
# side that starts first swapped from one pair to the next. Prints a Markdown section: per round, each side's time a
# Pujiang case and its ratios; then the medians, the median of the rounds' ratios (B / A) and in how many rounds B
# took less, each pair's median ratio; and the statements a case sends.
#
#   TURNS_A_ARGS='--spring.…=…' bash bench/lifecycle-turns.sh [--quick]
#   TURNS_A_DIR, TURNS_B_DIR: the checkouts whose product to time (default: this one for both), built here when
#   their classes are missing (git worktree add ../before HEAD~1, say); the benchmark's own classes are this
#   checkout's for both, so that both are driven alike. TURNS_A_ARGS, TURNS_B_ARGS: application properties of each
#   (--spring.…=…, --camunda.…=…, --pujiang.…=…); TURNS_A_OPTS, TURNS_B_OPTS: JVM options of each.
#   TURNS_DATABASE: postgres (default; a throwaway database each) or h2 (in memory). TURNS_FORKS (3 pairs of JVMs),
#   TURNS_ROUNDS (4 a pair), TURNS_CASES (100: cases of the mix a process a turn), TURNS_WARMUP (6 untimed turns
#   each, in turns, in every pair: the JIT compiler's work). TURNS_SQL: a file of SQL, and psql's variables for it,
#   run on each side's PostgreSQL database once its application is up, before anything is timed (say
#   TURNS_SQL='bench/open-case-grants.sql -v open_cases=10000').
set -euo pipefail
cd "$(dirname "$0")/.."

FORKS=${TURNS_FORKS:-3}
ROUNDS=${TURNS_ROUNDS:-4}
CASES=${TURNS_CASES:-100}
WARMUP=${TURNS_WARMUP:-6}
COUNTED=10
if [ "${1:-}" = "--quick" ]; then
  FORKS=2
  ROUNDS=1
  CASES=12
  WARMUP=1
  COUNTED=1
fi
DATABASE=${TURNS_DATABASE:-postgres}
case $DATABASE in
  postgres | h2) ;;
  *) echo "lifecycle-turns: TURNS_DATABASE is postgres or h2, not $DATABASE" >&2; exit 1 ;;
esac
read -r -a SQL <<< "${TURNS_SQL:-}"
if [ "${#SQL[@]}" -gt 0 ]; then
  [ "$DATABASE" = postgres ] || { echo "lifecycle-turns: TURNS_SQL runs on PostgreSQL only" >&2; exit 1; }
  [ -f "${SQL[0]}" ] || { echo "lifecycle-turns: TURNS_SQL's file ${SQL[0]} is missing" >&2; exit 1; }
fi
OUT=target/bench
mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
HERE=$(pwd)

# The benchmark's classes, this checkout's.
if [ ! -f target/bench.classpath ] || [ ! -f target/test-classes/org/pujiang/bench/LifecycleBench.class ]; then
  # On standard error: standard output is the report.
  mvn -B -ntp -q -DskipTests package >&2
  mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
fi

declare -A DIR ARGS OPTS PID DB IN FROM GOT
DIR[A]=$(realpath "${TURNS_A_DIR:-.}")
DIR[B]=$(realpath "${TURNS_B_DIR:-.}")
ARGS[A]=${TURNS_A_ARGS:-}
ARGS[B]=${TURNS_B_ARGS:-}
OPTS[A]=${TURNS_A_OPTS:-}
OPTS[B]=${TURNS_B_OPTS:-}
for s in A B; do
  [ -f "${DIR[$s]}/pom.xml" ] || { echo "lifecycle-turns: ${DIR[$s]} (side $s) is not a checkout" >&2; exit 1; }
  if [ ! -d "${DIR[$s]}/target/classes/org/pujiang" ] || [ ! -f "${DIR[$s]}/target/bench.classpath" ]; then
    echo "[lifecycle-turns] building ${DIR[$s]}" >&2
    (cd "${DIR[$s]}" && mvn -B -ntp -q -DskipTests package \
      && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test) >&2
  fi
  DB[$s]="pujiang_bench_lturns_${s,,}_$$"
  PID[$s]=""
done

WORK=$(mktemp -d -t pujiang-lifecycle-turns-XXXX)
# shellcheck source=bench/server.sh
. bench/server.sh
stop() { # side
  local s=$1 i
  if [ -n "${IN[$s]:-}" ]; then
    # End of its input: the JVM closes the application and exits; server_stop ends it if it has not within 30 s,
    # and drops its database (none on H2).
    eval "exec ${IN[$s]}>&- ${FROM[$s]}<&-"
    IN[$s]=""
    for i in $(seq 1 30); do kill -0 "${PID[$s]}" 2>/dev/null || break; sleep 1; done
  fi
  server_stop "${PID[$s]}" "${DB[$s]}"
  [ -z "${PID[$s]}" ] || wait "${PID[$s]}" 2>/dev/null || true
  PID[$s]=""
  rm -f "$WORK/$s.in" "$WORK/$s.out"
}
cleanup() {
  stop A
  stop B
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { # side message
  echo "lifecycle-turns (side $1): $2; see $OUT/lifecycle-turns-${1,,}.err and .log" >&2
  exit 1
}

# Waits for the side's answer that starts with the word given; leaves the rest of it in GOT[side].
answer() { # side word
  local line
  while true; do
    IFS= read -r -t 3600 -u "${FROM[$1]}" line || fail "$1" "no answer (the JVM exited or hung)"
    case $line in
      "$2"*) GOT[$1]=${line#"$2"}; return ;;
      UNKNOWN*) fail "$1" "the benchmark did not understand: ${line#UNKNOWN }" ;;
    esac
  done
}

ask() { # side command word
  kill -0 "${PID[$1]}" 2>/dev/null || fail "$1" "the JVM exited"
  echo "$2" >&"${IN[$1]}"
  answer "$1" "$3"
}

start() { # side
  local s=$1 url=() fd
  if [ "$DATABASE" = postgres ]; then
    "${PSQL[@]}" -d postgres -c "create database ${DB[$s]}"
    url=("--url=jdbc:postgresql://127.0.0.1:5432/${DB[$s]}")
  fi
  # The benchmark's classes from here; the product's and its libraries from the side's checkout.
  local cp="${DIR[$s]}/target/classes:$HERE/target/test-classes:$(cat "${DIR[$s]}/target/bench.classpath")"
  mkfifo "$WORK/$s.in" "$WORK/$s.out"
  # shellcheck disable=SC2086
  java ${OPTS[$s]} -cp "$cp" org.pujiang.bench.LifecycleBench --turns --database="$DATABASE" "${url[@]}" \
    --cases="$CASES" --counted="$COUNTED" --log="$HERE/$OUT/lifecycle-turns-${s,,}.log" ${ARGS[$s]} \
    <"$WORK/$s.in" >"$WORK/$s.out" 2>"$OUT/lifecycle-turns-${s,,}.err" &
  PID[$s]=$!
  exec {fd}>"$WORK/$s.in"
  IN[$s]=$fd
  exec {fd}<"$WORK/$s.out"
  FROM[$s]=$fd
  answer "$s" READY
  if [ "${#SQL[@]}" -gt 0 ]; then
    "${PSQL[@]}" -d "${DB[$s]}" -f "${SQL[@]}" >&2
  fi
}
# Each TURN answer: per process (Pujiang, the same diagram, the baseline), per case in ms: wall, CPU of the driving
# thread, in the engine's statements, in Pujiang's statements, the rest (the JVM's own work between the calls).
ROWS=()
for f in $(seq 1 "$FORKS"); do
  # One at a time, so that the second's start-up does not slow the first's; who starts first alternates.
  if [ $((f % 2)) -eq 1 ]; then first=A; second=B; else first=B; second=A; fi
  echo "[lifecycle-turns] pair $f of $FORKS: starting $first, then $second (A: ${DIR[A]}, B: ${DIR[B]}) on $DATABASE" >&2
  start "$first"
  start "$second"
  if [ "$f" -eq 1 ]; then
    # The statements a case sends: exact, so counted once.
    ask A count COUNT
    COUNT_A=${GOT[A]}
    ask B count COUNT
    COUNT_B=${GOT[B]}
  fi
  echo "[lifecycle-turns] warming both up: $WARMUP untimed turn(s) each of $CASES cases a process, in turns" >&2
  for _ in $(seq 1 "$WARMUP"); do
    ask "$first" warm WARM
    ask "$second" warm WARM
  done
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then first=A; second=B; else first=B; second=A; fi
    ask "$first" turn TURN
    ask "$second" turn TURN
    ROWS+=("$f $r $first ${GOT[A]} ${GOT[B]}")
    read -r aw _ <<< "${GOT[A]}"
    read -r bw _ <<< "${GOT[B]}"
    echo "[lifecycle-turns] pair $f, round $r ($first first): a Pujiang case A $aw ms, B $bw ms" >&2
  done
  stop A
  stop B
done

label() { # side
  local l
  if [ "${DIR[$1]}" = "$HERE" ]; then l="this checkout"; else l="\`${DIR[$1]}\`"; fi
  l="$l at $(git -C "${DIR[$1]}" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "$l${ARGS[$1]:+ with \`${ARGS[$1]}\`}${OPTS[$1]:+, JVM \`${OPTS[$1]}\`}"
}
if [ "$DATABASE" = postgres ]; then
  database="PostgreSQL $("${PSQL[@]}" -d postgres -Atc "show server_version" | cut -d' ' -f1), a database each"
else
  database="H2 in memory"
fi
echo "### Lifecycle in turns — A: $(label A); B: $(label B)"
echo
echo "Two JVMs on $database, each told in turn to drive $CASES cases of the first day's mix through Pujiang's process,"
echo "the same diagram without its steps and the bare baseline (one thread, history FULL, each task's form opened as in"
echo "Tasklist), the order of the two swapped every round; $FORKS pair(s) of fresh JVMs and databases, $ROUNDS round(s) a pair"
echo "after $WARMUP untimed turn(s) each. Times in ms a case. $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1))."
if [ "${#SQL[@]}" -gt 0 ]; then
  echo "Each database was given \`psql -f ${SQL[*]}\` once its application was up, before the turns."
fi
echo
echo "| pair | round | first | A: Pujiang | A: / baseline | A: / same diagram | B: Pujiang | B: / baseline | B: / same diagram | B / A, Pujiang |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# Fields of a row, from here on one fewer: 1 pair, then 1 round, 2 first, 3–17 A (Pujiang 3–7, same diagram 8–12,
# baseline 13–17), 18–32 B (likewise).
for row in "${ROWS[@]}"; do
  cut -d' ' -f2- <<< "$row" | awk -v pair="${row%% *}" '{ printf "| %s | %s | %s | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %.3f |\n",
    pair, $1, $2, $3, $3 / $13, $3 / $8, $18, $18 / $28, $18 / $23, $18 / $3 }'
done
echo
printf '%s\n' "${ROWS[@]}" | awk '{ r[$1] = r[$1] " " sprintf("%.3f", $19 / $4) }
  END { printf "Each pair'"'"'s rounds, B / A of a Pujiang case:"
    for (f = 1; f in r; f++) printf "%s pair %d:%s", (f > 1 ? ";" : ""), f, r[f]
    print "." }'
echo
printf '%s\n' "${ROWS[@]}" | cut -d' ' -f2- | awk '
  function median(a, n,   i, j, t, b) {
    for (i = 1; i <= n; i++) b[i] = a[i]
    for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
    return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
  }
  function row(name, k, digits,   i, fmt) {
    for (i = 1; i <= n; i++) r[i] = b[k, i] / a[k, i]
    lower = 0
    for (i = 1; i <= n; i++) { x[i] = a[k, i]; y[i] = b[k, i]; lower += b[k, i] < a[k, i] }
    fmt = "| %s | %." digits "f | %." digits "f | %.3f | %d of %d |\n"
    printf fmt, name, median(x, n), median(y, n), median(r, n), lower, n
  }
  { n++
    for (k = 1; k <= 15; k++) { a[k, n] = $(k + 2); b[k, n] = $(k + 17) }
    a[16, n] = $3 / $13; b[16, n] = $18 / $28; a[17, n] = $3 / $8; b[17, n] = $18 / $23
    a[18, n] = $3 - $8; b[18, n] = $18 - $23 }
  END {
    print "| the median of the rounds | A | B | B / A: the median of the rounds'"'"' ratios | rounds in which B was lower |"
    print "| --- | ---: | ---: | ---: | --- |"
    row("Pujiang: wall, ms a case", 1, 1)
    row("Pujiang: CPU of the driving thread", 2, 1)
    row("Pujiang: in the engine'"'"'s statements", 3, 1)
    row("Pujiang: in Pujiang'"'"'s statements", 4, 1)
    row("Pujiang: the JVM'"'"'s own work between the calls", 5, 1)
    row("the same diagram: wall", 6, 1)
    row("the baseline: wall", 11, 1)
    row("Pujiang / baseline (target ≤ 1.25)", 16, 2)
    row("Pujiang / the same diagram", 17, 2)
    row("what the steps add (Pujiang − the same diagram)", 18, 1)
  }'
echo
read -r ap ao dp _ bp _ <<< "$COUNT_A"
read -r bpp bpo bdp _ bbp _ <<< "$COUNT_B"
echo "Statements a case of the mix sends (counted over $COUNTED case(s) of each path): A — Pujiang $ap (of them to"
echo "Pujiang's tables $ao), the same diagram $dp, the baseline $bp; B — Pujiang $bpp ($bpo), the same diagram $bdp, the"
echo "baseline $bbp."
