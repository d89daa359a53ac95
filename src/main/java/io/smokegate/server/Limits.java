package io.smokegate.server;

/** The {@code limit} query parameter of list endpoints. */
final class Limits {

    private Limits() {
    }

    static int parse(String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + max);
        }
        return limit;
    }
}
