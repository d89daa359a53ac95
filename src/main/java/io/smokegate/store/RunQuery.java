package io.smokegate.store;

import io.smokegate.run.RunStatus;
import java.time.Instant;

/**
 * Which runs to list, newest first. Null fields do not filter. {@code cursor} continues a previous page
 * (the {@code next} of {@link RunPage}).
 */
public record RunQuery(String checklist, RunStatus status, Instant since, Instant until, int limit, String cursor) {

    /** The most runs one page holds; the API's list endpoints share this bound. */
    public static final int MAX_LIMIT = 500;

    public RunQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    public static RunQuery latest(String checklist, int limit) {
        return new RunQuery(checklist, null, null, null, limit, null);
    }
}
