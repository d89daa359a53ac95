package io.smokegate.check.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smokegate.testing.kube.FakeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Argo CD and Flux objects with the status their controllers write (field for field as Argo CD v2.13's
 * application controller, kustomize-controller v1.4 and helm-controller v1.1 leave them), for the fake cluster.
 */
public final class GitOpsObjects {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static final String SHA_A = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a";
    static final String SHA_B = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";

    private GitOpsObjects() {
    }

    /**
     * Creates a GitOps object with its status. The Flux definitions have a status subresource, so the API server
     * (and the fake) drop the status on create; as the controllers do, the status is then written to {@code /status}.
     */
    public static void create(FakeCluster fake, String yaml) {
        fake.create(yaml);
        ObjectNode object = read(yaml);
        String path = path(object);
        ObjectNode stored = read(send(fake, "GET", path, null));
        stored.set("status", object.path("status"));
        send(fake, "PUT", path + "/status", stored.toString());
    }

    /** Changes the spec of a stored object as {@code kubectl edit} would: the API server counts a new generation. */
    static void editSpec(FakeCluster fake, String yaml, String field, String value) {
        String path = path(read(yaml));
        ObjectNode stored = read(send(fake, "GET", path, null));
        stored.withObjectProperty("spec").put(field, value);
        send(fake, "PUT", path, stored.toString());
    }

    private static ObjectNode read(String yamlOrJson) {
        try {
            return (ObjectNode) YAML.readTree(yamlOrJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(ObjectNode object) {
        GitOpsKind kind = GitOpsKind.parse(object.path("kind").asText()).orElseThrow();
        JsonNode metadata = object.path("metadata");
        return "/apis/" + kind.resource().groupVersion() + "/namespaces/" + metadata.path("namespace").asText()
                + "/" + kind.resource().resource() + "/" + metadata.path("name").asText();
    }

    private static String send(FakeCluster fake, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.url() + path)).timeout(Duration.ofSeconds(5));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An automated Application after a successful sync of {@code revision}, in the given sync and health state. */
    static String application(String namespace, String name, String sync, String health, String revision) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %2$s
                  namespace: %1$s
                  labels: {team: %2$s}
                  finalizers: [resources-finalizer.argocd.argoproj.io]
                spec:
                  project: default
                  source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%2$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %2$s}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                status:
                  sync:
                    status: %3$s
                    revision: %5$s
                    comparedTo:
                      source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%2$s, targetRevision: main}
                      destination: {server: "https://kubernetes.default.svc", namespace: %2$s}
                  health: {status: %4$s, lastTransitionTime: "2026-11-30T10:02:11Z"}
                  reconciledAt: "2026-11-30T10:05:00Z"
                  operationState:
                    operation:
                      sync: {revision: %5$s, prune: true}
                      initiatedBy: {automated: true}
                    phase: Succeeded
                    message: successfully synced (all tasks run)
                    startedAt: "2026-11-30T10:01:58Z"
                    finishedAt: "2026-11-30T10:02:03Z"
                    syncResult:
                      revision: %5$s
                      source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%2$s, targetRevision: main}
                  history:
                  - id: 7
                    revision: %5$s
                    deployStartedAt: "2026-11-30T10:01:58Z"
                    deployedAt: "2026-11-30T10:02:03Z"
                    source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%2$s, targetRevision: main}
                  summary:
                    images: ["ghcr.io/example/%2$s:1.4.2"]
                  sourceType: Directory
                  controllerNamespace: argocd
                """.formatted(namespace, name, sync, health, revision);
    }

    /** An Application whose last sync failed and whose manifests no longer render: OutOfSync, Degraded. */
    static String brokenApplication(String namespace, String name) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  project: default
                  source: {repoURL: "https://git.example.com/platform/deploy.git", path: apps/%2$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %2$s}
                status:
                  sync:
                    status: OutOfSync
                    revision: %3$s
                  health: {status: Degraded, lastTransitionTime: "2026-11-30T11:00:00Z"}
                  conditions:
                  - type: ComparisonError
                    message: "Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = apps/%2$s: app path does not exist"
                    lastTransitionTime: "2026-11-30T11:00:00Z"
                  operationState:
                    operation: {sync: {revision: %3$s}, initiatedBy: {automated: true}}
                    phase: Failed
                    message: "one or more objects failed to apply, reason: Deployment.apps \\"%2$s\\" is invalid: spec.template.spec.containers[0].image: Required value"
                    startedAt: "2026-11-30T10:59:40Z"
                    finishedAt: "2026-11-30T10:59:44Z"
                    syncResult: {revision: %3$s}
                """.formatted(namespace, name, SHA_B);
    }

    /** A Kustomization that applied {@code applied} and last attempted {@code attempted}. */
    static String kustomization(String namespace, String name, String applied, String attempted, boolean ready) {
        String condition = ready
                ? "{type: Ready, status: \"True\", reason: ReconciliationSucceeded, message: \"Applied revision: " + applied
                        + "\", lastTransitionTime: \"2026-11-30T10:03:00Z\", observedGeneration: 1}"
                : "{type: Ready, status: \"False\", reason: BuildFailed, message: \"kustomize build failed: accumulating "
                        + "resources: accumulation err='accumulating resources from 'ledger': open /tmp/kustomization-1/apps/ledger: "
                        + "no such file or directory'\", lastTransitionTime: \"2026-11-30T11:10:00Z\", observedGeneration: 1}";
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  interval: 10m
                  path: ./apps/production
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                status:
                  observedGeneration: 1
                  lastAppliedRevision: "%3$s"
                  lastAttemptedRevision: "%4$s"
                  conditions:
                  - %5$s
                  - {type: Healthy, status: "True", reason: Succeeded, message: Health check passed in 2.01s, lastTransitionTime: "2026-11-30T10:03:00Z", observedGeneration: 1}
                  inventory:
                    entries:
                    - {id: %2$s_%2$s_apps_Deployment, v: v1}
                """.formatted(namespace, name, applied, attempted, condition);
    }

    /** A HelmRelease that upgraded to chart {@code deployed}; with {@code failed}, a later upgrade to it failed. */
    static String helmRelease(String namespace, String name, String deployed, String failed) {
        String failedSnapshot = failed == null ? "" : """
                  - {name: %1$s, namespace: %1$s, version: 3, status: failed, chartName: %1$s, chartVersion: %2$s, appVersion: %2$s, configDigest: "sha256:1f0e", digest: "sha256:9a8b", firstDeployed: "2026-11-30T11:20:00Z", lastDeployed: "2026-11-30T11:20:00Z"}
                """.formatted(name, failed);
        String ready = failed == null
                ? "{type: Ready, status: \"True\", reason: UpgradeSucceeded, message: \"Helm upgrade succeeded for release "
                        + name + "/" + name + ".v2 with chart " + name + "@" + deployed + "\", lastTransitionTime: \"2026-11-30T10:04:00Z\"}"
                : "{type: Ready, status: \"False\", reason: UpgradeFailed, message: \"Helm upgrade failed for release "
                        + name + "/" + name + " with chart " + name + "@" + failed + ": context deadline exceeded\", lastTransitionTime: \"2026-11-30T11:25:00Z\"}";
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  interval: 10m
                  chart:
                    spec:
                      chart: %2$s
                      version: ">=6.0.0"
                      sourceRef: {kind: HelmRepository, name: %2$s, namespace: flux-system}
                status:
                  observedGeneration: 1
                  lastAttemptedGeneration: 1
                  lastAttemptedRevision: "%4$s"
                  lastAttemptedConfigDigest: "sha256:1f0e"
                  lastAttemptedReleaseAction: upgrade
                  storageNamespace: %1$s
                  helmChart: flux-system/%1$s-%2$s
                  history:
                %5$s  - {name: %2$s, namespace: %1$s, version: 2, status: deployed, chartName: %2$s, chartVersion: "%3$s", appVersion: "%3$s", configDigest: "sha256:0c1d", digest: "sha256:7e6f", firstDeployed: "2026-11-01T09:00:00Z", lastDeployed: "2026-11-30T10:04:00Z"}
                  - {name: %2$s, namespace: %1$s, version: 1, status: superseded, chartName: %2$s, chartVersion: "6.0.0", appVersion: "6.0.0", configDigest: "sha256:0a0b", digest: "sha256:5c5d", firstDeployed: "2026-11-01T09:00:00Z", lastDeployed: "2026-11-01T09:00:00Z"}
                  conditions:
                  - %6$s
                  - {type: Released, status: "%7$s", reason: %8$s, lastTransitionTime: "2026-11-30T10:04:00Z"}
                """.formatted(namespace, name, deployed, failed == null ? deployed : failed, failedSnapshot, ready,
                failed == null ? "True" : "False", failed == null ? "UpgradeSucceeded" : "UpgradeFailed");
    }
}
