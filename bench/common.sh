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
  # the collector ./redflag gives the server (read from the launcher, where it is chosen and why), unless
  # REDFLAG_JAVA_OPTS names one
  local gc
  gc="$(sed -n 's/^ *serve|demo) gc="\([^"]*\)" ;;$/\1/p' redflag)"
  [ -n "$gc" ] || { echo "bench/common.sh: the server's Java options not found in ./redflag" >&2; exit 1; }
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

# filing_run LABEL JAR DB [JAVA-OPTIONS]: one server of the jar on DB (H2 or PostgreSQL, a fresh database), with
# REDFLAG_BENCH_LISTINGS listings registered (default 2000), warmed up with 90 s of filing, then 20 s of filing
# measured with wrk on REDFLAG_BENCH_CONNECTIONS connections (default 8); prints "LABEL DB RATE P99_MS". The Java
# options, if given, replace REDFLAG_JAVA_OPTS for this server.
filing_run() {
  local label="$1" jar="$2" db="$3" opts=() key url=http://127.0.0.1:18093
  local connections="${REDFLAG_BENCH_CONNECTIONS:-8}" listings="${REDFLAG_BENCH_LISTINGS:-2000}"
  [ "$#" -ge 4 ] && local REDFLAG_JAVA_OPTS="$4"
  if [ "$db" = PostgreSQL ]; then
    psql -q -h 127.0.0.1 -U "${REDFLAG_BENCH_PG_USER:-postgres}" -d postgres -c "DROP DATABASE IF EXISTS redflag_ab" \
      -c "CREATE DATABASE redflag_ab" >&2
    opts=(--db-url jdbc:postgresql://127.0.0.1:5432/redflag_ab --db-user "${REDFLAG_BENCH_PG_USER:-postgres}"
      --db-password "${REDFLAG_BENCH_PG_PASSWORD:-}")
  fi
  rm -rf "$work/data"
  redflag_jar="$jar" start_server "$work/server.log" --port 18093 --data "$work/data" "${opts[@]}"
  key="$(java -cp benchmarks/target/benchmarks.jar org.redflag.benchmarks.NoticeLoad setup "$url" "$password" \
    "$listings" 4)"
  echo "$label on $db: warming up for 90 s..." >&2
  wrk -t2 -c"$connections" -d90s -s bench/notice.lua "$url" -- "$key" "$listings" >/dev/null
  wrk -t2 -c"$connections" -d20s --latency -s bench/notice.lua "$url" -- "$key" "$listings" > "$work/run.txt"
  stop_server
  python3 - "$label" "$db" "$work/run.txt" <<'PY'
import re, sys
text = open(sys.argv[3]).read()
v, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
print(sys.argv[1], sys.argv[2], re.search(r"Requests/sec:\s+([\d.]+)", text).group(1), f"{p99:.1f}")
PY
}
