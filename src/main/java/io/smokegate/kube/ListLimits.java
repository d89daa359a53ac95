package io.smokegate.kube;

/**
 * How a list is fetched: {@code pageSize} objects per request ({@code limit}, continued with the server's
 * {@code continue} token) and at most {@code maxObjects} in all, so a list of an unexpectedly large cluster
 * neither holds one huge answer in memory nor runs without end.
 */
public record ListLimits(int pageSize, int maxObjects) {

    /** kubectl's page size; a cap far above what a smoke test should need. */
    public static final ListLimits DEFAULT = new ListLimits(500, 50_000);

    public ListLimits {
        if (pageSize < 1 || maxObjects < 1) {
            throw new IllegalArgumentException("page size and object cap must be positive, got " + pageSize + " and " + maxObjects);
        }
    }
}
