#!/usr/bin/env bash
# Wall time of a checklist of 20 independent checks whose slowest takes 200 ms:
# through the API of a running serve (?wait=true), and as a whole CLI invocation including JVM start.
# Targets: serve <= 230 ms; CLI <= slowest + 1.2 s = 1.4 s.
# Usage: bench/run-latency.sh [repetitions]   (default 30)
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
REPS=${1:-30}
PORT=$(free_port)
"$(java_bin)" "$BENCH_DIR/DelayServer.java" "$PORT" & PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/sleep/0"
mkdir -p "$WORK/checklists"
{
  echo "apiVersion: smokegate.io/v1"; echo "kind: Checklist"; echo "metadata: {name: latency}"
  echo "spec:"; echo "  concurrency: 20"; echo "  checks:"
  for i in $(seq 1 20); do echo "    - {id: c$i, type: http, with: {url: \"http://127.0.0.1:$PORT/sleep/$((i * 10))\"}}"; done
} > "$WORK/checklists/latency.yaml"

stats() { sort -n | awk '{a[NR]=$1} END {printf "%.0f %.0f %.0f %.0f\n", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.5)]*1000, a[1]*1000, a[NR]*1000}'; }

SG_PORT=$(free_port); start_smokegate "$SG_PORT" "$WORK/checklists"
for _ in $(seq 1 10); do run_wait "$SG_PORT" latency > /dev/null; done    # warm-up: serve is a long-running process
read -r api_p50 api_p95 api_min api_max < <(for _ in $(seq 1 "$REPS"); do run_wait "$SG_PORT" latency; done | stats)
slowest=$(curl -fsS -X POST -H 'Authorization: Bearer bench' "http://127.0.0.1:$SG_PORT/api/v1/checklists/latency/runs?wait=true" |
  python3 -c 'import json,sys; print(max(c["durationMs"] for c in json.load(sys.stdin)["checks"]))')
kill "$SG_PID"

hyperfine --warmup 2 --runs "$REPS" --export-json "$WORK/cli.json" \
  "$ROOT/smokegate run $WORK/checklists/latency.yaml --no-store -q --format json" \
  "$ROOT/smokegate run $WORK/checklists/latency.yaml -q --format json --data-dir $WORK/cli-data" > "$WORK/hyperfine.txt"
read -r cli_mean cli_max store_mean store_max < <(python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))["results"]
print(*[round(x*1000) for x in (r[0]["mean"], r[0]["max"], r[1]["mean"], r[1]["max"])])' "$WORK/cli.json")

publish run-latency <<MD
Command: \`bench/run-latency.sh $REPS\` — $(machine). 20 http checks against a local server (\`bench/DelayServer.java\`) that answers after 10, 20 … 200 ms; concurrency 20.

| how | median ms | p95 ms | min ms | max ms | target |
|---|---:|---:|---:|---:|---|
| \`serve\`: \`POST /api/v1/checklists/latency/runs?wait=true\` (curl, $REPS runs after 10 warm-up runs) | $api_p50 | $api_p95 | $api_min | $api_max | ≤ 230 |

The slowest check itself took $slowest ms as smokegate measured it (the target server's 200 ms sleep plus its own answer); the rest is smokegate's: queueing, running, storing the run, rendering and sending the report.

| how | mean ms | max ms | target |
|---|---:|---:|---|
| CLI \`./smokegate run … --no-store\`, JVM start included (hyperfine, $REPS runs) | $cli_mean | $cli_max | ≤ 1,400 |
| CLI \`./smokegate run …\` storing the run in SQLite | $store_mean | $store_max | ≤ 1,400 |

hyperfine's two warm-up runs include the first run after a build, which writes the class-data archive, and the next, which adopts it; the launcher maps it into every later run (on JDK 25 an AOT cache, whose JIT also compiles at start what the training run compiled) (\`target/cds/\`, one per subcommand); CLI commands run with C1 only (\`-XX:TieredStopAtLevel=1\`), \`serve\` keeps the full JIT. The store opens while the checks run, so storing costs little wall time.
MD
sed -n '/run-latency:start/,/run-latency:end/p' "$BENCH_DIR/README.md"
