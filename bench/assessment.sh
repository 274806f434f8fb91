#!/usr/bin/env bash
# Assessments per second on one core over the 14 example cases, with and without the counterfactual search,
# measured by JMH in one run (medians of the measurement iterations, and their ratio).
# Usage: bench/assessment.sh [extra JMH options, e.g. -wi 5 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package >&2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
taskset -c 0 java -jar benchmarks/target/benchmarks.jar AssessmentBenchmark -rf json -rff "$out" "$@" >&2
python3 - "$out" <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))
med = {}
for r in rows:
    name = r["benchmark"].rsplit(".", 1)[1]
    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    med[name] = statistics.median(raw)
    print(f"{name:24s} median {med[name]:>12,.0f} assessments/s  (iterations: {', '.join(f'{x:,.0f}' for x in raw)})")
w, wo = med.get("withCounterfactuals"), med.get("withoutCounterfactuals")
if w and wo:
    print(f"{'ratio':24s} counterfactuals cost {wo / w:.1f}x (with / without = {w / wo:.3f})")
PY
