#!/usr/bin/env bash
# Evidence ledger: Merkle-log appends per second next to plain SHA-256 of the same records (same run), and the time
# to generate inclusion and consistency proofs at N entries (default 10,000,000; about 640 MB of hashes on disk).
# Usage: bench/evidence.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000000}"
./mvnw -q -B -DskipTests -pl benchmarks -am package >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -Xmx512m -cp benchmarks/target/benchmarks.jar org.redflag.benchmarks.LedgerLoad "$work/tree" "$n"
