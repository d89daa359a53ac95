package io.smokegate.schedule;

/**
 * A schedule set through the API for one checklist, for every replica: it replaces the checklist file's
 * {@code spec.schedule} or switches scheduling off.
 */
public sealed interface ScheduleOverride {

    ScheduleOverride DISABLED = new Disabled();

    /** The schedule the checklist runs on instead of its file's; null when it does not run by itself. */
    Schedule schedule();

    /** Scheduling is off for the checklist. */
    record Disabled() implements ScheduleOverride {
        @Override
        public Schedule schedule() {
            return null;
        }
    }

    /** The checklist runs on this schedule. */
    record Replaced(Schedule schedule) implements ScheduleOverride {
        public Replaced {
            if (schedule == null) {
                throw new IllegalArgumentException("a replaced schedule needs a schedule");
            }
        }
    }

    /**
     * A stored override this version cannot read (edited by hand, or written by a newer one). Not knowing
     * whether it switched scheduling off, the checklist does not run by itself, as with {@link Disabled}.
     */
    record Unreadable(String why) implements ScheduleOverride {
        @Override
        public Schedule schedule() {
            return null;
        }
    }
}
