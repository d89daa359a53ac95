package io.smokegate.analysis;

/** The analysis cannot go on (its checklist is gone or cannot be judged, the database failed); it ends in Error. */
public final class AnalysisException extends Exception {
    public AnalysisException(String message) {
        super(message);
    }
}
