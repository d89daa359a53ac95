#!/bin/sh
# The training run for the image's ahead-of-time cache (JDK 25, -XX:AOTCacheOutput): `serve` starts on loopback
# with the image's flags and a memory as in the Deployment, runs a scheduled checklist that probes its own
# /healthz, /readyz and /metrics three times (HTTP client and server, the scheduler, the store, metrics
# rendering), and stops on SIGTERM; the JVM writes the classes it loaded and linked, and their profiles, at exit.
# Needs no network. Run by deploy/image/Dockerfile; bench/footprint.sh runs it too, for the same cache.
# Usage: train.sh JAR OPTIONS_FILE CACHE_OUT
set -eu
jar=$1 options=$2 out=$3
java=${JAVA:-java}
work=$(mktemp -d)
port=${TRAIN_PORT:-18080}
mkdir -p "$work/checklists"
cat > "$work/checklists/self.yaml" <<YAML
apiVersion: smokegate.io/v1
kind: Checklist
metadata: {name: self}
spec:
  schedule: {every: 10s}
  checks:
    - {id: listen, type: tcp, with: {address: "127.0.0.1:$port"}}
    - {id: health, type: http, needs: [listen], with: {url: "http://127.0.0.1:$port/healthz"}}
    - {id: ready, type: http, needs: [listen], with: {url: "http://127.0.0.1:$port/readyz"}}
    - {id: metrics, type: http, needs: [listen], with: {url: "http://127.0.0.1:$port/metrics"}}
YAML
"$java" "@$options" -XX:MaxRAM=256m -XX:AOTCacheOutput="$out" -jar "$jar" serve --host 127.0.0.1 --port "$port" \
  --checklists "$work/checklists" --data-dir "$work/data" > "$work/serve.log" 2>&1 &
pid=$!
# Three scheduled runs (at start, +10 s, +20 s); at most 120 s on a slow builder.
i=0
while [ "$(grep -c '"msg":"run finished".*"status":"passed"' "$work/serve.log" || true)" -lt 3 ]; do
  i=$((i + 1))
  if [ "$i" -gt 240 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "train.sh: serve did not finish three passing runs within 120 s:" >&2; cat "$work/serve.log" >&2
    kill "$pid" 2>/dev/null || true; exit 1
  fi
  sleep 0.5
done
kill -TERM "$pid"
wait "$pid" || true                  # 143: stopped by SIGTERM, as in a pod
if [ ! -s "$out" ]; then
  echo "train.sh: the JVM wrote no AOT cache at $out:" >&2; cat "$work/serve.log" >&2; exit 1
fi
rm -rf "$work"
