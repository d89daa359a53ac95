package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeApiException;
import io.smokegate.kube.KubeCluster;
import io.smokegate.text.Plural;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The prepared {@code kube.gitops} check; see {@link GitOpsCheckType} for its parameters. */
final class GitOpsCheck implements KubeCheck.Body {

    /** Objects listed one by one in the {@code objects} detail; the rest are counted. */
    static final int MAX_LISTED = 200;
    /** Offenders named in the message besides the first; the {@code failures} detail has them all. */
    static final int MAX_NAMED = 5;

    private final List<GitOpsKind> kinds;
    private final List<String> argoNamespaces;
    private final List<String> fluxNamespaces;
    private final List<String> names;
    private final String selector;

    GitOpsCheck(List<GitOpsKind> kinds, List<String> argoNamespaces, List<String> fluxNamespaces,
                List<String> names, String selector) {
        this.kinds = kinds;
        this.argoNamespaces = argoNamespaces;
        this.fluxNamespaces = fluxNamespaces;
        this.names = names;
        this.selector = selector;
    }

    @Override
    public Outcome run(KubeCluster cluster, Probe probe) {
        List<GitOpsState> states = new ArrayList<>();
        List<String> notInstalled = new ArrayList<>();
        for (GitOpsKind kind : kinds) {
            if (!read(cluster, probe, kind, states)) {
                notInstalled.add(kind.kind());
            }
        }
        if (!notInstalled.isEmpty()) {
            probe.detail("notInstalled", notInstalled);
        }
        Map<GitOpsKind, int[]> counts = new EnumMap<>(GitOpsKind.class);
        List<String> problems = new ArrayList<>();
        List<Object> listed = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        for (GitOpsState s : states) {
            int[] c = counts.computeIfAbsent(s.kind(), k -> new int[2]);
            c[0]++;
            if (!s.ok()) {
                c[1]++;
                problems.addAll(s.problems());
            }
            found.add(s.name());
            if (listed.size() < MAX_LISTED) {
                listed.add(s.asDetail());
            }
        }
        probe.detail("objects", listed);
        if (states.size() > MAX_LISTED) {
            probe.detail("objectsNotListed", states.size() - MAX_LISTED);
        }
        for (GitOpsKind kind : kinds) {
            int[] c = counts.getOrDefault(kind, new int[2]);
            probe.measure(KubeFamily.GITOPS_OBJECTS, c[0], kind.kind());
            probe.measure(KubeFamily.GITOPS_FAILING, c[1], kind.kind());
        }
        for (String name : names) {
            if (!found.contains(name)) {
                problems.add("no " + kindList() + " named '" + name + "' " + where());
            }
        }
        if (states.isEmpty() && problems.isEmpty()) {
            problems.add("found no " + kindList() + " " + where()
                    + (notInstalled.isEmpty() ? "" : " (not installed: " + String.join(", ", notInstalled) + ")"));
        }
        if (!problems.isEmpty()) {
            Outcome failed = probe.failAll(problems);
            List<String> offenders = states.stream().filter(st -> !st.ok()).map(GitOpsState::describe).toList();
            if (offenders.size() < 2) {
                return failed;
            }
            // The first offender with its reasons, then every other by name: the failures detail has their reasons.
            List<String> others = offenders.subList(1, Math.min(offenders.size(), 1 + MAX_NAMED));
            return Outcome.fail(problems.get(0) + "; also out of sync: " + String.join(", ", others)
                    + (offenders.size() > 1 + MAX_NAMED ? " (+" + (offenders.size() - 1 - MAX_NAMED) + " more)" : ""));
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, c) -> parts.add(Plural.count(c[0], kind.kind())));
        return Outcome.pass(Plural.count(states.size(), "GitOps object") + " in sync (" + String.join(", ", parts) + ")");
    }

    /** Lists one kind into {@code states}; false when the cluster does not serve it (its CRD is not installed). */
    private boolean read(KubeCluster cluster, Probe probe, GitOpsKind kind, List<GitOpsState> states) {
        List<String> namespaces = kind == GitOpsKind.APPLICATION ? argoNamespaces : fluxNamespaces;
        for (String namespace : namespaces.isEmpty() ? Arrays.asList((String) null) : namespaces) {
            List<GenericKubernetesResource> items;
            try {
                items = cluster.list(kind.resource(), namespace, selector, KubeParams.limits(probe.context())).items();
            } catch (KubeApiException e) {
                if (e.status() == 404) {
                    return false;
                }
                throw e;
            }
            for (GenericKubernetesResource item : items) {
                if (names.isEmpty() || names.contains(item.getMetadata().getName())) {
                    states.add(GitOpsState.of(kind, item));
                }
            }
        }
        return true;
    }

    private String kindList() {
        return String.join(" or ", kinds.stream().map(GitOpsKind::kind).toList());
    }

    private String where() {
        List<String> parts = new ArrayList<>();
        if (kinds.contains(GitOpsKind.APPLICATION)) {
            parts.add("Applications in " + String.join(", ", argoNamespaces));
        }
        if (kinds.stream().anyMatch(k -> k != GitOpsKind.APPLICATION)) {
            parts.add("Flux objects in " + (fluxNamespaces.isEmpty() ? "all namespaces" : String.join(", ", fluxNamespaces)));
        }
        return "(" + String.join("; ", parts) + (selector == null ? "" : "; selector " + selector) + ")";
    }
}
