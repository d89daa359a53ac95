#!/usr/bin/env bash
# h1: of a 64 MiB module zip of 1,024 files: smokegate (module zip rules + h1, in-process and as `smokegate
# gosum` including JVM start) side by side with Go's own golang.org/x/mod/sumdb/dirhash.HashZip (Debian
# golang-golang-x-mod-dev). Memory: the same work on a 4x larger zip under a 48 MiB heap, and peak RSS of both.
# Usage: bench/h1.sh [iterations]   (default 10)
source "$(dirname "$0")/lib.sh"
need go golang-go; need hyperfine hyperfine
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/dirhash ] || { echo "bench: apt-get install golang-golang-x-mod-dev" >&2; exit 2; }
N=${1:-10}; MODULE=example.com/bench; VERSION=v1.0.0
JAVA=$(java_bin)
python3 "$BENCH_DIR/make_module_zip.py" "$WORK/64.zip" "$MODULE" "$VERSION" 1024 65536
python3 "$BENCH_DIR/make_module_zip.py" "$WORK/256.zip" "$MODULE" "$VERSION" 4096 65536
export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" GOFLAGS=
go build -o "$WORK/h1bench" "$BENCH_DIR/go/h1bench.go"

read -r go_h1 go_ms < <("$WORK/h1bench" "$WORK/64.zip" "$N")
read -r sg_h1 sg_ms < <("$JAVA" -cp "$ROOT/target/smokegate.jar" "$BENCH_DIR/H1Bench.java" "$WORK/64.zip" "$MODULE" "$VERSION" "$N")
[ "$go_h1" = "$sg_h1" ] || { echo "bench: h1 differs: go $go_h1, smokegate $sg_h1" >&2; exit 1; }
"$ROOT/smokegate" gosum "$WORK/64.zip" > /dev/null   # writes the class-data archive (hyperfine's warm-up adopts it)
hyperfine -N --warmup 1 --runs "$N" --export-json "$WORK/cli.json" "$ROOT/smokegate gosum $WORK/64.zip" > /dev/null
cli_ms=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$WORK/cli.json")

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
go_rss64=$(rss "$WORK/h1bench" "$WORK/64.zip" 1); go_rss256=$(rss "$WORK/h1bench" "$WORK/256.zip" 1)
sg_rss64=$(rss "$JAVA" -Xmx48m -cp "$ROOT/target/smokegate.jar" "$BENCH_DIR/H1Bench.java" "$WORK/64.zip" "$MODULE" "$VERSION" 1)
sg_rss256=$(rss "$JAVA" -Xmx48m -cp "$ROOT/target/smokegate.jar" "$BENCH_DIR/H1Bench.java" "$WORK/256.zip" "$MODULE" "$VERSION" 1)

publish h1 <<MD
Command: \`bench/h1.sh $N\` — $(machine). A module zip of 1,024 files of 64 KiB random bytes (64 MiB, deflated), both hashing it $N times after a warm-up; both print the same \`$go_h1\`.

| | ms per zip | peak RSS, 64 MiB zip | peak RSS, 256 MiB zip (4,096 files) |
|---|---:|---:|---:|
| Go \`dirhash.HashZip\` (x/mod $(dpkg-query -W -f '${Version}' golang-golang-x-mod-dev 2>/dev/null), $(go version | awk '{print $3}')) | $go_ms | $((go_rss64 / 1024)) MiB | $((go_rss256 / 1024)) MiB |
| smokegate \`ModuleZip.verify\` (every zip rule + h1), in-process | $sg_ms | $((sg_rss64 / 1024)) MiB | $((sg_rss256 / 1024)) MiB |
| \`smokegate gosum zip\`, whole command with JVM start (hyperfine mean) | $cli_ms | | |

smokegate's RSS is measured with the heap capped at 48 MiB (\`-Xmx48m\`): the zip is read through its central directory and streamed entry by entry, so a zip 4× larger needs no more memory. smokegate does more than dirhash: it also checks paths, collisions, sizes and CRCs.
MD
sed -n '/h1:start/,/h1:end/p' "$BENCH_DIR/README.md"
