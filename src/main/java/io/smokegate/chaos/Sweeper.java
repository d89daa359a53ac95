package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.chaos.ExperimentReport.Removal;
import io.smokegate.kube.KubeException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Finds chaos objects smokegate created whose owner is gone and removes them: what a {@code kill -9} of the CLI or
 * a crash of {@code serve} left behind. Objects of live owners are left alone. An owner on another host that
 * cannot be asked keeps its objects until their {@code spec.duration} is over (then the fault has ended anyway and
 * the object is only clutter); an object without a readable owner is an orphan, since smokegate always writes one.
 */
public final class Sweeper {

    /** One object the sweep looked at, what it decided, and how it went. */
    public record Swept(String kind, String namespace, String name, String experiment, String owner, Decision decision,
                        Removal removal, String message) {
    }

    /** What the sweep decided for an object. */
    public enum Decision { REMOVED, LEFT_ALIVE, LEFT_UNKNOWN, FAILED }

    private static final int PARALLEL_REMOVALS = 8;

    private final ChaosMesh mesh;
    private final ChaosSettings settings;
    private final OwnerLiveness liveness;
    private final Clock clock;

    public Sweeper(ChaosMesh mesh, ChaosSettings settings, OwnerLiveness liveness, Clock clock) {
        this.mesh = mesh;
        this.settings = settings;
        this.liveness = liveness;
        this.clock = clock;
    }

    /**
     * Sweeps every namespace (or one).
     *
     * @throws KubeException when the objects cannot be listed
     */
    public List<Swept> sweep(String namespace) {
        List<Supplier<Swept>> decisions = new ArrayList<>();
        for (GenericKubernetesResource r : mesh.managed(namespace)) {
            String kind = r.getKind();
            String ns = r.getMetadata().getNamespace();
            String name = r.getMetadata().getName();
            String experiment = label(r, ChaosResources.EXPERIMENT_LABEL);
            String ownerText = annotation(r, ChaosResources.OWNER_ANNOTATION);
            Optional<Owner> owner = Owner.parse(ownerText);
            OwnerLiveness.State state = owner.map(liveness::of).orElse(OwnerLiveness.State.DEAD);
            if (state == OwnerLiveness.State.UNKNOWN && !timeUp(r)) {
                Swept left = new Swept(kind, ns, name, experiment, ownerText, Decision.LEFT_UNKNOWN, null,
                        "owned by " + owner.get() + ", which cannot be asked from here; left until its duration is over");
                decisions.add(() -> left);
            } else if (state == OwnerLiveness.State.ALIVE) {
                Swept left = new Swept(kind, ns, name, experiment, ownerText, Decision.LEFT_ALIVE, null,
                        "owned by " + owner.get() + ", which is running");
                decisions.add(() -> left);
            } else {
                String why = owner.map(o -> state == OwnerLiveness.State.DEAD ? "its owner " + o + " is gone"
                        : "its duration is over").orElse("it names no owner");
                decisions.add(() -> remove(r, experiment, ownerText, why));
            }
        }
        return all(decisions);
    }

    /**
     * Removes every object of experiment {@code experimentId}, whoever owns it ({@code smokegate chaos abort}); the
     * experiment's own process sees its fault gone and ends. Empty when the cluster has none.
     *
     * @throws KubeException when the objects cannot be listed
     */
    public List<Swept> abort(String experimentId) {
        List<Supplier<Swept>> removals = new ArrayList<>();
        for (GenericKubernetesResource r : mesh.managed(null)) {
            if (experimentId.equals(label(r, ChaosResources.EXPERIMENT_LABEL))) {
                removals.add(() -> remove(r, experimentId, annotation(r, ChaosResources.OWNER_ANNOTATION), "aborted"));
            }
        }
        return all(removals);
    }

    /**
     * The decisions in order, the removals among them at the same time: each waits on Chaos Mesh's finalizer, so
     * one after the other a sweep after a crash of many experiments would take that wait many times over. At most
     * {@link #PARALLEL_REMOVALS} at once, to spare the API server.
     */
    private static List<Swept> all(List<Supplier<Swept>> decisions) {
        Semaphore slots = new Semaphore(PARALLEL_REMOVALS);
        try (ExecutorService removals = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Swept>> done = decisions.stream().map(d -> removals.submit(() -> {
                slots.acquire();
                try {
                    return d.get();
                } finally {
                    slots.release();
                }
            })).toList();
            List<Swept> out = new ArrayList<>();
            for (Future<Swept> f : done) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the sweep was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Swept remove(GenericKubernetesResource r, String experiment, String ownerText, String why) {
        String kind = r.getKind();
        String ns = r.getMetadata().getNamespace();
        String name = r.getMetadata().getName();
        FaultRemoval.Outcome outcome = new FaultRemoval(mesh, settings, clock).remove(kind, ns, name);
        return new Swept(kind, ns, name, experiment, ownerText,
                outcome.removal() == Removal.STUCK ? Decision.FAILED : Decision.REMOVED, outcome.removal(),
                why + ": " + outcome.message() + (outcome.manualSteps().isEmpty() ? ""
                        : "; by hand: " + String.join(" ; ", outcome.manualSteps())));
    }

    private boolean timeUp(GenericKubernetesResource r) {
        Object duration = ChaosMesh.map(r.getAdditionalProperties().get("spec")).get("duration");
        String created = r.getMetadata().getCreationTimestamp();
        if (!(duration instanceof String d) || created == null) {
            return true;
        }
        try {
            return !clock.instant().isBefore(Instant.parse(created).plus(ChaosResources.parseGoDuration(d)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return true;
        }
    }

    private static String label(GenericKubernetesResource r, String key) {
        return r.getMetadata().getLabels() == null ? "" : r.getMetadata().getLabels().getOrDefault(key, "");
    }

    private static String annotation(GenericKubernetesResource r, String key) {
        return r.getMetadata().getAnnotations() == null ? null : r.getMetadata().getAnnotations().get(key);
    }
}
