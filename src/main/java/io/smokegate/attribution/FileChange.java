package io.smokegate.attribution;

import java.util.List;

/**
 * What one commit changed in one file. Lines are kept only for text files whose blobs fit the commit's diff budget;
 * {@code diffed} is false otherwise (binary, too big, or the budget was spent), and the counts are then zero.
 */
public record FileChange(String path, boolean diffed, List<Line> added, List<Line> removed) {

    /** One changed line: its number (in the new file for added lines, the old one for removed) and its text. */
    public record Line(int number, String text) {
    }

    public FileChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public int changedLines() {
        return added.size() + removed.size();
    }
}
