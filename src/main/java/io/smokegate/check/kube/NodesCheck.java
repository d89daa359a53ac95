package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListResult;
import io.smokegate.kube.ResourceRef;
import io.smokegate.text.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The prepared {@code kube.nodes} check; see {@link NodesCheckType}. */
final class NodesCheck implements KubeCheck.Body {

    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    private final int allowUnschedulable;
    private final int maxKubeletSkew;

    NodesCheck(int allowUnschedulable, int maxKubeletSkew) {
        this.allowUnschedulable = allowUnschedulable;
        this.maxKubeletSkew = maxKubeletSkew;
    }

    @Override
    public Outcome run(KubeCluster cluster, Probe probe) {
        String serverVersion = cluster.serverVersion();
        probe.detail("serverVersion", serverVersion);
        Optional<KubeVersion> api = KubeVersion.parse(serverVersion);
        ListResult<Node> nodes = cluster.list(KubeOp.list(ResourceRef.of(Node.class), null),
                KubeParams.limits(probe.context()), (c, options) -> c.nodes().list(options));
        if (nodes.summary().truncated()) {
            return Outcome.fail("the cluster has more than " + nodes.items().size() + " nodes, more than a check reads");
        }
        int ready = 0;
        List<String> cordoned = new ArrayList<>();
        Map<String, List<String>> problems = new TreeMap<>();
        Map<String, Integer> kubelets = new TreeMap<>();
        for (Node node : nodes.items()) {
            String name = node.getMetadata().getName();
            List<String> wrong = problems.computeIfAbsent(name, n -> new ArrayList<>());
            Map<String, NodeCondition> conditions = new TreeMap<>();
            if (node.getStatus() != null && node.getStatus().getConditions() != null) {
                node.getStatus().getConditions().forEach(c -> conditions.put(c.getType(), c));
            }
            NodeCondition readiness = conditions.get("Ready");
            if (readiness != null && "True".equals(readiness.getStatus())) {
                ready++;
            } else {
                wrong.add(readiness == null ? "no Ready condition"
                        : "not Ready" + (readiness.getReason() == null ? "" : " (" + readiness.getReason() + ")"));
            }
            for (String pressure : PRESSURES) {
                NodeCondition c = conditions.get(pressure);
                if (c != null && "True".equals(c.getStatus())) {
                    wrong.add(pressure);
                }
            }
            if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                cordoned.add(name);
            }
            String kubelet = node.getStatus() == null || node.getStatus().getNodeInfo() == null ? null
                    : node.getStatus().getNodeInfo().getKubeletVersion();
            kubelets.merge(kubelet == null ? "unknown" : kubelet, 1, Integer::sum);
            api.ifPresent(server -> skew(serverVersion, server, kubelet).ifPresent(wrong::add));
        }
        if (cordoned.size() > allowUnschedulable) {
            String why = "unschedulable (" + cordoned.size() + " cordoned, allowUnschedulable " + allowUnschedulable + ")";
            cordoned.forEach(name -> problems.get(name).add(why));
        }
        int total = nodes.items().size();
        probe.detail("nodes", total);
        probe.detail("ready", ready);
        probe.detail("unschedulable", List.copyOf(cordoned));
        probe.detail("kubeletVersions", kubelets);
        probe.measure(KubeFamily.NODES, total);
        probe.measure(KubeFamily.NODES_READY, ready);
        if (total == 0) {
            return Outcome.fail("the cluster has no nodes");
        }
        List<String> offenders = new ArrayList<>();
        problems.forEach((name, wrong) -> {
            if (!wrong.isEmpty()) {
                offenders.add(name + ": " + String.join(", ", wrong));
            }
        });
        if (!offenders.isEmpty()) {
            return Offenders.fail(probe, offenders.size() + " of " + Plural.count(total, "node") + " unhealthy", offenders);
        }
        String skew = api.isPresent() ? "kubelets within " + Plural.count(maxKubeletSkew, "minor version")
                + " of the API server " + serverVersion
                : "kubelet skew not checked: the API server's version '" + serverVersion + "' is not a Kubernetes version";
        return Outcome.pass(ready + " of " + Plural.count(total, "node") + " Ready, no pressure"
                + (cordoned.isEmpty() ? "" : ", " + cordoned.size() + " unschedulable (allowed)") + "; " + skew);
    }

    /** What is wrong with a kubelet's version under the skew policy, if anything. */
    private Optional<String> skew(String serverText, KubeVersion server, String kubeletText) {
        if (kubeletText == null || kubeletText.isBlank()) {
            return Optional.of("reports no kubelet version");
        }
        Optional<KubeVersion> parsed = KubeVersion.parse(kubeletText);
        if (parsed.isEmpty()) {
            return Optional.of("kubelet version '" + kubeletText + "' is not a Kubernetes version");
        }
        KubeVersion kubelet = parsed.get();
        if (kubelet.major() != server.major()) {
            return Optional.of("kubelet " + kubeletText + " and API server " + serverText + " differ in major version");
        }
        int behind = server.minor() - kubelet.minor();
        if (behind < 0) {
            return Optional.of("kubelet " + kubeletText + " is newer than the API server " + serverText
                    + " (never allowed)");
        }
        if (behind > maxKubeletSkew) {
            return Optional.of("kubelet " + kubeletText + " is " + Plural.count(behind, "minor version")
                    + " behind the API server " + serverText + " (at most " + maxKubeletSkew + ": maxKubeletSkew)");
        }
        return Optional.empty();
    }
}
