#!/usr/bin/env bash
# Filing rate and p99 of this checkout's server under different Java options (the collector, the heap), the same
# day, in one invocation: on H2 and then on PostgreSQL, a server for each set of options in turn (ROUNDS times,
# alternating), 5,000 listings registered, 90 s of filing to warm up, then 20 s of filing measured with wrk on
# CONNECTIONS connections. Prints each run and, per database and set, the median rate, the median p99 and the rate's
# ratio to the first set's. The server's collector was chosen with this (bench/HISTORY.md); a machine whose
# processor or memory behaves differently may choose differently.
# Usage: bench/collectors.sh [ROUNDS (default 2)] [CONNECTIONS (default 32)] [JAVA-OPTIONS... (each set one
# argument; default: the server's own, then G1 as it comes, then ZGC)]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
connections="${2:-32}"
shift 2 2>/dev/null || shift $#
[ "$#" -gt 0 ] && sets=("$@") || sets=("-XX:+UseG1GC -XX:MaxTenuringThreshold=2" "-XX:+UseG1GC" "-XX:+UseZGC")
[[ "$rounds" =~ ^[1-9][0-9]?$ ]] || { echo "bench/collectors.sh: ROUNDS must be 1 to 99; got $rounds" >&2; exit 2; }
[[ "$connections" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "bench/collectors.sh: CONNECTIONS must be 1 to 999; got" \
  "$connections" >&2; exit 2; }
for s in "${sets[@]}"; do
  [[ "$s" == *GC* ]] || { echo "bench/collectors.sh: each set of Java options must name a collector" \
    "(-XX:+Use...GC); got '$s'" >&2; exit 2; }
done
source bench/common.sh
server_bench collectors.sh

for db in H2 PostgreSQL; do
  for _ in $(seq 1 "$rounds"); do
    for i in "${!sets[@]}"; do # each run is labelled by its set's place in the list
      REDFLAG_BENCH_CONNECTIONS="$connections" REDFLAG_BENCH_LISTINGS=5000 \
        filing_run "$i" "$work/redflag/redflag.jar" "$db" "${sets[i]}"
    done
  done
done | tee "$work/runs.txt" | python3 -c 'import sys
sets = sys.argv[1:]
for line in sys.stdin:
    i, db, rate, p99 = line.split()
    print(f"{db:<10} {float(rate):8.0f} notices/s   p99 {float(p99):6.1f} ms   {sets[int(i)]}", flush=True)' "${sets[@]}"
python3 - "$work/runs.txt" "${sets[@]}" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
sets = sys.argv[2:]
for db in ("H2", "PostgreSQL"):
    first = None
    for i, s in enumerate(sets):
        mine = [r for r in runs if r[1] == db and r[0] == str(i)]
        rate = statistics.median(float(r[2]) for r in mine)
        p99 = statistics.median(float(r[3]) for r in mine)
        first = first or rate
        print(f"{db:<10} median {rate:7,.0f} notices/s  p99 {p99:6.1f} ms  {rate / first:4.2f}x  {s}")
PY
