package io.smokegate.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * What an analysis watches: {@code checklist}, gated once at the end of every {@code interval} until {@code window}
 * has passed (so {@code window / interval} measurements, each judging the interval just past), failing as soon as
 * more than {@code failureLimit} measurements failed and ending inconclusive as soon as more than
 * {@code inconclusiveLimit} could not be judged. The limits mean what Argo Rollouts' {@code failureLimit} and
 * {@code inconclusiveLimit} mean: 0, the default, tolerates none. A warning verdict succeeds unless
 * {@code failOnWarning}, as for a single gate.
 */
public record AnalysisSpec(String checklist, Duration window, Duration interval, int failureLimit, int inconclusiveLimit,
                           boolean failOnWarning) {

    /** More measurements than this is a typo (e.g. --interval 1s over a day), and each one is stored. */
    public static final int MAX_MEASUREMENTS = 1_000;
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    /** A field that is wrong, and why: the API says {@code field: problem}, the CLI names its flag instead. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;
        private final String problem;

        Invalid(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
            this.problem = problem;
        }

        public String field() {
            return field;
        }

        public String problem() {
            return problem;
        }
    }

    /** @throws Invalid naming the field that is wrong */
    public AnalysisSpec {
        Objects.requireNonNull(checklist, "checklist");
        if (window.isNegative() || window.isZero()) {
            throw new Invalid("for", "must be a positive duration");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new Invalid("interval", "must be a positive duration");
        }
        if (window.compareTo(interval) < 0) {
            throw new Invalid("for", text(window) + " is shorter than the interval (" + text(interval)
                    + "); the window must hold at least one interval");
        }
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new Invalid("for", text(window) + " is longer than " + text(MAX_WINDOW)
                    + "; split a longer rollout into stages");
        }
        if (window.dividedBy(interval) > MAX_MEASUREMENTS) {
            throw new Invalid("interval", text(interval) + " over " + text(window) + " would take "
                    + window.dividedBy(interval) + " measurements, more than " + MAX_MEASUREMENTS + "; use a longer interval");
        }
        if (failureLimit < 0) {
            throw new Invalid("failureLimit", failureLimit
                    + " is negative; 0 fails the analysis on the first failed measurement");
        }
        if (inconclusiveLimit < 0) {
            throw new Invalid("inconclusiveLimit", inconclusiveLimit
                    + " is negative; 0 ends the analysis on the first measurement that cannot be judged");
        }
    }

    /** How many measurements the window holds: one at the end of each whole interval. */
    public int count() {
        return (int) window.dividedBy(interval);
    }

    /** A duration as users write it: 90s, 15m, 2h, 1500ms. */
    public static String text(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
