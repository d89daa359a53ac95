#!/usr/bin/env bash
# Faults are always removed, proven by killing. `smokegate chaos run chaos-scenarios/demo.yaml` against the fake
# cluster with its simulated Chaos Mesh controller (bench/fake-cluster.sh --chaos-controller), SIGKILLed at random
# points RUNS times: no shutdown hook and no finally run on SIGKILL, so what is left in the cluster is exactly what a
# crash leaves. Then `smokegate chaos sweep` must leave 0 objects. A second batch of KILLS_SERVE killed runs is
# cleaned by the sweep of the next `smokegate serve` start-up instead. The fake cluster records every chaos object
# ever created (--record-chaos), so "never without spec.duration" is counted, not sampled.
# Usage: bench/chaos-kill.sh [runs] [runs-for-serve]   (default 20 and 5)
source "$(dirname "$0")/lib.sh"
need kubectl kubectl
RUNS=${1:-20}
KILLS_SERVE=${2:-5}
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
[ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)

PORT=$(free_port)
"$BENCH_DIR/fake-cluster.sh" --port "$PORT" --kubeconfig "$WORK/kubeconfig" --chaos-controller \
  --record-chaos "$WORK/created.jsonl" > "$WORK/fake.log" 2>&1 & FAKE_PID=$!; PIDS+=($FAKE_PID)
for _ in $(seq 1 1200); do grep -q 'fake cluster ready' "$WORK/fake.log" && break; kill -0 "$FAKE_PID" 2>/dev/null || break; sleep 0.25; done
grep -q 'fake cluster ready' "$WORK/fake.log" || { echo "bench: the fake cluster did not start:" >&2; cat "$WORK/fake.log" >&2; exit 1; }
K=(kubectl --kubeconfig "$WORK/kubeconfig")

left() { "${K[@]}" get networkchaos -n demo -l app.kubernetes.io/managed-by=smokegate -o name | wc -l; }
owned_by() { "${K[@]}" get networkchaos -n demo -o json | grep -c "\"smokegate.io/owner\": \"cli/[^/]*/$1/" || true; }

cd "$ROOT"
./smokegate chaos run chaos-scenarios/demo.yaml --kubeconfig "$WORK/kubeconfig" -q > "$WORK/warmup.json"   # a whole run; the class-data archive
./smokegate chaos run --help > /dev/null                                                                  # adopted by the killed runs

kill_batch() { # count; sets IN_PLACE: how many were killed with their fault in place (no subshell: SEED replays)
  IN_PLACE=0
  for i in $(seq 1 "$1"); do
    ./smokegate chaos run chaos-scenarios/demo.yaml --kubeconfig "$WORK/kubeconfig" -q > /dev/null 2>&1 & local pid=$!
    # Half the kills at a random time after start, half at a random time after this run's fault appeared.
    if (( i % 2 == 0 )); then
      for _ in $(seq 1 300); do [ "$(owned_by "$pid")" -gt 0 ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      sleep "$(printf '%d.%03d' 0 $(( RANDOM % 1000 )))"; sleep "$(( RANDOM % 3 ))"
    else
      local ms=$(( 500 + RANDOM % 14000 )); sleep "$(printf '%d.%03d' $(( ms / 1000 )) $(( ms % 1000 )))"
    fi
    [ "$(owned_by "$pid")" -gt 0 ] && IN_PLACE=$(( IN_PLACE + 1 ))
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

kill_batch "$RUNS"; in_place=$IN_PLACE
before_sweep=$(left)
t0=$(date +%s%N)
./smokegate chaos sweep --kubeconfig "$WORK/kubeconfig" --format json > "$WORK/sweep.json" || true
sweep_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
after_sweep=$(left)
removed=$(python3 -c 'import json,sys; print(sum(1 for s in json.load(open(sys.argv[1])) if s["decision"] == "removed"))' "$WORK/sweep.json")

kill_batch "$KILLS_SERVE"; in_place_serve=$IN_PLACE
before_serve=$(left)
mkdir -p "$WORK/serve"
cat > "$WORK/serve/smokegate.yaml" <<YAML
server: {host: 127.0.0.1, port: $(free_port)}
kubernetes: {kubeconfig: $WORK/kubeconfig}
chaos: {enabled: true, scenarios: $ROOT/chaos-scenarios}
YAML
SG_PORT=$(sed -n 's/.*port: \([0-9]*\).*/\1/p' "$WORK/serve/smokegate.yaml")
t0=$(date +%s%N)
SMOKEGATE_API_TOKEN=bench ./smokegate serve --config "$WORK/serve/smokegate.yaml" --checklists "$ROOT/checklists" \
  --data-dir "$WORK/serve/data" > "$WORK/serve.log" 2>&1 & SG=$!; PIDS+=($SG)
wait_http "http://127.0.0.1:$SG_PORT/readyz"
for _ in $(seq 1 600); do [ "$(left)" -eq 0 ] && break; sleep 0.1; done
serve_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
after_serve=$(left)
kill "$SG"; wait "$SG" 2>/dev/null || true

kill "$FAKE_PID"; wait "$FAKE_PID" 2>/dev/null || true
created=$(wc -l < "$WORK/created.jsonl")
without=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if l.strip() and not json.loads(l).get("spec", {}).get("duration")))' "$WORK/created.jsonl")
echo "killed $RUNS runs ($in_place with their fault in place): $before_sweep objects left, $after_sweep after chaos sweep ($sweep_ms ms);" \
  "$KILLS_SERVE more ($in_place_serve in place): $before_serve left, $after_serve after serve start-up ($serve_ms ms); created $created, $without without spec.duration" >&2

publish chaos-kill <<MD
Command: \`bench/chaos-kill.sh $RUNS $KILLS_SERVE\` (SEED=$SEED) — $(machine). \`smokegate chaos run chaos-scenarios/demo.yaml\` against the fake cluster with its simulated Chaos Mesh controller (\`bench/fake-cluster.sh --chaos-controller\`), each run SIGKILLed: odd runs 0.5–14.5 s after start (anywhere from JVM start to recovery), even runs 0–3 s after their own fault appeared in the cluster. SIGKILL runs no shutdown hook and no \`finally\`: what is left is what a crash leaves.

| step | killed runs | killed with their fault in place | objects left before cleanup | cleanup | objects left after | time |
|---|---:|---:|---:|---|---:|---:|
| \`smokegate chaos sweep\` | $RUNS | $in_place | $before_sweep | removed $removed | **$after_sweep** | $sweep_ms ms |
| next \`smokegate serve\` start-up (chaos enabled) | $KILLS_SERVE | $in_place_serve | $before_serve | the start-up sweep | **$after_serve** | $serve_ms ms from start to none left |

Chaos objects created in all (the fake cluster's record of every create): $created; created without \`spec.duration\`: **$without**.

Targets: 0 objects left after the next sweep and after the next \`serve\` start-up; 0 objects ever created without \`spec.duration\`. The owner on every object (host, pid and process start time of the CLI) is what lets a sweep tell a killed run from a live one at once; a run's own objects outlive it only until then, and Chaos Mesh ends each fault at its \`spec.duration\` (1m in the demo) even with no sweep at all.
MD
sed -n '/chaos-kill:start/,/chaos-kill:end/p' "$BENCH_DIR/README.md"
