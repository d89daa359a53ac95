#!/usr/bin/env bash
# Footprint inside the Deployment's 256Mi memory limit: `serve` with the JVM's defaults (as the other benches run
# it) side by side with the container image's flags (deploy/image/jvm.options, its AOT cache made by
# deploy/image/train.sh) plus -XX:MaxRAM=256m, which sizes the JVM as the pod's cgroup limit does. Each runs the
# workloads of bench/metrics.sh, bench/run-latency.sh (the API half: the image runs serve) and bench/probe-cost.sh
# in turn; peak RSS is the kernel's high-water mark (VmHWM), and the logs are searched for OutOfMemoryError.
# Usage: bench/footprint.sh [probe-runs] [rounds]   (default 20 runs of 1,000 probes, 1 round; rounds alternate)
source "$(dirname "$0")/lib.sh"
need nginx nginx; need wrk wrk; need prometheus-blackbox-exporter prometheus-blackbox-exporter
PROBE_RUNS=${1:-20}; ROUNDS=${2:-1}; LIMIT_MIB=256
OPTIONS="$ROOT/deploy/image/jvm.options"; JAR="$ROOT/target/smokegate.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
JAVA=$(java_bin)

NGINX_PORT=$(free_port); start_nginx "$NGINX_PORT"
DELAY_PORT=$(free_port); "$JAVA" "$BENCH_DIR/DelayServer.java" "$DELAY_PORT" & PIDS+=($!)
wait_http "http://127.0.0.1:$DELAY_PORT/sleep/0"

checklist() { # name concurrency count url-of-check-i (with $i)
  mkdir -p "$WORK/checklists"
  { echo "apiVersion: smokegate.io/v1"; echo "kind: Checklist"; echo "metadata: {name: $1}"
    echo "spec:"; echo "  concurrency: $2"; echo "  checks:"
    for i in $(seq 1 "$3"); do echo "    - {id: c$i, type: http, timeout: 5s, with: {url: \"$(eval echo "$4")\"}}"; done
  } > "$WORK/checklists/$1.yaml"
}
checklist series 32 400 "http://127.0.0.1:$NGINX_PORT/"                       # bench/metrics.sh
checklist latency 20 20 "http://127.0.0.1:$DELAY_PORT/sleep/\$((i * 10))"     # bench/run-latency.sh
checklist probe-cost 32 1000 "http://127.0.0.1:$NGINX_PORT/"                  # bench/probe-cost.sh

# probe-cost's reference: blackbox_exporter's CPU per 1,000 probes, driven by wrk at the same concurrency.
BB_PORT=$(free_port)
printf 'modules:\n  http_2xx: {prober: http, timeout: 5s, http: {preferred_ip_protocol: ip4}}\n' > "$WORK/blackbox.yml"
prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT" \
  > "$WORK/blackbox.log" 2>&1 & BB_PID=$!; PIDS+=($BB_PID)
wait_http "http://127.0.0.1:$BB_PORT/-/healthy"
PROBE_URL="http://127.0.0.1:$BB_PORT/probe?module=http_2xx&target=http://127.0.0.1:$NGINX_PORT/"
wrk -t2 -c32 -d3s "$PROBE_URL" > /dev/null
bb_cpu0=$(cpu_seconds "$BB_PID")
wrk -t2 -c32 -d10s "$PROBE_URL" > "$WORK/wrk.txt"
bb_per_k=$(echo "($(cpu_seconds "$BB_PID") - $bb_cpu0) * 1000 / $(awk '/requests in/ {print $1}' "$WORK/wrk.txt")" | bc -l)
kill "$BB_PID"

# The image's AOT cache, made as the Dockerfile makes it (a training run of serve).
t0=$(date +%s.%N)
JAVA="$JAVA" TRAIN_PORT=$(free_port) sh "$ROOT/deploy/image/train.sh" "$JAR" "$OPTIONS" "$WORK/smokegate.aot"
train_s=$(printf %.0f "$(echo "$(date +%s.%N) - $t0" | bc -l)")

hwm_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
ms_stats() { sort -n | awk '{a[NR]=$1} END {printf "%.1f %.1f %.1f\n", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.5)]*1000, a[NR]*1000}'; }

measure() { # variant -> appends "key value" lines to $WORK/<variant>.txt
  local v=$1 out="$WORK/$1.txt" port; port=$(free_port)
  rm -rf "$WORK/data"
  if [ "$v" = default ]; then
    SMOKEGATE_JAVA_OPTS= SMOKEGATE_API_TOKEN=bench "$ROOT/smokegate" serve --host 127.0.0.1 --port "$port" \
      --checklists "$WORK/checklists" --data-dir "$WORK/data" > "$WORK/$v.log" 2>&1 & SG_PID=$!
  else
    SMOKEGATE_API_TOKEN=bench "$JAVA" "@$OPTIONS" -XX:MaxRAM=${LIMIT_MIB}m -XX:AOTCache="$WORK/smokegate.aot" \
      -jar "$JAR" serve --host 127.0.0.1 --port "$port" --checklists "$WORK/checklists" --data-dir "$WORK/data" \
      > "$WORK/$v.log" 2>&1 & SG_PID=$!
  fi
  PIDS+=($SG_PID)
  # Anonymous memory (heap, metaspace, malloc: what the kernel cannot drop, unlike the mapped jar and libraries),
  # sampled every 0.2 s; the kernel keeps no high-water mark of it.
  (while [ -e "/proc/$SG_PID/status" ]; do awk '/RssAnon/ {print $2}' "/proc/$SG_PID/status" 2>/dev/null; sleep 0.2; done \
    > "$WORK/$v.anon") & PIDS+=($!)
  local t0; t0=$(date +%s.%N); wait_http "http://127.0.0.1:$port/readyz"
  { echo "ready_ms $(printf %.0f "$(echo "($(date +%s.%N) - $t0) * 1000" | bc -l)")"
    sleep 5; echo "idle_rss $(rss_mib "$SG_PID")"
    # bench/metrics.sh: one run of 400 checks, then 20 warm-up and 100 timed scrapes of /metrics.
    run_wait "$port" series > /dev/null
    echo "series $(curl -fsS "http://127.0.0.1:$port/metrics" | grep -cv '^#')"
    for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics"; done
    echo "metrics $(for _ in $(seq 1 100); do curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/metrics"; done | ms_stats)"
    echo "hwm_metrics $(hwm_mib "$SG_PID")"
    # bench/run-latency.sh, API half: 10 warm-up runs, then 30 timed.
    for _ in $(seq 1 10); do run_wait "$port" latency > /dev/null; done
    echo "latency $(for _ in $(seq 1 30); do run_wait "$port" latency; done | ms_stats)"
    echo "hwm_latency $(hwm_mib "$SG_PID")"
    # bench/probe-cost.sh, smokegate half: a warm-up run, then $PROBE_RUNS runs of 1,000 checks.
    run_wait "$port" probe-cost > /dev/null
    local c0 w0; c0=$(cpu_seconds "$SG_PID"); w0=$(date +%s.%N)
    for _ in $(seq 1 "$PROBE_RUNS"); do run_wait "$port" probe-cost > /dev/null; done
    echo "probe_per_k $(echo "($(cpu_seconds "$SG_PID") - $c0) * 1000 / ($PROBE_RUNS * 1000)" | bc -l)"
    echo "probe_rate $(printf %.0f "$(echo "$PROBE_RUNS * 1000 / ($(date +%s.%N) - $w0)" | bc -l)")"
    echo "passed $(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^smokegate_check_success\{.*checklist="probe-cost"/ {s+=$2} END {print s+0}')"
    echo "busy_rss $(rss_mib "$SG_PID")"
    sleep 10; echo "settled_rss $(rss_mib "$SG_PID")"
    echo "hwm $(hwm_mib "$SG_PID")"
    # Time in the collectors over the whole process, from the JVM's performance counters.
    echo "gc_s $("$(dirname "$JAVA")/jcmd" "$SG_PID" PerfCounter.print 2>/dev/null | awk -F= '
      /^sun.os.hrt.frequency=/ {f=$2} /^sun.gc.collector.[0-9]+.time=/ {t+=$2} END {printf "%.2f", f ? t / f : -1}')"
  } >> "$out"
  kill "$SG_PID"; wait "$SG_PID" 2>/dev/null || true
  echo "anon $(sort -n "$WORK/$v.anon" | tail -1 | awk '{printf "%.0f", $1 / 1024}')" >> "$out"
  echo "oom $(grep -c 'OutOfMemoryError' "$WORK/$v.log" || true)" >> "$out"
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then measure default; measure image; else measure image; measure default; fi
done

# Per variant and key: the median over the rounds (for the peak: the largest).
get() { # variant key [field]
  awk -v k="$2" -v f="${3:-2}" '$1 == k {print $f}' "$WORK/$1.txt" | sort -n |
    awk -v max="$(case $2 in hwm|anon) echo 1 ;; esac)" '{a[NR]=$1} END {print (max ? a[NR] : a[int((NR+1)/2)])}'
}
rounds() { # key field -> "d1 / i1; d2 / i2 …" in the order of the rounds
  paste -d' ' <(awk -v k="$1" -v f="$2" '$1 == k {printf "%.3g\n", $f}' "$WORK/default.txt") \
    <(awk -v k="$1" -v f="$2" '$1 == k {printf "%.3g\n", $f}' "$WORK/image.txt") | awk '{printf "%s%s / %s", (NR > 1 ? "; " : ""), $1, $2}'
}
meets() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo "met"; else echo "**missed**"; fi; }
row() { # label key field format target-test(with X) target-text
  local d i; d=$(get default "$2" "$3"); i=$(get image "$2" "$3")
  echo "| $1 | $(printf "$4" "$d") | $(printf "$4" "$i") | $6 | $(meets "$(echo "$5" | sed "s/X/$i/g")") |"
}
load=$(cut -d' ' -f1-3 /proc/loadavg)
flags=$(grep -v '^#' "$OPTIONS" | grep . | tr '\n' ' ' | sed 's/ $//')
publish footprint <<MD
Command: \`bench/footprint.sh $PROBE_RUNS $ROUNDS\` — $(machine), load average at the end $load (shared machine). Default: \`./smokegate serve\` with no JVM flags (the other benches' way: the JVM sizes its heap from the 24 GiB machine). Image: \`java @deploy/image/jvm.options -XX:MaxRAM=${LIMIT_MIB}m -XX:AOTCache=… -jar target/smokegate.jar serve\`, i.e. \`$flags\` and the AOT cache of a training run (\`deploy/image/train.sh\`, ${train_s} s). Each ran, in turn: a 400-check run and 120 scrapes of /metrics, 40 runs of the 20-check latency checklist, $((PROBE_RUNS + 1)) runs of 1,000 http checks against nginx. $ROUNDS round(s), alternating which goes first; medians (peak RSS: the largest).

| measure | default flags | image flags, MaxRAM=${LIMIT_MIB}m | target | image flags |
|---|---:|---:|---|---|
$(row "/metrics with $(get image series) series, p95 (ms)" metrics 3 %s "X <= 50" "≤ 50 ms")
| /metrics, median (ms) | $(get default metrics 2) | $(get image metrics 2) | | |
$(row "20-check run via the API, median (ms)" latency 2 %.0f "X <= 230" "≤ 230 ms")
| 20-check run via the API, p95 (ms) | $(get default latency 3 | xargs printf %.0f) | $(get image latency 3 | xargs printf %.0f) | | |
$(row "CPU s per 1,000 probes" probe_per_k 2 %.3f "X <= 0.5 * $bb_per_k" "≤ 0.5 × blackbox_exporter's $(printf %.3f "$bb_per_k")")
| probes/s | $(get default probe_rate) | $(get image probe_rate) | | |
| checks passing in the last 1,000-check run | $(get default passed) | $(get image passed) | 1000 | |
| time to /readyz (ms) | $(get default ready_ms) | $(get image ready_ms) | | |
$(row "RSS idle after start (MiB)" idle_rss 2 %s "X <= 200" "≤ 200 MB")
| peak RSS after the /metrics workload (MiB) | $(get default hwm_metrics) | $(get image hwm_metrics) | | |
| RSS after all three workloads (MiB) | $(get default busy_rss) | $(get image busy_rss) | | |
| RSS 10 s later (MiB) | $(get default settled_rss) | $(get image settled_rss) | | |
| time in the garbage collector, whole process (s) | $(get default gc_s) | $(get image gc_s) | | |
$(row "**peak RSS** (VmHWM, MiB)" hwm 2 %s "X < $LIMIT_MIB" "< $LIMIT_MIB MiB (the limit)")
| peak anonymous RSS (RssAnon, sampled every 0.2 s, MiB) | $(get default anon) | $(get image anon) | | |
$(row "OutOfMemoryError in the log" oom 2 %s "X == 0" "none")

Rounds (default / image): /metrics p95 ms $(rounds metrics 3); run median ms $(rounds latency 2); CPU s per 1,000 probes $(rounds probe_per_k 2); peak RSS MiB $(rounds hwm 2). blackbox_exporter, measured once at the start: $(printf %.3f "$bb_per_k") CPU s per 1,000 probes.
MD
sed -n '/footprint:start/,/footprint:end/p' "$BENCH_DIR/README.md"
