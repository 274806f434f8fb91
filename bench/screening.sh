#!/usr/bin/env bash
# Screening throughput: `redflag screen` (parse, fold, all detectors, write; two passes, the first for category
# statistics) on a generated feed, next to ripgrep's single-threaded literal search for the dictionary's plain terms
# on the same file in the same run, with the dictionary at 5,000 and at 20,000 entries, under -Xmx256m. The screen
# runs as a user runs it, through ./redflag (one screening thread per core, the parallel collector, and for a feed
# of up to 512 MB the first compiler alone), and again with both compilers (-XX:TieredStopAtLevel=4), with
# --threads 1, and against category statistics saved beforehand (--category-stats: one pass over the feed instead
# of two). Three rounds, alternating, medians. Then the engine at steady state (JMH: the JVM started and the code
# compiled, 20 MB of the same feed screened again and again on 1 and on 2 threads), against the same ripgrep
# median; and, with the 5,000-entry dictionary, ripgrep and the screen on the feed three times over (650 MB: both
# compilers, as the launcher chooses for it).
# Usage: bench/screening.sh [LISTINGS (default 1000000)]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
command -v rg >/dev/null || { echo "bench/screening.sh needs ripgrep: apt-get install ripgrep" >&2; exit 2; }
./mvnw -q -B -DskipTests -pl app,benchmarks -am package >&2
./redflag --version >/dev/null # extracts the fresh jar before anything is timed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
screen() { # screen FEED-DIR [OPTIONS]: one run through the launcher, as a user runs it; prints "start end"
  local dir="$1"; shift
  local t0
  t0=$(now)
  REDFLAG_JAVA_OPTS="-Xmx256m ${JIT:-}" ./redflag screen "$dir/listings.jsonl" --no-progress \
    --genuine-prices "$dir/genuine-prices.csv" --banned-sellers "$dir/banned-sellers.jsonl" \
    --foreign-orders "$dir/foreign-orders.csv" --dictionary "$dir/dictionary-extra.tsv" \
    --out "$dir/results.jsonl" "$@" 2> "$dir/screen.log" || { cat "$dir/screen.log" >&2; exit 1; }
  echo "$t0 $(now)"
}
for entries in 5000 20000; do
  dir="$work/d$entries"
  java -jar app/target/redflag.jar generate --listings "$n" --seed 1 --out "$dir" --dictionary-entries "$entries" >&2
  size=$(stat -c %s "$dir/listings.jsonl")
  # the feed's own category statistics, saved for the one-pass runs (untimed): the command the timed runs repeat,
  # so that, as for a user who screens a feed a day, it has run before (the launcher keeps the classes it loaded)
  screen "$dir" --save-category-stats "$dir/stats.csv" > /dev/null
  rg_t=""; all_t=""; c2_t=""; one_t=""; stats_t=""
  for round in 1 2 3; do # alternating, and medians: the machine is shared
    t0=$(now); matched=$(rg -j1 -c -F -f "$dir/dictionary-terms.txt" "$dir/listings.jsonl"); rg_t="$rg_t $t0 $(now)"
    all_t="$all_t $(screen "$dir")"
    c2_t="$c2_t $(JIT=-XX:TieredStopAtLevel=4 screen "$dir")"
    one_t="$one_t $(screen "$dir" --threads 1)"
    stats_t="$stats_t $(screen "$dir" --category-stats "$dir/stats.csv")"
  done
  java -jar benchmarks/target/benchmarks.jar ScreeningBenchmark -p dir="$dir" -rf json -rff "$dir/jmh.json" \
    > "$dir/jmh.log" 2>&1 || { cat "$dir/jmh.log" >&2; exit 1; }
  per_op=$(grep -m1 -o 'listings per operation: [0-9]*' "$dir/jmh.log" | awk '{print $4}')
  python3 - "$n" "$entries" "$size" "$matched" "$rg_t" "$all_t" "$one_t" "$(nproc)" "$dir/jmh.json" "$per_op" \
    "$stats_t" "$c2_t" <<'PY'
import statistics, sys
n, entries, size, matched = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def median(times):
    t = [float(x) for x in times.split()]
    return statistics.median(t[i + 1] - t[i] for i in range(0, len(t), 2))
rg, every, one = (median(a) for a in sys.argv[5:8])
print(f"dictionary {entries:>6,} entries (+ shipped); medians of 3 runs, JVM start included:\n"
      f"  ripgrep -j1 -F                 {n / rg:>10,.0f} listings/s ({size / rg / 1e6:,.0f} MB/s, "
      f"{matched:,} lines matched)\n"
      f"  redflag screen ({sys.argv[8]} threads)     {n / every:>10,.0f} listings/s   ratio {100 * rg / every:5.1f} %\n"
      f"  redflag screen --threads 1     {n / one:>10,.0f} listings/s   ratio {100 * rg / one:5.1f} %")
both = median(sys.argv[12])
print(f"  redflag screen, both compilers {n / both:>10,.0f} listings/s   ratio {100 * rg / both:5.1f} %"
      "   (-XX:TieredStopAtLevel=4: what the launcher chose before)")
saved = median(sys.argv[11])
print(f"  redflag screen --category-stats {n / saved:>9,.0f} listings/s   ratio {100 * rg / saved:5.1f} %"
      "   (statistics saved beforehand: one pass)")
import json
for r in sorted(json.load(open(sys.argv[9])), key=lambda r: int(r["params"]["threads"])):
    rate = r["primaryMetric"]["score"] * int(sys.argv[10])
    t = int(r["params"]["threads"])
    print(f"  engine at steady state, {t} thread{'s' if t > 1 else ' '} {rate:>10,.0f} listings/s   ratio "
          f"{100 * rate * rg / n:5.1f} %   (JMH; JVM start and compilation not included)")
PY
  if [ "$entries" = 5000 ]; then
    # the same feed three times over: how much of the gap is the fixed cost of starting and compiling
    big="$work/x3"; mkdir -p "$big"
    cat "$dir/listings.jsonl" "$dir/listings.jsonl" "$dir/listings.jsonl" > "$big/listings.jsonl"
    for f in genuine-prices.csv banned-sellers.jsonl foreign-orders.csv dictionary-extra.tsv; do
      ln -sf "$dir/$f" "$big/$f"
    done
    rg3_t=""; all3_t=""
    for round in 1 2 3; do
      t0=$(now); rg -j1 -c -F -f "$dir/dictionary-terms.txt" "$big/listings.jsonl" > /dev/null; rg3_t="$rg3_t $t0 $(now)"
      all3_t="$all3_t $(screen "$big")"
    done
    python3 - "$((3 * n))" "$rg3_t" "$all3_t" <<'PY'
import statistics, sys
n = int(sys.argv[1])
def median(times):
    t = [float(x) for x in times.split()]
    return statistics.median(t[i + 1] - t[i] for i in range(0, len(t), 2))
rg, screen = median(sys.argv[2]), median(sys.argv[3])
print(f"the same feed three times ({n:,} listings), medians of 3 runs, JVM start included:\n"
      f"  ripgrep -j1 -F                 {n / rg:>10,.0f} listings/s\n"
      f"  redflag screen                 {n / screen:>10,.0f} listings/s   ratio {100 * rg / screen:5.1f} %")
PY
    rm -rf "$big"
  fi
done
