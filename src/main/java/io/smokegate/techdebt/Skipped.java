package io.smokegate.techdebt;

/**
 * Something a scan could not look at, and why: {@code {"source","reason"}}. A scan that skipped anything is
 * partial, and says so here rather than failing; file sources start the reason with {@code file:line:col}.
 */
public record Skipped(String source, String reason) {
}
