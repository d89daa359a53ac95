package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.check.Deadline;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One fact {@code kube.drift} reads from every context and compares: a column of the matrix. A value is short
 * text meant for a table cell; two contexts agree on a fact when their values are equal. An object that does not
 * exist has the value {@value #ABSENT} (a real difference: the object is missing there); a fact that cannot be read
 * throws, and its cell shows {@code error}.
 */
sealed interface DriftFact {

    String ABSENT = "absent";

    /** The column name, also what {@code allowDrift} names and the {@code fact} label of the gauge. */
    String name();

    String read(KubeCluster cluster, Deadline deadline) throws DriftReadException, InterruptedException;

    /** The API server's version ({@code gitVersion}). */
    record ServerVersion(String name) implements DriftFact {
        @Override
        public String read(KubeCluster cluster, Deadline deadline) {
            return cluster.serverVersion();
        }
    }

    /**
     * The Istio control plane's revision: the {@code istio.io/rev} label of the istiod Deployments (label
     * {@code app=istiod}) in {@code namespace}, or the image tag of those without one (or with {@code default},
     * which says nothing about the version); several (a canary upgrade) are listed sorted.
     */
    record IstioRevision(String name, String namespace) implements DriftFact {
        @Override
        public String read(KubeCluster cluster, Deadline deadline) {
            TreeSet<String> revisions = new TreeSet<>();
            for (GenericKubernetesResource istiod : cluster.list(KubeObjects.KINDS.get("Deployment"), namespace, "app=istiod",
                    new ListLimits(50, 50)).items()) {
                String rev = istiod.getMetadata().getLabels() == null ? null : istiod.getMetadata().getLabels().get("istio.io/rev");
                if (rev != null && !rev.isBlank() && !rev.equals("default")) {
                    revisions.add(rev);
                    continue;
                }
                List<Map<?, ?>> containers = KubeObjects.containers(istiod);
                containers.stream().filter(c -> "discovery".equals(c.get("name"))).findFirst()
                        .or(() -> containers.stream().findFirst())
                        .map(c -> c.get("image")).ifPresent(image -> revisions.add(KubeObjects.tag(String.valueOf(image))));
            }
            return revisions.isEmpty() ? ABSENT : String.join(", ", revisions);
        }
    }

    /**
     * The image tags of a workload's containers: the tag alone for one container (or the one named), else
     * {@code container=tag} pairs in the pod template's order.
     */
    record WorkloadImages(String name, String kind, String namespace, String object, String container) implements DriftFact {
        @Override
        public String read(KubeCluster cluster, Deadline deadline) {
            Optional<GenericKubernetesResource> workload = KubeObjects.get(cluster, KubeObjects.KINDS.get(kind), namespace, object);
            if (workload.isEmpty()) {
                return ABSENT;
            }
            List<String> tags = new ArrayList<>();
            List<Map<?, ?>> containers = KubeObjects.containers(workload.get());
            for (Map<?, ?> c : containers) {
                String tag = KubeObjects.tag(String.valueOf(c.get("image")));
                if (container == null) {
                    tags.add(containers.size() == 1 ? tag : c.get("name") + "=" + tag);
                } else if (container.equals(c.get("name"))) {
                    return tag;
                }
            }
            return container != null ? "no container " + container : tags.isEmpty() ? ABSENT : String.join(", ", tags);
        }
    }

    /** An Argo CD Application's or Flux object's state and revision: {@code Synced/Healthy 3f2a9c1}. */
    record GitOpsRevision(String name, GitOpsKind kind, String namespace, String object) implements DriftFact {

        // Full Git SHAs and digests, shortened as git and Argo CD show them, so cells stay readable.
        private static final Pattern SHA1 = Pattern.compile("\\b([0-9a-f]{7})[0-9a-f]{33}\\b");
        private static final Pattern SHA256 = Pattern.compile("\\b([0-9a-f]{12})[0-9a-f]{52}\\b");

        @Override
        public String read(KubeCluster cluster, Deadline deadline) {
            return KubeObjects.get(cluster, kind.resource(), namespace, object).map(o -> {
                GitOpsState state = GitOpsState.of(kind, o);
                return state.status() + " " + shorten(state.revision());
            }).orElse(ABSENT);
        }

        static String shorten(String revision) {
            return SHA256.matcher(SHA1.matcher(revision).replaceAll("$1")).replaceAll("$1");
        }
    }

    /** A label or annotation of a named object; {@code unset} when the object has no such key. */
    record ObjectMetadata(String name, String kind, String namespace, String object, String label, String annotation)
            implements DriftFact {
        @Override
        public String read(KubeCluster cluster, Deadline deadline) {
            ResourceRef resource = KubeObjects.KINDS.get(kind);
            return KubeObjects.get(cluster, resource, resource.namespaced() ? namespace : null, object).map(o -> {
                Map<String, String> values = label != null ? o.getMetadata().getLabels() : o.getMetadata().getAnnotations();
                String value = values == null ? null : values.get(label != null ? label : annotation);
                return value == null ? "unset" : value;
            }).orElse(ABSENT);
        }
    }

    /** A value of a JSON document served over HTTP per context; see {@link HttpJsonFact}. */
    record Http(String name, HttpJsonFact source) implements DriftFact {
        @Override
        public String read(KubeCluster cluster, Deadline deadline) throws DriftReadException, InterruptedException {
            return source.read(cluster.context(), deadline);
        }
    }
}
