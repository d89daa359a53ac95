#!/usr/bin/env bash
# A tree of manifest files (default 10,000) scanned by `smokegate techdebt --repo DIR --format json`, side by side
# with the naive reference `grep -rl apiVersion DIR` over the same tree: the difference is what parsing every
# document costs. The tree is a realistic mix made by a seeded generator: multi-document app manifests, List and
# *List kinds, JSON, some deprecated apiVersions, Helm templates that are not YAML, values files without objects
# and a .git directory; the generator's own counts are checked against smokegate's figures.
# Usage: bench/techdebt-files.sh [files] [rounds]   (default 10000 and 3)
source "$(dirname "$0")/lib.sh"
need python3 python3
FILES=${1:-10000}
ROUNDS=${2:-3}
[ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
TREE="$WORK/repo"
python3 - "$TREE" "$FILES" > "$WORK/expected" <<'PY'
import json, os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(9)
deprecated_files = deprecated_objects = templates = 0
def deployment(api, name, ns):
    return (f"apiVersion: {api}\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels: {{app: {name}}}\n"
            f"spec:\n  replicas: 2\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n"
            f"    spec:\n      containers:\n        - name: {name}\n          image: registry.example.com/{name}:1.{rnd.randrange(40)}.0\n"
            f"          ports: [{{containerPort: 8080}}]\n          resources: {{requests: {{cpu: 100m, memory: 128Mi}}}}\n")
def service(name, ns):
    return (f"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\n"
            f"spec:\n  selector: {{app: {name}}}\n  ports: [{{port: 80, targetPort: 8080}}]\n")
OLD = [("extensions/v1beta1", "Ingress"), ("batch/v1beta1", "CronJob"), ("policy/v1beta1", "PodDisruptionBudget"),
       ("autoscaling/v2beta2", "HorizontalPodAutoscaler"), ("networking.k8s.io/v1beta1", "Ingress")]
os.makedirs(os.path.join(root, ".git", "objects"))
open(os.path.join(root, ".git", "objects", "old.yaml"), "w").write("apiVersion: extensions/v1beta1\nkind: Deployment\n")
for i in range(n):
    team, name, ns = f"team{i % 40}", f"app{i}", f"ns{i % 25}"
    d = os.path.join(root, team, name[:5])
    os.makedirs(d, exist_ok=True)
    kind = rnd.random()
    if kind < 0.05:   # a Helm template: not YAML until rendered
        path, text = os.path.join(d, f"{name}-deployment.yaml"), deployment("apps/v1", name, ns).replace(
            f"name: {name}\n  namespace", "name: {{ include \"app.fullname\" . }}\n  namespace", 1).replace(
            "  labels: {app: " + name + "}\n", "  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\n", 1)
        templates += 1
    elif kind < 0.10:  # values file: no objects
        path, text = os.path.join(d, f"{name}-values.yaml"), f"replicaCount: 2\nimage: {{repository: {name}, tag: latest}}\n"
    elif kind < 0.15:  # kubectl get -o json style List
        items = [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"{name}-{j}", "namespace": ns}, "data": {"k": "v"}}
                 for j in range(3)]
        old = rnd.random() < 0.3
        if old:
            api, k = rnd.choice(OLD)
            items.append({"apiVersion": api, "kind": k, "metadata": {"name": name, "namespace": ns}})
            deprecated_files += 1; deprecated_objects += 1
        path, text = os.path.join(d, f"{name}.json"), json.dumps({"apiVersion": "v1", "kind": "List", "items": items}, indent=4)
    else:              # multi-document app manifests, some with an old apiVersion
        docs = [deployment("apps/v1", name, ns), service(name, ns)]
        olds = rnd.choice([0] * 8 + [1, 2])
        for _ in range(olds):
            api, k = rnd.choice(OLD)
            docs.append(f"apiVersion: {api}\nkind: {k}\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{}}\n")
        if olds:
            deprecated_files += 1; deprecated_objects += olds
        path, text = os.path.join(d, f"{name}.yaml"), "---\n".join(docs)
    open(path, "w").write(text)
print(n, deprecated_files, deprecated_objects, templates)
PY
read -r files expected_files expected_objects expected_templates < "$WORK/expected"
bytes=$(find "$TREE" -path "$TREE/.git" -prune -o -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
"$ROOT/smokegate" techdebt --repo "$TREE" --format json --target-version v1.32 > /dev/null   # writes the class-data archive
"$ROOT/smokegate" techdebt --help > /dev/null                                                # adopts it
ms() { local t0 t1; t0=$(date +%s%N); "$@"; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
sg_all=(); grep_all=()
for round in $(seq 1 "$ROUNDS"); do
  grep_all+=("$(ms sh -c "grep -rl apiVersion '$TREE' > '$WORK/grep.out'")")
  sg_all+=("$(ms sh -c "/usr/bin/time -f '%M' -o '$WORK/rss' '$ROOT/smokegate' techdebt --repo '$TREE' --format json --target-version v1.32 > '$WORK/scan.json'")")
  echo "round $round: grep ${grep_all[-1]} ms, smokegate ${sg_all[-1]} ms" >&2
done
rss=$(( $(cat "$WORK/rss") / 1024 ))
read -r got_files got_objects got_scanned got_skipped < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); f=s["figures"];
print(f["deprecatedApiFiles"], f["deprecatedApiObjects"], f["manifestFilesScanned"], len(s["skipped"]))' "$WORK/scan.json")
[ "$got_files $got_objects $got_skipped" = "$expected_files $expected_objects $expected_templates" ] || {
  echo "bench: smokegate found $got_files files / $got_objects objects / $got_skipped skipped, the generator made $expected_files / $expected_objects / $expected_templates" >&2; exit 1; }
grep_files=$(wc -l < "$WORK/grep.out")

publish techdebt-files <<MD
Command: \`bench/techdebt-files.sh $FILES $ROUNDS\` — $(machine). A generated tree of $files manifest files ($(( bytes / 1024 / 1024 )) MiB in all; 40 team directories): multi-document app manifests (Deployment, Service, sometimes one or two objects of a deprecated apiVersion), \`kind: List\` JSON as \`kubectl get -o json\` writes it, values files without objects, Helm templates that are not YAML, and a \`.git\` directory. Medians of $ROUNDS rounds, page cache warm, whole commands (smokegate includes JVM start).

| command | files reported | wall ms | peak RSS |
|---|---:|---:|---:|
| \`grep -rl apiVersion DIR\` (naive reference: which files mention an apiVersion) | $grep_files | $(median "${grep_all[@]}") | |
| \`smokegate techdebt --repo DIR --format json --target-version v1.32\` | $got_files with deprecated apiVersions ($got_objects objects), $got_skipped templates skipped | $(median "${sg_all[@]}") | $rss MiB |

Rounds (wall ms, grep / smokegate): $(for i in "${!grep_all[@]}"; do printf '%s%s / %s' "$([ "$i" -gt 0 ] && echo '; ')" "${grep_all[$i]}" "${sg_all[$i]}"; done).

Target: 10,000 files in ≤ 10 s. smokegate parses every document of every file that mentions \`apiVersion\` (with the YAML limits: size, nesting, aliases), expands lists, judges each object against the table and reports file:line, on up to 4 threads; grep only finds the word. The figures match what the generator wrote: $expected_files files with $expected_objects deprecated objects, $expected_templates templates.
MD
sed -n '/techdebt-files:start/,/techdebt-files:end/p' "$BENCH_DIR/README.md"
