# Shared helpers for the bench scripts: sourced, not run.
set -euo pipefail
BENCH_DIR=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
WORK=$(mktemp -d /tmp/smokegate-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "bench: $1 is missing (apt-get install $2)" >&2; exit 2; }; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# CPU seconds (user + system, all threads) a process has used so far.
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$1/stat"; }

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

wait_http() {
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $1 never answered" >&2; exit 1
}

start_nginx() { # port
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $WORK/nginx/nginx.pid; error_log stderr warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
       uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
       server { listen 127.0.0.1:$1; location / { return 200 "ok\n"; } } }
CONF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" & PIDS+=($!)
  wait_http "http://127.0.0.1:$1/"
}

# A JDK >= 21 (the launcher's choice), for single-file Java helpers such as DelayServer.java.
java_bin() { for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(ls -d /usr/lib/jvm/*/bin/java | sort -rV); do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$j")")")/release" 2>/dev/null)
  [ -n "$v" ] && [ "$v" -ge 21 ] && { echo "$j"; return; }; done; echo "bench: no JDK >= 21" >&2; exit 2; }

start_smokegate() { # port checklists-dir ; sets SG_PID
  [ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  SMOKEGATE_API_TOKEN=bench "$ROOT/smokegate" serve --host 127.0.0.1 --port "$1" --checklists "$2" \
    --data-dir "$WORK/data" > "$WORK/serve.log" 2>&1 & SG_PID=$!; PIDS+=($SG_PID)
  wait_http "http://127.0.0.1:$1/readyz"
}

run_wait() { # port checklist -> prints seconds of the API call
  curl -fsS -o /dev/null -w '%{time_total}\n' -X POST -H 'Authorization: Bearer bench' \
    "http://127.0.0.1:$1/api/v1/checklists/$2/runs?wait=true"
}

# Replaces the section between <!-- NAME:start --> and <!-- NAME:end --> of bench/README.md with stdin.
publish() {
  local name=$1 body; body=$(cat)
  python3 - "$BENCH_DIR/README.md" "$name" "$body" <<'PY'
import sys, re
path, name, body = sys.argv[1:4]
text = open(path).read()
start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
new = f"{start}\n{body}\n{end}"
text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: new, text, flags=re.S) if start in text else text + "\n" + new + "\n"
open(path, "w").write(text)
PY
}

machine() { echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(date -u +%Y-%m-%d)"; }

# A throwaway PostgreSQL in $WORK/pg on a free loopback port (as the postgres user when run as root), stopped on exit;
# sets PG_PORT. Needs PG_BIN (e.g. /usr/lib/postgresql/15/bin).
start_postgres() {
  as_pg=(); [ "$(id -u)" = 0 ] && { as_pg=(runuser -u postgres --); chown postgres "$WORK"; }
  PG_PORT=$(free_port)
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres --no-sync > "$WORK/initdb.log"
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null
  trap '"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop > /dev/null 2>&1 || true; cleanup' EXIT
}
