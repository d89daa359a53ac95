#!/usr/bin/env bash
# The fake Kubernetes API server of the tests (io.smokegate.testing.kube.FakeCluster: Fabric8's CRUD mock plus
# pagination, in/notin selectors, API discovery for kubectl and the Chaos Mesh, Argo CD, Flux and cert-manager
# CRDs) as a process of its own: writes a kubeconfig pointing at it, loads every YAML object of --objects (a
# directory, searched recursively, or a file), prints one "fake cluster ready: URL (...)" line and serves on
# 127.0.0.1 until killed. Point kubectl or smokegate at it with KUBECONFIG=FILE or --kubeconfig FILE.
# Usage: bench/fake-cluster.sh --port PORT --kubeconfig FILE [--objects DIR] [--metrics FILE] [--context NAME]... [--tls] [--chaos-controller] [--record-chaos FILE]
#   --chaos-controller runs a simulated Chaos Mesh controller (SimulatedChaosController): chaos objects get the
#   finalizer chaos-mesh/records and the Selected/AllInjected/AllRecovered/Paused conditions, and are removed when
#   deleted; it honours the pause and cleanFinalizer=forced annotations, and shows as the Available Deployment
#   chaos-mesh/chaos-controller-manager. It also loads bench/fake-cluster/chaos-demo.yaml (not otherwise loaded
#   unless --objects covers it, and then not twice): namespace demo with 3 Running pods app=demo-proxy, their Deployment and Service,
#   the targets of chaos-scenarios/demo.yaml.
#   Then: smokegate chaos run chaos-scenarios/demo.yaml --kubeconfig FILE (checklist chaos-demo, about 30 s).
#   --record-chaos FILE: at exit (SIGTERM), every chaos object ever created, one JSON document per line (bench/chaos-kill.sh).
#   --metrics serves FILE (Prometheus text format) at GET /metrics, as an API server does.
#   --port 0 picks a free port (the ready line and the kubeconfig name it); --context may repeat (default: fake).
set -euo pipefail
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
classpath="$ROOT/target/fake-cluster.classpath"

# The test classes and the class path of their dependencies, built by Maven (offline when it can be).
build=(-q -B test-compile dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=test)
(cd "$ROOT" && { ./mvnw -o "${build[@]}" || ./mvnw "${build[@]}"; }) >&2

java_bin=""
for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$j")")")/release" 2>/dev/null || true)
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then java_bin=$j; break; fi
done
[ -n "$java_bin" ] || { echo "fake-cluster: needs a JDK >= 21 (JAVA_HOME or /usr/lib/jvm)" >&2; exit 2; }

exec "$java_bin" -XX:TieredStopAtLevel=1 -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$classpath")" \
  io.smokegate.testing.kube.FakeClusterMain "$@"
