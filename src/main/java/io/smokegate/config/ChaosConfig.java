package io.smokegate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code chaos:} section of the service config: whether {@code serve} runs chaos experiments at all (off unless
 * an operator turns it on: they inject faults into a cluster), where the scenario files are, the limits every
 * experiment keeps, and the kubeconfig context of the cluster (null: the kubeconfig's current context). The service
 * turns it into the engine's ChaosSettings.
 *
 * @param allowedNamespaces namespaces experiments may target; empty: those annotated chaos-mesh.org/inject=enabled
 * @param waits             how long the engine waits for Chaos Mesh; not in the file (tests shorten them)
 */
public record ChaosConfig(boolean enabled, Path scenariosDir, List<String> allowedNamespaces, Duration maxDuration,
                          String controllerNamespace, String kubeContext, Waits waits) {

    /** The engine's waits: for injection, for a deletion on the finalizer, for removal retries, between polls. */
    public record Waits(Duration inject, Duration removal, Duration removalDeadline, Duration poll) {
        public static final Waits DEFAULT = new Waits(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5),
                Duration.ofSeconds(1));
    }

    public ChaosConfig {
        allowedNamespaces = List.copyOf(allowedNamespaces);
    }

    public static ChaosConfig defaults() {
        return new ChaosConfig(false, Path.of("chaos-scenarios"), List.of(), Duration.ofMinutes(30), "chaos-mesh", null,
                Waits.DEFAULT);
    }

    public ChaosConfig withEnabled(boolean on) {
        return new ChaosConfig(on, scenariosDir, allowedNamespaces, maxDuration, controllerNamespace, kubeContext, waits);
    }

    public ChaosConfig withScenariosDir(Path dir) {
        return new ChaosConfig(enabled, dir, allowedNamespaces, maxDuration, controllerNamespace, kubeContext, waits);
    }

    public ChaosConfig withAllowedNamespaces(List<String> namespaces) {
        return new ChaosConfig(enabled, scenariosDir, namespaces, maxDuration, controllerNamespace, kubeContext, waits);
    }

    public ChaosConfig withMaxDuration(Duration max) {
        return new ChaosConfig(enabled, scenariosDir, allowedNamespaces, max, controllerNamespace, kubeContext, waits);
    }

    public ChaosConfig withControllerNamespace(String namespace) {
        return new ChaosConfig(enabled, scenariosDir, allowedNamespaces, maxDuration, namespace, kubeContext, waits);
    }

    public ChaosConfig withKubeContext(String context) {
        return new ChaosConfig(enabled, scenariosDir, allowedNamespaces, maxDuration, controllerNamespace, context, waits);
    }

    public ChaosConfig withWaits(Waits w) {
        return new ChaosConfig(enabled, scenariosDir, allowedNamespaces, maxDuration, controllerNamespace, kubeContext, w);
    }

    @Override
    public String toString() {
        return enabled ? "on (scenarios=" + scenariosDir + ", allowedNamespaces=" + allowedNamespaces
                + ", maxDuration=" + maxDuration + ")" : "off";
    }
}
