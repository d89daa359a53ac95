package io.smokegate.store;

/**
 * The database could not do what was asked. {@code unreachable} separates "the database is not there"
 * (a running system we could not reach: exit code 3, 503) from "it refused" (locked, read-only, newer schema).
 */
public class StoreException extends Exception {

    private final boolean unreachable;

    public StoreException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
