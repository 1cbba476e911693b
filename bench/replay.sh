#!/usr/bin/env bash
# Times the replay of the first Pujiang day (profiles demo,replay) from the announcement to the final report, on a
# fresh H2 database each run, and checks that it prints exactly the figures in bench/replay-expected.txt.
#
#   bench/replay.sh             # five runs: H2 on disk, then in memory (tells whether the disk is the limit), one
#                               # worker from a cold start; in memory with two staff side by side, cold, and after two
#                               # untimed rehearsals in the same JVM; and two staff, cold, on the JIT's C1 compiler only
#                               # (-XX:TieredStopAtLevel=1, as mvn spring-boot:run launches the JVM), which leaves
#                               # the second core to the second worker instead of C2
#   bench/replay.sh --quick     # one run in memory, two staff side by side, cold (bench/run.sh --quick)
#   bench/replay.sh file        # only one database, with REPLAY_WORKERS (default 1) staff side by side (registrars,
#                               # rooms, follow-up) and REPLAY_REHEARSALS (default 0): the same day replayed first, a
#                               # year earlier, untimed, in the same JVM, so that the timed replay runs on a JVM whose
#                               # JIT compiler has seen the work, as a server in service would
#   REPLAY_RUNS=3 repeats each; JAVA_OPTS are passed to the JVM; REPLAY_JAR=other.jar times another build (default:
#   target/pujiang-*.jar); REPLAY_JAVA=/path/to/bin/java runs it on another Java runtime (default: java)
#   REPLAY_AOT=1 (Java 25 or later): first an untimed training replay (one worker, in memory) writes an ahead-of-time
#   cache of the loaded classes and the methods' profiles (JEP 483, 514, 515) for the jar extracted as Spring Boot
#   lays it out for that (java -Djarmode=tools -jar … extract); the timed runs then start with that cache
#
# Prints Markdown table rows; exits 1 if a run fails or prints other figures. Logs stay in $REPLAY_LOGS (a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."

# Each run: database workers rehearsals JIT (tiered: the JVM's default; c1: C1 only).
specs=()
for argument in "$@"; do
  case $argument in
    --quick) specs=("mem 2 0 tiered") ;; # bench/run.sh --quick: one run in memory, a smoke test of staff side by side
    *) specs+=("$argument ${REPLAY_WORKERS:-1} ${REPLAY_REHEARSALS:-0} tiered") ;;
  esac
done
[ ${#specs[@]} -gt 0 ] || specs=("file 1 0 tiered" "mem 1 0 tiered" "mem 2 0 tiered" "mem 2 2 tiered" "mem 2 0 c1")
runs=${REPLAY_RUNS:-1}
target=30

jar=${REPLAY_JAR:-$(ls target/pujiang-*.jar 2>/dev/null | head -n 1 || true)}
if [ -z "$jar" ]; then
  mvn -B -ntp -q -DskipTests package
  jar=$(ls target/pujiang-*.jar | head -n 1)
fi
jar=$(realpath "$jar")
expected=$(pwd)/bench/replay-expected.txt
logs=${REPLAY_LOGS:-$(mktemp -d -t pujiang-replay-XXXX)}
mkdir -p "$logs"
java=${REPLAY_JAVA:-java}
# In memory: the application's database settings but no file (keep them in step with spring.datasource.url in
# application.yaml).
memory_url="jdbc:h2:mem:replay;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256"
aot=()
if [ -n "${REPLAY_AOT:-}" ]; then
  # A cache holds classes only from the class path, not from inside the executable jar: extract it first.
  rm -rf "$logs/extracted"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$logs/extracted" >/dev/null
  jar=$(ls "$logs"/extracted/pujiang-*.jar)
  work=$(mktemp -d -t pujiang-replay-db-XXXX)
  # With the timed runs' JAVA_OPTS: a cache written under other options (another collector, say) can be refused at
  # start, and the runs would then be timed without it.
  # shellcheck disable=SC2086
  if ! (cd "$work" && timeout 1800 "$java" -XX:AOTCacheOutput="$logs/replay.aot" ${JAVA_OPTS:-} -jar "$jar" \
      --spring.profiles.active=demo,replay --pujiang.replay.exit-when-done=true --pujiang.replay.workers=1 \
      --server.port=0 --spring.datasource.url="$memory_url") >"$logs/aot-training.log" 2>&1 || [ ! -s "$logs/replay.aot" ]; then
    echo "replay: the training run for the ahead-of-time cache failed, see $logs/aot-training.log" >&2
    rm -rf "$work"
    exit 1
  fi
  rm -rf "$work"
  aot=(-XX:AOTCache="$logs/replay.aot")
fi

failed=0
echo "| run | seconds | |"
echo "| --- | ---: | --- |"
for spec in "${specs[@]}"; do
  read -r mode workers rehearsals jit <<<"$spec"
  for run in $(seq 1 "$runs"); do
    work=$(mktemp -d -t pujiang-replay-db-XXXX)
    # On disk: the application's own settings, its ./data/ folder in a fresh working directory. In memory:
    # $memory_url.
    case $mode in
      file) database=(); label="H2, file" ;;
      mem) database=("--spring.datasource.url=$memory_url"); label="H2, in memory" ;;
      *) echo "unknown database '$mode' (file or mem)" >&2; exit 2 ;;
    esac
    [ "$workers" = 1 ] || label="$label, $workers staff side by side"
    [ "$rehearsals" = 0 ] || label="$label, after $rehearsals untimed rehearsal(s) in the same JVM"
    [ "$java" = java ] || label="$label, $("$java" -version 2>&1 | head -n 1 | sed 's/"//g')"
    [ ${#aot[@]} = 0 ] || label="$label, ahead-of-time cache"
    jit_options=()
    if [ "$jit" = c1 ]; then
      jit_options=(-XX:TieredStopAtLevel=1)
      label="$label, C1 only"
    fi
    log=$logs/replay-$mode-w$workers-r$rehearsals-$jit-$run.log
    # -XX:+CITime: at exit the JVM prints how long its JIT compilers worked (C2 competes with the replay for a core).
    # shellcheck disable=SC2086
    if ! (cd "$work" && timeout 1800 "$java" -XX:+CITime "${aot[@]}" "${jit_options[@]}" ${JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=demo,replay \
        --pujiang.replay.exit-when-done=true --pujiang.replay.rehearsals="$rehearsals" --pujiang.replay.workers="$workers" \
        --server.port=0 \
        "${database[@]}") >"$log" 2>&1; then
      echo "| replay ($label) | failed | see $log |"
      failed=1
      rm -rf "$work"
      continue
    fi
    rm -rf "$work"
    startup=$(sed -n 's/.*Started PujiangApplication in .* (process running for \([0-9.]*\)).*/\1/p' "$log" | head -n 1)
    seconds=$(sed -n 's/.*replay: announcement to final report in \([0-9.]*\) s.*/\1/p' "$log" | head -n 1)
    cpu=$(sed -n 's/.*replay: announcement to final report in .* s (\([0-9.]*\) s CPU.*/\1/p' "$log" | head -n 1)
    printed=$(awk '/^== 2003-09-18/{p=1} p&&/^重放用时/{exit} p' "$log")
    if [ -z "$seconds" ] || ! diff <(printf '%s\n' "$printed") "$expected" >"$log.figures.diff"; then
      echo "| replay ($label) | ${seconds:-?} | FIGURES DIFFER: $log.figures.diff |"
      failed=1
      continue
    fi
    rm -f "$log.figures.diff"
    verdict=$(awk -v s="$seconds" -v t="$target" 'BEGIN { print (s < t) ? "met" : "**missed**" }')
    echo "| replay ($label) | $seconds | target < $target s: $verdict |"
    echo "| CPU of the replaying threads ($label) | $cpu | |"
    # each part's wall time, and of it the time the replaying thread worked alone (each day's task list, the
    # walk-ins) while the other staff waited, the due jobs run (side by side) and how many of them ran again after
    # the engine's optimistic locking
    phases=$(sed -n 's/.*replay of 2003: \(.*\) in \([0-9.]*\) s (.* \([0-9.]*\) s on the replaying thread alone, \([0-9]*\) due jobs run, \([0-9]*\) of them again.*/\1 \2 s (\3 s of it alone, due jobs: \4, run again: \5)/p' "$log" |
      paste -sd ';' | sed 's/;/, /g')
    echo "| its parts ($label) | | ${phases:-?} |"
    echo "| JVM start-up before it ($label) | $startup | |"
    compiling=$(sed -n 's/^ *Total compilation time *: *\([0-9.]*\) s.*/\1/p' "$log" | head -n 1)
    c2=$(sed -n 's/^ *C2 {speed: [^;]*; standard: *\([0-9.]*\) s.*; osr: *\([0-9.]*\) s.*/\1 \2/p' "$log" | head -n 1 |
      awk '{ printf "%.1f", $1 + $2 }')
    echo "| JIT compilation over the JVM's life, start-up and replay: all, of which C2 ($label) | ${compiling:-?} s, ${c2:-none} s | |"
  done
done
exit $failed
