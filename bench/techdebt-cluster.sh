#!/usr/bin/env bash
# `smokegate techdebt --kubeconfig F --format json` over a fake cluster (bench/fake-cluster.sh) loaded with a
# generated, realistic mix of objects (default 5,000), side by side with the naive reference `kubectl get <the same
# kinds> -A -o json` plus `kubectl get --raw /metrics` over the same cluster: what reading everything costs
# without judging it. The mix, made by a seeded generator: Deployments (each with its ReplicaSet) and StatefulSets
# with and without PodDisruptionBudgets, DaemonSets, Services, ConfigMaps, Secrets, Helm release Secrets encoded
# as Helm's secret driver stores them (base64 of gzip of the release JSON, superseded revisions beside the deployed
# one), Ingresses, CronJobs, HPAs, RBAC objects, most with a kubectl last-applied annotation and some of those
# with a deprecated apiVersion, and an API server /metrics page with apiserver_requested_deprecated_apis series.
# smokegate's figures are checked against the generator's counts. "Flat memory": the same is run with FLAT
# objects (default 1,000) and with -Xmx64m (SMOKEGATE_JAVA_OPTS) at both sizes.
# Usage: bench/techdebt-cluster.sh [objects] [rounds]   (default 5000 and 3; FLAT=1000 the smaller size)
source "$(dirname "$0")/lib.sh"
need python3 python3
need kubectl kubectl
OBJECTS=${1:-5000}
ROUNDS=${2:-3}
FLAT=${FLAT:-1000}
[ -f "$ROOT/target/smokegate.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)

generate() { # objects dir -> prints the expected figures
  python3 - "$2" "$1" <<'PY'
import base64, gzip, json, os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(9)
os.makedirs(root, exist_ok=True)
docs, made = [], 0
exp = dict(lastApplied=0, deprecated=0, releases=0, stsWithoutPdb=0, workloads=0, requested=0)
namespaces = [f"team-{i:02d}" for i in range(max(1, n // 100))]

def add(obj):
    global made
    docs.append(obj); made += 1

def applied(obj, api):
    """The annotation kubectl apply writes: the manifest as applied, keys sorted (json.Marshal of a map)."""
    manifest = {"apiVersion": api, "kind": obj["kind"], "metadata": {"annotations": {}, "name": obj["metadata"]["name"]}}
    if "namespace" in obj["metadata"]:
        manifest["metadata"]["namespace"] = obj["metadata"]["namespace"]
    for k in ("spec", "data", "rules", "subjects", "roleRef"):
        if k in obj: manifest[k] = obj[k]
    obj["metadata"].setdefault("annotations", {})["kubectl.kubernetes.io/last-applied-configuration"] = json.dumps(manifest, sort_keys=True, separators=(",", ":")) + "\n"

def annotate(obj, old_apis, p_old, listed=True):
    """Most objects were applied with kubectl; some of them with an old apiVersion."""
    if rnd.random() < 0.8:
        old = rnd.random() < p_old
        applied(obj, rnd.choice(old_apis) if old else obj["apiVersion"])
        if listed:
            exp["lastApplied"] += 1
            exp["deprecated"] += old

def meta(name, ns, labels=None):
    m = {"name": name, "namespace": ns}
    if labels: m["labels"] = labels
    return m

def pod(name):
    c = {"name": name, "image": f"registry.example.com/{name}:1.{rnd.randrange(30)}.0", "ports": [{"containerPort": 8080}],
         "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
         "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}}, "livenessProbe": {"httpGet": {"path": "/live", "port": 8080}},
         "securityContext": {"runAsNonRoot": True, "runAsUser": 1000}}
    return {"metadata": {"labels": {"app": name}}, "spec": {"containers": [c]}}

def workload(kind, name, ns, replicas, old_apis):
    obj = {"apiVersion": "apps/v1", "kind": kind, "metadata": meta(name, ns, {"app": name}),
           "spec": {"selector": {"matchLabels": {"app": name}}, "template": pod(name)}}
    if replicas is not None: obj["spec"]["replicas"] = replicas
    annotate(obj, old_apis, 0.1)
    add(obj); exp["workloads"] += 1
    return obj

def pdb(name, ns):
    obj = {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(name, ns),
           "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": name}}}}
    annotate(obj, ["policy/v1beta1"], 0.1); add(obj)

def helm_release(name, ns):
    """A release and its revisions as Helm's secret driver stores them; only the deployed one counts."""
    revisions = rnd.choice([1, 1, 2, 3])
    old_ingress = rnd.random() < 0.25
    for rev in range(1, revisions + 1):
        status = "deployed" if rev == revisions else "superseded"
        ingress_api = "extensions/v1beta1" if (old_ingress or status == "superseded") else "networking.k8s.io/v1"
        manifest = (f"---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n"
                    f"spec:\n  replicas: 2\n---\n# Source: web/templates/ingress.yaml\napiVersion: {ingress_api}\nkind: Ingress\n"
                    f"metadata:\n  name: {name}\n")
        release = {"name": name, "info": {"first_deployed": "2026-01-12T09:30:00.123456789Z", "last_deployed": "2026-03-02T14:05:09.987654321Z",
                                          "deleted": "", "description": "Install complete" if rev == 1 else "Upgrade complete", "status": status},
                   "chart": {"metadata": {"name": "web", "version": f"1.{rnd.randrange(5)}.0", "apiVersion": "v2", "appVersion": "1.27.1", "type": "application"},
                             "lock": None, "templates": [], "values": {"replicaCount": 2}, "schema": None, "files": []},
                   "manifest": manifest, "version": rev, "namespace": ns}
        text = json.dumps(release, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        helm_text = base64.b64encode(gzip.compress(text.encode(), 9, mtime=0)).decode()
        add({"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
             "metadata": meta(f"sh.helm.release.v1.{name}.v{rev}", ns, {"name": name, "owner": "helm", "status": status, "version": str(rev)}),
             "data": {"release": base64.b64encode(helm_text.encode()).decode()}})
    exp["releases"] += 1
    exp["deprecated"] += old_ingress

i = 0
while made < n:
    i += 1
    ns, name, r = namespaces[i % len(namespaces)], f"app-{i:05d}", rnd.random()
    if r < 0.22:
        replicas = rnd.choice([1, 2, 3])
        workload("Deployment", name, ns, replicas, ["extensions/v1beta1", "apps/v1beta2"])
        add({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta(f"{name}-7d9f8b6c5d", ns, {"app": name}),
             "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}}, "template": pod(name)}})
        if replicas > 1 and rnd.random() < 0.5: pdb(name, ns)
    elif r < 0.28:
        workload("StatefulSet", name, ns, 3, ["apps/v1beta2"])
        if rnd.random() < 0.5: pdb(name, ns)
        else: exp["stsWithoutPdb"] += 1
    elif r < 0.30:
        workload("DaemonSet", name, ns, None, ["extensions/v1beta1"])
    elif r < 0.44:
        obj = {"apiVersion": "v1", "kind": "Service", "metadata": meta(name, ns), "spec": {"selector": {"app": name}, "ports": [{"port": 80, "targetPort": 8080}]}}
        annotate(obj, [], 0, listed=False); add(obj)
    elif r < 0.55:
        obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(name, ns), "data": {"LOG_LEVEL": "info", "config.yaml": "x: 1\n" * 20}}
        annotate(obj, [], 0, listed=False); add(obj)
    elif r < 0.62:
        add({"apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": meta(name, ns), "data": {"password": base64.b64encode(b"s3cret").decode()}})
    elif r < 0.72:
        helm_release(name, ns)
    elif r < 0.78:
        obj = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta(name, ns),
               "spec": {"rules": [{"host": f"{name}.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                        "backend": {"service": {"name": name, "port": {"number": 80}}}}]}}]}}
        annotate(obj, ["extensions/v1beta1", "networking.k8s.io/v1beta1"], 0.2); add(obj)
    elif r < 0.83:
        obj = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta(name, ns),
               "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": pod(name)}}}}
        annotate(obj, ["batch/v1beta1"], 0.2); add(obj)
    elif r < 0.88:
        obj = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta(name, ns),
               "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}, "minReplicas": 2, "maxReplicas": 10}}
        annotate(obj, ["autoscaling/v2beta2", "autoscaling/v2beta1"], 0.2); add(obj)
    elif r < 0.96:
        kind = rnd.choice(["Role", "RoleBinding"])
        obj = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta(name, ns)}
        if kind == "Role": obj["rules"] = [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}]
        else:
            obj["roleRef"] = {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name}
            obj["subjects"] = [{"kind": "ServiceAccount", "name": name, "namespace": ns}]
        annotate(obj, ["rbac.authorization.k8s.io/v1beta1"], 0.1); add(obj)
    elif r < 0.98:
        obj = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": f"{name}-reader"},
               "rules": [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"]}]}
        annotate(obj, ["rbac.authorization.k8s.io/v1beta1"], 0.1); add(obj)
    else:
        obj = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta(name, ns),
               "spec": {"podSelector": {"matchLabels": {"app": name}}, "policyTypes": ["Ingress"]}}
        annotate(obj, ["extensions/v1beta1"], 0.2); add(obj)
for k in range(0, len(docs), 500):
    with open(os.path.join(root, f"objects-{k // 500:03d}.json"), "w") as f:
        json.dump({"apiVersion": "v1", "kind": "List", "items": docs[k:k + 500]}, f)
series = [("batch", "v1beta1", "cronjobs", "", "1.25"), ("policy", "v1beta1", "poddisruptionbudgets", "", "1.25"),
          ("autoscaling", "v2beta2", "horizontalpodautoscalers", "", "1.26"), ("flowcontrol.apiserver.k8s.io", "v1beta3", "flowschemas", "status", "1.32")]
with open(os.path.join(root, "..", "metrics.txt"), "w") as f:
    f.write("# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.\n# TYPE apiserver_request_total counter\n")
    for j in range(2000):
        f.write(f'apiserver_request_total{{code="200",component="apiserver",dry_run="",group="apps",resource="r{j}",scope="cluster",subresource="",verb="LIST",version="v1"}} {j}\n')
    f.write("# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.\n# TYPE apiserver_requested_deprecated_apis gauge\n")
    for g, v, res, sub, rel in series:
        f.write(f'apiserver_requested_deprecated_apis{{group="{g}",removed_release="{rel}",resource="{res}",subresource="{sub}",version="{v}"}} 1\n')
exp["requested"] = len(series); exp["deprecated"] += len(series)
print(made, exp["lastApplied"], exp["deprecated"], exp["releases"], exp["stsWithoutPdb"], exp["workloads"], exp["requested"])
PY
}

KINDS=secrets,configmaps,deployments.apps,statefulsets.apps,daemonsets.apps,replicasets.apps,cronjobs.batch,horizontalpodautoscalers.autoscaling,poddisruptionbudgets.policy,ingresses.networking.k8s.io,networkpolicies.networking.k8s.io,roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io,clusterroles.rbac.authorization.k8s.io,clusterrolebindings.rbac.authorization.k8s.io,ingressclasses.networking.k8s.io,storageclasses.storage.k8s.io,csidrivers.storage.k8s.io,priorityclasses.scheduling.k8s.io,customresourcedefinitions.apiextensions.k8s.io,mutatingwebhookconfigurations.admissionregistration.k8s.io,validatingwebhookconfigurations.admissionregistration.k8s.io,apiservices.apiregistration.k8s.io
ms() { local t0 t1; t0=$(date +%s%N); "$@"; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
ROWS=""
CHECKS=""

measure() { # objects
  local n=$1 dir="$WORK/cluster-$1" port
  mkdir -p "$dir"
  read -r made e_last e_dep e_rel e_sts e_work e_req < <(generate "$n" "$dir/objects")
  port=$(free_port)
  "$BENCH_DIR/fake-cluster.sh" --port "$port" --kubeconfig "$dir/kubeconfig" --objects "$dir/objects" --metrics "$dir/metrics.txt" \
    > "$dir/fake.log" 2>&1 & PIDS+=($!); local fake_pid=$!
  for _ in $(seq 1 1200); do grep -q 'fake cluster ready' "$dir/fake.log" && break; kill -0 "$fake_pid" 2>/dev/null || break; sleep 0.25; done
  grep -q 'fake cluster ready' "$dir/fake.log" || { echo "bench: the fake cluster did not start:" >&2; cat "$dir/fake.log" >&2; exit 1; }
  local sg=("$ROOT/smokegate" techdebt --kubeconfig "$dir/kubeconfig" --format json --target-version v1.32)
  "${sg[@]}" > /dev/null; "$ROOT/smokegate" techdebt --help > /dev/null   # the class-data archive, then adopted
  kubectl --kubeconfig "$dir/kubeconfig" get "$KINDS" -A -o json > /dev/null                # warms the fake cluster too
  local k_ms=() k_rss=() s_ms=() s_rss=() x_ms=() x_rss=()
  for round in $(seq 1 "$ROUNDS"); do
    k_ms+=("$(ms sh -c "/usr/bin/time -f '%M' -o '$dir/k.rss' sh -c 'kubectl --kubeconfig $dir/kubeconfig get $KINDS -A -o json > $dir/kubectl.json && kubectl --kubeconfig $dir/kubeconfig get --raw /metrics > /dev/null'")")
    k_rss+=("$(( $(tail -1 "$dir/k.rss") / 1024 ))")
    s_ms+=("$(ms sh -c "/usr/bin/time -f '%M' -o '$dir/s.rss' ${sg[*]} > '$dir/scan.json'")")
    s_rss+=("$(( $(tail -1 "$dir/s.rss") / 1024 ))")
    x_ms+=("$(ms sh -c "SMOKEGATE_JAVA_OPTS=-Xmx64m /usr/bin/time -f '%M' -o '$dir/x.rss' ${sg[*]} > '$dir/scan64.json'")")
    x_rss+=("$(( $(tail -1 "$dir/x.rss") / 1024 ))")
    echo "$n objects, round $round: kubectl ${k_ms[-1]} ms ${k_rss[-1]} MiB, smokegate ${s_ms[-1]} ms ${s_rss[-1]} MiB, -Xmx64m ${x_ms[-1]} ms ${x_rss[-1]} MiB" >&2
  done
  kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true
  local listed; listed=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$dir/kubectl.json")
  local got
  for scan in "$dir/scan.json" "$dir/scan64.json"; do
    got=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); f=s["figures"]
print(f["lastAppliedObjects"], f["deprecatedApiObjects"], f["helmReleases"], f["statefulSetsWithoutPdb"], f["hygieneWorkloads"], f["deprecatedApisRequested"], len(s["skipped"]))' "$scan")
    [ "$got" = "$e_last $e_dep $e_rel $e_sts $e_work $e_req 0" ] || {
      echo "bench: $scan: smokegate's figures (lastAppliedObjects deprecatedApiObjects helmReleases statefulSetsWithoutPdb hygieneWorkloads deprecatedApisRequested skipped) are $got, the generator made $e_last $e_dep $e_rel $e_sts $e_work $e_req 0" >&2; exit 1; }
  done
  ROWS+="| $made | \`kubectl get <the same $(( $(tr -cd , <<< "$KINDS" | wc -c) + 1 )) kinds> -A -o json\` + \`kubectl get --raw /metrics\` (naive reference: $listed objects read, none judged) | $(median "${k_ms[@]}") | $(max "${k_rss[@]}") MiB |
| $made | \`smokegate techdebt --kubeconfig F --format json --target-version v1.32\` | $(median "${s_ms[@]}") | $(max "${s_rss[@]}") MiB |
| $made | the same with \`SMOKEGATE_JAVA_OPTS=-Xmx64m\` | $(median "${x_ms[@]}") | $(max "${x_rss[@]}") MiB |
"
  X_RSS=$(max "${x_rss[@]}")
  CHECKS+="$made objects: $e_last last-applied annotations, $e_dep deprecated objects (of them $e_req requested APIs), $e_rel Helm releases, $e_sts StatefulSets without a PDB, $e_work workloads. "
}

measure "$FLAT"; X_FLAT=$X_RSS
measure "$OBJECTS"; X_FULL=$X_RSS

publish techdebt-cluster <<MD
Command: \`bench/techdebt-cluster.sh $OBJECTS $ROUNDS\` (and FLAT=$FLAT) — $(machine). A fake cluster (\`bench/fake-cluster.sh\`: Fabric8's CRUD mock with pagination, in another JVM on the same 2 cores) loaded by a seeded generator with a realistic mix: Deployments with their ReplicaSets, StatefulSets with and without PodDisruptionBudgets, DaemonSets, Services, ConfigMaps, Secrets, Helm release Secrets encoded as Helm's secret driver stores them (superseded revisions beside the deployed one), Ingresses, CronJobs, HPAs, RBAC objects, NetworkPolicies; 80 % with a kubectl last-applied annotation, 10–20 % of those with a deprecated apiVersion; a /metrics page of 2,000 other series and 4 \`apiserver_requested_deprecated_apis\` series. Wall time: median of $ROUNDS rounds; peak RSS: the largest of the rounds (whole commands, JVM start included).

| objects | command | wall ms | peak RSS |
|---|---|---:|---:|
$ROWS
Target: 5,000 objects in ≤ 5 s with flat memory. smokegate makes 27 lists (Helm Secrets and ConfigMaps with \`owner=helm,status=deployed\` in pages of 50; Deployments, StatefulSets, DaemonSets and PodDisruptionBudgets for hygiene; the 21 last-applied kinds as metadata-only pages of 500) and one GET of /metrics, decodes each deployed release, judges every workload and annotation; objects are judged and dropped page by page, so what it holds is bounded by a page and the findings, not by the cluster. Without a heap limit the JVM (default maximum heap: a quarter of the RAM) lets garbage accumulate before collecting, so peak RSS then follows the bytes read; \`-Xmx64m\` shows the live memory: the same scan, as fast, with peak RSS $X_FLAT MiB at $FLAT objects and $X_FULL MiB at $OBJECTS (JVM, class data and code cache included). kubectl reads every object of the same kinds (all Secrets and ConfigMaps, not only Helm's), holds them and prints them. The figures match what the generator made: $CHECKS
MD
sed -n '/techdebt-cluster:start/,/techdebt-cluster:end/p' "$BENCH_DIR/README.md"
