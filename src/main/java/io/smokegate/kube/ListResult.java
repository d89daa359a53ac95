package io.smokegate.kube;

import java.util.List;

/** The objects of a paginated list and how it went. */
public record ListResult<T>(List<T> items, ListSummary summary) {

    public ListResult {
        items = List.copyOf(items);
    }
}
