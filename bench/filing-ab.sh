#!/usr/bin/env bash
# Filing rate of this checkout's server against another commit's, the same day, in one invocation: on H2 and then on
# PostgreSQL, each build's server started in turn (ROUNDS times, alternating), LISTINGS listings registered, warmed up
# for 90 s of filing, then 20 s of filing measured with wrk on CONNECTIONS connections. Prints each run and, per database,
# the medians and their ratio. For a change to the filing path, where bench/notices.sh's ratio to the raw insert
# rate moves with the day's machine more than with the change.
# Usage: bench/filing-ab.sh [REV (default HEAD~1)] [ROUNDS (default 1)] [CONNECTIONS (default 8)] [LISTINGS (default
# 2000; bench/notices.sh registers 5000)]
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-HEAD~1}"
rounds="${2:-1}"
connections="${3:-8}"
listings="${4:-2000}"
git rev-parse --verify -q "$rev^{commit}" >/dev/null || { echo "bench/filing-ab.sh: no commit $rev" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]?$ ]] || { echo "bench/filing-ab.sh: ROUNDS must be 1 to 99; got $rounds" >&2; exit 2; }
[[ "$connections" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "bench/filing-ab.sh: CONNECTIONS must be 1 to 999; got $connections" \
  >&2; exit 2; }
[[ "$listings" =~ ^[1-9][0-9]{0,5}$ ]] || { echo "bench/filing-ab.sh: LISTINGS must be 1 to 999999; got $listings" >&2
  exit 2; }
source bench/common.sh
server_bench filing-ab.sh

# the other commit, built in a worktree of its own (tests skipped) and extracted beside this one
git worktree add -q --detach "$work/other-src" "$rev"
trap 'git worktree remove --force "$work/other-src" 2>/dev/null; stop_server_bench' EXIT
(cd "$work/other-src" && ./mvnw -q -B -Dmaven.test.skip=true package -pl app -am >&2)
java -Djarmode=tools -jar "$work/other-src/app/target/redflag.jar" extract --destination "$work/other" >&2
this_jar="$work/redflag/redflag.jar"
other_jar="$work/other/redflag.jar"

run() { REDFLAG_BENCH_CONNECTIONS="$connections" REDFLAG_BENCH_LISTINGS="$listings" filing_run "$@"; }

for db in H2 PostgreSQL; do
  for _ in $(seq 1 "$rounds"); do
    run "$rev" "$other_jar" "$db"
    run this "$this_jar" "$db"
  done
done | tee "$work/runs.txt" | awk '{printf "%-10s %-10s %8.0f notices/s   p99 %5.1f ms\n", $1, $2, $3, $4}'
python3 - "$work/runs.txt" "$rev" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
for db in ("H2", "PostgreSQL"):
    other = statistics.median(float(r[2]) for r in runs if r[1] == db and r[0] != "this")
    this = statistics.median(float(r[2]) for r in runs if r[1] == db and r[0] == "this")
    print(f"{db:<10} median: {sys.argv[2]} {other:,.0f}, this checkout {this:,.0f} notices/s: ratio {this / other:.2f}")
PY
