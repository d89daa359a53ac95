package io.smokegate.cli;

/** The CLI's exit codes, a contract CI pipelines rely on. */
public final class ExitCode {

    /** The run (or gate) passed. */
    public static final int PASSED = 0;
    /** Checks failed, errored or the run was aborted. */
    public static final int FAILED = 1;
    /** Invalid input or configuration; the message names file:line:col or the flag. */
    public static final int INVALID = 2;
    /** A required system (database, Pushgateway, Prometheus, Kubernetes) could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {
    }
}
