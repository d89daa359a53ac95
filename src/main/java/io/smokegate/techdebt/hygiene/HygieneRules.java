package io.smokegate.techdebt.hygiene;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.smokegate.techdebt.HygieneFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The workload hygiene rules, with Fairwinds Polaris's check ids ({@code pkg/config/default.yaml}) so findings
 * read like a Polaris report. Container rules look at {@code containers} (not init containers, as Polaris); a
 * workload that breaks a rule in several containers is one finding naming them.
 */
public final class HygieneRules {

    public static final String MISSING_PDB = "missingPodDisruptionBudget";
    public static final String MISSING_REPLICAS = "deploymentMissingReplicas";
    public static final String LIVENESS = "livenessProbeMissing";
    public static final String READINESS = "readinessProbeMissing";
    public static final String CPU_REQUESTS = "cpuRequestsMissing";
    public static final String MEMORY_REQUESTS = "memoryRequestsMissing";
    public static final String CPU_LIMITS = "cpuLimitsMissing";
    public static final String MEMORY_LIMITS = "memoryLimitsMissing";
    public static final String TAG = "tagNotSpecified";
    public static final String RUN_AS_ROOT = "runAsRootAllowed";

    /** Every check id, in the order findings of one workload are listed. */
    public static final List<String> CHECKS = List.of(MISSING_PDB, MISSING_REPLICAS, LIVENESS, READINESS, CPU_REQUESTS,
            MEMORY_REQUESTS, CPU_LIMITS, MEMORY_LIMITS, TAG, RUN_AS_ROOT);

    /**
     * A workload as the rules see it.
     *
     * @param replicas desired replicas (null: the API default of 1 for Deployments and StatefulSets; DaemonSets have none)
     * @param labels   the pod template's labels, which a PodDisruptionBudget selects
     */
    public record Workload(String kind, String namespace, String name, Integer replicas, Map<String, String> labels, PodSpec pod) {
    }

    private HygieneRules() {
    }

    /**
     * The findings of {@code w}. {@code hasPdb} says whether a PodDisruptionBudget of its namespace selects its pods;
     * null when that is unknown (the budgets could not be listed), which leaves the PDB rule out.
     */
    public static List<HygieneFinding> judge(Workload w, Boolean hasPdb) {
        List<HygieneFinding> out = new ArrayList<>();
        int replicas = w.replicas() == null ? 1 : w.replicas();
        boolean needsPdb = w.kind().equals("StatefulSet") || w.kind().equals("Deployment") && replicas > 1;
        if (needsPdb && Boolean.FALSE.equals(hasPdb)) {
            out.add(finding(MISSING_PDB, w, "no PodDisruptionBudget selects its pods (labels " + labels(w.labels())
                    + "): a node drain may evict " + (replicas > 1 ? "all " + replicas + " replicas" : "it") + " at once"));
        }
        if (w.kind().equals("Deployment") && replicas < 2) {
            out.add(finding(MISSING_REPLICAS, w, replicas + " replica" + (replicas == 1 ? "" : "s")
                    + ": its pod is down whenever it restarts or its node is drained; set spec.replicas to 2 or more"));
        }
        List<Container> containers = w.pod() == null || w.pod().getContainers() == null ? List.of() : w.pod().getContainers();
        containers(out, w, LIVENESS, containers, c -> c.getLivenessProbe() == null, "no livenessProbe");
        containers(out, w, READINESS, containers, c -> c.getReadinessProbe() == null, "no readinessProbe");
        containers(out, w, CPU_REQUESTS, containers, c -> !hasResource(c, true, "cpu"), "no resources.requests.cpu");
        containers(out, w, MEMORY_REQUESTS, containers, c -> !hasResource(c, true, "memory"), "no resources.requests.memory");
        containers(out, w, CPU_LIMITS, containers, c -> !hasResource(c, false, "cpu"), "no resources.limits.cpu");
        containers(out, w, MEMORY_LIMITS, containers, c -> !hasResource(c, false, "memory"), "no resources.limits.memory");
        List<String> moving = new ArrayList<>();
        for (Container c : containers) {
            String problem = imageProblem(c.getImage());
            if (problem != null) {
                moving.add(c.getName() + " (" + c.getImage() + ": " + problem + ")");
            }
        }
        if (!moving.isEmpty()) {
            out.add(finding(TAG, w, "image without a fixed tag in " + plural(moving.size()) + " " + String.join(", ", moving)
                    + ": what runs changes with the registry; pin a version or a digest"));
        }
        PodSecurityContext pod = w.pod() == null ? null : w.pod().getSecurityContext();
        containers(out, w, RUN_AS_ROOT, containers, c -> mayRunAsRoot(pod, c.getSecurityContext()),
                "may run as root: neither it nor the pod sets runAsNonRoot: true or a runAsUser above 0");
        return out;
    }

    /**
     * Why an image reference has no fixed version, or null when it has one: a digest ({@code @sha256:…}) or a tag
     * other than {@code latest}. A colon before the last slash is a registry port, not a tag.
     */
    static String imageProblem(String image) {
        if (image == null || image.isBlank()) {
            return "no image";
        }
        if (image.contains("@")) {
            return null;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return "no tag, which means latest";
        }
        return image.substring(colon + 1).equals("latest") ? "the moving tag latest" : null;
    }

    /** Root unless the effective user (container over pod) is above 0, or runAsNonRoot is true without user 0. */
    static boolean mayRunAsRoot(PodSecurityContext pod, SecurityContext container) {
        Long user = container != null && container.getRunAsUser() != null ? container.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        Boolean nonRoot = container != null && container.getRunAsNonRoot() != null ? container.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        if (user != null) {
            return user == 0;
        }
        return !Boolean.TRUE.equals(nonRoot);
    }

    private static boolean hasResource(Container c, boolean requests, String name) {
        if (c.getResources() == null) {
            return false;
        }
        Map<String, Quantity> values = requests ? c.getResources().getRequests() : c.getResources().getLimits();
        Quantity q = values == null ? null : values.get(name);
        return q != null && q.getAmount() != null && !q.getAmount().isBlank();
    }

    private static void containers(List<HygieneFinding> out, Workload w, String check, List<Container> containers,
                                   Predicate<Container> fails, String what) {
        List<String> names = containers.stream().filter(fails).map(Container::getName).toList();
        if (!names.isEmpty()) {
            out.add(finding(check, w, plural(names.size()) + " " + String.join(", ", names) + ": " + what));
        }
    }

    private static String plural(int n) {
        return n == 1 ? "container" : "containers";
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        new java.util.TreeMap<>(labels).forEach((k, v) -> s.append(s.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return s.toString();
    }

    private static HygieneFinding finding(String check, Workload w, String message) {
        return new HygieneFinding(check, w.kind(), w.namespace(), w.name(), message);
    }
}
