package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.chaos.ExperimentReport.Removal;
import io.smokegate.input.Durations;
import io.smokegate.kube.KubeApiException;
import io.smokegate.kube.KubeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes one chaos object out of the cluster, and does not give up easily. Delete, retrying with backoff while the
 * cluster does not answer (up to {@link ChaosSettings#removalDeadline()}); wait until Chaos Mesh has recovered the
 * targets and dropped its finalizer. If the deletion hangs past {@link ChaosSettings#removalTimeout()}, use Chaos
 * Mesh's documented escape: pause the object (the controller recovers the targets), then mark it for forced
 * finalizer cleanup. What still does not go away is reported with the exact steps a person must take, because
 * removing the finalizer ourselves while the controller is down would hide faults that stay in the pods.
 */
final class FaultRemoval {

    /** How one object left (or did not leave) the cluster. */
    record Outcome(Removal removal, Instant removedAt, String message, List<String> manualSteps) {
        Outcome {
            manualSteps = List.copyOf(manualSteps);
        }
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ChaosMesh mesh;
    private final ChaosSettings settings;
    private final Clock clock;
    private boolean interrupted;

    FaultRemoval(ChaosMesh mesh, ChaosSettings settings, Clock clock) {
        this.mesh = mesh;
        this.settings = settings;
        this.clock = clock;
    }

    Outcome remove(String kind, String namespace, String name) {
        // A shutdown interrupts the experiment's thread; the removal must still happen, so it runs uninterrupted.
        interrupted = Thread.interrupted();
        try {
            return removeUninterrupted(kind, namespace, name);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Outcome removeUninterrupted(String kind, String namespace, String name) {
        Instant deadline = clock.instant().plus(settings.removalDeadline());
        String what = kind + " " + namespace + "/" + name;
        String lastFailure = deleteWithRetries(kind, namespace, name, deadline);
        if (lastFailure != null) {
            return stuck(kind, namespace, name, "could not be deleted: " + lastFailure, false);
        }
        Optional<GenericKubernetesResource> left = waitGone(kind, namespace, name,
                min(clock.instant().plus(settings.removalTimeout()), deadline));
        if (left.isEmpty()) {
            return new Outcome(Removal.REMOVED, clock.instant(), what + " deleted; Chaos Mesh recovered its targets", List.of());
        }
        // The deletion hangs on the finalizer: pause first, so the controller recovers the targets before letting go.
        try {
            mesh.annotate(kind, namespace, name, ChaosResources.PAUSE_ANNOTATION, "true");
            waitRecovered(kind, namespace, name, min(clock.instant().plus(settings.removalTimeout()), deadline));
            mesh.annotate(kind, namespace, name, ChaosResources.CLEAN_FINALIZER_ANNOTATION, "forced");
        } catch (KubeException e) {
            return stuck(kind, namespace, name, "its deletion hangs on Chaos Mesh's finalizer and the escape was refused: "
                    + e.getMessage(), true);
        }
        left = waitGone(kind, namespace, name, min(clock.instant().plus(settings.removalTimeout()), deadline));
        if (left.isEmpty()) {
            return new Outcome(Removal.FORCED, clock.instant(), what + " hung on Chaos Mesh's finalizer for "
                    + Durations.format(settings.removalTimeout()) + "; paused (targets recovered) and released with "
                    + ChaosResources.CLEAN_FINALIZER_ANNOTATION + "=forced", List.of());
        }
        return stuck(kind, namespace, name, "still there after pause and forced finalizer cleanup", true);
    }

    /** Null when the deletion was accepted (or the object is already gone), else the last failure. */
    private String deleteWithRetries(String kind, String namespace, String name, Instant deadline) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                mesh.delete(kind, namespace, name);
                return null;
            } catch (KubeApiException e) {
                if (e.status() == 404) {
                    return null;
                }
                if (e.status() / 100 != 5 && e.status() != 429 && e.status() != 0) {
                    return e.getMessage();
                }
                if (!sleepUntilRetry(backoff, deadline)) {
                    return e.getMessage();
                }
            } catch (KubeException e) {
                if (!sleepUntilRetry(backoff, deadline)) {
                    return e.getMessage();
                }
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    /** Empty once gone; else the object as last seen when {@code until} passed. */
    private Optional<GenericKubernetesResource> waitGone(String kind, String namespace, String name, Instant until) {
        Optional<GenericKubernetesResource> last = Optional.empty();
        while (true) {
            try {
                last = mesh.get(kind, namespace, name);
                if (last.isEmpty()) {
                    return last;
                }
            } catch (KubeException e) {
                // Not answering proves nothing; keep asking until the time is up.
                last = Optional.of(new GenericKubernetesResource());
            }
            if (!sleepUntilRetry(settings.poll(), until)) {
                return last;
            }
        }
    }

    private void waitRecovered(String kind, String namespace, String name, Instant until) {
        while (true) {
            Optional<GenericKubernetesResource> now = mesh.get(kind, namespace, name);
            if (now.isEmpty()) {
                return;
            }
            ChaosMesh.Condition recovered = ChaosMesh.conditions(now.get()).get("AllRecovered");
            if (recovered != null && recovered.status() || !sleepUntilRetry(settings.poll(), until)) {
                return;
            }
        }
    }

    private Outcome stuck(String kind, String namespace, String name, String why, boolean hungOnFinalizer) {
        String resource = ChaosResources.resourceOf(kind).qualifiedName();
        String controller = "deploy/" + ChaosSettings.CONTROLLER_DEPLOYMENT;
        List<String> steps = new ArrayList<>();
        steps.add("kubectl -n " + namespace + " get " + resource + " " + name
                + " -o yaml   # status.experiment.containerRecords: which targets are still injected");
        if (hungOnFinalizer) {
            steps.add("kubectl -n " + settings.controllerNamespace() + " rollout status " + controller
                    + "   # a running controller recovers the targets and removes its finalizer by itself");
            steps.add("if the controller cannot come back: kubectl delete mutatingwebhookconfiguration chaos-mesh-mutation"
                    + " && kubectl delete validatingwebhookconfiguration chaos-mesh-validation chaos-mesh-validation-auth");
            steps.add("kubectl -n " + namespace + " patch " + resource + " " + name
                    + " --type merge -p '{\"metadata\":{\"finalizers\":null}}'");
            steps.add("restart the target pods listed in containerRecords (their network rules stay until the pod is "
                    + "recreated): kubectl -n NAMESPACE delete pod POD");
        } else {
            steps.add("kubectl -n " + namespace + " delete " + resource + " " + name);
        }
        return new Outcome(Removal.STUCK, null, kind + " " + namespace + "/" + name + " " + why, steps);
    }

    /** Sleeps {@code d} unless that would pass {@code until}; false when the time is up. */
    private boolean sleepUntilRetry(Duration d, Instant until) {
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            return false;
        }
        Duration wait = min(d, Duration.between(now, until));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
