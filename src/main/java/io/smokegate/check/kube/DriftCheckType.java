package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;
import static io.smokegate.check.ParamKind.STRING_MAPS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.net.HttpFetcher;
import io.smokegate.check.net.HttpVersion;
import io.smokegate.check.net.IpProtocol;
import io.smokegate.check.net.TlsOptions;
import io.smokegate.input.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: kube.drift} — the same facts read from several contexts and compared: the server version, workload
 * images, the Istio revision, GitOps state and revision, labels or annotations, values served as JSON over HTTP.
 * The result is a matrix (a {@link io.smokegate.check.TableDetail}, one row per context); a fact that differs fails
 * the check unless {@code allowDrift} names it.
 */
public final class DriftCheckType implements CheckType {

    static final int MAX_CLUSTERS = 20;
    static final int MAX_FACTS = 50;

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("clusters", STRINGS, "kubeconfig contexts to compare, e.g. [dev, staging, prod]"),
            Param.optional("kubernetes", BOOLEAN, true, "compare the API server version (fact Kubernetes)"),
            Param.optional("istio", BOOLEAN, false, "compare the Istio control plane revision (fact Istio)"),
            Param.optional("istioNamespace", STRING, "istio-system", "namespace of the istiod Deployments"),
            Param.optional("workloads", STRING_MAPS, null,
                    "workloads whose image tags to compare: [{namespace, name, kind, container, fact}]"),
            Param.optional("gitops", STRING_MAPS, null,
                    "Argo CD Applications or Flux objects whose state and revision to compare: [{name, kind, namespace, fact}]"),
            Param.optional("metadata", STRING_MAPS, null,
                    "labels or annotations of named objects: [{kind, namespace, name, label or annotation, fact}]"),
            Param.optional("http", STRING_MAPS, null,
                    "values of JSON served per context: [{name, url with ${cluster}, jsonPath, header}]"),
            Param.optional("allowDrift", STRINGS, null, "facts that may differ between contexts (shown, not failed)")));

    @Override
    public String name() {
        return "kube.drift";
    }

    @Override
    public String description() {
        return "several Kubernetes contexts compared: versions, images, Istio, GitOps revisions, labels, HTTP facts";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        List<String> clusters = List.copyOf(new LinkedHashSet<>(p.strings("clusters")));
        if (clusters.size() < 2 || clusters.size() > MAX_CLUSTERS) {
            throw new InvalidParamException("clusters", "needs 2 to " + MAX_CLUSTERS + " different contexts to compare, got "
                    + clusters.size(), "e.g. [dev, staging, prod]");
        }
        List<DriftFact> facts = new ArrayList<>();
        if (p.bool("kubernetes")) {
            facts.add(new DriftFact.ServerVersion("Kubernetes"));
        }
        if (p.bool("istio")) {
            facts.add(new DriftFact.IstioRevision("Istio", KubeEntries.name("istioNamespace", "namespace", p.string("istioNamespace"))));
        }
        // The other columns follow in the order their parameters are written (the checklist keeps that order).
        for (String param : p.asMap().keySet()) {
            switch (param) {
                case "workloads" -> facts.addAll(workloads(p.stringMaps(param)));
                case "gitops" -> facts.addAll(gitops(p.stringMaps(param)));
                case "metadata" -> facts.addAll(metadata(p.stringMaps(param)));
                case "http" -> facts.addAll(http(p));
                default -> {
                }
            }
        }
        if (facts.isEmpty()) {
            throw new InvalidParamException("kubernetes", "nothing to compare: every fact is turned off",
                    "keep kubernetes: true or give istio, workloads, gitops, metadata or http");
        }
        if (facts.size() > MAX_FACTS) {
            throw new InvalidParamException("workloads", "at most " + MAX_FACTS + " facts fit a matrix, got " + facts.size());
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (DriftFact f : facts) {
            String key = f.name().toLowerCase(Locale.ROOT);
            if (byKey.putIfAbsent(key, f.name()) != null || key.equals("env") || key.equals("drift")) {
                throw new InvalidParamException("workloads", "two facts, or a fact and a matrix column, are named '" + f.name() + "'",
                        "give one of them another name with fact: …");
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String a : p.strings("allowDrift")) {
            String name = byKey.get(a.toLowerCase(Locale.ROOT));
            if (name == null) {
                throw new InvalidParamException("allowDrift", "no fact is named '" + a + "'", Suggestions.hint(a, byKey.values()));
            }
            allowed.add(name);
        }
        return new DriftCheck(clusters, List.copyOf(facts), Set.copyOf(allowed));
    }

    private static List<DriftFact> workloads(List<Map<String, String>> entries) throws InvalidParamException {
        List<DriftFact> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> e = entries.get(i);
            KubeEntries.onlyKeys("workloads", i, e, List.of("namespace", "name", "kind", "container", "fact"));
            String name = KubeEntries.name("workloads", "name", KubeEntries.required("workloads", i, e, "name", "e.g. {namespace: athens, name: athens}"));
            String namespace = KubeEntries.name("workloads", "namespace", e.getOrDefault("namespace", "default"));
            String kindText = e.getOrDefault("kind", "Deployment");
            String kind = KubeObjects.kind(kindText, KubeObjects.WORKLOADS).orElseThrow(() -> new InvalidParamException("workloads",
                    "entry " + (out.size() + 1) + ": kind '" + kindText + "' does not run pods", String.join(", ", KubeObjects.WORKLOADS)));
            out.add(new DriftFact.WorkloadImages(e.getOrDefault("fact", name), kind, namespace, name, e.get("container")));
        }
        return out;
    }

    private static List<DriftFact> gitops(List<Map<String, String>> entries) throws InvalidParamException {
        List<DriftFact> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> e = entries.get(i);
            KubeEntries.onlyKeys("gitops", i, e, List.of("name", "kind", "namespace", "fact"));
            String name = KubeEntries.name("gitops", "name", KubeEntries.required("gitops", i, e, "name", "e.g. {name: payments}"));
            String kindText = e.getOrDefault("kind", "Application");
            GitOpsKind kind = GitOpsKind.parse(kindText).orElseThrow(() -> new InvalidParamException("gitops",
                    "unknown GitOps kind '" + kindText + "'", Suggestions.hint(kindText, GitOpsKind.names())));
            String namespace = KubeEntries.name("gitops", "namespace", e.getOrDefault("namespace", kind.defaultNamespace()));
            out.add(new DriftFact.GitOpsRevision(e.getOrDefault("fact", kind.tool() + " " + name), kind, namespace, name));
        }
        return out;
    }

    private static List<DriftFact> metadata(List<Map<String, String>> entries) throws InvalidParamException {
        List<DriftFact> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> e = entries.get(i);
            KubeEntries.onlyKeys("metadata", i, e, List.of("kind", "namespace", "name", "label", "annotation", "fact"));
            String kindText = KubeEntries.required("metadata", i, e, "kind", String.join(", ", KubeObjects.kindNames()));
            String kind = KubeObjects.kind(kindText, KubeObjects.kindNames()).orElseThrow(() -> new InvalidParamException(
                    "metadata", "unknown kind '" + kindText + "'", Suggestions.hint(kindText, KubeObjects.kindNames())));
            String name = KubeEntries.name("metadata", "name", KubeEntries.required("metadata", i, e, "name", "the object's name"));
            String namespace = KubeEntries.name("metadata", "namespace", e.getOrDefault("namespace", "default"));
            String label = e.get("label");
            String annotation = e.get("annotation");
            if ((label == null) == (annotation == null)) {
                throw new InvalidParamException("metadata", "entry " + (i + 1) + " needs either label or annotation",
                        "e.g. {kind: Namespace, name: payments, label: app.kubernetes.io/version}");
            }
            out.add(new DriftFact.ObjectMetadata(e.getOrDefault("fact", label != null ? label : annotation), kind, namespace,
                    name, label, annotation));
        }
        return out;
    }

    private static List<DriftFact> http(Params p) throws InvalidParamException {
        List<Map<String, String>> entries = p.stringMaps("http");
        if (entries.isEmpty()) {
            return List.of();
        }
        HttpFetcher fetcher = new HttpFetcher(ClientOptions.param(p, TlsOptions.Scope.MANY_TARGETS)
                .dialer(IpProtocol.AUTO, HttpVersion.AUTO), true, 5, false);
        List<DriftFact> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> e = entries.get(i);
            KubeEntries.onlyKeys("http", i, e, List.of("name", "url", "jsonPath", "header"));
            String name = KubeEntries.required("http", i, e, "name", "the fact's name, e.g. policy");
            String url = KubeEntries.required("http", i, e, "url", "e.g. https://vault.$${cluster}.example.com/v1/sys/policy/app");
            String jsonPath = KubeEntries.required("http", i, e, "jsonPath", "e.g. /data/version");
            out.add(new DriftFact.Http(name, HttpJsonFact.of("http", url, jsonPath, e.get("header"), fetcher)));
        }
        return out;
    }
}
