# Shared by the bench scripts (sourced, not run). Uses $work, a temporary directory the script removes (server_bench
# makes one and removes it).

# The command runs as ./redflag runs it: the jar extracted beside its libraries, as Spring Boot recommends; and from
# a copy of its own, so a rebuild during the run cannot pull the jar from under a running server.
extract_redflag() {
  java -Djarmode=tools -jar app/target/redflag.jar extract --destination "$work/redflag" >&2
}

# start_server LOG SERVE-OPTIONS...: starts `redflag serve` (the jar $redflag_jar, by default the one
# extract_redflag extracted) in the background on loopback, waits until it serves, and sets server_pid and password
# (the admin password printed on first start).
server_pid=""
password=""
start_server() {
  local log="$1"; shift
  # the collector ./redflag gives the server, unless REDFLAG_JAVA_OPTS names one
  local gc="-XX:+UseZGC"
  [[ "${REDFLAG_JAVA_OPTS:-}" == *GC* ]] && gc=""
  java $gc ${REDFLAG_JAVA_OPTS:-} -jar "${redflag_jar:-$work/redflag/redflag.jar}" serve "$@" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    grep -q "serving at" "$log" 2>/dev/null && break
    sleep 0.5
  done
  grep -q "serving at" "$log" || { cat "$log" >&2; exit 1; }
  password="$(sed -n "s/.*created account 'admin' with password \([^ ]*\).*/\1/p" "$log")"
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# server_bench SCRIPT: what a benchmark of the running server needs before it starts one: wrk, the build, a work
# directory ($work, removed at exit, after stopping the server if one still runs) and the jar extracted into it.
server_bench() {
  command -v wrk >/dev/null || { echo "bench/$1 needs wrk: apt-get install wrk" >&2; exit 2; }
  ./mvnw -q -B -DskipTests package >&2
  work="$(mktemp -d)"
  trap 'stop_server_bench' EXIT
  extract_redflag
}

stop_server_bench() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
