package io.smokegate.techdebt.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.smokegate.techdebt.HygieneFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each hygiene rule: a workload that breaks it and one that does not. */
class HygieneRulesTest {

    /** A container that passes every rule: probes, requests and limits, a pinned image, a non-root user. */
    static ContainerBuilder good(String name) {
        return new ContainerBuilder().withName(name).withImage("registry.example.com:5000/shop/web:1.4.2")
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet().endLivenessProbe()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet().endReadinessProbe()
                .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi"))).endResources()
                .withSecurityContext(new SecurityContextBuilder().withRunAsNonRoot(true).build());
    }

    private static HygieneRules.Workload workload(String kind, Integer replicas, PodSecurityContext pod, Container... containers) {
        return new HygieneRules.Workload(kind, "shop", "web", replicas, Map.of("app", "web"),
                new PodSpecBuilder().withSecurityContext(pod).withContainers(containers).build());
    }

    private static List<String> checks(HygieneRules.Workload w, Boolean hasPdb) {
        return HygieneRules.judge(w, hasPdb).stream().map(HygieneFinding::check).toList();
    }

    @Test
    void aWellKeptDeploymentHasNoFindings() {
        assertEquals(List.of(), HygieneRules.judge(workload("Deployment", 3, null, good("web").build()), true));
    }

    @Test
    void aStatefulSetWithoutPdbIsAFindingEvenWithOneReplica() {
        List<HygieneFinding> findings = HygieneRules.judge(workload("StatefulSet", 1, null, good("db").build()), false);
        assertEquals(List.of(new HygieneFinding("missingPodDisruptionBudget", "StatefulSet", "shop", "web",
                "no PodDisruptionBudget selects its pods (labels app=web): a node drain may evict it at once")), findings);
        assertEquals(List.of(), checks(workload("StatefulSet", 1, null, good("db").build()), true));
    }

    @Test
    void aDeploymentNeedsAPdbOnlyWithMoreThanOneReplica() {
        assertEquals(List.of(new HygieneFinding("missingPodDisruptionBudget", "Deployment", "shop", "web",
                "no PodDisruptionBudget selects its pods (labels app=web): a node drain may evict all 3 replicas at once")),
                HygieneRules.judge(workload("Deployment", 3, null, good("web").build()), false));
        assertEquals(List.of("deploymentMissingReplicas"), checks(workload("Deployment", 1, null, good("web").build()), false));
    }

    @Test
    void unknownBudgetsLeaveThePdbRuleOut() {
        assertEquals(List.of(), checks(workload("StatefulSet", 3, null, good("db").build()), null));
    }

    @Test
    void aDeploymentOfOneReplicaOrNoneWrittenIsAFinding() {
        assertEquals(List.of(new HygieneFinding("deploymentMissingReplicas", "Deployment", "shop", "web",
                "1 replica: its pod is down whenever it restarts or its node is drained; set spec.replicas to 2 or more")),
                HygieneRules.judge(workload("Deployment", null, null, good("web").build()), true));
        assertEquals(List.of(), checks(workload("StatefulSet", 1, null, good("web").build()), true));
        assertEquals(List.of(), checks(workload("DaemonSet", null, null, good("agent").build()), true));
    }

    @Test
    void containersWithoutProbesAreNamedInOneFindingPerProbe() {
        Container noProbes = good("web").withLivenessProbe(null).withReadinessProbe(null).build();
        Container noReadiness = good("sidecar").withReadinessProbe(null).build();
        List<HygieneFinding> findings = HygieneRules.judge(workload("Deployment", 2, null, noProbes, noReadiness), true);
        assertEquals(List.of(
                new HygieneFinding("livenessProbeMissing", "Deployment", "shop", "web", "container web: no livenessProbe"),
                new HygieneFinding("readinessProbeMissing", "Deployment", "shop", "web", "containers web, sidecar: no readinessProbe")),
                findings);
    }

    @Test
    void missingRequestsAndLimitsAreOneFindingEach() {
        Container none = good("web").withResources(null).build();
        assertEquals(List.of("cpuRequestsMissing", "memoryRequestsMissing", "cpuLimitsMissing", "memoryLimitsMissing"),
                checks(workload("Deployment", 2, null, none), true));
        Container onlyRequests = good("web").withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory",
                new Quantity("1Gi"))).endResources().build();
        assertEquals(List.of(new HygieneFinding("cpuLimitsMissing", "Deployment", "shop", "web", "container web: no resources.limits.cpu"),
                new HygieneFinding("memoryLimitsMissing", "Deployment", "shop", "web", "container web: no resources.limits.memory")),
                HygieneRules.judge(workload("Deployment", 2, null, onlyRequests), true));
    }

    @Test
    void latestAndUntaggedImagesAreFindingsButTagsDigestsAndRegistryPortsAreNot() {
        Container latest = good("web").withImage("nginx:latest").build();
        Container untagged = good("proxy").withImage("registry.example.com:5000/shop/proxy").build();
        assertEquals(List.of(new HygieneFinding("tagNotSpecified", "Deployment", "shop", "web", "image without a fixed tag in"
                + " containers web (nginx:latest: the moving tag latest), proxy (registry.example.com:5000/shop/proxy: no tag, which"
                + " means latest): what runs changes with the registry; pin a version or a digest")),
                HygieneRules.judge(workload("Deployment", 2, null, latest, untagged), true));
        Container digest = good("web").withImage("nginx@sha256:" + "a".repeat(64)).build();
        Container tagged = good("proxy").withImage("docker.io/library/nginx:1.27.1-alpine").build();
        assertEquals(List.of(), checks(workload("Deployment", 2, null, digest, tagged), true));
    }

    @Test
    void aContainerMayRunAsRootUnlessItOrItsPodSaysOtherwise() {
        Container unset = good("web").withSecurityContext(null).build();
        assertEquals(List.of(new HygieneFinding("runAsRootAllowed", "Deployment", "shop", "web", "container web: may run as root:"
                + " neither it nor the pod sets runAsNonRoot: true or a runAsUser above 0")),
                HygieneRules.judge(workload("Deployment", 2, null, unset), true));
        PodSecurityContext podNonRoot = new PodSecurityContextBuilder().withRunAsNonRoot(true).build();
        assertEquals(List.of(), checks(workload("Deployment", 2, podNonRoot, unset), true));
        PodSecurityContext podUser = new PodSecurityContextBuilder().withRunAsUser(1000L).build();
        assertEquals(List.of(), checks(workload("Deployment", 2, podUser, unset), true));
        Container overridesToRoot = good("web").withSecurityContext(new SecurityContextBuilder().withRunAsUser(0L).build()).build();
        assertEquals(List.of("runAsRootAllowed"), checks(workload("Deployment", 2, podNonRoot, overridesToRoot), true));
        Container optsOut = good("web").withSecurityContext(new SecurityContextBuilder().withRunAsNonRoot(false).build()).build();
        assertEquals(List.of("runAsRootAllowed"), checks(workload("Deployment", 2, podNonRoot, optsOut), true));
    }
}
