package io.smokegate.run;

/**
 * Where the queue writes a run down the moment it accepts it. An accepted run is a promise (the API hands out
 * its URL), so it must outlive the process: the service's journal stores it, and the report that ends the run
 * replaces the entry in the same transaction.
 */
public interface RunJournal {

    /** Writes the run down; throwing refuses the run, and nothing is queued. */
    void accepted(RunTicket ticket) throws RunRejectedException;

    /** The run was written down but not queued after all (the queue filled up in between). */
    void withdrawn(RunTicket ticket);

    /** The run left the queue and started. Best effort: a failure here costs only the state shown to others. */
    void started(RunTicket ticket);

    /** For callers that wait for their run in-process (tests, embedded use): nothing to outlive. */
    RunJournal NONE = new RunJournal() {
        @Override
        public void accepted(RunTicket ticket) {
        }

        @Override
        public void withdrawn(RunTicket ticket) {
        }

        @Override
        public void started(RunTicket ticket) {
        }
    };
}
