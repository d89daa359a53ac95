package io.smokegate.attribution;

import java.time.Duration;

/**
 * Bounds on the work of one attribution, since a range may span thousands of commits and a diff gigabytes.
 *
 * @param maxCommits candidates read at most; older commits of a longer range are left out (and the note says so)
 * @param window how far before the alert to look when no deploy marker names the suspect deploy
 * @param maxDiffBytes blob bytes read per commit to diff it; files beyond are listed but not diffed
 */
public record Limits(int maxCommits, Duration window, long maxDiffBytes) {

    public static final Limits DEFAULT = new Limits(500, Duration.ofHours(24), 1024 * 1024);

    public Limits {
        if (maxCommits < 1 || window.isNegative() || window.isZero() || maxDiffBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
