package io.smokegate.config;

import io.smokegate.chaos.ChaosSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code chaos:} section of the service config: whether {@code serve} runs chaos experiments at all (off unless
 * an operator turns it on: they inject faults into a cluster), where the scenario files are, the limits every
 * experiment keeps, and the kubeconfig context of the cluster (null: the kubeconfig's current context).
 */
public record ChaosConfig(boolean enabled, Path scenariosDir, ChaosSettings settings, String kubeContext) {

    public static ChaosConfig defaults() {
        return new ChaosConfig(false, Path.of("chaos-scenarios"), ChaosSettings.defaults(), null);
    }

    public Optional<String> optionalKubeContext() {
        return Optional.ofNullable(kubeContext);
    }

    public ChaosConfig withEnabled(boolean on) {
        return new ChaosConfig(on, scenariosDir, settings, kubeContext);
    }

    public ChaosConfig withScenariosDir(Path dir) {
        return new ChaosConfig(enabled, dir, settings, kubeContext);
    }

    public ChaosConfig withSettings(ChaosSettings s) {
        return new ChaosConfig(enabled, scenariosDir, s, kubeContext);
    }

    public ChaosConfig withKubeContext(String context) {
        return new ChaosConfig(enabled, scenariosDir, settings, context);
    }

    @Override
    public String toString() {
        return enabled ? "on (scenarios=" + scenariosDir + ", allowedNamespaces=" + settings.allowedNamespaces()
                + ", maxDuration=" + settings.maxDuration() + ")" : "off";
    }
}
