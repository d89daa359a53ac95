package io.smokegate.techdebt.hygiene;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.PageFetcher;
import io.smokegate.kube.ResourceRef;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.HygieneFinding;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Workload hygiene of Kubernetes clusters (Polaris-style checks, see {@link HygieneRules}) over the Deployments,
 * StatefulSets and DaemonSets of the chosen namespaces. PodDisruptionBudgets ({@code policy/v1}) are listed first
 * and kept per namespace as selectors only; workloads are judged page by page as they arrive, so memory holds the
 * findings, not the cluster.
 *
 * <p>Figures: one per check id (workloads that fail it), {@code statefulSetsWithoutPdb} and
 * {@code deploymentsWithoutPdb} (Deployments of more than one replica), and {@code hygieneWorkloads} (workloads
 * judged). When the budgets cannot be listed the PDB rule and its figures are left out, and a skipped entry says
 * why; a list that fails midway keeps what it delivered and says so.
 */
public final class WorkloadHygiene implements TechDebtSource {

    public static final String SOURCE = "hygiene";
    public static final String WORKLOADS = "hygieneWorkloads";
    public static final String STATEFULSETS_WITHOUT_PDB = "statefulSetsWithoutPdb";
    public static final String DEPLOYMENTS_WITHOUT_PDB = "deploymentsWithoutPdb";

    private final List<KubeCluster> clusters;
    private final List<String> namespaces;
    private final ListLimits limits;

    /** @param namespaces the namespaces to judge; empty: all namespaces */
    public WorkloadHygiene(List<KubeCluster> clusters, List<String> namespaces, ListLimits limits) {
        this.clusters = List.copyOf(clusters);
        this.namespaces = List.copyOf(namespaces);
        this.limits = limits;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
        List<HygieneFinding> findings = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        long[] workloads = {0};
        boolean pdbsKnown = true;
        for (KubeCluster cluster : clusters) {
            String where = clusters.size() > 1 ? "context '" + cluster.context() + "': " : "";
            Map<String, List<LabelSelector>> budgets = new HashMap<>();
            boolean listed = true;
            for (String ns : scopes()) {
                listed &= list(cluster, where, PodDisruptionBudget.class, ns, (c, o) -> ns == null
                        ? c.policy().v1().podDisruptionBudget().inAnyNamespace().list(o)
                        : c.policy().v1().podDisruptionBudget().inNamespace(ns).list(o), pdb -> budgets
                        .computeIfAbsent(pdb.getMetadata().getNamespace(), k -> new ArrayList<>())
                        .add(pdb.getSpec() == null ? null : pdb.getSpec().getSelector()), skipped,
                        "; the PodDisruptionBudget rule is left out");
            }
            pdbsKnown &= listed;
            Boolean[] known = {listed ? Boolean.TRUE : null};
            Function<HygieneRules.Workload, Boolean> hasPdb = w -> known[0] == null ? null : budgets
                    .getOrDefault(w.namespace(), List.of()).stream().anyMatch(s -> Selectors.matches(s, w.labels()));
            Consumer<HygieneRules.Workload> judge = w -> {
                workloads[0]++;
                findings.addAll(HygieneRules.judge(w, hasPdb.apply(w)));
            };
            for (String ns : scopes()) {
                list(cluster, where, Deployment.class, ns, (c, o) -> ns == null ? c.apps().deployments().inAnyNamespace().list(o)
                        : c.apps().deployments().inNamespace(ns).list(o), d -> judge.accept(workload(d,
                        d.getSpec() == null ? null : d.getSpec().getReplicas(), d.getSpec() == null ? null : d.getSpec().getTemplate())),
                        skipped, "");
                list(cluster, where, StatefulSet.class, ns, (c, o) -> ns == null ? c.apps().statefulSets().inAnyNamespace().list(o)
                        : c.apps().statefulSets().inNamespace(ns).list(o), s -> judge.accept(workload(s,
                        s.getSpec() == null ? null : s.getSpec().getReplicas(), s.getSpec() == null ? null : s.getSpec().getTemplate())),
                        skipped, "");
                list(cluster, where, DaemonSet.class, ns, (c, o) -> ns == null ? c.apps().daemonSets().inAnyNamespace().list(o)
                        : c.apps().daemonSets().inNamespace(ns).list(o), d -> judge.accept(workload(d, null,
                        d.getSpec() == null ? null : d.getSpec().getTemplate())), skipped, "");
            }
        }
        return new SourceResult(List.of(), List.of(), findings, skipped, figures(findings, workloads[0], pdbsKnown));
    }

    private List<String> scopes() {
        return namespaces.isEmpty() ? Collections.singletonList(null) : namespaces;
    }

    private static Map<String, Number> figures(List<HygieneFinding> findings, long workloads, boolean pdbsKnown) {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put(WORKLOADS, workloads);
        for (String check : HygieneRules.CHECKS) {
            if (pdbsKnown || !check.equals(HygieneRules.MISSING_PDB)) {
                figures.put(check, findings.stream().filter(f -> f.check().equals(check)).count());
            }
        }
        if (pdbsKnown) {
            figures.put(STATEFULSETS_WITHOUT_PDB, findings.stream()
                    .filter(f -> f.check().equals(HygieneRules.MISSING_PDB) && f.kind().equals("StatefulSet")).count());
            figures.put(DEPLOYMENTS_WITHOUT_PDB, findings.stream()
                    .filter(f -> f.check().equals(HygieneRules.MISSING_PDB) && f.kind().equals("Deployment")).count());
        }
        return figures;
    }

    private static HygieneRules.Workload workload(HasMetadata object, Integer replicas, PodTemplateSpec template) {
        return new HygieneRules.Workload(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
                replicas, template == null || template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels(),
                template == null ? null : template.getSpec());
    }

    /** Lists into {@code each}; false (and a skipped entry with the API server's words) when the list did not finish. */
    private <T extends HasMetadata> boolean list(KubeCluster cluster, String where, Class<T> type, String namespace,
                                                 PageFetcher<T> fetch, Consumer<T> each, List<Skipped> skipped, String consequence) {
        try {
            cluster.forEach(KubeOp.list(ResourceRef.of(type), namespace), limits, fetch, each);
            return true;
        } catch (KubeException e) {
            skipped.add(new Skipped(SOURCE, where + type.getSimpleName() + "s not (fully) read: " + e.getMessage() + consequence));
        } catch (CancellationException e) {
            skipped.add(new Skipped(SOURCE, where + "the scan was cancelled while listing " + type.getSimpleName() + "s"));
        }
        return false;
    }
}
