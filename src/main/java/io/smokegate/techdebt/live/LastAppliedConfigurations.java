package io.smokegate.techdebt.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.KubeTimeoutException;
import io.smokegate.kube.KubeUnreachableException;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ListSummary;
import io.smokegate.kube.ResourceRef;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ManifestObject;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The API versions objects were last applied with, read from the {@value #ANNOTATION} annotation that
 * {@code kubectl apply} (client-side) keeps on every object it applies: Pluto's {@code detect-api-resources} and
 * kubent's cluster collector. The API server converts what it stores, so the object itself always shows the
 * served version; the annotation still holds the manifest as it was applied.
 *
 * <p>The annotation is a weak witness: {@code kubectl patch}, {@code kubectl edit} of another field, server-side
 * apply and controllers that write objects leave it stale or drop it, and it keeps the old apiVersion until the
 * object is applied again from a fixed manifest (a false positive Pluto documents, pluto#495). Its kind is checked
 * against the object's and a mismatch (an annotation copied from something else) is passed over, as Pluto does.
 *
 * <p>Only a bounded list of kinds is listed ({@link #KINDS}): the built-in kinds that ever had a deprecated
 * apiVersion, one stable version each (kinds that only ever had one version, like Service or Job, cannot show a
 * deprecated one). Lists are paged, read for metadata only ({@link MetadataPages}), and each object is judged and
 * dropped as its page arrives. A kind the server
 * refuses (403), does not serve (404) or does not finish listing in time is skipped with the server's words; the
 * other kinds are still read. With namespaces chosen, cluster-scoped kinds are left out.
 */
public final class LastAppliedConfigurations implements TechDebtSource {

    public static final String SOURCE = "last-applied";
    public static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** Figure: objects whose annotation was read and judged. */
    public static final String OBJECTS = "lastAppliedObjects";
    /**
     * The API server refuses objects whose annotations together exceed 256 KiB (TotalAnnotationSizeLimitB); a
     * longer annotation did not come from a real API server and is not read.
     */
    public static final int MAX_ANNOTATION_CHARS = 256 * 1024;
    /** Unreadable annotations listed one by one; beyond, one entry counts the rest. */
    static final int MAX_SKIPPED_OBJECTS = 50;

    /** A kind to list: its resource and the kind its objects (and their annotations) name. */
    public record Kind(String kind, ResourceRef resource) {
    }

    /** Listed in this order: the built-in kinds that ever had a deprecated apiVersion, at a version every supported server serves. */
    public static final List<Kind> KINDS = List.of(
            namespaced("Deployment", "apps", "v1", "deployments"),
            namespaced("StatefulSet", "apps", "v1", "statefulsets"),
            namespaced("DaemonSet", "apps", "v1", "daemonsets"),
            namespaced("ReplicaSet", "apps", "v1", "replicasets"),
            namespaced("CronJob", "batch", "v1", "cronjobs"),
            namespaced("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers"),
            namespaced("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets"),
            namespaced("Ingress", "networking.k8s.io", "v1", "ingresses"),
            namespaced("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies"),
            namespaced("Role", "rbac.authorization.k8s.io", "v1", "roles"),
            namespaced("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings"),
            clusterScoped("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles"),
            clusterScoped("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings"),
            clusterScoped("IngressClass", "networking.k8s.io", "v1", "ingressclasses"),
            clusterScoped("StorageClass", "storage.k8s.io", "v1", "storageclasses"),
            clusterScoped("CSIDriver", "storage.k8s.io", "v1", "csidrivers"),
            clusterScoped("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses"),
            clusterScoped("CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions"),
            clusterScoped("MutatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations"),
            clusterScoped("ValidatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations"),
            clusterScoped("APIService", "apiregistration.k8s.io", "v1", "apiservices"));

    // kubectl's page size: pages are read for names and this annotation only (see MetadataPages).
    private static final ListLimits LIST = new ListLimits(500, 50_000);
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(MAX_ANNOTATION_CHARS).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final List<KubeCluster> clusters;
    private final List<String> namespaces;
    private final List<Kind> kinds;
    private final ListLimits limits;

    /** @param namespaces the namespaces to read; empty: all namespaces and the cluster-scoped kinds */
    public LastAppliedConfigurations(List<KubeCluster> clusters, List<String> namespaces) {
        this(clusters, namespaces, KINDS, LIST);
    }

    LastAppliedConfigurations(List<KubeCluster> clusters, List<String> namespaces, List<Kind> kinds, ListLimits limits) {
        this.clusters = List.copyOf(clusters);
        this.namespaces = List.copyOf(namespaces);
        this.kinds = List.copyOf(kinds);
        this.limits = Objects.requireNonNull(limits);
    }

    private static Kind namespaced(String kind, String group, String version, String plural) {
        return new Kind(kind, ResourceRef.namespaced(group, version, plural));
    }

    private static Kind clusterScoped(String kind, String group, String version, String plural) {
        return new Kind(kind, ResourceRef.clusterScoped(group, version, plural));
    }

    @Override
    public String name() {
        return SOURCE;
    }

    /** What one scan gathers; objects are judged as their pages arrive. */
    private final class Scan {
        final DeprecatedApis table;
        final TargetVersions targets;
        final List<DeprecatedApiFinding> found = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        long judged;
        int unreadable;

        Scan(DeprecatedApis table, TargetVersions targets) {
            this.table = table;
            this.targets = targets;
        }

        void judge(String where, Kind kind, GenericKubernetesResource object) {
            ObjectMeta meta = object.getMetadata();
            Map<String, String> annotations = meta == null ? null : meta.getAnnotations();
            String text = annotations == null ? null : annotations.get(ANNOTATION);
            if (text == null) {
                return;
            }
            String name = meta.getName();
            String namespace = kind.resource().namespaced() ? meta.getNamespace() : null;
            Applied applied;
            try {
                applied = Applied.read(text);
            } catch (UnreadableAnnotation e) {
                if (++unreadable <= MAX_SKIPPED_OBJECTS) {
                    skipped.add(new Skipped(SOURCE, where + kind.kind() + " " + (namespace == null ? name : namespace + "/" + name)
                            + ": its " + ANNOTATION + " annotation " + e.getMessage() + "; not judged"));
                }
                return;
            }
            if (!applied.kind().equals(kind.kind())) {
                return; // not this object's manifest (Pluto passes these over too)
            }
            judged++;
            table.lookup(applied.apiVersion(), kind.kind()).ifPresent(api -> targets.status(api).ifPresent(status ->
                    found.add(DeprecatedApiFinding.of(SOURCE, null,
                            new ManifestObject(applied.apiVersion(), kind.kind(), name, namespace, 0), api, status))));
        }
    }

    @Override
    public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
        Scan scan = new Scan(table, targets);
        List<Kind> listed = kinds.stream().filter(k -> namespaces.isEmpty() || k.resource().namespaced()).toList();
        for (KubeCluster cluster : clusters) {
            String where = clusters.size() > 1 ? "context '" + cluster.context() + "': " : "";
            for (int i = 0; i < listed.size(); i++) {
                Kind kind = listed.get(i);
                try {
                    for (String namespace : namespaces.isEmpty() ? Collections.<String>singletonList(null) : namespaces) {
                        ListSummary summary = cluster.forEach(KubeOp.list(kind.resource(), namespace), limits,
                                MetadataPages.of(kind.resource(), namespace, ANNOTATION), o -> scan.judge(where, kind, o));
                        if (summary.truncated()) {
                            scan.skipped.add(new Skipped(SOURCE, where + "last-applied annotations of "
                                    + kind.resource().qualifiedName() + (namespace == null ? "" : " in namespace '" + namespace + "'")
                                    + " read from the first " + Plural.count(summary.objects(), "object") + " only: the list stops there"));
                        }
                    }
                } catch (KubeUnreachableException e) {
                    scan.skipped.add(new Skipped(SOURCE, where + notRead(kind) + e.getMessage()));
                    if (!(e instanceof KubeTimeoutException)) {
                        // the server is gone: each remaining kind would wait for the connection to fail again
                        List<String> rest = listed.subList(i + 1, listed.size()).stream().map(k -> k.resource().qualifiedName()).toList();
                        if (!rest.isEmpty()) {
                            scan.skipped.add(new Skipped(SOURCE, where + "last-applied annotations of " + String.join(", ", rest)
                                    + " not read: the API server could not be reached"));
                        }
                        break;
                    }
                } catch (KubeException e) {
                    scan.skipped.add(new Skipped(SOURCE, where + notRead(kind) + e.getMessage()));
                } catch (CancellationException e) {
                    scan.skipped.add(new Skipped(SOURCE, where + "the scan was cancelled while listing " + kind.resource().qualifiedName()));
                    return result(scan);
                }
            }
        }
        return result(scan);
    }

    private static String notRead(Kind kind) {
        return "last-applied annotations of " + kind.resource().qualifiedName() + " not (fully) read: ";
    }

    private static SourceResult result(Scan scan) {
        if (scan.unreadable > MAX_SKIPPED_OBJECTS) {
            scan.skipped.add(new Skipped(SOURCE, Plural.count(scan.unreadable - MAX_SKIPPED_OBJECTS, "more object")
                    + " with an unreadable " + ANNOTATION + " annotation not listed"));
        }
        return SourceResult.ofDeprecatedApis(scan.found, scan.skipped, Map.of(OBJECTS, scan.judged));
    }

    /** Why an annotation was not read; the message continues "its … annotation ". */
    static final class UnreadableAnnotation extends Exception {
        UnreadableAnnotation(String message) {
            super(message, null, false, false);
        }
    }

    /** The apiVersion and kind of an applied manifest. */
    record Applied(String apiVersion, String kind) {

        /**
         * Reads {@code text} up to its top-level {@code apiVersion} and {@code kind} (kubectl writes the keys in
         * order, so these two come first and the rest of the manifest is not parsed).
         */
        static Applied read(String text) throws UnreadableAnnotation {
            if (text.length() > MAX_ANNOTATION_CHARS) {
                throw new UnreadableAnnotation("has " + String.format(java.util.Locale.ROOT, "%,d", text.length())
                        + " characters, more than the " + String.format(java.util.Locale.ROOT, "%,d", MAX_ANNOTATION_CHARS)
                        + " an API server keeps in all annotations of an object");
            }
            String apiVersion = null;
            String kind = null;
            try (JsonParser p = JSON.createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new UnreadableAnnotation("is not a JSON object");
                }
                while ((apiVersion == null || kind == null) && p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("apiVersion") || field.equals("kind")) {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new UnreadableAnnotation("has " + (field.equals("kind") ? "a " : "an ") + field + " that is not a string");
                        }
                        if (field.equals("apiVersion")) {
                            apiVersion = p.getText();
                        } else {
                            kind = p.getText();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new UnreadableAnnotation("is not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")");
            } catch (IOException e) {
                throw new UnreadableAnnotation("cannot be read: " + e.getMessage());
            }
            if (apiVersion == null || kind == null) {
                throw new UnreadableAnnotation("has no " + (apiVersion == null ? "apiVersion" : "kind"));
            }
            return new Applied(apiVersion, kind);
        }
    }
}
