# Sourced by bench/scale.sh and bench/scale-turns.sh: the benchmark's classes, and the packaged jar started on a
# scale database as the scale benchmark runs it.

# Sets SCALE_CLASSPATH: this checkout's classes and the benchmark's, built with their class path when missing.
scale_classpath() {
  if [ ! -s target/bench.classpath ] || [ ! -d target/test-classes/org/pujiang/bench ]; then
    mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
      -Dmdep.includeScope=test >&2
  fi
  SCALE_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
}

# Starts the jar in the background, in the log's directory, with the demo users; sets SCALE_NODE_PID.
scale_node_start() { # jar database-url port log profiles [application arguments…]
  local jar=$1 url=$2 port=$3 log=$4 profiles=$5
  shift 5
  (cd "$(dirname "$log")" && PUJIANG_DB_URL="$url" PUJIANG_DB_USER=postgres PUJIANG_DB_PASSWORD= \
    exec java -Xmx1g -jar "$jar" --spring.profiles.active="$profiles" --pujiang.demo.cases=false \
      --server.port="$port" "$@" >> "$log" 2>&1) &
  SCALE_NODE_PID=$!
}

# The node whose queries are timed: the daytime queries, without the nightly history cleanup (in its window,
# 22:00-06:00, it would stamp the copies' removal times while they are timed). The open cases' timers are days away,
# so it needs no job executor.
scale_query_node_start() { # jar database-url port log
  scale_node_start "$1" "$2" "$3" "$4" postgres,demo --camunda.bpm.job-execution.enabled=false
}

# Returns once the node answers its health check (or after 180 s); exits the script with its log's tail if it exits.
scale_node_wait() { # pid port log
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$2/actuator/health" >/dev/null 2>&1 && return
    kill -0 "$1" 2>/dev/null || { tail -n 50 "$3" >&2; exit 1; }
    sleep 1
  done
}
