#!/usr/bin/env bash
# Intake under load, memory and start-up (issue 8, sections 4 and 5): the packaged jar on a throwaway PostgreSQL
# database; start-up time and RSS; POST /api/petitions driven by wrk at a steady rate (a minute right after start-up,
# a settling phase at an everyday rate until the JIT compiler is done, then the measured run); RSS after the load;
# every registration sent checked against the cases stored. Prints two Markdown sections.
#
#   bash bench/intake.sh [--quick]      (bench/run.sh builds the jar and calls it)
#   INTAKE_JAR=other.jar bash bench/intake.sh   measures another build, to compare two builds one after the other
#   INTAKE_JAVA=/path/to/bin/java runs it on another Java runtime; JAVA_OPTS are passed to the JVM (none by default)
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=100
SECONDS_MEASURED=60
# A minute at the rate asked, right after start-up: the JIT compiler (C2) is still compiling the registration's code
# paths and takes a core while it does (see the CPU table), so the machine is saturated and the minute is shown apart.
SECONDS_WARMUP=60
# Then the server settles at an everyday rate, in slices, until the JIT compiler spends less than SETTLED_JIT_MS of
# CPU per request in a slice (or MAX_SETTLE slices have run): at full load it cannot catch up, as it competes with
# the requests for the two cores. The measured minute runs on a server whose JIT compiler has done its work, as in
# a server that has been in service.
SETTLE_RATE=60
SECONDS_SETTLE=30
MAX_SETTLE=8
SETTLED_JIT_MS=1
# After the measured run, the same load at lower rates: where the target starts to hold on this machine.
SWEEP_RATES=(40 60 80)
SECONDS_SWEEP=30
if [ "${1:-}" = "--quick" ]; then
  SECONDS_MEASURED=5
  SECONDS_WARMUP=3
  SECONDS_SETTLE=3
  MAX_SETTLE=1
  SWEEP_RATES=(40)
  SECONDS_SWEEP=3
fi
THREADS=2
CONNECTIONS=8
JAR=${INTAKE_JAR:-target/pujiang-0.1.0-SNAPSHOT.jar}
OUT=target/bench
mkdir -p "$OUT"
LOG="$OUT/intake-app.log"
DB="pujiang_bench_intake_$$"
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)

[ -f "$JAR" ] || { echo "intake: $JAR is missing; bench/run.sh builds it" >&2; exit 1; }
command -v wrk >/dev/null || { echo "intake: wrk is not installed; bench/run.sh installs it" >&2; exit 1; }

# shellcheck source=bench/server.sh
. bench/server.sh
APP_PID=""
cleanup() { server_stop "$APP_PID" "$DB"; }
trap cleanup EXIT

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

"${PSQL[@]}" -d postgres -c "create database $DB"
PORT=$(bash scripts/free-port.sh)
: > "$LOG"

# The JVM as operators start it: default heap (a quarter of the memory), no flags (unless INTAKE_JAVA or JAVA_OPTS).
RUNTIME=""
if [ -n "${INTAKE_JAVA:-}" ] || [ -n "${JAVA_OPTS:-}" ]; then
  RUNTIME=", $("${INTAKE_JAVA:-java}" -version 2>&1 | head -n 1 | sed 's/"//g')${JAVA_OPTS:+, $JAVA_OPTS}"
fi
START=$(date +%s.%N)
server_start "${INTAKE_JAVA:-java}" "$JAR" "${JAVA_OPTS:-}" "$DB" "$PORT" "$LOG"
APP_PID=$SERVER_PID
server_wait_up "$APP_PID" "$PORT" "$LOG" intake
UP=$(date +%s.%N)
STARTUP=$(awk -v a="$START" -v b="$UP" 'BEGIN { printf "%.1f", b - a }')
SPRING_STARTUP=$(grep -o 'Started PujiangApplication in [0-9.]* seconds' "$LOG" | grep -o '[0-9.]*' | head -n 1)
RSS_START=$(rss_mb "$APP_PID")
# The first request initialises Spring MVC's dispatcher; it is nobody's petition.
curl -fsS -m 120 -o /dev/null "http://127.0.0.1:$PORT/api/categories"

# CPU time so far, in clock ticks, of the application's threads by what they do (comm names are cut at 15
# characters: "http-nio-127.0.", "C2 CompilerThre", "GC Thread#0", "G1 Conc#0") and of the PostgreSQL server's
# processes (all of them: the backends, the WAL writer, the checkpointer, autovacuum).
cpu_ticks() {
  local t name ticks requests=0 jit=0 gc=0 other=0 pg=0
  for t in /proc/"$APP_PID"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null) || continue
    case "$name" in
      http-nio*) requests=$((requests + ticks)) ;;
      C1\ Compiler*|C2\ Compiler*|Sweeper*) jit=$((jit + ticks)) ;;
      GC\ Thread*|G1\ *) gc=$((gc + ticks)) ;;
      *) other=$((other + ticks)) ;;
    esac
  done
  for t in $(pgrep -u postgres -x postgres); do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$t/stat" 2>/dev/null) || continue
    pg=$((pg + ticks))
  done
  echo "$requests $jit $gc $other $pg"
}
TICKS=$(getconf CLK_TCK)

# While a run goes on: how long the statements of the benchmark's database waited on the WAL's flush to disk
# (fdatasync), sampled from pg_stat_activity every 50 ms in a session of its own. A wait of 100 ms or more holds up
# every commit behind it, so these are the runs' disk stalls; it prints "stalls longest-ms checkpoints".
wal_waits() { # seconds
  "${PSQL[@]}" -d postgres -At -F' ' <<SQL
create function pg_temp.wal_waits(seconds float8, db text, out stalls int, out longest int, out checkpoints bigint)
language plpgsql as \$\$
declare
  ends timestamptz := clock_timestamp() + make_interval(secs => seconds);
  waited int;
  stalled boolean := false;
  before bigint;
begin
  stalls := 0;
  longest := 0;
  select checkpoints_timed + checkpoints_req into before from pg_stat_bgwriter;
  while clock_timestamp() < ends loop
    perform pg_stat_clear_snapshot();
    -- A commit's statement starts as it asks for the flush: its age is how long it has waited. For another
    -- statement waiting on the WAL, its age is how long it has run, more than it has waited.
    select coalesce(max(extract(epoch from clock_timestamp() - query_start) * 1000), 0)::int into waited
      from pg_stat_activity where datname = db and wait_event in ('WALSync', 'WALWrite');
    if waited >= 100 then
      stalls := stalls + (case when stalled then 0 else 1 end);
      longest := greatest(longest, waited);
    end if;
    stalled := waited >= 100;
    perform pg_sleep(0.05);
  end loop;
  perform pg_stat_clear_snapshot();
  select checkpoints_timed + checkpoints_req - before into checkpoints from pg_stat_bgwriter;
end
\$\$;
select * from pg_temp.wal_waits($1, '$DB');
SQL
}

# Microseconds so far that some task waited for a core, and for I/O (the kernel's pressure stall information; "?"
# where the kernel has none).
pressure() {
  local cpu io
  cpu=$(awk '/^some/ { sub("total=", "", $5); print $5 }' /proc/pressure/cpu 2>/dev/null) || true
  io=$(awk '/^some/ { sub("total=", "", $5); print $5 }' /proc/pressure/io 2>/dev/null) || true
  echo "${cpu:-?} ${io:-?}"
}

load() { # label rate seconds first-petition-number
  local result before after began sampler wal pressure_before pressure_after pressure_ended wrk_cpu
  began=$(date +%s.%N)
  before=$(cpu_ticks)
  pressure_before=$(pressure)
  wal_waits "$3" > "$OUT/intake-wal.txt" 2>&1 &
  sampler=$!
  # The shell's "times" after wrk: the CPU of its children, wrk (and grep) alone, in its second line.
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --timeout 10s -s bench/petitions.lua "http://127.0.0.1:$PORT" \
    -- "$2" "$4" "$THREADS" | grep '^RESULT ' && times) || { echo "intake: wrk failed" >&2; exit 1; }
  wrk_cpu=$(tail -n 1 <<< "$result" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] }
    printf "%.2f", n }')
  result=$(grep '^RESULT ' <<< "$result")
  after=$(cpu_ticks)
  pressure_after=$(pressure)
  pressure_ended=$(date +%s.%N)
  wait "$sampler" || true
  wal=$(grep -E '^[0-9]+ [0-9]+ [0-9]+$' "$OUT/intake-wal.txt" || echo "? ? ?")
  local -a b a
  read -ra b <<< "$before"
  read -ra a <<< "$after"
  echo "$1 asked=$2 secs=$3 wall=$(awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') ${result#RESULT }" \
    "cpu_requests=$((a[0] - b[0])) cpu_jit=$((a[1] - b[1])) cpu_gc=$((a[2] - b[2])) cpu_other=$((a[3] - b[3])) cpu_pg=$((a[4] - b[4]))" \
    "$(awk '{ printf "wal_stalls=%s wal_longest=%s checkpoints=%s", $1, $2, $3 }' <<< "$wal")" \
    "$(awk -v b="$pressure_before" -v a="$pressure_after" -v began="$began" -v ended="$pressure_ended" 'BEGIN {
      split(b, x, " "); split(a, y, " "); us = (ended - began) * 1e6
      for (i = 1; i <= 2; i++) p[i] = (x[i] == "?" || y[i] == "?") ? "?" : sprintf("%.0f", (y[i] - x[i]) * 100 / us)
      printf "cpu_pressure=%s io_pressure=%s", p[1], p[2] }')" \
    "wrk_cpu=$wrk_cpu"
}
field() { # line key
  tr ' ' '\n' <<< "$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

WARMUP=$(load warmup "$RATE" "$SECONDS_WARMUP" 0)
SETTLE=()
while [ ${#SETTLE[@]} -lt "$MAX_SETTLE" ]; do
  SETTLE+=("$(load settle "$SETTLE_RATE" "$SECONDS_SETTLE" $(( 10000000 + ${#SETTLE[@]} * 100000 )))")
  last=${SETTLE[-1]}
  awk -v j="$(field "$last" cpu_jit)" -v n="$(field "$last" requests)" -v hz="$TICKS" -v limit="$SETTLED_JIT_MS" \
    'BEGIN { exit !(j * 1000 / hz / (n > 0 ? n : 1) < limit) }' && break
done
MEASURED=$(load measured "$RATE" "$SECONDS_MEASURED" 1000000)
RSS_LOAD=$(rss_mb "$APP_PID")
SWEEP=()
for i in "${!SWEEP_RATES[@]}"; do
  SWEEP+=("$(load "sweep" "${SWEEP_RATES[$i]}" "$SECONDS_SWEEP" $(( (i + 2) * 1000000 )))")
done

CREATED=0
SENT=0
for l in "$WARMUP" "${SETTLE[@]}" "$MEASURED" "${SWEEP[@]}"; do
  CREATED=$(( CREATED + $(field "$l" created) ))
  SENT=$(( SENT + $(field "$l" sent) ))
done
# wrk stops at the end of a run without waiting for the answers on their way: those registrations still complete.
stored() { "${PSQL[@]}" -d "$DB" -Atc "select count(*) from petition_case"; }
for _ in $(seq 1 120); do [ "$(stored)" -ge "$SENT" ] && break; sleep 0.5; done
STORED=$(stored)
PROCESSES=$("${PSQL[@]}" -d "$DB" -Atc "select count(*) from act_hi_procinst where proc_def_key_ = 'PetitionCase'")
# The outbox: each registration writes a notice to the petitioner, which the dispatcher (every second) sends meanwhile.
NOTICES=$("${PSQL[@]}" -d "$DB" -Atc "select count(*) from notice")
UNSENT=$("${PSQL[@]}" -d "$DB" -Atc "select count(*) from notice where sent_at is null")
PG_VERSION=$("${PSQL[@]}" -d postgres -Atc "show server_version" | cut -d' ' -f1)

row() { # line label
  local l=$1 errors socket verdict
  errors=$(( $(field "$l" other) + $(field "$l" repeats) ))
  socket=$(( $(field "$l" connect) + $(field "$l" read) + $(field "$l" write) + $(field "$l" timeout) ))
  verdict=$(awk -v p="$(field "$l" p99)" -v e="$errors" -v s="$socket" \
    'BEGIN { print (p < 50 && e == 0 && s == 0) ? "met" : "**missed**" }')
  [ "$(field "$l" asked)" = "$RATE" ] || verdict="($verdict at this rate)"
  echo "| $2 | $(field "$l" asked)/s for $(field "$l" secs) s | $(field "$l" rate)/s | $(field "$l" requests) | $(field "$l" p50) | $(field "$l" p90) | $(field "$l" p99) | $(field "$l" max) | $(field "$l" created) | $errors | $socket | $verdict |"
}
# CPU per request answered, in ms, by part; and the cores busy over the run (of $(nproc)).
cpu_row() { # line label
  local l=$1
  awk -v label="$2" -v n="$(field "$l" requests)" -v secs="$(field "$l" wall)" -v hz="$TICKS" \
    -v r="$(field "$l" cpu_requests)" -v j="$(field "$l" cpu_jit)" -v g="$(field "$l" cpu_gc)" \
    -v o="$(field "$l" cpu_other)" -v p="$(field "$l" cpu_pg)" -v w="$(field "$l" wrk_cpu)" 'BEGIN {
      ms = 1000 / hz / (n > 0 ? n : 1)
      printf "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |\n", label, r * ms, j * ms, g * ms, o * ms,
        p * ms, (r + j + g + o + p) * ms, (r + j + g + o + p) / hz / secs, w / secs }'
}

held_row() { # line label
  echo "| $2 | $(field "$1" cpu_pressure) | $(field "$1" io_pressure) | $(field "$1" wal_stalls) | $(field "$1" wal_longest) | $(field "$1" checkpoints) |"
}

cat <<EOF
### Intake under load — PostgreSQL $PG_VERSION at 127.0.0.1, the packaged jar$RUNTIME

\`POST /api/petitions\` on loopback, wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }') with $THREADS threads and $CONNECTIONS connections holding a steady rate (\`bench/petitions.lua\`: each request
waits for its slot; every petition valid and distinct — its own GB 11643 resident ID number, phone and
Idempotency-Key). The warm-up runs right after start-up, at the same rate for $SECONDS_WARMUP s, and is shown apart: it is
the first minute of a freshly started server, while the JIT compiler is still at work. The server then settles at
$SETTLE_RATE/s in slices of $SECONDS_SETTLE s until its JIT compiler spends less than $SETTLED_JIT_MS ms of CPU per request in a slice (at
most $MAX_SETTLE slices), so that the measured minute runs on a server whose compiled code is in place, as in one that has
been in service. After the measured run the same load runs at lower rates. Latencies in ms; "non-201" counts
every answer but 201 Created (a 200 would be a repeat petition), "socket errors" wrk's connect, read, write errors
and timeouts. Target: p99 < 50 ms, no errors.

| run | asked | achieved | requests | p50 | p90 | p99 | max | 201 | non-201 | socket errors | target |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$(row "$WARMUP" "warm-up, just after start-up")
$(for l in "${SETTLE[@]}"; do row "$l" "settling"; done)
$(row "$MEASURED" "measured")
$(for l in "${SWEEP[@]}"; do row "$l" "after it, a lower rate"; done)

Where the CPU went, per request answered (ms of CPU, from the threads' and processes' counters in /proc): the
request threads, the JIT compilers, the garbage collector, the rest of the JVM (job executor, schedulers, VM
thread), and the PostgreSQL server; and the cores kept busy by the two together; then the cores wrk itself kept
busy (the load generator runs on the same two cores; not in the total).

| run | requests | JIT | GC | rest of the JVM | PostgreSQL | total | cores busy | cores wrk kept busy |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(cpu_row "$WARMUP" "warm-up at $RATE/s")
$(for l in "${SETTLE[@]}"; do cpu_row "$l" "settling at $SETTLE_RATE/s"; done)
$(cpu_row "$MEASURED" "measured at $RATE/s")
$(for l in "${SWEEP[@]}"; do cpu_row "$l" "at $(field "$l" asked)/s"; done)

What held requests up besides their own work, while each run went on: the share of the time some task on the
machine waited for a core and for I/O (the kernel's pressure stall information, \`/proc/pressure\`: the server and
PostgreSQL share the two cores, wrk beside them); how often a statement of the benchmark's database waited 100 ms or
more on the WAL's flush to disk (the commits behind it wait too), the longest such wait seen, and PostgreSQL's
checkpoints during the run (from \`pg_stat_activity\` every 50 ms and \`pg_stat_bgwriter\`, in a session of their
own).

| run | waiting for a core, % of the time | waiting for I/O, % | WAL waits of 100 ms or more | the longest, ms | checkpoints |
| --- | ---: | ---: | ---: | ---: | ---: |
$(held_row "$WARMUP" "warm-up at $RATE/s")
$(for l in "${SETTLE[@]}"; do held_row "$l" "settling at $SETTLE_RATE/s"; done)
$(held_row "$MEASURED" "measured at $RATE/s")
$(for l in "${SWEEP[@]}"; do held_row "$l" "at $(field "$l" asked)/s"; done)

Registrations sent: $SENT, of which $CREATED answered 201 before their run ended (wrk stops without waiting for
the answers on their way); cases stored: $STORED, PetitionCase processes started: $PROCESSES — $([ "$STORED" = "$SENT" ] && [ "$PROCESSES" = "$SENT" ] && echo "every registration sent is stored once, with its process" || echo "**they differ**").
Notices written to the outbox: $NOTICES, of which $UNSENT not yet sent when the load ended (the dispatcher sends them
while the registrations come in, on the same two cores).

### Memory and start-up — the packaged jar on PostgreSQL $PG_VERSION$RUNTIME

Started as operators start it (\`java -jar\`, profile \`postgres\`, default heap: a quarter of the memory, G1), on an
empty database (Flyway's migrations and Camunda's schema are created during start-up).

| figure | value |
| --- | ---: |
| start-up: launch to \`/actuator/health\` UP | $STARTUP s |
| start-up: Spring's "Started PujiangApplication in" | ${SPRING_STARTUP:-?} s |
| RSS after start-up | $RSS_START MB |
| RSS after the load ($SENT registrations) | $RSS_LOAD MB |
EOF

# Fails when something is broken (a case lost or doubled, an answer other than 201), not on a missed target.
[ "$STORED" = "$SENT" ] && [ "$PROCESSES" = "$SENT" ] && [ "$SENT" -gt 0 ] || exit 1
for l in "$WARMUP" "${SETTLE[@]}" "$MEASURED" "${SWEEP[@]}"; do
  [ $(( $(field "$l" other) + $(field "$l" repeats) )) -eq 0 ] || exit 1
done
