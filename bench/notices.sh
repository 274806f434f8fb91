#!/usr/bin/env bash
# Notices filed per second over HTTP, with p50/p99 latency, on H2 and on PostgreSQL, each next to the same
# database's raw single-row insert rate measured in the same run, and the ratio of the two.
# Usage: bench/notices.sh [NOTICES (default 4000)] [THREADS (default 4)]
set -euo pipefail
cd "$(dirname "$0")/.."
notices="${1:-4000}"
threads="${2:-4}"
./mvnw -q -B -DskipTests package >&2
work="$(mktemp -d)"
source bench/common.sh
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

extract_redflag
start_labelled() { local label="$1"; shift; start_server "$work/$label.log" --port 18090 "$@"; }

load() { java -cp benchmarks/target/benchmarks.jar org.redflag.benchmarks.NoticeLoad "$@"; }

# H2: the server's own file database; the raw inserts go to a second H2 file with the same settings beside it
# (an embedded H2 file is locked by the process that opened it).
start_labelled h2 --data "$work/h2"
load http://127.0.0.1:18090 "$password" "jdbc:h2:file:$work/h2-raw/raw" sa "" "$notices" "$threads" H2
stop_server

# PostgreSQL: a fresh database; the raw inserts go to the same database.
pg_user="${REDFLAG_BENCH_PG_USER:-postgres}"
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS redflag_bench" \
  -c "CREATE DATABASE redflag_bench" >&2
start_labelled pg --data "$work/pg" --db-url jdbc:postgresql://127.0.0.1:5432/redflag_bench --db-user "$pg_user" \
  --db-password "${REDFLAG_BENCH_PG_PASSWORD:-}"
load http://127.0.0.1:18090 "$password" jdbc:postgresql://127.0.0.1:5432/redflag_bench "$pg_user" \
  "${REDFLAG_BENCH_PG_PASSWORD:-}" "$notices" "$threads" PostgreSQL
stop_server
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS redflag_bench" >&2
