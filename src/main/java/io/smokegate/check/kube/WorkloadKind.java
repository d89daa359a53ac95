package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ListSummary;
import io.smokegate.kube.ResourceRef;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The workload kinds {@code kube.workloads} checks, each read into a {@link Workload}: what it wants (desired
 * replicas), what it has (ready, updated) and whether its controller has seen its latest spec.
 */
enum WorkloadKind {
    DEPLOYMENT("Deployment", Deployment.class, c -> c.apps().deployments(), WorkloadKind::deployment),
    STATEFUL_SET("StatefulSet", StatefulSet.class, c -> c.apps().statefulSets(), WorkloadKind::statefulSet),
    DAEMON_SET("DaemonSet", DaemonSet.class, c -> c.apps().daemonSets(), WorkloadKind::daemonSet);

    /** One workload as the check judges it. */
    record Workload(WorkloadKind kind, String namespace, String name, long generation, Long observedGeneration,
                    int desired, int ready, int updated, LabelSelector selector) {

        /** {@code Deployment/athens/proxy}. */
        String id() {
            return kind.kindName + "/" + namespace + "/" + name;
        }
    }

    private final String kindName;
    private final Class<? extends HasMetadata> type;
    private final Function<KubernetesClient, MixedOperation<?, ?, ?>> operation;
    private final Function<HasMetadata, Workload> read;

    @SuppressWarnings("unchecked")
    <T extends HasMetadata> WorkloadKind(String kindName, Class<T> type,
                                         Function<KubernetesClient, MixedOperation<T, ?, ?>> operation,
                                         Function<T, Workload> read) {
        this.kindName = kindName;
        this.type = type;
        this.operation = (Function<KubernetesClient, MixedOperation<?, ?, ?>>) (Function<?, ?>) operation;
        this.read = (Function<HasMetadata, Workload>) (Function<?, ?>) read;
    }

    String kindName() {
        return kindName;
    }

    static Optional<WorkloadKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.kindName.toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** Lists the workloads of this kind in {@code namespace} (null: all) matching {@code selector} (null: any). */
    ListSummary forEach(KubeCluster cluster, String namespace, String selector, ListLimits limits, Consumer<Workload> each) {
        return cluster.forEach(KubeOp.list(ResourceRef.of(type), namespace), limits, (c, options) -> list(c, namespace, selector, options),
                object -> each.accept(read.apply(object)));
    }

    @SuppressWarnings("unchecked")
    private KubernetesResourceList<HasMetadata> list(KubernetesClient client, String namespace, String selector,
                                                     ListOptions options) {
        options.setLabelSelector(selector);
        MixedOperation<?, ?, ?> objects = operation.apply(client);
        Object page = namespace == null ? objects.inAnyNamespace().list(options) : objects.inNamespace(namespace).list(options);
        return (KubernetesResourceList<HasMetadata>) page;
    }

    private static Workload deployment(Deployment d) {
        var status = d.getStatus();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return new Workload(DEPLOYMENT, d.getMetadata().getNamespace(), d.getMetadata().getName(),
                generation(d), status == null ? null : status.getObservedGeneration(), desired,
                status == null ? 0 : count(status.getReadyReplicas()), status == null ? 0 : count(status.getUpdatedReplicas()),
                d.getSpec() == null ? null : d.getSpec().getSelector());
    }

    private static Workload statefulSet(StatefulSet s) {
        var status = s.getStatus();
        int desired = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        return new Workload(STATEFUL_SET, s.getMetadata().getNamespace(), s.getMetadata().getName(),
                generation(s), status == null ? null : status.getObservedGeneration(), desired,
                status == null ? 0 : count(status.getReadyReplicas()), status == null ? 0 : count(status.getUpdatedReplicas()),
                s.getSpec() == null ? null : s.getSpec().getSelector());
    }

    private static Workload daemonSet(DaemonSet d) {
        var status = d.getStatus();
        return new Workload(DAEMON_SET, d.getMetadata().getNamespace(), d.getMetadata().getName(),
                generation(d), status == null ? null : status.getObservedGeneration(),
                status == null ? 0 : count(status.getDesiredNumberScheduled()), status == null ? 0 : count(status.getNumberReady()),
                status == null ? 0 : count(status.getUpdatedNumberScheduled()),
                d.getSpec() == null ? null : d.getSpec().getSelector());
    }

    private static long generation(HasMetadata object) {
        return object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    /** Kinds in the order given, for the "Deployment, StatefulSet or DaemonSet" of messages. */
    static String plural(List<WorkloadKind> kinds) {
        List<String> names = kinds.stream().map(k -> k.kindName + "s").toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
