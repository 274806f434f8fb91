#!/usr/bin/env bash
# The embedded H2 file under a steady load of filing: starts the real server on H2, registers 5,000 listings, files
# notices over HTTP with wrk (bench/notice.lua, 8 connections) in windows of 10 s, and prints after each window the
# notices filed per second, the p99 latency and the size of the database file. Run it on two builds to compare how
# the file grows and how the rate holds as it does (the server compacts the file as it runs: see
# org.redflag.app.infrastructure.EmbeddedStoreUpkeep); then, the load stopped, the file's size every 10 s while the
# server idles. Needs wrk (apt-get install wrk).
# Usage: bench/h2-file.sh [WINDOWS (default 24: four minutes)] [IDLE WINDOWS (default 18)]
set -euo pipefail
cd "$(dirname "$0")/.."
windows="${1:-24}"
idle="${2:-18}"
for n in "$windows" "$idle"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -le 1000 ]] || {
    echo "bench/h2-file.sh: WINDOWS and IDLE WINDOWS are counts of 10 s windows (0 to 1000), not '$n'" >&2
    exit 2
  }
done
source bench/common.sh
server_bench h2-file.sh
url=http://127.0.0.1:18090
listings=5000
start_server "$work/h2.log" --port 18090 --data "$work/h2"
key="$(java -cp benchmarks/target/benchmarks.jar org.redflag.benchmarks.NoticeLoad setup "$url" "$password" \
  "$listings" 4)"
file="$work/h2/redflag.mv.db"
echo "window  after   notices/s   p99        file"
for window in $(seq 1 "$windows"); do
  wrk -t2 -c8 -d10s --latency -s bench/notice.lua "$url" -- "$key" "$listings" > "$work/window.txt"
  rate="$(sed -n 's/^Requests\/sec: *\([0-9]*\).*/\1/p' "$work/window.txt")"
  p99="$(sed -n 's/^ *99% *\([0-9.]*[mu]*s\).*/\1/p' "$work/window.txt")"
  printf "%6d  %4d s  %9s   %-9s  %6d MB\n" "$window" $((window * 10)) "${rate:-0}" "${p99:-?}" \
    $(($(stat -c %s "$file") / 1048576))
done
for window in $(seq 1 "$idle"); do
  sleep 10
  printf "%6s  %4d s  %9s   %-9s  %6d MB\n" idle $(((windows + window) * 10)) - - $(($(stat -c %s "$file") / 1048576))
done
stop_server
printf "after the server stopped: %d MB\n" $(($(stat -c %s "$file") / 1048576))
