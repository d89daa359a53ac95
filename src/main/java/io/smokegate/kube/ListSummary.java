package io.smokegate.kube;

/**
 * How a paginated list went: objects delivered, requests made, and whether it stopped at the object cap
 * with more left on the server.
 */
public record ListSummary(int objects, int pages, boolean truncated) {
}
