#!/usr/bin/env bash
# Time to judge a stored run in serve: a gate of 50 objectives compared against 100 stored verdicts,
# `POST /api/v1/gates {"runId": …}`, with the SQLite store and with PostgreSQL side by side.
# Baseline: `GET /api/v1/runs/{id}` of the same run (HTTP plus loading the run, no judging).
# Target: <= 100 ms. Usage: bench/gate.sh [repetitions]   (default 100)
source "$(dirname "$0")/lib.sh"
REPS=${1:-100}
PG_BIN=/usr/lib/postgresql/15/bin
PORT=$(free_port)
"$(java_bin)" "$BENCH_DIR/DelayServer.java" "$PORT" & PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/sleep/0"

# 10 checks; 50 objectives over them: absolute and relative (+N%) criteria, warnings, weights, key objectives.
mkdir -p "$WORK/checklists"
{
  echo "apiVersion: smokegate.io/v1"; echo "kind: Checklist"; echo "metadata: {name: release}"
  echo "spec:"; echo "  checks:"
  for i in $(seq 1 10); do echo "    - {id: c$i, type: http, with: {url: \"http://127.0.0.1:$PORT/sleep/$i\"}}"; done
  echo "  slo:"
  echo "    comparison: {results: 100, aggregate: p90, include: all}"
  echo "    total: {pass: 90, warning: 75}"
  echo "    objectives:"
  for i in $(seq 1 10); do
    echo "      - {name: c$i-up, sli: \"check.success{id=c$i}\", pass: \"=1\", key: true}"
    echo "      - {name: c$i-latency, sli: \"check.duration_seconds{id=c$i}\", pass: [\"<=+50%\", \"<1s\"], warning: \"<=+100%\"}"
    echo "      - {name: c$i-latency-abs, sli: \"check.duration_seconds{id=c$i}\", pass: \"<500ms\", weight: 2}"
    echo "      - {name: c$i-p95, sli: \"check.duration_p95{id=c$i}\", pass: [\"<=+25%\"], warning: [\"<=+60%\"]}"
    echo "      - {name: c$i-p99, sli: \"check.duration_p99{id=c$i}\", pass: [{criteria: [\"<2s\"]}, {criteria: [\"<=+200%\"]}]}"
  done
} > "$WORK/checklists/release.yaml"

auth=(-H 'Authorization: Bearer bench' -H 'Content-Type: application/json')
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.1f %.1f %.1f\n", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.5)]*1000, a[NR]*1000}'; }

# Fills the store with 101 gated runs (100 to compare with, one to judge), then times judging the last one.
rows=""
measure() { # label -> appends a table row to $rows; the store is SMOKEGATE_DATABASE_URL's, else SQLite
  local label=$1 sg_port run_id compared objectives result g50 g95 gmax r50 r95 rmax
  sg_port=$(free_port)
  rm -rf "$WORK/data"
  start_smokegate "$sg_port" "$WORK/checklists"
  for _ in $(seq 1 101); do
    curl -fsS "${auth[@]}" -d '{"checklist": "release"}' "http://127.0.0.1:$sg_port/api/v1/gates" > "$WORK/gate.json"
  done
  run_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runId"])' "$WORK/gate.json")
  for _ in $(seq 1 20); do   # warm-up: serve is a long-running process
    curl -fsS -o /dev/null "${auth[@]}" -d "{\"runId\": \"$run_id\"}" "http://127.0.0.1:$sg_port/api/v1/gates"
  done
  read -r g50 g95 gmax < <(for _ in $(seq 1 "$REPS"); do
    curl -fsS -o "$WORK/judged.json" -w '%{time_total}\n' "${auth[@]}" -d "{\"runId\": \"$run_id\"}" \
      "http://127.0.0.1:$sg_port/api/v1/gates"; done | stats)
  read -r r50 r95 rmax < <(for _ in $(seq 1 "$REPS"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H 'Authorization: Bearer bench' "http://127.0.0.1:$sg_port/api/v1/runs/$run_id"; done | stats)
  read -r compared objectives result < <(python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); s=d["slo"]
print(s["comparison"]["compared"], len(s["objectives"]), d["verdict"]["result"])' "$WORK/judged.json")
  kill "$SG_PID"; wait "$SG_PID" 2>/dev/null || true
  rows+="| $label | $objectives | $compared | $result | $g50 | $g95 | $gmax | $r50 | $r95 |"$'\n'
}

measure "SQLite (default)"
if [ -x "$PG_BIN/initdb" ]; then
  start_postgres
  export SMOKEGATE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" SMOKEGATE_DATABASE_USER=postgres
  measure "PostgreSQL 15"
fi

publish gate <<MD
Command: \`bench/gate.sh $REPS\` — $(machine). A checklist of 10 http checks and 50 objectives (key, weighted, absolute and relative criteria, warnings; comparison with the last 100 results by p90) was gated 101 times through the API; then its last run was judged again $REPS times (after 20 warm-up calls) with \`POST /api/v1/gates {"runId": …}\`, timed by curl. Each call reads the run, reads the 100 earlier verdicts, scores 50 objectives, stores a verdict and answers the full JSON report.

| store | objectives | verdicts compared | result | gate median ms | gate p95 ms | gate max ms | \`GET /runs/{id}\` median ms | \`GET /runs/{id}\` p95 ms |
|---|---:|---:|---|---:|---:|---:|---:|---:|
${rows%$'\n'}

Target: a gate of 50 objectives compared against 100 stored runs in ≤ 100 ms. \`GET /api/v1/runs/{id}\` of the same run is the floor every API call pays (HTTP, a worker thread, reading the run).
MD
sed -n '/gate:start/,/gate:end/p' "$BENCH_DIR/README.md"
