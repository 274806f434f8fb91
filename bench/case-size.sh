#!/usr/bin/env bash
# How the assessment grows with the size of a case: `redflag assess` (text report, counterfactuals included) on
# cases of 1 (the example case itself), 50, 200 and 1,000 notices (up to 2,000 platform actions, the most a case
# holds), each next to the same command with --no-counterfactuals, in one run; wall time with JVM start, median
# of 3 runs each, alternating.
# Usage: bench/case-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl app -am package >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import copy, json, sys
base = json.load(open("examples/cases/guangxi-apparel-aliexpress.json"))
base.pop("expected", None)
for n in (1, 50, 200, 1000):
    case = copy.deepcopy(base)
    case["notices"] = [copy.deepcopy(base["notices"][0]) for _ in range(n)]
    case["platformActions"] = [copy.deepcopy(a) for _ in range(min(n, 1000)) for a in base["platformActions"]]
    json.dump(case, open(f"{sys.argv[1]}/case-{n}.json", "w"))
PY
run() { local t0; t0=$(date +%s.%N); java -jar app/target/redflag.jar assess "$@" > /dev/null; echo "$t0 $(date +%s.%N)"; }
for n in 1 50 200 1000; do
  with=""; without=""
  for round in 1 2 3; do
    with="$with $(run "$work/case-$n.json")"
    without="$without $(run --no-counterfactuals "$work/case-$n.json")"
  done
  python3 - "$n" "$with" "$without" <<'PY'
import statistics, sys
def median(times):
    t = [float(x) for x in times.split()]
    return statistics.median(t[i + 1] - t[i] for i in range(0, len(t), 2))
n, w, wo = sys.argv[1], median(sys.argv[2]), median(sys.argv[3])
print(f"{int(n):>5,} notices   assess {w:6.2f} s   --no-counterfactuals {wo:6.2f} s   ratio {w / wo:4.1f}x")
PY
done
