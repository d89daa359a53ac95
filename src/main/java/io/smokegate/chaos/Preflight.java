package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.input.Durations;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The questions answered before anything is injected: the experiment fits the operator's maximum duration, every
 * namespace it touches is allowed, Chaos Mesh is installed and its controller runs, this identity may create each
 * kind in every namespace it affects (Chaos Mesh's own admission check asks the same), and each selector matches
 * a running pod. Every question is asked and answered, so one report shows all that stands in the way; only an
 * unreachable cluster stops the questioning.
 */
final class Preflight {

    static final String DURATION = "duration";
    static final String NAMESPACES = "namespaces";
    static final String CHAOS_MESH = "chaos-mesh";
    static final String CONTROLLER = "controller";
    static final String PERMISSIONS = "permissions";
    static final String TARGETS = "targets";
    static final String CLUSTER = "cluster";

    private Preflight() {
    }

    static List<PreflightResult> check(ChaosScenario scenario, List<GenericKubernetesResource> resources, ChaosMesh mesh,
                                       ChaosSettings settings) {
        List<PreflightResult> results = new ArrayList<>();
        Duration max = scenario.maxDuration() == null ? settings.maxDuration() : scenario.maxDuration();
        results.add(max.compareTo(settings.maxDuration()) <= 0
                ? new PreflightResult(DURATION, true, "at most " + Durations.format(max) + " (the limit is "
                + Durations.format(settings.maxDuration()) + ")")
                : new PreflightResult(DURATION, false, "spec.maxDuration " + Durations.format(max)
                + " is longer than the configured maximum " + Durations.format(settings.maxDuration())
                + " (chaos.maxDuration)"));
        try {
            results.add(ask(NAMESPACES, () -> namespaces(scenario, resources, mesh, settings)));
            results.add(ask(CHAOS_MESH, () -> {
                List<String> missing = mesh.missingCrds(resources.stream().map(GenericKubernetesResource::getKind).toList());
                return missing.isEmpty() ? new PreflightResult(CHAOS_MESH, true, "the CRDs of every kind used are installed")
                        : new PreflightResult(CHAOS_MESH, false, "not installed: " + String.join(", ", missing)
                        + " (install Chaos Mesh v2.8, e.g. its Helm chart)");
            }));
            results.add(ask(CONTROLLER, () -> mesh.controllerProblem()
                    .map(p -> new PreflightResult(CONTROLLER, false, p))
                    .orElseGet(() -> new PreflightResult(CONTROLLER, true, "chaos-controller-manager has an available replica"))));
            results.add(ask(PERMISSIONS, () -> permissions(resources, mesh)));
            results.add(ask(TARGETS, () -> targets(resources, mesh)));
        } catch (KubeUnreachableException e) {
            results.add(new PreflightResult(CLUSTER, false, e.getMessage()));
        }
        return results;
    }

    private static PreflightResult ask(String check, Supplier<PreflightResult> question) {
        try {
            return question.get();
        } catch (KubeUnreachableException e) {
            throw e;
        } catch (KubeException e) {
            return new PreflightResult(check, false, e.getMessage());
        }
    }

    private static PreflightResult namespaces(ChaosScenario scenario, List<GenericKubernetesResource> resources, ChaosMesh mesh,
                                              ChaosSettings settings) {
        Set<String> touched = new LinkedHashSet<>(scenario.namespaces());
        resources.forEach(r -> touched.addAll(affected(r)));
        List<String> refused = touched.stream().filter(ns -> !mesh.namespaceAllowed(ns)).toList();
        if (refused.isEmpty()) {
            return new PreflightResult(NAMESPACES, true, "allowed: " + String.join(", ", touched));
        }
        String how = settings.allowedNamespaces().isEmpty()
                ? "no allowlist is configured (chaos.allowedNamespaces, --allow-namespace), and the namespace lacks the "
                + "opt-in annotation " + ChaosResources.INJECT_ANNOTATION + "=enabled"
                : "the allowlist is " + String.join(", ", settings.allowedNamespaces());
        return new PreflightResult(NAMESPACES, false, "not allowed: " + String.join(", ", refused) + "; " + how);
    }

    private static PreflightResult permissions(List<GenericKubernetesResource> resources, ChaosMesh mesh) {
        List<String> denied = new ArrayList<>();
        Set<String> asked = new LinkedHashSet<>();
        for (GenericKubernetesResource r : resources) {
            for (String ns : affected(r)) {
                String what = ChaosResources.resourceOf(r.getKind()).qualifiedName() + " in " + ns;
                if (asked.add(what) && !mesh.mayCreate(r.getKind(), ns)) {
                    denied.add(what);
                }
            }
        }
        return denied.isEmpty()
                ? new PreflightResult(PERMISSIONS, true, "may create " + String.join(", ", asked))
                : new PreflightResult(PERMISSIONS, false, "this identity (" + mesh.cluster().identity()
                + ") may not create " + String.join(", ", denied)
                + "; Chaos Mesh also requires it in every namespace a selector affects");
    }

    private static PreflightResult targets(List<GenericKubernetesResource> resources, ChaosMesh mesh) {
        List<String> found = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (GenericKubernetesResource r : resources) {
            List<String> pods = mesh.runningTargets(r);
            String name = r.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
            if (pods.isEmpty()) {
                none.add(name);
            } else {
                found.add(name + ": " + pods.size() + " running pod" + (pods.size() == 1 ? "" : "s"));
            }
        }
        return none.isEmpty() ? new PreflightResult(TARGETS, true, String.join("; ", found))
                : new PreflightResult(TARGETS, false, "the selector matches no running pod: " + String.join(", ", none));
    }

    /** The namespaces an object affects: its selector's, or its own. */
    static List<String> affected(GenericKubernetesResource r) {
        Object selector = ChaosMesh.map(r.getAdditionalProperties().get("spec")).get("selector");
        Object namespaces = ChaosMesh.map(selector).get("namespaces");
        List<String> out = new ArrayList<>();
        out.add(r.getMetadata().getNamespace());
        if (namespaces instanceof List<?> l) {
            l.forEach(n -> {
                if (!out.contains(String.valueOf(n))) {
                    out.add(String.valueOf(n));
                }
            });
        }
        return out;
    }

    static boolean passed(List<PreflightResult> results) {
        return results.stream().allMatch(PreflightResult::passed);
    }

    static String failures(List<PreflightResult> results) {
        return String.join("; ", results.stream().filter(r -> !r.passed()).map(r -> r.check() + ": " + r.message()).toList());
    }
}
