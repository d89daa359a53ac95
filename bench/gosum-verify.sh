#!/usr/bin/env bash
# A 1,000-line go.sum (500 module versions) verified against a local checksum database — the database is
# golang.org/x/mod/sumdb's own server code, signed with our key — by smokegate's gosum.verify and by
# golang.org/x/mod/sumdb.Client, the checksum-database client inside the go command, both with 16 lookups
# in flight. Reports time and tile fetches (the fewest a client can make: the tiles of the signed tree).
# Usage: bench/gosum-verify.sh [modules]   (default 500)
source "$(dirname "$0")/lib.sh"
need go golang-go
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb ] || { echo "bench: apt-get install golang-golang-x-mod-dev" >&2; exit 2; }
MODULES=${1:-500}
export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" GOFLAGS=
go build -o "$WORK/sumdbbench" "$BENCH_DIR/go/sumdbbench.go"
PORT=$(free_port)
"$WORK/sumdbbench" serve "$MODULES" "127.0.0.1:$PORT" "$WORK" & PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/latest"
KEY=$(cat "$WORK/key"); URL="http://127.0.0.1:$PORT"
lines=$(wc -l < "$WORK/go.sum")

read -r go_ms go_tiles go_lookups < <("$WORK/sumdbbench" verify "$URL" "$KEY" "$WORK/go.sum" 16)

mkdir -p "$WORK/checklists"
cat > "$WORK/checklists/gosum.yaml" <<YAML
apiVersion: smokegate.io/v1
kind: Checklist
metadata: {name: gosum-bench}
spec:
  checks:
    - {id: gosum, type: gosum.verify, timeout: 5m, with: {file: "$WORK/go.sum", url: "$URL", key: "$KEY", concurrency: 16}}
YAML
sg_run() { # data-dir -> "check-ms tiles-fetched tiles-from-cache wall-ms"
  local t0 t1; t0=$(date +%s%N)
  "$ROOT/smokegate" run "$WORK/checklists/gosum.yaml" --format json -q --no-store --data-dir "$1" > "$WORK/report.json"
  t1=$(date +%s%N)
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"][0]; assert c["status"]=="passed", c["message"];
print(c["durationMs"], c["details"]["tilesFetched"], c["details"]["tilesFromCache"], (int(sys.argv[2])-int(sys.argv[3]))//1000000)' \
    "$WORK/report.json" "$t1" "$t0"
}
"$ROOT/smokegate" run "$WORK/checklists/gosum.yaml" -q --no-store --data-dir "$WORK/warmup" > /dev/null   # writes the class-data archive
"$ROOT/smokegate" run --help > /dev/null   # adopts it, so the measured runs map it
read -r cold_ms cold_tiles cold_cached cold_wall < <(sg_run "$WORK/cold")
read -r warm_ms warm_tiles warm_cached warm_wall < <(sg_run "$WORK/cold")

publish gosum-verify <<MD
Command: \`bench/gosum-verify.sh $MODULES\` — $(machine). A go.sum of $lines lines ($MODULES module versions) against a local checksum database of the same $MODULES records (golang.org/x/mod/sumdb's server, tile height 8), 16 lookups in flight for both clients.

| client | lookups | tiles fetched | verification ms | whole command ms |
|---|---:|---:|---:|---:|
| go command's client: golang.org/x/mod/sumdb.Client ($(dpkg-query -W -f '${Version}' golang-golang-x-mod-dev 2>/dev/null)), in-process, no cache | $go_lookups | $go_tiles | $go_ms | |
| smokegate \`gosum.verify\`, empty data directory | $MODULES | $cold_tiles | $cold_ms | $cold_wall |
| smokegate \`gosum.verify\` again, tiles cached on disk | $MODULES | $warm_tiles (+$warm_cached from the cache) | $warm_ms | $warm_wall |

A tree of $MODULES records at height 8 needs exactly $(( (MODULES + 255) / 256 + 1 )) tiles: $(( MODULES / 256 )) full and one partial level-0 tile and the partial level-1 tile. smokegate's "verification ms" is the check's duration (latest tree, all lookups, proofs, comparisons); "whole command" adds JVM start and the report. Each smokegate lookup opens a fresh connection, as every smokegate probe does; the Go client reuses connections.
MD
sed -n '/gosum-verify:start/,/gosum-verify:end/p' "$BENCH_DIR/README.md"
