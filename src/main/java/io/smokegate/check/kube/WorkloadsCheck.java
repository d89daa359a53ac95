package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ListSummary;
import io.smokegate.kube.ResourceRef;
import io.smokegate.text.Plural;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The prepared {@code kube.workloads} check; see {@link WorkloadsCheckType}. */
final class WorkloadsCheck implements KubeCheck.Body {

    private final List<String> namespaces;
    private final String selector;
    private final List<WorkloadKind> kinds;
    private final int maxRestarts;

    WorkloadsCheck(List<String> namespaces, String selector, List<WorkloadKind> kinds, int maxRestarts) {
        this.namespaces = namespaces;
        this.selector = selector;
        this.kinds = kinds;
        this.maxRestarts = maxRestarts;
    }

    @Override
    public Outcome run(KubeCluster cluster, Probe probe) {
        ListLimits limits = KubeParams.limits(probe.context());
        List<String> scopes = KubeParams.scopes(namespaces);
        List<WorkloadKind.Workload> workloads = new ArrayList<>();
        for (WorkloadKind kind : kinds) {
            for (String namespace : scopes) {
                ListSummary listed = kind.forEach(cluster, namespace, selector, limits, workloads::add);
                if (listed.truncated()) {
                    return Offenders.tooMany(listed, kind.kindName() + "s", namespace);
                }
            }
        }
        String where = KubeParams.describe(namespaces, selector);
        if (workloads.isEmpty()) {
            return Outcome.fail("no " + WorkloadKind.plural(kinds) + " in " + where);
        }
        Map<String, List<PodHealth>> pods = new TreeMap<>();
        ListSummary podsListed = pods(cluster, limits, workloads, pods);
        if (podsListed.truncated()) {
            return Offenders.tooMany(podsListed, "pods", null);
        }
        Map<WorkloadKind, int[]> counts = new EnumMap<>(WorkloadKind.class); // checked, unhealthy
        kinds.forEach(k -> counts.put(k, new int[2]));
        List<String> offenders = new ArrayList<>();
        int restarts = 0;
        for (WorkloadKind.Workload w : workloads) {
            List<String> wrong = new ArrayList<>();
            if (w.ready() != w.desired()) {
                wrong.add(w.ready() + "/" + w.desired() + " ready");
            }
            if (w.observedGeneration() == null || w.observedGeneration() < w.generation()) {
                wrong.add("rollout not observed (generation " + w.generation() + ", observed "
                        + (w.observedGeneration() == null ? "none" : w.observedGeneration()) + ")");
            }
            if (w.updated() != w.desired()) {
                wrong.add(w.updated() + "/" + w.desired() + " updated");
            }
            for (PodHealth pod : pods.getOrDefault(w.namespace(), List.of())) {
                if (pod.selectedBy(w.selector())) {
                    wrong.addAll(pod.problems());
                    restarts = Math.max(restarts, pod.restarts());
                }
            }
            int[] count = counts.get(w.kind());
            count[0]++;
            if (!wrong.isEmpty()) {
                count[1]++;
                offenders.add(w.id() + ": " + String.join(", ", wrong));
            }
        }
        Map<String, Integer> checked = new TreeMap<>();
        counts.forEach((kind, count) -> {
            probe.measure(KubeFamily.WORKLOADS, count[0], kind.kindName());
            probe.measure(KubeFamily.WORKLOADS_UNHEALTHY, count[1], kind.kindName());
            checked.put(kind.kindName(), count[0]);
        });
        probe.measure(KubeFamily.CONTAINER_RESTARTS_HIGHEST, restarts);
        probe.detail("workloads", checked);
        probe.detail("maxRestartsSeen", restarts);
        if (!offenders.isEmpty()) {
            return Offenders.fail(probe, offenders.size() + " of " + Plural.count(workloads.size(), "workload")
                    + " unhealthy in " + where, offenders);
        }
        List<String> byKind = new ArrayList<>();
        counts.forEach((kind, count) -> {
            if (count[0] > 0) {
                byKind.add(Plural.count(count[0], kind.kindName()));
            }
        });
        return Outcome.pass(Plural.count(workloads.size(), "workload") + " healthy in " + where + ": "
                + String.join(", ", byKind));
    }

    /**
     * The pods of the namespaces that hold workloads, by namespace: one paginated list per namespace (or one across
     * all namespaces when none were named), matched to workloads by their selectors here.
     */
    private ListSummary pods(KubeCluster cluster, ListLimits limits, List<WorkloadKind.Workload> workloads,
                             Map<String, List<PodHealth>> pods) {
        Set<String> wanted = new LinkedHashSet<>();
        workloads.forEach(w -> wanted.add(w.namespace()));
        List<String> scopes = namespaces.isEmpty() ? KubeParams.scopes(namespaces)
                : namespaces.stream().filter(wanted::contains).toList();
        for (String namespace : scopes) {
            ListSummary summary = cluster.forEach(KubeOp.list(ResourceRef.of(Pod.class), namespace), limits,
                    (c, options) -> namespace == null ? c.pods().inAnyNamespace().list(options)
                            : c.pods().inNamespace(namespace).list(options),
                    pod -> {
                        if (wanted.contains(pod.getMetadata().getNamespace())) {
                            pods.computeIfAbsent(pod.getMetadata().getNamespace(), n -> new ArrayList<>())
                                    .add(PodHealth.of(pod, maxRestarts));
                        }
                    });
            if (summary.truncated()) {
                return summary;
            }
        }
        return new ListSummary(0, 0, false);
    }

}
