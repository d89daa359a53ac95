package io.smokegate.dashboards;

import io.smokegate.techdebt.helm.HelmStorage;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The fake cluster the cluster dashboard watches, with what a real one in trouble holds: three nodes, one not Ready;
 * Deployments, a StatefulSet and a DaemonSet with the status their controllers write, one crash-looping; TLS Secrets
 * with real certificates, one expiring in 5 days; two Argo CD Applications, one out of sync; a Helm release of an
 * outdated chart; and {@code /readyz} reporting etcd failed. Its kubeconfig names it twice, {@code staging} and
 * {@code prod}, the contexts the drift check compares.
 */
final class WatchedCluster implements AutoCloseable {

    static final String STAGING = "staging";
    static final String PROD = "prod";
    private static final Certificates.Authority CA = Certificates.authority("athens CA");

    private final FakeCluster fake;

    private WatchedCluster(FakeCluster fake) {
        this.fake = fake;
    }

    /** Starts the fake cluster and fills it; the caller closes it. */
    static WatchedCluster start() {
        FakeCluster fake = FakeCluster.start();
        try {
            WatchedCluster cluster = new WatchedCluster(fake);
            cluster.fill();
            return cluster;
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    Path writeKubeconfig(Path file) {
        return fake.writeKubeconfig(file, STAGING, PROD);
    }

    private void fill() {
        fake.create("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: athens}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: argocd}
                """);
        fake.create(node("node-a", true) + "---\n" + node("node-b", true) + "---\n" + node("node-c", false));
        fake.create(deployment("proxy", 3, 3) + "---\n" + deployment("storage-gc", 1, 0) + "---\n" + """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: redis, namespace: athens, generation: 1}
                spec:
                  replicas: 1
                  serviceName: redis
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec: {containers: [{name: redis, image: "redis:7.4.1"}]}
                status: {observedGeneration: 1, replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1,
                  currentRevision: redis-7c9d8b6f5, updateRevision: redis-7c9d8b6f5}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: node-exporter, namespace: athens, generation: 1}
                spec:
                  selector: {matchLabels: {app: node-exporter}}
                  template:
                    metadata: {labels: {app: node-exporter}}
                    spec: {containers: [{name: node-exporter, image: "quay.io/prometheus/node-exporter:v1.8.2"}]}
                status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3,
                  numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0}
                """);
        fake.create(pod("proxy-7d4b9c-a", "proxy", running(2)) + "---\n" + pod("proxy-7d4b9c-b", "proxy", running(0))
                + "---\n" + pod("storage-gc-5f6a7b-a", "storage-gc", """
                        {name: storage-gc, image: "gomods/athens:v0.15.4", ready: false, started: false, restartCount: 7,
                          state: {waiting: {reason: CrashLoopBackOff, message: "back-off 5m0s restarting failed container"}},
                          lastState: {terminated: {reason: Error, exitCode: 1}}}"""));
        fake.create(tls("proxy-tls", "proxy.athens.example", 200) + "---\n" + tls("ingress-tls", "athens.example", 40)
                + "---\n" + tls("legacy-api-tls", "legacy.athens.example", 5));
        fake.create(application("athens", "Synced", "Healthy") + "---\n" + application("ledger", "OutOfSync", "Degraded"));
        fake.create(HelmStorage.secret("web", "athens", 1, "deployed", "nginx", "1.2.0", ""));
        fake.readyz("etcd");
    }

    private static String node(String name, boolean ready) {
        return """
                apiVersion: v1
                kind: Node
                metadata: {name: %1$s, labels: {kubernetes.io/hostname: %1$s}}
                spec: {providerID: "aws:///eu-west-1a/i-0%1$s"}
                status:
                  conditions:
                  - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory}
                  - {type: DiskPressure, status: "False", reason: KubeletHasNoDiskPressure}
                  - {type: PIDPressure, status: "False", reason: KubeletHasSufficientPID}
                  - {type: Ready, status: "%2$s", reason: %3$s}
                  nodeInfo: {kubeletVersion: %4$s, kubeProxyVersion: %4$s, osImage: Ubuntu 24.04.1 LTS,
                    containerRuntimeVersion: "containerd://1.7.24", operatingSystem: linux, architecture: amd64}
                """.formatted(name, ready ? "True" : "False", ready ? "KubeletReady" : "KubeletNotReady", "v1.32.0");
    }

    private static String deployment(String name, int replicas, int ready) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: athens, generation: 1, labels: {app.kubernetes.io/part-of: athens}}
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: %1$s, image: "gomods/athens:v0.15.4"}]}
                status: {observedGeneration: 1, replicas: %2$d, readyReplicas: %3$d, availableReplicas: %3$d, updatedReplicas: %2$d}
                """.formatted(name, replicas, ready);
    }

    private static String running(int restarts) {
        return """
                {name: proxy, image: "gomods/athens:v0.15.4", ready: true, started: true, restartCount: %d,
                  state: {running: {startedAt: "2026-11-30T10:00:00Z"}}}""".formatted(restarts);
    }

    private static String pod(String name, String app, String containerStatus) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, namespace: athens, labels: {app: %2$s, pod-template-hash: 7d4b9c}}
                spec: {containers: [{name: %2$s, image: "gomods/athens:v0.15.4"}]}
                status:
                  phase: Running
                  containerStatuses:
                  - %3$s
                """.formatted(name, app, containerStatus.replace("\n", "\n    "));
    }

    /** A Secret of type kubernetes.io/tls holding a real certificate for {@code host} that expires in {@code days}. */
    private static String tls(String name, String host, int days) {
        Instant now = Instant.now();
        String pem = CA.leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(days)).plusSeconds(3600), host).certificatePem();
        return """
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/tls
                metadata: {name: %s, namespace: athens}
                data: {tls.crt: %s, tls.key: %s}
                """.formatted(name, base64(pem), base64("-----BEGIN PRIVATE KEY-----\nnot read\n-----END PRIVATE KEY-----\n"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An Application as Argo CD's controller leaves it after syncing, in the given sync and health state. */
    private static String application(String name, String sync, String health) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %1$s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %1$s}
                status:
                  sync: {status: %2$s, revision: 3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a}
                  health: {status: %3$s}
                """.formatted(name, sync, health);
    }

    @Override
    public void close() {
        fake.close();
    }
}
