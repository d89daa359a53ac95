package io.smokegate.server;

import io.smokegate.store.RunQuery;

/** The {@code limit} query parameter of list endpoints: one default and one maximum for all of them. */
final class Limits {

    static final int DEFAULT = 50;
    /** Runs, verdicts and alert notifications alike; the run store pages up to the same bound. */
    static final int MAX = RunQuery.MAX_LIMIT;

    private Limits() {
    }

    static int parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + MAX);
        }
        return limit;
    }
}
