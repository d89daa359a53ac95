#!/usr/bin/env bash
# Probe cost: CPU seconds per 1,000 HTTP probes (a fresh connection each) against a local nginx at
# concurrency 32 — smokegate serve running a 1,000-check checklist 20 times, side by side with
# blackbox_exporter driven by wrk at the same concurrency against the same target.
# Usage: bench/probe-cost.sh [probes] [rounds]   (default 20000 probes per prober and round, 3 rounds)
source "$(dirname "$0")/lib.sh"
need nginx nginx; need wrk wrk; need prometheus-blackbox-exporter prometheus-blackbox-exporter
PROBES=${1:-20000}; ROUNDS=${2:-3}; CONCURRENCY=32; CHECKS=1000; RUNS=$((PROBES / CHECKS))

NGINX_PORT=$(free_port); start_nginx "$NGINX_PORT"
TARGET="http://127.0.0.1:$NGINX_PORT/"

# --- blackbox_exporter, driven by wrk ---
BB_PORT=$(free_port)
cat > "$WORK/blackbox.yml" <<CONF
modules:
  http_2xx: {prober: http, timeout: 5s, http: {preferred_ip_protocol: ip4}}
CONF
prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT" \
  > "$WORK/blackbox.log" 2>&1 & BB_PID=$!; PIDS+=($BB_PID)
wait_http "http://127.0.0.1:$BB_PORT/-/healthy"
PROBE_URL="http://127.0.0.1:$BB_PORT/probe?module=http_2xx&target=$TARGET"
probe_ok() { curl -fsS "$PROBE_URL" | grep -q '^probe_success 1'; }
probe_ok || { echo "bench: blackbox_exporter cannot probe $TARGET" >&2; exit 1; }
# wrk runs for a time, not a count: measure the rate in a warm-up, then run long enough for ~$PROBES probes.
wrk -t2 -c$CONCURRENCY -d5s "$PROBE_URL" > "$WORK/warmup.txt"
rate=$(awk '/^Requests\/sec/ {print $2}' "$WORK/warmup.txt")
seconds=$(printf %.0f "$(echo "$PROBES / $rate + 0.5" | bc -l)")

mkdir -p "$WORK/checklists"
{
  echo "apiVersion: smokegate.io/v1"; echo "kind: Checklist"; echo "metadata: {name: probe-cost}"
  echo "spec:"; echo "  concurrency: $CONCURRENCY"; echo "  checks:"
  for i in $(seq -w 1 $CHECKS); do echo "    - {id: c$i, type: http, timeout: 5s, with: {url: \"$TARGET\"}}"; done
} > "$WORK/checklists/probe-cost.yaml"
SG_PORT=$(free_port); start_smokegate "$SG_PORT" "$WORK/checklists"
run_wait "$SG_PORT" probe-cost > /dev/null                                 # warm-up run

# Rounds alternate the two probers, so a noisy moment of the machine does not favour either.
rows=""; ratios=""
for round in $(seq 1 "$ROUNDS"); do
  bb_cpu0=$(cpu_seconds "$BB_PID"); t0=$(date +%s.%N)
  wrk -t2 -c$CONCURRENCY -d${seconds}s "$PROBE_URL" > "$WORK/wrk.txt"
  t1=$(date +%s.%N); bb_cpu1=$(cpu_seconds "$BB_PID")
  probe_ok || { echo "bench: blackbox_exporter stopped probing successfully" >&2; exit 1; }
  bb_probes=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  bb_errors=$(awk '/Non-2xx|Socket errors/' "$WORK/wrk.txt")
  [ -z "$bb_errors" ] || { echo "bench: wrk saw errors: $bb_errors" >&2; exit 1; }
  bb_wall=$(echo "$t1 - $t0" | bc -l); bb_cpu=$(echo "$bb_cpu1 - $bb_cpu0" | bc -l)

  sg_cpu0=$(cpu_seconds "$SG_PID"); t0=$(date +%s.%N)
  for _ in $(seq 1 $RUNS); do run_wait "$SG_PORT" probe-cost > /dev/null; done
  t1=$(date +%s.%N); sg_cpu1=$(cpu_seconds "$SG_PID")
  sg_probes=$((RUNS * CHECKS))
  sg_wall=$(echo "$t1 - $t0" | bc -l); sg_cpu=$(echo "$sg_cpu1 - $sg_cpu0" | bc -l)

  bb_per_k=$(echo "$bb_cpu * 1000 / $bb_probes" | bc -l); sg_per_k=$(echo "$sg_cpu * 1000 / $sg_probes" | bc -l)
  ratio=$(echo "$sg_per_k / $bb_per_k" | bc -l); ratios="$ratios $ratio"
  rows="$rows
| $round | blackbox_exporter $(prometheus-blackbox-exporter --version 2>&1 | awk 'NR==1 {print $3}') via wrk -c$CONCURRENCY | $bb_probes | $(printf %.1f "$bb_wall") | $(printf %.0f "$(echo "$bb_probes / $bb_wall" | bc -l)") | $(printf %.2f "$bb_cpu") | $(printf %.3f "$bb_per_k") | |
| $round | smokegate serve, $RUNS API runs × $CHECKS checks | $sg_probes | $(printf %.1f "$sg_wall") | $(printf %.0f "$(echo "$sg_probes / $sg_wall" | bc -l)") | $(printf %.2f "$sg_cpu") | $(printf %.3f "$sg_per_k") | $(printf %.2f "$ratio")× |"
done
kill "$BB_PID"
median=$(printf '%s\n' $ratios | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
passed=$(curl -fsS "http://127.0.0.1:$SG_PORT/metrics" | awk '/^smokegate_check_success\{/ {s+=$2} END {print s}')

publish probe-cost <<MD
Command: \`bench/probe-cost.sh $PROBES $ROUNDS\` — $(machine). nginx on loopback answers every probe; each probe opens a fresh connection. Concurrency $CONCURRENCY for both. $ROUNDS rounds, alternating the two probers.

| round | prober | probes | wall s | probes/s | CPU s (user+sys) | CPU s per 1,000 probes | smokegate ÷ blackbox |
|---:|---|---:|---:|---:|---:|---:|---:|$rows

Median over the rounds: smokegate uses **$(printf %.2f "$median")×** blackbox_exporter's CPU per probe (target: at most 0.5×). Checks passing in smokegate's last run: $passed of $CHECKS.
smokegate's figure includes everything a run costs in the service: scheduling, probing, storing all $CHECKS results in SQLite, updating metrics and rendering the JSON report; blackbox_exporter's includes serving wrk's /probe request and rendering its metrics. Both were warmed up first (a 5 s wrk run; one full smokegate run); wrk runs for the time that gives about $PROBES probes at the warm-up rate.
MD
sed -n '/probe-cost:start/,/probe-cost:end/p' "$BENCH_DIR/README.md"
