#!/usr/bin/env bash
# A 1,000-line go.sum (500 module versions) verified against a local checksum database — the database is
# golang.org/x/mod/sumdb's own server code, signed with our key — by smokegate's gosum.verify and by
# golang.org/x/mod/sumdb.Client, the checksum-database client inside the go command, both with 16 lookups
# in flight. Reports time and tile fetches (the fewest a client can make: the tiles of the signed tree), as
# medians over rounds that alternate the clients, so a busy machine slows both alike.
# Usage: bench/gosum-verify.sh [modules] [rounds]   (default 500 and 3)
source "$(dirname "$0")/lib.sh"
need go golang-go
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb ] || { echo "bench: apt-get install golang-golang-x-mod-dev" >&2; exit 2; }
MODULES=${1:-500}
ROUNDS=${2:-3}
export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" GOFLAGS=
go build -o "$WORK/sumdbbench" "$BENCH_DIR/go/sumdbbench.go"
PORT=$(free_port)
"$WORK/sumdbbench" serve "$MODULES" "127.0.0.1:$PORT" "$WORK" & PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/latest"
KEY=$(cat "$WORK/key"); URL="http://127.0.0.1:$PORT"
lines=$(wc -l < "$WORK/go.sum")

mkdir -p "$WORK/checklists"
cat > "$WORK/checklists/gosum.yaml" <<YAML
apiVersion: smokegate.io/v1
kind: Checklist
metadata: {name: gosum-bench}
spec:
  checks:
    - {id: gosum, type: gosum.verify, timeout: 5m, with: {file: "$WORK/go.sum", url: "$URL", key: "$KEY", concurrency: 16}}
YAML
# The same check five times in one process, one after the other: the last runs in a warm JVM, as in serve.
{ printf 'apiVersion: smokegate.io/v1\nkind: Checklist\nmetadata: {name: gosum-repeat}\nspec:\n  concurrency: 1\n  checks:\n'
  for i in 1 2 3 4 5; do
    printf '    - {id: gosum%s, type: gosum.verify, timeout: 5m, with: {file: "%s", url: "%s", key: "%s", concurrency: 16}}\n' \
      "$i" "$WORK/go.sum" "$URL" "$KEY"
  done; } > "$WORK/checklists/repeat.yaml"
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
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
go_all=(); cold_all=(); cold_walls=(); warm_all=(); warm_walls=()
for round in $(seq 1 "$ROUNDS"); do
  read -r go_ms go_tiles go_lookups < <("$WORK/sumdbbench" verify "$URL" "$KEY" "$WORK/go.sum" 16)
  read -r cold_ms cold_tiles cold_cached cold_wall < <(sg_run "$WORK/cold$round")
  read -r warm_ms warm_tiles warm_cached warm_wall < <(sg_run "$WORK/cold$round")
  go_all+=("$go_ms"); cold_all+=("$cold_ms"); cold_walls+=("$cold_wall"); warm_all+=("$warm_ms"); warm_walls+=("$warm_wall")
  echo "round $round: go $go_ms ms, smokegate $cold_ms ms (cached tiles: $warm_ms ms)" >&2
done
"$ROOT/smokegate" run "$WORK/checklists/repeat.yaml" --format json -q --no-store --data-dir "$WORK/repeat" > "$WORK/repeat.json"
read -r hot_ms hot_tiles hot_cached < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"][-1]; assert c["status"]=="passed", c["message"];
print(c["durationMs"], c["details"]["tilesFetched"], c["details"]["tilesFromCache"])' "$WORK/repeat.json")

publish gosum-verify <<MD
Command: \`bench/gosum-verify.sh $MODULES $ROUNDS\` — $(machine). A go.sum of $lines lines ($MODULES module versions) against a local checksum database of the same $MODULES records (golang.org/x/mod/sumdb's server, tile height 8), 16 lookups in flight for both clients. Medians of $ROUNDS rounds, each running the three in turn.

| client | lookups | tiles fetched | verification ms | whole command ms |
|---|---:|---:|---:|---:|
| go command's client: golang.org/x/mod/sumdb.Client ($(dpkg-query -W -f '${Version}' golang-golang-x-mod-dev 2>/dev/null)), in-process, no cache | $go_lookups | $go_tiles | $(median "${go_all[@]}") | |
| smokegate \`gosum.verify\`, empty data directory | $MODULES | $cold_tiles | $(median "${cold_all[@]}") | $(median "${cold_walls[@]}") |
| smokegate \`gosum.verify\` again, tiles cached on disk | $MODULES | $warm_tiles (+$warm_cached from the cache) | $(median "${warm_all[@]}") | $(median "${warm_walls[@]}") |
| smokegate \`gosum.verify\`, fifth time in one process (a warm JVM, as in \`serve\`), tiles cached | $MODULES | $hot_tiles (+$hot_cached from the cache) | $hot_ms | |
| for comparison, 2026-11-22: smokegate \`gosum.verify\` with a fresh connection per lookup, empty data directory (go command: 330 ms then) | 500 | 3 | 780 | 1534 |

Rounds (verification ms, go command / smokegate / smokegate with cached tiles): $(for i in "${!go_all[@]}"; do printf '%s%s / %s / %s' "$([ "$i" -gt 0 ] && echo '; ')" "${go_all[$i]}" "${cold_all[$i]}" "${warm_all[$i]}"; done).

A tree of $MODULES records at height 8 needs exactly $(( (MODULES + 255) / 256 + 1 )) tiles: $(( MODULES / 256 )) full and one partial level-0 tile and the partial level-1 tile. smokegate's "verification ms" is the check's duration (reading the go.sum, latest tree, all lookups, proofs, comparisons); "whole command" adds JVM start and the report. Both clients keep connections alive between lookups: smokegate up to 16 per server within one check (\`http\` checks still open a fresh connection per probe, as they measure its setup). A cold \`smokegate run\` is a JVM warming up on 2 cores shared with the database server; what keeps it under the go command: the launcher's AOT cache (JDK 25), whose JIT compiles at start what the training run (the first real run, here the warm-up run) compiled; lookups on platform threads, not virtual ones; each tile's subtree hashes computed once. The warm row is the same work once compiled.
MD
sed -n '/gosum-verify:start/,/gosum-verify:end/p' "$BENCH_DIR/README.md"
