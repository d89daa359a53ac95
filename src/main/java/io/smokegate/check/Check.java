package io.smokegate.check;

/**
 * One prepared probe of one target, built once from a checklist entry and run any number of times.
 * Implementations report what the target did as an {@link Outcome}; an exception means the check itself
 * broke (a bug or a local problem), not the target. They must honour {@link Probe#deadline()} and
 * interruption, and must be safe to run concurrently.
 */
@FunctionalInterface
public interface Check {

    Outcome run(Probe probe) throws Exception;
}
