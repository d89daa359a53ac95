package io.smokegate.attribution;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pull request numbers named by commit messages: GitHub merges ("Merge pull request #N") and squashes ("(#N)"). */
final class PullRequests {

    private static final Pattern MERGE = Pattern.compile("^Merge pull request #(\\d{1,9})\\b");
    private static final Pattern SQUASH = Pattern.compile("\\(#(\\d{1,9})\\)\\s*$");
    private static final Pattern GITLAB = Pattern.compile("See merge request [^!\\s]*!(\\d{1,9})");

    private PullRequests() {
    }

    static Optional<Integer> number(String message) {
        String subject = message.lines().findFirst().orElse("");
        for (Matcher m : new Matcher[] {MERGE.matcher(subject), SQUASH.matcher(subject), GITLAB.matcher(message)}) {
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }
}
