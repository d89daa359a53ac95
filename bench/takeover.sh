#!/usr/bin/env bash
# Leader take-over after SIGKILL. Two `smokegate serve` replicas share one PostgreSQL; the leader (the one whose
# /readyz says "leader": true) is killed with SIGKILL, and the time until the other's /readyz says "leader": true is
# taken (polled every 50 ms; its scheduler fires due schedules at its next one-second tick). Done ROUNDS times with the
# PostgreSQL advisory lock (retryPeriod 2s) and with a Kubernetes Lease on the fake cluster (leaseDuration 15s,
# renewDeadline 10s, retryPeriod 2s, and the defaults 10s/7s/1s). Between rounds the survivor stops gracefully, which releases the
# lock or the Lease, so every round starts with a fresh leader. A third row takes a shorter Lease (10s/7s/1s).
# Usage: bench/takeover.sh [rounds]   (default 5)
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
source "$(dirname "$0")/lib.sh"
ROUNDS=${1:-5}
PG_BIN=/usr/lib/postgresql/15/bin
[ -x "$PG_BIN/initdb" ] || { echo "bench: PostgreSQL 15 is missing (apt-get install postgresql-15)" >&2; exit 2; }
[ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)

start_postgres

FAKE_PORT=$(free_port)
"$BENCH_DIR/fake-cluster.sh" --port "$FAKE_PORT" --kubeconfig "$WORK/kubeconfig" > "$WORK/fake.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 1200); do grep -qs 'fake cluster ready' "$WORK/fake.log" && break; sleep 0.25; done
grep -q 'fake cluster ready' "$WORK/fake.log" || { echo "bench: the fake cluster did not start:" >&2; cat "$WORK/fake.log" >&2; exit 1; }

mkdir -p "$WORK/checklists"
leads() { curl -fsS "http://127.0.0.1:$1/readyz" 2>/dev/null | grep -q '"leader":true'; }

start_replica() { # name mode-yaml ; prints "pid port"
  local port; port=$(free_port); mkdir -p "$WORK/$1"
  cat > "$WORK/$1/smokegate.yaml" <<YAML
server: {host: 127.0.0.1, port: $port}
checklists: $WORK/checklists
dataDir: $WORK/$1/data
database: {url: "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres", user: postgres}
kubernetes: {kubeconfig: $WORK/kubeconfig}
$2
YAML
  SMOKEGATE_API_TOKEN=bench "$ROOT/smokegate" serve --config "$WORK/$1/smokegate.yaml" >> "$WORK/$1.log" 2>&1 & local pid=$!
  PIDS+=($pid)
  wait_http "http://127.0.0.1:$port/readyz"
  echo "$pid $port"
}

measure() { # label mode-yaml ; appends a table row
  local times=()
  for round in $(seq 1 "$ROUNDS"); do
    read -r pa porta < <(start_replica a "$2")
    read -r pb portb < <(start_replica b "$2")
    PIDS+=("$pa" "$pb")   # started in a subshell: the cleanup on exit must know them here
    local leader="" follower="" fport=""
    for _ in $(seq 1 400); do
      if leads "$porta"; then leader=$pa; follower=$pb; fport=$portb; break; fi
      if leads "$portb"; then leader=$pb; follower=$pa; fport=$porta; break; fi
      sleep 0.05
    done
    [ -n "$leader" ] || { echo "bench: no leader in round $round ($1)" >&2; exit 1; }
    # A random moment, so the kill falls anywhere in the survivor's retry period (its tries started with it).
    sleep "$(printf '%d.%03d' $(( RANDOM % 3 )) $(( RANDOM % 1000 )))"
    kill -9 "$leader"; local t0; t0=$(date +%s%N)
    for _ in $(seq 1 1200); do leads "$fport" && break; sleep 0.05; done
    leads "$fport" || { echo "bench: no take-over within 60 s in round $round ($1)" >&2; exit 1; }
    local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    times+=("$ms"); echo "$1 round $round: $ms ms" >&2
    kill "$follower"; wait "$follower" 2>/dev/null || true; wait "$leader" 2>/dev/null || true
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median; median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
  local max; max=$(echo "$sorted" | tail -1)
  rows+="| $1 | $ROUNDS | $median | $max | $(IFS=,; echo "${times[*]}" | sed 's/,/, /g') |"$'\n'
}

rows=""
measure "PostgreSQL advisory lock (retryPeriod 2s)" "leaderElection: {mode: postgres, retryPeriod: 2s}"
measure "Kubernetes Lease on the fake cluster (leaseDuration 15s, renewDeadline 10s, retryPeriod 2s)" \
  "leaderElection: {mode: lease, leaseNamespace: default, leaseDuration: 15s, renewDeadline: 10s, retryPeriod: 2s}"
measure "Kubernetes Lease on the fake cluster (leaseDuration 10s, renewDeadline 7s, retryPeriod 1s: the defaults)" \
  "leaderElection: {mode: lease, leaseNamespace: default}"

publish takeover <<MD
Command: \`bench/takeover.sh $ROUNDS\` (SEED=$SEED) — $(machine). Two \`serve\` replicas on one PostgreSQL 15 (and, for the Lease, the fake cluster, \`bench/fake-cluster.sh\`); the leader SIGKILLed at a random moment 0–3 s after both are up; time from the kill until the survivor's \`/readyz\` says \`"leader": true\` (polled every 50 ms; its scheduler fires what is due at its next one-second tick). Default settings, and a shorter Lease.

| election | rounds | median ms | max ms | all rounds (ms) |
|---|---:|---:|---:|---|
$rows
Targets: a take-over within 15 s. The advisory lock ends with the dead leader's session: the kernel closes its socket, PostgreSQL ends the session at once, and the survivor's next try (every \`retryPeriod\`) wins — at most one retry period plus a query. A Lease cannot tell a dead holder from a slow one: the survivor takes it once it has seen no renewal for \`leaseDuration\`, counted (by Fabric8's elector, as by client-go's) from when the candidate itself last saw the Lease change, which it reads every jittered retry period (up to 1.2 × \`retryPeriod\`) — so about leaseDuration to leaseDuration + 2 × 1.2 × retryPeriod after the kill. A 15 s lease (second row) is over the 15 s target, so the defaults are the third row's (10s/7s/1s). Shorter leases hand over sooner and cost more API requests (one renewal per \`retryPeriod\` by the leader, one read per \`retryPeriod\` by each candidate).
MD
