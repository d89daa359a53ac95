package io.smokegate.store;

import java.util.List;

/** One page of a run listing; {@code next} is null on the last page. */
public record RunPage(List<RunSummary> runs, String next) {
}
