#!/usr/bin/env bash
# Linking throughput and memory: `redflag link` on a generated set of accounts (five identifiers each, with
# re-registrations, two-hop links, hubs and namesakes) pinned to one core, with wall time and peak resident memory,
# next to a plain line-by-line read of the same file in a JVM started the same way, alternating, three runs each,
# medians. Then the p50 and p99 of one registration check (POST /api/sellers/check) against a server on PostgreSQL
# with the same accounts loaded, next to the cheapest authenticated request, and the server's own timing, after
# WARMUP (default 10000) unmeasured requests of each kind.
# Usage: bench/linking.sh [ACCOUNTS (default 10000000)] [CHECKS (default 2000; 0 skips the server part)]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000000}"
checks="${2:-2000}"
./mvnw -q -B -DskipTests package >&2
work="$(mktemp -d)"
source bench/common.sh
pg_user="${REDFLAG_BENCH_PG_USER:-postgres}"
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS redflag_bench_link" >&2 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# One core for both runs. G1 is the collector Java picks on any machine with two or more cores; told it has one, it
# would pick Serial, which copies the linker's large arrays between generations. Transparent huge pages cut the
# TLB misses of the identifier table's random access.
one_core=(taskset -c 0 java -XX:ActiveProcessorCount=1 -XX:+UseG1GC -XX:+UseTransparentHugePages)

extract_redflag
java -jar app/target/redflag.jar generate --sellers "$n" --listings 0 --seed 1 --out "$work/gen" >&2
file="$work/gen/sellers.jsonl"
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/read.$run" "${one_core[@]}" -cp benchmarks/target/benchmarks.jar \
    org.redflag.benchmarks.PlainRead "$file" 2> "$work/read.log"
  /usr/bin/time -f "%e %M" -o "$work/link.$run" "${one_core[@]}" -jar "$work/redflag/redflag.jar" link "$file" \
    --out "$work/links.jsonl" 2> "$work/link.log"
done
python3 - "$n" "$work" "$(tail -1 "$work/link.log")" <<'PY'
import statistics, sys
n, work = int(sys.argv[1]), sys.argv[2]
def runs(name):
    rows = [open(f"{work}/{name}.{i}").read().split() for i in (1, 2, 3)]
    return statistics.median(float(r[0]) for r in rows), statistics.median(float(r[1]) for r in rows), \
        [float(r[0]) for r in rows]
rs, rk, rall = runs("read")
ls, lk, lall = runs("link")
print(f"{n:,} accounts on one core (median of 3): plain read {n / rs:>12,.0f} accounts/s ({rs:.1f} s, peak "
      f"{rk / 1024:,.0f} MiB)   redflag link {n / ls:>10,.0f} accounts/s ({ls:.1f} s, peak {lk / 1024 / 1024:,.2f} "
      f"GiB)   ratio {100 * rs / ls:.1f} %")
print(f"  runs: read {', '.join(f'{x:.1f}' for x in rall)} s; link {', '.join(f'{x:.1f}' for x in lall)} s")
print("  " + sys.argv[3])
PY

[ "$checks" -gt 0 ] || exit 0
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS redflag_bench_link" \
  -c "CREATE DATABASE redflag_bench_link" >&2
db=(--db-url jdbc:postgresql://127.0.0.1:5432/redflag_bench_link --db-user "$pg_user"
  --db-password "${REDFLAG_BENCH_PG_PASSWORD:-}")
load() { java ${BENCH_CLIENT_JAVA_OPTS:-} "$@"; }
client=(-cp benchmarks/target/benchmarks.jar org.redflag.benchmarks.LinkingLoad)
# The first start creates the schema; the accounts go in with COPY; the second start loads the server's in-memory
# seller index from the database (the checks are answered from the database until it has).
start_server "$work/serve.log" --port 18091 --data "$work/data" "${db[@]}"
load -Dredflag.bench.loadOnly=true "${client[@]}" http://127.0.0.1:18091 "$password" \
  jdbc:postgresql://127.0.0.1:5432/redflag_bench_link "$pg_user" "${REDFLAG_BENCH_PG_PASSWORD:-}" "$file" "$checks"
stop_server
admin_password="$password" # printed on the first start only
start_server "$work/serve2.log" --port 18091 --data "$work/data" "${db[@]}"
password="$admin_password"
for _ in $(seq 1 1200); do
  grep -q "seller index loaded\|seller index: out of memory\|loading failed" "$work/serve2.log" && break
  sleep 1
done
grep -o "seller index loaded.*\|seller index: out of memory.*\|seller index: loading failed.*" "$work/serve2.log" >&2
echo "server resident memory with the index: $(( $(ps -o rss= -p "$server_pid") / 1024 )) MiB" >&2
load -Dredflag.bench.loaded=true -Dredflag.bench.warmup="${WARMUP:-10000}" "${client[@]}" http://127.0.0.1:18091 \
  "$password" jdbc:postgresql://127.0.0.1:5432/redflag_bench_link "$pg_user" "${REDFLAG_BENCH_PG_PASSWORD:-}" "$file" \
  "$checks"
