#!/usr/bin/env bash
# Attribution on a large history: a monorepo of COMMITS commits (generated with git fast-import by make_history.py,
# seeded, so anyone can rebuild it) whose last deploy of svc00 carries a known culprit (an image tag bump among
# other services' commits). Side by side in one run: `git log <prev>..<deploy> -- services/svc00`, which answers
# only the candidate question, and `smokegate attribute` (whole command, JVM start included), which answers the
# ranking. Medians of ROUNDS. The API's warm figure (POST /api/v1/attributions) comes with the API.
# Usage: bench/attribution.sh [commits] [rounds]   (default 80000 and 5)
source "$(dirname "$0")/lib.sh"
need git git
COMMITS=${1:-80000}
ROUNDS=${2:-5}
[ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)

REPO="$WORK/repo.git"
git init -q --bare "$REPO"
t0=$(date +%s%N)
python3 "$BENCH_DIR/make_history.py" "$COMMITS" 12 200 "$WORK/markers.json" "$WORK/alert.json" \
  | git --git-dir="$REPO" fast-import --quiet --export-marks="$WORK/marks.txt"
import_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
size=$(du -sh "$REPO" | cut -f1)
# Deploy markers in the API's shape: fast-import marks resolved to commit ids.
python3 - "$WORK/markers.json" "$WORK/marks.txt" "$WORK/deploys.json" <<'PY'
import json, sys, datetime
marks = dict(line.split() for line in open(sys.argv[2]))
out = []
for m in json.load(open(sys.argv[1])):
    t = datetime.datetime.fromtimestamp(m.pop("time"), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.append({**{k: v for k, v in m.items() if k != "mark"}, "commit": marks[":%d" % m["mark"]], "time": t})
json.dump(out, open(sys.argv[3], "w"))
PY
# The range the alert falls in: svc00's last deploy before the alert, and the one before it.
read -r PREV DEPLOY < <(python3 - "$WORK/deploys.json" "$WORK/alert.json" <<'PY'
import json, sys
alert = json.load(open(sys.argv[2]))["startsAt"]
mine = [d for d in json.load(open(sys.argv[1])) if d["service"] == "svc00" and d["time"] <= alert]
print(mine[-2]["commit"], mine[-1]["commit"])
PY
)
range_commits=$(git --git-dir="$REPO" rev-list --count "$PREV..$DEPLOY")
ms() { local t0; t0=$(date +%s%N); "$@" > /dev/null; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
sg=("$ROOT/smokegate" attribute --repo "$REPO" --alert "$WORK/alert.json" --deploys "$WORK/deploys.json"
    --paths 'services/svc00/**' --format json)
"${sg[@]}" > "$WORK/first.json"; "$ROOT/smokegate" attribute --help > /dev/null   # the class-data archive, then adopted
git_all=(); sg_all=()
for round in $(seq 1 "$ROUNDS"); do
  git_all+=("$(ms git --git-dir="$REPO" log --format=%H "$PREV..$DEPLOY" -- services/svc00)")
  sg_all+=("$(ms "${sg[@]}")")
  echo "round $round: git log ${git_all[-1]} ms, smokegate attribute ${sg_all[-1]} ms" >&2
done
"${sg[@]}" > "$WORK/answer.json"
read -r top subject confidence candidates < <(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); s=a["suspects"][0]
print(s["commit"][:12], json.dumps(s["subject"]).replace(" ", "_"), a["confidence"], a["window"]["commits"])' "$WORK/answer.json")
owned=$(git --git-dir="$REPO" log --format=%H "$PREV..$DEPLOY" -- services/svc00 | wc -l)

publish attribution <<MD
Command: \`bench/attribution.sh $COMMITS $ROUNDS\` — $(machine). A generated monorepo (\`bench/make_history.py\`, \`git fast-import\`, seeded): $COMMITS commits over a year, 12 services, each deployed about every 200 commits ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/deploys.json") deploy markers), bare repository of $size built in $import_ms ms. The alert (svc00, 5xx) falls after svc00's last deploy, whose range holds $range_commits commits, $owned of them touching \`services/svc00\`; the culprit is an image tag bump to v2.0.0-rc1 among other services' commits. Medians of $ROUNDS rounds, whole commands.

| command | answers | ms |
|---|---|---:|
| \`git log --format=%H PREV..DEPLOY -- services/svc00\` | the candidates only | $(median "${git_all[@]}") |
| \`smokegate attribute --repo … --deploys … --paths 'services/svc00/**' --format json\` (JVM start included) | candidates, diffs, ranking with reasons, confidence | $(median "${sg_all[@]}") |

Rounds (git / smokegate): $(for i in "${!git_all[@]}"; do printf '%s%s / %s' "$([ "$i" -gt 0 ] && echo '; ')" "${git_all[$i]}" "${sg_all[$i]}"; done). smokegate's answer: top suspect $top ($(echo "$subject" | tr '_' ' ')), confidence $confidence, $candidates commits in the window.

Target (with the API, a later step): \`POST /api/v1/attributions\` p95 ≤ 50 ms once warm on this repository.
MD
sed -n '/attribution:start/,/attribution:end/p' "$BENCH_DIR/README.md"
