package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether one GitOps object is where its controller wants it, read from the status its controller writes:
 * <ul>
 * <li>Argo CD Application: {@code status.sync.status} is {@code Synced} and {@code status.health.status} is
 *     {@code Healthy}; the revision is {@code status.sync.revision} ({@code revisions} for multi-source apps).
 * <li>Flux Kustomization: the {@code Ready} condition is {@code True}, the controller has observed the current
 *     generation, and {@code status.lastAppliedRevision} equals {@code status.lastAttemptedRevision} (a newer
 *     attempted revision is one that failed to apply).
 * <li>Flux HelmRelease: the same, where the applied revision of {@code helm.toolkit.fluxcd.io/v2} (which has no
 *     {@code lastAppliedRevision}) is the chart version of the newest {@code deployed} release in
 *     {@code status.history}, with the first 12 characters of its OCI digest appended as Flux does for
 *     {@code lastAttemptedRevision}.
 * </ul>
 *
 * @param status   short state for a table: {@code Synced/Healthy}, {@code Ready}, {@code NotReady}
 * @param revision what is applied (a Git revision, or a chart version), or {@code none}
 * @param problems why it is not in sync; empty when it is
 */
public record GitOpsState(GitOpsKind kind, String namespace, String name, String status, String revision,
                          List<String> problems) {

    /** Longer controller messages are cut: they can hold whole rendering errors. */
    private static final int MAX_MESSAGE = 200;

    public GitOpsState {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** {@code Application argocd/payments}. */
    public String describe() {
        return kind.kind() + " " + namespace + "/" + name;
    }

    /** The object for the {@code objects} detail: kind, namespace, name, status, revision. */
    public Map<String, Object> asDetail() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind.kind());
        out.put("namespace", namespace);
        out.put("name", name);
        out.put("status", status);
        out.put("revision", revision);
        return out;
    }

    public static GitOpsState of(GitOpsKind kind, GenericKubernetesResource object) {
        Map<String, Object> root = object.getAdditionalProperties();
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        return kind == GitOpsKind.APPLICATION ? argo(namespace, name, root) : flux(kind, namespace, name, object, root);
    }

    private static GitOpsState argo(String namespace, String name, Map<String, Object> root) {
        String sync = Fields.text(root, "status", "sync", "status");
        String health = Fields.text(root, "status", "health", "status");
        sync = sync == null ? "Unknown" : sync;
        health = health == null ? "Unknown" : health;
        String revision = Fields.text(root, "status", "sync", "revision");
        if (revision == null && Fields.at(root, "status", "sync", "revisions") instanceof List<?> revisions && !revisions.isEmpty()) {
            revision = String.join(",", revisions.stream().map(String::valueOf).toList());
        }
        List<String> problems = new ArrayList<>();
        String who = "Application " + namespace + "/" + name;
        if (!sync.equals("Synced") || !health.equals("Healthy")) {
            StringBuilder why = new StringBuilder(who + " is " + sync + " and " + health);
            String healthMessage = Fields.text(root, "status", "health", "message");
            if (healthMessage != null) {
                why.append(": ").append(cut(healthMessage));
            }
            String phase = Fields.text(root, "status", "operationState", "phase");
            String operation = Fields.text(root, "status", "operationState", "message");
            if (("Failed".equals(phase) || "Error".equals(phase)) && operation != null) {
                why.append("; last sync ").append(phase.toLowerCase(java.util.Locale.ROOT)).append(": ").append(cut(operation));
            }
            for (Map<?, ?> condition : Fields.maps(Fields.at(root, "status", "conditions"))) {
                // ComparisonError, SyncError, InvalidSpecError …: what keeps the app from syncing at all.
                if (String.valueOf(condition.get("type")).endsWith("Error") && condition.get("message") != null) {
                    why.append("; ").append(condition.get("type")).append(": ").append(cut(String.valueOf(condition.get("message"))));
                    break;
                }
            }
            problems.add(why.toString());
        }
        return new GitOpsState(GitOpsKind.APPLICATION, namespace, name, sync + "/" + health,
                revision == null ? "none" : revision, problems);
    }

    private static GitOpsState flux(GitOpsKind kind, String namespace, String name, GenericKubernetesResource object,
                                    Map<String, Object> root) {
        String who = kind.kind() + " " + namespace + "/" + name;
        Map<?, ?> ready = Fields.maps(Fields.at(root, "status", "conditions")).stream()
                .filter(c -> "Ready".equals(c.get("type"))).findFirst().orElse(null);
        String readyStatus = ready == null ? null : String.valueOf(ready.get("status"));
        String status = "True".equals(readyStatus) ? "Ready" : "False".equals(readyStatus) ? "NotReady" : "Unknown";
        if (Boolean.TRUE.equals(Fields.at(root, "spec", "suspend"))) {
            status += " (suspended)";
        }
        String applied = Fields.text(root, "status", "lastAppliedRevision");
        if (applied == null && kind == GitOpsKind.HELM_RELEASE) {
            applied = helmApplied(root);
        }
        String attempted = Fields.text(root, "status", "lastAttemptedRevision");
        List<String> problems = new ArrayList<>();
        if (!"True".equals(readyStatus)) {
            String reason = ready == null ? null : (String) ready.get("reason");
            String message = ready == null ? null : (String) ready.get("message");
            problems.add(who + " is not Ready" + (ready == null ? " (no Ready condition yet)"
                    : ": " + (reason == null ? "" : reason) + (message == null ? "" : (reason == null ? "" : ": ") + cut(message))));
        }
        if (attempted != null && !attempted.equals(applied)) {
            problems.add(who + " applied " + (applied == null ? "nothing yet" : applied) + " but the last attempted revision is "
                    + attempted);
        }
        Long generation = object.getMetadata().getGeneration();
        if (Fields.at(root, "status", "observedGeneration") instanceof Number observed && generation != null
                && observed.longValue() < generation) {
            problems.add(who + " has not reconciled its current spec yet (generation " + generation + ", observed "
                    + observed.longValue() + ")");
        }
        return new GitOpsState(kind, namespace, name, status, applied == null ? "none" : applied, problems);
    }

    /**
     * The release that runs, as {@code lastAttemptedRevision} spells its chart version: the newest {@code deployed}
     * snapshot of the history (newest first; a failed upgrade is a newer {@code failed} one above it).
     */
    private static String helmApplied(Map<String, Object> root) {
        Map<?, ?> deployed = Fields.maps(Fields.at(root, "status", "history")).stream()
                .filter(h -> "deployed".equals(h.get("status")) && h.get("chartVersion") != null).findFirst().orElse(null);
        if (deployed == null) {
            return null;
        }
        String version = String.valueOf(deployed.get("chartVersion"));
        if (deployed.get("ociDigest") instanceof String digest && !digest.isBlank()) {
            String hex = digest.substring(digest.indexOf(':') + 1);
            version += "+" + hex.substring(0, Math.min(12, hex.length()));
        }
        return version;
    }

    private static String cut(String message) {
        String one = message.replaceAll("\\s+", " ").strip();
        return one.length() > MAX_MESSAGE ? one.substring(0, MAX_MESSAGE) + "…" : one;
    }
}
