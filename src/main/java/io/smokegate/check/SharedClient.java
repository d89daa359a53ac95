package io.smokegate.check;

import java.util.function.Function;

/**
 * A typed key for a client that checks share across checks and runs of one process — a connection pool, the
 * Kubernetes clients of the contexts in use, Git repositories. The family that needs it declares the key as a
 * constant; {@link CheckContext#client} opens it on first use and closes it with the context.
 *
 * <p>Keys are compared by identity, so two families cannot collide by choosing the same name.
 *
 * @param name for logs and errors
 * @param open creates the client; called at most once per context, under its lock, so it should not block long
 */
public record SharedClient<T extends AutoCloseable>(String name, Function<CheckContext, T> open) {

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
