package io.smokegate.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An analysis as it stands: its measurements so far and its phase. {@code finishedAt} is null while it runs;
 * {@code message} says why it ended (empty while it runs).
 *
 * @param startedBy the token name (API) or "cli" that started it
 */
public record Analysis(String id, AnalysisSpec spec, AnalysisPhase phase, String startedBy, Instant startedAt,
                       Instant finishedAt, List<AnalysisMeasurement> measurements, String message) {

    /** The trigger of the runs an analysis makes, as the run list shows it (the service's and the CLI's alike). */
    public static final String RUN_TRIGGER = "analysis";

    public Analysis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(phase, "phase");
        measurements = List.copyOf(measurements);
        message = message == null ? "" : message;
        if (phase.finished() != (finishedAt != null)) {
            throw new IllegalArgumentException("an analysis has an end time exactly when it has finished");
        }
        if (measurements.size() > spec.count()) {
            throw new IllegalArgumentException(measurements.size() + " measurements, but the window holds " + spec.count());
        }
    }

    public static Analysis started(String id, AnalysisSpec spec, String startedBy, Instant at) {
        return new Analysis(id, spec, AnalysisPhase.RUNNING, startedBy, at, null, List.of(), "");
    }

    /** This analysis with one more measurement, still running. */
    public Analysis with(AnalysisMeasurement m) {
        List<AnalysisMeasurement> more = new java.util.ArrayList<>(measurements);
        more.add(m);
        return new Analysis(id, spec, phase, startedBy, startedAt, finishedAt, more, message);
    }

    public Analysis finish(AnalysisPhase phase, Instant at, String why) {
        return new Analysis(id, spec, phase, startedBy, startedAt, at, measurements, why);
    }

    /** Measurements with {@code outcome}, as the analysis' spec counts them. */
    public long count(AnalysisMeasurement.Outcome outcome) {
        return measurements.stream().filter(m -> m.outcome(spec.failOnWarning()) == outcome).count();
    }

    /** How far it got, as messages say it: "3 of 15 measurements". */
    public String progress() {
        return measurements.size() + " of " + spec.count() + " measurements";
    }

    /** Its measurements by outcome, as messages say it: "3 successful, 1 failed, 0 not judged". */
    public String tally() {
        return count(AnalysisMeasurement.Outcome.SUCCESSFUL) + " successful, " + count(AnalysisMeasurement.Outcome.FAILED)
                + " failed, " + count(AnalysisMeasurement.Outcome.ERROR) + " not judged";
    }

    /** When measurement {@code index} (from 1) is due: at the end of its interval. */
    public Instant due(int index) {
        return startedAt.plus(spec.interval().multipliedBy(index));
    }
}
