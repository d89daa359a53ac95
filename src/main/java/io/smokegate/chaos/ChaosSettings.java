package io.smokegate.chaos;

import java.time.Duration;
import java.util.List;

/**
 * The limits an operator sets on chaos experiments ({@code chaos:} in the service config; flags of
 * {@code smokegate chaos run}).
 *
 * @param allowedNamespaces  namespaces experiments may target; empty: those that opted in with Chaos Mesh's own
 *                           namespace annotation {@value ChaosResources#INJECT_ANNOTATION}{@code =enabled}
 * @param maxDuration        the longest an experiment (and so any fault) may last; longer scenarios fail preflight,
 *                           longer or missing fault durations are cut to it
 * @param controllerNamespace where Chaos Mesh's controller-manager Deployment runs
 * @param injectTimeout      how long to wait for Chaos Mesh to report every target injected
 * @param removalTimeout     how long a deletion may hang on Chaos Mesh's finalizer before the documented escape
 * @param removalDeadline    how long removal keeps retrying when the cluster does not answer
 * @param poll               how often the cluster is asked while waiting
 */
public record ChaosSettings(
        List<String> allowedNamespaces,
        Duration maxDuration,
        String controllerNamespace,
        Duration injectTimeout,
        Duration removalTimeout,
        Duration removalDeadline,
        Duration poll) {

    public static final String CONTROLLER_DEPLOYMENT = "chaos-controller-manager";

    public ChaosSettings {
        allowedNamespaces = List.copyOf(allowedNamespaces);
        for (Duration d : List.of(maxDuration, injectTimeout, removalTimeout, removalDeadline, poll)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("chaos durations are positive, got " + d);
            }
        }
    }

    public static ChaosSettings defaults() {
        return new ChaosSettings(List.of(), Duration.ofMinutes(30), "chaos-mesh", Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(1));
    }

    public ChaosSettings withAllowedNamespaces(List<String> namespaces) {
        return new ChaosSettings(namespaces, maxDuration, controllerNamespace, injectTimeout, removalTimeout,
                removalDeadline, poll);
    }

    public ChaosSettings withMaxDuration(Duration max) {
        return new ChaosSettings(allowedNamespaces, max, controllerNamespace, injectTimeout, removalTimeout,
                removalDeadline, poll);
    }

    /** Shorter waits, for tests against the fake cluster. */
    public ChaosSettings withTimings(Duration inject, Duration removal, Duration deadline, Duration pollEvery) {
        return new ChaosSettings(allowedNamespaces, maxDuration, controllerNamespace, inject, removal, deadline, pollEvery);
    }
}
