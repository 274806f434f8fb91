#!/usr/bin/env bash
# Screening throughput: `redflag screen` (parse, fold, all detectors, write; two passes, the first for category
# statistics) on a generated feed, next to ripgrep's single-threaded literal search for the dictionary's plain terms
# on the same file in the same run, with the dictionary at 5,000 and at 20,000 entries, under -Xmx256m. The screen
# runs as a user runs it, through ./redflag (one screening thread per core, the parallel collector).
# Usage: bench/screening.sh [LISTINGS (default 1000000)]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
command -v rg >/dev/null || { echo "bench/screening.sh needs ripgrep: apt-get install ripgrep" >&2; exit 2; }
./mvnw -q -B -DskipTests -pl app -am package >&2
./redflag --version >/dev/null # extracts the fresh jar before anything is timed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
for entries in 5000 20000; do
  dir="$work/d$entries"
  java -jar app/target/redflag.jar generate --listings "$n" --seed 1 --out "$dir" --dictionary-entries "$entries" >&2
  size=$(stat -c %s "$dir/listings.jsonl")
  t0=$(now); matched=$(rg -j1 -c -F -f "$dir/dictionary-terms.txt" "$dir/listings.jsonl"); t1=$(now)
  REDFLAG_JAVA_OPTS=-Xmx256m ./redflag screen "$dir/listings.jsonl" --no-progress \
    --genuine-prices "$dir/genuine-prices.csv" --banned-sellers "$dir/banned-sellers.jsonl" \
    --foreign-orders "$dir/foreign-orders.csv" --dictionary "$dir/dictionary-extra.tsv" \
    --out "$dir/results.jsonl" 2> "$dir/screen.log"
  t2=$(now)
  python3 - "$n" "$entries" "$size" "$t0" "$t1" "$t2" "$matched" <<'PY'
import sys
n, entries, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2 = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
rg, screen = n / (t1 - t0), n / (t2 - t1)
print(f"dictionary {entries + 0:>6,} entries (+ shipped): ripgrep -j1 -F {rg:>10,.0f} listings/s "
      f"({size / (t1 - t0) / 1e6:,.0f} MB/s, {int(sys.argv[7]):,} lines matched)   redflag screen {screen:>9,.0f} "
      f"listings/s (JVM start included)   ratio {100 * screen / rg:5.1f} %")
PY
done
