# Sourced by bench/intake.sh, bench/intake-turns.sh and bench/intake-statements.sh: the packaged jar started as
# operators start it, with the postgres profile, on a throwaway database at 127.0.0.1:5432 (BENCH_PG_PORT: another
# port), on loopback; waited for until healthy; stopped.
# bench/lifecycle-turns.sh stops its benchmark JVMs and drops their databases with server_stop.

# Starts the server in the background and sets SERVER_PID.
server_start() { # java jar java-options database port log
  # shellcheck disable=SC2086
  PUJIANG_DB_URL="jdbc:postgresql://127.0.0.1:${BENCH_PG_PORT:-5432}/$4" PUJIANG_DB_USER=postgres PUJIANG_DB_PASSWORD= \
    PUJIANG_ADMIN_PASSWORD="bench-$$-$RANDOM" \
    "$1" $3 -jar "$2" --spring.profiles.active=postgres --server.port="$5" --server.address=127.0.0.1 \
    >> "$6" 2>&1 &
  SERVER_PID=$!
}

# Returns once /actuator/health answers UP; exits the script if the server dies or is not up within 180 s.
server_wait_up() { # pid port log name
  for _ in $(seq 1 900); do
    kill -0 "$1" 2>/dev/null || { echo "$4: the application exited; see $3" >&2; exit 1; }
    if curl -fsS -m 2 "http://127.0.0.1:$2/actuator/health" 2>/dev/null | grep -q '^{"status":"UP"'; then
      return
    fi
    sleep 0.2
  done
  echo "$4: not up after 180 s; see $3" >&2
  exit 1
}

# Stops the server (SIGTERM, then SIGKILL after 60 s) and drops its database.
server_stop() { # pid database
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 1; done
    kill -KILL "$1" 2>/dev/null || true
  fi
  psql -h 127.0.0.1 -p "${BENCH_PG_PORT:-5432}" -U postgres -X -q -d postgres \
    -c "drop database if exists $2 with (force)" >/dev/null 2>&1 || true
}
