package io.smokegate.input;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" for misspelled names. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code given}, if it is close enough to be a plausible typo. */
    public static Optional<String> nearest(String given, Collection<String> candidates) {
        String lower = given.toLowerCase();
        return candidates.stream()
                .filter(c -> distance(lower, c.toLowerCase()) <= Math.max(2, c.length() / 3))
                .min(Comparator.comparingInt((String c) -> distance(lower, c.toLowerCase())).thenComparing(c -> c));
    }

    /** A hint naming the nearest candidate, or listing them all when none is near. */
    public static String hint(String given, Collection<String> candidates) {
        return nearest(given, candidates)
                .map(n -> "did you mean '" + n + "'?")
                .orElseGet(() -> "expected one of: " + String.join(", ", candidates.stream().sorted().toList()));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
