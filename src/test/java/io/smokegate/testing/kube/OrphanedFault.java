package io.smokegate.testing.kube;

import io.smokegate.chaos.ChaosResources;

/** A fault smokegate once injected and nobody removed: what sweeps must find, judge by its owner, and remove. */
public final class OrphanedFault {

    private OrphanedFault() {
    }

    /**
     * NetworkChaos {@code demo/orphan} of experiment 01a20107-…, labelled as smokegate labels its faults, annotated with
     * {@code owner}, delaying the pods {@code selector} (a Chaos Mesh selector in YAML flow style) picks, for 10 minutes.
     */
    public static String networkChaos(String owner, String selector) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata:
                  name: orphan
                  namespace: demo
                  labels: {%s: smokegate, %s: 01a20107-0153-7033-b446-247a6ff7eac3}
                  annotations: {%s: "%s"}
                spec:
                  action: delay
                  mode: all
                  selector: %s
                  delay: {latency: 200ms}
                  duration: 10m
                """.formatted(ChaosResources.MANAGED_BY_LABEL, ChaosResources.EXPERIMENT_LABEL,
                ChaosResources.OWNER_ANNOTATION, owner, selector);
    }
}
