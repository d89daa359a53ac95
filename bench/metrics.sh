#!/usr/bin/env bash
# /metrics render time with ~10,000 series, and the resident memory of an idle serve.
# Targets: /metrics in <= 50 ms; idle RSS <= 200 MB.
# Usage: bench/metrics.sh [checks]   (default 400 http checks, about 25 series each)
source "$(dirname "$0")/lib.sh"
need nginx nginx
CHECKS=${1:-400}
NGINX_PORT=$(free_port); start_nginx "$NGINX_PORT"
mkdir -p "$WORK/checklists"
{
  echo "apiVersion: smokegate.io/v1"; echo "kind: Checklist"; echo "metadata: {name: series}"
  echo "spec:"; echo "  concurrency: 32"; echo "  checks:"
  for i in $(seq -w 1 "$CHECKS"); do echo "    - {id: c$i, type: http, with: {url: \"http://127.0.0.1:$NGINX_PORT/\"}}"; done
} > "$WORK/checklists/series.yaml"
SG_PORT=$(free_port); start_smokegate "$SG_PORT" "$WORK/checklists"
sleep 5
idle_rss=$(rss_mib "$SG_PID")
run_wait "$SG_PORT" series > /dev/null
series=$(curl -fsS "http://127.0.0.1:$SG_PORT/metrics" | grep -cv '^#')
bytes=$(curl -fsS "http://127.0.0.1:$SG_PORT/metrics" | wc -c)
for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$SG_PORT/metrics"; done    # warm-up
read -r p50 p95 max < <(for _ in $(seq 1 100); do
  curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$SG_PORT/metrics"; done |
  sort -n | awk '{a[NR]=$1} END {printf "%.1f %.1f %.1f\n", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.5)]*1000, a[NR]*1000}')
sleep 5
busy_rss=$(rss_mib "$SG_PID")
publish metrics <<MD
Command: \`bench/metrics.sh $CHECKS\` — $(machine). One run of $CHECKS http checks, then 100 scrapes of \`/metrics\` (after 20 warm-up scrapes), timed by curl.

| measure | value | target |
|---|---:|---|
| series on /metrics (non-comment lines) | $series ($((bytes / 1024)) KiB) | ~10,000 |
| /metrics response, median | $p50 ms | |
| /metrics response, p95 | $p95 ms | ≤ 50 ms |
| /metrics response, max | $max ms | |
| RSS of \`serve\`, idle after start | $idle_rss MiB | ≤ 200 MB |
| RSS of \`serve\`, after the run and the scrapes | $busy_rss MiB | |

\`serve\` runs with the JVM's default heap sizing (\`SMOKEGATE_JAVA_OPTS\` is empty).
MD
sed -n '/metrics:start/,/metrics:end/p' "$BENCH_DIR/README.md"
